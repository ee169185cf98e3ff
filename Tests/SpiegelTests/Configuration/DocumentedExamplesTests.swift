import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// The `Pipeline.yml` examples in the docs must load, so the docs cannot drift from the loader.
@Suite("Documented configuration examples")
struct DocumentedExamplesTests {
    /// The first YAML block after `heading` in a docs file.
    static func example(in document: String, after heading: String) throws -> String {
        let text = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("docs/\(document)"), encoding: .utf8)
        let afterHeading = try #require(text.range(of: heading)).upperBound
        let start = try #require(text.range(of: "```yaml\n", range: afterHeading..<text.endIndex)).upperBound
        let end = try #require(text.range(of: "```", range: start..<text.endIndex)).lowerBound
        return String(text[start..<end])
    }

    /// A folder laid out as the examples expect: the shipped instruments, a registry, one export each.
    static func folder(for pipeline: String) throws -> ConfigurationFixture {
        let fixture = try ConfigurationFixture()
        let shipped = TestSupport.packageRoot.appendingPathComponent("Data/instruments")
        for name in try FileManager.default.contentsOfDirectory(atPath: shipped.path) where name.hasSuffix(".yml") {
            try fixture.write(
                "Data/instruments/\(name)",
                String(contentsOf: shipped.appendingPathComponent(name), encoding: .utf8))
        }
        try fixture.write("Data/registry.yml", ConfigurationFixture.registry)
        try fixture.write("Data/exports/zelfscan-msforms-2025.csv", "E-mail;School;Tijd van voltooien\r\n")
        try fixture.write("Pipeline.yml", pipeline)
        return fixture
    }

    @Test("the example in docs/configuration.md loads")
    func configurationExample() throws {
        let fixture = try Self.folder(for: Self.example(in: "configuration.md", after: "## Pipeline.yml"))
        let configuration = try fixture.load()
        #expect(configuration.instruments.count == 4)
        #expect(configuration.sources.map(\.instrument) == ["zelfscan-wpb"])
        #expect(configuration.waves.map(\.id) == ["2025-najaar"])
        #expect(configuration.warnings.isEmpty)
    }

    @Test("the example in docs/architecture.md loads")
    func architectureExample() throws {
        let fixture = try Self.folder(for: Self.example(in: "architecture.md", after: "### Pipeline.yml"))
        let configuration = try fixture.load()
        let source = try #require(configuration.sources.first)
        #expect(source.role == .selfAssessment)
        #expect(source.dialect == DialectOverrides(delimiter: UInt8(ascii: ";"), encoding: .utf8, headerRows: 1))
        #expect(source.answerLabels == ["helemaal mee eens": 7])
        #expect(source.columns.items.keys.sorted() == ["Z01"])
    }
}
