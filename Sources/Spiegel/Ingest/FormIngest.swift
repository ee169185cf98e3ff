import Foundation

/// Everything the ingest produced: the forms the analysis uses, every row it does not use, and
/// one summary per file.
public struct IngestResult: Sendable {
    /// Duplicates resolved, in input order (file order, then line).
    public var forms: [Form]
    /// Sorted by file order, then line.
    public var quarantine: [QuarantineRecord]
    /// In file order; rows read = rows used + rows quarantined (superseded rows count as quarantined).
    public var files: [InputFileSummary]

    public init(forms: [Form] = [], quarantine: [QuarantineRecord] = [], files: [InputFileSummary] = []) {
        self.forms = forms
        self.quarantine = quarantine
        self.files = files
    }
}

/// Reads all sources of a configuration and resolves duplicates (SPEC §4.3): of the forms with the
/// same respondent, instrument, subject and wave the latest submission counts; on equal times the
/// later row of the later file. The others are quarantined as *superseded*, naming the winner.
public struct FormIngest {
    public let configuration: PipelineConfiguration
    /// Source name → its files, in the order they count as "later" (the configuration's glob order).
    public let files: [String: [URL]]

    /// - Parameter files: the files per source name; sources are read in configuration order.
    public init(configuration: PipelineConfiguration, files: [String: [URL]]) {
        self.configuration = configuration
        self.files = files
    }

    /// Reads every file.
    /// - Throws: ``IngestError`` for a file that cannot be read at all, naming the file and what to do.
    public func run() throws -> IngestResult {
        var inputs: [(url: URL, path: String, reader: FormReader)] = []
        for source in configuration.sources {
            let reader = try FormReader(source: source, configuration: configuration)
            for url in files[source.name] ?? [] { inputs.append((url, relativePath(url), reader)) }
        }

        var forms: [Form] = []
        var superseded: [Bool] = []
        var winners: [DuplicateKey: Int] = [:]
        var quarantine: [QuarantineRecord] = []
        var summaries: [InputFileSummary] = []
        /// Per file order: line of a superseded row → the origin and time of the form that won.
        var losers: [Int: [Int: Form]] = [:]

        for (fileOrder, input) in inputs.enumerated() {
            let summary = try input.reader.read(file: input.url, path: input.path, fileOrder: fileOrder, form: { form in
                let key = DuplicateKey(form)
                let index = forms.count
                forms.append(form)
                superseded.append(false)
                guard let previous = winners[key] else {
                    winners[key] = index
                    return
                }
                // Inputs arrive in (file order, line) order, so on equal times the newcomer is the later row.
                let newcomerWins = form.submittedAt >= forms[previous].submittedAt
                let loser = newcomerWins ? previous : index
                superseded[loser] = true
                if newcomerWins { winners[key] = index }
            }, quarantine: { quarantine.append($0) })
            summaries.append(summary)
        }

        let timestamps = ISO8601DateFormatter()
        timestamps.timeZone = TimeZone(identifier: PipelineConfiguration.Defaults.timeZone)
        // Who beat whom is only final after the last file: a loser's winner is the key's final winner.
        for index in forms.indices where superseded[index] {
            let form = forms[index]
            losers[form.origin.fileOrder, default: [:]][form.origin.line] = forms[winners[DuplicateKey(form)] ?? index]
        }
        winners = [:]
        // Compacted in place: a national run holds a million forms, and a second array would double that.
        var kept = 0
        for index in forms.indices where !superseded[index] {
            if kept != index { forms.swapAt(kept, index) }
            kept += 1
        }
        forms.removeSubrange(kept...)
        let used = forms
        forms = []

        for (fileOrder, lines) in losers {
            let input = inputs[fileOrder]
            let raw = try rawRecords(of: input.url, lines: Set(lines.keys), overrides: input.reader.source.dialect)
            for (line, winner) in lines {
                quarantine.append(QuarantineRecord(
                    origin: RowOrigin(file: input.path, line: line, fileOrder: fileOrder), reason: .superseded,
                    message: "Superseded by \(winner.origin) (submitted \(timestamps.string(from: winner.submittedAt))): the same "
                        + "respondent, instrument, subject and wave; the latest submission counts.",
                    rawRecord: raw[line] ?? ""))
            }
            summaries[fileOrder].rowsUsed -= lines.count
            summaries[fileOrder].rowsQuarantined += lines.count
        }
        quarantine.sort { $0.origin < $1.origin }
        return IngestResult(forms: used, quarantine: quarantine, files: summaries)
    }

    /// The raw text of the records starting on `lines`, read again (kept out of memory until needed).
    private func rawRecords(of url: URL, lines: Set<Int>, overrides: DialectOverrides) throws -> [Int: String] {
        var raw: [Int: String] = [:]
        let reader = try CSVReader(url: url, overrides: overrides)
        reader.forEachRecord { record in
            if lines.contains(record.line) { raw[record.line] = record.rawText }
            return raw.count < lines.count
        }
        return raw
    }

    /// `url`'s path relative to the configuration's folder when it lies inside it.
    private func relativePath(_ url: URL) -> String {
        let folder = configuration.file.deletingLastPathComponent().standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return path.hasPrefix(folder + "/") ? String(path.dropFirst(folder.count + 1)) : path
    }

    /// What makes two forms duplicates (SPEC §4.3).
    struct DuplicateKey: Hashable {
        var instrument: String
        var respondent: String
        var subject: String
        var wave: String
        init(_ form: Form) {
            instrument = form.instrument
            respondent = form.respondent
            subject = form.subject
            wave = form.wave
        }
    }
}
