import Foundation
import XLSXWriter

/// The coordinator's workbook for one partnership: every school, unsuppressed numbers (marked
/// where MT workbooks suppress them), response with the names of who is missing, reliability and
/// the run's input files (docs/operations.md, "Where the outputs go").
///
/// ```swift
/// try PartnershipWorkbook(result: result, configuration: configuration, partnership: p, runInfo: info, release: view)
///     .write(to: folder.appendingPathComponent(WorkbookNaming.partnershipFileName(p)))
/// ```
struct PartnershipWorkbook {
    var result: AnalysisResult
    var configuration: PipelineConfiguration
    var partnership: Partnership
    var runInfo: RunInfo
    /// The night's release, for the marks on figures MT workbooks withhold (``WorkbookSet/release``).
    var release: ReleasedView
    /// Rows per sheet before a list continues on a next sheet; Excel's maximum unless a test wants fewer.
    var rowLimit: Int = Worksheet.maximumRows

    init(
        result: AnalysisResult, configuration: PipelineConfiguration, partnership: Partnership, runInfo: RunInfo,
        release: ReleasedView
    ) {
        self.result = result
        self.configuration = configuration
        self.partnership = partnership
        self.runInfo = runInfo
        self.release = release
    }

    /// Looks the partnership up in the configuration's registry.
    init(
        result: AnalysisResult, configuration: PipelineConfiguration, partnershipID: String, runInfo: RunInfo,
        release: ReleasedView
    ) throws {
        guard let partnership = configuration.registry.partnership(partnershipID) else {
            throw WorkbookError.unknownPartnership(partnershipID)
        }
        self.init(
            result: result, configuration: configuration, partnership: partnership, runInfo: runInfo, release: release)
    }

    /// Writes the workbook to `url`, replacing what is there.
    func write(to url: URL) throws {
        try write(
            to: url, context: ReportContext(result: result, configuration: configuration, runInfo: runInfo, release: release))
    }

    /// Writes with a context shared by all workbooks of a run (``WorkbookSet``).
    func write(to url: URL, context: ReportContext) throws {
        let workbook = try WorkbookDocument.open(
            url, title: "Spiegel: partnerschapsrapportage \(partnership.name)", author: partnership.name, runInfo: runInfo)
        // A failure part-way still releases the library's handle; the caller discards the file.
        do {
            let sheets = PartnershipSheets(context: context, partnership: partnership, rowLimit: rowLimit)
            try sheets.write(to: workbook)
            try workbook.close()
        } catch {
            try? workbook.close()
            throw error
        }
    }
}
