import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// Superseded rows keep their raw text although ingest reads each file once (issue 26): the text is read back at
/// the record's span, which must be the record's bytes wherever the reader's window stood.
@Suite("Form ingest: superseded rows' raw text from one read")
struct SupersededRawTextTests {
    static let header = "E-mail,School,Tijd van voltooien,Z01,Z02,Z03,Wat wil je nog kwijt over de coöperatie?"

    /// A file of `rows` forms whose every seventh comment holds a quoted line break, with the raw text of each
    /// record by its first line, built here rather than read back.
    static func export(rows: Int, minute: Int, prefix: String = "") -> (text: String, raw: [Int: String]) {
        var lines = [header]
        var raw: [Int: String] = [:]
        var line = 2
        for index in 0..<rows {
            let comment =
                index % 7 == 0
                ? "\"regel een\nregel twee, met \"\"komma\"\"\""
                : "gewoon \(index) é en een wat langer antwoord om de regel te vullen"
            let record =
                "\(prefix)r\(index)@x.nl,01AB,2025-09-15 10:\(String(format: "%02d", minute)),\(index % 7 + 1),2,3,\(comment)"
            raw[line] = record
            lines.append(record)
            line += record.split(separator: "\n", omittingEmptySubsequences: false).count
        }
        return (lines.joined(separator: "\r\n") + "\r\n", raw)
    }

    static func ingest(_ files: [URL], in folder: URL, dialect: DialectOverrides = .init()) throws -> IngestResult {
        let source = IngestFixtures.zelfscanSource(dialect: dialect)
        var configuration = IngestFixtures.configuration(sources: [source])
        configuration.file = folder.appendingPathComponent("Pipeline.yml")
        return try FormIngest(configuration: configuration, files: [source.name: files]).run()
    }

    @Test func rowsPastTheFirstWindowAreReadBackExactly() throws {
        let folder = try TestSupport.temporaryFolder("superseded-window")
        // 50,000 rows of ~110 bytes: more than the reader's 4 MB window, so spans are counted across refills.
        let old = Self.export(rows: 50_000, minute: 0)
        let new = Self.export(rows: 50_000, minute: 30)
        let a = folder.appendingPathComponent("a.csv"), b = folder.appendingPathComponent("b.csv")
        try Data([0xEF, 0xBB, 0xBF] + Array(old.text.utf8)).write(to: a)  // a BOM: text offset 0 is file offset 3
        try Data(new.text.utf8).write(to: b)
        #expect(try Data(contentsOf: a).count > 4 * DecodedText.chunkSize)

        let result = try Self.ingest([a, b], in: folder)
        let superseded = result.quarantine.filter { $0.reason == .superseded }
        // Every form of a.csv is beaten by its later twin in b.csv.
        #expect(superseded.count == 50_000)
        #expect(superseded.allSatisfy { $0.origin.file == "a.csv" })
        // Positive control (checked by hand): with the window start not advanced, every row past the first window reads back wrong.
        let wrong = superseded.filter { $0.rawRecord != old.raw[$0.origin.line] }
        #expect(wrong.count == 0, "\(wrong.prefix(3).map { "\($0.origin): \($0.rawRecord)" })")
        #expect(result.forms.count == 50_000)
    }

    @Test func aTranscodedFileIsReadAgainForItsRawText() throws {
        let folder = try TestSupport.temporaryFolder("superseded-1252")
        let url = folder.appendingPathComponent("a.csv")
        // Windows-1252: é is one byte, so text offsets and file offsets part after it.
        var encoded = Array("E-mail,School,Tijd van voltooien,Z01,Z02,Z03\n".utf8)
        encoded += Array("Jos".utf8) + [0xE9] + Array("@x.nl,01AB,2025-09-15 10:00,1,1,1\n".utf8)
        encoded += Array("Jos".utf8) + [0xE9] + Array("@x.nl,01AB,2025-09-16 10:00,2,2,2\n".utf8)
        try Data(encoded).write(to: url)
        let result = try Self.ingest([url], in: folder, dialect: DialectOverrides(encoding: .windows1252))
        let superseded = result.quarantine.filter { $0.reason == .superseded }
        #expect(superseded.map(\.origin.line) == [2])
        #expect(superseded.first?.rawRecord == "José@x.nl,01AB,2025-09-15 10:00,1,1,1")
    }

    @Test func aFileChangedAfterItWasReadGivesNoOneElsesRow() throws {
        let url = try temporaryFile(text: "id,naam\n1,Een\n2,Twee\n")
        let reader = try CSVReader(url: url)
        let locator = try #require(reader.rawRecordLocator)
        var spans: [Int: Range<Int>] = [:]
        try reader.forEachRecord { record in
            spans[record.line] = record.textOffset..<(record.textOffset + record.byteRange.count)
            return true
        }
        // Positive control: the unchanged file gives the rows back.
        #expect(locator.rawTexts(spans) == [1: "id,naam", 2: "1,Een", 3: "2,Twee"])
        // Rewritten with other rows of the same length: the stamp moved, so nothing is read back.
        Thread.sleep(forTimeInterval: 0.01)
        try Data("id,naam\n3,Dri\n4,Vier\n".utf8).write(to: url)
        #expect(locator.rawTexts(spans) == nil)
        // Gone: the same.
        try FileManager.default.removeItem(at: url)
        #expect(locator.rawTexts(spans) == nil)
    }

    @Test func aWorkbookOrATranscodedFileHasNoLocator() throws {
        let utf16 = try temporaryFile(bytes: [0xFF, 0xFE] + Array("id\n1\n".utf8).flatMap { [$0, 0] })
        #expect(try CSVReader(url: utf16).rawRecordLocator == nil)
        let utf8 = try temporaryFile(text: "id\n1\n")
        #expect(try CSVReader(url: utf8).rawRecordLocator != nil)
    }
}
