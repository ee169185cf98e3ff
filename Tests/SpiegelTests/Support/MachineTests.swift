import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// Work is shared out by the machine's cores (issue 26), and the result must not depend on how many there are.
@Suite("Parallelism sized by the machine")
struct MachineTests {
    @Test(arguments: [(0, 3), (1, 4), (5, 1), (7, 3), (10, 4), (3, 8), (1000, 7)])
    func partsCoverTheRangeInOrder(count: Int, parts: Int) {
        let ranges = Machine.contiguousParts(of: count, into: parts)
        #expect(ranges.flatMap { Array($0) } == Array(0..<count))
        #expect(ranges.allSatisfy { !$0.isEmpty })
        #expect(ranges.count == min(max(parts, 1), count))
        if let longest = ranges.map(\.count).max(), let shortest = ranges.map(\.count).min() {
            #expect(longest - shortest <= 1)
        }
    }

    @Test func theMachinesCoresAreUsed() {
        #expect(Machine.cores == max(1, ProcessInfo.processInfo.activeProcessorCount))
        #expect(Analyzer(configuration: IngestFixtures.configuration(sources: [])).parallelParts == Machine.cores)
    }

    /// The sample's aggregates are the same whether their cells are computed in one part, two or eleven.
    @Test func aggregatesDoNotDependOnTheNumberOfParts() throws {
        let configuration = try PipelineConfiguration.load(from: TestSupport.packageRoot.appendingPathComponent("Pipeline.yml"))
        let forms = try FormIngest(configuration: configuration).run().forms
        func aggregates(parts: Int) -> [Aggregate] {
            var analyzer = Analyzer(configuration: configuration)
            analyzer.parallelParts = parts
            for form in forms { analyzer.add(form) }
            return analyzer.finish().aggregates
        }
        let one = aggregates(parts: 1)
        #expect(one.count > 100)
        #expect(aggregates(parts: 2) == one)
        #expect(aggregates(parts: 11) == one)
    }
}
