import Foundation

/// Reads submission times in the formats survey tools write, as configured patterns (docs/configuration.md).
///
/// Patterns are Unicode date patterns (`d-M-yyyy HH:mm:ss`, `yyyy/MM/dd h:mm:ss a O`, …), tried in
/// order. Patterns made of numeric fields, literals, `a` and offsets are matched by a small
/// hand-written interpreter; anything else (month names, weekdays) falls back to `DateFormatter`.
/// Why not DateFormatter for everything: each call runs ICU's pattern matcher, locale data and
/// calendar arithmetic and allocates along the way — microseconds per value, seconds per million
/// rows — while the interpreter is a few comparisons per byte plus a cached time-zone offset.
/// Times without an offset are Europe/Amsterdam local time, daylight saving included.
final class SubmissionDateParser {
    /// A submission time and the calendar day it fell on in local time (for the wave).
    struct Parsed: Sendable, Equatable {
        var date: Date
        var localDay: Day
    }

    let formats: [String]
    private let patterns: [Pattern]
    private let timeZone: TimeZone
    private var offsetCache: [Int: Int] = [:]

    init(
        formats: [String] = PipelineConfiguration.Defaults.dateFormats,
        timeZone: TimeZone = TimeZone(identifier: PipelineConfiguration.Defaults.timeZone) ?? .current
    ) {
        self.formats = formats
        self.timeZone = timeZone
        patterns = formats.map { format in
            if let tokens = Token.compile(format) { return .fast(tokens) }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = timeZone
            formatter.dateFormat = format
            formatter.isLenient = false
            return .formatter(formatter)
        }
    }

    /// The first pattern that reads all of `text` (surrounding spaces ignored), or `nil`.
    func parse(_ text: String) -> Parsed? {
        var bytes = Array(text.utf8)
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        let leading = bytes.prefix { $0 == 0x20 || $0 == 0x09 }.count
        if leading > 0 { bytes.removeFirst(leading) }
        guard !bytes.isEmpty else { return nil }
        for pattern in patterns {
            switch pattern {
            case .fast(let tokens):
                if let fields = Self.match(tokens, bytes), let parsed = resolve(fields) { return parsed }
            case .formatter(let formatter):
                if let date = formatter.date(from: String(decoding: bytes, as: UTF8.self)) {
                    return Parsed(date: date, localDay: localDay(of: date))
                }
            }
        }
        return nil
    }

    private enum Pattern {
        case fast([Token])
        case formatter(DateFormatter)
    }

    /// The fields a pattern read.
    struct Fields {
        var year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0
        var nanoseconds = 0
        var isPM: Bool?
        /// Seconds east of UTC when the text gave an offset.
        var offset: Int?
    }

    private func resolve(_ fields: Fields) -> Parsed? {
        var hour = fields.hour
        if let isPM = fields.isPM {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (isPM ? 12 : 0)
        }
        guard (1...12).contains(fields.month), (1...Day.daysIn(month: fields.month, year: fields.year)).contains(fields.day),
            (0...23).contains(hour), (0...59).contains(fields.minute), (0...60).contains(fields.second)
        else { return nil }
        let days = Day(year: fields.year, month: fields.month, day: fields.day).daysSince1970
        let wallClock = days * 86_400 + hour * 3600 + fields.minute * 60 + fields.second
        let fraction = Double(fields.nanoseconds) / 1e9
        if let offset = fields.offset {
            let instant = wallClock - offset
            return Parsed(
                date: Date(timeIntervalSince1970: Double(instant) + fraction),
                localDay: Day(daysSince1970: Self.floorDivide(instant + localOffset(utc: instant), 86_400)))
        }
        let instant = wallClock - localOffset(wallClock: wallClock)
        return Parsed(
            date: Date(timeIntervalSince1970: Double(instant) + fraction),
            localDay: Day(year: fields.year, month: fields.month, day: fields.day))
    }

    private func localDay(of date: Date) -> Day {
        let instant = Int(date.timeIntervalSince1970.rounded(.down))
        return Day(daysSince1970: Self.floorDivide(instant + localOffset(utc: instant), 86_400))
    }

    /// The zone's offset at a UTC instant, cached per hour (zones change offset on the hour).
    private func localOffset(utc instant: Int) -> Int {
        let hour = Self.floorDivide(instant, 3600)
        if let cached = offsetCache[hour] { return cached }
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(hour * 3600)))
        offsetCache[hour] = offset
        return offset
    }

    /// The offset for a local wall-clock time. In the hour skipped in spring the earlier offset is
    /// used (02:30 becomes 03:30 summer time); in the hour repeated in autumn, the winter-time one.
    private func localOffset(wallClock: Int) -> Int {
        let guess = localOffset(utc: wallClock - localOffset(utc: wallClock))
        let check = localOffset(utc: wallClock - guess)
        return check == guess ? guess : min(guess, check)
    }

    static func floorDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : (a - b + 1) / b
    }
}
