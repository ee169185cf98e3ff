/// The school's own training-school scan in MT workbooks (docs/analysis.md, "The school's own scan"): per school,
/// wave and condition the training team's mean and the instituutsopleider's mean, each over at least *k* forms.
///
/// The IO is usually one person per school; a mean over one form is that person's answer, so the IO's figure is
/// withheld unless at least *k* IO forms arrived. The partnership's figure is the mean of the released school
/// figures over at least ``DisclosureRules/minimumSchools`` schools, so an MT subtracting its own school is left
/// with whole other schools of at least *k* forms each.
extension DisclosureControl {
    /// The roles of the scan as they are named in the figures.
    static let scanRoles = Role.scanRoles

    /// Tonight's scan figures of `wave`: a mean per role over at least *k* forms, or why it is withheld.
    func freshScan(_ wave: Wave, _ data: ReleaseData, reason: WithholdingReason? = nil) -> [CellKey: Figures] {
        var scan: [CellKey: Figures] = [:]
        for (key, score) in data.scanBySchoolWaveCondition where key.wave == wave.id {
            var figures: Figures = [:]
            for role in Self.scanRoles {
                let forms = score.formCountValues[role] ?? 0
                guard forms > 0, let mean = score.roleScore(role) else { continue }
                if let reason {
                    figures[Figure.role(role)] = Figure(withheld: reason, count: forms)
                } else if forms < rules.minimumGroupSize {
                    figures[Figure.role(role)] = Figure(
                        withheld: .smallGroup(n: forms, minimum: rules.minimumGroupSize), count: forms)
                } else {
                    figures[Figure.role(role)] = Figure(values: [mean], count: forms)
                }
            }
            scan[key] = figures
        }
        return scan
    }

    /// `scan` (a re-release) with each figure withheld that differs from an earlier release of it by 1 … k − 1
    /// forms, or by a changed value over as many forms (a form replaced): the difference would be those forms'.
    func enforceScan(_ scan: [CellKey: Figures], wave: Wave, ledger: ReleaseLedger?) -> [CellKey: Figures] {
        guard rules.checksAcrossReleases, let history = ledger?.history(of: wave.id), !history.isEmpty else { return scan }
        let earlier = history.map { Self.figures(of: $0).scan }
        let k = rules.minimumGroupSize
        var result = scan
        for (key, figures) in scan {
            for (name, figure) in figures where figure.isShown {
                let conflicts = earlier.contains { release in
                    guard let before = release[key]?[name], before.isShown else { return false }
                    let difference = abs(before.n - figure.n)
                    return (difference > 0 && difference < k) || (difference == 0 && before.values != figure.values)
                }
                if conflicts { result[key]?[name] = figure.withholding(.lateChange(minimum: k)) }
            }
        }
        return result
    }

    /// The released scan rows: every school's, then each partnership's over its schools' released figures.
    func renderScan(_ figures: WaveFigures, _ data: ReleaseData) -> [ReleasedScanRow] {
        var rows: [ReleasedScanRow] = []
        var partnershipOf: [String: String] = [:]
        for key in data.scanBySchoolWaveCondition.keys where partnershipOf[key.unit] == nil {
            if let partnership = data.scanBySchoolWaveCondition[key]?.partnership, !partnership.isEmpty {
                partnershipOf[key.unit] = partnership
            }
        }
        let schools = Set(data.scanBySchoolWaveCondition.keys.map(\.unit)).sorted()
        let partnerships = Set(partnershipOf.values).sorted()
        let schoolsOfPartnership = partnerships.map { partnership in schools.filter { partnershipOf[$0] == partnership } }
        for wave in data.scanWaves {
            for school in schools {
                for condition in data.scanConditions {
                    guard let scan = figures.scan[CellKey(unit: school, wave: wave.id, area: condition.id)] else { continue }
                    rows.append(
                        ReleasedScanRow(
                            level: .school, unit: school, wave: wave.id, condition: condition.id, schools: 1,
                            team: cell(scan[Figure.role(.selfAssessment)]),
                            instituutsopleider: cell(scan[Figure.role(.instituutsopleider)])))
                }
            }
            for (partnership, members) in zip(partnerships, schoolsOfPartnership) {
                for condition in data.scanConditions {
                    let parts = members.compactMap { figures.scan[CellKey(unit: $0, wave: wave.id, area: condition.id)] }
                    guard !parts.isEmpty else { continue }
                    let team = scanBenchmark(parts.compactMap { $0[Figure.role(.selfAssessment)] }, wave: wave)
                    let io = scanBenchmark(parts.compactMap { $0[Figure.role(.instituutsopleider)] }, wave: wave)
                    rows.append(
                        ReleasedScanRow(
                            level: .partnership, unit: partnership, wave: wave.id, condition: condition.id,
                            schools: team.schools, team: team.cell, instituutsopleider: io.cell))
                }
            }
        }
        return rows
    }

    /// The mean of the released school figures, each school once, over at least the minimum number of schools.
    private func scanBenchmark(_ parts: [Figure], wave: Wave) -> (cell: ReleasedCell, schools: Int) {
        guard !parts.isEmpty else { return (ReleasedCell(n: 0, value: nil, withheld: nil), 0) }
        if !isReleased(wave) { return (.withheld(.waveOpen(closes: wave.end), n: 0), 0) }
        let released = parts.filter(\.isShown)
        let forms = released.reduce(0) { $0 + $1.n }
        guard released.count >= rules.minimumSchools else {
            return (.withheld(.tooFewSchools(schools: released.count, minimum: rules.minimumSchools), n: forms), released.count)
        }
        let mean = released.reduce(0) { $0 + $1.values[0] } / Double(released.count)
        return (ReleasedCell(n: forms, value: mean, withheld: nil), released.count)
    }
}
