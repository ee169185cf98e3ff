import Foundation
import XLSXWriter

/// The personal workbook of one wpb (off by default): their radar of self vs student vs
/// schoolopleider, the mirrored items with their gaps, and the feed-forward comments (docs/operations.md, "Where the outputs go").
///
/// It needs the detail the analysis keeps only when personal workbooks are asked for
/// (`AnalysisResult.itemGaps`, `itemScores`, `comments`).
struct PersonalWorkbook {
    var result: AnalysisResult
    var configuration: PipelineConfiguration
    /// The wpb's normalised identifier, as in `SubjectScore.subject`.
    var supervisor: String
    var runInfo: RunInfo
    /// The night's release, which every workbook of a run shares (``WorkbookSet/release``).
    var release: ReleasedView

    init(
        result: AnalysisResult, configuration: PipelineConfiguration, supervisor: String, runInfo: RunInfo,
        release: ReleasedView
    ) {
        self.result = result
        self.configuration = configuration
        self.supervisor = supervisor
        self.runInfo = runInfo
        self.release = release
    }

    /// A context for this workbook alone, when it is not written as part of a ``WorkbookSet``.
    private var ownContext: ReportContext {
        ReportContext(result: result, configuration: configuration, runInfo: runInfo, release: release)
    }

    /// The wpb's school: from their scores, else from the roster.
    var schoolID: String? { schoolID(in: ownContext) }

    /// The wpb's name from the roster, when it is kept there.
    var supervisorName: String? { configuration.registry.roster.first { $0.supervisor == supervisor }?.name }

    /// e.g. `Persoonlijk 01AB Anna Jansen.xlsx`.
    var fileName: String { fileName(in: ownContext) }

    func schoolID(in context: ReportContext) -> String? {
        context.scores(of: supervisor).first?.school ?? context.rosterBySupervisor[supervisor]?.school
    }

    func fileName(in context: ReportContext) -> String {
        WorkbookNaming.personalFileName(
            school: schoolID(in: context) ?? "", supervisor: supervisor,
            name: context.rosterBySupervisor[supervisor]?.name)
    }

    /// Every wpb with at least one score, for the run to write one workbook each.
    static func supervisors(in result: AnalysisResult) -> [String] {
        Array(Set(result.subjectScores.filter { $0.scope == .supervisors }.map(\.subject))).sorted()
    }

    /// Writes the workbook to `url`, replacing what is there.
    func write(to url: URL) throws {
        try write(to: url, context: ownContext)
    }

    /// Writes with a context shared by all workbooks of a run (``WorkbookSet``).
    func write(to url: URL, context: ReportContext) throws {
        let school = schoolID(in: context).flatMap { configuration.registry.school($0) }
        let partnership = school.flatMap { configuration.registry.partnership($0.partnership) }
        let displayName = context.rosterBySupervisor[supervisor]?.name ?? supervisor
        let workbook = try WorkbookDocument.open(
            url, title: "Spiegel: persoonlijke rapportage \(displayName)", author: partnership?.name ?? "Spiegel",
            runInfo: runInfo)
        do {
            try PersonalSheets(context: context, supervisor: supervisor, displayName: displayName, school: school)
                .write(to: workbook)
            try workbook.close()
        } catch {
            try? workbook.close()
            throw error
        }
    }
}
