import XLSXWriter

/// The school's own training-school scan, below the response on the Respons sheet: per condition of
/// Reflectiekaart 2 the training team's self-image, the instituutsopleider's view and the partnership's team figure,
/// as released (``SchoolScan``), with the card's description of the condition on the line below. When none of them is shown, one sentence says what arrived and why nothing shows.
extension SchoolSheets {
    private struct ScanLine {
        var condition: CompetencyArea
        var own: ReleasedScanRow?
        var benchmark: ReleasedScanRow?
    }

    /// The last column the scan's texts span: two columns right of the response table's, so that a condition's
    /// description and the note take one or two lines.
    static let scanDescriptionColumn = 9

    /// Writes the scan from `firstRow` on; returns the last row written.
    func writeScan(_ wave: Wave, on sheet: ReportSheet, at firstRow: Int) throws -> Int {
        let lines = release.scanConditions.map { condition in
            ScanLine(
                condition: condition, own: release.scanRow(.school, school.id, wave: wave.id, condition: condition.id),
                benchmark: release.scanRow(.partnership, partnership.id, wave: wave.id, condition: condition.id))
        }
        let waveName = SchoolSummary(context: context, school: school, partnership: partnership)
            .midSentence(context.waveName(wave.id))
        let k = context.minimumGroupSize
        guard SchoolScan.showsTable(release, school: school.id, partnership: partnership.id, wave: wave.id) else {
            let team = lines.compactMap { $0.own?.team.n }.max() ?? 0
            let io = lines.compactMap { $0.own?.instituutsopleider.n }.max() ?? 0
            try sheet.text("Scan opleidingsschool, \(waveName)", firstRow, 0, ReportStyle.subtitle, measured: false)
            try sheet.mergedText(
                "Ontvangen: \(Self.scans(team)) van het opleidingsteam en \(Self.scans(io)) van de instituutsopleider. "
                    + "Cijfers per voorwaarde verschijnen vanaf \(k) scans per groep, zodat niemands antwoorden te "
                    + "herleiden zijn; het partnerschapscijfer vanaf \(context.release.rules.minimumSchools) scholen met "
                    + "een getoond teamcijfer.", firstRow + 1, columns: 0...Self.scanDescriptionColumn, ReportStyle.remark)
            return firstRow + 1
        }
        let scale = context.schoolScanScale
        var row = firstRow
        try sheet.text(
            "\(table(SchoolSheetLayout.scan)). Scan opleidingsschool: opleidingsteam en instituutsopleider, \(waveName)",
            row, 0, ReportStyle.subtitle, measured: false)
        row += 1
        try sheet.mergedText(
            "Gemiddelde per voorwaarde (schaal \(scale.minimum)–\(scale.maximum)) van het opleidingsteam (team) en de "
                + "instituutsopleider (IO), met onder elke voorwaarde wat die inhoudt; partnerschap: het gemiddelde van "
                + "de scholen met een getoond teamcijfer, elke school één keer. De IO is meestal één persoon: diens "
                + "cijfers verschijnen pas vanaf \(k) scans, anders las het MT de antwoorden van één persoon.", row,
            columns: 0...Self.scanDescriptionColumn, ReportStyle.remark)
        row += 1
        let notes = TableNotes()
        let remarks = lines.map { line in
            self.remarks([
                ("team", line.own?.team.withheld), ("IO", line.own?.instituutsopleider.withheld),
                ("partnerschap", line.benchmark?.team.withheld),
            ])
        }
        let hasRemarks = remarks.contains { !$0.isEmpty }
        try sheet.header(
            ["Voorwaarde", "Team school", "IO school", "Verschil team − IO", "Team partnerschap", "Scans team", "Scans IO"]
                + (hasRemarks ? ["Noot"] : []), row: row)
        let lastColumn = Self.scanDescriptionColumn
        for column in (hasRemarks ? 8 : 7)...lastColumn { sheet.fixWidth(18, column: column) }
        let texts = scanTexts()
        for (line, remark) in zip(lines, remarks) {
            row += 1
            let cells: [ReportCell] = [
                .text(line.condition.shortName, ReportStyle.label), shown(line.own?.team),
                shown(line.own?.instituutsopleider), difference(line.own?.team, line.own?.instituutsopleider),
                shown(line.benchmark?.team, partnershipColumn: true), .count(line.own?.team.n),
                .count(line.own?.instituutsopleider.n),
            ]
            for (column, cell) in cells.enumerated() { try cell.write(to: sheet, row: row, column: column) }
            if hasRemarks { try sheet.text(notes.numbers(remark), row, cells.count, ReportStyle.top) }
            // The card's description of the condition on the line below, over the table's width.
            row += 1
            try sheet.mergedText(
                texts[line.condition.id].map(SchoolScan.description) ?? line.condition.name, row,
                columns: 0...lastColumn, ReportStyle.remark)
        }
        return try notes.write(to: sheet, from: row + 1, columns: 0...lastColumn) - 1
    }

    /// "1 scan", "2 scans".
    static func scans(_ count: Int) -> String { count == 1 ? "1 scan" : "\(count) scans" }

    /// Per condition the text of its scan item.
    private func scanTexts() -> [String: String] {
        var texts: [String: String] = [:]
        let instruments = context.configuration.instruments.values.sorted { $0.id < $1.id }
        for instrument in instruments where instrument.subjectKind == .school {
            for item in instrument.items where texts[item.area] == nil { texts[item.area] = item.text }
        }
        return texts
    }
}
