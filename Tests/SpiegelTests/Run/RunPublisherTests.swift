import Foundation
import Testing
@testable import Spiegel
import SpiegelTestSupport

@Suite struct RunPublisherTests {
    @Test func publishesAtomicallyAndKeepsTheNewestRuns() throws {
        let output = try TestSupport.temporaryFolder()
        let publisher = RunPublisher(outputFolder: output, keepRuns: 2)
        var ids: [String] = []
        for n in 1...3 {
            let id = "2026010\(n)T000000Z"
            let staged = try publisher.beginStaging(runID: id)
            try "run \(n)".write(to: staged.appendingPathComponent("report.txt"), atomically: true, encoding: .utf8)
            try publisher.publish(staged: staged, runID: id)
            ids.append(id)
            let latest = try String(contentsOf: publisher.latestLink.appendingPathComponent("report.txt"), encoding: .utf8)
            #expect(latest == "run \(n)")
        }
        // Two kept: the oldest is gone.
        #expect(publisher.publishedRuns() == Array(ids.suffix(2)))
        #expect(!FileManager.default.fileExists(atPath: publisher.stagingFolder.path))
    }

    @Test func stagingDebrisOfAKilledRunIsRemoved() throws {
        let output = try TestSupport.temporaryFolder()
        let publisher = RunPublisher(outputFolder: output, keepRuns: 3)
        let debris = publisher.stagingFolder.appendingPathComponent("half-written")
        try FileManager.default.createDirectory(at: debris, withIntermediateDirectories: true)
        try Data("partial".utf8).write(to: debris.appendingPathComponent("school.xlsx"))
        let fresh = try publisher.beginStaging(runID: "next")
        #expect(!FileManager.default.fileExists(atPath: debris.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: fresh.path).isEmpty)
    }

    @Test func runIDsAreUniqueWithinTheSameSecond() throws {
        let output = try TestSupport.temporaryFolder()
        let publisher = RunPublisher(outputFolder: output, keepRuns: 5)
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        let first = publisher.newRunID(startedAt: date)
        try FileManager.default.createDirectory(at: publisher.runsFolder.appendingPathComponent(first), withIntermediateDirectories: true)
        let second = publisher.newRunID(startedAt: date)
        #expect(first == "20270115T080000Z")
        #expect(second == "20270115T080000Z-2")
    }
}

@Suite struct RunLockTests {
    @Test func aSecondLockOnTheSameFileFailsAtOnce() throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent(".spiegel.lock").path
        let first = try RunLock(path: path)
        #expect(throws: RunError.self) { _ = try RunLock(path: path) }
        do {
            _ = try RunLock(path: path)
        } catch {
            #expect(error.exitStatus == .lockHeld)
            #expect(error.description.contains("Another Spiegel run is busy"))
        }
        first.release()
        let again = try RunLock(path: path)
        again.release()
    }
}
