/// Pseudonyms computed once per person and looked up by integer (issue 26).
///
/// Ingest numbers every respondent and subject (``PersonDirectory``); the forms writer asks by that number, so a
/// million forms cost an array lookup each and one HMAC per person, not a hash of an e-mail address per form.
/// The results writers, which carry identifiers as text, share the same table after the forms writer filled it.
/// Identifiers ingest never numbered (forms made by hand in tests) get their own entries as they come.
struct PseudonymTable: Sendable {
    let pseudonymizer: Pseudonymizer
    private var directory: PersonDirectory
    /// By person number; `nil` until first asked.
    private var pseudonyms: [String?]
    private var last: (identifier: String, pseudonym: String)?

    init(pseudonymizer: Pseudonymizer, directory: PersonDirectory = PersonDirectory()) {
        self.pseudonymizer = pseudonymizer
        self.directory = directory
        pseudonyms = Array(repeating: nil, count: directory.count)
    }

    /// The pseudonym of person `id`, computed the first time.
    mutating func pseudonym(of id: PersonID) -> String {
        let index = Int(id.index)
        if let known = pseudonyms[index] { return known }
        let pseudonym = pseudonymizer.pseudonym(for: directory[id])
        pseudonyms[index] = pseudonym
        return pseudonym
    }

    /// The pseudonym of `identifier`; consecutive rows of one person (a subject's areas) skip the lookup.
    subscript(identifier: String) -> String {
        mutating get {
            if let last, last.identifier == identifier { return last.pseudonym }
            let id = directory.existingID(of: identifier) ?? added(identifier)
            let pseudonym = pseudonym(of: id)
            last = (identifier, pseudonym)
            return pseudonym
        }
    }

    private mutating func added(_ identifier: String) -> PersonID {
        let id = directory.id(of: identifier)
        pseudonyms.append(nil)
        return id
    }
}
