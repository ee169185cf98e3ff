/// One record of a CSV file as byte ranges into the file's UTF-8 bytes; Strings are made only on request.
///
/// A record is a view: it is valid only inside the callback that received it, because its bytes
/// belong to the mapped file. Copy what you need (``subscript(_:)``, ``fields``, ``rawText``).
struct CSVRecord {
    /// The physical line (1-based) where the record starts.
    var line: Int = 1
    /// The record's bytes in the reader's window, without its line end.
    var byteRange: Range<Int> = 0..<0
    /// Where the record starts in the whole text (UTF-8, byte-order mark excluded), as ``CSVReader`` counts it:
    /// with ``byteRange``'s length, where a superseded row's raw text can be read back (``RawRecordLocator``).
    var textOffset = 0
    /// Set when the record's quotes are malformed; its fields are then the raw line split at delimiters.
    var problem: CSVProblem?

    var ranges: [FieldRange] = []
    var bytes: UnsafeRawBufferPointer = .init(start: nil, count: 0)
    /// The quote character, whose doubling stands for one.
    var quote: UInt8 = ASCII.quote

    init() { ranges.reserveCapacity(64) }

    /// The byte range of one field, without its surrounding quotes.
    struct FieldRange {
        var start: Int
        var end: Int
        /// The field contains `""` pairs that stand for one quote.
        var hasEscapedQuotes: Bool
    }

    var count: Int { ranges.count }

    /// The field at `index` (0-based) as text, with doubled quotes (`""`) turned into one.
    subscript(index: Int) -> String {
        let range = ranges[index]
        let slice = UnsafeRawBufferPointer(rebasing: bytes[range.start..<range.end])
        guard range.hasEscapedQuotes else { return String(decoding: slice, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(slice.count)
        var previousWasQuote = false
        let quote = self.quote
        for byte in slice {
            if byte == quote && previousWasQuote {
                previousWasQuote = false
                continue
            }
            previousWasQuote = byte == quote
            unescaped.append(byte)
        }
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// The field's bytes as stored (quotes removed, `""` pairs not yet collapsed).
    func fieldBytes(_ index: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[ranges[index].start..<ranges[index].end])
    }

    /// All fields as text.
    var fields: [String] { (0..<count).map { self[$0] } }

    /// The record as it stands in the file (without its line end): what the quarantine shows.
    var rawText: String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[byteRange]), as: UTF8.self)
    }

    /// Every field is empty or spaces: a row Excel leaves behind as `;;;`.
    var isBlank: Bool {
        for range in ranges {
            for byte in UnsafeRawBufferPointer(rebasing: bytes[range.start..<range.end])
            where byte != ASCII.space && byte != ASCII.tab {
                return false
            }
        }
        return true
    }

    /// Whether the record's bytes are valid UTF-8 (checked only for files known to contain invalid bytes).
    var isValidUTF8: Bool {
        UTF8Validation.invalidSequenceCount(UnsafeRawBufferPointer(rebasing: bytes[byteRange]), stopAtFirst: true) == 0
    }
}

/// A malformed quote in a record; the reader reports it and resumes at the next line end.
enum CSVProblem: Sendable, Equatable, CustomStringConvertible {
    /// Text follows a closing quote, as in `"abc"def`.
    case textAfterClosingQuote(field: Int)
    /// A quote opened in this field is never closed before the end of the file.
    case unclosedQuote(field: Int)
    /// A quote opened in this field runs over line breaks and lines that look like whole records,
    /// up to a quote on `closingLine` (0: never closed): a stray quote, not a comment with line breaks.
    case swallowedRecords(field: Int, closingLine: Int)
    /// A quote opened in this field closes on the next line(s), and both lines hold a whole row's
    /// cells: a stray quote pair that would join two rows into one.
    case quoteJoinsRows(field: Int, closingLine: Int)
    /// The record holds the quote that closed the runaway quote opened on `openedOnLine`.
    case strayClosingQuote(openedOnLine: Int)
    /// More cells than Excel's widest sheet.
    case tooManyFields(limit: Int)

    var description: String {
        switch self {
        case .textAfterClosingQuote(let field): "text after the closing quote of field \(field + 1)"
        case .unclosedQuote(let field): "the quote opened in field \(field + 1) is never closed"
        case let .swallowedRecords(field, closingLine):
            "the quote opening field \(field + 1) runs over whole rows"
                + (closingLine > 0 ? " to line \(closingLine)" : " to the end of the file")
                + "; remove the stray quote (or double it) and export again"
        case let .quoteJoinsRows(field, closingLine):
            "the quote opening field \(field + 1) closes on line \(closingLine), joining this row with that one; "
                + "remove the stray quote (or double it) and export again"
        case .strayClosingQuote(let line):
            "this row holds the quote that closes the stray quote opened on line \(line); remove it and export again"
        case .tooManyFields(let limit): "the row has more than \(limit) cells, more than any spreadsheet"
        }
    }
}

/// Byte values the reader looks at.
enum ASCII {
    static let quote: UInt8 = 0x22
    static let apostrophe: UInt8 = 0x27
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let comma: UInt8 = 0x2C
    static let semicolon: UInt8 = 0x3B
    static let pipe: UInt8 = 0x7C

    /// Space, tab, line feed, vertical tab, form feed or carriage return.
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || (tab...carriageReturn).contains(byte) }
}
