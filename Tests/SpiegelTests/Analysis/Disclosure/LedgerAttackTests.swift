import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// The four ways issue #22 recovered individual scores from released files across nights and waves, replayed on
/// generated data shaped as the issue describes, read back from the MT workbooks and `public/` by the attacker
/// (`Tests/Attacker/disclosure_attacker.py`). Each case: the release through the ledger gives nothing away; the
/// rules before #22 (a fresh release every night, populations checked against their own row only) leak — the
/// positive control — and the independent auditor alone, on those old rules, catches the leak.
@Suite(.serialized) struct LedgerAttackTests {
    typealias Attack = DisclosureAttackTests
    static let today = DisclosureAttackTests.today

    /// Per school, the wpbs with a self-scan and feedback (a gap) in every area of each of `waves`, and with the
    /// extra property `also` in every area.
    static func complete(
        _ result: AnalysisResult, in waves: [String], also: (SubjectScore) -> Bool = { _ in true }
    ) -> [String: [String]] {
        let areas = Set(result.supervisorAreas.map(\.id))
        var found: [String: Set<String>] = [:]
        var school: [String: String] = [:]
        for score in result.subjectScores where score.scope == .supervisors && waves.contains(score.wave) {
            if score.gap != nil && also(score) { found["\(score.subject)|\(score.wave)", default: []].insert(score.area) }
            school[score.subject] = score.school
        }
        var bySchool: [String: [String]] = [:]
        for (subject, home) in school where waves.allSatisfy({ found["\(subject)|\($0)"] == areas }) {
            bySchool[home, default: []].append(subject)
        }
        return bySchool.mapValues { $0.sorted() }
    }

    /// `forms` without the wpb self-scans of `subjects` in `waves`.
    static func withoutSelfScans(_ forms: [Form], of subjects: Set<String>, in waves: Set<String>) -> [Form] {
        forms.filter { !($0.role == .selfAssessment && subjects.contains($0.subject) && waves.contains($0.wave)) }
    }

    /// The protected rules of `job`, the rules before the ledger, and the three attacks on `nights`.
    static func attackThreeWays(
        _ job: Attack.Job, nights: [[Form]], in folder: URL
    ) throws -> (
        guarded: Attack.Report, unguarded: Attack.Report, audited: Attack.Report, auditWithheld: Int
    ) {
        let k = job.configuration.analysis.minimumGroupSize
        let guarded = try Attack.attack(
            job, nights: nights, rules: DisclosureRules(configuration: job.configuration, asOf: today),
            in: folder.appendingPathComponent("guarded"))
        let old = DisclosureRules.withoutLedger(minimumGroupSize: k, asOf: today)
        let unguarded = try Attack.attack(
            job, nights: nights, rules: old, audits: false, in: folder.appendingPathComponent("old"))
        let audited = try Attack.attack(
            job, nights: nights, rules: old, audits: true, in: folder.appendingPathComponent("audited"))
        let withheld = audited.releases.reduce(0) { $0 + $1.auditWithheld }
        // The counts, for the issue note and for whoever reads a failing run.
        print(
            "ledger attack \(folder.lastPathComponent): tried \(guarded.report.tried); leaks with the ledger "
                + "\(guarded.report.leaks.count), rules without it \(unguarded.report.leaks.count), those rules with the auditor "
                + "\(audited.report.leaks.count) (\(withheld) figures withheld by the auditor)")
        return (guarded.report, unguarded.report, audited.report, withheld)
    }

    /// Case 1: night 1 a row is over P − {a,b,c,d}, night 2 over P, night 3 over P − {b,c,d}: nights 1 and 3
    /// differ by a alone.
    @Test func threeNightsWithTheLedgerIntactGiveNothingAway() throws {
        let folder = try TestSupport.temporaryFolder("ledger-case1")
        defer { try? FileManager.default.removeItem(at: folder) }
        let job = try Attack.Job.generated(subjects: 150, seed: 22, in: folder)
        let result = Attack.analyse(job, job.forms)
        let wave = try #require(Set(result.subjectScores.map(\.wave)).sorted().last)
        let (_, pool) = try #require(Self.complete(result, in: [wave]).filter { $0.value.count >= 8 }.min { $0.key < $1.key })
        let late = Array(pool.prefix(4))
        let nights = [
            Self.withoutSelfScans(job.forms, of: Set(late), in: [wave]), job.forms,
            Self.withoutSelfScans(job.forms, of: Set(late.dropFirst()), in: [wave]),
        ]
        let outcome = try Self.attackThreeWays(job, nights: nights, in: folder)
        #expect(outcome.guarded.leaks.isEmpty, "\(outcome.guarded.leaks.prefix(5).map(\.where))")
        #expect((outcome.guarded.tried["nights"] ?? 0) > 0)
        #expect(!outcome.unguarded.leaks(in: "nights").isEmpty, "positive control: \(outcome.unguarded.tried)")
        #expect(outcome.audited.leaks.isEmpty, "\(outcome.audited.leaks.prefix(5).map(\.where))")
        #expect(outcome.auditWithheld > 0)
    }

    /// Case 2: three wpbs in wave 2 only and one who skipped the wave-1 self-scan: the panel 1→2 is wave 1's row,
    /// the panel 2→3 wave 3's, and the two differ by that one wpb on wave 2.
    @Test func threeWavesInOneWorkbookGiveNothingAway() throws {
        let folder = try TestSupport.temporaryFolder("ledger-case2")
        defer { try? FileManager.default.removeItem(at: folder) }
        let job = try Attack.Job.generated(subjects: 150, seed: 22, waves: 3, in: folder)
        let result = Attack.analyse(job, job.forms)
        let waves = Array(Set(result.subjectScores.map(\.wave)).sorted().suffix(3))
        try #require(waves.count == 3)
        let (school, pool) = try #require(Self.complete(result, in: waves).filter { $0.value.count >= 9 }.min { $0.key < $1.key })
        let waveTwoOnly = Set(pool.prefix(3)), skipper = pool[3]
        let others = Set(result.subjectScores.filter { $0.school == school && $0.scope == .supervisors }.map(\.subject))
            .subtracting(pool)
        var forms = Self.withoutSelfScans(job.forms, of: others, in: Set(waves))
        forms = Self.withoutSelfScans(forms, of: waveTwoOnly, in: [waves[0], waves[2]])
        forms = Self.withoutSelfScans(forms, of: [skipper], in: [waves[0]])
        let outcome = try Self.attackThreeWays(job, nights: [forms], in: folder)
        #expect(outcome.guarded.leaks.isEmpty, "\(outcome.guarded.leaks.prefix(5).map(\.where))")
        #expect(!outcome.unguarded.leaks(in: "panels").isEmpty, "positive control: \(outcome.unguarded.tried)")
        #expect(outcome.audited.leaks.isEmpty, "\(outcome.audited.leaks.prefix(5).map(\.where))")
        #expect(outcome.auditWithheld > 0)
    }

    /// Case 3: four student-only wpbs (SO forms missing) on night 1; on night 2 three new wpbs join the row (a step
    /// of k) and one of the four gets a late SO form: the single-role group changed by one.
    @Test func roleGroupsAcrossTwoNightsGiveNothingAway() throws {
        let folder = try TestSupport.temporaryFolder("ledger-case3")
        defer { try? FileManager.default.removeItem(at: folder) }
        let job = try Attack.Job.generated(subjects: 150, seed: 22, in: folder)
        let result = Attack.analyse(job, job.forms)
        let wave = try #require(Set(result.subjectScores.map(\.wave)).sorted().last)
        let bothRoles: (SubjectScore) -> Bool = { $0.roleScore(.student) != nil && $0.roleScore(.schoolopleider) != nil }
        let (school, pool) = try #require(
            Self.complete(result, in: [wave], also: bothRoles).filter { $0.value.count >= 10 }.min { $0.key < $1.key })
        let studentOnly = Array(pool.prefix(4)), joiners = Set(pool[4..<7])
        let others = Set(result.subjectScores.filter { $0.school == school && $0.scope == .supervisors }.map(\.subject))
            .subtracting(pool)
        let base = Self.withoutSelfScans(job.forms, of: others, in: [wave])
        func withoutSO(_ forms: [Form], of subjects: Set<String>) -> [Form] {
            forms.filter { !($0.role == .schoolopleider && $0.wave == wave && subjects.contains($0.subject)) }
        }
        let nights = [
            withoutSO(Self.withoutSelfScans(base, of: joiners, in: [wave]), of: Set(studentOnly)),
            withoutSO(base, of: Set(studentOnly.dropFirst())),
        ]
        let outcome = try Self.attackThreeWays(job, nights: nights, in: folder)
        #expect(outcome.guarded.leaks.isEmpty, "\(outcome.guarded.leaks.prefix(5).map(\.where))")
        #expect(!outcome.unguarded.leaks(in: "roles").isEmpty, "positive control: \(outcome.unguarded.tried)")
        #expect(outcome.audited.leaks.isEmpty, "\(outcome.audited.leaks.prefix(5).map(\.where))")
        #expect(outcome.auditWithheld > 0)
    }

    /// Case 4, the positive control of the refusal (`LedgerRefusalTests`): a second night released as if it were
    /// the first — what a lost ledger used to give — lets the late wpb's scores out.
    @Test func aNightWithoutItsLedgerWouldLeakTheLateWpb() throws {
        let folder = try TestSupport.temporaryFolder("ledger-case4")
        defer { try? FileManager.default.removeItem(at: folder) }
        let job = try Attack.Job.generated(subjects: 150, seed: 22, in: folder)
        let nights = [try job.withoutOneLateSelfScan(), job.forms]
        let rules = DisclosureRules(configuration: job.configuration, asOf: Self.today)
        let lost = try Attack.attack(
            job, nights: nights, rules: rules, keepsLedger: false, in: folder.appendingPathComponent("lost"))
        #expect(!lost.report.leaks(in: "nights").isEmpty, "positive control: \(lost.report.tried)")
        let kept = try Attack.attack(job, nights: nights, rules: rules, in: folder.appendingPathComponent("kept"))
        #expect(kept.report.leaks.isEmpty)
        print(
            "ledger attack, lost ledger: leaks released afresh \(lost.report.leaks.count), with the ledger \(kept.report.leaks.count)"
        )
    }
}
