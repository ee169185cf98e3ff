import Foundation

/// `reminders.csv`: for the current wave, every wpb who still lacks a self-scan, student feedback or SO
/// feedback, with name, e-mail address and school, for a mail merge. It names people: coordinator only.
///
/// The current wave is the wave that contains the run's day; between waves, the latest wave that has begun.
/// A wave without any wpb form yet lists every roster wpb as lacking everything.
struct ReminderList: Sendable {
    static let fileName = "reminders.csv"
    static let columns =
        ["wave", "school_id", "school_name", "name", "email", "missing"]
        + Analyzer.triadRoles.map { $0.about.fileKey + "_missing" }

    /// One person to remind.
    struct Entry: Sendable, Equatable {
        var school: String
        var supervisor: String
        var name: String?
        var missing: [Role]
    }

    let wave: Wave
    let entries: [Entry]

    /// `nil` when the job has no wave yet that has begun by `day`.
    init?(result: AnalysisResult, registry: Registry, waves configured: [Wave], day: Day) {
        let waves = configured.isEmpty ? result.waves : configured
        guard
            let wave = waves.first(where: { $0.contains(day) }) ?? waves.filter({ $0.start <= day }).max()
                ?? (configured.isEmpty ? Wave.schoolYear(containing: day) : nil)
        else { return nil }
        self.wave = wave
        let summaries = result.response.filter { $0.wave == wave.id }
        var entries: [Entry] = []
        if summaries.isEmpty {
            // No form of this wave has arrived: everyone on the roster lacks everything.
            for entry in registry.roster {
                entries.append(
                    Entry(school: entry.school, supervisor: entry.supervisor, name: entry.name, missing: Analyzer.triadRoles))
            }
        } else {
            for summary in summaries {
                entries += summary.missing.map {
                    Entry(school: summary.school, supervisor: $0.supervisor, name: $0.name, missing: $0.roles)
                }
            }
        }
        self.entries = entries.sorted { ($0.school, $0.name ?? "", $0.supervisor) < ($1.school, $1.name ?? "", $1.supervisor) }
    }

    /// Writes the list for Dutch Excel and Word's mail merge: `;`, UTF-8 with BOM, formulas neutralised.
    func write(to url: URL, registry: Registry) throws {
        let writer = try CSVWriter(creatingFileAt: url, options: .excelFriendly)
        try writer.writeHeader(Self.columns)
        for entry in entries {
            func flag(_ role: Role) -> CSVValue { .text(entry.missing.contains(role) ? "ja" : "nee") }
            try writer.writeRow(
                [
                    .text(wave.id), .text(entry.school), .text(registry.school(entry.school)?.name ?? ""),
                    .text(entry.name ?? ""),
                    .text(entry.supervisor.contains("@") ? entry.supervisor : ""),
                    .text(entry.missing.map(Self.formName).joined(separator: ", ")),
                ] + Analyzer.triadRoles.map(flag))
        }
        try writer.finish()
    }

    /// The form a role's absence stands for, as a reminder mail would name it.
    static func formName(_ role: Role) -> String { role.about.reminderPhrase }
}
