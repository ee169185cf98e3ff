import Foundation
import XlsxWriter

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
                comments: "Gemaakt door Spiegel \(runInfo.version)", created: runInfo.documentDate))
    }
}
