/// Who filled in a form, relative to the subject it is about.
package enum Role: String, Codable, Hashable, Sendable, CaseIterable, Comparable {
    /// The subject rates itself: the wpb's self-scan, or a school's training team on its own school.
    case selfAssessment = "self"
    /// The student teacher the wpb supervises.
    case student
    /// The school-based teacher educator (SO).
    case schoolopleider
    /// The institute-based teacher educator (IO).
    case instituutsopleider

    /// Whether forms in this role count towards *feedback* (docs/analysis.md §5).
    var isFeedback: Bool { self != .selfAssessment }

    /// The Dutch label used in workbooks.
    var dutchLabel: String {
        switch self {
        case .selfAssessment: "Zelfbeeld"
        case .student: "Student"
        case .schoolopleider: "Schoolopleider"
        case .instituutsopleider: "Instituutsopleider"
        }
    }

    /// The role's position in ``allCases``: the order roles are reported in, and the index of per-role storage.
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

/// What kind of thing a form is about.
package enum SubjectKind: String, Codable, Hashable, Sendable {
    /// A werkplekbegeleider (workplace supervisor).
    case supervisor = "wpb"
    /// A training school as a whole.
    case school
}
