/// Every number the reports show, computed once from the forms (docs/analysis.md). Reports only read it.
///
/// Arrays are in a fixed order: schools by id, subjects by id, waves by date, areas in instrument order.
package struct AnalysisResult: Sendable {
    /// The gap threshold and minimum group size used.
    package var settings: PipelineConfiguration.Analysis
    /// Waves with at least one form, by date.
    package var waves: [Wave]
    /// The competency areas of the wpb instruments, in the self-scan's order (the radar's axes).
    package var supervisorAreas: [CompetencyArea]
    /// The conditions of the training-school scan, in order; empty when no such scan was read.
    package var schoolScanAreas: [CompetencyArea]
    /// Per (subject, wave, area), for wpbs and for schools (training-school scan).
    package var subjectScores: [SubjectScore]
    /// Self item vs the feedback items that mirror it, per (subject, wave, self item); empty when the
    /// analyzer was told not to keep them (``Analyzer/includeItemGaps``: personal and MT workbooks need them).
    package var itemGaps: [ItemGap]
    /// Per (scope, level, unit, wave, area, measure).
    package var aggregates: [Aggregate]
    /// Per (school, wave).
    package var response: [ResponseSummary]
    /// Per (subject, area, earlier wave → later wave), for subjects present in both.
    package var changes: [SubjectChange]
    /// Per (instrument, area, wave), for areas of two or more items, over all partnerships' forms pooled.
    package var reliability: [Reliability]
    /// The same per partnership, over its schools' forms only: what a partnership workbook shows.
    package var partnershipReliability: [Reliability] = []
    /// Item means per subject, only filled when personal workbooks are asked for.
    package var itemScores: [SubjectItemScore]
    /// Feed-forward comments per subject, only filled when personal workbooks are asked for.
    package var comments: [SubjectComment]

    package init(
        settings: PipelineConfiguration.Analysis, waves: [Wave], supervisorAreas: [CompetencyArea],
        schoolScanAreas: [CompetencyArea] = [], subjectScores: [SubjectScore] = [], itemGaps: [ItemGap] = [],
        aggregates: [Aggregate] = [], response: [ResponseSummary] = [], changes: [SubjectChange] = [],
        reliability: [Reliability] = [], itemScores: [SubjectItemScore] = [], comments: [SubjectComment] = []
    ) {
        self.settings = settings
        self.waves = waves
        self.supervisorAreas = supervisorAreas
        self.schoolScanAreas = schoolScanAreas
        self.subjectScores = subjectScores
        self.itemGaps = itemGaps
        self.aggregates = aggregates
        self.response = response
        self.changes = changes
        self.reliability = reliability
        self.itemScores = itemScores
        self.comments = comments
    }
}

/// Whether a number is about wpbs (self-scan and feedback) or about schools (training-school scan).
package enum AnalysisScope: String, Sendable, Hashable, CaseIterable {
    case supervisors = "wpb"
    case schools = "school"
}

/// The group an aggregate summarises.
package enum AggregateLevel: String, Sendable, Hashable, CaseIterable {
    case school
    case partnership
}

/// What an aggregate or score measures. ``rawValue`` is the `measure` column of `aggregates.csv`.
package enum Measure: Sendable, Hashable, CaseIterable {
    /// One role's score (`self`, `student`, …: the role's raw value).
    case role(Role)
    case feedback
    case gap
    /// Self − one split feedback role's score (`gap_student`, …; ``Role/splitRoles``).
    case roleGap(Role)
    case changeSelf
    case changeFeedback

    /// The self score.
    package static let selfScore = Measure.role(.selfAssessment)

    /// Every measure in report order: the roles' scores, feedback, gap, the split roles' gaps, the changes.
    package static let allCases: [Measure] =
        Role.allCases.map(Measure.role) + [.feedback, .gap] + Role.splitRoles.map(Measure.roleGap)
        + [.changeSelf, .changeFeedback]

    /// The measure holding one role's score.
    package static func score(of role: Role) -> Measure { .role(role) }

    /// The name in `aggregates.csv` and the research codebook.
    package var rawValue: String {
        switch self {
        case .role(let role): role.rawValue
        case .feedback: "feedback"
        case .gap: "gap"
        case .roleGap(let role): "gap_" + role.rawValue
        case .changeSelf: "change_self"
        case .changeFeedback: "change_feedback"
        }
    }
}

/// Self-assessment against feedback, with threshold *T* (docs/analysis.md §7).
package enum GapCategory: String, Sendable, Hashable, CaseIterable {
    /// gap ≥ +T: the wpb rates itself higher than others do (blind spot).
    case overschatting
    /// |gap| < T.
    case inOvereenstemming = "in_overeenstemming"
    /// gap ≤ −T: others rate the wpb higher (hidden strength).
    case onderschatting

    /// The category of a computed gap under threshold *T* (docs/analysis.md, "Gap category").
    ///
    /// Scores are means of small integers, so a gap that is exactly *T* on paper can come out of
    /// floating-point arithmetic as T − 2⁻⁵². The gap is rounded to nine decimals first, which keeps such
    /// a subject on the side of the threshold the definition puts it; no real gap lies within 10⁻⁹ of *T*
    /// without being *T*. This is the only place the rule is decided.
    package init(gap: Double, threshold: Double) {
        let rounded = (gap * 1e9).rounded() / 1e9
        if rounded >= threshold {
            self = .overschatting
        } else if rounded <= -threshold {
            self = .onderschatting
        } else {
            self = .inOvereenstemming
        }
    }

    package var dutchLabel: String {
        switch self {
        case .overschatting: "Overschatting (blinde vlek)"
        case .inOvereenstemming: "In overeenstemming"
        case .onderschatting: "Onderschatting (verborgen kracht)"
        }
    }
}

/// Scores of one subject in one wave and area (docs/analysis.md §4–§7).
package struct SubjectScore: Sendable, Equatable {
    package var scope: AnalysisScope
    /// The wpb's normalised identifier, or the school id.
    package var subject: String
    package var school: String
    package var partnership: String
    package var wave: String
    package var area: String
    /// Per role: the mean of that role's area scores (docs/analysis.md §4); stored inline, see ``roleScores``.
    package var roleScoreValues: RoleValues<Double>
    /// Mean of the feedback roles present, each weighing once (docs/analysis.md §5).
    package var feedback: Double?
    /// Self − feedback (docs/analysis.md §6).
    package var gap: Double?
    /// Self − that role's score, per feedback role; stored inline, see ``roleGaps``.
    package var roleGapValues: RoleValues<Double>
    package var category: GapCategory?
    /// How many forms per role went into the scores; stored inline, see ``formCounts``.
    package var formCountValues: RoleValues<Int>

    package init(
        scope: AnalysisScope, subject: String, school: String, partnership: String, wave: String, area: String,
        roleScores: [Role: Double], feedback: Double?, gap: Double?, roleGaps: [Role: Double],
        category: GapCategory?, formCounts: [Role: Int]
    ) {
        self.init(
            scope: scope, subject: subject, school: school, partnership: partnership, wave: wave, area: area,
            roleScoreValues: RoleValues(roleScores), feedback: feedback, gap: gap,
            roleGapValues: RoleValues(roleGaps), category: category, formCountValues: RoleValues(formCounts))
    }

    /// The compact form of the initialiser above, without dictionaries (1.4 million scores in a national run).
    package init(
        scope: AnalysisScope, subject: String, school: String, partnership: String, wave: String, area: String,
        roleScoreValues: RoleValues<Double>, feedback: Double?, gap: Double?, roleGapValues: RoleValues<Double>,
        category: GapCategory?, formCountValues: RoleValues<Int>
    ) {
        self.scope = scope
        self.subject = subject
        self.school = school
        self.partnership = partnership
        self.wave = wave
        self.area = area
        self.roleScoreValues = roleScoreValues
        self.feedback = feedback
        self.gap = gap
        self.roleGapValues = roleGapValues
        self.category = category
        self.formCountValues = formCountValues
    }

    /// Per role: the mean of that role's area scores (docs/analysis.md §4). Built on each access; readers of many
    /// scores use ``roleScoreValues`` (``roleScore(_:)``) instead.
    package var roleScores: [Role: Double] {
        get { roleScoreValues.dictionary }
        set { roleScoreValues = RoleValues(newValue) }
    }

    /// Self − that role's score, per feedback role. Built on each access, like ``roleScores``.
    package var roleGaps: [Role: Double] {
        get { roleGapValues.dictionary }
        set { roleGapValues = RoleValues(newValue) }
    }

    /// How many forms per role went into the scores. Built on each access, like ``roleScores``.
    package var formCounts: [Role: Int] {
        get { formCountValues.dictionary }
        set { formCountValues = RoleValues(newValue) }
    }

    /// One role's score, without building a dictionary.
    package func roleScore(_ role: Role) -> Double? { roleScoreValues[role] }

    /// Self − one feedback role's score, without building a dictionary.
    package func roleGap(_ role: Role) -> Double? { roleGapValues[role] }

    package var selfScore: Double? { roleScoreValues[.selfAssessment] }
}

/// A self-scan item against the feedback items that mirror it, for one subject and wave.
package struct ItemGap: Sendable, Equatable {
    package var subject: String
    package var wave: String
    /// The self-scan item id.
    package var item: String
    package var area: String
    package var selfScore: Double?
    /// Per feedback role, the mean of its mirrored item scores.
    package var roleScores: [Role: Double]
    package var feedback: Double?
    package var gap: Double?
    /// Whether the subject is a wpb or a school (training-school scan, where each item mirrors itself).
    package var scope: AnalysisScope

    package init(
        subject: String, wave: String, item: String, area: String, selfScore: Double?, roleScores: [Role: Double],
        feedback: Double?, gap: Double?, scope: AnalysisScope = .supervisors
    ) {
        self.scope = scope
        self.subject = subject
        self.wave = wave
        self.item = item
        self.area = area
        self.selfScore = selfScore
        self.roleScores = roleScores
        self.feedback = feedback
        self.gap = gap
    }
}

/// Descriptive statistics over subjects, each weighing once (docs/analysis.md §8).
package struct Statistics: Sendable, Equatable {
    package var n: Int
    package var mean: Double
    /// Sample standard deviation (n − 1); `nil` when n < 2.
    package var sd: Double?
    package var median: Double
    package var minimum: Double
    package var maximum: Double

    package init(n: Int, mean: Double, sd: Double?, median: Double, minimum: Double, maximum: Double) {
        self.n = n
        self.mean = mean
        self.sd = sd
        self.median = median
        self.minimum = minimum
        self.maximum = maximum
    }
}

/// Shares of subjects per gap category; they add up to 1.
package struct GapShares: Sendable, Equatable {
    package var overschatting: Double
    package var inOvereenstemming: Double
    package var onderschatting: Double

    package init(overschatting: Double, inOvereenstemming: Double, onderschatting: Double) {
        self.overschatting = overschatting
        self.inOvereenstemming = inOvereenstemming
        self.onderschatting = onderschatting
    }

    package subscript(category: GapCategory) -> Double {
        switch category {
        case .overschatting: overschatting
        case .inOvereenstemming: inOvereenstemming
        case .onderschatting: onderschatting
        }
    }
}

/// Why a figure is not shown outside the coordinator's view (docs/analysis.md §9).
package enum Suppression: Sendable, Equatable {
    /// Fewer than *k* subjects.
    case smallGroup(n: Int, minimum: Int)

    /// A stable code for `aggregates.csv`.
    package var code: String {
        switch self {
        case .smallGroup: "small-group"
        }
    }

    /// A Dutch sentence for workbooks.
    package var dutchExplanation: String {
        switch self {
        case let .smallGroup(n, minimum):
            "Onderdrukt: minder dan \(minimum) personen (n = \(n))"
        }
    }
}

/// One aggregate cell: a measure over the subjects of one group in one wave and area.
package struct Aggregate: Sendable, Equatable {
    package var scope: AnalysisScope
    package var level: AggregateLevel
    /// The school id or partnership id.
    package var unit: String
    package var wave: String
    package var area: String
    package var measure: Measure
    /// `nil` when no subject has a value.
    package var statistics: Statistics?
    /// For gap measures: the share of subjects per category.
    package var shares: GapShares?
    /// Set when the figure must not leave the coordinator; the numbers stay for the coordinator's workbook.
    package var suppression: Suppression?

    package init(
        scope: AnalysisScope, level: AggregateLevel, unit: String, wave: String, area: String, measure: Measure,
        statistics: Statistics?, shares: GapShares? = nil, suppression: Suppression? = nil
    ) {
        self.scope = scope
        self.level = level
        self.unit = unit
        self.wave = wave
        self.area = area
        self.measure = measure
        self.statistics = statistics
        self.shares = shares
        self.suppression = suppression
    }

    package var n: Int { statistics?.n ?? 0 }
}

/// Response in one school and wave (docs/analysis.md §10).
package struct ResponseSummary: Sendable, Equatable {
    package var school: String
    package var wave: String
    /// wpbs on the roster; `nil` without a roster.
    package var rosterSize: Int?
    package var selfScans: Int
    /// Per split feedback role (``Role/splitRoles``): wpbs with at least one form of it; see ``feedback(from:)``.
    package var feedback: [Role: Int]
    /// wpbs with a form of every role that rates wpbs (``Role/supervisorRoles``): self-scan, student, SO.
    package var completeTriads: Int
    /// Who lacks what; for the coordinator only.
    package var missing: [MissingForms]

    package init(
        school: String, wave: String, rosterSize: Int?, selfScans: Int, feedback: [Role: Int], completeTriads: Int,
        missing: [MissingForms]
    ) {
        self.school = school
        self.wave = wave
        self.rosterSize = rosterSize
        self.selfScans = selfScans
        self.feedback = feedback
        self.completeTriads = completeTriads
        self.missing = missing
    }

    /// wpbs with at least one form of `role`; 0 when none arrived.
    package func feedback(from role: Role) -> Int { feedback[role] ?? 0 }
}

/// A wpb and the forms still missing for them.
package struct MissingForms: Sendable, Equatable {
    package var supervisor: String
    package var name: String?
    /// Roles whose form has not arrived, in role order.
    package var roles: [Role]

    package init(supervisor: String, name: String?, roles: [Role]) {
        self.supervisor = supervisor
        self.name = name
        self.roles = roles
    }
}

/// Change of one subject in one area from one wave to the next (docs/analysis.md §11).
package struct SubjectChange: Sendable, Equatable {
    package var subject: String
    package var school: String
    package var area: String
    package var fromWave: String
    package var toWave: String
    /// Later − earlier self score.
    package var selfChange: Double?
    /// Later − earlier feedback score.
    package var feedbackChange: Double?
    /// Whether the subject is a wpb or a school (training-school scan).
    package var scope: AnalysisScope

    package init(
        subject: String, school: String, area: String, fromWave: String, toWave: String, selfChange: Double?,
        feedbackChange: Double?, scope: AnalysisScope = .supervisors
    ) {
        self.scope = scope
        self.subject = subject
        self.school = school
        self.area = area
        self.fromWave = fromWave
        self.toWave = toWave
        self.selfChange = selfChange
        self.feedbackChange = feedbackChange
    }
}

/// Cronbach's alpha of one area of one instrument in one wave, over complete forms (docs/analysis.md §12).
package struct Reliability: Sendable, Equatable {
    package var instrument: String
    package var area: String
    package var wave: String
    /// Items in the area.
    package var itemCount: Int
    /// Complete forms used.
    package var n: Int
    /// `nil` when it cannot be computed (n < 2 or no variance).
    package var alpha: Double?
    /// The partnership whose forms were used; `nil` for all partnerships pooled.
    package var partnership: String?
    /// The area's items the forms' source does not ask (`not_asked`), left out of this alpha; empty for complete forms.
    package var itemsNotAsked: [String] = []

    package init(
        instrument: String, area: String, wave: String, itemCount: Int, n: Int, alpha: Double?, partnership: String? = nil
    ) {
        self.instrument = instrument
        self.area = area
        self.wave = wave
        self.itemCount = itemCount
        self.n = n
        self.alpha = alpha
        self.partnership = partnership
    }
}

/// The mean score of one item for one subject, wave and role (personal workbooks).
package struct SubjectItemScore: Sendable, Equatable {
    package var subject: String
    package var wave: String
    package var instrument: String
    package var item: String
    package var role: Role
    package var mean: Double
    package var n: Int

    package init(subject: String, wave: String, instrument: String, item: String, role: Role, mean: Double, n: Int) {
        self.subject = subject
        self.wave = wave
        self.instrument = instrument
        self.item = item
        self.role = role
        self.mean = mean
        self.n = n
    }
}

/// A feed-forward comment about a subject (personal workbooks only).
package struct SubjectComment: Sendable, Equatable {
    package var subject: String
    package var wave: String
    package var role: Role
    /// The open question's id.
    package var question: String
    package var text: String

    package init(subject: String, wave: String, role: Role, question: String, text: String) {
        self.subject = subject
        self.wave = wave
        self.role = role
        self.question = question
        self.text = text
    }
}
