import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel
@testable import XLSXWriter

/// A colour scale lies over exactly the column that declares it, read back by openpyxl: no header text decides it.
@Suite struct ColourScaleTests {
    let fixture = WorkbookFixture.self

    /// The column letters of a 1-based column number (1 → A, 27 → AA).
    static func letters(_ column: Int) -> String {
        var column = column, text = ""
        while column > 0 {
            text = String(UnicodeScalar(UInt8(65 + (column - 1) % 26))) + text
            column = (column - 1) / 26
        }
        return text
    }

    @Test func aTableColoursTheColumnThatCarriesTheScaleAndOnlyWhereItHasRows() throws {
        let folder = try TestSupport.temporaryFolder("colour-scale")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("scales.xlsx")
        let workbook = try Workbook(
            path: url.path,
            properties: .init(title: "t", author: "a", company: "a", comments: "", created: Date(timeIntervalSince1970: 0)))
        let columns = [
            ReportColumn<Double>("Waarde") { .number($0) },
            ReportColumn<Double>("Verschil", scale: .gaps(threshold: 0.5)) { .number($0) },
            ReportColumn<Double>("Ook waarde") { .number($0) },
        ]
        let filled = try ReportSheet.add(to: workbook, named: "Gevuld")
        #expect(try filled.table(columns, rows: [1, 2, 3], headerRow: 2) == 5)
        let empty = try ReportSheet.add(to: workbook, named: "Leeg")
        #expect(try empty.table(columns, rows: [], headerRow: 2) == 2)
        try workbook.close()

        let reader = try WorkbookReader(path: url)
        // Header on 0-based row 2 (Excel row 3), data rows 4–6, the scale column second: B4:B6, ±2 × 0.5.
        #expect(reader.contents.scales["Gevuld"] == [.init(range: "B4:B6", values: [-1, 0, 1])])
        #expect(reader.contents.scales["Leeg"] == [])
    }

    @Test func theSchoolComparisonColoursTheSelfMinusFeedbackColumn() throws {
        let folder = try TestSupport.temporaryFolder("colour-scale-school")
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbook = try SchoolWorkbook(
            result: fixture.result, configuration: fixture.configuration, schoolID: "01AB", runInfo: fixture.runInfo,
            release: fixture.release)
        let url = folder.appendingPathComponent(workbook.fileName)
        try workbook.write(to: url)
        let reader = try WorkbookReader(path: url)
        let sheet = SchoolSheetLayout.comparison
        let headerRow = SchoolSheetLayout.headerRow + 1
        let header = reader.row(sheet, headerRow)
        let gapColumn = try #require(header.first { $0.value == "Verschil zelfbeeld − feedback school" }?.key)
        // One row per wave × area under the header.
        let lastRow = headerRow + fixture.waves.count * fixture.areas.count
        let column = Self.letters(gapColumn)
        #expect(
            reader.contents.scales[sheet] == [.init(range: "\(column)\(headerRow + 1):\(column)\(lastRow)", values: [-2, 0, 2])])
    }

    @Test func thePartnershipGridsColourTheAreaColumns() throws {
        let folder = try TestSupport.temporaryFolder("colour-scale-partnership")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("p.xlsx")
        try PartnershipWorkbook(
            result: fixture.result, configuration: fixture.configuration, partnership: fixture.partnership,
            runInfo: fixture.runInfo, release: fixture.release
        )
        .write(to: url)
        let reader = try WorkbookReader(path: url)
        // Per wave a block of one row per school plus the partnership's row, below the header on Excel row 4.
        let blockRows = fixture.schools.count + 1
        for (sheet, values) in [("Zelfbeeld", [1.0, 4, 7]), ("Feedback", [1, 4, 7]), ("Verschil", [-2, 0, 2])] {
            let header = reader.row(sheet, 4)
            let areaColumns = fixture.areas.map { area in header.first { $0.value == area.shortName }?.key ?? 0 }
            let first = Self.letters(try #require(areaColumns.min())), last = Self.letters(try #require(areaColumns.max()))
            #expect(areaColumns.max()! - areaColumns.min()! == fixture.areas.count - 1, "\(sheet)")
            let expected = fixture.waves.indices.map { wave in
                let top = 5 + wave * blockRows
                return WorkbookReader.ColourScale(range: "\(first)\(top):\(last)\(top + blockRows - 1)", values: values)
            }
            #expect(reader.contents.scales[sheet] == expected, "\(sheet)")
        }
    }
}
