import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// Every file a run writes late, removed at its worst moment: before its stage records it, after the check before
/// publishing, and after the rename into `runs/` before `latest` switches. Nothing incomplete is ever published.
@Suite("Complete publish", .serialized)
struct CompletePublishTests {
    /// The moments a file can vanish at, by the stage whose end the observer sees.
    static let lateFiles: [(path: String, written: RunStage)] = [
        (ReleaseLedger.fileName, .csvFilesOnDisk),
        ("public/aggregates.csv", .csvFilesOnDisk),
        ("public/README.md", .csvFilesOnDisk),
        ("research/README.md", .csvFilesOnDisk),
        ("reminders.csv", .csvFilesOnDisk),
        ("partnership/README.md", .workbookFilesOnDisk),
        ("schools/README.md", .workbookFilesOnDisk),
        (RunManifest.fileName, .manifestWritten),
        ("summary.txt", .manifestWritten),
    ]

    static let cases: [(path: String, at: RunStage)] = lateFiles.flatMap { file in
        [file.written, .verified, .movedIntoRuns].map { (file.path, $0) }
    }

    @Test(arguments: 0..<cases.count)
    func aLateFileRemovedAtItsWorstMomentIsNeverPublished(case index: Int) throws {
        let (path, stage) = Self.cases[index]
        let job = try SampleJob()
        #expect(job.run().status == .actionNeeded)
        let published = try SampleJob.snapshot(of: job.latest)
        let trusted = try FileManager.default.destinationOfSymbolicLink(atPath: job.latest.path)
        let outcome = PipelineRun(
            options: .init(
                configurationFile: job.configuration,
                stageObserver: { seen, folder in
                    guard seen == stage else { return }
                    try FileManager.default.removeItem(at: folder.appendingPathComponent(path))
                })
        ).execute()
        #expect(outcome.status == .internalError, "\(path) removed after \(stage): \(outcome.summary)")
        #expect(outcome.summary.contains("Nothing published"))
        #expect(outcome.summary.contains(path), "the message names the file")
        #expect(outcome.published == nil)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: job.latest.path) == trusted)
        #expect(try SampleJob.snapshot(of: job.latest) == published, "latest stays the previous good run")
        // No incomplete run left under runs/: the one moved in was taken out again.
        let runs = try FileManager.default.contentsOfDirectory(atPath: job.reports.appendingPathComponent("runs").path)
        #expect(runs == [(trusted as NSString).lastPathComponent])
    }

    @Test func theSameObserverRemovingNothingPublishes() throws {
        // Positive control: every moment above is visited, and an untouched run publishes.
        let job = try SampleJob()
        final class Seen: @unchecked Sendable { var stages: Set<RunStage> = [] }
        let seen = Seen()
        let outcome = PipelineRun(
            options: .init(configurationFile: job.configuration, stageObserver: { stage, _ in seen.stages.insert(stage) })
        ).execute()
        #expect(outcome.status == .actionNeeded, "\(outcome.summary)")
        #expect(seen.stages.isSuperset(of: Set(Self.cases.map(\.at))))
        for file in Self.lateFiles {
            #expect(FileManager.default.fileExists(atPath: job.latest.appendingPathComponent(file.path).path), "\(file.path)")
        }
    }

    @Test func theCheckKnowsWhichFilesEveryRunWritesWhateverTheManifestSays() throws {
        // A run whose stage forgot to declare release-ledger.bin and public/README.md: the manifest agrees with
        // the folder, yet the check knows every run of this configuration writes them.
        let job = try SampleJob()
        #expect(job.run().status == .actionNeeded)
        let folder = try TestSupport.temporaryFolder("undeclared").appendingPathComponent("run")
        try FileManager.default.copyItem(at: job.latest.resolvingSymlinksInPath(), to: folder)
        let configuration = try PipelineConfiguration.load(from: job.configuration)
        var claims = RunReport(runID: "x", configuration: configuration, configurationHash: "")
        claims.researchFiles = 15
        claims.workbooks = 7
        claims.reminders = 12
        func check(dropping dropped: Set<String>) throws -> [String] {
            let url = folder.appendingPathComponent(RunManifest.fileName)
            var manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            let outputs = try #require(manifest["outputs"] as? [[String: Any]])
            manifest["outputs"] = outputs.filter { !dropped.contains($0["path"] as? String ?? "") }
            for path in dropped { try? FileManager.default.removeItem(at: folder.appendingPathComponent(path)) }
            let data = try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys])
            try data.write(to: url)
            return PublishCheck(folder: folder, manifest: data).problems(claims: claims)
        }
        // Positive control: the run as written passes.
        #expect(try check(dropping: []) == [])
        #expect(
            try check(dropping: [ReleaseLedger.fileName, "public/README.md"]) == [
                "\(ReleaseLedger.fileName) is missing from the outputs", "public/README.md is missing from the outputs",
            ])
    }

    @Test func aStageWhoseFileVanishedBeforeRecordingNamesIt() throws {
        let job = try SampleJob()
        var report = RunReport(
            runID: "x", configuration: try PipelineConfiguration.load(from: job.configuration), configurationHash: "")
        let folder = try TestSupport.temporaryFolder("record")
        try Data("a".utf8).write(to: folder.appendingPathComponent("here.csv"))
        #expect(throws: RunError.verificationFailed(["gone.csv was written by its stage but is missing"])) {
            try report.record(["here.csv", "gone.csv"], in: folder)
        }
    }
}
