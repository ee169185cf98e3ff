import Crypto
import Foundation

/// Reads the export files of one source into ``Form``s, and every row it cannot use into a
/// ``QuarantineRecord`` with a reason (docs/configuration.md; docs/operations.md).
///
/// Each data row ends up in exactly one of the two, so per file rows read = rows used + rows
/// quarantined. Duplicates across rows are not resolved here; ``FormIngest`` does that over all files.
struct FormReader {
    let source: Source
    let instrument: Instrument
    let role: Role
    let waves: [Wave]
    let answers: AnswerMapper
    let dates: SubmissionDateParser
    /// How an XLSX date cell is written (``ExcelDate``), tried after the source's formats.
    let workbookDates = SubmissionDateParser(formats: ["yyyy-MM-dd HH:mm:ss"])
    let schools: SchoolDirectory

    /// What one file gave.
    struct FileResult: Sendable {
        var table: FormTable
        var quarantine: [QuarantineRecord]
        var summary: InputFileSummary
        /// Each form's record as offset and length in the text, parallel to ``table``; empty without a ``locator``.
        var recordSpans: [Range<Int>] = []
        /// Where those spans can be read back; `nil` when records are found only by reading the file again.
        var locator: RawRecordLocator?
        /// Open questions no column supplies (``ExportColumns/questionWarnings``), from the header read.
        var questionWarnings: [String] = []

        /// The forms as values, for tests and small inputs.
        var forms: [Form] { Array(table) }
    }

    /// What a reading pass learnt about the file besides its rows.
    struct FileFacts {
        var summary: InputFileSummary
        var locator: RawRecordLocator?
        var questionWarnings: [String]
    }

    /// Checks what can be checked without a file: the instrument, the role, where subjects and schools come from.
    init(source: Source, configuration: PipelineConfiguration) throws(IngestError) {
        try self.init(source: source, configuration: configuration, schools: SchoolDirectory(registry: configuration.registry))
    }

    /// With the registry's lookups already built: a national registry has 20,000 wpbs, and ingest
    /// makes a reader per file.
    init(source: Source, configuration: PipelineConfiguration, schools: SchoolDirectory) throws(IngestError) {
        guard let instrument = configuration.instruments[source.instrument] else {
            throw .unknownInstrument(source: source.name, instrument: source.instrument)
        }
        guard let role = source.role ?? (instrument.roles.count == 1 ? instrument.roles[0] : nil) else {
            throw .roleNotGiven(source: source.name, instrument: instrument.id, roles: instrument.roles)
        }
        let columns = source.columns
        switch instrument.subjectKind {
        case .supervisor:
            if columns.subject == nil && role != .selfAssessment { throw .noSubjectColumn(source: source.name, role: role) }
            if columns.school == nil && !configuration.registry.hasRoster { throw .noSchoolColumn(source: source.name) }
        case .school:
            if columns.school == nil && columns.subject == nil { throw .noSchoolColumn(source: source.name) }
        }
        self.source = source
        self.instrument = instrument
        self.role = role
        waves = configuration.waves
        answers = AnswerMapper(scale: instrument.scale, extraLabels: source.answerLabels, codes: source.answerCodes)
        dates = SubmissionDateParser(
            formats: source.dateFormats.isEmpty
                ? PipelineConfiguration.Defaults.dateFormats
                : source.dateFormats)
        self.schools = schools
    }

    /// Reads `file`, handing out forms and quarantined rows as they are read (memory stays flat).
    ///
    /// - Parameters:
    ///   - path: the name used in forms, quarantine and summary (relative to the configuration); the file's path by default.
    ///   - fileOrder: the file's position among all inputs (for "later file" in duplicates).
    /// - Throws: ``IngestError`` when the file cannot be read at all (unreadable, empty, a mapped column missing).
    func read(
        file: URL, path: String? = nil, fileOrder: Int = 0, form onForm: (Form) throws -> Void,
        quarantine onQuarantine: (QuarantineRecord) throws -> Void
    ) throws -> InputFileSummary {
        try readFacts(
            file: file, path: path, fileOrder: fileOrder, form: { form, _ in try onForm(form) }, quarantine: onQuarantine
        ).summary
    }

    /// ``read(file:path:fileOrder:form:quarantine:)`` in the one pass ingest makes: each form comes with its
    /// record's span in the text (``CSVRecord/textOffset``), and the header's open-question warnings come back.
    func readFacts(
        file: URL, path: String? = nil, fileOrder: Int = 0, form onForm: (Form, Range<Int>) throws -> Void,
        quarantine onQuarantine: (QuarantineRecord) throws -> Void
    ) throws -> FileFacts {
        let path = path ?? file.path
        let reader = try ExportReader.open(file, overrides: source.dialect)
        let headerRows = reader.headerRows
        let sheet = reader.sheet
        var header: [String]?
        var columns: FormColumns?
        var recordIndex = 0
        var rowsRead = 0, rowsUsed = 0, rowsQuarantined = 0
        var controlCharactersRemoved = 0
        var failure: Error?
        let checkEncoding = reader.containsInvalidUTF8
        // One origin per file, its line changed per record: the file name is worked out once.
        var origin = RowOrigin(file: path, line: 0, fileOrder: fileOrder)
        var suggestionsLeft = SchoolDirectory.suggestionsPerFile
        // Item columns not found in a file whose encoding was guessed: the guess may have garbled the header.
        func resolveColumns(_ header: [String]) throws(IngestError) -> FormColumns {
            do {
                return try FormColumns.resolve(
                    header: header, mapping: source.columns, instrument: instrument, file: path,
                    source: source.name, notAsked: source.itemsNotAsked)
            } catch .itemColumnsNotFound(let file, let source, let items, nil) {
                throw .itemColumnsNotFound(file: file, source: source, items: items, encoding: reader.guessedSingleByteEncoding)
            }
        }
        try reader.forEachRecord { record in
            defer { recordIndex += 1 }
            if recordIndex < headerRows {
                if recordIndex == 0 { header = record.fields }
                return true
            }
            do {
                if columns == nil { columns = try resolveColumns(header ?? []) }
                rowsRead += 1
                origin.line = record.line
                switch form(
                    from: record, columns: columns!, header: header ?? [], checkEncoding: checkEncoding,
                    origin: origin, sheet: sheet, controlCharactersRemoved: &controlCharactersRemoved,
                    suggestionsLeft: &suggestionsLeft)
                {
                case .success(let form):
                    rowsUsed += 1
                    try onForm(form, record.textOffset..<(record.textOffset + record.byteRange.count))
                case .failure(let rejection):
                    rowsQuarantined += 1
                    try onQuarantine(
                        QuarantineRecord(
                            origin: origin, reason: rejection.reason, message: rejection.message,
                            rawRecord: record.rawText, hint: rejection.hint))
                }
                return true
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
        guard let header else { throw IngestError.emptyFile(file: path) }
        // A file with a header and no data rows still has to match its mapping.
        let resolved = try columns ?? resolveColumns(header)
        let summary = InputFileSummary(
            path: path, source: source.name, instrument: instrument.id, size: reader.size, sha256: reader.sha256,
            dialect: reader.dialectDescription, rowsRead: rowsRead, rowsUsed: rowsUsed,
            rowsQuarantined: rowsQuarantined, controlCharactersRemoved: controlCharactersRemoved,
            notes: reader.notes)
        return FileFacts(
            summary: summary, locator: reader.rawRecordLocator,
            questionWarnings: ExportColumns.questionWarnings(
                columns: resolved, instrument: instrument, source: source.name, fileName: file.lastPathComponent))
    }

    /// Reads `file` and collects the result.
    ///
    /// A file that changes while it is read (a sync client still writing) is read again, up to
    /// ``changedFileAttempts`` times half a second apart, so the result is one consistent snapshot.
    func read(file: URL, path: String? = nil, fileOrder: Int = 0) throws -> FileResult {
        var attempt = 1
        while true {
            var table = FormTable()
            var spans: [Range<Int>] = []
            var quarantine: [QuarantineRecord] = []
            do {
                let facts = try readFacts(
                    file: file, path: path, fileOrder: fileOrder,
                    form: { form, span in
                        table.append(form)
                        spans.append(span)
                    },
                    quarantine: { quarantine.append($0) })
                return FileResult(
                    table: table, quarantine: quarantine, summary: facts.summary,
                    recordSpans: facts.locator == nil ? [] : spans, locator: facts.locator,
                    questionWarnings: facts.questionWarnings)
            } catch IngestError.fileChanged(let changed) where attempt < Self.changedFileAttempts {
                _ = changed
                attempt += 1
                Thread.sleep(forTimeInterval: 0.5)
            }
        }
    }

    /// How often a file that keeps changing is tried before the run gives up on it.
    static let changedFileAttempts = 3
}
