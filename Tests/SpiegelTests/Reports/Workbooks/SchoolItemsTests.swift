import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// Which items the MT workbook lists and how the sample's workbook shows them: hand-made released items for the
/// ranking, and the sample's released view read back from the written file.
@Suite struct SchoolItemsTests {
    static func item(_ id: String, over: Double?, under: Double?, own: Double = 5, feedback: Double = 5) -> ReleasedItem {
        let shares =
            over.map { o in
                ReleasedShares(
                    n: 10,
                    shares: GapShares(overschatting: o, inOvereenstemming: 1 - o - (under ?? 0), onderschatting: under ?? 0),
                    withheld: nil)
            } ?? ReleasedShares(n: 10, shares: nil, withheld: .dominantCategory)
        return ReleasedItem(
            school: "A", wave: "w", item: id, area: "x", selfScore: ReleasedCell(n: 10, value: own, withheld: nil),
            feedback: ReleasedCell(n: 10, value: feedback, withheld: nil), shares: shares)
    }

    @Test func theListsRankReleasedSharesAboveZeroLargestFirst() {
        let items = [
            Self.item("Z01", over: 0.2, under: 0.1), Self.item("Z02", over: 0.5, under: 0),
            Self.item("Z03", over: nil, under: nil),  // withheld: never listed
            Self.item("Z04", over: 0.2, under: 0.3, own: 6, feedback: 5), Self.item("Z05", over: 0, under: 0.4),
            Self.item("Z06", over: 0.1, under: 0),
        ]
        // Blind spots: Z02 (0.5), then Z04 and Z01 tie at 0.2 and Z04's larger self − feedback (+1) goes first.
        #expect(SchoolItems.top(items, .blindSpot).map(\.item) == ["Z02", "Z04", "Z01"])
        // Hidden strengths: Z05 (0.4), Z04 (0.3), Z01 (0.1); Z02 and Z06 have none, so they are not listed.
        #expect(SchoolItems.top(items, .hiddenStrength).map(\.item) == ["Z05", "Z04", "Z01"])
        #expect(SchoolItems.top(items, .hiddenStrength, count: 5).map(\.item) == ["Z05", "Z04", "Z01"])
        #expect(SchoolItems.withheld(items).map(\.count) == [1])
    }

    @Test func theScanCardsDescriptionFollowsItsQuestion() {
        #expect(SchoolScan.description("In welke mate is X aanwezig? Docenten leren samen.") == "Docenten leren samen.")
        #expect(SchoolScan.description("Zonder vraag") == "Zonder vraag")
    }

    /// The sample's workbook of 68WG: every listed item's figures are the released ones, and none is withheld.
    @Test func theSampleWorkbookListsReleasedItemsOnly() throws {
        let run = try SampleDataPrivacyTests.SampleRun()
        let folder = try TestSupport.temporaryFolder("school-items")
        defer { try? FileManager.default.removeItem(at: folder) }
        let release = run.release
        let workbook = try SchoolWorkbook(
            result: run.result, configuration: run.configuration, schoolID: "68WG", runInfo: run.runInfo,
            release: release)
        let url = folder.appendingPathComponent(workbook.fileName)
        try workbook.write(to: url)
        let reader = try WorkbookReader(path: url)
        let context = ReportContext(
            result: run.result, configuration: run.configuration, runInfo: run.runInfo, release: release)
        let wave = try #require(SchoolItems.wave(context.release, school: "68WG"))
        let released = context.release.items("68WG", wave: wave.id)
        let sheet = SchoolSheetLayout.change
        let caption = try #require(reader.cells(sheet).first { $0.value.contains(". Uitspraken met de grootste") })
        #expect(caption.value.hasPrefix("Tabel 5."))
        var listed = 0
        for kind in SchoolItems.Kind.allCases {
            for rank in 1...SchoolItems.listLength {
                guard let row = reader.rowContaining(sheet, ["\(kind.label) \(rank)"]) else { continue }
                listed += 1
                // The statement on the next row names the item; its figures are the released ones.
                // The reader counts rows and columns from 1, as Excel does.
                let statement = try #require(reader.cell(sheet, row + 1, 1)?.value)
                let id = String(statement.prefix { $0 != "." })
                let item = try #require(released.first { $0.item == id })
                #expect(statement == "\(id). \(context.itemText(id) ?? "")")
                let share = try #require(item.shares[kind.category])
                #expect(share > 0)
                let column = kind == .blindSpot ? 6 : 7
                #expect(abs((Double(reader.cell(sheet, row, column)?.value ?? "") ?? -1) - share) < 1e-9)
                #expect(abs((Double(reader.cell(sheet, row, 3)?.value ?? "") ?? -1) - (item.selfScore.value ?? -9)) < 1e-9)
            }
        }
        #expect(listed >= 3, "the sample's 68WG has items with blind spots")
        // The withheld items are counted under the table, not listed.
        #expect(reader.cells(sheet).contains { $0.value.contains("Niet getoond:") })
    }
}
