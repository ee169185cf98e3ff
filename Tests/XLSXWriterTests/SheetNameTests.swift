import Testing
import XLSXWriter

@Suite struct SheetNameTests {
    @Test(arguments: ["", String(repeating: "x", count: 32), "a[b", "a]b", "a:b", "a*b", "a?b", "a/b", "a\\b", "'quoted'"])
    func rejectsNamesExcelRefuses(_ name: String) {
        #expect(SheetName.problem(with: name) != nil)
    }

    @Test(arguments: ["Overzicht", String(repeating: "x", count: 31), "Scholen × gebieden", "Respons 2025-2026"])
    func acceptsValidNames(_ name: String) {
        #expect(SheetName.problem(with: name) == nil)
    }

    @Test func sanitizedNamesAreValid() {
        for proposal in ["a/b:c", String(repeating: "é", count: 40), "''", "[x]"] {
            #expect(SheetName.problem(with: SheetName.sanitized(proposal)) == nil)
        }
    }

    @Test func columnNames() {
        #expect(CellReference.columnName(0) == "A")
        #expect(CellReference.columnName(25) == "Z")
        #expect(CellReference.columnName(26) == "AA")
        #expect(CellReference.columnName(16383) == "XFD")
        #expect(CellReference.a1(row: 2, column: 1) == "B3")
    }
}
