import Foundation

extension WorkbookNaming {
    /// A workbook path that would leave the run folder: never written.
    struct PathOutsideRunFolder: Error, CustomStringConvertible {
        var path: String
        var folder: String
        var description: String {
            "refusing to write '\(path)': it lies outside the run folder '\(folder)' (check the school ids in the registry)"
        }
    }

    /// Throws unless `url`, with `.` and `..` resolved, lies strictly inside `folder`.
    ///
    /// Registry ids are checked at load (no `/`, no `..`); this proves it again for every file
    /// written, so a rule missed in one place cannot put a personal workbook in someone else's share.
    static func checkInside(_ url: URL, folder: URL) throws {
        let root = folder.standardizedFileURL.pathComponents
        let path = url.standardizedFileURL.pathComponents
        guard path.count > root.count, Array(path.prefix(root.count)) == root, !path.contains("..") else {
            throw PathOutsideRunFolder(path: url.path, folder: folder.path)
        }
    }
}
