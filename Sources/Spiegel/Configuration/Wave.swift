import Foundation

/// A measurement moment (meetmoment): a named range of days, both ends included.
public struct Wave: Hashable, Sendable, Comparable {
    /// A stable id such as `2025-2026` or `voormeting`, used in CSV output.
    public var id: String
    /// First day, as `yyyy-MM-dd` in the Dutch calendar.
    public var start: Day
    /// Last day, included.
    public var end: Day
    /// A name for people, e.g. `Najaar 2025 (voormeting)`; `nil` when the configuration gives none.
    public var label: String?

    public init(id: String, start: Day, end: Day, label: String? = nil) {
        self.id = id
        self.start = start
        self.end = end
        self.label = label
    }

    /// The configured label, else `Schooljaar 2025-2026` for a school year, else the id.
    public var title: String {
        if let label, !label.isEmpty { return label }
        return self == Self.schoolYear(containing: start) ? "Schooljaar \(id)" : id
    }

    public func contains(_ day: Day) -> Bool { start <= day && day <= end }

    public static func < (lhs: Wave, rhs: Wave) -> Bool { (lhs.start, lhs.id) < (rhs.start, rhs.id) }

    /// The Dutch school year (1 August – 31 July) that contains `day`, named `2025-2026`.
    public static func schoolYear(containing day: Day) -> Wave {
        let startYear = day.month >= 8 ? day.year : day.year - 1
        return Wave(id: "\(startYear)-\(startYear + 1)",
                    start: Day(year: startYear, month: 8, day: 1),
                    end: Day(year: startYear + 1, month: 7, day: 31))
    }
}
