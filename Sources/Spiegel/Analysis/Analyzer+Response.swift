extension Analyzer {
    /// The roles whose forms make a wpb's triad (docs/analysis.md §10).
    static let triadRoles = Role.supervisorRoles

    /// Response per (school, wave) for wpbs (docs/analysis.md §10), schools by id, waves by date.
    ///
    /// Counts are wpbs, not forms: a wpb with two student forms counts once under student feedback.
    /// A school appears in a wave when it has a roster or a wpb with a form in that wave; with a roster,
    /// every roster wpb is expected in every wave that has wpb forms. The missing list holds every roster
    /// wpb and every wpb with a form that lacks one of the triad roles.
    func response(_ scored: ScoredSubjects, _ context: FinishContext) -> [ResponseSummary] {
        let supervisors = Self.scopeRank(.supervisors)
        let waveRanks = scored.waveRanksWithData[supervisors]
        guard !waveRanks.isEmpty else { return [] }
        var rosterBySchool: [String: Set<String>] = [:]
        var rosterName: [String: String] = [:]
        for entry in registry.roster {
            rosterBySchool[entry.school, default: []].insert(entry.supervisor)
            // Several entries for one wpb: the first name given wins.
            if let name = entry.name, rosterName[entry.supervisor] == nil { rosterName[entry.supervisor] = name }
        }
        // School name → wave rank → wpb → the roles that sent forms.
        var present: [String: [Int32: [String: Set<Role>]]] = [:]
        for position in 0..<scored.count {
            let slot = states[Int(scored.slots[position])]
            guard slot.scope == supervisors else { continue }
            let roles = Set(Role.allCases.filter(slot.hasForm))
            let school = slot.school >= 0 ? schoolNames[slot.school] : ""
            present[school, default: [:]][scored.waveRank[position], default: [:]][subjectNames[slot.subject]] = roles
        }
        let schools = Set(rosterBySchool.keys).union(present.keys).sorted()
        let expectedRoles = Self.triadRoles.filter { layouts[supervisors].roles.contains($0) }

        var summaries: [ResponseSummary] = []
        for school in schools {
            let roster = rosterBySchool[school] ?? []
            for rank in waveRanks {
                let arrived = present[school]?[rank] ?? [:]
                guard registry.hasRoster || !arrived.isEmpty else { continue }
                func count(_ role: Role) -> Int { arrived.values.filter { $0.contains(role) }.count }
                let triads = arrived.values.filter { roles in Self.triadRoles.allSatisfy(roles.contains) }.count
                var missing: [MissingForms] = []
                for supervisor in roster.union(arrived.keys).sorted() {
                    let roles = arrived[supervisor] ?? []
                    let lacking = expectedRoles.filter { !roles.contains($0) }
                    guard !lacking.isEmpty else { continue }
                    missing.append(MissingForms(supervisor: supervisor, name: rosterName[supervisor], roles: lacking))
                }
                summaries.append(
                    ResponseSummary(
                        school: school, wave: context.waves[Int(rank)].id, rosterSize: registry.hasRoster ? roster.count : nil,
                        selfScans: count(.selfAssessment),
                        feedback: Dictionary(uniqueKeysWithValues: Role.splitRoles.map { ($0, count($0)) }),
                        completeTriads: triads, missing: missing))
            }
        }
        return summaries
    }

    /// Cronbach's alpha per (instrument, area, wave) for areas of two or more items (docs/analysis.md §12), over
    /// all partnerships pooled (`partnership == nil`) or over one partnership's forms, over the items the forms'
    /// source asks (one row per set of items left out with `not_asked`);
    /// instruments by id, areas in instrument order, waves by date.
    func reliabilityResults(_ context: FinishContext, partnership: String?) -> [Reliability] {
        func rank(_ wave: Int32) -> Int32 { context.waveRank[Int(wave)] }
        // Complete forms first, then shortened exports by the items they leave out.
        let keys = reliability.keys.filter { $0.partnership == partnership }
            .sorted { a, b in
                (a.instrument, rank(a.wave), a.notAsked.count) < (b.instrument, rank(b.wave), b.notAsked.count)
                    || ((a.instrument, rank(a.wave), a.notAsked.count) == (b.instrument, rank(b.wave), b.notAsked.count)
                        && a.notAsked.lexicographicallyPrecedes(b.notAsked))
            }
        var byInstrument: [String: [ReliabilityKey]] = [:]
        for key in keys { byInstrument[key.instrument, default: []].append(key) }
        var result: [Reliability] = []
        for instrument in byInstrument.keys.sorted() {
            guard let areas = reliabilityAreas[instrument] else { continue }
            for (index, area) in areas.enumerated() {
                for key in byInstrument[instrument] ?? [] {
                    // An area of which a shortened export asks fewer than two items has no alpha for it.
                    guard let accumulator = reliability[key]?[index], accumulator.items.count >= 2 else { continue }
                    var row = Reliability(
                        instrument: instrument, area: area.area, wave: waveNames[key.wave],
                        itemCount: accumulator.items.count, n: accumulator.n, alpha: accumulator.alpha,
                        partnership: partnership)
                    row.itemsNotAsked = area.items.filter(key.notAsked.contains).compactMap {
                        instruments[instrument]?.items[$0].id
                    }
                    result.append(row)
                }
            }
        }
        return result
    }

    /// ``reliabilityResults(_:partnership:)`` for every partnership with forms, by partnership id.
    func partnershipReliability(_ context: FinishContext) -> [Reliability] {
        Set(reliability.keys.compactMap(\.partnership)).sorted().flatMap { reliabilityResults(context, partnership: $0) }
    }
}
