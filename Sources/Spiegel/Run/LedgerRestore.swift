import Foundation

/// `spiegel ledger restore`: the release ledger back from the copy in a published run (the newest by default).
package struct LedgerRestore {
    /// Why the restore failed, with the exit status to end with.
    package struct Failure: Error {
        package var status: ExitStatus
        package var message: String
    }

    var configurationFile: URL
    /// A run folder; `nil`: the newest published run holding a copy.
    var from: URL?

    package init(configurationFile: URL, from: URL?) {
        self.configurationFile = configurationFile
        self.from = from
    }

    /// Restores the ledger; returns the message for stdout.
    package func run() throws -> String {
        let configuration: PipelineConfiguration
        do {
            configuration = try ConfigurationFile.load(configurationFile).configuration
        } catch {
            throw Failure(status: error.exitStatus, message: error.description)
        }
        let publisher = RunPublisher(outputFolder: configuration.output.folder, keepRuns: configuration.output.keepRuns)
        let store = ReleaseLedgerStore(configuration: configuration)
        let candidates =
            from.map { [$0] }
            ?? publisher.publishedRuns().reversed().map { publisher.runsFolder.appendingPathComponent($0) }
        guard
            let run = candidates.first(where: {
                FileManager.default.fileExists(atPath: $0.appendingPathComponent(ReleaseLedger.fileName).path)
            })
        else {
            throw Failure(
                status: .ledgerUnavailable,
                message: "No published run under \(publisher.runsFolder.path) holds a \(ReleaseLedger.fileName). "
                    + "Pass --from with a copy of a run folder, or, only if none survives, start a new ledger with "
                    + "`spiegel run --new-ledger`.")
        }
        do {
            return try store.restore(from: run, key: try? PseudonymKey.load(configuration.pseudonymisation))
        } catch let error as RunError {
            throw Failure(status: error.exitStatus, message: error.description)
        }
    }
}
