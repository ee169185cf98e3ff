/// The released populations of one school, wave and area: any two must differ by 0 or at least *k* wpbs, or a
/// difference of their sums isolates the few between them (docs/analysis.md, "Disclosure").
struct PopulationFamily {
    let minimumGroupSize: Int
    private(set) var populations: [[UInt64]] = []

    init(minimumGroupSize: Int) {
        self.minimumGroupSize = minimumGroupSize
    }

    /// Whether `population` differs from one already in the family by 1 … k − 1 members.
    func conflicts(_ population: [UInt64]) -> Bool {
        populations.contains { Self.isUnsafe(Self.symmetricDifference($0, population), minimumGroupSize) }
    }

    mutating func add(_ population: [UInt64]?) {
        guard let population, !population.isEmpty, !populations.contains(population) else { return }
        populations.append(population)
    }

    mutating func add(_ more: [[UInt64]]) { for population in more { add(population) } }

    static func isUnsafe(_ difference: Int, _ k: Int) -> Bool { difference > 0 && difference < k }

    /// |a Δ b| of two sorted member lists, by one merge.
    static func symmetricDifference(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var i = 0, j = 0, common = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                common += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return a.count + b.count - 2 * common
    }

    /// `a` without the members of `b` (both sorted).
    static func subtracting(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        let remove = Set(b)
        return a.filter { !remove.contains($0) }
    }
}

extension DisclosureControl {
    /// Every population a row and its changes release: the row, the roles, the groups the roles and the row's
    /// feedback imply together (``impliedGroups(row:roles:)``), the panels.
    static func populations(row: Figures?, changes: [Figures?]) -> [[UInt64]] {
        var result: [[UInt64]] = []
        let rowMembers = row?[Figure.gap]?.shownMembers
        result.append(rowMembers ?? [])
        let roles = splitRoles.map { row?[Figure.role($0)]?.shownMembers }
        result += roles.compactMap { $0 }
        if let rowMembers, case let shown = roles.compactMap({ $0 }), shown.count == roles.count {
            result += impliedGroups(row: rowMembers, roles: shown)
        }
        for change in changes { result.append(change?[Figure.selfChange]?.shownMembers ?? []) }
        return result.filter { !$0.isEmpty }
    }

    /// The groups a row's feedback sum and its role sums isolate together when every split role is shown: a wpb's
    /// feedback is the mean of its roles, so `n·feedback − Σ_roles Σ role / m` leaves exactly the wpbs without
    /// every role. Per role, the row's wpbs without it (with two roles: the student-only and the SO-only group,
    /// `n·feedback − ½Σstudent − ½ΣSO` being half their sum); with more roles also the wpbs with each exact set of
    /// roles short of all.
    static func impliedGroups(row: [UInt64], roles: [[UInt64]]) -> [[UInt64]] {
        var groups = roles.reversed().map { PopulationFamily.subtracting(row, $0) }
        guard roles.count > 2 else { return groups }
        let memberships = roles.map(Set.init)
        var bySet: [[Bool]: [UInt64]] = [:]
        for member in row { bySet[memberships.map { $0.contains(member) }, default: []].append(member) }
        for (set, members) in bySet.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) { !$0 && $1 } })
        where set.contains(false) && set.contains(true) {
            groups.append(members)
        }
        return groups
    }

    /// `candidate` (one wave's figures) with every figure withheld whose population differs from another of its
    /// school, wave and area by 1 … k − 1 wpbs: tonight's others, the earlier wave's as shown tonight, and
    /// every earlier release of this wave and of the change out of it in `ledger` (``ChangeSources``).
    func enforce(
        _ candidate: WaveFigures, wave: Wave, earlier: Wave?, tonight: WaveFigures, ledger: ChangeSources?
    ) -> WaveFigures {
        guard rules.sharedRowPopulation else { return candidate }
        let k = rules.minimumGroupSize
        let across = rules.checksAcrossReleases
        let history = across ? (ledger?.history(of: wave.id) ?? []).map(Self.figures(of:)) : []
        let outOfWave = across ? ledger?.changes(outOf: wave.id) ?? [] : []
        // The panels of changes out of this wave, by school and area.
        var panelsOut: [CellKey: [[UInt64]]] = [:]
        for release in outOfWave.map(Self.figures(of:)) {
            for (key, change) in release.changes {
                guard let panel = change[Figure.selfChange]?.shownMembers else { continue }
                panelsOut[CellKey(unit: key.unit, wave: wave.id, area: key.area), default: []].append(panel)
            }
        }
        var result = candidate
        for (key, fresh) in candidate.rows {
            var row = fresh
            var family = PopulationFamily(minimumGroupSize: k)
            for old in history { family.add(Self.populations(row: old.rows[key], changes: [old.changes[key]])) }
            family.add(panelsOut[key] ?? [])
            // The row against earlier releases of it (a re-release).
            if let members = row[Figure.gap]?.shownMembers, family.conflicts(members) {
                row = row.mapValues { $0.withholding(.lateChange(minimum: k)) }
            }
            let rowMembers = row[Figure.gap]?.shownMembers
            family.add(rowMembers)
            // Each role against the row (and, across releases, everything else of the family).
            var rowOnly = PopulationFamily(minimumGroupSize: k)
            rowOnly.add(rowMembers)
            for role in Self.splitRoles {
                guard let members = row[Figure.role(role)]?.shownMembers else { continue }
                if (across ? family : rowOnly).conflicts(members) || (rowMembers == nil && across) {
                    row[Figure.role(role)] = row[Figure.role(role)]?.withholding(.rolePopulationDiffers(minimum: k))
                }
            }
            if across {
                // The groups the roles imply must be safe too; else the first split role (the student) is withheld.
                let implied = Self.populations(row: row, changes: [])
                var trial = family
                var safe = true
                for population in implied where population != rowMembers {
                    if trial.conflicts(population) { safe = false }
                    trial.add(population)
                }
                if safe {
                    family = trial
                } else {
                    let first = Figure.role(Self.splitRoles[0])
                    row[first] = row[first]?.withholding(.rolePopulationDiffers(minimum: k))
                    family.add(Self.populations(row: row, changes: []))
                }
            }
            result.rows[key] = row
            // The panel of the change into this wave, against this wave's family and the earlier wave's.
            guard let earlier, var change = candidate.changes[key], let panel = change[Figure.selfChange]?.shownMembers else {
                continue
            }
            let earlierKey = CellKey(unit: key.unit, wave: earlier.id, area: key.area)
            var panelFamily = PopulationFamily(minimumGroupSize: k)
            if across {
                panelFamily.add(family.populations)
                panelFamily.add(Self.populations(row: tonight.rows[earlierKey], changes: [tonight.changes[earlierKey]]))
            } else {
                panelFamily.add(rowMembers)
                panelFamily.add(tonight.rows[earlierKey]?[Figure.gap]?.shownMembers)
            }
            let unanchored = rowMembers == nil || tonight.rows[earlierKey]?[Figure.gap]?.shownMembers == nil
            if panelFamily.conflicts(panel) || (across && unanchored) {
                change = change.mapValues { $0.withholding(.panelDiffers(minimum: k)) }
                result.changes[key] = change
            }
        }
        return result
    }
}
