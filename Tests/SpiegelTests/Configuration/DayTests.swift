import Foundation
import Testing

@testable import Spiegel
@testable import SyntheticData

@Suite struct DayTests {
    /// Day's hand-written calendar arithmetic against Foundation's Calendar on random days.
    @Test func calendarArithmeticMatchesFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<500 {
            let days = Int.random(in: -100_000...200_000, using: &generator)  // Foundation turns Julian before 1582
            let date = Date(timeIntervalSince1970: Double(days) * 86_400)
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
            let day = Day(daysSince1970: days)
            #expect(day == Day(year: parts.year!, month: parts.month!, day: parts.day!))
            #expect(day.daysSince1970 == days)
            #expect(day.weekday == parts.weekday! - 1, "Foundation counts Sunday as 1")
        }
    }

    @Test func knownDays() {
        #expect(Day(year: 1970, month: 1, day: 1).daysSince1970 == 0)
        #expect(Day(year: 2000, month: 3, day: 1).daysSince1970 == 11_017)  // 30 years, 7 leap days, Jan + Feb 2000
        #expect(Day(daysSince1970: -1) == Day(year: 1969, month: 12, day: 31))
        #expect(Day(year: 2026, month: 11, day: 22).weekday == 0)  // a Sunday
    }

    /// The cached Dutch day of an instant is the calendar's, around midnights and both clock changes of 2026, in
    /// time order (the cache's case) and shuffled; four instants checked by hand against Amsterdam's offsets.
    @Test func dutchDaysInTurnAreTheCalendarsDays() {
        func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
        var days = Day.DutchDays()
        #expect(days.day(of: at("2026-03-28T23:30:00Z")) == Day(year: 2026, month: 3, day: 29))  // 00:30 CET
        #expect(days.day(of: at("2026-10-24T22:30:00Z")) == Day(year: 2026, month: 10, day: 25))  // 00:30 CEST
        #expect(days.day(of: at("2026-10-25T22:59:59Z")) == Day(year: 2026, month: 10, day: 25))  // 23:59:59 CET
        #expect(days.day(of: at("2026-10-25T23:00:00Z")) == Day(year: 2026, month: 10, day: 26))  // midnight CET
        var instants: [Date] = []
        for start in ["2026-03-27T12:00:00Z", "2026-10-23T12:00:00Z", "2026-07-01T12:00:00Z"] {
            for step in 0..<(4 * 24 * 4) { instants.append(at(start).addingTimeInterval(Double(step) * 900 + 59)) }
        }
        var generator = SeededGenerator(seed: 11)
        for order in [instants, instants.shuffled(using: &generator)] {
            var cached = Day.DutchDays()
            for instant in order { #expect(cached.day(of: instant) == Day(dutchDayOf: instant), "\(instant)") }
        }
    }
}
