import Testing

@testable import Spiegel

@Suite struct RegistryLookupTests {
    @Test func findsEverySchoolAndNoOther() {
        let ids = ["03KX", "01AB", "99ZZ", "12AC", "0123", "55QR"]
        let registry = Registry(
            partnerships: [Partnership(id: "P2", name: "Twee"), Partnership(id: "P1", name: "Een")],
            schools: ids.map { School(id: $0, name: "School \($0)", partnership: "P1") })
        for id in ids { #expect(registry.school(id)?.name == "School \(id)") }
        for missing in ["", "00AA", "12AB", "ZZZZ", "03kx"] { #expect(registry.school(missing) == nil) }
        #expect(registry.partnership("P2")?.name == "Twee")
        #expect(registry.partnership("P3") == nil)
    }
}
