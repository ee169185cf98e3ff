import Foundation
import Logging

extension PipelineRun {
    /// Opens the release ledger, releases tonight's figures for MT workbooks and `public/` through it (and the
    /// auditor), and stages the ledger 0600 in the run; it is installed beside `Pipeline.yml` once the run is published.
    ///
    /// Throws ``RunError/ledgerUnavailable(_:)`` when the ledger is lost, damaged or mismatched.
    func releaseForManagementAndPublic(
        _ result: AnalysisResult, forms: FormTable, staged: URL, day: Day, report: inout RunReport
    ) throws -> ReleasedView {
        // CPU seconds of this thread (the release is single-threaded): the bench's disclosure share, free of load.
        let started = Self.threadCPUSeconds()
        defer { report.timings["disclosure_cpu"] = Self.threadCPUSeconds() - started }
        let configuration = report.configuration
        let publisher = RunPublisher(outputFolder: configuration.output.folder, keepRuns: configuration.output.keepRuns)
        let store = ReleaseLedgerStore(configuration: configuration)
        if !options.startsNewLedger, let note = store.catchUp(withPublished: publisher.latestLink) { report.notes.append(note) }
        let key = try? PseudonymKey.load(configuration.pseudonymisation)
        let opened = try store.open(
            key: key, startNew: options.startsNewLedger, publishedRuns: publisher.publishedRuns(), day: day)
        report.notes += opened.notes
        let rules = DisclosureRules(configuration: configuration, asOf: day)
        for wave in options.reRelease {
            guard let known = configuration.waves.first(where: { $0.id == wave }) else {
                throw RunError.configuration("--re-release \(wave): Pipeline.yml has no wave with that id.")
            }
            guard known.end < day else {
                throw RunError.configuration("--re-release \(wave): the wave has not closed yet (it ends \(known.end)).")
            }
        }
        let control = DisclosureControl(
            rules: rules, ledger: opened.ledger, memberIDs: opened.memberIDs, reRelease: Set(options.reRelease))
        var release = control.release(result)
        if !release.releasedTonight.isEmpty || options.startsNewLedger {
            let reReleased = release.releasedTonight.filter { options.reRelease.contains($0) }
            var event = "\(day): released \(release.releasedTonight.joined(separator: ", "))"
            if !reReleased.isEmpty { event += "; re-released by the coordinator: \(reReleased.joined(separator: ", "))" }
            release.ledger.events.append(event)
        }
        try store.stage(release.ledger, into: staged)
        report.notes += Self.ledgerNotes(release, forms: forms, reRelease: options.reRelease, store: store)
        if release.auditWithheld > 0 {
            report.notes.append(
                "The disclosure auditor withheld \(release.auditWithheld) figures of MT workbooks and public/ that, with "
                    + "earlier releases, would have given away individual scores (reason \"audit\").")
        }
        Logger(label: "spiegel.run").info(
            "release: \(release.releasedTonight.count) waves released, \(release.frozenWaves.count) from the ledger")
        return release
    }

    /// CPU time of the calling thread, in seconds.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// CPU time of the whole process so far (all threads), in seconds.
    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// What the summary says about the ledger: waves frozen, released, re-released, forms after a release.
    static func ledgerNotes(_ release: ReleasedView, forms: FormTable, reRelease: [String], store: ReleaseLedgerStore) -> [String]
    {
        var notes: [String] = []
        if !release.releasedTonight.isEmpty {
            notes.append(
                "Released tonight for MT workbooks and public/ (final from now on): \(release.releasedTonight.joined(separator: ", "))."
            )
        }
        let reReleased = release.releasedTonight.filter { reRelease.contains($0) }
        if !reReleased.isEmpty {
            notes.append(
                "Re-released by the coordinator (--re-release), recorded in the ledger: \(reReleased.joined(separator: ", ")).")
        }
        var late: [String] = []
        let counts = formsSubmitted(
            forms,
            since: release.frozenWaves.compactMap { wave in
                release.ledger.current(wave).map { (wave, $0.day) }
            })
        for wave in release.frozenWaves {
            guard let first = release.ledger.current(wave)?.day, let count = counts[wave], count > 0 else { continue }
            late.append("\(wave): \(count) after its release on \(first)")
        }
        if !late.isEmpty {
            notes.append(
                "Forms that arrived after their wave was released (in the coordinator's workbook and research/, not in MT "
                    + "workbooks or public/; `spiegel run --re-release WAVE` to correct): " + late.joined(separator: "; ") + ".")
        }
        return notes
    }

    /// Per wave of `releases` (wave, day of its release): how many of `forms` were submitted on or after that
    /// Dutch calendar day.
    ///
    /// One pass over the forms, comparing instants with the start of each release day in the Netherlands rather
    /// than working out every form's Dutch day (a calendar call per form and wave: a second on a ten-year night).
    static func formsSubmitted(_ forms: FormTable, since releases: [(wave: String, day: Day)]) -> [String: Int] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: PipelineConfiguration.Defaults.timeZone) ?? .gmt
        var starts: [String: Date] = [:]
        for (wave, day) in releases {
            starts[wave] = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
        }
        var counts: [String: Int] = [:]
        guard !starts.isEmpty else { return counts }
        // By wave number: the table's waves are few, its rows a million.
        let startOfWave = forms.waves.names.map { starts[$0] }
        var countOfWave = [Int](repeating: 0, count: forms.waves.count)
        for row in forms.rows {
            let wave = Int(forms.wave[row].index)
            if let start = startOfWave[wave], forms.submittedAt[row] >= start { countOfWave[wave] += 1 }
        }
        for (wave, count) in zip(forms.waves.names, countOfWave) where count > 0 { counts[wave] = count }
        return counts
    }

    /// `configuration` without MT workbooks and `public/` when *k* is below the smallest allowed for them.
    static func withoutSmallKOutputs(_ configuration: PipelineConfiguration, report: inout RunReport) -> PipelineConfiguration {
        let k = configuration.analysis.minimumGroupSize
        guard k < DisclosureRules.smallestPublishedGroupSize,
            configuration.output.schoolWorkbooks || configuration.release.publicAggregates
        else { return configuration }
        var limited = configuration
        limited.output.schoolWorkbooks = false
        limited.release.publicAggregates = false
        // The publish check then expects what the run writes, not what Pipeline.yml asked for.
        report.configuration = limited
        report.warnings.append(
            "analysis.minimum_group_size is \(k): MT workbooks (schools/) and public/ need at least "
                + "\(DisclosureRules.smallestPublishedGroupSize) and were not written. The coordinator's workbook and research/ "
                + "use k = \(k).")
        return limited
    }
}
