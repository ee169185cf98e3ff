import Foundation

/// What an export's header and a source's mapping leave unconnected: export columns no mapping uses, and
/// open questions (feed-forward comments) no column supplies. Items without a column already stop a file
/// (``IngestError/itemColumnsNotFound(file:source:items:)``); comments missing would be lost silently.
struct ExportColumns {
    /// Header texts of columns nothing reads, in file order.
    var unmapped: [String]
    /// One sentence per open question without a column, saying why and what to do.
    var questionWarnings: [String]

    /// `nil` when the file cannot be read or its mapping fails: the ingest reports that itself.
    static func inspect(file: URL, source: Source, configuration: PipelineConfiguration) -> ExportColumns? {
        guard let instrument = configuration.instruments[source.instrument],
            let reader = try? ExportReader.open(file, overrides: source.dialect)
        else { return nil }
        var header: [String]?
        try? reader.forEachRecord { record in
            header = record.fields
            return false
        }
        guard let header,
            let columns = try? FormColumns.resolve(
                header: header, mapping: source.columns, instrument: instrument,
                file: file.path, source: source.name)
        else { return nil }
        var used = Set([columns.respondent, columns.submittedAt] + columns.items + columns.openQuestions.compactMap { $0 })
        if let subject = columns.subject { used.insert(subject) }
        if let school = columns.school { used.insert(school) }
        let unmapped = header.indices.filter { !used.contains($0) }.map { header[$0] }

        let warnings = questionWarnings(
            columns: columns, instrument: instrument, source: source.name, fileName: file.lastPathComponent)
        return ExportColumns(unmapped: unmapped, questionWarnings: warnings)
    }

    /// One sentence per open question of `instrument` that `columns` leaves without a column, naming the file
    /// and the source, saying why and what to do. Ingest takes these from the header it reads anyway.
    static func questionWarnings(columns: FormColumns, instrument: Instrument, source: String, fileName: String) -> [String] {
        var warnings: [String] = []
        for (question, column) in zip(instrument.openQuestions, columns.openQuestions) where column == nil {
            let why =
                columns.ambiguousOpenQuestions[question.id].map {
                    "several columns match it (\($0.map(String.init).joined(separator: ", ")))"
                } ?? "no column header is its code or its text"
            warnings.append(
                "\(fileName): open question \(question.id) of source '\(source)' is not read: \(why), so its comments "
                    + "are left out. Map it under `columns.open_questions: {\(question.id): {position: N}}` in Pipeline.yml.")
        }
        return warnings
    }
}
