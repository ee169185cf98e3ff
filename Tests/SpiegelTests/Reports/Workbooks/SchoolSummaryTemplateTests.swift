import Testing

@testable import Spiegel

/// The sentence templates of page 1 on hand-made cases of every sign pattern: all up, all down, mixed, zeros, ties,
/// nothing shown (suppressed), one area. The expected texts are written out by hand.
@Suite struct SchoolSummaryTemplateTests {
    typealias Entry = SchoolSummary.Entry

    /// Entries for areas A, B, C… with `values`, each in its own row of Tabel 1.
    static func entries(_ values: [Double], names: [String] = ["Aa", "Bb", "Cc", "Dd", "Ee"]) -> [Entry] {
        values.enumerated().map { index, value in
            Entry(area: names[index], value: value, cell: .init(sheet: "Samenvatting", row: 5 + index, column: 3))
        }
    }

    // MARK: - Partnership

    @Test func belowThePartnershipEverywhereSaysSoFirstAndRanksBySize() throws {
        let sentence = try #require(
            SchoolSummary.partnershipSentence(Self.entries([-0.3, -0.1, -0.4, -0.2, -0.3]), areaCount: 5))
        #expect(
            sentence.text
                == "Op alle vijf gebieden ligt de feedback onder het partnerschap; het verschil is het kleinst bij "
                + "Bb (−0,1) en het grootst bij Cc (−0,4) (Tabel 1).")
        #expect(sentence.figures.map(\.value) == [-0.1, -0.4])
        #expect(sentence.figures.map(\.cell.row) == [6, 7])
    }

    @Test func aboveThePartnershipEverywhere() throws {
        let sentence = try #require(SchoolSummary.partnershipSentence(Self.entries([0.1, 0.4, 0.2]), areaCount: 5))
        #expect(
            sentence.text
                == "Op alle drie gebieden met cijfers ligt de feedback boven het partnerschap; het verschil is het "
                + "kleinst bij Aa (+0,1) en het grootst bij Bb (+0,4) (Tabel 1).")
    }

    @Test func theSameDifferenceEverywhereIsOneNumber() throws {
        let sentence = try #require(SchoolSummary.partnershipSentence(Self.entries([0.2, 0.2]), areaCount: 2))
        #expect(sentence.text == "Op alle twee gebieden ligt de feedback boven het partnerschap, overal +0,2 (Tabel 1).")
    }

    @Test func mixedSignsGroupTheAreasByDirection() throws {
        let sentence = try #require(
            SchoolSummary.partnershipSentence(Self.entries([0.1, -0.3, 0, 0.4, -0.1]), areaCount: 5))
        #expect(
            sentence.text
                == "De feedback ligt boven het partnerschap bij Dd (+0,4) en Aa (+0,1); onder het partnerschap bij "
                + "Bb (−0,3) en Ee (−0,1); gelijk aan het partnerschap bij Cc (0,0) (Tabel 1).")
        #expect(sentence.figures.map(\.value) == [0.4, 0.1, -0.3, -0.1, 0])
    }

    @Test func zerosEverywhereAreEqualNotADirection() throws {
        let sentence = try #require(SchoolSummary.partnershipSentence(Self.entries([0, 0, 0]), areaCount: 3))
        #expect(sentence.text == "Op alle drie gebieden ligt de feedback gelijk aan het partnerschap (verschil 0,0) (Tabel 1).")
        #expect(!sentence.text.contains("boven") && !sentence.text.contains("onder"))
    }

    @Test func oneAreaOnlyAndNoneShown() throws {
        let below = try #require(SchoolSummary.partnershipSentence(Self.entries([-0.2]), areaCount: 5))
        #expect(
            below.text == "Alleen bij Aa is er een vergelijking: de feedback ligt onder het partnerschap (−0,2) (Tabel 1).")
        let level = try #require(SchoolSummary.partnershipSentence(Self.entries([0]), areaCount: 5))
        #expect(level.text.contains("gelijk aan het partnerschap (0,0)"))
        // Suppressed everywhere: no sentence from this template (the caller says why).
        #expect(SchoolSummary.partnershipSentence([], areaCount: 5) == nil)
    }

    // MARK: - Change

    @Test func everyAreaFellIsSaidWithOneFallingVerb() throws {
        let sentence = try #require(
            SchoolSummary.changeSentence(
                Self.entries([-0.1, -0.3, -0.2, -0.1, -0.2]), areaCount: 5, since: "najaar 2024–2025",
                groupDifferences: []))
        #expect(
            sentence.text
                == "Sinds najaar 2024–2025 daalde de feedback op alle vijf gebieden; het meest bij Bb (−0,3) en het "
                + "minst bij Aa en Dd (−0,1) (Tabel 1).")
        #expect(!sentence.text.contains("steeg"))
    }

    @Test func everyAreaRose() throws {
        let sentence = try #require(
            SchoolSummary.changeSentence(Self.entries([0.2, 0.5]), areaCount: 2, since: "voorjaar 2025", groupDifferences: []))
        #expect(
            sentence.text
                == "Sinds voorjaar 2025 steeg de feedback op alle twee gebieden; het meest bij Bb (+0,5) en het minst "
                + "bij Aa (+0,2) (Tabel 1).")
    }

    @Test func mixedChangeNamesEachDirectionAndTheUnchanged() throws {
        let sentence = try #require(
            SchoolSummary.changeSentence(
                Self.entries([0, -0.2, 0.1]), areaCount: 3, since: "najaar 2025", groupDifferences: ["Bb"]))
        #expect(
            sentence.text
                == "Sinds najaar 2025 steeg de feedback bij Cc (+0,1); daalde de feedback bij Bb (−0,2); bleef de "
                + "feedback gelijk bij Aa (0,0) (Tabel 1). Bij Bb is dat het verschil tussen de groepen van beide "
                + "meetmomenten, niet over dezelfde wpb's.")
    }

    @Test func noChangeAnywhereHasNeitherVerb() throws {
        let sentence = try #require(
            SchoolSummary.changeSentence(Self.entries([0, 0]), areaCount: 2, since: "najaar 2025", groupDifferences: []))
        #expect(sentence.text == "Sinds najaar 2025 bleef de feedback op alle twee gebieden gelijk (0,0) (Tabel 1).")
        let groups = try #require(
            SchoolSummary.changeSentence(
                Self.entries([0, 0]), areaCount: 2, since: "najaar 2025", groupDifferences: ["Aa", "Bb"]))
        #expect(
            groups.text.hasSuffix(
                "(Tabel 1). Overal is dat het verschil tussen de groepen van beide meetmomenten, niet over dezelfde wpb's."))
        let one = try #require(
            SchoolSummary.changeSentence(Self.entries([0]), areaCount: 5, since: "najaar 2025", groupDifferences: []))
        #expect(one.text == "Sinds najaar 2025 bleef de feedback bij Aa gelijk (0,0) (Tabel 1).")
        #expect(SchoolSummary.changeSentence([], areaCount: 5, since: "x", groupDifferences: []) == nil)
    }

    // MARK: - Level and blind spots

    @Test func tiesAtTheTopAndBottomNameEveryTiedArea() throws {
        let sentence = try #require(SchoolSummary.levelSentence(Self.entries([4.5, 4.9, 4.9, 4.2, 4.2]), areaCount: 5))
        #expect(
            sentence.text
                == "De feedback is het hoogst bij Bb en Cc (4,9) en het laagst bij Dd en Ee (4,2): daar valt het meest "
                + "te winnen (Tabel 1).")
        let flat = try #require(SchoolSummary.levelSentence(Self.entries([4.5, 4.5]), areaCount: 5))
        #expect(flat.text == "De feedback is op alle twee gebieden met cijfers gemiddeld 4,5 (Tabel 1).")
        let one = try #require(SchoolSummary.levelSentence(Self.entries([4.5]), areaCount: 5))
        #expect(one.text == "Alleen bij Aa zijn er cijfers: de feedback is gemiddeld 4,5 (Tabel 1).")
        #expect(SchoolSummary.levelSentence([], areaCount: 5) == nil)
    }

    @Test func blindSpotsAreSharesOfWpbsNotTheMeanDifference() throws {
        let sentence = try #require(
            SchoolSummary.blindSpotSentence(
                over: Self.entries([0.4, 0.33, 0.4]), under: Self.entries([0, 0.17, 0.1]), areaCount: 3))
        #expect(
            sentence.text
                == "De meeste wpb's met een blinde vlek (zelfbeeld hoger dan de feedback) zijn er bij Aa en Cc (40% van "
                + "de wpb's); de meeste met een verborgen kracht (zelfbeeld lager dan de feedback) bij Bb (17% van de "
                + "wpb's) (Tabel 1).")
        let none = try #require(
            SchoolSummary.blindSpotSentence(over: Self.entries([0, 0]), under: Self.entries([0, 0]), areaCount: 2))
        #expect(
            none.text
                == "Op geen gebied heeft een wpb een blinde vlek (0%); op geen gebied heeft een wpb een verborgen "
                + "kracht (0%) (Tabel 1).")
        #expect(SchoolSummary.blindSpotSentence(over: [], under: [], areaCount: 5) == nil)
        // Shares withheld for three of five areas: "none" speaks only for the two shown (37EI in the sample read
        // "op geen gebied heeft een wpb een verborgen kracht" beside three withheld cells).
        let partial = try #require(
            SchoolSummary.blindSpotSentence(over: Self.entries([0.45, 0.18]), under: Self.entries([0, 0]), areaCount: 5))
        #expect(
            partial.text
                == "De meeste wpb's met een blinde vlek (zelfbeeld hoger dan de feedback) zijn er bij Aa (45% van de "
                + "wpb's); op geen van de twee gebieden met cijfers heeft een wpb een verborgen kracht (0%) (Tabel 1).")
    }

    // MARK: - Rounding and words

    @Test func shownValuesRoundHalfAwayFromZeroAsASpreadsheetShowsThem() {
        #expect(SchoolSummary.shown(4.25) == 4.3)
        #expect(SchoolSummary.shown(0.15) == 0.2)  // the double lies just below 0,15
        #expect(SchoolSummary.shown(-0.25) == -0.3)
        #expect(SchoolSummary.shown(-0.04) == 0)
        #expect(SchoolSummary.shown(0.125, decimals: 2) == 0.13)
        // A difference of shown values adds up on paper: 4,7 − 5,0 = −0,3, not −0,2 from 4,74 − 4,96.
        let own = ReleasedCell(n: 5, value: 4.74, withheld: nil), other = ReleasedCell(n: 50, value: 4.96, withheld: nil)
        #expect(SchoolSummary.difference(own, other) == -0.3)
    }

    @Test func wpbCountsAreDutch() {
        #expect(SchoolSummary.wpbs(1) == "1 wpb")
        #expect(SchoolSummary.wpbs(2) == "2 wpb's")
        #expect(SchoolSummary.list(["A", "B", "C"]) == "A, B en C")
    }
}
