/// Partnerships, their schools, and optionally who supervises where (docs/configuration.md).
package struct Registry: Hashable, Sendable {
    package var partnerships: [Partnership]
    /// Sorted by id.
    package var schools: [School]
    /// Empty when the partnership keeps no roster; response rates then count what arrived.
    package var roster: [RosterEntry]

    package init(partnerships: [Partnership], schools: [School], roster: [RosterEntry] = []) {
        self.partnerships = partnerships.sorted { $0.id < $1.id }
        self.schools = schools.sorted { $0.id < $1.id }
        self.roster = roster
    }

    /// Binary search: both lists are sorted by id, and national runs look schools up per form.
    package func school(_ id: String) -> School? { Self.find(id, in: schools, id: \.id) }
    package func partnership(_ id: String) -> Partnership? { Self.find(id, in: partnerships, id: \.id) }

    private static func find<Element>(_ id: String, in sorted: [Element], id key: (Element) -> String) -> Element? {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if key(sorted[middle]) < id { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && key(sorted[low]) == id ? sorted[low] : nil
    }
    package var hasRoster: Bool { !roster.isEmpty }
}

/// A partnership (partnerschap) of schools and a teacher-training institute.
package struct Partnership: Hashable, Sendable {
    package var id: String
    package var name: String
    package init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// A training school (opleidingsschool); `id` is typically a BRIN code.
package struct School: Hashable, Sendable {
    package var id: String
    package var name: String
    package var partnership: String
    package init(id: String, name: String, partnership: String) {
        self.id = id
        self.name = name
        self.partnership = partnership
    }
}

/// A wpb expected to take part, at one school.
package struct RosterEntry: Hashable, Sendable {
    /// The identifier forms use for this wpb (usually an e-mail address), normalised.
    package var supervisor: String
    package var school: String
    /// For the coordinator's missing lists; never in researcher output or MT workbooks.
    package var name: String?
    /// Other identifiers forms use for the same wpb (a second address, a staff number), normalised;
    /// forms under them count as this wpb's.
    package var aliases: [String]

    package init(supervisor: String, school: String, name: String? = nil, aliases: [String] = []) {
        self.supervisor = supervisor
        self.school = school
        self.name = name
        self.aliases = aliases
    }
}
