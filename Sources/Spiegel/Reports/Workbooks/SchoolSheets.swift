import XLSXWriter

/// The sheets of a ``SchoolWorkbook``: a summary in words first, then the tables it refers to.
///
/// Every number of this workbook comes from the released view (docs/analysis.md, "Disclosure"); this type only
/// renders it and never decides what may be shown.
struct SchoolSheets {
    let context: ReportContext
    let school: School
    let partnership: Partnership
    /// Whether any wave shows a figure of the school itself; without one, the tables per wave would show only
    /// "onderdrukt", so the workbook keeps to the summary, the response and the explanation.
    let hasOwnFigures: Bool
    /// The tables this school's workbook has, for numbering them: worked out once, since every table's caption and
    /// the summary's sentences ask for their numbers.
    let layout: SchoolSheetLayout.Sheets
    /// The wave of the item table (Uitspraken), when the school has one.
    let itemWave: Wave?
    /// The wave of the school's own scan, when it has one.
    let scanWave: Wave?

    init(context: ReportContext, school: School, partnership: Partnership) {
        self.context = context
        self.school = school
        self.partnership = partnership
        let summary = SchoolSummary(context: context, school: school, partnership: partnership)
        hasOwnFigures = summary.hasOwnFigures
        layout = summary.layout
        itemWave = hasOwnFigures ? SchoolItems.wave(context.release, school: school.id) : nil
        scanWave = SchoolScan.wave(context.release, school: school.id)
    }

    var release: ReleasedView { context.release }
    var areas: [CompetencyArea] { release.areas }
    var printHeader: String { "Spiegel · \(school.name) (\(school.id)) · \(partnership.name)" }

    /// The sheets in workbook order, as ``SchoolSheetLayout/Sheets/tableSheets`` numbers them.
    func write(to workbook: Workbook) throws {
        try writeSummary(to: workbook)
        if hasOwnFigures {
            try writeComparison(to: workbook)
            try writeShares(to: workbook)
            try writeChange(to: workbook)
            try writeRadar(to: workbook)
            try writeTrend(to: workbook)
        }
        try writeResponse(to: workbook)
        try writeAbout(to: workbook)
    }

    private func schoolRow(_ wave: String, _ area: String) -> ReleasedRow? {
        release.row(.school, school.id, wave: wave, area: area)
    }

    private func benchmarkRow(_ wave: String, _ area: String) -> ReleasedRow? {
        release.row(.partnership, partnership.id, wave: wave, area: area)
    }

    /// A mean as released: the number, the withholding text, or an empty cell without data.
    func shown(_ cell: ReleasedCell?, signed: Bool = false, partnershipColumn: Bool = false) -> ReportCell {
        if let reason = cell?.withheld { return .text(Self.withheldText(reason), ReportStyle.suppressed) }
        let style: CellStyle =
            partnershipColumn
            ? (signed ? ReportStyle.partnershipSignedScore : ReportStyle.partnershipScore)
            : (signed ? ReportStyle.signedScore : ReportStyle.score)
        return .number(cell?.value, style)
    }

    /// What a withheld cell shows: one short word that fits a number column; the reason is in the row's note.
    static func withheldText(_ reason: WithholdingReason) -> String {
        if case .waveOpen = reason { return "nog open" }
        return "onderdrukt"
    }

    /// A share as released.
    func shownShare(_ shares: ReleasedShares?, _ category: GapCategory) -> ReportCell {
        if let reason = shares?.withheld { return .text(Self.withheldText(reason), ReportStyle.suppressed) }
        return .number(shares?[category], ReportStyle.percent)
    }

    /// The difference of two released means as shown (one decimal each), or an empty cell: a linear combination
    /// of released numbers, so it reveals nothing they do not, and it adds up with the two numbers printed beside it.
    func difference(_ own: ReleasedCell?, _ other: ReleasedCell?) -> ReportCell {
        .number(SchoolSummary.difference(own, other), ReportStyle.signedScore)
    }

    /// The remarks of one row, each a note below the table: "Onderdrukt (zelfbeeld, feedback): minder dan 3
    /// personen (n = 2)."
    func remarks(_ labelled: [(String, WithholdingReason?)], held: Bool = false) -> [String] {
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
        var parts = labelsByReason.map { "Onderdrukt (\($0.labels.joined(separator: ", "))): \($0.reason)." }
        if held {
            parts.append(
                "Stand van een eerdere publicatie: sindsdien kwamen minder dan \(context.minimumGroupSize) "
                    + "wpb's bij of veranderde een formulier.")
        }
        return parts
    }

    /// The note column, only when some row has a remark; the notes themselves go below the table.
    func noteColumn<Row>(_ rows: [Row], _ notes: TableNotes, _ remark: @escaping (Row) -> [String]) -> [ReportColumn<Row>] {
        guard rows.contains(where: { !remark($0).isEmpty }) else { return [] }
        return [ReportColumn("Noot", width: 6) { .text(notes.numbers(remark($0)), ReportStyle.top) }]
    }

    /// Title, note and print set-up shared by the table sheets; the title starts with the table's number.
    func start(_ name: String, title: String, note: String, in workbook: Workbook) throws -> ReportSheet {
        let sheet = try ReportSheet.add(to: workbook, named: name)
        sheet.keepsHeaderWords = true
        try sheet.text("\(table(name)). \(title)", 0, 0, ReportStyle.title, measured: false)
        try sheet.text(note, 1, 0, ReportStyle.note, measured: false)
        return sheet
    }

    /// "Tabel 2": how the summary and the other sheets refer to a sheet's table.
    func table(_ sheet: String) -> String {
        layout.table(sheet)
    }

    /// The short names of the areas with their full names: the one legend, under Tabel 1.
    private var areaLegend: String {
        "Gebieden: " + areas.map { $0.shortName == $0.name ? $0.name : "\($0.shortName) = \($0.name)" }.joined(separator: "; ")
            + "."
    }

    /// Notes below a table, the item table below them when this sheet holds it (`itemsBelow` on the sheets that can),
    /// then the sheet's frame.
    func finishTable(
        _ sheet: ReportSheet, notes: TableNotes, lastRow: Int, lastColumn: Int, frozenColumns: Int, itemsBelow: Bool = false
    ) throws {
        let headerRow = SchoolSheetLayout.headerRow
        let afterNotes = try notes.write(to: sheet, from: lastRow + 2, columns: 0...lastColumn)
        let holdsItems =
            itemsBelow && SchoolSheetLayout.sheet(ofTable: SchoolSheetLayout.items, waveCount: release.waves.count) == sheet.name
        let items = holdsItems ? itemWave : nil
        if let items { _ = try writeItems(items, on: sheet, at: afterNotes + (notes.texts.isEmpty ? 0 : 1)) }
        try sheet.frameTable(
            headerRow: headerRow, lastRow: lastRow, lastColumn: lastColumn, frozenColumns: frozenColumns,
            printHeader: printHeader)
        // Both tables on one page: split, the first table's header would repeat above the items.
        if items != nil { try sheet.worksheet.fitOnOnePage() }
        try sheet.finish()
    }

    // MARK: - Samenvatting

    private func writeSummary(to workbook: Workbook) throws {
        let sheet = try ReportSheet.add(to: workbook, named: SchoolSheetLayout.summary)
        sheet.keepsHeaderWords = true
        let summary = SchoolSummary(context: context, school: school, partnership: partnership)
        try sheet.text("Samenvatting: \(school.name)", 0, 0, ReportStyle.title, measured: false)
        try sheet.text(
            "\(partnership.name) · gegevens tot en met \(context.dataUpToText()) · alleen groepscijfers, "
                + "geen namen of individuele scores", 1, 0, ReportStyle.note, measured: false)
        let columns = summary.columns
        let lastColumn = columns.count - 1
        var row = SchoolSheetLayout.overviewHeaderRow - 1
        if let (index, wave) = summary.wave {
            try sheet.text(
                "\(SchoolSheetLayout.overviewTable). De gebieden in \(summary.midSentence(context.waveName(wave.id)))", row, 0,
                ReportStyle.subtitle, measured: false)
            let earlier = index > 0 ? summary.midSentence(context.waveName(release.waves[index - 1].id)) : ""
            try sheet.header(columns.map { overviewHeader($0, earlier: earlier) }, row: SchoolSheetLayout.overviewHeaderRow)
            let notes = TableNotes()
            for line in summary.lines {
                for (column, kind) in columns.enumerated() {
                    try overviewCell(line, kind, notes).write(to: sheet, row: summary.cell(line, kind).row, column: column)
                }
            }
            row = SchoolSheetLayout.overviewFirstRow + summary.lines.count
            try sheet.mergedText(
                "Verschil: feedback school min partnerschap, van de getoonde cijfers. Blinde vlek: het aandeel wpb's "
                    + "dat zichzelf minstens \(Dutch.number(context.threshold)) hoger inschat dan de feedback; "
                    + "verborgen kracht: minstens \(Dutch.number(context.threshold)) lager. " + areaLegend, row,
                columns: 0...lastColumn,
                ReportStyle.remark)
            row = try notes.write(to: sheet, from: row + 1, columns: 0...lastColumn)
            row += 1
        }
        for sentence in summary.sentences() {
            try sheet.text(sentence.topic, row, 0, ReportStyle.topLabel, measured: false)
            try sheet.mergedText(sentence.text, row, columns: 1...lastColumn)
            row += 1
        }
        sheet.fixWidth(24, column: 0)
        // Wide enough for "onderdrukt (1)" on one line.
        for column in 1...lastColumn { sheet.fixWidth(15, column: column) }
        try sheet.frameOverview(printHeader: printHeader)
        try sheet.worksheet.fitOnOnePage()
        try sheet.finish()
    }

    private func overviewHeader(_ column: SchoolSummary.Column, earlier: String) -> String {
        switch column {
        case .area: "Gebied"
        case .feedback: "Feedback school"
        case .benchmark: "Feedback partnerschap"
        case .difference: "Verschil school − partnerschap"
        case .change: "Verandering sinds \(earlier)"
        case .overrating: "Blinde vlek: aandeel wpb's"
        case .underrating: "Verborgen kracht: aandeel wpb's"
        case .count: "Aantal wpb's"
        }
    }

    private func overviewCell(_ line: SchoolSummary.Line, _ column: SchoolSummary.Column, _ notes: TableNotes) -> ReportCell {
        func noted(_ withheld: WithholdingReason?) -> ReportCell? {
            guard let withheld else { return nil }
            let number = notes.number("Onderdrukt: \(withheld.dutchExplanation).")
            return .text("\(Self.withheldText(withheld)) (\(number))", ReportStyle.suppressed)
        }
        switch column {
        case .area: return .text(line.area.shortName, ReportStyle.label)
        case .feedback: return noted(line.own?.feedback.withheld) ?? .number(line.own?.feedback.value)
        case .benchmark:
            // No grey fill here: on page 1 grey means "onderdrukt" only.
            return noted(line.benchmark?.feedback.withheld) ?? .number(line.benchmark?.feedback.value)
        case .difference: return difference(line.own?.feedback, line.benchmark?.feedback)
        case .change:
            if let shown = SchoolSummary.change(line.change) { return .number(shown.value, ReportStyle.signedScore) }
            return noted(line.own == nil ? nil : line.change?.feedbackChange.withheld) ?? .number(nil, ReportStyle.signedScore)
        case .overrating:
            return noted(line.own?.shares.withheld) ?? .number(line.own?.shares[.overschatting], ReportStyle.percent)
        case .underrating:
            return noted(line.own?.shares.withheld) ?? .number(line.own?.shares[.onderschatting], ReportStyle.percent)
        case .count: return .count(line.own?.n)
        }
    }

    // MARK: - School en partnerschap

    private struct AreaLine {
        var wave: Wave
        var area: CompetencyArea
        var own: ReleasedRow?
        var benchmark: ReleasedRow?
    }

    /// Every wave × area, in the order of ``SchoolSheetLayout/tableRow(waveIndex:areaIndex:areaCount:)``.
    private var areaLines: [AreaLine] {
        release.waves.flatMap { wave in
            areas.map { AreaLine(wave: wave, area: $0, own: schoolRow(wave.id, $0.id), benchmark: benchmarkRow(wave.id, $0.id)) }
        }
    }

    private func writeComparison(to workbook: Workbook) throws {
        let gapHeader = "Verschil zelfbeeld − feedback school"
        let sheet = try start(
            SchoolSheetLayout.comparison, title: "\(school.name) naast het partnerschap, per meetmoment",
            note: "Gemiddelden over wpb's met zowel een zelfscan als feedback (schaal "
                + "\(context.supervisorScale.minimum)–\(context.supervisorScale.maximum)); grijs: partnerschap. "
                + "Kleur alleen in '\(gapHeader)': oranje = zelfbeeld hoger dan de feedback, blauw = lager.",
            in: workbook)
        let lines = areaLines
        let notes = TableNotes()
        let roleColumns = Role.splitRoles.map { role in
            ReportColumn<AreaLine>("Feedback \(role.shortLabel) school", width: 11) {
                shown($0.own?.roles[role])
            }
        }
        var columns: [ReportColumn<AreaLine>] =
            [
                ReportColumn("Meetmoment", width: 19) { .text(context.waveName($0.wave.id)) },
                ReportColumn("Gebied", width: 15) { .text($0.area.shortName) },
                ReportColumn("Zelfbeeld school", width: 10) { shown($0.own?.selfScore) },
                ReportColumn("Zelfbeeld partnerschap", width: 10) { shown($0.benchmark?.selfScore, partnershipColumn: true) },
                ReportColumn("Feedback school", width: 10) { shown($0.own?.feedback) },
                ReportColumn("Feedback partnerschap", width: 10) { shown($0.benchmark?.feedback, partnershipColumn: true) },
                ReportColumn("Verschil feedback school − partnerschap", width: 10) {
                    difference($0.own?.feedback, $0.benchmark?.feedback)
                },
                ReportColumn(gapHeader, width: 10, scale: .gaps(threshold: context.threshold)) {
                    shown($0.own?.gap, signed: true)
                },
                ReportColumn("Verschil zelfbeeld − feedback partnerschap", width: 10) {
                    shown($0.benchmark?.gap, signed: true, partnershipColumn: true)
                },
            ] + countColumns(lines) + roleColumns
        columns += noteColumn(lines, notes) { line in
            let roles = Role.splitRoles.map { role in
                ("feedback \(role.shortLabel)", line.own?.roles[role]?.withheld)
            }
            return remarks(
                [
                    ("zelfbeeld", line.own?.selfScore.withheld), ("feedback", line.own?.feedback.withheld),
                    ("verschil", line.own?.gap.withheld),
                ] + roles
                    + [("partnerschap", line.benchmark?.selfScore.withheld ?? line.benchmark?.feedback.withheld)],
                held: line.own?.gap.heldFromEarlierRelease == true)
        }
        let headerRow = SchoolSheetLayout.headerRow
        let lastRow = try sheet.table(columns, rows: lines, headerRow: headerRow)
        try finishTable(sheet, notes: notes, lastRow: lastRow, lastColumn: columns.count - 1, frozenColumns: 2)
    }

    /// One count when self-image and feedback share their population in every row (as the disclosure rules make
    /// them), else one per measure: a single n beside means over different groups would mislead.
    private func countColumns(_ lines: [AreaLine]) -> [ReportColumn<AreaLine>] {
        if lines.allSatisfy({ $0.own?.selfScore.n == $0.own?.feedback.n }) {
            return [ReportColumn("Aantal wpb's", width: 8) { .count($0.own?.feedback.n) }]
        }
        return [
            ReportColumn("Aantal wpb's zelfbeeld", width: 9) { .count($0.own?.selfScore.n) },
            ReportColumn("Aantal wpb's feedback", width: 9) { .count($0.own?.feedback.n) },
        ]
    }

    // MARK: - Spinnenweb

    /// Rows a radar block takes: title, header, five areas, and room for the chart.
    static let radarBlockHeight = 24

    /// The four lines of the radar: colour-blind-safe colours (Okabe–Ito) and distinct dashes and markers, so
    /// they differ also in grey print and for readers who do not tell the colours apart.
    private struct RadarLine: Sendable {
        var name: String
        var color: UInt32
        var dash: Chart.LineDash
        var marker: Chart.Marker
        var cell: @Sendable (ReleasedRow?, ReleasedRow?) -> ReleasedCell?
    }

    /// Draws `drawn` (radar lines with their place in ``radarLines``) on `chart`: categories from `categoryColumn`,
    /// each line's values from the column after it plus its place, over `rows`, on the scale's axis.
    private static func plot(
        _ drawn: [(offset: Int, element: RadarLine)], on chart: Chart, sheet: String, rows: ClosedRange<Int>,
        categoryColumn: Int, scale: Instrument.Scale
    ) throws {
        let categories = Chart.Range(
            sheet: sheet, firstRow: rows.lowerBound, firstColumn: categoryColumn, lastRow: rows.upperBound,
            lastColumn: categoryColumn)
        for (offset, line) in drawn {
            let column = categoryColumn + 1 + offset
            try chart.addSeries(
                name: line.name, categories: categories,
                values: .init(
                    sheet: sheet, firstRow: rows.lowerBound, firstColumn: column, lastRow: rows.upperBound,
                    lastColumn: column),
                color: line.color, dash: line.dash, marker: line.marker)
        }
        try chart.setValueAxis(
            minimum: Double(scale.minimum), maximum: Double(scale.maximum), majorUnit: 1, numberFormat: "0")
    }

    private static let radarLines: [RadarLine] = [
        RadarLine(name: "Zelfbeeld school", color: ReportStyle.selfColor, dash: .solid, marker: .circle) { own, _ in
            own?.selfScore
        },
        RadarLine(name: "Feedback school", color: ReportStyle.feedbackColor, dash: .dash, marker: .square) { own, _ in
            own?.feedback
        },
        RadarLine(
            name: "Zelfbeeld partnerschap", color: ReportStyle.partnershipSelfColor, dash: .roundDot,
            marker: .diamond
        ) { _, other in other?.selfScore },
        RadarLine(
            name: "Feedback partnerschap", color: ReportStyle.partnershipFeedbackColor, dash: .longDashDot,
            marker: .triangle
        ) { _, other in other?.feedback },
    ]

    /// The wave the radar shows: the latest released one (earlier waves are on the trend sheet), else the last.
    private var radarWave: Wave? { release.waves.last { release.isReleased($0) } ?? release.waves.last }

    private func writeRadar(to workbook: Workbook) throws {
        let sheet = try start(
            SchoolSheetLayout.radar, title: "Spinnenweb: \(school.name)",
            note: "De grafiek leest de tabel ernaast. Een lege cel is een ontbrekend punt: grijs is "
                + "onderdrukt, wit is geen gegevens. Lijnen zonder enig punt staan niet in de grafiek.",
            in: workbook)
        let scale = context.supervisorScale
        let notes = TableNotes()
        var afterTable = SchoolSheetLayout.headerRow + 1
        if let wave = radarWave {
            let headerRow = SchoolSheetLayout.headerRow
            try sheet.text("Meetmoment \(context.waveName(wave.id))", headerRow - 1, 0, ReportStyle.subtitle, measured: false)
            let rows = areas.map { (schoolRow(wave.id, $0.id), benchmarkRow(wave.id, $0.id)) }
            let remarkLists = rows.map { own, other in
                remarks(
                    zip(
                        ["zelfbeeld school", "feedback school", "zelfbeeld partnerschap", "feedback partnerschap"],
                        Self.radarLines.map { $0.cell(own, other)?.withheld }
                    ).map { ($0, $1) })
            }
            let hasRemarks = remarkLists.contains { !$0.isEmpty }
            try sheet.header(["Gebied"] + Self.radarLines.map(\.name) + (hasRemarks ? ["Noot"] : []), row: headerRow)
            for (offset, area) in areas.enumerated() {
                let row = headerRow + 1 + offset
                try sheet.text(area.shortName, row, 0)
                for (column, line) in Self.radarLines.enumerated() {
                    let cell = line.cell(rows[offset].0, rows[offset].1)
                    // A chart reads numbers only: a withheld value is left empty, greyed, and explained in a note.
                    try sheet.number(
                        cell?.withheld == nil ? cell?.value : nil, row, 1 + column,
                        cell?.withheld == nil ? ReportStyle.score : ReportStyle.suppressedScore)
                }
                if hasRemarks { try sheet.text(notes.numbers(remarkLists[offset]), row, 5, ReportStyle.top) }
            }
            let firstRow = headerRow + 1, lastRow = headerRow + areas.count
            afterTable = try notes.write(to: sheet, from: lastRow + 2, columns: 0...(hasRemarks ? 5 : 4))
            // Only lines with at least one point: an empty series would still stand in the legend.
            let drawn = Self.radarLines.enumerated().filter { _, line in
                rows.contains { line.cell($0.0, $0.1)?.value != nil }
            }
            let schoolDrawn = drawn.contains { $0.offset < 2 }
            if !areas.isEmpty, !drawn.isEmpty {
                if !schoolDrawn {
                    try sheet.mergedText(
                        "De cijfers van uw school zijn onderdrukt (zie de noten); de grafiek toont alleen het partnerschap.",
                        afterTable + 1, columns: 0...4, ReportStyle.remark)
                }
                let chart = try workbook.addChart(.radarWithMarkers)
                try chart.setTitle(
                    schoolDrawn
                        ? "\(school.name), \(context.waveName(wave.id))"
                        : "Alleen het partnerschap, \(context.waveName(wave.id)) (uw school: onderdrukt)")
                try Self.plot(
                    drawn, on: chart, sheet: sheet.name, rows: firstRow...lastRow, categoryColumn: 0, scale: scale)
                try chart.setLegend(.bottom)
                try chart.showBlanksAsGaps()
                try sheet.worksheet.insert(chart, row: headerRow, column: 7, width: 460, height: 400)
            } else {
                try sheet.mergedText(
                    "Geen grafiek: voor dit meetmoment zijn er geen cijfers om te tonen (zie de tabel).",
                    afterTable + 1, columns: 0...4, ReportStyle.remark)
            }
        }
        sheet.fixWidth(16, column: 0)
        for column in 1...4 { sheet.fixWidth(13, column: column) }
        sheet.fixWidth(6, column: 5)
        try sheet.worksheet.setUpPrinting(header: printHeader)
        try sheet.worksheet.fitOnOnePage()
        try sheet.finish()
    }

    // MARK: - Trend

    /// The feedback of every area over the waves on one page: one table (area × wave) and one small chart per area.
    private func writeTrend(to workbook: Workbook) throws {
        guard release.waves.count >= 2 else { return }
        let sheet = try start(
            SchoolSheetLayout.trend, title: "Trend per gebied: \(school.name)",
            note: "Gemiddelden per meetmoment, uit \(table(SchoolSheetLayout.comparison)). Een lege cel is "
                + "onderdrukt (grijs) of zonder gegevens; de lijn slaat dat meetmoment over.", in: workbook)
        let waves = release.waves
        let scale = context.supervisorScale
        let headerRow = SchoolSheetLayout.headerRow
        try sheet.header(["Gebied", "Meetmoment"] + Self.radarLines.map(\.name), row: headerRow)
        var row = headerRow
        var blocks: [(area: CompetencyArea, firstRow: Int, rows: [(ReleasedRow?, ReleasedRow?)])] = []
        for area in areas {
            let rows = waves.map { (schoolRow($0.id, area.id), benchmarkRow($0.id, area.id)) }
            blocks.append((area, row + 1, rows))
            for (offset, wave) in waves.enumerated() {
                row += 1
                try sheet.text(offset == 0 ? area.shortName : "", row, 0, ReportStyle.label)
                try sheet.text(context.waveName(wave.id), row, 1)
                for (column, line) in Self.radarLines.enumerated() {
                    let cell = line.cell(rows[offset].0, rows[offset].1)
                    try sheet.number(
                        cell?.withheld == nil ? cell?.value : nil, row, 2 + column,
                        cell?.withheld == nil ? ReportStyle.score : ReportStyle.suppressedScore)
                }
            }
        }
        try sheet.mergedText(
            "Lijnen in de grafieken: zelfbeeld school blauw, doorgetrokken, rondjes; feedback school oranjerood, "
                + "gestreept, vierkantjes; zelfbeeld partnerschap lichtblauw, gestippeld, ruitjes; feedback "
                + "partnerschap oranje, streep-punt, driehoekjes. Schaal \(scale.minimum)–\(scale.maximum).",
            row + 2, columns: 0...5, ReportStyle.remark)
        // Small charts beside the table, two across: all areas on one printed page.
        for (index, block) in blocks.enumerated() {
            let drawn = Self.radarLines.enumerated().filter { _, line in
                block.rows.contains { line.cell($0.0, $0.1)?.value != nil }
            }
            guard !drawn.isEmpty else { continue }
            let lastRow = block.firstRow + waves.count - 1
            let chart = try workbook.addChart(.lineWithMarkers)
            try chart.setTitle(block.area.shortName)
            try Self.plot(
                drawn, on: chart, sheet: sheet.name, rows: block.firstRow...lastRow, categoryColumn: 1, scale: scale)
            // One legend for all charts, in words under the table: a legend in each small chart squeezes its plot.
            try chart.setLegend(.none)
            try chart.showBlanksAsGaps()
            let chartRow = headerRow + (index / 2) * 10, chartColumn = 6 + (index % 2) * 4
            try sheet.worksheet.insert(chart, row: chartRow, column: chartColumn, width: 250, height: 195)
        }
        sheet.fixWidth(18, column: 0)
        sheet.fixWidth(17, column: 1)
        for column in 2...5 { sheet.fixWidth(11, column: column) }
        for column in 6...13 { sheet.fixWidth(9, column: column) }
        try sheet.worksheet.setUpPrinting(header: printHeader)
        try sheet.worksheet.fitOnOnePage()
        try sheet.finish()
    }

    // MARK: - Zelfinschatting, respons, verandering

    private func writeShares(to workbook: Workbook) throws {
        let sheet = try start(
            SchoolSheetLayout.shares, title: "Blinde vlek en verborgen kracht: aandeel wpb's per categorie",
            note: "Per wpb: \(context.gapRule). Geen kleur: de percentages tellen per rij op tot 100%.", in: workbook)
        let lines = areaLines
        let notes = TableNotes()
        var columns: [ReportColumn<AreaLine>] = [
            ReportColumn("Meetmoment", width: 19) { .text(context.waveName($0.wave.id)) },
            ReportColumn("Gebied", width: 15) { .text($0.area.shortName) },
            ReportColumn("Aantal wpb's", width: 8) { .count($0.own?.shares.n) },
        ]
        columns += GapCategory.allCases.map { category in
            ReportColumn("School: \(category.dutchLabel.lowercased())", width: 13) { shownShare($0.own?.shares, category) }
        }
        columns += GapCategory.allCases.map { category in
            ReportColumn("Partnerschap: \(category.dutchLabel.lowercased())", width: 14) {
                shownShare($0.benchmark?.shares, category)
            }
        }
        columns += noteColumn(lines, notes) { line in
            remarks([("school", line.own?.shares.withheld), ("partnerschap", line.benchmark?.shares.withheld)])
        }
        let lastRow = try sheet.table(columns, rows: lines, headerRow: SchoolSheetLayout.headerRow)
        try finishTable(sheet, notes: notes, lastRow: lastRow, lastColumn: columns.count - 1, frozenColumns: 2, itemsBelow: true)
    }

    private func writeResponse(to workbook: Workbook) throws {
        let sheet = try start(
            SchoolSheetLayout.response, title: "Respons: wpb's met ontvangen formulieren",
            note: "Alleen aantallen wpb's (een wpb met twee studentformulieren telt één keer). 'Op de lijst' is leeg "
                + "als het partnerschap geen lijst van wpb's bijhoudt.", in: workbook)
        // A wave whose forms the night's alarm put under review shows no counts: they may be missing, not zero.
        func counted(_ response: ResponseSummary, _ cell: ReportCell) -> ReportCell {
            context.review.instruments(school: school.id, wave: response.wave).isEmpty ? cell : .text("wordt nagekeken")
        }
        let counts: [ReportColumn<ResponseSummary>] = [
            ReportColumn("Meetmoment", width: 20) { .text(context.waveName($0.wave)) },
            ReportColumn("Op de lijst", width: 10) { .count($0.rosterSize) },
            ReportColumn("Met zelfscan", width: 11) { counted($0, .count($0.selfScans)) },
        ]
        let feedbackColumns = Role.splitRoles.map { role in
            ReportColumn<ResponseSummary>("Met feedback \(role.shortLabel)", width: role.about.responseColumnWidth) {
                counted($0, .count($0.feedback(from: role)))
            }
        }
        let rest: [ReportColumn<ResponseSummary>] = [
            ReportColumn("Met alle \(SchoolSummary.word(Analyzer.triadRoles.count))", width: 11) {
                counted($0, .count($0.completeTriads))
            },
            ReportColumn("Respons zelfscan", width: 10) { response in
                counted(
                    response,
                    .number(
                        response.rosterSize.flatMap { $0 > 0 ? Double(response.selfScans) / Double($0) : nil },
                        ReportStyle.percent))
            },
        ]
        let columns = counts + feedbackColumns + rest
        let lastRow = try sheet.table(
            columns, rows: context.response(of: school.id),
            headerRow: SchoolSheetLayout.headerRow)
        if let wave = scanWave { _ = try writeScan(wave, on: sheet, at: lastRow + 2) }
        try sheet.frameTable(
            headerRow: SchoolSheetLayout.headerRow, lastRow: lastRow, lastColumn: columns.count - 1,
            printHeader: printHeader)
        // Response and scan table on one page.
        if layout.scan { try sheet.worksheet.fitOnOnePage() }
        try sheet.finish()
    }

    private struct ChangeLine {
        var from: Wave
        var to: Wave
        var area: CompetencyArea
        var own: ReleasedChange?
        var benchmark: ReleasedChange?
    }

    /// A change as released: over the same wpbs when shown, else the difference of the two waves' groups.
    private func shownChange(_ panel: ReleasedCell?, _ fallback: ReleasedCell?, partnershipColumn: Bool = false) -> ReportCell {
        if panel?.value == nil, let value = fallback?.value {
            return .number(value, partnershipColumn ? ReportStyle.partnershipSignedScore : ReportStyle.signedScore)
        }
        return shown(panel, signed: true, partnershipColumn: partnershipColumn)
    }

    /// What a change figure rests on, in words.
    private func basis(_ change: ReleasedChange?) -> String {
        guard let change else { return "" }
        if change.selfChange.value != nil || change.feedbackChange.value != nil { return "dezelfde wpb's" }
        if change.selfWaveDifference != nil || change.feedbackWaveDifference != nil {
            return "twee groepen"
        }
        return ""
    }

    private func writeChange(to workbook: Workbook) throws {
        guard release.waves.count >= 2 else { return }
        let sheet = try start(
            SchoolSheetLayout.change, title: "Verandering ten opzichte van het vorige meetmoment",
            note: "Het meetmoment min het meetmoment ervoor; positief: hoger dan de vorige keer. Grondslag 'dezelfde "
                + "wpb's': over de wpb's met zelfscan en feedback op beide momenten; 'twee groepen': het verschil "
                + "tussen de groepen van beide meetmomenten (niet dezelfde wpb's).", in: workbook)
        let waves = release.waves
        let lines = waves.indices.dropFirst().flatMap { index in
            areas.map { area in
                ChangeLine(
                    from: waves[index - 1], to: waves[index], area: area,
                    own: release.change(.school, school.id, toWave: waves[index].id, area: area.id),
                    benchmark: release.change(.partnership, partnership.id, toWave: waves[index].id, area: area.id))
            }
        }
        // The n of a change over the same wpbs; empty beside a difference of two groups, which has no single n.
        func panelCount(_ cell: ReleasedCell?, _ fallback: ReleasedCell?) -> ReportCell {
            .count(cell?.value == nil && fallback != nil ? nil : cell?.n)
        }
        var columns: [ReportColumn<ChangeLine>] = [
            ReportColumn("Meetmoment", width: 19) { .text(context.waveName($0.to.id)) },
            ReportColumn("Gebied", width: 16) { .text($0.area.shortName) },
            ReportColumn("Zelfbeeld school", width: 11) { shownChange($0.own?.selfChange, $0.own?.selfWaveDifference) },
            ReportColumn("Zelfbeeld partnerschap", width: 12) {
                shownChange($0.benchmark?.selfChange, $0.benchmark?.selfWaveDifference, partnershipColumn: true)
            },
            ReportColumn("Aantal wpb's zelfbeeld", width: 9) { panelCount($0.own?.selfChange, $0.own?.selfWaveDifference) },
            ReportColumn("Feedback school", width: 11) { shownChange($0.own?.feedbackChange, $0.own?.feedbackWaveDifference) },
            ReportColumn("Feedback partnerschap", width: 12) {
                shownChange($0.benchmark?.feedbackChange, $0.benchmark?.feedbackWaveDifference, partnershipColumn: true)
            },
            ReportColumn("Aantal wpb's feedback", width: 9) {
                panelCount($0.own?.feedbackChange, $0.own?.feedbackWaveDifference)
            },
            ReportColumn("Grondslag school", width: 15) { .text(basis($0.own), ReportStyle.wrapped) },
        ]
        let notes = TableNotes()
        columns += noteColumn(lines, notes) { line in
            // A withheld panel change with a difference of groups in its place needs no remark.
            let own = line.own, other = line.benchmark
            return remarks([
                ("zelfbeeld", own?.selfWaveDifference == nil ? own?.selfChange.withheld : nil),
                ("feedback", own?.feedbackWaveDifference == nil ? own?.feedbackChange.withheld : nil),
                (
                    "partnerschap",
                    other?.selfWaveDifference == nil && other?.feedbackWaveDifference == nil
                        ? other?.selfChange.withheld ?? other?.feedbackChange.withheld : nil
                ),
            ])
        }
        let headerRow = SchoolSheetLayout.headerRow
        let lastRow = try sheet.table(columns, rows: lines, headerRow: headerRow)
        try finishTable(sheet, notes: notes, lastRow: lastRow, lastColumn: columns.count - 1, frozenColumns: 2, itemsBelow: true)
    }

    // MARK: - Over dit werkboek

    private func writeAbout(to workbook: Workbook) throws {
        let sheet = try ReportSheet.add(to: workbook, named: SchoolSheetLayout.about)
        try sheet.text("Over dit werkboek", 0, 0, ReportStyle.title, measured: false)
        try sheet.text("\(school.name) (\(school.id))", 1, 0, ReportStyle.subtitle, measured: false)
        let waves = release.waves.map { context.waveNameWithDays($0) + (release.isReleased($0) ? "" : ", loopt nog") }
            .joined(separator: "; ")
        let facts: [(String, String)] = [
            ("Partnerschap", "\(partnership.name): het gemiddelde over alle wpb's van alle scholen, ter vergelijking."),
            ("Gegevens tot en met", context.dataUpToText()),
            ("Meetmomenten", waves.isEmpty ? "geen" : waves),
            (
                "Privacy",
                context.suppressionRule + " In de cel staat dan 'onderdrukt'; de reden staat in een noot onder de tabel."
            ),
        ]
        let afterFacts = try sheet.facts(facts, wrapped: true)
        let shows: [String: String] = [
            SchoolSheetLayout.summary: "De gebieden van het laatste meetmoment en de belangrijkste bevindingen in zinnen.",
            SchoolSheetLayout.comparison:
                "Uw school naast het partnerschap per gebied en meetmoment, met de feedback van "
                + SchoolSummary.list(Role.splitRoles.map(\.about.plural)) + " apart.",
            SchoolSheetLayout.shares: "Welk deel van de wpb's zichzelf hoger, gelijk of lager inschat dan de feedback.",
            SchoolSheetLayout.change: "Verschil met het vorige meetmoment.",
            SchoolSheetLayout.radar: "Zelfbeeld en feedback van uw school en van het partnerschap in één grafiek.",
            SchoolSheetLayout.trend: "Per gebied het verloop over de meetmomenten.",
            SchoolSheetLayout.response: "Hoeveel wpb's formulieren hebben ingeleverd.",
            SchoolSheetLayout.items: "De uitspraken met de grootste blinde vlekken en verborgen krachten.",
            SchoolSheetLayout.scan: "De scan opleidingsschool: opleidingsteam en instituutsopleider per voorwaarde.",
        ]
        let contents = layout.tableSheets.map { name in
            let sheetName = SchoolSheetLayout.sheet(ofTable: name, waveCount: release.waves.count)
            return (
                sheet: "\(table(name)): \(name)" + (sheetName == name ? "" : " (blad \(sheetName))"), shows: shows[name] ?? ""
            )
        }
        var row = try sheet.sheetList(contents, at: afterFacts + 1) + 1
        try sheet.text("Begrippen", row, 0, ReportStyle.subtitle, measured: false)
        // Terms the sheet list or the facts above already explain are left out: the page stays one page.
        let explained: Set<String> = [
            "n", "Meetmoment", "Partnerschap", "Spinnenweb", "Respons", "Verandering", "Samenvatting", "Onderdrukt",
        ]
        let entries = ExplanationSheet(context: context, audience: .management, printHeader: printHeader).entries()
        for entry in entries where !explained.contains(entry.term) {
            row += 1
            try sheet.text(entry.term, row, 0, ReportStyle.topLabel, measured: false)
            try sheet.text(entry.explanation, row, 1, ReportStyle.wrapped, measured: false)
        }
        sheet.fixWidth(34, column: 0)
        sheet.fixWidth(110, column: 1)
        try sheet.worksheet.setUpPrinting(header: printHeader)
        // One page: a few lines more (three waves' dates) shrink the text a little instead of starting a page.
        try sheet.worksheet.fitOnOnePage()
        try sheet.worksheet.hideGridlines()
        try sheet.finish()
    }
}
