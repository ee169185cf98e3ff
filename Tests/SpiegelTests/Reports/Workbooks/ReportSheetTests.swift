import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel
@testable import XLSXWriter

@Suite struct ReportSheetTests {
    /// A gap of −0.0375 is stored as −0.0375: the cell holds the value, the number format rounds what is shown
    /// (and shows a value that rounds to zero as "0,0" without a sign).
    @Test func signedNearZeroValuesAreStoredUnrounded() throws {
        let folder = try TestSupport.temporaryFolder("report-sheet")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("signed.xlsx")
        let workbook = try Workbook(
            path: url.path,
            properties: .init(
                title: "t", author: "a", company: "a", comments: "",
                created: Date(timeIntervalSince1970: 0)))
        let sheet = try ReportSheet.add(to: workbook, named: "Blad")
        try sheet.number(-0.0375, 0, 0, ReportStyle.signedScore)
        try sheet.number(0.049, 1, 0, ReportStyle.markedSignedScore)
        try sheet.number(-0.05, 2, 0, ReportStyle.partnershipSignedScore)
        try sheet.number(0.04, 3, 0, ReportStyle.score)
        try sheet.finish()
        try workbook.close()

        let reader = try WorkbookReader(path: url)
        #expect(reader.cell("Blad", 1, 1)?.value == "-0.0375")
        #expect(reader.cell("Blad", 2, 1)?.value == "0.049")
        #expect(reader.cell("Blad", 3, 1)?.value == "-0.05")
        #expect(reader.cell("Blad", 4, 1)?.value == "0.04")
        // The format that does the rounding: signs only beyond ±0.05.
        #expect(reader.cell("Blad", 1, 1)?.format == "[>=0.05]+0.0;[<=-0.05]-0.0;0.0")
    }

    /// The column measure counts characters per line without building the lines; it must agree with
    /// splitting at line breaks, for line breaks at either end, CRLF (one character in Swift, so no
    /// break), accents written as two scalars and emoji.
    @Test func longestLineLengthAgreesWithSplittingTheLines() {
        let texts = [
            "", "a", "abc\nde", "\nabcd", "ab\n", "ab\r\ncdef", "e\u{301}e\u{301}\nx", "👩‍👩‍👧 ok\n\n12345",
            "kort\nveel langer dan de rest\nmidden",
        ]
        for text in texts {
            let bySplitting = text.split(separator: "\n", omittingEmptySubsequences: false).map(\.count).max() ?? 0
            #expect(ReportSheet.longestLineLength(text) == bySplitting, "\(text.debugDescription)")
        }
        #expect(ReportSheet.longestLineLength("kort\nveel langer dan de rest\nmidden") == 23)
        #expect(ReportSheet.longestLineLength("e\u{301}e\u{301}") == 2)
    }
}
