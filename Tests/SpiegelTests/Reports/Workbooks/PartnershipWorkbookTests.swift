import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// Numbers read back as text by openpyxl match a value to 1e-9.
func matches(_ text: String?, _ expected: Double) -> Bool {
    guard let text, let value = Double(text) else { return false }
    return abs(value - expected) < 1e-9
}

@Suite struct PartnershipWorkbookTests {
    let fixture = WorkbookFixture.self

    private func written(rowLimit: Int? = nil) throws -> (URL, WorkbookReader) {
        let folder = try TestSupport.temporaryFolder("partnership-workbook")
        var workbook = PartnershipWorkbook(
            result: fixture.result, configuration: fixture.configuration,
            partnership: fixture.partnership, runInfo: fixture.runInfo, release: fixture.release)
        if let rowLimit { workbook.rowLimit = rowLimit }
        let url = folder.appendingPathComponent(WorkbookNaming.partnershipFileName(fixture.partnership))
        try workbook.write(to: url)
        return (url, try WorkbookReader(path: url))
    }

    @Test func sheetsHeadersAndProperties() throws {
        let (url, reader) = try written()
        #expect(url.lastPathComponent == "Partnerschap P01 Partnerschap Samen Opleiden Rivierenland.xlsx")
        #expect(
            reader.sheetNames == [
                "Overzicht", "Zelfbeeld", "Feedback", "Verschil", "Zelfinschatting", "Respons", "Ontbrekend",
                "Verandering", "Betrouwbaarheid", "Scan opleidingsschool", "Toelichting", "Invoerbestanden",
            ])
        #expect(reader.contents.creator == "Partnerschap Samen Opleiden Rivierenland")
        #expect(reader.contents.title?.contains("Rivierenland") == true)
        let header = reader.row("Zelfbeeld", 4)
        #expect(header[1] == "Meetmoment" && header[2] == "School" && header[3] == "Naam")
        #expect((4...8).map { header[$0] } == fixture.areas.map(\.shortName))
        #expect(header[9] == "n Begeleider")
        #expect(reader.contents.frozen["Zelfbeeld"] == "D5")
        #expect(reader.contents.frozen["Respons"] != nil)
    }

    @Test func overviewStatesTheRunAndTheRules() throws {
        let (_, reader) = try written()
        let texts = reader.cells("Overzicht").map(\.value)
        // The date the data runs up to (the latest submission), never a wall-clock "run date".
        let dateRow = try #require(reader.rowContaining("Overzicht", ["Gegevens t/m"]))
        #expect(reader.cell("Overzicht", dateRow, 2)?.value == "1 januari 2026")
        #expect(!texts.contains("Rundatum"))
        #expect(texts.contains { $0.contains("verschil zelfbeeld − feedback ≥ +1,0: overschatting") })
        #expect(texts.contains("3 in het partnerschap, 3 met gegevens"))
        #expect(texts.contains("8 met minstens één score"))
        #expect(texts.contains { $0.hasPrefix("9 ") })  // forms used, from the input summary
        // Headline of the latest wave: partnership self on Begeleider = 4.5 + 0 + 0.2.
        let row = try #require(reader.rowContaining("Overzicht", [fixture.areas[0].name]))
        #expect(matches(reader.cell("Overzicht", row, 2)?.value, 4.7))
        #expect(matches(reader.cell("Overzicht", row, 5)?.value, 0.25))
    }

    @Test func schoolGridShowsEveryNumberAndMarksSuppressedOnes() throws {
        let (_, reader) = try written()
        // 02CD, wave 2025-2026, area Poortwachter (index 2): 4.0 + 0.5 + 0.2 + 0.2 = 4.9.
        let row = try #require(reader.rowContaining("Zelfbeeld", ["Schooljaar 2025–2026", "02CD"]))
        #expect(matches(reader.cell("Zelfbeeld", row, 6)?.value, 4.9))
        #expect(reader.cell("Zelfbeeld", row, 6)?.format == "0.0")
        #expect(reader.cell("Zelfbeeld", row, 11)?.value == "3")  // n for Poortwachter
        // 03EF is suppressed for MT, but the coordinator sees the number, marked with '*'.
        let small = try #require(reader.rowContaining("Zelfbeeld", ["Schooljaar 2024–2025", "03EF"]))
        #expect(matches(reader.cell("Zelfbeeld", small, 4)?.value, 5.0))
        #expect(reader.cell("Zelfbeeld", small, 4)?.format.contains("*") == true)
        // The gap sheet: feedback = self − 0.3·(area − 2), so the gap on Ontwikkelingsbekwaam is +0.6.
        let gapRow = try #require(reader.rowContaining("Verschil", ["Schooljaar 2024–2025", "01AB"]))
        #expect(matches(reader.cell("Verschil", gapRow, 8)?.value, 0.6))
        // The partnership closes each wave's block.
        let partnershipRow = try #require(
            reader.rowContaining("Feedback", ["Schooljaar 2024–2025", "Partnerschap (alle scholen)"]))
        #expect(matches(reader.cell("Feedback", partnershipRow, 4)?.value, 4.5 + 0.6))
    }

    @Test func responseAndMissingListsNameWhoIsMissing() throws {
        let (_, reader) = try written()
        let row = try #require(reader.rowContaining("Respons", ["Schooljaar 2025–2026", "03EF"]))
        #expect(reader.cell("Respons", row, 4)?.value == "2")
        #expect(reader.cell("Respons", row, 8)?.value == "1")
        let missing = reader.cells("Ontbrekend").map(\.value)
        #expect(missing.contains("Cor Visser") && missing.contains("Hanna Peters"))
        #expect(missing.contains("feedback schoolopleider"))
    }

    @Test func changeReliabilitySchoolScanAndInputs() throws {
        let (_, reader) = try written()
        let change = try #require(reader.rowContaining("Verandering", ["Schooljaar 2024–2025", "Schooljaar 2025–2026", "01AB"]))
        #expect(matches(reader.cell("Verandering", change, 6)?.value, 0.2))
        let alpha = try #require(reader.rowContaining("Betrouwbaarheid", ["Zelfscan werkplekopleider", fixture.areas[0].name]))
        #expect(reader.cell("Betrouwbaarheid", alpha, 1)?.value == fixture.partnership.name, "whose forms")
        #expect(matches(reader.cell("Betrouwbaarheid", alpha, 7)?.value, 0.81))
        #expect(reader.cell("Betrouwbaarheid", alpha, 8)?.value.hasPrefix("goed") == true)
        // One partnership in the registry: no pooled rows beside its own.
        #expect(reader.rowContaining("Betrouwbaarheid", ["alle partnerschappen samen"]) == nil)
        // 02CD, condition V2: team 5.0 + 0.25 + 0.5 = 5.75 against IO 4.5.
        let scan = try #require(
            reader.rowContaining("Scan opleidingsschool", ["Schooljaar 2024–2025", "02CD", "Ruimte en tijd voor leren"]))
        #expect(matches(reader.cell("Scan opleidingsschool", scan, 5)?.value, 5.75))
        #expect(matches(reader.cell("Scan opleidingsschool", scan, 7)?.value, 1.25))
        #expect(reader.rowContaining("Invoerbestanden", ["Data/exports/zelfscan.csv"]) != nil)
        let explained = reader.cells("Toelichting").map(\.value)
        for term in [
            "Zelfbeeld", "Feedback", "Verschil zelfbeeld − feedback", "Blinde vlek / verborgen kracht", "Betrouwbaarheid (alfa)",
            "Verandering", "Onderdrukt (*)",
        ] {
            #expect(explained.contains(term), "Toelichting lacks \(term)")
        }
    }

    /// The coordinator's "*" marks say what MT workbooks withhold: exactly the released view's withheld cells.
    @Test func marksFollowTheReleasedView() throws {
        let (_, reader) = try written()
        let release = DisclosureControl(
            rules: DisclosureRules(
                configuration: fixture.configuration,
                asOf: fixture.runInfo.releaseDay)
        ).release(fixture.result)
        var marked = 0, unmarked = 0
        for (waveIndex, wave) in fixture.waves.enumerated() {
            let units = fixture.schools.map { ($0.id, AggregateLevel.school) } + [("Partnerschap (alle scholen)", .partnership)]
            for (label, level) in units {
                let row = try #require(reader.rowContaining("Zelfbeeld", [wave.displayName, label]), "\(label) \(waveIndex)")
                for (offset, area) in fixture.areas.enumerated() {
                    let unit = level == .school ? label : fixture.partnership.id
                    let withheld = release.row(level, unit, wave: wave.id, area: area.id)?.selfScore.withheld != nil
                    let isMarked = reader.cell("Zelfbeeld", row, 4 + offset)?.format.contains("*") == true
                    #expect(isMarked == withheld, "\(label) \(wave.id) \(area.id)")
                    if isMarked { marked += 1 } else { unmarked += 1 }
                }
            }
        }
        // 03EF (two wpbs) and the benchmark over two schools are marked; 01AB and 02CD are not.
        let benchmarkRow = try #require(
            reader.rowContaining("Zelfbeeld", ["Schooljaar 2024–2025", "Partnerschap (alle scholen)"]))
        #expect(reader.cell("Zelfbeeld", benchmarkRow, 4)?.format.contains("*") == true)
        #expect(marked > 0 && unmarked > 0)
    }

    @Test func longListsContinueOnANextSheet() throws {
        // 4 units × 2 waves × 5 areas = 40 gap-category rows; with a limit of 8 rows a sheet holds
        // title, two note lines, a blank row, the header and 3 data rows.
        let (_, reader) = try written(rowLimit: 8)
        let parts = reader.sheetNames.filter { $0.hasPrefix("Zelfinschatting") }
        #expect(parts.count == 14)
        #expect(
            parts.count == 14 && parts[0] == "Zelfinschatting" && parts[1] == "Zelfinschatting (2)"
                && parts[13] == "Zelfinschatting (14)")
        var dataRows = 0
        for part in parts {
            let cells = reader.cells(part)
            #expect((cells.map(\.row).max() ?? 0) <= 8)
            #expect(reader.row(part, 5)[1] == "Meetmoment")
            dataRows += Set(cells.filter { $0.row > 5 }.map(\.row)).count
        }
        #expect(dataRows == 40)
    }
}
