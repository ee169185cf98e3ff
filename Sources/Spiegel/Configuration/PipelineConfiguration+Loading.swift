import Foundation

extension PipelineConfiguration {
    /// Reads `Pipeline.yml`, the instrument files and the registry it names, and validates them
    /// together (keys: docs/configuration.md).
    ///
    /// Relative paths resolve against the configuration file's folder. Absent settings take the
    /// values in ``Defaults``. A source glob that matches nothing yet is a warning (the export may
    /// not have arrived); a plain path that does not exist is an error.
    ///
    /// - Throws: ``ConfigurationErrors`` with every problem found, each naming file, line and column.
    static func load(from url: URL) throws -> PipelineConfiguration {
        let diagnostics = ConfigurationDiagnostics()
        let reader = PipelineFileReader(folder: url.absoluteURL.deletingLastPathComponent(), diagnostics: diagnostics)
        let configuration = reader.read(url)
        try diagnostics.throwIfErrors()
        guard var configuration else { throw ConfigurationErrors(diagnostics.errors) }
        configuration.warnings = diagnostics.warnings
        return configuration
    }

    /// The files of a source, sorted by path: the glob's matches, or the one path if it exists.
    func files(for source: Source) -> [URL] {
        let url = resolve(path: source.pattern)
        if FileGlob.isPattern(source.pattern) { return FileGlob.expand(url.path) }
        return FileManager.default.fileExists(atPath: url.path) ? [url] : []
    }

    /// A path as written in the configuration, made absolute against the configuration's folder.
    func resolve(path: String) -> URL {
        PipelineFileReader.resolve(path, in: file.absoluteURL.deletingLastPathComponent())
    }
}

/// Reads one `Pipeline.yml`: a section at a time, reporting every problem to `diagnostics`.
struct PipelineFileReader {
    let folder: URL
    let diagnostics: ConfigurationDiagnostics

    static let fileKeys = [
        "instruments", "registry", "waves", "analysis", "output", "pseudonymisation", "sources", "release", "night",
        "development_steps",
    ]

    static func resolve(_ path: String, in folder: URL) -> URL {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)
        return url.standardizedFileURL
    }

    func resolve(_ path: String) -> URL { Self.resolve(path, in: folder) }

    /// How messages name a file: relative to the configuration's folder when it lies inside it.
    func displayName(of url: URL) -> String {
        let base = folder.standardizedFileURL.path + "/"
        return url.path.hasPrefix(base) ? String(url.path.dropFirst(base.count)) : url.path
    }

    func read(_ url: URL) -> PipelineConfiguration? {
        guard let root = YAMLReader.read(url, displayName: url.relativePath, diagnostics: diagnostics),
            let file = root.mapping(keys: Self.fileKeys)
        else { return nil }

        let instruments = file.required("instruments").map(readInstruments)
        let registry = file.required("registry").flatMap(readRegistry)
        let waves = file["waves"].map(readWaves) ?? []
        let analysis = readAnalysis(file["analysis"])
        let output = readOutput(file["output"])
        let pseudonymisation = readPseudonymisation(file["pseudonymisation"])
        let release = readRelease(file["release"])
        let night = readNight(file["night"])
        let sources =
            file.required("sources").map {
                readSources($0, instruments: instruments, registry: registry)
            } ?? []

        guard let instruments, let registry, let analysis, let output, let pseudonymisation, let release, let night else {
            return nil
        }
        var configuration = PipelineConfiguration(
            file: url.absoluteURL, instruments: instruments.byID.mapValues(\.instrument), registry: registry,
            sources: sources, waves: waves, analysis: analysis, output: output, pseudonymisation: pseudonymisation)
        configuration.release = release
        configuration.developmentSteps = readDevelopmentSteps(file["development_steps"], instruments: instruments)
        configuration.night = night
        return configuration
    }

    // MARK: Instruments

    struct LoadedInstruments {
        var byID: [String: Instrument.Loaded] = [:]
        /// Some file failed: a source naming an unknown instrument may just name that file's.
        var incomplete = false
    }

    func readInstruments(_ value: YAMLValue) -> LoadedInstruments {
        var loaded = LoadedInstruments()
        for patternValue in value.scalarOrList() ?? [] {
            guard let pattern = patternValue.string() else { continue }
            let urls: [URL]
            if FileGlob.isPattern(pattern) {
                urls = FileGlob.expand(resolve(pattern).path)
                if urls.isEmpty {
                    diagnostics.report(
                        .noMatchingFiles(
                            pattern: pattern, resolved: resolve(pattern).path,
                            at: patternValue.location))
                }
            } else {
                urls = [resolve(pattern)]
            }
            for url in urls {
                let name = FileGlob.isPattern(pattern) ? displayName(of: url) : pattern
                guard
                    let instrument = Instrument.read(
                        url, displayName: name, referencedAt: patternValue.location,
                        diagnostics: diagnostics)
                else {
                    loaded.incomplete = true
                    continue
                }
                let id = instrument.instrument.id
                if let first = loaded.byID[id] {
                    diagnostics.report(
                        .duplicateID(kind: "instrument", id: id, at: instrument.idLocation, first: first.idLocation))
                    continue
                }
                loaded.byID[id] = instrument
            }
        }
        checkMirrors(loaded)
        return loaded
    }

    /// Every `mirrors:` must name an item of a self-scan (an instrument with role `self`) about the
    /// same kind of subject: that is the pair a per-item gap compares.
    func checkMirrors(_ loaded: LoadedInstruments) {
        var selfItems: [SubjectKind: Set<String>] = [:]
        for instrument in loaded.byID.values.map(\.instrument) where instrument.roles.contains(.selfAssessment) {
            selfItems[instrument.subjectKind, default: []].formUnion(instrument.items.map(\.id))
        }
        for id in loaded.byID.keys.sorted() {
            guard let entry = loaded.byID[id] else { continue }
            for item in entry.instrument.items {
                guard let mirrors = item.mirrors, !(selfItems[entry.instrument.subjectKind]?.contains(mirrors) ?? false),
                    !loaded.incomplete
                else { continue }
                diagnostics.report(
                    .unknownMirror(
                        item: item.id, mirrors: mirrors,
                        at: entry.mirrorLocations[item.id] ?? entry.idLocation))
            }
        }
    }

    // MARK: Registry

    func readRegistry(_ value: YAMLValue) -> Registry? {
        guard let path = value.string() else { return nil }
        return Registry.read(resolve(path), displayName: path, referencedAt: value.location, diagnostics: diagnostics)
    }

    // MARK: Waves

    func readWaves(_ value: YAMLValue) -> [Wave] {
        var waves: [(wave: Wave, location: ConfigurationError.Location)] = []
        for element in value.sequence() ?? [] {
            guard let fields = element.mapping(keys: ["id", "start", "end", "label"]) else { continue }
            let id = fields.required("id")?.string()
            let start = fields.required("start").flatMap(readDay)
            let end = fields.required("end").flatMap(readDay)
            guard let id, let start, let end else { continue }
            let location = fields.location(of: "id")
            if let first = waves.first(where: { $0.wave.id == id }) {
                diagnostics.report(.duplicateID(kind: "wave", id: id, at: location, first: first.location))
                continue
            }
            guard start <= end else {
                diagnostics.report(
                    .waveEndsBeforeStart(
                        wave: id, start: "\(start)", end: "\(end)",
                        at: fields.location(of: "end")))
                continue
            }
            // Every pair, not just neighbours: a long wave can overlap several short ones.
            for other in waves where other.wave.start <= end && start <= other.wave.end {
                diagnostics.report(.overlappingWaves(other.wave.id, id, at: location))
            }
            waves.append((Wave(id: id, start: start, end: end, label: fields["label"]?.string()), location))
        }
        return waves.map(\.wave)
    }

    func readDay(_ value: YAMLValue) -> Day? {
        guard let text = value.string() else { return nil }
        guard let day = Day(iso: text) else {
            diagnostics.report(.invalidDate(context: value.context, value: text, at: value.location))
            return nil
        }
        return day
    }

    // MARK: Settings

    typealias Defaults = PipelineConfiguration.Defaults

    func readAnalysis(_ value: YAMLValue?) -> PipelineConfiguration.Analysis? {
        var analysis = PipelineConfiguration.Analysis()
        guard let value else { return analysis }
        guard let fields = value.mapping(keys: ["gap_threshold", "minimum_group_size"]) else { return nil }
        if let thresholdValue = fields["gap_threshold"], let threshold = thresholdValue.double() {
            if threshold > 0 {
                analysis.gapThreshold = threshold
            } else {
                diagnostics.report(
                    .outOfRange(
                        context: thresholdValue.context, value: thresholdValue.scalarText,
                        requirement: "greater than 0 (scale points)", at: thresholdValue.location))
            }
        }
        if let sizeValue = fields["minimum_group_size"], let size = sizeValue.int() {
            if size >= 1 {
                analysis.minimumGroupSize = size
            } else {
                diagnostics.report(
                    .outOfRange(
                        context: sizeValue.context, value: String(size),
                        requirement: "at least 1", at: sizeValue.location))
            }
        }
        return analysis
    }

    /// `release:`: per profile what it receives (docs/configuration.md, "release").
    func readRelease(_ value: YAMLValue?) -> PipelineConfiguration.Release? {
        var release = PipelineConfiguration.Release()
        guard let value else { return release }
        guard let fields = value.mapping(keys: ["management", "public"]) else { return nil }
        if let management = fields["management"]?.mapping(keys: ["minimum_schools"]),
            let schoolsValue = management["minimum_schools"], let schools = schoolsValue.int()
        {
            if schools >= 2 {
                release.minimumSchools = schools
            } else {
                diagnostics.report(
                    .outOfRange(
                        context: schoolsValue.context, value: String(schools),
                        requirement: "at least 2 (one school could subtract its own figure)",
                        at: schoolsValue.location))
            }
        }
        if let publicProfile = fields["public"]?.mapping(keys: ["aggregates"]),
            let flag = publicProfile["aggregates"]?.bool()
        {
            release.publicAggregates = flag
        }
        return release
    }

    /// `night:`: alarms, memory and shared folders (docs/configuration.md, "night").
    func readNight(_ value: YAMLValue?) -> PipelineConfiguration.Night? {
        var night = PipelineConfiguration.Night()
        guard let value else { return night }
        guard
            let fields = value.mapping(keys: [
                "alarm_row_loss", "publish_on_alarm", "memory_limit", "schools_access", "public_access",
            ])
        else { return nil }
        if let shareValue = fields["alarm_row_loss"], let share = shareValue.double() {
            if share > 0 && share < 1 {
                night.alarmRowLoss = share
            } else {
                diagnostics.report(
                    .outOfRange(
                        context: shareValue.context, value: shareValue.scalarText,
                        requirement: "a share between 0 and 1, e.g. 0.2 for 20 %", at: shareValue.location))
            }
        }
        if let flag = fields["publish_on_alarm"]?.bool() { night.publishOnAlarm = flag }
        if let limitValue = fields["memory_limit"], let text = limitValue.string() {
            if let bytes = MemorySize.bytes(text) {
                night.memoryLimit = bytes
            } else {
                diagnostics.report(
                    .outOfRange(
                        context: limitValue.context, value: text,
                        requirement: "a size such as 4 GB, 512 MB or 2GiB", at: limitValue.location))
            }
        }
        func access(_ key: String) -> PipelineConfiguration.SharedAccess? {
            guard let accessValue = fields[key], let text = accessValue.string() else { return nil }
            if let level = PipelineConfiguration.SharedAccess(rawValue: text.lowercased()) { return level }
            let allowed = PipelineConfiguration.SharedAccess.allCases.map(\.rawValue)
            diagnostics.report(
                .invalidChoice(
                    context: accessValue.context, value: text, allowed: allowed,
                    suggestion: Spelling.nearest(to: text, in: allowed), at: accessValue.location))
            return nil
        }
        if let level = access("schools_access") { night.schoolsAccess = level }
        if let level = access("public_access") { night.publicAccess = level }
        return night
    }

    func readOutput(_ value: YAMLValue?) -> PipelineConfiguration.Output? {
        var output = PipelineConfiguration.Output(folder: resolve(Defaults.outputFolder))
        guard let value else { return output }
        guard let fields = value.mapping(keys: ["folder", "keep_runs", "reports", "research"]) else { return nil }
        if let folder = fields["folder"]?.string() { output.folder = resolve(folder) }
        if let keepValue = fields["keep_runs"], let keep = keepValue.int() {
            if keep >= 0 {
                output.keepRuns = keep
            } else {
                diagnostics.report(
                    .outOfRange(
                        context: keepValue.context, value: String(keep),
                        requirement: "0 or more", at: keepValue.location))
            }
        }
        if let reports = fields["reports"]?.mapping(keys: [
            "partnership_workbook", "school_workbooks",
            "personal_workbooks", "research_data",
        ]) {
            if let flag = reports["partnership_workbook"]?.bool() { output.partnershipWorkbook = flag }
            if let flag = reports["school_workbooks"]?.bool() { output.schoolWorkbooks = flag }
            if let flag = reports["personal_workbooks"]?.bool() { output.personalWorkbooks = flag }
            if let flag = reports["research_data"]?.bool() { output.researchData = flag }
        }
        if let research = fields["research"]?.mapping(keys: ["excel_friendly_copy", "include_free_text"]) {
            if let flag = research["excel_friendly_copy"]?.bool() { output.excelFriendlyCSV = flag }
            if let flag = research["include_free_text"]?.bool() { output.includeFreeText = flag }
        }
        return output
    }

    func readPseudonymisation(_ value: YAMLValue?) -> PipelineConfiguration.Pseudonymisation? {
        var settings = PipelineConfiguration.Pseudonymisation()
        guard let value else { return settings }
        guard let fields = value.mapping(keys: ["key_file", "key_env"]) else { return nil }
        if let path = fields["key_file"]?.string() { settings.keyFile = resolve(path) }
        if let name = fields["key_env"]?.string() { settings.keyEnvironmentVariable = name }
        return settings
    }

    // MARK: Sources

    static let sourceKeys = [
        "name", "files", "instrument", "role", "header_rows", "delimiter", "encoding", "quote",
        "sheet", "date_formats", "answer_labels", "answer_codes", "not_asked", "columns", "optional",
    ]

    func readSources(_ value: YAMLValue, instruments: LoadedInstruments?, registry: Registry?) -> [Source] {
        var sources: [(source: Source, location: ConfigurationError.Location)] = []
        for element in value.sequence() ?? [] {
            guard let fields = element.mapping(keys: Self.sourceKeys) else { continue }
            let errorsBefore = diagnostics.errors.count
            let name = fields.required("name")?.string()
            let label = name ?? element.context
            let isOptional = fields["optional"]?.bool() ?? false
            let pattern = fields.required("files").flatMap { readFiles($0, source: label, isOptional: isOptional) }
            let instrument = fields.required("instrument").flatMap {
                readInstrumentReference($0, source: label, instruments: instruments)
            }
            let role = readRole(fields, source: label, instrument: instrument)
            let dialect = readDialect(fields)
            let dateFormats = fields["date_formats"]?.scalarOrList()?.compactMap { $0.string() } ?? []
            let answerLabels = fields["answer_labels"].map { readAnswerLabels($0, scale: instrument?.scale) } ?? [:]
            let answerCodes = fields["answer_codes"].flatMap(readAnswerCodes)
            let notAsked = fields["not_asked"].map { readNotAsked($0, instrument: instrument) } ?? []
            let columns = fields.required("columns").flatMap {
                readColumns($0, source: label, instrument: instrument, role: role, registry: registry)
            }
            guard diagnostics.errors.count == errorsBefore, let name, let pattern, let columns,
                let instrumentID = instrument?.id ?? fields["instrument"]?.string()
            else { continue }
            let location = fields.location(of: "name")
            if let first = sources.first(where: { $0.source.name == name }) {
                diagnostics.report(.duplicateID(kind: "source", id: name, at: location, first: first.location))
                continue
            }
            if let mapped = columns.items.keys.sorted().first(where: notAsked.contains) {
                diagnostics.report(
                    .outOfRange(
                        context: YAMLValue.join(fields.owner.context, "not_asked"), value: mapped,
                        requirement: "an item the source does not also map under `columns.items`",
                        at: fields.location(of: "not_asked")))
                continue
            }
            sources.append(
                (
                    Source(
                        name: name, pattern: pattern, instrument: instrumentID, role: role, columns: columns,
                        dialect: dialect, answerLabels: answerLabels, dateFormats: dateFormats,
                        answerCodes: answerCodes, itemsNotAsked: notAsked, isOptional: isOptional), location
                ))
        }
        return sources.map(\.source)
    }

    /// The pattern as written; a plain path must exist, a glob may match nothing yet (the run then stops,
    /// docs/operations.md); an optional source may name nothing yet either way.
    func readFiles(_ value: YAMLValue, source: String, isOptional: Bool) -> String? {
        guard let pattern = value.string() else { return nil }
        let url = resolve(pattern)
        if isOptional { return pattern }
        if FileGlob.isPattern(pattern) {
            if FileGlob.expand(url.path).isEmpty {
                diagnostics.warn("\(value.location): source '\(source)': no files match '\(pattern)' (looked for \(url.path))")
            }
        } else if !FileManager.default.fileExists(atPath: url.path) {
            diagnostics.report(.missingFile(written: pattern, resolved: url.path, at: value.location))
        }
        return pattern
    }

    func readInstrumentReference(_ value: YAMLValue, source: String, instruments: LoadedInstruments?) -> Instrument? {
        guard let id = value.string(), let instruments else { return nil }
        if let instrument = instruments.byID[id]?.instrument { return instrument }
        if !instruments.incomplete {
            diagnostics.report(
                .unknownInstrument(
                    id, source: source, suggestion: Spelling.nearest(to: id, in: instruments.byID.keys.sorted()),
                    at: value.location))
        }
        return nil
    }

    /// The role as written, or the instrument's only role; a missing role is an error only when
    /// the instrument has several.
    func readRole(_ fields: YAMLMapping, source: String, instrument: Instrument?) -> Role? {
        let allowedNames = instrument?.roles.map(\.rawValue) ?? []
        guard let value = fields["role"] else {
            guard let instrument else { return nil }
            if instrument.roles.count > 1 {
                diagnostics.report(
                    .missingRole(
                        source: source, instrument: instrument.id, allowed: allowedNames,
                        at: fields.owner.location))
            }
            return instrument.roles.count == 1 ? instrument.roles[0] : nil
        }
        guard let role = value.choice(Role.self, allowed: Role.allCases.map(\.rawValue)), let instrument else { return nil }
        guard instrument.roles.contains(role) else {
            diagnostics.report(
                .roleNotAllowed(
                    role: role.rawValue, instrument: instrument.id, allowed: allowedNames,
                    at: value.location))
            return nil
        }
        return role
    }

    func readDialect(_ fields: YAMLMapping) -> DialectOverrides {
        var dialect = DialectOverrides()
        if let value = fields["header_rows"], let rows = value.int() {
            if rows >= 1 {
                dialect.headerRows = rows
            } else {
                diagnostics.report(
                    .outOfRange(
                        context: value.context, value: String(rows), requirement: "at least 1",
                        at: value.location))
            }
        }
        if let value = fields["delimiter"], let text = value.string() {
            if let byte = DialectOverrides.delimiterByte(for: text) {
                dialect.delimiter = byte
            } else {
                diagnostics.report(
                    .invalidChoice(
                        context: value.context, value: text, allowed: [",", ";", "tab", "|"],
                        suggestion: nil, at: value.location))
            }
        }
        if let value = fields["quote"], let text = value.string() {
            if text == "\"" || text == "'" {
                dialect.quote = UInt8(ascii: text == "'" ? "'" : "\"")
            } else {
                diagnostics.report(
                    .invalidChoice(
                        context: value.context, value: text, allowed: ["\"", "'"], suggestion: nil,
                        at: value.location))
            }
        }
        if let value = fields["sheet"], let text = value.string() { dialect.sheet = text }
        if let value = fields["encoding"], let text = value.string() {
            let allowed = TextEncoding.allCases.map(\.rawValue)
            if let encoding = TextEncoding(rawValue: text.lowercased()) {
                dialect.encoding = encoding
            } else {
                diagnostics.report(
                    .invalidChoice(
                        context: value.context, value: text, allowed: allowed,
                        suggestion: Spelling.nearest(to: text, in: allowed), at: value.location))
            }
        }
        return dialect
    }

    /// `A{score}`: the text around the one `{score}` placeholder.
    func readAnswerCodes(_ value: YAMLValue) -> AnswerCodes? {
        guard let text = value.string() else { return nil }
        guard let codes = AnswerCodes(pattern: text) else {
            diagnostics.report(
                .outOfRange(
                    context: value.context, value: text,
                    requirement: "a pattern with `{score}` once and some text around it, e.g. 'A{score}'",
                    at: value.location))
            return nil
        }
        return codes
    }

    /// Item ids of the instrument that the source's exports do not ask.
    func readNotAsked(_ value: YAMLValue, instrument: Instrument?) -> Set<String> {
        var ids: Set<String> = []
        for element in value.scalarOrList() ?? [] {
            guard let id = element.string() else { continue }
            if let instrument, !instrument.items.contains(where: { $0.id == id }) {
                diagnostics.report(
                    .unknownItem(
                        id, instrument: instrument.id,
                        suggestion: Spelling.nearest(to: id, in: instrument.items.map(\.id)),
                        at: element.location))
                continue
            }
            ids.insert(id)
        }
        return ids
    }

    /// Extra labels, lowercased, each a score on the instrument's scale.
    func readAnswerLabels(_ value: YAMLValue, scale: Instrument.Scale?) -> [String: Int] {
        var labels: [String: Int] = [:]
        for entry in value.uniqueEntries() ?? [] {
            guard let score = entry.value.int() else { continue }
            if let scale, !(scale.minimum...scale.maximum).contains(score) {
                diagnostics.report(
                    .outOfRange(
                        context: entry.value.context, value: String(score),
                        requirement: "a score from \(scale.minimum) to \(scale.maximum)",
                        at: entry.value.location))
                continue
            }
            labels[entry.key.trimmingCharacters(in: .whitespaces).lowercased()] = score
        }
        return labels
    }

    static let columnKeys = ["respondent", "subject", "school", "submitted_at", "items", "open_questions"]

    func readColumns(
        _ value: YAMLValue, source: String, instrument: Instrument?, role: Role?,
        registry: Registry?
    ) -> ColumnMapping? {
        guard let fields = value.mapping(keys: Self.columnKeys) else { return nil }
        let respondent = fields.required("respondent").flatMap(readColumn)
        let subject = fields["subject"].flatMap(readColumn)
        let school = fields["school"].flatMap(readColumn)
        let submittedAt = fields.required("submitted_at").flatMap(readColumn)

        if let instrument, let role {
            // A feedback form is about someone else: the export must say whom.
            if instrument.subjectKind == .supervisor, role.isFeedback, fields["subject"] == nil {
                diagnostics.report(.missingKey("subject", context: value.context, at: value.location))
            }
            // Without a roster, only the export can place a wpb at a school.
            let rosterPlaces = instrument.subjectKind == .supervisor && (registry?.hasRoster ?? true)
            let schoolIsSubject = instrument.subjectKind == .school && fields["subject"] != nil
            if fields["school"] == nil, !rosterPlaces, !schoolIsSubject {
                diagnostics.report(.missingKey("school", context: value.context, at: value.location))
            }
        }

        var mapped: [(id: String, column: ColumnReference, location: ConfigurationError.Location)] = []
        let items =
            fields["items"].map {
                readItemColumns(
                    $0, source: source, instrument: instrument,
                    scored: true, mapped: &mapped)
            } ?? [:]
        let openQuestions =
            fields["open_questions"].map {
                readItemColumns(
                    $0, source: source, instrument: instrument,
                    scored: false, mapped: &mapped)
            } ?? [:]
        guard let respondent, let submittedAt else { return nil }
        return ColumnMapping(
            respondent: respondent, subject: subject, school: school, submittedAt: submittedAt,
            items: items, openQuestions: openQuestions)
    }

    /// Item id → column; `mapped` collects every mapping of the source so a column used twice is caught.
    func readItemColumns(
        _ value: YAMLValue, source: String, instrument: Instrument?, scored: Bool,
        mapped: inout [(id: String, column: ColumnReference, location: ConfigurationError.Location)]
    )
        -> [String: ColumnReference]
    {
        let ids = scored ? instrument?.items.map(\.id) : instrument?.openQuestions.map(\.id)
        var columns: [String: ColumnReference] = [:]
        for entry in value.entries() ?? [] {
            guard let column = readColumn(entry.value) else { continue }
            if let ids, !ids.contains(entry.key), let instrument {
                diagnostics.report(
                    .unknownItem(
                        entry.key, instrument: instrument.id,
                        suggestion: Spelling.nearest(to: entry.key, in: ids), at: entry.keyLocation))
                continue
            }
            if let first = mapped.first(where: { $0.id == entry.key }) {
                diagnostics.report(
                    .itemMappedTwice(
                        item: entry.key, source: source, column: column.description,
                        at: entry.keyLocation, first: first.location))
                continue
            }
            if let other = mapped.first(where: { Self.sameColumn($0.column, column) }) {
                diagnostics.report(
                    .columnMappedTwice(
                        column: column.description, source: source, item: entry.key,
                        otherItem: other.id, at: entry.value.location))
                continue
            }
            mapped.append((entry.key, column, entry.keyLocation))
            columns[entry.key] = column
        }
        return columns
    }

    /// Headers compare without case or surrounding spaces, as ingest matches them.
    static func sameColumn(_ a: ColumnReference, _ b: ColumnReference) -> Bool {
        switch (a, b) {
        case (.header(let x), .header(let y)):
            return x.trimmingCharacters(in: .whitespaces).lowercased() == y.trimmingCharacters(in: .whitespaces).lowercased()
        default:
            return a == b
        }
    }

    /// A header text, or `{position: n}` with n counted from 1.
    func readColumn(_ value: YAMLValue) -> ColumnReference? {
        if case .mapping = value.node {
            guard let fields = value.mapping(keys: ["position"]), let positionValue = fields.required("position"),
                let position = positionValue.int()
            else { return nil }
            guard position >= 1 else {
                diagnostics.report(
                    .outOfRange(
                        context: positionValue.context, value: String(position),
                        requirement: "at least 1 (the first column is 1)", at: positionValue.location))
                return nil
            }
            return .position(position)
        }
        guard case .scalar = value.node, !value.isNull else {
            value.report(expected: "a header text or {position: n}")
            return nil
        }
        return value.string().map(ColumnReference.header)
    }
}
