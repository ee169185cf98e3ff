import Foundation
import Spiegel
import SpiegelTestSupport
import Testing

@Suite struct SchoolWorkbookTests {
    let fixture = WorkbookFixture.self

    private func written(_ schoolID: String, folder: URL? = nil) throws -> (URL, WorkbookReader) {
        let folder = try folder ?? TestSupport.temporaryFolder("school-workbook")
        let workbook = try SchoolWorkbook(
            result: fixture.result, configuration: fixture.configuration, schoolID: schoolID,
            runInfo: fixture.runInfo)
        let url = folder.appendingPathComponent(workbook.fileName)
        try workbook.write(to: url)
        return (url, try WorkbookReader(path: url))
    }

    @Test func namesSheetsAndComparison() throws {
        let (url, reader) = try written("01AB")
        #expect(url.lastPathComponent == "01AB Het Fictief College.xlsx")
        #expect(
            reader.sheetNames == [
                "Samenvatting", "School en partnerschap", "Spinnenweb", "Trend", "Zelfinschatting",
                "Respons", "Verandering", "Over dit werkboek", "Toelichting",
            ])
        #expect(reader.contents.creator == fixture.partnership.name)
        let header = reader.row("School en partnerschap", 4)
        #expect(
            header[3] == "Zelfbeeld school" && header[4] == "Zelfbeeld partnerschap"
                && header[7] == "Zelfbeeld − feedback school" && header[11] == "Feedback school − partnerschap")
        // 01AB, 2024-2025, Leraar van leraren (index 3), from the fixture's wpbs: self 4.3; feedback the mean of
        // student (self − 0.6) and SO (self − 0.4), so 3.8; difference +0.5. The benchmark would cover only two
        // schools of at least k wpbs (03EF has two), fewer than the three a benchmark needs: no difference either.
        let row = try #require(reader.rowContaining("School en partnerschap", ["Schooljaar 2024–2025", "Leraar van leraren"]))
        #expect(matches(reader.cell("School en partnerschap", row, 3)?.value, 4.3))
        #expect(reader.cell("School en partnerschap", row, 4)?.value == "onderdrukt (te weinig scholen)")
        #expect(matches(reader.cell("School en partnerschap", row, 5)?.value, 3.8))
        #expect(matches(reader.cell("School en partnerschap", row, 7)?.value, 0.5))
        #expect(reader.cell("School en partnerschap", row, 9)?.value == "3")
        #expect(reader.cell("School en partnerschap", row, 11) == nil)
        // The student and SO split: 4.3 − 0.6 and 4.3 − 0.4.
        #expect(matches(reader.cell("School en partnerschap", row, 12)?.value, 3.7))
        #expect(matches(reader.cell("School en partnerschap", row, 13)?.value, 3.9))
        #expect(reader.contents.frozen["School en partnerschap"] == "C5")
        #expect(reader.cells("Toelichting").map(\.value).contains("Onderdrukt"))
        // No wave ids, no configuration names, no jargon in what a reader sees.
        let visible = reader.sheetNames.flatMap { reader.cells($0).map(\.value) }.joined(separator: "\n")
        for word in ["2024-2025", "Pipeline.yml", "Gapregel", "n zelfbeeld", "Gapcategor"] {
            #expect(!visible.contains(word), "\(word)")
        }
    }

    @Test func radarChartReadsTheTableOnItsSheetAndLeavesEmptyLinesOut() throws {
        let (_, reader) = try written("01AB")
        let radars = reader.contents.charts.filter { $0.xml.contains("<c:radarChart>") }
        #expect(radars.count == 2)  // one per wave
        let chart = try #require(radars.first)
        // Wave 1's table: header on row 5, five areas on rows 6–10; columns self school, feedback school,
        // self partnership, feedback partnership. The benchmark is withheld in wave 1 (two schools), so only the
        // school's two lines are drawn: no empty series in the legend.
        #expect(
            chart.references == [
                "Spinnenweb!$A$6:$A$10", "Spinnenweb!$B$6:$B$10", "Spinnenweb!$A$6:$A$10", "Spinnenweb!$C$6:$C$10",
            ])
        #expect(chart.xml.contains("Zelfbeeld school") && chart.xml.contains("Feedback school"))
        #expect(!chart.xml.contains("partnerschap"))
        // Distinct line styles, not only colours.
        #expect(chart.xml.contains("<a:prstDash val=\"dash\"/>"))
        // The value axis is fixed from the scale's minimum to its maximum.
        #expect(chart.xml.contains("<c:max val=\"7\"/>") && chart.xml.contains("<c:min val=\"1\"/>"))
        // The referenced cells hold the numbers: 01AB wave 1, Begeleider: self 4.0, feedback 4.0 + 1.0 = 5.0
        // (student self + 1.2, SO self + 0.8); the benchmark is withheld, so its points are empty.
        #expect(reader.cell("Spinnenweb", 6, 1)?.value == "Begeleider")
        #expect(matches(reader.cell("Spinnenweb", 6, 2)?.value, 4.0))
        #expect(matches(reader.cell("Spinnenweb", 6, 3)?.value, 5.0))
        #expect(reader.cell("Spinnenweb", 6, 4) == nil || reader.cell("Spinnenweb", 6, 4)?.value == "")
        // Trend: one line chart per area over the two waves, also without the withheld partnership lines.
        let trends = reader.contents.charts.filter { $0.xml.contains("<c:lineChart>") }
        #expect(trends.count == 5)
        #expect(trends.first?.references == ["Trend!$A$6:$A$7", "Trend!$B$6:$B$7", "Trend!$A$6:$A$7", "Trend!$C$6:$C$7"])
    }

    @Test func theSmallSchoolsRadarSaysWhatItShows() throws {
        let (_, reader) = try written("03EF")
        // 03EF's own lines are withheld and the benchmark over two schools too: no chart with empty lines.
        #expect(reader.contents.charts.isEmpty)
        #expect(reader.cells("Spinnenweb").contains { $0.value.hasPrefix("Geen grafiek") })
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
        let row = try #require(
            reader.rowContaining("School en partnerschap", ["Schooljaar 2024–2025", fixture.areas[0].shortName]))
        let selfCell = try #require(reader.cell("School en partnerschap", row, 3))
        #expect(selfCell.type == "s" && selfCell.value == "onderdrukt (n < 3)")
        #expect(reader.cell("School en partnerschap", row, 7)?.value == "onderdrukt (n < 3)")
        // The benchmark over the two other schools would be 03EF's neighbours' figure: withheld too.
        #expect(reader.cell("School en partnerschap", row, 4)?.value == "onderdrukt (te weinig scholen)")
        let remark = reader.cell("School en partnerschap", row, 14)?.value ?? ""
        #expect(
            remark.contains(
                "Onderdrukt (zelfbeeld, feedback, verschil, feedback student, feedback schoolopleider): "
                    + "minder dan 3 personen (n = 2)"), "\(remark)")
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
        // The radar's school series are empty for 03EF.
        #expect(reader.cell("Spinnenweb", 6, 2) == nil || reader.cell("Spinnenweb", 6, 2)?.value == "")
        // Gap shares too.
        let shares = try #require(reader.rowContaining("Zelfinschatting", ["Schooljaar 2025–2026", fixture.areas[4].shortName]))
        #expect(reader.cell("Zelfinschatting", shares, 4)?.value == "onderdrukt (n < 3)")
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
                runInfo: fixture.runInfo)
        }
    }
}
