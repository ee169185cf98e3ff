import Foundation
import SpiegelTestSupport
import SyntheticData
import Testing

@testable import Spiegel

/// The nightly job end to end on the shipped sample: outputs, exit codes, determinism.
@Suite("Pipeline run", .serialized)
struct PipelineRunTests {
    /// Files whose content legitimately differs between runs (timestamps, timings).
    static let perRunFiles: Set<String> = ["run-manifest.json", "run.log", "summary.txt"]

    @Test func publishesEveryReportOfTheSample() throws {
        let job = try SampleJob()
        let outcome = job.run()
        #expect(outcome.status == .actionNeeded, "the sample has planted defects")
        let files = try SampleJob.snapshot(of: job.latest).keys.sorted()
        #expect(files.contains("quarantine.csv"))
        #expect(files.contains("research/responses.csv"))
        #expect(files.contains("research/forms.csv"))
        #expect(files.contains("research/items.csv"))
        #expect(files.contains("research/datapackage.json"))
        #expect(files.contains { $0.hasPrefix("partnership/") && $0.hasSuffix(".xlsx") })
        let schoolWorkbooks = files.filter { $0.hasPrefix("schools/") && $0.hasSuffix(".xlsx") }
        #expect(schoolWorkbooks.count == 6)
        // One folder per school, holding only that school's workbook.
        for path in schoolWorkbooks {
            let parts = path.split(separator: "/")
            #expect(parts.count == 3 && parts[2].hasPrefix(parts[1]))
        }
        #expect(outcome.summary.contains("Exit 3"))
    }

    @Test func rowsReadEqualRowsUsedPlusQuarantinedPerFile() throws {
        let job = try SampleJob()
        _ = job.run()
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: job.latest.appendingPathComponent("run-manifest.json")))
            as? [String: Any]
        let inputs = try #require(manifest?["inputs"] as? [[String: Any]])
        #expect(inputs.count == 10)
        // Counted independently: data records per file = physical records minus the header, by Python's csv module.
        let quarantine = try ResearchChecks.parseCSV(job.latest.appendingPathComponent("quarantine.csv")).dropFirst()
        for input in inputs {
            let path = try #require(input["path"] as? String)
            let read = try #require(input["rows_read"] as? Int), used = try #require(input["rows_used"] as? Int)
            let quarantined = try #require(input["rows_quarantined"] as? Int)
            #expect(read == used + quarantined, "\(path)")
            #expect(quarantine.filter { $0[0] == path }.count == quarantined, "\(path)")
            let encoding = path.contains("msforms") ? "utf-8-sig" : "utf-8"
            let delimiter = path.contains("msforms") ? ";" : ","
            let records = try ResearchChecks.parseCSV(
                job.folder.appendingPathComponent(path), delimiter: delimiter, encoding: encoding)
            #expect(records.count - 1 == read, "\(path): data records by Python's csv module")
        }
    }

    @Test func identicalInputsGiveByteIdenticalReports() throws {
        let job = try SampleJob()
        _ = job.run(now: Date(timeIntervalSince1970: 1_800_000_000))
        let first = try SampleJob.snapshot(of: job.latest, excluding: Self.perRunFiles)
        _ = job.run(now: Date(timeIntervalSince1970: 1_800_003_600))
        let second = try SampleJob.snapshot(of: job.latest, excluding: Self.perRunFiles)
        #expect(RunPublisher(outputFolder: job.reports, keepRuns: 5).publishedRuns().count == 2)
        #expect(first.keys.sorted() == second.keys.sorted())
        for (path, bytes) in first { #expect(second[path] == bytes, "\(path) differs between two runs") }
        #expect(first.count > 10)
    }

    @Test func everyOutputIsListedInTheManifestWithItsHash() throws {
        let job = try SampleJob()
        _ = job.run()
        let data = try Data(contentsOf: job.latest.appendingPathComponent("run-manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let outputs = try #require(manifest["outputs"] as? [[String: Any]])
        let files = try SampleJob.snapshot(of: job.latest, excluding: ["run-manifest.json"])
        #expect(outputs.count == files.count)
        for output in outputs {
            let path = try #require(output["path"] as? String)
            let bytes = try #require(files[path])
            #expect(output["sha256"] as? String == FileDigest.sha256(of: bytes))
            #expect(output["size"] as? Int == bytes.count)
        }
        #expect(manifest["configuration_hash"] as? String == FileDigest.sha256(of: try Data(contentsOf: job.configuration)))
        let timings = try #require(manifest["timings"] as? [String: Double])
        #expect(Set(timings.keys).isSuperset(of: ["ingest", "analysis", "csv", "workbooks", "total"]))
    }
}

/// Every exit code of `spiegel run`, each provoked for real.
@Suite("Exit codes", .serialized)
struct ExitCodeTests {
    @Test func cleanDataExitsZero() throws {
        let folder = try TestSupport.temporaryFolder("clean-job")
        try GeneratedJob.write(subjects: 12, waves: 1, seed: 7, to: folder, key: false) { parameters in
            parameters.schoolSizes = [4, 4, 4]
            parameters.partnershipSizes = [3]
            parameters.includeDefects = false
            parameters.duplicateRate = 0
        }
        var text = try String(contentsOf: folder.appendingPathComponent("Pipeline.yml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "research_data: true", with: "research_data: false")
        try text.write(to: folder.appendingPathComponent("Pipeline.yml"), atomically: true, encoding: .utf8)
        let outcome = PipelineRun(options: .init(configurationFile: folder.appendingPathComponent("Pipeline.yml"))).execute()
        #expect(outcome.status == .success, "\(outcome.summary)")
        #expect(outcome.status.rawValue == 0)
    }

    @Test func quarantinedRowsExitThree() throws {
        #expect(try SampleJob().run().status.rawValue == 3)
    }

    @Test func aBrokenConfigurationExits78AndNamesTheLine() throws {
        let job = try SampleJob { $0.replacingOccurrences(of: "gap_threshold", with: "gap_treshold") }
        let outcome = job.run()
        #expect(outcome.status.rawValue == 78)
        #expect(outcome.summary.contains("gap_treshold"))
        #expect(outcome.summary.contains("did you mean 'gap_threshold'"))
        #expect(!FileManager.default.fileExists(atPath: job.latest.path))
    }

    @Test func anUnreadableExportExits65() throws {
        let job = try SampleJob()
        // The self-scan export loses its respondent column: the file cannot be read as configured.
        let export = job.folder.appendingPathComponent("Data/exports/zelfscan-wpb-msforms-2025-2026-najaar.csv")
        try Data("\u{FEFF}Id;Something else\r\n1;2\r\n".utf8).write(to: export)
        let outcome = job.run()
        #expect(outcome.status.rawValue == 65, "\(outcome.summary)")
        #expect(outcome.summary.contains("zelfscan-wpb-msforms-2025-2026-najaar.csv"))
        #expect(!FileManager.default.fileExists(atPath: job.latest.path))
        #expect(!FileManager.default.fileExists(atPath: job.reports.appendingPathComponent(".staging").path), "no debris")
    }

    @Test func anUnwritableOutputExits70() throws {
        let job = try SampleJob()
        // A plain file where the output folder should be.
        try Data("not a folder".utf8).write(to: job.reports)
        let outcome = job.run()
        #expect(outcome.status.rawValue == 70, "\(outcome.summary)")
    }

    @Test func aHeldLockExits75() throws {
        let job = try SampleJob()
        try FileManager.default.createDirectory(at: job.reports, withIntermediateDirectories: true)
        let lock = try RunLock(folder: job.reports.path, noteFile: job.reports.appendingPathComponent(".spiegel.lock").path)
        defer { lock.release() }
        let outcome = job.run()
        #expect(outcome.status.rawValue == 75)
        #expect(outcome.summary.contains("Another Spiegel run is busy"))
    }
}
