import Foundation

/// A measurement moment (meetmoment): a named range of days, both ends included.
package struct Wave: Hashable, Sendable, Comparable {
    /// A stable id such as `2025-2026` or `voormeting`, used in CSV output.
    package var id: String
    /// First day, as `yyyy-MM-dd` in the Dutch calendar.
    package var start: Day
    /// Last day, included.
    package var end: Day
    /// The name reports show, e.g. "Najaar 2025" (`label:` in the configuration); `nil` derives one from the id.
    var label: String?

    package init(id: String, start: Day, end: Day, label: String? = nil) {
        self.id = id
        self.start = start
        self.end = end
        self.label = label
    }

    /// The name a reader sees: the configured label, or one derived from the id (docs/configuration.md, "waves").
    ///
    /// `2025-2026` becomes "Schooljaar 2025–2026", `2025-2026-najaar` "Najaar 2025–2026", `voormeting` "Voormeting".
    var displayName: String {
        if let label, !label.isEmpty { return label }
        return Self.derivedName(id)
    }

    /// The name derived from a wave id when no label is configured.
    static func derivedName(_ id: String) -> String {
        let parts = id.split(separator: "-").map(String.init)
        let isYear = { (part: String) in part.count == 4 && part.allSatisfy(\.isNumber) }
        if parts.count >= 2, isYear(parts[0]), isYear(parts[1]) {
            let years = "\(parts[0])–\(parts[1])"
            let rest = parts.dropFirst(2).joined(separator: " ")
            return rest.isEmpty ? "Schooljaar \(years)" : "\(capitalized(rest)) \(years)"
        }
        return capitalized(id.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " "))
    }

    private static func capitalized(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }

    func contains(_ day: Day) -> Bool { start <= day && day <= end }

    package static func < (lhs: Wave, rhs: Wave) -> Bool { (lhs.start, lhs.id) < (rhs.start, rhs.id) }

    /// The Dutch school year (1 August – 31 July) that contains `day`, named `2025-2026`.
    static func schoolYear(containing day: Day) -> Wave {
        let startYear = day.month >= 8 ? day.year : day.year - 1
        return Wave(
            id: "\(startYear)-\(startYear + 1)",
            start: Day(year: startYear, month: 8, day: 1),
            end: Day(year: startYear + 1, month: 7, day: 31))
    }
}
