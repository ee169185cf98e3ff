import XlsxWriter

/// The sheets of a ``SchoolWorkbook``: a summary in words first, then the tables it refers to.
///
/// Every number of this workbook comes from the released view (docs/analysis.md, "Disclosure"); this type only
/// renders it and never decides what may be shown.
struct SchoolSheets {
    let context: ReportContext
    let school: School
    let partnership: Partnership

    var release: ReleasedView { context.release }
    var areas: [CompetencyArea] { release.areas }
    var printHeader: String { "Spiegel · \(school.name) (\(school.id)) · \(partnership.name)" }

    func write(to workbook: Workbook) throws {
        try writeSummary(to: workbook)
        try writeComparison(to: workbook)
        try writeRadar(to: workbook)
        try writeTrend(to: workbook)
        try writeShares(to: workbook)
        try writeResponse(to: workbook)
        try writeChange(to: workbook)
        try writeAbout(to: workbook)
        try ExplanationSheet(context: context, audience: .management, printHeader: printHeader).write(to: workbook)
    }

    private func schoolRow(_ wave: String, _ area: String) -> ReleasedRow? {
        release.row(.school, school.id, wave: wave, area: area)
    }

    private func benchmarkRow(_ wave: String, _ area: String) -> ReleasedRow? {
        release.row(.partnership, partnership.id, wave: wave, area: area)
    }

    /// A mean as released: the number, the withholding text, or an empty cell without data.
    private func shown(_ cell: ReleasedCell?, signed: Bool = false, partnershipColumn: Bool = false) -> ReportCell {
        if let reason = cell?.withheld { return .text(reason.dutchCellText, ReportStyle.suppressed) }
        let style: CellStyle =
            partnershipColumn
            ? (signed ? ReportStyle.partnershipSignedScore : ReportStyle.partnershipScore)
            : (signed ? ReportStyle.signedScore : ReportStyle.score)
        return .number(cell?.value, style)
    }

    /// A share as released.
    private func shownShare(_ shares: ReleasedShares?, _ category: GapCategory) -> ReportCell {
        if let reason = shares?.withheld { return .text(reason.dutchCellText, ReportStyle.suppressed) }
        return .number(shares?[category], ReportStyle.percent)
    }

    /// The difference of two released means (both shown), or an empty cell: a linear combination of released
    /// numbers, so it reveals nothing they do not.
    private func difference(_ own: ReleasedCell?, _ other: ReleasedCell?) -> ReportCell {
        guard let a = own?.value, let b = other?.value else { return .number(nil, ReportStyle.signedScore) }
        return .number(a - b, ReportStyle.signedScore)
    }

    /// The reasons behind the withheld cells of one row, short enough to read beside the table:
    /// "Onderdrukt (zelfbeeld, feedback): minder dan 3 personen (n = 2)".
    private func remarks(_ labelled: [(String, WithholdingReason?)], held: Bool = false) -> String {
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
        var parts = labelsByReason.map { "Onderdrukt (\($0.labels.joined(separator: ", "))): \($0.reason)" }
        if held {
            parts.append(
                "Stand van een eerdere publicatie: sindsdien kwamen minder dan \(context.minimumGroupSize) "
                    + "wpb's bij of veranderde een formulier.")
        }
        return parts.joined(separator: "; ")
    }

    /// The remark column, only when some row has a remark (an empty column would only shrink the print).
    private func remarkColumn<Row>(_ rows: [Row], _ remark: @escaping (Row) -> String) -> [ReportColumn<Row>] {
        guard rows.contains(where: { !remark($0).isEmpty }) else { return [] }
        return [ReportColumn("Opmerking", width: 22) { .text(remark($0), ReportStyle.remark) }]
    }

    /// Title, note and print set-up shared by the table sheets.
    private func start(_ name: String, title: String, note: String, in workbook: Workbook) throws -> ReportSheet {
        let sheet = try ReportSheet.add(to: workbook, named: name)
        try sheet.text(title, 0, 0, ReportStyle.title, measured: false)
        try sheet.text(note, 1, 0, ReportStyle.note, measured: false)
        return sheet
    }

    // MARK: - Samenvatting

    private func writeSummary(to workbook: Workbook) throws {
        let sheet = try ReportSheet.add(to: workbook, named: SchoolSheetLayout.summary)
        try sheet.text("Samenvatting: \(school.name)", 0, 0, ReportStyle.title, measured: false)
        try sheet.text(
            "\(partnership.name) · gegevens tot en met \(context.dataUpToText()) · alleen groepscijfers, "
                + "geen namen of individuele scores", 1, 0, ReportStyle.note, measured: false)
        var row = 3
        for sentence in SchoolSummary(context: context, school: school, partnership: partnership).sentences() {
            try sheet.text(sentence.topic, row, 0, ReportStyle.topLabel, measured: false)
            try sheet.text(sentence.text, row, 1, ReportStyle.wrapped, measured: false)
            row += 1
        }
        try sheet.text("Regel: \(context.gapRule).", row + 1, 1, ReportStyle.wrapped, measured: false)
        try sheet.text(
            "De zinnen volgen uit de getoonde cijfers; elke zin noemt het blad en de rij. Over een "
                + "onderdrukt cijfer staat hier geen zin.", row + 2, 1, ReportStyle.wrapped, measured: false)
        sheet.fixWidth(22, column: 0)
        sheet.fixWidth(110, column: 1)
        try sheet.frameOverview(printHeader: printHeader)
        try sheet.finish()
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
        let sheet = try start(
            SchoolSheetLayout.comparison, title: "\(school.name) naast het partnerschap",
            note: "Gemiddelden over wpb's met zowel een zelfscan als feedback (schaal "
                + "\(context.supervisorScale.minimum)–\(context.supervisorScale.maximum)); grijs: partnerschap. "
                + "Kleur in 'Feedback school − partnerschap': blauw lager, oranje hoger dan het partnerschap.",
            in: workbook)
        let lines = areaLines
        let roleColumns = DisclosureControl.splitRoles.map { role in
            ReportColumn<AreaLine>("Feedback \(role == .student ? "student" : "schoolopleider") school", width: 10) {
                shown($0.own?.roles[role])
            }
        }
        let differenceHeader = "Feedback school − partnerschap"
        var columns: [ReportColumn<AreaLine>] =
            [
                ReportColumn("Meetmoment", width: 16) { .text(context.waveName($0.wave.id)) },
                ReportColumn("Gebied", width: 16) { .text($0.area.shortName) },
                ReportColumn("Zelfbeeld school", width: 9) { shown($0.own?.selfScore) },
                ReportColumn("Zelfbeeld partnerschap", width: 10) { shown($0.benchmark?.selfScore, partnershipColumn: true) },
                ReportColumn("Feedback school", width: 9) { shown($0.own?.feedback) },
                ReportColumn("Feedback partnerschap", width: 10) { shown($0.benchmark?.feedback, partnershipColumn: true) },
                ReportColumn("Zelfbeeld − feedback school", width: 9) { shown($0.own?.gap, signed: true) },
                ReportColumn("Zelfbeeld − feedback partnerschap", width: 10) {
                    shown($0.benchmark?.gap, signed: true, partnershipColumn: true)
                },
                ReportColumn("Aantal wpb's zelfbeeld", width: 9) { .count($0.own?.selfScore.n) },
                ReportColumn("Aantal wpb's feedback", width: 9) { .count($0.own?.feedback.n) },
                ReportColumn(differenceHeader, width: 10) { difference($0.own?.feedback, $0.benchmark?.feedback) },
            ] + roleColumns
        columns += remarkColumn(lines) { line in
            let roles = DisclosureControl.splitRoles.map { role in
                ("feedback \(role == .student ? "student" : "schoolopleider")", line.own?.roles[role]?.withheld)
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
        if lastRow > headerRow {
            let gapColumn = columns.index(ofColumn: "Zelfbeeld − feedback school") ?? 6
            let spread = 2 * context.threshold
            try sheet.worksheet.colorScale(
                firstRow: headerRow + 1, firstColumn: gapColumn, lastRow: lastRow, lastColumn: gapColumn,
                minimum: -spread, middle: 0, maximum: spread,
                low: ReportStyle.gapLow, mid: ReportStyle.gapMid, high: ReportStyle.gapHigh)
            // Diverging around the partnership (0 = as the partnership), not fixed on the scale.
            let differenceColumn = columns.index(ofColumn: differenceHeader) ?? 10
            try sheet.worksheet.colorScale(
                firstRow: headerRow + 1, firstColumn: differenceColumn, lastRow: lastRow,
                lastColumn: differenceColumn, minimum: -1, middle: 0, maximum: 1,
                low: ReportStyle.gapLow, mid: ReportStyle.gapMid, high: ReportStyle.gapHigh)
        }
        try sheet.frameTable(
            headerRow: headerRow, lastRow: lastRow, lastColumn: columns.count - 1, frozenColumns: 2,
            printHeader: printHeader)
        try sheet.finish()
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

    private func writeRadar(to workbook: Workbook) throws {
        let sheet = try start(
            SchoolSheetLayout.radar, title: "Spinnenweb: \(school.name)",
            note: "De grafiek leest de tabel ernaast. Een lege cel is een ontbrekend punt: grijs is "
                + "onderdrukt, wit is geen gegevens. Lijnen zonder enig punt staan niet in de grafiek.",
            in: workbook)
        let scale = context.supervisorScale
        var widestTable = 5
        for (index, wave) in release.waves.enumerated() {
            let top = 3 + index * Self.radarBlockHeight
            try sheet.text("Meetmoment \(context.waveName(wave.id))", top, 0, ReportStyle.subtitle, measured: false)
            let headerRow = top + 1
            let rows = areas.map { (schoolRow(wave.id, $0.id), benchmarkRow(wave.id, $0.id)) }
            let remarkTexts = rows.map { own, other in
                remarks(
                    zip(
                        ["zelfbeeld school", "feedback school", "zelfbeeld partnerschap", "feedback partnerschap"],
                        Self.radarLines.map { $0.cell(own, other)?.withheld }
                    ).map { ($0, $1) })
            }
            let hasRemarks = remarkTexts.contains { !$0.isEmpty }
            try sheet.header(
                ["Bekwaamheidsgebied"] + Self.radarLines.map(\.name) + (hasRemarks ? ["Opmerking"] : []),
                row: headerRow)
            widestTable = max(widestTable, hasRemarks ? 6 : 5)
            for (offset, area) in areas.enumerated() {
                let row = headerRow + 1 + offset
                try sheet.text(area.shortName, row, 0)
                for (column, line) in Self.radarLines.enumerated() {
                    let cell = line.cell(rows[offset].0, rows[offset].1)
                    // A chart reads numbers only: a withheld value is left empty, greyed, and explained beside it.
                    try sheet.number(
                        cell?.withheld == nil ? cell?.value : nil, row, 1 + column,
                        cell?.withheld == nil ? ReportStyle.score : ReportStyle.suppressedScore)
                }
                if hasRemarks { try sheet.text(remarkTexts[offset], row, 5, ReportStyle.remark, measured: false) }
            }
            // Only lines with at least one point: an empty series would still stand in the legend.
            let drawn = Self.radarLines.enumerated().filter { _, line in
                rows.contains { line.cell($0.0, $0.1)?.value != nil }
            }
            let schoolDrawn = drawn.contains { $0.offset < 2 }
            let firstRow = headerRow + 1, lastRow = headerRow + areas.count
            guard !areas.isEmpty, !drawn.isEmpty else {
                try sheet.text(
                    "Geen grafiek: voor dit meetmoment zijn er geen cijfers om te tonen (zie de tabel).",
                    lastRow + 2, 0, ReportStyle.note, measured: false)
                continue
            }
            if !schoolDrawn {
                try sheet.text(
                    "De cijfers van uw school zijn onderdrukt (zie Opmerking); de grafiek toont alleen het "
                        + "partnerschap.", lastRow + 2, 0, ReportStyle.note, measured: false)
            }
            let chart = try workbook.addChart(.radarWithMarkers)
            try chart.setTitle(
                schoolDrawn
                    ? "\(school.name), \(context.waveName(wave.id))"
                    : "Alleen het partnerschap, \(context.waveName(wave.id)) (uw school: onderdrukt)")
            let categories = Chart.Range(sheet: sheet.name, firstRow: firstRow, firstColumn: 0, lastRow: lastRow, lastColumn: 0)
            for (offset, line) in drawn {
                try chart.addSeries(
                    name: line.name, categories: categories,
                    values: .init(
                        sheet: sheet.name, firstRow: firstRow, firstColumn: 1 + offset,
                        lastRow: lastRow, lastColumn: 1 + offset),
                    color: line.color, dash: line.dash, marker: line.marker)
            }
            try chart.setValueAxis(
                minimum: Double(scale.minimum), maximum: Double(scale.maximum), majorUnit: 1, numberFormat: "0")
            try chart.setLegend(.bottom)
            try chart.showBlanksAsGaps()
            try sheet.worksheet.insert(chart, row: top, column: widestTable + 1, width: 440, height: 420)
        }
        sheet.fixWidth(18, column: 0)
        for column in 1...4 { sheet.fixWidth(12, column: column) }
        sheet.fixWidth(22, column: 5)
        try sheet.worksheet.setUpPrinting(header: printHeader)
        // One wave per page: a chart cut over two pages cannot be read.
        try sheet.worksheet.breakPages(before: release.waves.indices.dropFirst().map { 3 + $0 * Self.radarBlockHeight })
        try sheet.finish()
    }

    // MARK: - Trend

    /// One line chart per area over the waves, when there are two or more: school and partnership, self and feedback.
    private func writeTrend(to workbook: Workbook) throws {
        guard release.waves.count >= 2 else { return }
        let sheet = try start(
            SchoolSheetLayout.trend, title: "Trend per bekwaamheidsgebied: \(school.name)",
            note: "Gemiddelden per meetmoment, uit de tabel School en partnerschap. Een lege cel is "
                + "onderdrukt of zonder gegevens; de lijn slaat dat meetmoment over.", in: workbook)
        let waves = release.waves
        let blockHeight = max(waves.count + 4, 20)
        let scale = context.supervisorScale
        for (index, area) in areas.enumerated() {
            let top = 3 + index * blockHeight
            try sheet.text(area.name, top, 0, ReportStyle.subtitle, measured: false)
            let headerRow = top + 1
            try sheet.header(["Meetmoment"] + Self.radarLines.map(\.name), row: headerRow)
            let rows = waves.map { (schoolRow($0.id, area.id), benchmarkRow($0.id, area.id)) }
            for (offset, wave) in waves.enumerated() {
                let row = headerRow + 1 + offset
                try sheet.text(context.waveName(wave.id), row, 0)
                for (column, line) in Self.radarLines.enumerated() {
                    let cell = line.cell(rows[offset].0, rows[offset].1)
                    try sheet.number(
                        cell?.withheld == nil ? cell?.value : nil, row, 1 + column,
                        cell?.withheld == nil ? ReportStyle.score : ReportStyle.suppressedScore)
                }
            }
            let drawn = Self.radarLines.enumerated().filter { _, line in rows.contains { line.cell($0.0, $0.1)?.value != nil } }
            guard !drawn.isEmpty else { continue }
            let firstRow = headerRow + 1, lastRow = headerRow + waves.count
            let chart = try workbook.addChart(.lineWithMarkers)
            try chart.setTitle(area.shortName)
            let categories = Chart.Range(sheet: sheet.name, firstRow: firstRow, firstColumn: 0, lastRow: lastRow, lastColumn: 0)
            for (offset, line) in drawn {
                try chart.addSeries(
                    name: line.name, categories: categories,
                    values: .init(
                        sheet: sheet.name, firstRow: firstRow, firstColumn: 1 + offset,
                        lastRow: lastRow, lastColumn: 1 + offset),
                    color: line.color, dash: line.dash, marker: line.marker)
            }
            try chart.setValueAxis(
                minimum: Double(scale.minimum), maximum: Double(scale.maximum), majorUnit: 1, numberFormat: "0")
            try chart.setLegend(.bottom)
            try chart.showBlanksAsGaps()
            try sheet.worksheet.insert(chart, row: top, column: 6, width: 480, height: 360)
        }
        sheet.fixWidth(20, column: 0)
        for column in 1...4 { sheet.fixWidth(12, column: column) }
        try sheet.worksheet.setUpPrinting(header: printHeader)
        // One area per page: a chart cut over two pages cannot be read.
        try sheet.worksheet.breakPages(before: areas.indices.dropFirst().map { 3 + $0 * blockHeight })
        try sheet.finish()
    }

    // MARK: - Zelfinschatting, respons, verandering

    private func writeShares(to workbook: Workbook) throws {
        let sheet = try start(
            SchoolSheetLayout.shares, title: "Zelfinschatting: aandeel wpb's per categorie",
            note: "Regel: \(context.gapRule).", in: workbook)
        let lines = areaLines
        var columns: [ReportColumn<AreaLine>] = [
            ReportColumn("Meetmoment", width: 18) { .text(context.waveName($0.wave.id)) },
            ReportColumn("Gebied", width: 16) { .text($0.area.shortName) },
            ReportColumn("Aantal wpb's", width: 9) { .count($0.own?.shares.n) },
        ]
        columns += GapCategory.allCases.map { category in
            ReportColumn("School: \(category.dutchLabel.lowercased())", width: 12) { shownShare($0.own?.shares, category) }
        }
        columns += GapCategory.allCases.map { category in
            ReportColumn("Partnerschap: \(category.dutchLabel.lowercased())", width: 12) {
                shownShare($0.benchmark?.shares, category)
            }
        }
        columns += remarkColumn(lines) { line in
            remarks([("school", line.own?.shares.withheld), ("partnerschap", line.benchmark?.shares.withheld)])
        }
        let lastRow = try sheet.table(columns, rows: lines, headerRow: SchoolSheetLayout.headerRow)
        try sheet.frameTable(
            headerRow: SchoolSheetLayout.headerRow, lastRow: lastRow, lastColumn: columns.count - 1,
            frozenColumns: 2, printHeader: printHeader)
        try sheet.finish()
    }

    private func writeResponse(to workbook: Workbook) throws {
        let sheet = try start(
            SchoolSheetLayout.response, title: "Respons: ontvangen formulieren",
            note: "Alleen aantallen. 'Op de lijst' is leeg als het partnerschap geen lijst van wpb's "
                + "bijhoudt.", in: workbook)
        let columns: [ReportColumn<ResponseSummary>] = [
            ReportColumn("Meetmoment", width: 20) { .text(context.waveName($0.wave)) },
            ReportColumn("Op de lijst", width: 10) { .count($0.rosterSize) },
            ReportColumn("Zelfscans", width: 10) { .count($0.selfScans) },
            ReportColumn("Feedback student", width: 11) { .count($0.studentFeedback) },
            ReportColumn("Feedback schoolopleider", width: 14) { .count($0.schoolopleiderFeedback) },
            ReportColumn("Complete drietallen", width: 12) { .count($0.completeTriads) },
            ReportColumn("Respons zelfscan", width: 10) { response in
                .number(
                    response.rosterSize.flatMap { $0 > 0 ? Double(response.selfScans) / Double($0) : nil },
                    ReportStyle.percent)
            },
        ]
        let lastRow = try sheet.table(
            columns, rows: release.response.filter { $0.school == school.id },
            headerRow: SchoolSheetLayout.headerRow)
        try sheet.frameTable(
            headerRow: SchoolSheetLayout.headerRow, lastRow: lastRow, lastColumn: columns.count - 1,
            printHeader: printHeader)
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
            return "verschil tussen de groepen van beide meetmomenten (niet dezelfde wpb's)"
        }
        return ""
    }

    private func writeChange(to workbook: Workbook) throws {
        let sheet = try start(
            SchoolSheetLayout.change, title: "Verandering ten opzichte van het vorige meetmoment",
            note: "Later min eerder meetmoment; positief: hoger dan de vorige keer. Over de wpb's met "
                + "zelfscan en feedback op beide momenten, of anders het verschil tussen de groepen van "
                + "beide meetmomenten (kolom Grondslag).", in: workbook)
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
            ReportColumn("Van", width: 16) { .text(context.waveName($0.from.id)) },
            ReportColumn("Naar", width: 16) { .text(context.waveName($0.to.id)) },
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
            ReportColumn("Grondslag school", width: 20) { .text(basis($0.own), ReportStyle.wrapped) },
        ]
        columns += remarkColumn(lines) { line in
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
        if lines.isEmpty {
            try sheet.text(
                "Nog geen vergelijking: er is maar één meetmoment.", headerRow + 1, 0, ReportStyle.note,
                measured: false)
        }
        try sheet.frameTable(
            headerRow: headerRow, lastRow: lastRow, lastColumn: columns.count - 1, frozenColumns: 3,
            printHeader: printHeader)
        try sheet.finish()
    }

    // MARK: - Over dit werkboek

    private func writeAbout(to workbook: Workbook) throws {
        let sheet = try ReportSheet.add(to: workbook, named: SchoolSheetLayout.about)
        try sheet.text("Over dit werkboek", 0, 0, ReportStyle.title, measured: false)
        try sheet.text("\(school.name) (\(school.id))", 1, 0, ReportStyle.subtitle, measured: false)
        let waves = release.waves.map { context.waveNameWithDays($0) + (release.isReleased($0) ? "" : ", loopt nog") }
            .joined(separator: "; ")
        let facts: [(String, String)] = [
            ("Partnerschap", partnership.name),
            ("Gegevens tot en met", context.dataUpToText()),
            ("Meetmomenten", waves.isEmpty ? "geen" : waves),
            ("Regel", context.gapRule),
            (
                "Privacy",
                "Dit werkboek bevat alleen groepscijfers: geen individuele scores en geen namen. "
                    + context.suppressionRule + " In de cel staat dan 'onderdrukt' met de reden."
            ),
        ]
        let afterFacts = try sheet.facts(facts, wrapped: true)
        var contents: [(sheet: String, shows: String)] = [
            (SchoolSheetLayout.summary, "De belangrijkste bevindingen in zinnen, elk met het blad en de rij van het cijfer."),
            (
                SchoolSheetLayout.comparison,
                "Uw school naast het partnerschap per gebied en meetmoment, met het verschil "
                    + "en de feedback van studenten en schoolopleiders apart."
            ),
            (SchoolSheetLayout.radar, "Zelfbeeld en feedback van uw school en van het partnerschap in één grafiek."),
        ]
        if release.waves.count >= 2 { contents.append((SchoolSheetLayout.trend, "Per gebied het verloop over de meetmomenten.")) }
        contents += [
            (SchoolSheetLayout.shares, "Welk deel van de wpb's zichzelf hoger, gelijk of lager inschat dan de feedback."),
            (SchoolSheetLayout.response, "Hoeveel formulieren er binnen zijn."),
            (SchoolSheetLayout.change, "Verschil met het vorige meetmoment."),
            ("Toelichting", "Uitleg van elk begrip in gewone taal."),
        ]
        try sheet.sheetList(contents, at: afterFacts + 1)
        sheet.fixWidth(22, column: 0)
        sheet.fixWidth(110, column: 1)
        try sheet.worksheet.setUpPrinting(header: printHeader)
        try sheet.worksheet.hideGridlines()
        try sheet.finish()
    }
}
