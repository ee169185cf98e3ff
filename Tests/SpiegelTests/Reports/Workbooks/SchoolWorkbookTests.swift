import Foundation
import Testing
@testable import Spiegel
import SpiegelTestSupport

@Suite struct SchoolWorkbookTests {
    let fixture = WorkbookFixture.self

    private func written(_ schoolID: String, folder: URL? = nil) throws -> (URL, WorkbookReader) {
        let folder = try folder ?? TestSupport.temporaryFolder("school-workbook")
        let workbook = try SchoolWorkbook(result: fixture.result, configuration: fixture.configuration, schoolID: schoolID,
                                          runInfo: fixture.runInfo)
        let url = folder.appendingPathComponent(workbook.fileName)
        try workbook.write(to: url)
        return (url, try WorkbookReader(path: url))
    }

    @Test func namesSheetsAndComparison() throws {
        let (url, reader) = try written("01AB")
        #expect(url.lastPathComponent == "01AB Het Fictief College.xlsx")
        #expect(reader.sheetNames == ["Overzicht", "School en partnerschap", "Spinnenweb", "Gapcategorieën", "Respons",
                                      "Verandering", "Toelichting"])
        #expect(reader.contents.creator == fixture.partnership.name)
        let header = reader.row("School en partnerschap", 4)
        #expect(header[3] == "Zelfbeeld school" && header[4] == "Zelfbeeld partnerschap" && header[7] == "Gap school")
        // 01AB, 2024-2025, Leraar van leraren (index 3): self 4.3, partnership 4.8, feedback 4.0, gap +0.3.
        let row = try #require(reader.rowContaining("School en partnerschap", ["2024-2025", fixture.areas[3].name]))
        #expect(matches(reader.cell("School en partnerschap", row, 3)?.value, 4.3))
        #expect(matches(reader.cell("School en partnerschap", row, 4)?.value, 4.8))
        #expect(matches(reader.cell("School en partnerschap", row, 5)?.value, 4.0))
        #expect(matches(reader.cell("School en partnerschap", row, 7)?.value, 0.3))
        #expect(reader.cell("School en partnerschap", row, 9)?.value == "3")
        #expect(reader.contents.frozen["School en partnerschap"] == "C5")
        #expect(reader.cells("Toelichting").map(\.value).contains("Onderdrukt"))
    }

    @Test func radarChartReadsTheTableOnItsSheet() throws {
        let (_, reader) = try written("01AB")
        #expect(reader.contents.charts.count == 2)  // one per wave
        let chart = try #require(reader.contents.charts.first)
        #expect(chart.xml.contains("<c:radarChart>"))
        #expect(chart.xml.contains("<c:ser>"))
        // Wave 1's table: header on row 5, five areas on rows 6–10; series self, feedback, partnership.
        // Series names are literal; categories and values refer to the table on the sheet.
        #expect(chart.references == [
            "Spinnenweb!$A$6:$A$10", "Spinnenweb!$B$6:$B$10", "Spinnenweb!$A$6:$A$10", "Spinnenweb!$C$6:$C$10",
            "Spinnenweb!$A$6:$A$10", "Spinnenweb!$D$6:$D$10",
        ])
        for name in ["Zelfbeeld school", "Feedback school", "Zelfbeeld partnerschap"] { #expect(chart.xml.contains(name)) }
        // The value axis is fixed from the scale's minimum to its maximum.
        #expect(chart.xml.contains("<c:max val=\"7\"/>") && chart.xml.contains("<c:min val=\"1\"/>"))
        // The referenced cells hold the numbers: 01AB wave 1, Begeleider: self 4.0, feedback 4.6, partnership 4.5.
        #expect(reader.cell("Spinnenweb", 6, 1)?.value == "Begeleider")
        #expect(matches(reader.cell("Spinnenweb", 6, 2)?.value, 4.0))
        #expect(matches(reader.cell("Spinnenweb", 6, 3)?.value, 4.6))
        #expect(matches(reader.cell("Spinnenweb", 6, 4)?.value, 4.5))
    }

    @Test func noOtherSchoolAndNoIndividual() throws {
        for school in fixture.schools {
            let (_, reader) = try written(school.id)
            let text = reader.allText
            for other in fixture.schools where other.id != school.id {
                #expect(!text.contains(other.id), "\(school.id) workbook mentions \(other.id)")
                #expect(!text.contains(other.name), "\(school.id) workbook mentions \(other.name)")
            }
            for person in fixture.supervisors.values.flatMap({ $0 }) {
                #expect(!text.contains(person.0), "\(school.id) workbook contains \(person.0)")
                #expect(!text.contains(person.1), "\(school.id) workbook contains \(person.1)")
                #expect(!text.contains(person.0.split(separator: "@")[0]))
            }
        }
    }

    @Test func suppressedFiguresAreShownAsSuppressedNeverAsNumbers() throws {
        let (_, reader) = try written("03EF")
        let row = try #require(reader.rowContaining("School en partnerschap", ["2024-2025", fixture.areas[0].name]))
        let selfCell = try #require(reader.cell("School en partnerschap", row, 3))
        #expect(selfCell.type == "s" && selfCell.value == "onderdrukt (n < 3)")
        #expect(reader.cell("School en partnerschap", row, 7)?.value == "onderdrukt (n < 3)")
        // The partnership is not suppressed and stays visible.
        #expect(matches(reader.cell("School en partnerschap", row, 4)?.value, 4.5))
        #expect(reader.cell("School en partnerschap", row, 11)?.value.contains("Onderdrukt (zelfbeeld, feedback, gap): minder dan 3 personen (n = 2)") == true)
        // No cell anywhere holds one of 03EF's own means (5.0 + 0.1·area + 0.2·wave, and feedback).
        let ownMeans = (0..<5).flatMap { a in (0..<2).flatMap { w in [fixture.schoolSelf(2, a, w), fixture.schoolFeedback(2, a, w)] } }
        let partnershipMeans = Set((0..<5).flatMap { a in (0..<2).flatMap { w in [fixture.partnershipSelf(a, w), fixture.partnershipFeedback(a, w)] } }
            .map { ($0 * 100).rounded() })
        for sheet in reader.sheetNames {
            for cell in reader.cells(sheet) where cell.type == "n" {
                guard let value = Double(cell.value), !partnershipMeans.contains((value * 100).rounded()) else { continue }
                #expect(!ownMeans.contains { abs($0 - value) < 1e-9 }, "\(sheet)!\(cell.row),\(cell.column) shows \(value)")
            }
        }
        // The radar's school series are empty for 03EF; the partnership series remains.
        #expect(reader.cell("Spinnenweb", 6, 2) == nil || reader.cell("Spinnenweb", 6, 2)?.value == "")
        #expect(matches(reader.cell("Spinnenweb", 6, 4)?.value, 4.5))
        // Gap shares too.
        let shares = try #require(reader.rowContaining("Gapcategorieën", ["2025-2026", fixture.areas[4].name]))
        #expect(reader.cell("Gapcategorieën", shares, 4)?.value == "onderdrukt (n < 3)")
        #expect(matches(reader.cell("Gapcategorieën", shares, 7)?.value, 0.25))
    }

    @Test func identicalInputGivesIdenticalBytes() throws {
        let first = try TestSupport.temporaryFolder("school-a"), second = try TestSupport.temporaryFolder("school-b")
        let (a, _) = try written("02CD", folder: first)
        let (b, _) = try written("02CD", folder: second)
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
        // No time of writing inside: libxlsxwriter stamps zip entries 1980-01-01 00:00, and the
        // document's creation date is the run's fixed document date (1 January 2025).
        let stamps = try TestSupport.runPython("""
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            print(sorted({i.date_time for i in z.infolist()}))
            print("2025-01-01T00:00:00Z" in z.read("docProps/core.xml").decode())
            """, arguments: [a.path])
        #expect(stamps.split(separator: "\n") == ["[(1980, 1, 1, 0, 0, 0)]", "True"])
    }

    @Test func unknownSchoolIsAnError() {
        #expect(throws: WorkbookError.unknownSchool("99ZZ")) {
            _ = try SchoolWorkbook(result: fixture.result, configuration: fixture.configuration, schoolID: "99ZZ",
                                   runInfo: fixture.runInfo)
        }
    }
}
