import Foundation

/// The "Aan de slag" suggestions of the school workbook: per competency area, two or three development steps from
/// the partnership's own framework, as data a partnership can rewrite (docs/configuration.md, "Development steps").
struct DevelopmentSteps: Sendable, Equatable {
    /// Where the steps come from, as the workbook names it ("de bekwaamheden van de werkplekopleider …").
    var source: String
    /// Steps per area id, in the order written.
    var steps: [String: [String]]

    init(source: String, steps: [String: [String]]) {
        self.source = source
        self.steps = steps
    }

    /// The file read when `Pipeline.yml` names none and it exists next to the configuration.
    static let defaultPath = "Data/development-steps.yml"

    /// Reads a steps file, reporting problems to `diagnostics`; `areas` are the area ids the instruments define.
    static func read(
        _ url: URL, displayName: String, referencedAt: ConfigurationError.Location?, areas: Set<String>,
        diagnostics: ConfigurationDiagnostics
    ) -> DevelopmentSteps? {
        guard let root = YAMLReader.read(url, displayName: displayName, referencedAt: referencedAt, diagnostics: diagnostics),
            let file = root.mapping(keys: ["source", "areas"]),
            let source = file.required("source")?.string(),
            let entries = file.required("areas")?.uniqueEntries()
        else { return nil }
        var steps: [String: [String]] = [:]
        for entry in entries {
            guard areas.isEmpty || areas.contains(entry.key) else {
                diagnostics.report(
                    .invalidChoice(
                        context: "areas in \(displayName)", value: entry.key, allowed: areas.sorted(), suggestion: nil,
                        at: entry.keyLocation))
                continue
            }
            let texts = (entry.value.sequence() ?? []).compactMap { $0.string() }
            guard (1...5).contains(texts.count) else {
                diagnostics.report(
                    .outOfRange(
                        context: "areas.\(entry.key) in \(displayName)", value: "\(texts.count) steps",
                        requirement: "one to five steps", at: entry.keyLocation))
                continue
            }
            steps[entry.key] = texts
        }
        return DevelopmentSteps(source: source, steps: steps)
    }
}
