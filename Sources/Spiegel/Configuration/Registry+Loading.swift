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

        var partnerships: [(value: Partnership, location: ConfigurationError.Location)] = []
        for element in file.required("partnerships")?.sequence() ?? [] {
            guard let fields = element.mapping(keys: ["id", "name"]),
                  let id = fields.required("id")?.string(), let name = fields.required("name")?.string() else { continue }
            let location = fields.location(of: "id")
            if let first = partnerships.first(where: { $0.value.id == id }) {
                diagnostics.report(.duplicateID(kind: "partnership", id: id, at: location, first: first.location))
                continue
            }
            partnerships.append((Partnership(id: id, name: name), location))
        }

        var schools: [(value: School, location: ConfigurationError.Location)] = []
        for element in file.required("schools")?.sequence() ?? [] {
            guard let fields = element.mapping(keys: ["id", "name", "partnership"]) else { continue }
            let id = fields.required("id")?.string()
            let name = fields.required("name")?.string()
            let partnershipValue = fields.required("partnership")
            guard let id, let name, let partnershipValue, let partnership = partnershipValue.string() else { continue }
            let location = fields.location(of: "id")
            if let first = schools.first(where: { $0.value.id == id }) {
                diagnostics.report(.duplicateID(kind: "school", id: id, at: location, first: first.location))
                continue
            }
            if !partnerships.contains(where: { $0.value.id == partnership }) {
                diagnostics.report(.unknownPartnership(partnership, school: id, at: partnershipValue.location))
            }
            schools.append((School(id: id, name: name, partnership: partnership), location))
        }

        var roster: [(value: RosterEntry, location: ConfigurationError.Location)] = []
        for element in file["roster"]?.sequence() ?? [] {
            guard let fields = element.mapping(keys: ["school", "wpb", "name"]) else { continue }
            let schoolValue = fields.required("school")
            let written = fields.required("wpb")?.string()
            let name = fields["name"]?.string()
            guard let schoolValue, let school = schoolValue.string(), let written else { continue }
            let supervisor = Identifier.normalized(written)
            let location = fields.location(of: "wpb")
            if let first = roster.first(where: { $0.value.supervisor == supervisor && $0.value.school == school }) {
                diagnostics.report(.duplicateID(kind: "roster entry", id: "\(supervisor) at \(school)", at: location,
                                                first: first.location))
                continue
            }
            if !schools.contains(where: { $0.value.id == school }) {
                diagnostics.report(.unknownSchool(school, supervisor: supervisor, at: schoolValue.location))
            }
            roster.append((RosterEntry(supervisor: supervisor, school: school, name: name), location))
        }

        guard diagnostics.errors.count == errorsBefore else { return nil }
        return Registry(partnerships: partnerships.map(\.value), schools: schools.map(\.value), roster: roster.map(\.value))
    }
}
