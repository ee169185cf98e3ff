import ArgumentParser
import Foundation
import Spiegel

/// `spiegel keygen`: a new key for researcher pseudonyms.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Create a random key for researcher pseudonyms, in a file only its owner can read.",
        discussion: """
            Name the file in Pipeline.yml (pseudonymisation.key_file) or put its content in the environment \
            variable named by pseudonymisation.key_env. The same key gives the same pseudonyms across runs; \
            a new key gives everyone a new pseudonym (see docs/operations.md on rotation). Never commit it.
            """
    )

    @Option(name: .shortAndLong, help: "Where to write the key; an existing file is never overwritten.")
    var output: String

    func run() throws {
        let url = URL(fileURLWithPath: output)
        try PseudonymKey.generate(writingTo: url)
        print("Wrote a new pseudonym key to \(url.path) (readable by its owner only). Keep it out of git.")
    }
}
