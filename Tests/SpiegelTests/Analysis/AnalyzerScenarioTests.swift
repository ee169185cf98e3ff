import Foundation
import Testing

@testable import Spiegel

/// A hand-worked scenario: every definition of docs/analysis.md checked against arithmetic done in the comments.
///
/// Partnership P1 with schools 01AA and 02BB, one wave (`2025-2026`), T = 1, k = 3.
///
/// | wpb | school | self Z1 Z2 Z3 Z4 | student S1 S2 S3            | SO O1 O2 O3 O4 |
/// |-----|--------|------------------|-----------------------------|----------------|
/// | w1  | 01AA   | 6 4 5 7          | 5 3 4  and  2 5 –           | 4 4 6 6        |
/// | w2  | 01AA   | 5 – 3 3          | 6 6 5                       | (missing)      |
/// | w3  | 02BB   | 2 2 4 4          | 4 4 5                       | 3 3 3 3        |
/// | w4  | 02BB   | 7 7 7 7          | (missing)                   | 5 5 6 6        |
///
/// Areas: a = {Z1, Z2 | S1, S2 | O1, O2}, b = {Z3, Z4 | S3 | O3, O4}.
@Suite("Analyzer: hand-worked scenario")
struct AnalyzerScenarioTests {
    typealias F = AnalysisFixtures
    static let wave = "2025-2026"
    static let registry = Registry(
        partnerships: [Partnership(id: "P1", name: "Partnerschap")],
        schools: [
            School(id: "01AA", name: "School A", partnership: "P1"),
            School(id: "02BB", name: "School B", partnership: "P1"),
        ])

    static func forms() -> [Form] {
        let w = wave
        return [
            F.form(F.selfScan, .selfAssessment, subject: "w1", school: "01AA", wave: w, scores: [6, 4, 5, 7]),
            F.form(
                F.studentFeedback, .student, subject: "w1", school: "01AA", wave: w, scores: [5, 3, 4],
                comments: ["Meer vragen stellen"], day: 2, line: 2),
            F.form(
                F.studentFeedback, .student, subject: "w1", school: "01AA", wave: w, scores: [2, 5, nil],
                comments: ["  "], day: 1, line: 3),
            F.form(F.soFeedback, .schoolopleider, subject: "w1", school: "01AA", wave: w, scores: [4, 4, 6, 6]),
            F.form(F.selfScan, .selfAssessment, subject: "w2", school: "01AA", wave: w, scores: [5, nil, 3, 3]),
            F.form(F.studentFeedback, .student, subject: "w2", school: "01AA", wave: w, scores: [6, 6, 5]),
            F.form(F.selfScan, .selfAssessment, subject: "w3", school: "02BB", wave: w, scores: [2, 2, 4, 4]),
            F.form(F.studentFeedback, .student, subject: "w3", school: "02BB", wave: w, scores: [4, 4, 5]),
            F.form(F.soFeedback, .schoolopleider, subject: "w3", school: "02BB", wave: w, scores: [3, 3, 3, 3]),
            F.form(F.selfScan, .selfAssessment, subject: "w4", school: "02BB", wave: w, scores: [7, 7, 7, 7]),
            F.form(F.soFeedback, .schoolopleider, subject: "w4", school: "02BB", wave: w, scores: [5, 5, 6, 6]),
        ]
    }

    static func analyse(
        _ forms: [Form], registry: Registry = registry, waves: [Wave] = [],
        includeDetail: Bool = false
    ) -> AnalysisResult {
        var analyzer = Analyzer(
            instruments: F.instruments, registry: registry, waves: waves,
            settings: .init(gapThreshold: 1.0, minimumGroupSize: 3), includeDetail: includeDetail)
        for form in forms { analyzer.add(form) }
        return analyzer.finish()
    }

    static func score(_ result: AnalysisResult, _ subject: String, _ area: String) throws -> SubjectScore {
        try #require(result.subjectScores.first { $0.subject == subject && $0.area == area })
    }

    static func aggregate(
        _ result: AnalysisResult, _ level: AggregateLevel, _ unit: String, _ area: String,
        _ measure: Measure, scope: AnalysisScope = .supervisors, wave: String = wave
    ) throws -> Aggregate {
        try #require(
            result.aggregates.first {
                $0.scope == scope && $0.level == level && $0.unit == unit && $0.area == area && $0.measure == measure
                    && $0.wave == wave
            })
    }

    static func close(_ a: Double?, _ b: Double?, tolerance: Double = 1e-12) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= tolerance
    }

    @Test("area, subject and feedback scores, gaps and categories (docs/analysis.md §2, §4–§7)")
    func subjectScores() throws {
        let result = Self.analyse(Self.forms())
        let w1a = try Self.score(result, "w1", "a")
        #expect(w1a.school == "01AA" && w1a.partnership == "P1" && w1a.wave == Self.wave)
        #expect(w1a.selfScore == 5)  // (6 + 4) / 2
        #expect(w1a.roleScores[.student] == 3.75)  // forms (5 + 3) / 2 = 4 and (2 + 5) / 2 = 3.5 → (4 + 3.5) / 2
        #expect(w1a.roleScores[.schoolopleider] == 4)  // (4 + 4) / 2
        #expect(w1a.feedback == 3.875)  // (3.75 + 4) / 2: each role once, not (4 + 3.5 + 4) / 3
        #expect(w1a.gap == 1.125)  // 5 − 3.875
        #expect(w1a.roleGaps[.student] == 1.25)  // 5 − 3.75
        #expect(w1a.roleGaps[.schoolopleider] == 1)  // 5 − 4
        #expect(w1a.category == .overschatting)  // 1.125 ≥ 1
        #expect(w1a.formCounts == [.selfAssessment: 1, .student: 2, .schoolopleider: 1])

        let w1b = try Self.score(result, "w1", "b")
        #expect(w1b.selfScore == 6)  // (5 + 7) / 2
        #expect(w1b.roleScores[.student] == 4)  // only the first student answered S3: 4
        #expect(w1b.formCounts[.student] == 1)  // the second student's form has no area-b score
        #expect(w1b.roleScores[.schoolopleider] == 6)  // (6 + 6) / 2
        #expect(w1b.feedback == 5)  // (4 + 6) / 2
        #expect(w1b.gap == 1)  // 6 − 5
        #expect(w1b.category == .overschatting)  // exactly +T counts as overschatting

        let w2a = try Self.score(result, "w2", "a")
        #expect(w2a.selfScore == 5)  // Z2 unanswered: 5 / 1, not (5 + 0) / 2
        #expect(w2a.roleScores[.schoolopleider] == nil)
        #expect(w2a.feedback == 6)  // student only: (6 + 6) / 2
        #expect(w2a.gap == -1)  // 5 − 6
        #expect(w2a.roleGaps[.schoolopleider] == nil)  // SO missing → no SO gap
        #expect(w2a.category == .onderschatting)  // exactly −T counts as onderschatting

        let w3b = try Self.score(result, "w3", "b")
        #expect(w3b.feedback == 4)  // (5 + 3) / 2
        #expect(w3b.gap == 0)  // 4 − 4
        #expect(w3b.category == .inOvereenstemming)

        let w4a = try Self.score(result, "w4", "a")
        #expect(w4a.feedback == 5)  // SO only: (5 + 5) / 2
        #expect(w4a.gap == 2)  // 7 − 5
        #expect(w4a.roleGaps[.student] == nil)

        // Ordered by school, subject, then area in instrument order.
        #expect(
            result.subjectScores.map { "\($0.subject)/\($0.area)" }
                == ["w1/a", "w1/b", "w2/a", "w2/b", "w3/a", "w3/b", "w4/a", "w4/b"])
        #expect(result.waves.map(\.id) == [Self.wave])
        #expect(result.supervisorAreas.map(\.id) == ["a", "b"])
    }

    @Test("gap per mirrored item (docs/analysis.md §6)")
    func itemGaps() throws {
        let result = Self.analyse(Self.forms())
        func gap(_ subject: String, _ item: String) throws -> ItemGap {
            try #require(result.itemGaps.first { $0.subject == subject && $0.item == item })
        }
        let z1 = try gap("w1", "Z1")
        #expect(z1.selfScore == 6)
        #expect(z1.roleScores[.student] == 3.5)  // S1 mirrors Z1: (5 + 2) / 2
        #expect(z1.roleScores[.schoolopleider] == 4)  // O1
        #expect(z1.feedback == 3.75)  // (3.5 + 4) / 2
        #expect(z1.gap == 2.25)  // 6 − 3.75
        let z2 = try gap("w1", "Z2")
        #expect(z2.roleScores[.student] == nil)  // no student item mirrors Z2 (S2 mirrors nothing)
        #expect(z2.feedback == 4 && z2.gap == 0)  // O2 = 4; 4 − 4
        let z3 = try gap("w1", "Z3")
        #expect(z3.roleScores[.student] == 4)  // S3: only the first student answered it
        #expect(z3.gap == 0)  // 5 − (4 + 6) / 2
        #expect(try gap("w1", "Z4").gap == 1)  // 7 − 6
        #expect(try gap("w2", "Z1").gap == -1)  // 5 − 6 (student only)
        // w2 left Z2 blank and has no SO: nothing to compare.
        #expect(!result.itemGaps.contains { $0.subject == "w2" && $0.item == "Z2" })
        #expect(result.itemGaps.filter { $0.subject == "w1" }.map(\.item) == ["Z1", "Z2", "Z3", "Z4"])
    }

    @Test("aggregates per school and partnership (docs/analysis.md §8)")
    func aggregates() throws {
        let result = Self.analyse(Self.forms())
        // School 01AA, area a: self of w1 and w2 = 5 and 5.
        let selfA = try #require(try Self.aggregate(result, .school, "01AA", "a", .selfScore).statistics)
        #expect(selfA == Statistics(n: 2, mean: 5, sd: 0, median: 5, minimum: 5, maximum: 5))

        // Student scores 3.75 (w1) and 6 (w2): mean 9.75 / 2 = 4.875; SD √((1.125² + 1.125²) / 1) = 1.125·√2.
        let student = try #require(try Self.aggregate(result, .school, "01AA", "a", .role(.student)).statistics)
        #expect(student.n == 2 && student.mean == 4.875 && student.median == 4.875)
        #expect(Self.close(student.sd, 1.125 * 2.0.squareRoot()))
        #expect(student.minimum == 3.75 && student.maximum == 6)

        // Only w1 has an SO: n = 1, no SD.
        let so = try #require(try Self.aggregate(result, .school, "01AA", "a", .role(.schoolopleider)).statistics)
        #expect(so.n == 1 && so.sd == nil && so.mean == 4)

        // Gaps 1.125 (over) and −1 (onder): mean 0.125 / 2 = 0.0625; shares ½, 0, ½.
        let gap = try Self.aggregate(result, .school, "01AA", "a", .gap)
        #expect(gap.statistics?.mean == 0.0625)
        #expect(gap.shares == GapShares(overschatting: 0.5, inOvereenstemming: 0, onderschatting: 0.5))

        // Partnership P1, area a, self: 5, 5, 2, 7 → mean 19 / 4 = 4.75;
        // squared deviations 0.0625 + 0.0625 + 7.5625 + 5.0625 = 12.75 → SD √(12.75 / 3) = √4.25;
        // sorted 2, 5, 5, 7 → median (5 + 5) / 2 = 5.
        let pSelf = try #require(try Self.aggregate(result, .partnership, "P1", "a", .selfScore).statistics)
        #expect(pSelf.n == 4 && pSelf.mean == 4.75 && pSelf.median == 5 && pSelf.minimum == 2 && pSelf.maximum == 7)
        #expect(Self.close(pSelf.sd, 4.25.squareRoot()))

        // Feedback 3.875, 6, 3.5, 5 → 18.375 / 4 = 4.59375; sorted 3.5, 3.875, 5, 6 → median 4.4375.
        let pFeedback = try #require(try Self.aggregate(result, .partnership, "P1", "a", .feedback).statistics)
        #expect(pFeedback.mean == 4.59375 && pFeedback.median == 4.4375)

        // Gaps 1.125, −1, −1.5, 2 → mean 0.625 / 4 = 0.15625; median (−1 + 1.125) / 2 = 0.0625; 2 over, 2 onder.
        let pGap = try Self.aggregate(result, .partnership, "P1", "a", .gap)
        #expect(pGap.statistics?.mean == 0.15625 && pGap.statistics?.median == 0.0625)
        #expect(pGap.shares == GapShares(overschatting: 0.5, inOvereenstemming: 0, onderschatting: 0.5))

        // Area b gaps 1 (w1), −2 (w2), 0 (w3), 1 (w4): 2 over, 1 in, 1 onder out of 4; mean 0.
        let pGapB = try Self.aggregate(result, .partnership, "P1", "b", .gap)
        #expect(pGapB.shares == GapShares(overschatting: 0.5, inOvereenstemming: 0.25, onderschatting: 0.25))
        #expect(pGapB.statistics?.mean == 0)

        // gap_student area a: w1 1.25, w2 −1, w3 2 − 4 = −2 (w4 has no student) → n 3, mean −1.75 / 3.
        let pGapStudent = try #require(try Self.aggregate(result, .partnership, "P1", "a", .roleGap(.student)).statistics)
        #expect(pGapStudent.n == 3 && Self.close(pGapStudent.mean, -1.75 / 3))
        // gap_schoolopleider area a: w1 1, w3 2 − 3 = −1, w4 7 − 5 = 2 → n 3, mean 2 / 3, median 1.
        let pGapSO = try #require(try Self.aggregate(result, .partnership, "P1", "a", .roleGap(.schoolopleider)).statistics)
        #expect(pGapSO.n == 3 && Self.close(pGapSO.mean, 2.0 / 3) && pGapSO.median == 1)

        // Every school figure here has n ≤ 2 < k = 3, so every one with data is marked.
        #expect(
            result.aggregates.filter { $0.level == .school && $0.n > 0 }.allSatisfy {
                $0.suppression == .smallGroup(n: $0.n, minimum: 3)
            })
        let pSelfCell = try Self.aggregate(result, .partnership, "P1", "a", .selfScore)
        #expect(pSelfCell.n >= 3 && pSelfCell.suppression == nil)

        // Order: level, unit, wave, area, measure.
        let firstCells = result.aggregates.prefix(7).map { "\($0.unit)/\($0.area)/\($0.measure.rawValue)" }
        #expect(
            firstCells == [
                "01AA/a/self", "01AA/a/student", "01AA/a/schoolopleider", "01AA/a/feedback",
                "01AA/a/gap", "01AA/a/gap_student", "01AA/a/gap_schoolopleider",
            ])
        #expect(result.aggregates.map(\.level) == result.aggregates.map(\.level).sorted { $0 == .school && $1 != .school })
    }

    @Test("Cronbach's alpha over complete forms (docs/analysis.md §12)")
    func reliability() throws {
        let result = Self.analyse(Self.forms())
        // zs, area a: complete forms w1 (6, 4), w3 (2, 2), w4 (7, 7); w2 skipped Z2.
        // var Z1 = ((6−5)² + (2−5)² + (7−5)²) / 2 = 14 / 2 = 7; var Z2 (mean 13/3) = (1/9 + 49/9 + 64/9) / 2 = 114/18;
        // totals 10, 4, 14 (mean 28/3): var = (4/9 + 256/9 + 196/9) / 2 = 456/18;
        // α = 2/1 · (1 − (126/18 + 114/18) / (456/18)) = 2 · 216/456 = 18/19.
        let zsA = try #require(result.reliability.first { $0.instrument == "zs" && $0.area == "a" })
        #expect(zsA.n == 3 && zsA.itemCount == 2)
        #expect(Self.close(zsA.alpha, 18.0 / 19))
        // zs, area b: all four complete: Z3 = 5, 3, 4, 7; Z4 = 7, 3, 4, 7; totals 12, 6, 8, 14.
        // Sums of squared deviations 8.75, 12.75 and 40 (the n − 1 cancels): α = 2 · (1 − 21.5 / 40) = 0.925.
        let zsB = try #require(result.reliability.first { $0.instrument == "zs" && $0.area == "b" })
        #expect(zsB.n == 4 && Self.close(zsB.alpha, 0.925))
        // fs area b has one item (S3): no alpha. fo has both areas.
        #expect(result.reliability.map { "\($0.instrument)/\($0.area)" } == ["fo/a", "fo/b", "fs/a", "zs/a", "zs/b"])
        // fo area a: O1 = 4, 3, 5 and O2 the same → α = 2 · (1 − 2·var / 4·var) = 1.
        #expect(Self.close(result.reliability[0].alpha, 1))
    }

    @Test("alpha is nil for fewer than two complete forms or no total variance")
    func reliabilityUndefined() {
        var one = ReliabilityAccumulator(items: [0, 1])
        one.add(ItemScores([3, 4]))
        one.add(ItemScores([3, nil]))
        #expect(one.n == 1 && one.alpha == nil)
        var flat = ReliabilityAccumulator(items: [0, 1])
        flat.add(ItemScores([3, 4]))
        flat.add(ItemScores([4, 3]))  // totals 7 and 7: no variance
        #expect(flat.n == 2 && flat.alpha == nil)
    }

    @Test("response without a roster (docs/analysis.md §10)")
    func responseWithoutRoster() throws {
        let result = Self.analyse(Self.forms())
        #expect(
            result.response == [
                // w1 self + 2 students + SO; w2 self + student: wpbs counted, not forms.
                ResponseSummary(
                    school: "01AA", wave: Self.wave, rosterSize: nil, selfScans: 2, feedback: [.student: 2, .schoolopleider: 1],
                    completeTriads: 1,
                    missing: [MissingForms(supervisor: "w2", name: nil, roles: [.schoolopleider])]),
                ResponseSummary(
                    school: "02BB", wave: Self.wave, rosterSize: nil, selfScans: 2, feedback: [.student: 1, .schoolopleider: 2],
                    completeTriads: 1,
                    missing: [MissingForms(supervisor: "w4", name: nil, roles: [.student])]),
            ])
    }

    @Test("response with a roster: roster size and who is missing what")
    func responseWithRoster() throws {
        var registry = Self.registry
        registry.roster = [
            RosterEntry(supervisor: "w1", school: "01AA", name: "Wim Een"),
            RosterEntry(supervisor: "w2", school: "01AA", name: "Wil Twee"),
            RosterEntry(supervisor: "w5", school: "01AA", name: "Vera Vijf"),
            RosterEntry(supervisor: "w3", school: "02BB"),
            RosterEntry(supervisor: "w4", school: "02BB"),
            RosterEntry(supervisor: "w6", school: "03CC", name: "Zes"),
        ]
        registry.schools.append(School(id: "03CC", name: "School C", partnership: "P1"))
        let result = Self.analyse(Self.forms(), registry: registry)
        #expect(result.response.map(\.school) == ["01AA", "02BB", "03CC"])
        let a = result.response[0]
        #expect(a.rosterSize == 3 && a.selfScans == 2 && a.completeTriads == 1)
        #expect(
            a.missing == [
                MissingForms(supervisor: "w2", name: "Wil Twee", roles: [.schoolopleider]),
                MissingForms(supervisor: "w5", name: "Vera Vijf", roles: [.selfAssessment, .student, .schoolopleider]),
            ])
        // A roster school without any form is still listed: everyone is missing everything.
        #expect(
            result.response[2]
                == ResponseSummary(
                    school: "03CC", wave: Self.wave, rosterSize: 1, selfScans: 0, feedback: [.student: 0, .schoolopleider: 0],
                    completeTriads: 0,
                    missing: [
                        MissingForms(
                            supervisor: "w6", name: "Zes",
                            roles: [.selfAssessment, .student, .schoolopleider])
                    ]))
    }

    @Test("change between consecutive waves (docs/analysis.md §11)")
    func change() throws {
        let waves = [
            Wave(id: "voor", start: Day(year: 2025, month: 9, day: 1), end: Day(year: 2025, month: 12, day: 31)),
            Wave(id: "midden", start: Day(year: 2026, month: 1, day: 1), end: Day(year: 2026, month: 3, day: 31)),
            Wave(id: "na", start: Day(year: 2026, month: 4, day: 1), end: Day(year: 2026, month: 7, day: 31)),
        ]
        let forms = [
            // w1 in all three waves.
            F.form(F.selfScan, .selfAssessment, subject: "w1", school: "01AA", wave: "voor", scores: [3, 3, 4, 4]),
            F.form(F.soFeedback, .schoolopleider, subject: "w1", school: "01AA", wave: "voor", scores: [4, 4, 4, 4]),
            F.form(F.selfScan, .selfAssessment, subject: "w1", school: "01AA", wave: "midden", scores: [5, 4, 4, 4]),
            F.form(F.soFeedback, .schoolopleider, subject: "w1", school: "01AA", wave: "midden", scores: [5, 5, 4, 4]),
            F.form(F.selfScan, .selfAssessment, subject: "w1", school: "01AA", wave: "na", scores: [6, 6, 2, 2]),
            // w2 skips "midden": no change voor → na.
            F.form(F.selfScan, .selfAssessment, subject: "w2", school: "01AA", wave: "voor", scores: [1, 1, 1, 1]),
            F.form(F.selfScan, .selfAssessment, subject: "w2", school: "01AA", wave: "na", scores: [7, 7, 7, 7]),
            // w3 in voor and midden.
            F.form(F.selfScan, .selfAssessment, subject: "w3", school: "02BB", wave: "voor", scores: [2, 2, 2, 2]),
            F.form(F.selfScan, .selfAssessment, subject: "w3", school: "02BB", wave: "midden", scores: [2, 4, 5, 5]),
        ]
        let result = Self.analyse(forms, waves: waves)
        #expect(result.waves.map(\.id) == ["voor", "midden", "na"])
        let w1 = result.changes.filter { $0.subject == "w1" }
        #expect(
            w1 == [
                // a: self 3 → 4.5 = +1.5; feedback (SO only) 4 → 5 = +1. b: self 4 → 4 = 0; feedback 4 → 4 = 0.
                SubjectChange(
                    subject: "w1", school: "01AA", area: "a", fromWave: "voor", toWave: "midden",
                    selfChange: 1.5, feedbackChange: 1),
                SubjectChange(
                    subject: "w1", school: "01AA", area: "b", fromWave: "voor", toWave: "midden",
                    selfChange: 0, feedbackChange: 0),
                // a: self 4.5 → 6 = +1.5; no feedback in "na". b: self 4 → 2 = −2.
                SubjectChange(
                    subject: "w1", school: "01AA", area: "a", fromWave: "midden", toWave: "na",
                    selfChange: 1.5, feedbackChange: nil),
                SubjectChange(
                    subject: "w1", school: "01AA", area: "b", fromWave: "midden", toWave: "na",
                    selfChange: -2, feedbackChange: nil),
            ])
        #expect(!result.changes.contains { $0.subject == "w2" })
        // w3, a: 2 → 3 = +1; b: 2 → 5 = +3.
        #expect(result.changes.filter { $0.subject == "w3" }.map(\.selfChange) == [1, 3])

        // Aggregated at the later wave: P1, "midden", area a, change_self over w1 (+1.5) and w3 (+1) → 1.25.
        let pChange = try #require(try Self.aggregate(result, .partnership, "P1", "a", .changeSelf, wave: "midden").statistics)
        #expect(pChange.n == 2 && pChange.mean == 1.25)
        let feedbackChange = try Self.aggregate(result, .partnership, "P1", "a", .changeFeedback, wave: "midden")
        #expect(feedbackChange.n == 1 && feedbackChange.statistics?.mean == 1)
        // The first wave has nothing to change from.
        #expect(!result.aggregates.contains { $0.wave == "voor" && $0.measure.isChange })
    }

    @Test("training-school scan: the school is the subject, the partnership the group")
    func schoolScan() throws {
        var registry = Self.registry
        registry.schools.append(School(id: "03CC", name: "School C", partnership: "P1"))
        let w = Self.wave
        let forms = [
            F.form(F.schoolScan, .selfAssessment, subject: "01AA", school: "01AA", wave: w, scores: [5, 6]),
            F.form(F.schoolScan, .selfAssessment, subject: "01AA", school: "01AA", wave: w, scores: [3, nil]),
            F.form(F.schoolScan, .instituutsopleider, subject: "01AA", school: "01AA", wave: w, scores: [4, 4]),
            F.form(F.schoolScan, .selfAssessment, subject: "02BB", school: "02BB", wave: w, scores: [6, 6]),
            F.form(F.schoolScan, .selfAssessment, subject: "03CC", school: "03CC", wave: w, scores: [2, 4]),
            F.form(F.schoolScan, .instituutsopleider, subject: "03CC", school: "03CC", wave: w, scores: [5, 5]),
        ]
        let result = Self.analyse(forms, registry: registry)
        #expect(result.schoolScanAreas.map(\.id) == ["c1", "c2"])
        let a1 = try Self.score(result, "01AA", "c1")
        #expect(a1.scope == .schools && a1.selfScore == 4)  // two team members: (5 + 3) / 2
        #expect(a1.feedback == 4 && a1.gap == 0)  // IO 4
        #expect(try Self.score(result, "01AA", "c2").gap == 2)  // 6 (second member left V2 blank) − 4
        #expect(try Self.score(result, "03CC", "c1").gap == -3)  // 2 − 5
        #expect(try Self.score(result, "02BB", "c1").feedback == nil)

        // Per partnership only. c1 self: 4, 6, 2 → mean 4; SD √((0 + 4 + 4) / 2) = 2; median 4.
        #expect(!result.aggregates.contains { $0.scope == .schools && $0.level == .school })
        let selfC1 = try Self.aggregate(result, .partnership, "P1", "c1", .selfScore, scope: .schools)
        #expect(selfC1.statistics == Statistics(n: 3, mean: 4, sd: 2, median: 4, minimum: 2, maximum: 6))
        #expect(selfC1.suppression == nil)
        // IO: two schools (4, 5) < k = 3 → suppressed, numbers kept for the coordinator.
        let io = try Self.aggregate(result, .partnership, "P1", "c1", .role(.instituutsopleider), scope: .schools)
        #expect(io.statistics?.mean == 4.5 && io.suppression == .smallGroup(n: 2, minimum: 3))
        #expect(
            result.aggregates.filter { $0.scope == .schools }.map(\.measure).prefix(4)
                == [.selfScore, .role(.instituutsopleider), .feedback, .gap])

        // The same form filled in by both roles: each item mirrors itself.
        let v1 = try #require(result.itemGaps.first { $0.subject == "01AA" && $0.item == "V1" })
        #expect(v1.scope == .schools && v1.selfScore == 4 && v1.roleScores[.instituutsopleider] == 4 && v1.gap == 0)
    }

    @Test("detail for personal workbooks: item means and comments")
    func detail() throws {
        let without = Self.analyse(Self.forms())
        #expect(without.itemScores.isEmpty && without.comments.isEmpty)
        let result = Self.analyse(Self.forms(), includeDetail: true)
        let s1 = try #require(result.itemScores.first { $0.subject == "w1" && $0.item == "S1" })
        #expect(s1.role == .student && s1.mean == 3.5 && s1.n == 2)  // (5 + 2) / 2
        let s3 = try #require(result.itemScores.first { $0.subject == "w1" && $0.item == "S3" })
        #expect(s3.mean == 4 && s3.n == 1)  // the second student left S3 blank
        #expect(!result.itemScores.contains { $0.subject == "w2" && $0.item == "Z2" })
        // The blank comment is dropped.
        #expect(
            result.comments == [
                SubjectComment(
                    subject: "w1", wave: Self.wave, role: .student, question: "S-FF1",
                    text: "Meer vragen stellen")
            ])
    }

    @Test("built from a configuration: its settings, and detail when personal workbooks are on")
    func fromConfiguration() {
        let configuration = PipelineConfiguration(
            file: URL(fileURLWithPath: "/tmp/Pipeline.yml"), instruments: F.instruments, registry: Self.registry,
            sources: [], analysis: .init(gapThreshold: 0.5, minimumGroupSize: 2),
            output: .init(folder: URL(fileURLWithPath: "/tmp/Reports"), personalWorkbooks: true))
        var analyzer = Analyzer(configuration: configuration)
        #expect(analyzer.includeDetail && analyzer.settings.minimumGroupSize == 2)
        #expect(!Analyzer(configuration: configuration, includeDetail: false).includeDetail)
        for form in Self.forms() { analyzer.add(form) }
        let result = analyzer.finish()
        #expect(result.settings.gapThreshold == 0.5 && !result.itemScores.isEmpty)
        // w3, area b: gap 0 stays in overeenstemming; w2, area a: −1 ≤ −0.5.
        #expect(result.subjectScores.first { $0.subject == "w2" && $0.area == "a" }?.category == .onderschatting)
        // With k = 2 the two-wpb schools are shown.
        #expect(result.aggregates.first { $0.unit == "01AA" && $0.measure == .selfScore }?.suppression == nil)
    }

    @Test("item gaps follow personal and MT workbooks when built from a configuration; nothing else changes")
    func itemGapsOnlyForPersonalAndSchoolWorkbooks() {
        func result(personal: Bool, school: Bool = false, itemGaps: Bool? = nil) -> AnalysisResult {
            let configuration = PipelineConfiguration(
                file: URL(fileURLWithPath: "/tmp/Pipeline.yml"), instruments: F.instruments, registry: Self.registry,
                sources: [], analysis: .init(gapThreshold: 1.0, minimumGroupSize: 3),
                output: .init(
                    folder: URL(fileURLWithPath: "/tmp/Reports"), schoolWorkbooks: school, personalWorkbooks: personal))
            var analyzer = Analyzer(configuration: configuration, includeDetail: false, includeItemGaps: itemGaps)
            for form in Self.forms() { analyzer.add(form) }
            return analyzer.finish()
        }
        let without = result(personal: false), with = result(personal: true), asked = result(personal: false, itemGaps: true)
        #expect(without.itemGaps.isEmpty)
        // MT workbooks show released item figures, so they need the item gaps as well.
        #expect(result(personal: false, school: true).itemGaps == with.itemGaps)
        // w1 answers all four self items, each mirrored by the schoolopleider's form (see `itemGaps()`).
        #expect(with.itemGaps.filter { $0.subject == "w1" }.map(\.item) == ["Z1", "Z2", "Z3", "Z4"])
        #expect(asked.itemGaps == with.itemGaps)
        #expect(without.subjectScores == with.subjectScores && without.aggregates == with.aggregates)
        #expect(without.changes == with.changes && without.response == with.response)
    }

    @Test("the same forms in another order give the same result")
    func deterministic() {
        let forward = Self.analyse(Self.forms(), includeDetail: true)
        let backward = Self.analyse(Self.forms().reversed(), includeDetail: true)
        #expect(forward.subjectScores == backward.subjectScores)
        #expect(forward.itemGaps == backward.itemGaps)
        #expect(forward.aggregates == backward.aggregates)
        #expect(forward.response == backward.response)
        #expect(forward.reliability == backward.reliability)
        #expect(forward.itemScores == backward.itemScores)
        #expect(forward.comments == backward.comments)
    }
}
