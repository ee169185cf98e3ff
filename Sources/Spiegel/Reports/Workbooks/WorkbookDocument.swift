import Foundation
import XLSXWriter

/// Opening and closing a report workbook the same way for every kind.
enum WorkbookDocument {
    /// Starts a workbook at `url` with the document properties every report carries.
    ///
    /// `created` is the run's fixed document date, the only date inside the file: libxlsxwriter
    /// 1.1.4 stamps every zip entry with the fixed 1980-01-01 00:00 rather than the time of
    /// writing, so identical inputs give byte-identical files (tested in SchoolWorkbookTests).
    static func open(_ url: URL, title: String, author: String, runInfo: RunInfo) throws -> Workbook {
        try Workbook(
            path: url.path,
            properties: .init(
                title: title, author: author, company: author,
                comments: "Gemaakt door Spiegel \(runInfo.version)", created: runInfo.documentDate),
            temporaryFolder: temporaryFolder)
    }

    /// Where libxlsxwriter writes a workbook's parts before zipping them: shared memory (`/dev/shm`) when the machine
    /// has it with room to spare, else the library's default (the system's temporary folder).
    ///
    /// A thousand workbooks of about twenty parts each are twenty thousand files created and removed; on a disk's
    /// file system (ext4) creating them was a tenth of the workbook stage's CPU. A part is removed as soon as it is
    /// zipped, so each writer holds one or two at a time; the room asked for is far more than the largest needs, so
    /// a small `/dev/shm` (64 MB in a default container) is left alone.
    static let temporaryFolder: String? = {
        let folder = "/dev/shm"
        var stats = statvfs()
        guard access(folder, W_OK | X_OK) == 0, statvfs(folder, &stats) == 0 else { return nil }
        let available = Double(stats.f_bavail) * Double(stats.f_frsize)
        return available >= minimumSharedMemory ? folder : nil
    }()

    /// The free room `/dev/shm` needs before workbooks use it: 1 GiB.
    static let minimumSharedMemory: Double = 1_073_741_824
}
