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
    /// A mirrored-item gap: its position in the analysis's ``AnalysisResult/itemGaps``, and its wpb's number.
    struct ItemRef {
        fileprivate var position: Int32
        fileprivate var subject: Int32
    }

    private let itemGaps: [ItemGap]
    /// The mirrored-item gaps of the wpbs of a school × wave × area (the item's area), in the analysis's order.
    private let itemCells: [DisclosureControl.CellKey: [ItemRef]]
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
        var waveIDs = Set<String>()
        var lastWave: String? = nil
        for position in supervisor where scores[position].wave != lastWave {
            lastWave = scores[position].wave
            waveIDs.insert(scores[position].wave)
        }
        waves = result.waves.filter { waveIDs.contains($0.id) }
        areas = result.supervisorAreas
        waveNumbers = Dictionary(uniqueKeysWithValues: waves.enumerated().map { ($1.id, $0) })
        areaNumbers = Dictionary(uniqueKeysWithValues: areas.enumerated().map { ($1.id, $0) })
        let grouped = Self.group(scores, supervisor, waves: waves, areas: areas, ledgerIDs: ledgerIDs)
        self.scores = scores
        cells = grouped.cells
        subjectNumbers = grouped.subjectNumbers
        memberIDs = grouped.memberIDs
        subjects = grouped.subjects
        var partnershipOfSchool: [String: String] = [:]
        for (key, refs) in cells where partnershipOfSchool[key.unit] == nil {
            if let partnership = refs.lazy.map({ scores[Int($0.position)].partnership }).first(where: { !$0.isEmpty }) {
                partnershipOfSchool[key.unit] = partnership
            }
        }
        self.partnershipOfSchool = partnershipOfSchool
        positions = Self.positions(
            of: cells, subjectNumbers: subjectNumbers, members: memberIDs.count, waveNumbers: waveNumbers,
            areaNumbers: areaNumbers)
        schools = Set(cells.keys.map(\.unit)).sorted()
        partnerships = Set(partnershipOfSchool.values).sorted()
        threshold = result.settings.gapThreshold
        itemGaps = result.itemGaps
        (itemCells, itemOrder) = Self.itemCells(
            itemGaps, scores: scores, subjects: subjects, waveNumbers: waveNumbers, areaNumbers: areaNumbers,
            positions: positions, waves: waves.count, areas: areas.count)
        let scan = result.subjectScores.filter { $0.scope == .schools }
        scanConditions = result.schoolScanAreas
        let scanWaveIDs = Set(scan.map(\.wave))
        scanWaves = result.waves.filter { scanWaveIDs.contains($0.id) }
        scanBySchoolWaveCondition = Dictionary(
            scan.map { (DisclosureControl.CellKey(unit: $0.school, wave: $0.wave, area: $0.area), $0) }
        ) { first, _ in first }
        releaseWaves = result.waves.filter { waveIDs.contains($0.id) || scanWaveIDs.contains($0.id) }
    }

    /// The supervisor scores at `supervisor` positions grouped by school × wave × area, and their wpbs numbered,
    /// each with its ledger id.
    private static func group(
        _ scores: [SubjectScore], _ supervisor: [Int], waves: [Wave], areas: [CompetencyArea], ledgerIDs: LedgerMemberIDs
    ) -> (
        cells: [DisclosureControl.CellKey: [ScoreRef]], subjectNumbers: [Int32], memberIDs: [UInt64], subjects: [String: Int32]
    ) {
        let waveNumbers = Dictionary(uniqueKeysWithValues: waves.enumerated().map { ($1.id, $0) })
        var cells: [DisclosureControl.CellKey: [ScoreRef]] = [:]
        var subjects: [String: Int32] = [:]
        var memberIDs: [UInt64] = []
        var subjectNumbers = [Int32](repeating: -1, count: scores.count)
        // Cells are numbered (school × wave × area) and filled in a flat table; the school, wave and wpb of the
        // score before are tried first, so most scores hash no string (and no score is copied whole). A score of
        // an area the analysis does not list (none should be) goes to the dictionary directly.
        var schoolNames: [String] = []
        var schoolNumbers: [String: Int] = [:]
        var cellRefs: [[ScoreRef]] = []
        let cellsPerSchool = waves.count * areas.count
        var lastSchool: (text: String, number: Int) = ("", -1)
        var lastScoreWave: (text: String, number: Int) = ("", -1)
        var lastSubject: (text: String, number: Int32)? = nil
        for position in supervisor {
            let ref = ScoreRef(position: Int32(position))
            if lastSchool.number < 0 || lastSchool.text != scores[position].school {
                let school = scores[position].school
                if let known = schoolNumbers[school] {
                    lastSchool = (school, known)
                } else {
                    schoolNumbers[school] = schoolNames.count
                    lastSchool = (school, schoolNames.count)
                    schoolNames.append(school)
                    cellRefs += repeatElement([], count: cellsPerSchool)
                }
            }
            if lastScoreWave.number < 0 || lastScoreWave.text != scores[position].wave {
                lastScoreWave = (scores[position].wave, waveNumbers[scores[position].wave] ?? -1)
            }
            if lastScoreWave.number >= 0, let area = areas.firstIndex(where: { $0.id == scores[position].area }) {
                cellRefs[lastSchool.number * cellsPerSchool + lastScoreWave.number * areas.count + area].append(ref)
            } else {
                cells[
                    DisclosureControl.CellKey(
                        unit: scores[position].school, wave: scores[position].wave, area: scores[position].area),
                    default: []
                ].append(ref)
            }
            let subject = scores[position].subject
            if let lastSubject, lastSubject.text == subject {
                subjectNumbers[position] = lastSubject.number
            } else if let known = subjects[subject] {
                subjectNumbers[position] = known
                lastSubject = (subject, known)
            } else {
                let number = Int32(memberIDs.count)
                subjects[subject] = number
                subjectNumbers[position] = number
                memberIDs.append(ledgerIDs.id(subject))
                lastSubject = (subject, number)
            }
        }
        for (school, name) in schoolNames.enumerated() {
            for (wave, waveID) in waves.enumerated() {
                for (area, areaID) in areas.enumerated() {
                    let refs = cellRefs[school * cellsPerSchool + wave * areas.count + area]
                    guard !refs.isEmpty else { continue }
                    cells[DisclosureControl.CellKey(unit: name, wave: waveID.id, area: areaID.id)] = refs
                }
            }
        }
        return (cells, subjectNumbers, memberIDs, subjects)
    }

    /// Per wpb number × wave × area, the position of its score + 1 (0 when it has none).
    private static func positions(
        of cells: [DisclosureControl.CellKey: [ScoreRef]], subjectNumbers: [Int32], members: Int,
        waveNumbers: [String: Int], areaNumbers: [String: Int]
    ) -> [Int32] {
        let waves = waveNumbers.count, areas = areaNumbers.count
        var positions = [Int32](repeating: 0, count: members * waves * areas)
        for (key, refs) in cells {
            guard let wave = waveNumbers[key.wave], let area = areaNumbers[key.area] else { continue }
            for ref in refs {
                let slot = (Int(subjectNumbers[Int(ref.position)]) * waves + wave) * areas + area
                // A wpb with two scores of one wave and area (two schools) is found by its last, as the analysis lists them.
                positions[slot] = max(positions[slot], ref.position + 1)
            }
        }
        return positions
    }

    /// The mirrored-item gaps of the wpbs of each school × wave × area, and the self-scan items in order.
    ///
    /// Positions rather than copies of the item gaps (each holds four strings and a dictionary), the wpb's number
    /// with each; the strings of the gap before are tried first, as for the scores.
    private static func itemCells(
        _ gaps: [ItemGap], scores: [SubjectScore], subjects: [String: Int32], waveNumbers: [String: Int],
        areaNumbers: [String: Int], positions: [Int32], waves: Int, areas: Int
    ) -> (cells: [DisclosureControl.CellKey: [ItemRef]], order: [String: Int]) {
        var items: [DisclosureControl.CellKey: [ItemRef]] = [:]
        var itemOrder: [String: Int] = [:]
        var lastCell: (key: DisclosureControl.CellKey, refs: [ItemRef])? = nil
        var lastGapSubject: (text: String, number: Int32?) = ("", nil)
        var lastGapWave: (text: String, number: Int?) = ("", nil)
        var lastArea: (text: String, number: Int?) = ("", nil)
        for index in gaps.indices where gaps[index].scope == .supervisors {
            if lastGapSubject.number == nil || lastGapSubject.text != gaps[index].subject {
                lastGapSubject = (gaps[index].subject, subjects[gaps[index].subject])
            }
            if lastGapWave.number == nil || lastGapWave.text != gaps[index].wave {
                lastGapWave = (gaps[index].wave, waveNumbers[gaps[index].wave])
            }
            if lastArea.number == nil || lastArea.text != gaps[index].area {
                lastArea = (gaps[index].area, areaNumbers[gaps[index].area])
            }
            guard
                let subject = lastGapSubject.number,
                let position = position(
                    of: subject, wave: lastGapWave.number, area: lastArea.number, waves: waves, areas: areas,
                    in: positions)
            else { continue }
            let key = DisclosureControl.CellKey(unit: scores[position].school, wave: gaps[index].wave, area: gaps[index].area)
            if lastCell?.key != key {
                if let lastCell { items[lastCell.key] = lastCell.refs }
                lastCell = (key, items.removeValue(forKey: key) ?? [])
            }
            lastCell?.refs.append(ItemRef(position: Int32(index), subject: subject))
            if itemOrder[gaps[index].item] == nil { itemOrder[gaps[index].item] = itemOrder.count }
        }
        if let lastCell { items[lastCell.key] = lastCell.refs }
        return (items, itemOrder)
    }

    /// The scores of one school, wave and area; `nil` when it has none.
    func scores(_ key: DisclosureControl.CellKey) -> [ScoreRef]? { cells[key] }

    /// The score behind `ref`.
    subscript(_ ref: ScoreRef) -> SubjectScore { scores[Int(ref.position)] }

    /// The ledger id of the wpb behind `ref`.
    func id(_ ref: ScoreRef) -> UInt64 { memberIDs[Int(subjectNumbers[Int(ref.position)])] }

    /// Fields of the score behind `ref`, read in place (a whole ``SubjectScore`` copied retains five strings).
    func gap(_ ref: ScoreRef) -> Double? { scores[Int(ref.position)].gap }
    func selfScore(_ ref: ScoreRef) -> Double? { scores[Int(ref.position)].roleScoreValues[.selfAssessment] }
    func feedback(_ ref: ScoreRef) -> Double? { scores[Int(ref.position)].feedback }
    func roleScore(_ ref: ScoreRef, _ role: Role) -> Double? { scores[Int(ref.position)].roleScoreValues[role] }
    func category(_ ref: ScoreRef) -> GapCategory? { scores[Int(ref.position)].category }
    func school(_ ref: ScoreRef) -> String { scores[Int(ref.position)].school }
    func area(_ ref: ScoreRef) -> String { scores[Int(ref.position)].area }

    /// A wave's number in ``waves``, to find scores of that wave with ``score(of:inWave:)``.
    func waveNumber(_ wave: String) -> Int? { waveNumbers[wave] }

    /// An area's number in ``areas``.
    func areaNumber(_ area: String) -> Int? { areaNumbers[area] }

    /// The same wpb's score in wave number `wave` (``waveNumber(_:)``) on area number `area` (``areaNumber(_:)``,
    /// the area of `ref`), if it has one.
    func score(of ref: ScoreRef, inWave wave: Int?, area: Int?) -> ScoreRef? {
        Self.position(
            of: subjectNumbers[Int(ref.position)], wave: wave, area: area, waves: waves.count, areas: areas.count,
            in: positions
        ).map { ScoreRef(position: Int32($0)) }
    }

    /// The mirrored-item gaps of the wpbs of a school × wave × area (the item's area); `nil` when it has none.
    func itemGaps(_ key: DisclosureControl.CellKey) -> [ItemRef]? { itemCells[key] }

    /// Fields of the item gap behind `ref`, read in place.
    func item(_ ref: ItemRef) -> String { itemGaps[Int(ref.position)].item }
    func itemSelf(_ ref: ItemRef) -> Double? { itemGaps[Int(ref.position)].selfScore }
    func itemFeedback(_ ref: ItemRef) -> Double? { itemGaps[Int(ref.position)].feedback }
    func itemGap(_ ref: ItemRef) -> Double? { itemGaps[Int(ref.position)].gap }

    /// The ledger id of the wpb behind an item gap.
    func id(_ ref: ItemRef) -> UInt64 { memberIDs[Int(ref.subject)] }

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
