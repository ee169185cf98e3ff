/// The wpb scores a release is made from, grouped the ways ``DisclosureControl`` looks them up, with each wpb's
/// ledger id worked out once.
struct ReleaseData {
    struct SubjectKey: Hashable { var subject: String, wave: String, area: String }

    let waves: [Wave]
    let areas: [CompetencyArea]
    let schools: [String]
    let partnerships: [String]
    let partnershipOfSchool: [String: String]
    let bySchoolWaveArea: [DisclosureControl.CellKey: [SubjectScore]]
    let bySubjectWaveArea: [SubjectKey: SubjectScore]
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
    private let ids: [String: UInt64]

    init(_ result: AnalysisResult, memberIDs: LedgerMemberIDs) {
        let scores = result.subjectScores.filter { $0.scope == .supervisors }
        let waveIDs = Set(scores.map(\.wave))
        waves = result.waves.filter { waveIDs.contains($0.id) }
        areas = result.supervisorAreas
        var bySchoolWaveArea: [DisclosureControl.CellKey: [SubjectScore]] = [:]
        var bySubjectWaveArea: [SubjectKey: SubjectScore] = [:]
        var partnershipOfSchool: [String: String] = [:]
        var ids: [String: UInt64] = [:]
        for score in scores {
            bySchoolWaveArea[DisclosureControl.CellKey(unit: score.school, wave: score.wave, area: score.area), default: []]
                .append(score)
            bySubjectWaveArea[SubjectKey(subject: score.subject, wave: score.wave, area: score.area)] = score
            if !score.partnership.isEmpty { partnershipOfSchool[score.school] = score.partnership }
            if ids[score.subject] == nil { ids[score.subject] = memberIDs.id(score.subject) }
        }
        self.bySchoolWaveArea = bySchoolWaveArea
        self.bySubjectWaveArea = bySubjectWaveArea
        self.partnershipOfSchool = partnershipOfSchool
        self.ids = ids
        schools = Set(scores.map(\.school)).sorted()
        partnerships = Set(partnershipOfSchool.values).sorted()
        threshold = result.settings.gapThreshold
        var items: [DisclosureControl.CellKey: [ItemGap]] = [:]
        var itemOrder: [String: Int] = [:]
        for gap in result.itemGaps where gap.scope == .supervisors {
            guard let school = bySubjectWaveArea[SubjectKey(subject: gap.subject, wave: gap.wave, area: gap.area)]?.school
            else { continue }
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

    /// The wpb wave before `wave` (the earlier end of its changes), if any.
    func wpbWave(before wave: Wave) -> Wave? { waves.last { $0.start < wave.start } }

    /// The ledger id of a wpb of these scores.
    func id(_ subject: String) -> UInt64 { ids[subject] ?? 0 }
}
