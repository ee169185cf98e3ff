import Foundation
import Testing

@testable import Spiegel

/// Cronbach's alpha over the items a source asks (docs/analysis.md §12): a shortened export (`not_asked`) is
/// complete without the items it leaves out, and gets its own row; values worked out by hand in the comments.
@Suite("Reliability with not_asked")
struct ReliabilityNotAskedTests {
    /// One area of three items, T1–T3.
    static let instrument = Instrument(
        id: "t", title: "T", roles: [.selfAssessment], subjectKind: .supervisor, scale: .init(minimum: 1, maximum: 7),
        areas: [CompetencyArea(id: "a", name: "A")],
        items: [
            .init(id: "T1", text: "1", area: "a"), .init(id: "T2", text: "2", area: "a"), .init(id: "T3", text: "3", area: "a"),
        ])

    static func form(_ scores: [Int?], notAsked: Set<Int> = [], subject: String) -> Form {
        Form(
            origin: RowOrigin(file: "t.csv", line: 1), instrument: "t", role: .selfAssessment, respondent: subject,
            subject: subject, school: "01AA", submittedAt: Date(timeIntervalSince1970: 1_760_000_000), wave: "2025-2026",
            scores: ItemScores(scores, notAsked: notAsked))
    }

    /// The full export: (2, 3, 3), (4, 4, 5), (3, 3, 3). The short one asks T1 and T2 only: (1, 2), (2, 2), (3, 4), (4, 5).
    static let forms: [Form] =
        [[2, 3, 3], [4, 4, 5], [3, 3, 3]].enumerated().map { form($0.element, subject: "full\($0.offset)") }
        + [[1, 2], [2, 2], [3, 4], [4, 5]].enumerated().map {
            form($0.element + [nil], notAsked: [2], subject: "short\($0.offset)")
        }

    @Test func eachSourceGetsTheAlphaOfTheItemsItAsks() throws {
        var analyzer = Analyzer(
            instruments: ["t": Self.instrument],
            registry: Registry(
                partnerships: [Partnership(id: "P1", name: "P")], schools: [School(id: "01AA", name: "A", partnership: "P1")]),
            waves: [], settings: .init())
        for form in Self.forms { analyzer.add(form) }
        let rows = analyzer.finish().reliability
        #expect(rows.count == 2)
        // Full: sums of squared deviations T1 2, T2 2/3, T3 8/3; totals 8, 13, 9 (mean 10): 14.
        // α = 3/2 · (1 − (16/3) / 14) = 3/2 · 26/42 = 13/14.
        let full = try #require(rows.first { $0.itemsNotAsked.isEmpty })
        #expect(full.itemCount == 3 && full.n == 3)
        #expect(abs((full.alpha ?? 0) - 13.0 / 14) < 1e-12)
        // Short: T1 1, 2, 3, 4 (SS 5), T2 2, 2, 4, 5 (SS 6.75); totals 3, 4, 7, 9 (mean 5.75, SS 22.75).
        // α = 2/1 · (1 − 11.75 / 22.75) = 2 · 11 / 22.75 = 88/91.
        let short = try #require(rows.first { $0.itemsNotAsked == ["T3"] })
        #expect(short.itemCount == 2 && short.n == 4)
        #expect(abs((short.alpha ?? 0) - 88.0 / 91) < 1e-12)
        // The order is fixed: complete forms first.
        #expect(rows.map(\.itemsNotAsked) == [[], ["T3"]])
    }

    @Test func countingNotAskedAsMissingLeavesNoCompleteForm() {
        // What the short export got before: over all three items none of its forms is complete.
        var overAll = ReliabilityAccumulator(items: [0, 1, 2])
        for form in Self.forms where form.subject.hasPrefix("short") { overAll.add(form.scores) }
        #expect(overAll.n == 0 && overAll.alpha == nil)
    }

    @Test func aSourceAskingOneItemOfAnAreaHasNoRowForIt() {
        var analyzer = Analyzer(
            instruments: ["t": Self.instrument],
            registry: Registry(partnerships: [], schools: []), waves: [], settings: .init())
        for index in 0..<4 { analyzer.add(Self.form([index + 1, nil, nil], notAsked: [1, 2], subject: "one\(index)")) }
        #expect(analyzer.finish().reliability.isEmpty)
    }
}
