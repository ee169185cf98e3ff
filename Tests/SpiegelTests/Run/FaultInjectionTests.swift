import Foundation
import Testing
@testable import Spiegel

/// The real binary, killed at several points, must leave the published reports untouched; two runs at once
/// must not both write. These drive `.build/debug/spiegel` as a child process.
@Suite("Fault injection and locking", .serialized)
struct FaultInjectionTests {
    @Test(arguments: PipelineRun.FaultPoint.allCases)
    func aKilledRunLeavesThePublishedReportsIntact(at point: PipelineRun.FaultPoint) throws {
        let job = try SampleJob()
        #expect(job.run().status == .successWithQuarantine)
        let published = try SampleJob.snapshot(of: job.latest)
        let runsBefore = RunPublisher(outputFolder: job.reports, keepRuns: 5).publishedRuns()

        let killed = try job.launch(extraEnvironment: ["SPIEGEL_FAULT_AT": point.rawValue])
        killed.waitUntilExit()
        #expect(killed.terminationReason == .uncaughtSignal, "the run was to be killed at \(point.rawValue)")
        #expect(killed.terminationStatus == SIGKILL)

        // Byte for byte what was there before, manifest and log included.
        let after = try SampleJob.snapshot(of: job.latest)
        #expect(after == published)
        #expect(RunPublisher(outputFolder: job.reports, keepRuns: 5).publishedRuns() == runsBefore)

        // The next run cleans the debris and publishes.
        let next = try job.launch()
        next.waitUntilExit()
        #expect(next.terminationStatus == ExitStatus.successWithQuarantine.rawValue)
        #expect(RunPublisher(outputFolder: job.reports, keepRuns: 5).publishedRuns().count == runsBefore.count + 1)
        #expect(!FileManager.default.fileExists(atPath: job.reports.appendingPathComponent(".staging").path))
        let republished = try SampleJob.snapshot(of: job.latest, excluding: PipelineRunTests.perRunFiles)
        #expect(republished == published.filter { !PipelineRunTests.perRunFiles.contains($0.key) })
    }

    @Test func aSecondRunWhileOneIsBusyExitsWithTheLockCode() throws {
        let job = try SampleJob()
        let lockFile = job.reports.appendingPathComponent(".spiegel.lock")
        let first = try job.launch(extraEnvironment: ["SPIEGEL_HOLD_LOCK_SECONDS": "4"])
        // Wait until the first run holds the lock: it writes its pid into the lock file after taking it.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline,
              (try? String(contentsOf: lockFile, encoding: .utf8))?.contains("pid \(first.processIdentifier)") != true {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let second = try job.launch()
        second.waitUntilExit()
        first.waitUntilExit()
        #expect(second.terminationStatus == ExitStatus.lockHeld.rawValue)
        #expect(first.terminationStatus == ExitStatus.successWithQuarantine.rawValue)
        #expect(RunPublisher(outputFolder: job.reports, keepRuns: 5).publishedRuns().count == 1)
    }
}
