import Foundation
import Testing

@testable import Spiegel

/// The configuration gaps met when mapping real exports: a partial instrument, answer codes as a rule.
@Suite("Source configuration gaps")
struct SourceGapsTests {
    @Test("a source lacking items reads them as not asked, which is not 'not answered'")
    func itemsNotAsked() throws {
        let source = Source(
            name: "kort", pattern: "x", instrument: "zelfscan-wpb", columns: IngestFixtures.zelfscanColumns,
            itemsNotAsked: ["Z02"])
        let reader = try FormReaderTests.reader(source)
        // No Z02 column at all; Z03 is left blank by the respondent.
        let url = try temporaryFile(text: "E-mail;School;Tijd van voltooien;Z01;Z03\na@x.nl;01AB;15-9-2025 10:00:00;5;\n")
        let form = try #require(try reader.read(file: url).forms.first)
        #expect(Array(form.scores) == [5, nil, nil])
        #expect(form.scores.isAsked(0) && !form.scores.isAsked(1) && form.scores.isAsked(2))
        #expect(form.scores.answeredCount == 1)
        // Positive control: without `not_asked` the missing column is a file error, as before.
        let strict = try FormReaderTests.reader()
        #expect(throws: IngestError.itemColumnsNotFound(file: url.path, source: "zelfscan", items: ["Z02"])) {
            try strict.read(file: url)
        }
    }

    @Test("answer codes A1…A7 read as 1…7; A9 is out of range, not unmapped; other words stay unmapped")
    func answerCodes() throws {
        let codes = try #require(AnswerCodes(pattern: "A{score}"))
        let mapper = AnswerMapper(scale: IngestFixtures.scale, codes: codes)
        for value in 1...7 { #expect(mapper.map("A\(value)") == .score(value)) }
        #expect(mapper.map(" a3 ") == .score(3))
        #expect(mapper.map("A9") == .outOfRange(9))
        #expect(mapper.map("A") == .unmapped && mapper.map("AB") == .unmapped && mapper.map("B3") == .unmapped)
        // Positive control: without the rule, codes are unmapped.
        #expect(AnswerMapper(scale: IngestFixtures.scale).map("A3") == .unmapped)
        #expect(AnswerCodes(pattern: "{score}") == nil && AnswerCodes(pattern: "A") == nil)
        #expect(AnswerCodes(pattern: "optie {score}.")?.score(in: "optie 4.") == 4)
    }

    @Test("the new source keys load, and a not_asked item that is not the instrument's is reported")
    func keysLoad() throws {
        let fixture = try ConfigurationFixture()
        try fixture.write("exports/zelfscan-1.csv", "E-mail;Tijdstempel;Z01\n")
        try fixture.write(
            "Pipeline.yml",
            """
            instruments: [instruments/*.yml]
            registry: registry.yml
            sources:
              - name: zelfscan
                files: exports/zelfscan-*.csv
                instrument: mini-zelfscan
                quote: "'"
                sheet: Blad1
                answer_codes: "A{score}"
                not_asked: [Z02]
                columns: {respondent: E-mail, submitted_at: Tijdstempel}
            """)
        let source = try #require(try fixture.load().sources.first)
        #expect(source.dialect.quote == UInt8(ascii: "'") && source.dialect.sheet == "Blad1")
        #expect(source.answerCodes == AnswerCodes(pattern: "A{score}") && source.itemsNotAsked == ["Z02"])
        let errors = try fixture.errors(
            pipeline: """
                instruments: [instruments/*.yml]
                registry: registry.yml
                sources:
                  - name: zelfscan
                    files: exports/zelfscan-*.csv
                    instrument: mini-zelfscan
                    quote: "`"
                    answer_codes: "A"
                    not_asked: [Z99]
                    columns: {respondent: E-mail, submitted_at: Tijdstempel}
                """)
        #expect(errors.count == 3)
        #expect(errors.contains { $0.contains("'sources[1].quote'") })
        #expect(errors.contains { $0.contains("{score}") })
        #expect(errors.contains { $0.contains("Z99") })
    }
}
