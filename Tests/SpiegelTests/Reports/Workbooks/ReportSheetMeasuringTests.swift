import Testing

@testable import Spiegel

/// Text measured by scalar must give the widths and line counts that measuring by `Character` gives: a workbook's
/// column widths and row heights may not change because the count became faster.
@Suite struct ReportSheetMeasuringTests {
    /// Every scalar ``ReportSheet/isLoneCluster(_:)`` accepts.
    static let accepted: [Unicode.Scalar] = (0...0x22FF).compactMap(Unicode.Scalar.init).filter(ReportSheet.isLoneCluster)

    /// Neighbours that would join a scalar into one cluster if it extended, prepended, paired or ended a CR.
    static let neighbours: [Unicode.Scalar] = ["a", "\n", " ", "\t", "é", "−", "–", "≥"]

    /// Whether `scalar` stays a cluster of its own beside itself and beside each of ``neighbours``.
    static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
        (neighbours + [scalar]).allSatisfy { other in
            String(String.UnicodeScalarView([scalar, other])).count == 2
                && String(String.UnicodeScalarView([other, scalar])).count == 2
        }
    }

    @Test func everyAcceptedScalarIsAClusterOfItsOwn() {
        #expect(Self.accepted.count > 1_000)
        let joining = Self.accepted.filter { !Self.standsAlone($0) }
        #expect(joining.isEmpty, "\(joining.prefix(5).map { String(format: "U+%04X", $0.value) })")
    }

    /// Positive control: scalars that do join their neighbours are caught by the same check, and are not accepted.
    @Test func joiningScalarsAreCaughtAndRefused() {
        // A combining accent, the zero-width joiner, a variation selector, CR (CR LF is one cluster), a regional
        // indicator (flags pair up) and a Hangul leading consonant.
        let joining: [Unicode.Scalar] = ["\u{301}", "\u{200D}", "\u{FE0F}", "\r", "\u{1F1F3}", "\u{1100}"]
        for scalar in joining {
            #expect(!Self.standsAlone(scalar), "U+\(String(scalar.value, radix: 16)) should join a neighbour")
            #expect(!ReportSheet.isLoneCluster(scalar))
        }
    }

    /// Texts of the fast path (Dutch with dashes and signs) and of the slow one (accents as two scalars, CRLF,
    /// emoji sequences, flags), with line breaks and runs of spaces.
    static var texts: [String] {
        var texts = [
            "", " ", "a", "\n", "abc\nde", "\nabcd", "ab\n", "ab\r\ncdef", "e\u{301}e\u{301}\nx", "👩‍👩‍👧 ok\n\n12345",
            "kort\nveel langer dan de rest\nmidden", "Najaar 2025–2026", "verschil zelfbeeld − feedback ≥ +1,0",
            "twee  spaties   en meer", "Een woordzonderspatiesdatlangerisdandekolom past niet", "🇳🇱 vlag en tekst",
            "Zelfinschatting (blinde vlek, verborgen kracht) per school en bekwaamheidsgebied", "tab\tin de tekst",
        ]
        // Deterministic mixtures of the two kinds of characters, of every length up to 60.
        let alphabet: [String] = ["a", "b", " ", " ", "\n", "–", "é", "e\u{301}", "\r\n", "x", "yz", "👍🏽", "≥"]
        var state: UInt64 = 0x5EED
        for length in 0...60 {
            var text = ""
            for _ in 0..<length {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += alphabet[Int(state >> 33) % alphabet.count]
            }
            texts.append(text)
            texts.append(text.filter { $0.unicodeScalars.allSatisfy(ReportSheet.isLoneCluster) })
        }
        return texts
    }

    /// The wrapped line count as measured by `Character`: paragraphs at line breaks, words at spaces.
    static func linesByCharacter(_ text: String, width: Double) -> Int {
        let capacity = max(Int(width) - 1, 1)
        var total = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var lines = 1, used = 0
            for word in paragraph.split(separator: " ") {
                if used == 0 {
                    used = word.count
                } else if used + 1 + word.count <= capacity {
                    used += 1 + word.count
                } else {
                    lines += 1
                    used = word.count
                }
                while used > capacity {
                    lines += 1
                    used -= capacity
                }
            }
            total += lines
        }
        return max(total, 1)
    }

    @Test func countsAgreeWithCountingCharacters() {
        for text in Self.texts {
            #expect(ReportSheet.characterCount(text) == text.count, "\(text.debugDescription)")
            let longestLine = text.split(separator: "\n", omittingEmptySubsequences: false).map(\.count).max() ?? 0
            #expect(ReportSheet.longestLineLength(text) == longestLine, "\(text.debugDescription)")
            let longestWord = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(\.count).max() ?? 0
            #expect(ReportSheet.longestWordLength(text) == longestWord, "\(text.debugDescription)")
            for width in [1.0, 2, 5, 8.43, 11, 24, 60] {
                #expect(
                    ReportSheet.lineCount(text, width: width) == Self.linesByCharacter(text, width: width),
                    "\(text.debugDescription) at width \(width)")
            }
        }
    }

    /// Line counts worked out by hand: words fill a line of `width − 1` characters with one space between them.
    @Test func lineCountsByHand() {
        // Capacity 7: "aaa bbb" fills a line, "ccc" starts the next.
        #expect(ReportSheet.lineCount("aaa bbb ccc", width: 8) == 2)
        // Capacity 4: ten letters take three lines (4 + 4 + 2).
        #expect(ReportSheet.lineCount("abcdefghij", width: 5) == 3)
        // Two paragraphs, the second empty.
        #expect(ReportSheet.lineCount("a\n", width: 10) == 2)
        // An accent written as two scalars counts once: "ééé" (three characters) fits a capacity of 3.
        #expect(ReportSheet.lineCount("e\u{301}e\u{301}e\u{301}", width: 4) == 1)
        // The dash and the minus count once each: 16 characters fit capacity 16, not 15.
        #expect(ReportSheet.lineCount("Najaar 2025–2026", width: 17) == 1)
        #expect(ReportSheet.lineCount("Najaar 2025–2026", width: 16) == 2)
    }
}
