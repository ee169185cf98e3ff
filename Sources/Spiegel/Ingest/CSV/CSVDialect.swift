/// How an export file is written: encoding, delimiter, line ends and header rows, as detected or configured.
struct CSVDialect: Sendable, Equatable, CustomStringConvertible {
    var encoding: TextEncoding
    var hasByteOrderMark: Bool
    /// One of `,` `;` tab `|`.
    var delimiter: UInt8
    var lineEnding: LineEnding
    /// Rows before the data; the first names the columns.
    var headerRows: Int
    /// `"`, or `'` for the tools that quote with it.
    var quote: UInt8
    /// Lines above the header that are skipped: Excel's `sep=;` line, title and note lines.
    var preambleLines: Int
    /// Encoding detection was a close call: texts may read wrong, and `encoding:` settles it.
    var encodingUnsure: Bool

    init(
        encoding: TextEncoding = .utf8, hasByteOrderMark: Bool = false, delimiter: UInt8 = 0x2C,
        lineEnding: LineEnding = .lf, headerRows: Int = 1, quote: UInt8 = 0x22, preambleLines: Int = 0,
        encodingUnsure: Bool = false
    ) {
        self.encoding = encoding
        self.hasByteOrderMark = hasByteOrderMark
        self.delimiter = delimiter
        self.lineEnding = lineEnding
        self.headerRows = headerRows
        self.quote = quote
        self.preambleLines = preambleLines
        self.encodingUnsure = encodingUnsure
    }

    /// The line ends found outside quoted fields.
    enum LineEnding: String, Sendable, Equatable {
        case crlf = "CRLF"
        case lf = "LF"
        case cr = "CR"
        case mixed
        /// A file of one line without a line end.
        case none
    }

    /// The delimiters sniffing considers, in order of preference on a tie.
    static let delimiterCandidates: [UInt8] = [ASCII.comma, ASCII.semicolon, ASCII.tab, ASCII.pipe]

    /// The delimiter as people write it: `,` `;` `|` or `tab`.
    var delimiterName: String { Self.name(ofDelimiter: delimiter) }

    static func name(ofDelimiter delimiter: UInt8) -> String {
        delimiter == ASCII.tab ? "tab" : String(UnicodeScalar(delimiter))
    }

    var encodingName: String {
        switch encoding {
        case .utf8: "UTF-8"
        case .utf16LittleEndian: "UTF-16LE"
        case .utf16BigEndian: "UTF-16BE"
        case .windows1252: "Windows-1252"
        case .macRoman: "Mac-Roman"
        case .iso88591: "ISO-8859-1"
        case .iso885915: "ISO-8859-15"
        }
    }

    /// E.g. `UTF-8 with BOM, ';', CRLF, 1 header row` (the run manifest's *dialect*); a quote
    /// other than `"`, skipped preamble lines and an unsure encoding are added when they apply.
    var description: String {
        let bom = hasByteOrderMark ? " with BOM" : ""
        // `spiegel check` prints this: the flag names the key that settles it.
        let unsure = encodingUnsure ? " (unsure: set `encoding:` if accents read wrong)" : ""
        let delimiterText = delimiter == ASCII.tab ? "tab" : "'\(delimiterName)'"
        let rows = headerRows == 1 ? "1 header row" : "\(headerRows) header rows"
        var text = "\(encodingName)\(bom)\(unsure), \(delimiterText), \(lineEnding.rawValue), \(rows)"
        if quote != ASCII.quote { text += ", quote \(String(UnicodeScalar(quote)))" }
        if preambleLines > 0 { text += ", \(preambleLines) preamble line\(preambleLines == 1 ? "" : "s") skipped" }
        return text
    }
}
