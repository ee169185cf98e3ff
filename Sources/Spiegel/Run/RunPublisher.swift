import Foundation

/// Writes each run into a private staging folder and publishes it with one atomic rename.
///
/// Layout under the output folder:
/// ```
/// runs/<run id>/     one folder per published run
/// latest -> runs/<run id>
/// .staging/<run id>/ the run being written; never read by anyone else
/// .trash/            old runs being removed
/// .spiegel.lock      who holds the lock (the lock itself is on the output folder, see ``RunLock``)
/// ```
/// A kill at any point leaves at worst a folder under `.staging/` or `.trash/` or a `.latest-<id>` link,
/// which the next run removes (it holds the lock, so no other run can be writing there); `latest` always
/// names a complete run.
struct RunPublisher: Sendable {
    let outputFolder: URL
    /// Published runs kept, the newest included.
    let keepRuns: Int

    init(outputFolder: URL, keepRuns: Int) {
        self.outputFolder = outputFolder
        self.keepRuns = max(1, keepRuns)
    }

    var runsFolder: URL { outputFolder.appendingPathComponent("runs", isDirectory: true) }
    var stagingFolder: URL { outputFolder.appendingPathComponent(".staging", isDirectory: true) }
    var trashFolder: URL { outputFolder.appendingPathComponent(".trash", isDirectory: true) }
    var latestLink: URL { outputFolder.appendingPathComponent("latest") }
    var lockFile: URL { outputFolder.appendingPathComponent(".spiegel.lock") }
    static let temporaryLinkPrefix = ".latest-"

    /// A sortable id from the start time, made unique against runs already published.
    func newRunID(startedAt date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let base = formatter.string(from: date)
        var candidate = base
        var counter = 2
        // lstat, not fileExists: a dangling link at a name is taken too, or the rename into runs/ would fail on it.
        var info = stat()
        while lstat(runsFolder.appendingPathComponent(candidate).path, &info) == 0 {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        return candidate
    }

    /// When `latest` is there but is no link (a copy or sync tool, or a person, replaced it by a folder or a file),
    /// moves it aside to `latest.moved-<run id>` so this run can publish; returns the warning saying so.
    /// Nothing is deleted: the moved folder may hold someone's work.
    func moveAsideReplacedLatest(runID: String) throws -> String? {
        var info = stat()
        guard lstat(latestLink.path, &info) == 0, (info.st_mode & S_IFMT) != S_IFLNK else { return nil }
        let aside = outputFolder.appendingPathComponent("latest.moved-\(runID)")
        guard rename(latestLink.path, aside.path) == 0 else {
            throw RunError.publishFailed(
                path: latestLink.path,
                reason: "it is a folder or file, not the link Spiegel keeps, and cannot be moved aside ("
                    + String(cString: strerror(errno)) + "); move it away by hand")
        }
        return "\(latestLink.path) was a folder or file, not the link Spiegel keeps (a copy or sync tool may have "
            + "replaced it); it was moved to \(aside.path), nothing deleted. Sync from latest/, never into it; "
            + "remove the moved copy once checked."
    }

    /// Removes what an interrupted run left (staging, trash, a temporary link) and returns a fresh, empty
    /// staging folder. Call only while holding the lock.
    func beginStaging(runID: String) throws -> URL {
        let fm = FileManager.default
        for debris in [stagingFolder, trashFolder] where fm.fileExists(atPath: debris.path) {
            try fm.removeItem(at: debris)
        }
        for name in (try? fm.contentsOfDirectory(atPath: outputFolder.path)) ?? [] where name.hasPrefix(Self.temporaryLinkPrefix)
        {
            try fm.removeItem(at: outputFolder.appendingPathComponent(name))
        }
        // Nobody but the coordinator reaches into a run being written, whatever the umask: files get their
        // final modes only at the end (``OutputAccess``).
        try fm.createDirectory(at: stagingFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: stagingFolder.path)
        let folder = stagingFolder.appendingPathComponent(runID, isDirectory: true)
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Moves the staged run into `runs/`, checks it there and points `latest` at it; ``prune(observer:)`` follows.
    ///
    /// - Parameters:
    ///   - switchingLatest: `false` keeps the run under `runs/` and leaves `latest` alone (an alarm night).
    ///   - access: who may pass through `runs/` (``OutputAccess``).
    ///   - verify: the run folder's problems once it is under `runs/`; any problem withdraws the run from
    ///     `runs/` and throws, `latest` untouched, so nothing changed between the check and the rename is published.
    @discardableResult
    func publish(
        staged: URL, runID: String, switchingLatest: Bool = true, access: OutputAccess? = nil,
        verify: (URL) -> [String] = { _ in [] }, observer: StageObserver? = nil
    ) throws -> URL {
        let fm = FileManager.default
        try fm.createDirectory(at: runsFolder, withIntermediateDirectories: true)
        if let access { try fm.setAttributes([.posixPermissions: access.passageMode], ofItemAtPath: runsFolder.path) }
        let published = runsFolder.appendingPathComponent(runID, isDirectory: true)
        guard rename(staged.path, published.path) == 0 else {
            throw RunError.publishFailed(path: published.path, reason: String(cString: strerror(errno)))
        }
        try observer?(.movedIntoRuns, published)
        let problems = verify(published)
        guard problems.isEmpty else {
            try? withdraw(published)
            throw RunError.verificationFailed(problems)
        }
        guard switchingLatest else {
            try? fm.removeItem(at: stagingFolder)
            return published
        }
        // A new link beside the old one, renamed over it: readers see the old run or the new one, never neither.
        let temporaryLink = outputFolder.appendingPathComponent(Self.temporaryLinkPrefix + runID)
        try? fm.removeItem(at: temporaryLink)
        try fm.createSymbolicLink(atPath: temporaryLink.path, withDestinationPath: "runs/\(runID)")
        try observer?(.linking, published)
        guard rename(temporaryLink.path, latestLink.path) == 0 else {
            throw RunError.publishFailed(path: latestLink.path, reason: String(cString: strerror(errno)))
        }
        try? fm.removeItem(at: stagingFolder)
        return published
    }

    /// The published runs, oldest first by publication order (``RunManifest/sequence``), then start time:
    /// a run made with the clock a year ahead does not make every later run look older than it.
    /// Folders without a readable manifest are not runs of this tool and are left out.
    func publishedRuns() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: runsFolder.path)) ?? []
        let stamped = names.filter { !$0.hasPrefix(".") }.compactMap { name in stamp(of: name).map { (name, $0) } }
        return stamped.sorted { a, b in
            (a.1.sequence ?? 0, a.1.startedAt, a.0) < (b.1.sequence ?? 0, b.1.startedAt, b.0)
        }.map(\.0)
    }

    /// The publication number the next run gets: one more than any published run's.
    func nextSequence() -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: runsFolder.path)) ?? []
        return (names.compactMap { stamp(of: $0)?.sequence }.max() ?? 0) + 1
    }

    /// What the run `latest` names recorded, when there is one.
    func latestStamp() -> RunManifest.Stamp? {
        latestRunName().flatMap(stamp(of:))
    }

    /// The name under `runs/` of the run `latest` names, when it names one.
    func latestRunName() -> String? {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: latestLink.path) else { return nil }
        return (target as NSString).lastPathComponent
    }

    /// The inputs the run `latest` names read, from its manifest, so a run can notice a source that shrank.
    func latestInputs() -> [InputFileSummary]? {
        struct Listed: Decodable { var inputs: [InputFileSummary] }
        guard let run = latestRunName(),
            let data = try? Data(contentsOf: runsFolder.appendingPathComponent(run).appendingPathComponent(RunManifest.fileName))
        else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return (try? decoder.decode(Listed.self, from: data))?.inputs
    }

    /// Takes a run that failed its check out of `runs/`: one rename into `.trash/`, then removal, so a kill in
    /// between leaves debris the next run removes, never an incomplete run under `runs/`.
    func withdraw(_ run: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: trashFolder, withIntermediateDirectories: true)
        let moved = trashFolder.appendingPathComponent(run.lastPathComponent)
        guard rename(run.path, moved.path) == 0 else {
            throw RunError.publishFailed(path: run.path, reason: String(cString: strerror(errno)))
        }
        try fm.removeItem(at: trashFolder)
    }

    func stamp(of run: String) -> RunManifest.Stamp? {
        let url = runsFolder.appendingPathComponent(run).appendingPathComponent(RunManifest.fileName)
        return (try? Data(contentsOf: url)).flatMap { try? RunManifest.Stamp.decode($0) }
    }

    /// Removes the oldest runs beyond ``keepRuns``, never the one `latest` names. Each goes into `.trash/`
    /// with one rename first, so a kill never leaves half a run under `runs/`.
    func prune(observer: StageObserver? = nil) throws {
        let runs = publishedRuns()
        guard runs.count > keepRuns else { return }
        let fm = FileManager.default
        let current = (try? fm.destinationOfSymbolicLink(atPath: latestLink.path)).map { ($0 as NSString).lastPathComponent }
        try fm.createDirectory(at: trashFolder, withIntermediateDirectories: true)
        for old in runs.dropLast(keepRuns) where old != current {
            let moved = trashFolder.appendingPathComponent(old)
            guard rename(runsFolder.appendingPathComponent(old).path, moved.path) == 0 else {
                throw RunError.publishFailed(
                    path: runsFolder.appendingPathComponent(old).path,
                    reason: "cannot move an old run aside: " + String(cString: strerror(errno)))
            }
            try observer?(.pruning, moved)
            try fm.removeItem(at: moved)
        }
        try fm.removeItem(at: trashFolder)
    }
}
