import Foundation
import SpiegelTestSupport
import SyntheticData
import Testing

@testable import Spiegel

/// The sample shipped in `Data/` and `Pipeline.yml` is the generator's output for
/// ``SyntheticDataSet/Parameters/sample`` with the shipped instruments; these tests keep it so.
///
/// To regenerate it after changing the generator or an instrument, run
/// `SPIEGEL_REGENERATE_SAMPLE=1 swift test --skip-build --filter SampleDataTests` and commit the files.
@Suite("Shipped sample data")
struct SampleDataTests {
    static let root = TestSupport.packageRoot
    static let regenerate = ProcessInfo.processInfo.environment["SPIEGEL_REGENERATE_SAMPLE"] != nil

    static func shippedInstruments() throws -> [Instrument] {
        let folder = root.appendingPathComponent("Data/instruments")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yml" }.sorted { $0.path < $1.path }
        return try files.map { try Instrument.load(from: $0) }
    }

    @Test("regenerate the shipped sample", .enabled(if: regenerate))
    func regenerateSample() throws {
        let summary = try SyntheticDataSet(instruments: try Self.shippedInstruments(), parameters: .sample).write(to: Self.root)
        print("sample: \(summary.forms) forms in \(summary.files.count) files")
    }

    @Test(
        "the committed sample is exactly what the generator writes for the sample preset",
        .disabled(if: regenerate, "regenerating"))
    func committedSampleIsReproducible() throws {
        let folder = try TestSupport.temporaryFolder("sample")
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = try SyntheticDataSet(instruments: try Self.shippedInstruments(), parameters: .sample).write(to: folder)
        let paths = ["Pipeline.yml", "Data/registry.yml"] + summary.files.map(\.path)
        for path in paths {
            let fresh = try Data(contentsOf: folder.appendingPathComponent(path))
            let committed = try? Data(contentsOf: Self.root.appendingPathComponent(path))
            #expect(committed == fresh, "\(path) differs from the generator's output: regenerate the sample")
        }
        // No stale exports from an earlier generator version.
        let shipped = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Data/exports").path)
        #expect(Set(shipped) == Set(summary.files.map { ($0.path as NSString).lastPathComponent }))
    }

    @Test("the shipped Pipeline.yml, registry and instruments load without errors")
    func shippedConfigurationLoads() throws {
        let configuration = try PipelineConfiguration.load(from: Self.root.appendingPathComponent("Pipeline.yml"))
        #expect(configuration.sources.count == 5)
        #expect(configuration.waves.map(\.id) == ["2025-2026-najaar", "2025-2026-voorjaar"])
        #expect(configuration.registry.schools.count == 6)
        #expect(configuration.registry.roster.count == 60)
        for source in configuration.sources {
            #expect(configuration.files(for: source).count == 2, "\(source.name)")
        }
        // The student form repeats its feed-forward question, so those columns are mapped by position.
        let student = try #require(configuration.sources.first { $0.instrument == "feedback-student" })
        #expect(student.columns.openQuestions.count == 5)
        #expect(student.columns.openQuestions.values.allSatisfy { if case .position = $0 { true } else { false } })
    }

    @Test("a generated job folder with copied instruments loads with the configuration loader")
    func generatedJobLoads() throws {
        let folder = try TestSupport.temporaryFolder("generated-job")
        defer { try? FileManager.default.removeItem(at: folder) }
        var parameters = SyntheticDataSet.Parameters(subjects: 400, waves: 3, seed: 3)
        parameters.instrumentFiles = try FileManager.default
            .contentsOfDirectory(at: Self.root.appendingPathComponent("Data/instruments"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yml" }
        let summary = try SyntheticDataSet(instruments: try Self.shippedInstruments(), parameters: parameters).write(to: folder)
        let configuration = try PipelineConfiguration.load(from: folder.appendingPathComponent("Pipeline.yml"))
        #expect(configuration.instruments.count == 4)
        #expect(configuration.registry.roster.count == 400)
        #expect(configuration.registry.schools.count == summary.schools)
        #expect(configuration.waves.count == 3)
        for source in configuration.sources { #expect(configuration.files(for: source).count == 3, "\(source.name)") }
    }

    @Test("the sample has a school of two wpbs and the defects issue 3 asks for")
    func sampleContents() throws {
        let exports = Self.root.appendingPathComponent("Data/exports")
        let reports = try ExportInspector.inspect(exports, openColumns: ["feedback-student": 5])
        let total = { (field: KeyPath<ExportInspector.FileReport, Int>) in reports.values.reduce(0) { $0 + $1[keyPath: field] } }
        #expect(reports.count == 10)
        #expect(total(\.duplicates) >= 1)
        #expect(total(\.blankRows) >= 1)
        #expect(total(\.unknownSchoolRows) >= 1)
        #expect(total(\.outOfRange) >= 1)
        #expect(total(\.notApplicable) >= 1)
        #expect(total(\.trickyComments) >= 1)
        #expect(reports.values.allSatisfy { $0.wrongWidthRows == 0 && $0.badTimestamps.isEmpty })
        let registry = try Registry.load(from: Self.root.appendingPathComponent("Data/registry.yml"))
        let sizes = Dictionary(grouping: registry.roster, by: \.school).mapValues(\.count)
        #expect(sizes.values.min() == 2)
        #expect(registry.partnerships.count == 1)
    }
}
