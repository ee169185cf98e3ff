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
    }

    /// The ledger id of a wpb of these scores.
    func id(_ subject: String) -> UInt64 { ids[subject] ?? 0 }
}
