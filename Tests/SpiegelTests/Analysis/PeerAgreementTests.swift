import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// Spiegel's aggregates against an independent computation: the DuckDB peer of `make bench`
/// (`scripts/bench_peer.py`), one SQL script written from `docs/analysis.md`, compared cell by cell.
///
/// The peer is the benchmark's yardstick, so it must do the same job: the same cells, the per-role gaps, the
/// change cells and the threshold rule of §7. These tests keep both honest: a change to either side that
/// moves one number fails here.
@Suite("DuckDB peer agrees with Spiegel cell by cell")
struct PeerAgreementTests {
    /// Runs the peer on `job` and compares its aggregates with `research/aggregates.csv` of Spiegel's run.
    private func compare(job: URL, spiegelAggregates: URL) throws -> (compared: Int, problems: [String]) {
        let output = try TestSupport.temporaryFolder("peer-out")
        let script = """
            import json, sys
            from pathlib import Path
            sys.path.insert(0, sys.argv[1] + "/scripts")
            import bench_peer, duckdb
            job, out = Path(sys.argv[2]), Path(sys.argv[3])
            sql = bench_peer.peer_script(job, bench_peer.load_yaml(job / "Pipeline.yml"), out, "0" * 64)
            duckdb.connect().execute(sql)
            compared, problems = bench_peer.compare_aggregates(sys.argv[4], out / "aggregates.csv")
            print(json.dumps({"compared": compared, "problems": problems}))
            """
        let printed = try TestSupport.runPython(
            script,
            arguments: [TestSupport.packageRoot.path, job.path, output.path, spiegelAggregates.path])
        let answer = try JSONDecoder().decode(Answer.self, from: Data(printed.utf8))
        return (answer.compared, answer.problems)
    }

    private struct Answer: Decodable {
        var compared: Int
        var problems: [String]
    }

    @Test("the shipped sample: every cell, no difference")
    func sample() throws {
        let job = try SampleJob()
        #expect(job.run().published != nil)
        let result = try compare(job: job.folder, spiegelAggregates: job.latest.appendingPathComponent("research/aggregates.csv"))
        #expect(result.problems == [])
        #expect(result.compared > 300)
    }

    @Test("a generated set over three waves (change cells, role gaps, gaps of exactly ±T): no difference")
    func generatedThreeWaves() throws {
        let folder = try TestSupport.temporaryFolder("peer-generated")
        try GeneratedJob.write(subjects: 240, waves: 3, seed: 23, to: folder)
        let outcome = PipelineRun(options: .init(configurationFile: folder.appendingPathComponent("Pipeline.yml"))).execute()
        #expect(outcome.published != nil, "\(outcome.summary)")
        let aggregates = folder.appendingPathComponent("Reports/latest/research/aggregates.csv")
        let result = try compare(job: folder, spiegelAggregates: aggregates)
        #expect(result.problems == [], "\(result.problems.prefix(10))")
        #expect(result.compared > 1_000)
        let text = try String(contentsOf: aggregates, encoding: .utf8)
        #expect(text.contains(",change_self,"), "the set must exercise the change cells")
        #expect(text.contains(",gap_student,"), "… and the per-role gaps")
    }

    @Test("positive control: one mean moved in the sixth decimal's neighbourhood and one cell dropped are both caught")
    func tamperedAggregatesAreCaught() throws {
        let job = try SampleJob()
        #expect(job.run().published != nil)
        let original = job.latest.appendingPathComponent("research/aggregates.csv")
        var lines = try String(contentsOf: original, encoding: .utf8).components(separatedBy: "\r\n")
        func fields(_ line: String) -> [String] { line.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // The first data row with a mean (column 6): shift it by 0.00001, ten times the tolerance.
        let index = try #require(lines.indices.dropFirst().first { fields(lines[$0]).count > 6 && fields(lines[$0])[6] != "" })
        var row = fields(lines[index])
        row[6] = String(try #require(Double(row[6])) + 0.00001)
        lines[index] = row.joined(separator: ",")
        lines.remove(at: index + 1)
        let tampered = job.folder.appendingPathComponent("tampered.csv")
        try lines.joined(separator: "\r\n").write(to: tampered, atomically: true, encoding: .utf8)
        let result = try compare(job: job.folder, spiegelAggregates: tampered)
        #expect(result.problems.count == 2, "\(result.problems)")
        #expect(result.problems.contains { $0.contains(" mean: ") })
        #expect(result.problems.contains { $0.hasPrefix("only in the peer") })
    }
}
