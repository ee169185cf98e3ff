import Foundation
import Testing

@testable import Spiegel

/// The rules of ``DisclosureControl`` on hand-made subject scores, each with the differencing it prevents
/// worked out by hand, and shown to work on the unprotected rules (so each test can fail).
@Suite struct DisclosureControlTests {
    static let wave1 = Wave(id: "w1", start: Day(year: 2025, month: 8, day: 1), end: Day(year: 2026, month: 1, day: 31))
    static let wave2 = Wave(id: "w2", start: Day(year: 2026, month: 2, day: 1), end: Day(year: 2026, month: 7, day: 31))
    static let area = CompetencyArea(id: "agogisch", name: "Agogisch", shortName: "Agogisch")
    static let after = Day(year: 2026, month: 12, day: 1)

    /// One wpb's scores in one wave: `student`/`so` nil when that role gave no feedback.
    static func score(
        _ subject: String, school: String = "A", wave: String = "w1", own: Double?, student: Double?,
        so: Double?
    ) -> SubjectScore {
        var roles: [Role: Double] = [:]
        if let own { roles[.selfAssessment] = own }
        if let student { roles[.student] = student }
        if let so { roles[.schoolopleider] = so }
        let present = [student, so].compactMap { $0 }
        let feedback = present.isEmpty ? nil : present.reduce(0, +) / Double(present.count)
        let gap = own.flatMap { o in feedback.map { o - $0 } }
        return SubjectScore(
            scope: .supervisors, subject: subject, school: school, partnership: "P", wave: wave,
            area: area.id, roleScores: roles, feedback: feedback, gap: gap, roleGaps: [:],
            category: gap.map { GapCategory(gap: $0, threshold: 1) }, formCounts: [:])
    }

    static func result(_ scores: [SubjectScore], waves: [Wave] = [wave1]) -> AnalysisResult {
        AnalysisResult(
            settings: .init(gapThreshold: 1, minimumGroupSize: 3), waves: waves, supervisorAreas: [area],
            subjectScores: scores)
    }

    static let protected = DisclosureRules(minimumGroupSize: 3, asOf: after)

    /// Four wpbs with SO feedback; three of them also with student feedback. x has only an SO, whose score 6
    /// is what the role split would give away: 2 · (Σ feedback − ½ Σ student − ½ Σ SO) = SO score of x.
    static let roleScores = [
        score("a", own: 5, student: 4, so: 5), score("b", own: 6, student: 5, so: 4),
        score("c", own: 4, student: 3, so: 4), score("x", own: 5, student: nil, so: 6),
    ]

    static func recoveredOtherRole(_ row: ReleasedRow) -> Double? {
        guard let fb = row.feedback.value, let st = row.roles[.student]?.value, let so = row.roles[.schoolopleider]?.value
        else { return nil }
        let n = Double(row.feedback.n), nStudent = Double(row.roles[.student]?.n ?? 0),
            nSO = Double(row.roles[.schoolopleider]?.n ?? 0)
        return 2 * (n * fb - nStudent * st / 2 - nSO * so / 2)
    }

    @Test func aRolePopulationOneSmallerThanTheRowIsWithheld() throws {
        let open = DisclosureControl(rules: .unprotected(asOf: Self.after)).release(Self.result(Self.roleScores))
        let openRow = try #require(open.row(.school, "A", wave: "w1", area: Self.area.id))
        // Positive control: shown, the role split gives x's SO score.
        let recovered = try #require(Self.recoveredOtherRole(openRow))
        #expect(abs(recovered - 6) < 1e-9)

        let release = DisclosureControl(rules: Self.protected).release(Self.result(Self.roleScores))
        let row = try #require(release.row(.school, "A", wave: "w1", area: Self.area.id))
        #expect(row.roles[.student]?.withheld == .rolePopulationDiffers(minimum: 3))
        #expect(row.roles[.schoolopleider]?.value != nil, "the SO population equals the row's")
        #expect(Self.recoveredOtherRole(row) == nil)
        // The row itself is shown over all four, one n for self, feedback and gap.
        #expect(row.selfScore.n == 4 && row.feedback.n == 4 && row.gap.n == 4 && row.selfScore.value == 5)
    }

    @Test func selfFeedbackAndGapShareOnePopulation() throws {
        // y has feedback but no self-scan: unprotected, feedback is over 4 and self over 3 (the row attack).
        let scores = Self.roleScores.dropLast() + [Self.score("y", own: nil, student: 2, so: 2)]
        let open = try #require(
            DisclosureControl(rules: .unprotected(asOf: Self.after)).release(Self.result(Array(scores)))
                .row(.school, "A", wave: "w1", area: Self.area.id))
        let leaked =
            Double(open.feedback.n) * (open.feedback.value ?? .nan)
            - Double(open.gap.n) * ((open.selfScore.value ?? .nan) - (open.gap.value ?? .nan))
        #expect(abs(leaked - 2) < 1e-9, "positive control: y's feedback")
        let row = try #require(
            DisclosureControl(rules: Self.protected).release(Self.result(Array(scores)))
                .row(.school, "A", wave: "w1", area: Self.area.id))
        #expect(row.feedback.n == 3 && row.selfScore.n == 3 && row.gap.n == 3)
        let expected: Double = (4.5 + 4.5 + 3.5) / 3
        let feedback = try #require(row.feedback.value)
        #expect(abs(feedback - expected) < 1e-9)
    }

    @Test func sharesAreWithheldWhenOneCategoryHoldsAllButOne() throws {
        // Gaps: 1.5 (over), 0 (agree), 0 (agree), 0 (agree): three of four agree → all but one.
        let scores = [
            Self.score("a", own: 6, student: 4.5, so: 4.5), Self.score("b", own: 5, student: 5, so: 5),
            Self.score("c", own: 5, student: 5, so: 5), Self.score("d", own: 4, student: 4, so: 4),
        ]
        let row = try #require(
            DisclosureControl(rules: Self.protected).release(Self.result(scores))
                .row(.school, "A", wave: "w1", area: Self.area.id))
        #expect(row.shares.withheld == .dominantCategory && row.shares[.inOvereenstemming] == nil)
        let five = scores + [Self.score("e", own: 3, student: 5, so: 5)]  // gap −2: under; now 3 of 5 agree
        let shown = try #require(
            DisclosureControl(rules: Self.protected).release(Self.result(five))
                .row(.school, "A", wave: "w1", area: Self.area.id))
        #expect(shown.shares.withheld == nil && shown.shares[.inOvereenstemming] == 0.6)
    }

    @Test func theBenchmarkAddsUpWholeReleasedSchoolsOnly() throws {
        let scores =
            (0..<3).map { Self.score("a\($0)", school: "A", own: 5, student: 5, so: 5) }
            + (0..<3).map { Self.score("b\($0)", school: "B", own: 6, student: 5, so: 5) }
            + (0..<3).map { Self.score("c\($0)", school: "C", own: 7, student: 5, so: 5) }
            + [Self.score("d0", school: "D", own: 1, student: 5, so: 5)]  // one wpb: never in the benchmark
        let release = DisclosureControl(rules: Self.protected).release(Self.result(scores))
        let benchmark = try #require(release.row(.partnership, "P", wave: "w1", area: Self.area.id))
        #expect(benchmark.selfScore.value == 6 && benchmark.selfScore.n == 9 && benchmark.schools == 3)
        // Two schools of at least k are not enough: one MT could subtract its own figure and see the other's.
        let two = DisclosureControl(rules: Self.protected).release(Self.result(scores.filter { $0.school != "C" }))
        #expect(
            two.row(.partnership, "P", wave: "w1", area: Self.area.id)?.selfScore.withheld
                == .tooFewSchools(schools: 2, minimum: 3))
    }

    @Test func aChangeIsShownOnlyOverAPanelThatDiffersFromBothWavesByZeroOrAtLeastK() throws {
        let first = (0..<4).map { Self.score("s\($0)", wave: "w1", own: 4, student: 4, so: 4) }
        // Wave 2: the same four plus one newcomer: the panel (4) differs from wave 2 (5) by one.
        let second =
            (0..<4).map { Self.score("s\($0)", wave: "w2", own: 5, student: 4, so: 4) }
            + [Self.score("new", wave: "w2", own: 7, student: 4, so: 4)]
        let waves = [Self.wave1, Self.wave2]
        let open = try #require(
            DisclosureControl(rules: .unprotected(asOf: Self.after))
                .release(Self.result(first + second, waves: waves)).change(.school, "A", toWave: "w2", area: Self.area.id))
        // Positive control: 5 · mean(w2) − 4 · mean(w1) − 4 · change = the newcomer's self score.
        let newcomer = 5 * (Double(4 * 5 + 7) / 5) - 4 * 4 - 4 * (open.selfChange.value ?? .nan)
        #expect(abs(newcomer - 7) < 1e-9)
        let change = try #require(
            DisclosureControl(rules: Self.protected)
                .release(Self.result(first + second, waves: waves)).change(.school, "A", toWave: "w2", area: Self.area.id))
        #expect(change.selfChange.withheld == .panelDiffers(minimum: 3) && change.selfChange.value == nil)
        // Without the newcomer the panel is both waves' population: shown.
        let same = try #require(
            DisclosureControl(rules: Self.protected)
                .release(Self.result(first + Array(second.prefix(4)), waves: waves)).change(
                    .school, "A", toWave: "w2", area: Self.area.id))
        #expect(same.selfChange.value == 1 && same.selfChange.n == 4)
    }

    @Test func aWithheldPanelChangeFallsBackToTheDifferenceOfTheReleasedWaveMeans() throws {
        // Wave 1: four wpbs, self 4 and feedback 4. Wave 2: the same four at self 5 plus a newcomer at self 7, all
        // with feedback 4 (student 4, SO 4). The panel (4) differs from wave 2 (5) by one: withheld.
        let first = (0..<4).map { Self.score("s\($0)", wave: "w1", own: 4, student: 4, so: 4) }
        let second =
            (0..<4).map { Self.score("s\($0)", wave: "w2", own: 5, student: 4, so: 4) }
            + [Self.score("new", wave: "w2", own: 7, student: 3, so: 3)]
        let waves = [Self.wave1, Self.wave2]
        let release = DisclosureControl(rules: Self.protected).release(Self.result(first + second, waves: waves))
        let change = try #require(release.change(.school, "A", toWave: "w2", area: Self.area.id))
        #expect(change.selfChange.value == nil)
        // By hand: wave 2's self mean (4·5 + 7)/5 = 5.4 minus wave 1's 4 = 1.4; feedback (4·4 + 3)/5 = 3.8 − 4 = −0.2.
        let selfDifference = try #require(change.selfWaveDifference?.value)
        let feedbackDifference = try #require(change.feedbackWaveDifference?.value)
        #expect(abs(selfDifference - 1.4) < 1e-9 && abs(feedbackDifference - -0.2) < 1e-9)
        // It is the difference of two released numbers: both wave rows show their means.
        let before = try #require(release.row(.school, "A", wave: "w1", area: Self.area.id)?.selfScore.value)
        let after = try #require(release.row(.school, "A", wave: "w2", area: Self.area.id)?.selfScore.value)
        #expect(abs(selfDifference - (after - before)) < 1e-9)
        // Where the panel change is shown, there is no fallback beside it.
        let same = try #require(
            DisclosureControl(rules: Self.protected)
                .release(Self.result(first + Array(second.prefix(4)), waves: waves)).change(
                    .school, "A", toWave: "w2", area: Self.area.id))
        #expect(same.selfChange.value == 1 && same.selfWaveDifference == nil)
        // A wave whose mean is withheld (two wpbs) gives no fallback either: nothing released to subtract.
        let small = try #require(
            DisclosureControl(rules: Self.protected)
                .release(Self.result(first + Array(second.prefix(2)), waves: waves)).change(
                    .school, "A", toWave: "w2", area: Self.area.id))
        #expect(small.selfWaveDifference == nil && small.feedbackWaveDifference == nil)
    }

    @Test func openWavesAreNotReleased() throws {
        let rules = DisclosureRules(minimumGroupSize: 3, asOf: Day(year: 2026, month: 1, day: 31))  // w1's last day
        let row = try #require(
            DisclosureControl(rules: rules).release(Self.result(Self.roleScores))
                .row(.school, "A", wave: "w1", area: Self.area.id))
        #expect(row.selfScore.withheld == .waveOpen(closes: Self.wave1.end) && row.shares.withheld != nil)
    }

    @Test func aClosedWaveIsFinalOnceReleasedUntilTheCoordinatorReleasesItAgain() throws {
        let night1 = (0..<4).map { Self.score("s\($0)", own: Double(4 + $0), student: 4, so: 4) }
        let first = DisclosureControl(rules: Self.protected).release(Self.result(night1))
        let before = try #require(first.row(.school, "A", wave: "w1", area: Self.area.id))
        #expect(first.releasedTonight == ["w1"] && first.ledger.releases.count == 1)
        // One late wpb: the row stays as released, marked as held.
        let night2 = night1 + [Self.score("late", own: 7, student: 4, so: 4)]
        let second = DisclosureControl(rules: Self.protected, ledger: first.ledger).release(Self.result(night2))
        let held = try #require(second.row(.school, "A", wave: "w1", area: Self.area.id))
        #expect(held.selfScore.value == before.selfScore.value && held.selfScore.n == 4 && held.selfScore.heldFromEarlierRelease)
        #expect(second.frozenWaves == ["w1"] && second.releasedTonight.isEmpty)
        // Positive control: without the ledger the late wpb's score follows: 5 · mean − 4 · mean before = 7.
        let fresh = try #require(
            DisclosureControl(rules: Self.protected).release(Self.result(night2))
                .row(.school, "A", wave: "w1", area: Self.area.id))
        let lateScore: Double = 5 * (try #require(fresh.selfScore.value)) - 4 * (try #require(before.selfScore.value))
        #expect(abs(lateScore - 7) < 1e-9)
        // k more (and a withdrawal): still final, whatever arrives.
        let night3 = Array(night2.dropFirst()) + (0..<3).map { Self.score("more\($0)", own: 5, student: 4, so: 4) }
        let third = DisclosureControl(rules: Self.protected, ledger: second.ledger).release(Self.result(night3))
        #expect(third.row(.school, "A", wave: "w1", area: Self.area.id)?.selfScore.value == before.selfScore.value)
        // The coordinator's re-release shows tonight's 7 (6 − s0 + 1 late + 3 more = 7 wpbs; differs by ≥ k).
        let corrected = DisclosureControl(rules: Self.protected, ledger: third.ledger, reRelease: ["w1"])
            .release(Self.result(night3))
        let row = try #require(corrected.row(.school, "A", wave: "w1", area: Self.area.id))
        #expect(row.selfScore.n == 7 && corrected.ledger.history(of: "w1").count == 2)
        // A re-release one wpb away from the release before is withheld: the difference would be that wpb.
        let oneMore = night3 + [Self.score("one", own: 2, student: 4, so: 4)]
        let again = DisclosureControl(rules: Self.protected, ledger: corrected.ledger, reRelease: ["w1"])
            .release(Self.result(oneMore))
        #expect(again.row(.school, "A", wave: "w1", area: Self.area.id)?.selfScore.value == nil)
    }

    @Test func raisingKWithdrawsFrozenFiguresUnderTheNewK() throws {
        let scores = (0..<4).map { Self.score("s\($0)", own: Double(4 + $0), student: 4, so: 4) }
        let first = DisclosureControl(rules: Self.protected).release(Self.result(scores))
        #expect(first.row(.school, "A", wave: "w1", area: Self.area.id)?.selfScore.value != nil)
        let raised = DisclosureControl(rules: DisclosureRules(minimumGroupSize: 5, asOf: Self.after), ledger: first.ledger)
            .release(Self.result(scores))
        let row = try #require(raised.row(.school, "A", wave: "w1", area: Self.area.id))
        #expect(row.selfScore.value == nil && row.selfScore.withheld == .smallGroup(n: 4, minimum: 5))
        #expect(row.gap.value == nil && row.shares.shares == nil && row.feedback.value == nil)
    }

    @Test func freeTextLosesAddressesAndPhoneNumbers() {
        let mask = FreeTextMask()
        let masked = mask.mask("Mail me op j.de.vries@school.nl of bel 06-12345678 / +31 20 123 4567, groet uit 2025.")
        #expect(masked.text == "Mail me op [e-mailadres] of bel [telefoonnummer] / [telefoonnummer], groet uit 2025.")
        #expect(masked.masked == 3)
        #expect(mask.mask("Fijne begeleiding, 10 van de 10!").masked == 0)
    }
}
