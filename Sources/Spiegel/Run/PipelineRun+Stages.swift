import Foundation
import Logging

extension PipelineRun {
    /// Writes every output of the run into `staged`: quarantine, researcher data, workbooks.
    func produce(into staged: URL, configuration: PipelineConfiguration, report: inout RunReport) throws {
        let log = Logger(label: "spiegel.run")
        report.warnings += configuration.warnings

        // Ingest
        progress.show("reading \(configuration.sources.count) sources")
        var clock = StageClock()
        var files: [String: [URL]] = [:]
        for source in configuration.sources { files[source.name] = configuration.files(for: source) }
        let ingest = try FormIngest(configuration: configuration, files: files).run()
        report.record(ingest, seconds: clock.lap())
        for file in ingest.files {
            log.info("read \(file.path) (\(file.dialect)): \(file.rowsRead) rows, \(file.rowsUsed) used, \(file.rowsQuarantined) quarantined")
        }
        log.info("ingest: \(ingest.forms.count) forms used, \(ingest.quarantine.count) rows quarantined")
        inject(.duringIngest)

        // Analysis
        progress.show("analysing \(ingest.forms.count) forms")
        var analyzer = Analyzer(configuration: configuration)
        for form in ingest.forms { analyzer.add(form) }
        let result = analyzer.finish()
        report.timings["analysis"] = clock.lap()
        report.schools = Set(result.subjectScores.map(\.school)).count
        log.info("analysis: \(result.subjectScores.count) subject scores, \(result.aggregates.count) aggregates")

        // CSV: the coordinator's quarantine and the researchers' folder
        progress.show("writing CSV")
        try QuarantineFile.write(ingest.quarantine, to: staged.appendingPathComponent("quarantine.csv"))
        if configuration.output.researchData {
            do {
                let key = try PseudonymKey.load(configuration.pseudonymisation)
                let written = try ResearchExport(configuration: configuration, key: key)
                    .write(result, forms: ingest.forms, to: staged.appendingPathComponent("research", isDirectory: true))
                report.researchFiles = written.count
            } catch let error as PseudonymKeyError {
                report.warnings.append("Researcher files not written: \(error)")
            }
        }
        report.timings["csv"] = clock.lap()

        // Workbooks
        progress.show("writing workbooks")
        // Dates from the data, not the clock, so identical inputs give identical workbooks.
        let dataDate = ingest.forms.map(\.submittedAt).max() ?? Date(timeIntervalSince1970: 0)
        let runInfo = RunInfo(version: Self.version, runDate: dataDate, documentDate: dataDate,
                              configurationHash: report.configurationHash, inputs: ingest.files)
        report.workbooks = try WorkbookSet(result: result, configuration: configuration, runInfo: runInfo)
            .write(into: staged) { self.inject(.duringWorkbooks) }
        report.timings["workbooks"] = clock.lap()
        log.info("workbooks: \(report.workbooks) written")
        for warning in report.warnings { log.warning("\(warning)") }
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
