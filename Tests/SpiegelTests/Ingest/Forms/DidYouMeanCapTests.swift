import Foundation
import Testing

@testable import Spiegel

/// "Did you mean" scans the roster once per unknown wpb, so it is rationed per file
/// (``SchoolDirectory/suggestionsPerFile``): a file whose every row names an unknown wpb costs a bounded number of
/// scans, whatever its length. Counted, not timed.
@Suite("Did you mean, capped per file")
struct DidYouMeanCapTests {
    @Test func aFileOfUnknownWpbsGetsAtMostTheCapOfSuggestions() throws {
        let job = try SampleJob()
        let exports = job.folder.appendingPathComponent("Data/exports")
        let template = try String(
            contentsOf: exports.appendingPathComponent("zelfscan-wpb-msforms-2025-2026-voorjaar.csv"), encoding: .utf8)
        let lines = template.components(separatedBy: "\r\n")
        // The rows of wpbs on the roster (the sample also plants a blank row and a newcomer near no one).
        let rostered = lines.dropFirst().filter { $0.contains(".example;") && !$0.contains("onbekend") }
        // 250 rows, each a real row with its address one letter off: "….example" → "….examplf".
        let rows = (0..<250).map { index -> String in
            rostered[index % rostered.count].replacingOccurrences(of: ".example;", with: ".examplf;")
        }
        #expect(rows.allSatisfy { $0.contains(".examplf;") })
        try ([lines[0]] + rows).joined(separator: "\r\n").write(
            to: exports.appendingPathComponent("zelfscan-wpb-msforms-typos.csv"), atomically: true, encoding: .utf8)
        _ = job.run()
        let run = try #require(
            try FileManager.default.contentsOfDirectory(atPath: job.reports.appendingPathComponent("runs").path).first)
        let quarantine = try ResearchChecks.parseCSV(
            job.reports.appendingPathComponent("runs").appendingPathComponent(run).appendingPathComponent("quarantine.csv"))
        let typos = quarantine.filter { $0[0].hasSuffix("zelfscan-wpb-msforms-typos.csv") && $0[2] == "unknown-subject" }
        // Every row is quarantined; the first 100 by line got a suggestion, the 150 after them the capped advice.
        #expect(typos.count == 250)
        let suggested = typos.filter { $0[4].contains("did you mean '") }
        #expect(suggested.count == SchoolDirectory.suggestionsPerFile)
        #expect(Set(suggested.map { Int($0[1]) ?? 0 }) == Set(2...101))
        #expect(typos.filter { $0[4].contains("no \"did you mean\" beyond the file's first 100") }.count == 150)
        // Positive control: the sample's own files, with few unknown wpbs, keep their suggestion.
        let other = quarantine.filter { !$0[0].hasSuffix("typos.csv") && $0[2] == "unknown-subject" }
        #expect(!other.isEmpty && other.allSatisfy { !$0[4].contains("beyond the file's first") })
    }
}
