import Foundation
import XLSXWriter

/// The workbook for one school's management team (MT): the school against the partnership per
/// competency area and wave, a radar chart, gap categories, response and change (docs/operations.md, "Where the outputs go").
///
/// It holds no individual's score or identifier, and no other school's figures: only aggregates
/// over this school's wpbs and over the whole partnership. A suppressed aggregate (docs/analysis.md §9)
/// appears as the text "onderdrukt (n < k)" with its reason, never as a number.
struct SchoolWorkbook {
    var result: AnalysisResult
    var configuration: PipelineConfiguration
    var school: School
    var runInfo: RunInfo
    /// What the workbook shows: the night's release (``WorkbookSet/release``).
    var release: ReleasedView

    init(
        result: AnalysisResult, configuration: PipelineConfiguration, school: School, runInfo: RunInfo,
        release: ReleasedView
    ) {
        self.result = result
        self.configuration = configuration
        self.school = school
        self.runInfo = runInfo
        self.release = release
    }

    /// Looks the school up in the configuration's registry.
    init(
        result: AnalysisResult, configuration: PipelineConfiguration, schoolID: String, runInfo: RunInfo,
        release: ReleasedView
    ) throws {
        guard let school = configuration.registry.school(schoolID) else { throw WorkbookError.unknownSchool(schoolID) }
        self.init(result: result, configuration: configuration, school: school, runInfo: runInfo, release: release)
    }

    /// The file name MT receives, e.g. `01AB Het Fictief College.xlsx`.
    var fileName: String { WorkbookNaming.schoolFileName(school) }

    /// Writes the workbook to `url`, replacing what is there.
    func write(to url: URL) throws {
        try write(
            to: url, context: ReportContext(result: result, configuration: configuration, runInfo: runInfo, release: release))
    }

    /// Writes with a context shared by all workbooks of a run (``WorkbookSet``).
    func write(to url: URL, context: ReportContext) throws {
        let partnership =
            configuration.registry.partnership(school.partnership)
            ?? Partnership(id: school.partnership, name: school.partnership)
        let workbook = try WorkbookDocument.open(
            url, title: "Spiegel: schoolrapportage \(school.name)", author: partnership.name, runInfo: runInfo)
        do {
            try SchoolSheets(context: context, school: school, partnership: partnership).write(to: workbook)
            try workbook.close()
        } catch {
            try? workbook.close()
            throw error
        }
    }
}
