import ArgumentParser
import Foundation
import Spiegel

/// `spiegel ledger restore`: puts the release ledger back from a published run's copy.
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Look after the release ledger (what MT workbooks and public/ were shown).",
        subcommands: [Restore.self]
    )

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore the release ledger from the newest published run, or from the run given.",
            discussion: """
                The ledger is kept beside Pipeline.yml; every published run holds a copy. Restore it when it was \
                deleted or damaged, or when the output folder moved (the copy is then bound to the new folder). \
                Exits 66 when no usable copy is found.
                """
        )

        @Option(name: .shortAndLong, help: "The job's configuration file.")
        var config: String = "Pipeline.yml"

        @Option(help: "A published run folder to restore from (default: the newest run under the output folder).")
        var from: String?

        func run() throws {
            do {
                print(
                    try LedgerRestore(
                        configurationFile: URL(fileURLWithPath: config), from: from.map { URL(fileURLWithPath: $0) }
                    ).run())
            } catch let failure as LedgerRestore.Failure {
                FileHandle.standardError.write(Data((failure.message + "\n").utf8))
                throw ExitCode(failure.status.rawValue)
            }
        }
    }
}
