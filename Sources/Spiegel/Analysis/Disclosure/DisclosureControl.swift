/// Decides every number a management team or the public may see (docs/analysis.md, "Disclosure"): the only
/// code that does. Writers of MT workbooks and public tables render its ``ReleasedView`` and nothing else.
///
/// The property it keeps: no linear combination of the released numbers (with their n) isolates fewer than
/// *k* wpbs, also across waves, nights, any set of MT workbooks and the public tables together. How:
///
/// - one population per school × wave × area for self-image, feedback, gap and shares: the wpbs with both a
///   self-scan and feedback (so no two of them differ by a few wpbs);
/// - a role's mean only when its population differs from the row's by 0 or at least *k* wpbs;
/// - shares only when no category holds all members or all but one;
/// - a benchmark only as the sum of released school figures, over at least ``DisclosureRules/minimumSchools``;
/// - a change only over a panel that differs from each wave's released population by 0 or at least *k*;
/// - only waves that have closed; and a row that changed since the last release by fewer than *k* wpbs (late
///   forms, a resubmission) keeps the figures released last time (``ReleaseState``).
package struct DisclosureControl: Sendable {
    package var rules: DisclosureRules
    /// What the previous run released; `nil` on the first run.
    package var previous: ReleaseState?

    package init(rules: DisclosureRules, previous: ReleaseState? = nil) {
        self.rules = rules
        self.previous = previous
    }

    /// The released view of `result`'s wpb figures, with the state to keep for the next run.
    package func release(_ result: AnalysisResult) -> ReleasedView {
        let supervisorScores = result.subjectScores.filter { $0.scope == .supervisors }
        let waveIDs = Set(supervisorScores.map(\.wave))
        let waves = result.waves.filter { waveIDs.contains($0.id) }
        let areas = result.supervisorAreas

        var bySchoolWaveArea: [CellKey: [SubjectScore]] = [:]
        var bySubjectWaveArea: [SubjectKey: SubjectScore] = [:]
        var partnershipOfSchool: [String: String] = [:]
        for score in supervisorScores {
            bySchoolWaveArea[CellKey(unit: score.school, wave: score.wave, area: score.area), default: []].append(score)
            bySubjectWaveArea[SubjectKey(subject: score.subject, wave: score.wave, area: score.area)] = score
            if !score.partnership.isEmpty { partnershipOfSchool[score.school] = score.partnership }
        }
        let schools = Set(supervisorScores.map(\.school)).sorted()
        let partnerships = Set(partnershipOfSchool.values).sorted()

        var state = ReleaseState()
        var schoolRows: [CellKey: Figures] = [:]
        var schoolChanges: [CellKey: Figures] = [:]
        for school in schools {
            for (waveIndex, wave) in waves.enumerated() {
                for area in areas {
                    let key = CellKey(unit: school, wave: wave.id, area: area.id)
                    guard let scores = bySchoolWaveArea[key] else { continue }
                    let row = held(freshRow(wave, scores, threshold: result.settings.gapThreshold), "row", key, anchor: "gap")
                    schoolRows[key] = row
                    state.record(row, "row", key)
                    guard waveIndex > 0 else { continue }
                    let earlier = waves[waveIndex - 1]
                    let earlierRow = schoolRows[CellKey(unit: school, wave: earlier.id, area: area.id)] ?? Figures()
                    let change = held(
                        freshChange(
                            from: earlier, to: wave, area.id, after: scores, laterRow: row,
                            earlierRow: earlierRow, bySubject: bySubjectWaveArea),
                        "change", key, anchor: Figure.selfChange)
                    schoolChanges[key] = change
                    state.record(change, "change", key)
                }
            }
        }

        var rows: [ReleasedRow] = []
        var changes: [ReleasedChange] = []
        for school in schools {
            for wave in waves {
                for area in areas {
                    let key = CellKey(unit: school, wave: wave.id, area: area.id)
                    if let row = schoolRows[key] { rows.append(releasedRow(.school, school, wave.id, area.id, row, schools: 1)) }
                    if let change = schoolChanges[key], let from = waves.firstIndex(of: wave).map({ waves[$0 - 1] }) {
                        let earlierRow = schoolRows[CellKey(unit: school, wave: from.id, area: area.id)]
                            .map { releasedRow(.school, school, from.id, area.id, $0, schools: 1) }
                        let laterRow = schoolRows[key].map { releasedRow(.school, school, wave.id, area.id, $0, schools: 1) }
                        changes.append(
                            withWaveDifference(
                                releasedChange(.school, school, from: from.id, to: wave.id, area.id, change, schools: 1),
                                earlier: earlierRow, later: laterRow))
                    }
                }
            }
        }
        for partnership in partnerships {
            let members = schools.filter { partnershipOfSchool[$0] == partnership }
            var benchmarkRows: [CellKey: ReleasedRow] = [:]
            for (waveIndex, wave) in waves.enumerated() {
                for area in areas {
                    let keys = members.map { CellKey(unit: $0, wave: wave.id, area: area.id) }
                    let parts = keys.compactMap { schoolRows[$0] }
                    guard !parts.isEmpty else { continue }
                    let benchmark = self.benchmark(parts, wave: wave)
                    let row = releasedRow(
                        .partnership, partnership, wave.id, area.id, benchmark.figures,
                        schools: benchmark.schools)
                    rows.append(row)
                    benchmarkRows[CellKey(unit: partnership, wave: wave.id, area: area.id)] = row
                    guard waveIndex > 0 else { continue }
                    let changeParts = keys.compactMap { schoolChanges[$0] }
                    guard !changeParts.isEmpty else { continue }
                    let change = self.benchmark(changeParts, wave: wave)
                    let earlier = waves[waveIndex - 1].id
                    changes.append(
                        withWaveDifference(
                            releasedChange(
                                .partnership, partnership, from: earlier, to: wave.id, area.id, change.figures,
                                schools: change.schools),
                            earlier: benchmarkRows[CellKey(unit: partnership, wave: earlier, area: area.id)], later: row))
                }
            }
        }
        return ReleasedView(
            rules: rules, waves: waves, areas: areas, rows: rows, changes: changes,
            response: result.response, state: state)
    }

    /// Feedback roles shown per row (the wpb instruments' roles besides self).
    static let splitRoles: [Role] = [.student, .schoolopleider]

    // MARK: - Figures

    fileprivate struct CellKey: Hashable { var unit: String, wave: String, area: String }
    fileprivate struct SubjectKey: Hashable { var subject: String, wave: String, area: String }

    /// One figure of a row before it is rendered: nothing to show, withheld, or shown with its population.
    fileprivate enum Figure: Equatable {
        case noData
        case withheld(WithholdingReason, n: Int)
        /// Means hold `[mean]`; shares hold the counts per ``GapCategory`` in `allCases` order.
        case shown(ReleaseState.Entry, held: Bool)

        static let selfScore = "self", feedback = "feedback", gap = "gap", shares = "shares"
        static let selfChange = "change_self", feedbackChange = "change_feedback"
        static func role(_ role: Role) -> String { role.rawValue }

        var entry: ReleaseState.Entry? {
            if case let .shown(entry, _) = self { return entry }
            return nil
        }
    }

    /// The figures of one row (or change) by name.
    fileprivate typealias Figures = [String: Figure]

    private func isReleased(_ wave: Wave) -> Bool { !rules.closedWavesOnly || wave.end < rules.asOf }

    /// A mean over `pairs` (member, value), or why it is withheld.
    private func meanFigure(_ pairs: [(String, Double)], reason: WithholdingReason?) -> Figure {
        guard !pairs.isEmpty else { return .noData }
        if let reason { return .withheld(reason, n: pairs.count) }
        if pairs.count < rules.minimumGroupSize {
            return .withheld(.smallGroup(n: pairs.count, minimum: rules.minimumGroupSize), n: pairs.count)
        }
        let mean = pairs.reduce(0) { $0 + $1.1 } / Double(pairs.count)
        return .shown(ReleaseState.Entry(members: pairs.map(\.0).sorted(), values: [mean]), held: false)
    }

    /// Category counts over `pairs`, withheld for `reason`, a small group, or one category holding all but one.
    private func sharesFigure(_ pairs: [(String, GapCategory)], reason: WithholdingReason?) -> Figure {
        let n = pairs.count
        guard n > 0 else { return .noData }
        if let reason { return .withheld(reason, n: n) }
        if n < rules.minimumGroupSize { return .withheld(.smallGroup(n: n, minimum: rules.minimumGroupSize), n: n) }
        let counts = GapCategory.allCases.map { category in Double(pairs.filter { $0.1 == category }.count) }
        if rules.dominanceCheck, (counts.max() ?? 0) >= Double(n - 1) { return .withheld(.dominantCategory, n: n) }
        return .shown(ReleaseState.Entry(members: pairs.map(\.0).sorted(), values: counts), held: false)
    }

    private func freshRow(_ wave: Wave, _ scores: [SubjectScore], threshold: Double) -> Figures {
        let open: WithholdingReason? = isReleased(wave) ? nil : .waveOpen(closes: wave.end)
        // The row population: wpbs with both a self-scan and feedback (their gap exists).
        let population = rules.sharedRowPopulation ? scores.filter { $0.gap != nil } : scores
        func pairs(_ value: (SubjectScore) -> Double?) -> [(String, Double)] {
            population.compactMap { score in value(score).map { (score.subject, $0) } }
        }
        var figures: Figures = [
            Figure.selfScore: meanFigure(pairs(\.selfScore), reason: open),
            Figure.feedback: meanFigure(pairs(\.feedback), reason: open),
            Figure.gap: meanFigure(pairs(\.gap), reason: open),
            Figure.shares: sharesFigure(
                population.compactMap { score in score.category.map { (score.subject, $0) } },
                reason: open),
        ]
        let rowSize = population.count
        for role in Self.splitRoles {
            let rolePairs = pairs { $0.roleScore(role) }
            let differs = rules.sharedRowPopulation && !rules.isSafeDifference(rowSize - rolePairs.count)
            figures[Figure.role(role)] = meanFigure(
                rolePairs, reason: open ?? (differs ? .rolePopulationDiffers(minimum: rules.minimumGroupSize) : nil))
        }
        return figures
    }

    private func freshChange(
        from earlier: Wave, to later: Wave, _ area: String, after: [SubjectScore],
        laterRow: Figures, earlierRow: Figures, bySubject: [SubjectKey: SubjectScore]
    ) -> Figures {
        var selfPairs: [(String, Double)] = [], feedbackPairs: [(String, Double)] = []
        var reason: WithholdingReason? = isReleased(later) ? nil : .waveOpen(closes: later.end)
        if rules.sharedRowPopulation {
            // The panel: wpbs of this school with self-scan and feedback in both waves.
            let earlierMembers = Set(earlierRow[Figure.gap]?.entry?.members ?? [])
            let laterMembers = Set(laterRow[Figure.gap]?.entry?.members ?? [])
            var panel: [String] = []
            for now in after where now.gap != nil {
                guard let then = bySubject[SubjectKey(subject: now.subject, wave: earlier.id, area: area)], then.gap != nil,
                    then.school == now.school, let a = now.selfScore, let b = then.selfScore,
                    let c = now.feedback, let d = then.feedback
                else { continue }
                panel.append(now.subject)
                selfPairs.append((now.subject, a - b))
                feedbackPairs.append((now.subject, c - d))
            }
            let panelSet = Set(panel)
            // Compared with the populations the wave rows actually show (they may be held from an earlier night).
            if reason == nil, !panel.isEmpty,
                !rules.isSafeDifference(panelSet.symmetricDifference(earlierMembers).count)
                    || !rules.isSafeDifference(panelSet.symmetricDifference(laterMembers).count)
            {
                reason = .panelDiffers(minimum: rules.minimumGroupSize)
            }
        } else {
            // As the analysis's change (docs/analysis.md §11): whoever has the value in both waves.
            for now in after {
                guard let then = bySubject[SubjectKey(subject: now.subject, wave: earlier.id, area: area)] else { continue }
                if let a = now.selfScore, let b = then.selfScore { selfPairs.append((now.subject, a - b)) }
                if let a = now.feedback, let b = then.feedback { feedbackPairs.append((now.subject, a - b)) }
            }
        }
        return [
            Figure.selfChange: meanFigure(selfPairs, reason: reason),
            Figure.feedbackChange: meanFigure(feedbackPairs, reason: reason),
        ]
    }

    /// `fresh`, or the figures released last time when the row changed by fewer than *k* wpbs since then.
    ///
    /// The row is held as a whole, so its figures always come from one night and never differ by a few wpbs.
    /// `anchor` names the figure whose population is the row's.
    private func held(_ fresh: Figures, _ kind: String, _ key: CellKey, anchor: String) -> Figures {
        guard let previous else { return fresh }
        let earlier = Dictionary(
            uniqueKeysWithValues: fresh.keys.compactMap { name in
                previous.entries[ReleaseState.key(kind, key.unit, key.wave, key.area, name)].map { (name, $0) }
            })
        guard !earlier.isEmpty else { return fresh }
        let freshShown = fresh.compactMapValues(\.entry)
        if freshShown == earlier { return fresh }
        let before = Set(earlier[anchor]?.members ?? earlier.values.first?.members ?? [])
        let now = Set(freshShown[anchor]?.members ?? [])
        // A population that grew by k or more may be shown anew: the difference is a group of at least k.
        if now.symmetricDifference(before).count >= rules.minimumGroupSize, !now.isEmpty { return fresh }
        var kept: Figures = [:]
        for (name, figure) in fresh {
            if let entry = earlier[name] {
                kept[name] = .shown(entry, held: true)
            } else if case .noData = figure {
                kept[name] = .noData
            } else {
                kept[name] = .withheld(.lateChange(minimum: rules.minimumGroupSize), n: figure.entry?.members.count ?? 0)
            }
        }
        return kept
    }

    // MARK: - Benchmarks

    /// A partnership's figures: per figure the sum of the schools' released figures, over enough schools.
    private func benchmark(_ parts: [Figures], wave: Wave) -> (figures: Figures, schools: Int) {
        var figures: Figures = [:]
        let names = Set(parts.flatMap(\.keys))
        for name in names {
            let figuresOfSchools = parts.compactMap { $0[name] }
            let released = figuresOfSchools.compactMap(\.entry)
            let members = released.flatMap(\.members)
            if !isReleased(wave) {
                figures[name] =
                    figuresOfSchools.allSatisfy({ $0 == .noData }) ? .noData : .withheld(.waveOpen(closes: wave.end), n: 0)
            } else if released.isEmpty, figuresOfSchools.allSatisfy({ $0 == .noData }) {
                figures[name] = .noData
            } else if released.count < rules.minimumSchools {
                figures[name] = .withheld(
                    .tooFewSchools(schools: released.count, minimum: rules.minimumSchools), n: members.count)
            } else if name == Figure.shares {
                let counts = GapCategory.allCases.indices.map { index in released.reduce(0) { $0 + $1.values[index] } }
                let n = Double(members.count)
                figures[name] =
                    rules.dominanceCheck && (counts.max() ?? 0) >= n - 1
                    ? .withheld(.dominantCategory, n: members.count)
                    : .shown(ReleaseState.Entry(members: members.sorted(), values: counts), held: false)
            } else {
                let sum = released.reduce(0) { $0 + $1.values[0] * Double($1.members.count) }
                figures[name] = .shown(
                    ReleaseState.Entry(members: members.sorted(), values: [sum / Double(members.count)]),
                    held: false)
            }
        }
        let schools = parts.filter { $0[Figure.gap]?.entry != nil || $0[Figure.selfChange]?.entry != nil }.count
        return (figures, schools)
    }

    // MARK: - Rendering the decisions

    private func cell(_ figure: Figure?) -> ReleasedCell {
        switch figure ?? .noData {
        case .noData: ReleasedCell(n: 0, value: nil, withheld: nil)
        case let .withheld(reason, n): .withheld(reason, n: n)
        case let .shown(entry, held):
            ReleasedCell(
                n: entry.members.count, value: entry.values.first, withheld: nil,
                heldFromEarlierRelease: held)
        }
    }

    private func releasedRow(
        _ level: AggregateLevel, _ unit: String, _ wave: String, _ area: String, _ figures: Figures,
        schools: Int
    ) -> ReleasedRow {
        let shares: ReleasedShares
        switch figures[Figure.shares] ?? .noData {
        case .noData: shares = ReleasedShares(n: 0, shares: nil, withheld: nil)
        case let .withheld(reason, n): shares = ReleasedShares(n: n, shares: nil, withheld: reason)
        case let .shown(entry, _):
            let n = Double(entry.members.count)
            shares = ReleasedShares(
                n: entry.members.count,
                shares: GapShares(
                    overschatting: entry.values[0] / n, inOvereenstemming: entry.values[1] / n,
                    onderschatting: entry.values[2] / n),
                withheld: nil)
        }
        var roles: [Role: ReleasedCell] = [:]
        for role in Self.splitRoles { roles[role] = cell(figures[Figure.role(role)]) }
        return ReleasedRow(
            level: level, unit: unit, wave: wave, area: area, schools: schools,
            selfScore: cell(figures[Figure.selfScore]), feedback: cell(figures[Figure.feedback]),
            gap: cell(figures[Figure.gap]), shares: shares, roles: roles)
    }

    /// `change` with the difference of the two waves' released means where its panel change shows no value.
    ///
    /// Both means are already released, so their difference is a linear combination of released numbers: it
    /// isolates no one the two means did not. The panel rule stays the only way to a change over the same wpbs.
    private func withWaveDifference(_ change: ReleasedChange, earlier: ReleasedRow?, later: ReleasedRow?) -> ReleasedChange {
        func difference(_ panel: ReleasedCell, _ measure: KeyPath<ReleasedRow, ReleasedCell>) -> ReleasedCell? {
            guard panel.value == nil, let before = earlier?[keyPath: measure].value,
                let after = later?[keyPath: measure].value
            else { return nil }
            return ReleasedCell(n: 0, value: after - before, withheld: nil)
        }
        var change = change
        change.selfWaveDifference = difference(change.selfChange, \.selfScore)
        change.feedbackWaveDifference = difference(change.feedbackChange, \.feedback)
        return change
    }

    private func releasedChange(
        _ level: AggregateLevel, _ unit: String, from: String, to: String, _ area: String,
        _ figures: Figures, schools: Int
    ) -> ReleasedChange {
        ReleasedChange(
            level: level, unit: unit, fromWave: from, toWave: to, area: area, schools: schools,
            selfChange: cell(figures[Figure.selfChange]), feedbackChange: cell(figures[Figure.feedbackChange]))
    }
}

private extension ReleaseState {
    /// Records the released figures of a school row or change for the next run.
    mutating func record(_ figures: [String: DisclosureControl.Figure], _ kind: String, _ key: DisclosureControl.CellKey) {
        for (name, figure) in figures {
            guard let entry = figure.entry else { continue }
            entries[Self.key(kind, key.unit, key.wave, key.area, name)] = entry
        }
    }
}
