import Foundation

extension Registry {
    /// Reads and validates a registry file (`Data/registry.yml`; format: docs/configuration.md).
    ///
    /// Ids must be unique, every school must name a listed partnership and every roster entry a
    /// listed school. Roster identifiers are normalised with ``Identifier/normalized(_:)``.
    ///
    /// - Throws: ``ConfigurationErrors`` with every problem found.
    public static func load(from url: URL) throws -> Registry {
        let diagnostics = ConfigurationDiagnostics()
        let registry = read(url, displayName: url.relativePath, diagnostics: diagnostics)
        try diagnostics.throwIfErrors()
        guard let registry else { throw ConfigurationErrors(diagnostics.errors) }
        return registry
    }

    /// Reads a registry file, reporting problems to `diagnostics`; nil when it cannot be used.
    static func read(_ url: URL, displayName: String, referencedAt: ConfigurationError.Location? = nil,
                     diagnostics: ConfigurationDiagnostics) -> Registry? {
        guard let root = YAMLReader.read(url, displayName: displayName, referencedAt: referencedAt, diagnostics: diagnostics),
              let file = root.mapping(keys: ["partnerships", "schools", "roster"]) else { return nil }
        let errorsBefore = diagnostics.errors.count

        // Where each id was first seen: duplicate checks stay linear for national rosters of 20,000 wpbs.
        var partnerships: [(value: Partnership, location: ConfigurationError.Location)] = []
        var partnershipLocations: [String: ConfigurationError.Location] = [:]
        for element in file.required("partnerships")?.sequence() ?? [] {
            guard let fields = element.mapping(keys: ["id", "name"]),
                  let id = fields.required("id")?.string(), let name = fields.required("name")?.string() else { continue }
            let location = fields.location(of: "id")
            guard firstSighting(of: id, kind: "partnership", at: location, in: &partnershipLocations, diagnostics) else { continue }
            partnerships.append((Partnership(id: id, name: name), location))
        }

        var schools: [(value: School, location: ConfigurationError.Location)] = []
        var schoolLocations: [String: ConfigurationError.Location] = [:]
        for element in file.required("schools")?.sequence() ?? [] {
            guard let fields = element.mapping(keys: ["id", "name", "partnership"]) else { continue }
            let id = fields.required("id")?.string()
            let name = fields.required("name")?.string()
            let partnershipValue = fields.required("partnership")
            guard let id, let name, let partnershipValue, let partnership = partnershipValue.string() else { continue }
            let location = fields.location(of: "id")
            guard firstSighting(of: id, kind: "school", at: location, in: &schoolLocations, diagnostics) else { continue }
            if partnershipLocations[partnership] == nil {
                diagnostics.report(.unknownPartnership(partnership, school: id, at: partnershipValue.location))
            }
            schools.append((School(id: id, name: name, partnership: partnership), location))
        }

        var roster: [(value: RosterEntry, location: ConfigurationError.Location)] = []
        var rosterLocations: [String: ConfigurationError.Location] = [:]
        for element in file["roster"]?.sequence() ?? [] {
            guard let fields = element.mapping(keys: ["school", "wpb", "name"]) else { continue }
            let schoolValue = fields.required("school")
            let written = fields.required("wpb")?.string()
            let name = fields["name"]?.string()
            guard let schoolValue, let school = schoolValue.string(), let written else { continue }
            let supervisor = Identifier.normalized(written)
            let location = fields.location(of: "wpb")
            guard firstSighting(of: "\(supervisor) at \(school)", kind: "roster entry", at: location, in: &rosterLocations,
                                diagnostics) else { continue }
            if schoolLocations[school] == nil {
                diagnostics.report(.unknownSchool(school, supervisor: supervisor, at: schoolValue.location))
            }
            roster.append((RosterEntry(supervisor: supervisor, school: school, name: name), location))
        }

        guard diagnostics.errors.count == errorsBefore else { return nil }
        return Registry(partnerships: partnerships.map(\.value), schools: schools.map(\.value), roster: roster.map(\.value))
    }

    /// Records where `id` was first seen; `false`, with a duplicate-id error naming both places, when it was seen before.
    private static func firstSighting(of id: String, kind: String, at location: ConfigurationError.Location,
                                      in seen: inout [String: ConfigurationError.Location],
                                      _ diagnostics: ConfigurationDiagnostics) -> Bool {
        if let first = seen[id] {
            diagnostics.report(.duplicateID(kind: kind, id: id, at: location, first: first))
            return false
        }
        seen[id] = location
        return true
    }
}
