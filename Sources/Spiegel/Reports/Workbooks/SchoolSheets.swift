import XlsxWriter

/// The sheets of a ``SchoolWorkbook``. Reads only school- and partnership-level aggregates.
struct SchoolSheets {
    let context: ReportContext
    let school: School
    let partnership: Partnership

    var result: AnalysisResult { context.result }
    var areas: [CompetencyArea] { result.supervisorAreas }
    var printHeader: String { "Spiegel · \(school.name) (\(school.id)) · \(partnership.name)" }

    func write(to workbook: Workbook) throws {
        try writeOverview(to: workbook)
        try writeComparison(to: workbook)
        try writeRadar(to: workbook)
        try writeGapCategories(to: workbook)
        try writeResponse(to: workbook)
        try writeChange(to: workbook)
        try ExplanationSheet(context: context, audience: .management, printHeader: printHeader).write(to: workbook)
    }

    /// Every number of this workbook comes from the released view (docs/analysis.md, "Disclosure"); this
    /// type only renders it and never decides what may be shown.
    var release: ReleasedView { context.release }

    private func schoolRow(_ wave: String, _ area: String) -> ReleasedRow? {
        release.row(.school, school.id, wave: wave, area: area)
    }

    private func benchmarkRow(_ wave: String, _ area: String) -> ReleasedRow? {
        release.row(.partnership, partnership.id, wave: wave, area: area)
    }

    /// A mean as released: the number, the withholding text, or an empty cell without data.
    private func shown(_ cell: ReleasedCell?, signed: Bool = false, partnershipColumn: Bool = false) -> ReportCell {
        if let reason = cell?.withheld { return .text(reason.dutchCellText, ReportStyle.suppressed) }
        let style: CellStyle = partnershipColumn
            ? (signed ? ReportStyle.partnershipSignedScore : ReportStyle.partnershipScore)
            : (signed ? ReportStyle.signedScore : ReportStyle.score)
        return .number(cell?.value, style)
    }

    /// A share as released.
    private func shownShare(_ shares: ReleasedShares?, _ category: GapCategory) -> ReportCell {
        if let reason = shares?.withheld { return .text(reason.dutchCellText, ReportStyle.suppressed) }
        return .number(shares?[category], ReportStyle.percent)
    }

    /// The reasons behind the withheld cells of one row, short enough to read beside the table:
    /// "Onderdrukt (zelfbeeld, feedback): minder dan 3 personen (n = 2)".
    private func remarks(_ labelled: [(String, WithholdingReason?)]) -> String {
        var labelsByReason: [(reason: String, labels: [String])] = []
        for (label, withheld) in labelled {
            guard let withheld else { continue }
            let reason = withheld.dutchExplanation
            if let index = labelsByReason.firstIndex(where: { $0.reason == reason }) {
                labelsByReason[index].labels.append(label)
            } else {
                labelsByReason.append((reason, [label]))
            }
        }
        return labelsByReason.map { "Onderdrukt (\($0.labels.joined(separator: ", "))): \($0.reason)" }.joined(separator: "; ")
    }

    /// The remark of a row: withheld figures with their reasons, and whether the row is an earlier release's.
    private func remarks(_ labelled: [(String, WithholdingReason?)], held: Bool) -> String {
        let note = held ? "Stand van een eerdere publicatie: sindsdien kwamen minder dan \(context.minimumGroupSize) "
            + "wpb's bij of veranderde een formulier." : ""
        return [remarks(labelled), note].filter { !$0.isEmpty }.joined(separator: "; ")
    }

    // MARK: - Overzicht

    private func writeOverview(to workbook: Workbook) throws {
        let sheet = try ReportSheet.add(to: workbook, named: "Overzicht")
        try sheet.text("Spiegel — schoolrapportage", 0, 0, ReportStyle.title, measured: false)
        try sheet.text("\(school.name) (\(school.id))", 1, 0, ReportStyle.subtitle, measured: false)
        let waves = release.waves.map { "\($0.id) (\($0.start) t/m \($0.end)\(release.isReleased($0) ? "" : ", nog open"))" }
            .joined(separator: "; ")
        var facts: [(String, String)] = [
            ("Partnerschap", partnership.name),
            ("Gegevens t/m", context.dataUpToText()),
            ("Meetmomenten", waves.isEmpty ? "geen" : waves),
            ("Gapregel", context.gapRule),
            ("Privacy", "Dit werkboek bevat alleen groepscijfers: geen individuele scores en geen namen. "
                + context.suppressionRule + " In de cel staat dan 'onderdrukt' met de reden."),
        ]
        if let latest = release.waves.last, let response = release.response.first(where: { $0.school == school.id && $0.wave == latest.id }) {
            let roster = response.rosterSize.map { " van de \($0) wpb's op de lijst" } ?? ""
            facts.append(("Respons \(latest.id)", "\(response.selfScans) zelfscans\(roster); \(response.studentFeedback) "
                + "feedback van studenten, \(response.schoolopleiderFeedback) van schoolopleiders; "
                + "\(response.completeTriads) complete drietallen"))
        }
        let afterFacts = try sheet.facts(facts, wrapped: true)
        let contents: [(sheet: String, shows: String)] = [
            ("School en partnerschap", "Uw school naast het partnerschap, per bekwaamheidsgebied en meetmoment."),
            ("Spinnenweb", "Zelfbeeld en feedback van uw school en het zelfbeeld in het partnerschap in één grafiek."),
            ("Gapcategorieën", "Welk deel van de wpb's zichzelf hoger, gelijk of lager inschat dan anderen doen."),
            ("Respons", "Hoeveel formulieren er binnen zijn."),
            ("Verandering", "Verschil met het vorige meetmoment."),
            ("Toelichting", "Uitleg van elk begrip in gewone taal."),
        ]
        try sheet.sheetList(contents, at: afterFacts + 1)
        sheet.fixWidth(26, column: 0)
        sheet.fixWidth(100, column: 1)
        try sheet.frameOverview(printHeader: printHeader)
        try sheet.finish()
    }

    // MARK: - School en partnerschap

    private func writeComparison(to workbook: Workbook) throws {
        let sheet = try ReportSheet.add(to: workbook, named: "School en partnerschap")
        try sheet.text("\(school.name) naast het partnerschap", 0, 0, ReportStyle.title, measured: false)
        try sheet.text("Gemiddelden over wpb's (schaal \(context.supervisorScale.minimum)–\(context.supervisorScale.maximum)); "
                       + "grijs: partnerschap. \(context.gapRule).", 1, 0, ReportStyle.note, measured: false)
        let headerRow = 3
        try sheet.header(["Meetmoment", "Bekwaamheidsgebied", "Zelfbeeld school", "Zelfbeeld partnerschap",
                          "Feedback school", "Feedback partnerschap", "Gap school", "Gap partnerschap",
                          "n zelfbeeld", "n feedback", "Opmerking"], row: headerRow)
        var row = headerRow + 1
        for wave in release.waves {
            for area in areas {
                let own = schoolRow(wave.id, area.id), benchmark = benchmarkRow(wave.id, area.id)
                let cells: [ReportCell] = [
                    .text(wave.id), .text(area.name),
                    shown(own?.selfScore), shown(benchmark?.selfScore, partnershipColumn: true),
                    shown(own?.feedback), shown(benchmark?.feedback, partnershipColumn: true),
                    shown(own?.gap, signed: true), shown(benchmark?.gap, signed: true, partnershipColumn: true),
                    .count(own?.selfScore.n), .count(own?.feedback.n),
                    .text(remarks([("zelfbeeld", own?.selfScore.withheld), ("feedback", own?.feedback.withheld),
                                   ("gap", own?.gap.withheld),
                                   ("partnerschap", benchmark?.selfScore.withheld ?? benchmark?.feedback.withheld)],
                                  held: own?.gap.heldFromEarlierRelease == true),
                          ReportStyle.remark),
                ]
                for (column, cell) in cells.enumerated() { try cell.write(to: sheet, row: row, column: column) }
                row += 1
            }
        }
        if row > headerRow + 1 {
            let scale = context.supervisorScale
            for column in [2, 4] {
                try sheet.worksheet.colorScale(firstRow: headerRow + 1, firstColumn: column, lastRow: row - 1, lastColumn: column,
                                               minimum: Double(scale.minimum), middle: scale.midpoint, maximum: Double(scale.maximum),
                                               low: ReportStyle.scaleLow, mid: ReportStyle.scaleMid, high: ReportStyle.scaleHigh)
            }
            let spread = 2 * context.threshold
            try sheet.worksheet.colorScale(firstRow: headerRow + 1, firstColumn: 6, lastRow: row - 1, lastColumn: 6,
                                           minimum: -spread, middle: 0, maximum: spread,
                                           low: ReportStyle.gapLow, mid: ReportStyle.gapMid, high: ReportStyle.gapHigh)
        }
        try sheet.frameTable(headerRow: headerRow, lastRow: row - 1, lastColumn: 10, frozenColumns: 2,
                             printHeader: printHeader)
        // Wide enough for "onderdrukt (n < 3)" on one line, so it does not run into the next column's number.
        for column in 2...7 { sheet.fixWidth(ReportStyle.suppressibleColumnWidth, column: column) }
        sheet.fixWidth(40, column: 10)
        try sheet.finish()
    }

    // MARK: - Spinnenweb

    /// Rows a radar block takes: title, header, five areas, and room for the chart.
    static let radarBlockHeight = 24

    private func writeRadar(to workbook: Workbook) throws {
        let sheet = try ReportSheet.add(to: workbook, named: "Spinnenweb")
        try sheet.text("Spinnenweb: \(school.name)", 0, 0, ReportStyle.title, measured: false)
        try sheet.text("De grafiek leest de tabel ernaast. Een lege cel is een ontbrekend punt: grijs is onderdrukt "
                       + "(reden in de kolom Opmerking), wit is geen gegevens.",
                       1, 0, ReportStyle.note, measured: false)
        let scale = context.supervisorScale
        for (index, wave) in release.waves.enumerated() {
            let top = 3 + index * Self.radarBlockHeight
            try sheet.text("Meetmoment \(wave.id)", top, 0, ReportStyle.subtitle, measured: false)
            let headerRow = top + 1
            try sheet.header(["Bekwaamheidsgebied", "Zelfbeeld school", "Feedback school", "Zelfbeeld partnerschap",
                              "Opmerking"], row: headerRow)
            for (offset, area) in areas.enumerated() {
                let row = headerRow + 1 + offset
                let own = schoolRow(wave.id, area.id)
                let measures = [own?.selfScore, own?.feedback, benchmarkRow(wave.id, area.id)?.selfScore]
                try sheet.text(area.shortName, row, 0)
                for (column, aggregate) in measures.enumerated() {
                    // A chart reads numbers only: a suppressed value is left empty, greyed, and explained beside it.
                    if aggregate?.withheld != nil {
                        try sheet.number(nil, row, 1 + column, ReportStyle.suppressedScore)
                    } else {
                        try sheet.number(aggregate?.value, row, 1 + column, ReportStyle.score)
                    }
                }
                try sheet.text(remarks([("zelfbeeld", measures[0]?.withheld), ("feedback", measures[1]?.withheld),
                                        ("partnerschap", measures[2]?.withheld)]), row, 4, ReportStyle.remark, measured: false)
            }
            guard !areas.isEmpty else { continue }
            let chart = try workbook.addChart(.radarWithMarkers)
            try chart.setTitle("\(school.name), \(wave.id)")
            let firstRow = headerRow + 1, lastRow = headerRow + areas.count
            let categories = Chart.Range(sheet: sheet.name, firstRow: firstRow, firstColumn: 0, lastRow: lastRow, lastColumn: 0)
            let series: [(String, UInt32)] = [("Zelfbeeld school", ReportStyle.selfColor),
                                              ("Feedback school", ReportStyle.feedbackColor),
                                              ("Zelfbeeld partnerschap", ReportStyle.thirdColor)]
            for (offset, entry) in series.enumerated() {
                try chart.addSeries(name: entry.0, categories: categories,
                                    values: .init(sheet: sheet.name, firstRow: firstRow, firstColumn: 1 + offset,
                                                  lastRow: lastRow, lastColumn: 1 + offset),
                                    color: entry.1)
            }
            try chart.setValueAxis(minimum: Double(scale.minimum), maximum: Double(scale.maximum), majorUnit: 1, numberFormat: "0")
            try chart.setLegend(.bottom)
            try chart.showBlanksAsGaps()
            try sheet.worksheet.insert(chart, row: top, column: 6, width: 520, height: 440)
        }
        sheet.fixWidth(22, column: 0)
        for column in 1...3 { sheet.fixWidth(13, column: column) }
        sheet.fixWidth(34, column: 4)
        try sheet.worksheet.setUpPrinting(header: printHeader)
        try sheet.finish()
    }

    // MARK: - Gapcategorieën, respons, verandering

    private func writeGapCategories(to workbook: Workbook) throws {
        let sheet = try ReportSheet.add(to: workbook, named: "Gapcategorieën")
        try sheet.text("Gapcategorieën: aandeel wpb's", 0, 0, ReportStyle.title, measured: false)
        try sheet.text(context.gapRule, 1, 0, ReportStyle.note, measured: false)
        let headerRow = 3
        let labels = GapCategory.allCases.map(\.dutchLabel)
        try sheet.header(["Meetmoment", "Bekwaamheidsgebied", "n school"] + labels.map { "School: \($0)" }
                         + labels.map { "Partnerschap: \($0)" }, row: headerRow)
        var row = headerRow + 1
        for wave in release.waves {
            for area in areas {
                let own = schoolRow(wave.id, area.id)?.shares
                let benchmark = benchmarkRow(wave.id, area.id)?.shares
                var cells: [ReportCell] = [.text(wave.id), .text(area.name), .count(own?.n)]
                cells += GapCategory.allCases.map { shownShare(own, $0) }
                cells += GapCategory.allCases.map { shownShare(benchmark, $0) }
                for (column, cell) in cells.enumerated() { try cell.write(to: sheet, row: row, column: column) }
                row += 1
            }
        }
        try sheet.frameTable(headerRow: headerRow, lastRow: row - 1, lastColumn: 8, frozenColumns: 2,
                             printHeader: printHeader)
        for column in 3...8 { sheet.fixWidth(ReportStyle.suppressibleColumnWidth, column: column) }
        try sheet.finish()
    }

    private func writeResponse(to workbook: Workbook) throws {
        let sheet = try ReportSheet.add(to: workbook, named: "Respons")
        try sheet.text("Respons: ontvangen formulieren", 0, 0, ReportStyle.title, measured: false)
        try sheet.text("Alleen aantallen. 'Op de lijst' is leeg als het partnerschap geen lijst van wpb's bijhoudt.",
                       1, 0, ReportStyle.note, measured: false)
        let headerRow = 3
        try sheet.header(["Meetmoment", "Op de lijst", "Zelfscans", "Feedback student", "Feedback schoolopleider",
                          "Complete drietallen", "Respons zelfscan"], row: headerRow)
        var row = headerRow + 1
        for response in release.response where response.school == school.id {
            let share: Double? = response.rosterSize.flatMap { $0 > 0 ? Double(response.selfScans) / Double($0) : nil }
            let cells: [ReportCell] = [.text(response.wave), .count(response.rosterSize), .count(response.selfScans),
                                       .count(response.studentFeedback), .count(response.schoolopleiderFeedback),
                                       .count(response.completeTriads), .number(share, ReportStyle.percent)]
            for (column, cell) in cells.enumerated() { try cell.write(to: sheet, row: row, column: column) }
            row += 1
        }
        try sheet.worksheet.freezePanes(row: headerRow + 1)
        try sheet.worksheet.setUpPrinting(header: printHeader)
        try sheet.finish()
    }

    private func writeChange(to workbook: Workbook) throws {
        let sheet = try ReportSheet.add(to: workbook, named: "Verandering")
        try sheet.text("Verandering ten opzichte van het vorige meetmoment", 0, 0, ReportStyle.title, measured: false)
        try sheet.text("Later min eerder meetmoment, over wpb's van deze school met zelfscan en feedback op beide momenten. "
                       + "Positief: hoger dan de vorige keer.",
                       1, 0, ReportStyle.note, measured: false)
        let headerRow = 3
        try sheet.header(["Van", "Naar", "Bekwaamheidsgebied", "Zelfbeeld school", "Zelfbeeld partnerschap", "n zelfbeeld",
                          "Feedback school", "Feedback partnerschap", "n feedback", "Opmerking"], row: headerRow)
        var row = headerRow + 1
        for (index, wave) in release.waves.enumerated() where index > 0 {
            for area in areas {
                let own = release.change(.school, school.id, toWave: wave.id, area: area.id)
                let benchmark = release.change(.partnership, partnership.id, toWave: wave.id, area: area.id)
                let cells: [ReportCell] = [
                    .text(release.waves[index - 1].id), .text(wave.id), .text(area.name),
                    shown(own?.selfChange, signed: true),
                    shown(benchmark?.selfChange, signed: true, partnershipColumn: true),
                    .count(own?.selfChange.n),
                    shown(own?.feedbackChange, signed: true),
                    shown(benchmark?.feedbackChange, signed: true, partnershipColumn: true),
                    .count(own?.feedbackChange.n),
                    .text(remarks([("zelfbeeld", own?.selfChange.withheld), ("feedback", own?.feedbackChange.withheld),
                                   ("partnerschap", benchmark?.selfChange.withheld ?? benchmark?.feedbackChange.withheld)]),
                          ReportStyle.remark),
                ]
                for (column, cell) in cells.enumerated() { try cell.write(to: sheet, row: row, column: column) }
                row += 1
            }
        }
        if row == headerRow + 1 {
            try sheet.text("Nog geen vergelijking: er is maar één meetmoment.", row, 0, ReportStyle.note, measured: false)
        }
        try sheet.worksheet.freezePanes(row: headerRow + 1)
        try sheet.worksheet.setUpPrinting(header: printHeader)
        try sheet.worksheet.repeatRowsOnEachPage(through: headerRow)
        for column in [3, 4, 6, 7] { sheet.fixWidth(ReportStyle.suppressibleColumnWidth, column: column) }
        sheet.fixWidth(40, column: 9)
        try sheet.finish()
    }
}
