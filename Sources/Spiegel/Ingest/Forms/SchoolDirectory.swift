/// Finds a registry school from what an export writes, and where a wpb works according to the roster.
struct SchoolDirectory: Sendable {
    /// Normalised id or name → school id. Ids win over names when a name equals another school's id.
    private var schools: [String: String] = [:]
    /// Normalised wpb identifier → school id.
    private var roster: [String: String] = [:]
    /// Normalised alias → the wpb's identifier on the roster.
    private var aliases: [String: String] = [:]
    /// Roster identifiers by their length in characters, for "did you mean": only entries within two characters of
    /// an unknown wpb's length can be two edits away, and counting 20,000 lengths per suggestion was most of its cost.
    private var rosterByLength: [Int: [[Character]]] = [:]
    let hasRoster: Bool

    init(registry: Registry) {
        for school in registry.schools { schools[AnswerMapper.normalize(school.name)] = school.id }
        for school in registry.schools { schools[AnswerMapper.normalize(school.id)] = school.id }
        for entry in registry.roster {
            roster[Identifier.normalized(entry.supervisor)] = entry.school
            for alias in entry.aliases { aliases[alias] = entry.supervisor }
        }
        for entry in roster.keys { rosterByLength[entry.count, default: []].append(Array(entry)) }
        hasRoster = registry.hasRoster
    }

    /// The id of the school whose id or name is `text`, ignoring case and spaces.
    func school(matching text: String) -> String? { schools[AnswerMapper.normalize(text)] }

    /// The roster's identifier for a (normalised) identifier that may be one of a wpb's aliases.
    func canonical(_ identifier: String) -> String { aliases.isEmpty ? identifier : aliases[identifier] ?? identifier }

    /// The school the roster places a (normalised) wpb at.
    func rosterSchool(of supervisor: String) -> String? { roster[supervisor] }

    /// Unknown wpbs per file that get a "did you mean": each suggestion scans the roster, so a file whose every
    /// row names an unknown wpb (a wrong column, a lost roster) costs at most this many scans, not one per row.
    /// So many unknown wpbs in one file are no typos anyway.
    static let suggestionsPerFile = 100

    /// The advice for unknown wpbs beyond ``suggestionsPerFile`` in one file.
    static let noSuggestion =
        "add them to the roster or correct the address (no \"did you mean\" beyond the file's first "
        + "\(suggestionsPerFile) unknown wpbs: so many suggest a wrong column or a missing roster, not typos)."

    /// The roster identifier one or two typing mistakes away from `supervisor`, when exactly one is that close
    /// (two equally near would be a guess). Scans the roster, so callers ration it (``suggestionsPerFile``).
    func nearestRosterEntry(to supervisor: String) -> String? {
        let typed = Array(supervisor)
        var best: (entry: [Character], distance: Int, tie: Bool)?
        for length in (typed.count - 2)...(typed.count + 2) {
            for entry in rosterByLength[length] ?? [] {
                // Bounded by the best so far: an entry further away cannot change the answer.
                guard let distance = Spelling.editDistance(typed, entry, atMost: min(2, best?.distance ?? 2)) else { continue }
                if let current = best, current.distance <= distance {
                    if current.distance == distance { best?.tie = true }
                    continue
                }
                best = (entry, distance, false)
            }
        }
        guard let best, !best.tie else { return nil }
        return String(best.entry)
    }
}
