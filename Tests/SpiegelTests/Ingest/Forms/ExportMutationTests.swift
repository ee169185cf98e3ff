import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// A bounded mutation run over CSV and XLSX exports: seeded byte flips, insertions of the bytes
/// that matter to the formats (quotes, delimiters, line ends, markup, invalid UTF-8), deletions,
/// duplications and truncations. Every mutant must be read, with every row used or quarantined
/// (rows read = used + quarantined), or fail with an ``IngestError`` naming the file; a crash or a
/// hang fails the suite. `SPIEGEL_FUZZ_MUTANTS` raises the count (`make fuzz`).
@Suite("Export mutations")
struct ExportMutationTests {
    /// Mutants per run: 2,000 by default, split between CSV and the two kinds of XLSX mutants.
    static var mutantCount: Int {
        ProcessInfo.processInfo.environment["SPIEGEL_FUZZ_MUTANTS"].flatMap(Int.init) ?? 2_000
    }

    /// Bytes worth inserting: what the CSV parser, the XML reader and the UTF-8 checks look at.
    static let interesting: [UInt8] =
        Array("\"';,\t\n\r<>/&#=?!-[]x0 ".utf8) + [0x00, 0xCE, 0xFF, 0xC3, 0xA9, 0x92, 0xEF, 0xBB, 0xBF]

    /// Applies one to four seeded mutations to `bytes`.
    static func mutate(_ bytes: [UInt8], _ random: inout SeededRandom) -> [UInt8] {
        var mutated = bytes
        for _ in 0..<(1 + Int(random.next() % 4)) {
            guard !mutated.isEmpty else { break }
            let at = Int(random.next() % UInt64(mutated.count))
            switch random.next() % 6 {
            case 0: mutated[at] = UInt8(truncatingIfNeeded: random.next())
            case 1, 2: mutated.insert(interesting[Int(random.next() % UInt64(interesting.count))], at: at)
            case 3: mutated.remove(at: at)
            case 4:
                let length = min(Int(random.next() % 64), mutated.count - at)
                mutated.insert(contentsOf: mutated[at..<(at + length)], at: at)
            default:
                if random.next() % 4 == 0 { mutated.removeSubrange(at...) }
            }
        }
        return mutated
    }

    /// What reading the mutants gave.
    struct Tally {
        var read = 0
        var failed = 0
        var rows = 0
        /// Refusals for bytes that are not UTF-8 in markup: the class of input that crashed `XMLParser`.
        var notUTF8 = 0
    }

    /// Reads `bytes` as a zelfscan export; checks that every row is accounted for.
    static func check(_ bytes: [UInt8], name: String, into tally: inout Tally) throws {
        let url = try temporaryFile(name, bytes: bytes)
        do {
            let result = try HostileExportTests.read(url)
            let summary = result.summary
            #expect(summary.rowsRead == summary.rowsUsed + summary.rowsQuarantined, "\(name)")
            #expect(result.forms.count == summary.rowsUsed && result.quarantine.count == summary.rowsQuarantined)
            tally.read += 1
            tally.rows += summary.rowsRead
        } catch let error as IngestError {
            #expect(error.description.contains(url.path) || error.description.contains("source 'zelfscan'"), "\(error)")
            tally.failed += 1
            if error.description.contains("not UTF-8") { tally.notUTF8 += 1 }
        }
    }

    /// A zelfscan CSV with quoted, multi-line, apostrophe and accented comments.
    static let csvSeed: [UInt8] = Array(
        HostileExportTests.zelfscan(rows: 12) { row in
            switch row % 4 {
            case 0: "\"Twee regels;\nmet \"\"citaat\"\"\""
            case 1: "collega’s en ‘t Hart"
            case 2: "'Jan'"
            default: "coöperatie"
            }
        }.utf8)

    /// The same rows as a sheet: inline strings, so that every byte mutated is in the sheet part.
    static var sheetSeed: [UInt8] {
        let text = String(decoding: csvSeed, as: UTF8.self)
        var parser = Array(text.utf8)
        let rows = parser.withUnsafeMutableBytes { buffer -> [[String]] in
            var csv = CSVParser(bytes: UnsafeRawBufferPointer(buffer), delimiter: ASCII.semicolon)
            var record = CSVRecord()
            var rows: [[String]] = []
            while csv.next(into: &record) { rows.append(record.fields) }
            return rows
        }
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        }
        let data = rows.enumerated().map { index, row in
            "<row r=\"\(index + 1)\">"
                + row.map { "<c t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escaped($0))</t></is></c>" }.joined()
                + "</row>"
        }.joined()
        return Array("<worksheet xmlns=\"\(XLSXHostileTests.ns)\"><sheetData>\(data)</sheetData></worksheet>".utf8)
    }

    @Test("CSV and XLSX mutants: none crashes or hangs, every row read is used or quarantined")
    func mutants() throws {
        var random = SeededRandom(seed: 25)
        let total = Self.mutantCount
        // Positive control: the seeds read whole.
        var seedTally = Tally()
        try Self.check(Self.csvSeed, name: "seed.csv", into: &seedTally)
        var parts = XLSXHostileTests.parts()
        parts["xl/worksheets/sheet1.xml"] = Self.sheetSeed
        try Self.check(StoredZip.archive(parts), name: "seed.xlsx", into: &seedTally)
        #expect(seedTally.read == 2 && seedTally.rows == 24)

        // Half CSV; a quarter XLSX with a mutated sheet part stored uncompressed (the XML reader
        // sees every mutation); a quarter deflated archives mutated as bytes (zip and inflate).
        var csv = Tally(), xml = Tally(), archive = Tally()
        for _ in 0..<(total / 2) { try Self.check(Self.mutate(Self.csvSeed, &random), name: "m.csv", into: &csv) }
        let sheet = Self.sheetSeed
        for _ in 0..<(total / 4) {
            var mutatedParts = parts
            mutatedParts["xl/worksheets/sheet1.xml"] = Self.mutate(sheet, &random)
            try Self.check(StoredZip.archive(mutatedParts), name: "m.xlsx", into: &xml)
        }
        let deflated = try [UInt8](Data(contentsOf: try XLSXHostileTests.workbook(parts, name: "seed-deflated.xlsx")))
        for _ in 0..<(total - total / 2 - total / 4) {
            try Self.check(Self.mutate(deflated, &random), name: "m.xlsx", into: &archive)
        }
        // The run exercised both outcomes in each kind: files read (with their rows) and files refused.
        #expect(csv.read > total / 4 && csv.rows > 0)
        #expect(xml.read > 0 && xml.failed > 0 && xml.notUTF8 > 0)
        #expect(archive.failed > 0)
        #expect(csv.read + csv.failed + xml.read + xml.failed + archive.read + archive.failed == total)
    }
}

/// A zip archive of stored (uncompressed) entries, written here so a mutated part is zipped without
/// a Python call per mutant (APPNOTE 6.3: local headers, central directory, end record).
enum StoredZip {
    static func archive(_ parts: [String: [UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        func le16(_ value: Int, _ into: inout [UInt8]) { into += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
        func le32(_ value: UInt32, _ into: inout [UInt8]) {
            for shift in [0, 8, 16, 24] { into.append(UInt8(value >> shift & 0xFF)) }
        }
        for (name, data) in parts.sorted(by: { $0.key < $1.key }) {
            let nameBytes = Array(name.utf8)
            let crc = crc32(data)
            let offset = UInt32(out.count)
            le32(0x0403_4B50, &out)
            le16(20, &out)
            le16(0, &out)
            le16(0, &out)
            le16(0, &out)
            le16(0, &out)
            le32(crc, &out)
            le32(UInt32(data.count), &out)
            le32(UInt32(data.count), &out)
            le16(nameBytes.count, &out)
            le16(0, &out)
            out += nameBytes + data
            le32(0x0201_4B50, &directory)
            le16(20, &directory)
            le16(20, &directory)
            le16(0, &directory)
            le16(0, &directory)
            le16(0, &directory)
            le16(0, &directory)
            le32(crc, &directory)
            le32(UInt32(data.count), &directory)
            le32(UInt32(data.count), &directory)
            le16(nameBytes.count, &directory)
            le16(0, &directory)
            le16(0, &directory)
            le16(0, &directory)
            le16(0, &directory)
            le32(0, &directory)
            le32(offset, &directory)
            directory += nameBytes
        }
        let directoryOffset = UInt32(out.count)
        out += directory
        le32(0x0605_4B50, &out)
        le16(0, &out)
        le16(0, &out)
        le16(parts.count, &out)
        le16(parts.count, &out)
        le32(UInt32(directory.count), &out)
        le32(directoryOffset, &out)
        le16(0, &out)
        return out
    }

    /// CRC-32 (IEEE 802.3, reflected, as zip uses), bit by bit: independent of zlib's.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
