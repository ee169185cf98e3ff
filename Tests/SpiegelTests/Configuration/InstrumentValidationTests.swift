import Foundation
import Testing

@testable import Spiegel

/// Mistakes in an instrument file, found while loading `Pipeline.yml` (which names the file as
/// its glob found it) or by `Instrument.load(from:)`. Positions are counted by hand.
@Suite("Instrument file validation")
struct InstrumentValidationTests {
    /// The first eight lines of every variant below; items start on line 9.
    static let header = """
        id: mini-zelfscan
        title: Mini zelfscan
        roles: [self]
        subject: wpb
        scale: {min: 1, max: 7}
        areas:
          - {id: agogisch, name: Agogisch}

        """

    func errors(selfScan: String) throws -> [String] {
        let fixture = try ConfigurationFixture()
        try fixture.write("instruments/mini-zelfscan.yml", selfScan)
        return fixture.errors()
    }

    @Test("two items with the same id")
    func duplicateItem() throws {
        #expect(
            try errors(
                selfScan: Self.header + """
                    items:
                      - {id: Z01, area: agogisch, text: Een.}
                      - {id: Z01, area: agogisch, text: Twee.}
                    """) == [
                    "instruments/mini-zelfscan.yml:10:6: item id 'Z01' is used twice (first at instruments/mini-zelfscan.yml:9:6)"
                ])
    }

    @Test("an open question cannot reuse an item's id: sources map both by id")
    func openQuestionReusesItemID() throws {
        #expect(
            try errors(
                selfScan: Self.header + """
                    items:
                      - {id: Z01, area: agogisch, text: Een.}
                    open_questions:
                      - {id: Z01, text: Nog iets?}
                    """) == [
                    "instruments/mini-zelfscan.yml:11:6: item id 'Z01' is used twice (first at instruments/mini-zelfscan.yml:9:6)"
                ])
    }

    @Test("an area with no items")
    func areaWithoutItems() throws {
        #expect(
            try errors(
                selfScan: Self.header + """
                      - {id: poortwachter, name: Poortwachter}
                    items:
                      - {id: Z01, area: agogisch, text: Een.}
                    """) == ["instruments/mini-zelfscan.yml:8:6: area 'poortwachter' of instrument 'mini-zelfscan' has no items"])
    }

    @Test("an item naming an undeclared area")
    func unknownArea() throws {
        #expect(
            try errors(
                selfScan: Self.header + """
                    items:
                      - {id: Z01, area: agogisch, text: Een.}
                      - {id: Z02, area: agogish, text: Twee.}
                    """) == [
                    "instruments/mini-zelfscan.yml:10:21: item 'Z02' names area 'agogish', which the instrument does not declare; did you mean 'agogisch'?"
                ])
    }

    @Test("two areas with the same id")
    func duplicateArea() throws {
        #expect(
            try errors(
                selfScan: Self.header + """
                      - {id: agogisch, name: Nog eens agogisch}
                    items:
                      - {id: Z01, area: agogisch, text: Een.}
                    """) == [
                    "instruments/mini-zelfscan.yml:8:6: area id 'agogisch' is used twice (first at instruments/mini-zelfscan.yml:7:6)"
                ])
    }

    @Test("a scale whose maximum is not above its minimum, and a label outside the scale")
    func invalidScale() throws {
        let items = """

            items:
              - {id: Z01, area: agogisch, text: Een.}
            """
        #expect(
            try errors(selfScan: Self.header.replacingOccurrences(of: "{min: 1, max: 7}", with: "{min: 7, max: 1}") + items)
                == ["instruments/mini-zelfscan.yml:5:22: 'scale.max' is 1; it must be greater than scale.min (7)"])
        #expect(
            try errors(
                selfScan: Self.header.replacingOccurrences(of: "max: 7}", with: "max: 7, labels: {1: Een, 9: Negen}}")
                    + items)
                == ["instruments/mini-zelfscan.yml:5:42: 'scale.labels.9' is 9; it must be a score from 1 to 7"])
    }

    @Test("an unknown subject kind and an unknown key in an item")
    func unknownChoiceAndKey() throws {
        #expect(
            try errors(
                selfScan: Self.header.replacingOccurrences(of: "subject: wpb", with: "subject: wbp") + """
                    items:
                      - {id: Z01, area: agogisch, tekst: Een.}
                    """) == [
                    "instruments/mini-zelfscan.yml:4:10: 'subject' is 'wbp'; expected one of 'wpb', 'school'; did you mean 'wpb'?",
                    "instruments/mini-zelfscan.yml:9:31: unknown key 'tekst' in 'items[1]'; did you mean 'text'?",
                    "instruments/mini-zelfscan.yml:9:5: missing required key 'text' in 'items[1]'",
                ])
    }

    @Test("mirrors pointing at an item no self-scan has")
    func unknownMirror() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write(
            "instruments/mini-feedback.yml",
            """
            id: mini-feedback
            title: Mini feedback
            roles: [student]
            subject: wpb
            scale: {min: 1, max: 7}
            areas:
              - {id: agogisch, name: Agogisch}
            items:
              - {id: S01, area: agogisch, text: Een., mirrors: Z99}
              - {id: S02, area: agogisch, text: Twee., mirrors: V1}
            """)
        // V1 exists, but in the school scan: a wpb's feedback cannot mirror a school's self-rating.
        #expect(
            fixture.errors() == [
                "instruments/mini-feedback.yml:9:43: item 'S01' mirrors 'Z99', which is not an item of a self-scan instrument about the same kind of subject",
                "instruments/mini-feedback.yml:10:44: item 'S02' mirrors 'V1', which is not an item of a self-scan instrument about the same kind of subject",
            ])
    }

    @Test("two instrument files declaring the same id")
    func duplicateInstrument() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write("instruments/nog-een.yml", ConfigurationFixture.selfScan)
        #expect(
            fixture.errors() == [
                "instruments/nog-een.yml:1:1: instrument id 'mini-zelfscan' is used twice (first at instruments/mini-zelfscan.yml:1:1)"
            ])
    }

    @Test("Instrument.load(from:) names the file as given")
    func loadAlone() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write("kapot.yml", Self.header + "items: []\n")
        let url = URL(fileURLWithPath: "kapot.yml", relativeTo: fixture.folder)
        #expect(
            ConfigurationFixture.messages { _ = try Instrument.load(from: url) } == [
                "kapot.yml:7:6: area 'agogisch' of instrument 'mini-zelfscan' has no items"
            ])
    }
}
