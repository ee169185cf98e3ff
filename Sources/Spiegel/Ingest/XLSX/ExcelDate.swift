/// Excel's date serials (days since an epoch, the time as the fraction) as wall-clock text.
///
/// Excel stores no time zone: a serial is the local time the form tool wrote, which is what the
/// CSV twin of the same export shows as text. The 1900 system counts 1900-02-29, which never
/// existed, so serials from 61 on are one day ahead of the true count (ECMA-376 part 1, §18.17.4.1).
enum ExcelDate {
    /// `yyyy-MM-dd HH:mm:ss`, or nil for a serial outside years 1900–9999.
    static func text(serial: Double, uses1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        // Whole seconds, rounded: Excel keeps times as binary fractions of a day.
        let totalSeconds = Int((serial * 86_400).rounded())
        var days = totalSeconds / 86_400
        let seconds = totalSeconds % 86_400
        // Days since 1970-01-01 of the serial's day.
        if uses1904 {
            days += -24_107  // 1904-01-01
        } else {
            days += days < 61 ? -25_568 : -25_569  // 1899-12-31 before the phantom leap day, 1899-12-30 after
        }
        let (year, month, day) = civil(fromDays: days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day)) \(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }

    /// The proleptic Gregorian date of a day count from 1970-01-01 (Howard Hinnant's `civil_from_days`).
    static func civil(fromDays z: Int) -> (Int, Int, Int) {
        let z = z + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
