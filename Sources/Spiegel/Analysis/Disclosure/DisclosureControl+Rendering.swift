/// From decided figures to the ``ReleasedView`` writers render: school rows, benchmarks, changes.
extension DisclosureControl {
    func render(_ figures: WaveFigures, _ data: ReleaseData, result: AnalysisResult) -> ReleasedView {
        let waves = data.waves
        var rows: [ReleasedRow] = []
        var changes: [ReleasedChange] = []
        for school in data.schools {
            for (index, wave) in waves.enumerated() {
                for area in data.areas {
                    let key = CellKey(unit: school, wave: wave.id, area: area.id)
                    let row = figures.rows[key]
                    if let row { rows.append(releasedRow(.school, school, wave.id, area.id, row, schools: 1)) }
                    guard index > 0, let change = figures.changes[key] else { continue }
                    let from = waves[index - 1]
                    let earlierRow = figures.rows[CellKey(unit: school, wave: from.id, area: area.id)]
                        .map { releasedRow(.school, school, from.id, area.id, $0, schools: 1) }
                    let laterRow = row.map { releasedRow(.school, school, wave.id, area.id, $0, schools: 1) }
                    changes.append(
                        withWaveDifference(
                            releasedChange(.school, school, from: from.id, to: wave.id, area.id, change, schools: 1),
                            earlier: earlierRow, later: laterRow))
                }
            }
        }
        for partnership in data.partnerships {
            let members = data.schools.filter { data.partnershipOfSchool[$0] == partnership }
            var benchmarkRows: [CellKey: ReleasedRow] = [:]
            for (waveIndex, wave) in waves.enumerated() {
                for area in data.areas {
                    let keys = members.map { CellKey(unit: $0, wave: wave.id, area: area.id) }
                    let parts = keys.compactMap { figures.rows[$0] }
                    guard !parts.isEmpty else { continue }
                    let benchmark = self.benchmark(parts, wave: wave)
                    let row = releasedRow(
                        .partnership, partnership, wave.id, area.id, benchmark.figures, schools: benchmark.schools)
                    rows.append(row)
                    benchmarkRows[CellKey(unit: partnership, wave: wave.id, area: area.id)] = row
                    guard waveIndex > 0 else { continue }
                    let changeParts = keys.compactMap { figures.changes[$0] }
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
        var view = ReleasedView(
            rules: rules, waves: waves, areas: data.areas, rows: rows, changes: changes, response: result.response)
        view.setItems(renderItems(figures, data))
        view.scanConditions = data.scanConditions
        view.scanWaves = data.scanWaves
        view.setScanRows(renderScan(figures, data))
        return view
    }

    /// A partnership's figures: per figure the sum of the schools' released figures, over enough schools.
    private func benchmark(_ parts: [Figures], wave: Wave) -> (figures: Figures, schools: Int) {
        var figures: Figures = [:]
        let names = Set(parts.flatMap(\.keys))
        for name in names {
            let figuresOfSchools = parts.compactMap { $0[name] }
            let released = figuresOfSchools.filter(\.isShown)
            let n = released.reduce(0) { $0 + $1.n }
            let noData = figuresOfSchools.allSatisfy { $0 == .noData }
            if !isReleased(wave) {
                figures[name] = noData ? .noData : Figure(withheld: .waveOpen(closes: wave.end), count: 0)
            } else if released.isEmpty, noData {
                figures[name] = .noData
            } else if released.count < rules.minimumSchools {
                figures[name] = Figure(withheld: .tooFewSchools(schools: released.count, minimum: rules.minimumSchools), count: n)
            } else if name == Figure.shares {
                let counts = GapCategory.allCases.indices.map { index in released.reduce(0) { $0 + $1.values[index] } }
                figures[name] =
                    rules.dominanceCheck && (counts.max() ?? 0) >= Double(n - 1)
                    ? Figure(withheld: .dominantCategory, count: n) : Figure(values: counts, count: n)
            } else {
                let sum = released.reduce(0) { $0 + $1.values[0] * Double($1.n) }
                figures[name] = Figure(values: [sum / Double(n)], count: n)
            }
        }
        let schools = parts.filter { $0[Figure.gap]?.isShown == true || $0[Figure.selfChange]?.isShown == true }.count
        return (figures, schools)
    }

    func cell(_ figure: Figure?) -> ReleasedCell {
        guard let figure, figure != .noData else { return ReleasedCell(n: 0, value: nil, withheld: nil) }
        if let reason = figure.withheld { return .withheld(reason, n: figure.n) }
        guard figure.isShown else { return ReleasedCell(n: figure.n, value: nil, withheld: nil) }
        return ReleasedCell(n: figure.n, value: figure.values.first, withheld: nil, heldFromEarlierRelease: figure.held)
    }

    private func releasedRow(
        _ level: AggregateLevel, _ unit: String, _ wave: String, _ area: String, _ figures: Figures, schools: Int
    ) -> ReleasedRow {
        let shares: ReleasedShares
        let figure = figures[Figure.shares] ?? .noData
        if let reason = figure.withheld {
            shares = ReleasedShares(n: figure.n, shares: nil, withheld: reason)
        } else if figure.isShown {
            let n = Double(figure.n)
            shares = ReleasedShares(
                n: figure.n,
                shares: GapShares(
                    overschatting: figure.values[0] / n, inOvereenstemming: figure.values[1] / n,
                    onderschatting: figure.values[2] / n),
                withheld: nil)
        } else {
            shares = ReleasedShares(n: 0, shares: nil, withheld: nil)
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
            guard panel.value == nil, let before = earlier?[keyPath: measure].value, let after = later?[keyPath: measure].value
            else { return nil }
            return ReleasedCell(n: 0, value: after - before, withheld: nil)
        }
        var change = change
        change.selfWaveDifference = difference(change.selfChange, \.selfScore)
        change.feedbackWaveDifference = difference(change.feedbackChange, \.feedback)
        return change
    }

    private func releasedChange(
        _ level: AggregateLevel, _ unit: String, from: String, to: String, _ area: String, _ figures: Figures, schools: Int
    ) -> ReleasedChange {
        ReleasedChange(
            level: level, unit: unit, fromWave: from, toWave: to, area: area, schools: schools,
            selfChange: cell(figures[Figure.selfChange]), feedbackChange: cell(figures[Figure.feedbackChange]))
    }
}
