/// The numbered notes under a table: each distinct remark once, and per row the numbers of its notes, so a long
/// reason is printed once below the table instead of beside every row it applies to.
final class TableNotes {
    private(set) var texts: [String] = []

    /// The number of `text` ("1" for the first distinct note).
    func number(_ text: String) -> Int {
        if let index = texts.firstIndex(of: text) { return index + 1 }
        texts.append(text)
        return texts.count
    }

    /// "1, 3": the note numbers of a row's remarks, or "" without any.
    func numbers(_ remarks: [String]) -> String {
        Array(Set(remarks.map(number))).sorted().map(String.init).joined(separator: ", ")
    }

    /// Writes "Noot 1. …" lines from `row` on, each over `columns`; returns the first row after them.
    @discardableResult
    func write(to sheet: ReportSheet, from row: Int, columns: ClosedRange<Int>) throws -> Int {
        for (offset, text) in texts.enumerated() {
            try sheet.mergedText("Noot \(offset + 1). \(text)", row + offset, columns: columns, ReportStyle.remark)
        }
        return row + texts.count
    }
}
