import Foundation
import Testing

@testable import Spiegel

/// Mirrored items in MT workbooks (docs/analysis.md, "Items"), on hand-made scores whose area scores are the means
/// of their items, as the analysis makes them: the released item figures against hand-computed values, and the
/// attack an item over other wpbs than its area row allows — run on an unguarded release (the positive control), then
/// shown to be stopped by the rule and, with the rule switched off, by the auditor alone.
@Suite struct ItemDisclosureAttackTests {
    static let wave = Wave(id: "w1", start: Day(year: 2025, month: 8, day: 1), end: Day(year: 2026, month: 1, day: 31))
    static let area = CompetencyArea(id: "agogisch", name: "Agogisch", shortName: "Agogisch")
    static let after = Day(year: 2026, month: 12, day: 1)

    /// One wpb: its self items and its SO's items (Z01, Z02), `nil` where not answered; one form per role.
    struct Wpb {
        var id: String
        var own: [Double?]
        var so: [Double?]
    }

    /// a, b, c answer both items; x leaves Z02 blank in the self-scan, so its area self-image is its Z01 (3).
    static let wpbs = [
        Wpb(id: "a", own: [5, 6], so: [4, 4]), Wpb(id: "b", own: [4, 6], so: [5, 5]),
        Wpb(id: "c", own: [6, 6], so: [5, 3]), Wpb(id: "x", own: [3, nil], so: [4, 4]),
    ]

    static func mean(_ values: [Double?]) -> Double? {
        let present = values.compactMap { $0 }
        return present.isEmpty ? nil : present.reduce(0, +) / Double(present.count)
    }

    /// The analysis of `wpbs`: area scores as the means of the answered items (docs/analysis.md §2), item gaps §6.
    static func result(_ wpbs: [Wpb]) -> AnalysisResult {
        var scores: [SubjectScore] = []
        var gaps: [ItemGap] = []
        for wpb in wpbs {
            let own = mean(wpb.own), so = mean(wpb.so)
            let gap = own.flatMap { o in so.map { o - $0 } }
            scores.append(
                SubjectScore(
                    scope: .supervisors, subject: wpb.id, school: "A", partnership: "P", wave: wave.id, area: area.id,
                    roleScores: [.selfAssessment: own, .schoolopleider: so].compactMapValues { $0 }, feedback: so, gap: gap,
                    roleGaps: [:], category: gap.map { GapCategory(gap: $0, threshold: 1) }, formCounts: [:]))
            for (index, item) in ["Z01", "Z02"].enumerated() {
                let own = wpb.own[index], so = wpb.so[index]
                gaps.append(
                    ItemGap(
                        subject: wpb.id, wave: wave.id, item: item, area: area.id, selfScore: own,
                        roleScores: so.map { [.schoolopleider: $0] } ?? [:], feedback: so,
                        gap: own.flatMap { o in so.map { o - $0 } }))
            }
        }
        return AnalysisResult(
            settings: .init(gapThreshold: 1, minimumGroupSize: 3), waves: [wave], supervisorAreas: [area],
            subjectScores: scores, itemGaps: gaps)
    }

    static let protected = DisclosureRules(minimumGroupSize: 3, asOf: after)

    /// The attack: the row's self sum times the items per area, minus every item's self sum, is the self-image of
    /// the one wpb missing from an item's population (m · Σ_P area − Σ_P Z01 − Σ_{P−x} Z02 = area(x)).
    static func attack(_ view: ReleasedView) -> Double? {
        guard let row = view.row(.school, "A", wave: wave.id, area: area.id), let rowSelf = row.selfScore.value else {
            return nil
        }
        let items = view.items("A", wave: wave.id)
        guard items.count == 2 else { return nil }
        var itemSums = 0.0
        for item in items {
            guard let value = item.selfScore.value else { return nil }
            itemSums += value * Double(item.selfScore.n)
        }
        return 2 * rowSelf * Double(row.selfScore.n) - itemSums
    }

    @Test func itemFiguresAreOverTheRowPopulationAndMatchHandComputedValues() throws {
        let complete = Self.wpbs.map { $0.id == "x" ? Wpb(id: "x", own: [3, 5], so: [4, 4]) : $0 }
        let view = DisclosureControl(rules: Self.protected).release(Self.result(complete))
        let items = view.items("A", wave: Self.wave.id)
        #expect(items.map(\.item) == ["Z01", "Z02"])
        let z01 = try #require(items.first)
        // Self 5, 4, 6, 3 → 4.5; SO 4, 5, 5, 4 → 4.5; gaps +1, −1, +1, −1 → 2 blind spots, 2 hidden strengths of 4.
        #expect(z01.selfScore.value == 4.5 && z01.feedback.value == 4.5 && z01.n == 4)
        #expect(z01.shares[.overschatting] == 0.5 && z01.shares[.onderschatting] == 0.5)
        let z02 = try #require(items.last)
        // Self 6, 6, 6, 5 → 5.75; SO 4, 5, 3, 4 → 4; gaps 2, 1, 3, 1: all four overrate → shares withheld.
        #expect(z02.selfScore.value == 5.75 && z02.feedback.value == 4)
        #expect(z02.shares.withheld == .dominantCategory)
        // The ledger records the items and renders them back unchanged on a later night.
        let again = DisclosureControl(rules: Self.protected, ledger: view.ledger).release(Self.result(complete))
        #expect(again.items == view.items && again.frozenWaves == [Self.wave.id])
        #expect(try ReleaseLedger.decode(view.ledger.encoded(), path: "x") == view.ledger)
    }

    @Test func anItemOverFewerWpbsThanItsRowLeaksWithoutTheRuleAndIsWithheldWithIt() throws {
        // Positive control: released over whoever answered it (no rule, no auditor), Z02 gives away x's self-image.
        var unguarded = Self.protected
        unguarded.itemsOverRowPopulation = false
        let open = DisclosureControl(rules: unguarded, audits: false).release(Self.result(Self.wpbs))
        let recovered = try #require(Self.attack(open))
        #expect(abs(recovered - 3) < 1e-9, "x's area self-image, from the released row and items")

        // The rule: Z02 is over 3 wpbs, its row over 4: withheld, and the attack has nothing to work with.
        let view = DisclosureControl(rules: Self.protected).release(Self.result(Self.wpbs))
        let items = view.items("A", wave: Self.wave.id)
        #expect(items.first { $0.item == "Z02" }?.selfScore.withheld == .itemPopulationDiffers)
        #expect(items.first { $0.item == "Z01" }?.selfScore.value == 4.5)
        #expect(Self.attack(view) == nil)

        // The auditor alone (rule off) sees Z02's population differ from its row's by one wpb and withholds it.
        let audited = DisclosureControl(rules: unguarded).release(Self.result(Self.wpbs))
        let z02 = try #require(audited.items("A", wave: Self.wave.id).first { $0.item == "Z02" })
        #expect(z02.selfScore.withheld == .auditFailed(minimum: 3) && z02.feedback.withheld == .auditFailed(minimum: 3))
        #expect(Self.attack(audited) == nil && audited.auditWithheld > 0)
    }

    @Test func itemsOfAWithheldRowAreWithheldWithTheRowsReason() throws {
        let two = Array(Self.wpbs.prefix(2))
        let view = DisclosureControl(rules: Self.protected).release(Self.result(two))
        let items = view.items("A", wave: Self.wave.id)
        #expect(items.count == 2)
        #expect(items.allSatisfy { $0.selfScore.withheld == .smallGroup(n: 2, minimum: 3) && $0.shares.shares == nil })
        // An open wave: every item withheld until it closes.
        let open = DisclosureControl(rules: DisclosureRules(minimumGroupSize: 3, asOf: Day(year: 2025, month: 9, day: 1)))
            .release(Self.result(Self.wpbs))
        #expect(open.items("A", wave: Self.wave.id).allSatisfy { $0.feedback.withheld == .waveOpen(closes: Self.wave.end) })
    }

    @Test func aFrozenWavesItemsDoNotMoveWithALateForm() throws {
        let complete = Self.wpbs.map { $0.id == "x" ? Wpb(id: "x", own: [3, 5], so: [4, 4]) : $0 }
        let first = DisclosureControl(rules: Self.protected).release(Self.result(complete))
        // A late fifth wpb: tonight's data differ, the released items stay as first released (and are marked held).
        let late = complete + [Wpb(id: "y", own: [7, 7], so: [2, 2])]
        let second = DisclosureControl(rules: Self.protected, ledger: first.ledger).release(Self.result(late))
        let before = first.items("A", wave: Self.wave.id), after = second.items("A", wave: Self.wave.id)
        #expect(after.map(\.selfScore.value) == before.map(\.selfScore.value) && after.map(\.n) == [4, 4])
        #expect(after.allSatisfy { $0.selfScore.heldFromEarlierRelease })
        // Positive control: a fresh release of the same data would move them by y's item scores.
        let fresh = DisclosureControl(rules: Self.protected).release(Self.result(late)).items("A", wave: Self.wave.id)
        #expect(fresh.first?.selfScore.value == (5 + 4 + 6 + 3 + 7) / 5.0)
    }
}
