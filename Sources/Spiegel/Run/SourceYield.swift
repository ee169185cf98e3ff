/// How many rows each source gives the analysis, and which sources give none at all.
///
/// A usable row is one that was used, or superseded by a later submission of the same form (so the form
/// itself counts). A required source whose files hold no usable row stops the run: a whole source lost
/// must never look like a routine night (docs/operations.md, "Exit codes").
struct SourceYield {
    struct Entry {
        var source: Source
        var files: Int
        var rowsRead = 0
        var usable = 0
        /// Quarantine reason → rows, for the message.
        var reasons: [QuarantineReason: Int] = [:]
    }

    let entries: [Entry]

    init(configuration: PipelineConfiguration, ingest: IngestResult) {
        var bySource: [String: Entry] = [:]
        var sourceOfFile: [String: String] = [:]
        for source in configuration.sources { bySource[source.name] = Entry(source: source, files: 0) }
        for file in ingest.files {
            sourceOfFile[file.path] = file.source
            bySource[file.source]?.files += 1
            bySource[file.source]?.rowsRead += file.rowsRead
            bySource[file.source]?.usable += file.rowsUsed
        }
        for record in ingest.quarantine {
            guard let source = sourceOfFile[record.origin.file] else { continue }
            bySource[source]?.reasons[record.reason, default: 0] += 1
            if record.reason == .superseded { bySource[source]?.usable += 1 }
        }
        entries = configuration.sources.compactMap { bySource[$0.name] }
    }

    /// One sentence per source with files but no usable row, naming the reasons and what to do.
    func problems(optional: Bool) -> [String] {
        entries.filter { $0.source.isOptional == optional && $0.files > 0 && $0.usable == 0 }.map { entry in
            let reasons = entry.reasons.sorted {
                $0.value > $1.value || ($0.value == $1.value && $0.key.rawValue < $1.key.rawValue)
            }
            .map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
            let files = entry.files == 1 ? "its file" : "its \(entry.files) files"
            let detail =
                entry.rowsRead == 0
                ? "\(files) hold no data rows"
                : "none of the \(entry.rowsRead) rows in \(files) can be used (\(reasons))"
            return "source '\(entry.source.name)': \(detail). See quarantine reasons with `spiegel check`"
                + (entry.source.isOptional ? "." : "; mark the source `optional: true` if it may be empty.")
        }
    }

    var blockingProblems: [String] { problems(optional: false) }
    var notes: [String] { problems(optional: true).map { $0 + " (optional source)" } }
}
