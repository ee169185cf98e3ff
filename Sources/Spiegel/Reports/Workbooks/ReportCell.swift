import XLSXWriter

/// One cell of a list row, before it is placed on a sheet.
enum ReportCell {
    case text(String, CellStyle = .plain)
    case number(Double?, CellStyle = ReportStyle.score)
    case count(Int?)

    func write(to sheet: ReportSheet, row: Int, column: Int) throws {
        switch self {
        case let .text(value, style): try sheet.text(value, row, column, style)
        case let .number(value, style): try sheet.number(value, row, column, style)
        case let .count(value): try sheet.count(value, row, column)
        }
    }
}
