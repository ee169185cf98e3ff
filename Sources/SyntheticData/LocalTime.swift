import Spiegel

/// A wall-clock time in the Netherlands, as survey tools print it: seconds since
/// 2000-01-01 00:00:00 local time, formatted by hand because `DateFormatter` is far too slow for
/// a million rows and its output differs between platforms and locales.
struct LocalTime: Comparable {
    var seconds: Int

    enum Format {
        /// Microsoft Forms through Dutch Excel: `d-M-yyyy HH:mm:ss`.
        case dutchExcel
        /// Google Forms: `yyyy/MM/dd h:mm:ss a 'GMT'+1` (or `+2` in summer time).
        case googleForms
        /// LimeSurvey: `yyyy-MM-dd HH:mm:ss`.
        case iso
    }

    init(seconds: Int) { self.seconds = seconds }

    init(_ day: Day, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        seconds = (Self.daysSinceEpoch(day) * 86_400) + hour * 3600 + minute * 60 + second
    }

    static func < (a: LocalTime, b: LocalTime) -> Bool { a.seconds < b.seconds }

    func adding(seconds delta: Int) -> LocalTime { LocalTime(seconds: seconds + delta) }

    var day: Day { Self.civil(fromDays: seconds.floorDiv(86_400)) }

    // MARK: Calendar arithmetic (proleptic Gregorian, after H. Hinnant's algorithms)

    /// Days from 2000-01-01, this type's epoch, to `day`.
    static func daysSinceEpoch(_ day: Day) -> Int { day.daysSince1970 - daysFrom1970To2000 }

    static func civil(fromDays days: Int) -> Day { Day(daysSince1970: days + daysFrom1970To2000) }

    private static let daysFrom1970To2000 = 10_957

    /// 0 = Sunday … 6 = Saturday.
    static func weekday(_ day: Day) -> Int { day.weekday }

    static func lastSunday(ofMonth month: Int, year: Int) -> Day {
        let last = Day(year: year, month: month, day: Day.daysIn(month: month, year: year))
        return Day(year: year, month: month, day: last.day - weekday(last))
    }

    /// Whether Dutch summer time (CEST, GMT+2) applies: from the last Sunday of March 02:00 to the
    /// last Sunday of October 03:00, local time.
    var isSummerTime: Bool {
        let year = day.year
        let start = LocalTime(Self.lastSunday(ofMonth: 3, year: year), hour: 2)
        let end = LocalTime(Self.lastSunday(ofMonth: 10, year: year), hour: 3)
        return start <= self && self < end
    }

    // MARK: Formatting

    func append(to buffer: inout [UInt8], _ format: Format) {
        let d = day
        let secondOfDay = seconds.floorMod(86_400)
        let hour = secondOfDay / 3600, minute = secondOfDay / 60 % 60, second = secondOfDay % 60
        switch format {
        case .dutchExcel:
            Self.number(d.day, width: 1, &buffer)
            buffer.append(0x2D)
            Self.number(d.month, width: 1, &buffer)
            buffer.append(0x2D)
            Self.number(d.year, width: 4, &buffer)
            buffer.append(0x20)
            Self.clock(hour, minute, second, hourWidth: 2, &buffer)
        case .googleForms:
            Self.number(d.year, width: 4, &buffer)
            buffer.append(0x2F)
            Self.number(d.month, width: 2, &buffer)
            buffer.append(0x2F)
            Self.number(d.day, width: 2, &buffer)
            buffer.append(0x20)
            let twelveHour = hour % 12 == 0 ? 12 : hour % 12
            Self.clock(twelveHour, minute, second, hourWidth: 1, &buffer)
            buffer.append(contentsOf: hour < 12 ? Array(" AM GMT+".utf8) : Array(" PM GMT+".utf8))
            buffer.append(isSummerTime ? 0x32 : 0x31)
        case .iso:
            Self.number(d.year, width: 4, &buffer)
            buffer.append(0x2D)
            Self.number(d.month, width: 2, &buffer)
            buffer.append(0x2D)
            Self.number(d.day, width: 2, &buffer)
            buffer.append(0x20)
            Self.clock(hour, minute, second, hourWidth: 2, &buffer)
        }
    }

    /// The time as text in `format`, for tests and small outputs.
    func formatted(_ format: Format) -> String {
        var bytes: [UInt8] = []
        append(to: &bytes, format)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func clock(_ hour: Int, _ minute: Int, _ second: Int, hourWidth: Int, _ buffer: inout [UInt8]) {
        number(hour, width: hourWidth, &buffer)
        buffer.append(0x3A)
        number(minute, width: 2, &buffer)
        buffer.append(0x3A)
        number(second, width: 2, &buffer)
    }

    /// Appends a non-negative number padded with zeros to at least `width` digits.
    private static func number(_ value: Int, width: Int, _ buffer: inout [UInt8]) {
        var divisor = 1, digits = 1
        while divisor <= value / 10 {
            divisor *= 10
            digits += 1
        }
        if digits < width { buffer.append(contentsOf: repeatElement(0x30, count: width - digits)) }
        while divisor > 0 {
            buffer.append(0x30 + UInt8((value / divisor) % 10))
            divisor /= 10
        }
    }
}

fileprivate extension Int {
    func floorDiv(_ divisor: Int) -> Int {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }

    func floorMod(_ divisor: Int) -> Int { self - floorDiv(divisor) * divisor }
}
