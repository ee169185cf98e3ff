import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// Pseudonyms computed once per person and looked up by the ingest's person numbers (issue 26).
@Suite("Pseudonyms by person number")
struct PseudonymTableTests {
    @Test func ingestNumbersEveryRespondentAndSubjectParallelToTheForms() throws {
        let configuration = try PipelineConfiguration.load(from: TestSupport.packageRoot.appendingPathComponent("Pipeline.yml"))
        let ingest = try FormIngest(configuration: configuration).run()
        let people = ingest.people
        #expect(people.respondents.count == ingest.forms.count && people.subjects.count == ingest.forms.count)
        for (index, form) in ingest.forms.enumerated() {
            #expect(people.directory[people.respondents[index]] == form.respondent)
            #expect(people.directory[people.subjects[index]] == form.subject)
        }
        // One number per identifier: as many as distinct identifiers among all rows read (superseded ones too).
        let names = people.directory.names
        #expect(Set(names).count == names.count)
        #expect(Set(ingest.forms.flatMap { [$0.respondent, $0.subject] }).isSubset(of: Set(names)))
    }

    @Test func byNumberAndByNameGiveThePseudonymizersAnswer() throws {
        let pseudonymizer = Pseudonymizer(key: try PseudonymKey(text: ResearchFixture.keyText))
        var directory = PersonDirectory()
        let names = ["a@x.nl", "B@X.nl ", "c@x.nl", "a@x.nl"]
        let ids = names.map { directory.id(of: $0) }
        #expect(ids[0] == ids[3] && Set(ids).count == 3)
        var table = PseudonymTable(pseudonymizer: pseudonymizer, directory: directory)
        for (name, id) in zip(names, ids) {
            #expect(table.pseudonym(of: id) == pseudonymizer.pseudonym(for: name))
            #expect(table[name] == pseudonymizer.pseudonym(for: name))
        }
        // A name ingest never numbered is still pseudonymised, and alike by case as the pseudonymizer says.
        #expect(table["d@x.nl"] == pseudonymizer.pseudonym(for: "d@x.nl"))
        #expect(table["b@x.nl"] == table["B@X.nl "])
    }

    /// The research files are the same whether pseudonyms come by number or by name; positive control: numbers
    /// that point at the wrong people change `forms.csv`.
    @Test func numbersGiveTheSameFilesAsNames() throws {
        let forms = ResearchFixture.forms()
        let export = try ResearchFixture.export()
        var people = PersonColumns()
        for form in forms {
            people.respondents.append(people.directory.id(of: form.respondent))
            people.subjects.append(people.directory.id(of: form.subject))
        }
        func formsCSV(_ people: PersonColumns?) throws -> Data {
            let folder = try TestSupport.temporaryFolder("pseudonym-table")
            _ = try export.writeForms(forms, people: people, to: folder)
            return try Data(contentsOf: folder.appendingPathComponent("forms.csv"))
        }
        let byName = try formsCSV(nil)
        #expect(try formsCSV(people) == byName)
        var wrong = people
        wrong.respondents.reverse()
        #expect(Set(forms.map(\.respondent)).count > 1)
        #expect(try formsCSV(wrong) != byName)
    }
}
