import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// `public/` as a reader meets it: the tables, their codebook and data package agree; a number is empty exactly
/// where a reason says why; the codes are the ones the data package allows.
@Suite("Public export")
struct PublicExportTests {
    /// `public/` of the sample, written from the sample's released view.
    static func written() throws -> URL {
        let configuration = try PipelineConfiguration.load(from: TestSupport.packageRoot.appendingPathComponent("Pipeline.yml"))
        var analyzer = Analyzer(configuration: configuration)
        analyzer.add(try FormIngest(configuration: configuration).run().table)
        let result = analyzer.finish()
        // In the second wave, before it closes: the first wave's figures shown, the second's withheld as open.
        let rules = DisclosureRules(configuration: configuration, asOf: Day(year: 2026, month: 4, day: 1))
        let release = DisclosureControl(rules: rules).release(result)
        let folder = try TestSupport.temporaryFolder("public-export").appendingPathComponent("public")
        _ = try PublicExport(release: release, settings: result.settings).write(to: folder)
        return folder
    }

    static func rows(_ file: URL) throws -> [[String: String]] {
        let rows = try ResearchChecks.parseCSV(file)
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// Per row, the groups of numbers that a `withheld` column speaks for: empty numbers need a reason, shown
    /// numbers none. Returns the problems found.
    static func emptinessProblems(_ rows: [[String: String]], groups: [(numbers: [String], reason: String)]) -> [String] {
        var problems: [String] = []
        for (index, row) in rows.enumerated() {
            for group in groups {
                let empty = group.numbers.map { (row[$0] ?? "").isEmpty }
                let reason = row[group.reason] ?? ""
                if empty.contains(true) && reason.isEmpty {
                    problems.append("row \(index + 2): \(group.numbers) empty, no reason")
                }
                if empty.contains(false) && !reason.isEmpty {
                    problems.append("row \(index + 2): \(group.reason) beside a number")
                }
            }
        }
        return problems
    }

    static let aggregateGroups: [(numbers: [String], reason: String)] = [
        (["self_mean", "feedback_mean", "gap_mean"], "withheld"), (["student_mean"], "student_withheld"),
        (["schoolopleider_mean"], "schoolopleider_withheld"),
        (["share_overschatting", "share_in_overeenstemming", "share_onderschatting"], "shares_withheld"),
    ]

    @Test func numbersAreEmptyExactlyWhereAReasonSaysWhy() throws {
        let folder = try Self.written()
        let aggregates = try Self.rows(folder.appendingPathComponent("aggregates.csv"))
        #expect(aggregates.count >= 10)
        #expect(Self.emptinessProblems(aggregates, groups: Self.aggregateGroups) == [])
        // The sample shows some partnership rows and withholds others (its open wave at least).
        #expect(aggregates.contains { !$0["self_mean", default: ""].isEmpty })
        #expect(aggregates.contains { !$0["withheld", default: ""].isEmpty })
        let changes = try Self.rows(folder.appendingPathComponent("changes.csv"))
        #expect(Self.emptinessProblems(changes, groups: [(["change_self_mean", "change_feedback_mean"], "withheld")]) == [])
        // Shown shares are shares of the same n wpbs: they add up to one.
        for row in aggregates where !row["share_overschatting", default: ""].isEmpty {
            let sum = ["share_overschatting", "share_in_overeenstemming", "share_onderschatting"]
                .compactMap { Double(row[$0] ?? "") }.reduce(0, +)
            #expect(abs(sum - 1) < 1e-6, "\(row)")
        }
    }

    /// Positive control: the check finds a number emptied without a reason, and a reason beside a number.
    @Test func theEmptinessCheckCatchesAMissingReason() {
        let shown = ["self_mean": "5.1", "feedback_mean": "4.9", "gap_mean": "0.2", "withheld": ""]
        #expect(Self.emptinessProblems([shown], groups: [Self.aggregateGroups[0]]).isEmpty)
        var silent = shown
        silent["gap_mean"] = ""
        #expect(Self.emptinessProblems([silent], groups: [Self.aggregateGroups[0]]).count == 1)
        var contradicted = shown
        contradicted["withheld"] = "small-group"
        #expect(Self.emptinessProblems([contradicted], groups: [Self.aggregateGroups[0]]).count == 1)
    }

    /// Each table's header is its codebook rows and its data package fields, in order; every reason code the
    /// disclosure layer can give is allowed in every `withheld` column, and each shown code is one of them.
    @Test func codebookAndDataPackageDescribeTheTablesAsWritten() throws {
        let folder = try Self.written()
        let codebook = try Self.rows(folder.appendingPathComponent("codebook.csv"))
        let package = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("datapackage.json")))
                as? [String: Any])
        let resources = try #require(package["resources"] as? [[String: Any]])
        let allCodes = Set(WithholdingReason.Code.allCases.map(\.rawValue))
        for file in ["aggregates.csv", "changes.csv"] {
            let table = try ResearchChecks.parseCSV(folder.appendingPathComponent(file))
            let header = try #require(table.first)
            #expect(codebook.filter { $0["file"] == file }.map { $0["column", default: ""] } == header, "\(file)")
            let resource = try #require(resources.first { ($0["path"] as? String) == file }, "\(file)")
            let fields = try #require((resource["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
            #expect(fields.compactMap { $0["name"] as? String } == header, "\(file)")
            for field in fields where (field["name"] as? String)?.hasSuffix("withheld") == true {
                let allowed = Set(((field["constraints"] as? [String: Any])?["enum"] as? [String]) ?? [])
                #expect(allowed == allCodes, "\(file) \(field["name"] ?? "")")
                let column = try #require(header.firstIndex(of: field["name"] as? String ?? ""))
                for row in table.dropFirst() where !row[column].isEmpty { #expect(allowed.contains(row[column])) }
            }
        }
    }
}
