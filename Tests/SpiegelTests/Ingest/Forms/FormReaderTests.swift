import Foundation
import Testing

@testable import Spiegel

@Suite("Form reader")
struct FormReaderTests {
    /// A Microsoft Forms export as Dutch Excel saves it: semicolons, CRLF, Dutch dates.
    static let sample =
        [
            "ID;Begintijd;Tijd van voltooien;E-mail;School;Z01. Ik ben in staat een student te begeleiden;Z02;"
                + "Ik geef feedback op het handelen van de student;Wat wil je nog kwijt over de coöperatie?",
            "1;15-9-2025 10:00:00;15-9-2025 10:05:00;A.Jansen@HetFictief.nl ;01AB;5;6 - Grotendeels;Helemaal;Één ding — prima €",
            "2;16-9-2025 10:55:00;16-9-2025 11:00:00;b.de.vries@school.nl;het fictief college;n.v.t.;  3  ;weet ik niet;"
                + "\"Meer \"\"feed forward\"\"; graag\"",
            "3;16-9-2025 11:55:00;16-9-2025 12:00:00;c@x.nl;99ZZ;4;4;4;",
            "4;17-9-2025 8:55:00;17-9-2025 9:00:00;d@x.nl;01AB;8;4;4;",
            "5;17-9-2025 9:25:00;17-9-2025 9:30:00;e@x.nl;02CD;Soms;4;4;",
            "6;17-9-2025 9:55:00;gisteren;f@x.nl;01AB;4;4;4;",
            "7;17-9-2025 9:55:00;17-9-2025 10:00:00;;01AB;4;4;4;",
            ";;;;;;;;",
            "9;1-2-2026 7:55:00;1-2-2026 8:00:00;g@x.nl;De Tweede School;2 – Nauwelijks;3 - een beetje;1;",
            "10;18-9-2025 9:55:00;18-9-2025 10:00:00;h@x.nl;01AB;-;N.V.T.;;",
        ].joined(separator: "\r\n") + "\r\n"

    static func reader(
        _ source: Source = IngestFixtures.zelfscanSource(), roster: [RosterEntry] = [],
        waves: [Wave] = []
    ) throws -> FormReader {
        var registry = IngestFixtures.registry
        registry.roster = roster
        return try FormReader(
            source: source,
            configuration: IngestFixtures.configuration(sources: [source], waves: waves, registry: registry))
    }

    @Test func sampleRowsBecomeFormsOrReasons() throws {
        let url = try temporaryFile(text: Self.sample)
        let result = try Self.reader().read(file: url, path: "exports/sample.csv", fileOrder: 2)

        #expect(result.forms.map(\.origin.line) == [2, 3, 10])
        let first = try #require(result.forms.first)
        #expect(first.origin == RowOrigin(file: "exports/sample.csv", line: 2, fileOrder: 2))
        #expect(first.respondent == "a.jansen@hetfictief.nl")
        #expect(first.subject == "a.jansen@hetfictief.nl")  // a self-scan is about its respondent
        #expect(first.school == "01AB")
        #expect(first.role == .selfAssessment)
        #expect(first.instrument == "zelfscan-wpb")
        #expect(Array(first.scores) == [5, 6, 7])
        #expect(first.comments == ["Één ding — prima €"])
        #expect(first.submittedAt == IngestFixtures.utc(2025, 9, 15, 8, 5))  // CEST, UTC+2
        #expect(first.wave == "2025-2026")

        let second = result.forms[1]
        #expect(second.school == "01AB")  // by name, without case
        #expect(Array(second.scores) == [nil, 3, nil])
        #expect(second.comments == ["Meer \"feed forward\"; graag"])

        let third = result.forms[2]
        #expect(third.school == "02CD")
        #expect(Array(third.scores) == [2, 3, 1])
        #expect(third.submittedAt == IngestFixtures.utc(2026, 2, 1, 7, 0))  // CET, UTC+1

        #expect(result.quarantine.map(\.origin.line) == [4, 5, 6, 7, 8, 9, 11])
        #expect(
            result.quarantine.map(\.reason) == [
                .unknownSchool, .outOfRange, .unmappedAnswer, .badDate,
                .missingIdentifier, .blankRow, .noAnswers,
            ])
        #expect(result.quarantine[0].message.contains("'99ZZ'"))
        #expect(result.quarantine[1].message.contains("Z01") && result.quarantine[1].message.contains("8"))
        #expect(result.quarantine[2].message.contains("'Soms'"))
        #expect(result.quarantine[2].message.contains("Z01. Ik ben in staat"))
        #expect(result.quarantine[3].message.contains("'gisteren'"))
        #expect(result.quarantine[0].rawRecord == "3;16-9-2025 11:55:00;16-9-2025 12:00:00;c@x.nl;99ZZ;4;4;4;")

        let summary = result.summary
        #expect(summary.rowsRead == 10)
        #expect(summary.rowsUsed == 3)
        #expect(summary.rowsQuarantined == 7)
        #expect(summary.size == Self.sample.utf8.count)
        #expect(summary.dialect == "UTF-8, ';', CRLF, 1 header row")
        #expect(summary.path == "exports/sample.csv")
        #expect(summary.source == "zelfscan")
        #expect(summary.instrument == "zelfscan-wpb")
    }

    @Test func shaIsTheFileDigest() throws {
        let url = try temporaryFile(text: "abc")
        // SHA-256("abc") from FIPS 180-2, appendix B.1.
        #expect(try CSVReader(url: url).sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("the same answers in UTF-8, UTF-8 with BOM, UTF-16LE and Windows-1252 give the same forms")
    func encodingsGiveIdenticalResults() throws {
        let utf8 = Array(Self.sample.utf8)
        let utf16 = [0xFF, 0xFE] + Array(try #require(Self.sample.data(using: .utf16LittleEndian)))
        let windows1252 = Array(try #require(Self.sample.data(using: .windowsCP1252)))
        #expect(windows1252.contains(0x80) && windows1252.contains(0x97))  // € and — are in the sample
        let variants: [(String, [UInt8])] = [
            ("UTF-8", utf8), ("UTF-8 with BOM", [0xEF, 0xBB, 0xBF] + utf8),
            ("UTF-16LE with BOM", utf16), ("Windows-1252", windows1252),
        ]
        var results: [FormReader.FileResult] = []
        for (expectedEncoding, bytes) in variants {
            let result = try Self.reader().read(file: try temporaryFile(bytes: bytes), path: "sample.csv")
            #expect(result.summary.dialect.hasPrefix(expectedEncoding), "\(result.summary.dialect)")
            results.append(result)
        }
        for result in results.dropFirst() {
            #expect(result.forms == results[0].forms)
            #expect(result.quarantine == results[0].quarantine)
            #expect(result.summary.rowsUsed == 3)
        }
    }

    @Test func rosterPlacesSubjectsAndRejectsUnknownOnes() throws {
        let columns = ColumnMapping(
            respondent: .header("e-mail"), submittedAt: .position(2),
            items: ["Z01": .header("A"), "Z02": .header("B"), "Z03": .position(5)])
        let text = """
            Tijd,Ingevuld,E-mail,A,B,C
            x,2025-09-15 10:00:00,A.Jansen@x.nl,5,5,5
            x,2025-09-15 10:00:00,nobody@x.nl,5,5,5

            """
        let reader = try Self.reader(
            IngestFixtures.zelfscanSource(columns: columns),
            roster: [RosterEntry(supervisor: "a.jansen@x.nl", school: "02CD")])
        let result = try reader.read(file: try temporaryFile(text: text))
        #expect(result.forms.map(\.school) == ["02CD"])
        #expect(result.forms.map { Array($0.scores) } == [[5, 5, 5]])
        #expect(result.quarantine.map(\.reason) == [.unknownSubject])
        #expect(result.quarantine.first?.message.contains("nobody@x.nl") == true)
    }

    @Test func feedbackFormsNeedASubjectColumn() throws {
        let source = Source(
            name: "student", pattern: "*.csv", instrument: "feedback-student",
            columns: ColumnMapping(
                respondent: .header("E-mail"), school: .header("School"),
                submittedAt: .header("Tijd")),
            answerLabels: ["helemaal mee eens": 7])
        #expect(throws: IngestError.noSubjectColumn(source: "student", role: .student)) {
            try Self.reader(source)
        }
        var mapped = source
        mapped.columns.subject = .header("Mijn wpb")
        let text =
            "Tijd,E-mail,Mijn wpb,School,Mijn wpb begeleidt mij goed\n2025-10-01 09:00,s@x.nl, W@X.nl ,01AB,Helemaal mee eens\n"
        let result = try Self.reader(mapped).read(file: try temporaryFile(text: text))
        #expect(result.forms.map(\.subject) == ["w@x.nl"])
        #expect(result.forms.map(\.respondent) == ["s@x.nl"])
        #expect(result.forms.map(\.role) == [.student])
        #expect(result.forms.map { Array($0.scores) } == [[7]])  // an extra label of the source
    }

    @Test func configuredWavesAndNoWave() throws {
        let waves = [Wave(id: "najaar", start: Day(year: 2025, month: 8, day: 1), end: Day(year: 2025, month: 12, day: 31))]
        let result = try Self.reader(waves: waves).read(file: try temporaryFile(text: Self.sample))
        // Row 10 (1 February 2026) lies outside the one wave.
        #expect(result.forms.map(\.wave) == ["najaar", "najaar"])
        #expect(result.quarantine.first { $0.origin.line == 10 }?.reason == .noWave)
    }

    @Test func missingAmbiguousAndUnfoundColumnsAreFileErrors() throws {
        let url = try temporaryFile(text: Self.sample)
        var columns = IngestFixtures.zelfscanColumns
        columns.submittedAt = .header("Ingediend")
        #expect {
            try Self.reader(IngestFixtures.zelfscanSource(columns: columns)).read(file: url, path: "s.csv")
        } throws: { error in
            guard
                case IngestError.missingColumn(let file, _, let purpose, .header("Ingediend"), let header)? = error
                    as? IngestError
            else { return false }
            return file == "s.csv" && purpose == "submitted_at" && header.count == 9
        }

        let duplicated = try temporaryFile(text: "E-mail;e-mail;School;Tijd van voltooien;Z01;Z02;Z03\n")
        #expect(
            throws: IngestError.ambiguousColumn(
                file: "d.csv", source: "zelfscan", purpose: "respondent",
                reference: .header("E-mail"), positions: [1, 2])
        ) {
            try Self.reader().read(file: duplicated, path: "d.csv")
        }
        let missingItems = try temporaryFile(text: "E-mail;School;Tijd van voltooien;Z02\n")
        #expect(throws: IngestError.itemColumnsNotFound(file: "m.csv", source: "zelfscan", items: ["Z01", "Z03"])) {
            try Self.reader().read(file: missingItems, path: "m.csv")
        }
        #expect(throws: IngestError.emptyFile(file: "e.csv")) {
            try Self.reader().read(file: try temporaryFile(text: ""), path: "e.csv")
        }
    }

    @Test func malformedQuoteAndInvalidBytesAreQuarantined() throws {
        var bytes = Array("E-mail,School,Tijd van voltooien,Z01,Z02,Z03\n".utf8)
        bytes += Array("a@x.nl,01AB,2025-09-15 10:00,1,2,3\n".utf8)
        bytes += Array("b@x.nl,01AB,\"2025-09-15 10:00\"x,1,2,3\n".utf8)
        bytes += Array("c@x.nl,Coll\u{e8}ge,2025-09-15 10:00,1,2,3\n".utf8)  // valid UTF-8: è
        bytes += Array("d@x.nl,01AB,2025-09-15 10:00,1,2,".utf8) + [0xE9, 0x0A]  // a lone Latin-1 é
        let result = try Self.reader().read(file: try temporaryFile(bytes: bytes))
        #expect(result.forms.map(\.origin.line) == [2])
        #expect(result.quarantine.map(\.reason) == [.malformedQuote, .unknownSchool, .encodingError])
        #expect(result.quarantine.map(\.origin.line) == [3, 4, 5])
        #expect(result.summary.rowsRead == 4)
    }

    @Test func qualtricsExportSkipsItsDescriptorRows() throws {
        let text = """
            EndDate,RecipientEmail,School,Z01,Z02,Z03
            End Date,Recipient Email,School,Ik ben in staat,Ik stem af,Ik geef feedback
            "{""ImportId"":""endDate""}","{""ImportId"":""recipientEmail""}","{""ImportId"":""QID9""}","{""ImportId"":""QID1_1""}","{""ImportId"":""QID1_2""}","{""ImportId"":""QID1_3""}"
            2025-09-15 10:00:00,q@x.nl,01AB,Redelijk,Grotendeels,Helemaal

            """
        let columns = ColumnMapping(
            respondent: .header("RecipientEmail"), school: .header("School"),
            submittedAt: .header("EndDate"))
        let result = try Self.reader(IngestFixtures.zelfscanSource(columns: columns)).read(file: try temporaryFile(text: text))
        #expect(result.forms.map { Array($0.scores) } == [[5, 6, 7]])
        #expect(result.forms.map(\.origin.line) == [4])
        #expect(result.summary.rowsRead == 1)
        #expect(result.summary.dialect == "UTF-8, ',', LF, 3 header rows")
    }
}
