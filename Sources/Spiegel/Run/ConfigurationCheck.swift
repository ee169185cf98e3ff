import Foundation

/// `spiegel check`: loads and validates the configuration and reads every export as a run would,
/// then reports per source what would be used and quarantined. Writes nothing.
public struct ConfigurationCheck {
    public struct Outcome: Sendable {
        /// `.success` when the job could run (quarantined rows do not stop a run).
        public var status: ExitStatus
        public var text: String
    }

    public let configurationFile: URL

    public init(configurationFile: URL) {
        self.configurationFile = configurationFile
    }

    public func perform() -> Outcome {
        let configuration: PipelineConfiguration
        do {
            configuration = try PipelineConfiguration.load(from: configurationFile)
        } catch {
            return Outcome(status: .configurationError, text: "Configuration error:\n\(error)")
        }
        var lines = ["Configuration \(configurationFile.path): valid."]
        lines.append("  instruments: " + configuration.instruments.keys.sorted().joined(separator: ", "))
        lines.append("  registry: \(configuration.registry.partnerships.count) partnerships, "
            + "\(configuration.registry.schools.count) schools, \(configuration.registry.roster.count) wpbs on the roster")
        let waves = configuration.waves.isEmpty ? "one per school year (1 August – 31 July)"
            : configuration.waves.map { "\($0.id) (\($0.start) – \($0.end))" }.joined(separator: ", ")
        lines.append("  waves: \(waves)")
        lines += configuration.warnings.map { "  warning: \($0)" }

        let ingest: IngestResult
        do {
            ingest = try FormIngest(configuration: configuration).run()
        } catch {
            return Outcome(status: .inputError, text: (lines + ["", "Input error: \(error)"]).joined(separator: "\n"))
        }
        lines.append("")
        for source in configuration.sources {
            lines.append("Source \(source.name) → instrument \(source.instrument)")
            let summaries = ingest.files.filter { $0.source == source.name }
            if summaries.isEmpty { lines.append("  no files match \(source.pattern)") }
            for file in summaries {
                lines.append("  \(file.path): \(file.dialect)")
                lines.append("    \(file.rowsRead) rows: \(file.rowsUsed) would be used, \(file.rowsQuarantined) quarantined")
                var reasons: [String: Int] = [:]
                for record in ingest.quarantine where record.origin.file == file.path { reasons[record.reason.rawValue, default: 0] += 1 }
                for (reason, count) in reasons.sorted(by: { $0.key < $1.key }) { lines.append("      \(reason): \(count)") }
            }
        }
        lines.append("")
        lines.append("The job can run: \(ingest.forms.count) forms would be used, \(ingest.quarantine.count) rows quarantined.")
        return Outcome(status: .success, text: lines.joined(separator: "\n"))
    }
}
