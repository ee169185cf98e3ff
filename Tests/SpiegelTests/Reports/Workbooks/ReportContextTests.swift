import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// The per-run indexes of ``ReportContext`` answer what each workbook used to work out by scanning the whole
/// result or released view: the answers must be the same, school by school.
@Suite struct ReportContextTests {
    static let afterBothWaves = Day(year: 2026, month: 12, day: 1)

    static func context(_ run: SampleDataPrivacyTests.SampleRun, asOf day: Day) -> ReportContext {
        let release = DisclosureControl(rules: DisclosureRules(configuration: run.configuration, asOf: day)).release(run.result)
        return ReportContext(result: run.result, configuration: run.configuration, runInfo: run.runInfo, release: release)
    }

    /// A school has figures of its own when one of its released rows shows a mean or the shares.
    static func hasOwnFigures(_ school: String, in release: ReleasedView) -> Bool {
        release.rows.contains { row in
            row.level == .school && row.unit == school
                && (row.feedback.value != nil || row.selfScore.value != nil || row.shares.shares != nil)
        }
    }

    @Test func schoolsWithOwnFiguresAreThoseWithAShownRow() throws {
        let run = try SampleDataPrivacyTests.SampleRun()
        let context = Self.context(run, asOf: Self.afterBothWaves)
        var shown = 0
        for school in run.configuration.registry.schools {
            let expected = Self.hasOwnFigures(school.id, in: context.release)
            #expect(context.schoolsWithOwnFigures.contains(school.id) == expected, "\(school.id)")
            let partnership = try #require(run.configuration.registry.partnership(school.partnership))
            #expect(SchoolSummary(context: context, school: school, partnership: partnership).hasOwnFigures == expected)
            if expected { shown += 1 }
        }
        #expect(shown > 0)
        // Nothing is shown while every wave is open (released only once closed): no school has figures.
        let open = Self.context(run, asOf: Day(year: 2025, month: 9, day: 1))
        #expect(open.schoolsWithOwnFigures.isEmpty)
        #expect(run.configuration.registry.schools.allSatisfy { !Self.hasOwnFigures($0.id, in: open.release) })
    }

    @Test func responseWaveNamesAndSchoolsWithDataAgreeWithScanningTheResult() throws {
        let run = try SampleDataPrivacyTests.SampleRun()
        let context = Self.context(run, asOf: Self.afterBothWaves)
        for school in run.configuration.registry.schools.map(\.id) + ["99ZZ"] {
            #expect(context.response(of: school) == context.release.response.filter { $0.school == school })
        }
        #expect(!context.response(of: try #require(run.configuration.registry.schools.first).id).isEmpty)
        for wave in run.result.waves + run.configuration.waves {
            let expected = (run.result.waves.first { $0.id == wave.id } ?? wave).displayName
            #expect(context.waveName(wave.id) == expected)
        }
        #expect(context.waveName("2030-2031-najaar") == "Najaar 2030–2031")
        let withData = Set(run.result.subjectScores.map(\.school)).union(run.result.response.map(\.school))
        #expect(context.schoolsWithData == withData)
        #expect(!withData.isEmpty)
    }

    /// The partnership overview's counts: the distinct wpbs with a score and schools with data, per partnership.
    @Test func coverageCountsEveryWpbAndSchoolOnce() throws {
        let run = try SampleDataPrivacyTests.SampleRun()
        let context = Self.context(run, asOf: Self.afterBothWaves)
        let partnerships = Set(run.result.subjectScores.map(\.partnership))
        #expect(!partnerships.isEmpty)
        for partnership in partnerships {
            let scores = run.result.subjectScores.filter { $0.partnership == partnership }
            let coverage = try #require(context.coverageByPartnership[partnership])
            #expect(coverage.schools == Set(scores.map(\.school)))
            #expect(coverage.supervisors == Set(scores.filter { $0.scope == .supervisors }.map(\.subject)))
            #expect(coverage.supervisors.count > 1)
        }
    }
}
