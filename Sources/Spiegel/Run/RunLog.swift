import Foundation
import Logging

/// Where log messages go: stderr (filtered by the chosen verbosity) and, during a run, the run's log file.
///
/// swift-log routes every `Logger` in the process here once ``bootstrap(verbosity:)`` has run.
public final class RunLog: @unchecked Sendable {
    /// How much appears on stderr; the log file always receives everything from `.info` up.
    public enum Verbosity: Sendable { case quiet, normal, verbose }

    static let shared = RunLog()

    // Guards `file` and `stderrLevel`: log calls may come from any thread.
    private let lock = NSLock()
    private var file: FileHandle?
    private var stderrLevel: Logger.Level = .warning
    private var timestamps: (Date) -> String = { date in
        ISO8601DateFormatter.string(from: date, timeZone: .current, formatOptions: [.withInternetDateTime])
    }

    /// Installs the handler for the whole process; call once, from the executable.
    public static func bootstrap(verbosity: Verbosity) {
        shared.setVerbosity(verbosity)
        LoggingSystem.bootstrap { label in RunLogHandler(label: label, sink: shared) }
    }

    func setVerbosity(_ verbosity: Verbosity) {
        lock.withLock {
            switch verbosity {
            case .quiet: stderrLevel = .error
            case .normal: stderrLevel = .warning
            case .verbose: stderrLevel = .debug
            }
        }
    }

    /// Starts copying messages into `url` (created or truncated).
    func attach(file url: URL) throws {
        try Data().write(to: url)
        let handle = try FileHandle(forWritingTo: url)
        lock.withLock { file = handle }
    }

    /// Stops copying into the file and closes it.
    func detach() {
        lock.withLock {
            try? file?.close()
            file = nil
        }
    }

    func write(level: Logger.Level, label: String, message: String, metadata: String) {
        let line = "\(timestamps(Date())) \(level.rawValue.uppercased()) [\(label)] \(message)\(metadata)\n"
        let data = Data(line.utf8)
        lock.withLock {
            if level >= .info { try? file?.write(contentsOf: data) }
            if level >= stderrLevel { FileHandle.standardError.write(data) }
        }
    }
}

/// The swift-log handler that forwards to ``RunLog``.
struct RunLogHandler: LogHandler {
    let label: String
    let sink: RunLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let rendered = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0)=\($1)" }.joined(separator: " ")
        sink.write(level: event.level, label: label, message: event.message.description, metadata: rendered)
    }
}
