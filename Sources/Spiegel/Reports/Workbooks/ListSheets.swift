import XLSXWriter

/// Writes a long list (a header row and data rows) that continues on a next sheet when it does
/// not fit in Excel's 1,048,576 rows: `Respons`, `Respons (2)`, ….
///
/// Every sheet gets the same title, header, frozen header row, autofilter and print setup, so each
/// part reads on its own.
struct ListSheets {
    /// The most rows one sheet may hold, title and header included; Excel's maximum unless a test
    /// asks for fewer.
    var rowLimit: Int = Worksheet.maximumRows
    /// Printed at the top of every page.
    var printHeader: String

    /// Columns grow with their content up to this width; longer texts wrap, so a list prints at a readable size.
    static let maximumColumnWidth: Double = 24

    /// `cell`, wrapped within its column when it is text longer than ``maximumColumnWidth``.
    static func wrappedIfLong(_ cell: ReportCell) -> ReportCell {
        // A text has no more characters than UTF-8 bytes: most cells are told short without counting.
        guard case let .text(value, style) = cell, !style.wrapsText, Double(value.utf8.count) + 2 > maximumColumnWidth,
            Double(ReportSheet.characterCount(value)) + 2 > maximumColumnWidth
        else {
            return cell
        }
        var wrapped = style
        wrapped.wrapsText = true
        wrapped.alignedTop = true
        return .text(value, wrapped)
    }

    /// Writes `rows` under `headers`; returns the names of the sheets used (at least one).
    @discardableResult
    func write(
        to workbook: Workbook, named name: String, title: String, introduction: [String] = [],
        headers: [String], rows: [[ReportCell]]
    ) throws -> [String] {
        let headerRow = 1 + introduction.count + 1
        let capacity = max(rowLimit - headerRow - 1, 1)
        var names: [String] = []
        var start = 0
        repeat {
            let part = rows[start..<min(start + capacity, rows.count)]
            let sheet = try ReportSheet.add(to: workbook, named: name)
            names.append(sheet.name)
            let partTitle = names.count == 1 ? title : "\(title) (vervolg \(names.count))"
            try sheet.text(partTitle, 0, 0, ReportStyle.title, measured: false)
            for (offset, line) in introduction.enumerated() {
                try sheet.text(line, 1 + offset, 0, ReportStyle.note, measured: false)
            }
            try sheet.header(headers, row: headerRow)
            for (offset, cells) in part.enumerated() {
                for (column, cell) in cells.enumerated() {
                    try Self.wrappedIfLong(cell).write(to: sheet, row: headerRow + 1 + offset, column: column)
                }
            }
            try sheet.frameTable(
                headerRow: headerRow, lastRow: headerRow + part.count, lastColumn: max(headers.count - 1, 0),
                printHeader: printHeader)
            try sheet.finish(maximumWidth: Self.maximumColumnWidth)
            start += capacity
        } while start < rows.count
        return names
    }
}
