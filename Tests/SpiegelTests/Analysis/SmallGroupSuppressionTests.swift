import Foundation
import Spiegel
import Testing

/// Small groups (docs/analysis.md §9): a school of two wpbs shows nothing, and nothing shown beside it reveals it.
@Suite("Small-group suppression")
struct SmallGroupSuppressionTests {
    typealias F = AnalysisFixtures

    /// Partnership P1: 01SM with 2 wpbs, 02MD with 4, 03LG with 6, 04NO with none.
    /// Partnership P2: 05SO with 2 wpbs and nothing else, so its partnership figure is small too.
    static let registry = Registry(
        partnerships: [Partnership(id: "P1", name: "Een"), Partnership(id: "P2", name: "Twee")],
        schools: [
            School(id: "01SM", name: "Klein", partnership: "P1"), School(id: "02MD", name: "Middel", partnership: "P1"),
            School(id: "03LG", name: "Groot", partnership: "P1"), School(id: "04NO", name: "Leeg", partnership: "P1"),
            School(id: "05SO", name: "Alleen", partnership: "P2"),
        ])
    static let sizes = ["01SM": 2, "02MD": 4, "03LG": 6, "05SO": 2]

    static func result() -> AnalysisResult {
        var analyzer = Analyzer(
            instruments: F.instruments, registry: registry, waves: [],
            settings: .init(gapThreshold: 1.0, minimumGroupSize: 3))
        var line = 0
        for (school, size) in sizes.sorted(by: { $0.key < $1.key }) {
            for index in 0..<size {
                line += 1
                let subject = "\(school)-wpb\(index)"
                // Varied scores so sums differ between schools.
                let base = (line * 5) % 7 + 1
                analyzer.add(
                    F.form(
                        F.selfScan, .selfAssessment, subject: subject, school: school, wave: "2025-2026",
                        scores: [base, (base + index) % 7 + 1, (base + 2) % 7 + 1, base]))
                analyzer.add(
                    F.form(
                        F.studentFeedback, .student, subject: subject, school: school, wave: "2025-2026",
                        scores: [(base + 3) % 7 + 1, 4, (base + 1) % 7 + 1]))
                if index % 2 == 0 {
                    analyzer.add(
                        F.form(
                            F.soFeedback, .schoolopleider, subject: subject, school: school, wave: "2025-2026",
                            scores: [4, 5, (base + 4) % 7 + 1, 3]))
                }
            }
        }
        return analyzer.finish()
    }

    @Test("a school of two wpbs shows no figure")
    func smallSchoolHidden() {
        let result = Self.result()
        let small = result.aggregates.filter { $0.unit == "01SM" || $0.unit == "05SO" || $0.unit == "P2" }
        #expect(!small.isEmpty)
        for aggregate in small where aggregate.n > 0 {
            #expect(
                aggregate.suppression == .smallGroup(n: aggregate.n, minimum: 3),
                "\(aggregate.unit) \(aggregate.area) \(aggregate.measure)")
        }
        #expect(Suppression.smallGroup(n: 2, minimum: 3).code == "small-group")
    }

    @Test("the partnership figure cannot be used to subtract the small school out")
    func subtractionAttack() throws {
        let result = Self.result()
        let k = 3
        // The attacker sees every unsuppressed figure: n, mean (so the sum), SD (so the sum of squares) and shares.
        let relations = Dictionary(grouping: result.aggregates.filter { $0.scope == .supervisors }) {
            "\($0.wave)|\($0.area)|\($0.measure.rawValue)"
        }
        var attacked = 0
        for (relation, cells) in relations {
            let schools = cells.filter { $0.level == .school && Self.registry.school($0.unit)?.partnership == "P1" }
            guard let total = cells.first(where: { $0.level == .partnership && $0.unit == "P1" }),
                let small = schools.first(where: { $0.unit == "01SM" }), small.n > 0
            else { continue }
            #expect(small.suppression != nil)
            guard total.suppression == nil, let totalStatistics = total.statistics else { continue }
            attacked += 1
            // Subtract every visible school from the visible partnership figure.
            let visible = schools.filter { $0.suppression == nil }
            let recoveredN = totalStatistics.n - visible.reduce(0) { $0 + $1.n }
            let recoveredSum =
                totalStatistics.mean * Double(totalStatistics.n)
                - visible.reduce(0.0) { $0 + ($1.statistics.map { $0.mean * Double($0.n) } ?? 0) }
            let smallSum = (small.statistics?.mean ?? 0) * Double(small.n)
            // What is left covers more than the small school, and at least k subjects.
            #expect(recoveredN >= k, "\(relation): \(recoveredN) subjects recoverable")
            #expect(recoveredN != small.n, "\(relation): only the small school is left after subtraction")
            let hidden = schools.filter { $0.suppression != nil && $0.n > 0 }
            #expect(hidden.count >= 2, "\(relation): one hidden school next to its visible total")
            // The recovered sum is the small school's plus another school's: not the small school's own.
            let others = hidden.filter { $0.unit != "01SM" }
            let othersSum = others.reduce(0.0) { $0 + ($1.statistics.map { $0.mean * Double($0.n) } ?? 0) }
            #expect(abs(recoveredSum - (smallSum + othersSum)) < 1e-9)
            #expect(!others.isEmpty && recoveredN == small.n + others.reduce(0) { $0 + $1.n })
        }
        #expect(attacked > 0)
        // The next-smallest school (02MD, 4 wpbs) is the one hidden with it, never the large one.
        let medium = result.aggregates.first { $0.unit == "02MD" && $0.area == "a" && $0.measure == .selfScore }
        #expect(medium?.suppression == .complementary(of: "01SM"))
        #expect(result.aggregates.filter { $0.unit == "03LG" && $0.n >= 3 }.allSatisfy { $0.suppression == nil })
        // The empty school has nothing to hide and no cells.
        #expect(!result.aggregates.contains { $0.unit == "04NO" })
    }

    @Test("rule: two small schools that together reach k need no complement; one alone is complemented")
    func ruleUnit() {
        func cell(_ level: AggregateLevel, _ unit: String, _ n: Int) -> Aggregate {
            Aggregate(
                scope: .supervisors, level: level, unit: unit, wave: "w", area: "a", measure: .selfScore,
                statistics: n == 0 ? nil : Statistics(n: n, mean: 4, sd: nil, median: 4, minimum: 4, maximum: 4))
        }
        let rule = SmallGroupSuppression(
            minimumGroupSize: 3,
            partnershipOfSchool: ["A": "P", "B": "P", "C": "P", "D": "P"])
        // A (1) and B (2) hidden together hold 3 = k subjects: C and D stay visible.
        var pair = [
            cell(.school, "A", 1), cell(.school, "B", 2), cell(.school, "C", 5), cell(.school, "D", 3),
            cell(.partnership, "P", 11),
        ]
        rule.apply(to: &pair)
        #expect(pair.map(\.suppression) == [.smallGroup(n: 1, minimum: 3), .smallGroup(n: 2, minimum: 3), nil, nil, nil])
        // A (1) and B (1) hold 2 < k: the smallest visible school, D (3 before C's 5), is hidden too.
        var two = [
            cell(.school, "A", 1), cell(.school, "B", 1), cell(.school, "C", 5), cell(.school, "D", 3),
            cell(.partnership, "P", 10),
        ]
        rule.apply(to: &two)
        #expect(two[3].suppression == .complementary(of: "A, B") && two[2].suppression == nil)
        #expect(two[4].suppression == nil)
        // A school with n = 0 is no complement: hiding it would hide nothing. Here only the total is left.
        var lone = [cell(.school, "A", 2), cell(.school, "B", 0), cell(.partnership, "P", 2)]
        rule.apply(to: &lone)
        #expect(lone[1].suppression == nil && lone[2].suppression == .smallGroup(n: 2, minimum: 3))
    }
}
