import Foundation

/// Every subject in every wave in report order (scope, school, subject, wave), with its area scores.
///
/// Positions, not objects: per ordered subject a few integers, and per subject and area the index of its
/// ``SubjectScore`` (−1 where no role has a score), so the later steps of `finish()` walk arrays.
struct ScoredSubjects: Sendable {
    /// Per position: the analyzer's slot.
    var slots: [Int32] = []
    /// Per position: the school id (−1 for none) and the wave's rank.
    var school: [Int32] = []
    var waveRank: [Int32] = []
    /// Per scope: the ranks of the waves with at least one subject, in date order.
    var waveRanksWithData: [[Int32]] = []
    /// Per position: where its areas start in `scoreIndex`.
    var areaBase: [Int32] = []
    /// Per position and area: the index into `scores`, −1 for none.
    var scoreIndex: [Int32] = []
    var scores: [SubjectScore] = []

    var count: Int { slots.count }

    /// The score of the subject at `position` in `area`, if any role has one.
    func score(at position: Int, area: Int) -> SubjectScore? {
        let index = scoreIndex[Int(areaBase[position]) + area]
        return index >= 0 ? scores[Int(index)] : nil
    }
}

extension Analyzer {
    /// Subject scores per (subject, wave, area) (docs/analysis.md §4–§7), ordered by scope, school, subject, wave.
    func scoredSubjects(_ context: FinishContext) -> ScoredSubjects {
        let slots = states.slots
        // Sorting by integer ranks computed once is much cheaper than comparing Strings per comparison;
        // ranks follow the Strings' own order, so the result is the same.
        let order = slots.indices.sorted { a, b in
            let x = slots[a], y = slots[b]
            if x.scope != y.scope { return x.scope < y.scope }
            let xSchool = context.schoolRank(x.school), ySchool = context.schoolRank(y.school)
            if xSchool != ySchool { return xSchool < ySchool }
            let xSubject = context.subjectRank[Int(x.subject)], ySubject = context.subjectRank[Int(y.subject)]
            if xSubject != ySubject { return xSubject < ySubject }
            return context.waveRank[Int(x.wave)] < context.waveRank[Int(y.wave)]
        }
        var scored = ScoredSubjects()
        scored.slots.reserveCapacity(order.count)
        scored.school.reserveCapacity(order.count)
        scored.waveRank.reserveCapacity(order.count)
        scored.areaBase.reserveCapacity(order.count)
        let areaTotal = order.reduce(0) { $0 + layouts[slots[$1].scope].areas.count }
        scored.scoreIndex.reserveCapacity(areaTotal)
        scored.scores.reserveCapacity(areaTotal)
        for slotIndex in order {
            let slot = slots[slotIndex]
            let layout = layouts[slot.scope]
            let school = slot.school
            let partnership = context.partnership(ofSchool: school)
            scored.slots.append(Int32(slotIndex))
            scored.school.append(school)
            scored.waveRank.append(context.waveRank[Int(slot.wave)])
            scored.areaBase.append(Int32(scored.scoreIndex.count))
            let schoolName = school >= 0 ? schoolNames[school] : ""
            let partnershipName = partnership >= 0 ? context.partnershipNames[partnership] : ""
            for area in layout.areas.indices {
                guard
                    let score = subjectScore(
                        slot, area: area, layout: layout, school: schoolName,
                        partnership: partnershipName)
                else {
                    scored.scoreIndex.append(-1)
                    continue
                }
                scored.scoreIndex.append(Int32(scored.scores.count))
                scored.scores.append(score)
            }
        }
        scored.waveRanksWithData = layouts.indices.map { scope in
            Set(order.lazy.filter { slots[$0].scope == scope }.map { context.waveRank[Int(slots[$0].wave)] }).sorted()
        }
        return scored
    }

    private func subjectScore(
        _ slot: SubjectSlot, area: Int, layout: ScopeLayout, school: String,
        partnership: String
    ) -> SubjectScore? {
        var roleScores = RoleValues<Double>()
        var formCounts = RoleValues<Int>()
        for role in Role.allCases {
            guard let score = states.score(slot, role: role.position, area: area) else { continue }
            roleScores[role] = score
            formCounts[role] = states.formCount(slot, role: role.position, area: area)
        }
        guard !roleScores.isEmpty else { return nil }
        let selfScore = roleScores[.selfAssessment]
        let feedback = Self.feedback(of: roleScores)
        let gap = Self.difference(selfScore, feedback)
        var roleGaps = RoleValues<Double>()
        if let selfScore {
            for (role, score) in roleScores.present where role.isFeedback { roleGaps[role] = selfScore - score }
        }
        return SubjectScore(
            scope: layout.scope, subject: subjectNames[slot.subject], school: school, partnership: partnership,
            wave: waveNames[slot.wave], area: layout.areas[area].id, roleScoreValues: roleScores, feedback: feedback,
            gap: gap, roleGapValues: roleGaps,
            category: gap.map { GapCategory(gap: $0, threshold: settings.gapThreshold) }, formCountValues: formCounts)
    }

    /// The mean of the feedback roles present, each role once, summed in role order (docs/analysis.md §5).
    static func feedback(of roleScores: RoleValues<Double>) -> Double? {
        let scores = Role.allCases.filter(\.isFeedback).compactMap { roleScores[$0] }
        return scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count)
    }

    static func difference(_ a: Double?, _ b: Double?) -> Double? {
        guard let a, let b else { return nil }
        return a - b
    }

    /// Self item against the feedback items mirroring it, per subject and wave, in item order (docs/analysis.md §6).
    func itemGaps(_ scored: ScoredSubjects, _ context: FinishContext) -> [ItemGap] {
        var gaps: [ItemGap] = []
        for position in 0..<scored.count {
            let slot = states[Int(scored.slots[position])]
            let layout = layouts[slot.scope]
            guard let selfInstrument = layout.selfInstrument else { continue }
            for selfItem in layout.mirroredSelfItems {
                var roleScores: [Role: Double] = [:]
                for role in Role.allCases where slot.hasForm(role) {
                    if let score = states.mirrorScore(slot, role: role.position, selfItem: selfItem) { roleScores[role] = score }
                }
                guard !roleScores.isEmpty else { continue }
                let item = selfInstrument.items[selfItem]
                let selfScore = roleScores.removeValue(forKey: .selfAssessment)
                let feedback = Self.feedback(of: RoleValues(roleScores))
                gaps.append(
                    ItemGap(
                        subject: subjectNames[slot.subject], wave: waveNames[slot.wave], item: item.id,
                        area: item.area, selfScore: selfScore,
                        roleScores: roleScores, feedback: feedback, gap: Self.difference(selfScore, feedback),
                        scope: layout.scope))
            }
        }
        return gaps
    }

    /// Item means per subject, wave, instrument, item and role, for personal workbooks.
    func itemScores(_ scored: ScoredSubjects, _ context: FinishContext) -> [SubjectItemScore] {
        var result: [SubjectItemScore] = []
        for position in 0..<scored.count {
            let slotIndex = Int(scored.slots[position])
            guard let roles = details[slotIndex] else { continue }
            let slot = states[slotIndex]
            let tallies = roles.flatMap { role, detail in
                detail.itemTallies.map { (role: role, instrument: $0.key, tally: $0.value) }
            }
            for instrumentId in Set(tallies.map(\.instrument)).sorted() {
                guard let instrument = instruments[instrumentId] else { continue }
                let ofInstrument = tallies.filter { $0.instrument == instrumentId }.sorted { $0.role < $1.role }
                for (index, item) in instrument.items.enumerated() {
                    for entry in ofInstrument where index < entry.tally.counts.count && entry.tally.counts[index] > 0 {
                        let n = entry.tally.counts[index]
                        result.append(
                            SubjectItemScore(
                                subject: subjectNames[slot.subject], wave: waveNames[slot.wave], instrument: instrumentId,
                                item: item.id, role: entry.role, mean: Double(entry.tally.sums[index]) / Double(n), n: n))
                    }
                }
            }
        }
        return result
    }

    /// Feed-forward comments per subject and wave, by role, question, then submission.
    func subjectComments(_ scored: ScoredSubjects, _ context: FinishContext) -> [SubjectComment] {
        var result: [SubjectComment] = []
        for position in 0..<scored.count {
            let slotIndex = Int(scored.slots[position])
            guard let roles = details[slotIndex] else { continue }
            let slot = states[slotIndex]
            for role in roles.keys.sorted() {
                let ordered = (roles[role]?.comments ?? []).sorted {
                    ($0.questionIndex, $0.submittedAt, $0.origin) < ($1.questionIndex, $1.submittedAt, $1.origin)
                }
                for comment in ordered {
                    result.append(
                        SubjectComment(
                            subject: subjectNames[slot.subject], wave: waveNames[slot.wave], role: role,
                            question: comment.question, text: comment.text))
                }
            }
        }
        return result
    }
}
