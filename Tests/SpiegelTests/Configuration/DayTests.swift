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
}
