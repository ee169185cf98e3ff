/// How the instruments about one kind of subject fit together: the order of the areas, which items
/// belong to which area, and which feedback items mirror which self-scan item.
///
/// Worked out once from the instruments so that adding a form is a handful of array updates.
struct ScopeLayout: Sendable {
    let scope: AnalysisScope
    /// The self-scan's areas first (the radar's axes), then areas only other instruments use.
    let areas: [CompetencyArea]
    /// The instrument whose items are "the self item" of a mirrored gap; `nil` when the scope has no self-scan.
    let selfInstrument: Instrument?
    /// Roles some instrument of this scope is filled in by, in role order.
    let roles: [Role]
    /// Self items (indices into `selfInstrument.items`) that some feedback item mirrors, in item order.
    let mirroredSelfItems: [Int]
    /// Per instrument id.
    let plans: [String: InstrumentPlan]

    /// One instrument's items seen through the layout.
    struct InstrumentPlan: Sendable {
        let instrument: Instrument
        /// Per layout area: the indices of this instrument's items in it (empty when it has none there).
        let itemsPerArea: [[Int]]
        /// Per self item: the items of this instrument that a feedback role's form contributes to it.
        let feedbackMirrors: [(selfItem: Int, items: [Int])]
        /// Per self item: the item a self role's form contributes (only for the self instrument).
        let selfMirrors: [(selfItem: Int, items: [Int])]

        /// The mirror groups that apply to a form filled in by `role`.
        func mirrors(for role: Role) -> [(selfItem: Int, items: [Int])] {
            role.isFeedback ? feedbackMirrors : selfMirrors
        }
    }

    /// Builds the layout of `scope` from every instrument about that kind of subject.
    init(scope: AnalysisScope, instruments: [String: Instrument]) {
        self.scope = scope
        let kind: SubjectKind = scope == .supervisors ? .supervisor : .school
        // The self-scan leads: its areas are the axes the feedback forms are read against.
        let ordered = instruments.values.filter { $0.subjectKind == kind }.sorted { a, b in
            let aSelf = a.roles.contains(.selfAssessment), bSelf = b.roles.contains(.selfAssessment)
            return aSelf != bSelf ? aSelf : a.id < b.id
        }
        var areas: [CompetencyArea] = []
        var seenAreas: Set<String> = []
        for instrument in ordered {
            for area in instrument.areas where seenAreas.insert(area.id).inserted { areas.append(area) }
            // Items naming an area the instrument does not declare still need a place on the axes.
            for item in instrument.items where seenAreas.insert(item.area).inserted {
                areas.append(CompetencyArea(id: item.area, name: item.area))
            }
        }
        self.areas = areas
        let selfInstrument = ordered.first { $0.roles.contains(.selfAssessment) }
        self.selfInstrument = selfInstrument
        roles = Role.allCases.filter { role in ordered.contains { $0.roles.contains(role) } }

        let selfItemIndex = Dictionary(
            (selfInstrument?.items ?? []).enumerated().map { ($0.element.id, $0.offset) },
            uniquingKeysWith: { first, _ in first })
        var plans: [String: InstrumentPlan] = [:]
        var mirrored: Set<Int> = []
        for instrument in ordered {
            let itemsPerArea = areas.map { area in instrument.itemIndices(inArea: area.id) }
            let isSelfInstrument = instrument.id == selfInstrument?.id
            var groups: [Int: [Int]] = [:]
            for (index, item) in instrument.items.enumerated() {
                if let target = item.mirrors, let selfItem = selfItemIndex[target] {
                    groups[selfItem, default: []].append(index)
                } else if isSelfInstrument {
                    // The same form filled in by the subject and by others (the training-school scan):
                    // each item mirrors itself.
                    groups[index, default: []].append(index)
                }
            }
            let feedbackMirrors =
                instrument.roles.contains(where: \.isFeedback)
                ? groups.keys.sorted().map { (selfItem: $0, items: groups[$0] ?? []) } : []
            mirrored.formUnion(feedbackMirrors.map(\.selfItem))
            plans[instrument.id] = InstrumentPlan(
                instrument: instrument, itemsPerArea: itemsPerArea,
                feedbackMirrors: feedbackMirrors, selfMirrors: [])
        }
        mirroredSelfItems = mirrored.sorted()
        if let selfInstrument, let plan = plans[selfInstrument.id] {
            plans[selfInstrument.id] = InstrumentPlan(
                instrument: plan.instrument, itemsPerArea: plan.itemsPerArea, feedbackMirrors: plan.feedbackMirrors,
                selfMirrors: mirroredSelfItems.map { (selfItem: $0, items: [$0]) })
        }
        self.plans = plans
    }

    /// The score measures this scope has, in ``Measure`` order (changes excluded).
    var scoreMeasures: [Measure] {
        var measures: [Measure] = roles.map(Measure.score(of:))
        measures.append(contentsOf: [.feedback, .gap])
        measures += Role.splitRoles.filter(roles.contains).map(Measure.roleGap)
        return Measure.allCases.filter(measures.contains)
    }
}
