import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// The MT workbooks made from the shipped sample (Pipeline.yml, Data/) hold no other school and no
/// individual: the fixture tests check the rule on hand-made data, this one on what a run produces.
@Suite struct SampleDataPrivacyTests {
    /// One run over the shipped sample, shared by the tests: configuration, ingest, analysis.
    struct SampleRun {
        let configuration: PipelineConfiguration
        let ingest: IngestResult
        let result: AnalysisResult
        let runInfo: RunInfo

        init() throws {
            configuration = try PipelineConfiguration.load(from: TestSupport.packageRoot.appendingPathComponent("Pipeline.yml"))
            ingest = try FormIngest(configuration: configuration).run()
            var analyzer = Analyzer(configuration: configuration)
            for form in ingest.forms { analyzer.add(form) }
            result = analyzer.finish()
            runInfo = RunInfo(
                version: "test", runDate: ingest.forms.map(\.submittedAt).max() ?? Date(timeIntervalSince1970: 0),
                configurationHash: "0", inputs: ingest.files)
        }

        /// What the disclosure rules release of the sample on a first night, as of the run's release day.
        var release: ReleasedView { .firstNight(of: result, configuration: configuration, runInfo: runInfo) }
    }

    /// Where each needle occurs in the workbook's XML parts (entities decoded): school ids as whole
    /// words and case-sensitive, everything else case-insensitive anywhere.
    static func occurrences(in workbook: URL, ids: [String], texts: [String]) throws -> [String] {
        let script = #"""
            import html, json, re, sys, zipfile
            path, needles = sys.argv[1], json.load(open(sys.argv[2]))
            hits = []
            with zipfile.ZipFile(path) as z:
                for name in sorted(z.namelist()):
                    if not (name.endswith(".xml") or name.endswith(".rels")):
                        continue
                    text = html.unescape(z.read(name).decode("utf-8"))
                    lowered = text.lower()
                    for needle in needles["ids"]:
                        if re.search(r"(?<![0-9A-Za-z])" + re.escape(needle) + r"(?![0-9A-Za-z])", text):
                            hits.append(name + ": " + needle)
                    for needle in needles["texts"]:
                        if needle.lower() in lowered:
                            hits.append(name + ": " + needle)
            print(json.dumps(hits))
            """#
        let needlesURL = workbook.deletingLastPathComponent().appendingPathComponent("needles.json")
        try JSONSerialization.data(withJSONObject: ["ids": ids, "texts": texts]).write(to: needlesURL)
        let output = try TestSupport.runPython(script, arguments: [workbook.path, needlesURL.path])
        return try JSONDecoder().decode([String].self, from: Data(output.utf8))
    }

    @Test func schoolWorkbooksHoldNoOtherSchoolAndNoIndividual() throws {
        let run = try SampleRun()
        let registry = run.configuration.registry
        let schoolsWithData = Set(run.result.subjectScores.map(\.school))
        try #require(schoolsWithData.count >= 2, "the sample should cover several schools")
        // Every person the run knows of: the roster (e-mail and name) and every respondent and wpb in the forms.
        let schoolIDs = Set(registry.schools.map(\.id))
        var people = Set(registry.roster.map(\.supervisor))
        people.formUnion(registry.roster.compactMap(\.name))
        people.formUnion(run.ingest.forms.map(\.respondent))
        people.formUnion(run.ingest.forms.map(\.subject).filter { !schoolIDs.contains($0) })
        // Short strings would match by accident inside ordinary words.
        let personNeedles = people.filter { $0.count >= 5 }.sorted()
        #expect(personNeedles.count > registry.roster.count)

        let folder = try TestSupport.temporaryFolder("sample-privacy")
        defer { try? FileManager.default.removeItem(at: folder) }
        let release = run.release
        for school in registry.schools where schoolsWithData.contains(school.id) {
            let schoolFolder = folder.appendingPathComponent(school.id, isDirectory: true)
            try FileManager.default.createDirectory(at: schoolFolder, withIntermediateDirectories: true)
            let workbook = SchoolWorkbook(
                result: run.result, configuration: run.configuration, school: school, runInfo: run.runInfo,
                release: release)
            let url = schoolFolder.appendingPathComponent(workbook.fileName)
            try workbook.write(to: url)

            let others = registry.schools.filter { $0.id != school.id }
            let hits = try Self.occurrences(in: url, ids: others.map(\.id), texts: others.map(\.name) + personNeedles)
            #expect(hits.isEmpty, "\(school.id): \(hits.prefix(10))")

            // The scan can fail: it finds the school's own id and name in the same parts.
            let own = try Self.occurrences(in: url, ids: [school.id], texts: [school.name])
            #expect(own.contains { $0.hasSuffix(": " + school.id) } && own.contains { $0.hasSuffix(": " + school.name) })
        }
    }

    /// The same scan finds the wpbs the coordinator's missing list names: it does see people when they are there.
    @Test func theScanFindsPeopleInThePartnershipWorkbook() throws {
        let run = try SampleRun()
        let missing = run.result.response.flatMap(\.missing)
        let expected = Set(missing.map(\.supervisor))
        try #require(!expected.isEmpty, "the sample should have wpbs with missing forms")
        let partnership = try #require(run.configuration.registry.partnerships.first)
        let folder = try TestSupport.temporaryFolder("sample-privacy")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent(WorkbookNaming.partnershipFileName(partnership))
        try PartnershipWorkbook(
            result: run.result, configuration: run.configuration, partnership: partnership,
            runInfo: run.runInfo, release: run.release
        ).write(to: url)
        let hits = try Self.occurrences(in: url, ids: [], texts: expected.sorted())
        #expect(Set(hits.map { String($0.split(separator: " ").last ?? "") }) == expected)
    }
}
