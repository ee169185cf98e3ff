import Foundation

/// `spiegel check`: loads and validates the configuration and reads every export as a run would,
/// then reports per source what would be used and quarantined. Writes nothing.
///
/// Every problem of every source and file is reported in one pass, so a new set-up is fixed in one round;
/// it never says the job can run when a run would stop (``SourceInventory``, ``SourceYield``).
public struct ConfigurationCheck {
    public struct Outcome: Sendable {
        /// What `spiegel run` would exit with tonight: `.success`, `.actionNeeded` for rows needing action,
        /// `.alarm` when it would raise the alarm, or the code of what stops it.
        public var status: ExitStatus
        public var text: String
    }

    public let configurationFile: URL

    public init(configurationFile: URL) {
        self.configurationFile = configurationFile
    }

    public func perform() -> Outcome {
        let configuration: PipelineConfiguration
        do {
            configuration = try ConfigurationFile.load(configurationFile).configuration
        } catch {
            return Outcome(status: error.exitStatus, text: error.description)
        }
        var lines = overview(configuration)
        // Every file on its own first, so that one broken export does not hide the next.
        let inventory = SourceInventory(configuration: configuration)
        let files = FileChecks(inventory: inventory, configuration: configuration)
        var problems = inventory.blockingProblems + files.problems
        // Then all readable files together, as a run reads them: superseded duplicates need every file.
        let ingest: IngestResult
        do {
            ingest = try FormIngest(configuration: configuration, files: files.readable).run()
        } catch {
            problems.append("\(error)")
            ingest = IngestResult()
        }
        let yield = SourceYield(configuration: configuration, ingest: ingest)
        problems += yield.blockingProblems
        lines.append("")
        for entry in inventory.entries {
            lines += sourceLines(entry, files: files, ingest: ingest, yield: yield, configuration: configuration)
        }
        lines.append("")
        return verdict(lines: lines, problems: problems, ingest: ingest, configuration: configuration)
    }

    /// What each export gave when read on its own: the readable files per source, errors and warnings per file.
    private struct FileChecks {
        var readable: [String: [URL]] = [:]
        var errors: [URL: String] = [:]
        var warnings: [URL: [String]] = [:]
        /// Errors of required sources: the job cannot run.
        var problems: [String] = []

        init(inventory: SourceInventory, configuration: PipelineConfiguration) {
            for entry in inventory.entries {
                for url in entry.files { check(url, of: entry.source, configuration: configuration) }
            }
        }

        private mutating func check(_ url: URL, of source: Source, configuration: PipelineConfiguration) {
            do {
                let reader = try FormReader(source: source, configuration: configuration)
                _ = try reader.read(file: url, form: { _ in }, quarantine: { _ in })
                readable[source.name, default: []].append(url)
                if let columns = ExportColumns.inspect(file: url, source: source, configuration: configuration) {
                    var fileWarnings = columns.questionWarnings
                    if !columns.unmapped.isEmpty {
                        fileWarnings.append(
                            "columns read by nothing: " + columns.unmapped.map { "'\($0)'" }.joined(separator: ", "))
                    }
                    warnings[url] = fileWarnings
                }
            } catch {
                errors[url] = "\(error)"
                if !source.isOptional { problems.append("\(error)") }
            }
        }
    }

    /// The configuration's first lines: instruments, registry, waves and its warnings.
    private func overview(_ configuration: PipelineConfiguration) -> [String] {
        var lines = ["Configuration \(configurationFile.path): valid."]
        lines.append("  instruments: " + configuration.instruments.keys.sorted().joined(separator: ", "))
        lines.append(
            "  registry: \(configuration.registry.partnerships.count) partnerships, "
                + "\(configuration.registry.schools.count) schools, \(configuration.registry.roster.count) wpbs on the roster")
        let waves =
            configuration.waves.isEmpty
            ? "one per school year (1 August – 31 July)"
            : configuration.waves.map { "\($0.id) (\($0.start) – \($0.end))" }.joined(separator: ", ")
        lines.append("  waves: \(waves)")
        lines += configuration.warnings.map { "  warning: \($0)" }
        return lines
    }

    /// One source's lines: its problems, per file what a run would use and quarantine, and what it yields.
    private func sourceLines(
        _ entry: SourceInventory.Entry, files: FileChecks, ingest: IngestResult, yield: SourceYield,
        configuration: PipelineConfiguration
    ) -> [String] {
        let optional = entry.source.isOptional ? " (optional)" : ""
        var lines = ["Source \(entry.source.name) → instrument \(entry.source.instrument)\(optional)"]
        for problem in entry.problems { lines.append("  \(entry.source.isOptional ? "note" : "error"): \(problem)") }
        for url in entry.files {
            if let error = files.errors[url] {
                lines.append("  error: \(error)")
                continue
            }
            guard
                let file = ingest.files.first(where: {
                    $0.source == entry.source.name && configuration.resolve(path: $0.path) == url.standardizedFileURL
                })
            else { continue }
            lines += fileLines(file, quarantine: ingest.quarantine, warnings: files.warnings[url] ?? [])
        }
        if let counted = yield.entries.first(where: { $0.source.name == entry.source.name }), counted.files > 0 {
            lines.append(
                "  → \(counted.usable) of \(counted.rowsRead) rows usable"
                    + (counted.usable == 0
                        ? (entry.source.isOptional ? " (optional: skipped)" : ": a run would stop here") : ""))
        }
        return lines
    }

    /// One file's lines: its dialect, rows used and quarantined (by reason) and its warnings.
    private func fileLines(_ file: InputFileSummary, quarantine: [QuarantineRecord], warnings: [String]) -> [String] {
        var lines = ["  \(file.path): \(file.dialect)"]
        lines.append("    \(file.rowsRead) rows: \(file.rowsUsed) would be used, \(file.rowsQuarantined) quarantined")
        var reasons: [QuarantineReason: Int] = [:]
        for record in quarantine where record.origin.file == file.path { reasons[record.reason, default: 0] += 1 }
        for (reason, count) in reasons.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            lines.append("      \(reason.rawValue): \(count)\(reason.needsAction ? " (needs action)" : "")")
        }
        for warning in warnings { lines.append("    warning: \(warning)") }
        return lines
    }

    /// The last lines and the exit status: the problems that stop the job, or what a run would use and the alarms it
    /// would raise tonight (against the run `latest` names).
    private func verdict(
        lines: [String], problems: [String], ingest: IngestResult, configuration: PipelineConfiguration
    ) -> Outcome {
        var lines = lines
        guard problems.isEmpty else {
            lines.append("The job cannot run: \(problems.count) problem\(problems.count == 1 ? "" : "s"):")
            lines += problems.map { "  - \($0)" }
            return Outcome(status: .inputError, text: lines.joined(separator: "\n"))
        }
        let action = ingest.quarantine.filter(\.reason.needsAction).count
        lines.append(
            "The job can run: \(ingest.table.count) forms would be used, \(ingest.quarantine.count) rows quarantined"
                + " (\(action) needing action).")
        let publisher = RunPublisher(outputFolder: configuration.output.folder, keepRuns: configuration.output.keepRuns)
        let alarms = NightAlarm.evaluate(
            configuration: configuration, ingest: ingest, day: Day(dutchDayOf: Date()),
            previousInputs: publisher.latestInputs())
        if !alarms.isEmpty {
            lines.append("A run would raise the ALARM and keep the night aside:")
            lines += alarms.map { "  - \($0.message)" }
        }
        let status: ExitStatus =
            !alarms.isEmpty ? .alarm : (action > 0 || !configuration.warnings.isEmpty ? .actionNeeded : .success)
        return Outcome(status: status, text: lines.joined(separator: "\n"))
    }
}
