import XLSXWriter

/// A worksheet plus the bookkeeping every report sheet needs.
///
/// libxlsxwriter 1.1.4 has no autofit, so the sheet remembers the longest text written per
/// column and sets the widths in ``finish(minimumWidth:maximumWidth:)``.
final class ReportSheet {
    let worksheet: Worksheet
    private var contentWidths: [Int: Double] = [:]
    private var fixedWidths: [Int: Double] = [:]
    /// Per column, the width its widest header word needs.
    private var headerWordWidths: [Int: Double] = [:]
    /// Whether a fixed width gives way to the widest header word, so no header word is cut in two (the school
    /// workbook; the coordinator's wide tables keep their widths to print at 9 pt).
    var keepsHeaderWords = false
    /// Wrapped cells, whose rows need a height: libxlsxwriter writes no heights of its own and
    /// not every reader grows a row to fit wrapped text.
    private var wrappedCells: [(row: Int, column: Int, text: String)] = []
    /// Titles and notes (unmeasured, unwrapped text): LibreOffice prints text that runs past the last column
    /// and shrinks the page to fit it, so ``finish(minimumWidth:maximumWidth:)`` wraps the long ones over the table.
    private var notes: [(row: Int, column: Int, text: String, style: CellStyle)] = []
    /// Wrapped text merged over several columns (a sentence over a table's width), whose rows need a height.
    private var mergedCells: [(row: Int, columns: ClosedRange<Int>, text: String)] = []
    /// The rightmost column holding a cell.
    private var lastColumn = 0

    var name: String { worksheet.name }

    init(_ worksheet: Worksheet) {
        self.worksheet = worksheet
    }

    /// Adds a sheet whose name is made valid and unique from `proposal`.
    static func add(to workbook: Workbook, named proposal: String) throws -> ReportSheet {
        ReportSheet(try workbook.addWorksheet(named: uniqueName(proposal, in: workbook)))
    }

    /// `proposal` made valid, with ` (2)`, ` (3)`… added when the workbook already has it.
    static func uniqueName(_ proposal: String, in workbook: Workbook) -> String {
        let base = SheetName.sanitized(proposal)
        var candidate = base
        var number = 2
        while workbook.hasWorksheet(named: candidate) {
            let suffix = " (\(number))"
            candidate = String(base.prefix(SheetName.maximumLength - suffix.count)) + suffix
            number += 1
        }
        return candidate
    }

    /// Writes text; `measured: false` keeps titles and notes from widening their column.
    func text(_ value: String, _ row: Int, _ column: Int, _ style: CellStyle = .plain, measured: Bool = true) throws {
        try worksheet.write(value, row: row, column: column, style: Self.topAligned(style))
        lastColumn = max(lastColumn, column)
        if measured { measure(value, column: column, bold: style.bold) }
        if style.wrapsText {
            wrappedCells.append((row, column, value))
        } else if !measured {
            notes.append((row, column, value, style))
        }
    }

    /// Writes wrapped text over `columns` of one row (merged), its row as tall as the wrapped text needs.
    func mergedText(_ value: String, _ row: Int, columns: ClosedRange<Int>, _ style: CellStyle = ReportStyle.wrapped) throws {
        var wrapped = style
        wrapped.wrapsText = true
        wrapped.alignedTop = true
        try worksheet.merge(value, rows: row...row, columns: columns, style: wrapped)
        lastColumn = max(lastColumn, columns.upperBound)
        mergedCells.append((row, columns, value))
    }

    /// Writes a number as it is, or a styled empty cell.
    ///
    /// The cell keeps the full value (a reader who sums or sorts gets the real numbers); the number format
    /// rounds what is shown, and the signed formats show a value that rounds to zero as "0,0" without a sign
    /// (``ReportStyle/signedFormat``).
    func number(_ value: Double?, _ row: Int, _ column: Int, _ style: CellStyle = ReportStyle.score) throws {
        try worksheet.write(value, row: row, column: column, style: Self.topAligned(style))
        lastColumn = max(lastColumn, column)
        measure(longestLine: Self.numberWidth, column: column, bold: style.bold)
    }

    /// The characters a number is measured as: room for "-10,0*" or "100%".
    static let numberWidth = 6

    /// Writes a count.
    func count(_ value: Int?, _ row: Int, _ column: Int, _ style: CellStyle = ReportStyle.integer) throws {
        try number(value.map(Double.init), row, column, style)
    }

    /// Writes a header row; headers wrap, so long ones count only up to a modest width.
    func header(_ titles: [String], row: Int, firstColumn: Int = 0) throws {
        for (offset, title) in titles.enumerated() {
            try worksheet.write(title, row: row, column: firstColumn + offset, style: ReportStyle.header)
            lastColumn = max(lastColumn, firstColumn + offset)
            wrappedCells.append((row, firstColumn + offset, title))
            let longestWord = Self.longestWordLength(title)
            // Headers wrap: a column needs its longest word, not its whole title (wide headers shrink the print).
            let width = min(max(Double(longestWord) + 2, 10), 22)
            contentWidths[firstColumn + offset] = max(contentWidths[firstColumn + offset] ?? 0, width)
            headerWordWidths[firstColumn + offset] = max(
                headerWordWidths[firstColumn + offset] ?? 0, Self.longestWordWidth(title))
        }
    }

    /// Every data cell starts at the top of its row: in a row made taller by a wrapped statement or
    /// remark, Excel's default (bottom) would set the numbers level with the next row's text.
    static func topAligned(_ style: CellStyle) -> CellStyle {
        guard !style.verticallyCentered, !style.alignedTop else { return style }
        var aligned = style
        aligned.alignedTop = true
        return aligned
    }

    /// Fixes a column's width, overriding what was measured.
    func fixWidth(_ width: Double, column: Int) {
        fixedWidths[column] = width
    }

    /// A table's frame: the header row (and `frozenColumns` key columns) frozen, a filter over rows
    /// `headerRow ... lastRow` (at least one data row), and printing with the header row on every page.
    func frameTable(headerRow: Int, lastRow: Int, lastColumn: Int, frozenColumns: Int = 0, printHeader: String) throws {
        try worksheet.freezePanes(row: headerRow + 1, column: frozenColumns)
        try worksheet.autofilter(
            firstRow: headerRow, firstColumn: 0, lastRow: max(lastRow, headerRow + 1), lastColumn: lastColumn)
        try worksheet.setUpPrinting(header: printHeader)
        try worksheet.repeatRowsOnEachPage(through: headerRow)
    }

    /// An overview's frame: printed with the header, no gridlines, and the sheet the workbook opens on.
    func frameOverview(printHeader: String) throws {
        try worksheet.setUpPrinting(header: printHeader)
        try worksheet.hideGridlines()
        try worksheet.activate()
    }

    /// Sets every measured column's width, then the height of rows with wrapped text.
    func finish(minimumWidth: Double = 6, maximumWidth: Double = 60) throws {
        var widths: [Int: Double] = [:]
        for column in Set(contentWidths.keys).union(fixedWidths.keys).sorted() {
            let measured = fixedWidths[column] ?? min(max(contentWidths[column] ?? minimumWidth, minimumWidth), maximumWidth)
            let width = keepsHeaderWords ? max(measured, headerWordWidths[column] ?? 0) : measured
            widths[column] = width
            try worksheet.setColumnWidth(width, columns: column...column)
        }
        var lines: [Int: Int] = [:]
        for cell in wrappedCells {
            let width = widths[cell.column] ?? 8.43  // Excel's default column width
            lines[cell.row] = max(lines[cell.row] ?? 1, Self.lineCount(cell.text, width: width))
        }
        for cell in mergedCells {
            // A width unit is a digit; running text averages narrower letters, about 1.15 of them per unit (measured
            // on Carlito/Calibri 11 pt). Counting a digit per letter left a blank line under every long sentence.
            let span = cell.columns.reduce(0) { $0 + (widths[$1] ?? 8.43) }
            lines[cell.row] = max(lines[cell.row] ?? 1, Self.lineCount(cell.text, width: span * 1.15))
        }
        var lineHeights: [Int: Double] = [:]
        for note in notes {
            let span = (note.column...max(note.column, lastColumn)).reduce(0) { $0 + (widths[$1] ?? 8.43) }
            let size = note.style.fontSize ?? 11
            // Wider text at a larger size: a 14 pt title takes about 14/11 of a column unit per character.
            guard Double(Self.characterCount(note.text)) * size / 11 > span else { continue }
            var wrapped = note.style
            wrapped.wrapsText = true
            wrapped.alignedTop = true
            if lastColumn > note.column {
                try worksheet.merge(note.text, rows: note.row...note.row, columns: note.column...lastColumn, style: wrapped)
            } else {
                try worksheet.write(note.text, row: note.row, column: note.column, style: wrapped)
            }
            lines[note.row] = max(lines[note.row] ?? 1, Self.lineCount(note.text, width: span * 11 / size))
            lineHeights[note.row] = max(lineHeights[note.row] ?? 15, size * 15 / 11)
        }
        for (row, count) in lines.sorted(by: { $0.key < $1.key }) where count > 1 {
            try worksheet.setRowHeight(Double(count) * (lineHeights[row] ?? 15), row: row)
        }
    }

    private func measure(_ value: String, column: Int, bold: Bool) {
        measure(longestLine: Self.longestLineLength(value), column: column, bold: bold)
    }

    private func measure(longestLine: Int, column: Int, bold: Bool) {
        // Excel's width unit is about one digit; bold text and padding need a little more.
        let width = Double(longestLine) * (bold ? 1.1 : 1.0) + 2
        contentWidths[column] = max(contentWidths[column] ?? 0, width)
    }
}

extension ReportSheet {
    /// The label–value block at the top of an overview sheet, from row 3; values wrap in their column
    /// when `wrapped` (a long privacy text would otherwise run off a printed page). Returns the next free row.
    @discardableResult
    func facts(_ facts: [(String, String)], wrapped: Bool) throws -> Int {
        for (offset, fact) in facts.enumerated() {
            try text(fact.0, 3 + offset, 0, wrapped ? ReportStyle.topLabel : ReportStyle.label)
            try text(fact.1, 3 + offset, 1, wrapped ? ReportStyle.wrapped : ReportStyle.text, measured: false)
        }
        return 3 + facts.count
    }

    /// The "Bladen in dit werkboek" block of an overview: each sheet's name and what it shows.
    /// Returns the first row after the block.
    @discardableResult
    func sheetList(_ entries: [(sheet: String, shows: String)], at firstRow: Int) throws -> Int {
        try text("Bladen in dit werkboek", firstRow, 0, ReportStyle.subtitle, measured: false)
        var row = firstRow + 1
        for entry in entries {
            try text(entry.sheet, row, 0, ReportStyle.label)
            try text(entry.shows, row, 1, ReportStyle.text, measured: false)
            row += 1
        }
        return row
    }
}
