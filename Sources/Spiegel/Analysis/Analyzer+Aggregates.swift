extension Analyzer {
    /// Later − earlier per (subject, area) between consecutive waves with data in the scope, for subjects
    /// present in both (SPEC §4.11). A subject skipping a wave has no change across the gap.
    func subjectChanges(_ scored: [ScoredSubject], _ context: FinishContext) -> [ScoredChange] {
        // Keyed by integer ranks: hashing three Ints per subject instead of two Strings.
        struct SubjectWave: Hashable { var scope: Int, subject: Int, wave: Int }
        var byKey: [SubjectWave: ScoredSubject] = [:]
        byKey.reserveCapacity(scored.count)
        for subject in scored {
            byKey[SubjectWave(scope: subject.order.scope, subject: subject.order.subject, wave: subject.waveRank)] = subject
        }
        var changes: [ScoredChange] = []
        for scope in AnalysisScope.allCases {
            guard let layout = layouts[scope] else { continue }
            let waves = wavesWithData(in: scope, scored, context)
            // Per later wave's rank: the wave before it with data in the scope.
            var previous: [Int: (id: String, rank: Int)] = [:]
            for (earlier, later) in zip(waves, waves.dropFirst()) {
                previous[context.rank(later)] = (id: earlier, rank: context.rank(earlier))
            }
            // `scored` is in school, subject, wave order, so the changes come out in that order too.
            for later in scored where later.key.scope == scope {
                guard let from = previous[later.waveRank],
                      let earlier = byKey[SubjectWave(scope: later.order.scope, subject: later.order.subject, wave: from.rank)]
                else { continue }
                for area in layout.areas.indices {
                    let before = earlier.scores[area], after = later.scores[area]
                    let selfChange = Self.difference(after?.selfScore, before?.selfScore)
                    let feedbackChange = Self.difference(after?.feedback, before?.feedback)
                    guard selfChange != nil || feedbackChange != nil else { continue }
                    changes.append(ScoredChange(
                        scope: scope, areaIndex: area, partnership: later.partnership, order: later.order,
                        waveRank: later.waveRank,
                        change: SubjectChange(subject: later.key.subject, school: later.school, area: layout.areas[area].id,
                                              fromWave: from.id, toWave: later.key.wave, selfChange: selfChange,
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
        // hashing happens once per subject and level, not once per value. Units and waves are integer
        // ranks (``SubjectOrder``, wave rank): cheap to hash, and sorting them sorts the Strings.
        struct Group: Hashable {
            var scope: AnalysisScope, level: AggregateLevel, unit: Int, wave: Int
        }
        let measureSlot = Dictionary(uniqueKeysWithValues: Measure.allCases.enumerated().map { ($0.element, $0.offset) })
        let measureCount = Measure.allCases.count
        let roleSlots = Role.allCases.map { measureSlot[Measure.score(of: $0)] ?? 0 }
        let feedbackSlot = measureSlot[.feedback] ?? 0, gapSlot = measureSlot[.gap] ?? 0
        let gapStudentSlot = measureSlot[.gapStudent] ?? 0, gapSchoolopleiderSlot = measureSlot[.gapSchoolopleider] ?? 0
        var groups: [Group: [[Double]]] = [:]
        var unitNames: [Group: String] = [:]

        func record(_ values: [(slot: Int, value: Double)], scope: AnalysisScope, order: SubjectOrder,
                    school: String, partnership: String?, waveRank: Int, areaCount: Int) {
            if scope == .supervisors {
                let group = Group(scope: scope, level: .school, unit: order.school, wave: waveRank)
                if unitNames[group] == nil { unitNames[group] = school }
                Self.append(values, to: &groups[group, default: Array(repeating: [], count: areaCount * measureCount)])
            }
            if let partnership, let unit = order.partnership {
                let group = Group(scope: scope, level: .partnership, unit: unit, wave: waveRank)
                if unitNames[group] == nil { unitNames[group] = partnership }
                Self.append(values, to: &groups[group, default: Array(repeating: [], count: areaCount * measureCount)])
            }
        }

        var values: [(slot: Int, value: Double)] = []
        for subject in scored {
            let areaCount = subject.scores.count
            values.removeAll(keepingCapacity: true)
            for (area, score) in subject.scores.enumerated() {
                guard let score else { continue }
                let base = area * measureCount
                for (position, role) in Role.allCases.enumerated() {
                    if let value = score.roleScoreValues[role] { values.append((slot: base + roleSlots[position], value: value)) }
                }
                if let feedback = score.feedback { values.append((slot: base + feedbackSlot, value: feedback)) }
                if let gap = score.gap { values.append((slot: base + gapSlot, value: gap)) }
                if let gap = score.roleGap(.student) { values.append((slot: base + gapStudentSlot, value: gap)) }
                if let gap = score.roleGap(.schoolopleider) { values.append((slot: base + gapSchoolopleiderSlot, value: gap)) }
            }
            record(values, scope: subject.key.scope, order: subject.order, school: subject.school,
                   partnership: subject.partnership, waveRank: subject.waveRank, areaCount: areaCount)
        }
        for change in changes {
            guard let areaCount = layouts[change.scope]?.areas.count else { continue }
            values.removeAll(keepingCapacity: true)
            if let value = change.change.selfChange {
                values.append((slot: change.areaIndex * measureCount + (measureSlot[.changeSelf] ?? 0), value: value))
            }
            if let value = change.change.feedbackChange {
                values.append((slot: change.areaIndex * measureCount + (measureSlot[.changeFeedback] ?? 0), value: value))
            }
            record(values, scope: change.scope, order: change.order, school: change.change.school,
                   partnership: change.partnership, waveRank: change.waveRank, areaCount: areaCount)
        }

        var aggregates: [Aggregate] = []
        for scope in AnalysisScope.allCases {
            guard let layout = layouts[scope] else { continue }
            let waves = wavesWithData(in: scope, scored, context)
            for level in AggregateLevel.allCases {
                let ofLevel = groups.keys.filter { $0.scope == scope && $0.level == level }
                for unit in Set(ofLevel.map(\.unit)).sorted() {
                    for (waveIndex, wave) in waves.enumerated() {
                        let group = Group(scope: scope, level: level, unit: unit, wave: context.rank(wave))
                        guard let slots = groups[group], let unitName = unitNames[group] else { continue }
                        let measures = layout.scoreMeasures + (waveIndex > 0 ? [.changeSelf, .changeFeedback] : [])
                        for (area, areaInfo) in layout.areas.enumerated() {
                            for measure in measures {
                                let cell = slots[area * measureCount + (measureSlot[measure] ?? 0)]
                                aggregates.append(Aggregate(
                                    scope: scope, level: level, unit: unitName, wave: wave, area: areaInfo.id, measure: measure,
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
}
