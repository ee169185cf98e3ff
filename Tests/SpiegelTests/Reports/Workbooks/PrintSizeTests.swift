import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel
@testable import XlsxWriter

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
        for school in [bySize.first, bySize.last].compactMap({ $0 }) {
            let workbook = SchoolWorkbook(
                result: run.result, configuration: run.configuration, school: school, runInfo: run.runInfo)
            files.append(folder.appendingPathComponent(workbook.fileName))
            try workbook.write(to: files.last!)
        }
        let partnership = try #require(run.configuration.registry.partnerships.first)
        let coordinator = PartnershipWorkbook(
            result: run.result, configuration: run.configuration, partnership: partnership,
            runInfo: run.runInfo)
        files.append(folder.appendingPathComponent("partnerschap.xlsx"))
        try coordinator.write(to: files.last!)
        let supervisor = try #require(run.result.subjectScores.first { $0.scope == .supervisors }?.subject)
        files.append(folder.appendingPathComponent("persoonlijk.xlsx"))
        try PersonalWorkbook(result: run.result, configuration: run.configuration, supervisor: supervisor, runInfo: run.runInfo)
            .write(to: files.last!)

        let measured = try Self.measure(files)
        #expect(measured.sheets.count >= 9 + 9 + 12 + 5)
        for sheet in measured.sheets {
            #expect(sheet.ok, "\(sheet.file) · \(sheet.sheet): \(sheet.body_pt ?? 0) pt")
        }
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
