import Foundation

/// An XLSX workbook as a survey tool downloads it (Microsoft Forms, Google Forms, LimeSurvey,
/// Qualtrics), opened to read one sheet's cells as text.
///
/// ``ZipArchive`` unpacks the parts (zlib, capped) and ``XMLPartReader`` streams their XML. What is
/// written here by hand is only the small part of Office Open XML (ECMA-376 part 1, §18) a data sheet
/// needs, because no package at hand reads spreadsheets: the workbook's sheet list and date system
/// (§18.2), the relationship from sheet to part (part 2, §9), the shared strings (§18.4), which cell
/// styles are dates (§18.8.30–31), and the cells of one sheet (§18.3). Formulas, formatting and
/// everything else are ignored. Every part's size is capped while it unpacks (a zip bomb or a
/// gigabyte shared-string table is an error, not an out-of-memory kill), and a damaged part fails
/// the file with a message naming the part; nothing in it can crash the process.
final class XLSXWorkbook {
    let url: URL
    /// Sheet names in workbook order.
    let sheetNames: [String]
    private let archive: ZipArchive
    /// Sheet name → the part inside the archive, e.g. `xl/worksheets/sheet1.xml`.
    private let sheetParts: [String: String]
    let sharedStrings: [String]
    /// Per cell style index (`s`): whether it formats a number as a date or time.
    let dateStyles: [Bool]
    /// The 1904 date system (old Mac Excel) instead of 1900.
    let uses1904Dates: Bool

    /// What reading a workbook may cost at most.
    enum Limits {
        /// Uncompressed size of one part (a sheet, the shared strings).
        static let partSize: UInt64 = 512 << 20
        static let sharedStrings = 4_000_000
        /// Characters in all shared strings together.
        static let sharedStringCharacters = 256 << 20
        /// Excel's limit on a cell's text (32,767 characters), in UTF-8 bytes; longer texts are cut there.
        static let cellBytes = 32_767 * 4
        /// Excel's own limits.
        static let rows = 1_048_576
        static let columns = 16_384
    }

    /// Opens the workbook in `file`, reading its sheet list, shared strings and styles.
    init(file: ExportFile) throws(IngestError) {
        url = file.url
        let archive = try ZipArchive(file: file)
        self.archive = archive
        let workbook = try Self.parse(archive, "xl/workbook.xml", url: url, into: WorkbookPart())
        let relations = try Self.parse(archive, "xl/_rels/workbook.xml.rels", url: url, into: RelationshipsPart())
        var parts: [String: String] = [:]
        for sheet in workbook.sheets {
            guard let target = relations.targets[sheet.relation] else { continue }
            parts[sheet.name] = Self.partPath(target)
        }
        sheetNames = workbook.sheets.map(\.name).filter { parts[$0] != nil }
        sheetParts = parts
        uses1904Dates = workbook.uses1904Dates
        let sharedPath = relations.sharedStrings.map(Self.partPath) ?? "xl/sharedStrings.xml"
        sharedStrings =
            archive[sharedPath] == nil
            ? [] : try Self.parse(archive, sharedPath, url: url, into: SharedStringsPart(file: url.path)).strings
        let stylesPath = relations.styles.map(Self.partPath) ?? "xl/styles.xml"
        dateStyles =
            archive[stylesPath] == nil ? [] : try Self.parse(archive, stylesPath, url: url, into: StylesPart()).dateStyles
        guard !sheetNames.isEmpty else { throw .unreadableWorkbook(file: url.path, reason: "the workbook lists no sheet") }
    }

    /// A relationship target as a path in the archive: relative to `xl/` unless absolute.
    private static func partPath(_ target: String) -> String {
        target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }

    /// The sheet `name`, or the first one.
    func sheet(named name: String?) throws(IngestError) -> String {
        guard let name else { return sheetNames[0] }
        if sheetNames.contains(name) { return name }
        // Sheet names are compared without case in Excel.
        if let match = sheetNames.first(where: { $0.lowercased() == name.lowercased() }) { return match }
        throw .missingSheet(file: url.path, sheet: name, sheets: sheetNames)
    }

    /// How often the part of `sheet` was unpacked.
    func unpackings(of sheet: String) -> Int { sheetParts[sheet].flatMap { archive.unpackings[$0] } ?? 0 }

    /// The rows of `sheet`, unpacked and read as they are asked for.
    func rows(of sheet: String) throws(IngestError) -> SheetRows {
        guard let path = sheetParts[sheet] else { throw .missingSheet(file: url.path, sheet: sheet, sheets: sheetNames) }
        guard let stream = try archive.open(path) else {
            throw .unreadableWorkbook(file: url.path, reason: "the part \(path) is missing")
        }
        return SheetRows(reader: XMLPartReader(source: stream, file: url.path, handler: SheetPart(workbook: self)))
    }

    /// Calls `body` with every row of `sheet` in order: its 1-based number and its cells as
    /// (0-based column, text). Return `false` to stop.
    func forEachRow(of sheet: String, _ body: (Int, [(column: Int, text: String)]) throws -> Bool) throws {
        let rows = try rows(of: sheet)
        while let row = try rows.next() {
            guard try body(row.number, row.cells) else { return }
        }
    }

    /// Unpacks `path` and runs `handler` over its XML.
    private static func parse<Handler: XMLPartHandler>(
        _ archive: ZipArchive, _ path: String, url: URL, into handler: Handler
    ) throws(IngestError) -> Handler {
        guard let stream = try archive.open(path) else {
            throw .unreadableWorkbook(file: url.path, reason: "the part \(path) is missing")
        }
        try XMLPartReader(source: stream, file: url.path, handler: handler).run()
        if let failure = handler.failure { throw failure }
        return handler
    }
}

/// A sheet's rows, read on demand from its part: the sheet is unpacked once, as far as it is read.
final class SheetRows {
    private let reader: XMLPartReader<SheetPart>

    init(reader: XMLPartReader<SheetPart>) { self.reader = reader }

    /// The next row, or nil after the last one.
    func next() throws(IngestError) -> (number: Int, cells: [(column: Int, text: String)])? {
        while true {
            if let row = reader.handler.takeRow() { return row }
            guard try reader.pump() else {
                if let failure = reader.handler.failure { throw failure }
                return reader.handler.takeRow()
            }
        }
    }
}
