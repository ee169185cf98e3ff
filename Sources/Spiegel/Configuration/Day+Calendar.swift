import Foundation

extension Day {
    /// The calendar day in the Netherlands at `date`: waves, releases and research dates are Dutch calendar days.
    ///
    /// One calendar, made once: building a `Calendar` per call (as two copies of this did) cost a second per
    /// million forms in the research writer.
    init(dutchDayOf date: Date) {
        let parts = Self.dutchCalendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// Dutch days of many instants in turn, as ``init(dutchDayOf:)`` gives them: the bounds of the last day asked
    /// for are tried first, so instants in time order (as exports list forms) ask the calendar about once a day
    /// rather than once a form, which cost the research writer 2 % of a ten-year night.
    struct DutchDays {
        private var last: (start: Date, end: Date, day: Day)?

        init() {}

        mutating func day(of date: Date) -> Day {
            if let last, date >= last.start, date < last.end { return last.day }
            let day = Day(dutchDayOf: date)
            if let interval = Day.dutchCalendar.dateInterval(of: .day, for: date) {
                last = (interval.start, interval.end, day)
            }
            return day
        }
    }

    private static let dutchCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: PipelineConfiguration.Defaults.timeZone) ?? .gmt
        return calendar
    }()

    /// Days from 1970-01-01 to this day in the proleptic Gregorian calendar (negative before).
    ///
    /// Written out rather than asking `Calendar`, which is slow in tight loops and locale-bound;
    /// the era arithmetic is Howard Hinnant's `days_from_civil`.
    package var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = Self.floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let monthIndex = (month + 9) % 12
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468  // 719468: days from 0000-03-01 to 1970-01-01
    }

    /// The day `days` after 1970-01-01 (Hinnant's `civil_from_days`).
    package init(daysSince1970 days: Int) {
        let z = days + 719_468
        let era = Self.floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let m = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        self.init(year: yearOfEra + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// 0 = Sunday … 6 = Saturday.
    package var weekday: Int {
        Self.floorModulo(daysSince1970 + 4, 7)  // 1970-01-01 was a Thursday
    }

    static func floorDivide(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : (a - b + 1) / b }
    static func floorModulo(_ a: Int, _ b: Int) -> Int { a - floorDivide(a, b) * b }
}
