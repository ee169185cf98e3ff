import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

@Suite struct RunPublisherTests {
    /// Stages a run with one report and the manifest fields pruning reads, and publishes it.
    @discardableResult
    static func publish(_ publisher: RunPublisher, id: String, startedAt: Date, text: String) throws -> URL {
        let staged = try publisher.beginStaging(runID: id)
        try text.write(to: staged.appendingPathComponent("report.txt"), atomically: true, encoding: .utf8)
        let stamp: [String: Any] = [
            "run_id": id, "started_at": ISO8601DateFormatter().string(from: startedAt),
            "sequence": publisher.nextSequence(),
        ]
        try JSONSerialization.data(withJSONObject: stamp).write(to: staged.appendingPathComponent(RunManifest.fileName))
        let published = try publisher.publish(staged: staged, runID: id)
        try publisher.prune()
        return published
    }

    @Test func publishesAtomicallyAndKeepsTheNewestRuns() throws {
        let output = try TestSupport.temporaryFolder()
        let publisher = RunPublisher(outputFolder: output, keepRuns: 2)
        var ids: [String] = []
        for n in 1...3 {
            let id = "2026010\(n)T000000Z"
            try Self.publish(
                publisher, id: id, startedAt: Date(timeIntervalSince1970: 1_767_225_600 + Double(n) * 86_400), text: "run \(n)")
            ids.append(id)
            let latest = try String(contentsOf: publisher.latestLink.appendingPathComponent("report.txt"), encoding: .utf8)
            #expect(latest == "run \(n)")
        }
        // Two kept: the oldest is gone.
        #expect(publisher.publishedRuns() == Array(ids.suffix(2)))
        #expect(!FileManager.default.fileExists(atPath: publisher.stagingFolder.path))
        #expect(!FileManager.default.fileExists(atPath: publisher.trashFolder.path))
    }

    @Test func aRunWithTheClockAYearAheadDoesNotMakeLaterRunsDeleteTheHistory() throws {
        let output = try TestSupport.temporaryFolder()
        let publisher = RunPublisher(outputFolder: output, keepRuns: 3)
        let day = 86_400.0, start = 1_764_547_200.0  // 2025-12-01
        // The clock is a year ahead for one night, then right again for four nights.
        try Self.publish(
            publisher, id: "20261201T021500Z", startedAt: Date(timeIntervalSince1970: start + 365 * day), text: "ahead")
        var real: [String] = []
        for n in 2...5 {
            let id = "2025120\(n)T021500Z"
            try Self.publish(publisher, id: id, startedAt: Date(timeIntervalSince1970: start + Double(n) * day), text: id)
            real.append(id)
        }
        // Publication order decides: the three newest real nights stay, the clock-ahead run went first.
        #expect(publisher.publishedRuns() == Array(real.suffix(3)))
        #expect(try String(contentsOf: publisher.latestLink.appendingPathComponent("report.txt"), encoding: .utf8) == real.last)
        // Positive control: by folder name the clock-ahead run would be the newest, and real nights would go.
        let byName = (real + ["20261201T021500Z"]).sorted()
        #expect(Array(byName.suffix(3)) != Array(real.suffix(3)))
    }

    @Test func debrisOfAKillAnywhereIsRemovedByTheNextRun() throws {
        let output = try TestSupport.temporaryFolder()
        let publisher = RunPublisher(outputFolder: output, keepRuns: 3)
        try Self.publish(publisher, id: "first", startedAt: Date(timeIntervalSince1970: 1_800_000_000), text: "first")
        let fm = FileManager.default
        // A kill between making the new link and renaming it over `latest`, and one in the middle of pruning.
        try fm.createSymbolicLink(
            atPath: output.appendingPathComponent(".latest-killed").path, withDestinationPath: "runs/killed")
        try fm.createDirectory(at: publisher.trashFolder.appendingPathComponent("old/schools"), withIntermediateDirectories: true)
        _ = try publisher.beginStaging(runID: "next")
        let names = try fm.contentsOfDirectory(atPath: output.path).sorted()
        #expect(names == [".staging", "latest", "runs"])
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
        try FileManager.default.createDirectory(
            at: publisher.runsFolder.appendingPathComponent(first), withIntermediateDirectories: true)
        let second = publisher.newRunID(startedAt: date)
        #expect(first == "20270115T080000Z")
        #expect(second == "20270115T080000Z-2")
    }
}

@Suite struct RunLockTests {
    @Test func aSecondLockOnTheSameFolderFailsAtOnce() throws {
        let folder = try TestSupport.temporaryFolder()
        let note = folder.appendingPathComponent(".spiegel.lock").path
        let first = try RunLock(folder: folder.path, noteFile: note)
        #expect(throws: RunError.self) { _ = try RunLock(folder: folder.path, noteFile: note) }
        do {
            _ = try RunLock(folder: folder.path, noteFile: note)
        } catch {
            #expect(error.exitStatus == .lockHeld)
            #expect(error.description.contains("Another Spiegel run is busy"))
            #expect(error.description.contains("pid \(getpid())"), "the note names the holder")
        }
        first.release()
        let again = try RunLock(folder: folder.path, noteFile: note)
        again.release()
    }

    @Test func deletingOrReplacingTheLockFileDoesNotFreeTheLock() throws {
        let folder = try TestSupport.temporaryFolder()
        let note = folder.appendingPathComponent(".spiegel.lock")
        let first = try RunLock(folder: folder.path, noteFile: note.path)
        defer { first.release() }
        try FileManager.default.removeItem(at: note)
        #expect(throws: RunError.self) { _ = try RunLock(folder: folder.path, noteFile: note.path) }
        try Data("stale".utf8).write(to: note)
        #expect(throws: RunError.self) { _ = try RunLock(folder: folder.path, noteFile: note.path) }
        // Positive control: a lock on a file (the old design) is lost when the file is deleted and recreated.
        let fileLockA = open(note.path, O_RDWR | O_CREAT, 0o644)
        defer { close(fileLockA) }
        #expect(flock(fileLockA, LOCK_EX | LOCK_NB) == 0)
        try FileManager.default.removeItem(at: note)
        let fileLockB = open(note.path, O_RDWR | O_CREAT, 0o644)
        defer { close(fileLockB) }
        #expect(flock(fileLockB, LOCK_EX | LOCK_NB) == 0, "a file lock does not survive deleting its file")
    }
}
