/// Partnerships, their schools, and optionally who supervises where (docs/configuration.md).
struct Registry: Hashable, Sendable {
    var partnerships: [Partnership]
    /// Sorted by id.
    var schools: [School]
    /// Empty when the partnership keeps no roster; response rates then count what arrived.
    var roster: [RosterEntry]

    init(partnerships: [Partnership], schools: [School], roster: [RosterEntry] = []) {
        self.partnerships = partnerships.sorted { $0.id < $1.id }
        self.schools = schools.sorted { $0.id < $1.id }
        self.roster = roster
    }

    /// Binary search: both lists are sorted by id, and national runs look schools up per form.
    func school(_ id: String) -> School? { Self.find(id, in: schools, id: \.id) }
    func partnership(_ id: String) -> Partnership? { Self.find(id, in: partnerships, id: \.id) }

    private static func find<Element>(_ id: String, in sorted: [Element], id key: (Element) -> String) -> Element? {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if key(sorted[middle]) < id { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && key(sorted[low]) == id ? sorted[low] : nil
    }
    var hasRoster: Bool { !roster.isEmpty }
}

/// A partnership (partnerschap) of schools and a teacher-training institute.
struct Partnership: Hashable, Sendable {
    var id: String
    var name: String
    init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// A training school (opleidingsschool); `id` is typically a BRIN code.
struct School: Hashable, Sendable {
    var id: String
    var name: String
    var partnership: String
    init(id: String, name: String, partnership: String) {
        self.id = id
        self.name = name
        self.partnership = partnership
    }
}

/// A wpb expected to take part, at one school.
struct RosterEntry: Hashable, Sendable {
    /// The identifier forms use for this wpb (usually an e-mail address), normalised.
    var supervisor: String
    var school: String
    /// For the coordinator's missing lists; never in researcher output or MT workbooks.
    var name: String?
    /// Other identifiers forms use for the same wpb (a second address, a staff number), normalised;
    /// forms under them count as this wpb's.
    var aliases: [String]

    init(supervisor: String, school: String, name: String? = nil, aliases: [String] = []) {
        self.supervisor = supervisor
        self.school = school
        self.name = name
        self.aliases = aliases
    }
}
