import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// Coordinator-only outputs are 0600 in 0700 folders whatever the umask; `schools/` and `public/` follow the
/// configured access. Runs the real binary under `umask 022`, as cron usually starts it.
@Suite("Who can read what", .serialized)
struct OutputAccessTests {
    /// Runs `spiegel run` on `job` under `umask 022`; returns its exit code.
    static func runUnderUmask022(_ job: SampleJob) throws -> Int32 {
        try SampleJob.outcome(
            of: "/bin/sh",
            arguments: [
                "-c", "umask 022 && exec \"$0\" run --config \"$1\" --quiet", SampleJob.executable, job.configuration.path,
            ]
        ).status
    }

    /// Every file and folder under `folder` (itself included, as "") with its permission bits.
    static func modes(under folder: URL) throws -> [String: Int] {
        let base = folder.resolvingSymlinksInPath()
        var modes = ["": try Self.mode(of: base)]
        let enumerator = FileManager.default.enumerator(atPath: base.path)
        while let path = enumerator?.nextObject() as? String {
            modes[path] = try Self.mode(of: base.appendingPathComponent(path))
        }
        return modes
    }

    static func mode(of url: URL) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) & 0o777
    }

    /// Outputs a group member or anyone else could read or enter, except those `allowed` says may be.
    static func exposed(_ modes: [String: Int], allowed: (String) -> Bool = { _ in false }) -> [String] {
        modes.filter { $0.value & 0o077 != 0 && !allowed($0.key) }.keys.sorted()
    }

    @Test func underUmask022EveryCoordinatorOutputIsPrivate() throws {
        let job = try SampleJob()
        #expect(try Self.runUnderUmask022(job) == ExitStatus.actionNeeded.rawValue)
        let modes = try Self.modes(under: job.latest)
        for path in ["quarantine.csv", "reminders.csv", "release-ledger.bin", "run.log", "research", "partnership"] {
            #expect(modes[path] != nil, "\(path) is among the outputs")
        }
        #expect(Self.exposed(modes).isEmpty, "readable by others: \(Self.exposed(modes))")
        for (path, mode) in modes {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: job.latest.appendingPathComponent(path).path, isDirectory: &isFolder)
            #expect(mode == (isFolder.boolValue ? 0o700 : 0o600), "\(path): \(String(mode, radix: 8))")
        }
        #expect(try Self.mode(of: job.reports.appendingPathComponent("runs")) == 0o700)
    }

    @Test func sharedFoldersFollowTheirSettingAndNothingElseOpens() throws {
        let job = try SampleJob { $0 + "night: {schools_access: everyone, public_access: group}\n" }
        #expect(try Self.runUnderUmask022(job) == ExitStatus.actionNeeded.rawValue)
        let modes = try Self.modes(under: job.latest)
        // Positive control of `exposed`: it finds the shared folders.
        let exposed = Self.exposed(modes)
        #expect(exposed.contains("schools") && exposed.contains("public/aggregates.csv"))
        // Everything outside them stays private.
        let shared = Self.exposed(modes) { $0 == "" || $0.hasPrefix("schools") || $0.hasPrefix("public") }
        #expect(shared.isEmpty, "\(shared)")
        #expect(modes[""] == 0o711, "the run folder lets readers pass, not list")
        #expect(modes["schools"] == 0o755)
        #expect(modes.filter { $0.key.hasPrefix("schools/") && $0.key.hasSuffix(".xlsx") }.values.allSatisfy { $0 == 0o644 })
        #expect(modes["public"] == 0o750)
        #expect(modes["public/aggregates.csv"] == 0o640)
        #expect(modes["quarantine.csv"] == 0o600)
    }

    @Test func aModeChangedBeforePublishingStopsTheRun() throws {
        let job = try SampleJob()
        let outcome = PipelineRun(
            options: .init(
                configurationFile: job.configuration,
                stageObserver: { stage, folder in
                    guard stage == .manifestWritten else { return }
                    try FileManager.default.setAttributes(
                        [.posixPermissions: 0o644], ofItemAtPath: folder.appendingPathComponent("reminders.csv").path)
                })
        ).execute()
        #expect(outcome.status == .internalError)
        #expect(outcome.summary.contains("reminders.csv has mode 644, not 600"), "\(outcome.summary)")
        #expect(!FileManager.default.fileExists(atPath: job.latest.path))
    }

    @Test func aBadAccessSettingNamesTheChoices() throws {
        let job = try SampleJob { $0 + "night: {schools_access: groep}\n" }
        let outcome = job.run()
        #expect(outcome.status == .configurationError)
        #expect(outcome.summary.contains("'groep'"))
        #expect(outcome.summary.contains("group"))
    }
}
