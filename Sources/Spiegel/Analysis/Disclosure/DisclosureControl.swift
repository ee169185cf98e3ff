/// Decides every number a management team or the public may see (docs/analysis.md, "Disclosure"): the only
/// code that does. Writers of MT workbooks and public tables render its ``ReleasedView`` and nothing else.
///
/// The property it keeps: no linear combination of the released numbers (with their n) isolates fewer than
/// *k* wpbs, also across waves, across any set of MT workbooks and the public tables together. How:
///
/// - one population per school × wave × area for self-image, feedback, gap and shares: the wpbs with both a
///   self-scan and feedback (so no two of them differ by a few wpbs);
/// - a role's mean only when its population differs from the row's by 0 or at least *k* wpbs;
/// - shares only when no category holds all members or all but one;
/// - a benchmark only over whole schools whose own row is released, and over at least ``DisclosureRules/minimumSchools``;
/// - a change only over a panel that differs from each wave's released population by 0 or at least *k*;
/// - only waves that have closed, so two nights never differ by a few forms.
package struct DisclosureControl: Sendable {
    package var rules: DisclosureRules

    package init(rules: DisclosureRules) {
        self.rules = rules
    }

    /// The released view of `result`'s wpb figures.
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

        var schoolRows: [CellKey: (row: ReleasedRow, values: RowValues)] = [:]
        var schoolChanges: [CellKey: (change: ReleasedChange, values: ChangeValues)] = [:]
        for school in schools {
            for (waveIndex, wave) in waves.enumerated() {
                for area in areas {
                    let key = CellKey(unit: school, wave: wave.id, area: area.id)
                    guard let scores = bySchoolWaveArea[key] else { continue }
                    schoolRows[key] = schoolRow(school, wave, area.id, scores, threshold: result.settings.gapThreshold)
                    guard waveIndex > 0 else { continue }
                    let earlier = waves[waveIndex - 1]
                    let before = bySchoolWaveArea[CellKey(unit: school, wave: earlier.id, area: area.id)] ?? []
                    schoolChanges[key] = schoolChange(school, from: earlier, to: wave, area.id, after: scores, before: before,
                                                      earlierScores: bySubjectWaveArea)
                }
            }
        }

        var rows: [ReleasedRow] = []
        var changes: [ReleasedChange] = []
        for school in schools {
            for wave in waves {
                for area in areas {
                    let key = CellKey(unit: school, wave: wave.id, area: area.id)
                    if let row = schoolRows[key] { rows.append(row.row) }
                    if let change = schoolChanges[key] { changes.append(change.change) }
                }
            }
        }
        for partnership in partnerships {
            let members = schools.filter { partnershipOfSchool[$0] == partnership }
            for (waveIndex, wave) in waves.enumerated() {
                for area in areas {
                    let keys = members.map { CellKey(unit: $0, wave: wave.id, area: area.id) }
                    let parts = keys.compactMap { schoolRows[$0] }
                    guard !parts.isEmpty else { continue }
                    rows.append(benchmarkRow(partnership, wave, area.id, parts, threshold: result.settings.gapThreshold))
                    guard waveIndex > 0 else { continue }
                    let changeParts = keys.compactMap { schoolChanges[$0] }
                    guard !changeParts.isEmpty else { continue }
                    changes.append(benchmarkChange(partnership, from: waves[waveIndex - 1], to: wave, area.id, changeParts))
                }
            }
        }
        return ReleasedView(rules: rules, waves: waves, areas: areas, rows: rows, changes: changes,
                            response: result.response)
    }

    // MARK: - School rows

    fileprivate struct CellKey: Hashable { var unit: String, wave: String, area: String }
    fileprivate struct SubjectKey: Hashable { var subject: String, wave: String, area: String }

    /// The per-subject values behind a released school row, kept so a benchmark adds up exactly released rows.
    fileprivate struct RowValues {
        var selfScores: [Double] = [], feedback: [Double] = [], gaps: [Double] = [], categories: [GapCategory] = []
        var roles: [Role: [Double]] = [:]
    }

    fileprivate struct ChangeValues {
        var selfChanges: [Double] = [], feedbackChanges: [Double] = []
    }

    /// Feedback roles shown per row (the wpb instruments' roles besides self).
    static let splitRoles: [Role] = [.student, .schoolopleider]

    private func isReleased(_ wave: Wave) -> Bool { !rules.closedWavesOnly || wave.end < rules.asOf }

    private func schoolRow(_ school: String, _ wave: Wave, _ area: String, _ scores: [SubjectScore],
                           threshold: Double) -> (row: ReleasedRow, values: RowValues) {
        let k = rules.minimumGroupSize
        // The row population: wpbs with both a self-scan and feedback (their gap exists).
        let population = scores.filter { $0.gap != nil }
        var values = RowValues()
        if rules.sharedRowPopulation {
            values.selfScores = population.compactMap(\.selfScore)
            values.feedback = population.compactMap(\.feedback)
            values.gaps = population.compactMap(\.gap)
            values.categories = population.compactMap(\.category)
            for role in Self.splitRoles { values.roles[role] = population.compactMap { $0.roleScore(role) } }
        } else {
            values.selfScores = scores.compactMap(\.selfScore)
            values.feedback = scores.compactMap(\.feedback)
            values.gaps = scores.compactMap(\.gap)
            values.categories = scores.compactMap(\.category)
            for role in Self.splitRoles { values.roles[role] = scores.compactMap { $0.roleScore(role) } }
        }

        func rowReason(_ n: Int) -> WithholdingReason? {
            if !isReleased(wave) { return .waveOpen(closes: wave.end) }
            if n < k { return .smallGroup(n: n, minimum: k) }
            return nil
        }
        func cell(_ list: [Double]) -> ReleasedCell {
            ReleasedCell(n: list.count, value: Self.mean(list), withheld: list.isEmpty ? nil : rowReason(list.count))
        }
        var row = ReleasedRow(level: .school, unit: school, wave: wave.id, area: area, schools: 1,
                              selfScore: cell(values.selfScores), feedback: cell(values.feedback), gap: cell(values.gaps),
                              shares: shares(values.categories, withheld: values.categories.isEmpty ? nil : rowReason(values.categories.count)),
                              roles: [:])
        for role in Self.splitRoles {
            let list = values.roles[role] ?? []
            var reason = list.isEmpty ? nil : rowReason(list.count)
            if reason == nil, !list.isEmpty, rules.sharedRowPopulation, !rules.isSafeDifference(population.count - list.count) {
                reason = .rolePopulationDiffers(minimum: k)
            }
            row.roles[role] = ReleasedCell(n: list.count, value: Self.mean(list), withheld: reason)
        }
        return (row, values.released(by: row))
    }

    /// Shares of `categories`, withheld for `reason` or when one category holds every member or all but one.
    private func shares(_ categories: [GapCategory], withheld reason: WithholdingReason?) -> ReleasedShares {
        let n = categories.count
        guard n > 0 else { return ReleasedShares(n: 0, shares: nil, withheld: nil) }
        var counts: [GapCategory: Int] = [:]
        for category in categories { counts[category, default: 0] += 1 }
        let shares = GapShares(overschatting: Double(counts[.overschatting] ?? 0) / Double(n),
                               inOvereenstemming: Double(counts[.inOvereenstemming] ?? 0) / Double(n),
                               onderschatting: Double(counts[.onderschatting] ?? 0) / Double(n))
        var withheld = reason
        if withheld == nil, rules.dominanceCheck, (counts.values.max() ?? 0) >= n - 1 { withheld = .dominantCategory }
        return ReleasedShares(n: n, shares: shares, withheld: withheld)
    }

    private func schoolChange(_ school: String, from earlier: Wave, to later: Wave, _ area: String,
                              after: [SubjectScore], before: [SubjectScore],
                              earlierScores: [SubjectKey: SubjectScore]) -> (change: ReleasedChange, values: ChangeValues) {
        let k = rules.minimumGroupSize
        var values = ChangeValues()
        var reason: WithholdingReason?
        if rules.sharedRowPopulation {
            // The panel: wpbs of this school in the row population of both waves.
            let laterPopulation = after.filter { $0.gap != nil }
            let earlierPopulation = Dictionary(before.filter { $0.gap != nil }.map { ($0.subject, $0) }) { first, _ in first }
            let panel = laterPopulation.compactMap { score in earlierPopulation[score.subject].map { (score, $0) } }
            for (now, then) in panel {
                if let a = now.selfScore, let b = then.selfScore { values.selfChanges.append(a - b) }
                if let a = now.feedback, let b = then.feedback { values.feedbackChanges.append(a - b) }
            }
            if !isReleased(later) {
                reason = .waveOpen(closes: later.end)
            } else if panel.count < k {
                reason = .smallGroup(n: panel.count, minimum: k)
            } else if !rules.isSafeDifference(laterPopulation.count - panel.count)
                        || !rules.isSafeDifference(earlierPopulation.count - panel.count) {
                reason = .panelDiffers(minimum: k)
            }
        } else {
            // As the analysis's change (docs/analysis.md §11): whoever has the value in both waves.
            for now in after {
                guard let then = earlierScores[SubjectKey(subject: now.subject, wave: earlier.id, area: area)] else { continue }
                if let a = now.selfScore, let b = then.selfScore { values.selfChanges.append(a - b) }
                if let a = now.feedback, let b = then.feedback { values.feedbackChanges.append(a - b) }
            }
        }
        func cell(_ list: [Double]) -> ReleasedCell {
            let own = list.isEmpty ? nil : (reason ?? (list.count < k ? .smallGroup(n: list.count, minimum: k) : nil))
            return ReleasedCell(n: list.count, value: Self.mean(list), withheld: own)
        }
        let change = ReleasedChange(level: .school, unit: school, fromWave: earlier.id, toWave: later.id, area: area,
                                    schools: 1, selfChange: cell(values.selfChanges), feedbackChange: cell(values.feedbackChanges))
        var released = ChangeValues()
        if change.selfChange.withheld == nil { released.selfChanges = values.selfChanges }
        if change.feedbackChange.withheld == nil { released.feedbackChanges = values.feedbackChanges }
        return (change, released)
    }

    // MARK: - Benchmarks

    /// A benchmark cell over the union of the schools whose own cell is released, or withheld.
    ///
    /// - Parameters:
    ///   - parts: per school, the values of its released cell (empty when withheld or without data).
    ///   - cells: per school, its cell, to tell "no data anywhere" from "no school released".
    private func benchmarkCell(_ parts: [[Double]], _ cells: [ReleasedCell], wave: Wave) -> ReleasedCell {
        let released = parts.filter { !$0.isEmpty }
        let all = released.flatMap { $0 }
        if !isReleased(wave) { return .withheld(.waveOpen(closes: wave.end), n: all.count) }
        if all.isEmpty, !cells.contains(where: { $0.n > 0 }) { return ReleasedCell(n: 0, value: nil, withheld: nil) }
        if released.count < rules.minimumSchools {
            return .withheld(.tooFewSchools(schools: released.count, minimum: rules.minimumSchools), n: all.count)
        }
        return ReleasedCell(n: all.count, value: Self.mean(all), withheld: nil)
    }

    private func benchmarkRow(_ partnership: String, _ wave: Wave, _ area: String,
                              _ parts: [(row: ReleasedRow, values: RowValues)], threshold: Double) -> ReleasedRow {
        let gap = benchmarkCell(parts.map(\.values.gaps), parts.map(\.row.gap), wave: wave)
        let categoryParts = parts.map(\.values.categories).filter { !$0.isEmpty }
        var shares = self.shares(categoryParts.flatMap { $0 }, withheld: nil)
        if !isReleased(wave) {
            shares = ReleasedShares(n: shares.n, shares: nil, withheld: .waveOpen(closes: wave.end))
        } else if shares.n > 0, categoryParts.count < rules.minimumSchools {
            shares = ReleasedShares(n: shares.n, shares: nil,
                                    withheld: .tooFewSchools(schools: categoryParts.count, minimum: rules.minimumSchools))
        }
        var row = ReleasedRow(level: .partnership, unit: partnership, wave: wave.id, area: area,
                              schools: parts.filter { !$0.values.gaps.isEmpty }.count,
                              selfScore: benchmarkCell(parts.map(\.values.selfScores), parts.map(\.row.selfScore), wave: wave),
                              feedback: benchmarkCell(parts.map(\.values.feedback), parts.map(\.row.feedback), wave: wave),
                              gap: gap, shares: shares, roles: [:])
        for role in Self.splitRoles {
            row.roles[role] = benchmarkCell(parts.map { $0.values.roles[role] ?? [] },
                                            parts.compactMap { $0.row.roles[role] }, wave: wave)
        }
        return row
    }

    private func benchmarkChange(_ partnership: String, from earlier: Wave, to later: Wave, _ area: String,
                                 _ parts: [(change: ReleasedChange, values: ChangeValues)]) -> ReleasedChange {
        ReleasedChange(level: .partnership, unit: partnership, fromWave: earlier.id, toWave: later.id, area: area,
                       schools: parts.filter { !$0.values.selfChanges.isEmpty || !$0.values.feedbackChanges.isEmpty }.count,
                       selfChange: benchmarkCell(parts.map(\.values.selfChanges), parts.map(\.change.selfChange), wave: later),
                       feedbackChange: benchmarkCell(parts.map(\.values.feedbackChanges), parts.map(\.change.feedbackChange),
                                                     wave: later))
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}

private extension DisclosureControl.RowValues {
    /// Only the values of cells the row releases: what a benchmark may add up.
    func released(by row: ReleasedRow) -> Self {
        var kept = Self()
        if row.selfScore.withheld == nil { kept.selfScores = selfScores }
        if row.feedback.withheld == nil { kept.feedback = feedback }
        if row.gap.withheld == nil { kept.gaps = gaps }
        if row.shares.withheld == nil { kept.categories = categories }
        for (role, values) in roles where row.roles[role]?.withheld == nil { kept.roles[role] = values }
        return kept
    }
}
