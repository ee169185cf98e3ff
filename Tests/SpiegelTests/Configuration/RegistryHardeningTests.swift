import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// Registry and YAML input that would put workbooks in the wrong place or crash the parser.
@Suite("Registry and YAML hardening")
struct RegistryHardeningTests {
    static func registryErrors(_ text: String) throws -> [String] {
        let fixture = try ConfigurationFixture()
        try fixture.write("registry.yml", text)
        let url = URL(fileURLWithPath: "registry.yml", relativeTo: fixture.folder)
        return ConfigurationFixture.messages { _ = try Registry.load(from: url) }
    }

    @Test("school ids with '/', '..' or control characters are refused at load")
    func unsafeSchoolIDs() throws {
        let errors = try Self.registryErrors(
            """
            partnerships: [{id: P01, name: P}]
            schools:
              - {id: "../x", name: Een, partnership: P01}
              - {id: "a/b", name: Twee, partnership: P01}
              - {id: "c\\td", name: Drie, partnership: P01}
              - {id: 04GH, name: Vier, partnership: P01}
            """)
        #expect(errors.count == 3)
        #expect(errors[0].hasPrefix("registry.yml:3:6: school id '../x' contains '/'"))
        #expect(errors[1].contains("school id 'a/b' contains '/'"))
        #expect(errors[2].contains("contains control characters"))
        #expect(Registry.unsafeIDProblem("..") == "contains '..'")
        #expect(Registry.unsafeIDProblem("01AB") == nil)
    }

    @Test("ids differing only in case and schools with the same name are refused, naming both places")
    func confusableSchools() throws {
        let errors = try Self.registryErrors(
            """
            partnerships: [{id: P01, name: P}]
            schools:
              - {id: 01AB, name: Het Fictief College, partnership: P01}
              - {id: 01ab, name: Ander College, partnership: P01}
              - {id: 02CD, name: het  fictief college, partnership: P01}
            """)
        #expect(
            errors == [
                "registry.yml:4:6: school id '01ab' differs from '01AB' (at registry.yml:3:6) only in case or spacing; "
                    + "exports and file systems would mix them up, so make them clearly different",
                "registry.yml:5:16: school name 'het  fictief college' differs from 'Het Fictief College' (at registry.yml:3:16) "
                    + "only in case or spacing; exports and file systems would mix them up, so make them clearly different",
            ])
        let identical = try Self.registryErrors(
            """
            partnerships: [{id: P01, name: P}]
            schools:
              - {id: 01AB, name: Het College, partnership: P01}
              - {id: 02CD, name: Het College, partnership: P01}
            """)
        #expect(identical.count == 1 && identical[0].contains("'Het College' is used twice (first at registry.yml:3:16)"))
    }

    @Test("roster aliases: forms under a second address count as the wpb's; an alias of two wpbs is refused")
    func rosterAliases() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(
            "registry.yml",
            """
            partnerships: [{id: P01, name: P}]
            schools: [{id: 01AB, name: Het Fictief College, partnership: P01}]
            roster:
              - {school: 01AB, wpb: a.jansen@fictief.nl, aliases: [Anna.Jansen@Gmail.com, "12345"]}
              - {school: 01AB, wpb: b@fictief.nl}
            """)
        let registry = try Registry.load(from: fixture.folder.appendingPathComponent("registry.yml"))
        #expect(registry.roster[0].aliases == ["anna.jansen@gmail.com", "12345"])
        let directory = SchoolDirectory(registry: registry)
        #expect(directory.canonical("anna.jansen@gmail.com") == "a.jansen@fictief.nl")
        #expect(directory.canonical("b@fictief.nl") == "b@fictief.nl")

        // Through the form reader: a form under the alias is the wpb's, with the roster's school.
        let source = IngestFixtures.zelfscanSource(
            columns: ColumnMapping(
                respondent: .header("E-mail"),
                submittedAt: .header("Tijd van voltooien")))
        var configuration = IngestFixtures.configuration(sources: [source])
        configuration.registry = Registry(
            partnerships: IngestFixtures.registry.partnerships,
            schools: IngestFixtures.registry.schools, roster: registry.roster)
        let url = try temporaryFile(
            text: "E-mail;Tijd van voltooien;Z01;Z02;Z03\nAnna.Jansen@gmail.com;15-9-2025 10:00:00;5;5;5\n")
        let form = try #require(try FormReader(source: source, configuration: configuration).read(file: url).forms.first)
        #expect(form.respondent == "a.jansen@fictief.nl" && form.subject == "a.jansen@fictief.nl" && form.school == "01AB")

        let conflicting = try Self.registryErrors(
            """
            partnerships: [{id: P01, name: P}]
            schools: [{id: 01AB, name: Het Fictief College, partnership: P01}]
            roster:
              - {school: 01AB, wpb: a@fictief.nl, aliases: [shared@x.nl]}
              - {school: 01AB, wpb: b@fictief.nl, aliases: [shared@x.nl]}
              - {school: 01AB, wpb: shared@x.nl}
            """)
        #expect(conflicting.count == 2)
        #expect(
            conflicting.allSatisfy { $0.contains("roster identifier id 'shared@x.nl' is used twice (first at registry.yml:4:") })
    }

    @Test("YAML nested thousands deep, or with a huge scalar, is refused before parsing with the limit named")
    func yamlLimits() throws {
        let flow = "a: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"
        let block = (0..<200).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " x\n"
        let dashes = String(repeating: "- ", count: 5000) + "x\n"
        for text in [flow, block, dashes] {
            let diagnostics = ConfigurationDiagnostics()
            #expect(YAMLReader.parse(text, displayName: "deep.yml", diagnostics: diagnostics) == nil)
            #expect(diagnostics.errors.count == 1)
            #expect(diagnostics.errors.first?.description.contains("nested more than 64 levels") == true)
        }
        let huge = "partnerships: [{id: P, name: \"" + String(repeating: "x", count: 5 << 20) + "\"}]\n"
        let diagnostics = ConfigurationDiagnostics()
        #expect(YAMLReader.parse(huge, displayName: "registry.yml", diagnostics: diagnostics) == nil)
        #expect(diagnostics.errors.first?.description.hasPrefix("registry.yml:1:1: line 1 is") == true)
        // Positive control: the shipped configuration, nested as it is, passes the scan.
        for file in ["Pipeline.yml", "Data/registry.yml", "Data/instruments/zelfscan-wpb.yml"] {
            let text = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent(file), encoding: .utf8)
            #expect(YAMLLimits.violation(in: text) == nil, "\(file)")
        }
    }

    @Test("a file above the size limit is refused without being read; `check` exits 78")
    func yamlFileSize() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(
            "registry.yml", "partnerships: []\n# " + String(repeating: "x", count: YAMLLimits.maximumFileSize) + "\n")
        let errors = fixture.errors()
        #expect(errors.count == 1 && errors[0].contains("more than the 16 MiB"))
    }

    @Test("every workbook path is proven to lie inside the run folder")
    func outputPathsStayInside() throws {
        let folder = URL(fileURLWithPath: "/tmp/run")
        try WorkbookNaming.checkInside(folder.appendingPathComponent("personal/01AB/x.xlsx"), folder: folder)
        #expect(throws: WorkbookNaming.PathOutsideRunFolder.self) {
            try WorkbookNaming.checkInside(folder.appendingPathComponent("personal/../../etc/x.xlsx"), folder: folder)
        }
        #expect(throws: WorkbookNaming.PathOutsideRunFolder.self) {
            try WorkbookNaming.checkInside(URL(fileURLWithPath: "/tmp/run-other/x.xlsx"), folder: folder)
        }
        #expect(throws: WorkbookNaming.PathOutsideRunFolder.self) { try WorkbookNaming.checkInside(folder, folder: folder) }
    }
}
