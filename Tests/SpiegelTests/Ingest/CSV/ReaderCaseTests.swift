import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// The cases of issue 25 that CSV exports showed, each with its minimal file: stray quote pairs on
/// neighbouring lines, Windows-1252 typography, close encoding calls, delimiter and quote guesses,
/// a byte-order mark against a configured encoding, and a header wider than any spreadsheet.
@Suite("CSV reader cases")
struct ReaderCaseTests {
    static func read(_ url: URL, dialect: DialectOverrides = .init()) throws -> FormReader.FileResult {
        try HostileExportTests.read(url, dialect: dialect)
    }

    // MARK: stray quotes

    @Test("a stray quote pair on two neighbouring lines quarantines both lines; nobody's answers move")
    func strayQuotePairOnNeighbouringLines() throws {
        // Data rows 9 and 10 stand on lines 10 and 11: the comment of row 9 opens a quote, row 10's closes it.
        let text = HostileExportTests.zelfscan(rows: 30) { row in row == 9 ? "\"begin" : row == 10 ? "einde\"" : "" }
        let result = try Self.read(try temporaryFile(text: text))
        #expect(result.quarantine.map(\.origin.line) == [10, 11])
        #expect(result.quarantine.allSatisfy { $0.reason == .malformedQuote })
        #expect(result.quarantine[0].message.contains("quote") && result.quarantine[0].message.contains("line 11"))
        #expect(result.quarantine[1].message.contains("opened on line 10"))
        #expect(result.forms.count == 28)
        #expect(!result.forms.map(\.respondent).contains("p9@x.nl") && !result.forms.map(\.respondent).contains("p10@x.nl"))
        #expect(result.forms.allSatisfy { $0.comments.allSatisfy { !$0.contains("@x.nl") } })
        #expect(result.summary.rowsRead == result.summary.rowsUsed + result.summary.rowsQuarantined)
        #expect(result.summary.rowsRead == 30)
    }

    @Test("positive control: without the check the two lines parse as one record with the header's width")
    func strayQuotePairWouldMerge() {
        let text = HostileExportTests.zelfscan(rows: 3) { row in row == 1 ? "\"begin" : row == 2 ? "einde\"" : "" }
        var bytes = Array(text.utf8)
        let records = bytes.withUnsafeMutableBytes { buffer -> [(fields: Int, problem: CSVProblem?)] in
            var parser = CSVParser(bytes: UnsafeRawBufferPointer(buffer), delimiter: ASCII.semicolon)
            var record = CSVRecord()
            var result: [(Int, CSVProblem?)] = []
            while parser.next(into: &record) { result.append((record.count, record.problem)) }
            return result
        }
        // Header, the merged row (7 cells, no problem: it would be used), row 3.
        #expect(records.count == 3 && records[1].fields == 7 && records[1].problem == nil)
    }

    @Test("a stray pair opening in the comment and closing in another row's school cell is caught too")
    func strayQuotePairAcrossColumns() throws {
        var lines = HostileExportTests.zelfscan(rows: 6).split(separator: "\n").map(String.init)
        lines[3] += "\"begin"  // row 3's comment opens a quote
        lines[4] = lines[4].replacingOccurrences(of: ";01AB;", with: ";01\"AB;")  // row 4's school cell closes it
        let result = try Self.read(try temporaryFile(text: lines.joined(separator: "\n") + "\n"))
        #expect(result.quarantine.map(\.origin.line) == [4, 5])
        #expect(result.forms.count == 4)
        #expect(result.summary.rowsRead == result.summary.rowsUsed + result.summary.rowsQuarantined)
    }

    // MARK: encodings

    static let typography = "De collega’s en portfolio’s, zo’n “goed” gesprek – prima… ‘t Hart"

    @Test("Word's typographic apostrophes, quotes and dashes read as Windows-1252, not Mac-Roman, and sure")
    func windowsTypography() throws {
        let csv = "naam;opmerking\nx;\(Self.typography)\ny;\(Self.typography)\n"
        let reader = try CSVReader(url: try temporaryFile(bytes: try HostileExportTests.encoded(csv, "cp1252")))
        #expect(reader.dialect.encoding == .windows1252)
        #expect(!reader.dialect.encodingUnsure)
        #expect(try reader.allRecords()[1] == ["x", Self.typography])
        // Positive control: the same text from an old Mac stays Mac-Roman.
        let mac = try CSVReader(url: try temporaryFile(bytes: try HostileExportTests.encoded(csv, "mac_roman")))
        #expect(mac.dialect.encoding == .macRoman)
        #expect(try mac.allRecords()[2] == ["y", Self.typography])
        // And Dutch diaeresis words from a Mac (ë is Windows-1252's ‘) stay Mac-Roman.
        let ideeen = "naam;opmerking\nx;ideeën over de coöperatie, geïnterviewd\n"
        let macDutch = try CSVReader(url: try temporaryFile(bytes: try HostileExportTests.encoded(ideeen, "mac_roman")))
        #expect(macDutch.dialect.encoding == .macRoman)
    }

    @Test("a close call between two single-byte encodings is flagged, naming the encoding and the key")
    func unsureEncoding() throws {
        // 0xE9 is é in Windows-1252 and È in Mac-Roman; 0x8E is Ž and é: one of each weighs the same.
        let bytes = Array("naam;opmerking\nx;caf".utf8) + [0xE9] + Array("s\ny;ide".utf8) + [0x8E] + Array("en\n".utf8)
        let url = try temporaryFile(bytes: bytes)
        let reader = try CSVReader(url: url)
        #expect(reader.dialect.encodingUnsure)
        let note = try #require(reader.notes.first)
        #expect(note.contains(reader.dialect.encodingName) && note.contains("`encoding:`") && note.contains("unsure"))
        let report = try SniffReport.sniff(file: url)
        #expect(report.encodingUnsure && report.text.contains("unsure: read as \(report.encoding)"))
        #expect(report.text.contains("`encoding:`"))
        // `spiegel check` lists each file's dialect description: the flag, the encoding and the key.
        #expect(reader.dialectDescription.hasPrefix("\(reader.dialect.encodingName) (unsure: set `encoding:`"))
    }

    @Test("item columns not found in a guessed single-byte file: the message names the guessed encoding")
    func itemColumnsMessageNamesEncoding() throws {
        let header = "E-mail;School;Tijd van voltooien;Z01;Z03 collega’s\n"
        let row = "a@x.nl;01AB;15-9-2025 10:00:00;5;6 – zo’n\n"
        let windows = try temporaryFile(bytes: try HostileExportTests.encoded(header + row, "cp1252"))
        let error = try #require(throws: IngestError.self) { try Self.read(windows) }
        #expect(error.description.contains("Z02") && error.description.contains("Windows-1252"))
        #expect(error.description.contains("`encoding:`"))
        // Positive control: the same file in UTF-8 has no encoding to blame.
        let utf8 = try #require(throws: IngestError.self) { try Self.read(try temporaryFile(text: header + row)) }
        #expect(utf8.description.contains("Z02") && !utf8.description.contains("Windows-1252"))
        // And a configured encoding is not a guess.
        let configured = try #require(throws: IngestError.self) {
            try Self.read(windows, dialect: .init(encoding: .windows1252))
        }
        #expect(!configured.description.contains("guessed"))
    }

    @Test("a UTF-8 byte-order mark wins over a configured encoding, with a note")
    func byteOrderMarkWinsOverEncoding() throws {
        let url = try temporaryFile(bytes: [0xEF, 0xBB, 0xBF] + Array("naam;opmerking\nx;coöperatie’s\n".utf8))
        let reader = try CSVReader(url: url, overrides: .init(encoding: .windows1252))
        #expect(reader.dialect.encoding == .utf8 && reader.dialect.hasByteOrderMark)
        #expect(try reader.allRecords()[1] == ["x", "coöperatie’s"])
        #expect(reader.notes.contains { $0.contains("byte-order mark") && $0.contains("windows-1252") })
        // Positive control: without a BOM the configured encoding is what is read.
        let plain = try temporaryFile(bytes: Array("naam;opmerking\nx;co".utf8) + [0xF6] + Array("p\n".utf8))
        #expect(try CSVReader(url: plain, overrides: .init(encoding: .windows1252)).allRecords()[1] == ["x", "coöp"])
    }

    // MARK: dialect

    @Test("a LimeSurvey-like comma file with ';'-separated lists and one short row keeps ',' and its header")
    func listsInCommaFile() throws {
        // Every field quoted, as LimeSurvey writes: split at ';' these records do not parse.
        func quoted(_ fields: [String]) -> String { fields.map { "\"\($0)\"" }.joined(separator: ",") }
        var lines = [quoted(["id", "submitdate", "email", "school", "Z01", "Z02", "Z03", "interesses"])]
        for row in 1...8 {
            lines.append(
                quoted(["\(row)", "2025-09-15 10:00:00", "p\(row)@x.nl", "01AB", "5", "6", "7", "lezen;schrijven;rekenen"]))
        }
        lines.append(quoted(["9", "2025-09-15 10:00:00", "p9@x.nl", "lezen;schrijven;rekenen"]))  // the short row
        let url = try temporaryFile(text: lines.joined(separator: "\r\n") + "\r\n")
        let reader = try CSVReader(url: url)
        #expect(reader.dialect.delimiter == ASCII.comma)
        #expect(reader.dialect.preambleLines == 0)
        let records = try reader.allRecords()
        #expect(records[0] == ["id", "submitdate", "email", "school", "Z01", "Z02", "Z03", "interesses"])
        #expect(records[1][7] == "lezen;schrijven;rekenen" && records.count == 10)
        // Unquoted lists too.
        let plain = "id,email,Z01,lijst\n1,a@x.nl,5,lezen;schrijven\n2,b@x.nl,6,lezen;rekenen\n3,c@x.nl\n"
        #expect(try CSVReader(url: try temporaryFile(text: plain)).dialect.delimiter == ASCII.comma)
        // Positive control: a real ';' file with a title line above still skips the title.
        let titled = try temporaryFile(text: "Zelfscan 2025\n" + HostileExportTests.zelfscan(rows: 5))
        let titledReader = try CSVReader(url: titled)
        #expect(titledReader.dialect.delimiter == ASCII.semicolon && titledReader.dialect.preambleLines == 1)
    }

    @Test("one answer typed as 'Jan' does not make ' the quote; names like 't Hart stay whole")
    func singleQuotedAnswer() throws {
        let text = "naam,school,opmerking\n'Jan',01AB,goed\n't Hart,01AB,prima\n't Lam,02CD,ok\nPiet,01AB,fijn\n"
        let reader = try CSVReader(url: try temporaryFile(text: text))
        #expect(reader.dialect.quote == ASCII.quote)
        let records = try reader.allRecords()
        #expect(records[1] == ["'Jan'", "01AB", "goed"] && records[2] == ["'t Hart", "01AB", "prima"])
        #expect(records[3] == ["'t Lam", "02CD", "ok"])
    }

    @Test("a second header row mid-file is named as a repeated header, not an unknown respondent")
    func repeatedHeader() throws {
        let first = HostileExportTests.zelfscan(rows: 3)
        let second = HostileExportTests.zelfscan(rows: 2)  // header and rows again, as when two exports are pasted
        let result = try Self.read(try temporaryFile(text: first + second))
        #expect(result.quarantine.map(\.reason) == [.repeatedHeader])
        #expect(result.forms.count == 5)
        #expect(result.quarantine.first?.origin.line == 5)
        #expect(result.quarantine.first?.message.contains("repeats the header") == true)
        #expect(!QuarantineReason.repeatedHeader.needsAction)
        #expect(result.summary.rowsRead == result.summary.rowsUsed + result.summary.rowsQuarantined)
    }

    @Test("a header wider than any spreadsheet fails the file with a message saying so")
    func hundredThousandColumns() throws {
        let header = (1...100_000).map { "v\($0)" }.joined(separator: ";")
        let url = try temporaryFile(text: header + "\n" + header + "\n")
        let error = try #require(throws: IngestError.self) { try Self.read(url) }
        #expect(error.description.contains("16384") && error.description.contains("header"), "\(error)")
        #expect(error.description.contains(url.path))
    }
}
