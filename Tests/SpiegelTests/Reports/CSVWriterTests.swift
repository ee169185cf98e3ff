import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

@Suite("CSVWriter")
struct CSVWriterTests {
    /// Writes with `body` and returns the file's bytes as text.
    private func written(_ options: CSVWriter.Options = .standard, _ body: (CSVWriter) throws -> Void) throws -> (String, URL) {
        let folder = try TestSupport.temporaryFolder("csvwriter")
        let url = folder.appendingPathComponent("t.csv")
        let writer = try CSVWriter(creatingFileAt: url, options: options)
        try body(writer)
        try writer.finish()
        return (String(decoding: try Data(contentsOf: url), as: UTF8.self), url)
    }

    @Test("quotes only fields that need it, doubles quotes, ends records in CRLF")
    func exactBytes() throws {
        let (text, _) = try written { writer in
            try writer.writeHeader(["a", "b", "c", "d", "e"])
            try writer.writeRow([.text("plain"), .text("with,comma"), .text("say \"hi\""), .text(nil), .integer(-12)])
            try writer.writeRow([.text("two\nlines"), .text("cr\rhere"), .text(" spaced "), .text(""), .number(nil)])
        }
        #expect(text == "a,b,c,d,e\r\nplain,\"with,comma\",\"say \"\"hi\"\"\",,-12\r\n\"two\nlines\",\"cr\rhere\", spaced ,,\r\n")
    }

    @Test("Python's csv module reads back every tricky text exactly")
    func roundTripThroughPython() throws {
        let texts = [
            "plain", "a,b", "a;b", "quote \" inside", "\"\"", "line\nbreak", "crlf\r\nbreak", "ends with cr\r",
            "  spaces  ", "tab\there", "ünïcødé — ‘quotes’ 🙂", "=SUM(A1)", "-3", "@home", "+31 6", "'already",
            String(repeating: "long ", count: 3000),
        ]
        let (_, url) = try written { writer in
            try writer.writeHeader(["text", "number"])
            for (index, text) in texts.enumerated() {
                writer.writeText(text)
                writer.writeNumber(Double(index) / 4)
                try writer.endRow()
            }
        }
        let rows = try ResearchChecks.parseCSV(url)
        #expect(rows.first == ["text", "number"])
        #expect(rows.dropFirst().map { $0[0] } == texts)
        // index / 4 written as 0, 0.25, 0.5, 0.75, 1, 1.25, …
        #expect(rows.dropFirst().map { $0[1] } == texts.indices.map { "\($0 / 4)" + ["", ".25", ".5", ".75"][$0 % 4] })
    }

    @Test("numbers: at most six decimals, no exponent, no negative zero, no locale")
    func numberFormatting() throws {
        let cases: [(Double?, String)] = [
            (5, "5"), (4.5, "4.5"), (14.5 / 3, "4.833333"), (-1.0 / 3, "-0.333333"), (2.0 / 3, "0.666667"),
            (-0.0000001, "0"), (0.0000004, "0"), (0.0000005, "0.000001"), (0.05, "0.05"), (-6, "-6"),
            (1_234_567.125, "1234567.125"), (0, "0"), (-0.0, "0"), (.nan, ""), (.infinity, ""), (nil, ""),
        ]
        let (text, _) = try written { writer in
            for (value, _) in cases {
                writer.writeNumber(value)
                try writer.endRow()
            }
        }
        #expect(text == cases.map { $0.1 + "\r\n" }.joined())
    }

    @Test("instants in UTC ISO 8601, days as yyyy-MM-dd")
    func dates() throws {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let morning = utc.date(from: DateComponents(year: 2025, month: 10, day: 1, hour: 8, minute: 30, second: 5))!
        let leapNight = utc.date(from: DateComponents(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59))!
        let (text, _) = try written { writer in
            try writer.writeRow([
                .date(Date(timeIntervalSince1970: 0)), .date(morning), .date(leapNight),
                .date(Date(timeIntervalSince1970: -1)), .day(Day(year: 2025, month: 8, day: 1)), .date(nil),
            ])
        }
        #expect(text == "1970-01-01T00:00:00Z,2025-10-01T08:30:05Z,2024-02-29T23:59:59Z,1969-12-31T23:59:59Z,2025-08-01,\r\n")
    }

    @Test("the Excel-friendly dialect: BOM, semicolons, decimal comma, neutralised text but numbers left alone")
    func excelFriendly() throws {
        let (text, url) = try written(.excelFriendly) { writer in
            try writer.writeHeader(["text", "gap"])
            try writer.writeRow([.text("=SUM(A1:A9)"), .number(-0.5)])
            try writer.writeRow([.text("-1"), .number(-1)])
            try writer.writeRow([.text("@cmd; x"), .number(1.25)])
            try writer.writeRow([.text("+31"), .integer(-3)])
            try writer.writeRow([.text("fine"), .boolean(true)])
        }
        let bytes = Array(try Data(contentsOf: url))
        #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
        #expect(text == "\u{FEFF}text;gap\r\n'=SUM(A1:A9);-0,5\r\n'-1;-1\r\n\"'@cmd; x\";1,25\r\n'+31;-3\r\nfine;true\r\n")
        let rows = try ResearchChecks.parseCSV(url, delimiter: ";", encoding: "utf-8-sig")
        #expect(rows.map { $0[0] } == ["text", "'=SUM(A1:A9)", "'-1", "'@cmd; x", "'+31", "fine"])
    }

    @Test("LF line endings and another delimiter on request")
    func lineFeedAndTab() throws {
        let (text, _) = try written(CSVWriter.Options(delimiter: UInt8(ascii: "\t"), lineEnding: .lf)) { writer in
            try writer.writeRow([.text("a\tb"), .text("c")])
        }
        #expect(text == "\"a\tb\"\tc\n")
    }

    @Test("many rows cross the flush threshold intact")
    func largeFile() throws {
        let rowCount = 50_000
        let (text, url) = try written { writer in
            try writer.writeHeader(["i", "half", "label"])
            for i in 0..<rowCount {
                writer.writeInteger(i)
                writer.writeNumber(Double(i) / 2)
                writer.writeText(i % 7 == 0 ? "seven, \"quoted\"" : "r\(i)")
                try writer.endRow()
            }
        }
        #expect(text.utf8.count > CSVWriter.flushThreshold * 10)
        let summary = try TestSupport.runPython(
            """
            import csv, sys
            rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))[1:]
            bad = [r for i, r in enumerate(rows)
                   if int(r[0]) != i or float(r[1]) != i / 2 or r[2] != ('seven, "quoted"' if i % 7 == 0 else f'r{i}')]
            print(len(rows), len(bad))
            """, arguments: [url.path])
        #expect(summary.trimmingCharacters(in: .whitespacesAndNewlines) == "\(rowCount) 0")
    }

    @Test("fields encoded once repeat anywhere in later records, across flushes, in the writer's own dialect")
    func encodedFields() throws {
        let (text, _) = try written { writer in
            let form = writer.encode {
                $0.writeText("a,b")
                $0.writeNumber(-0.5)
            }
            for i in 0..<20_000 {
                writer.write(form)
                writer.writeInteger(i)
                try writer.endRow()
            }
            writer.writeText("x")
            writer.write(form)
            try writer.endRow()
            writer.write(writer.encode { _ in })
            writer.writeText("y")
            try writer.endRow()
        }
        #expect(text == (0..<20_000).map { "\"a,b\",-0.5,\($0)\r\n" }.joined() + "x,\"a,b\",-0.5\r\ny\r\n")
        let (excel, _) = try written(.excelFriendly) { writer in
            let form = writer.encode {
                $0.writeText("-x")
                $0.writeNumber(-0.5)
            }
            writer.write(form)
            writer.write(form)
            try writer.endRow()
        }
        #expect(excel == "\u{FEFF}'-x;-0,5;'-x;-0,5\r\n")
    }

    @Test("the calendar arithmetic agrees with Foundation's Gregorian calendar")
    func civilDates() throws {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        // 1614 to 2380: Foundation switches to the Julian calendar before 1582, Spiegel never does.
        for days in stride(from: Int64(-130_000), through: 150_000, by: 97) {
            let date = Date(timeIntervalSince1970: Double(days) * 86_400)
            let parts = utc.dateComponents([.year, .month, .day], from: date)
            let civil = CSVEncoder.civilDate(daysSince1970: days)
            #expect([civil.year, civil.month, civil.day] == [Int64(parts.year!), Int64(parts.month!), Int64(parts.day!)])
        }
    }
}
