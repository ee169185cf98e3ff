import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// Outputs are hashed once (issue 26): a CSV while it is written, a file another library wrote when its stage
/// records it; the publish check compares stamps and hashes only what moved.
@Suite("Outputs hashed once")
struct OutputRecordingTests {
    static let script =
        "import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], 'rb').read()).hexdigest())"

    static func pythonSHA256(_ url: URL) throws -> String {
        try TestSupport.runPython(script, arguments: [url.path]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func report() throws -> RunReport {
        RunReport(
            runID: "x", configuration: IngestFixtures.configuration(sources: [IngestFixtures.zelfscanSource()]),
            configurationHash: "")
    }

    static func writeCSV(_ url: URL, rows: Int) throws {
        let writer = try CSVWriter(creatingFileAt: url)
        try writer.writeHeader(["form_id", "item", "score"])
        for row in 0..<rows { try writer.writeRow([.integer(row), .text("Z0\(row % 9)"), .integer(row % 7)]) }
        try writer.finish()
    }

    @Test func aCSVIsRecordedWithTheDigestTakenWhileWriting() throws {
        let folder = try TestSupport.temporaryFolder("record-csv")
        let url = folder.appendingPathComponent("responses.csv")
        try Self.writeCSV(url, rows: 30_000)
        let stamp = try #require(FileStamp.of(url))
        var report = try Self.report()
        try report.record(["responses.csv"], in: folder)
        #expect(report.outputs["responses.csv"]?.sha256 == (try Self.pythonSHA256(url)))
        #expect(report.outputs["responses.csv"]?.size == stamp.size)
        #expect(report.stamps["responses.csv"] == stamp)
        // Taken once: the digest is no longer waiting to be recorded.
        #expect(WrittenDigests.take(url, stamp: stamp) == nil)
    }

    @Test func aCSVChangedAfterWritingIsHashedAsItIsNow() throws {
        let folder = try TestSupport.temporaryFolder("record-changed")
        let url = folder.appendingPathComponent("quarantine.csv")
        try Self.writeCSV(url, rows: 10)
        let written = try Self.pythonSHA256(url)
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("x".utf8))
        try handle.close()
        var report = try Self.report()
        try report.record(["quarantine.csv"], in: folder)
        // The digest taken while writing no longer describes the file, so it is not used.
        #expect(report.outputs["quarantine.csv"]?.sha256 == (try Self.pythonSHA256(url)))
        #expect(report.outputs["quarantine.csv"]?.sha256 != written)
    }

    @Test func thePublishCheckHashesOnlyWhatMoved() throws {
        let folder = try TestSupport.temporaryFolder("publish-stamps")
        try Self.writeCSV(folder.appendingPathComponent("a.csv"), rows: 5)
        try Data("workbook bytes".utf8).write(to: folder.appendingPathComponent("b.xlsx"))
        var report = try Self.report()
        try report.record(["a.csv", "b.xlsx"], in: folder)
        let outputs = report.outputs.values.sorted { $0.path < $1.path }.map {
            ["path": $0.path, "size": $0.size, "sha256": $0.sha256] as [String: Any]
        }
        let manifest = try JSONSerialization.data(withJSONObject: ["outputs": outputs], options: [.sortedKeys])
        try manifest.write(to: folder.appendingPathComponent(RunManifest.fileName))
        func problems() -> [String] {
            PublishCheck(folder: folder, manifest: manifest, recorded: report.stamps).problems(claims: report)
                .filter { $0.hasPrefix("a.csv") || $0.hasPrefix("b.xlsx") }
        }
        // Positive control: untouched, both pass.
        #expect(problems() == [])
        // The same number of bytes, other content: the stamp moved, so the file is hashed and fails.
        Thread.sleep(forTimeInterval: 0.01)
        try Data("workbook BYTES".utf8).write(to: folder.appendingPathComponent("b.xlsx"))
        #expect(problems() == ["b.xlsx changed after it was written (size 14 → 14)"])
        // A file put back byte for byte has a new stamp too, but its hash matches: not a problem.
        Thread.sleep(forTimeInterval: 0.01)
        try Data("workbook bytes".utf8).write(to: folder.appendingPathComponent("b.xlsx"))
        #expect(problems() == [])
    }
}
