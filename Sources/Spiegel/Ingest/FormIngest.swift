import Foundation

/// Everything the ingest produced: the forms the analysis uses, every row it does not use, and
/// one summary per file.
struct IngestResult: Sendable {
    /// Duplicates resolved, in input order (file order, then line), column by column.
    var table: FormTable
    /// Sorted by file order, then line.
    var quarantine: [QuarantineRecord]
    /// In file order; rows read = rows used + rows quarantined (superseded rows count as quarantined).
    var files: [InputFileSummary]
    /// In file order: open questions an export's header supplies no column for (``ExportColumns``), for the run's warnings.
    var questionWarnings: [String] = []

    init(table: FormTable = FormTable(), quarantine: [QuarantineRecord] = [], files: [InputFileSummary] = []) {
        self.table = table
        self.quarantine = quarantine
        self.files = files
    }

    /// The forms as values, for tests and small inputs; the run's stages read ``table``.
    var forms: [Form] { Array(table) }
}

/// Reads all sources of a configuration and resolves duplicates (docs/analysis.md §3): of the forms with the
/// same respondent, instrument, subject and wave the latest submission counts; on equal times the
/// later row of the later file. The others are quarantined as *superseded*, naming the winner.
struct FormIngest {
    let configuration: PipelineConfiguration
    /// Source name → its files, in the order they count as "later" (the configuration's glob order).
    let files: [String: [URL]]
    /// Whether the forms keep their free-text answers; a run turns this off when neither `comments.csv` nor personal
    /// workbooks show them. Rows are read and counted the same either way.
    var keepsComments = true

    /// - Parameter files: the files per source name; sources are read in configuration order.
    init(configuration: PipelineConfiguration, files: [String: [URL]]) {
        self.configuration = configuration
        self.files = files
    }

    /// Reads the files each source's path or glob names (``PipelineConfiguration/files(for:)``).
    init(configuration: PipelineConfiguration) {
        var files: [String: [URL]] = [:]
        for source in configuration.sources { files[source.name] = configuration.files(for: source) }
        self.init(configuration: configuration, files: files)
    }

    /// Reads every file.
    /// - Throws: ``IngestError`` for a file that cannot be read at all, naming the file and what to do.
    func run() throws -> IngestResult {
        var inputs: [(url: URL, path: String, source: Source)] = []
        let schools = SchoolDirectory(registry: configuration.registry)
        for source in configuration.sources {
            // Configuration errors before any file is read.
            _ = try FormReader(source: source, configuration: configuration, schools: schools)
            for url in files[source.name] ?? [] { inputs.append((url, relativePath(url), source)) }
        }
        var readings = try readInParallel(inputs, schools: schools)
        var merged = merge(&readings)
        // Who beat whom is only final after the last file: a loser's winner is the key's final winner.
        var losers: [Int: [Int: (winner: Int, span: Range<Int>)]] = [:]
        for row in merged.table.rows where merged.superseded[row] {
            let origin = merged.table.origin(row)
            losers[origin.fileOrder, default: [:]][origin.line] = (
                merged.winners[DuplicateKey(merged.table, row: row)] ?? row, merged.spans[row]
            )
        }
        merged.winners = [:]
        merged.spans = []
        for (fileOrder, lines) in losers {
            try quarantineSuperseded(lines, of: inputs[fileOrder], fileOrder: fileOrder, in: &merged, readings: readings)
        }
        merged.table.keepRows(merged.superseded.map { !$0 })
        merged.quarantine.sort { $0.origin < $1.origin }
        var result = IngestResult(table: merged.table, quarantine: merged.quarantine, files: merged.summaries)
        result.questionWarnings = merged.questionWarnings
        return result
    }

    /// Every file's forms in one table, each row marked where a later submission of its key supersedes it.
    private struct Merged {
        var table = FormTable()
        var superseded: [Bool] = []
        /// Per duplicate key, the row that wins so far.
        var winners: [DuplicateKey: Int] = [:]
        /// Per row, parallel to `table`: its record's span in its file's text (empty when the file has no locator).
        var spans: [Range<Int>] = []
        var quarantine: [QuarantineRecord] = []
        var summaries: [InputFileSummary] = []
        var questionWarnings: [String] = []
    }

    /// Appends the files' tables in input order, resolving duplicates in (file order, line) order exactly as a
    /// sequential read would see them; each file's table is released once copied, so it is not held twice.
    private func merge(_ readings: inout [FormReader.FileResult]) -> Merged {
        var merged = Merged()
        let forms = readings.reduce(0) { $0 + $1.table.count }
        merged.table.reserveCapacity(forms: forms, scoreBytes: readings.reduce(0) { $0 + $1.table.scoreBytes.count })
        merged.winners.reserveCapacity(forms)
        for fileOrder in readings.indices {
            let added = merged.table.append(contentsOf: readings[fileOrder].table, keepingComments: keepsComments)
            let fileSpans = readings[fileOrder].recordSpans
            readings[fileOrder].table = FormTable()
            readings[fileOrder].recordSpans = []
            for row in added {
                let position = row - added.lowerBound
                merged.spans.append(position < fileSpans.count ? fileSpans[position] : 0..<0)
                merged.superseded.append(false)
                let key = DuplicateKey(merged.table, row: row)
                guard let previous = merged.winners[key] else {
                    merged.winners[key] = row
                    continue
                }
                // Inputs arrive in (file order, line) order, so on equal times the newcomer is the later row.
                let newcomerWins = merged.table.submittedAt[row] >= merged.table.submittedAt[previous]
                merged.superseded[newcomerWins ? previous : row] = true
                if newcomerWins { merged.winners[key] = row }
            }
            merged.quarantine.append(contentsOf: readings[fileOrder].quarantine)
            merged.summaries.append(readings[fileOrder].summary)
            merged.questionWarnings += readings[fileOrder].questionWarnings
        }
        return merged
    }

    /// Quarantines one file's superseded rows (`lines`: line → its winner and its record's span) with their raw
    /// text and the winner they lost to, and moves them from used to quarantined in the file's summary.
    private func quarantineSuperseded(
        _ lines: [Int: (winner: Int, span: Range<Int>)], of input: (url: URL, path: String, source: Source),
        fileOrder: Int, in merged: inout Merged, readings: [FormReader.FileResult]
    ) throws {
        let timestamps = ISO8601DateFormatter()
        timestamps.timeZone = TimeZone(identifier: PipelineConfiguration.Defaults.timeZone)
        let raw = try rawRecords(
            of: input.url, spans: lines.mapValues(\.span), locator: readings[fileOrder].locator,
            overrides: input.source.dialect, sha256: merged.summaries[fileOrder].sha256)
        for (line, (winner, _)) in lines {
            let submitted = timestamps.string(from: merged.table.submittedAt[winner])
            merged.quarantine.append(
                QuarantineRecord(
                    origin: RowOrigin(file: input.path, line: line, fileOrder: fileOrder), reason: .superseded,
                    message: "Superseded by \(merged.table.origin(winner)) (submitted \(submitted)): "
                        + "the same respondent, instrument, subject and wave; the latest submission counts.",
                    rawRecord: raw[line] ?? ""))
        }
        merged.summaries[fileOrder].rowsUsed -= lines.count
        merged.summaries[fileOrder].rowsQuarantined += lines.count
    }

    /// Reads every input file, as many at a time as the machine has cores (`concurrentPerform`), into one ``FormReader/FileResult`` per file in input order.
    ///
    /// Files are independent until duplicates are resolved, so they are parsed in parallel (each with
    /// its own reader: the date parser keeps a cache); the first failing file in input order is thrown,
    /// as a sequential read would. The results are in input order whatever the schedule.
    private func readInParallel(
        _ inputs: [(url: URL, path: String, source: Source)], schools: SchoolDirectory
    ) throws -> [FormReader.FileResult] {
        let configuration = configuration
        // Largest files first, so one long file does not end up alone at the tail.
        let sizes = inputs.map { (try? $0.url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0 }
        let order = inputs.indices.sorted { a, b in sizes[a] != sizes[b] ? sizes[a] > sizes[b] : a < b }
        return try concurrentMap(count: inputs.count, startingWith: order) { index in
            let input = inputs[index]
            return Result {
                try FormReader(source: input.source, configuration: configuration, schools: schools)
                    .read(file: input.url, path: input.path, fileOrder: index)
            }
        }.map { try $0.get() }
    }

    /// The raw text of the records starting on the lines of `spans`, kept out of memory until needed.
    ///
    /// A UTF-8 file is read back only at the rows' spans (``RawRecordLocator``); a transcoded file or a
    /// workbook is read again. When the file is no longer the one read (its stamp or SHA-256 differs), the
    /// raw text would be someone else's row: it is left empty and says so.
    private func rawRecords(
        of url: URL, spans: [Int: Range<Int>], locator: RawRecordLocator?, overrides: DialectOverrides, sha256: String
    ) throws -> [Int: String] {
        let changed = { Dictionary(uniqueKeysWithValues: spans.keys.map { ($0, "(the file changed after it was read)") }) }
        if let locator { return locator.rawTexts(spans) ?? changed() }
        var raw: [Int: String] = [:]
        let reader = try ExportReader.open(url, overrides: overrides)
        guard reader.sha256 == sha256 else { return changed() }
        try reader.forEachRecord { record in
            if spans[record.line] != nil { raw[record.line] = record.rawText }
            return raw.count < spans.count
        }
        return raw
    }

    /// `url`'s path relative to the configuration's folder when it lies inside it.
    private func relativePath(_ url: URL) -> String {
        let folder = configuration.file.deletingLastPathComponent().standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return path.hasPrefix(folder + "/") ? String(path.dropFirst(folder.count + 1)) : path
    }

    /// What makes two forms duplicates (docs/analysis.md §3).
    struct DuplicateKey: Hashable {
        var instrument: InstrumentNumber
        var respondent: PersonID
        var subject: PersonID
        var wave: WaveNumber
        init(_ table: FormTable, row: Int) {
            instrument = table.instrument[row]
            respondent = table.respondent[row]
            subject = table.subject[row]
            wave = table.wave[row]
        }
    }
}
