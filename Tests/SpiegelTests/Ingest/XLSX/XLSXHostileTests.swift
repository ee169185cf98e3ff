import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// Workbooks that used to crash or stall the run: bytes a system XML parser dies on, damaged and
/// lying zip entries, huge text nodes, entity declarations, passwords. Each is a minimal file
/// written part by part with Python's zipfile (an independent writer), and each must fail with a
/// message naming the file and the part, or be read correctly.
@Suite("XLSX hostile workbooks")
struct XLSXHostileTests {
    static let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// The parts of a one-sheet workbook with two rows (`a,1` and `b,2`), as bytes.
    static func parts(sheetData: String? = nil) -> [String: [UInt8]] {
        [
            "xl/workbook.xml": Array(
                "<workbook xmlns=\"\(ns)\" xmlns:r=\"\(rel)\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
                    .utf8),
            "xl/_rels/workbook.xml.rels": Array(
                ("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>")
                    .utf8),
            "xl/worksheets/sheet1.xml": Array(
                ("<worksheet xmlns=\"\(ns)\"><sheetData>"
                    + (sheetData
                        ?? "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\"><v>1</v></c></row>"
                        + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\"><v>2</v></c></row>")
                    + "</sheetData></worksheet>").utf8),
            "xl/sharedStrings.xml": Array("<sst xmlns=\"\(ns)\"><si><t>a</t></si><si><t>b</t></si></sst>".utf8),
            "xl/styles.xml": Array(
                "<styleSheet xmlns=\"\(ns)\"><cellXfs count=\"1\"><xf numFmtId=\"0\"/></cellXfs></styleSheet>".utf8),
        ]
    }

    /// Zips `parts` (deflated) with Python's zipfile.
    static func workbook(_ parts: [String: [UInt8]], name: String = "w.xlsx") throws -> URL {
        let url = try TestSupport.temporaryFolder("xlsx-hostile").appendingPathComponent(name)
        let hex = parts.mapValues { $0.map { String(format: "%02x", $0) }.joined() }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: hex), as: UTF8.self)
        try TestSupport.runPython(
            """
            import json, sys, zipfile
            parts = json.loads(sys.argv[2])
            with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
                for name, data in parts.items(): z.writestr(name, bytes.fromhex(data))
            """, arguments: [url.path, json])
        return url
    }

    static func rows(_ url: URL) throws -> [[String]] { try XLSXReaderTests.rows(url) }

    @Test("positive control: the hand-made workbook reads as written")
    func control() throws {
        #expect(try Self.rows(try Self.workbook(Self.parts())) == [["a", "1"], ["b", "2"]])
    }

    @Test("the minimal crash file <sheetData><x\\xCEy/> fails with a message naming the part, not exit 132")
    func minimalCrashFile() throws {
        var parts = Self.parts()
        parts["xl/worksheets/sheet1.xml"] = Array("<sheetData><x".utf8) + [0xCE] + Array("y/>".utf8)
        let url = try Self.workbook(parts)
        let error = try #require(throws: IngestError.self) { try Self.rows(url) }
        #expect(error.description.contains(url.path))
        #expect(error.description.contains("xl/worksheets/sheet1.xml"))
        #expect(error.description.contains("not UTF-8"))
    }

    @Test(
        "one non-UTF-8 byte in an element name, attribute name, processing instruction or entity name, in any part",
        arguments: [
            "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/styles.xml", "xl/worksheets/sheet1.xml",
        ])
    func badByteInEveryPart(part: String) throws {
        let original = try #require(Self.parts()[part])
        // Just after the root element's opening tag (its first '>').
        let cut = try #require(original.firstIndex(of: UInt8(ascii: ">"))) + 1
        let insertions: [[UInt8]] = [
            Array("<x".utf8) + [0xCE] + Array("y/>".utf8),  // element name
            Array("<x a".utf8) + [0xCE] + Array("=\"1\"/>".utf8),  // attribute name
            Array("<?p".utf8) + [0xCE] + Array(" data?>".utf8),  // processing instruction (skipped, harmless)
            Array("<x>&a".utf8) + [0xCE] + Array(";</x>".utf8),  // entity name
        ]
        var failures = 0
        for (index, insertion) in insertions.enumerated() {
            var parts = Self.parts()
            parts[part] = Array(original[..<cut]) + insertion + Array(original[cut...])
            let url = try Self.workbook(parts, name: "bad\(index).xlsx")
            do {
                _ = try Self.rows(url)
                // Only the processing instruction may be read past: it carries no data.
                #expect(index == 2, "insertion \(index) in \(part) was read")
            } catch let error as IngestError {
                failures += 1
                #expect(error.description.contains(part), "\(error)")
                #expect(error.description.contains(url.path))
            }
        }
        #expect(failures >= 3)
    }

    @Test("a document type declaration (external entity in the shared strings) fails the file instead of blanking the string")
    func externalEntity() throws {
        var parts = Self.parts()
        parts["xl/sharedStrings.xml"] = Array(
            ("<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<sst xmlns=\"\(Self.ns)\"><si><t>&x;</t></si><si><t>b</t></si></sst>").utf8)
        let error = try #require(throws: IngestError.self) { try Self.rows(try Self.workbook(parts)) }
        #expect(error.description.contains("xl/sharedStrings.xml") && error.description.contains("document type"))
    }

    @Test("a part declared in another encoding than UTF-8 is named")
    func otherEncoding() throws {
        var parts = Self.parts()
        parts["xl/sharedStrings.xml"] =
            Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><sst><si><t>".utf8) + [0xE9] + Array("</t></si></sst>".utf8)
        let error = try #require(throws: IngestError.self) { try Self.rows(try Self.workbook(parts)) }
        #expect(error.description.contains("ISO-8859-1") && error.description.contains("xl/sharedStrings.xml"))
    }

    @Test("character references and CDATA decode; a bare & and an unknown entity fail")
    func references() throws {
        let sheet =
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lt;a&amp;b&gt; &#233;&#x20AC;&quot;&apos;</t></is></c>"
            + "<c r=\"B1\" t=\"inlineStr\"><is><t><![CDATA[x<y&z]]></t></is></c></row>"
        #expect(try Self.rows(try Self.workbook(Self.parts(sheetData: sheet))) == [["<a&b> é€\"'", "x<y&z"]])
        for bad in ["<row r=\"1\"><c t=\"inlineStr\"><is><t>a & b</t></is></c></row>", "<row><c><v>&nbsp;</v></c></row>"] {
            let error = try #require(throws: IngestError.self) { try Self.rows(try Self.workbook(Self.parts(sheetData: bad))) }
            #expect(error.description.contains("sheet1.xml"))
        }
    }

    @Test("a 64 MiB text node is read in pieces and cut at Excel's cell limit")
    func hugeTextNode() throws {
        let url = try TestSupport.temporaryFolder("xlsx-hostile").appendingPathComponent("node.xlsx")
        try TestSupport.runPython(
            """
            import sys, zipfile
            ns = '\(Self.ns)'
            rel = '\(Self.rel)'
            with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
                z.writestr('xl/workbook.xml', f'<workbook xmlns="{ns}" xmlns:r="{rel}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
                z.writestr('xl/_rels/workbook.xml.rels', f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
                z.writestr('xl/worksheets/sheet1.xml', f'<worksheet xmlns="{ns}"><sheetData><row r="1"><c t="inlineStr"><is><t>' + 'é' * (32 << 20) + '</t></is></c><c><v>7</v></c></row></sheetData></worksheet>')
            """, arguments: [url.path])
        let rows = try Self.rows(url)
        #expect(rows.count == 1 && rows[0].count == 2 && rows[0][1] == "7")
        // 32,767 characters of four UTF-8 bytes fit: é takes two, so 65,534 of them.
        #expect(rows[0][0].utf8.count == XLSXWorkbook.Limits.cellBytes)
        #expect(rows[0][0].allSatisfy { $0 == "é" })
    }

    /// `bytes` with the 32-bit little-endian field at `offset` set to `value`.
    static func patch(_ bytes: inout [UInt8], at offset: Int, _ value: UInt32) {
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
    }

    /// Offsets of every local header and central directory entry naming `path`.
    static func headers(of path: String, in bytes: [UInt8]) -> (local: [Int], central: [Int]) {
        let name = Array(path.utf8)
        var local: [Int] = [], central: [Int] = []
        for index in 0..<(bytes.count - 46) {
            if bytes[index] == 0x50 && bytes[index + 1] == 0x4B && bytes[index + 2] == 3 && bytes[index + 3] == 4
                && bytes[(index + 30)..<min(bytes.count, index + 30 + name.count)].elementsEqual(name)
            {
                local.append(index)
            }
            if bytes[index] == 0x50 && bytes[index + 1] == 0x4B && bytes[index + 2] == 1 && bytes[index + 3] == 2
                && bytes[(index + 46)..<min(bytes.count, index + 46 + name.count)].elementsEqual(name)
            {
                central.append(index)
            }
        }
        return (local, central)
    }

    @Test("a zip bomb with a lying size stops at the declared size, in one pass")
    func lyingSize() throws {
        // Written by Python: 64 MiB of comments in the sheet, deflated to about 64 KiB.
        var parts = Self.parts()
        parts["xl/worksheets/sheet1.xml"] = nil
        let url = try Self.workbook(parts, name: "bomb-source.xlsx")
        try TestSupport.runPython(
            """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], 'a', zipfile.ZIP_DEFLATED) as z:
                z.writestr('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row r="1"><c><v>1</v></c></row>'
                           + '<!-- padding -->' * (4 << 20) + '</sheetData></worksheet>')
            """, arguments: [url.path])
        var bytes = try [UInt8](Data(contentsOf: url))
        let (local, central) = Self.headers(of: "xl/worksheets/sheet1.xml", in: bytes)
        #expect(local.count == 1 && central.count == 1)
        // The directory and local header both claim 1,000 bytes; the stream inflates to 64 MiB.
        for offset in local { Self.patch(&bytes, at: offset + 22, 1000) }
        for offset in central { Self.patch(&bytes, at: offset + 24, 1000) }
        let bomb = try temporaryFile("bomb.xlsx", bytes: bytes)
        let error = try #require(throws: IngestError.self) { try Self.rows(bomb) }
        #expect(error.description.contains("more than the 1000 bytes its header declares"), "\(error)")
        // A declared size over the part limit is refused before anything is unpacked.
        for offset in local { Self.patch(&bytes, at: offset + 22, 0x7FFF_FFFF) }
        for offset in central { Self.patch(&bytes, at: offset + 24, 0x7FFF_FFFF) }
        let declared = try #require(throws: IngestError.self) { try Self.rows(try temporaryFile("big.xlsx", bytes: bytes)) }
        #expect(declared.description.contains("unpacks to 2147483647 bytes, more than 536870912"), "\(declared)")
    }

    @Test("a damaged deflate stream or checksum fails the file, never hangs")
    func damagedStream() throws {
        let url = try Self.workbook(Self.parts())
        let bytes = try [UInt8](Data(contentsOf: url))
        let (local, central) = Self.headers(of: "xl/worksheets/sheet1.xml", in: bytes)
        let dataStart = local[0] + 30 + Int(bytes[local[0] + 26]) + Int(bytes[local[0] + 28]) + 256 * Int(bytes[local[0] + 29])
        // The CRC in the directory no longer matches.
        var wrongCRC = bytes
        wrongCRC[central[0] + 16] ^= 0xFF
        let crcError = try #require(throws: IngestError.self) { try Self.rows(try temporaryFile("crc.xlsx", bytes: wrongCRC)) }
        #expect(crcError.description.contains("CRC-32") && crcError.description.contains("sheet1.xml"))
        // Every single-byte change of the compressed sheet: read correctly or failed, and never hung.
        var failed = 0
        for offset in dataStart..<(dataStart + Int(bytes[central[0] + 20])) {
            var damaged = bytes
            damaged[offset] ^= 0x5A
            do {
                _ = try Self.rows(try temporaryFile("d.xlsx", bytes: damaged))
            } catch let error as IngestError {
                failed += 1
                #expect(error.description.contains("sheet1.xml") || error.description.contains("d.xlsx"))
            }
        }
        #expect(failed > 0)
    }

    @Test("the sheet is unpacked once: the Qualtrics check's rows are reused by the read")
    func unpackedOnce() throws {
        let url = try Self.workbook(Self.parts())
        let reader = try XLSXSheetReader(url: url)
        var lines: [Int] = []
        try reader.forEachRecord { record in
            lines.append(record.line)
            return true
        }
        #expect(lines == [1, 2])
        #expect(reader.sheetUnpackings == 1)
        // A second read unpacks it again, as a second pass over a CSV reads the file again.
        try reader.forEachRecord { _ in true }
        #expect(reader.sheetUnpackings == 2)
    }

    @Test("a row the sheet leaves out is a blank row, as in the CSV a save of it writes")
    func blankRows() throws {
        let sheet =
            "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\"><v>1</v></c></row><row r=\"3\"/>"
            + "<row r=\"5\"><c r=\"A5\" t=\"s\"><v>1</v></c><c r=\"B5\"><v>2</v></c></row>"
        let url = try Self.workbook(Self.parts(sheetData: sheet))
        let reader = try XLSXSheetReader(url: url)
        var records: [(Int, [String])] = []
        try reader.forEachRecord { record in
            records.append((record.line, record.fields))
            return true
        }
        #expect(records.map(\.0) == [2, 3, 4, 5])
        #expect(records.map(\.1) == [["a", "1"], ["", ""], ["", ""], ["b", "2"]])
    }

    @Test("a password-protected workbook is named as one, not as an old .xls")
    func passwordProtected() throws {
        // An OLE compound file header, then the directory entry name of the encrypted package (UTF-16LE).
        var bytes: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        bytes += "EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [UInt8](repeating: 0, count: 96)
        let url = try temporaryFile("protected.xlsx", bytes: bytes)
        #expect(ExportFormat.detect(url) == .encryptedWorkbook)
        let error = try #require(throws: IngestError.self) { try CSVReader(url: url) }
        #expect(error.description.contains("password-protected"))
        // Positive control: an OLE file without that stream is still an old .xls.
        let old = try temporaryFile("old.xls", bytes: Array(bytes.prefix(512)) + [UInt8](repeating: 0, count: 128))
        #expect(ExportFormat.detect(old) == .xls)
    }

    @Test("sniff reads a workbook: sheet, header, records")
    func sniffWorkbook() throws {
        let url = try Self.workbook(Self.parts())
        let report = try SniffReport.sniff(file: url)
        #expect(report.format == "xlsx" && report.sheet == "S" && report.columns == ["a", "1"] && report.recordCount == 1)
        #expect(report.text.contains("XLSX") && !report.text.contains("Name it"))
    }
}
