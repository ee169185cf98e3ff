import ArgumentParser
import Foundation
import Spiegel
import SyntheticData

/// `spiegel generate`: synthetic exports, registry and Pipeline.yml at any scale.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write synthetic exports, a registry and a matching Pipeline.yml (for tests and benchmarks).",
        discussion: "The same seed gives byte-identical files. The output folder is a self-contained job: "
            + "`spiegel run --config DIR/Pipeline.yml`."
    )

    @Option(help: "The folder to write into (created when missing).")
    var out: String

    @Option(help: "Number of werkplekbegeleiders.")
    var subjects: Int = 60

    @Option(help: "Number of waves (two per school year).")
    var waves: Int = 2

    @Option(help: "Seed of the random generator.")
    var seed: UInt64 = 1

    @Option(help: "Folder with the instrument files to use (default: Data/instruments here, else the one beside spiegel).")
    var instruments: String?

    @Flag(help: "Generate the shipped sample (one partnership, six schools, 60 wpbs); ignores --subjects, --waves and --seed.")
    var sample = false

    func run() throws {
        let folder = try instrumentFolder()
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yml" || $0.pathExtension == "yaml" }
            .sorted { $0.path < $1.path }
        guard !files.isEmpty else {
            throw ValidationError("No instrument files (*.yml) in \(folder.path); pass --instruments DIR.")
        }
        let loaded = try files.map { try Instrument.load(from: $0) }
        var parameters = sample ? SyntheticDataSet.Parameters.sample : .init(subjects: subjects, waves: waves, seed: seed)
        parameters.instrumentFiles = files
        let summary = try SyntheticDataSet(instruments: loaded, parameters: parameters)
            .write(to: URL(fileURLWithPath: out, isDirectory: true))
        print(
            "Wrote \(summary.files.count) exports with \(summary.forms) forms (\(summary.bytes) bytes) for "
                + "\(summary.supervisors) wpbs in \(summary.schools) schools and \(summary.partnerships) partnerships, "
                + "\(summary.waves.count) waves, into \(out).")
        print("Make its pseudonym key once: spiegel keygen --output \(out)/.spiegel-key")
        print("Run it: spiegel run --config \(out)/Pipeline.yml")
    }

    /// `--instruments`, or `Data/instruments` in the current folder, or the one in the Spiegel folder the
    /// executable was built in (`<root>/.build/…/spiegel`), so `generate` works from any folder.
    private func instrumentFolder() throws -> URL {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        if let instruments {
            let url = URL(fileURLWithPath: instruments, isDirectory: true)
            guard fm.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else {
                throw ValidationError(
                    "No instrument folder at \(url.path) (relative paths start in \(fm.currentDirectoryPath)); "
                        + "pass --instruments with the folder that holds the instrument files (*.yml).")
            }
            return url
        }
        var candidates = [URL(fileURLWithPath: "Data/instruments", isDirectory: true)]
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(folder.appendingPathComponent("Data/instruments", isDirectory: true))
            folder.deleteLastPathComponent()
        }
        if let found = candidates.first(where: { fm.fileExists(atPath: $0.path, isDirectory: &isFolder) && isFolder.boolValue }) {
            return found
        }
        throw ValidationError(
            "No instrument folder: neither Data/instruments in \(fm.currentDirectoryPath) nor one beside the spiegel "
                + "executable. Run from the Spiegel folder, or pass --instruments /path/to/Spiegel/Data/instruments.")
    }
}
