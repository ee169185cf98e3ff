import Foundation

@testable import Spiegel

/// A hand-made analysis result for three schools of one partnership over two waves.
///
/// Every number follows a simple rule so a test can work out the expected cell by hand:
/// school mean self = 4.0 + 0.5·school + 0.1·area + 0.2·wave (school 0, 1, 2 = 01AB, 02CD, 03EF;
/// area 0–4 in radar order; wave 0, 1), feedback = self − 0.3·(area − 2), gap = self − feedback.
/// The partnership's self mean is 4.5 + 0.1·area + 0.2·wave. School 03EF has two wpbs, so every
/// aggregate of it is suppressed (k = 3).
enum WorkbookFixture {
    static let partnership = Partnership(id: "P01", name: "Partnerschap Samen Opleiden Rivierenland")
    static let schools = [
        School(id: "01AB", name: "Het Fictief College", partnership: "P01"),
        School(id: "02CD", name: "De Proefschool", partnership: "P01"),
        School(id: "03EF", name: "Lyceum Voorbeeld", partnership: "P01"),
    ]
    static let areas = [
        CompetencyArea(id: "agogisch", name: "Agogische bekwaamheden — de begeleider", shortName: "Begeleider"),
        CompetencyArea(
            id: "organisatorisch", name: "Organisatorische bekwaamheden — de bruggenbouwer", shortName: "Bruggenbouwer"),
        CompetencyArea(
            id: "poortwachter", name: "Opleidingsdidactische bekwaamheden — de poortwachter", shortName: "Poortwachter"),
        CompetencyArea(
            id: "leraar-van-leraren", name: "Opleidingsdidactische bekwaamheden — de leraar van leraren",
            shortName: "Leraar van leraren"),
        CompetencyArea(id: "ontwikkeling", name: "Ontwikkelingsbekwaam", shortName: "Ontwikkelingsbekwaam"),
    ]
    static let scanAreas = [
        CompetencyArea(id: "V1", name: "Gedeelde visie op opleiden", shortName: "Visie"),
        CompetencyArea(id: "V2", name: "Ruimte en tijd voor leren", shortName: "Ruimte"),
    ]
    static let waves = [
        Wave(id: "2024-2025", start: Day(year: 2024, month: 8, day: 1), end: Day(year: 2025, month: 7, day: 31)),
        Wave(id: "2025-2026", start: Day(year: 2025, month: 8, day: 1), end: Day(year: 2026, month: 7, day: 31)),
    ]
    /// Wpbs per school: identifier and roster name. 03EF has only two.
    static let supervisors: [String: [(String, String)]] = [
        "01AB": [
            ("a.jansen@hetfictief.nl", "Anna Jansen"), ("b.bakker@hetfictief.nl", "Bram Bakker"),
            ("c.visser@hetfictief.nl", "Cor Visser"),
        ],
        "02CD": [
            ("d.smit@proefschool.nl", "Dirk Smit"), ("e.mulder@proefschool.nl", "Eva Mulder"),
            ("f.bos@proefschool.nl", "Fleur Bos"),
        ],
        "03EF": [("g.vos@voorbeeld.nl", "Gijs Vos"), ("h.peters@voorbeeld.nl", "Hanna Peters")],
    ]

    static func schoolSelf(_ school: Int, _ area: Int, _ wave: Int) -> Double {
        4.0 + 0.5 * Double(school) + 0.1 * Double(area) + 0.2 * Double(wave)
    }
    static func schoolFeedback(_ school: Int, _ area: Int, _ wave: Int) -> Double {
        schoolSelf(school, area, wave) - 0.3 * Double(area - 2)
    }
    static func partnershipSelf(_ area: Int, _ wave: Int) -> Double { 4.5 + 0.1 * Double(area) + 0.2 * Double(wave) }
    static func partnershipFeedback(_ area: Int, _ wave: Int) -> Double { partnershipSelf(area, wave) - 0.3 * Double(area - 2) }

    static var instruments: [String: Instrument] {
        let scale = Instrument.Scale(minimum: 1, maximum: 7)
        let selfItems = areas.enumerated().map { index, area in
            Instrument.Item(
                id: String(format: "Z%02d", index + 1), text: "Ik kan als \(area.shortName.lowercased()) handelen.", area: area.id
            )
        }
        let soItems = areas.enumerated().map { index, area in
            Instrument.Item(
                id: String(format: "O%02d", index + 1), text: "De wpb kan als \(area.shortName.lowercased()) handelen.",
                area: area.id, mirrors: String(format: "Z%02d", index + 1))
        }
        return [
            "zelfscan-wpb": Instrument(
                id: "zelfscan-wpb", title: "Zelfscan werkplekopleider", roles: [.selfAssessment],
                subjectKind: .supervisor, scale: scale, areas: areas, items: selfItems),
            "feedback-schoolopleider": Instrument(
                id: "feedback-schoolopleider", title: "Feedback van schoolopleider",
                roles: [.schoolopleider], subjectKind: .supervisor, scale: scale,
                areas: areas, items: soItems),
            "feedback-student": Instrument(
                id: "feedback-student", title: "Feedback van student", roles: [.student],
                subjectKind: .supervisor, scale: scale, areas: areas, items: [],
                openQuestions: [.init(id: "S-FF1", text: "Welke feed forward heb je nog?")]),
        ]
    }

    static var configuration: PipelineConfiguration {
        let roster = supervisors.flatMap { school, people in
            people.map { RosterEntry(supervisor: $0.0, school: school, name: $0.1) }
        }
        return PipelineConfiguration(
            file: URL(fileURLWithPath: "/tmp/Pipeline.yml"), instruments: instruments,
            registry: Registry(partnerships: [partnership], schools: schools, roster: roster), sources: [],
            waves: waves, output: .init(folder: URL(fileURLWithPath: "/tmp/Reports")))
    }

    static var runInfo: RunInfo {
        RunInfo(
            version: "0.1.0", runDate: Date(timeIntervalSince1970: 1_767_225_600),  // 1 januari 2026
            documentDate: Date(timeIntervalSince1970: 1_735_689_600),  // 1 januari 2025
            configurationHash: String(repeating: "ab", count: 32),
            inputs: [
                InputFileSummary(
                    path: "Data/exports/zelfscan.csv", source: "zelfscan-msforms", instrument: "zelfscan-wpb",
                    size: 1234, sha256: String(repeating: "0", count: 64),
                    dialect: "UTF-8 with BOM, ';', CRLF, 1 header row",
                    rowsRead: 10, rowsUsed: 9, rowsQuarantined: 1)
            ])
    }

    /// The fixture's result as the disclosure rules release it on a first night.
    static var release: ReleasedView { .firstNight(of: result, configuration: configuration, runInfo: runInfo) }

    static func statistics(_ mean: Double, n: Int) -> Statistics {
        Statistics(n: n, mean: mean, sd: n > 1 ? 0.5 : nil, median: mean, minimum: mean - 0.5, maximum: mean + 0.5)
    }

    static var result: AnalysisResult {
        let settings = PipelineConfiguration.Analysis(gapThreshold: 1.0, minimumGroupSize: 3)
        var aggregates: [Aggregate] = []
        var scores: [SubjectScore] = []
        for (w, wave) in waves.enumerated() {
            for (a, area) in areas.enumerated() {
                for (s, school) in schools.enumerated() {
                    let n = supervisors[school.id]?.count ?? 0
                    let suppression: Suppression? = n < 3 ? .smallGroup(n: n, minimum: 3) : nil
                    let selfMean = schoolSelf(s, a, w), feedbackMean = schoolFeedback(s, a, w)
                    let gapMean = selfMean - feedbackMean
                    func add(_ measure: Measure, _ mean: Double, shares: GapShares? = nil) {
                        aggregates.append(
                            Aggregate(
                                scope: .supervisors, level: .school, unit: school.id, wave: wave.id, area: area.id,
                                measure: measure, statistics: statistics(mean, n: n), shares: shares,
                                suppression: suppression))
                    }
                    add(.selfScore, selfMean)
                    add(.feedback, feedbackMean)
                    add(
                        .gap, gapMean,
                        shares: GapShares(
                            overschatting: a == 4 ? 2.0 / 3 : 0, inOvereenstemming: a == 4 ? 1.0 / 3 : 1,
                            onderschatting: 0))
                    if w == 1 {
                        add(.changeSelf, 0.2)
                        add(.changeFeedback, 0.2)
                    }
                    for (index, person) in (supervisors[school.id] ?? []).enumerated() {
                        let own = selfMean + 0.1 * Double(index - 1)
                        let student = own - 0.6 * Double(a - 2), so = own - 0.4 * Double(a - 2)
                        let feedback = (student + so) / 2
                        scores.append(
                            SubjectScore(
                                scope: .supervisors, subject: person.0, school: school.id, partnership: "P01", wave: wave.id,
                                area: area.id, roleScores: [.selfAssessment: own, .student: student, .schoolopleider: so],
                                feedback: feedback, gap: own - feedback,
                                roleGaps: [.student: own - student, .schoolopleider: own - so],
                                category: GapCategory(gap: own - feedback, threshold: 1.0),
                                formCounts: [.selfAssessment: 1, .student: 1, .schoolopleider: 1]))
                    }
                }
                func addPartnership(_ measure: Measure, _ mean: Double, shares: GapShares? = nil) {
                    aggregates.append(
                        Aggregate(
                            scope: .supervisors, level: .partnership, unit: "P01", wave: wave.id, area: area.id,
                            measure: measure, statistics: statistics(mean, n: 8), shares: shares))
                }
                addPartnership(.selfScore, partnershipSelf(a, w))
                addPartnership(.feedback, partnershipFeedback(a, w))
                addPartnership(
                    .gap, partnershipSelf(a, w) - partnershipFeedback(a, w),
                    shares: GapShares(overschatting: 0.25, inOvereenstemming: 0.75, onderschatting: 0))
                if w == 1 {
                    addPartnership(.changeSelf, 0.2)
                    addPartnership(.changeFeedback, 0.2)
                }
            }
            for (s, school) in schools.enumerated() {
                for (c, condition) in scanAreas.enumerated() {
                    let team = 5.0 + Double(s) * 0.25 + Double(c) * 0.5, io = 4.5
                    scores.append(
                        SubjectScore(
                            scope: .schools, subject: school.id, school: school.id, partnership: "P01",
                            wave: wave.id, area: condition.id,
                            roleScores: [.selfAssessment: team, .instituutsopleider: io], feedback: io,
                            gap: team - io, roleGaps: [.instituutsopleider: team - io],
                            category: GapCategory(gap: team - io, threshold: 1.0),
                            formCounts: [.selfAssessment: 2, .instituutsopleider: 1]))
                }
            }
        }
        let response = waves.flatMap { wave in
            schools.map { school in
                let people = supervisors[school.id] ?? []
                // The last wpb of each school still owes the schoolopleider's form.
                let missing = people.last.map { [MissingForms(supervisor: $0.0, name: $0.1, roles: [.schoolopleider])] } ?? []
                return ResponseSummary(
                    school: school.id, wave: wave.id, rosterSize: people.count, selfScans: people.count,
                    feedback: [.student: people.count, .schoolopleider: people.count - 1],
                    completeTriads: people.count - 1, missing: missing)
            }
        }
        let anna = "a.jansen@hetfictief.nl"
        let itemGaps = waves.flatMap { wave in
            areas.enumerated().map { index, area in
                // Anna rates herself 6 on every item; the schoolopleider gives 6, 5.5, 5, 4.5, 4.
                let so = 6.0 - 0.5 * Double(index)
                return ItemGap(
                    subject: anna, wave: wave.id, item: String(format: "Z%02d", index + 1), area: area.id, selfScore: 6,
                    roleScores: [.schoolopleider: so], feedback: so, gap: 6 - so)
            }
        }
        let comments = [
            SubjectComment(
                subject: anna, wave: "2025-2026", role: .student, question: "S-FF1", text: "Geef vaker ruimte om te oefenen."),
            SubjectComment(subject: anna, wave: "2025-2026", role: .student, question: "S-FF1", text: "=meer feedback graag"),
            SubjectComment(
                subject: "d.smit@proefschool.nl", wave: "2025-2026", role: .student, question: "S-FF1", text: "Niet voor Anna."),
        ]
        var result = AnalysisResult(
            settings: settings, waves: waves, supervisorAreas: areas, schoolScanAreas: scanAreas, subjectScores: scores,
            itemGaps: itemGaps, aggregates: aggregates, response: response, changes: [],
            reliability: [
                Reliability(instrument: "zelfscan-wpb", area: "agogisch", wave: "2025-2026", itemCount: 4, n: 8, alpha: 0.81),
                Reliability(instrument: "zelfscan-wpb", area: "ontwikkeling", wave: "2025-2026", itemCount: 3, n: 8, alpha: nil),
            ],
            itemScores: [], comments: comments)
        // One partnership: its own figures are the pooled ones.
        result.partnershipReliability = result.reliability.map { reliability in
            var own = reliability
            own.partnership = partnership.id
            return own
        }
        return result
    }
}
