import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// What an MT workbook of the shipped sample shows, cell by cell, against the disclosure rule recomputed here
/// from the subject scores (docs/analysis.md, "Disclosure"): one population per row, the wpbs with both a
/// self-scan and feedback; the partnership benchmark over the schools whose row is shown, at least three.
@Suite struct SchoolWorkbookSuppressionTests {
    @Test func eachSchoolSeesItsOwnRowWhenLargeEnoughAndTheBenchmarkOverWholeSchools() throws {
        let run = try SampleDataPrivacyTests.SampleRun()
        let k = run.configuration.analysis.minimumGroupSize
        let folder = try TestSupport.temporaryFolder("mt-suppression")
        defer { try? FileManager.default.removeItem(at: folder) }
        let scores = run.result.subjectScores.filter { $0.scope == .supervisors && $0.gap != nil }
        func population(_ school: String, _ wave: String, _ area: String) -> [SubjectScore] {
            scores.filter { $0.school == school && $0.wave == wave && $0.area == area }
        }
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
        var ownShown = 0, ownHidden = 0, benchmarkShown = 0
        let release = run.release
        for school in run.configuration.registry.schools {
            let workbook = SchoolWorkbook(
                result: run.result, configuration: run.configuration, school: school, runInfo: run.runInfo,
                release: release)
            let url = folder.appendingPathComponent(workbook.fileName)
            try workbook.write(to: url)
            let reader = try WorkbookReader(path: url)
            let sheet = "School en partnerschap"
            guard let header = reader.rowContaining(sheet, ["Meetmoment"]) else {
                // A school without any figure of its own has no tables per wave; Tabel 1 says "onderdrukt".
                #expect(!reader.sheetNames.contains(sheet))
                let summary = reader.cells("Samenvatting").map(\.value)
                #expect(summary.contains { $0.hasPrefix("onderdrukt") }, "\(school.id)")
                ownHidden += 1
                continue
            }
            let titles = reader.row(sheet, header)
            func column(_ title: String) throws -> Int { try #require(titles.first { $0.value == title }?.key, "\(title)") }
            let ownSelf = try column("Zelfbeeld school"), partnershipSelf = try column("Zelfbeeld partnerschap")
            let ownFeedback = try column("Feedback school"), count = try column("Aantal wpb's")
            for wave in run.result.waves {
                for area in run.result.supervisorAreas {
                    guard let row = reader.rowContaining(sheet, [wave.displayName, area.shortName]) else { continue }
                    let cells = reader.row(sheet, row)
                    let own = population(school.id, wave.id, area.id)
                    if own.count >= k {
                        let value = try #require(Double(cells[ownSelf] ?? ""), "\(school.id) \(wave.id) \(area.id)")
                        #expect(abs(value - mean(own.compactMap(\.selfScore))) < 1e-9)
                        let feedback = try #require(Double(cells[ownFeedback] ?? ""))
                        #expect(abs(feedback - mean(own.compactMap(\.feedback))) < 1e-9)
                        // One n for the row: self and feedback over the same wpbs.
                        #expect(cells[count] == String(own.count))
                        ownShown += 1
                    } else if !own.isEmpty {
                        #expect(cells[ownSelf]?.contains("onderdrukt") == true, "\(school.id) n = \(own.count)")
                        ownHidden += 1
                    }
                    let released = run.configuration.registry.schools.filter { $0.partnership == school.partnership }
                        .map { population($0.id, wave.id, area.id) }.filter { $0.count >= k }
                    let partnershipText = cells[partnershipSelf] ?? ""
                    if released.count >= PipelineConfiguration.Defaults.minimumSchools {
                        let value = try #require(Double(partnershipText), "\(school.id) \(wave.id) \(area.id)")
                        #expect(abs(value - mean(released.flatMap { $0.compactMap(\.selfScore) })) < 1e-9)
                        benchmarkShown += 1
                    } else {
                        #expect(partnershipText.contains("onderdrukt"))
                    }
                }
            }
        }
        // The sample has a two-wpb school, and most rows are shown.
        #expect(ownHidden > 0)
        #expect(ownShown > 40)
        #expect(benchmarkShown > 40)
    }
}
