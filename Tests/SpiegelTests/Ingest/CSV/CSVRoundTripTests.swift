import Foundation
import Testing

@testable import Spiegel
@testable import SyntheticData

// The library's seeded generator (Generate/SeededGenerator.swift), so a failing case can be replayed from its seed.

@Suite("CSV round trip")
struct CSVRoundTripTests {
    static let pieces = [
        "a", "Z", "5", " ", "é", "ʤ", "—", "😀", "ij", "\"", "\"\"", ",", ";", "\t", "|", "\n", "\r\n", "x y", "'",
    ]

    /// Writes a table per RFC 4180: fields with a delimiter, quote or line break are quoted
    /// (and some others, at random); a lone empty field is quoted so its line is not empty.
    static func write(
        _ table: [[String]], delimiter: Character, lineEnd: String, finalNewline: Bool,
        using generator: inout SeededGenerator
    ) -> String {
        var text = ""
        for (index, row) in table.enumerated() {
            let cells = row.map { cell -> String in
                // Scalars, not Characters: "\r\n" is one Character that is neither "\r" nor "\n".
                let special = Set(("\"\r\n" + String(delimiter)).unicodeScalars)
                let needsQuotes = cell.unicodeScalars.contains { special.contains($0) } || (row.count == 1 && cell.isEmpty)
                if needsQuotes || Int.random(in: 0..<5, using: &generator) == 0 {
                    return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                }
                return cell
            }
            text += cells.joined(separator: String(delimiter))
            if index < table.count - 1 || finalNewline { text += lineEnd }
        }
        return text
    }

    @Test("random tables written per RFC 4180 parse back to the same table", arguments: 0..<300)
    func roundTrip(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed))
        let delimiter = [",", ";", "\t", "|"].randomElement(using: &generator)!
        let lineEnd = Bool.random(using: &generator) ? "\r\n" : "\n"
        let columns = Int.random(in: 1...6, using: &generator)
        let rows = Int.random(in: 1...8, using: &generator)
        let table: [[String]] = (0..<rows).map { _ in
            (0..<columns).map { _ in
                let length = Int.random(in: 0...4, using: &generator)
                return (0..<length).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            }
        }
        let text = Self.write(
            table, delimiter: Character(delimiter), lineEnd: lineEnd,
            finalNewline: Bool.random(using: &generator), using: &generator)
        let records = parse(text, delimiter: UInt8(ascii: UnicodeScalar(delimiter)!))
        #expect(records.map(\.fields) == table, "seed \(seed): \(text.debugDescription)")
        #expect(records.allSatisfy { $0.problem == nil })
        // Each row starts one line after the previous row's line breaks (a CRLF is one break).
        var expectedLines: [Int] = []
        var line = 1
        for row in table {
            expectedLines.append(line)
            line += row.reduce(0) { $0 + $1.unicodeScalars.filter { $0 == "\n" }.count } + 1
        }
        #expect(records.map(\.line) == expectedLines, "seed \(seed)")
    }
}
