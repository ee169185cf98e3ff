import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files each configured source names, and every reason a source cannot be read as configured:
/// no file at all, or a match that is not a readable regular file (a directory, a dangling link).
///
/// A required source with a problem stops the run before anything is written; an optional one is only
/// noted (docs/operations.md, "Exit codes").
struct SourceInventory {
    /// One source's files and problems.
    struct Entry {
        var source: Source
        /// Readable regular files, sorted by path.
        var files: [URL]
        /// Sentences naming the file or pattern and what to do; empty when the source can be read.
        var problems: [String]
    }

    let entries: [Entry]

    init(configuration: PipelineConfiguration) {
        entries = configuration.sources.map { source in
            let resolved = configuration.resolve(path: source.pattern)
            let candidates = FileGlob.isPattern(source.pattern) ? FileGlob.paths(matching: resolved.path) : [resolved.path]
            var files: [URL] = []
            var problems: [String] = []
            for path in candidates {
                if let problem = Self.problem(with: path) {
                    problems.append("source '\(source.name)': \(Self.display(path, in: configuration)) \(problem)")
                } else {
                    files.append(URL(fileURLWithPath: path))
                }
            }
            if candidates.isEmpty {
                problems.append(
                    "source '\(source.name)': no file matches '\(source.pattern)' (looked for \(resolved.path)). "
                        + "Check `files:` in Pipeline.yml and that the export was saved there"
                        + (source.isOptional ? "." : ", or mark the source `optional: true` if it may be absent."))
            }
            return Entry(source: source, files: files, problems: problems)
        }
    }

    /// The files per source name, for ``FormIngest/init(configuration:files:)``.
    var filesBySource: [String: [URL]] {
        Dictionary(entries.map { ($0.source.name, $0.files) }, uniquingKeysWith: { first, _ in first })
    }

    /// Problems of required sources: each one stops the run.
    var blockingProblems: [String] { entries.filter { !$0.source.isOptional }.flatMap(\.problems) }

    /// Problems of optional sources: noted in the summary, never stopping the run.
    var notes: [String] { entries.filter(\.source.isOptional).flatMap(\.problems).map { $0 + " (optional source: skipped)" } }

    /// Why `path` cannot be read as an export, or `nil` when it is a readable regular file.
    static func problem(with path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return "does not exist. Check `files:` in Pipeline.yml." }
        if (info.st_mode & S_IFMT) == S_IFLNK {
            guard stat(path, &info) == 0 else {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
                if errno == ELOOP {
                    return "is a link to \(target) in a loop of links that never reaches a file. Point the link at the export."
                }
                return "is a link to \(target), which does not exist. Point the link at the export or remove it."
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            guard access(path, R_OK) == 0 else {
                return "cannot be read (\(String(cString: strerror(errno)))). Check its permissions (chmod u+r)."
            }
            return nil
        case S_IFDIR:
            return "is a folder, not an export file. Put the CSV file there, or make `files:` match the files inside it."
        default:
            return "is not a regular file (a device, pipe or socket). Save the export as an ordinary file."
        }
    }

    private static func display(_ path: String, in configuration: PipelineConfiguration) -> String {
        let folder = configuration.file.deletingLastPathComponent().standardizedFileURL.path + "/"
        return path.hasPrefix(folder) ? String(path.dropFirst(folder.count)) : path
    }
}
