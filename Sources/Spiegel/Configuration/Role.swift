/// Who filled in a form, relative to the subject it is about.
///
/// Everything the job says about a role is in ``RoleDescription`` (``Role/about``): every switch and list over
/// roles in the reports and the analysis reads it, so a new rater group is a case here, an entry in
/// ``about`` and the instrument and source that name it (docs/architecture.md, "Roles").
package enum Role: String, Codable, Hashable, Sendable, CaseIterable, Comparable {
    /// The subject rates itself: the wpb's self-scan, or a school's training team on its own school.
    case selfAssessment = "self"
    /// The student teacher the wpb supervises.
    case student
    /// The school-based teacher educator (SO).
    case schoolopleider
    /// The institute-based teacher educator (IO).
    case instituutsopleider

    /// The one description of each role: its labels, colour, what it rates and how its figures are headed.
    /// A declarative table, one entry per role; everything else about roles is derived from it.
    var about: RoleDescription {
        switch self {
        case .selfAssessment:
            RoleDescription(
                label: "Zelfbeeld", shortLabel: "zelfbeeld", plural: "zelfscans", reference: "de wpb zelf",
                formName: "zelfscan", reminderPhrase: "zelfscan", fileKey: "self_scan",
                colour: 0x0072B2, isFeedback: false, ratesSupervisors: true, ratesSchools: true,
                responseColumnWidth: 11,
                researchMeaning: (
                    nl: "Zelfbeeld: gemiddelde van de gebiedsscores van de eigen formulieren",
                    en: "Self score: mean of the area scores of the self-assessment forms"
                ),
                researchGloss: (nl: "zelfscan", en: "self-assessment"))
        case .student:
            RoleDescription(
                label: "Student", shortLabel: "student", plural: "studenten", reference: "de student(en)",
                formName: "feedback student", reminderPhrase: "feedback van je student", fileKey: "student_feedback",
                colour: 0xD55E00, isFeedback: true, ratesSupervisors: true, ratesSchools: false,
                responseColumnWidth: 11,
                researchMeaning: (
                    nl: "Gemiddelde gebiedsscore van de studentfeedback",
                    en: "Mean area score of student feedback"
                ),
                researchGloss: (nl: nil, en: nil))
        case .schoolopleider:
            RoleDescription(
                label: "Schoolopleider", shortLabel: "schoolopleider", plural: "schoolopleiders",
                reference: "de schoolopleider",
                formName: "feedback schoolopleider", reminderPhrase: "feedback van de schoolopleider",
                fileKey: "schoolopleider_feedback",
                colour: 0x009E73, isFeedback: true, ratesSupervisors: true, ratesSchools: false,
                responseColumnWidth: 16,
                researchMeaning: (
                    nl: "Gemiddelde gebiedsscore van de feedback van de schoolopleider",
                    en: "Mean area score of schoolopleider feedback"
                ),
                researchGloss: (nl: nil, en: "school-based teacher educator"))
        case .instituutsopleider:
            RoleDescription(
                label: "Instituutsopleider", shortLabel: "instituutsopleider", plural: "instituutsopleiders",
                reference: "de instituutsopleider",
                formName: "feedback instituutsopleider", reminderPhrase: "feedback van de instituutsopleider",
                fileKey: "instituutsopleider_feedback",
                colour: 0xCC79A7, isFeedback: true, ratesSupervisors: false, ratesSchools: true,
                responseColumnWidth: 19,
                researchMeaning: (
                    nl: "Gemiddelde gebiedsscore van de instituutsopleider",
                    en: "Mean area score of the instituutsopleider"
                ),
                researchGloss: (nl: nil, en: "institute-based teacher educator"))
        }
    }

    /// The role's position in ``allCases``: the order roles are reported in, and the index of per-role storage
    /// (``RoleValues``, one slot per role in ``Slots``).
    var position: Int {
        switch self {
        case .selfAssessment: 0
        case .student: 1
        case .schoolopleider: 2
        case .instituutsopleider: 3
        }
    }

    package static func < (lhs: Role, rhs: Role) -> Bool { lhs.position < rhs.position }
}

extension Role {
    /// Per-role inline storage: one slot per role (``RoleValues``); a new role adds a slot here.
    typealias Slots<Value> = (Value, Value, Value, Value)

    /// Slots holding zero, one per role.
    static func emptySlots<Value: AdditiveArithmetic>() -> Slots<Value> { (.zero, .zero, .zero, .zero) }

    /// Whether forms in this role count towards *feedback* (docs/analysis.md §5).
    var isFeedback: Bool { about.isFeedback }

    /// The Dutch label used in workbooks: column headings, chart series ("Student").
    var dutchLabel: String { about.label }

    /// The role inside a heading or a sentence, in lower case ("feedback student").
    var shortLabel: String { about.shortLabel }

    /// Whether this feedback role has its own per-role figures next to the pooled feedback: a score and a
    /// self − role gap per wpb, its own column in every table, released and checked on its own (docs/analysis.md).
    var hasSplitMeasure: Bool { about.isFeedback && about.ratesSupervisors }

    /// The roles that rate wpbs, in role order: the triad a wpb's response counts, its personal workbook's series.
    static let supervisorRoles: [Role] = allCases.filter(\.about.ratesSupervisors)

    /// The feedback roles with their own figures (``hasSplitMeasure``), in role order.
    static let splitRoles: [Role] = allCases.filter(\.hasSplitMeasure)

    /// The roles of the training-school scan: the school's team (self) and those who rate the school.
    static let scanRoles: [Role] = allCases.filter(\.about.ratesSchools)

    /// The role's code as the research codebook explains it: `schoolopleider (school-based teacher educator)`.
    func researchCode(gloss: String?) -> String { gloss.map { "\(rawValue) (\($0))" } ?? rawValue }
}

/// How one ``Role`` is named, coloured and reported; ``Role/about`` holds the one table of them.
struct RoleDescription: Sendable {
    /// The Dutch label in workbooks, capitalised ("Student").
    let label: String
    /// The role inside a heading or a sentence ("Feedback student school").
    let shortLabel: String
    /// Those in the role, in a sentence ("feedback van studenten").
    let plural: String
    /// Those who rate one wpb in the role, with the article, in an explanation ("de student(en)").
    let reference: String
    /// The form a wpb lacks when the role's form is missing, on the coordinator's list ("feedback student").
    let formName: String
    /// The same in a reminder mail to the wpb ("feedback van je student").
    let reminderPhrase: String
    /// The stem of its file columns, e.g. `student_feedback_missing` in `reminders.csv`.
    let fileKey: String
    /// Its series colour in charts (Okabe–Ito, colour-blind safe), as 0xRRGGBB.
    let colour: UInt32
    /// Whether its forms count towards feedback (docs/analysis.md §5).
    let isFeedback: Bool
    /// Whether it rates wpbs (the self-scan and feedback instruments).
    let ratesSupervisors: Bool
    /// Whether it rates schools (the training-school scan).
    let ratesSchools: Bool
    /// The width of its count column on a school workbook's response sheet.
    let responseColumnWidth: Double
    /// What its score column holds, for the research codebook, in Dutch and English.
    let researchMeaning: (nl: String, en: String)
    /// What its code in the codebook's `role` column stands for, where the code alone does not say.
    let researchGloss: (nl: String?, en: String?)
}

/// What kind of thing a form is about.
package enum SubjectKind: String, Codable, Hashable, Sendable {
    /// A werkplekbegeleider (workplace supervisor).
    case supervisor = "wpb"
    /// A training school as a whole.
    case school
}
