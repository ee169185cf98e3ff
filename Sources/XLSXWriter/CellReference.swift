/// Excel's A1-style names for cells, columns and ranges.
package enum CellReference {
    /// `0` → `A`, `26` → `AA`.
    package static func columnName(_ column: Int) -> String {
        var n = column + 1
        var name = ""
        while n > 0 {
            let remainder = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// Zero-based row and column as `B3`.
    package static func a1(row: Int, column: Int) -> String {
        columnName(column) + String(row + 1)
    }

    /// An absolute range on a sheet, as a chart or formula refers to it: `'Sheet 1'!$B$2:$B$6`.
    package static func absoluteRange(sheet: String, firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) -> String {
        let quoted = "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'"
        return "\(quoted)!$\(columnName(firstColumn))$\(firstRow + 1):$\(columnName(lastColumn))$\(lastRow + 1)"
    }
}
