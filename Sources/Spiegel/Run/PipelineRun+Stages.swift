import Foundation
import Logging

extension PipelineRun {
    /// Writes every output of the run into `staged`: quarantine, reminder list, researcher data, workbooks.
    /// Each stage's files are recorded with their hashes as the stage ends (``RunReport/record(_:in:)``), within
    /// the stage's timing: the csv stage's hashing is the csv stage's time.
    ///
    /// - Parameters:
    ///   - files: each source's readable files (``SourceInventory``).
    ///   - previous: what the run `latest` names recorded, to notice a changed pseudonym key.
    ///   - previousInputs: what that run read, to notice a source that shrank (``NightAlarm``).
    func produce(
        into staged: URL, files: [String: [URL]], configuration: PipelineConfiguration,
        previous: RunManifest.Stamp?, previousInputs: [InputFileSummary]? = nil, report: inout RunReport
    ) throws {
        report.warnings += configuration.warnings
        // One Dutch calendar day for the whole night: the alarms, the reminders and the release all take it.
        let day = Day(dutchDayOf: options.now())
        var clock = StageClock()
        let ingest = try ingestStage(
            files: files, configuration: configuration, day: day, previousInputs: previousInputs, clock: &clock,
            report: &report)
        try observe(.ingested, staged)
        // The researchers' responses.csv needs only the forms, so it is written on the other core while
        // the analysis runs; the files that need the analysis follow it.
        let research =
            configuration.output.researchData
            ? try startResearch(ingest.table, into: staged, configuration: configuration, previous: previous, report: &report)
            : nil
        let result = analysisStage(ingest.table, configuration: configuration, clock: &clock, report: &report)
        let release = try csvStage(
            ingest, result, research: research, into: staged, configuration: configuration, day: day, clock: &clock,
            report: &report)
        try workbookStage(ingest, result, release: release, into: staged, clock: &clock, report: &report)
        for warning in report.warnings { logger.warning("\(warning)") }
    }

    /// The researchers' export under way: the writer, and the form files it writes in the background.
    private typealias ResearchInProgress = (export: ResearchExport, formFiles: BackgroundTask<ResearchExport.FormFiles>)

    /// What tonight releases to management teams and the public, the day it was decided on, and the configuration
    /// the outputs after it follow (without MT outputs when *k* is too small for them).
    private struct Release {
        var view: ReleasedView
        var day: Day
        var configuration: PipelineConfiguration
    }

    /// The peak memory so far, in the verbose log: which stage set the run's peak.
    private func logPeak(after stage: String) {
        if let peak = Machine.peakResidentMB() { logger.debug("peak memory after \(stage): \(peak) MB") }
    }

    /// Reads every export; stops when a source is unusable or the analysis would not fit in memory, and evaluates
    /// tonight's alarms.
    private func ingestStage(
        files: [String: [URL]], configuration: PipelineConfiguration, day: Day, previousInputs: [InputFileSummary]?,
        clock: inout StageClock, report: inout RunReport
    ) throws -> IngestResult {
        progress.show("reading \(configuration.sources.count) sources")
        var reading = FormIngest(configuration: configuration, files: files)
        reading.keepsComments = configuration.output.includeFreeText || configuration.output.personalWorkbooks
        let ingest = try reading.run()
        report.record(ingest, seconds: clock.lap())
        logPeak(after: "ingest")
        for file in ingest.files {
            logger.info(
                "read \(file.path) (\(file.dialect)): \(file.rowsRead) rows, \(file.rowsUsed) used, \(file.rowsQuarantined) quarantined"
            )
        }
        logger.info("ingest: \(ingest.table.count) forms used, \(ingest.quarantine.count) rows quarantined")
        let usable = SourceYield(configuration: configuration, ingest: ingest)
        guard usable.blockingProblems.isEmpty else { throw RunError.sourcesUnusable(usable.blockingProblems) }
        report.notes += usable.notes
        report.alarms = NightAlarm.evaluate(
            configuration: configuration, ingest: ingest, day: day, previousInputs: previousInputs)
        // In the log file only: the summary names them first, and stderr would print them twice in `>> log 2>&1`.
        for alarm in report.alarms { logger.info("ALARM: \(alarm.message)") }
        try checkMemory(ingest, configuration: configuration)
        // Taken from the headers the ingest read, not by opening every export again.
        report.warnings += ingest.questionWarnings
        return ingest
    }

    /// Starts writing the researchers' form files in the background; `nil`, with a warning, without a usable key.
    private func startResearch(
        _ forms: FormTable, into staged: URL, configuration: PipelineConfiguration, previous: RunManifest.Stamp?,
        report: inout RunReport
    ) throws -> ResearchInProgress? {
        let researchFolder = staged.appendingPathComponent("research", isDirectory: true)
        do {
            let export = ResearchExport(configuration: configuration, key: try PseudonymKey.load(configuration.pseudonymisation))
            let fingerprint = export.pseudonymizer.keyFingerprint
            report.keyFingerprint = fingerprint
            if let previous, let earlier = previous.pseudonymKeyFingerprint, earlier != fingerprint {
                report.warnings.append(
                    "The pseudonym key changed since run \(previous.runID) (fingerprint \(earlier) → \(fingerprint)): "
                        + "every pseudonym in research/ differs from earlier runs, so researchers cannot link them. If this was "
                        + "not a planned rotation (docs/operations.md, \"The pseudonym key\"), put the old key back before the next run."
                )
            }
            return (export, BackgroundTask { try export.writeForms(forms, to: researchFolder) })
        } catch let error as PseudonymKeyError {
            report.warnings.append("Researcher files not written: \(error)")
            return nil
        }
    }

    private func analysisStage(
        _ forms: FormTable, configuration: PipelineConfiguration, clock: inout StageClock, report: inout RunReport
    ) -> AnalysisResult {
        progress.show("analysing \(forms.count) forms")
        // Item scores per subject feed no output; personal workbooks show item gaps and comments.
        var analyzer = Analyzer(configuration: configuration, includeItemScores: false)
        analyzer.add(forms)
        let result = analyzer.finish()
        report.timings["analysis"] = clock.lap()
        logPeak(after: "analysis")
        report.schools = Set(result.subjectScores.map(\.school)).count
        logger.info("analysis: \(result.subjectScores.count) subject scores, \(result.aggregates.count) aggregates")
        return result
    }

    /// The coordinator's quarantine and reminder list, the rest of the researchers' folder, the release for MT
    /// workbooks and public/ (timed apart as "disclosure") and the public tables; returns the release.
    private func csvStage(
        _ ingest: IngestResult, _ result: AnalysisResult, research: ResearchInProgress?, into staged: URL,
        configuration: PipelineConfiguration, day releaseDay: Day, clock: inout StageClock, report: inout RunReport
    ) throws -> Release {
        progress.show("writing CSV")
        // Every file this stage writes, as its writers name them: recorded (and so expected) whatever the folder holds.
        var declared = QuarantineFile.fileNames
        do {
            declared += try writeCoordinatorFiles(
                ingest, result, into: staged, configuration: configuration, day: releaseDay, report: &report)
        } catch {
            _ = try? research?.formFiles.value()  // never leave a writer running into a folder about to be removed
            throw error
        }
        if let research {
            let formFiles = try research.formFiles.value()
            let researchFolder = staged.appendingPathComponent("research", isDirectory: true)
            let written = try research.export.writeResults(result, after: formFiles, to: researchFolder)
            report.researchFiles = written.count
            declared += written.map { "research/" + $0 }
            report.maskedInComments = configuration.output.includeFreeText ? formFiles.maskedInComments : nil
        }
        // What MTs and the public may see, decided once: the day by the clock decides which waves have closed,
        // and the release ledger what earlier nights released (docs/analysis.md, "Disclosure").
        // The csv stage's time so far (quarantine, reminders, researchers' results), apart from the release's.
        var csvSeconds = clock.lap()
        let release = try releaseForManagementAndPublic(
            result, forms: ingest.table, staged: staged, day: releaseDay, report: &report)
        report.timings["disclosure"] = clock.lap()
        logPeak(after: "disclosure")
        declared.append(ReleaseLedger.fileName)
        let configuration = Self.withoutSmallKOutputs(configuration, report: &report)
        if configuration.release.publicAggregates {
            let written = try PublicExport(release: release, settings: result.settings)
                .write(to: staged.appendingPathComponent(ReleaseProfile.public.folder, isDirectory: true))
            report.publicFiles = written.count
            declared += written.map { ReleaseProfile.public.folder + "/" + $0 }
        }
        try observe(.csvFilesOnDisk, staged)
        // Recording belongs to the stage that wrote the files: the few it did not hash while writing are hashed here.
        try report.record(declared, in: staged)
        csvSeconds += clock.lap()
        report.timings["csv"] = csvSeconds
        logPeak(after: "csv")
        try observe(.csvWritten, staged)
        return Release(view: release, day: releaseDay, configuration: configuration)
    }

    /// The quarantine files and tonight's reminder list; returns the names of the files beyond the quarantine's.
    private func writeCoordinatorFiles(
        _ ingest: IngestResult, _ result: AnalysisResult, into staged: URL, configuration: PipelineConfiguration, day: Day,
        report: inout RunReport
    ) throws -> [String] {
        try QuarantineFile.write(ingest.quarantine, into: staged)
        guard
            let reminders = ReminderList(
                result: result, registry: configuration.registry, waves: configuration.waves, day: day)
        else { return [] }
        try reminders.write(to: staged.appendingPathComponent(ReminderList.fileName), registry: configuration.registry)
        report.reminders = reminders.entries.count
        logger.info("reminders: \(reminders.entries.count) wpbs lack a form in wave \(reminders.wave.id)")
        return [ReminderList.fileName]
    }

    /// Every workbook tonight's configuration asks for, rendering `release` for management teams.
    private func workbookStage(
        _ ingest: IngestResult, _ result: AnalysisResult, release: Release, into staged: URL, clock: inout StageClock,
        report: inout RunReport
    ) throws {
        progress.show("writing workbooks")
        // Dates from the data, not the clock, so identical inputs give identical workbooks.
        let dataDate = ingest.table.submittedAt.max() ?? Date(timeIntervalSince1970: 0)
        let runInfo = RunInfo(
            version: Self.version, runDate: dataDate, documentDate: dataDate,
            configurationHash: report.configurationHash, inputs: ingest.files, releaseDay: release.day)
        var workbooks = WorkbookSet(
            result: result, configuration: release.configuration, runInfo: runInfo, release: release.view)
        workbooks.review = NightAlarm.review(of: report.alarms)
        let workbookFiles = try workbooks.writeFiles(into: staged)
        report.workbooks = workbookFiles.filter { $0.hasSuffix(".xlsx") }.count
        logger.info("workbooks: \(report.workbooks) written")
        try observe(.workbookFilesOnDisk, staged)
        // libxlsxwriter writes its own files, so the workbooks are hashed once here, within their stage's time.
        try report.record(workbookFiles, in: staged)
        report.timings["workbooks"] = clock.lap()
        logPeak(after: "workbooks")
        report.timings["cpu"] = Self.processCPUSeconds()
        try observe(.workbooksWritten, staged)
    }

    /// Stops the run before the analysis when its estimated need exceeds the memory it may use (``MemoryBudget``).
    private func checkMemory(_ ingest: IngestResult, configuration: PipelineConfiguration) throws {
        let forms = ingest.table
        let output = configuration.output
        let subjects = output.personalWorkbooks ? Set(forms.subject).count : 0
        let counts = MemoryBudget.Counts(
            forms: forms.count, subjectWaves: forms.distinctSubjectWaves(),
            workbooks: (output.partnershipWorkbook ? configuration.registry.partnerships.count : 0)
                + (output.schoolWorkbooks ? configuration.registry.schools.count : 0) + subjects,
            personalWorkbooks: output.personalWorkbooks, researchData: output.researchData,
            itemGaps: output.personalWorkbooks || output.schoolWorkbooks)
        if let problem = MemoryBudget.problem(counts, limit: MemoryBudget.limit(configured: configuration.night.memoryLimit)) {
            throw RunError.insufficientMemory(problem)
        }
    }

}

/// Seconds between laps, from a monotonic clock.
struct StageClock {
    private var last = DispatchTime.now()

    mutating func lap() -> Double {
        let now = DispatchTime.now()
        defer { last = now }
        return Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9
    }
}

/// A background task that finished without leaving its result: a bug, never an input problem.
struct BackgroundTaskError: Error, CustomStringConvertible {
    var description: String { "a background task ended without a result" }
}

/// Work started on another thread now and collected later; `value()` waits for it and rethrows its error.
final class BackgroundTask<Value: Sendable>: @unchecked Sendable {
    // `outcome` is written once, before `done` is signalled, and read only after waiting for it.
    private let done = DispatchGroup()
    private var outcome: Result<Value, Error>?

    init(_ work: @escaping @Sendable () throws -> Value) {
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            self.outcome = Result { try work() }
            self.done.leave()
        }
    }

    func value() throws -> Value {
        done.wait()
        guard let outcome else { throw BackgroundTaskError() }
        return try outcome.get()
    }
}
