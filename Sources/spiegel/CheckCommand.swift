import ArgumentParser
import Foundation
import Spiegel

/// `spiegel check`: everything `run` would do before writing, without writing.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate Pipeline.yml, instruments and registry; read every export and say what a run would use and quarantine.",
        discussion: "Writes nothing. Exit code 0 when the job could run, 78 for a configuration error, 65 for an unreadable export."
    )

    @Option(name: .shortAndLong, help: "The job's configuration file.")
    var config: String = "Pipeline.yml"

    func run() throws {
        let check = ConfigurationCheck(configurationFile: URL(fileURLWithPath: config)).perform()
        print(check.text)
        if check.status != .success { throw ExitCode(check.status.rawValue) }
    }
}
