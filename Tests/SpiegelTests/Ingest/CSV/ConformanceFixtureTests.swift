import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// The team's own conformance fixtures: the kinds of case that csv-spectrum and frictionless-py's bad
/// inputs check (see `CSVSpectrumTests`, `BadInputTests`), written here so that a clone with nothing
/// beside it tests them too. The records are checked against Python's `csv` module, an independent
/// parser, and the structural reasons against what a reader of the file by hand expects.
@Suite("Conformance fixtures (own)")
struct ConformanceFixtureTests {
    /// CSV texts in the spirit of csv-spectrum: quoting, escaped quotes, line breaks in fields, CRLF,
    /// UTF-8 and empty fields.
    static let wellFormed: [(name: String, text: String)] = [
        ("simple", "naam,school,score\nAnna,01AB,5\nBram,02CD,6\n"),
        ("simple_crlf", "naam,school,score\r\nAnna,01AB,5\r\nBram,02CD,6\r\n"),
        ("comma_in_quotes", "voornaam,achternaam,adres,plaats\nJan,de Vries,\"Dorpsstraat 1, achterom\",Utrecht\n"),
        ("escaped_quotes", "a,b\n1,\"zij zei \"\"goed zo\"\" en ging\"\n3,4\n"),
        ("json", "sleutel,waarde\n1,\"{\"\"soort\"\": \"\"punt\"\", \"\"xy\"\": [5.1, 52.0]}\"\n"),
        ("newlines", "a,b,c\n1,2,3\n\"Een regel\nen nog een\",5,6\n7,8,9\n"),
        ("newlines_crlf", "a,b,c\r\n1,2,3\r\n\"Een regel\r\nen nog een\",5,6\r\n7,8,9\r\n"),
        ("quotes_and_newlines", "a,b\n1,\"ha \n\"\"ha\"\" \nha\"\n3,4\n"),
        ("utf8", "a,b,c\n1,2,3\n4,5,één café ʤ\n"),
        ("empty", "a,b,c\n1,\"\",\"\"\n2,3,4\n"),
        ("empty_crlf", "a,b,c\r\n1,\"\",\"\"\r\n2,3,4\r\n"),
        ("no_final_newline", "a,b\n1,2\n3,\"vier\""),
    ]

    /// What Python's `csv` module reads from `text`: the independent reference.
    static func pythonRecords(_ text: String) throws -> [[String]] {
        let script = """
            import csv, io, json, sys
            text = open(sys.argv[1], encoding='utf-8', newline='').read()
            print(json.dumps(list(csv.reader(io.StringIO(text, newline='')))))
            """
        let url = try temporaryFile("reference.csv", text: text)
        let output = try TestSupport.runPython(script, arguments: [url.path])
        return try JSONDecoder().decode([[String]].self, from: Data(output.utf8))
    }

    @Test("Own fixtures parse as Python's csv module reads them", arguments: wellFormed.map(\.name))
    func wellFormedFile(name: String) throws {
        let text = try #require(Self.wellFormed.first { $0.name == name }).text
        let reader = try CSVReader(url: try temporaryFile("\(name).csv", text: text))
        #expect(reader.dialect.delimiter == UInt8(ascii: ","))
        #expect(try reader.allRecords() == (try Self.pythonRecords(text)), "\(name)")
    }

    @Test func crlfInsideAQuotedFieldIsKept() throws {
        let text = try #require(Self.wellFormed.first { $0.name == "newlines_crlf" }).text
        let records = try CSVReader(url: try temporaryFile(text: text)).allRecords()
        #expect(records[2] == ["Een regel\r\nen nog een", "5", "6"])
        #expect(records.count == 4)
    }

    // MARK: Broken files, as frictionless-py's bad inputs

    /// Per data record of `bytes`: its line and the structural reason it would be quarantined for.
    static func structure(_ bytes: [UInt8]) throws -> (reader: CSVReader, header: [String], rows: [(Int, QuarantineReason?)]) {
        try structure(url: try temporaryFile(bytes: bytes))
    }

    /// Per data record of the file at `url`: its line and the structural reason it would be quarantined
    /// for (nil: fine). `BadInputTests` reads the external files through this too.
    static func structure(url: URL) throws -> (reader: CSVReader, header: [String], rows: [(Int, QuarantineReason?)]) {
        let reader = try CSVReader(url: url)
        var header: [String] = []
        var rows: [(Int, QuarantineReason?)] = []
        try reader.forEachRecord { record in
            if header.isEmpty && rows.isEmpty && record.line == 1 {
                header = record.fields
            } else {
                let problem = FormReader.structuralProblem(
                    record, header: header, checkEncoding: reader.containsInvalidUTF8)
                rows.append((record.line, problem?.reason))
            }
            return true
        }
        return (reader, header, rows)
    }

    static func structure(_ text: String) throws -> (reader: CSVReader, header: [String], rows: [(Int, QuarantineReason?)]) {
        try structure(Array(text.utf8))
    }

    @Test func byteOrderMarkIsNotPartOfTheFirstName() throws {
        let (reader, header, rows) = try Self.structure([0xEF, 0xBB, 0xBF] + Array("id,naam\n1,Jan\n2,Één\n".utf8))
        #expect(reader.dialect.hasByteOrderMark && reader.dialect.encoding == .utf8)
        #expect(header == ["id", "naam"])
        #expect(rows.map(\.1) == [nil, nil])
        #expect(try reader.allRecords().last == ["2", "Één"])
    }

    @Test func latin1IsReadAsWindows1252() throws {
        // "Café" and "©" in ISO-8859-1: é = 0xE9, © = 0xA9.
        let bytes = Array("id,naam\n1,Caf".utf8) + [0xE9] + Array("\n2,".utf8) + [0xA9] + Array("\n".utf8)
        let reader = try CSVReader(url: try temporaryFile(bytes: bytes))
        #expect(reader.dialect.encoding == .windows1252)
        #expect(try reader.allRecords() == [["id", "naam"], ["1", "Café"], ["2", "©"]])
    }

    @Test func blankHeaderIsReadAndRowsStayUsable() throws {
        let (_, header, rows) = try Self.structure("id,,leeftijd\n1,a,30\n2,b,40\n")
        #expect(header == ["id", "", "leeftijd"])
        #expect(rows.map(\.0) == [2, 3])
        #expect(rows.allSatisfy { $0.1 == nil })
    }

    @Test func blankRowsAreNamedByLine() throws {
        let (_, _, rows) = try Self.structure("id,naam,leeftijd\n1,a,30\n,,\n2,b,40\n\n\n")
        #expect(rows.filter { $0.1 == .blankRow }.map(\.0) == [3, 5, 6])
        #expect(rows.filter { $0.1 == nil }.map(\.0) == [2, 4])
    }

    @Test func missingAndExtraCells() throws {
        let (_, _, rows) = try Self.structure("id,naam,leeftijd\n1,a\n2,b,40,extra\n3,c,50,  \n")
        #expect(rows.map(\.1) == [.missingCells, .extraCells, nil])
    }

    @Test func duplicateHeadersMakeAMappingAmbiguous() throws {
        let (_, header, _) = try Self.structure("id,naam,id,leeftijd,id\n1,a,1,30,1\n")
        #expect(
            throws: IngestError.ambiguousColumn(
                file: "f.csv", source: "s", purpose: "respondent",
                reference: .header("id"), positions: [1, 3, 5])
        ) {
            try FormColumns.resolve(
                header: header, mapping: ColumnMapping(respondent: .header("id"), submittedAt: .position(4)),
                instrument: Self.ageInstrument, file: "f.csv", source: "s")
        }
    }

    @Test func semicolonIsSniffedAndLeadingZerosKept() throws {
        let reader = try CSVReader(url: try temporaryFile(text: "veldA;veldB\n0123;c\n"))
        #expect(reader.dialect.delimiter == UInt8(ascii: ";"))
        #expect(try reader.allRecords() == [["veldA", "veldB"], ["0123", "c"]])
    }

    @Test func invalidUTF8InAUTF8FileIsAnEncodingError() throws {
        // Mostly UTF-8 ("één" twice), one stray 0xFF: the file is UTF-8 with one bad row.
        let bytes = Array("id,naam,leeftijd\n1,één,30\n2,".utf8) + [0xFF] + Array(",40\n3,één,50\n".utf8)
        let (reader, _, rows) = try Self.structure(bytes)
        #expect(reader.dialect.encoding == .utf8)
        #expect(rows.map(\.1) == [nil, .encodingError, nil])
    }

    // MARK: Through the form reader: every row used or quarantined

    static let ageInstrument = Instrument(
        id: "leeftijd", title: "Leeftijd", roles: [.selfAssessment], subjectKind: .supervisor,
        scale: .init(minimum: 0, maximum: 120), areas: [CompetencyArea(id: "a", name: "A")],
        items: [.init(id: "age", text: "Age", area: "a")])

    /// Reads `text` as forms of ``ageInstrument``: `id` is the respondent and (as a year) the
    /// submission time, `naam` the school.
    static func readAsForms(_ text: String) throws -> IngestResult {
        try readAsForms(url: try temporaryFile("leeftijd.csv", text: text), schoolColumn: "naam", schools: ["Een", "Twee"])
    }

    /// Reads the file at `url` as forms of ``ageInstrument`` under a registry of `schools` (by name, in
    /// `schoolColumn`). `BadInputTests` reads the external files through this too.
    static func readAsForms(url: URL, schoolColumn: String, schools: [String]) throws -> IngestResult {
        let source = Source(
            name: "s", pattern: url.lastPathComponent, instrument: "leeftijd",
            columns: ColumnMapping(
                respondent: .header("id"), school: .header(schoolColumn),
                submittedAt: .header("id")),
            dateFormats: ["yyyy"])
        let registry = Registry(
            partnerships: [Partnership(id: "P", name: "P")],
            schools: schools.enumerated().map { School(id: "S\($0.offset + 1)", name: $0.element, partnership: "P") })
        let configuration = IngestFixtures.configuration(sources: [source], registry: registry, instruments: [ageInstrument])
        return try FormIngest(configuration: configuration, files: ["s": [url]]).run()
    }

    @Test(arguments: [
        ("id,naam,age\n2001,Een,30\n2002,Twee,40\n,,\n", [2, 3], [QuarantineReason.blankRow]),
        ("id,naam,age\n2001,Een,30\n2001,Een,31\n2002,Twee,40\n", [3, 4], [.superseded]),
        ("id,naam,age\n2001,Een\n2002,Twee,40,9\n2003,Een,50\n", [4], [.missingCells, .extraCells]),
    ])
    func formsAccountForEveryRow(text: String, usedLines: [Int], reasons: [QuarantineReason]) throws {
        let result = try Self.readAsForms(text)
        #expect(result.forms.map(\.origin.line) == usedLines)
        #expect(result.quarantine.map(\.reason) == reasons)
        let summary = try #require(result.files.first)
        #expect(summary.rowsRead == usedLines.count + reasons.count)
        #expect(summary.rowsRead == summary.rowsUsed + summary.rowsQuarantined)
    }

    @Test func duplicateRowsNameTheWinner() throws {
        let result = try Self.readAsForms("id,naam,age\n2001,Een,30\n2002,Twee,40\n2001,Een,31\n")
        #expect(result.quarantine.map(\.origin.line) == [2])
        #expect(result.quarantine.first?.message.contains("leeftijd.csv:4") == true)
        #expect(result.quarantine.first?.rawRecord == "2001,Een,30")
    }

    // MARK: The external suites themselves

    /// CI sets `SPIEGEL_REQUIRE_EXTERNAL_SUITES=1`: there, a missing `../shared/testdata` is a failure,
    /// not a quiet skip.
    @Test func externalSuitesArePresentWhereCIRequiresThem() {
        if TestSupport.externalSuitesRequired {
            #expect(TestSupport.sharedTestData != nil, "CI requires ../shared/testdata beside the clone")
        }
    }
}
