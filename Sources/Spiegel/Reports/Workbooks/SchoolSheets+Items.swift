import XLSXWriter

/// The item table of the school workbook, below the change table (below the shares with one wave only; see
/// ``SchoolSheetLayout/sheet(ofTable:waveCount:)``): the mirrored items with the largest blind spots and hidden
/// strengths, each with its statement on the line below, as released (``SchoolItems``).
extension SchoolSheets {
    private struct ItemLine {
        var kind: SchoolItems.Kind
        var rank: Int
        var item: ReleasedItem
    }

    /// Writes the item table from `firstRow` on (caption, header, two rows per item, the withheld line); returns the
    /// last row written.
    func writeItems(_ wave: Wave, on sheet: ReportSheet, at firstRow: Int) throws -> Int {
        let t = Dutch.number(context.threshold)
        let items = release.items(school.id, wave: wave.id)
        let lines = SchoolItems.Kind.allCases.flatMap { kind in
            SchoolItems.top(items, kind).enumerated().map { ItemLine(kind: kind, rank: $0.offset + 1, item: $0.element) }
        }
        let lastColumn = 8
        var row = firstRow
        try sheet.text(
            "\(table(SchoolSheetLayout.items)). Uitspraken met de grootste blinde vlekken en verborgen krachten "
                + "(als \(table(SchoolSheetLayout.shares)), per uitspraak), " + summaryWaveName(wave), row, 0,
            ReportStyle.subtitle, measured: false)
        row += 1
        try sheet.header(
            ["Uitspraak", "Gebied", "Zelfbeeld", "Feedback", "Verschil", "Blinde vlek", "Verborgen kracht", "Aantal wpb's"],
            row: row)
        let areaNames = Dictionary(uniqueKeysWithValues: areas.map { ($0.id, $0.shortName) })
        for line in lines {
            row += 1
            let item = line.item
            let cells: [ReportCell] = [
                .text("\(line.kind.label) \(line.rank)", ReportStyle.label), .text(areaNames[item.area] ?? item.area),
                shown(item.selfScore), shown(item.feedback), difference(item.selfScore, item.feedback),
                shownShare(item.shares, .overschatting), shownShare(item.shares, .onderschatting), .count(item.n),
            ]
            for (column, cell) in cells.enumerated() { try cell.write(to: sheet, row: row, column: column) }
            row += 1
            try sheet.mergedText("\(item.item). \(context.itemText(item.item) ?? "")", row, columns: 0...lastColumn)
        }
        if lines.isEmpty {
            row += 1
            try sheet.mergedText(
                "Geen uitspraak waarop een wpb zichzelf minstens \(t) hoger of lager inschat dan de feedback.", row,
                columns: 0...lastColumn, ReportStyle.remark)
        }
        // What the figures rest on, and what is left out and why, in one line under the table.
        let withheld = SchoolItems.withheld(items).map {
            "\($0.count) \($0.count == 1 ? "uitspraak" : "uitspraken"), \(Self.shortReason($0.reason))"
        }
        row += 1
        try sheet.mergedText(
            "Zelfscan-uitspraken die ook in de feedback staan, over dezelfde wpb's als hun gebied "
                + "(\(table(SchoolSheetLayout.comparison)))."
                + (withheld.isEmpty ? "" : " Niet getoond: " + withheld.joined(separator: "; ") + "."), row,
            columns: 0...lastColumn, ReportStyle.remark)
        return row
    }

    /// Why items are not shown, in few words: the common reason has a short form, the others their sentence.
    static func shortReason(_ reason: WithholdingReason) -> String {
        if case .itemPopulationDiffers = reason { return "niet door alle wpb's van het gebied beantwoord" }
        return reason.dutchExplanation
    }

    /// A wave's name as it stands mid-sentence in a caption.
    private func summaryWaveName(_ wave: Wave) -> String {
        SchoolSummary(context: context, school: school, partnership: partnership).midSentence(context.waveName(wave.id))
    }
}
