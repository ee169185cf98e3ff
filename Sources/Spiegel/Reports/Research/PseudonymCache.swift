/// Remembers pseudonyms already computed: a million forms come from far fewer people.
///
/// Bounded, so memory follows the number of people at most, never the number of forms. The last answer is kept
/// apart as well: `subject_scores.csv` asks for one subject several times in a row (once per area), and an equal
/// string is cheaper to compare than to hash.
struct PseudonymCache {
    static let capacity = 100_000
    let pseudonymizer: Pseudonymizer
    private var known: [String: String] = [:]
    private var last: (identifier: String, pseudonym: String)?

    init(pseudonymizer: Pseudonymizer) {
        self.pseudonymizer = pseudonymizer
    }

    subscript(identifier: String) -> String {
        mutating get {
            if let last, last.identifier == identifier { return last.pseudonym }
            let pseudonym = known[identifier] ?? computed(identifier)
            last = (identifier, pseudonym)
            return pseudonym
        }
    }

    private mutating func computed(_ identifier: String) -> String {
        let pseudonym = pseudonymizer.pseudonym(for: identifier)
        if known.count >= Self.capacity { known.removeAll(keepingCapacity: true) }
        known[identifier] = pseudonym
        return pseudonym
    }
}
