import Foundation

/// Turns forms into every number the reports show (docs/analysis.md): add forms one by one, then `finish()`.
///
/// Streaming: a form is folded into its subject's running sums (per role and area, per mirrored item)
/// and into the reliability sums of its instrument, area and wave, and then forgotten. Memory grows with
/// the number of subjects and waves, not with the number of forms. Forms must already be free of
/// duplicates (ingest resolves them, docs/analysis.md §3).
///
/// Subjects, waves and schools are interned to integers on the way in (``NameTable``), so the running
/// state is flat arrays indexed by integers; Strings come back only in the result.
///
/// ```swift
/// var analyzer = Analyzer(configuration: configuration)
/// analyzer.add(ingest.table)
/// let result = analyzer.finish()
/// ```
struct Analyzer: Sendable {
    /// The gap threshold *T* and minimum group size *k*.
    let settings: PipelineConfiguration.Analysis
    /// Whether item scores and comments per subject are kept for personal workbooks.
    let includeDetail: Bool
    /// Whether ``AnalysisResult/itemGaps`` is filled. Personal workbooks show item gaps and MT workbooks their
    /// released aggregates; at national scale they are the largest part of the result (one per subject, wave and
    /// mirrored item).
    let includeItemGaps: Bool
    /// Whether ``AnalysisResult/itemScores`` is filled (with `includeDetail`). No report reads them: the run turns
    /// them off, so personal workbooks do not hold an item mean per subject, wave, item and role they never show.
    let includeItemScores: Bool
    /// Into how many parts work that splits evenly (the aggregate cells) is shared out: the machine's cores.
    var parallelParts = Machine.cores
    /// Forms whose instrument is unknown; ingest never produces them, so this stays 0 in a normal run.
    private(set) var ignoredForms = 0

    let instruments: [String: Instrument]
    let registry: Registry
    let configuredWaves: [String: Wave]
    /// Per scope, in ``AnalysisScope/allCases`` order.
    let layouts: [ScopeLayout]
    /// Per instrument id: the areas with two or more items, in the instrument's order, with their items.
    let reliabilityAreas: [String: [(area: String, items: [Int])]]
    /// Per instrument id: everything `add` needs, so a form costs one instrument lookup.
    let formPlans: [String: FormPlan]

    var subjectNames = NameTable()
    var waveNames = NameTable()
    var schoolNames = NameTable()
    var states: SubjectStates
    /// Per subject slot, only with `includeDetail`: per role, item tallies and comments.
    var details: [Int: [Role: RoleDetail]] = [:]
    var reliability: [ReliabilityKey: [ReliabilityAccumulator]] = [:]

    /// - Parameters:
    ///   - instruments: by id.
    ///   - waves: the configured waves; empty means one wave per school year (ids like `2025-2026`).
    ///   - includeDetail: keep item scores and comments per subject (personal workbooks).
    ///   - includeItemScores: with `includeDetail`, also the item scores (by default yes; the run says no).
    init(
        instruments: [String: Instrument], registry: Registry, waves: [Wave],
        settings: PipelineConfiguration.Analysis, includeDetail: Bool = false, includeItemGaps: Bool = true,
        includeItemScores: Bool? = nil
    ) {
        self.instruments = instruments
        self.registry = registry
        self.settings = settings
        self.includeDetail = includeDetail
        self.includeItemGaps = includeItemGaps
        self.includeItemScores = includeDetail && (includeItemScores ?? true)
        configuredWaves = Dictionary(waves.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let layouts = AnalysisScope.allCases.map { ScopeLayout(scope: $0, instruments: instruments) }
        self.layouts = layouts
        states = SubjectStates(
            areaCounts: layouts.map(\.areas.count),
            mirrorCounts: layouts.map { includeItemGaps ? $0.selfInstrument?.items.count ?? 0 : 0 })
        reliabilityAreas = instruments.mapValues { instrument in
            instrument.areas.compactMap { area in
                let items = instrument.itemIndices(inArea: area.id)
                return items.count >= 2 ? (area: area.id, items: items) : nil
            }
        }
        var formPlans: [String: FormPlan] = [:]
        for (id, instrument) in instruments {
            let scope: AnalysisScope = instrument.subjectKind == .school ? .schools : .supervisors
            let scopeIndex = Self.scopeRank(scope)
            guard let plan = layouts[scopeIndex].plans[instrument.id] else { continue }
            formPlans[id] = FormPlan(scope: scopeIndex, plan: plan, reliabilityAreas: reliabilityAreas[instrument.id] ?? [])
        }
        self.formPlans = formPlans
    }

    /// Uses the configuration's instruments, registry, waves and analysis settings; detail follows whether personal
    /// workbooks are asked for, item gaps whether personal or MT workbooks are (MT workbooks show released items),
    /// unless the arguments say otherwise.
    init(
        configuration: PipelineConfiguration, includeDetail: Bool? = nil, includeItemGaps: Bool? = nil,
        includeItemScores: Bool? = nil
    ) {
        self.init(
            instruments: configuration.instruments, registry: configuration.registry,
            waves: configuration.waves, settings: configuration.analysis,
            includeDetail: includeDetail ?? configuration.output.personalWorkbooks,
            includeItemGaps: includeItemGaps ?? (configuration.output.personalWorkbooks || configuration.output.schoolWorkbooks),
            includeItemScores: includeItemScores)
    }

    /// Folds one form into the running state.
    mutating func add(_ form: Form) {
        guard let plan = formPlans[form.instrument] else {
            ignoredForms += 1
            return
        }
        // Numbered in this order (wave, subject, school) on both paths, so ids come out the same.
        let wave = waveNames.id(form.wave)
        let subject = subjectNames.id(form.subject)
        let school = schoolNames.id(form.school)
        let row = FormRow(
            plan: plan, wave: wave, subject: subject, school: school,
            partnership: registry.school(form.school)?.partnership, role: form.role,
            submittedAt: form.submittedAt, scores: form.scores)
        add(row, detail: includeDetail ? form : nil)
    }

    /// Folds every row of `table` into the running state, in order: the run's path.
    ///
    /// The table's names are numbered into the analyzer's own the first time a row uses them, so a million rows
    /// cost array lookups; a ``Form`` is made only for the detail of personal workbooks.
    mutating func add(_ table: FormTable) {
        let plans = table.instruments.names.map { formPlans[$0] }
        let partnerships = table.schools.names.map { registry.school($0)?.partnership }
        var waves = [Int32](repeating: -1, count: table.waves.count)
        var subjects = [Int32](repeating: -1, count: table.people.count)
        var schools = [Int32](repeating: -1, count: table.schools.count)
        func number(_ index: Int32, in numbers: inout [Int32], names: [String], table: inout NameTable) -> Int32 {
            if numbers[Int(index)] < 0 { numbers[Int(index)] = table.id(names[Int(index)]) }
            return numbers[Int(index)]
        }
        for row in table.rows {
            guard let plan = plans[Int(table.instrument[row].index)] else {
                ignoredForms += 1
                continue
            }
            let wave = number(table.wave[row].index, in: &waves, names: table.waves.names, table: &waveNames)
            let subject = number(table.subject[row].index, in: &subjects, names: table.people.names, table: &subjectNames)
            let school = table.school[row].index
            let formRow = FormRow(
                plan: plan, wave: wave, subject: subject,
                school: number(school, in: &schools, names: table.schools.names, table: &schoolNames),
                partnership: partnerships[Int(school)], role: table.role[row], submittedAt: table.submittedAt[row],
                scores: table.scores(row))
            add(formRow, detail: includeDetail ? table[row] : nil)
        }
    }

    /// One form as `add` needs it: its instrument's plan and its names as the analyzer's numbers.
    private struct FormRow {
        var plan: FormPlan
        var wave: Int32
        var subject: Int32
        var school: Int32
        var partnership: String?
        var role: Role
        var submittedAt: Date
        var scores: ItemScores
    }

    private mutating func add(_ form: FormRow, detail: Form?) {
        let formPlan = form.plan
        let slot = states.slot(scope: formPlan.scope, wave: form.wave, subject: form.subject)
        notePlacement(of: slot, school: form.school, role: form.role, submittedAt: form.submittedAt)
        fold(form.scores, role: form.role, plan: formPlan, slot: slot)
        if let detail { addDetail(detail, plan: formPlan.plan, slot: slot) }

        let areas = formPlan.reliabilityAreas
        if !areas.isEmpty {
            // Over the items the form's source asks (docs/analysis.md §12): a shortened export is complete without
            // the items it leaves out, and is pooled only with forms that ask the same items.
            let notAsked = Self.notAsked(form.scores)
            func accumulators() -> [ReliabilityAccumulator] {
                areas.map { area in ReliabilityAccumulator(items: area.items.filter { !notAsked.contains($0) }) }
            }
            // Pooled over all partnerships, and per partnership for its own workbook.
            let pooled = ReliabilityKey(
                instrument: formPlan.plan.instrument.id, wave: form.wave, partnership: nil, notAsked: notAsked)
            Self.addReliability(form.scores, into: &reliability[pooled, default: accumulators()])
            if let partnership = form.partnership {
                var own = pooled
                own.partnership = partnership
                Self.addReliability(form.scores, into: &reliability[own, default: accumulators()])
            }
        }
    }

    /// Records the form's school (the lowest id by name wins, self forms first) and submission time.
    private mutating func notePlacement(of slot: Int, school: Int32, role: Role, submittedAt: Date) {
        var state = states[slot]
        func lower(_ candidate: Int32, than current: Int32) -> Bool {
            current < 0 || (candidate != current && schoolNames[candidate] < schoolNames[current])
        }
        if role == .selfAssessment, lower(school, than: state.selfSchool) { state.selfSchool = school }
        if lower(school, than: state.anySchool) { state.anySchool = school }
        if submittedAt < state.earliestSubmission { state.earliestSubmission = submittedAt }
        state.countForm(role)
        states[slot] = state
    }

    /// Adds one form's area scores (docs/analysis.md §2) and mirrored-item scores to its slot's sums.
    private mutating func fold(_ scores: ItemScores, role: Role, plan formPlan: FormPlan, slot: Int) {
        let base = states[slot].base
        let plan = formPlan.plan
        let rolePosition = role.position
        for (area, items) in plan.itemsPerArea.enumerated() where !items.isEmpty {
            if let mean = Self.meanOfAnswered(items, in: scores) {
                let at = states.sums[formPlan.scope].areaPosition(base: base, role: rolePosition, area: area)
                states.sums[formPlan.scope].areaSums[at] += mean
                states.sums[formPlan.scope].areaCounts[at] += 1
            }
        }
        guard states.sums[formPlan.scope].mirrorCount > 0 else { return }
        for (selfItem, items) in plan.mirrors(for: role) {
            if let mean = Self.meanOfAnswered(items, in: scores) {
                let at = states.sums[formPlan.scope].mirrorPosition(base: base, role: rolePosition, selfItem: selfItem)
                states.sums[formPlan.scope].mirrorSums[at] += mean
                states.sums[formPlan.scope].mirrorCounts[at] += 1
            }
        }
    }

    /// Item tallies and comments for personal workbooks.
    private mutating func addDetail(_ form: Form, plan: ScopeLayout.InstrumentPlan, slot: Int) {
        let instrument = plan.instrument
        var detail = details[slot, default: [:]][form.role, default: RoleDetail()]
        if includeItemScores {
            var tally = detail.itemTallies[instrument.id, default: ItemTally(itemCount: instrument.items.count)]
            for index in tally.sums.indices where index < form.scores.count {
                if let value = form.scores[index] {
                    tally.sums[index] += value
                    tally.counts[index] += 1
                }
            }
            detail.itemTallies[instrument.id] = tally
        }
        for (index, question) in instrument.openQuestions.enumerated() where index < form.comments.count {
            let text = form.comments[index].trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { continue }
            detail.comments.append(
                PendingComment(
                    questionIndex: index, question: question.id, text: text,
                    submittedAt: form.submittedAt, origin: form.origin))
        }
        details[slot, default: [:]][form.role] = detail
    }

    /// The positions of the items the form's source does not ask (`not_asked`), ascending; empty for most forms.
    static func notAsked(_ scores: ItemScores) -> [Int] {
        var positions: [Int] = []
        for position in scores.indices where !scores.isAsked(position) { positions.append(position) }
        return positions
    }

    private static func addReliability(_ scores: ItemScores, into accumulators: inout [ReliabilityAccumulator]) {
        for index in accumulators.indices { accumulators[index].add(scores) }
    }

    /// The mean of the answered items among `items`; `nil` when none is answered (never zero).
    static func meanOfAnswered(_ items: [Int], in scores: ItemScores) -> Double? {
        var sum = 0, count = 0
        for index in items where index < scores.count {
            if let value = scores[index] {
                sum += value
                count += 1
            }
        }
        return count > 0 ? Double(sum) / Double(count) : nil
    }

    static func scopeRank(_ scope: AnalysisScope) -> Int { AnalysisScope.allCases.firstIndex(of: scope) ?? 0 }
}

/// An instrument seen from `add`: its scope (position in ``AnalysisScope/allCases``), its plan and its reliability areas.
struct FormPlan: Sendable {
    let scope: Int
    let plan: ScopeLayout.InstrumentPlan
    let reliabilityAreas: [(area: String, items: [Int])]
}

/// Identifies the reliability sums of one instrument in one wave.
struct ReliabilityKey: Hashable, Sendable {
    var instrument: String
    var wave: Int32
    /// `nil`: all partnerships pooled.
    var partnership: String?
    /// The instrument's items the forms' source does not ask (positions, ascending): forms asking different items
    /// are kept apart, each over the items it asks.
    var notAsked: [Int] = []
}
