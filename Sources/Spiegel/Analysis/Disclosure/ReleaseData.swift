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
    /// Each wpb's number, by its normalised identifier.
    private let subjects: [String: Int32]
    /// The mirrored-item gaps of the wpbs of a school × wave × area (the item's area), in the analysis's order.
    let itemGapsBySchoolWaveArea: [DisclosureControl.CellKey: [ItemGap]]
    /// The position of each self-scan item in the analysis's order, for listing items.
    let itemOrder: [String: Int]
    /// The gap threshold *T* item categories are taken with (docs/analysis.md §7).
    let threshold: Double
    /// The training-school scan: its conditions, the waves with scan data, and the scores per school × wave ×
    /// condition.
    let scanConditions: [CompetencyArea]
    let scanWaves: [Wave]
    let scanBySchoolWaveCondition: [DisclosureControl.CellKey: SubjectScore]
    /// Every wave with wpb or scan data, by date: the waves a night releases.
    let releaseWaves: [Wave]

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
        self.subjects = subjects
        self.positions = positions
        self.waveNumbers = waveNumbers
        self.areaNumbers = areaNumbers
        schools = Set(cells.keys.map(\.unit)).sorted()
        partnerships = Set(partnershipOfSchool.values).sorted()
        threshold = result.settings.gapThreshold
        var items: [DisclosureControl.CellKey: [ItemGap]] = [:]
        var itemOrder: [String: Int] = [:]
        for gap in result.itemGaps where gap.scope == .supervisors {
            guard
                let position = Self.position(
                    of: subjects[gap.subject], wave: waveNumbers[gap.wave], area: areaNumbers[gap.area], waves: waves.count,
                    areas: areas.count, in: positions)
            else { continue }
            let school = scores[position].school
            items[DisclosureControl.CellKey(unit: school, wave: gap.wave, area: gap.area), default: []].append(gap)
            if itemOrder[gap.item] == nil { itemOrder[gap.item] = itemOrder.count }
        }
        self.itemOrder = itemOrder
        itemGapsBySchoolWaveArea = items
        let scan = result.subjectScores.filter { $0.scope == .schools }
        scanConditions = result.schoolScanAreas
        let scanWaveIDs = Set(scan.map(\.wave))
        scanWaves = result.waves.filter { scanWaveIDs.contains($0.id) }
        scanBySchoolWaveCondition = Dictionary(
            scan.map { (DisclosureControl.CellKey(unit: $0.school, wave: $0.wave, area: $0.area), $0) }
        ) { first, _ in first }
        releaseWaves = result.waves.filter { waveIDs.contains($0.id) || scanWaveIDs.contains($0.id) }
    }

    /// The scores of one school, wave and area; `nil` when it has none.
    func scores(_ key: DisclosureControl.CellKey) -> [ScoreRef]? { cells[key] }

    /// The score behind `ref`.
    subscript(_ ref: ScoreRef) -> SubjectScore { scores[Int(ref.position)] }

    /// The ledger id of the wpb behind `ref`.
    func id(_ ref: ScoreRef) -> UInt64 { memberIDs[Int(subjectNumbers[Int(ref.position)])] }

    /// The same wpb's score in `wave` on the same area, if it has one.
    func score(of ref: ScoreRef, in wave: String) -> SubjectScore? {
        Self.position(
            of: subjectNumbers[Int(ref.position)], wave: waveNumbers[wave], area: areaNumbers[self[ref].area],
            waves: waves.count, areas: areas.count, in: positions
        ).map { scores[$0] }
    }

    /// The wpb wave before `wave` (the earlier end of its changes), if any.
    func wpbWave(before wave: Wave) -> Wave? { waves.last { $0.start < wave.start } }

    /// The ledger id of a wpb of these scores, by its normalised identifier.
    func id(_ subject: String) -> UInt64 { subjects[subject].map { memberIDs[Int($0)] } ?? 0 }

    /// Where in the analysis's scores wpb number `subject` has its score of one wave and area, if it has one.
    private static func position(
        of subject: Int32?, wave: Int?, area: Int?, waves: Int, areas: Int, in positions: [Int32]
    ) -> Int? {
        guard let subject, let wave, let area else { return nil }
        let position = positions[(Int(subject) * waves + wave) * areas + area]
        return position > 0 ? Int(position) - 1 : nil
    }
}
