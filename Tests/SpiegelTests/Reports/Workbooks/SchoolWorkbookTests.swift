import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

@Suite struct SchoolWorkbookTests {
    let fixture = WorkbookFixture.self

    private func written(_ schoolID: String, folder: URL? = nil) throws -> (URL, WorkbookReader) {
        let folder = try folder ?? TestSupport.temporaryFolder("school-workbook")
        let workbook = try SchoolWorkbook(
            result: fixture.result, configuration: fixture.configuration, schoolID: schoolID,
            runInfo: fixture.runInfo, release: fixture.release)
        let url = folder.appendingPathComponent(workbook.fileName)
        try workbook.write(to: url)
        return (url, try WorkbookReader(path: url))
    }

    @Test func namesSheetsAndComparison() throws {
        let (url, reader) = try written("01AB")
        #expect(url.lastPathComponent == "01AB Het Fictief College.xlsx")
        #expect(
            reader.sheetNames == [
                "Samenvatting", "School en partnerschap", "Zelfinschatting", "Verandering", "Spinnenweb", "Trend",
                "Respons", "Over dit werkboek",
            ])
        #expect(reader.contents.creator == fixture.partnership.name)
        let header = reader.row("School en partnerschap", 4)
        #expect(
            header[3] == "Zelfbeeld school" && header[4] == "Zelfbeeld partnerschap"
                && header[8] == "Verschil zelfbeeld − feedback school"
                && header[7] == "Verschil feedback school − partnerschap")
        // 01AB, 2024-2025, Leraar van leraren (index 3), from the fixture's wpbs: self 4.3; feedback the mean of
        // student (self − 0.6) and SO (self − 0.4), so 3.8; difference +0.5. The benchmark would cover only two
        // schools of at least k wpbs (03EF has two), fewer than the three a benchmark needs: no difference either.
        let row = try #require(reader.rowContaining("School en partnerschap", ["Schooljaar 2024–2025", "Leraar van leraren"]))
        #expect(matches(reader.cell("School en partnerschap", row, 3)?.value, 4.3))
        #expect(reader.cell("School en partnerschap", row, 4)?.value == "onderdrukt")
        #expect(matches(reader.cell("School en partnerschap", row, 5)?.value, 3.8))
        #expect(reader.cell("School en partnerschap", row, 7) == nil)
        #expect(matches(reader.cell("School en partnerschap", row, 8)?.value, 0.5))
        #expect(reader.cell("School en partnerschap", row, 10)?.value == "3")
        // The student and SO split: 4.3 − 0.6 and 4.3 − 0.4.
        #expect(matches(reader.cell("School en partnerschap", row, 11)?.value, 3.7))
        #expect(matches(reader.cell("School en partnerschap", row, 12)?.value, 3.9))
        // The reason of the withheld benchmark is a numbered note below the table, its number beside the row.
        let note = try #require(reader.cell("School en partnerschap", row, 13)?.value)
        #expect(
            reader.cells("School en partnerschap").contains {
                $0.value.hasPrefix("Noot \(note). Onderdrukt (partnerschap): partnerschapscijfer over 2 school/scholen")
            })
        #expect(reader.contents.frozen["School en partnerschap"] == "C5")
        #expect(reader.cells("Over dit werkboek").map(\.value).contains("Blinde vlek / verborgen kracht"))
        // No wave ids, no configuration names, no jargon in what a reader sees.
        let visible = reader.sheetNames.flatMap { reader.cells($0).map(\.value) }.joined(separator: "\n")
        for word in ["2024-2025", "Pipeline.yml", "Gapregel", "n zelfbeeld", "Gapcategor"] {
            #expect(!visible.contains(word), "\(word)")
        }
    }

    @Test func radarChartReadsTheTableOnItsSheetAndLeavesEmptyLinesOut() throws {
        let (_, reader) = try written("01AB")
        let radars = reader.contents.charts.filter { $0.xml.contains("<c:radarChart>") }
        #expect(radars.count == 1)  // the latest wave; earlier waves are on the trend sheet
        let chart = try #require(radars.first)
        // The table: header on row 4, five areas on rows 5–9; columns self school, feedback school,
        // self partnership, feedback partnership. The benchmark is withheld (two schools), so only the
        // school's two lines are drawn: no empty series in the legend.
        #expect(
            chart.references == [
                "Spinnenweb!$A$5:$A$9", "Spinnenweb!$B$5:$B$9", "Spinnenweb!$A$5:$A$9", "Spinnenweb!$C$5:$C$9",
            ])
        #expect(chart.xml.contains("Zelfbeeld school") && chart.xml.contains("Feedback school"))
        #expect(!chart.xml.contains("partnerschap"))
        // Distinct line styles, not only colours.
        #expect(chart.xml.contains("<a:prstDash val=\"dash\"/>"))
        // The value axis is fixed from the scale's minimum to its maximum.
        #expect(chart.xml.contains("<c:max val=\"7\"/>") && chart.xml.contains("<c:min val=\"1\"/>"))
        // The referenced cells hold the numbers of 01AB's latest wave, Begeleider: self 4.2, feedback 4.2 + 1.0
        // (student self + 1.2, SO self + 0.8).
        #expect(reader.cell("Spinnenweb", 5, 1)?.value == "Begeleider")
        #expect(matches(reader.cell("Spinnenweb", 5, 2)?.value, 4.2))
        #expect(matches(reader.cell("Spinnenweb", 5, 3)?.value, 5.2))
        #expect(reader.cell("Spinnenweb", 5, 4) == nil || reader.cell("Spinnenweb", 5, 4)?.value == "")
        // Trend: one small line chart per area over the two waves on one sheet, also without the withheld
        // partnership lines; the first area's waves are rows 5–6, the wave names in column B.
        let trends = reader.contents.charts.filter { $0.xml.contains("<c:lineChart>") }
        #expect(trends.count == 5)
        #expect(trends.first?.references == ["Trend!$B$5:$B$6", "Trend!$C$5:$C$6", "Trend!$B$5:$B$6", "Trend!$D$5:$D$6"])
    }

    @Test func theSmallSchoolsRadarSaysWhatItShows() throws {
        let (_, reader) = try written("03EF")
        // 03EF's own figures are withheld in every wave: no tables of "onderdrukt" and no chart with empty lines,
        // only the summary (which says why), the response and the explanation.
        #expect(reader.contents.charts.isEmpty)
        #expect(reader.sheetNames == ["Samenvatting", "Respons", "Over dit werkboek"])
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
        // Tabel 1 on the summary: the school's feedback is withheld, with the reason as a numbered note.
        let row = try #require(reader.rowContaining("Samenvatting", [fixture.areas[0].shortName]))
        #expect(reader.cell("Samenvatting", row, 2)?.value == "onderdrukt (1)")
        #expect(reader.cells("Samenvatting").contains { $0.value == "Noot 1. Onderdrukt: minder dan 3 personen (n = 2)." })
        // No cell anywhere holds one of 03EF's own means (5.0 + 0.1·area + 0.2·wave, and feedback).
        let ownMeans = (0..<5).flatMap { a in
            (0..<2).flatMap { w in [fixture.schoolSelf(2, a, w), fixture.schoolFeedback(2, a, w)] }
        }
        let partnershipMeans = Set(
            (0..<5).flatMap { a in (0..<2).flatMap { w in [fixture.partnershipSelf(a, w), fixture.partnershipFeedback(a, w)] } }
                .map { ($0 * 100).rounded() })
        for sheet in reader.sheetNames {
            for cell in reader.cells(sheet) where cell.type == "n" {
                guard let value = Double(cell.value), !partnershipMeans.contains((value * 100).rounded()) else { continue }
                #expect(!ownMeans.contains { abs($0 - value) < 1e-9 }, "\(sheet)!\(cell.row),\(cell.column) shows \(value)")
            }
        }
    }

    @Test func identicalInputGivesIdenticalBytes() throws {
        let first = try TestSupport.temporaryFolder("school-a"), second = try TestSupport.temporaryFolder("school-b")
        let (a, _) = try written("02CD", folder: first)
        let (b, _) = try written("02CD", folder: second)
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
        // No time of writing inside: libxlsxwriter stamps zip entries 1980-01-01 00:00, and the
        // document's creation date is the run's fixed document date (1 January 2025).
        let stamps = try TestSupport.runPython(
            """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            print(sorted({i.date_time for i in z.infolist()}))
            print("2025-01-01T00:00:00Z" in z.read("docProps/core.xml").decode())
            """, arguments: [a.path])
        #expect(stamps.split(separator: "\n") == ["[(1980, 1, 1, 0, 0, 0)]", "True"])
    }

    @Test func unknownSchoolIsAnError() {
        #expect(throws: WorkbookError.unknownSchool("99ZZ")) {
            _ = try SchoolWorkbook(
                result: fixture.result, configuration: fixture.configuration, schoolID: "99ZZ",
                runInfo: fixture.runInfo, release: fixture.release)
        }
    }
}
