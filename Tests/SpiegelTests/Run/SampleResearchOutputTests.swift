import Foundation
import SpiegelTestSupport
import SyntheticData
import Testing

@testable import Spiegel

/// The researcher folder of a real run on the shipped sample, checked by independent tools.
@Suite("Researcher output of the sample run", .serialized)
struct SampleResearchOutputTests {
    @Test func frictionlessAcceptsTheDataPackage() throws {
        let job = try SampleJob()
        _ = job.run()
        let report = try ResearchChecks.validateDataPackage(in: job.latest.appendingPathComponent("research"))
        #expect(!report.isEmpty)
    }

    @Test func formsResponsesAndItemsFitTogetherAndHoldExactlyTheFormsUsed() throws {
        let job = try SampleJob()
        _ = job.run()
        let research = job.latest.appendingPathComponent("research")
        let report = try ResearchChecks.checkFormTables(
            in: research,
            instrumentFolder: job.folder.appendingPathComponent("Data/instruments"))
        #expect(report.problems.isEmpty, "\(report.problems.prefix(10))")
        #expect(report.responses == report.expectedResponses)
        #expect(
            Set(report.itemsPerInstrument.keys) == [
                "zelfscan-wpb", "feedback-student", "feedback-schoolopleider",
                "scan-opleidingsschool",
            ])
        // Forms used per export file: the manifest's rows_used (rows read − quarantined, which PipelineRunTests checks
        // against Python's count of each file's records) against forms.csv's sources.
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: job.latest.appendingPathComponent("run-manifest.json")))
            as? [String: Any]
        let inputs = try #require(manifest?["inputs"] as? [[String: Any]])
        let forms = try ResearchChecks.parseCSV(research.appendingPathComponent("forms.csv")).dropFirst()
        let sourceColumn = 1
        var formsPerFile = [String: Int]()
        for form in forms {
            let file = form[sourceColumn].split(separator: ":").dropLast().joined(separator: ":")
            formsPerFile[file, default: 0] += 1
        }
        var used = [String: Int]()
        for input in inputs {
            let path = try #require(input["path"] as? String)
            used[(path as NSString).lastPathComponent] = try #require(input["rows_used"] as? Int)
        }
        #expect(forms.count == report.forms)
        #expect(forms.count == used.values.reduce(0, +))
        #expect(formsPerFile == used.filter { $0.value > 0 })
        #expect(forms.count > 300)
    }

    @Test func aggregatesAgreeWithARecomputationFromTheResearchFilesAlone() throws {
        let job = try SampleJob()
        _ = job.run()
        let report = try ResearchChecks.recomputeAggregates(in: job.latest.appendingPathComponent("research"))
        #expect(report.problems.isEmpty, "\(report.problems.prefix(10))")
        #expect(report.rowsChecked > 100)
        #expect(report.cellsCompared > 50)
    }

    @Test func theResearchFolderHoldsNoNamesNoAddressesAndNothingElse() throws {
        let job = try SampleJob()
        _ = job.run()
        let research = job.latest.appendingPathComponent("research")
        let configuration = try PipelineConfiguration.load(from: job.configuration)
        // Every identifier and name the inputs hold: roster and every respondent/subject address in the exports.
        var forbidden = Set(configuration.registry.roster.map(\.supervisor))
        forbidden.formUnion(configuration.registry.roster.compactMap(\.name))
        let exports = try FileManager.default.contentsOfDirectory(
            at: job.folder.appendingPathComponent("Data/exports"), includingPropertiesForKeys: nil)
        for export in exports {
            let text = String(decoding: try Data(contentsOf: export), as: UTF8.self)
            let addresses = text.split(whereSeparator: { ",;\"\r\n ".contains($0) }).filter { $0.contains("@") }
            forbidden.formUnion(addresses.map { String($0).lowercased() })
        }
        #expect(forbidden.count > 100)
        #expect(try ResearchChecks.filesContaining(Array(forbidden) + ["@"], in: research).isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: research.path).sorted()
        #expect(
            names == [
                "README.md", "aggregates.csv", "areas.csv", "codebook.csv", "datapackage.json", "forms.csv", "items.csv",
                "responses.csv", "scale_labels.csv", "school_scores.csv", "spiegel.R", "subject_scores.csv",
                "subject_wide.csv", "subject_wide.sps", "waves.csv",
            ])
        // The key never leaves its file.
        let key = try String(contentsOf: job.folder.appendingPathComponent(".spiegel-key"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try ResearchChecks.filesContaining([key], in: job.latest).isEmpty)
    }

    @Test func withoutAKeyTheWorkbooksArePublishedAndTheResearchFilesAreNot() throws {
        let job = try SampleJob { $0.replacingOccurrences(of: "key_file: .spiegel-key", with: "key_file: missing.key") }
        guard ProcessInfo.processInfo.environment["SPIEGEL_PSEUDONYM_KEY"] == nil else { return }
        let outcome = job.run()
        #expect(outcome.status == .actionNeeded)
        #expect(outcome.summary.contains("spiegel keygen"))
        #expect(!FileManager.default.fileExists(atPath: job.latest.appendingPathComponent("research").path))
        #expect(FileManager.default.fileExists(atPath: job.latest.appendingPathComponent("schools").path))
    }
}

/// docs/configuration.md, "Instrument files": an instrument is data. A 20th self-scan statement reaches every report without code changes.
@Suite("Instruments as data")
struct InstrumentAsDataTests {
    @Test func aTwentiethSelfScanStatementChangesTheReports() throws {
        let folder = try TestSupport.temporaryFolder("twenty-items")
        let instruments = folder.appendingPathComponent("instruments")
        try FileManager.default.copyItem(at: TestSupport.packageRoot.appendingPathComponent("Data/instruments"), to: instruments)
        let selfScan = instruments.appendingPathComponent("zelfscan-wpb.yml")
        var text = try String(contentsOf: selfScan, encoding: .utf8)
        if !text.hasSuffix("\n") { text += "\n" }
        // Appended to the items list, which is the file's last block.
        let lastItems = text.range(of: "open_questions:") == nil
        #expect(lastItems, "the test appends to the items list at the end of the file")
        text += "  - {id: Z20, area: ontwikkeling, text: \"Ik deel wat ik leer met collega-werkplekbegeleiders.\"}\n"
        try text.write(to: selfScan, atomically: true, encoding: .utf8)

        let files = try FileManager.default.contentsOfDirectory(at: instruments, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yml" }.sorted { $0.path < $1.path }
        let loaded = try files.map { try Instrument.load(from: $0) }
        #expect(loaded.first { $0.id == "zelfscan-wpb" }?.items.count == 20)

        var parameters = SyntheticDataSet.Parameters(subjects: 15, waves: 1, seed: 11)
        parameters.schoolSizes = [5, 5, 5]
        parameters.partnershipSizes = [3]
        parameters.instrumentFiles = files
        let job = folder.appendingPathComponent("job")
        _ = try SyntheticDataSet(instruments: loaded, parameters: parameters).write(to: job)
        _ = try PseudonymKey.generate(writingTo: job.appendingPathComponent("test.key"))
        let configurationFile = job.appendingPathComponent("Pipeline.yml")
        var configuration = try String(contentsOf: configurationFile, encoding: .utf8)
        configuration = configuration.replacingOccurrences(of: "key_file: .spiegel-key", with: "key_file: test.key")
        try configuration.write(to: configurationFile, atomically: true, encoding: .utf8)

        let outcome = PipelineRun(options: .init(configurationFile: configurationFile)).execute()
        #expect(outcome.published != nil, "\(outcome.summary)")
        let latest = job.appendingPathComponent("Reports/latest")
        let responses = try ResearchChecks.parseCSV(latest.appendingPathComponent("research/responses.csv"))
        let itemColumn = try #require(responses.first?.firstIndex(of: "item"))
        let z20 = responses.filter { $0[itemColumn] == "Z20" }
        #expect(z20.count >= 14, "one row per self-scan form")
        // The partnership workbook's self-scan reliability now counts five items in 'ontwikkeling'.
        let report = try ResearchChecks.recomputeAggregates(in: latest.appendingPathComponent("research"))
        #expect(report.problems.isEmpty, "\(report.problems.prefix(10))")
    }
}
