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
        struct Cell: Hashable {
            var scope: AnalysisScope, level: AggregateLevel, unit: String, wave: String, area: Int, measure: Measure
        }
        var values: [Cell: [Double]] = [:]
        // Units per scope, level and wave: those with at least one subject.
        var units: [AnalysisScope: [AggregateLevel: [String: Set<String>]]] = [:]

        func levels(_ scope: AnalysisScope, school: String, partnership: String?) -> [(AggregateLevel, String)] {
            var result: [(AggregateLevel, String)] = []
            if scope == .supervisors { result.append((.school, school)) }
            if let partnership { result.append((.partnership, partnership)) }
            return result
        }

        for subject in scored {
            let scope = subject.key.scope, wave = subject.key.wave
            for (level, unit) in levels(scope, school: subject.school, partnership: subject.partnership) {
                units[scope, default: [:]][level, default: [:]][wave, default: []].insert(unit)
                for (area, score) in subject.scores.enumerated() {
                    guard let score else { continue }
                    for (measure, value) in Self.measureValues(of: score) {
                        values[Cell(scope: scope, level: level, unit: unit, wave: wave, area: area, measure: measure),
                               default: []].append(value)
                    }
                }
            }
        }
        for change in changes {
            let scope = change.scope, wave = change.change.toWave
            for (level, unit) in levels(scope, school: change.change.school, partnership: change.partnership) {
                if let value = change.change.selfChange {
                    values[Cell(scope: scope, level: level, unit: unit, wave: wave, area: change.areaIndex,
                                measure: .changeSelf), default: []].append(value)
                }
                if let value = change.change.feedbackChange {
                    values[Cell(scope: scope, level: level, unit: unit, wave: wave, area: change.areaIndex,
                                measure: .changeFeedback), default: []].append(value)
                }
            }
        }

        var aggregates: [Aggregate] = []
        for scope in AnalysisScope.allCases {
            guard let layout = layouts[scope], let unitsOfScope = units[scope] else { continue }
            let waves = wavesWithData(in: scope, scored, context)
            for level in AggregateLevel.allCases {
                guard let byWave = unitsOfScope[level] else { continue }
                for unit in Set(byWave.values.joined()).sorted() {
                    for (waveIndex, wave) in waves.enumerated() where byWave[wave]?.contains(unit) == true {
                        let measures = layout.scoreMeasures + (waveIndex > 0 ? [.changeSelf, .changeFeedback] : [])
                        for (area, areaInfo) in layout.areas.enumerated() {
                            for measure in measures {
                                let cell = values[Cell(scope: scope, level: level, unit: unit, wave: wave, area: area,
                                                       measure: measure)] ?? []
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

    /// The score measures one subject score has a value for.
    static func measureValues(of score: SubjectScore) -> [(Measure, Double)] {
        var result: [(Measure, Double)] = []
        for (role, value) in score.roleScores { result.append((Measure.score(of: role), value)) }
        if let feedback = score.feedback { result.append((.feedback, feedback)) }
        if let gap = score.gap { result.append((.gap, gap)) }
        if let gap = score.roleGaps[.student] { result.append((.gapStudent, gap)) }
        if let gap = score.roleGaps[.schoolopleider] { result.append((.gapSchoolopleider, gap)) }
        return result
    }
}
