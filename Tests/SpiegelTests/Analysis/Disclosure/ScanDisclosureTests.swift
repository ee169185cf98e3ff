import Foundation
import Testing

@testable import Spiegel

/// The school's own training-school scan in MT workbooks (docs/analysis.md, "The school's own scan"), on hand-made
/// school scores: team means over at least k forms, the IO's figure withheld below k forms (the positive control
/// shows the single IO's answer an unprotected release would print), the partnership as the mean of released
/// schools, and the ledger keeping a released wave final.
@Suite struct ScanDisclosureTests {
    static let wave = Wave(id: "w1", start: Day(year: 2025, month: 8, day: 1), end: Day(year: 2026, month: 1, day: 31))
    static let condition = CompetencyArea(id: "samenwerking", name: "Ondersteunen van samenwerking", shortName: "Samenwerking")
    static let wpbArea = CompetencyArea(id: "agogisch", name: "Agogisch", shortName: "Agogisch")
    static let after = Day(year: 2026, month: 12, day: 1)
    static let protected = DisclosureRules(minimumGroupSize: 3, asOf: after)

    /// One school's scan: the team's mean over `team` forms and the IO's over `io` forms.
    static func scan(_ school: String, team: (mean: Double, forms: Int), io: (mean: Double, forms: Int)) -> SubjectScore {
        SubjectScore(
            scope: .schools, subject: school, school: school, partnership: "P", wave: wave.id, area: condition.id,
            roleScores: [.selfAssessment: team.mean, .instituutsopleider: io.mean], feedback: io.mean,
            gap: team.mean - io.mean, roleGaps: [.instituutsopleider: team.mean - io.mean], category: nil,
            formCounts: [.selfAssessment: team.forms, .instituutsopleider: io.forms])
    }

    /// A wpb score so that the wave is one the release handles like the sample's (scan and wpb data together).
    static let wpb = SubjectScore(
        scope: .supervisors, subject: "w", school: "A", partnership: "P", wave: wave.id, area: wpbArea.id,
        roleScores: [.selfAssessment: 5, .schoolopleider: 4], feedback: 4, gap: 1, roleGaps: [:], category: .overschatting,
        formCounts: [:])

    static func result(_ scans: [SubjectScore]) -> AnalysisResult {
        AnalysisResult(
            settings: .init(gapThreshold: 1, minimumGroupSize: 3), waves: [wave], supervisorAreas: [wpbArea],
            schoolScanAreas: [condition], subjectScores: [wpb] + scans)
    }

    static let schools = [
        scan("A", team: (5, 4), io: (2, 1)), scan("B", team: (4, 3), io: (6, 3)), scan("C", team: (6, 5), io: (3, 1)),
        scan("D", team: (1, 2), io: (7, 1)),
    ]

    @Test func teamMeansNeedKFormsAndTheSingleIOIsWithheld() throws {
        let view = DisclosureControl(rules: Self.protected).release(Self.result(Self.schools))
        let a = try #require(view.scanRow(.school, "A", wave: Self.wave.id, condition: Self.condition.id))
        #expect(a.team.value == 5 && a.team.n == 4)
        #expect(a.instituutsopleider.withheld == .smallGroup(n: 1, minimum: 3) && a.instituutsopleider.value == nil)
        let b = try #require(view.scanRow(.school, "B", wave: Self.wave.id, condition: Self.condition.id))
        #expect(b.instituutsopleider.value == 6 && b.instituutsopleider.n == 3, "three IO forms: shown")
        let d = try #require(view.scanRow(.school, "D", wave: Self.wave.id, condition: Self.condition.id))
        #expect(d.team.withheld == .smallGroup(n: 2, minimum: 3))
        // The partnership: A, B and C released, each school once: (5 + 4 + 6) / 3 = 5; D never enters it.
        let p = try #require(view.scanRow(.partnership, "P", wave: Self.wave.id, condition: Self.condition.id))
        #expect(p.team.value == 5 && p.schools == 3)
        #expect(p.instituutsopleider.withheld == .tooFewSchools(schools: 1, minimum: 3))

        // Positive control: unprotected, the MT of A reads its one IO's answer (2) and D's two team members' mean.
        let open = DisclosureControl(rules: .unprotected(asOf: Self.after)).release(Self.result(Self.schools))
        #expect(open.scanRow(.school, "A", wave: Self.wave.id, condition: Self.condition.id)?.instituutsopleider.value == 2)
        #expect(open.scanRow(.school, "D", wave: Self.wave.id, condition: Self.condition.id)?.team.value == 1)
    }

    @Test func thePartnershipNeedsTheMinimumNumberOfReleasedSchools() throws {
        // Without C only A and B are released: A's MT could subtract its own mean and read B's.
        let view = DisclosureControl(rules: Self.protected).release(Self.result(Self.schools.filter { $0.subject != "C" }))
        let p = try #require(view.scanRow(.partnership, "P", wave: Self.wave.id, condition: Self.condition.id))
        #expect(p.team.withheld == .tooFewSchools(schools: 2, minimum: 3) && p.team.value == nil)
    }

    @Test func aReleasedWaveStaysFinalAndAReReleaseOneFormApartIsWithheld() throws {
        let first = DisclosureControl(rules: Self.protected).release(Self.result(Self.schools))
        // A late team form at A: 5 forms, mean 5.2. The ledger keeps 5 over 4 forms.
        let late = [Self.scan("A", team: (5.2, 5), io: (2, 1))] + Self.schools.dropFirst()
        let second = DisclosureControl(rules: Self.protected, ledger: first.ledger).release(Self.result(late))
        let a = try #require(second.scanRow(.school, "A", wave: Self.wave.id, condition: Self.condition.id))
        #expect(a.team.value == 5 && a.team.n == 4)
        // Positive control: released afresh, 5 · 5.2 − 4 · 5 = 6 would be the late form's answer.
        let fresh = DisclosureControl(rules: Self.protected).release(Self.result(late))
        let freshA = try #require(fresh.scanRow(.school, "A", wave: Self.wave.id, condition: Self.condition.id)?.team.value)
        #expect(abs(5 * freshA - 4 * 5 - 6) < 1e-9)
        // The coordinator's re-release compares with the earlier release: one form apart is withheld.
        let corrected = DisclosureControl(rules: Self.protected, ledger: second.ledger, reRelease: [Self.wave.id])
            .release(Self.result(late))
        #expect(
            corrected.scanRow(.school, "A", wave: Self.wave.id, condition: Self.condition.id)?.team.withheld
                == .lateChange(minimum: 3))
        #expect(try ReleaseLedger.decode(corrected.ledger.encoded(), path: "x") == corrected.ledger)
    }
}
