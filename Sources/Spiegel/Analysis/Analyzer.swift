import Foundation

/// Turns forms into every number the reports show (SPEC §4): add forms one by one, then `finish()`.
///
/// Streaming: a form is folded into its subject's running sums (per role and area, per mirrored item)
/// and into the reliability sums of its instrument, area and wave, and then forgotten. Memory grows with
/// the number of subjects and waves, not with the number of forms. Forms must already be free of
/// duplicates (ingest resolves them, SPEC §4.3).
///
/// ```swift
/// var analyzer = Analyzer(configuration: configuration)
/// for form in ingest.forms { analyzer.add(form) }
/// let result = analyzer.finish()
/// ```
public struct Analyzer: Sendable {
    /// The gap threshold *T* and minimum group size *k*.
    public let settings: PipelineConfiguration.Analysis
    /// Whether item scores and comments per subject are kept for personal workbooks.
    public let includeDetail: Bool
    /// Whether ``AnalysisResult/itemGaps`` is filled. Only personal workbooks show item gaps, and at
    /// national scale they are the largest part of the result (one per subject, wave and mirrored item).
    public let includeItemGaps: Bool
    /// Forms whose instrument is unknown; ingest never produces them, so this stays 0 in a normal run.
    public private(set) var ignoredForms = 0

    let instruments: [String: Instrument]
    let registry: Registry
    let configuredWaves: [String: Wave]
    let layouts: [AnalysisScope: ScopeLayout]
    /// Per instrument id: the areas with two or more items, in the instrument's order, with their items.
    let reliabilityAreas: [String: [(area: String, items: [Int])]]
    /// Per instrument id: everything `add` needs, so a form costs one instrument lookup.
    let formPlans: [String: FormPlan]
    var subjects: [SubjectKey: SubjectAccumulator] = [:]
    var reliability: [ReliabilityKey: [ReliabilityAccumulator]] = [:]

    /// - Parameters:
    ///   - instruments: by id.
    ///   - waves: the configured waves; empty means one wave per school year (ids like `2025-2026`).
    ///   - includeDetail: keep item scores and comments per subject (personal workbooks).
    public init(instruments: [String: Instrument], registry: Registry, waves: [Wave],
                settings: PipelineConfiguration.Analysis, includeDetail: Bool = false, includeItemGaps: Bool = true) {
        self.instruments = instruments
        self.registry = registry
        self.settings = settings
        self.includeDetail = includeDetail
        self.includeItemGaps = includeItemGaps
        configuredWaves = Dictionary(waves.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        layouts = Dictionary(uniqueKeysWithValues: AnalysisScope.allCases.map {
            ($0, ScopeLayout(scope: $0, instruments: instruments))
        })
        reliabilityAreas = instruments.mapValues { instrument in
            instrument.areas.compactMap { area in
                let items = instrument.itemIndices(inArea: area.id)
                return items.count >= 2 ? (area: area.id, items: items) : nil
            }
        }
        var formPlans: [String: FormPlan] = [:]
        for (id, instrument) in instruments {
            let scope: AnalysisScope = instrument.subjectKind == .school ? .schools : .supervisors
            guard let layout = layouts[scope], let plan = layout.plans[instrument.id] else { continue }
            formPlans[id] = FormPlan(scope: scope, layout: layout, plan: plan,
                                                reliabilityAreas: reliabilityAreas[instrument.id] ?? [])
        }
        self.formPlans = formPlans
    }

    /// Uses the configuration's instruments, registry, waves and analysis settings; detail and item
    /// gaps follow whether personal workbooks are asked for, unless the arguments say otherwise.
    public init(configuration: PipelineConfiguration, includeDetail: Bool? = nil, includeItemGaps: Bool? = nil) {
        self.init(instruments: configuration.instruments, registry: configuration.registry,
                  waves: configuration.waves, settings: configuration.analysis,
                  includeDetail: includeDetail ?? configuration.output.personalWorkbooks,
                  includeItemGaps: includeItemGaps ?? configuration.output.personalWorkbooks)
    }

    /// Folds one form into the running state.
    public mutating func add(_ form: Form) {
        guard let formPlan = formPlans[form.instrument] else {
            ignoredForms += 1
            return
        }
        let key = SubjectKey(scope: formPlan.scope, wave: form.wave, subject: form.subject)
        Self.fold(form, plan: formPlan.plan, layout: formPlan.layout, includeDetail: includeDetail,
                  into: &subjects[key, default: SubjectAccumulator()])

        let areas = formPlan.reliabilityAreas
        if !areas.isEmpty {
            let reliabilityKey = ReliabilityKey(instrument: formPlan.plan.instrument.id, wave: form.wave)
            Self.addReliability(form.scores, into: &reliability[reliabilityKey, default: areas.map {
                ReliabilityAccumulator(items: $0.items)
            }])
        }
    }

    private static func addReliability(_ scores: ItemScores, into accumulators: inout [ReliabilityAccumulator]) {
        for index in accumulators.indices { accumulators[index].add(scores) }
    }

    private static func fold(_ form: Form, plan: ScopeLayout.InstrumentPlan, layout: ScopeLayout, includeDetail: Bool,
                             into subject: inout SubjectAccumulator) {
        subject.noteSchool(form.school, role: form.role)
        subject.noteSubmission(form.submittedAt)
        let selfItemCount = layout.selfInstrument?.items.count ?? 0
        subject.roles[form.role, default: RoleAccumulator(areaCount: layout.areas.count, selfItemCount: selfItemCount)]
            .add(form, plan: plan, includeDetail: includeDetail)
    }
}

/// An instrument seen from `add`: its scope, that scope's layout, its plan and its reliability areas.
struct FormPlan: Sendable {
    let scope: AnalysisScope
    let layout: ScopeLayout
    let plan: ScopeLayout.InstrumentPlan
    let reliabilityAreas: [(area: String, items: [Int])]
}

/// Identifies the reliability sums of one instrument in one wave.
struct ReliabilityKey: Hashable, Sendable {
    var instrument: String
    var wave: String
}

extension RoleAccumulator {
    /// Adds one form's area scores (SPEC §4.2), mirrored-item scores and, for personal workbooks, items and comments.
    mutating func add(_ form: Form, plan: ScopeLayout.InstrumentPlan, includeDetail: Bool) {
        formCount += 1
        for (area, items) in plan.itemsPerArea.enumerated() where !items.isEmpty {
            if let mean = Self.meanOfAnswered(items, in: form.scores) {
                areaSums[area] += mean
                areaCounts[area] += 1
            }
        }
        for (selfItem, items) in plan.mirrors(for: form.role) {
            if let mean = Self.meanOfAnswered(items, in: form.scores) {
                mirrorSums[selfItem] += mean
                mirrorCounts[selfItem] += 1
            }
        }
        guard includeDetail else { return }
        let instrument = plan.instrument
        Self.tally(form.scores, into: &itemTallies[instrument.id, default: ItemTally(itemCount: instrument.items.count)])
        for (index, question) in instrument.openQuestions.enumerated() where index < form.comments.count {
            let text = form.comments[index].trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { continue }
            comments.append(PendingComment(questionIndex: index, question: question.id, text: text,
                                           submittedAt: form.submittedAt, origin: form.origin))
        }
    }

    private static func tally(_ scores: ItemScores, into tally: inout ItemTally) {
        for index in tally.sums.indices where index < scores.count {
            if let value = scores[index] {
                tally.sums[index] += value
                tally.counts[index] += 1
            }
        }
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
}
