import Foundation

@testable import Spiegel

/// A small partnership whose AnalysisResult is worked out by hand from its forms (docs/analysis.md), so that
/// `ResearchChecks` can recompute aggregates.csv from responses.csv and expect agreement.
///
/// School 01AB has Anna, Bram and Carla (k = 3 so some cells survive), school 02CD only Daan (all suppressed).
/// Items: self-scan Z01, Z02 (agogisch), Z03 (ontwikkeling); student S01 (agogisch), S02 (ontwikkeling);
/// schoolopleider O01, O02 (agogisch), O03 (ontwikkeling).
enum ResearchFixture {
    static let wave = "2025-najaar"
    static let laterWave = "2026-voorjaar"

    static let anna = "a.jansen@hetfictief.nl"
    static let bram = "b.devries@hetfictief.nl"
    static let carla = "c.bakker@hetfictief.nl"
    static let daan = "d.visser@verzonnen.nl"
    static let student1 = "t.student@student.hogeschool.nl"
    static let student2 = "l.leerling@student.hogeschool.nl"
    static let student3 = "k.kandidaat@student.hogeschool.nl"
    static let student4 = "r.rijkaard@student.hogeschool.nl"
    static let schoolopleider = "m.mentor@hetfictief.nl"

    /// Everything that names a person or an institution; none of it may reach the research folder.
    static let forbiddenTexts: [String] = [
        anna, bram, carla, daan, student1, student2, student3, student4, schoolopleider,
        "Anna Jansen", "Jansen", "Bram de Vries", "de Vries", "Carla Bakker", "Bakker", "Daan Visser", "Visser",
        "Het Fictief College", "Lyceum Verzonnen", "Partnerschap Fictief Rivierenland", "hetfictief", "hogeschool",
    ]

    /// A comment that names Anna: only `includeFreeText` may write it.
    static let commentNamingAnna = "Anna Jansen zou vaker = feed forward kunnen geven, \"zeker\" bij planning"

    static let scale = Instrument.Scale(
        minimum: 1, maximum: 7,
        labels: [
            1: "Helemaal niet", 2: "Nauwelijks", 3: "Een beetje", 4: "Gedeeltelijk", 5: "Redelijk",
            6: "Grotendeels", 7: "Helemaal",
        ],
        notAnswered: ["n.v.t."])
    static let areas = [
        CompetencyArea(id: "agogisch", name: "Agogische bekwaamheden — de begeleider", shortName: "Begeleider"),
        CompetencyArea(id: "ontwikkeling", name: "Ontwikkelingsbekwaam", shortName: "Ontwikkeling"),
    ]

    static let instruments: [String: Instrument] = {
        let selfScan = Instrument(
            id: "zelfscan-wpb", title: "Zelfscan werkplekopleider", roles: [.selfAssessment], subjectKind: .supervisor,
            scale: scale, areas: areas,
            items: [
                .init(id: "Z01", text: "Ik ben in staat ...", area: "agogisch"),
                .init(id: "Z02", text: "Ik kan ...", area: "agogisch"),
                .init(id: "Z03", text: "Ik ontwikkel ...", area: "ontwikkeling"),
            ])
        let student = Instrument(
            id: "feedback-student", title: "Feedback van student", roles: [.student], subjectKind: .supervisor,
            scale: scale, areas: areas,
            items: [
                .init(id: "S01", text: "Mijn wpb ...", area: "agogisch"),
                .init(id: "S02", text: "Mijn wpb ontwikkelt ...", area: "ontwikkeling"),
            ],
            openQuestions: [.init(id: "S-FF1", text: "Welke feed forward heb je nog?")])
        let schoolopleider = Instrument(
            id: "feedback-schoolopleider", title: "Feedback van schoolopleider", roles: [.schoolopleider],
            subjectKind: .supervisor, scale: scale, areas: areas,
            items: [
                .init(id: "O01", text: "De wpb is in staat ...", area: "agogisch", mirrors: "Z01"),
                .init(id: "O02", text: "De wpb kan ...", area: "agogisch", mirrors: "Z02"),
                .init(id: "O03", text: "De wpb ontwikkelt ...", area: "ontwikkeling", mirrors: "Z03"),
            ])
        return [selfScan.id: selfScan, student.id: student, schoolopleider.id: schoolopleider]
    }()

    static let registry = Registry(
        partnerships: [Partnership(id: "P01", name: "Partnerschap Fictief Rivierenland")],
        schools: [
            School(id: "01AB", name: "Het Fictief College", partnership: "P01"),
            School(id: "02CD", name: "Lyceum Verzonnen", partnership: "P01"),
        ],
        roster: [
            RosterEntry(supervisor: anna, school: "01AB", name: "Anna Jansen"),
            RosterEntry(supervisor: bram, school: "01AB", name: "Bram de Vries"),
            RosterEntry(supervisor: carla, school: "01AB", name: "Carla Bakker"),
            RosterEntry(supervisor: daan, school: "02CD", name: "Daan Visser"),
        ])

    static func waveInfo(_ id: String) -> Wave {
        id == wave
            ? Wave(id: wave, start: Day(year: 2025, month: 8, day: 1), end: Day(year: 2026, month: 1, day: 31))
            : Wave(id: laterWave, start: Day(year: 2026, month: 2, day: 1), end: Day(year: 2026, month: 7, day: 31))
    }

    /// The fixture's 11 forms in `waveID`: 4 self-scans, 4 student forms, 3 schoolopleider forms (29 item rows).
    static func forms(wave waveID: String = wave) -> [Form] {
        let base = waveID == wave ? 1_759_300_000.0 : 1_775_000_000.0
        var line = 1
        func form(
            _ instrument: String, _ role: Role, by respondent: String, about subject: String, school: String,
            _ scores: [Int?], comments: [String] = []
        ) -> Form {
            line += 1
            let file = "\(instrument)-export.csv"
            return Form(
                origin: RowOrigin(file: "Data/exports/" + file, line: line), instrument: instrument, role: role,
                respondent: respondent, subject: subject, school: school,
                submittedAt: Date(timeIntervalSince1970: base + Double(line) * 3600), wave: waveID,
                scores: ItemScores(scores), comments: comments)
        }
        return [
            form("zelfscan-wpb", .selfAssessment, by: anna, about: anna, school: "01AB", [6, 4, 5]),
            form("zelfscan-wpb", .selfAssessment, by: bram, about: bram, school: "01AB", [3, 3, 7]),
            form("zelfscan-wpb", .selfAssessment, by: carla, about: carla, school: "01AB", [7, 6, nil]),
            form("zelfscan-wpb", .selfAssessment, by: daan, about: daan, school: "02CD", [5, 5, 5]),
            form(
                "feedback-student", .student, by: student1, about: anna, school: "01AB", [4, 6],
                comments: [commentNamingAnna]),
            form("feedback-student", .student, by: student2, about: anna, school: "01AB", [2, nil]),
            form("feedback-student", .student, by: student3, about: bram, school: "01AB", [5, 5]),
            form("feedback-student", .student, by: student4, about: daan, school: "02CD", [4, 4]),
            form("feedback-schoolopleider", .schoolopleider, by: schoolopleider, about: anna, school: "01AB", [5, 5, 4]),
            form("feedback-schoolopleider", .schoolopleider, by: schoolopleider, about: bram, school: "01AB", [2, 4, 6]),
            form("feedback-schoolopleider", .schoolopleider, by: schoolopleider, about: carla, school: "01AB", [5, 6, 3]),
        ]
    }

    /// The analysis of ``forms(wave:)`` with T = 1 and k = 3, every number derived by hand in the comments.
    static func result(wave waveID: String = wave) -> AnalysisResult {
        func subject(
            _ id: String, _ school: String, _ area: String, _ scores: [Role: Double], feedback: Double?,
            gap: Double?, roleGaps: [Role: Double], _ category: GapCategory?
        ) -> SubjectScore {
            SubjectScore(
                scope: .supervisors, subject: id, school: school, partnership: "P01", wave: waveID, area: area,
                roleScores: scores, feedback: feedback, gap: gap, roleGaps: roleGaps, category: category,
                formCounts: [:])
        }
        let subjects = [
            // Anna: self Z01,Z02 = 6,4 → 5; Z03 = 5. Students (4 | 2) → 3 and (6 | –) → 6. SO (5,5 | 4) → 5, 4.
            subject(
                anna, "01AB", "agogisch", [.selfAssessment: 5, .student: 3, .schoolopleider: 5], feedback: 4, gap: 1,
                roleGaps: [.student: 2, .schoolopleider: 0], .overschatting),
            subject(
                anna, "01AB", "ontwikkeling", [.selfAssessment: 5, .student: 6, .schoolopleider: 4], feedback: 5,
                gap: 0, roleGaps: [.student: -1, .schoolopleider: 1], .inOvereenstemming),
            // Bram: self 3,3 → 3; 7. Student 5; 5. SO (2,4 | 6) → 3; 6.
            subject(
                bram, "01AB", "agogisch", [.selfAssessment: 3, .student: 5, .schoolopleider: 3], feedback: 4, gap: -1,
                roleGaps: [.student: -2, .schoolopleider: 0], .onderschatting),
            subject(
                bram, "01AB", "ontwikkeling", [.selfAssessment: 7, .student: 5, .schoolopleider: 6], feedback: 5.5,
                gap: 1.5, roleGaps: [.student: 2, .schoolopleider: 1], .overschatting),
            // Carla: self 7,6 → 6.5; Z03 not answered. No student. SO (5,6 | 3) → 5.5; 3.
            subject(
                carla, "01AB", "agogisch", [.selfAssessment: 6.5, .schoolopleider: 5.5], feedback: 5.5, gap: 1,
                roleGaps: [.schoolopleider: 1], .overschatting),
            subject(carla, "01AB", "ontwikkeling", [.schoolopleider: 3], feedback: 3, gap: nil, roleGaps: [:], nil),
            // Daan: self 5,5 → 5; 5. Student 4; 4. No SO.
            subject(
                daan, "02CD", "agogisch", [.selfAssessment: 5, .student: 4], feedback: 4, gap: 1,
                roleGaps: [.student: 1], .overschatting),
            subject(
                daan, "02CD", "ontwikkeling", [.selfAssessment: 5, .student: 4], feedback: 4, gap: 1,
                roleGaps: [.student: 1], .overschatting),
        ]

        func shown(
            _ level: AggregateLevel, _ unit: String, _ area: String, _ measure: Measure, n: Int, mean: Double,
            variance: Double, median: Double, min: Double, max: Double, shares: GapShares? = nil
        ) -> Aggregate {
            Aggregate(
                scope: .supervisors, level: level, unit: unit, wave: waveID, area: area, measure: measure,
                statistics: Statistics(
                    n: n, mean: mean, sd: variance.squareRoot(), median: median, minimum: min,
                    maximum: max),
                shares: shares)
        }
        // Suppressed cells keep their numbers for the coordinator; the export must drop them.
        func hidden(_ unit: String, _ area: String, _ measure: Measure, values: [Double]) -> Aggregate {
            let mean = values.reduce(0, +) / Double(values.count)
            return Aggregate(
                scope: .supervisors, level: .school, unit: unit, wave: waveID, area: area, measure: measure,
                statistics: Statistics(
                    n: values.count, mean: mean, sd: nil, median: mean,
                    minimum: values.min() ?? 0, maximum: values.max() ?? 0),
                suppression: .smallGroup(n: values.count, minimum: 3))
        }
        let aggregates = [
            // 01AB agogisch: self 5, 3, 6.5 → mean 14.5/3; squared deviations sum 37/6 → variance 37/12.
            shown(
                .school, "01AB", "agogisch", .selfScore, n: 3, mean: 14.5 / 3, variance: 37.0 / 12, median: 5, min: 3, max: 6.5),
            hidden("01AB", "agogisch", .role(.student), values: [3, 5]),
            // SO 5, 3, 5.5 → 4.5; deviations .5, -1.5, 1 → 3.5 / 2.
            shown(
                .school, "01AB", "agogisch", .role(.schoolopleider), n: 3, mean: 4.5, variance: 1.75, median: 5, min: 3, max: 5.5),
            // feedback 4, 4, 5.5 → 4.5; deviations -.5, -.5, 1 → 1.5 / 2.
            shown(.school, "01AB", "agogisch", .feedback, n: 3, mean: 4.5, variance: 0.75, median: 4, min: 4, max: 5.5),
            // gap 1, -1, 1 → 1/3; deviations 2/3, -4/3, 2/3 → 24/9 / 2 = 4/3. Two overschatting, one onderschatting.
            shown(
                .school, "01AB", "agogisch", .gap, n: 3, mean: 1.0 / 3, variance: 4.0 / 3, median: 1, min: -1, max: 1,
                shares: GapShares(overschatting: 2.0 / 3, inOvereenstemming: 0, onderschatting: 1.0 / 3)),
            hidden("01AB", "agogisch", .roleGap(.student), values: [2, -2]),
            // self − SO 0, 0, 1 → 1/3; deviations -1/3, -1/3, 2/3 → 6/9 / 2 = 1/3.
            shown(
                .school, "01AB", "agogisch", .roleGap(.schoolopleider), n: 3, mean: 1.0 / 3, variance: 1.0 / 3, median: 0, min: 0,
                max: 1, shares: GapShares(overschatting: 1.0 / 3, inOvereenstemming: 2.0 / 3, onderschatting: 0)),
            hidden("01AB", "ontwikkeling", .selfScore, values: [5, 7]),
            hidden("01AB", "ontwikkeling", .role(.student), values: [6, 5]),
            // SO 4, 6, 3 → 13/3; deviations -1/3, 5/3, -4/3 → 42/9 / 2 = 7/3.
            shown(
                .school, "01AB", "ontwikkeling", .role(.schoolopleider), n: 3, mean: 13.0 / 3, variance: 7.0 / 3, median: 4,
                min: 3,
                max: 6),
            // feedback 5, 5.5, 3 → 4.5; deviations .5, 1, -1.5 → 3.5 / 2.
            shown(.school, "01AB", "ontwikkeling", .feedback, n: 3, mean: 4.5, variance: 1.75, median: 5, min: 3, max: 5.5),
            hidden("01AB", "ontwikkeling", .gap, values: [0, 1.5]),
            hidden("01AB", "ontwikkeling", .roleGap(.student), values: [-1, 2]),
            hidden("01AB", "ontwikkeling", .roleGap(.schoolopleider), values: [1, 1]),
            hidden("02CD", "agogisch", .selfScore, values: [5]),
            hidden("02CD", "agogisch", .role(.student), values: [4]),
            hidden("02CD", "agogisch", .feedback, values: [4]),
            hidden("02CD", "agogisch", .gap, values: [1]),
            hidden("02CD", "agogisch", .roleGap(.student), values: [1]),
            hidden("02CD", "ontwikkeling", .selfScore, values: [5]),
            hidden("02CD", "ontwikkeling", .role(.student), values: [4]),
            hidden("02CD", "ontwikkeling", .feedback, values: [4]),
            hidden("02CD", "ontwikkeling", .gap, values: [1]),
            hidden("02CD", "ontwikkeling", .roleGap(.student), values: [1]),
            // P01 agogisch: self 5, 3, 6.5, 5 → 4.875; deviations .125, -1.875, 1.625, .125 → 6.1875 / 3 = 33/16.
            shown(
                .partnership, "P01", "agogisch", .selfScore, n: 4, mean: 4.875, variance: 33.0 / 16, median: 5, min: 3,
                max: 6.5),
            // gap 1, -1, 1, 1 → .5; deviations .5, -1.5, .5, .5 → 3 / 3 = 1.
            shown(
                .partnership, "P01", "agogisch", .gap, n: 4, mean: 0.5, variance: 1, median: 1, min: -1, max: 1,
                shares: GapShares(overschatting: 0.75, inOvereenstemming: 0, onderschatting: 0.25)),
        ]
        return AnalysisResult(
            settings: .init(gapThreshold: 1, minimumGroupSize: 3), waves: [waveInfo(waveID)],
            supervisorAreas: areas, subjectScores: subjects, aggregates: aggregates)
    }

    /// A key of 64 characters, as `spiegel keygen` writes them.
    static let keyText = "3f9c1a7e5b2d4c6e8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f"
    static let otherKeyText = "Another key entirely, long enough to be accepted as a key!"

    static func export(key: String = keyText, options: ResearchExport.Options = .init()) throws -> ResearchExport {
        ResearchExport(
            instruments: instruments, registry: registry,
            pseudonymizer: Pseudonymizer(key: try PseudonymKey(text: key)), options: options)
    }
}
