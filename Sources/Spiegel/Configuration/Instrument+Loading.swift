import Foundation

extension Instrument {
    /// Reads and validates one instrument file (format: docs/configuration.md).
    ///
    /// Checks what the file can check alone: keys and types, the scale, unique ids, that every item
    /// names a declared area and every area has items. Whether `mirrors` points at a real self-scan
    /// item needs the other instruments; ``PipelineConfiguration/load(from:)`` checks that.
    ///
    /// - Throws: ``ConfigurationErrors`` with every problem found.
    package static func load(from url: URL) throws -> Instrument {
        let diagnostics = ConfigurationDiagnostics()
        let loaded = read(url, displayName: url.relativePath, diagnostics: diagnostics)
        try diagnostics.throwIfErrors()
        guard let loaded else { throw ConfigurationErrors(diagnostics.errors) }
        return loaded.instrument
    }

    /// An instrument with the positions the cross-file checks of the pipeline need.
    struct Loaded {
        var instrument: Instrument
        var idLocation: ConfigurationError.Location
        /// Item id → where its `mirrors:` value stands.
        var mirrorLocations: [String: ConfigurationError.Location]
    }

    static let fileKeys = ["id", "title", "roles", "subject", "scale", "areas", "items", "open_questions"]

    /// Reads an instrument file, reporting problems to `diagnostics`; nil when it cannot be used.
    static func read(
        _ url: URL, displayName: String, referencedAt: ConfigurationError.Location? = nil,
        diagnostics: ConfigurationDiagnostics
    ) -> Loaded? {
        guard let root = YAMLReader.read(url, displayName: displayName, referencedAt: referencedAt, diagnostics: diagnostics),
            let file = root.mapping(keys: fileKeys)
        else { return nil }
        let errorsBefore = diagnostics.errors.count

        let id = file.required("id")?.string()
        let title = file.required("title")?.string()
        let roles = file.required("roles").flatMap(readRoles)
        let subject = file.required("subject").flatMap { value in
            value.choice(SubjectKind.self, allowed: ["wpb", "school"])
        }
        let scale = file.required("scale").flatMap(readScale)
        let areas = file.required("areas").map(readAreas) ?? []
        let errorsBeforeItems = diagnostics.errors.count
        let items = file.required("items").map { readItems($0, areas: areas) } ?? []
        // An item dropped for another mistake would leave its area empty: report only the cause.
        if diagnostics.errors.count == errorsBeforeItems {
            for area in areas where !items.contains(where: { $0.item.area == area.area.id }) {
                diagnostics.report(.areaWithoutItems(area: area.area.id, instrument: id ?? displayName, at: area.location))
            }
        }
        let openQuestions = file["open_questions"].map { readOpenQuestions($0, areas: areas, items: items) } ?? []

        guard diagnostics.errors.count == errorsBefore, let id, let title, let roles, let subject, let scale else { return nil }
        let instrument = Instrument(
            id: id, title: title, roles: roles, subjectKind: subject, scale: scale,
            areas: areas.map(\.area), items: items.map(\.item), openQuestions: openQuestions)
        var mirrorLocations: [String: ConfigurationError.Location] = [:]
        for item in items { mirrorLocations[item.item.id] = item.mirrorLocation }
        return Loaded(instrument: instrument, idLocation: file.location(of: "id"), mirrorLocations: mirrorLocations)
    }

    private static func readRoles(_ value: YAMLValue) -> [Role]? {
        guard let elements = value.scalarOrList() else { return nil }
        let roles = elements.compactMap { $0.choice(Role.self, allowed: Role.allCases.map(\.rawValue)) }
        guard roles.count == elements.count else { return nil }
        guard !roles.isEmpty else {
            value.diagnostics.report(
                .outOfRange(
                    context: value.context, value: "empty",
                    requirement: "at least one role", at: value.location))
            return nil
        }
        return roles
    }

    private static func readScale(_ value: YAMLValue) -> Scale? {
        guard let scale = value.mapping(keys: ["min", "max", "labels", "not_answered"]) else { return nil }
        guard let minimum = scale.required("min")?.int(), let maximumValue = scale.required("max"),
            let maximum = maximumValue.int()
        else { return nil }
        guard minimum < maximum else {
            value.diagnostics.report(
                .outOfRange(
                    context: maximumValue.context, value: String(maximum),
                    requirement: "greater than scale.min (\(minimum))", at: maximumValue.location))
            return nil
        }
        var labels: [Int: String] = [:]
        let labelsValue = scale["labels"]
        for entry in labelsValue?.uniqueEntries() ?? [] {
            guard let score = Int(entry.key) else {
                value.diagnostics.report(
                    .wrongType(
                        context: labelsValue?.context ?? "labels", expected: "scores as keys",
                        found: "'\(entry.key)'", at: entry.keyLocation))
                continue
            }
            guard (minimum...maximum).contains(score) else {
                value.diagnostics.report(
                    .outOfRange(
                        context: entry.value.context, value: entry.key,
                        requirement: "a score from \(minimum) to \(maximum)", at: entry.keyLocation))
                continue
            }
            labels[score] = entry.value.string()
        }
        let notAnswered = scale["not_answered"]?.scalarOrList()?.compactMap { $0.string() } ?? []
        return Scale(minimum: minimum, maximum: maximum, labels: labels, notAnswered: notAnswered)
    }

    private struct LocatedArea {
        var area: CompetencyArea
        var location: ConfigurationError.Location
    }

    private static func readAreas(_ value: YAMLValue) -> [LocatedArea] {
        var areas: [LocatedArea] = []
        for element in value.sequence() ?? [] {
            guard let fields = element.mapping(keys: ["id", "name", "short"]),
                let id = fields.required("id")?.string(), let name = fields.required("name")?.string()
            else { continue }
            let location = fields.location(of: "id")
            if let first = areas.first(where: { $0.area.id == id }) {
                value.diagnostics.report(.duplicateID(kind: "area", id: id, at: location, first: first.location))
                continue
            }
            areas.append(
                LocatedArea(
                    area: CompetencyArea(id: id, name: name, shortName: fields["short"]?.string()),
                    location: location))
        }
        return areas
    }

    private struct LocatedItem {
        var item: Item
        var location: ConfigurationError.Location
        var mirrorLocation: ConfigurationError.Location?
    }

    private static func readItems(_ value: YAMLValue, areas: [LocatedArea]) -> [LocatedItem] {
        var items: [LocatedItem] = []
        for element in value.sequence() ?? [] {
            guard let fields = element.mapping(keys: ["id", "area", "text", "mirrors"]) else { continue }
            let id = fields.required("id")?.string()
            let area = fields.required("area").flatMap { checkedArea($0, item: id, areas: areas) }
            let text = fields.required("text")?.string()
            let mirrors = fields["mirrors"]?.string()
            guard let id, let area, let text else { continue }
            let location = fields.location(of: "id")
            if let first = items.first(where: { $0.item.id == id }) {
                value.diagnostics.report(.duplicateID(kind: "item", id: id, at: location, first: first.location))
                continue
            }
            items.append(
                LocatedItem(
                    item: Item(id: id, text: text, area: area, mirrors: mirrors), location: location,
                    mirrorLocation: mirrors.map { _ in fields.location(of: "mirrors") }))
        }
        return items
    }

    private static func readOpenQuestions(_ value: YAMLValue, areas: [LocatedArea], items: [LocatedItem]) -> [OpenQuestion] {
        var questions: [(question: OpenQuestion, location: ConfigurationError.Location)] = []
        for element in value.sequence() ?? [] {
            guard let fields = element.mapping(keys: ["id", "area", "text"]) else { continue }
            let id = fields.required("id")?.string()
            let text = fields.required("text")?.string()
            let area = fields["area"].flatMap { checkedArea($0, item: id, areas: areas) }
            guard let id, let text, fields["area"] == nil || area != nil else { continue }
            let location = fields.location(of: "id")
            // Items and open questions share one namespace: sources map both by id.
            if let first = items.first(where: { $0.item.id == id })?.location
                ?? questions.first(where: { $0.question.id == id })?.location
            {
                value.diagnostics.report(.duplicateID(kind: "item", id: id, at: location, first: first))
                continue
            }
            questions.append((OpenQuestion(id: id, text: text, area: area), location))
        }
        return questions.map(\.question)
    }

    /// The area id of an item, if the instrument declares it.
    private static func checkedArea(_ value: YAMLValue, item: String?, areas: [LocatedArea]) -> String? {
        guard let area = value.string() else { return nil }
        let ids = areas.map(\.area.id)
        guard ids.contains(area) else {
            value.diagnostics.report(
                .unknownArea(
                    area: area, item: item ?? "?", suggestion: Spelling.nearest(to: area, in: ids),
                    at: value.location))
            return nil
        }
        return area
    }
}
