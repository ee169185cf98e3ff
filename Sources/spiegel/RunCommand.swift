import ArgumentParser
import Foundation
import Spiegel

/// `spiegel run`: the nightly job.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the job: read the exports, compute, write and publish the reports.",
        discussion: """
            Reads Pipeline.yml (relative paths in it resolve against its folder), writes a complete run into \
            a staging folder and publishes it as <output>/latest in one step. A second run on the same output \
            folder exits at once. A one-screen summary goes to stdout, warnings to stderr, the full log to \
            run.log in the run folder.

            Exit codes:
            \(ExitStatus.helpText)
            """
    )

    @Option(name: .shortAndLong, help: "The job's configuration file.")
    var config: String = "Pipeline.yml"

    @Flag(name: .shortAndLong, help: "Only errors on stderr; the summary still goes to stdout.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Details on stderr as the run goes.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("Choose one of --quiet and --verbose.") }
    }

    func run() throws {
        RunLog.bootstrap(verbosity: quiet ? .quiet : verbose ? .verbose : .normal)
        // Test hooks: the fault-injection and lock tests drive the real binary through these.
        let environment = ProcessInfo.processInfo.environment
        let fault = environment["SPIEGEL_FAULT_AT"].flatMap(PipelineRun.FaultPoint.init(rawValue:))
        let hold = environment["SPIEGEL_HOLD_LOCK_SECONDS"].flatMap(Double.init) ?? 0
        let options = PipelineRun.Options(configurationFile: URL(fileURLWithPath: config), faultPoint: fault, holdLockSeconds: hold,
                                          showsProgress: !quiet && isatty(STDERR_FILENO) == 1)
        let outcome = PipelineRun(options: options).execute()
        print(outcome.summary)
        if outcome.status != .success { throw ExitCode(outcome.status.rawValue) }
    }
}
