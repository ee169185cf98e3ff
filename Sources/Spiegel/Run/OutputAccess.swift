import Foundation

/// Who may read each output of a run, set on every file and folder whatever the umask the run started with.
///
/// Everything is the coordinator's only (files 0600, folders 0700) except `schools/` and `public/`, which follow
/// `night.schools_access` and `night.public_access` (``PipelineConfiguration/SharedAccess``); the run folder and
/// `runs/` then let the readers of those folders pass through without listing them (0710 or 0711).
/// docs/operations.md, "Who can read what".
struct OutputAccess: Sendable {
    let schools: PipelineConfiguration.SharedAccess
    let publicFolder: PipelineConfiguration.SharedAccess

    init(night: PipelineConfiguration.Night) {
        schools = night.schoolsAccess
        publicFolder = night.publicAccess
    }

    /// The access of the output at `path` (relative to the run folder, `""` for the folder itself), and whether
    /// it is a passage (a folder on the way to a shared one).
    func level(of path: String) -> PipelineConfiguration.SharedAccess {
        let top = path.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        switch top {
        case ReleaseProfile.management.folder: return schools
        case ReleaseProfile.public.folder: return publicFolder
        default: return .private
        }
    }

    /// The mode a file at `path` must have.
    func fileMode(_ path: String) -> Int {
        switch level(of: path) {
        case .private: 0o600
        case .group: 0o640
        case .everyone: 0o644
        }
    }

    /// The mode a folder at `path` must have; the run folder itself (`""`) is a passage.
    func folderMode(_ path: String) -> Int {
        if path.isEmpty { return passageMode }
        switch level(of: path) {
        case .private: return 0o700
        case .group: return 0o750
        case .everyone: return 0o755
        }
    }

    /// The mode of `runs/` and of a run folder: readers of a shared folder may pass, never list.
    var passageMode: Int {
        if schools == .everyone || publicFolder == .everyone { return 0o711 }
        if schools == .group || publicFolder == .group { return 0o710 }
        return 0o700
    }

    /// Sets every file's and folder's mode under `folder`, the folder included.
    func apply(to folder: URL) throws {
        let fm = FileManager.default
        try fm.setAttributes([.posixPermissions: folderMode("")], ofItemAtPath: folder.path)
        for entry in Self.entries(of: folder) {
            let mode = entry.isFolder ? folderMode(entry.path) : fileMode(entry.path)
            try fm.setAttributes([.posixPermissions: mode], ofItemAtPath: folder.appendingPathComponent(entry.path).path)
        }
    }

    /// Every file and folder under `folder` whose mode is not what it must be, one sentence each.
    func problems(in folder: URL) -> [String] {
        var problems: [String] = []
        func check(_ path: String, isFolder: Bool) {
            let url = path.isEmpty ? folder : folder.appendingPathComponent(path)
            guard let mode = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.posixPermissions] as? Int else {
                return
            }
            let expected = isFolder ? folderMode(path) : fileMode(path)
            if mode & 0o777 != expected {
                problems.append(
                    "\(path.isEmpty ? "the run folder" : path) has mode \(String(mode & 0o777, radix: 8)), "
                        + "not \(String(expected, radix: 8))")
            }
        }
        check("", isFolder: true)
        for entry in Self.entries(of: folder) { check(entry.path, isFolder: entry.isFolder) }
        return problems
    }

    /// Files and folders under `folder` by relative path; links are left out (a run writes none).
    private static func entries(of folder: URL) -> [(path: String, isFolder: Bool)] {
        let keys: [URLResourceKey] = [.isDirectoryKey, .isSymbolicLinkKey]
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys) else { return [] }
        let base = folder.standardizedFileURL.path
        var entries: [(String, Bool)] = []
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: Set(keys))
            guard values?.isSymbolicLink != true else { continue }
            entries.append((String(url.standardizedFileURL.path.dropFirst(base.count + 1)), values?.isDirectory == true))
        }
        return entries
    }
}
