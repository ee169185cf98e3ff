internal import CXLSXWriter
import Foundation

/// One sheet of a ``Workbook``. Keeps its workbook alive, so a sheet can never outlive the handle.
package struct Worksheet {
    /// Excel's grid: 1,048,576 rows and 16,384 columns.
    package static let maximumRows = 1_048_576
    package static let maximumColumns = 16_384
    /// Excel shows at most this many characters in a cell.
    package static let maximumCellLength = 32_767
    /// Appended to text that had to be cut to fit in a cell.
    package static let truncationMark = " […]"

    /// `text` cut with ``truncationMark`` so that it fits in one cell.
    ///
    /// Excel counts UTF-16 code units and libxlsxwriter counts code points; counting UTF-16 units
    /// satisfies both, and cutting on a `Character` boundary never splits an emoji or accent.
    package static func fittingInCell(_ text: String) -> String {
        // A string's UTF-8 length is known without a pass over it and is never below its UTF-16 length.
        guard text.utf8.count > maximumCellLength, text.utf16.count > maximumCellLength else { return text }
        let budget = maximumCellLength - truncationMark.utf16.count
        var kept = 0
        var end = text.startIndex
        for index in text.indices {
            let next = text.index(after: index)
            let width = text.utf16.distance(from: index, to: next)
            if kept + width > budget { break }
            kept += width
            end = next
        }
        return String(text[..<end]) + truncationMark
    }

    let handle: UnsafeMutablePointer<lxw_worksheet>
    /// The sheet's name as Excel shows it on the tab.
    package let name: String
    let workbook: Workbook

    // MARK: - Cells

    /// Writes text exactly as given: never interpreted as a formula, even when it starts with
    /// `=`, `+`, `-` or `@`; cut with a visible mark when longer than a cell holds.
    package func write(_ text: String, row: Int, column: Int, style: CellStyle = .plain) throws {
        let text = Self.fittingInCell(text)
        let (r, c) = try position(row, column, "writing text")
        let format = try workbook.format(for: style)
        try XLSXError.check(worksheet_write_string(handle, r, c, text, format), context(row, column, "writing text"))
    }

    /// Writes a number; NaN and infinities, which Excel cannot store, become an empty cell.
    package func write(_ number: Double, row: Int, column: Int, style: CellStyle = .plain) throws {
        guard number.isFinite else { return try writeBlank(row: row, column: column, style: style) }
        let (r, c) = try position(row, column, "writing a number")
        let format = try workbook.format(for: style)
        try XLSXError.check(worksheet_write_number(handle, r, c, number, format), context(row, column, "writing a number"))
    }

    /// Writes a number, or an empty styled cell when there is none.
    package func write(_ number: Double?, row: Int, column: Int, style: CellStyle = .plain) throws {
        if let number {
            try write(number, row: row, column: column, style: style)
        } else {
            try writeBlank(row: row, column: column, style: style)
        }
    }

    /// Writes an empty cell that still carries a style (a fill or a border).
    package func writeBlank(row: Int, column: Int, style: CellStyle) throws {
        let (r, c) = try position(row, column, "writing a blank cell")
        guard let format = try workbook.format(for: style) else { return }
        try XLSXError.check(worksheet_write_blank(handle, r, c, format), context(row, column, "writing a blank cell"))
    }

    /// Merges a block of cells and writes `text` in it.
    package func merge(_ text: String, rows: ClosedRange<Int>, columns: ClosedRange<Int>, style: CellStyle = .plain) throws {
        let (r1, c1) = try position(rows.lowerBound, columns.lowerBound, "merging cells")
        let (r2, c2) = try position(rows.upperBound, columns.upperBound, "merging cells")
        let format = try workbook.format(for: style)
        try XLSXError.check(
            worksheet_merge_range(handle, r1, c1, r2, c2, Self.fittingInCell(text), format),
            context(rows.lowerBound, columns.lowerBound, "merging cells"))
    }

    // MARK: - Layout

    /// Sets the width of columns, in Excel's character units.
    package func setColumnWidth(_ width: Double, columns: ClosedRange<Int>) throws {
        let (_, c1) = try position(0, columns.lowerBound, "setting a column width")
        let (_, c2) = try position(0, columns.upperBound, "setting a column width")
        try XLSXError.check(
            worksheet_set_column(handle, c1, c2, width, nil), context(nil, columns.lowerBound, "setting a column width"))
    }

    /// Sets a row's height in points.
    package func setRowHeight(_ height: Double, row: Int) throws {
        let (r, _) = try position(row, 0, "setting a row height")
        try XLSXError.check(worksheet_set_row(handle, r, height, nil), context(row, nil, "setting a row height"))
    }

    /// Keeps the rows above `row` and the columns left of `column` in view while scrolling.
    package func freezePanes(row: Int, column: Int = 0) throws {
        let (r, c) = try position(row, column, "freezing panes")
        worksheet_freeze_panes(handle, r, c)
    }

    /// Adds filter buttons to a header row over the given block.
    package func autofilter(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) throws {
        let (r1, c1) = try position(firstRow, firstColumn, "adding an autofilter")
        let (r2, c2) = try position(lastRow, lastColumn, "adding an autofilter")
        try XLSXError.check(worksheet_autofilter(handle, r1, c1, r2, c2), context(firstRow, firstColumn, "adding an autofilter"))
    }

    /// Colours a block from `low` (at `minimum`) through `middle` to `high` (at `maximum`).
    package func colorScale(
        firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int,
        minimum: Double, middle: Double, maximum: Double, low: UInt32, mid: UInt32, high: UInt32
    ) throws {
        let (r1, c1) = try position(firstRow, firstColumn, "adding a colour scale")
        let (r2, c2) = try position(lastRow, lastColumn, "adding a colour scale")
        var rule = lxw_conditional_format()
        rule.type = UInt8(LXW_CONDITIONAL_3_COLOR_SCALE.rawValue)
        rule.min_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue)
        rule.mid_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue)
        rule.max_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue)
        rule.min_value = minimum
        rule.mid_value = middle
        rule.max_value = maximum
        rule.min_color = lxw_color_t(low)
        rule.mid_color = lxw_color_t(mid)
        rule.max_color = lxw_color_t(high)
        try XLSXError.check(
            worksheet_conditional_format_range(handle, r1, c1, r2, c2, &rule),
            context(firstRow, firstColumn, "adding a colour scale"))
    }

    /// Places a chart with its top-left corner in the given cell, scaled to about `width`×`height` pixels.
    package func insert(_ chart: Chart, row: Int, column: Int, width: Double = 480, height: Double = 288) throws {
        let (r, c) = try position(row, column, "inserting a chart")
        var options = lxw_chart_options()
        options.x_scale = width / 480
        options.y_scale = height / 288
        try XLSXError.check(
            worksheet_insert_chart_opt(handle, r, c, chart.handle, &options), context(row, column, "inserting a chart"))
    }

    // MARK: - Printing

    /// Prints A4 landscape, as wide as one page, with `header` centred at the top of every page and
    /// "`pageWord` 1 van 3" centred at the bottom.
    ///
    /// Margins are narrow (0.4 inch at the sides) so a table keeps a readable size when it is fitted to the width.
    package func setUpPrinting(header: String, landscape: Bool = true, pageWord: String = "Pagina", ofWord: String = "van") throws
    {
        _ = try workbook.openHandle()
        worksheet_set_paper(handle, 9)  // A4, the Dutch default
        if landscape { worksheet_set_landscape(handle) }
        worksheet_set_margins(handle, 0.4, 0.4, 0.6, 0.6)
        worksheet_fit_to_pages(handle, 1, 0)
        // '&' starts a control code in Excel headers; doubling it prints it.
        let escaped = header.replacingOccurrences(of: "&", with: "&&")
        let text = "&C" + String(escaped.prefix(200))
        try XLSXError.check(worksheet_set_header(handle, text), context(nil, nil, "setting the print header"))
        let footer =
            "&C\(pageWord.replacingOccurrences(of: "&", with: "&&")) &P \(ofWord.replacingOccurrences(of: "&", with: "&&")) &N"
        try XLSXError.check(worksheet_set_footer(handle, footer), context(nil, nil, "setting the print footer"))
    }

    /// Prints the sheet on one page (after ``setUpPrinting(header:landscape:pageWord:ofWord:)``, which fits the width only).
    package func fitOnOnePage() throws {
        _ = try workbook.openHandle()
        worksheet_fit_to_pages(handle, 1, 1)
    }

    /// Starts a new printed page above each of `rows` (0-based), so a block such as a table with its chart is
    /// never cut in two. At most 1023 breaks, as Excel allows.
    package func breakPages(before rows: [Int]) throws {
        _ = try workbook.openHandle()
        var breaks = rows.filter { $0 > 0 && $0 < Self.maximumRows }.prefix(1023).map { lxw_row_t($0) }
        guard !breaks.isEmpty else { return }
        breaks.append(0)  // the list ends with 0
        try XLSXError.check(
            breaks.withUnsafeMutableBufferPointer { worksheet_set_h_pagebreaks(handle, $0.baseAddress) },
            context(nil, nil, "setting page breaks"))
    }

    /// Repeats the rows up to `lastRow` at the top of every printed page.
    package func repeatRowsOnEachPage(through lastRow: Int) throws {
        let (r, _) = try position(lastRow, 0, "repeating header rows")
        try XLSXError.check(worksheet_repeat_rows(handle, 0, r), context(lastRow, nil, "repeating header rows"))
    }

    /// Makes this the sheet shown when the workbook opens.
    package func activate() throws {
        _ = try workbook.openHandle()
        worksheet_activate(handle)
    }

    /// Hides the grid lines on screen and on paper, for sheets that read as a page of text.
    package func hideGridlines() throws {
        _ = try workbook.openHandle()
        worksheet_gridlines(handle, UInt8(LXW_HIDE_ALL_GRIDLINES.rawValue))
    }

    // MARK: - Internals

    private func position(_ row: Int, _ column: Int, _ operation: String) throws -> (lxw_row_t, lxw_col_t) {
        _ = try workbook.openHandle()
        guard (0..<Self.maximumRows).contains(row), (0..<Self.maximumColumns).contains(column) else {
            throw XLSXError.outOfGrid(context: context(row, column, operation))
        }
        return (lxw_row_t(row), lxw_col_t(column))
    }

    private func context(_ row: Int?, _ column: Int?, _ operation: String) -> XLSXError.Context {
        var cell: String?
        if let row, let column {
            cell = CellReference.a1(row: row, column: column)
        } else if let column {
            cell = "column \(CellReference.columnName(column))"
        } else if let row {
            cell = "row \(row + 1)"
        }
        return .init(file: workbook.path, sheet: name, cell: cell, operation: operation)
    }
}
