import ArgumentParser
import Foundation
import Spiegel

/// `spiegel check`: everything `run` would do before writing, without writing.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract:
            "Validate Pipeline.yml, instruments and registry; read every export and say what a run would use and quarantine.",
        discussion: """
            Writes nothing. Reports every problem of every source and file in one pass. Exit codes as `spiegel \
            run` would give them tonight: 0 when the job can run cleanly, 3 when rows would need your action, \
            4 when a run would raise the alarm (a source or a school lost), 78 for a missing or invalid \
            configuration, 65 when a source gives no file, an unreadable file or no usable row.
            """
    )

    @Option(name: .shortAndLong, help: "The job's configuration file.")
    var config: String = "Pipeline.yml"

    func run() throws {
        let check = ConfigurationCheck(configurationFile: URL(fileURLWithPath: config)).perform()
        print(check.text)
        if check.status != .success { throw ExitCode(check.status.rawValue) }
    }
}
