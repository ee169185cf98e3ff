/// Between the figures of a release and their form in the ``ReleaseLedger``.
extension DisclosureControl {
    /// One wave's figures as a ledger release; a population shared by several figures is stored once.
    static func release(_ figures: WaveFigures, wave: String, from earlier: String, day: Day, k: Int) -> WaveRelease {
        var release = WaveRelease(wave: wave, day: day, minimumGroupSize: k)
        var indices: [[UInt64]: Int] = [:]
        func index(_ members: [UInt64]) -> Int? {
            guard !members.isEmpty else { return nil }
            if let known = indices[members] { return known }
            release.populations.append(members)
            indices[members] = release.populations.count - 1
            return release.populations.count - 1
        }
        func append(_ kind: LedgerFigure.Kind, _ key: CellKey, _ figures: Figures) {
            for (name, figure) in figures.sortedByName() {
                release.figures.append(
                    LedgerFigure(
                        kind: kind, unit: key.unit, area: key.area, fromWave: kind == .change ? earlier : "", name: name,
                        population: index(figure.members), values: figure.isShown ? figure.values : [],
                        withheld: figure.withheld))
            }
        }
        // Reserved ahead: a ten-year night appends hundreds of thousands of figures.
        release.figures.reserveCapacity(
            [figures.rows, figures.changes, figures.items, figures.scan].reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.count } })
        let order: (CellKey, CellKey) -> Bool = { ($0.unit, $0.area) < ($1.unit, $1.area) }
        for key in figures.rows.keys.sorted(by: order) { append(.row, key, figures.rows[key] ?? [:]) }
        for key in figures.changes.keys.sorted(by: order) { append(.change, key, figures.changes[key] ?? [:]) }
        for key in figures.items.keys.sorted(by: order) { append(.item, key, figures.items[key] ?? [:]) }
        for key in figures.scan.keys.sorted(by: order) {
            // Scan respondents are counted, not identified: the count is kept with the value.
            for (name, figure) in (figures.scan[key] ?? [:]).sortedByName() where figure != .noData {
                release.figures.append(
                    LedgerFigure(
                        kind: .scan, unit: key.unit, area: key.area, fromWave: "", name: name, population: nil,
                        values: [Double(figure.n)] + (figure.isShown ? figure.values : []), withheld: figure.withheld))
            }
        }
        return release
    }

    /// The figures a ledger release holds, as the release renders them.
    static func figures(of release: WaveRelease) -> WaveFigures {
        var figures = WaveFigures()
        for figure in release.figures {
            let key = CellKey(unit: figure.unit, wave: release.wave, area: figure.area)
            let members = figure.population.map { release.populations[$0] } ?? []
            let value = Figure(members: members, values: figure.withheld == nil ? figure.values : [], withheld: figure.withheld)
            switch figure.kind {
            case .row: figures.rows[key, default: [:]][figure.name] = value
            case .change: figures.changes[key, default: [:]][figure.name] = value
            case .item: figures.items[key, default: [:]][figure.name] = value
            case .scan:
                let shown = figure.withheld == nil && figure.values.count == 2
                figures.scan[key, default: [:]][figure.name] = Figure(
                    values: shown ? [figure.values[1]] : [], withheld: figure.withheld, count: Int(figure.values.first ?? 0))
            }
        }
        return figures
    }

    /// `figures` with every shown figure over fewer than *k* withdrawn (a frozen wave after *k* was raised).
    func withdrawingSmallGroups(_ figures: WaveFigures) -> WaveFigures {
        let k = rules.minimumGroupSize
        func withdraw(_ group: Figures) -> Figures {
            // A row is withdrawn as a whole when its population is too small; other figures one by one.
            if let row = group[Figure.gap], row.isShown, row.n < k {
                return group.mapValues { $0.withholding(.smallGroup(n: row.n, minimum: k)) }
            }
            return group.mapValues { $0.isShown && $0.n < k ? $0.withholding(.smallGroup(n: $0.n, minimum: k)) : $0 }
        }
        var result = figures
        result.rows = figures.rows.mapValues(withdraw)
        result.changes = figures.changes.mapValues(withdraw)
        result.scan = figures.scan.mapValues(withdraw)
        result.items = figures.items.mapValues(withdraw)
        return result
    }
}
