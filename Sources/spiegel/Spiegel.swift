import ArgumentParser
import Foundation
import Spiegel

@main
struct SpiegelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spiegel",
        abstract: "Reports on the self-scans of werkplekbegeleiders and the feedback on them.",
        discussion: """
            Spiegel reads survey exports (Microsoft Forms, Google Forms, LimeSurvey, Qualtrics), computes \
            scores, self-vs-feedback gaps and aggregates per school and partnership, and writes Excel \
            workbooks for school management and tidy CSV for researchers. `spiegel run` is the nightly job; \
            `spiegel check` validates everything without writing.
            """,
        version: PipelineRun.version,
        subcommands: [
            RunCommand.self, CheckCommand.self, LedgerCommand.self, SniffCommand.self, KeygenCommand.self, GenerateCommand.self,
        ]
    )

    /// `spiegel` alone is a mistake in a script or crontab: show the help on stderr and fail (EX_USAGE),
    /// rather than exit 0 having done nothing.
    func run() throws {
        FileHandle.standardError.write(Data((Self.helpMessage() + "\n").utf8))
        throw ExitCode(64)
    }
}
