import Foundation
import Testing

@testable import Spiegel

/// The real binary, killed at the end of every stage, must leave the published reports complete and, until the
/// switch, untouched; two runs at once must not both write. These drive `.build/debug/spiegel` as a child process
/// (its `SPIEGEL_FAULT_AT` hook exists in debug builds only).
@Suite("Fault injection and locking", .serialized)
struct FaultInjectionTests {
    /// keep_runs 1, so that the second run prunes and a kill while pruning is tried too.
    static func job() throws -> SampleJob {
        try SampleJob { $0.replacingOccurrences(of: "keep_runs: 5", with: "keep_runs: 1") }
    }

    @Test(arguments: RunStage.allCases)
    func aKilledRunNeverPublishesAnythingIncomplete(at stage: RunStage) throws {
        let job = try Self.job()
        #expect(job.run().status == .actionNeeded)
        let published = try SampleJob.snapshot(of: job.latest)
        let previous = try FileManager.default.destinationOfSymbolicLink(atPath: job.latest.path)

        let killed = try job.launch(extraEnvironment: ["SPIEGEL_FAULT_AT": stage.rawValue])
        killed.waitUntilExit()
        #expect(killed.terminationReason == .uncaughtSignal, "the run was to be killed after \(stage.rawValue)")
        #expect(killed.terminationStatus == SIGKILL)

        let now = try FileManager.default.destinationOfSymbolicLink(atPath: job.latest.path)
        if stage == .pruning {
            // Killed after the switch: `latest` is the new run, complete by its own manifest.
            #expect(now != previous)
            #expect(try Self.manifestProblems(of: job.latest).isEmpty)
        } else {
            // Byte for byte what was there before, manifest and log included.
            #expect(now == previous)
            #expect(try SampleJob.snapshot(of: job.latest) == published)
        }
        // Nothing half-written under runs/: every run folder passes its manifest.
        let runs = job.reports.appendingPathComponent("runs")
        for name in try FileManager.default.contentsOfDirectory(atPath: runs.path) {
            #expect(try Self.manifestProblems(of: runs.appendingPathComponent(name)).isEmpty, "runs/\(name)")
        }

        // The next run cleans the debris and publishes.
        let next = try job.launch()
        next.waitUntilExit()
        #expect(next.terminationStatus == ExitStatus.actionNeeded.rawValue)
        let debris = try FileManager.default.contentsOfDirectory(atPath: job.reports.path).filter {
            $0.hasPrefix(".") && $0 != ".spiegel.lock"
        }
        #expect(debris.isEmpty, "left over: \(debris)")
        let republished = try SampleJob.snapshot(of: job.latest, excluding: PipelineRunTests.perRunFiles)
        #expect(republished == published.filter { !PipelineRunTests.perRunFiles.contains($0.key) })
    }

    /// Differences between a run folder and its manifest, recomputed here from the files.
    static func manifestProblems(of folder: URL) throws -> [String] {
        let data = try Data(contentsOf: folder.appendingPathComponent("run-manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let outputs = try #require(manifest["outputs"] as? [[String: Any]])
        let files = try SampleJob.snapshot(of: folder, excluding: ["run-manifest.json"])
        var problems: [String] = []
        if Set(outputs.compactMap { $0["path"] as? String }) != Set(files.keys) { problems.append("file list differs") }
        for output in outputs {
            guard let path = output["path"] as? String, let bytes = files[path] else { continue }
            if output["sha256"] as? String != FileDigest.sha256(of: bytes) { problems.append("\(path) hash differs") }
        }
        return problems
    }

    @Test func aSecondRunWhileOneIsBusyExitsWithTheLockCode() throws {
        let job = try SampleJob()
        let lockFile = job.reports.appendingPathComponent(".spiegel.lock")
        let first = try job.launch(extraEnvironment: ["SPIEGEL_HOLD_LOCK_SECONDS": "4"])
        // Wait until the first run holds the lock: it writes its pid into the lock file after taking it.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline,
            (try? String(contentsOf: lockFile, encoding: .utf8))?.contains("pid \(first.processIdentifier)") != true
        {
            Thread.sleep(forTimeInterval: 0.05)
        }
        // Deleting the lock file changes nothing: the lock is on the folder.
        try FileManager.default.removeItem(at: lockFile)
        let second = try job.launch()
        second.waitUntilExit()
        first.waitUntilExit()
        #expect(second.terminationStatus == ExitStatus.lockHeld.rawValue)
        #expect(first.terminationStatus == ExitStatus.actionNeeded.rawValue)
        #expect(RunPublisher(outputFolder: job.reports, keepRuns: 5).publishedRuns().count == 1)
        #expect(try Self.manifestProblems(of: job.latest).isEmpty, "the first run's run.log was not touched by the second")
    }
}

/// Staging files removed, changed or added after the stage that wrote them: the check before publishing
/// refuses the run, and `latest` stays the previous good run. In-process, through the stage observer.
@Suite("Verified publish", .serialized)
struct VerifiedPublishTests {
    enum Tampering: String, CaseIterable, Sendable { case remove, alter, add }

    /// What each stage leaves to tamper with, relative to the staged run.
    static let targets: [(RunStage, String)] = [
        (.ingested, "run.log"),
        (.csvWritten, "quarantine.csv"),
        (.csvWritten, "research/responses.csv"),
        (.workbooksWritten, "research/aggregates.csv"),
        (.workbooksWritten, "quarantine-excel.csv"),
        (.manifestWritten, "run.log"),
        (.manifestWritten, "summary.txt"),
        (.manifestWritten, "run-manifest.json"),
    ]

    /// Every target removed, changed and joined by a stray file; except changing the log while it is still being
    /// written, which is just more log.
    static let cases: [(RunStage, String, Tampering)] = targets.flatMap { target in
        Tampering.allCases.map { (target.0, target.1, $0) }
    }.filter { !($0.0 == .ingested && $0.2 == .alter) }

    @Test(arguments: 0..<cases.count)
    func aTamperedStagingFolderIsNeverPublished(case index: Int) throws {
        let (stage, path, tampering) = Self.cases[index]
        let job = try SampleJob()
        let good = job.run()
        #expect(good.status == .actionNeeded)
        let published = try SampleJob.snapshot(of: job.latest)

        let outcome = PipelineRun(
            options: .init(
                configurationFile: job.configuration,
                stageObserver: { seen, folder in
                    guard seen == stage else { return }
                    let url = folder.appendingPathComponent(tampering == .add ? "extra.xlsx" : path)
                    switch tampering {
                    case .remove: try FileManager.default.removeItem(at: url)
                    case .alter:
                        let handle = try FileHandle(forWritingTo: url)
                        try handle.seekToEnd()
                        try handle.write(contentsOf: Data("x".utf8))
                        try handle.close()
                    case .add: try Data("not a workbook".utf8).write(to: url)
                    }
                })
        ).execute()
        #expect(outcome.status == .internalError, "\(tampering) \(path) after \(stage): \(outcome.summary)")
        #expect(outcome.status.rawValue == 70)
        #expect(outcome.summary.contains("Nothing published: the staged run failed its check before publishing"))
        #expect(outcome.published == nil)
        #expect(try SampleJob.snapshot(of: job.latest) == published, "latest stays the previous good run")
        #expect(!FileManager.default.fileExists(atPath: job.reports.appendingPathComponent(".staging").path))
    }

    @Test func anUntouchedRunPassesItsCheck() throws {
        // Positive control for the tests above: the same observer, doing nothing, publishes.
        let job = try SampleJob()
        let outcome = PipelineRun(options: .init(configurationFile: job.configuration, stageObserver: { _, _ in })).execute()
        #expect(outcome.status == .actionNeeded, "\(outcome.summary)")
        #expect(try FaultInjectionTests.manifestProblems(of: job.latest).isEmpty)
        // run.log is hashed as finally written.
        let data = try Data(contentsOf: job.latest.appendingPathComponent("run-manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let outputs = try #require(manifest["outputs"] as? [[String: Any]])
        let log = try #require(outputs.first { $0["path"] as? String == "run.log" })
        #expect(
            log["sha256"] as? String == FileDigest.sha256(of: try Data(contentsOf: job.latest.appendingPathComponent("run.log"))))
    }

    @Test func deletingTheLockFileMidRunLetsNoSecondRunStart() throws {
        let job = try SampleJob()
        _ = job.run()
        final class Box: @unchecked Sendable { var second: PipelineRun.Outcome? }
        let box = Box()
        let configuration = job.configuration, lockFile = job.reports.appendingPathComponent(".spiegel.lock")
        let first = PipelineRun(
            options: .init(
                configurationFile: configuration,
                stageObserver: { stage, _ in
                    guard stage == .csvWritten else { return }
                    try FileManager.default.removeItem(at: lockFile)
                    box.second = PipelineRun(options: .init(configurationFile: configuration)).execute()
                })
        ).execute()
        #expect(box.second?.status == .lockHeld)
        #expect(box.second?.status.rawValue == 75)
        let secondSummary = box.second?.summary ?? ""
        #expect(secondSummary.contains("Another Spiegel run is busy"))
        #expect(first.status == .actionNeeded, "\(first.summary)")
        #expect(try FaultInjectionTests.manifestProblems(of: job.latest).isEmpty)
    }
}
