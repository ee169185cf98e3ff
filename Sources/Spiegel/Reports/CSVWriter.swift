import Foundation

/// Writes RFC 4180 CSV to a file, field by field, through a reusable byte buffer.
///
/// Built for a million-row `responses.csv`: fields are encoded straight into a `[UInt8]` buffer that is
/// flushed in chunks of ``flushThreshold`` bytes, so no row ever becomes a `String` and memory stays flat.
///
/// The format, chosen once for every CSV Spiegel writes (research data, quarantine, run outputs):
/// - records end in CRLF, as RFC 4180 §2.1 prescribes (every CSV reader also accepts it; ``Options/lineEnding``
///   can select LF);
/// - a field is quoted only when it must be: it holds the delimiter, a double quote, CR or LF; quotes inside
///   are doubled;
/// - numbers use `.` (or ``Options/decimalSeparator``), no grouping, no exponent, at most
///   ``Options/fractionDigits`` decimals with trailing zeros dropped, so `4.5`, `5`, `-0.333333`: the text is
///   independent of the locale and reads back to the value it shows;
/// - instants are ISO 8601 in UTC to the second (`2025-10-01T08:30:00Z`), days are `yyyy-MM-dd`;
/// - a missing value is an empty field.
///
/// The kind of a field (text, number, …) is given by the method that writes it, so callers use one kind per
/// column; ``Options/neutralisesFormulas`` acts on text fields only, which keeps negative numbers numbers.
public final class CSVWriter {
    /// The dialect: delimiter, line ending, BOM, decimal separator, formula neutralising.
    public struct Options: Sendable, Equatable {
        /// The field separator, an ASCII character.
        public var delimiter: UInt8
        public var lineEnding: LineEnding
        /// Start the file with the UTF-8 byte order mark, which Excel needs to read UTF-8.
        public var byteOrderMark: Bool
        /// `.` for data; `,` for the Dutch Excel copy, where `.` would turn `4.5` into a date.
        public var decimalSeparator: UInt8
        /// The most decimals a number keeps; six is far below the noise of a mean of Likert scores.
        public var fractionDigits: Int
        /// Prefix text fields that a spreadsheet would run as a formula with `'` (CSV injection).
        public var neutralisesFormulas: Bool

        public init(delimiter: UInt8 = UInt8(ascii: ","), lineEnding: LineEnding = .crlf, byteOrderMark: Bool = false,
                    decimalSeparator: UInt8 = UInt8(ascii: "."), fractionDigits: Int = 6,
                    neutralisesFormulas: Bool = false) {
            self.delimiter = delimiter
            self.lineEnding = lineEnding
            self.byteOrderMark = byteOrderMark
            self.decimalSeparator = decimalSeparator
            self.fractionDigits = min(max(fractionDigits, 0), 9)
            self.neutralisesFormulas = neutralisesFormulas
        }

        /// RFC 4180 as researchers' tools read it: `,`, CRLF, no BOM, `.` decimals.
        public static let standard = Options()

        /// For coordinators who double-click a CSV in Dutch Excel: `;`, BOM, `,` decimals, formulas neutralised.
        public static let excelFriendly = Options(delimiter: UInt8(ascii: ";"), byteOrderMark: true,
                                                  decimalSeparator: UInt8(ascii: ","), neutralisesFormulas: true)
    }

    /// How records end.
    public enum LineEnding: Sendable, Equatable {
        /// `\r\n`, RFC 4180's record separator.
        case crlf
        /// `\n`.
        case lf
    }

    /// The buffer is written out once it holds this many bytes.
    public static let flushThreshold = 1 << 16

    public let options: Options
    private let handle: FileHandle
    private let ownsHandle: Bool
    /// For error messages.
    private let url: URL?
    private var buffer: [UInt8] = []
    private var fieldsInRow = 0
    private var isFinished = false
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    /// Powers of ten up to 10^9, for ``Options/fractionDigits``.
    private static let powersOfTen: [Int64] = (0...9).map { exponent in (0..<exponent).reduce(1) { value, _ in value * 10 } }

    /// Writes to a handle the caller owns and closes; ``finish()`` only flushes.
    public init(fileHandle: FileHandle, options: Options = .standard) {
        self.handle = fileHandle
        self.ownsHandle = false
        self.url = nil
        self.options = options
        start()
    }

    /// Creates (or truncates) the file at `url`; ``finish()`` flushes and closes it.
    public init(creatingFileAt url: URL, options: Options = .standard) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CSVWriterError.cannotCreate(file: url.path)
        }
        do {
            self.handle = try FileHandle(forWritingTo: url)
        } catch {
            throw CSVWriterError.cannotCreate(file: url.path)
        }
        self.ownsHandle = true
        self.url = url
        self.options = options
        start()
    }

    deinit {
        // A writer dropped after an error still releases its descriptor; the data is incomplete anyway.
        if ownsHandle && !isFinished { try? handle.close() }
    }

    private func start() {
        buffer.reserveCapacity(Self.flushThreshold + 4096)
        if options.byteOrderMark { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    }

    // MARK: Fields

    /// A text field; `nil` or empty is an empty field.
    public func writeText(_ text: String?) {
        beginField()
        guard var text, !text.isEmpty else { return }
        text.withUTF8 { appendText($0) }
    }

    /// An integer field; `nil` is an empty field.
    public func writeInteger(_ value: Int?) {
        beginField()
        guard let value else { return }
        appendInteger(Int64(value))
    }

    /// A decimal number; `nil`, NaN and infinities are an empty field.
    public func writeNumber(_ value: Double?) {
        beginField()
        guard let value, value.isFinite else { return }
        appendNumber(value)
    }

    /// `true` or `false`, as Frictionless and pandas read booleans; `nil` is an empty field.
    public func writeBoolean(_ value: Bool?) {
        beginField()
        guard let value else { return }
        buffer.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
    }

    /// An instant as ISO 8601 in UTC, whole seconds: `2025-10-01T08:30:00Z`.
    public func writeDate(_ date: Date?) {
        beginField()
        guard let date else { return }
        appendInstant(date)
    }

    /// A calendar day as `yyyy-MM-dd`.
    public func writeDay(_ day: Day?) {
        beginField()
        guard let day else { return }
        appendPadded(Int64(day.year), width: 4)
        buffer.append(UInt8(ascii: "-"))
        appendPadded(Int64(day.month), width: 2)
        buffer.append(UInt8(ascii: "-"))
        appendPadded(Int64(day.day), width: 2)
    }

    /// An empty field.
    public func writeMissing() {
        beginField()
    }

    /// One field of any kind.
    public func write(_ value: CSVValue) {
        switch value {
        case let .text(text): writeText(text)
        case let .integer(number): writeInteger(number)
        case let .number(number): writeNumber(number)
        case let .boolean(flag): writeBoolean(flag)
        case let .date(date): writeDate(date)
        case let .day(day): writeDay(day)
        }
    }

    // MARK: Records

    /// Ends the current record; writes the buffer out when it is full.
    public func endRow() throws {
        switch options.lineEnding {
        case .crlf: buffer.append(contentsOf: [0x0D, 0x0A])
        case .lf: buffer.append(0x0A)
        }
        fieldsInRow = 0
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// A whole record.
    public func writeRow(_ values: [CSVValue]) throws {
        for value in values { write(value) }
        try endRow()
    }

    /// A header record: the column names, as text (never neutralised: names are ours).
    public func writeHeader(_ names: [String]) throws {
        for name in names {
            beginField()
            var name = name
            name.withUTF8 { appendText($0, neutralise: false) }
        }
        try endRow()
    }

    /// Writes out what is buffered, and closes the file when the writer opened it. Call once, at the end.
    public func finish() throws {
        guard !isFinished else { return }
        if fieldsInRow > 0 { try endRow() }
        try flush()
        isFinished = true
        if ownsHandle {
            do { try handle.close() } catch { throw CSVWriterError.writeFailed(file: url?.path, reason: "\(error)") }
        }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw CSVWriterError.writeFailed(file: url?.path, reason: "\(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    // MARK: Encoding

    private func beginField() {
        if fieldsInRow > 0 { buffer.append(options.delimiter) }
        fieldsInRow += 1
    }

    private func appendText(_ bytes: UnsafeBufferPointer<UInt8>, neutralise: Bool? = nil) {
        guard let first = bytes.first else { return }
        let delimiter = options.delimiter
        var needsQuotes = false
        for byte in bytes where byte == delimiter || byte == 0x22 || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        let prefix = (neutralise ?? options.neutralisesFormulas) && Self.startsFormula(first)
        if !needsQuotes {
            if prefix { buffer.append(UInt8(ascii: "'")) }
            buffer.append(contentsOf: bytes)
            return
        }
        buffer.append(0x22)
        if prefix { buffer.append(UInt8(ascii: "'")) }
        for byte in bytes {
            if byte == 0x22 { buffer.append(0x22) }
            buffer.append(byte)
        }
        buffer.append(0x22)
    }

    /// `=`, `+`, `-`, `@` start a formula in Excel and LibreOffice; tab and CR do too after their trimming.
    private static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }

    private func appendInteger(_ value: Int64) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude)
    }

    private func appendDigits(_ value: UInt64) {
        if value < 10 {
            buffer.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        // Least significant digit first, then turned around in place: no temporary array per number.
        let start = buffer.count
        var rest = value
        while rest > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        }
        let end = buffer.count
        buffer[start..<end].reverse()
    }

    private func appendPadded(_ value: Int64, width: Int) {
        var digits = 1
        var rest = value.magnitude / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        for _ in digits..<max(width, digits) { buffer.append(UInt8(ascii: "0")) }
        appendDigits(value.magnitude)
    }

    private func appendNumber(_ value: Double) {
        let digits = options.fractionDigits
        let scale = Self.powersOfTen[digits]
        let scaled = (value * Double(scale)).rounded()
        // Beyond 2^53 the fixed-point trick loses integers; such numbers never occur in Spiegel's data,
        // but the shortest round-trip description is still correct, only with an exponent.
        guard abs(scaled) < 9.0e15 else {
            var text = "\(value)"
            text.withUTF8 { buffer.append(contentsOf: $0) }
            return
        }
        let fixed = Int64(scaled)
        // -0.0000001 rounds to 0 and must read "0", not "-0".
        if fixed < 0 { buffer.append(UInt8(ascii: "-")) }
        let magnitude = fixed.magnitude
        appendDigits(magnitude / UInt64(scale))
        var fraction = magnitude % UInt64(scale)
        guard fraction != 0 else { return }
        var width = digits
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        buffer.append(options.decimalSeparator)
        appendPadded(Int64(fraction), width: width)
    }

    private func appendInstant(_ date: Date) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = Self.civilDate(daysSince1970: days)
        appendPadded(year, width: 4)
        buffer.append(UInt8(ascii: "-"))
        appendPadded(month, width: 2)
        buffer.append(UInt8(ascii: "-"))
        appendPadded(day, width: 2)
        buffer.append(UInt8(ascii: "T"))
        appendPadded(secondOfDay / 3600, width: 2)
        buffer.append(UInt8(ascii: ":"))
        appendPadded(secondOfDay % 3600 / 60, width: 2)
        buffer.append(UInt8(ascii: ":"))
        appendPadded(secondOfDay % 60, width: 2)
        buffer.append(UInt8(ascii: "Z"))
    }

    /// The proleptic Gregorian date of a day count, without Calendar (which is slow and locale-bound);
    /// the era arithmetic is Howard Hinnant's `civil_from_days`.
    static func civilDate(daysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
