import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

@Suite struct PersonalWorkbookTests {
    let fixture = WorkbookFixture.self
    let anna = "a.jansen@hetfictief.nl"

    private func written() throws -> (URL, WorkbookReader) {
        let folder = try TestSupport.temporaryFolder("personal-workbook")
        let workbook = PersonalWorkbook(
            result: fixture.result, configuration: fixture.configuration, supervisor: anna,
            runInfo: fixture.runInfo, release: fixture.release)
        let url = folder.appendingPathComponent(workbook.fileName)
        try workbook.write(to: url)
        return (url, try WorkbookReader(path: url))
    }

    @Test func sheetsRadarAndScores() throws {
        let (url, reader) = try written()
        #expect(url.lastPathComponent == "Persoonlijk 01AB Anna Jansen.xlsx")
        #expect(reader.sheetNames == ["Overzicht", "Spinnenweb", "Items", "Feed forward", "Toelichting"])
        #expect(
            reader.row("Spinnenweb", 5) == [
                1: "Bekwaamheidsgebied", 2: "Zelfbeeld", 3: "Student", 4: "Schoolopleider",
                5: "Feedback", 6: "Zelfbeeld − feedback",
            ])
        // Anna is the first of three wpbs: own = school mean − 0.1. Begeleider, wave 1: 3.9; student 3.9 + 1.2.
        #expect(matches(reader.cell("Spinnenweb", 6, 2)?.value, 3.9))
        #expect(matches(reader.cell("Spinnenweb", 6, 3)?.value, 5.1))
        #expect(matches(reader.cell("Spinnenweb", 6, 4)?.value, 4.7))
        let chart = try #require(reader.contents.charts.first)
        #expect(chart.xml.contains("<c:radarChart>"))
        #expect(chart.references.contains("Spinnenweb!$B$6:$B$10"))
        #expect(chart.references.contains("Spinnenweb!$D$6:$D$10"))
        for role in ["Zelfbeeld", "Student", "Schoolopleider"] {
            #expect(chart.xml.contains("<c:v>\(role)</c:v>") || chart.xml.contains(role))
        }
    }

    @Test func mirroredGapsAtOrAboveTheThresholdAreHighlighted() throws {
        let (_, reader) = try written()
        // Self 6 on every item; SO 6, 5.5, 5, 4.5, 4 → gaps 0, 0.5, 1, 1.5, 2: Z03–Z05 reach T = 1.
        for (item, gap, highlighted) in [("Z01", 0.0, false), ("Z02", 0.5, false), ("Z03", 1.0, true), ("Z05", 2.0, true)] {
            let row = try #require(reader.rowContaining("Items", ["Schooljaar 2025–2026", item]))
            let cell = try #require(reader.cell("Items", row, 9))
            #expect(matches(cell.value, gap))
            #expect((cell.fill != nil && cell.fill != "00000000") == highlighted, "\(item) fill \(String(describing: cell.fill))")
        }
        #expect(reader.rowContaining("Items", ["Ik kan als poortwachter handelen."]) != nil)
    }

    @Test func commentsAreTextAndOnlyTheirOwn() throws {
        let (_, reader) = try written()
        let comments = reader.cells("Feed forward")
        let formulaLike = try #require(comments.first { $0.value == "=meer feedback graag" })
        #expect(formulaLike.type == "s")
        #expect(comments.contains { $0.value == "Geef vaker ruimte om te oefenen." })
        #expect(!comments.contains { $0.value == "Niet voor Anna." })
        #expect(comments.contains { $0.value == "Welke feed forward heb je nog?" })
    }

    /// Two wpbs of one school with the same name once got one file name: both workbooks were written
    /// into it at the same time, which left a corrupt file and lost one of them.
    @Test func namesakesInOneSchoolGetTwoIntactWorkbooks() throws {
        var configuration = fixture.configuration
        configuration.output.personalWorkbooks = true
        configuration.output.schoolWorkbooks = false
        configuration.output.partnershipWorkbook = false
        let bram = "b.bakker@hetfictief.nl"
        configuration.registry.roster = configuration.registry.roster.map { entry in
            var entry = entry
            if entry.supervisor == bram { entry.name = "Anna Jansen" }
            return entry
        }
        let folder = try TestSupport.temporaryFolder("personal-namesakes")
        let release = ReleasedView.firstNight(of: fixture.result, configuration: configuration, runInfo: fixture.runInfo)
        _ = try WorkbookSet(result: fixture.result, configuration: configuration, runInfo: fixture.runInfo, release: release)
            .write(into: folder)
        let school = folder.appendingPathComponent("personal/01AB")
        let names = try FileManager.default.contentsOfDirectory(atPath: school.path).sorted()
        #expect(
            names == [
                "Persoonlijk 01AB Anna Jansen (a.jansen).xlsx", "Persoonlijk 01AB Anna Jansen (b.bakker).xlsx",
                "Persoonlijk 01AB Cor Visser.xlsx",
            ])
        // Each file opens and holds its own wpb's item scores, not the other's.
        let anna = try WorkbookReader(path: school.appendingPathComponent(names[0]))
        let namesake = try WorkbookReader(path: school.appendingPathComponent(names[1]))
        #expect(anna.sheetNames == namesake.sheetNames)
        #expect(anna.cells("Spinnenweb").map(\.value) != namesake.cells("Spinnenweb").map(\.value))
    }

    /// The feed-forward sheet names each question's area and says which form did not come in, per wave.
    @Test func feedForwardNamesAreasAndMissingForms() throws {
        let run = try SampleDataPrivacyTests.SampleRun()
        let scores = run.result.subjectScores.filter { $0.scope == .supervisors }
        // A wpb of the sample with feedback but no self-scan in some wave.
        func noSelfScan(_ group: [SubjectScore]) -> Bool {
            let selfForms = group.map { $0.formCounts[.selfAssessment] ?? 0 }.reduce(0, +)
            let feedbackForms = group.map { ($0.formCounts[.student] ?? 0) + ($0.formCounts[.schoolopleider] ?? 0) }.reduce(0, +)
            return selfForms == 0 && feedbackForms > 0
        }
        let groups = Dictionary(grouping: scores) { "\($0.subject)|\($0.wave)" }.values.sorted { $0[0].subject < $1[0].subject }
        let missing = try #require(groups.first(where: noSelfScan)?.first)
        let folder = try TestSupport.temporaryFolder("personal-missing")
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbook = PersonalWorkbook(
            result: run.result, configuration: run.configuration, supervisor: missing.subject,
            runInfo: run.runInfo, release: run.release)
        let url = folder.appendingPathComponent("p.xlsx")
        try workbook.write(to: url)
        let reader = try WorkbookReader(path: url)
        let waveName = try #require(run.result.waves.first { $0.id == missing.wave }?.displayName)
        let line = try #require(reader.cells("Feed forward").first { $0.value.hasPrefix("Geen zelfscan ontvangen") })
        #expect(reader.cell("Feed forward", line.row, 1)?.value == waveName)
        #expect(reader.cell("Feed forward", line.row, 2)?.value == "Zelfbeeld")
        // Every answer names an area (or "algemeen"), in the column beside it.
        let header = reader.row("Feed forward", 4)
        #expect(header[3] == "Bekwaamheidsgebied")
        let areaNames = Set(run.result.supervisorAreas.map(\.shortName) + ["algemeen"])
        for answer in reader.cells("Feed forward") where answer.column == 5 && answer.row > 4 {
            #expect(areaNames.contains(reader.cell("Feed forward", answer.row, 3)?.value ?? ""), "row \(answer.row)")
        }
    }
}
