import Foundation
import Testing

@testable import Spiegel

@Suite("Pipeline.yml loading")
struct PipelineConfigurationLoadingTests {
    @Test("the fixture configuration loads: instruments by id, registry, sources, defaults")
    func loadsValidConfiguration() throws {
        let fixture = try ConfigurationFixture()
        let configuration = try fixture.load()

        #expect(configuration.instruments.keys.sorted() == ["mini-feedback", "mini-schoolscan", "mini-zelfscan"])
        #expect(configuration.instruments["mini-zelfscan"]?.items.map(\.id) == ["Z01", "Z02", "Z03"])
        #expect(configuration.instruments["mini-zelfscan"]?.scale.labels == [1: "Helemaal niet", 7: "Helemaal"])
        #expect(configuration.instruments["mini-feedback"]?.items.first?.mirrors == "Z01")
        #expect(configuration.registry.schools.map(\.id) == ["01AB", "02CD"])
        #expect(configuration.sources.map(\.name) == ["zelfscan"])
        // The instrument has one role, so the source gets it without saying so.
        #expect(configuration.sources.first?.role == .selfAssessment)
        #expect(configuration.sources.first?.columns.respondent == .header("E-mail"))
        #expect(configuration.waves.isEmpty)
        #expect(configuration.warnings.isEmpty)
    }

    @Test("absent and empty sections decode to PipelineConfiguration.Defaults")
    func emptySectionsAreDefaults() throws {
        let fixture = try ConfigurationFixture()
        let reportsFolder = fixture.folder.appendingPathComponent("Reports").standardizedFileURL
        let expectedOutput = PipelineConfiguration.Output(folder: reportsFolder)

        let absent = try fixture.load()
        try fixture.write(
            "Pipeline.yml",
            ConfigurationFixture.pipeline + """

                analysis: {}
                output: {}
                pseudonymisation: {}
                """)
        let empty = try fixture.load()
        try fixture.write(
            "Pipeline.yml",
            ConfigurationFixture.pipeline + """

                analysis:
                output:
                  reports: {}
                  research: {}
                """)
        let null = try fixture.load()

        for configuration in [absent, empty, null] {
            #expect(configuration.analysis == PipelineConfiguration.Analysis())
            #expect(configuration.analysis.gapThreshold == PipelineConfiguration.Defaults.gapThreshold)
            #expect(configuration.analysis.minimumGroupSize == PipelineConfiguration.Defaults.minimumGroupSize)
            #expect(configuration.output == expectedOutput)
            #expect(configuration.output.keepRuns == PipelineConfiguration.Defaults.keepRuns)
            #expect(configuration.pseudonymisation == PipelineConfiguration.Pseudonymisation())
            #expect(configuration.sources.first?.dialect == DialectOverrides())
            #expect(configuration.sources.first?.dialect.headerRows == PipelineConfiguration.Defaults.headerRows)
        }
    }

    @Test func aWaveShowsItsLabelOrANameDerivedFromItsID() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(
            "Pipeline.yml",
            """
            instruments: [instruments/mini-zelfscan.yml, instruments/mini-feedback.yml, instruments/mini-schoolscan.yml]
            registry: registry.yml
            waves:
              - {id: 2025-2026-najaar, start: 2025-08-01, end: 2026-01-31, label: "Najaar 2025"}
              - {id: 2025-2026-voorjaar, start: 2026-02-01, end: 2026-07-31}
            sources: []
            """)
        let waves = try fixture.load().waves
        #expect(waves.map(\.displayName) == ["Najaar 2025", "Voorjaar 2025–2026"])
        #expect(waves.map(\.id) == ["2025-2026-najaar", "2025-2026-voorjaar"])
        #expect(Wave.derivedName("2024-2025") == "Schooljaar 2024–2025")
        #expect(Wave.derivedName("voormeting") == "Voormeting")
        #expect(Wave.derivedName("na_meting-2") == "Na meting 2")
    }

    @Test("every documented key is read, and relative paths resolve against the file's folder")
    func readsEveryKey() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(
            "Pipeline.yml",
            """
            instruments: [instruments/mini-zelfscan.yml, instruments/mini-feedback.yml, instruments/mini-schoolscan.yml]
            registry: registry.yml
            waves:
              - {id: 2025-najaar, start: 2025-08-01, end: 2026-01-31}
              - {id: 2024-2025, start: 2024-08-01, end: 2025-07-31}
            analysis: {gap_threshold: 0.5, minimum_group_size: 5}
            output:
              folder: ../Rapporten
              keep_runs: 2
              reports: {partnership_workbook: false, school_workbooks: false, personal_workbooks: true, research_data: false}
              research: {excel_friendly_copy: true, include_free_text: true}
            pseudonymisation: {key_file: geheim/.spiegel-key, key_env: MIJN_SLEUTEL}
            sources:
              - name: student
                files: exports/zelfscan-2025.csv
                instrument: mini-feedback
                role: student
                header_rows: 3
                delimiter: tab
                encoding: Windows-1252
                date_formats: ["d-M-yyyy HH:mm"]
                answer_labels: {"Helemaal mee eens ": 7, oneens: 2}
                columns:
                  respondent: {position: 2}
                  subject: E-mailadres van je werkplekbegeleider
                  school: School
                  submitted_at: Tijdstempel
                  items: {S01: "De wpb begeleidt."}
                  open_questions: {S-FF1: {position: 9}}
            """)
        let configuration = try fixture.load()
        let folder = fixture.folder.standardizedFileURL

        #expect(configuration.waves.map(\.id) == ["2024-2025", "2025-najaar"])  // sorted by start
        #expect(configuration.waves.last?.end == Day(year: 2026, month: 1, day: 31))
        #expect(configuration.analysis == .init(gapThreshold: 0.5, minimumGroupSize: 5))
        #expect(
            configuration.output
                == .init(
                    folder: folder.deletingLastPathComponent().appendingPathComponent("Rapporten").standardizedFileURL,
                    partnershipWorkbook: false, schoolWorkbooks: false, personalWorkbooks: true, researchData: false,
                    excelFriendlyCSV: true, includeFreeText: true, keepRuns: 2))
        #expect(
            configuration.pseudonymisation
                == .init(
                    keyFile: folder.appendingPathComponent("geheim/.spiegel-key"), keyEnvironmentVariable: "MIJN_SLEUTEL"))

        let source = try #require(configuration.sources.first)
        #expect(
            source
                == Source(
                    name: "student", pattern: "exports/zelfscan-2025.csv", instrument: "mini-feedback", role: .student,
                    columns: ColumnMapping(
                        respondent: .position(2), subject: .header("E-mailadres van je werkplekbegeleider"),
                        school: .header("School"), submittedAt: .header("Tijdstempel"),
                        items: ["S01": .header("De wpb begeleidt.")], openQuestions: ["S-FF1": .position(9)]),
                    dialect: DialectOverrides(delimiter: 9, encoding: .windows1252, headerRows: 3),
                    answerLabels: ["helemaal mee eens": 7, "oneens": 2], dateFormats: ["d-M-yyyy HH:mm"]))
        #expect(configuration.files(for: source) == [folder.appendingPathComponent("exports/zelfscan-2025.csv")])
    }

    @Test("a source glob expands to its files sorted by path")
    func globExpandsSorted() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write("exports/zelfscan-2023.csv", "E-mail,Tijdstempel\n")
        try FileManager.default.createDirectory(
            at: fixture.folder.appendingPathComponent("exports/zelfscan-map.csv"),
            withIntermediateDirectories: true)
        let configuration = try fixture.load()
        let source = try #require(configuration.sources.first)
        let exports = fixture.folder.standardizedFileURL.appendingPathComponent("exports")
        // Written 2025, 2024, 2023; a folder matching the glob is not a file.
        #expect(
            configuration.files(for: source).map(\.path) == [
                exports.appendingPathComponent("zelfscan-2023.csv").path,
                exports.appendingPathComponent("zelfscan-2024.csv").path,
                exports.appendingPathComponent("zelfscan-2025.csv").path,
            ])
    }

    @Test("a source glob that matches nothing yet is a warning, not an error")
    func emptyGlobWarns() throws {
        let fixture = try ConfigurationFixture()
        try fixture.remove("exports/zelfscan-2024.csv")
        try fixture.remove("exports/zelfscan-2025.csv")
        let configuration = try fixture.load()
        let folder = fixture.folder.standardizedFileURL.path
        #expect(
            configuration.warnings == [
                "Pipeline.yml:5:12: source 'zelfscan': no files match 'exports/zelfscan-*.csv' (looked for \(folder)/exports/zelfscan-*.csv)"
            ])
        #expect(configuration.files(for: configuration.sources[0]).isEmpty)
    }

    @Test("an instrument set as a single path instead of a list")
    func instrumentsAsSinglePath() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(
            "Pipeline.yml",
            ConfigurationFixture.pipeline.replacingOccurrences(
                of: "instruments: [instruments/*.yml]", with: "instruments: instruments/mini-zelfscan.yml"))
        #expect(try fixture.load().instruments.keys.sorted() == ["mini-zelfscan"])
    }
}
