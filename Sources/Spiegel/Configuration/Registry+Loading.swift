import Foundation

extension Registry {
    /// Reads and validates a registry file (`Data/registry.yml`; format: docs/configuration.md).
    ///
    /// Ids must be unique, also ignoring case and spacing; school names too. Partnership and school ids
    /// must be safe as folder names (``unsafeIDProblem(_:)``). Every school must name a listed
    /// partnership and every roster entry a listed school. Roster identifiers and aliases are
    /// normalised with ``Identifier/normalized(_:)``; an alias may stand for one wpb only.
    ///
    /// - Throws: ``ConfigurationErrors`` with every problem found.
    static func load(from url: URL) throws -> Registry {
        let diagnostics = ConfigurationDiagnostics()
        let registry = read(url, displayName: url.relativePath, diagnostics: diagnostics)
        try diagnostics.throwIfErrors()
        guard let registry else { throw ConfigurationErrors(diagnostics.errors) }
        return registry
    }

    /// Reads a registry file, reporting problems to `diagnostics`; nil when it cannot be used.
    static func read(
        _ url: URL, displayName: String, referencedAt: ConfigurationError.Location? = nil,
        diagnostics: ConfigurationDiagnostics
    ) -> Registry? {
        guard let root = YAMLReader.read(url, displayName: displayName, referencedAt: referencedAt, diagnostics: diagnostics),
            let file = root.mapping(keys: ["partnerships", "schools", "roster"])
        else { return nil }
        let errorsBefore = diagnostics.errors.count
        let partnerships = readPartnerships(file.required("partnerships")?.sequence() ?? [], diagnostics)
        let schools = readSchools(file.required("schools")?.sequence() ?? [], partnerships: partnerships.seen, diagnostics)
        let roster = readRoster(file["roster"]?.sequence() ?? [], schools: schools.seen, diagnostics)
        guard diagnostics.errors.count == errorsBefore else { return nil }
        return Registry(partnerships: partnerships.values, schools: schools.values, roster: roster)
    }

    /// Where each id was first seen: duplicate checks stay linear for national rosters of 20,000 wpbs.
    private typealias Sightings = [String: ConfigurationError.Location]

    /// The `partnerships` list, and every id it holds (also one refused as unsafe: schools may name it).
    private static func readPartnerships(
        _ elements: [YAMLValue], _ diagnostics: ConfigurationDiagnostics
    ) -> (values: [Partnership], seen: Sightings) {
        var partnerships: [Partnership] = []
        var seen: Sightings = [:]
        var folded: [String: (String, ConfigurationError.Location)] = [:]
        for element in elements {
            guard let fields = element.mapping(keys: ["id", "name"]),
                let id = fields.required("id")?.string(), let name = fields.required("name")?.string()
            else { continue }
            let location = fields.location(of: "id")
            guard firstSighting(of: id, kind: "partnership", at: location, in: &seen, diagnostics),
                safe(id, kind: "partnership", at: location, diagnostics),
                distinct(id, kind: "partnership id", at: location, in: &folded, diagnostics)
            else { continue }
            partnerships.append(Partnership(id: id, name: name))
        }
        return (partnerships, seen)
    }

    /// The `schools` list, each naming one of the `partnerships` seen, and every id it holds.
    private static func readSchools(
        _ elements: [YAMLValue], partnerships: Sightings, _ diagnostics: ConfigurationDiagnostics
    ) -> (values: [School], seen: Sightings) {
        var schools: [School] = []
        var seen: Sightings = [:]
        var foldedIDs: [String: (String, ConfigurationError.Location)] = [:]
        var foldedNames: [String: (String, ConfigurationError.Location)] = [:]
        for element in elements {
            guard let fields = element.mapping(keys: ["id", "name", "partnership"]) else { continue }
            let id = fields.required("id")?.string()
            let name = fields.required("name")?.string()
            let partnershipValue = fields.required("partnership")
            guard let id, let name, let partnershipValue, let partnership = partnershipValue.string() else { continue }
            let location = fields.location(of: "id")
            guard firstSighting(of: id, kind: "school", at: location, in: &seen, diagnostics),
                safe(id, kind: "school", at: location, diagnostics),
                distinct(id, kind: "school id", at: location, in: &foldedIDs, diagnostics),
                distinct(name, kind: "school name", at: fields.location(of: "name"), in: &foldedNames, diagnostics)
            else { continue }
            if partnerships[partnership] == nil {
                diagnostics.report(.unknownPartnership(partnership, school: id, at: partnershipValue.location))
            }
            schools.append(School(id: id, name: name, partnership: partnership))
        }
        return (schools, seen)
    }

    /// The `roster`: each entry at one of the `schools` seen, identifiers and aliases normalised, an alias standing
    /// for one wpb only.
    private static func readRoster(
        _ elements: [YAMLValue], schools: Sightings, _ diagnostics: ConfigurationDiagnostics
    ) -> [RosterEntry] {
        var roster: [RosterEntry] = []
        var seen: Sightings = [:]
        /// Identifier or alias → the wpb it stands for and where it was first written.
        var identities: [String: (String, ConfigurationError.Location)] = [:]
        for element in elements {
            guard let fields = element.mapping(keys: ["school", "wpb", "name", "aliases"]) else { continue }
            let schoolValue = fields.required("school")
            let written = fields.required("wpb")?.string()
            let name = fields["name"]?.string()
            let aliasValues = fields["aliases"]?.scalarOrList() ?? []
            let aliases = aliasValues.compactMap { value in value.string().map { (Identifier.normalized($0), value.location) } }
            guard let schoolValue, let school = schoolValue.string(), let written else { continue }
            let supervisor = Identifier.normalized(written)
            let location = fields.location(of: "wpb")
            guard
                firstSighting(
                    of: "\(supervisor) at \(school)", kind: "roster entry", at: location, in: &seen, diagnostics)
            else { continue }
            if schools[school] == nil {
                diagnostics.report(.unknownSchool(school, supervisor: supervisor, at: schoolValue.location))
            }
            claim(supervisor, for: supervisor, at: location, in: &identities, diagnostics)
            for (alias, aliasLocation) in aliases where alias != supervisor {
                claim(alias, for: supervisor, at: aliasLocation, in: &identities, diagnostics)
            }
            roster.append(
                RosterEntry(
                    supervisor: supervisor, school: school, name: name, aliases: aliases.map(\.0).filter { $0 != supervisor }))
        }
        return roster
    }

    /// Records that `identifier` stands for `supervisor`; a duplicate-id error when it already stands for another wpb.
    private static func claim(
        _ identifier: String, for supervisor: String, at location: ConfigurationError.Location,
        in identities: inout [String: (String, ConfigurationError.Location)], _ diagnostics: ConfigurationDiagnostics
    ) {
        if let (owner, first) = identities[identifier], owner != supervisor {
            diagnostics.report(.duplicateID(kind: "roster identifier", id: identifier, at: location, first: first))
        } else if identifier != supervisor || identities[identifier] == nil {
            identities[identifier] = (supervisor, location)
        }
    }

    /// Records where `id` was first seen; `false`, with a duplicate-id error naming both places, when it was seen before.
    private static func firstSighting(
        of id: String, kind: String, at location: ConfigurationError.Location,
        in seen: inout [String: ConfigurationError.Location],
        _ diagnostics: ConfigurationDiagnostics
    ) -> Bool {
        if let first = seen[id] {
            diagnostics.report(.duplicateID(kind: kind, id: id, at: location, first: first))
            return false
        }
        seen[id] = location
        return true
    }

    /// `true` when `id` can name a folder; else reports why not.
    private static func safe(
        _ id: String, kind: String, at location: ConfigurationError.Location,
        _ diagnostics: ConfigurationDiagnostics
    ) -> Bool {
        guard let problem = unsafeIDProblem(id) else { return true }
        diagnostics.report(.unsafeID(kind: kind, id: id, problem: problem, at: location))
        return false
    }

    /// Why `id` cannot name a report folder, or nil: school ids become folder names of personal workbooks.
    static func unsafeIDProblem(_ id: String) -> String? {
        if id.trimmingCharacters(in: .whitespaces).isEmpty { return "is empty" }
        if id.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            return "contains control characters"
        }
        if let character = id.first(where: { "/\\:*?\"<>|".contains($0) }) { return "contains '\(character)'" }
        if id.contains("..") { return "contains '..'" }
        if id.hasPrefix(".") || id.hasSuffix(".") || id.hasPrefix(" ") || id.hasSuffix(" ") {
            return "starts or ends with a dot or space"
        }
        return nil
    }

    /// `true` unless `value` equals another one ignoring case and spacing (then both places are reported).
    private static func distinct(
        _ value: String, kind: String, at location: ConfigurationError.Location,
        in seen: inout [String: (String, ConfigurationError.Location)],
        _ diagnostics: ConfigurationDiagnostics
    ) -> Bool {
        let key = AnswerMapper.normalize(value)
        if let (other, first) = seen[key] {
            diagnostics.report(.confusableID(kind: kind, id: value, other: other, at: location, first: first))
            return false
        }
        seen[key] = (value, location)
        return true
    }
}
