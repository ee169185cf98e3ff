import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// The columnar form table: rows put in come out unchanged, merging renumbers names, compaction keeps exactly the
/// rows asked for; and the analysis of a table equals the analysis of the same forms one by one.
@Suite("Form table")
struct FormTableTests {
    /// Three small forms with distinct names, scores of different lengths and one comment.
    static func forms(
        file: String = "a.csv", fileOrder: Int = 0, people: [String] = ["a@x.nl", "b@x.nl", "c@x.nl"]
    )
        -> [Form]
    {
        people.enumerated().map { index, person in
            Form(
                origin: RowOrigin(file: "exports/" + file, line: index + 2, fileOrder: fileOrder),
                instrument: index == 2 ? "feedback" : "zelfscan", role: index == 2 ? .student : .selfAssessment,
                respondent: person, subject: index == 2 ? people[0] : person, school: index == 1 ? "02CD" : "01AB",
                submittedAt: Date(timeIntervalSince1970: Double(1_000 * index)), wave: index == 0 ? "w1" : "w2",
                scores: ItemScores(Array([1, nil, 7, 3].prefix(2 + index)), notAsked: index == 1 ? [0] : []),
                comments: index == 2 ? ["", "goed; zo"] : [])
        }
    }

    @Test func rowsComeOutAsTheyWentIn() {
        let forms = Self.forms()
        let table = FormTable(forms)
        #expect(Array(table) == forms)
        #expect(table.count == 3 && table.rows == 0..<3)
        // Names numbered once each, in order of first appearance.
        #expect(table.people.names == ["a@x.nl", "b@x.nl", "c@x.nl"])
        #expect(table.schools.names == ["01AB", "02CD"])
        #expect(table.formID(2) == "a.csv:4" && table.formID(2) == forms[2].id)
        #expect(!table.scores(1).isAsked(0) && table.scores(1)[0] == nil && table.scores(2).count == 4)
    }

    /// The bit-per-pair count of (subject, wave) pairs equals a set of the pairs by name, on hand-made forms (a@ has
    /// w1 and, through c@'s feedback, w2; b@ has w2: three pairs) and on random ones with many repeats.
    @Test func distinctSubjectWavesCountsEachPairOnce() {
        #expect(FormTable(Self.forms()).distinctSubjectWaves() == 3)
        var generator = SystemRandomNumberGenerator()
        let people = (0..<40).map { "p\($0)@x.nl" }
        for _ in 0..<20 {
            let forms = (0..<300).map { index in
                Form(
                    origin: RowOrigin(file: "f.csv", line: index + 2, fileOrder: 0), instrument: "zelfscan",
                    role: .selfAssessment, respondent: people.randomElement(using: &generator)!,
                    subject: people.randomElement(using: &generator)!, school: "01AB",
                    submittedAt: Date(timeIntervalSince1970: 0), wave: "w\(Int.random(in: 0..<9, using: &generator))",
                    scores: ItemScores([1]), comments: [])
            }
            struct Pair: Hashable { var subject: String, wave: String }
            #expect(FormTable(forms).distinctSubjectWaves() == Set(forms.map { Pair(subject: $0.subject, wave: $0.wave) }).count)
        }
    }

    @Test func mergingRenumbersNamesIntoTheTargetTable() {
        let first = Self.forms()
        let second = Self.forms(file: "b.csv", fileOrder: 1, people: ["d@x.nl", "a@x.nl", "b@x.nl"])
        var table = FormTable(first)
        let added = table.append(contentsOf: FormTable(second))
        #expect(added == 3..<6)
        #expect(Array(table) == first + second)
        #expect(table.people.names == ["a@x.nl", "b@x.nl", "c@x.nl", "d@x.nl"])
        #expect(table.respondent[4] == table.respondent[0])
        #expect(table.origin(3).fileOrder == 1 && table.origin(3).file == "exports/b.csv")
    }

    @Test func mergingWithoutCommentsLeavesOnlyTheCommentsBehind() {
        let forms = Self.forms()
        #expect(forms.contains { !$0.comments.isEmpty })
        var table = FormTable()
        table.append(contentsOf: FormTable(forms), keepingComments: false)
        #expect(table.allSatisfy { $0.comments.isEmpty })
        let stripped = forms.map { form -> Form in
            var form = form
            form.comments = []
            return form
        }
        #expect(Array(table) == stripped)
    }

    /// Compared with filtering the forms as values; every pattern of three flags over six rows of different lengths.
    @Test func compactionKeepsExactlyTheFlaggedRowsInOrder() {
        let forms = Self.forms() + Self.forms(file: "b.csv", fileOrder: 1, people: ["d@x.nl", "e@x.nl", "f@x.nl"])
        for pattern in 0..<(1 << forms.count) {
            let keep = forms.indices.map { pattern & (1 << $0) != 0 }
            var table = FormTable(forms)
            table.keepRows(keep)
            let expected = forms.indices.filter { keep[$0] }.map { forms[$0] }
            #expect(Array(table) == expected, "pattern \(pattern)")
        }
    }

    /// The run's path (``Analyzer/add(_:)-table``) and the one-form path give the same result on the sample.
    @Test func analysingTheTableEqualsAnalysingItsFormsOneByOne() throws {
        let configuration = try PipelineConfiguration.load(from: TestSupport.packageRoot.appendingPathComponent("Pipeline.yml"))
        let table = try FormIngest(configuration: configuration).run().table
        var byTable = Analyzer(configuration: configuration, includeDetail: true)
        byTable.add(table)
        var byForm = Analyzer(configuration: configuration, includeDetail: true)
        for form in table { byForm.add(form) }
        let (a, b) = (byTable.finish(), byForm.finish())
        #expect(a.subjectScores.count > 100)
        #expect(a.subjectScores == b.subjectScores)
        #expect(a.aggregates == b.aggregates)
        #expect(a.itemGaps == b.itemGaps && a.response == b.response && a.changes == b.changes)
        #expect(a.reliability == b.reliability && a.partnershipReliability == b.partnershipReliability)
        #expect(!a.comments.isEmpty && a.comments == b.comments && a.itemScores == b.itemScores)
    }
}
