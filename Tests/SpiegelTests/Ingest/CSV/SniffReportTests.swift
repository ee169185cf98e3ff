import Foundation
import Testing

@testable import Spiegel

@Suite("Sniff report")
struct SniffReportTests {
    static let text =
        "\u{FEFF}Naam;Opmerking;Score\r\nAnna;\"Zegt \"\"ja\"\"; en\r\nnee\";5\r\nBob;\"kapot\"x;4\r\nCees;;\r\nDirk;ok\r\n"

    @Test func reportsWhatWasDetected() throws {
        let url = try temporaryFile(text: Self.text)
        let report = try SniffReport.sniff(file: url)
        #expect(report.encoding == "utf-8")
        #expect(report.byteOrderMark)
        #expect(report.delimiter == ";")
        #expect(report.lineEnding == "CRLF")
        #expect(report.headerRows == 1)
        #expect(report.columns == ["Naam", "Opmerking", "Score"])
        #expect(report.recordCount == 4)
        #expect(report.malformedLines == [4])
        #expect(report.irregularLines == [6])
        #expect(report.size == Self.text.utf8.count)
        #expect(report.text.contains("Delimiter:       ';'"))
        #expect(report.text.contains("  2. Opmerking"))

        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        #expect(json["delimiter"] as? String == ";")
        #expect(json["recordCount"] as? Int == 4)
        #expect(json["columns"] as? [String] == ["Naam", "Opmerking", "Score"])
    }

    @Test func recordsAsJSONArrays() throws {
        let url = try temporaryFile(text: Self.text)
        let json = try SniffReport.recordsJSON(file: url)
        let records = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String]])
        #expect(
            records == [
                ["Naam", "Opmerking", "Score"],
                ["Anna", "Zegt \"ja\"; en\r\nnee", "5"],
                ["Bob", "\"kapot\"x", "4"],  // malformed: the raw line split at delimiters
                ["Cees", "", ""],
                ["Dirk", "ok"],
            ])
        let empty = try SniffReport.recordsJSON(file: try temporaryFile(text: ""))
        #expect(try JSONSerialization.jsonObject(with: Data(empty.utf8)) as? [[String]] == [])
    }
}
