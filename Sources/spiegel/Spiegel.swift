import ArgumentParser
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
            MeasureCSVCommand.self,
        ]
    )
}
