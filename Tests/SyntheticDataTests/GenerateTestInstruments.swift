import Foundation

@testable import Spiegel

/// Instruments built by hand for the generator's tests, shaped like the shipped ones (ids, roles,
/// areas, scales) but with placeholder wording, so these tests do not depend on the YAML loader.
enum GenerateTestInstruments {
    static let wpbAreas = [
        CompetencyArea(id: "agogisch", name: "Agogische bekwaamheden — de begeleider", shortName: "Begeleider"),
        CompetencyArea(id: "organisatorisch", name: "Organisatorische bekwaamheden — de bruggenbouwer"),
        CompetencyArea(id: "poortwachter", name: "Opleidingsdidactische bekwaamheden — de poortwachter"),
        CompetencyArea(id: "leraar-van-leraren", name: "Opleidingsdidactische bekwaamheden — de leraar van leraren"),
        CompetencyArea(id: "ontwikkeling", name: "Ontwikkelingsbekwaam"),
    ]

    static let sevenPoints = Instrument.Scale(
        minimum: 1, maximum: 7,
        labels: [
            1: "Helemaal niet", 2: "Nauwelijks", 3: "Een beetje", 4: "Gedeeltelijk", 5: "Redelijk",
            6: "Grotendeels", 7: "Helemaal",
        ],
        notAnswered: ["n.v.t.", "weet ik niet"])

    /// Area of the n-th (0-based) of 19 wpb items: 4, 4, 4, 4, 3 items per area.
    static func area(_ n: Int) -> String { wpbAreas[min(n / 4, 4)].id }

    static let selfScan = Instrument(
        id: "zelfscan-wpb", title: "Zelfscan werkplekopleider", roles: [.selfAssessment], subjectKind: .supervisor,
        scale: sevenPoints, areas: wpbAreas,
        items: (1...19).map {
            .init(
                id: String(format: "Z%02d", $0), text: "Ik ben in staat om taak \($0) uit te voeren, ook als het lastig is",
                area: area($0 - 1))
        })

    static let studentFeedback = Instrument(
        id: "feedback-student", title: "Feedback van student", roles: [.student], subjectKind: .supervisor,
        scale: sevenPoints, areas: wpbAreas,
        items: (1...15).map {
            .init(id: String(format: "S%02d", $0), text: "Mijn werkplekbegeleider doet \($0)", area: wpbAreas[($0 - 1) % 5].id)
        },
        // The same question after two areas, as the real form asks it after every area.
        openQuestions: [
            .init(id: "S-FF1", text: "Welke feed forward heb je nog voor je werkplekbegeleider?", area: "agogisch"),
            .init(id: "S-FF2", text: "Welke feed forward heb je nog voor je werkplekbegeleider?", area: "organisatorisch"),
        ])

    static let schoolopleiderFeedback = Instrument(
        id: "feedback-schoolopleider", title: "Feedback van schoolopleider", roles: [.schoolopleider],
        subjectKind: .supervisor, scale: sevenPoints, areas: wpbAreas,
        items: (1...19).map {
            .init(
                id: String(format: "O%02d", $0), text: "De wpb is in staat om taak \($0) uit te voeren", area: area($0 - 1),
                mirrors: String(format: "Z%02d", $0))
        })

    static let schoolScan = Instrument(
        id: "scan-opleidingsschool", title: "Scan opleidingsschool", roles: [.selfAssessment, .instituutsopleider],
        subjectKind: .school, scale: sevenPoints,
        areas: (1...8).map { CompetencyArea(id: "voorwaarde-\($0)", name: "Voorwaarde \($0)") },
        items: (1...8).map { .init(id: "V\($0)", text: "Op onze school geldt voorwaarde \($0)", area: "voorwaarde-\($0)") })

    static let all = [selfScan, studentFeedback, schoolopleiderFeedback, schoolScan]
}
