import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

@Suite("Form ingest: duplicates")
struct FormIngestTests {
    static let header = "E-mail,School,Tijd van voltooien,Z01,Z02,Z03\n"

    @Test func latestSubmissionWinsTiesGoToTheLaterRowOfTheLaterFile() throws {
        let folder = try TestSupport.temporaryFolder("ingest-duplicates")
        let fileA = folder.appendingPathComponent("a.csv"), fileB = folder.appendingPathComponent("b.csv")
        try
            (Self.header
            + "a@x.nl,01AB,2025-09-15 10:00,1,1,1\n"  // A2: beaten by A3 (later)
            + "a@x.nl,01AB,2025-09-16 10:00,2,2,2\n"  // A3: wins for a
            + "b@x.nl,01AB,2025-09-16 10:00,3,3,3\n"  // A4: tie with B3 and B5, which come later
            + "c@x.nl,01AB,2025-03-15 10:00,4,4,4\n"  // A5: wave 2024-2025
            ).write(to: fileA, atomically: true, encoding: .utf8)
        try
            (Self.header
            + "A@X.nl ,01AB,2025-09-15 12:00,5,5,5\n"  // B2: older than A3
            + "b@x.nl,01AB,2025-09-16 10:00,6,6,6\n"  // B3: tie, beaten by B5 (later row)
            + "c@x.nl,01AB,2026-03-15 10:00,7,7,7\n"  // B4: wave 2025-2026, no duplicate of A5
            + "b@x.nl,01AB,2025-09-16 10:00,1,2,3\n"  // B5: wins for b
            ).write(to: fileB, atomically: true, encoding: .utf8)

        let source = IngestFixtures.zelfscanSource()
        var configuration = IngestFixtures.configuration(sources: [source])
        configuration.file = folder.appendingPathComponent("Pipeline.yml")
        let result = try FormIngest(configuration: configuration, files: [source.name: [fileA, fileB]]).run()

        #expect(result.forms.map(\.id) == ["a.csv:3", "a.csv:5", "b.csv:4", "b.csv:5"])
        #expect(result.forms.map { Array($0.scores) } == [[2, 2, 2], [4, 4, 4], [7, 7, 7], [1, 2, 3]])
        #expect(result.forms.map(\.wave) == ["2025-2026", "2024-2025", "2025-2026", "2025-2026"])

        #expect(result.quarantine.map(\.origin.description) == ["a.csv:2", "a.csv:4", "b.csv:2", "b.csv:3"])
        #expect(result.quarantine.allSatisfy { $0.reason == .superseded })
        #expect(result.quarantine[0].message.contains("a.csv:3"))
        #expect(result.quarantine[1].message.contains("b.csv:5"))  // the final winner, not B3
        #expect(result.quarantine[2].message.contains("a.csv:3"))
        #expect(result.quarantine[3].message.contains("b.csv:5"))
        #expect(result.quarantine[2].rawRecord == "A@X.nl ,01AB,2025-09-15 12:00,5,5,5")
        #expect(result.quarantine.map(\.origin.fileOrder) == [0, 0, 1, 1])

        #expect(result.files.map(\.path) == ["a.csv", "b.csv"])
        #expect(result.files.map(\.rowsRead) == [4, 4])
        #expect(result.files.map(\.rowsUsed) == [2, 2])
        #expect(result.files.map(\.rowsQuarantined) == [2, 2])
        #expect(result.files.allSatisfy { $0.rowsRead == $0.rowsUsed + $0.rowsQuarantined })
        #expect(result.forms.count + result.quarantine.count == result.files.reduce(0) { $0 + $1.rowsRead })
    }

    @Test func countsAddUpWithOtherReasonsToo() throws {
        let url = try temporaryFile(text: FormReaderTests.sample + "99;1-2-2026 7:55:00;1-2-2026 9:00:00;G@x.nl;01AB;7;7;7;\n")
        let source = IngestFixtures.zelfscanSource()
        let result = try FormIngest(
            configuration: IngestFixtures.configuration(sources: [source]),
            files: [source.name: [url]]
        ).run()
        // Lines 2, 3, 10 used in the sample; line 12 (g@x.nl, later) supersedes line 10.
        #expect(result.forms.map(\.origin.line) == [2, 3, 12])
        #expect(result.quarantine.map(\.origin.line) == [4, 5, 6, 7, 8, 9, 10, 11])
        #expect(result.quarantine.first { $0.origin.line == 10 }?.reason == .superseded)
        let summary = try #require(result.files.first)
        #expect((summary.rowsRead, summary.rowsUsed, summary.rowsQuarantined) == (11, 3, 8))
    }
}
