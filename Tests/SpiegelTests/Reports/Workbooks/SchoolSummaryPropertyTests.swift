import Foundation
import SpiegelTestSupport
import SyntheticData
import Testing

@testable import Spiegel

/// Over generated three-wave sets, every school and every wave (released as of the day after each wave closes),
/// every sentence of page 1: no direction word contradicts the numbers it states, and every number is the value of
/// the cell it cites, rounded as the file shows it. Checked by `scripts/summary-check.py`, which reads the files
/// with openpyxl and knows nothing of Spiegel's templates.
@Suite(.serialized) struct SchoolSummaryPropertyTests {
    struct Report: Decodable {
        var checked: Int
        var problems: [String]
    }

    /// `spiegel generate --waves 3` in-process, analysed.
    static func generated(subjects: Int, seed: UInt64, in folder: URL) throws -> (PipelineConfiguration, AnalysisResult) {
        let job = folder.appendingPathComponent("generated")
        try GeneratedJob.write(subjects: subjects, waves: 3, seed: seed, to: job, key: false)
        let configuration = try PipelineConfiguration.load(from: job.appendingPathComponent("Pipeline.yml"))
        var analyzer = Analyzer(configuration: configuration)
        for form in try FormIngest(configuration: configuration).run().forms { analyzer.add(form) }
        return (configuration, analyzer.finish())
    }

    /// The JSON entry of one written workbook and its sentences.
    static func entry(_ file: URL, _ sentences: [SchoolSummary.Sentence], waveNames: [String]) -> [String: Any] {
        [
            "file": file.path, "waveNames": waveNames,
            "sentences": sentences.map { sentence in
                [
                    "topic": sentence.topic, "text": sentence.text,
                    "figures": sentence.figures.map { figure in
                        [
                            "text": figure.text, "kind": "\(figure.kind)", "sheet": figure.cell.sheet,
                            "row": figure.cell.row, "column": figure.cell.column,
                        ] as [String: Any]
                    },
                ] as [String: Any]
            },
        ]
    }

    /// The first day a wave's figures are released: the day after it closes.
    static func dayAfter(_ day: Day) -> Day {
        if day.day < Day.daysIn(month: day.month, year: day.year) {
            return Day(year: day.year, month: day.month, day: day.day + 1)
        }
        return day.month == 12 ? Day(year: day.year + 1, month: 1, day: 1) : Day(year: day.year, month: day.month + 1, day: 1)
    }

    static func check(_ entries: [[String: Any]], in folder: URL) throws -> Report {
        let url = folder.appendingPathComponent("sentences.json")
        try JSONSerialization.data(withJSONObject: entries).write(to: url)
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/summary-check.py").path
        // Exit 1 means problems; the report is on stdout either way.
        let output: String
        do {
            output = try TestSupport.run(TestSupport.python, arguments: [script, url.path])
        } catch let failure as TestSupport.ProcessFailure {
            output = failure.stdout
        }
        return try JSONDecoder().decode(Report.self, from: Data(output.utf8))
    }

    @Test(arguments: [(240, 3 as UInt64), (90, 11)])
    func everySentenceOfEverySchoolAndWaveIsTrueToItsCells(subjects: Int, seed: UInt64) throws {
        let folder = try TestSupport.temporaryFolder("summary-property")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (configuration, result) = try Self.generated(subjects: subjects, seed: seed, in: folder)
        let waveNames = result.waves.map(\.displayName)
        var entries: [[String: Any]] = []
        var topics: Set<String> = []
        for (index, wave) in result.waves.enumerated() {
            let asOf = Self.dayAfter(wave.end)
            let release = DisclosureControl(rules: DisclosureRules(configuration: configuration, asOf: asOf)).release(result)
            let runInfo = RunInfo(
                version: "test", runDate: Date(timeIntervalSince1970: 0), configurationHash: "0", inputs: [], releaseDay: asOf)
            let context = ReportContext(result: result, configuration: configuration, runInfo: runInfo, release: release)
            let waveFolder = folder.appendingPathComponent("wave\(index)")
            try FileManager.default.createDirectory(at: waveFolder, withIntermediateDirectories: true)
            for school in configuration.registry.schools {
                let workbook = SchoolWorkbook(
                    result: result, configuration: configuration, school: school, runInfo: runInfo, release: release)
                let url = waveFolder.appendingPathComponent(workbook.fileName)
                try workbook.write(to: url, context: context)
                let partnership =
                    configuration.registry.partnership(school.partnership)
                    ?? Partnership(id: school.partnership, name: school.partnership)
                let sentences = SchoolSummary(context: context, school: school, partnership: partnership).sentences()
                topics.formUnion(sentences.map(\.topic))
                entries.append(Self.entry(url, sentences, waveNames: waveNames))
            }
        }
        let report = try Self.check(entries, in: folder)
        #expect(report.problems.isEmpty, "\(report.problems.prefix(10))")
        #expect(report.checked > 3 * 10)
        // The sets exercise every kind of sentence with numbers.
        for topic in ["Respons", "Sterkst en zwakst", "Partnerschap", "Blinde vlek", "Verandering"] {
            #expect(topics.contains(topic), "no “\(topic)” sentence in the generated set")
        }
    }

    /// Positive control: sentences as the old summary wrote them, and a figure citing the wrong cell, are caught.
    @Test func aContradictingOrMiscitedSentenceIsCaught() throws {
        let folder = try TestSupport.temporaryFolder("summary-property-control")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try SampleDataPrivacyTests.SampleRun()
        let school = try #require(run.configuration.registry.schools.first)
        let released = DisclosureControl(rules: DisclosureRules(configuration: run.configuration, asOf: SchoolSummaryTests.today))
            .release(run.result)
        let context = ReportContext(result: run.result, configuration: run.configuration, runInfo: run.runInfo, release: released)
        let workbook = SchoolWorkbook(
            result: run.result, configuration: run.configuration, school: school, runInfo: run.runInfo, release: released)
        let url = folder.appendingPathComponent(workbook.fileName)
        try workbook.write(to: url, context: context)
        let partnership = try #require(run.configuration.registry.partnership(school.partnership))
        let sentences = SchoolSummary(context: context, school: school, partnership: partnership).sentences()
        let cited = try #require(sentences.first { $0.topic == "Sterkst en zwakst" })
        let figure = try #require(cited.figures.first)
        let wrongRow = SchoolSummary.Figure(
            figure.value, figure.kind, .init(sheet: figure.cell.sheet, row: figure.cell.row + 100, column: 1))
        let cases: [SchoolSummary.Sentence] = [
            // A rising verb beside a fall, and a level beside a difference (the old "Verandering").
            SchoolSummary.Sentence("Verandering", "Sinds najaar steeg de feedback het meest bij Aa (−0,1)."),
            SchoolSummary.Sentence("Partnerschap", "De feedback ligt onder het partnerschap bij Aa (+0,2)."),
            // A figure whose cell is empty, and a number with no cell at all.
            SchoolSummary.Sentence(cited.topic, cited.text, figures: [wrongRow]),
            SchoolSummary.Sentence(cited.topic, cited.text + " Het verschil is 0,7.", figures: cited.figures),
        ]
        let report = try Self.check([Self.entry(url, cases, waveNames: [])], in: folder)
        // Each case is caught (the made-up texts are also not on the sheet; the miscited one is).
        #expect(report.problems.contains { $0.contains("“−0,1” under a up word") })
        #expect(report.problems.contains { $0.contains("“+0,2” under a down word") })
        #expect(report.problems.contains { $0.contains("cites a cell holding None") })
        #expect(report.problems.contains { $0.contains("0,7 is not a figure of a cited cell") })
        // And the real sentences of the same workbook pass.
        #expect(
            try Self.check([Self.entry(url, sentences, waveNames: run.result.waves.map(\.displayName))], in: folder).problems
                .isEmpty)
    }
}
