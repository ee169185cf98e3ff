import Crypto
import Foundation

/// One sheet of an XLSX export as records: each row becomes the CSV record a "save as CSV" of it
/// would give (comma-separated, RFC 4180 quoting), so ``FormReader`` maps and quarantines it as any
/// CSV, with the sheet's row numbers as lines.
///
/// Rows are padded with empty cells to the header's width: a sheet leaves trailing empty cells out,
/// where a CSV writes `;;`. The file is hashed first and must be unchanged after the sheet is read.
final class XLSXSheetReader: ExportRecords {
    let url: URL
    let sheet: String?
    let headerRows: Int
    let size: Int
    let sha256: String
    var containsInvalidUTF8: Bool { false }
    var notes: [String] { [] }
    var guessedSingleByteEncoding: String? { nil }
    var rawRecordLocator: RawRecordLocator? { nil }
    /// How often the sheet's part was unpacked (once per read).
    var sheetUnpackings: Int { workbook.unpackings(of: sheet ?? "") }
    private let file: ExportFile
    private let workbook: XLSXWorkbook
    /// The sheet's rows as opened for the Qualtrics check, and the rows that check read: the first
    /// ``forEachRecord(_:)`` continues from them, so the sheet is unpacked once.
    private var openRows: SheetRows?
    private var lookahead: [(number: Int, cells: [(column: Int, text: String)])] = []

    var dialectDescription: String {
        "XLSX, sheet '\(sheet ?? "")', \(headerRows == 1 ? "1 header row" : "\(headerRows) header rows")"
            + (workbook.uses1904Dates ? ", 1904 dates" : "")
    }

    convenience init(url: URL, overrides: DialectOverrides = .init()) throws(IngestError) {
        try self.init(file: ExportFile(url: url), overrides: overrides)
    }

    /// Reads the already opened `file` (``ExportReader/open(_:overrides:)`` opened it to detect its format).
    init(file: ExportFile, overrides: DialectOverrides = .init()) throws(IngestError) {
        url = file.url
        self.file = file
        var hasher = SHA256()
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var offset = 0
        while offset < file.size {
            let count = try file.read(into: buffer, count: min(chunk, file.size - offset), at: offset)
            guard count > 0 else { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(start: buffer, count: count))
            offset += count
        }
        try file.checkUnchanged(bytesRead: offset)
        size = offset
        sha256 = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        workbook = try XLSXWorkbook(file: file)
        let chosen = try workbook.sheet(named: overrides.sheet)
        sheet = chosen
        // Qualtrics' workbook has the same three header rows as its CSV: look at the third row. A
        // damaged sheet fails here, once, rather than being unpacked again later.
        let rows = try workbook.rows(of: chosen)
        var first: [(number: Int, cells: [(column: Int, text: String)])] = []
        while first.count < 3, let row = try rows.next() { first.append(row) }
        var headerRows = overrides.headerRows
        if headerRows == PipelineConfiguration.Defaults.headerRows && first.count == 3
            && first[2].cells.contains(where: { $0.text.hasPrefix("{\"ImportId\"") })
        {
            headerRows = 3
        }
        self.headerRows = headerRows
        openRows = rows
        lookahead = first
    }

    func forEachRecord(_ body: (CSVRecord) throws -> Bool) throws {
        var record = CSVRecord()
        var line: [UInt8] = []
        var width = 0
        let rows: SheetRows
        var pending: [(number: Int, cells: [(column: Int, text: String)])] = []
        if let open = openRows {
            rows = open
            pending = lookahead
            openRows = nil
            lookahead = []
        } else {
            rows = try workbook.rows(of: sheet ?? workbook.sheetNames[0])
        }
        var index = 0
        while true {
            let next: (number: Int, cells: [(column: Int, text: String)])?
            if index < pending.count {
                next = pending[index]
                index += 1
            } else {
                next = try rows.next()
            }
            guard let (number, cells) = next else { break }
            if width == 0 { width = (cells.last?.column ?? 0) + 1 }
            Self.render(cells, width: width, into: &line, record: &record)
            record.line = number
            let goOn = try line.withUnsafeBytes { bytes in
                record.bytes = bytes
                defer { record.bytes = .init(start: nil, count: 0) }
                return try body(record)
            }
            guard goOn else { return }
        }
        try file.checkUnchanged()
    }

    /// The row as a CSV line in `line`, with `record`'s ranges pointing into it.
    static func render(_ cells: [(column: Int, text: String)], width: Int, into line: inout [UInt8], record: inout CSVRecord) {
        // Cells come in column order in every writer seen; a damaged part might not.
        var cells = cells
        if zip(cells, cells.dropFirst()).contains(where: { $0.column >= $1.column }) {
            var byColumn: [Int: String] = [:]
            for cell in cells { byColumn[cell.column] = cell.text }
            cells = byColumn.sorted { $0.key < $1.key }.map { (column: $0.key, text: $0.value) }
        }
        line.removeAll(keepingCapacity: true)
        record.ranges.removeAll(keepingCapacity: true)
        record.problem = nil
        record.quote = ASCII.quote
        let count = max(width, (cells.last?.column ?? -1) + 1)
        var next = 0
        for column in 0..<count {
            if column > 0 { line.append(ASCII.comma) }
            var text: Substring.UTF8View = "".utf8[...]
            if next < cells.count && cells[next].column == column {
                text = cells[next].text.utf8[...]
                next += 1
            }
            let needsQuotes = text.contains {
                $0 == ASCII.comma || $0 == ASCII.quote || $0 == ASCII.lineFeed || $0 == ASCII.carriageReturn
            }
            if needsQuotes {
                line.append(ASCII.quote)
                let start = line.count
                var escaped = false
                for byte in text {
                    line.append(byte)
                    if byte == ASCII.quote {
                        line.append(byte)
                        escaped = true
                    }
                }
                record.ranges.append(.init(start: start, end: line.count, hasEscapedQuotes: escaped))
                line.append(ASCII.quote)
            } else {
                let start = line.count
                line.append(contentsOf: text)
                record.ranges.append(.init(start: start, end: line.count, hasEscapedQuotes: false))
            }
        }
        record.byteRange = 0..<line.count
    }
}
