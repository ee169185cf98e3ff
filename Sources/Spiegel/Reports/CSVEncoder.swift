import Foundation

/// The byte-level half of ``CSVWriter``: appends encoded fields and records to a `[UInt8]` buffer.
///
/// Speed matters here (19 million fields for a national `responses.csv`), so the buffer is raw memory: each field
/// reserves its worst-case size once, then stores bytes without bounds or uniqueness checks. Measured with `-O`,
/// this is several times faster than appending to a `[UInt8]` byte by byte.
///
/// The owner (``CSVWriter``) calls ``release()`` once; copies of an encoder share its memory, so never keep one.
struct CSVEncoder {
    let options: CSVWriter.Options
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The number of encoded bytes not yet written out.
    private(set) var count = 0
    private var fieldsInRecord = 0
    private let scale: Int64
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)

    init(options: CSVWriter.Options, capacity: Int) {
        self.options = options
        var scale: Int64 = 1
        for _ in 0..<options.fractionDigits { scale *= 10 }
        self.scale = scale
        self.capacity = max(capacity, 64)
        self.storage = .allocate(capacity: self.capacity)
        if options.byteOrderMark {
            put(0xEF)
            put(0xBB)
            put(0xBF)
        }
    }

    /// The encoded bytes not yet written out.
    var pending: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

    /// Forgets the pending bytes once they are written out.
    mutating func clear() { count = 0 }

    /// Frees the memory; the encoder must not be used afterwards.
    func release() { storage.deallocate() }

    /// Makes room for `extra` more bytes; ``put(_:)`` relies on it.
    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let newCapacity = max(capacity * 2, count + extra)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        larger.update(from: storage, count: count)
        storage.deallocate()
        storage = larger
        capacity = newCapacity
    }

    @inline(__always) private mutating func put(_ byte: UInt8) {
        storage[count] = byte
        count &+= 1
    }

    private mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        (storage + count).update(from: base, count: bytes.count)
        count &+= bytes.count
    }

    var isInsideRecord: Bool { fieldsInRecord > 0 }

    /// Where a fragment starts: the byte count and the fields of the record around it.
    struct Mark {
        var count: Int
        var fieldsInRecord: Int
    }

    /// Starts encoding fields that will be taken out again by ``takeFragment(since:)``.
    mutating func beginFragment() -> Mark {
        defer { fieldsInRecord = 0 }
        return Mark(count: count, fieldsInRecord: fieldsInRecord)
    }

    /// The bytes and field count encoded since `mark`, removed from the buffer; the record continues as before.
    mutating func takeFragment(since mark: Mark) -> CSVWriter.EncodedFields {
        let start = min(mark.count, count)
        let fragment = CSVWriter.EncodedFields(
            bytes: Array(UnsafeBufferPointer(start: storage + start, count: count - start)), fieldCount: fieldsInRecord)
        count = start
        fieldsInRecord = mark.fieldsInRecord
        return fragment
    }

    /// Fields encoded earlier by a writer with the same options.
    mutating func fields(_ fragment: CSVWriter.EncodedFields) {
        guard fragment.fieldCount > 0 else { return }
        beginField(reserving: fragment.bytes.count)
        fragment.bytes.withUnsafeBufferPointer { put($0) }
        fieldsInRecord += fragment.fieldCount - 1
    }

    mutating func endRecord() {
        reserve(2)
        switch options.lineEnding {
        case .crlf:
            put(0x0D)
            put(0x0A)
        case .lf:
            put(0x0A)
        }
        fieldsInRecord = 0
    }

    /// Starts a field and makes room for `size` bytes of it.
    mutating func beginField(reserving size: Int = 0) {
        reserve(size + 1)
        if fieldsInRecord > 0 { put(options.delimiter) }
        fieldsInRecord += 1
    }

    mutating func text(_ text: String?, neutralise: Bool) {
        guard var text, !text.isEmpty else {
            beginField()
            return
        }
        // Worst case: every byte a doubled quote, two enclosing quotes, one neutralising apostrophe.
        beginField(reserving: 2 * text.utf8.count + 3)
        text.withUTF8 { appendText($0, neutralise: neutralise) }
    }

    mutating func integer(_ value: Int?) {
        beginField(reserving: 24)
        guard let value else { return }
        if value < 0 { put(UInt8(ascii: "-")) }
        appendDigits(UInt64(value.magnitude), width: 1)
    }

    mutating func number(_ value: Double?) {
        beginField(reserving: 48)
        guard let value, value.isFinite else { return }
        let scaled = (value * Double(scale)).rounded()
        // Beyond 2^53 the fixed-point trick loses integers; such numbers never occur in Spiegel's data,
        // but the shortest round-trip description is still correct, only with an exponent.
        guard abs(scaled) < 9.0e15 else {
            var text = "\(value)"
            reserve(text.utf8.count)
            text.withUTF8 { put($0) }
            return
        }
        let fixed = Int64(scaled)
        // -0.0000001 rounds to 0 and must read "0", not "-0".
        if fixed < 0 { put(UInt8(ascii: "-")) }
        let magnitude = fixed.magnitude
        let unit = UInt64(scale)
        appendDigits(magnitude / unit, width: 1)
        var fraction = magnitude % unit
        guard fraction != 0 else {
            if options.marksWholeNumbers && options.fractionDigits > 0 {
                put(options.decimalSeparator)
                put(UInt8(ascii: "0"))
            }
            return
        }
        var width = options.fractionDigits
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        put(options.decimalSeparator)
        appendDigits(fraction, width: width)
    }

    mutating func boolean(_ value: Bool?) {
        beginField(reserving: 5)
        guard let value else { return }
        (value ? Self.trueBytes : Self.falseBytes).withUnsafeBufferPointer { put($0) }
    }

    mutating func instant(_ date: Date?) {
        beginField(reserving: 48)
        guard let date else { return }
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = Self.civilDate(daysSince1970: days)
        appendDate(year: year, month: month, day: day)
        put(UInt8(ascii: "T"))
        appendDigits(UInt64(secondOfDay / 3600), width: 2)
        put(UInt8(ascii: ":"))
        appendDigits(UInt64(secondOfDay % 3600 / 60), width: 2)
        put(UInt8(ascii: ":"))
        appendDigits(UInt64(secondOfDay % 60), width: 2)
        put(UInt8(ascii: "Z"))
    }

    mutating func day(_ day: Day?) {
        beginField(reserving: 32)
        guard let day else { return }
        appendDate(year: Int64(day.year), month: Int64(day.month), day: Int64(day.day))
    }

    private mutating func appendDate(year: Int64, month: Int64, day: Int64) {
        if year < 0 { put(UInt8(ascii: "-")) }
        appendDigits(year.magnitude, width: 4)
        put(UInt8(ascii: "-"))
        appendDigits(month.magnitude, width: 2)
        put(UInt8(ascii: "-"))
        appendDigits(day.magnitude, width: 2)
    }

    private mutating func appendText(_ text: UnsafeBufferPointer<UInt8>, neutralise: Bool) {
        guard let first = text.first else { return }
        let delimiter = options.delimiter
        var needsQuotes = false
        for byte in text where byte == delimiter || byte == 0x22 || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        let prefix = neutralise && Self.startsFormula(first)
        if !needsQuotes {
            if prefix { put(UInt8(ascii: "'")) }
            put(text)
            return
        }
        put(0x22)
        if prefix { put(UInt8(ascii: "'")) }
        for byte in text {
            if byte == 0x22 { put(0x22) }
            put(byte)
        }
        put(0x22)
    }

    /// `=`, `+`, `-`, `@` start a formula in Excel and LibreOffice; tab and CR do too after their trimming.
    private static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }

    /// Decimal digits, left-padded with zeros to `width` (at most 20): built backwards in stack memory with
    /// divisions by the constant 10, which compile to multiplications.
    private mutating func appendDigits(_ value: UInt64, width: Int) {
        if value < 10 && width <= 1 {
            put(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value))
            return
        }
        var length = 1
        var rest = value / 10
        while rest > 0 {
            length += 1
            rest /= 10
        }
        let padding = max(width - length, 0)
        for offset in 0..<padding { storage[count + offset] = UInt8(ascii: "0") }
        count += padding + length
        rest = value
        for offset in 1...length {
            storage[count - offset] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
    }

    /// The proleptic Gregorian date of a day count (``Day/init(daysSince1970:)``), as the encoder's integers.
    static func civilDate(daysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let day = Day(daysSince1970: Int(days))
        return (Int64(day.year), Int64(day.month), Int64(day.day))
    }
}
