import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// The broken files from frictionless-py: each defect must become a quarantine reason or a clear
/// file-level error, never a crash and never a silently dropped row.
@Suite("Bad inputs (frictionless, external)", .externalSuites)
struct BadInputTests {
    static let folder = TestSupport.sharedTestData("frictionless-bad-inputs")

    /// Per data record: its line and the structural reason it would be quarantined for (nil: fine).
    static func structure(_ name: String) throws -> (reader: CSVReader, header: [String], rows: [(Int, QuarantineReason?)]) {
        try ConformanceFixtureTests.structure(url: folder.appendingPathComponent(name))
    }

    static func lines(_ rows: [(Int, QuarantineReason?)], _ reason: QuarantineReason?) -> [Int] {
        rows.filter { $0.1 == reason }.map(\.0)
    }

    @Test func everyFileIsCovered() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".csv") }
        #expect(Set(names) == Set(Self.expectedFiles))
    }

    static let expectedFiles = [
        "blank-headers.csv", "blank-rows-multiple.csv", "blank-rows.csv", "bom.csv", "defective-rows.csv",
        "duplicate-headers.csv", "duplicate-rows.csv", "encoding-issue-274.csv", "invalid.csv",
        "issue-1009-semicolon.csv", "latin1.csv", "structure-errors.csv",
    ]

    @Test func blankHeaderIsReadAndCannotBeMapped() throws {
        let (_, header, rows) = try Self.structure("blank-headers.csv")
        #expect(header == ["id", "", "age"])
        #expect(Self.lines(rows, nil) == [2, 3])
        // A mapping that expects the unnamed column gets a file-level error listing what the header has.
        #expect(
            throws: IngestError.missingColumn(
                file: "blank-headers.csv", source: "s", purpose: "respondent",
                reference: .header("name"), header: ["id", "", "age"])
        ) {
            try FormColumns.resolve(
                header: header, mapping: ColumnMapping(respondent: .header("name"), submittedAt: .position(1)),
                instrument: Self.ageInstrument, file: "blank-headers.csv", source: "s")
        }
    }

    @Test func blankRows() throws {
        #expect(Self.lines(try Self.structure("blank-rows.csv").rows, .blankRow) == [4])
        let multiple = try Self.structure("blank-rows-multiple.csv").rows
        #expect(Self.lines(multiple, nil) == [2, 3])
        #expect(Self.lines(multiple, .blankRow) == Array(4...14))
    }

    @Test func byteOrderMarkIsNotPartOfTheFirstName() throws {
        let (reader, header, _) = try Self.structure("bom.csv")
        #expect(reader.dialect.hasByteOrderMark && reader.dialect.encoding == .utf8)
        #expect(header == ["id", "name"])
        #expect(try reader.allRecords().last == ["2", "中国人"])
    }

    @Test func missingAndExtraCells() throws {
        let rows = try Self.structure("defective-rows.csv").rows
        #expect(rows.map(\.0) == [2, 3])
        #expect(rows.map(\.1) == [.missingCells, .extraCells])
    }

    @Test func duplicateHeadersMakeAMappingAmbiguous() throws {
        let (_, header, rows) = try Self.structure("duplicate-headers.csv")
        #expect(Self.lines(rows, nil) == [2, 3])
        #expect(
            throws: IngestError.ambiguousColumn(
                file: "duplicate-headers.csv", source: "s", purpose: "respondent",
                reference: .header("id"), positions: [1, 3, 5])
        ) {
            try FormColumns.resolve(
                header: header, mapping: ColumnMapping(respondent: .header("id"), submittedAt: .position(4)),
                instrument: Self.ageInstrument, file: "duplicate-headers.csv", source: "s")
        }
    }

    @Test func longUTF8FileWithLateNonASCII() throws {
        let (reader, header, rows) = try Self.structure("encoding-issue-274.csv")
        #expect(reader.dialect.encoding == .utf8 && !reader.containsInvalidUTF8)
        #expect(header.count == 17)
        #expect(rows.count == 507)  // 508 lines, one header; checked with Python's csv module
        #expect(rows.allSatisfy { $0.1 == nil })
        #expect(try reader.allRecords().contains { $0[1] == "Archives New Zealand Te Rua Mahara o te Kāwanatanga" })
    }

    @Test func invalidHasEveryStructuralDefect() throws {
        let (_, header, rows) = try Self.structure("invalid.csv")
        #expect(header == ["id", "name", "", "name"])
        #expect(rows.map(\.0) == [2, 3, 4, 5])
        #expect(rows.map(\.1) == [.missingCells, .missingCells, .blankRow, .extraCells])
    }

    @Test func semicolonIsSniffedAndLeadingZerosKept() throws {
        let reader = try CSVReader(url: Self.folder.appendingPathComponent("issue-1009-semicolon.csv"))
        #expect(reader.dialect.delimiter == UInt8(ascii: ";"))
        #expect(try reader.allRecords() == [["fieldNameA", "fieldNameB"], ["0123", "c"]])
    }

    @Test func latin1IsReadAsWindows1252() throws {
        let reader = try CSVReader(url: Self.folder.appendingPathComponent("latin1.csv"))
        #expect(reader.dialect.encoding == .windows1252)
        #expect(try reader.allRecords() == [["id", "name"], ["1", "english"], ["2", "©"]])
    }

    // MARK: Through the form reader

    /// An instrument with one item, `age`, so the id,name,age files can be read as forms: `id` is the
    /// respondent and (as a year) the submission time, `name` the school.
    static let ageInstrument = ConformanceFixtureTests.ageInstrument

    static func readAsForms(_ name: String) throws -> IngestResult {
        try ConformanceFixtureTests.readAsForms(
            url: folder.appendingPathComponent(name), schoolColumn: "name", schools: ["John", "Julie"])
    }

    @Test(arguments: [
        ("blank-rows.csv", [2, 3], [QuarantineReason.blankRow]),
        ("blank-rows-multiple.csv", [2, 3], Array(repeating: QuarantineReason.blankRow, count: 11)),
        ("defective-rows.csv", [], [.missingCells, .extraCells]),
        ("duplicate-rows.csv", [3, 4], [.superseded]),
        ("structure-errors.csv", [2, 3], [.blankRow, .extraCells]),
    ])
    func formsAccountForEveryRow(name: String, usedLines: [Int], reasons: [QuarantineReason]) throws {
        let result = try Self.readAsForms(name)
        #expect(result.forms.map(\.origin.line) == usedLines)
        #expect(result.quarantine.map(\.reason) == reasons)
        let summary = try #require(result.files.first)
        #expect(summary.rowsRead == usedLines.count + reasons.count)
        #expect(summary.rowsRead == summary.rowsUsed + summary.rowsQuarantined)
    }

    @Test func duplicateRowsNameTheWinner() throws {
        let result = try Self.readAsForms("duplicate-rows.csv")
        #expect(result.quarantine.map(\.origin.line) == [2])
        #expect(result.quarantine.first?.message.contains("duplicate-rows.csv:4") == true)
        #expect(result.quarantine.first?.rawRecord == "1101,John,30")
    }
}
