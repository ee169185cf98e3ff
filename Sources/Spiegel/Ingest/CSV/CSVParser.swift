/// The byte-level CSV state machine: RFC 4180 plus what survey tools and Excel write.
///
/// Works over a window of UTF-8 bytes it does not own (see ``CSVReader`` for the owning type).
/// Fields are recorded as byte ranges into a reused array, so parsing allocates nothing per record.
/// Accepted: any one-byte delimiter; `"` (or, where configured, `'`) as quote; quoted fields with
/// delimiters, doubled quotes and line breaks inside; CRLF, LF and lone CR line ends, mixed; a missing
/// final newline; a quote inside an unquoted field (kept as text, as Excel reads it). A malformed quote
/// is reported on the record and the parser resumes after the line end where the record started, so
/// one bad quote loses one line, not the file.
///
/// When the window is not the end of the input (`isFinal` false), a record that reaches the window's
/// end is not finished: ``next(into:)`` returns `false` with ``needsMore`` set, and the reader moves
/// the unfinished record to the front of a refilled window and calls ``rebase(onto:isFinal:)``.
struct CSVParser {
    /// Excel's widest sheet; a record with more cells is malformed, which keeps memory bounded on a
    /// line of 20 million delimiters.
    static let maximumFields = 16_384

    private(set) var bytes: UnsafeRawBufferPointer
    let delimiter: UInt8
    let quote: UInt8
    /// Where the next record starts, in the current window.
    private(set) var position: Int
    /// The physical line of ``position``.
    private(set) var line: Int
    /// Whether the window ends where the input ends.
    private(set) var isFinal: Bool
    /// The last call stopped because a record runs past the window's end.
    private(set) var needsMore = false
    /// The width of a record (the header's); when above 2, a quoted field holding a whole line with
    /// that many cells is taken for a stray quote that swallowed records. 0 turns the check off.
    var expectedFields = 0
    /// The line where the quote of a swallowing field closed: the record starting there holds a stray quote too.
    private var strayCloseLine = 0
    private var strayOpenLine = 0

    init(
        bytes: UnsafeRawBufferPointer, delimiter: UInt8, quote: UInt8 = 0x22, startingAt position: Int = 0,
        line: Int = 1, isFinal: Bool = true
    ) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.quote = quote
        self.position = position
        self.line = line
        self.isFinal = isFinal
    }

    /// Continues on a new window whose first byte is the old ``position``.
    mutating func rebase(onto bytes: UnsafeRawBufferPointer, isFinal: Bool) {
        self.bytes = bytes
        self.isFinal = isFinal
        position = 0
        needsMore = false
    }

    /// Reads the next record into `record` (whose buffers are reused); `false` at the end of the
    /// window (then ``needsMore`` tells whether more input is wanted).
    mutating func next(into record: inout CSVRecord) -> Bool {
        let end = bytes.count
        needsMore = false
        guard position < end, let raw = bytes.baseAddress else {
            needsMore = !isFinal
            return false
        }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        let start = RecordStart(position: position, line: line)
        record.ranges.removeAll(keepingCapacity: true)
        record.problem = nil
        record.bytes = bytes
        record.quote = quote
        record.line = start.line
        var p = position
        var currentLine = line
        while true {
            if record.ranges.count >= Self.maximumFields {
                return resynchronise(
                    &record, start: start.position, line: start.line, problem: .tooManyFields(limit: Self.maximumFields))
            }
            let fieldStart: Int
            if p < end && base[p] == quote {
                p += 1
                fieldStart = p
                switch scanQuoted(&record, from: start, base: base, end: end, p: &p, currentLine: &currentLine) {
                case .decided(let outcome): return outcome
                case .closed(let escaped): record.ranges.append(.init(start: fieldStart, end: p, hasEscapedQuotes: escaped))
                }
                p += 1  // the closing quote
            } else {
                // Unquoted field: runs to the delimiter or line end.
                fieldStart = p
                while p < end {
                    let byte = base[p]
                    if byte == delimiter || byte == ASCII.lineFeed || byte == ASCII.carriageReturn { break }
                    p += 1
                }
                record.ranges.append(.init(start: fieldStart, end: p, hasEscapedQuotes: false))
            }
            if let outcome = afterField(&record, from: start, base: base, end: end, p: &p, currentLine: currentLine) {
                return outcome
            }
        }
    }

    /// Where the record being read starts: its position in the window and its physical line.
    private struct RecordStart {
        var position: Int
        var line: Int
    }

    /// How the scan of a quoted field ended: at its closing quote, or with the record's outcome decided (more input
    /// wanted, or a malformed quote the parser resynchronised after).
    private enum QuotedScan {
        case closed(escaped: Bool)
        case decided(Bool)
    }

    /// Scans a quoted field from `p` (after its opening quote) to the quote not followed by another quote, counting
    /// line breaks; a quoted field that holds whole records' worth of cells is a stray quote.
    @inline(__always)
    private mutating func scanQuoted(
        _ record: inout CSVRecord, from start: RecordStart, base: UnsafePointer<UInt8>, end: Int, p: inout Int,
        currentLine: inout Int
    ) -> QuotedScan {
        let swallowWidth = expectedFields > 2 ? expectedFields - 1 : Int.max
        var escaped = false
        var breaks = 0
        var delimitersOnLine = 0
        /// Delimiters on the physical line where the field opens: those before it and inside it.
        var delimitersOnFirstLine = 0
        while true {
            guard p < end else {
                if !isFinal { return .decided(wantMore()) }
                return .decided(
                    resynchronise(
                        &record, start: start.position, line: start.line, problem: .unclosedQuote(field: record.ranges.count)))
            }
            let byte = base[p]
            if byte == quote {
                if p + 1 >= end && !isFinal { return .decided(wantMore()) }
                if p + 1 < end && base[p + 1] == quote {
                    escaped = true
                    p += 2
                    continue
                }
                if breaks > 0 && delimitersOnFirstLine >= swallowWidth {
                    // Both physical lines hold a whole record's cells: a stray quote pair joined two rows.
                    guard let after = delimitersToLineEnd(base, from: p + 1, end: end) else { return .decided(wantMore()) }
                    if delimitersOnLine + after >= swallowWidth {
                        return .decided(joined(&record, start: start.position, line: start.line, closingLine: currentLine))
                    }
                }
                return .closed(escaped: escaped)
            } else if byte == delimiter {
                delimitersOnLine += 1
            } else if byte == ASCII.lineFeed || byte == ASCII.carriageReturn {
                if byte == ASCII.carriageReturn {
                    if p + 1 >= end && !isFinal { return .decided(wantMore()) }
                    if p + 1 < end && base[p + 1] == ASCII.lineFeed { p += 1 }
                }
                currentLine += 1
                // A whole line inside the quotes with a record's worth of cells: a stray quote.
                if breaks > 0 && delimitersOnLine >= swallowWidth {
                    return .decided(
                        swallowed(
                            &record, start: start.position, line: start.line, from: p + 1, at: currentLine, base: base,
                            end: end))
                }
                if breaks == 0 { delimitersOnFirstLine = record.ranges.count + delimitersOnLine }
                breaks += 1
                delimitersOnLine = 0
            }
            p += 1
        }
    }

    /// After a field that ends at `p`: `nil` to read the next one (a delimiter, stepped over), else the record's
    /// outcome: finished at a line end or the input's end, more input wanted, or text after a closing quote.
    @inline(__always)
    private mutating func afterField(
        _ record: inout CSVRecord, from start: RecordStart, base: UnsafePointer<UInt8>, end: Int, p: inout Int,
        currentLine: Int
    ) -> Bool? {
        guard p < end else {
            if !isFinal { return wantMore() }
            return finish(&record, start: start.position, end: p, next: p, line: currentLine)
        }
        let byte = base[p]
        if byte == delimiter {
            p += 1
            return nil
        }
        if byte == ASCII.lineFeed || byte == ASCII.carriageReturn {
            guard let next = lineEnd(base, at: p, end: end) else { return wantMore() }
            return finish(&record, start: start.position, end: p, next: next, line: currentLine + 1)
        }
        // Only a quoted field stops short of a delimiter or line end.
        return resynchronise(
            &record, start: start.position, line: start.line,
            problem: .textAfterClosingQuote(field: record.ranges.count - 1))
    }

    private mutating func wantMore() -> Bool {
        needsMore = true
        return false
    }

    mutating func finish(_ record: inout CSVRecord, start: Int, end: Int, next: Int, line: Int) -> Bool {
        record.byteRange = start..<end
        if record.line == strayCloseLine && strayCloseLine > 0 {
            // The record where a swallowing quote closed: its unquoted stray quote belongs to the bad pair.
            let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            if slice.contains(quote) { record.problem = .strayClosingQuote(openedOnLine: strayOpenLine) }
            strayCloseLine = 0
        }
        position = next
        self.line = line
        return true
    }

    /// A quoted field swallowed whole records: the record becomes its first line, and the line where
    /// the runaway quote closes is remembered so that the record starting there is flagged too.
    private mutating func swallowed(
        _ record: inout CSVRecord, start: Int, line: Int, from position: Int, at lineThere: Int,
        base: UnsafePointer<UInt8>, end: Int
    ) -> Bool {
        var p = position
        var currentLine = lineThere
        var closeLine = 0
        while p < end {
            let byte = base[p]
            if byte == quote {
                if p + 1 < end && base[p + 1] == quote {
                    p += 2
                    continue
                }
                closeLine = currentLine
                break
            }
            if byte == ASCII.lineFeed || (byte == ASCII.carriageReturn && (p + 1 >= end || base[p + 1] != ASCII.lineFeed)) {
                currentLine += 1
            }
            p += 1
        }
        if closeLine == 0 && !isFinal { return wantMore() }
        strayOpenLine = line
        strayCloseLine = closeLine
        return resynchronise(
            &record, start: start, line: line,
            problem: .swallowedRecords(field: record.ranges.count, closingLine: closeLine))
    }

    /// Delimiters from `p` to the end of its physical line (quotes ignored); nil when the line runs
    /// past a window that is not final.
    private func delimitersToLineEnd(_ base: UnsafePointer<UInt8>, from p: Int, end: Int) -> Int? {
        var count = 0
        var q = p
        while q < end {
            let byte = base[q]
            if byte == ASCII.lineFeed || byte == ASCII.carriageReturn { return count }
            if byte == delimiter { count += 1 }
            q += 1
        }
        return isFinal ? count : nil
    }

    /// A stray quote pair joined the row starting at `line` with the row on `closingLine`: the record
    /// becomes its first line, and the row where the quote closes is flagged as the other half.
    private mutating func joined(_ record: inout CSVRecord, start: Int, line: Int, closingLine: Int) -> Bool {
        strayOpenLine = line
        strayCloseLine = closingLine
        return resynchronise(
            &record, start: start, line: line, problem: .quoteJoinsRows(field: record.ranges.count, closingLine: closingLine))
    }

    /// After a malformed quote: the record becomes its first physical line, split naively at
    /// delimiters, and parsing resumes on the next line.
    mutating func resynchronise(_ record: inout CSVRecord, start: Int, line: Int, problem: CSVProblem) -> Bool {
        record.problem = problem
        record.ranges.removeAll(keepingCapacity: true)
        let end = bytes.count
        var p = start
        var fieldStart = start
        while p < end {
            let byte = bytes[p]
            if byte == ASCII.lineFeed || byte == ASCII.carriageReturn { break }
            if byte == delimiter {
                if record.ranges.count < Self.maximumFields {
                    record.ranges.append(.init(start: fieldStart, end: p, hasEscapedQuotes: false))
                }
                fieldStart = p + 1
            }
            p += 1
        }
        guard p < end || isFinal, let raw = bytes.baseAddress else { return wantMore() }
        if record.ranges.count < Self.maximumFields {
            record.ranges.append(.init(start: fieldStart, end: p, hasEscapedQuotes: false))
        }
        record.byteRange = start..<p
        if p < end {
            guard let next = lineEnd(raw.assumingMemoryBound(to: UInt8.self), at: p, end: end) else { return wantMore() }
            position = next
        } else {
            position = end
        }
        self.line = line + 1
        return true
    }

    /// The position after the line end at `p` (CRLF, LF or CR); nil when a CR ends a window that is not final.
    private func lineEnd(_ base: UnsafePointer<UInt8>, at p: Int, end: Int) -> Int? {
        if base[p] == ASCII.carriageReturn {
            if p + 1 < end { return base[p + 1] == ASCII.lineFeed ? p + 2 : p + 1 }
            return isFinal ? p + 1 : nil
        }
        return p + 1
    }

    /// The position after the line end at `p` (CRLF, LF or CR), for a buffer that is complete.
    static func skipLineEnd(_ base: UnsafePointer<UInt8>, at p: Int, end: Int) -> Int {
        if base[p] == ASCII.carriageReturn && p + 1 < end && base[p + 1] == ASCII.lineFeed { return p + 2 }
        return p + 1
    }
}
