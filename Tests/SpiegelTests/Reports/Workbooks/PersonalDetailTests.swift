import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// Personal workbooks in bounded memory (issue 26): the run keeps no item scores no output shows, and each
/// workbook gathers its own wpb's detail from positions instead of every wpb's detail being copied per wpb.
@Suite("Personal workbooks: detail held once")
struct PersonalDetailTests {
    static func sample() throws -> (PipelineConfiguration, [Form]) {
        var configuration = try PipelineConfiguration.load(from: TestSupport.packageRoot.appendingPathComponent("Pipeline.yml"))
        configuration.output.personalWorkbooks = true
        return (configuration, try FormIngest(configuration: configuration).run().forms)
    }

    static func analysed(_ configuration: PipelineConfiguration, _ forms: [Form], itemScores: Bool) -> AnalysisResult {
        var analyzer = Analyzer(configuration: configuration, includeItemScores: itemScores)
        for form in forms { analyzer.add(form) }
        return analyzer.finish()
    }

    @Test func withoutItemScoresEverythingElseIsTheSame() throws {
        let (configuration, forms) = try Self.sample()
        let with = Self.analysed(configuration, forms, itemScores: true)
        let without = Self.analysed(configuration, forms, itemScores: false)
        // Positive control: asked for, the item scores are there.
        #expect(with.itemScores.count > 100)
        #expect(without.itemScores.isEmpty)
        #expect(!without.itemGaps.isEmpty && !without.comments.isEmpty)
        #expect(without.itemGaps == with.itemGaps)
        #expect(without.comments == with.comments)
        #expect(without.subjectScores == with.subjectScores)
        #expect(without.aggregates == with.aggregates)
    }

    @Test func eachWpbGathersExactlyTheirOwnDetailInOrder() throws {
        let (configuration, forms) = try Self.sample()
        let result = Self.analysed(configuration, forms, itemScores: false)
        let runInfo = RunInfo(version: "test", runDate: Date(timeIntervalSince1970: 0), configurationHash: "0", inputs: [])
        let context = ReportContext(
            result: result, configuration: configuration, runInfo: runInfo,
            release: .firstNight(of: result, configuration: configuration, runInfo: runInfo))
        let supervisors = PersonalWorkbook.supervisors(in: result)
        #expect(supervisors.count > 10)
        for supervisor in supervisors {
            #expect(context.itemGaps(of: supervisor) == result.itemGaps.filter { $0.subject == supervisor })
            #expect(context.comments(of: supervisor) == result.comments.filter { $0.subject == supervisor })
            #expect(
                context.scores(of: supervisor)
                    == result.subjectScores.filter { $0.scope == .supervisors && $0.subject == supervisor })
        }
        // Someone else's detail never appears, and an unknown wpb has none.
        #expect(context.itemGaps(of: "nobody@example.nl").isEmpty && context.scores(of: "nobody@example.nl").isEmpty)
        #expect(supervisors.allSatisfy { supervisor in context.comments(of: supervisor).allSatisfy { $0.subject == supervisor } })
    }
}
