import ArgumentParser
import Foundation
import Spiegel

/// `spiegel run`: the nightly job.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the job: read the exports, compute, write, check and publish the reports.",
        discussion: """
            Reads Pipeline.yml (relative paths in it resolve against its folder), writes a complete run into \
            a staging folder, checks every output against the run's manifest and publishes it as \
            <output>/latest in one step. A second run on the same output folder exits at once. A one-screen \
            summary goes to stdout, warnings to stderr, the full log to run.log in the run folder; a run that \
            stops prints its reason once, on stderr.

            Exit codes (0 and 3 both mean the reports were published; in cron, treat 3 as "read the summary" \
            and mail on anything else, 4 above all):
            \(ExitStatus.helpText)
              130, 143  stopped by Ctrl-C or a kill (SIGINT, SIGTERM); 137 killed by SIGKILL or the kernel's \
            out-of-memory killer; 134 aborted. Nothing half-written is ever published: latest names the previous run.
            """
    )

    @Option(name: .shortAndLong, help: "The job's configuration file.")
    var config: String = "Pipeline.yml"

    @Flag(name: .shortAndLong, help: "Only errors on stderr; the summary still goes to stdout.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Details on stderr as the run goes.")
    var verbose = false

    @Flag(
        help: ArgumentHelp(
            "Start a new release ledger: closed waves are released afresh to MT workbooks and public/.",
            discussion: "Only when the ledger is lost and no published run holds a copy (spiegel ledger restore). "
                + "The summary records it."))
    var newLedger = false

    @Option(
        name: .customLong("re-release"),
        help: ArgumentHelp(
            "Release a closed wave again from the current data (a correction), through the auditor; repeatable.",
            valueName: "wave id"))
    var reRelease: [String] = []

    func validate() throws {
        if quiet && verbose { throw ValidationError("Choose one of --quiet and --verbose.") }
    }

    func run() throws {
        RunLog.bootstrap(verbosity: quiet ? .quiet : verbose ? .verbose : .normal)
        var options = PipelineRun.Options(
            configurationFile: URL(fileURLWithPath: config),
            showsProgress: !quiet && isatty(STDERR_FILENO) == 1,
            stageObserver: Self.faultHook)
        options.startsNewLedger = newLedger
        options.reRelease = reRelease
        let outcome = PipelineRun(options: options).execute()
        // Once: a run that wrote a folder gives its summary on stdout; a run that stopped gives its reason on stderr.
        if outcome.published != nil {
            print(outcome.summary)
        } else {
            FileHandle.standardError.write(Data((outcome.summary + "\n").utf8))
        }
        if outcome.status != .success { throw ExitCode(outcome.status.rawValue) }
    }

    /// Debug builds only: the fault tests kill the real process at a stage, or hold the lock a while.
    private static var faultHook: StageObserver? {
        #if DEBUG
        FaultHook.fromEnvironment()
        #else
        nil
        #endif
    }
}

#if DEBUG
/// The fault tests' hook into the debug binary; the release binary has no such switch.
enum FaultHook {
    /// `SPIEGEL_FAULT_AT=<stage>` kills the process with SIGKILL when that stage ends;
    /// `SPIEGEL_HOLD_LOCK_SECONDS=N` waits N seconds once the lock is held.
    static func fromEnvironment() -> StageObserver? {
        let environment = ProcessInfo.processInfo.environment
        let killAt = environment["SPIEGEL_FAULT_AT"].flatMap(RunStage.init(rawValue:))
        let hold = environment["SPIEGEL_HOLD_LOCK_SECONDS"].flatMap(Double.init) ?? 0
        guard killAt != nil || hold > 0 else { return nil }
        return { stage, _ in
            if stage == .locked && hold > 0 { Thread.sleep(forTimeInterval: hold) }
            if stage == killAt { kill(getpid(), SIGKILL) }
        }
    }
}
#endif
