import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// The four instruments under `Data/instruments/`, checked against the source documents' structure
/// (docs/configuration.md, "Instrument files"): counts are those of Bijlage 1 and 2 and Reflectiekaart 2, counted by hand.
@Suite("Shipped instruments")
struct ShippedInstrumentsTests {
    static let folder = TestSupport.packageRoot.appendingPathComponent("Data/instruments")

    static func load(_ id: String) throws -> Instrument {
        try Instrument.load(from: folder.appendingPathComponent("\(id).yml"))
    }

    static let wpbAreas = ["agogisch", "organisatorisch", "poortwachter", "leraar-van-leraren", "ontwikkeling"]

    static let sevenPointLabels = [
        1: "Helemaal niet", 2: "Nauwelijks", 3: "Een beetje", 4: "Gedeeltelijk",
        5: "Redelijk", 6: "Grotendeels", 7: "Helemaal",
    ]

    @Test("the self-scan: 19 statements in five areas of 5, 3, 2, 5 and 4")
    func selfScan() throws {
        let scan = try Self.load("zelfscan-wpb")
        #expect(scan.id == "zelfscan-wpb")
        #expect(scan.roles == [.selfAssessment])
        #expect(scan.subjectKind == .supervisor)
        #expect(scan.items.map(\.id) == (1...19).map { String(format: "Z%02d", $0) })
        #expect(scan.areas.map(\.id) == Self.wpbAreas)
        #expect(
            scan.areas.map(\.name) == [
                "Agogische bekwaamheden — de begeleider", "Organisatorische bekwaamheden — de bruggenbouwer",
                "Opleidingsdidactische bekwaamheden — de poortwachter",
                "Opleidingsdidactische bekwaamheden — de leraar van leraren", "Ontwikkelingsbekwaam",
            ])
        #expect(
            scan.areas.map(\.shortName) == ["Begeleider", "Bruggenbouwer", "Poortwachter", "Leraar van leraren", "Ontwikkeling"])
        #expect(scan.areas.map { scan.itemIndices(inArea: $0.id).count } == [5, 3, 2, 5, 4])
        // Bijlage 1's second "Organisatorische bekwaamheden" block is the poortwachter area.
        #expect(scan.items[8].text.hasPrefix("Ik stimuleer de student in het bijhouden van het ontwikkelproces"))
        #expect(scan.items[8].area == "poortwachter")
        #expect(
            scan.scale
                == Instrument.Scale(
                    minimum: 1, maximum: 7, labels: Self.sevenPointLabels,
                    notAnswered: ["n.v.t.", "nvt", "weet ik niet", "weet niet", "-"]))
        #expect(scan.items.allSatisfy { $0.mirrors == nil })
    }

    @Test("the schoolopleider form mirrors the self-scan one to one, area by area")
    func schoolopleiderForm() throws {
        let scan = try Self.load("zelfscan-wpb")
        let form = try Self.load("feedback-schoolopleider")
        #expect(form.roles == [.schoolopleider])
        #expect(form.subjectKind == .supervisor)
        #expect(form.items.map(\.id) == (1...19).map { String(format: "O%02d", $0) })
        #expect(form.items.map(\.mirrors) == scan.items.map(\.id))
        #expect(form.items.map(\.area) == scan.items.map(\.area))
        #expect(form.areas == scan.areas)
        #expect(
            form.items[0].text
                == "De wpb is in staat een goede professionele relatie op te bouwen ten behoeve van het ontwikkelingsproces van de student."
        )
    }

    @Test("the student form: every printed statement, five feed-forward questions, mirrors only onto self-scan items")
    func studentForm() throws {
        let scan = try Self.load("zelfscan-wpb")
        let form = try Self.load("feedback-student")
        #expect(form.roles == [.student])
        #expect(form.areas == scan.areas)
        // Bijlage 2, first form: 16 agogisch (5 headline statements with 2+2+2+3+2 behaviours),
        // 4 organisatorisch, 3 poortwachter, 8 leraar van leraren, 2 ontwikkeling.
        #expect(form.areas.map { form.itemIndices(inArea: $0.id).count } == [16, 4, 3, 8, 2])
        #expect(form.items.map(\.id) == (1...33).map { String(format: "S%02d", $0) })
        #expect(form.openQuestions.map(\.id) == ["S-FF1", "S-FF2", "S-FF3", "S-FF4", "S-FF5"])
        #expect(form.openQuestions.map(\.area) == Self.wpbAreas)
        #expect(
            form.openQuestions.allSatisfy { $0.text == "Welke feed forward heb je nog op het bovenstaande gebied voor de wpb?" })

        let mirrored = form.items.compactMap(\.mirrors)
        #expect(mirrored == ["Z01", "Z02", "Z03", "Z04", "Z05", "Z10", "Z11", "Z12", "Z13", "Z14", "Z15"])
        let scanAreas = Dictionary(uniqueKeysWithValues: scan.items.map { ($0.id, $0.area) })
        for item in form.items where item.mirrors != nil {
            #expect(scanAreas[item.mirrors ?? ""] == item.area, "\(item.id) mirrors an item of another area")
        }
    }

    @Test("the training-school scan: eight conditions, one area and one item each, two roles, about a school")
    func schoolScan() throws {
        let scan = try Self.load("scan-opleidingsschool")
        #expect(scan.roles == [.selfAssessment, .instituutsopleider])
        #expect(scan.subjectKind == .school)
        #expect(scan.items.map(\.id) == ["V1", "V2", "V3", "V4", "V5", "V6", "V7", "V8"])
        #expect(scan.areas.count == 8)
        #expect(scan.items.map(\.area) == scan.areas.map(\.id))
        #expect(scan.scale.labels == Self.sevenPointLabels)
        #expect(scan.items.allSatisfy { $0.text.hasPrefix("In welke mate is de voorwaarde “") })
        #expect(scan.items.allSatisfy { $0.text.contains("aanwezig binnen de opleidingsschool?") })
    }

    @Test("all four load together through Pipeline.yml, so every mirrors: names a real self-scan item")
    func loadTogether() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(
            "Pipeline.yml",
            """
            instruments: [\(Self.folder.path)/*.yml]
            registry: registry.yml
            sources: []
            """)
        let configuration = try fixture.load()
        #expect(
            configuration.instruments.keys.sorted() == [
                "feedback-schoolopleider", "feedback-student", "scan-opleidingsschool", "zelfscan-wpb",
            ])
    }

    @Test("a 20th statement added to a copy of the self-scan file is picked up without code change")
    func twentiethStatement() throws {
        let fixture = try ConfigurationFixture()
        try fixture.remove("instruments/mini-zelfscan.yml")
        for name in ["zelfscan-wpb", "feedback-student", "feedback-schoolopleider", "scan-opleidingsschool"] {
            try fixture.write(
                "instruments/\(name).yml",
                String(contentsOf: Self.folder.appendingPathComponent("\(name).yml"), encoding: .utf8))
        }
        let pipeline = """
            instruments: [instruments/*.yml]
            registry: registry.yml
            sources:
              - name: zelfscan
                files: exports/zelfscan-*.csv
                instrument: zelfscan-wpb
                columns:
                  respondent: E-mail
                  submitted_at: Tijdstempel
                  items: {Z20: "Ik deel wat ik leer met collega-werkplekbegeleiders."}
            """
        // Before: the source may not map Z20, the instrument has no such item.
        let before = try fixture.errors(pipeline: pipeline)
        #expect(
            before == [
                "Pipeline.yml:10:15: instrument 'zelfscan-wpb' has no item or open question 'Z20'; did you mean 'Z10'?"
            ])

        let original = try String(contentsOf: Self.folder.appendingPathComponent("zelfscan-wpb.yml"), encoding: .utf8)
        try fixture.write(
            "instruments/zelfscan-wpb.yml",
            original + """
                  - id: Z20
                    area: ontwikkeling
                    text: "Ik deel wat ik leer met collega-werkplekbegeleiders."

                """)
        let configuration = try fixture.load()
        let scan = try #require(configuration.instruments["zelfscan-wpb"])
        #expect(scan.items.count == 20)
        #expect(
            scan.items.last
                == Instrument.Item(
                    id: "Z20", text: "Ik deel wat ik leer met collega-werkplekbegeleiders.",
                    area: "ontwikkeling"))
        #expect(scan.areas.map { scan.itemIndices(inArea: $0.id).count } == [5, 3, 2, 5, 5])
        #expect(
            configuration.sources.first?.columns.items["Z20"] == .header("Ik deel wat ik leer met collega-werkplekbegeleiders."))
    }
}
