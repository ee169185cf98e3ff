import Foundation
import Logging

/// The nightly job: configuration → ingest → analysis → reports, staged and published atomically.
///
/// `execute` never throws: every way a run can end is an ``Outcome`` with an ``ExitStatus``
/// and a summary a coordinator can read.
public struct PipelineRun {
    /// What to run.
    public struct Options: Sendable {
        public var configurationFile: URL
        /// The clock, for run ids and the manifest; tests pass a fixed date.
        public var now: @Sendable () -> Date
        /// Where a test makes the process kill itself, to prove a crash leaves published reports intact.
        public var faultPoint: FaultPoint?
        /// Seconds to keep the lock before starting, so a test can start a second run against a busy one.
        public var holdLockSeconds: Double
        /// Show a status line on stderr while running (only sensible when stderr is a terminal).
        public var showsProgress: Bool

        public init(configurationFile: URL, now: @escaping @Sendable () -> Date = { Date() }, faultPoint: FaultPoint? = nil,
                    holdLockSeconds: Double = 0, showsProgress: Bool = false) {
            self.configurationFile = configurationFile
            self.now = now
            self.faultPoint = faultPoint
            self.holdLockSeconds = holdLockSeconds
            self.showsProgress = showsProgress
        }
    }

    /// Points where a fault-injection test kills the run (set through `SPIEGEL_FAULT_AT`).
    public enum FaultPoint: String, Sendable, CaseIterable {
        case duringIngest = "ingest"
        case duringWorkbooks = "workbooks"
        case beforePublish = "publish"
    }

    /// How the run ended.
    public struct Outcome: Sendable {
        public var status: ExitStatus
        /// The one-screen summary for stdout.
        public var summary: String
        /// The published run folder, when something was published.
        public var published: URL?
    }

    public static let version = "0.1.0"

    let options: Options
    private let logger = Logger(label: "spiegel.run")
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
            configurationHash = try FileDigest.sha256(of: options.configurationFile).hex
            configuration = try PipelineConfiguration.load(from: options.configurationFile)
        } catch {
            return failure(.configurationError, "Configuration error:\n\(error)")
        }

        let publisher = RunPublisher(outputFolder: configuration.output.folder, keepRuns: configuration.output.keepRuns)
        let lock: RunLock
        do {
            try FileManager.default.createDirectory(at: publisher.outputFolder, withIntermediateDirectories: true)
            lock = try RunLock(path: publisher.lockFile.path)
        } catch let error as RunError {
            return failure(error.exitStatus, error.description)
        } catch {
            return failure(.internalError, "Cannot prepare the output folder \(publisher.outputFolder.path): \(error)")
        }
        defer { lock.release() }
        if options.holdLockSeconds > 0 { Thread.sleep(forTimeInterval: options.holdLockSeconds) }

        let runID = publisher.newRunID(startedAt: started)
        do {
            let staged = try publisher.beginStaging(runID: runID)
            try RunLog.shared.attach(file: staged.appendingPathComponent("run.log"))
            defer { RunLog.shared.detach() }
            var report = RunReport(runID: runID, configuration: configuration, configurationHash: configurationHash)
            report.startedAt = started
            try produce(into: staged, configuration: configuration, report: &report)
            report.finishedAt = options.now()
            try report.writeSummaryAndManifest(into: staged)
            inject(.beforePublish)
            progress.show("publishing")
            let published = try publisher.publish(staged: staged, runID: runID)
            progress.clear()
            logger.info("published \(published.path)")
            return Outcome(status: report.exitStatus, summary: report.summaryText(published: published, latest: publisher.latestLink),
                           published: published)
        } catch {
            // Nothing of this run is published; its half-written staging folder goes now rather than next run.
            try? FileManager.default.removeItem(at: publisher.stagingFolder)
            switch error {
            case let error as RunError:
                return failure(error.exitStatus, error.description)
            case let error as IngestError:
                return failure(.inputError, "Input error: \(error)\nThe previously published reports are unchanged.")
            default:
                return failure(.internalError, "Internal error: \(error)\nThe previously published reports are unchanged.")
            }
        }
    }

    private func failure(_ status: ExitStatus, _ message: String) -> Outcome {
        progress.clear()
        logger.error("\(message)")
        return Outcome(status: status, summary: message + "\nExit \(status.rawValue): \(status.meaning).", published: nil)
    }

    /// Kills the process at `point` when a fault-injection test asked for it.
    func inject(_ point: FaultPoint) {
        guard options.faultPoint == point else { return }
        logger.warning("fault injection: killing the run at \(point.rawValue)")
        kill(getpid(), SIGKILL)
    }
}
