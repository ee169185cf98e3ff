import Foundation
import Logging

/// The nightly job: configuration → ingest → analysis → reports, staged, checked and published atomically.
///
/// `execute` never throws: every way a run can end is an ``Outcome`` with an ``ExitStatus``
/// and a summary a coordinator can read.
public struct PipelineRun {
    /// What to run.
    public struct Options: Sendable {
        public var configurationFile: URL
        /// The clock, for run ids, the manifest and the reminder list's wave; tests pass a fixed date.
        public var now: @Sendable () -> Date
        /// Show a status line on stderr while running (only sensible when stderr is a terminal).
        public var showsProgress: Bool
        /// Called at the end of every stage: the seam fault tests use to alter staging files or kill the
        /// run; the release command line never sets it.
        var stageObserver: StageObserver?
        /// Start a new release ledger instead of the one kept (`--new-ledger`): closed waves are released afresh.
        package var startsNewLedger = false
        /// Closed waves the coordinator re-releases tonight (`--re-release WAVE`), through the auditor.
        package var reRelease: [String] = []

        public init(configurationFile: URL, now: @escaping @Sendable () -> Date = { Date() }, showsProgress: Bool = false) {
            self.configurationFile = configurationFile
            self.now = now
            self.showsProgress = showsProgress
        }

        package init(
            configurationFile: URL, now: @escaping @Sendable () -> Date = { Date() }, showsProgress: Bool = false,
            stageObserver: StageObserver?
        ) {
            self.init(configurationFile: configurationFile, now: now, showsProgress: showsProgress)
            self.stageObserver = stageObserver
        }
    }

    /// How the run ended.
    public struct Outcome: Sendable {
        public var status: ExitStatus
        /// The one-screen summary for stdout.
        public var summary: String
        /// The run folder under `runs/` when the run wrote one: published, or kept aside on an alarm night
        /// (``ExitStatus/alarm``); `nil` when the run stopped.
        public var published: URL?
    }

    public static let version = "0.1.0"

    let options: Options
    let logger = Logger(label: "spiegel.run")
    let progress: RunProgress

    public init(options: Options) {
        self.options = options
        progress = RunProgress(isEnabled: options.showsProgress)
    }

    /// Runs the job to the end, whatever happens.
    public func execute() -> Outcome {
        let started = options.now()
        let configuration: PipelineConfiguration
        let configurationHash: String
        do {
            (configuration, configurationHash) = try ConfigurationFile.load(options.configurationFile)
        } catch {
            return failure(error.exitStatus, error.description)
        }

        let publisher = RunPublisher(outputFolder: configuration.output.folder, keepRuns: configuration.output.keepRuns)
        let lock: RunLock
        do {
            try FileManager.default.createDirectory(at: publisher.outputFolder, withIntermediateDirectories: true)
            lock = try RunLock(folder: publisher.outputFolder.path, noteFile: publisher.lockFile.path)
        } catch let error as RunError {
            return failure(error.exitStatus, error.description)
        } catch {
            return failure(.internalError, "Cannot prepare the output folder \(publisher.outputFolder.path): \(error)")
        }
        defer { lock.release() }

        var staged: URL?
        do {
            let run = try stage(
                configuration, hash: configurationHash, publisher: publisher, startedAt: started, staged: &staged)
            let outcome = try publish(run, configuration: configuration, publisher: publisher)
            staged = nil
            return outcome
        } catch {
            // Nothing of this run is published; its half-written staging folder goes now rather than next run.
            if staged != nil { try? FileManager.default.removeItem(at: publisher.stagingFolder) }
            switch error {
            case let error as RunError:
                return failure(error.exitStatus, error.description)
            case let error as IngestError:
                return failure(.inputError, "Input error: \(error)\nThe previously published reports are unchanged.")
            default:
                let explained = Self.explain(error, outputFolder: publisher.outputFolder)
                return failure(explained.status, explained.message)
            }
        }
    }

    /// A run written into its staging folder and checked, ready to publish.
    private struct StagedRun {
        var folder: URL
        var runID: String
        var report: RunReport
        var manifest: Data
        var access: OutputAccess
    }

    /// Writes every output into a new staging folder (`staged` names it as soon as it exists), then the summary and
    /// the manifest, sets who may read what, and checks the folder against what the run recorded.
    private func stage(
        _ configuration: PipelineConfiguration, hash configurationHash: String, publisher: RunPublisher, startedAt started: Date,
        staged: inout URL?
    ) throws -> StagedRun {
        let runID = publisher.newRunID(startedAt: started)
        try observe(.locked, publisher.outputFolder)
        let inventory = SourceInventory(configuration: configuration)
        guard inventory.blockingProblems.isEmpty else { throw RunError.sourcesUnusable(inventory.blockingProblems) }
        let folder = try publisher.beginStaging(runID: runID)
        staged = folder
        var report = RunReport(runID: runID, configuration: configuration, configurationHash: configurationHash)
        report.startedAt = started
        report.sequence = publisher.nextSequence()
        report.notes = inventory.notes
        if let moved = try publisher.moveAsideReplacedLatest(runID: runID) { report.warnings.append(moved) }
        do {
            try RunLog.shared.attach(file: folder.appendingPathComponent("run.log"))
            defer { RunLog.shared.detach() }
            try produce(
                into: folder, files: inventory.filesBySource, configuration: configuration,
                previous: publisher.latestStamp(), previousInputs: publisher.latestInputs(), report: &report)
            report.finishedAt = options.now()
            logger.info("writing the summary and the manifest")
        }
        // The log is closed: the manifest hashes it as it stays.
        let manifest = try report.writeSummaryAndManifest(into: folder)
        // Who may read what, whatever the umask the run was started with (docs/operations.md, "Who can read what").
        let access = OutputAccess(night: configuration.night)
        try access.apply(to: folder)
        try observe(.manifestWritten, folder)
        let check = PublishCheck(folder: folder, manifest: manifest, access: access, recorded: report.stamps)
        let problems = check.problems(claims: report)
        guard problems.isEmpty else { throw RunError.verificationFailed(problems) }
        try observe(.verified, folder)
        return StagedRun(folder: folder, runID: runID, report: report, manifest: manifest, access: access)
    }

    /// Publishes a staged run (or keeps it aside on an alarm), installs its release ledger and prunes old runs.
    private func publish(_ run: StagedRun, configuration: PipelineConfiguration, publisher: RunPublisher) throws -> Outcome {
        var report = run.report
        progress.show(report.held ? "keeping the run aside" : "publishing")
        let previous = publisher.latestRunName()
        let published = try publisher.publish(
            staged: run.folder, runID: run.runID, switchingLatest: !report.held, access: run.access,
            verify: { [report] in
                PublishCheck(folder: $0, manifest: run.manifest, access: run.access, recorded: report.stamps)
                    .problems(claims: report)
            },
            observer: options.stageObserver)
        if !report.held {
            // The published run's figures are now out: from here on the ledger must remember them.
            do { try ReleaseLedgerStore(configuration: configuration).install(from: published) } catch {
                report.warnings.append(
                    "The release ledger could not be saved beside Pipeline.yml (\(error)); the next run takes it over "
                        + "from this run.")
            }
        }
        var summary = report.summaryText(published: published, latest: publisher.latestLink, previous: previous)
        do {
            try publisher.prune(observer: options.stageObserver)
        } catch {
            // The run is published; an old run that could not be removed is retried by the next run.
            logger.warning("old runs not pruned: \(error)")
            summary += "Note: old runs were not all removed (\(error)); the next run tries again.\n"
        }
        progress.clear()
        logger.info("published \(published.path)")
        return Outcome(status: report.exitStatus, summary: summary, published: published)
    }

    private func failure(_ status: ExitStatus, _ message: String) -> Outcome {
        progress.clear()
        // The command line prints the outcome once; logging it on stderr too would print every error twice.
        logger.debug("\(message)")
        return Outcome(status: status, summary: message + "\nExit \(status.rawValue): \(status.meaning).", published: nil)
    }

    /// Tells the stage observer, if any, that `stage` has ended.
    func observe(_ stage: RunStage, _ folder: URL) throws {
        try options.stageObserver?(stage, folder)
    }
}
