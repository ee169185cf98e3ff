/// The byte-level CSV state machine: RFC 4180 plus what survey tools and Excel write.
///
/// Works over a buffer of UTF-8 bytes it does not own (see ``CSVReader`` for the owning type).
/// Fields are recorded as byte ranges into a reused array, so parsing allocates nothing per record.
/// Accepted: any one-byte delimiter; quoted fields with delimiters, `""` and line breaks inside;
/// CRLF, LF and lone CR line ends, mixed; a missing final newline; a quote inside an unquoted field
/// (kept as text, as Excel reads it). A malformed quote is reported on the record and the parser
/// resumes after the line end where the record started, so one bad quote loses one line, not the file.
public struct CSVParser {
    public let bytes: UnsafeRawBufferPointer
    public let delimiter: UInt8
    /// Where the next record starts.
    public private(set) var position: Int
    /// The physical line of ``position``.
    public private(set) var line: Int

    public init(bytes: UnsafeRawBufferPointer, delimiter: UInt8, startingAt position: Int = 0, line: Int = 1) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.position = position
        self.line = line
    }

    /// Reads the next record into `record` (whose buffers are reused); `false` at the end of the input.
    public mutating func next(into record: inout CSVRecord) -> Bool {
        let end = bytes.count
        guard position < end, let raw = bytes.baseAddress else { return false }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        let delimiter = self.delimiter
        let recordStart = position
        let recordLine = line
        record.ranges.removeAll(keepingCapacity: true)
        record.problem = nil
        record.bytes = bytes
        record.line = recordLine
        var p = position
        var currentLine = line

        while true {
            if p < end && base[p] == ASCII.quote {
                // Quoted field: runs to the quote not followed by another quote.
                p += 1
                let fieldStart = p
                var escaped = false
                while true {
                    guard p < end else {
                        return resynchronise(&record, start: recordStart, line: recordLine,
                                             problem: .unclosedQuote(field: record.ranges.count))
                    }
                    let byte = base[p]
                    if byte == ASCII.quote {
                        if p + 1 < end && base[p + 1] == ASCII.quote {
                            escaped = true
                            p += 2
                            continue
                        }
                        break
                    } else if byte == ASCII.lineFeed {
                        currentLine += 1
                    } else if byte == ASCII.carriageReturn && (p + 1 >= end || base[p + 1] != ASCII.lineFeed) {
                        currentLine += 1
                    }
                    p += 1
                }
                record.ranges.append(.init(start: fieldStart, end: p, hasEscapedQuotes: escaped))
                p += 1  // the closing quote
                if p >= end { return finish(&record, start: recordStart, end: p, next: p, line: currentLine) }
                let after = base[p]
                if after == delimiter {
                    p += 1
                    continue
                }
                if after == ASCII.lineFeed || after == ASCII.carriageReturn {
                    let next = Self.skipLineEnd(base, at: p, end: end)
                    return finish(&record, start: recordStart, end: p, next: next, line: currentLine + 1)
                }
                return resynchronise(&record, start: recordStart, line: recordLine,
                                     problem: .textAfterClosingQuote(field: record.ranges.count - 1))
            } else {
                // Unquoted field: runs to the delimiter or line end.
                let fieldStart = p
                var byte: UInt8 = 0
                while p < end {
                    byte = base[p]
                    if byte == delimiter || byte == ASCII.lineFeed || byte == ASCII.carriageReturn { break }
                    p += 1
                }
                record.ranges.append(.init(start: fieldStart, end: p, hasEscapedQuotes: false))
                if p >= end { return finish(&record, start: recordStart, end: p, next: p, line: currentLine) }
                if byte == delimiter {
                    p += 1
                    continue
                }
                let next = Self.skipLineEnd(base, at: p, end: end)
                return finish(&record, start: recordStart, end: p, next: next, line: currentLine + 1)
            }
        }
    }

    mutating func finish(_ record: inout CSVRecord, start: Int, end: Int, next: Int, line: Int) -> Bool {
        record.byteRange = start..<end
        position = next
        self.line = line
        return true
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
                record.ranges.append(.init(start: fieldStart, end: p, hasEscapedQuotes: false))
                fieldStart = p + 1
            }
            p += 1
        }
        record.ranges.append(.init(start: fieldStart, end: p, hasEscapedQuotes: false))
        record.byteRange = start..<p
        if p < end, let raw = bytes.baseAddress {
            position = Self.skipLineEnd(raw.assumingMemoryBound(to: UInt8.self), at: p, end: end)
        } else {
            position = end
        }
        self.line = line + 1
        return true
    }

    /// The position after the line end at `p` (CRLF, LF or CR).
    static func skipLineEnd(_ base: UnsafePointer<UInt8>, at p: Int, end: Int) -> Int {
        if base[p] == ASCII.carriageReturn && p + 1 < end && base[p + 1] == ASCII.lineFeed { return p + 2 }
        return p + 1
    }
}
