extension Analyzer {
    /// Later − earlier per (subject, area) between consecutive waves with data in the scope, for subjects
    /// present in both (SPEC §4.11). A subject skipping a wave has no change across the gap.
    func subjectChanges(_ scored: [ScoredSubject], _ context: FinishContext) -> [ScoredChange] {
        var byKey: [SubjectKey: ScoredSubject] = [:]
        for subject in scored { byKey[subject.key] = subject }
        var changes: [ScoredChange] = []
        for scope in AnalysisScope.allCases {
            let waves = wavesWithData(in: scope, scored, context)
            let previous = Dictionary(uniqueKeysWithValues: zip(waves.dropFirst(), waves))
            // `scored` is in school, subject, wave order, so the changes come out in that order too.
            for later in scored where later.key.scope == scope {
                guard let fromWave = previous[later.key.wave],
                      let earlier = byKey[SubjectKey(scope: scope, wave: fromWave, subject: later.key.subject)],
                      let layout = layouts[scope] else { continue }
                for area in layout.areas.indices {
                    let before = earlier.scores[area], after = later.scores[area]
                    let selfChange = Self.difference(after?.selfScore, before?.selfScore)
                    let feedbackChange = Self.difference(after?.feedback, before?.feedback)
                    guard selfChange != nil || feedbackChange != nil else { continue }
                    changes.append(ScoredChange(
                        scope: scope, areaIndex: area, partnership: later.partnership,
                        change: SubjectChange(subject: later.key.subject, school: later.school, area: layout.areas[area].id,
                                              fromWave: fromWave, toWave: later.key.wave, selfChange: selfChange,
                                              feedbackChange: feedbackChange, scope: scope)))
                }
            }
        }
        return changes
    }

    /// The ids of the waves with at least one subject in `scope`, by date.
    func wavesWithData(in scope: AnalysisScope, _ scored: [ScoredSubject], _ context: FinishContext) -> [String] {
        Set(scored.lazy.filter { $0.key.scope == scope }.map(\.key.wave)).sorted { context.rank($0) < context.rank($1) }
    }

    /// Aggregates per (scope, level, unit, wave, area, measure) in that order (SPEC §4.8, §4.11).
    ///
    /// Every unit with a subject in a wave gets a cell for every area and measure of its scope, with
    /// `statistics == nil` where no subject has a value. The training-school scan is aggregated per
    /// partnership only: per school it would be one subject. Change cells sit in the later wave.
    func aggregates(scored: [ScoredSubject], changes: [ScoredChange], _ context: FinishContext) -> [Aggregate] {
        // One group per unit and wave; inside it one value list per (area, measure) slot, so the
        // hashing happens once per subject and level, not once per value.
        struct Group: Hashable {
            var scope: AnalysisScope, level: AggregateLevel, unit: String, wave: String
        }
        let measureSlot = Dictionary(uniqueKeysWithValues: Measure.allCases.enumerated().map { ($0.element, $0.offset) })
        let measureCount = Measure.allCases.count
        var groups: [Group: [[Double]]] = [:]

        func groupsOf(_ scope: AnalysisScope, school: String, partnership: String?, wave: String) -> [Group] {
            var result: [Group] = []
            if scope == .supervisors { result.append(Group(scope: scope, level: .school, unit: school, wave: wave)) }
            if let partnership { result.append(Group(scope: scope, level: .partnership, unit: partnership, wave: wave)) }
            return result
        }
        func record(_ values: [(slot: Int, value: Double)], in group: Group, areaCount: Int) {
            Self.append(values, to: &groups[group, default: Array(repeating: [], count: areaCount * measureCount)])
        }

        for subject in scored {
            let areaCount = subject.scores.count
            var values: [(slot: Int, value: Double)] = []
            for (area, score) in subject.scores.enumerated() {
                guard let score else { continue }
                for (measure, value) in Self.measureValues(of: score) {
                    values.append((slot: area * measureCount + (measureSlot[measure] ?? 0), value: value))
                }
            }
            for group in groupsOf(subject.key.scope, school: subject.school, partnership: subject.partnership,
                                  wave: subject.key.wave) {
                record(values, in: group, areaCount: areaCount)
            }
        }
        for change in changes {
            guard let areaCount = layouts[change.scope]?.areas.count else { continue }
            var values: [(slot: Int, value: Double)] = []
            if let value = change.change.selfChange {
                values.append((slot: change.areaIndex * measureCount + (measureSlot[.changeSelf] ?? 0), value: value))
            }
            if let value = change.change.feedbackChange {
                values.append((slot: change.areaIndex * measureCount + (measureSlot[.changeFeedback] ?? 0), value: value))
            }
            for group in groupsOf(change.scope, school: change.change.school, partnership: change.partnership,
                                  wave: change.change.toWave) {
                record(values, in: group, areaCount: areaCount)
            }
        }

        var aggregates: [Aggregate] = []
        for scope in AnalysisScope.allCases {
            guard let layout = layouts[scope] else { continue }
            let waves = wavesWithData(in: scope, scored, context)
            for level in AggregateLevel.allCases {
                let ofLevel = groups.keys.filter { $0.scope == scope && $0.level == level }
                for unit in Set(ofLevel.map(\.unit)).sorted() {
                    for (waveIndex, wave) in waves.enumerated() {
                        guard let slots = groups[Group(scope: scope, level: level, unit: unit, wave: wave)] else { continue }
                        let measures = layout.scoreMeasures + (waveIndex > 0 ? [.changeSelf, .changeFeedback] : [])
                        for (area, areaInfo) in layout.areas.enumerated() {
                            for measure in measures {
                                let cell = slots[area * measureCount + (measureSlot[measure] ?? 0)]
                                aggregates.append(Aggregate(
                                    scope: scope, level: level, unit: unit, wave: wave, area: areaInfo.id, measure: measure,
                                    statistics: Statistics(values: cell),
                                    shares: measure.isGap ? GapShares(gaps: cell, threshold: settings.gapThreshold) : nil))
                            }
                        }
                    }
                }
            }
        }
        return aggregates
    }

    private static func append(_ values: [(slot: Int, value: Double)], to slots: inout [[Double]]) {
        for (slot, value) in values where slot < slots.count { slots[slot].append(value) }
    }

    /// The score measures one subject score has a value for.
    static func measureValues(of score: SubjectScore) -> [(Measure, Double)] {
        var result: [(Measure, Double)] = []
        for (role, value) in score.roleScoreValues.present { result.append((Measure.score(of: role), value)) }
        if let feedback = score.feedback { result.append((.feedback, feedback)) }
        if let gap = score.gap { result.append((.gap, gap)) }
        if let gap = score.roleGap(.student) { result.append((.gapStudent, gap)) }
        if let gap = score.roleGap(.schoolopleider) { result.append((.gapSchoolopleider, gap)) }
        return result
    }
}
