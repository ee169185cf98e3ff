import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// Writes `bytes` to a fresh temporary file named `name`.
func temporaryFile(_ name: String = "input.csv", bytes: [UInt8]) throws -> URL {
    let url = try TestSupport.temporaryFolder("ingest").appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
}

func temporaryFile(_ name: String = "input.csv", text: String) throws -> URL {
    try temporaryFile(name, bytes: Array(text.utf8))
}

/// Parses text with a fixed delimiter; returns (line, fields, problem) per record.
func parse(_ text: String, delimiter: UInt8 = UInt8(ascii: ",")) -> [(line: Int, fields: [String], problem: CSVProblem?)] {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBytes { buffer in
        var parser = CSVParser(bytes: UnsafeRawBufferPointer(buffer), delimiter: delimiter)
        var record = CSVRecord()
        var result: [(Int, [String], CSVProblem?)] = []
        while parser.next(into: &record) { result.append((record.line, record.fields, record.problem)) }
        return result
    }
}

@Suite("CSV reader")
struct CSVReaderTests {
    @Test func lineEndsAndFinalNewline() {
        for text in ["a,b\r\n1,2\r\n", "a,b\n1,2\n", "a,b\r1,2\r", "a,b\n1,2", "a,b\r\n1,2"] {
            let records = parse(text)
            #expect(records.map(\.fields) == [["a", "b"], ["1", "2"]], "\(text.debugDescription)")
            #expect(records.map(\.line) == [1, 2])
        }
    }

    @Test func quotedFieldsKeepDelimitersQuotesAndLineBreaks() {
        let records = parse("x;y\n\"a;b\";\"say \"\"hi\"\"\"\n\"two\r\nlines\";\"\"\n3;4", delimiter: UInt8(ascii: ";"))
        #expect(records.map(\.fields) == [["x", "y"], ["a;b", "say \"hi\""], ["two\r\nlines", ""], ["3", "4"]])
        // The record after the two-line field starts on physical line 5.
        #expect(records.map(\.line) == [1, 2, 3, 5])
    }

    @Test func emptyFieldsAndBlankLines() {
        let records = parse("a,b,c\n,,\n\n1,,3\n,")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["", "", ""], [""], ["1", "", "3"], ["", ""]])
        #expect(records.map(\.line) == [1, 2, 3, 4, 5])
    }

    @Test func quoteInsideUnquotedFieldIsText() {
        #expect(parse("a,5\"x\n").map(\.fields) == [["a", "5\"x"]])
    }

    @Test func textAfterClosingQuoteIsReportedAndTheNextLineReadNormally() {
        let records = parse("a,b\n1,\"x\"y,2\n3,4\n")
        #expect(records.count == 3)
        #expect(records[1].problem == .textAfterClosingQuote(field: 1))
        #expect(records[1].line == 2)
        #expect(records[2].fields == ["3", "4"])
        #expect(records[2].line == 3)
        #expect(records[2].problem == nil)
    }

    @Test func unclosedQuoteLosesOneLineNotTheFile() {
        let records = parse("a,b\n1,\"x\n3,4\n5,6\n")
        #expect(records.map(\.line) == [1, 2, 3, 4])
        #expect(records[1].problem == .unclosedQuote(field: 1))
        #expect(records[1].fields == ["1", "\"x"])
        #expect(records[2].fields == ["3", "4"])
        #expect(records[3].fields == ["5", "6"])
    }

    @Test func rawTextOfAMalformedRecordIsItsFirstLine() throws {
        let url = try temporaryFile(text: "a,b\r\n1,\"x\r\n2,3\r\n")
        var raws: [String] = []
        try CSVReader(url: url).forEachRecord {
            raws.append($0.rawText)
            return true
        }
        #expect(raws == ["a,b", "1,\"x", "2,3"])
    }

    @Test func delimiterSniffing() throws {
        let cases: [(String, UInt8)] = [
            ("Naam;Vraag, met komma;Score\nA;\"x, y\";3,5\nB;z;4\n", UInt8(ascii: ";")),
            ("a,b,c\n1,2,3\n", UInt8(ascii: ",")),
            ("a\tb\tc\n1\t2\t3\n", UInt8(ascii: "\t")),
            ("a|b\n1|2\n", UInt8(ascii: "|")),
            ("one column\nvalue\n", UInt8(ascii: ",")),
        ]
        for (text, delimiter) in cases {
            let reader = try CSVReader(url: try temporaryFile(text: text))
            #expect(reader.dialect.delimiter == delimiter, "\(text.debugDescription)")
        }
    }

    @Test func qualtricsHasThreeHeaderRows() throws {
        let text = """
            StartDate,EndDate,Q1
            Start Date,End Date,Ik ben in staat
            "{""ImportId"":""startDate""}","{""ImportId"":""endDate""}","{""ImportId"":""QID1""}"
            2025-09-01 10:00:00,2025-09-01 10:05:00,5

            """
        let reader = try CSVReader(url: try temporaryFile(text: text))
        #expect(reader.dialect.headerRows == 3)
        #expect(reader.dialect.lineEnding == .lf)
        let configured = try CSVReader(url: try temporaryFile(text: text), overrides: .init(headerRows: 2))
        #expect(configured.dialect.headerRows == 2)
    }
}
