/// A respondent's or subject's identifier as a small integer: its number in the run's ``PersonDirectory``.
package struct PersonID: Hashable, Sendable {
    package let index: Int32
}

/// Every respondent and subject identifier of a run, numbered once by ingest in order of first appearance, so
/// later stages (duplicates, pseudonyms) look a person up by integer instead of hashing their address again.
package struct PersonDirectory: Sendable {
    /// Identifier by number.
    package private(set) var names: [String] = []
    private var numbers: [String: PersonID] = [:]

    package init() {}

    package var count: Int { names.count }

    /// The number of `name`, given it the first time it is seen.
    package mutating func id(of name: String) -> PersonID {
        if let known = numbers[name] { return known }
        let id = PersonID(index: Int32(names.count))
        names.append(name)
        numbers[name] = id
        return id
    }

    /// The number of `name` if ingest saw it.
    package func existingID(of name: String) -> PersonID? { numbers[name] }

    package subscript(id: PersonID) -> String { names[Int(id.index)] }
}

/// The respondent and subject numbers of a run's forms, parallel to ``IngestResult/forms``.
package struct PersonColumns: Sendable {
    package var directory = PersonDirectory()
    package var respondents: [PersonID] = []
    package var subjects: [PersonID] = []

    package init() {}
}
