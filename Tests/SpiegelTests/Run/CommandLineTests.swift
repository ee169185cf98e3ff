import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// The command line's smaller promises: no subcommand is an error, every message once, `check` answers with the
/// code `run` would give, `generate` works from any folder, and a broken `latest` or a stray link never stops nights.
@Suite("Command line", .serialized)
struct CommandLineTests {
    @Test func noSubcommandShowsTheHelpAndFails() throws {
        let outcome = try SampleJob.outcome(of: SampleJob.executable, arguments: [])
        #expect(outcome.status == 64)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("SUBCOMMANDS"))
        // Positive control: asking for the help is no error.
        #expect(try SampleJob.outcome(of: SampleJob.executable, arguments: ["--help"]).status == 0)
    }

    @Test func aStoppedRunPrintsItsReasonOnceOnStderr() throws {
        for quiet in [[], ["--quiet"]] {
            let outcome = try SampleJob.outcome(
                of: SampleJob.executable, arguments: ["run", "--config", "/nonexistent/Pipeline.yml"] + quiet)
            #expect(outcome.status == ExitStatus.configurationError.rawValue)
            #expect(outcome.stdout.isEmpty, "\(quiet)")
            #expect(outcome.stderr.components(separatedBy: "No configuration file at").count == 2, "once: \(outcome.stderr)")
        }
    }

    @Test func aPublishedRunPrintsItsSummaryOnceOnStdoutAndCheckAgrees() throws {
        let job = try SampleJob()
        let check = try SampleJob.outcome(of: SampleJob.executable, arguments: ["check", "--config", job.configuration.path])
        let run = try SampleJob.outcome(
            of: SampleJob.executable, arguments: ["run", "--config", job.configuration.path, "--quiet"])
        #expect(run.status == ExitStatus.actionNeeded.rawValue)
        #expect(check.status == run.status, "check answers with the code run gives")
        #expect(run.stdout.components(separatedBy: "Forms used:").count == 2)
        #expect(!run.stderr.contains("Forms used:"))
    }

    @Test func generateWorksOutsideTheProjectFolderAndSaysToMakeAKey() throws {
        let elsewhere = try TestSupport.temporaryFolder("elsewhere")
        let out = elsewhere.appendingPathComponent("job")
        let outcome = try SampleJob.outcome(
            of: SampleJob.executable, arguments: ["generate", "--out", out.path, "--subjects", "12"],
            currentDirectory: elsewhere)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("spiegel keygen --output \(out.path)/.spiegel-key"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("Pipeline.yml").path))
        // A wrong --instruments names the folder instead of a raw Cocoa error.
        let wrong = try SampleJob.outcome(
            of: SampleJob.executable, arguments: ["generate", "--out", out.path, "--instruments", "nowhere"],
            currentDirectory: elsewhere)
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("No instrument folder at"))
        #expect(!wrong.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test func aLatestReplacedByAFolderIsMovedAsideAndTheNightPublishes() throws {
        let job = try SampleJob()
        #expect(job.run().status == .actionNeeded)
        // A sync tool copied the run over the link.
        let copy = job.reports.appendingPathComponent("copy")
        try FileManager.default.copyItem(at: job.latest.resolvingSymlinksInPath(), to: copy)
        try FileManager.default.removeItem(at: job.latest)
        try FileManager.default.moveItem(at: copy, to: job.latest)
        let outcome = job.run()
        #expect(outcome.status == .actionNeeded, "\(outcome.summary)")
        #expect(outcome.summary.contains("was a folder or file, not the link Spiegel keeps"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: job.latest.path).hasPrefix("runs/"))
        let moved = try FileManager.default.contentsOfDirectory(atPath: job.reports.path).filter {
            $0.hasPrefix("latest.moved-")
        }
        #expect(moved.count == 1, "nothing deleted")
        // The next night is routine again.
        #expect(!job.run().summary.contains("not the link Spiegel keeps"))
    }

    @Test func aDanglingLinkAtTheNextRunNameIsSkipped() throws {
        let folder = try TestSupport.temporaryFolder("dangling")
        let publisher = RunPublisher(outputFolder: folder, keepRuns: 5)
        try FileManager.default.createDirectory(at: publisher.runsFolder, withIntermediateDirectories: true)
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        let base = publisher.newRunID(startedAt: date)
        try FileManager.default.createSymbolicLink(
            atPath: publisher.runsFolder.appendingPathComponent(base).path, withDestinationPath: "gone")
        #expect(publisher.newRunID(startedAt: date) == base + "-2")
    }

    @Test func aFullDiskAndAnUnwritableFolderAreSaidPlainly() {
        let folder = URL(fileURLWithPath: "/tmp")
        let full = NSError(domain: NSCocoaErrorDomain, code: NSFileWriteOutOfSpaceError, userInfo: [NSFilePathErrorKey: "/srv/x"])
        let explained = PipelineRun.explain(full, outputFolder: folder)
        #expect(explained.status == .internalError)
        #expect(explained.message.contains("the disk is full (writing /srv/x)"))
        #expect(!explained.message.contains("NSCocoaErrorDomain"))
        let denied = NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES), userInfo: [NSFilePathErrorKey: "/srv/y"])
        #expect(PipelineRun.explain(denied, outputFolder: folder).message.contains("no permission to write /srv/y"))
        // Positive control: anything else stays an internal error, shown as it is.
        let other = NSError(domain: "other", code: 1)
        #expect(PipelineRun.explain(other, outputFolder: folder).message.hasPrefix("Internal error: "))
    }
}
