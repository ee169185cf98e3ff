import Crypto
import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// Exports as they reach a coordinator: changed while read, with stray quotes, odd encodings,
/// preambles, huge lines. Each must be read correctly or fail with a clear message, never crash.
@Suite("Hostile exports")
struct HostileExportTests {
    /// A zelfscan export of `rows` rows with a comment column; `comment(row)` gives row-specific comment text.
    static func zelfscan(rows: Int, delimiter: String = ";", comment: (Int) -> String = { _ in "" }) -> String {
        var lines = [
            "E-mail\(delimiter)School\(delimiter)Tijd van voltooien\(delimiter)Z01\(delimiter)Z02\(delimiter)Z03\(delimiter)Wat wil je nog kwijt over de coöperatie?"
        ]
        for row in 1...rows {
            lines.append(
                ["p\(row)@x.nl", "01AB", "15-9-2025 10:00:00", "\(row % 7 + 1)", "4", "5", comment(row)]
                    .joined(separator: delimiter))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func read(_ url: URL, dialect: DialectOverrides = .init()) throws -> FormReader.FileResult {
        try FormReaderTests.reader(IngestFixtures.zelfscanSource(dialect: dialect)).read(file: url)
    }

    // MARK: files changing under the reader

    @Test("a file truncated while it is read is a clear error naming it, not a signal")
    func truncatedWhileReading() throws {
        // Larger than the reader's window, so the second pass is still reading when the file shrinks.
        let url = try temporaryFile(text: Self.zelfscan(rows: 120_000))
        let reader = try CSVReader(url: url)
        var records = 0
        #expect(throws: IngestError.fileChanged(file: url.path)) {
            try reader.forEachRecord { _ in
                records += 1
                if records == 10 { truncate(url.path, 100) }
                return true
            }
        }
        #expect(records < 120_000)
        #expect(IngestError.fileChanged(file: url.path).description.contains(url.path))
    }

    @Test("bytes appended after the first pass are not silently half-read: the manifest describes what was read")
    func appendedWhileReading() throws {
        let text = Self.zelfscan(rows: 5)
        let url = try temporaryFile(text: text)
        let reader = try CSVReader(url: url)
        // The digest is of the bytes read, computed independently here.
        #expect(reader.sha256 == SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined())
        #expect(reader.size == text.utf8.count)
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("late@x.nl;01AB;15-9-2025 10:00:00;1;1;1;\n".utf8))
        try handle.close()
        #expect(throws: IngestError.fileChanged(file: url.path)) { try reader.forEachRecord { _ in true } }
        // Read again, the file is one consistent snapshot, and its summary covers all of it.
        let result = try Self.read(url)
        #expect(result.summary.rowsRead == 6 && result.summary.size == text.utf8.count + 41)
    }

    // MARK: stray quotes

    @Test("a stray quote opening row 10 and closing row 29 quarantines both rows and keeps the rows between")
    func strayQuoteSwallowingRecords() throws {
        let text = Self.zelfscan(rows: 30) { row in row == 9 ? "\"begin" : row == 28 ? "einde\"" : "" }
        let result = try Self.read(try temporaryFile(text: text))
        // Data rows 9 and 28 stand on lines 10 and 29.
        #expect(result.quarantine.map(\.origin.line) == [10, 29])
        #expect(result.quarantine.allSatisfy { $0.reason == .malformedQuote })
        #expect(result.quarantine[0].message.contains("to line 29"))
        #expect(result.quarantine[1].message.contains("opened on line 10"))
        #expect(result.forms.count == 28)
        #expect(result.forms.map(\.respondent).contains("p10@x.nl"))
        #expect(result.summary.rowsRead == result.summary.rowsUsed + result.summary.rowsQuarantined)
    }

    @Test("positive control: comments with line breaks and a few delimiters, and doubled quotes, stay one field")
    func legitimateMultilineComments() throws {
        let text = Self.zelfscan(rows: 30) { row in
            row == 9 ? "\"Twee regels;\nmet een \"\"citaat\"\"; en\nnog een\"" : ""
        }
        let result = try Self.read(try temporaryFile(text: text))
        #expect(result.quarantine.isEmpty)
        #expect(result.forms.count == 30)
        #expect(result.forms[8].comments == ["Twee regels;\nmet een \"citaat\"; en\nnog een"])
    }

    // MARK: encodings

    @Test("invalid UTF-8 in a file with a BOM is an encoding error, as without a BOM")
    func byteOrderMarkDoesNotHideInvalidBytes() throws {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(Self.zelfscan(rows: 2).utf8)
        bytes += Array("p\u{e9}@x.nl;01AB;15-9-2025 10:00:00;1;2;3;\n".utf8.map { $0 })
        bytes += Array("q".utf8) + [0xE9] + Array("@x.nl;01AB;15-9-2025 10:00:00;1;2;3;\n".utf8)
        let result = try Self.read(try temporaryFile(bytes: bytes))
        #expect(result.quarantine.map(\.reason) == [.encodingError])
        #expect(result.quarantine.map(\.origin.line) == [5])
        #expect(result.forms.map(\.respondent) == ["p1@x.nl", "p2@x.nl", "pé@x.nl"])
    }

    static let dutch = "Ideeën voor één café, geïnterviewd: ‘goed’ – zeker, ook ß en œ"

    /// `text` encoded by Python's codec `codec`: an encoder independent of ours.
    static func encoded(_ text: String, _ codec: String) throws -> [UInt8] {
        let hex = try TestSupport.runPython("import sys; print(sys.argv[1].encode(sys.argv[2]).hex())", arguments: [text, codec])
        let digits = Array(hex.trimmingCharacters(in: .whitespacesAndNewlines))
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
    }

    @Test("Mac-Roman and Windows-1252 are told apart over the whole file; one stray UTF-8 pair does not decide")
    func singleByteEncodingsAreDetected() throws {
        let csv = "naam;opmerking\nx;\(Self.dutch)\ny;\(Self.dutch)\n"
        let mac = try CSVReader(url: try temporaryFile(bytes: try Self.encoded(csv, "mac_roman")))
        #expect(mac.dialect.encoding == .macRoman)
        #expect(try mac.allRecords()[1] == ["x", Self.dutch])

        // Windows-1252 with one accidental UTF-8 é at the end.
        let windows = try Self.encoded(csv, "cp1252") + Array("z;é\n".utf8)
        let reader = try CSVReader(url: try temporaryFile(bytes: windows))
        #expect(reader.dialect.encoding == .windows1252)
        #expect(try reader.allRecords()[2] == ["y", Self.dutch])
    }

    @Test("the single-byte tables agree with Python's codecs for every byte")
    func singleByteTablesMatchPython() throws {
        for (encoding, codec) in [
            (TextEncoding.macRoman, "mac_roman"), (.iso88591, "latin-1"), (.iso885915, "iso8859_15"),
            (.windows1252, "cp1252"),
        ] {
            let output = try TestSupport.runPython(
                """
                import sys
                out = []
                for b in range(128, 256):
                    try: out.append(str(ord(bytes([b]).decode(sys.argv[1]))))
                    except UnicodeDecodeError: out.append('-')
                print(' '.join(out))
                """, arguments: [codec])
            let expected = output.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            for (offset, value) in expected.enumerated() where value != "-" {
                #expect(
                    SingleByteEncoding.scalar(of: UInt8(128 + offset), in: encoding) == UInt32(value)!,
                    "byte \(128 + offset) in \(encoding)")
            }
        }
    }

    @Test("ISO-8859-15 is settable: 0xA4 reads as the euro sign")
    func iso885915IsSettable() throws {
        let url = try temporaryFile(bytes: Array("a;b\nx;".utf8) + [0xA4] + [0x0A])
        #expect(try CSVReader(url: url, overrides: .init(encoding: .iso885915)).allRecords()[1] == ["x", "€"])
        #expect(try CSVReader(url: url, overrides: .init(encoding: .iso88591)).allRecords()[1] == ["x", "¤"])
    }

    // MARK: sniffing

    @Test("a header wider than the sniff sample still sniffs ';', and error lines stay readable")
    func wideHeader() throws {
        let columns = (1...3000).map { "Vraag \($0): " + String(repeating: "x", count: 100) }
        let text = columns.joined(separator: ";") + "\n" + Array(repeating: "1", count: 3000).joined(separator: ";") + "\n"
        #expect(text.utf8.count > CSVDialect.sniffSampleSize)
        let url = try temporaryFile(text: text)
        #expect(try CSVReader(url: url).dialect.delimiter == UInt8(ascii: ";"))
        let error = try #require(throws: IngestError.self) { try Self.read(url) }
        #expect(error.description.count < 2_000)
        // Positive control: the same error with a long mapped name cuts that too.
        let long = IngestError.missingColumn(
            file: "f", source: "s", purpose: "respondent",
            reference: .header(String(repeating: "y", count: 1_000_000)), header: columns)
        #expect(long.description.count < 2_000)
    }

    @Test("Excel's sep= line names the delimiter and is skipped; line numbers stay physical")
    func excelSeparatorLine() throws {
        let url = try temporaryFile(text: "sep=,\n" + Self.zelfscan(rows: 3, delimiter: ","))
        let reader = try CSVReader(url: url)
        #expect(reader.dialect.delimiter == UInt8(ascii: ",") && reader.dialect.preambleLines == 1)
        let result = try Self.read(url)
        #expect(result.forms.map(\.origin.line) == [3, 4, 5])
        // Even when it contradicts what a sniff would say, the sep= line is what Excel obeys.
        #expect(
            try CSVReader(url: try temporaryFile(text: "\"sep=;\"\r\na,b;c\r\n1,2;3\r\n")).allRecords() == [
                ["a,b", "c"], ["1,2", "3"],
            ])
    }

    @Test("title and note lines above the header are skipped")
    func preambleLines() throws {
        let url = try temporaryFile(text: "Zelfscan werkplekbegeleider, export november\n\n" + Self.zelfscan(rows: 3))
        let reader = try CSVReader(url: url)
        #expect(reader.dialect.delimiter == UInt8(ascii: ";"))
        #expect(reader.dialect.preambleLines == 2)
        let result = try Self.read(url)
        #expect(result.forms.count == 3 && result.forms.first?.origin.line == 4)
        #expect(result.summary.notes.contains { $0.contains("2 line(s) above the header") })
        // Excel's title row padded with delimiters is a preamble line too.
        let padded = try temporaryFile(text: "Export;;;;;;\n" + Self.zelfscan(rows: 3))
        #expect(try CSVReader(url: padded).dialect.preambleLines == 1)
    }

    @Test("' as the quote character: detected where unambiguous, settable otherwise")
    func apostropheAsQuote() throws {
        let text =
            "E-mail,School,Tijd van voltooien,Z01,Z02,Z03\n'p1@x.nl','Het Fictief College','15-9-2025 10:00:00','5','6','7'\n"
            + "'p2@x.nl','01AB','15-9-2025 10:00:00','4','4','4'\n'p3@x.nl','Fictief, Het','1','2','3','4'\n"
        let url = try temporaryFile(text: text)
        #expect(try CSVReader(url: url).dialect.quote == UInt8(ascii: "'"))
        #expect(try CSVReader(url: url).allRecords()[3][1] == "Fictief, Het")
        // Positive control: Dutch apostrophes in a "-quoted file do not make ' the quote.
        let dutch = "naam,opmerking\nx,\"foto's en 's morgens, prima\"\ny,\"auto's, fiets\"\n"
        #expect(try CSVReader(url: try temporaryFile(text: dutch)).dialect.quote == UInt8(ascii: "\""))
        // Settable.
        let plain = "a,b\n'x','y'\n"
        #expect(
            try CSVReader(url: try temporaryFile(text: plain), overrides: .init(quote: UInt8(ascii: "'"))).allRecords()[1] == [
                "x", "y",
            ])
    }

    @Test("a gzip file named .csv is named as gzip")
    func gzipRenamed() throws {
        let url = try temporaryFile(bytes: [0x1F, 0x8B, 0x08, 0x00] + Array(repeating: 0, count: 20))
        let error = try #require(throws: IngestError.self) { try Self.read(url) }
        #expect(error.description.contains("gzip"))
    }

    // MARK: free text and huge lines

    @Test("control characters in open answers are removed and counted; tabs and line breaks stay")
    func controlCharactersInComments() throws {
        let text = Self.zelfscan(rows: 3) { row in
            row == 2 ? "Goed\u{07}\u{1B}[31m rood\u{202E}tekst\tja" : row == 3 ? "\"twee\nregels\u{0}\"" : "gewoon"
        }
        let result = try Self.read(try temporaryFile(text: text))
        #expect(result.forms.map(\.comments) == [["gewoon"], ["Goed[31m rood" + "tekst\tja"], ["twee\nregels"]])
        // BEL, ESC, RLO and NUL: four removed.
        #expect(result.summary.controlCharactersRemoved == 4)
    }

    @Test("a 20 MB line of delimiters is one malformed row, in memory bounded by a small multiple of it")
    func hugeLineHasBoundedMemory() throws {
        let folder = try TestSupport.temporaryFolder("huge-line")
        let url = folder.appendingPathComponent("long.csv")
        let line = String(repeating: ";", count: 20_000_000)
        try Data(("a;b\n" + line + "\n1;2\n").utf8).write(to: url)
        let reader = try CSVReader(url: url)
        var rows: [(Int, CSVProblem?)] = []
        try reader.forEachRecord { record in
            #expect(record.count <= CSVParser.maximumFields)
            rows.append((record.count, record.problem))
            return true
        }
        #expect(rows.map(\.1) == [nil, .tooManyFields(limit: CSVParser.maximumFields), nil])
        // Memory of a separate process reading it, measured by the kernel (maximum resident set).
        let binary = TestSupport.packageRoot.appendingPathComponent(".build/debug/spiegel").path
        guard FileManager.default.fileExists(atPath: binary) else { return }
        let kilobytes = try TestSupport.runPython(
            """
            import resource, subprocess, sys
            subprocess.run([sys.argv[1], 'sniff', sys.argv[2]], stdout=subprocess.DEVNULL, check=True)
            print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            """, arguments: [binary, url.path])
        let megabytes = (Int(kilobytes.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .max) / 1024
        #expect(megabytes < 200, "maximum resident set \(megabytes) MB for a 20 MB line")
    }
}
