import Foundation

/// The records of one export file, whatever its format: what ``FormReader`` reads.
///
/// CSV files come from ``CSVReader``; XLSX workbooks from ``XLSXSheetReader``, which hands out each
/// sheet row as the record a CSV export of it would have, so mapping and quarantine are the same.
protocol ExportRecords: AnyObject {
    /// How the file was read, for the manifest (`UTF-8 with BOM, ';', CRLF, 1 header row`, `XLSX, sheet 'Blad1'`).
    var dialectDescription: String { get }
    /// Rows before the data; the first names the columns.
    var headerRows: Int { get }
    /// The file's size and SHA-256 as read.
    var size: Int { get }
    var sha256: String { get }
    /// Some records may hold bytes that are not UTF-8 and must be checked.
    var containsInvalidUTF8: Bool { get }
    /// The sheet read, for messages that name a cell; nil for CSV.
    var sheet: String? { get }
    /// What the coordinator should know about how the file was read.
    var notes: [String] { get }
    /// The single-byte encoding the text was guessed to be in (not configured, not UTF-8), for messages.
    var guessedSingleByteEncoding: String? { get }
    /// Where records can be read back by ``CSVRecord/textOffset`` (a CSV file read as UTF-8); `nil` when the
    /// text is transcoded or made from cells, so a record's raw text is found only by reading again.
    var rawRecordLocator: RawRecordLocator? { get }
    /// Every record after any preamble, header rows included; `record.line` is the file's line or the sheet's row.
    func forEachRecord(_ body: (CSVRecord) throws -> Bool) throws
}

/// Opens an export with the reader its content calls for.
enum ExportReader {
    /// An XLSX workbook (by its first bytes, whatever its name) or CSV text.
    /// The file is opened once: the format is read from the same descriptor the reader then uses.
    static func open(_ url: URL, overrides: DialectOverrides = .init()) throws(IngestError) -> any ExportRecords {
        let file = try ExportFile(url: url)
        if ExportFormat.detect(file) == .xlsx { return try XLSXSheetReader(file: file, overrides: overrides) }
        return try CSVReader(file: file, overrides: overrides)
    }
}

extension CSVReader: ExportRecords {
    var dialectDescription: String { dialect.description }
    var headerRows: Int { max(1, dialect.headerRows) }
    var sheet: String? { nil }
    var rawRecordLocator: RawRecordLocator? {
        text.encoding == .utf8 ? RawRecordLocator(url: url, stamp: text.file.stamp, textStart: text.byteOrderMarkLength) : nil
    }

    var guessedSingleByteEncoding: String? {
        switch dialect.encoding {
        case .utf8, .utf16LittleEndian, .utf16BigEndian: nil
        case .windows1252, .macRoman, .iso88591, .iso885915: configuredEncoding == nil ? dialect.encodingName : nil
        }
    }

    var notes: [String] {
        var notes: [String] = []
        let file = url.lastPathComponent
        if dialect.encodingUnsure {
            notes.append(
                "\(file): the encoding was hard to tell (read as \(dialect.encodingName), unsure); if accented letters "
                    + "or quotes read wrong, set `encoding:` for the source ("
                    + TextEncoding.allCases.map(\.rawValue).joined(separator: ", ") + ").")
        }
        if let configured = configuredEncoding, configured != .utf8, dialect.hasByteOrderMark, dialect.encoding == .utf8 {
            notes.append(
                "\(file): read as UTF-8 because the file starts with a UTF-8 byte-order mark, although `encoding:` "
                    + "says \(configured.rawValue); remove that setting if this export is always UTF-8.")
        }
        if dialect.preambleLines > 0 {
            notes.append("\(file): \(dialect.preambleLines) line(s) above the header skipped (a `sep=` line or title).")
        }
        return notes
    }
}
