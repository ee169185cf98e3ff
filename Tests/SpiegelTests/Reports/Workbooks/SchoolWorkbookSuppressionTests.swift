import Foundation
import Testing
@testable import Spiegel
import SpiegelTestSupport

/// What an MT workbook of the shipped sample shows, cell by cell, against the suppression rule for one
/// school beside its partnership (docs/analysis.md, "What an MT workbook shows").
@Suite struct SchoolWorkbookSuppressionTests {
    @Test func eachSchoolSeesItsOwnFigureWhenLargeEnoughAndThePartnershipOnlyWhenTheRestIsLargeEnough() throws {
        let run = try SampleDataPrivacyTests.SampleRun()
        let k = run.configuration.analysis.minimumGroupSize
        let folder = try TestSupport.temporaryFolder("mt-suppression")
        var ownShown = 0, ownHidden = 0
        for school in run.configuration.registry.schools {
            let workbook = SchoolWorkbook(result: run.result, configuration: run.configuration, school: school, runInfo: run.runInfo)
            let url = folder.appendingPathComponent(workbook.fileName)
            try workbook.write(to: url)
            let reader = try WorkbookReader(path: url)
            let sheet = "School en partnerschap"
            let header = try #require(reader.rowContaining(sheet, ["Meetmoment"]))
            let titles = reader.row(sheet, header)
            func column(_ words: [String]) throws -> Int {
                try #require(titles.first { title in words.allSatisfy { title.value.lowercased().contains($0) } }?.key)
            }
            let ownSelf = try column(["zelfbeeld", "school"]), partnershipSelf = try column(["zelfbeeld", "partnerschap"])
            for wave in run.result.waves {
                for area in run.result.supervisorAreas {
                    guard let row = reader.rowContaining(sheet, [wave.id, area.name]) else { continue }
                    let cells = reader.row(sheet, row)
                    let own = run.result.aggregates.first {
                        $0.scope == .supervisors && $0.level == .school && $0.unit == school.id && $0.wave == wave.id
                            && $0.area == area.id && $0.measure == .selfScore
                    }
                    let partnership = try #require(run.result.aggregates.first {
                        $0.scope == .supervisors && $0.level == .partnership && $0.unit == school.partnership
                            && $0.wave == wave.id && $0.area == area.id && $0.measure == .selfScore
                    })
                    let n = own?.n ?? 0
                    if n >= k {
                        // Shown, whatever complementary mark the researcher output carries.
                        let value = try #require(Double(cells[ownSelf] ?? ""), "\(school.id) \(wave.id) \(area.id)")
                        #expect(abs(value - (own?.statistics?.mean ?? .nan)) < 1e-9)
                        ownShown += 1
                    } else if n > 0 {
                        #expect(cells[ownSelf]?.contains("onderdrukt") == true, "\(school.id) n = \(n)")
                        ownHidden += 1
                    }
                    let rest = partnership.n - n
                    let partnershipText = cells[partnershipSelf] ?? ""
                    if rest > 0 && rest < k {
                        #expect(partnershipText.contains("onderdrukt"), "\(school.id): the other schools hold \(rest)")
                    } else if partnership.suppression == nil {
                        let value = try #require(Double(partnershipText))
                        #expect(abs(value - (partnership.statistics?.mean ?? .nan)) < 1e-9)
                    }
                }
            }
        }
        // The sample has a two-wpb school, and schools that the researcher output hides as its complement.
        #expect(ownHidden > 0)
        #expect(ownShown > 40)
        let complemented = run.result.aggregates.filter {
            if case .complementary = $0.suppression { return $0.level == .school && $0.n >= k } else { return false }
        }
        #expect(!complemented.isEmpty, "the sample exercises a complementary mark that MT workbooks do not apply")
    }
}
