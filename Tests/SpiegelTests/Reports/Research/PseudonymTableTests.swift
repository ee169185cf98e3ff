import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// Pseudonyms computed once per person and looked up by the ingest's person numbers (issue 26).
@Suite("Pseudonyms by person number")
struct PseudonymTableTests {
    @Test func ingestNumbersEveryRespondentAndSubjectOnce() throws {
        let configuration = try PipelineConfiguration.load(from: TestSupport.packageRoot.appendingPathComponent("Pipeline.yml"))
        let table = try FormIngest(configuration: configuration).run().table
        // One number per identifier: as many as distinct identifiers among all rows read (superseded ones too).
        let names = table.people.names
        #expect(Set(names).count == names.count)
        #expect(Set(table.map(\.respondent) + table.map(\.subject)).isSubset(of: Set(names)))
        // A wpb's self-scan is about its respondent: one number, not two.
        let selfRows = table.rows.filter {
            table.role[$0] == .selfAssessment
                && configuration.instruments[table.instruments[table.instrument[$0]]]?.subjectKind == .supervisor
        }
        #expect(!selfRows.isEmpty && selfRows.allSatisfy { table.respondent[$0] == table.subject[$0] })
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

    /// `forms.csv`'s pseudonyms, looked up by person number, are the pseudonymizer's answer for each form's own
    /// respondent and subject by name; positive control: the same check against the forms in another order fails.
    @Test func numbersGiveEachFormItsOwnPseudonyms() throws {
        let forms = ResearchFixture.forms()
        let pseudonymizer = Pseudonymizer(key: try PseudonymKey(text: ResearchFixture.keyText))
        let folder = try TestSupport.temporaryFolder("pseudonym-table")
        _ = try ResearchFixture.export().writeForms(FormTable(forms), to: folder)
        let rows = try ResearchChecks.parseCSV(folder.appendingPathComponent("forms.csv"))
        let header = try #require(rows.first)
        let respondent = try #require(header.firstIndex(of: "respondent_pid"))
        let subject = try #require(header.firstIndex(of: "subject_pid"))
        let written = rows.dropFirst().map { ($0[respondent], $0[subject]) }
        func matches(_ forms: [Form]) -> Bool {
            written.count == forms.count
                && zip(written, forms).allSatisfy {
                    $0.0 == pseudonymizer.pseudonym(for: $1.respondent) && $0.1 == pseudonymizer.pseudonym(for: $1.subject)
                }
        }
        #expect(matches(forms))
        #expect(Set(forms.map(\.respondent)).count > 1)
        #expect(!matches(forms.reversed()))
    }
}
