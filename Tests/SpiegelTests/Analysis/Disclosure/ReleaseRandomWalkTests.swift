import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// Issue #22's acceptance walk: five nights on a generated three-wave set, with late, withdrawn and resubmitted
/// forms, the last wave closing on night 4 and k raised on night 5. Between any two nights, every MT and public
/// figure shown on both is the same figure over the same n (a closed wave is final) — except benchmarks on night 5,
/// which lose whole schools withdrawn under the larger k — so no difference of two nights isolates 1 … k wpbs; the attacker, over all five nights' files, recovers nothing. Positive control: the same
/// walk released as before the ledger moves figures by 1 … k − 1 wpbs.
@Suite(.serialized) struct ReleaseRandomWalkTests {
    /// A small deterministic generator (SplitMix64), so the walk is the same on every machine.
    struct Walk: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// One released number, by where it is shown.
    struct Shown: Hashable { var place: String, n: Int, value: Double }

    static func shown(_ release: ReleasedView) -> [String: Shown] {
        var figures: [String: Shown] = [:]
        func add(_ place: String, _ cell: ReleasedCell?) {
            guard let cell, let value = cell.value else { return }
            figures[place] = Shown(place: place, n: cell.n, value: value)
        }
        for row in release.rows {
            let at = "\(row.level) \(row.unit) \(row.wave) \(row.area)"
            add(at + " self", row.selfScore)
            add(at + " feedback", row.feedback)
            add(at + " gap", row.gap)
            for (role, cell) in row.roles { add(at + " \(role)", cell) }
        }
        for change in release.changes {
            let at = "\(change.level) \(change.unit) \(change.fromWave)→\(change.toWave) \(change.area)"
            add(at + " change self", change.selfChange)
            add(at + " change feedback", change.feedbackChange)
        }
        return figures
    }

    /// The five nights' forms and rules.
    static func nights(_ job: DisclosureAttackTests.Job, seed: UInt64) throws -> [(forms: [Form], rules: DisclosureRules)] {
        var random = Walk(state: seed)
        let waves = job.configuration.waves.sorted { $0.end < $1.end }.suffix(3)
        try #require(waves.count == 3)
        let selfScans = job.forms.indices.filter { job.forms[$0].role == .selfAssessment && !$0.isMultiple(of: 7) }
        var withheld = Set(selfScans.shuffled(using: &random).prefix(12))  // arrive late
        var forms = job.forms
        var result: [(forms: [Form], rules: DisclosureRules)] = []
        let k = job.configuration.analysis.minimumGroupSize
        for night in 0..<5 {
            if night > 0 {
                // Late: some held-back forms arrive. Withdrawn: others disappear. Resubmitted: scores change.
                let arriving = Array(withheld.shuffled(using: &random).prefix(3))
                withheld.subtract(arriving)
                withheld.formUnion(selfScans.shuffled(using: &random).prefix(2))
                for _ in 0..<2 {
                    let a = try #require(selfScans.randomElement(using: &random))
                    let b = try #require(
                        selfScans.filter { job.forms[$0].wave == job.forms[a].wave }.randomElement(using: &random))
                    (forms[a].scores, forms[b].scores) = (forms[b].scores, forms[a].scores)
                }
            }
            // Nights 1–3 on the last wave's first day (the two before it closed), nights 4–5 after it closed.
            let last = waves[waves.startIndex + 2]
            let rules = DisclosureRules(
                minimumGroupSize: night == 4 ? k + 1 : k, minimumSchools: job.configuration.release.minimumSchools,
                asOf: night < 3 ? last.start : Day(year: last.end.year, month: 12, day: 1))
            let present = forms.indices.filter { !withheld.contains($0) }.map { forms[$0] }
            result.append((present, rules))
        }
        return result
    }

    static func render(
        _ job: DisclosureAttackTests.Job, _ nights: [(forms: [Form], rules: DisclosureRules)], ledgers: Bool, in folder: URL
    )
        throws -> (releases: [ReleasedView], report: DisclosureAttackTests.Report)
    {
        var ledger: ReleaseLedger?
        var releases: [ReleasedView] = []
        var results: [AnalysisResult] = []
        for (index, night) in nights.enumerated() {
            var rules = night.rules
            if !ledgers {
                let asOf = rules.asOf
                rules = .withoutLedger(minimumGroupSize: rules.minimumGroupSize, asOf: asOf)
            }
            let control = DisclosureControl(rules: rules, ledger: ledger, audits: ledgers)
            let (release, result) = try DisclosureAttackTests.render(
                job, forms: night.forms, control: control, into: folder.appendingPathComponent("night\(index + 1)"))
            ledger = release.ledger
            releases.append(release)
            results.append(result)
        }
        let folders = nights.indices.map { folder.appendingPathComponent("night\($0 + 1)") }
        return (releases, try DisclosureAttackTests.attacker(job, results: results, nights: folders, in: folder))
    }

    /// Pairs of nights where a figure shown on both moved, with how many wpbs its n moved by.
    static func moves(_ releases: [ReleasedView]) -> [(String, Int)] {
        let shown = releases.map(Self.shown)
        var moves: [(String, Int)] = []
        for i in shown.indices {
            for j in shown.indices where j > i {
                for (place, a) in shown[i] {
                    guard let b = shown[j][place], a.n != b.n || abs(a.value - b.value) > 1e-12 else { continue }
                    moves.append(("nights \(i + 1)/\(j + 1) \(place)", abs(a.n - b.n)))
                }
            }
        }
        return moves
    }

    @Test func fiveNightsOfLateWithdrawnAndResubmittedFormsGiveNothingAway() throws {
        let folder = try TestSupport.temporaryFolder("random-walk")
        defer { try? FileManager.default.removeItem(at: folder) }
        let job = try DisclosureAttackTests.Job.generated(subjects: 120, seed: 5, waves: 3, in: folder)
        let nights = try Self.nights(job, seed: 22)
        let k = job.configuration.analysis.minimumGroupSize

        let (releases, report) = try Self.render(job, nights, ledgers: true, in: folder.appendingPathComponent("ledger"))
        // Figures move only when k is raised (a school withdrawn from a benchmark): by a whole school, never by a few.
        let close = Self.moves(releases).filter { $0.1 <= k }
        #expect(close.isEmpty, "\(close.prefix(5))")
        #expect(Self.moves(releases).allSatisfy { $0.0.hasPrefix("nights") && $0.0.contains("/5 ") })
        // The walk did what it says: the last wave was released only on night 4, and k = 4 withdrew figures.
        #expect(releases[3].releasedTonight.count == 1 && releases[0].releasedTonight.count == 2)
        let withdrawn = releases[4].rows.filter { $0.selfScore.withheld == .smallGroup(n: 3, minimum: k + 1) }
        #expect(!withdrawn.isEmpty || Self.shown(releases[4]).count < Self.shown(releases[3]).count)
        #expect(report.leaks.isEmpty, "\(report.leaks.prefix(5).map(\.where))")

        // Positive control: released afresh every night, figures move by fewer than k wpbs.
        let (old, oldReport) = try Self.render(job, nights, ledgers: false, in: folder.appendingPathComponent("old"))
        #expect(Self.moves(old).contains { $0.1 > 0 && $0.1 < k }, "\(Self.moves(old).prefix(5))")
        #expect(!oldReport.leaks.isEmpty, "positive control: \(oldReport.tried)")
        print(
            "random walk, 5 nights × 3 waves: tried \(report.tried); leaks with the ledger \(report.leaks.count), "
                + "released afresh \(oldReport.leaks.count); figures moving by 1 … k: \(close.count) with the ledger, "
                + "\(Self.moves(old).filter { $0.1 > 0 && $0.1 < k }.count) afresh")
    }
}
