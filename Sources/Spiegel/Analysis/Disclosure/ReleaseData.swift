/// The wpb scores a release is made from, grouped the ways ``DisclosureControl`` looks them up, with each wpb's
/// ledger id worked out once.
///
/// At ten years this holds over a million scores: it keeps positions into the analysis's array rather than
/// copies, and finds a wpb's score in another wave through a flat table of small integers instead of a
/// dictionary keyed by three strings (which cost a quarter of the release's time).
struct ReleaseData {
    /// A supervisor score: its position in the analysis's ``AnalysisResult/subjectScores``.
    struct ScoreRef: Hashable {
        fileprivate var position: Int32
    }

    let waves: [Wave]
    let areas: [CompetencyArea]
    let schools: [String]
    let partnerships: [String]
    let partnershipOfSchool: [String: String]
    private let scores: [SubjectScore]
    private let cells: [DisclosureControl.CellKey: [ScoreRef]]
    /// Per score position: the wpb's number (an index into `memberIDs`), or −1 for a school-scan score.
    private let subjectNumbers: [Int32]
    private let memberIDs: [UInt64]
    /// Per wpb number × wave × area: the position of its score + 1, or 0 when it has none.
    private let positions: [Int32]
    private let waveNumbers: [String: Int]
    private let areaNumbers: [String: Int]

    init(_ result: AnalysisResult, memberIDs ledgerIDs: LedgerMemberIDs) {
        let scores = result.subjectScores
        let supervisor = scores.indices.filter { scores[$0].scope == .supervisors }
        let waveIDs = Set(supervisor.map { scores[$0].wave })
        let waves = result.waves.filter { waveIDs.contains($0.id) }
        let areas = result.supervisorAreas
        let waveNumbers = Dictionary(uniqueKeysWithValues: waves.enumerated().map { ($1.id, $0) })
        let areaNumbers = Dictionary(uniqueKeysWithValues: areas.enumerated().map { ($1.id, $0) })
        var cells: [DisclosureControl.CellKey: [ScoreRef]] = [:]
        var partnershipOfSchool: [String: String] = [:]
        var subjects: [String: Int32] = [:]
        var memberIDs: [UInt64] = []
        var subjectNumbers = [Int32](repeating: -1, count: scores.count)
        for position in supervisor {
            let score = scores[position]
            cells[DisclosureControl.CellKey(unit: score.school, wave: score.wave, area: score.area), default: []]
                .append(ScoreRef(position: Int32(position)))
            if let known = subjects[score.subject] {
                subjectNumbers[position] = known
            } else {
                subjects[score.subject] = Int32(memberIDs.count)
                subjectNumbers[position] = Int32(memberIDs.count)
                memberIDs.append(ledgerIDs.id(score.subject))
            }
        }
        for (key, refs) in cells where partnershipOfSchool[key.unit] == nil {
            if let partnership = refs.lazy.map({ scores[Int($0.position)].partnership }).first(where: { !$0.isEmpty }) {
                partnershipOfSchool[key.unit] = partnership
            }
        }
        var positions = [Int32](repeating: 0, count: memberIDs.count * waves.count * areas.count)
        for (key, refs) in cells {
            guard let wave = waveNumbers[key.wave], let area = areaNumbers[key.area] else { continue }
            for ref in refs {
                let slot = (Int(subjectNumbers[Int(ref.position)]) * waves.count + wave) * areas.count + area
                // A wpb with two scores of one wave and area (two schools) is found by its last, as the analysis lists them.
                positions[slot] = max(positions[slot], ref.position + 1)
            }
        }
        self.scores = scores
        self.waves = waves
        self.areas = areas
        self.cells = cells
        self.partnershipOfSchool = partnershipOfSchool
        self.subjectNumbers = subjectNumbers
        self.memberIDs = memberIDs
        self.positions = positions
        self.waveNumbers = waveNumbers
        self.areaNumbers = areaNumbers
        schools = Set(cells.keys.map(\.unit)).sorted()
        partnerships = Set(partnershipOfSchool.values).sorted()
    }

    /// The scores of one school, wave and area; `nil` when it has none.
    func scores(_ key: DisclosureControl.CellKey) -> [ScoreRef]? { cells[key] }

    /// The score behind `ref`.
    subscript(_ ref: ScoreRef) -> SubjectScore { scores[Int(ref.position)] }

    /// The ledger id of the wpb behind `ref`.
    func id(_ ref: ScoreRef) -> UInt64 { memberIDs[Int(subjectNumbers[Int(ref.position)])] }

    /// The same wpb's score in `wave` on the same area, if it has one.
    func score(of ref: ScoreRef, in wave: String) -> SubjectScore? {
        let subject = Int(subjectNumbers[Int(ref.position)])
        guard let wave = waveNumbers[wave], let area = areaNumbers[self[ref].area] else { return nil }
        let position = positions[(subject * waves.count + wave) * areas.count + area]
        return position > 0 ? scores[Int(position) - 1] : nil
    }
}
