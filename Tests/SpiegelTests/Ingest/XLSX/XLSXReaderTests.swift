import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// XLSX exports read directly: each of the three wpb instruments, written with openpyxl from its CSV
/// twin, gives exactly the forms of the CSV; the rest of the format (inline strings, 1904 dates,
/// several sheets) from hand-written parts; and a bounded mutation run over damaged workbooks.
@Suite("XLSX reader")
struct XLSXReaderTests {
    static let configuration: PipelineConfiguration? = try? PipelineConfiguration.load(
        from: TestSupport.packageRoot.appendingPathComponent("Pipeline.yml"))

    /// Converts `csv` to `xlsx` with openpyxl: numbers as numbers, the submission time as a real date
    /// cell (local wall time, as the form tool shows it), the rest as text; a notes sheet in front
    /// when `dataSheet` is given, so the data must be chosen by name.
    static let converter = """
        import csv, sys, datetime, openpyxl
        from zoneinfo import ZoneInfo
        src, dst, date_column, data_sheet, delimiter = sys.argv[1:6]
        with open(src, encoding='utf-8-sig', newline='') as f:
            rows = list(csv.reader(f, delimiter=delimiter))
        wb = openpyxl.Workbook()
        if data_sheet:
            wb.active.title = 'Toelichting'
            wb.active['A1'] = 'Export van het formulier'
            ws = wb.create_sheet(data_sheet)
        else:
            ws = wb.active
        amsterdam = ZoneInfo('Europe/Amsterdam')
        def when(value):
            for pattern in ('%Y-%m-%d %H:%M:%S', '%d-%m-%Y %H:%M:%S'):
                try: return datetime.datetime.strptime(value, pattern)
                except ValueError: pass
            if ' GMT' in value:
                stamp, offset = value.rsplit(' GMT', 1)
                parsed = datetime.datetime.strptime(stamp, '%Y/%m/%d %I:%M:%S %p')
                sign = -1 if offset.startswith('-') else 1
                zone = datetime.timezone(sign * datetime.timedelta(hours=int(offset.strip('+-') or 0)))
                return parsed.replace(tzinfo=zone).astimezone(amsterdam).replace(tzinfo=None)
            return None
        header = rows[0]
        date_index = header.index(date_column)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value == '':
                    continue
                cell = ws.cell(row=r + 1, column=c + 1)
                if r > 0 and c == date_index and when(value) is not None:
                    cell.value = when(value)
                    cell.number_format = 'd-m-yyyy h:mm:ss'
                elif r > 0 and value.isdigit() and not value.startswith('0'):
                    cell.value = int(value)
                else:
                    cell.value = value
        wb.save(dst)
        """

    /// What a form is, without where it came from (lines differ: a CSV record may span lines).
    struct Content: Equatable {
        var instrument, respondent, subject, school, wave: String
        var role: Role
        var submittedAt: Date
        var scores: [Int?]
        var comments: [String]
        init(_ form: Form) {
            instrument = form.instrument
            respondent = form.respondent
            subject = form.subject
            school = form.school
            wave = form.wave
            role = form.role
            submittedAt = form.submittedAt
            scores = Array(form.scores)
            comments = form.comments
        }
    }

    @Test(
        "each wpb instrument's XLSX export gives exactly the forms of its CSV twin",
        arguments: ["zelfscan-wpb-msforms", "feedback-student-googleforms", "feedback-schoolopleider-limesurvey"])
    func xlsxTwinGivesTheSameForms(sourceName: String) throws {
        let configuration = try #require(Self.configuration)
        var source = try #require(configuration.sources.first { $0.name == sourceName })
        let csvFiles = configuration.files(for: source)
        #expect(!csvFiles.isEmpty)
        let folder = try TestSupport.temporaryFolder("xlsx-twin")
        let dataSheet = sourceName == "feedback-student-googleforms" ? "Formulierreacties 1" : ""
        guard case .header(let dateColumn) = source.columns.submittedAt else {
            Issue.record("date column by header")
            return
        }
        for csv in csvFiles {
            let xlsx = folder.appendingPathComponent(csv.deletingPathExtension().lastPathComponent + ".xlsx")
            let delimiter = String(UnicodeScalar(try CSVReader(url: csv).dialect.delimiter))
            try TestSupport.runPython(Self.converter, arguments: [csv.path, xlsx.path, dateColumn, dataSheet, delimiter])
            let fromCSV = try FormReader(source: source, configuration: configuration).read(file: csv)
            var xlsxSource = source
            if !dataSheet.isEmpty { xlsxSource.dialect.sheet = dataSheet }
            let fromXLSX = try FormReader(source: xlsxSource, configuration: configuration).read(file: xlsx)
            #expect(fromCSV.forms.count > 10)
            #expect(fromXLSX.forms.map(Content.init) == fromCSV.forms.map(Content.init), "\(csv.lastPathComponent)")
            // The CSV's blank rows are rows the sheet leaves out: read as blank rows, as a CSV save writes them.
            #expect(fromCSV.quarantine.contains { $0.reason == .blankRow })
            #expect(fromXLSX.quarantine.map(\.reason) == fromCSV.quarantine.map(\.reason))
            #expect(fromXLSX.summary.rowsRead == fromCSV.summary.rowsRead)
            #expect(fromXLSX.summary.dialect.hasPrefix("XLSX, sheet '\(dataSheet.isEmpty ? "Sheet" : dataSheet)'"))
            // Renamed to .csv it is still read as a workbook.
            let renamed = folder.appendingPathComponent("renamed-" + csv.lastPathComponent)
            try FileManager.default.copyItem(at: xlsx, to: renamed)
            #expect(
                try FormReader(source: xlsxSource, configuration: configuration).read(file: renamed).forms.count
                    == fromXLSX.forms.count)
        }
        source.dialect.sheet = "Bestaat niet"
        let anyXLSX = try #require(
            try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .first { $0.pathExtension == "xlsx" })
        #expect(throws: IngestError.self) { try FormReader(source: source, configuration: configuration).read(file: anyXLSX) }
    }

    /// A workbook written part by part with Python's zipfile, for what openpyxl does not write.
    static func handMade(
        sheets: [(name: String, xml: String)], sharedStrings: [String] = [], date1904: Bool = false,
        styles: String? = nil
    ) throws -> URL {
        let url = try TestSupport.temporaryFolder("xlsx-hand").appendingPathComponent("hand.xlsx")
        var parts: [String: String] = [:]
        let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        parts["xl/workbook.xml"] =
            "<workbook xmlns=\"\(ns)\" xmlns:r=\"\(rel)\"><workbookPr date1904=\"\(date1904 ? 1 : 0)\"/><sheets>"
            + sheets.enumerated().map { "<sheet name=\"\($1.name)\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined()
            + "</sheets></workbook>"
        parts["xl/_rels/workbook.xml.rels"] =
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + sheets.indices.map {
                "<Relationship Id=\"rId\($0 + 1)\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
            }.joined()
            + "</Relationships>"
        for (index, sheet) in sheets.enumerated() {
            parts["xl/worksheets/sheet\(index + 1).xml"] =
                "<worksheet xmlns=\"\(ns)\"><sheetData>\(sheet.xml)</sheetData></worksheet>"
        }
        if !sharedStrings.isEmpty {
            parts["xl/sharedStrings.xml"] = "<sst xmlns=\"\(ns)\">" + sharedStrings.map { "<si>\($0)</si>" }.joined() + "</sst>"
        }
        if let styles { parts["xl/styles.xml"] = "<styleSheet xmlns=\"\(ns)\">\(styles)</styleSheet>" }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: parts), as: UTF8.self)
        try TestSupport.runPython(
            """
            import json, sys, zipfile
            parts = json.loads(sys.argv[2])
            with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
                for name, text in parts.items(): z.writestr(name, text)
            """, arguments: [url.path, json])
        return url
    }

    static func rows(_ url: URL, sheet: String? = nil) throws -> [[String]] {
        let reader = try XLSXSheetReader(url: url, overrides: .init(sheet: sheet))
        var rows: [[String]] = []
        try reader.forEachRecord { record in
            rows.append(record.fields)
            return true
        }
        return rows
    }

    @Test("shared and inline strings, rich text, numbers, booleans, empty cells, 1900 and 1904 dates, sheets by name")
    func cellKinds() throws {
        let styles = """
            <numFmts><numFmt numFmtId="164" formatCode="[$-413]d\\ mmmm\\ yyyy h:mm"/><numFmt numFmtId="165" formatCode="0.0&quot;d&quot;"/></numFmts>
            <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="22"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>
            """
        let data = """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Tijd</t></is></c><c r="D1" t="s"><v>1</v></c></row>
            <row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" s="1"><v>45931.5</v></c><c r="C3" t="b"><v>1</v></c><c r="D3"><v>6</v></c></row>
            <row r="4"><c r="A4" t="str"><v>=x</v></c><c r="B4" s="2"><v>45931.75</v></c><c r="D4" s="3"><v>4.5</v></c></row>
            """
        let url = try Self.handMade(
            sheets: [
                ("Notities", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>nvt</t></is></c></row>"),
                ("Antwoorden", data),
            ],
            sharedStrings: [
                "<t>E-mail</t>", "<r><t>Z</t></r><r><t>01</t></r><rPh><t>ふ</t></rPh>",
                "<t xml:space=\"preserve\"> a, \"b\"\nc </t>",
            ],
            styles: styles)
        // Row 2 is absent in the sheet: a blank row; rows are padded to the header's four columns.
        #expect(
            try Self.rows(url, sheet: "antwoorden") == [
                ["E-mail", "Tijd", "", "Z01"],
                ["", "", "", ""],
                [" a, \"b\"\nc ", "2025-10-01 12:00:00", "TRUE", "6"],
                ["=x", "2025-10-01 18:00:00", "", "4.5"],
            ])
        #expect(try Self.rows(url).first == ["nvt"])
        // The same serial in the 1904 system is 1,462 days later (ECMA-376 §18.17.4.1).
        let url1904 = try Self.handMade(
            sheets: [("S", "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>44469.5</v></c></row>")],
            date1904: true, styles: styles)
        #expect(try Self.rows(url1904) == [["2025-10-01 12:00:00"]])
        // Hand-checked serials: 1 = 1900-01-01, 60 = Excel's 1900-02-29 is skipped, 61 = 1900-03-01.
        #expect(ExcelDate.text(serial: 1, uses1904: false) == "1900-01-01 00:00:00")
        #expect(ExcelDate.text(serial: 61, uses1904: false) == "1900-03-01 00:00:00")
        #expect(ExcelDate.text(serial: 0, uses1904: true) == "1904-01-01 00:00:00")
        #expect(StylesPart.isDate(formatID: 0, code: nil) == false && StylesPart.isDate(formatID: 165, code: "0.0\"d\"") == false)
    }

    @Test("damaged workbooks fail with a clear message, never a crash: truncated, bad XML, bombs, huge tables")
    func boundedMutations() throws {
        let good = try Self.handMade(
            sheets: [
                (
                    "S",
                    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\"><v>1</v></c></row>"
                        + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\"><v>2</v></c></row>"
                )
            ],
            sharedStrings: ["<t>a</t>", "<t>b</t>"])
        let bytes = try [UInt8](Data(contentsOf: good))
        #expect(try Self.rows(good) == [["a", "1"], ["b", "2"]])
        var outcomes: [String: Int] = [:]
        func attempt(_ mutated: [UInt8]) throws {
            let url = try temporaryFile("m.xlsx", bytes: mutated)
            do {
                _ = try Self.rows(url)
                outcomes["read", default: 0] += 1
            } catch let error as IngestError {
                #expect(error.description.contains(url.path))
                outcomes["error", default: 0] += 1
            }
        }
        // Every truncation point of the archive, in steps, then seeded byte flips.
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200)) { try attempt(Array(bytes.prefix(length))) }
        var generator = SeededRandom(seed: 19)
        for _ in 0..<300 {
            var mutated = bytes
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                mutated[Int(generator.next() % UInt64(mutated.count))] = UInt8(truncatingIfNeeded: generator.next())
            }
            try attempt(mutated)
        }
        #expect(outcomes["error", default: 0] > 100)

        // Bad XML, a missing shared string, a row beyond Excel's last, a huge shared-string table.
        let broken: [(String, URL)] = [
            ("not well-formed", try Self.handMade(sheets: [("S", "<row r=\"1\"><c r=\"A1\"><v>1</c></row>")])),
            (
                "does not exist",
                try Self.handMade(
                    sheets: [("S", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row>")],
                    sharedStrings: ["<t>a</t>"])
            ),
            ("last row", try Self.handMade(sheets: [("S", "<row r=\"2000000\"><c r=\"A1\"><v>1</v></c></row>")])),
        ]
        for (expected, url) in broken {
            let error = try #require(throws: IngestError.self) { try Self.rows(url) }
            #expect(error.description.contains(expected), "\(error)")
        }
        // A table with more strings than the limit: a compact 4-million-entry part, deflated to little.
        let huge = try TestSupport.temporaryFolder("xlsx-huge").appendingPathComponent("huge.xlsx")
        try TestSupport.runPython(
            """
            import sys, zipfile
            ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
            rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
            with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
                z.writestr('xl/workbook.xml', f'<workbook xmlns="{ns}" xmlns:r="{rel}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
                z.writestr('xl/_rels/workbook.xml.rels', f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
                z.writestr('xl/worksheets/sheet1.xml', f'<worksheet xmlns="{ns}"><sheetData/></worksheet>')
                z.writestr('xl/sharedStrings.xml', f'<sst xmlns="{ns}">' + '<si/>' * 4_000_001 + '</sst>')
            """, arguments: [huge.path])
        let error = try #require(throws: IngestError.self) { try XLSXSheetReader(url: huge) }
        #expect(error.description.contains("shared strings"))
    }
}

/// A small deterministic generator (SplitMix64), so the mutation run is the same every time.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
