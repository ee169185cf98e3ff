import Foundation
import Testing

@testable import Spiegel

@Suite("Registry loading")
struct RegistryLoadingTests {
    @Test("the registry loads, sorted by id, with roster identifiers normalised")
    func loads() throws {
        let fixture = try ConfigurationFixture()
        let registry = try Registry.load(from: fixture.folder.appendingPathComponent("registry.yml"))
        #expect(registry.partnerships == [Partnership(id: "P01", name: "Partnerschap Test")])
        #expect(registry.schools.map(\.id) == ["01AB", "02CD"])
        // Written as " A.Jansen@Fictief.NL ".
        #expect(registry.roster == [RosterEntry(supervisor: "a.jansen@fictief.nl", school: "01AB", name: "Anna Jansen")])
    }

    @Test("school ids keep their leading zeros and letters as written")
    func idsAsWritten() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(
            "registry.yml",
            """
            partnerships: [{id: 7, name: Zeven}]
            schools: [{id: 0123, name: Nul Een Twee Drie, partnership: 7}]
            """)
        let registry = try Registry.load(from: fixture.folder.appendingPathComponent("registry.yml"))
        #expect(registry.schools == [School(id: "0123", name: "Nul Een Twee Drie", partnership: "7")])
        #expect(registry.roster.isEmpty)
    }

    @Test("duplicate partnership and school ids, an unknown partnership, a roster entry at an unknown school")
    func validation() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(
            "registry.yml",
            """
            partnerships:
              - {id: P01, name: Partnerschap Test}
              - {id: P01, name: Nog een}
            schools:
              - {id: 01AB, name: Het Fictief College, partnership: P01}
              - {id: 01AB, name: Dubbel College, partnership: P01}
              - {id: 03EF, name: Zwevend College, partnership: P02}
            roster:
              - {school: 01AB, wpb: a.jansen@fictief.nl}
              - {school: 09ZZ, wpb: B.Bakker@fictief.nl}
            """)
        let expected = [
            "registry.yml:3:6: partnership id 'P01' is used twice (first at registry.yml:2:6)",
            "registry.yml:6:6: school id '01AB' is used twice (first at registry.yml:5:6)",
            "registry.yml:7:52: school '03EF' names partnership 'P02', which the registry does not list",
            "registry.yml:10:14: roster entry 'b.bakker@fictief.nl' names school '09ZZ', which the registry does not list",
        ]
        let url = URL(fileURLWithPath: "registry.yml", relativeTo: fixture.folder)
        #expect(ConfigurationFixture.messages { _ = try Registry.load(from: url) } == expected)
        // Through Pipeline.yml the file is named as the configuration writes it: the same here.
        #expect(fixture.errors() == expected)
    }

    @Test("identifiers are trimmed (also of no-break spaces) and lowercased")
    func identifierNormalisation() {
        #expect(Identifier.normalized("  A.Jansen@School.NL\u{00A0}\n") == "a.jansen@school.nl")
        #expect(Identifier.normalized("Anna Jansen") == "anna jansen")
    }

    @Test("edit distance and suggestions")
    func spelling() {
        #expect(Spelling.editDistance("kitten", "sitting") == 3)
        #expect(Spelling.editDistance("", "abc") == 3)
        #expect(Spelling.nearest(to: "treshold", in: ["gap_threshold", "minimum_group_size"]) == "gap_threshold")
        #expect(Spelling.nearest(to: "xyz", in: ["gap_threshold", "minimum_group_size"]) == nil)
    }

    /// A megabyte-wide header (a broken export) must not make a suggestion cost minutes: names beyond
    /// `longestComparedName` are not compared, the short ones beside them still are.
    @Test("suggestions skip names too long to be typos", .timeLimit(.minutes(1)))
    func spellingSkipsHugeNames() {
        let huge = String(repeating: "x;", count: 600_000)
        #expect(Spelling.nearest(to: "E-mial", in: [huge, "E-mail", huge]) == "E-mail")
        #expect(Spelling.nearest(to: huge, in: ["E-mail"]) == nil)
    }
}
