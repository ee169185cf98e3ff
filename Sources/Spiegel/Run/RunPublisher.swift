import Foundation

/// Writes each run into a private staging folder and publishes it with one atomic rename.
///
/// Layout under the output folder:
/// ```
/// runs/<run id>/     one folder per published run, newest last in name order
/// latest -> runs/<run id>
/// .staging/<run id>/ the run being written; never read by anyone else
/// .spiegel.lock      held by the running job
/// ```
/// A crash or kill leaves at worst a folder under `.staging/`, which the next run removes
/// (it holds the lock, so no other run can be writing there).
public struct RunPublisher: Sendable {
    public let outputFolder: URL
    /// Published runs kept, the newest included.
    public let keepRuns: Int

    public init(outputFolder: URL, keepRuns: Int) {
        self.outputFolder = outputFolder
        self.keepRuns = max(1, keepRuns)
    }

    public var runsFolder: URL { outputFolder.appendingPathComponent("runs", isDirectory: true) }
    public var stagingFolder: URL { outputFolder.appendingPathComponent(".staging", isDirectory: true) }
    public var latestLink: URL { outputFolder.appendingPathComponent("latest") }
    public var lockFile: URL { outputFolder.appendingPathComponent(".spiegel.lock") }

    /// A sortable id from the start time, made unique against runs already published.
    public func newRunID(startedAt date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let base = formatter.string(from: date)
        var candidate = base
        var counter = 2
        while FileManager.default.fileExists(atPath: runsFolder.appendingPathComponent(candidate).path) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        return candidate
    }

    /// Removes what an interrupted run left and returns a fresh, empty staging folder.
    /// Call only while holding the lock.
    public func beginStaging(runID: String) throws -> URL {
        let fm = FileManager.default
        if fm.fileExists(atPath: stagingFolder.path) {
            try fm.removeItem(at: stagingFolder)
        }
        let folder = stagingFolder.appendingPathComponent(runID, isDirectory: true)
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Moves the staged run into `runs/`, points `latest` at it, and prunes old runs.
    @discardableResult
    public func publish(staged: URL, runID: String) throws -> URL {
        let fm = FileManager.default
        try fm.createDirectory(at: runsFolder, withIntermediateDirectories: true)
        let published = runsFolder.appendingPathComponent(runID, isDirectory: true)
        guard rename(staged.path, published.path) == 0 else {
            throw RunError.publishFailed(path: published.path, reason: String(cString: strerror(errno)))
        }
        // A new link beside the old one, renamed over it: readers see the old run or the new one, never neither.
        let temporaryLink = outputFolder.appendingPathComponent(".latest-\(runID)")
        try? fm.removeItem(at: temporaryLink)
        try fm.createSymbolicLink(atPath: temporaryLink.path, withDestinationPath: "runs/\(runID)")
        guard rename(temporaryLink.path, latestLink.path) == 0 else {
            throw RunError.publishFailed(path: latestLink.path, reason: String(cString: strerror(errno)))
        }
        try? fm.removeItem(at: stagingFolder)
        try prune()
        return published
    }

    /// The published runs, oldest first.
    public func publishedRuns() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: runsFolder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    private func prune() throws {
        let runs = publishedRuns()
        guard runs.count > keepRuns else { return }
        let current = (try? FileManager.default.destinationOfSymbolicLink(atPath: latestLink.path))
            .map { ($0 as NSString).lastPathComponent }
        for old in runs.dropLast(keepRuns) where old != current {
            try FileManager.default.removeItem(at: runsFolder.appendingPathComponent(old))
        }
    }
}
