import XLSXWriter

/// One column of a table sheet, declared once: its header, its width, its colour scale, and the cell it shows for a row.
///
/// A sheet lists its columns as an array of these, so headers, widths, colour scales and values can never
/// drift apart the way column numbers tracked by hand against a header list did.
struct ReportColumn<Row> {
    /// What the column is called in the header row.
    var header: String
    /// A fixed width in Excel's character units; `nil` sizes the column to its content.
    var width: Double?
    /// The colour scale over the column's data cells, if it has one.
    var scale: ColourScale?
    /// The cell the column shows for `row`.
    var cell: (Row) -> ReportCell

    init(_ header: String, width: Double? = nil, scale: ColourScale? = nil, cell: @escaping (Row) -> ReportCell) {
        self.header = header
        self.width = width
        self.scale = scale
        self.cell = cell
    }
}

extension ReportSheet {
    /// Writes a table: the header row at `headerRow`, one row per element of `rows` below it, widths and colour
    /// scales as declared (a scale where the table has data rows). Returns the last row written (the header row
    /// when `rows` is empty).
    @discardableResult
    func table<Row>(_ columns: [ReportColumn<Row>], rows: [Row], headerRow: Int) throws -> Int {
        try header(columns.map(\.header), row: headerRow)
        for (column, declared) in columns.enumerated() {
            // ``finish(minimumWidth:maximumWidth:)`` widens a column to its header's longest word.
            if let width = declared.width { fixWidth(width, column: column) }
        }
        var row = headerRow
        for element in rows {
            row += 1
            for (column, declared) in columns.enumerated() {
                try declared.cell(element).write(to: self, row: row, column: column)
            }
        }
        if row > headerRow {
            for (column, declared) in columns.enumerated() {
                try declared.scale?.apply(to: worksheet, rows: headerRow + 1...row, columns: column...column)
            }
        }
        return row
    }
}

extension ReportSheet {
    /// The width a header's longest word needs in bold, with the cell's padding.
    static func longestWordWidth(_ header: String) -> Double {
        Double(longestWordLength(header)) + 2
    }
}
