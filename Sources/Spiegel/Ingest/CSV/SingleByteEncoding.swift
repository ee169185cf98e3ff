/// The one-byte-per-character encodings exports arrive in, as tables of their upper half, and the
/// guess between them.
///
/// Written by hand because Foundation on Linux has no Mac-Roman or ISO-8859-15 decoder that works
/// chunk by chunk, and the tables are short and fixed (checked against Python's codecs in the tests).
enum SingleByteEncoding {
    /// Code points of Windows-1252's 0x80–0x9F; the five unassigned bytes map to the C1 controls (as WHATWG does).
    static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E,
        0x0178,
    ]

    /// Code points of Mac OS Roman's 0x80–0xFF (0xDB is the euro sign since Mac OS 8.5).
    static let macRomanHigh: [UInt32] = [
        0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1, 0x00E0, 0x00E2, 0x00E4, 0x00E3, 0x00E5, 0x00E7, 0x00E9,
        0x00E8,
        0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3, 0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB,
        0x00FC,
        0x2020, 0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x00DF, 0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6,
        0x00D8,
        0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211, 0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9, 0x00E6,
        0x00F8,
        0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB, 0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5, 0x0152,
        0x0153,
        0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA, 0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01,
        0xFB02,
        0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1, 0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC, 0x00D3,
        0x00D4,
        0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC, 0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB,
        0x02C7,
    ]

    /// The eight places where ISO-8859-15 differs from ISO-8859-1 (the euro sign and letters for French and Finnish).
    static let iso885915Changes: [UInt8: UInt32] = [
        0xA4: 0x20AC, 0xA6: 0x0160, 0xA8: 0x0161, 0xB4: 0x017D, 0xB8: 0x017E, 0xBC: 0x0152, 0xBD: 0x0153, 0xBE: 0x0178,
    ]

    /// The code point of `byte` in `encoding`, which must be one of the single-byte ones.
    static func scalar(of byte: UInt8, in encoding: TextEncoding) -> UInt32 {
        if byte < 0x80 { return UInt32(byte) }
        switch encoding {
        case .windows1252: return byte < 0xA0 ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
        case .macRoman: return macRomanHigh[Int(byte - 0x80)]
        case .iso88591: return UInt32(byte)
        case .iso885915: return iso885915Changes[byte] ?? UInt32(byte)
        case .utf8, .utf16LittleEndian, .utf16BigEndian: return 0xFFFD
        }
    }

    /// What a guess between Windows-1252 and Mac-Roman found.
    struct Guess: Equatable {
        var encoding: TextEncoding
        /// The two readings score too close to tell apart.
        var unsure: Bool
    }

    /// Windows-1252 or Mac-Roman, whichever reads the counted bytes as more plausible text.
    ///
    /// Each byte above 0x7F is scored in both readings, weighing where it stands: between two
    /// lower-case ASCII letters (`ide?n`) a lower-case letter is what Dutch text has there; elsewhere
    /// letters and common punctuation are plausible, maths symbols and control characters are not.
    /// The counts are per byte value (0x80–0xFF) and context, gathered by ``ByteStatistics``.
    static func guess(betweenLowercase inWord: [Int], elsewhere: [Int]) -> Guess {
        func score(_ encoding: TextEncoding) -> Int {
            var total = 0
            for high in 0..<128 where inWord[high] + elsewhere[high] > 0 {
                let scalar = Unicode.Scalar(scalar(of: UInt8(high + 0x80), in: encoding)) ?? "\u{FFFD}"
                total +=
                    inWord[high] * plausibility(scalar, betweenLowercase: true)
                    + elsewhere[high] * plausibility(scalar, betweenLowercase: false)
            }
            return total
        }
        let windows = score(.windows1252), mac = score(.macRoman)
        let encoding: TextEncoding = mac > windows ? .macRoman : .windows1252
        let margin = abs(mac - windows)
        let magnitude = max(abs(mac), abs(windows), 1)
        return Guess(encoding: encoding, unsure: margin * 5 < magnitude)
    }

    /// How likely `scalar` is in Dutch survey text at a position: positive plausible, negative implausible.
    ///
    /// The accented letters Dutch (and the French and German in names) uses score high; letters
    /// Dutch hardly has (í ì î ò ù ñ, which Mac-Roman puts where Windows-1252 has typographic
    /// quotes and dashes) score low. The characters Word and Excel type by themselves count for
    /// Windows-1252: ’ between letters is the apostrophe of "collega’s" and "zo’n", and “ ” ‘ – — …
    /// elsewhere are quotes, dashes and ellipses.
    static func plausibility(_ scalar: Unicode.Scalar, betweenLowercase: Bool) -> Int {
        let properties = scalar.properties
        if (0x80...0x9F).contains(scalar.value) || scalar.value == 0xF8FF || scalar.value == 0xFFFD { return -4 }
        if rareLetters.contains(scalar.value) { return betweenLowercase ? 1 : 0 }
        if properties.isLowercase { return betweenLowercase ? 3 : 1 }
        if properties.isUppercase { return betweenLowercase ? -2 : 1 }
        switch scalar.value {
        case 0x2019: return betweenLowercase ? 3 : 2  // ’: the apostrophe Word types in "collega’s"
        case 0x2018: return betweenLowercase ? 0 : 2  // ‘: opens a quote, or "‘t"
        case 0x201C, 0x201D, 0x2013, 0x2014, 0x2026: return betweenLowercase ? -1 : 2
        case 0x00A0, 0x20AC, 0x00B0, 0x00AB, 0x00BB, 0x00B7, 0x2022:
            return betweenLowercase ? -2 : 1
        default: return betweenLowercase ? -3 : -1
        }
    }

    /// Lower-case letters that Dutch text hardly uses: í ì î ò ù ñ ÿ ı ƒ (Mac-Roman's readings of
    /// Windows-1252's ’ “ ” – — and of other typographic bytes).
    static let rareLetters: Set<UInt32> = [0xED, 0xEC, 0xEE, 0xF2, 0xF9, 0xF1, 0xFF, 0x131, 0x192]
}
