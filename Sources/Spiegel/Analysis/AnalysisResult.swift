/// Every number the reports show, computed once from the forms (docs/analysis.md). Reports only read it.
///
/// Arrays are in a fixed order: schools by id, subjects by id, waves by date, areas in instrument order.
struct AnalysisResult: Sendable {
    /// The gap threshold and minimum group size used.
    var settings: PipelineConfiguration.Analysis
    /// Waves with at least one form, by date.
    var waves: [Wave]
    /// The competency areas of the wpb instruments, in the self-scan's order (the radar's axes).
    var supervisorAreas: [CompetencyArea]
    /// The conditions of the training-school scan, in order; empty when no such scan was read.
    var schoolScanAreas: [CompetencyArea]
    /// Per (subject, wave, area), for wpbs and for schools (training-school scan).
    var subjectScores: [SubjectScore]
    /// Self item vs the feedback items that mirror it, per (subject, wave, self item); empty when the
    /// analyzer was told not to keep them (``Analyzer/includeItemGaps``: personal and MT workbooks need them).
    var itemGaps: [ItemGap]
    /// Per (scope, level, unit, wave, area, measure).
    var aggregates: [Aggregate]
    /// Per (school, wave).
    var response: [ResponseSummary]
    /// Per (subject, area, earlier wave → later wave), for subjects present in both.
    var changes: [SubjectChange]
    /// Per (instrument, area, wave), for areas of two or more items, over all partnerships' forms pooled.
    var reliability: [Reliability]
    /// The same per partnership, over its schools' forms only: what a partnership workbook shows.
    var partnershipReliability: [Reliability] = []
    /// Item means per subject, only filled when personal workbooks are asked for.
    var itemScores: [SubjectItemScore]
    /// Feed-forward comments per subject, only filled when personal workbooks are asked for.
    var comments: [SubjectComment]

    init(
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
enum AnalysisScope: String, Sendable, Hashable, CaseIterable {
    case supervisors = "wpb"
    case schools = "school"
}

/// The group an aggregate summarises.
enum AggregateLevel: String, Sendable, Hashable, CaseIterable {
    case school
    case partnership
}

/// What an aggregate or score measures. ``rawValue`` is the `measure` column of `aggregates.csv`.
enum Measure: Sendable, Hashable, CaseIterable {
    /// One role's score (`self`, `student`, …: the role's raw value).
    case role(Role)
    case feedback
    case gap
    /// Self − one split feedback role's score (`gap_student`, …; ``Role/splitRoles``).
    case roleGap(Role)
    case changeSelf
    case changeFeedback

    /// The self score.
    static let selfScore = Measure.role(.selfAssessment)

    /// Every measure in report order: the roles' scores, feedback, gap, the split roles' gaps, the changes.
    static let allCases: [Measure] =
        Role.allCases.map(Measure.role) + [.feedback, .gap] + Role.splitRoles.map(Measure.roleGap)
        + [.changeSelf, .changeFeedback]

    /// The measure holding one role's score.
    static func score(of role: Role) -> Measure { .role(role) }

    /// The name in `aggregates.csv` and the research codebook.
    var rawValue: String {
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
enum GapCategory: String, Sendable, Hashable, CaseIterable {
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
    init(gap: Double, threshold: Double) {
        let rounded = (gap * 1e9).rounded() / 1e9
        if rounded >= threshold {
            self = .overschatting
        } else if rounded <= -threshold {
            self = .onderschatting
        } else {
            self = .inOvereenstemming
        }
    }

    var dutchLabel: String {
        switch self {
        case .overschatting: "Overschatting (blinde vlek)"
        case .inOvereenstemming: "In overeenstemming"
        case .onderschatting: "Onderschatting (verborgen kracht)"
        }
    }
}

/// Scores of one subject in one wave and area (docs/analysis.md §4–§7).
struct SubjectScore: Sendable, Equatable {
    var scope: AnalysisScope
    /// The wpb's normalised identifier, or the school id.
    var subject: String
    var school: String
    var partnership: String
    var wave: String
    var area: String
    /// Per role: the mean of that role's area scores (docs/analysis.md §4); stored inline, see ``roleScores``.
    var roleScoreValues: RoleValues<Double>
    /// Mean of the feedback roles present, each weighing once (docs/analysis.md §5).
    var feedback: Double?
    /// Self − feedback (docs/analysis.md §6).
    var gap: Double?
    /// Self − that role's score, per feedback role; stored inline, see ``roleGaps``.
    var roleGapValues: RoleValues<Double>
    var category: GapCategory?
    /// How many forms per role went into the scores; stored inline, see ``formCounts``.
    var formCountValues: RoleValues<Int>

    init(
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
    init(
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
    var roleScores: [Role: Double] {
        get { roleScoreValues.dictionary }
        set { roleScoreValues = RoleValues(newValue) }
    }

    /// Self − that role's score, per feedback role. Built on each access, like ``roleScores``.
    var roleGaps: [Role: Double] {
        get { roleGapValues.dictionary }
        set { roleGapValues = RoleValues(newValue) }
    }

    /// How many forms per role went into the scores. Built on each access, like ``roleScores``.
    var formCounts: [Role: Int] {
        get { formCountValues.dictionary }
        set { formCountValues = RoleValues(newValue) }
    }

    /// One role's score, without building a dictionary.
    func roleScore(_ role: Role) -> Double? { roleScoreValues[role] }

    /// Self − one feedback role's score, without building a dictionary.
    func roleGap(_ role: Role) -> Double? { roleGapValues[role] }

    var selfScore: Double? { roleScoreValues[.selfAssessment] }
}

/// A self-scan item against the feedback items that mirror it, for one subject and wave.
struct ItemGap: Sendable, Equatable {
    var subject: String
    var wave: String
    /// The self-scan item id.
    var item: String
    var area: String
    var selfScore: Double?
    /// Per feedback role, the mean of its mirrored item scores.
    var roleScores: [Role: Double]
    var feedback: Double?
    var gap: Double?
    /// Whether the subject is a wpb or a school (training-school scan, where each item mirrors itself).
    var scope: AnalysisScope

    init(
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
struct Statistics: Sendable, Equatable {
    var n: Int
    var mean: Double
    /// Sample standard deviation (n − 1); `nil` when n < 2.
    var sd: Double?
    var median: Double
    var minimum: Double
    var maximum: Double

    init(n: Int, mean: Double, sd: Double?, median: Double, minimum: Double, maximum: Double) {
        self.n = n
        self.mean = mean
        self.sd = sd
        self.median = median
        self.minimum = minimum
        self.maximum = maximum
    }
}

/// Shares of subjects per gap category; they add up to 1.
struct GapShares: Sendable, Equatable {
    var overschatting: Double
    var inOvereenstemming: Double
    var onderschatting: Double

    init(overschatting: Double, inOvereenstemming: Double, onderschatting: Double) {
        self.overschatting = overschatting
        self.inOvereenstemming = inOvereenstemming
        self.onderschatting = onderschatting
    }

    subscript(category: GapCategory) -> Double {
        switch category {
        case .overschatting: overschatting
        case .inOvereenstemming: inOvereenstemming
        case .onderschatting: onderschatting
        }
    }
}

/// Why a figure is not shown outside the coordinator's view (docs/analysis.md §9).
enum Suppression: Sendable, Equatable {
    /// Fewer than *k* subjects.
    case smallGroup(n: Int, minimum: Int)

    /// A stable code for `aggregates.csv`.
    var code: String {
        switch self {
        case .smallGroup: "small-group"
        }
    }

    /// A Dutch sentence for workbooks.
    var dutchExplanation: String {
        switch self {
        case let .smallGroup(n, minimum):
            "Onderdrukt: minder dan \(minimum) personen (n = \(n))"
        }
    }
}

/// One aggregate cell: a measure over the subjects of one group in one wave and area.
struct Aggregate: Sendable, Equatable {
    var scope: AnalysisScope
    var level: AggregateLevel
    /// The school id or partnership id.
    var unit: String
    var wave: String
    var area: String
    var measure: Measure
    /// `nil` when no subject has a value.
    var statistics: Statistics?
    /// For gap measures: the share of subjects per category.
    var shares: GapShares?
    /// Set when the figure must not leave the coordinator; the numbers stay for the coordinator's workbook.
    var suppression: Suppression?

    init(
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

    var n: Int { statistics?.n ?? 0 }
}

/// Response in one school and wave (docs/analysis.md §10).
struct ResponseSummary: Sendable, Equatable {
    var school: String
    var wave: String
    /// wpbs on the roster; `nil` without a roster.
    var rosterSize: Int?
    var selfScans: Int
    /// Per split feedback role (``Role/splitRoles``): wpbs with at least one form of it; see ``feedback(from:)``.
    var feedback: [Role: Int]
    /// wpbs with a form of every role that rates wpbs (``Role/supervisorRoles``): self-scan, student, SO.
    var completeTriads: Int
    /// Who lacks what; for the coordinator only.
    var missing: [MissingForms]

    init(
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
    func feedback(from role: Role) -> Int { feedback[role] ?? 0 }
}

/// A wpb and the forms still missing for them.
struct MissingForms: Sendable, Equatable {
    var supervisor: String
    var name: String?
    /// Roles whose form has not arrived, in role order.
    var roles: [Role]

    init(supervisor: String, name: String?, roles: [Role]) {
        self.supervisor = supervisor
        self.name = name
        self.roles = roles
    }
}

/// Change of one subject in one area from one wave to the next (docs/analysis.md §11).
struct SubjectChange: Sendable, Equatable {
    var subject: String
    var school: String
    var area: String
    var fromWave: String
    var toWave: String
    /// Later − earlier self score.
    var selfChange: Double?
    /// Later − earlier feedback score.
    var feedbackChange: Double?
    /// Whether the subject is a wpb or a school (training-school scan).
    var scope: AnalysisScope

    init(
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
struct Reliability: Sendable, Equatable {
    var instrument: String
    var area: String
    var wave: String
    /// Items in the area.
    var itemCount: Int
    /// Complete forms used.
    var n: Int
    /// `nil` when it cannot be computed (n < 2 or no variance).
    var alpha: Double?
    /// The partnership whose forms were used; `nil` for all partnerships pooled.
    var partnership: String?
    /// The area's items the forms' source does not ask (`not_asked`), left out of this alpha; empty for complete forms.
    var itemsNotAsked: [String] = []

    init(
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
struct SubjectItemScore: Sendable, Equatable {
    var subject: String
    var wave: String
    var instrument: String
    var item: String
    var role: Role
    var mean: Double
    var n: Int

    init(subject: String, wave: String, instrument: String, item: String, role: Role, mean: Double, n: Int) {
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
struct SubjectComment: Sendable, Equatable {
    var subject: String
    var wave: String
    var role: Role
    /// The open question's id.
    var question: String
    var text: String

    init(subject: String, wave: String, role: Role, question: String, text: String) {
        self.subject = subject
        self.wave = wave
        self.role = role
        self.question = question
        self.text = text
    }
}
