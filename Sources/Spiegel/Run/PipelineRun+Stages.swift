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
        let log = Logger(label: "spiegel.run")
        // The peak memory so far, in the verbose log: which stage set the run's peak.
        func logPeak(after stage: String) {
            if let peak = Machine.peakResidentMB() { log.debug("peak memory after \(stage): \(peak) MB") }
        }
        report.warnings += configuration.warnings

        // Ingest
        progress.show("reading \(configuration.sources.count) sources")
        var clock = StageClock()
        var reading = FormIngest(configuration: configuration, files: files)
        reading.keepsComments = configuration.output.includeFreeText || configuration.output.personalWorkbooks
        let ingest = try reading.run()
        report.record(ingest, seconds: clock.lap())
        logPeak(after: "ingest")
        for file in ingest.files {
            log.info(
                "read \(file.path) (\(file.dialect)): \(file.rowsRead) rows, \(file.rowsUsed) used, \(file.rowsQuarantined) quarantined"
            )
        }
        log.info("ingest: \(ingest.table.count) forms used, \(ingest.quarantine.count) rows quarantined")
        let usable = SourceYield(configuration: configuration, ingest: ingest)
        guard usable.blockingProblems.isEmpty else { throw RunError.sourcesUnusable(usable.blockingProblems) }
        report.notes += usable.notes
        report.alarms = NightAlarm.evaluate(
            configuration: configuration, ingest: ingest, day: Day(dutchDayOf: options.now()),
            previousInputs: previousInputs)
        // In the log file only: the summary names them first, and stderr would print them twice in `>> log 2>&1`.
        for alarm in report.alarms { log.info("ALARM: \(alarm.message)") }
        try checkMemory(ingest, configuration: configuration)
        // Taken from the headers the ingest read, not by opening every export again.
        report.warnings += ingest.questionWarnings
        try observe(.ingested, staged)

        // The researchers' responses.csv needs only the forms, so it is written on the other core while
        // the analysis runs; the files that need the analysis follow it.
        let researchFolder = staged.appendingPathComponent("research", isDirectory: true)
        var research: (export: ResearchExport, formFiles: BackgroundTask<ResearchExport.FormFiles>)?
        if configuration.output.researchData {
            do {
                let export = ResearchExport(
                    configuration: configuration, key: try PseudonymKey.load(configuration.pseudonymisation))
                let fingerprint = export.pseudonymizer.keyFingerprint
                report.keyFingerprint = fingerprint
                if let previous, let earlier = previous.pseudonymKeyFingerprint, earlier != fingerprint {
                    report.warnings.append(
                        "The pseudonym key changed since run \(previous.runID) (fingerprint \(earlier) → \(fingerprint)): "
                            + "every pseudonym in research/ differs from earlier runs, so researchers cannot link them. If this was "
                            + "not a planned rotation (docs/operations.md, \"The pseudonym key\"), put the old key back before the next run."
                    )
                }
                let forms = ingest.table
                research = (export, BackgroundTask { try export.writeForms(forms, to: researchFolder) })
            } catch let error as PseudonymKeyError {
                report.warnings.append("Researcher files not written: \(error)")
            }
        }

        // Analysis
        progress.show("analysing \(ingest.table.count) forms")
        // Item scores per subject feed no output; personal workbooks show item gaps and comments.
        var analyzer = Analyzer(configuration: configuration, includeItemScores: false)
        analyzer.add(ingest.table)
        let result = analyzer.finish()
        report.timings["analysis"] = clock.lap()
        logPeak(after: "analysis")
        report.schools = Set(result.subjectScores.map(\.school)).count
        log.info("analysis: \(result.subjectScores.count) subject scores, \(result.aggregates.count) aggregates")

        // CSV: the coordinator's quarantine and reminder list, and the rest of the researchers' folder
        progress.show("writing CSV")
        // Every file this stage writes, as its writers name them: recorded (and so expected) whatever the folder holds.
        var declared = QuarantineFile.fileNames
        do {
            try QuarantineFile.write(ingest.quarantine, into: staged)
            if let reminders = ReminderList(
                result: result, registry: configuration.registry, waves: configuration.waves,
                day: Day(dutchDayOf: options.now()))
            {
                try reminders.write(to: staged.appendingPathComponent(ReminderList.fileName), registry: configuration.registry)
                report.reminders = reminders.entries.count
                declared.append(ReminderList.fileName)
                log.info("reminders: \(reminders.entries.count) wpbs lack a form in wave \(reminders.wave.id)")
            }
        } catch {
            _ = try? research?.formFiles.value()  // never leave a writer running into a folder about to be removed
            throw error
        }
        if let research {
            let formFiles = try research.formFiles.value()
            let written = try research.export.writeResults(result, after: formFiles, to: researchFolder)
            report.researchFiles = written.count
            declared += written.map { "research/" + $0 }
            report.maskedInComments = configuration.output.includeFreeText ? formFiles.maskedInComments : nil
        }
        // What MTs and the public may see, decided once: the day by the clock decides which waves have closed,
        // and the release ledger what earlier nights released (docs/analysis.md, "Disclosure").
        let releaseDay = Day(dutchDayOf: options.now())
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

        // Workbooks
        progress.show("writing workbooks")
        // Dates from the data, not the clock, so identical inputs give identical workbooks.
        let dataDate = ingest.table.submittedAt.max() ?? Date(timeIntervalSince1970: 0)
        let runInfo = RunInfo(
            version: Self.version, runDate: dataDate, documentDate: dataDate,
            configurationHash: report.configurationHash, inputs: ingest.files, releaseDay: releaseDay)
        var workbooks = WorkbookSet(result: result, configuration: configuration, runInfo: runInfo, release: release)
        workbooks.review = NightAlarm.review(of: report.alarms)
        let workbookFiles = try workbooks.writeFiles(into: staged)
        report.workbooks = workbookFiles.filter { $0.hasSuffix(".xlsx") }.count
        log.info("workbooks: \(report.workbooks) written")
        try observe(.workbookFilesOnDisk, staged)
        // libxlsxwriter writes its own files, so the workbooks are hashed once here, within their stage's time.
        try report.record(workbookFiles, in: staged)
        report.timings["workbooks"] = clock.lap()
        logPeak(after: "workbooks")
        report.timings["cpu"] = Self.processCPUSeconds()
        try observe(.workbooksWritten, staged)
        for warning in report.warnings { log.warning("\(warning)") }
    }

    /// Stops the run before the analysis when its estimated need exceeds the memory it may use (``MemoryBudget``).
    private func checkMemory(_ ingest: IngestResult, configuration: PipelineConfiguration) throws {
        struct SubjectWave: Hashable {
            var subject: PersonID
            var wave: WaveNumber
        }
        let forms = ingest.table
        let subjectWaves = Set(forms.rows.lazy.map { SubjectWave(subject: forms.subject[$0], wave: forms.wave[$0]) })
        let output = configuration.output
        let subjects = output.personalWorkbooks ? Set(forms.subject).count : 0
        let counts = MemoryBudget.Counts(
            forms: forms.count, subjectWaves: subjectWaves.count,
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
