import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel
@testable import XLSXWriter

/// Whether the tools that measure printed text are installed.
enum PrintTools {
    static func which(_ program: String) -> Bool {
        (try? TestSupport.run("/usr/bin/env", arguments: ["which", program])) != nil
    }

    static let present: Bool =
        which("soffice") && which("pdftotext")
        && ((try? TestSupport.run("/usr/bin/env", arguments: ["fc-match", "Calibri"])) ?? "")
            .range(of: "Carlito|Calibri", options: .regularExpression) != nil
}

/// Every sheet of every workbook kind prints on A4 landscape with body text of at least 9 pt, measured from the
/// PDF LibreOffice prints (`scripts/print-check.py`). Skipped where LibreOffice, poppler or a Calibri-compatible
/// font is missing: without them the measurement says nothing about what Excel prints.
@Suite(
    .serialized,
    .enabled(
        if: PrintTools.present,
        "needs soffice (LibreOffice), pdftotext (poppler-utils) and Calibri or Carlito (fonts-crosextra-carlito) to measure printed text sizes"
    ))
struct PrintSizeTests {
    struct Measured: Decodable {
        struct Sheet: Decodable {
            var file: String
            var sheet: String
            var pages: Int
            var blank_pages: Int
            var body_pt: Double?
            var ok: Bool
        }
        var sheets: [Sheet]
        var ok: Bool
    }

    static func measure(_ files: [URL]) throws -> Measured {
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/print-check.py").path
        let output = try TestSupport.run(TestSupport.python, arguments: [script, "--report-only"] + files.map(\.path))
        return try JSONDecoder().decode(Measured.self, from: Data(output.utf8))
    }

    @Test func everySheetOfEveryWorkbookKindPrintsAtNinePointOrMore() throws {
        let run = try SampleDataPrivacyTests.SampleRun()
        let folder = try TestSupport.temporaryFolder("print-size")
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [URL] = []
        // The largest school and the smallest (whose workbook says why it has no figures).
        let bySize = run.configuration.registry.schools.sorted { a, b in
            run.result.subjectScores.filter { $0.school == a.id }.count
                < run.result.subjectScores.filter { $0.school == b.id }.count
        }
        let release = run.release
        for school in [bySize.first, bySize.last].compactMap({ $0 }) {
            let workbook = SchoolWorkbook(
                result: run.result, configuration: run.configuration, school: school, runInfo: run.runInfo,
                release: release)
            files.append(folder.appendingPathComponent(workbook.fileName))
            try workbook.write(to: files.last!)
        }
        let partnership = try #require(run.configuration.registry.partnerships.first)
        let coordinator = PartnershipWorkbook(
            result: run.result, configuration: run.configuration, partnership: partnership,
            runInfo: run.runInfo, release: release)
        files.append(folder.appendingPathComponent("partnerschap.xlsx"))
        try coordinator.write(to: files.last!)
        let supervisor = try #require(run.result.subjectScores.first { $0.scope == .supervisors }?.subject)
        files.append(folder.appendingPathComponent("persoonlijk.xlsx"))
        try PersonalWorkbook(
            result: run.result, configuration: run.configuration, supervisor: supervisor, runInfo: run.runInfo,
            release: release
        )
        .write(to: files.last!)

        let measured = try Self.measure(files)
        // The large school's 8 sheets, the small school's 3, the coordinator's 12 and the personal 5.
        #expect(measured.sheets.count >= 8 + 3 + 12 + 5)
        for sheet in measured.sheets {
            #expect(sheet.ok, "\(sheet.file) · \(sheet.sheet): \(sheet.body_pt ?? 0) pt")
            #expect(sheet.blank_pages == 0, "\(sheet.file) · \(sheet.sheet): a blank page")
        }
        // An MT workbook prints on at most 8 pages, one without figures of its own on at most 3; the summary,
        // the radar and the trend each on one page.
        for school in files.prefix(2).map(\.lastPathComponent) {
            let sheets = measured.sheets.filter { $0.file == school }
            let pages = sheets.map(\.pages).reduce(0, +)
            let hasFigures = sheets.contains { $0.sheet == SchoolSheetLayout.comparison }
            #expect(pages <= (hasFigures ? 8 : 3), "\(school): \(pages) pages")
            for sheet in sheets
            where [SchoolSheetLayout.summary, SchoolSheetLayout.radar, SchoolSheetLayout.trend].contains(sheet.sheet) {
                #expect(sheet.pages == 1, "\(school) · \(sheet.sheet): \(sheet.pages) pages")
            }
        }
        #expect(measured.sheets.filter { $0.file == files[0].lastPathComponent }.count == 3)
    }

    /// Positive control for the page checks: a sheet with a manual page break and nothing below it prints a blank
    /// page, which the check reports.
    @Test func aBlankPageIsCaught() throws {
        let folder = try TestSupport.temporaryFolder("print-blank")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("leeg.xlsx")
        let workbook = try Workbook(
            path: url.path,
            properties: .init(title: "t", author: "a", company: "a", comments: "", created: Date(timeIntervalSince1970: 0)))
        let sheet = try ReportSheet.add(to: workbook, named: "Leeg")
        try sheet.text("Eerste pagina", 0, 0)
        try sheet.worksheet.setUpPrinting(header: "Kop")
        try sheet.worksheet.breakPages(before: [1, 60])
        try sheet.text(" ", 61, 0)
        try sheet.finish()
        try workbook.close()
        let only = try #require(try Self.measure([url]).sheets.first)
        #expect(only.pages >= 2 && only.blank_pages >= 1, "\(only.pages) pages, \(only.blank_pages) blank")
    }

    /// Positive control: a sheet whose body text is 7 pt is reported as too small.
    @Test func aSheetPrintedTooSmallIsCaught() throws {
        let folder = try TestSupport.temporaryFolder("print-size-small")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("klein.xlsx")
        let workbook = try Workbook(
            path: url.path,
            properties: .init(
                title: "t", author: "a", company: "a", comments: "",
                created: Date(timeIntervalSince1970: 0)))
        let sheet = try ReportSheet.add(to: workbook, named: "Klein")
        for row in 0..<20 { try sheet.text("Begeleider Bruggenbouwer feedback", row, 0, CellStyle(fontSize: 7)) }
        try sheet.finish()
        try workbook.close()
        let measured = try Self.measure([url])
        let only = try #require(measured.sheets.first)
        #expect(!only.ok && !measured.ok)
        #expect(abs((only.body_pt ?? 0) - 7) < 0.5)
    }
}
