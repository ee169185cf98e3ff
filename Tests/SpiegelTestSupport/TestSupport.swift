import Foundation

/// Shared helpers for tests: locating the package, temporary folders, the Python used as an
/// independent reader (openpyxl, frictionless).
package enum TestSupport {
    /// The package's root folder (where Package.swift is).
    package static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// `../shared/testdata`, the external conformance suites beside the repository (or beside a folder
    /// above it, for git worktrees kept one level deeper); `nil` on a clone that has nothing beside it.
    package static let sharedTestData: URL? = {
        var folder = packageRoot.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("shared/testdata")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return nil
    }()

    /// One folder of the external suites; a path that does not exist when they are absent, so that
    /// suites gated by ``externalSuites`` can still be declared.
    package static func sharedTestData(_ folder: String) -> URL {
        (sharedTestData ?? URL(fileURLWithPath: "/nonexistent/shared/testdata")).appendingPathComponent(folder)
    }

    /// Whether CI asked for the external suites to be there (`SPIEGEL_REQUIRE_EXTERNAL_SUITES=1`), so
    /// that a CI machine without them fails instead of skipping them quietly.
    package static var externalSuitesRequired: Bool {
        ProcessInfo.processInfo.environment["SPIEGEL_REQUIRE_EXTERNAL_SUITES"] == "1"
    }

    /// A fresh empty folder, removed by the caller or left for the OS's tmp cleaning.
    package static func temporaryFolder(_ label: String = "spiegel-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The Python with openpyxl and frictionless: `$SPIEGEL_PYTHON`, else `.venv/bin/python`.
    package static var python: String {
        if let fromEnvironment = ProcessInfo.processInfo.environment["SPIEGEL_PYTHON"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return packageRoot.appendingPathComponent(".venv/bin/python").path
    }

    /// Runs a Python script with arguments; returns stdout, throws with stderr on failure.
    @discardableResult
    package static func runPython(_ script: String, arguments: [String] = []) throws -> String {
        try run(python, arguments: ["-c", script] + arguments)
    }

    /// Runs a program; returns its stdout, throws with its stderr when it exits non-zero.
    @discardableResult
    package static func run(
        _ executable: String, arguments: [String], currentDirectory: URL? = nil,
        environment: [String: String]? = nil
    ) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        if let environment { process.environment = environment }
        // Files, not pipes: a chatty child can never block on a full pipe.
        let folder = try temporaryFolder("process")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        let stdout = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let errData = (try? Data(contentsOf: errURL)) ?? Data()
        guard process.terminationStatus == 0 else {
            throw ProcessFailure(
                command: ([executable] + arguments).joined(separator: " "),
                status: process.terminationStatus, stdout: stdout,
                stderr: String(decoding: errData, as: UTF8.self))
        }
        return stdout
    }

    package struct ProcessFailure: Error, CustomStringConvertible {
        package var command: String
        package var status: Int32
        package var stdout: String
        package var stderr: String
        package var description: String { "\(command.prefix(200)) exited \(status): \(stderr.prefix(2000))" }
    }
}
