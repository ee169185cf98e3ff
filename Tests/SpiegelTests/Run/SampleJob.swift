import Foundation
import SpiegelTestSupport

@testable import Spiegel

/// A private copy of the shipped sample job (Pipeline.yml, Data/) with its own key, in a temp folder.
struct SampleJob {
    let folder: URL
    var configuration: URL { folder.appendingPathComponent("Pipeline.yml") }
    var reports: URL { folder.appendingPathComponent("Reports") }
    var latest: URL { reports.appendingPathComponent("latest") }

    /// Copies the sample; `edit` may rewrite Pipeline.yml's text first.
    init(edit: (String) -> String = { $0 }) throws {
        folder = try TestSupport.temporaryFolder("sample-job")
        let fm = FileManager.default
        try fm.copyItem(at: TestSupport.packageRoot.appendingPathComponent("Data"), to: folder.appendingPathComponent("Data"))
        let text = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("Pipeline.yml"), encoding: .utf8)
        try edit(text).write(to: configuration, atomically: true, encoding: .utf8)
        _ = try PseudonymKey.generate(writingTo: folder.appendingPathComponent(".spiegel-key"))
    }

    /// Runs the job in this process, with the environment's key variable ignored.
    func run(now: Date = Date()) -> PipelineRun.Outcome {
        PipelineRun(options: .init(configurationFile: configuration, now: { now })).execute()
    }

    /// The path of the `spiegel` executable built next to the tests.
    static var executable: String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("spiegel"),
            TestSupport.packageRoot.appendingPathComponent(".build/debug/spiegel"),
        ]
        return (candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]).path
    }

    /// Starts `spiegel run` on this job as a child process.
    func launch(extraEnvironment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = ["run", "--config", configuration.path, "--quiet"]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "SPIEGEL_PSEUDONYM_KEY")
        environment.merge(extraEnvironment) { $1 }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs a program to its end with the environment's key variable removed, and returns its exit code, stdout and
    /// stderr (through files, so a chatty child never blocks on a full pipe).
    static func outcome(
        of executable: String, arguments: [String], currentDirectory: URL? = nil
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "SPIEGEL_PSEUDONYM_KEY")
        process.environment = environment
        let folder = try TestSupport.temporaryFolder("process")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out"), err = folder.appendingPathComponent("err")
        try Data().write(to: out)
        try Data().write(to: err)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return (
            process.terminationStatus, (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        )
    }

    /// Every file under `folder` with its bytes, by relative path, leaving out the given names.
    static func snapshot(of folder: URL, excluding excluded: Set<String> = []) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = folder.resolvingSymlinksInPath().standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(
            at: folder.resolvingSymlinksInPath(), includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            guard !excluded.contains(relative) else { continue }
            files[relative] = try Data(contentsOf: url)
        }
        return files
    }
}
