extension Analyzer {
    /// Subject scores per (subject, wave, area) (SPEC §4.4–4.7), ordered by scope, school, subject, wave.
    func scoredSubjects(_ context: FinishContext) -> [ScoredSubject] {
        // Sorting by integer ranks computed once is much cheaper than comparing Strings per comparison;
        // ranks follow the Strings' own order, so the result is the same.
        let schoolOrder = Self.ranks(of: Set(subjects.values.lazy.map(\.school)))
        let subjectOrder = Self.ranks(of: Set(subjects.keys.lazy.map(\.subject)))
        let partnershipOrder = Self.ranks(of: Set(context.partnershipOfSchool.values))
        var scored: [ScoredSubject] = []
        scored.reserveCapacity(subjects.count)
        for (key, state) in subjects {
            guard let layout = layouts[key.scope] else { continue }
            let school = state.school
            let partnership = context.partnershipOfSchool[school]
            let scores = layout.areas.indices.map { area in
                subjectScore(key: key, state: state, school: school, partnership: partnership, area: area, layout: layout)
            }
            scored.append(ScoredSubject(key: key, school: school, partnership: partnership,
                                        waveRank: context.rank(key.wave), state: state, scores: scores,
                                        order: SubjectOrder(scope: Self.scopeRank(key.scope), school: schoolOrder[school] ?? 0,
                                                            subject: subjectOrder[key.subject] ?? 0,
                                                            partnership: partnership.flatMap { partnershipOrder[$0] })))
        }
        scored.sort { a, b in
            (a.order.scope, a.order.school, a.order.subject, a.waveRank)
                < (b.order.scope, b.order.school, b.order.subject, b.waveRank)
        }
        return scored
    }

    /// Each String's position among `values` in String order.
    static func ranks(of values: Set<String>) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: values.sorted().enumerated().map { ($0.element, $0.offset) })
    }

    static func scopeRank(_ scope: AnalysisScope) -> Int { AnalysisScope.allCases.firstIndex(of: scope) ?? 0 }

    private func subjectScore(key: SubjectKey, state: SubjectAccumulator, school: String, partnership: String?,
                              area: Int, layout: ScopeLayout) -> SubjectScore? {
        var roleScores = RoleValues<Double>()
        var formCounts = RoleValues<Int>()
        for (role, accumulator) in state.roles {
            guard let score = accumulator.score(area: area) else { continue }
            roleScores[role] = score
            formCounts[role] = accumulator.areaCounts[area]
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
            scope: key.scope, subject: key.subject, school: school, partnership: partnership ?? "", wave: key.wave,
            area: layout.areas[area].id, roleScoreValues: roleScores, feedback: feedback, gap: gap,
            roleGapValues: roleGaps, category: gap.map { GapCategory.classify($0, threshold: settings.gapThreshold) },
            formCountValues: formCounts)
    }

    /// The mean of the feedback roles present, each role once, summed in role order (SPEC §4.5).
    static func feedback(of roleScores: RoleValues<Double>) -> Double? {
        let scores = Role.allCases.filter(\.isFeedback).compactMap { roleScores[$0] }
        return scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count)
    }

    /// The mean of the feedback roles present, each role once, summed in role order (SPEC §4.5).
    static func feedback(of roleScores: [Role: Double]) -> Double? {
        let scores = Role.allCases.filter(\.isFeedback).compactMap { roleScores[$0] }
        return scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count)
    }

    static func difference(_ a: Double?, _ b: Double?) -> Double? {
        guard let a, let b else { return nil }
        return a - b
    }

    /// Self item against the feedback items mirroring it, per subject and wave, in item order (SPEC §4.6).
    func itemGaps(_ scored: [ScoredSubject]) -> [ItemGap] {
        var gaps: [ItemGap] = []
        for subject in scored {
            guard let layout = layouts[subject.key.scope], let selfInstrument = layout.selfInstrument else { continue }
            for selfItem in layout.mirroredSelfItems {
                var roleScores: [Role: Double] = [:]
                for (role, accumulator) in subject.state.roles {
                    if let score = accumulator.mirrorScore(selfItem: selfItem) { roleScores[role] = score }
                }
                guard !roleScores.isEmpty else { continue }
                let item = selfInstrument.items[selfItem]
                let selfScore = roleScores.removeValue(forKey: .selfAssessment)
                let feedback = Self.feedback(of: roleScores)
                gaps.append(ItemGap(
                    subject: subject.key.subject, wave: subject.key.wave, item: item.id,
                    area: item.area, selfScore: selfScore,
                    roleScores: roleScores, feedback: feedback, gap: Self.difference(selfScore, feedback),
                    scope: subject.key.scope))
            }
        }
        return gaps
    }

    /// Item means per subject, wave, instrument, item and role, for personal workbooks.
    func itemScores(_ scored: [ScoredSubject]) -> [SubjectItemScore] {
        var result: [SubjectItemScore] = []
        for subject in scored {
            let tallies = subject.state.roles.flatMap { role, accumulator in
                accumulator.itemTallies.map { (role: role, instrument: $0.key, tally: $0.value) }
            }
            for instrumentId in Set(tallies.map(\.instrument)).sorted() {
                guard let instrument = instruments[instrumentId] else { continue }
                let ofInstrument = tallies.filter { $0.instrument == instrumentId }.sorted { $0.role < $1.role }
                for (index, item) in instrument.items.enumerated() {
                    for entry in ofInstrument where index < entry.tally.counts.count && entry.tally.counts[index] > 0 {
                        let n = entry.tally.counts[index]
                        result.append(SubjectItemScore(
                            subject: subject.key.subject, wave: subject.key.wave, instrument: instrumentId, item: item.id,
                            role: entry.role, mean: Double(entry.tally.sums[index]) / Double(n), n: n))
                    }
                }
            }
        }
        return result
    }

    /// Feed-forward comments per subject and wave, by role, question, then submission.
    func subjectComments(_ scored: [ScoredSubject]) -> [SubjectComment] {
        var result: [SubjectComment] = []
        for subject in scored {
            for role in subject.state.roles.keys.sorted() {
                let comments = subject.state.roles[role]?.comments ?? []
                let ordered = comments.sorted {
                    ($0.questionIndex, $0.submittedAt, $0.origin) < ($1.questionIndex, $1.submittedAt, $1.origin)
                }
                for comment in ordered {
                    result.append(SubjectComment(subject: subject.key.subject, wave: subject.key.wave, role: role,
                                                 question: comment.question, text: comment.text))
                }
            }
        }
        return result
    }
}
