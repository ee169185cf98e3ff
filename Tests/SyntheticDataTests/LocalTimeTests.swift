import Testing

@testable import Spiegel
@testable import SyntheticData

@Suite("Local time formatting for exports")
struct LocalTimeTests {
    @Test("days count from 2000-01-01 and round-trip through the calendar")
    func calendar() {
        #expect(LocalTime.daysSinceEpoch(Day(year: 2000, month: 1, day: 1)) == 0)
        #expect(LocalTime.daysSinceEpoch(Day(year: 2000, month: 3, day: 1)) == 60)  // 2000 is a leap year
        #expect(LocalTime.daysSinceEpoch(Day(year: 1999, month: 12, day: 31)) == -1)
        // 25 years of 365 days plus the leap days of 2000, 2004, …, 2024 (seven).
        #expect(LocalTime.daysSinceEpoch(Day(year: 2025, month: 1, day: 1)) == 25 * 365 + 7)
        for day in [Day(year: 2024, month: 2, day: 29), Day(year: 2025, month: 10, day: 14), Day(year: 2100, month: 3, day: 1)] {
            #expect(LocalTime.civil(fromDays: LocalTime.daysSinceEpoch(day)) == day)
        }
        #expect(LocalTime.weekday(Day(year: 2025, month: 10, day: 14)) == 2)  // a Tuesday
        #expect(LocalTime.lastSunday(ofMonth: 3, year: 2026) == Day(year: 2026, month: 3, day: 29))
        #expect(LocalTime.lastSunday(ofMonth: 10, year: 2025) == Day(year: 2025, month: 10, day: 26))
    }

    @Test("the three tools' timestamp formats, with Dutch summer time in Google's offset")
    func formats() {
        let october = LocalTime(Day(year: 2025, month: 10, day: 14), hour: 15, minute: 2, second: 5)
        #expect(october.formatted(.dutchExcel) == "14-10-2025 15:02:05")
        #expect(october.formatted(.googleForms) == "2025/10/14 3:02:05 PM GMT+2")
        #expect(october.formatted(.iso) == "2025-10-14 15:02:05")
        let november = LocalTime(Day(year: 2025, month: 11, day: 3), hour: 0, minute: 30, second: 0)
        #expect(november.formatted(.dutchExcel) == "3-11-2025 00:30:00")
        #expect(november.formatted(.googleForms) == "2025/11/03 12:30:00 AM GMT+1")
        let noon = LocalTime(Day(year: 2026, month: 4, day: 1), hour: 12)
        #expect(noon.formatted(.googleForms) == "2026/04/01 12:00:00 PM GMT+2")
    }
}
