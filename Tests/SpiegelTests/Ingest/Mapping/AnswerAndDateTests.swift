import Foundation
import Testing

@testable import Spiegel

@Suite("Answer mapping")
struct AnswerMapperTests {
    let mapper = AnswerMapper(scale: IngestFixtures.scale, extraLabels: ["Helemaal mee eens": 7])

    @Test(arguments: [
        ("5", AnswerMapper.Answer.score(5)), (" 5 ", .score(5)), ("07", .score(7)), ("1", .score(1)),
        ("8", .outOfRange(8)), ("0", .outOfRange(0)), ("-1", .outOfRange(-1)),
        ("Grotendeels", .score(6)), ("  grotendeels  ", .score(6)), ("GROTENDEELS", .score(6)),
        ("Een  beetje", .score(3)), ("helemaal\u{00A0}niet", .score(1)),
        ("6 - Grotendeels", .score(6)), ("6 – Grotendeels", .score(6)), ("6—grotendeels", .score(6)),
        ("6. Grotendeels", .score(6)), ("6 Grotendeels", .score(6)), ("6 - Grotendeels eens", .score(6)),
        ("7 - Helemaal", .score(7)), ("1 - Helemaal niet", .score(1)), ("6 - Grotendeels ", .score(6)),
        ("6 - Helemaal", .unmapped), ("8 - Helemaal", .unmapped),
        ("5 - Grotendeels", .unmapped), ("6-7", .unmapped), ("9 - Helemaal", .unmapped), ("9 - heel erg", .outOfRange(9)),
        ("n.v.t.", .notAnswered), ("N.V.T.", .notAnswered), ("Weet ik  niet", .notAnswered), ("-", .notAnswered),
        ("", .notAnswered), ("   ", .notAnswered),
        ("Helemaal mee eens", .score(7)), ("Soms", .unmapped), ("5,5", .unmapped),
    ])
    func mapsText(text: String, expected: AnswerMapper.Answer) {
        #expect(mapper.map(text) == expected)
        // The byte path used for cells agrees with the text path.
        var bytes = Array(text.utf8)
        let fromBytes = bytes.withUnsafeMutableBytes { mapper.map(bytes: UnsafeRawBufferPointer($0)) }
        #expect(fromBytes == expected)
    }
}

@Suite("Identifiers")
struct IdentifierTests {
    @Test(arguments: [("  A.Jansen@X.nl\t", "a.jansen@x.nl"), ("\u{00A0}Ëlla@X.nl ", "ëlla@x.nl"), ("b c", "b c"), ("", "")])
    func normalized(text: String, expected: String) {
        #expect(Identifier.normalized(text) == expected)
    }
}

@Suite("Submission dates")
struct SubmissionDateTests {
    let parser = SubmissionDateParser()
    static let utc = IngestFixtures.utc

    @Test(arguments: [
        // ISO 8601 with and without offset (no offset: Amsterdam time).
        ("2025-09-15T10:05:00+02:00", utc(2025, 9, 15, 8, 5, 0), Day(year: 2025, month: 9, day: 15)),
        ("2025-09-15T10:05:00Z", utc(2025, 9, 15, 10, 5, 0), Day(year: 2025, month: 9, day: 15)),
        ("2025-09-15T23:30:00Z", utc(2025, 9, 15, 23, 30, 0), Day(year: 2025, month: 9, day: 16)),
        ("2025-09-15T10:05:00", utc(2025, 9, 15, 8, 5, 0), Day(year: 2025, month: 9, day: 15)),
        ("2025-09-15 10:05:00", utc(2025, 9, 15, 8, 5, 0), Day(year: 2025, month: 9, day: 15)),
        ("2025-09-15", utc(2025, 9, 14, 22, 0, 0), Day(year: 2025, month: 9, day: 15)),
        ("2025-01-15 10:05", utc(2025, 1, 15, 9, 5, 0), Day(year: 2025, month: 1, day: 15)),
        // Microsoft Forms via Dutch Excel.
        ("15-9-2025 10:05", utc(2025, 9, 15, 8, 5, 0), Day(year: 2025, month: 9, day: 15)),
        ("15-1-2025 10:05:00", utc(2025, 1, 15, 9, 5, 0), Day(year: 2025, month: 1, day: 15)),
        ("5-01-2026 09:05:07", utc(2026, 1, 5, 8, 5, 7), Day(year: 2026, month: 1, day: 5)),
        (" 15-9-2025 10:05 ", utc(2025, 9, 15, 8, 5, 0), Day(year: 2025, month: 9, day: 15)),
        // Google Forms.
        ("2025/09/15 3:04:05 PM GMT+2", utc(2025, 9, 15, 13, 4, 5), Day(year: 2025, month: 9, day: 15)),
        ("2025/01/15 3:04:05 pm GMT+1", utc(2025, 1, 15, 14, 4, 5), Day(year: 2025, month: 1, day: 15)),
        ("2025/09/15 12:30:00 AM GMT+2", utc(2025, 9, 14, 22, 30, 0), Day(year: 2025, month: 9, day: 15)),
        ("2025/09/15 12:30:00 p.m. GMT+2", utc(2025, 9, 15, 10, 30, 0), Day(year: 2025, month: 9, day: 15)),
        ("2025/09/15 3:04:05 PM", utc(2025, 9, 15, 13, 4, 5), Day(year: 2025, month: 9, day: 15)),
        // Daylight saving: the skipped spring hour moves forward; the repeated autumn hour is read as winter time.
        ("30-3-2025 2:30", utc(2025, 3, 30, 1, 30, 0), Day(year: 2025, month: 3, day: 30)),
        ("26-10-2025 2:30", utc(2025, 10, 26, 1, 30, 0), Day(year: 2025, month: 10, day: 26)),
    ])
    func parsesDefaultFormats(text: String, expected: Date, day: Day) throws {
        let parsed = try #require(parser.parse(text), "\(text)")
        #expect(parsed.date == expected)
        #expect(parsed.localDay == day)
    }

    @Test(arguments: [
        "", "gisteren", "31-2-2025 10:00", "2025-13-01", "15-9-2025 25:00", "15-9-2025 10:05 extra",
        "2025/09/15 13:04:05 PM GMT+2",
    ])
    func rejects(text: String) {
        #expect(parser.parse(text) == nil)
    }

    @Test func fractionalSeconds() throws {
        let parsed = try #require(parser.parse("2025-09-15T10:05:00.250Z"))
        #expect(parsed.date == Self.utc(2025, 9, 15, 10, 5, 0).addingTimeInterval(0.25))
    }

    @Test func configuredFormatsReplaceTheDefaults() throws {
        let dutchOnly = SubmissionDateParser(formats: ["d/M/yyyy H:mm"])
        #expect(dutchOnly.parse("15/9/2025 10:05")?.date == Self.utc(2025, 9, 15, 8, 5, 0))
        #expect(dutchOnly.parse("2025-09-15") == nil)
    }

    @Test func patternsWithMonthNamesUseDateFormatter() throws {
        let named = SubmissionDateParser(formats: ["dd MMM yyyy HH:mm"])
        let parsed = try #require(named.parse("15 Sep 2025 10:05"))
        #expect(parsed.date == Self.utc(2025, 9, 15, 8, 5, 0))
        #expect(parsed.localDay == Day(year: 2025, month: 9, day: 15))
    }

    @Test func waveBySchoolYear() throws {
        let july = try #require(parser.parse("2025-07-31 23:30:00"))
        let august = try #require(parser.parse("2025-08-01 00:10:00"))
        #expect(Wave.schoolYear(containing: july.localDay).id == "2024-2025")
        #expect(Wave.schoolYear(containing: august.localDay).id == "2025-2026")
    }
}
