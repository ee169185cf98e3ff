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

    /// The school's own figure as its MT may see it.
    ///
    /// Only the small-group rule hides it. Complementary suppression protects a small school against a
    /// reader who sees *all* schools beside the partnership (researcher output); this workbook shows one
    /// school beside the partnership, so hiding the school's own figure here would protect nobody and
    /// leave a mid-sized school with an empty report (docs/analysis.md, "What an MT workbook shows").
    private func schoolAggregate(_ wave: String, _ area: String, _ measure: Measure) -> Aggregate? {
        guard var aggregate = context.aggregate(.school, school.id, wave: wave, area: area, measure) else { return nil }
        if case .complementary = aggregate.suppression { aggregate.suppression = nil }
        return aggregate
    }

    /// The partnership figure as this school's MT may see it: hidden also when, with the school's own
    /// figure beside it, it would give away the other schools' combined figure for fewer than k people.
    private func partnershipAggregate(_ wave: String, _ area: String, _ measure: Measure) -> Aggregate? {
        guard var aggregate = context.aggregate(.partnership, partnership.id, wave: wave, area: area, measure) else {
            return nil
        }
        let own = context.aggregate(.school, school.id, wave: wave, area: area, measure)?.n ?? 0
        let others = aggregate.n - own
        if aggregate.suppression == nil, own > 0, others > 0, others < context.minimumGroupSize {
            aggregate.suppression = .complementary(of: "de andere scholen samen")
        }
        return aggregate
    }

    /// A mean as MT may see it: the number, a suppression text, or an empty cell without data.
    private func shown(_ aggregate: Aggregate?, signed: Bool = false, partnershipColumn: Bool = false) -> ReportCell {
        if let suppression = aggregate?.suppression {
            return .text(Dutch.suppressed(suppression), ReportStyle.suppressed)
        }
        let style: CellStyle = partnershipColumn
            ? (signed ? ReportStyle.partnershipSignedScore : ReportStyle.partnershipScore)
            : (signed ? ReportStyle.signedScore : ReportStyle.score)
        return .number(aggregate?.statistics?.mean, style)
    }

    /// A share as MT may see it.
    private func shownShare(_ aggregate: Aggregate?, _ category: GapCategory) -> ReportCell {
        if let suppression = aggregate?.suppression { return .text(Dutch.suppressed(suppression), ReportStyle.suppressed) }
        return .number(aggregate?.shares?[category], ReportStyle.percent)
    }

    /// The reasons behind the suppressed cells of one row, short enough to read beside the table:
    /// "Onderdrukt (zelfbeeld, feedback): minder dan 3 personen (n = 2)".
    private func remarks(_ labelled: [(String, Aggregate?)]) -> String {
        var labelsByReason: [(reason: String, labels: [String])] = []
        for (label, aggregate) in labelled {
            guard let suppression = aggregate?.suppression else { continue }
            let reason = Self.reason(suppression)
            if let index = labelsByReason.firstIndex(where: { $0.reason == reason }) {
                labelsByReason[index].labels.append(label)
            } else {
                labelsByReason.append((reason, [label]))
            }
        }
        return labelsByReason.map { "Onderdrukt (\($0.labels.joined(separator: ", "))): \($0.reason)" }.joined(separator: "; ")
    }

    static func reason(_ suppression: Suppression) -> String {
        switch suppression {
        case let .smallGroup(n, minimum): "minder dan \(minimum) personen (n = \(n))"
        case .complementary: "zou samen met andere cijfers een kleine groep herleidbaar maken"
        }
    }

    // MARK: - Overzicht

    private func writeOverview(to workbook: Workbook) throws {
        let sheet = try ReportSheet.add(to: workbook, named: "Overzicht")
        try sheet.text("Spiegel — schoolrapportage", 0, 0, ReportStyle.title, measured: false)
        try sheet.text("\(school.name) (\(school.id))", 1, 0, ReportStyle.subtitle, measured: false)
        let waves = result.waves.map { "\($0.id) (\($0.start) t/m \($0.end))" }.joined(separator: "; ")
        var facts: [(String, String)] = [
            ("Partnerschap", partnership.name),
            ("Gegevens t/m", context.dataUpToText()),
            ("Meetmomenten", waves.isEmpty ? "geen" : waves),
            ("Gapregel", context.gapRule),
            ("Privacy", "Dit werkboek bevat alleen groepscijfers: geen individuele scores en geen namen. "
                + context.suppressionRule + " In de cel staat dan 'onderdrukt' met de reden."),
        ]
        if let latest = result.waves.last, let response = result.response.first(where: { $0.school == school.id && $0.wave == latest.id }) {
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
        for wave in result.waves {
            for area in areas {
                let selfSchool = schoolAggregate(wave.id, area.id, .selfScore)
                let feedbackSchool = schoolAggregate(wave.id, area.id, .feedback)
                let gapSchool = schoolAggregate(wave.id, area.id, .gap)
                let selfPartnership = partnershipAggregate(wave.id, area.id, .selfScore)
                let feedbackPartnership = partnershipAggregate(wave.id, area.id, .feedback)
                let gapPartnership = partnershipAggregate(wave.id, area.id, .gap)
                let cells: [ReportCell] = [
                    .text(wave.id), .text(area.name),
                    shown(selfSchool), shown(selfPartnership, partnershipColumn: true),
                    shown(feedbackSchool), shown(feedbackPartnership, partnershipColumn: true),
                    shown(gapSchool, signed: true), shown(gapPartnership, signed: true, partnershipColumn: true),
                    .count(selfSchool?.n), .count(feedbackSchool?.n),
                    .text(remarks([("zelfbeeld", selfSchool), ("feedback", feedbackSchool), ("gap", gapSchool),
                                   ("partnerschap", selfPartnership ?? feedbackPartnership)]),
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
        for (index, wave) in result.waves.enumerated() {
            let top = 3 + index * Self.radarBlockHeight
            try sheet.text("Meetmoment \(wave.id)", top, 0, ReportStyle.subtitle, measured: false)
            let headerRow = top + 1
            try sheet.header(["Bekwaamheidsgebied", "Zelfbeeld school", "Feedback school", "Zelfbeeld partnerschap",
                              "Opmerking"], row: headerRow)
            for (offset, area) in areas.enumerated() {
                let row = headerRow + 1 + offset
                let measures = [schoolAggregate(wave.id, area.id, .selfScore), schoolAggregate(wave.id, area.id, .feedback),
                                partnershipAggregate(wave.id, area.id, .selfScore)]
                try sheet.text(area.shortName, row, 0)
                for (column, aggregate) in measures.enumerated() {
                    // A chart reads numbers only: a suppressed value is left empty, greyed, and explained beside it.
                    if aggregate?.suppression != nil {
                        try sheet.number(nil, row, 1 + column, ReportStyle.suppressedScore)
                    } else {
                        try sheet.number(aggregate?.statistics?.mean, row, 1 + column, ReportStyle.score)
                    }
                }
                try sheet.text(remarks([("zelfbeeld", measures[0]), ("feedback", measures[1]),
                                        ("partnerschap", measures[2])]), row, 4, ReportStyle.remark, measured: false)
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
        for wave in result.waves {
            for area in areas {
                let schoolGap = schoolAggregate(wave.id, area.id, .gap)
                let partnershipGap = partnershipAggregate(wave.id, area.id, .gap)
                var cells: [ReportCell] = [.text(wave.id), .text(area.name), .count(schoolGap?.n)]
                cells += GapCategory.allCases.map { shownShare(schoolGap, $0) }
                cells += GapCategory.allCases.map { shownShare(partnershipGap, $0) }
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
        for response in result.response where response.school == school.id {
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
        try sheet.text("Later min eerder meetmoment, over wpb's die op beide momenten meededen. Positief: hoger dan de vorige keer.",
                       1, 0, ReportStyle.note, measured: false)
        let headerRow = 3
        try sheet.header(["Van", "Naar", "Bekwaamheidsgebied", "Zelfbeeld school", "Zelfbeeld partnerschap", "n zelfbeeld",
                          "Feedback school", "Feedback partnerschap", "n feedback"], row: headerRow)
        var row = headerRow + 1
        for (index, wave) in result.waves.enumerated() where index > 0 {
            for area in areas {
                let selfSchool = schoolAggregate(wave.id, area.id, .changeSelf)
                let feedbackSchool = schoolAggregate(wave.id, area.id, .changeFeedback)
                let cells: [ReportCell] = [
                    .text(result.waves[index - 1].id), .text(wave.id), .text(area.name),
                    shown(selfSchool, signed: true),
                    shown(partnershipAggregate(wave.id, area.id, .changeSelf), signed: true, partnershipColumn: true),
                    .count(selfSchool?.n),
                    shown(feedbackSchool, signed: true),
                    shown(partnershipAggregate(wave.id, area.id, .changeFeedback), signed: true, partnershipColumn: true),
                    .count(feedbackSchool?.n),
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
        try sheet.finish()
    }
}
