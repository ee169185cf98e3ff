import Foundation

@testable import Spiegel

/// Small hand-built instruments and a form builder shared by the analysis tests.
enum AnalysisFixtures {
    static let scale = Instrument.Scale(minimum: 1, maximum: 7)
    static let areas = [CompetencyArea(id: "a", name: "Gebied A"), CompetencyArea(id: "b", name: "Gebied B")]

    /// Self-scan: Z1, Z2 in area a; Z3, Z4 in area b.
    static let selfScan = Instrument(
        id: "zs", title: "Zelfscan", roles: [.selfAssessment], subjectKind: .supervisor, scale: scale, areas: areas,
        items: [
            .init(id: "Z1", text: "z1", area: "a"), .init(id: "Z2", text: "z2", area: "a"),
            .init(id: "Z3", text: "z3", area: "b"), .init(id: "Z4", text: "z4", area: "b"),
        ])

    /// Student feedback: S1 (a, mirrors Z1), S2 (a, mirrors nothing), S3 (b, mirrors Z3); one open question.
    static let studentFeedback = Instrument(
        id: "fs", title: "Feedback student", roles: [.student], subjectKind: .supervisor, scale: scale, areas: areas,
        items: [
            .init(id: "S1", text: "s1", area: "a", mirrors: "Z1"), .init(id: "S2", text: "s2", area: "a"),
            .init(id: "S3", text: "s3", area: "b", mirrors: "Z3"),
        ],
        openQuestions: [.init(id: "S-FF1", text: "Feed forward?", area: "a")])

    /// SO feedback: O1–O4 mirror Z1–Z4 one to one.
    static let soFeedback = Instrument(
        id: "fo", title: "Feedback schoolopleider", roles: [.schoolopleider], subjectKind: .supervisor, scale: scale,
        areas: areas,
        items: [
            .init(id: "O1", text: "o1", area: "a", mirrors: "Z1"), .init(id: "O2", text: "o2", area: "a", mirrors: "Z2"),
            .init(id: "O3", text: "o3", area: "b", mirrors: "Z3"), .init(id: "O4", text: "o4", area: "b", mirrors: "Z4"),
        ])

    /// Training-school scan: V1 in area c1, V2 in c2; filled in by the school's team and the IO.
    static let schoolScan = Instrument(
        id: "scan", title: "Scan opleidingsschool", roles: [.selfAssessment, .instituutsopleider], subjectKind: .school,
        scale: scale, areas: [CompetencyArea(id: "c1", name: "Conditie 1"), CompetencyArea(id: "c2", name: "Conditie 2")],
        items: [.init(id: "V1", text: "v1", area: "c1"), .init(id: "V2", text: "v2", area: "c2")])

    static let instruments: [String: Instrument] = Dictionary(
        uniqueKeysWithValues: [selfScan, studentFeedback, soFeedback, schoolScan].map { ($0.id, $0) })

    /// A form; `day` sets its submission time and `line` its origin.
    static func form(
        _ instrument: Instrument, _ role: Role, subject: String, school: String, wave: String,
        scores: [Int?], respondent: String? = nil, comments: [String] = [], day: Int = 1,
        line: Int = 1
    ) -> Form {
        Form(
            origin: RowOrigin(file: "\(instrument.id).csv", line: line), instrument: instrument.id, role: role,
            respondent: respondent ?? "\(role.rawValue)-\(subject)-\(line)", subject: subject, school: school,
            submittedAt: Date(timeIntervalSince1970: 1_760_000_000 + Double(day) * 86_400), wave: wave,
            scores: ItemScores(scores), comments: comments)
    }
}
