import Foundation
import Testing

@testable import Spiegel

/// Each mistake in `Pipeline.yml` gives one exact message naming file, line and column.
/// Lines and columns below are counted by hand in the YAML next to them (both 1-based).
@Suite("Pipeline.yml validation")
struct PipelineValidationTests {
    @Test("a misspelt key names the key, its place and the nearest valid key")
    func unknownKey() throws {
        let fixture = try ConfigurationFixture()
        #expect(
            try fixture.errors(
                pipeline: """
                    instruments: [instruments/*.yml]
                    registry: registry.yml
                    analysis:
                      treshold: 2
                    sources: []
                    """) == ["Pipeline.yml:4:3: unknown key 'treshold' in 'analysis'; did you mean 'gap_threshold'?"])
    }

    @Test("a misspelt top-level key is unknown, and the key it should have been is missing")
    func unknownTopLevelKey() throws {
        let fixture = try ConfigurationFixture()
        #expect(
            try fixture.errors(
                pipeline: """
                    instruments: [instruments/*.yml]
                    registry: registry.yml
                    sorces: []
                    """) == [
                    "Pipeline.yml:3:1: unknown key 'sorces' at the top level; did you mean 'sources'?",
                    "Pipeline.yml:1:1: missing required key 'sources' at the top level",
                ])
    }

    @Test("a key written twice is an error, not a silent overwrite")
    func duplicateKey() throws {
        let fixture = try ConfigurationFixture()
        #expect(
            try fixture.errors(
                pipeline: """
                    instruments: [instruments/*.yml]
                    registry: registry.yml
                    analysis:
                      gap_threshold: 1
                      gap_threshold: 2
                    sources: []
                    """) == ["Pipeline.yml:5:3: key 'gap_threshold' appears twice in 'analysis' (first at line 4)"])
    }

    @Test("wrong types say what was expected and what was found; several are reported at once")
    func wrongTypes() throws {
        let fixture = try ConfigurationFixture()
        #expect(
            try fixture.errors(
                pipeline: """
                    instruments: [instruments/*.yml]
                    registry: registry.yml
                    analysis: {gap_threshold: hoog}
                    output: {keep_runs: [1], reports: {personal_workbooks: misschien}}
                    sources: zelfscan
                    """) == [
                    "Pipeline.yml:3:27: 'analysis.gap_threshold' should be a number, found 'hoog'",
                    "Pipeline.yml:4:21: 'output.keep_runs' should be a whole number, found a list",
                    "Pipeline.yml:4:56: 'output.reports.personal_workbooks' should be true or false, found 'misschien'",
                    "Pipeline.yml:5:10: 'sources' should be a list, found 'zelfscan'",
                ])
    }

    @Test("a file that is not a mapping at all")
    func notAMapping() throws {
        let fixture = try ConfigurationFixture()
        #expect(
            try fixture.errors(pipeline: "- instruments\n- sources\n") == [
                "Pipeline.yml:1:1: the file should be a mapping (key: value), found a list"
            ])
    }

    @Test("a file that is not UTF-8 cannot be read; one with a byte-order mark can")
    func encoding() throws {
        let fixture = try ConfigurationFixture()
        let latin1 = Data("registry: caf".utf8) + Data([0xE9, 0x0A])  // "café" in Windows-1252
        try latin1.write(to: fixture.folder.appendingPathComponent("Pipeline.yml"))
        #expect(fixture.errors() == ["cannot read Pipeline.yml: the file is not UTF-8 text"])

        try (Data([0xEF, 0xBB, 0xBF]) + Data(ConfigurationFixture.pipeline.utf8))
            .write(to: fixture.folder.appendingPathComponent("Pipeline.yml"))
        #expect(fixture.errors() == [])
    }

    @Test("missing required keys name the mapping that should hold them")
    func missingKeys() throws {
        let fixture = try ConfigurationFixture()
        #expect(
            try fixture.errors(
                pipeline: """
                    instruments: [instruments/*.yml]
                    registry: registry.yml
                    sources:
                      - name: zelfscan
                        files: exports/zelfscan-*.csv
                        columns: {respondent: E-mail}
                    """) == [
                    "Pipeline.yml:4:5: missing required key 'instrument' in 'sources[1]'",
                    "Pipeline.yml:6:14: missing required key 'submitted_at' in 'sources[1].columns'",
                ])
    }

    @Test("a missing configuration file names the path as written and as resolved")
    func missingConfigurationFile() throws {
        let fixture = try ConfigurationFixture()
        let url = URL(fileURLWithPath: "Ontbreekt.yml", relativeTo: fixture.folder)
        #expect(
            ConfigurationFixture.messages { _ = try PipelineConfiguration.load(from: url) } == [
                "file 'Ontbreekt.yml' not found (looked for \(fixture.folder.path)/Ontbreekt.yml)"
            ])
    }

    @Test("missing registry and export files name where the configuration mentions them")
    func missingReferencedFiles() throws {
        let fixture = try ConfigurationFixture()
        let folder = fixture.folder.standardizedFileURL.path
        #expect(
            try fixture.errors(
                pipeline: """
                    instruments: [instruments/*.yml]
                    registry: registre.yml
                    sources:
                      - name: zelfscan
                        files: exports/zelfscan.csv
                        instrument: mini-zelfscan
                        columns: {respondent: E-mail, submitted_at: Tijdstempel}
                    """) == [
                    "Pipeline.yml:2:11: file 'registre.yml' not found (looked for \(folder)/registre.yml)",
                    "Pipeline.yml:5:12: file 'exports/zelfscan.csv' not found (looked for \(folder)/exports/zelfscan.csv)",
                ])
    }

    @Test("an instrument glob that matches nothing is an error")
    func instrumentGlobWithoutMatch() throws {
        let fixture = try ConfigurationFixture()
        let folder = fixture.folder.standardizedFileURL.path
        #expect(
            try fixture.errors(
                pipeline: """
                    instruments: [instrumenten/*.yml]
                    registry: registry.yml
                    sources: []
                    """) == ["Pipeline.yml:1:15: no files match 'instrumenten/*.yml' (looked for \(folder)/instrumenten/*.yml)"])
    }

    @Test("invalid YAML gives the parser's problem and position")
    func invalidYAML() throws {
        let fixture = try ConfigurationFixture()
        let errors = try fixture.errors(
            pipeline: """
                instruments: [instruments/*.yml]
                registry: registry.yml
                analysis: {gap_threshold: 1
                sources: []
                """)
        #expect(
            errors == [
                "Pipeline.yml:4:8: invalid YAML: did not find expected ',' or '}' (while parsing a flow mapping at line 3)"
            ])
    }

    @Test("the same item mapped twice, one column for two items, and an unknown item")
    func itemMappedTwice() throws {
        let fixture = try ConfigurationFixture()
        #expect(
            try fixture.errors(
                pipeline: """
                    instruments: [instruments/*.yml]
                    registry: registry.yml
                    sources:
                      - name: zelfscan
                        files: exports/zelfscan-*.csv
                        instrument: mini-zelfscan
                        columns:
                          respondent: E-mail
                          submitted_at: Tijdstempel
                          items:
                            Z01: Ik begeleid.
                            Z02: "ik begeleid. "
                            Z01: {position: 4}
                            Z09: Iets
                    """) == [
                    "Pipeline.yml:12:14: column 'ik begeleid. ' is mapped to both 'Z01' and 'Z02' in source 'zelfscan'",
                    "Pipeline.yml:13:9: item 'Z01' is mapped twice in source 'zelfscan' (now to column 4; first at line 11)",
                    "Pipeline.yml:14:9: instrument 'mini-zelfscan' has no item or open question 'Z09'; did you mean 'Z01'?",
                ])
    }

    @Test("a source pointing at an unknown instrument")
    func unknownInstrument() throws {
        let fixture = try ConfigurationFixture()
        #expect(
            try fixture.errors(
                pipeline: """
                    instruments: [instruments/*.yml]
                    registry: registry.yml
                    sources:
                      - name: zelfscan
                        files: exports/zelfscan-*.csv
                        instrument: mini-zelfscn
                        columns: {respondent: E-mail, submitted_at: Tijdstempel}
                    """) == [
                    "Pipeline.yml:6:17: source 'zelfscan' uses instrument 'mini-zelfscn', which no instrument file declares; did you mean 'mini-zelfscan'?"
                ])
    }

    @Test("a role the instrument does not allow, and a role that is no role at all")
    func roleNotAllowed() throws {
        let fixture = try ConfigurationFixture()
        let pipeline = """
            instruments: [instruments/*.yml]
            registry: registry.yml
            sources:
              - name: zelfscan
                files: exports/zelfscan-*.csv
                instrument: mini-zelfscan
                role: student
                columns: {respondent: E-mail, submitted_at: Tijdstempel}
            """
        #expect(
            try fixture.errors(pipeline: pipeline) == [
                "Pipeline.yml:7:11: role 'student' is not allowed for instrument 'mini-zelfscan'; it is filled in by 'self'"
            ])
        #expect(
            try fixture.errors(pipeline: pipeline.replacingOccurrences(of: "role: student", with: "role: studnet")) == [
                "Pipeline.yml:7:11: 'sources[1].role' is 'studnet'; expected one of 'self', 'student', 'schoolopleider', 'instituutsopleider'; did you mean 'student'?"
            ])
    }

    @Test("a source of an instrument with several roles must name one")
    func missingRole() throws {
        let fixture = try ConfigurationFixture()
        #expect(
            try fixture.errors(
                pipeline: """
                    instruments: [instruments/*.yml]
                    registry: registry.yml
                    sources:
                      - name: schoolscan
                        files: exports/zelfscan-*.csv
                        instrument: mini-schoolscan
                        columns: {respondent: E-mail, school: School, submitted_at: Tijdstempel}
                    """) == [
                    "Pipeline.yml:4:5: source 'schoolscan' must say its 'role': instrument 'mini-schoolscan' is filled in by 'self', 'instituutsopleider'"
                ])
    }

    @Test("a feedback source must say whom the form is about")
    func feedbackNeedsSubject() throws {
        let fixture = try ConfigurationFixture()
        #expect(
            try fixture.errors(
                pipeline: """
                    instruments: [instruments/*.yml]
                    registry: registry.yml
                    sources:
                      - name: student
                        files: exports/zelfscan-*.csv
                        instrument: mini-feedback
                        columns: {respondent: E-mail, submitted_at: Tijdstempel}
                    """) == ["Pipeline.yml:7:14: missing required key 'subject' in 'sources[1].columns'"])
    }

    @Test("overlapping waves, a wave ending before it starts, an impossible date, a wave id used twice")
    func waves() throws {
        let fixture = try ConfigurationFixture()
        #expect(
            try fixture.errors(
                pipeline: """
                    instruments: [instruments/*.yml]
                    registry: registry.yml
                    waves:
                      - {id: voormeting, start: 2025-08-01, end: 2025-12-31}
                      - {id: nameting, start: 2025-12-01, end: 2026-06-30}
                      - {id: omgekeerd, start: 2026-07-31, end: 2026-07-01}
                      - {id: fout, start: 2025-02-30, end: 2025-03-31}
                      - {id: voormeting, start: 2027-01-01, end: 2027-01-31}
                    sources: []
                    """) == [
                    "Pipeline.yml:5:6: waves 'voormeting' and 'nameting' overlap; a form would belong to both",
                    "Pipeline.yml:6:40: wave 'omgekeerd' ends (2026-07-01) before it starts (2026-07-31)",
                    "Pipeline.yml:7:23: 'waves[4].start' is '2025-02-30', which is not a valid date; expected yyyy-MM-dd, e.g. 2025-08-01",
                    "Pipeline.yml:8:6: wave id 'voormeting' is used twice (first at Pipeline.yml:4:6)",
                ])
    }

    @Test("waves that only touch do not overlap")
    func adjacentWaves() throws {
        let fixture = try ConfigurationFixture()
        #expect(
            try fixture.errors(
                pipeline: """
                    instruments: [instruments/*.yml]
                    registry: registry.yml
                    waves:
                      - {id: voormeting, start: 2025-08-01, end: 2025-12-31}
                      - {id: nameting, start: 2026-01-01, end: 2026-07-31}
                    sources: []
                    """) == [])
    }

    @Test("an invalid delimiter and encoding")
    func invalidDialect() throws {
        let fixture = try ConfigurationFixture()
        #expect(
            try fixture.errors(
                pipeline: """
                    instruments: [instruments/*.yml]
                    registry: registry.yml
                    sources:
                      - name: zelfscan
                        files: exports/zelfscan-*.csv
                        instrument: mini-zelfscan
                        delimiter: ":"
                        encoding: utf8
                        columns: {respondent: E-mail, submitted_at: Tijdstempel}
                    """) == [
                    "Pipeline.yml:7:16: 'sources[1].delimiter' is ':'; expected one of ',', ';', 'tab', '|'",
                    "Pipeline.yml:8:15: 'sources[1].encoding' is 'utf8'; expected one of 'utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'mac-roman', 'iso-8859-1', 'iso-8859-15'; did you mean 'utf-8'?",
                ])
    }

    @Test("a gap threshold of 0 or less and a minimum group size below 1")
    func analysisOutOfRange() throws {
        let fixture = try ConfigurationFixture()
        #expect(
            try fixture.errors(
                pipeline: """
                    instruments: [instruments/*.yml]
                    registry: registry.yml
                    analysis: {gap_threshold: 0, minimum_group_size: 0}
                    sources: []
                    """) == [
                    "Pipeline.yml:3:27: 'analysis.gap_threshold' is 0; it must be greater than 0 (scale points)",
                    "Pipeline.yml:3:50: 'analysis.minimum_group_size' is 0; it must be at least 1",
                ])
        #expect(
            try fixture.errors(
                pipeline: """
                    instruments: [instruments/*.yml]
                    registry: registry.yml
                    analysis: {gap_threshold: -0.5}
                    sources: []
                    """) == ["Pipeline.yml:3:27: 'analysis.gap_threshold' is -0.5; it must be greater than 0 (scale points)"])
    }

    @Test("two sources with the same name")
    func duplicateSource() throws {
        let fixture = try ConfigurationFixture()
        #expect(
            try fixture.errors(
                pipeline: """
                    instruments: [instruments/*.yml]
                    registry: registry.yml
                    sources:
                      - {name: zelfscan, files: exports/*.csv, instrument: mini-zelfscan, columns: {respondent: E-mail, submitted_at: Tijd}}
                      - {name: zelfscan, files: exports/*.csv, instrument: mini-zelfscan, columns: {respondent: E-mail, submitted_at: Tijd}}
                    """) == ["Pipeline.yml:5:6: source id 'zelfscan' is used twice (first at Pipeline.yml:4:6)"])
    }
}
