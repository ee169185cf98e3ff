import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// The release ledger as the nightly run keeps it (docs/operations.md, "The release ledger"): 0600 beside
/// `Pipeline.yml` and in every run, without an address in it, and a run that refuses (exit 66) rather than
/// release afresh when the ledger is lost, damaged, or made for another key or output folder.
@Suite("Release ledger", .serialized)
struct ReleaseLedgerStoreTests {
    static func mode(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) ?? -1
    }

    static func ledger(of job: SampleJob) -> URL { job.folder.appendingPathComponent(ReleaseLedger.fileName) }

    static func runs(of job: SampleJob) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: job.reports.appendingPathComponent("runs").path)) ?? [])
            .filter { !$0.hasPrefix(".") }
    }

    @Test func theLedgerIsPrivateCopiedIntoTheRunAndHoldsNoAddress() throws {
        let job = try SampleJob()
        let previous = umask(0o022)
        defer { umask(previous) }
        let outcome = job.run()
        #expect(outcome.published != nil, "\(outcome.summary)")
        let primary = Self.ledger(of: job), copy = job.latest.appendingPathComponent(ReleaseLedger.fileName)
        #expect(try Self.mode(primary) == 0o600 && Self.mode(copy) == 0o600)
        #expect(try Data(contentsOf: primary) == Data(contentsOf: copy))
        #expect(!FileManager.default.fileExists(atPath: job.latest.appendingPathComponent("release-state.json").path))
        // Every roster address, respondent and name, as the registry and the exports spell them (school ids, the
        // subjects of the school scan, are not people: the ledger names schools).
        let configuration = try PipelineConfiguration.load(from: job.configuration)
        let forms = try FormIngest(configuration: configuration).run().forms
        let schools = Set(configuration.registry.schools.map(\.id))
        let identities = Set(configuration.registry.roster.flatMap { [$0.supervisor, $0.name ?? ""] })
            .union(forms.flatMap { [$0.respondent, $0.subject] }).filter { $0.count >= 4 && !schools.contains($0) }
        #expect(identities.count > 100)
        let bytes = try Data(contentsOf: primary)
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
        let found = identities.filter { text.contains($0.lowercased()) }
        #expect(found.isEmpty, "\(found.prefix(5))")
        // Positive control: the same search finds an address written into a copy of the file.
        let planted = String(decoding: bytes + Data("x \(configuration.registry.roster[0].supervisor) x".utf8), as: UTF8.self)
        #expect(identities.contains { planted.lowercased().contains($0.lowercased()) })
        // Compact: the sample's ledger is a few kilobytes (with the item figures of MT workbooks, issue 23, about 21).
        #expect(bytes.count < 30_000, "\(bytes.count) bytes")
        #expect(outcome.summary.contains("Release ledger started"))
        #expect(outcome.summary.contains("Released tonight for MT workbooks and public/"))
    }

    /// A day in the sample's voorjaar wave (najaar closed, voorjaar open) and one after voorjaar closed.
    static let springDay = ISO8601DateFormatter().date(from: "2026-06-20T12:00:00Z")!
    static let summerDay = ISO8601DateFormatter().date(from: "2026-08-20T12:00:00Z")!

    @Test func aNightThatDoesNotPublishLeavesTheLedgerAsItWas() throws {
        let job = try SampleJob()
        #expect(job.run(now: Self.springDay).published != nil)
        let before = try Data(contentsOf: Self.ledger(of: job))
        // Voorjaar closes tonight, but the night stops before publishing (a folder in place of an export).
        let exports = job.folder.appendingPathComponent("Data/exports")
        let export = try #require(
            try FileManager.default.contentsOfDirectory(atPath: exports.path).first { $0.hasPrefix("zelfscan-wpb") })
        try FileManager.default.removeItem(at: exports.appendingPathComponent(export))
        try FileManager.default.createDirectory(at: exports.appendingPathComponent(export), withIntermediateDirectories: false)
        let stopped = job.run(now: Self.summerDay)
        #expect(stopped.published == nil, "\(stopped.summary)")
        #expect(try Data(contentsOf: Self.ledger(of: job)) == before, "the stopped night froze nothing")
        // Positive control: a night that publishes does change it.
        try FileManager.default.removeItem(at: exports.appendingPathComponent(export))
        try FileManager.default.copyItem(
            at: TestSupport.packageRoot.appendingPathComponent("Data/exports").appendingPathComponent(export),
            to: exports.appendingPathComponent(export))
        #expect(job.run(now: Self.summerDay).published != nil)
        #expect(try Data(contentsOf: Self.ledger(of: job)) != before)
    }

    @Test func aLedgerBehindTheLastPublishedRunIsTakenOverFromIt() throws {
        let job = try SampleJob()
        #expect(job.run(now: Self.springDay).published != nil)
        let night1 = try Data(contentsOf: Self.ledger(of: job))
        #expect(job.run(now: Self.summerDay).published != nil)
        let night2 = try Data(contentsOf: job.latest.appendingPathComponent(ReleaseLedger.fileName))
        #expect(night2 != night1, "voorjaar was released on night 2")
        // Night 2 published but stopped before installing its ledger: the file beside Pipeline.yml is night 1's.
        try night1.write(to: Self.ledger(of: job))
        let night3 = job.run(now: Self.summerDay)
        #expect(night3.published != nil, "\(night3.summary)")
        #expect(night3.summary.contains("taken over from"))
        let ledger = try ReleaseLedger.decode(try Data(contentsOf: Self.ledger(of: job)), path: "ledger")
        #expect(ledger.history(of: "2025-2026-voorjaar").count == 1, "voorjaar stays released once, from night 2")
    }

    @Test func aDeletedLedgerStopsTheRunUntilItIsRestored() throws {
        let job = try SampleJob()
        #expect(job.run().published != nil)
        try FileManager.default.removeItem(at: Self.ledger(of: job))
        let refused = job.run()
        #expect(refused.status == .ledgerUnavailable && refused.status.rawValue == 66 && refused.published == nil)
        #expect(refused.summary.contains("missing") && refused.summary.contains("spiegel ledger restore"))
        #expect(Self.runs(of: job).count == 1, "nothing published")
        let restored = try LedgerRestore(configurationFile: job.configuration, from: nil).run()
        #expect(restored.contains("Restored the release ledger"))
        #expect(try Self.mode(Self.ledger(of: job)) == 0o600)
        let again = job.run()
        #expect(again.published != nil, "\(again.summary)")
        #expect(!again.summary.contains("Released tonight"), "the restored ledger holds both waves: nothing new")
    }

    @Test func aDamagedLedgerStopsTheRun() throws {
        let job = try SampleJob()
        #expect(job.run().published != nil)
        try Data("garbage".utf8).write(to: Self.ledger(of: job))
        let refused = job.run()
        #expect(refused.status == .ledgerUnavailable && refused.summary.contains("cannot be read"))
        // One flipped byte inside a real ledger: the checksum notices.
        #expect(try LedgerRestore(configurationFile: job.configuration, from: nil).run().contains("Restored"))
        var bytes = try Data(contentsOf: Self.ledger(of: job))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: Self.ledger(of: job))
        #expect(job.run().status == .ledgerUnavailable)
    }

    @Test func aLedgerOfAnotherKeyOrOutputFolderStopsTheRun() throws {
        let job = try SampleJob()
        #expect(job.run().published != nil)
        let key = job.folder.appendingPathComponent(".spiegel-key")
        let original = try Data(contentsOf: key)
        try FileManager.default.removeItem(at: key)
        try PseudonymKey.generate(writingTo: key)
        let otherKey = job.run()
        #expect(otherKey.status == .ledgerUnavailable && otherKey.summary.contains("another pseudonym key"))
        try FileManager.default.removeItem(at: key)
        try original.write(to: key)
        chmod(key.path, 0o600)

        var text = try String(contentsOf: job.configuration, encoding: .utf8)
        text = text.replacingOccurrences(of: "folder: Reports", with: "folder: Elders")
        try text.write(to: job.configuration, atomically: true, encoding: .utf8)
        let otherFolder = job.run()
        #expect(otherFolder.status == .ledgerUnavailable && otherFolder.summary.contains("belongs to the output folder"))
    }

    @Test func aNewLedgerIsTheCoordinatorsExplicitChoiceAndTheSummarySaysSo() throws {
        let job = try SampleJob()
        #expect(job.run().published != nil)
        try FileManager.default.removeItem(at: Self.ledger(of: job))
        var options = PipelineRun.Options(configurationFile: job.configuration, stageObserver: nil)
        options.startsNewLedger = true
        let outcome = PipelineRun(options: options).execute()
        #expect(outcome.published != nil, "\(outcome.summary)")
        #expect(outcome.summary.contains("--new-ledger") && outcome.summary.contains("released afresh"))
        #expect(FileManager.default.fileExists(atPath: Self.ledger(of: job).path))
    }

    @Test func aReReleaseIsRecordedInTheLedgerAndTheSummary() throws {
        let job = try SampleJob()
        #expect(job.run().published != nil)
        var options = PipelineRun.Options(configurationFile: job.configuration, stageObserver: nil)
        options.reRelease = ["2025-2026-najaar"]
        let outcome = PipelineRun(options: options).execute()
        #expect(outcome.published != nil, "\(outcome.summary)")
        #expect(
            outcome.summary.contains("Re-released by the coordinator (--re-release), recorded in the ledger: 2025-2026-najaar"))
        let ledger = try ReleaseLedger.decode(try Data(contentsOf: Self.ledger(of: job)), path: "ledger")
        #expect(ledger.history(of: "2025-2026-najaar").count == 2 && ledger.history(of: "2025-2026-voorjaar").count == 1)
        #expect(ledger.events.last?.contains("re-released by the coordinator: 2025-2026-najaar") == true)
        options.reRelease = ["no-such-wave"]
        #expect(PipelineRun(options: options).execute().status == .configurationError)
    }

    @Test func mtWorkbooksAndPublicRefuseAKBelowThree() throws {
        let job = try SampleJob { $0.replacingOccurrences(of: "minimum_group_size: 3", with: "minimum_group_size: 2") }
        let outcome = job.run()
        #expect(outcome.published != nil && outcome.status == .actionNeeded)
        #expect(outcome.summary.contains("need at least 3"))
        let fm = FileManager.default
        #expect(!fm.fileExists(atPath: job.latest.appendingPathComponent("schools").path))
        #expect(!fm.fileExists(atPath: job.latest.appendingPathComponent("public").path))
        #expect(fm.fileExists(atPath: job.latest.appendingPathComponent("partnership").path))
    }
}
