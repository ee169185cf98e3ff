import Foundation

/// What the previous run released to MTs and the public, per cell: who was behind each figure and the figure.
///
/// Kept in the coordinator's part of a published run (`release-state.json`, beside `quarantine.csv`: it names
/// wpbs by identifier). Tonight's release compares each cell with it: a population that changed by 1 … k − 1
/// wpbs, or the same wpbs with a changed figure (a resubmitted form), keeps last time's figure, so two nights
/// never differ by a few people (docs/analysis.md, "Nights and waves").
package struct ReleaseState: Sendable, Equatable, Codable {
    /// One released figure: its population and value (a mean, or category counts for shares).
    package struct Entry: Sendable, Equatable, Codable {
        package var members: [String]
        package var values: [Double]
    }

    /// By ``key(_:_:_:_:_:)``.
    package var entries: [String: Entry] = [:]

    package init(entries: [String: Entry] = [:]) {
        self.entries = entries
    }

    /// The file name inside a published run.
    package static let fileName = "release-state.json"

    static func key(_ figure: String, _ unit: String, _ wave: String, _ area: String, _ extra: String = "") -> String {
        [figure, unit, wave, area, extra].joined(separator: "|")
    }

    /// The state of a published run, or an empty state when it has none (first run, or an older version).
    package static func load(from url: URL) -> ReleaseState? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(ReleaseState.self, from: data)
    }

    package func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(self).write(to: url, options: .atomic)
    }
}
