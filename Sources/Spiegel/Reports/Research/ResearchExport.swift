import Foundation

/// Writes the researcher files (docs/operations.md, "Where the outputs go") into a folder of their own: tidy CSV with pseudonyms, a codebook and a
/// Frictionless `datapackage.json`.
///
/// ```
/// research/
///   forms.csv            one row per form: form_id (1, 2, 3, …), source, instrument, wave, role, pseudonyms, …
///   responses.csv        one row per form × item: form_id, item, score (streamed: a million forms never sit in
///                        memory as text)
///   items.csv            one row per instrument × item: position, area, wording, mirrored self-scan item
///   subject_scores.csv   one row per wpb × wave × area
///   aggregates.csv       one row per level × unit × wave × area × measure; small groups without numbers
///   comments.csv         free text, only with Options.includeFreeText; e-mail addresses and phone numbers masked
///   waves.csv            one row per wave: id, label, first and last day
///   areas.csv            one row per area: scope, position, name, short name
///   scale_labels.csv     the answer labels per instrument, and per source where the export showed others
///   school_scores.csv    one row per school × wave × condition of the training-school scan
///   subject_wide.csv     one row per wpb × wave, a column per area × measure, SPSS-safe names
///   subject_wide.sps     SPSS syntax reading subject_wide.csv with variable and value labels
///   spiegel.R            read_spiegel(folder): every table with types, factors and labels, in base R
///   README.md            which release profile this is (research, restricted): no suppression in microdata
///   codebook.csv         every column of every file, in Dutch and English
///   datapackage.json     Frictionless Data Package v1, a Table Schema per file
///   excel/               only with Options.excelFriendlyCopy: the CSV files with `;`, BOM, `,` decimals, and
///                        formulas neutralised, for Dutch Excel; the files above stay as specified
/// ```
///
/// The tables are normalised, one per kind of observational unit: a form's attributes sit once in `forms.csv`,
/// its answers in `responses.csv` refer to it by `form_id`, and an item's area and wording sit once in `items.csv`
/// (joined on `forms.instrument` and `responses.item`). Format 1.0.0 repeated every form column on every item
/// row, which made a ten-year `responses.csv` 4.6 GB; `docs/research-data.md` shows the joins in R, pandas and
/// DuckDB.
///
/// No names, e-mail addresses or school names are written: people and subjects appear as pseudonyms
/// (``Pseudonymizer``), schools and partnerships by registry id.
struct ResearchExport: Sendable {
    /// The version of the file format, recorded in `datapackage.json`. Bump the major version when a column's
    /// name or meaning changes or one is removed; the minor version when columns or files are added.
    static let formatVersion = "3.0.0"

    /// What is written besides the standard files.
    struct Options: Sendable, Equatable {
        /// Also write `comments.csv`; off because comments can name people.
        var includeFreeText: Bool
        /// Also write `excel/` with copies for Dutch Excel.
        var excelFriendlyCopy: Bool

        init(includeFreeText: Bool = false, excelFriendlyCopy: Bool = false) {
            self.includeFreeText = includeFreeText
            self.excelFriendlyCopy = excelFriendlyCopy
        }

        /// The options `Pipeline.yml` chose.
        init(_ output: PipelineConfiguration.Output) {
            self.init(includeFreeText: output.includeFreeText, excelFriendlyCopy: output.excelFriendlyCSV)
        }
    }

    /// The subfolder holding the Excel-friendly copies.
    static let excelFolder = "excel"

    var instruments: [String: Instrument]
    var registry: Registry
    var pseudonymizer: Pseudonymizer
    var options: Options
    /// The exports read, for the answer labels they showed (`scale_labels.csv`).
    var sources: [Source]

    init(
        instruments: [String: Instrument], registry: Registry, pseudonymizer: Pseudonymizer,
        options: Options = Options(), sources: [Source] = []
    ) {
        self.instruments = instruments
        self.registry = registry
        self.pseudonymizer = pseudonymizer
        self.options = options
        self.sources = sources
    }

    /// An export as `Pipeline.yml` configures it, with the key already loaded (``PseudonymKey/load(_:environment:)``).
    init(configuration: PipelineConfiguration, key: PseudonymKey) {
        self.init(
            instruments: configuration.instruments, registry: configuration.registry,
            pseudonymizer: Pseudonymizer(key: key), options: Options(configuration.output),
            sources: configuration.sources)
    }

    /// Writes every file into `folder`, which is created when absent and must otherwise be empty.
    ///
    /// - Parameters:
    ///   - result: the analysis of `forms`.
    ///   - forms: exactly the forms the analysis used, in a stable order; read once, front to back.
    /// - Returns: the written files' paths relative to `folder`, sorted (for the run manifest).
    @discardableResult
    func write<Forms: Sequence<Form>>(_ result: AnalysisResult, forms: Forms, to folder: URL) throws -> [String] {
        try writeResults(result, after: writeForms(FormTable(forms), to: folder), to: folder)
    }

    /// What ``writeForms(_:to:)`` wrote, for ``writeResults(_:after:to:)`` to finish the folder.
    struct FormFiles: Sendable {
        var written: [String]
        var seen: SeenValues
        /// The pseudonyms the forms needed, for the results to reuse rather than compute again.
        var pseudonyms: PseudonymTable
        /// E-mail addresses and phone numbers masked in `comments.csv` (``FreeTextMask``).
        var maskedInComments = 0
    }

    /// The first half of ``write(_:forms:to:)``: `forms.csv`, `responses.csv`, `items.csv` (and `comments.csv`),
    /// which need only the forms and the instruments, so a run can write them while the analysis is still computing.
    ///
    /// Pseudonyms are computed once per person of the table's directory and looked up by number (``PseudonymTable``).
    func writeForms(_ forms: FormTable, to folder: URL) throws -> FormFiles {
        try prepare(folder)
        var files = FormFiles(
            written: [], seen: SeenValues(),
            pseudonyms: PseudonymTable(pseudonymizer: pseudonymizer, directory: forms.people))
        // These tables' columns do not depend on the data.
        let schema = ResearchSchema(vocabulary: .empty, includeFreeText: options.includeFreeText)
        let items = try open("items", of: schema, in: folder, written: &files.written)
        try writeItems(to: items)
        try items.finish()

        let formTable = try open("forms", of: schema, in: folder, written: &files.written)
        let responses = try open("responses", of: schema, in: folder, written: &files.written)
        let comments: ResearchTableWriter? =
            try options.includeFreeText
            ? open("comments", of: schema, in: folder, written: &files.written) : nil
        try writeFormRows(
            forms, to: formTable, responses: responses, comments: comments, seen: &files.seen,
            pseudonyms: &files.pseudonyms, masked: &files.maskedInComments)
        try formTable.finish()
        try responses.finish()
        try comments?.finish()
        return files
    }

    /// The second half of ``write(_:forms:to:)``: the files that need the analysis, the codebook and the
    /// data package. Returns every written path, sorted.
    func writeResults(_ result: AnalysisResult, after formFiles: FormFiles, to folder: URL) throws -> [String] {
        var written = formFiles.written
        let areas = areaRows(result)
        let vocabulary = vocabulary(result, seen: formFiles.seen, areas: areas)
        let schema = ResearchSchema(vocabulary: vocabulary, includeFreeText: options.includeFreeText)
        func table(_ name: String, _ body: (ResearchTableWriter) throws -> Void) throws {
            let writer = try open(name, of: schema, in: folder, written: &written)
            try body(writer)
            try writer.finish()
        }
        var pseudonyms = formFiles.pseudonyms
        try table("subject_scores") { try writeSubjectScores(result, pseudonyms: &pseudonyms, to: $0) }
        try table("aggregates") { try writeAggregates(result, to: $0) }
        try table("waves") { try writeWaves(waveRows(result, seen: formFiles.seen), allWaves: vocabulary.waves, to: $0) }
        try table("areas") { try writeAreas(areas, allAreas: vocabulary.areas, to: $0) }
        try table("scale_labels") { try writeScaleLabels(to: $0) }
        try table("school_scores") { try writeSchoolScores(result, to: $0) }
        try table("subject_wide") {
            try writeSubjectWide(result, areas: vocabulary.supervisorAreas, pseudonyms: &pseudonyms, to: $0)
        }
        try table("codebook") { try schema.writeCodebook(to: $0) }

        try writeText(
            schema.spssSyntax(table: "subject_wide", vocabulary: vocabulary) ?? "", to: "subject_wide.sps",
            in: folder, written: &written)
        try writeText(schema.rScript(vocabulary: vocabulary), to: "spiegel.R", in: folder, written: &written)

        try schema.writeDataPackage(
            to: folder.appendingPathComponent("datapackage.json"),
            settings: result.settings, keyFingerprint: pseudonymizer.keyFingerprint)
        written.append("datapackage.json")
        try ProfileReadme.text(for: .researchRestricted, settings: result.settings)
            .write(to: folder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        written.append("README.md")
        return written.sorted()
    }

    /// A table writer for one of the schema's tables, recording the paths it will write.
    private func open(
        _ table: String, of schema: ResearchSchema, in folder: URL, written: inout [String]
    ) throws
        -> ResearchTableWriter
    {
        guard let columns = schema.table(table)?.columnNames else { throw ResearchExportError.unknownTable(table) }
        let writer = try ResearchTableWriter(
            folder: folder, file: table + ".csv", columns: columns,
            excelFolder: options.excelFriendlyCopy ? Self.excelFolder : nil)
        written += writer.relativePaths
        return writer
    }

    /// A script next to the tables (`.sps`, `.R`), in UTF-8.
    private func writeText(_ text: String, to file: String, in folder: URL, written: inout [String]) throws {
        let url = folder.appendingPathComponent(file)
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw ResearchExportError.cannotWriteScript(url.path, reason: error.localizedDescription)
        }
        written.append(file)
    }

    private func prepare(_ folder: URL) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ResearchExportError.notAFolder(folder.path) }
            let contents = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
            guard contents.isEmpty else { throw ResearchExportError.folderNotEmpty(folder.path) }
        }
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            if options.excelFriendlyCopy {
                try manager.createDirectory(
                    at: folder.appendingPathComponent(Self.excelFolder), withIntermediateDirectories: true)
            }
        } catch {
            throw ResearchExportError.cannotCreateFolder(folder.path, reason: error.localizedDescription)
        }
    }

    /// The values the codebook and the Table Schemas allow: what the configuration declares, plus what occurred
    /// (a form's wave or school is always in there, so validation can never fail on a value we wrote ourselves).
    private func vocabulary(_ result: AnalysisResult, seen: SeenValues, areas areaRows: [AreaRow]) -> ResearchSchema.Vocabulary {
        let all = instruments.values.sorted { $0.id < $1.id }
        var areas = Set(areaRows.map(\.area.id))
        var waves = Set(result.waves.map(\.id)).union(seen.waves)
        var schools = Set(registry.schools.map(\.id)).union(seen.schools)
        var partnerships = Set(registry.partnerships.map(\.id)).union(registry.schools.map(\.partnership))
        // A national result has over a million scores whose values repeat in runs: a value equal to the
        // previous one is already in its set, which saves hashing it again.
        var last: (area: String, wave: String, school: String, partnership: String) = ("", "", "", "")
        for score in result.subjectScores {
            if score.area != last.area {
                areas.insert(score.area)
                last.area = score.area
            }
            if score.wave != last.wave {
                waves.insert(score.wave)
                last.wave = score.wave
            }
            if score.school != last.school {
                schools.insert(score.school)
                last.school = score.school
            }
            if score.partnership != last.partnership, !score.partnership.isEmpty {
                partnerships.insert(score.partnership)
                last.partnership = score.partnership
            }
        }
        for aggregate in result.aggregates {
            areas.insert(aggregate.area)
            waves.insert(aggregate.wave)
            switch aggregate.level {
            case .school: schools.insert(aggregate.unit)
            case .partnership: partnerships.insert(aggregate.unit)
            }
        }
        let scales = Set(all.map(\.scale))
        let minimum = all.map(\.scale.minimum).min() ?? 1
        let maximum = all.map(\.scale.maximum).max() ?? 7
        var vocabulary = ResearchSchema.Vocabulary(
            instruments: Set(all.map(\.id)).union(seen.instruments).sorted(),
            waves: waves.sorted(), schools: schools.sorted(), partnerships: partnerships.sorted(),
            areas: areas.sorted(), items: Set(all.flatMap { $0.items.map(\.id) }).sorted(),
            openQuestions: Set(all.flatMap { $0.openQuestions.map(\.id) }).sorted(),
            scaleMinimum: minimum, scaleMaximum: maximum,
            scaleLabels: scales.count == 1 ? scales.first?.labels ?? [:] : [:])
        vocabulary.supervisorAreas = result.supervisorAreas
        vocabulary.waveTitles = Dictionary(
            waveRows(result, seen: seen).map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        vocabulary.sourceLabelNotes = sourceLabels().map { source, labels in
            "\(source.name): " + labels.map { "\($0.score) = \($0.label)" }.joined(separator: ", ")
        }
        return vocabulary
    }
}

/// Values met while streaming the forms; a handful of ids, not per form.
struct SeenValues: Sendable {
    var waves = Set<String>()
    var schools = Set<String>()
    var instruments = Set<String>()
}

extension ResearchSchema.Vocabulary {
    /// For column names only.
    static let empty = ResearchSchema.Vocabulary(
        instruments: [], waves: [], schools: [], partnerships: [], areas: [],
        items: [], openQuestions: [], scaleMinimum: 1, scaleMaximum: 7,
        scaleLabels: [:])
}
