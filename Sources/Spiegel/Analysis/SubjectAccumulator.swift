import Foundation

/// The running state of one subject in one wave: per role, sums and counts of form-level scores.
///
/// This is all the analysis keeps of a form once it is added, so memory grows with subjects, not forms.
struct SubjectAccumulator: Sendable {
    /// The lowest school id on a self form, which places the subject when forms disagree.
    private(set) var selfSchool: String?
    /// The lowest school id on any form, for subjects without a self form.
    private(set) var anySchool: String?
    /// The earliest submission on any form, to place waves the configuration does not name.
    private(set) var earliestSubmission: Date?
    /// Per role present.
    var roles: [Role: RoleAccumulator] = [:]

    /// The school the subject counts under in this wave: its own self form's, else the lowest seen.
    var school: String { selfSchool ?? anySchool ?? "" }

    mutating func noteSchool(_ school: String, role: Role) {
        if role == .selfAssessment, selfSchool.map({ school < $0 }) ?? true { selfSchool = school }
        if anySchool.map({ school < $0 }) ?? true { anySchool = school }
    }

    mutating func noteSubmission(_ date: Date) {
        if earliestSubmission.map({ date < $0 }) ?? true { earliestSubmission = date }
    }
}

/// What the forms of one role contributed to one subject and wave.
struct RoleAccumulator: Sendable {
    var formCount = 0
    /// Per layout area: the sum of the forms' area scores and how many forms had one (SPEC §4.2, §4.4).
    var areaSums: [Double]
    var areaCounts: [Int]
    /// Per self item: the sum of the forms' mirrored-item scores and how many forms had one.
    var mirrorSums: [Double]
    var mirrorCounts: [Int]
    /// Per instrument id: item sums and answer counts; only kept for personal workbooks.
    var itemTallies: [String: ItemTally] = [:]
    /// Only kept for personal workbooks.
    var comments: [PendingComment] = []

    init(areaCount: Int, selfItemCount: Int) {
        areaSums = Array(repeating: 0, count: areaCount)
        areaCounts = Array(repeating: 0, count: areaCount)
        mirrorSums = Array(repeating: 0, count: selfItemCount)
        mirrorCounts = Array(repeating: 0, count: selfItemCount)
    }

    /// The role's score in an area: the mean of its forms' area scores.
    func score(area: Int) -> Double? {
        areaCounts[area] > 0 ? areaSums[area] / Double(areaCounts[area]) : nil
    }

    /// The role's score on a mirrored self item: the mean of its forms' scores on that item.
    func mirrorScore(selfItem: Int) -> Double? {
        selfItem < mirrorCounts.count && mirrorCounts[selfItem] > 0
            ? mirrorSums[selfItem] / Double(mirrorCounts[selfItem]) : nil
    }
}

/// Sums of item scores over the forms of one role and instrument.
struct ItemTally: Sendable {
    var sums: [Int]
    var counts: [Int]

    init(itemCount: Int) {
        sums = Array(repeating: 0, count: itemCount)
        counts = Array(repeating: 0, count: itemCount)
    }
}

/// A free-text answer waiting to be ordered.
struct PendingComment: Sendable {
    var questionIndex: Int
    var question: String
    var text: String
    var submittedAt: Date
    var origin: RowOrigin
}

/// Identifies a subject's running state.
struct SubjectKey: Hashable, Sendable {
    var scope: AnalysisScope
    var wave: String
    var subject: String
}
