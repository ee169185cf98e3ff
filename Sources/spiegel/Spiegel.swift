import ArgumentParser
import Spiegel

@main
struct SpiegelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spiegel",
        abstract: "Reports on self-scans and feedback of workplace supervisors."
    )
}
