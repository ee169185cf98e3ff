import Foundation
import Testing
import XLSXWriter

@Suite struct WorkbookTests {
    private func temporaryPath(_ name: String = "test.xlsx") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name).path
    }

    private func newWorkbook(_ path: String) throws -> Workbook {
        try Workbook(path: path, properties: .init(title: "Test", author: "Spiegel tests"))
    }

    @Test func invalidSheetNameIsAClearError() throws {
        let workbook = try newWorkbook(try temporaryPath())
        #expect {
            _ = try workbook.addWorksheet(named: "Scholen/gebieden")
        } throws: { error in
            guard case let .invalidSheetName(name, reason, _) = error as? XLSXError else { return false }
            return name == "Scholen/gebieden" && reason.contains("'/'")
                && "\(error)".contains("Invalid sheet name 'Scholen/gebieden'")
        }
        #expect(throws: XLSXError.self) { _ = try workbook.addWorksheet(named: String(repeating: "x", count: 32)) }
        try workbook.close()
    }

    @Test func duplicateSheetNamesAreRefusedIgnoringCase() throws {
        let workbook = try newWorkbook(try temporaryPath())
        _ = try workbook.addWorksheet(named: "Respons")
        #expect(workbook.hasWorksheet(named: "RESPONS"))
        #expect {
            _ = try workbook.addWorksheet(named: "respons")
        } throws: { error in
            guard case let .invalidSheetName(_, reason, _) = error as? XLSXError else { return false }
            return reason.contains("already has a sheet")
        }
        try workbook.close()
    }

    @Test func unwritableOutputPathIsAClearError() throws {
        let path = "/nonexistent-\(UUID().uuidString)/folder/out.xlsx"
        let workbook = try newWorkbook(path)
        let sheet = try workbook.addWorksheet(named: "Blad")
        try sheet.write("x", row: 0, column: 0)
        #expect {
            try workbook.close()
        } throws: { error in
            guard case let .library(code, message, context) = error as? XLSXError else { return false }
            // The code is libxlsxwriter's own, and the message is lxw_strerror's text for it.
            return code != 0 && !message.isEmpty && context.file == path
                && "\(error)".contains(path) && "\(error)".contains(message)
        }
        #expect(workbook.isClosed)
        // A second close after the failure does nothing.
        try workbook.close()
    }

    @Test func closingTwiceIsHarmlessAndWritingAfterCloseThrows() throws {
        let path = try temporaryPath()
        let workbook = try newWorkbook(path)
        let sheet = try workbook.addWorksheet(named: "Blad")
        try sheet.write(1.5, row: 0, column: 0)
        try workbook.close()
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
        try workbook.close()
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == size)
        #expect(throws: XLSXError.workbookClosed(file: path)) { try sheet.write("late", row: 1, column: 0) }
        #expect(throws: XLSXError.workbookClosed(file: path)) { try sheet.write(2.0, row: 1, column: 0) }
        #expect(throws: XLSXError.workbookClosed(file: path)) { _ = try workbook.addWorksheet(named: "Nog een") }
        #expect(throws: XLSXError.workbookClosed(file: path)) { _ = try workbook.addChart(.radar) }
        #expect(throws: XLSXError.workbookClosed(file: path)) { try sheet.setUpPrinting(header: "x") }
        #expect(throws: XLSXError.workbookClosed(file: path)) { try sheet.activate() }
    }

    @Test func cellOutsideTheGridIsAnErrorWithTheCell() throws {
        let workbook = try newWorkbook(try temporaryPath())
        let sheet = try workbook.addWorksheet(named: "Blad")
        #expect {
            try sheet.write("x", row: Worksheet.maximumRows, column: 0)
        } throws: { error in
            guard case let .outOfGrid(context) = error as? XLSXError else { return false }
            return context.sheet == "Blad" && context.cell == "A1048577"
        }
        try workbook.close()
    }

    @Test func formulaLikeTextIsStoredAsText() throws {
        let path = try temporaryPath()
        let workbook = try newWorkbook(path)
        let sheet = try workbook.addWorksheet(named: "Tekst")
        let texts = ["=SUM(A1:A3)", "+31 6 1234", "-2 punten", "@gebruiker", "=HYPERLINK(\"http://x\")"]
        for (row, text) in texts.enumerated() { try sheet.write(text, row: row, column: 0) }
        try workbook.close()
        let cells = try #require(try OpenpyxlReader.cells(of: path)["Tekst"])
        #expect(cells.count == texts.count)
        for (row, text) in texts.enumerated() {
            let cell = try #require(cells.first { $0[0] == String(row + 1) })
            #expect(cell[2] == "s", "row \(row + 1) should be text, is \(cell[2])")
            #expect(cell[3] == text)
        }
    }

    @Test func longTextIsCutWithTheMark() throws {
        let path = try temporaryPath()
        let workbook = try newWorkbook(path)
        let sheet = try workbook.addWorksheet(named: "Lang")
        let long = String(repeating: "abcdefghij", count: 4_000)  // 40,000 characters
        try sheet.write(long, row: 0, column: 0)
        // An emoji is two UTF-16 units: the cut must still fit Excel's limit and not split it.
        let emoji = String(repeating: "😀", count: 20_000)
        try sheet.write(emoji, row: 1, column: 0)
        try workbook.close()
        let script = """
            import sys, openpyxl
            ws = openpyxl.load_workbook(sys.argv[1])["Lang"]
            for r in (1, 2):
                v = ws.cell(row=r, column=1).value
                print(len(v.encode("utf-16-le")) // 2, v.endswith(" […]"), v[:10])
            """
        let lines = try OpenpyxlReader.run(script, path).split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0] == "32767 True abcdefghij")
        let emojiLine = lines[1].split(separator: " ")
        #expect(Int(emojiLine[0]).map { $0 <= 32_767 && $0 >= 32_760 } == true)
        #expect(emojiLine[1] == "True")
        // Short texts stay as they are.
        #expect(Worksheet.fittingInCell("kort") == "kort")
    }

    /// The quick length check counts UTF-8 bytes, which can exceed the limit while the UTF-16 length
    /// Excel counts does not: such a text must stay whole, and one unit over the limit must be cut.
    @Test func fittingInCellCountsUTF16UnitsNotBytes() throws {
        let accented = String(repeating: "é", count: 20_000)  // 40,000 UTF-8 bytes, 20,000 UTF-16 units
        #expect(accented.utf8.count > Worksheet.maximumCellLength)
        #expect(Worksheet.fittingInCell(accented) == accented)
        let exact = String(repeating: "a", count: Worksheet.maximumCellLength)
        #expect(Worksheet.fittingInCell(exact) == exact)
        let over = exact + "a"
        let cut = Worksheet.fittingInCell(over)
        #expect(cut.hasSuffix(Worksheet.truncationMark))
        #expect(cut.utf16.count == Worksheet.maximumCellLength)
    }

    /// Neighbouring cells share a cached format: cells with alternating styles must each keep their own.
    @Test func alternatingStylesKeepTheirOwnFormats() throws {
        let path = try temporaryPath()
        let workbook = try newWorkbook(path)
        let sheet = try workbook.addWorksheet(named: "Stijlen")
        let bold = CellStyle(bold: true)
        let decimal = CellStyle(numberFormat: "0.00")
        let styles: [CellStyle] = [bold, decimal, bold, .plain, decimal, decimal, bold]
        for (row, style) in styles.enumerated() { try sheet.write(1.5, row: row, column: 0, style: style) }
        try workbook.close()
        let script = """
            import sys, openpyxl
            ws = openpyxl.load_workbook(sys.argv[1])["Stijlen"]
            for r in range(1, 8):
                c = ws.cell(row=r, column=1)
                print(c.font.b, c.number_format)
            """
        let lines = try OpenpyxlReader.run(script, path).split(separator: "\n").map(String.init)
        let expected = styles.map { style in
            "\(style.bold ? "True" : "False") \(style.numberFormat ?? "General")"
        }
        #expect(lines == expected)
    }

    @Test func workbookReadsBackWithItsSheetsAndValues() throws {
        let path = try temporaryPath()
        let workbook = try newWorkbook(path)
        let overview = try workbook.addWorksheet(named: "Overzicht")
        try overview.write("Gebied", row: 0, column: 0, style: CellStyle(bold: true))
        try overview.write("Gemiddelde", row: 0, column: 1)
        try overview.write("Begeleider", row: 1, column: 0)
        try overview.write(5.25, row: 1, column: 1, style: CellStyle(numberFormat: "0.0"))
        try overview.write(Double.nan, row: 2, column: 1)
        try overview.freezePanes(row: 1)
        let second = try workbook.addWorksheet(named: "Schoolgebieden 2025-2026")
        try second.write(-0.5, row: 3, column: 2)
        let chart = try workbook.addChart(.radarWithMarkers)
        try chart.addSeries(
            name: "Zelfbeeld",
            categories: .init(sheet: "Overzicht", firstRow: 1, firstColumn: 0, lastRow: 1, lastColumn: 0),
            values: .init(sheet: "Overzicht", firstRow: 1, firstColumn: 1, lastRow: 1, lastColumn: 1),
            color: 0x0072B2)
        try chart.setValueAxis(minimum: 1, maximum: 7)
        try overview.insert(chart, row: 4, column: 0)
        try workbook.close()

        #expect(try OpenpyxlReader.sheetNames(of: path) == ["Overzicht", "Schoolgebieden 2025-2026"])
        let cells = try OpenpyxlReader.cells(of: path)
        let first = try #require(cells["Overzicht"])
        #expect(first.contains(["1", "1", "s", "Gebied"]))
        #expect(first.contains(["2", "2", "n", "5.25"]))
        #expect(!first.contains { $0[0] == "3" })  // NaN became an empty cell
        #expect(cells["Schoolgebieden 2025-2026"] == [["4", "3", "n", "-0.5"]])
    }

    /// The folder for libxlsxwriter's parts changes nothing in the file, and is the one used: creating and removing
    /// the parts there moves the folder's modification time, which a workbook written without it leaves alone.
    @Test func temporaryFolderChangesNoByteAndIsTheOneUsed() throws {
        func write(_ path: String, temporaryFolder: String?) throws {
            let workbook = try Workbook(
                path: path, properties: .init(title: "T", author: "A"), temporaryFolder: temporaryFolder)
            let sheet = try workbook.addWorksheet(named: "Blad")
            try sheet.write("tekst", row: 0, column: 0)
            try sheet.write(3.5, row: 1, column: 0)
            try workbook.close()
        }
        let plain = try temporaryPath("plain.xlsx"), elsewhere = try temporaryPath("elsewhere.xlsx")
        let folder = URL(fileURLWithPath: elsewhere).deletingLastPathComponent().appendingPathComponent("parts")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let longAgo = Date(timeIntervalSince1970: 946_684_800)
        try FileManager.default.setAttributes([.modificationDate: longAgo], ofItemAtPath: folder.path)
        func modified() throws -> Date? {
            try FileManager.default.attributesOfItem(atPath: folder.path)[.modificationDate] as? Date
        }
        try write(plain, temporaryFolder: nil)
        #expect(try modified() == longAgo)
        try write(elsewhere, temporaryFolder: folder.path)
        #expect(try modified().map { $0 > longAgo } == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: plain)) == Data(contentsOf: URL(fileURLWithPath: elsewhere)))
        // Every part is removed once zipped.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func sameContentGivesSameBytesAndZipTimesComeFromTheCreationDate() throws {
        // 2023-11-14 22:13:20 UTC.
        let created = Date(timeIntervalSince1970: 1_700_000_000)
        func write(_ path: String) throws {
            let workbook = try Workbook(path: path, properties: .init(title: "T", author: "A", created: created))
            let sheet = try workbook.addWorksheet(named: "Blad")
            try sheet.write("tekst", row: 0, column: 0)
            try sheet.write(3.5, row: 1, column: 0)
            try workbook.close()
        }
        let first = try temporaryPath("a.xlsx"), second = try temporaryPath("b.xlsx")
        try write(first)
        try write(second)
        #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))
        // libxlsxwriter 1.1.4 stamps every zip entry with the fixed date 1980-01-01 00:00, never the
        // time of writing; the only date inside is the creation date of docProps/core.xml, which
        // the caller fixes. So files written on different days from the same input are identical.
        let stamps = try OpenpyxlReader.run(
            """
            import sys, zipfile
            print(sorted({str(i.date_time) for i in zipfile.ZipFile(sys.argv[1]).infolist()}))
            """, first)
        #expect(stamps.trimmingCharacters(in: .whitespacesAndNewlines) == "['(1980, 1, 1, 0, 0, 0)']")
        let core = try OpenpyxlReader.run(
            """
            import sys, zipfile
            print(zipfile.ZipFile(sys.argv[1]).read('docProps/core.xml').decode())
            """, first)
        #expect(core.contains("2023-11-14T22:13:20Z"))
    }

    /// libxlsxwriter takes a creation time of 0 for "not set" and writes the time of writing: the
    /// wrapper writes the epoch one second later, so the default date is fixed too.
    @Test func theEpochAsCreationDateIsNotReplacedByTheTimeOfWriting() throws {
        let path = try temporaryPath()
        let workbook = try Workbook(
            path: path, properties: .init(title: "T", author: "A", created: Date(timeIntervalSince1970: 0)))
        _ = try workbook.addWorksheet(named: "Blad")
        try workbook.close()
        let core = try OpenpyxlReader.run(
            """
            import sys, zipfile
            print(zipfile.ZipFile(sys.argv[1]).read('docProps/core.xml').decode())
            """, path)
        #expect(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">1970-01-01T00:00:01Z</dcterms:created>"))
    }
}
