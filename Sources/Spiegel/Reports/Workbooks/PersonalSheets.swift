import XlsxWriter

/// The sheets of a ``PersonalWorkbook``.
struct PersonalSheets {
    let context: ReportContext
    let supervisor: String
    let displayName: String
    let school: School?

    var result: AnalysisResult { context.result }
    var areas: [CompetencyArea] { result.supervisorAreas }
    var printHeader: String { "Spiegel · \(displayName)" + (school.map { " · \($0.name)" } ?? "") }
    private var scores: [SubjectScore] { context.scoresBySupervisor[supervisor] ?? [] }

    /// The roles shown side by side, in the radar's series order.
    static let roles: [Role] = [.selfAssessment, .student, .schoolopleider]

    func write(to workbook: Workbook) throws {
        try writeOverview(to: workbook)
        try writeRadar(to: workbook)
        try writeItems(to: workbook)
        try writeComments(to: workbook)
        try ExplanationSheet(context: context, audience: .supervisor, printHeader: printHeader).write(to: workbook)
    }

    private func writeOverview(to workbook: Workbook) throws {
        let sheet = try ReportSheet.add(to: workbook, named: "Overzicht")
        try sheet.text("Spiegel — persoonlijke rapportage", 0, 0, ReportStyle.title, measured: false)
        try sheet.text(displayName, 1, 0, ReportStyle.subtitle, measured: false)
        let facts: [(String, String)] = [
            ("School", school.map { "\($0.name) (\($0.id))" } ?? "onbekend"),
            ("Gegevens t/m", context.dataUpToText()),
            ("Meetmomenten", Set(scores.map(\.wave)).sorted().joined(separator: ", ")),
            ("Gapregel", context.gapRule),
            ("Vertrouwelijk", "Dit werkboek is alleen voor u: het toont uw eigen scores en de feedback die u kreeg."),
            ("Leeswijzer", "Spinnenweb: uw zelfbeeld naast de feedback. Items: per vraag waar zelfbeeld en feedback "
                + "uiteenlopen. Feed forward: de open antwoorden. Toelichting: uitleg van de begrippen."),
        ]
        try sheet.facts(facts, wrapped: true)
        sheet.fixWidth(18, column: 0)
        sheet.fixWidth(100, column: 1)
        try sheet.frameOverview(printHeader: printHeader)
        try sheet.finish()
    }

    private func writeRadar(to workbook: Workbook) throws {
        let sheet = try ReportSheet.add(to: workbook, named: "Spinnenweb")
        try sheet.text("Spinnenweb: zelfbeeld, student en schoolopleider", 0, 0, ReportStyle.title, measured: false)
        try sheet.text(context.gapRule, 1, 0, ReportStyle.note, measured: false)
        let scale = context.supervisorScale
        let waves = result.waves.filter { wave in scores.contains { $0.wave == wave.id } }
        for (index, wave) in waves.enumerated() {
            let top = 3 + index * SchoolSheets.radarBlockHeight
            try sheet.text("Meetmoment \(wave.id)", top, 0, ReportStyle.subtitle, measured: false)
            let headerRow = top + 1
            try sheet.header(["Bekwaamheidsgebied"] + Self.roles.map(\.dutchLabel) + ["Feedback", "Gap"], row: headerRow)
            for (offset, area) in areas.enumerated() {
                let row = headerRow + 1 + offset
                let score = scores.first { $0.wave == wave.id && $0.area == area.id }
                try sheet.text(area.shortName, row, 0)
                for (column, role) in Self.roles.enumerated() {
                    try sheet.number(score?.roleScore(role), row, 1 + column)
                }
                try sheet.number(score?.feedback, row, 4)
                try sheet.number(score?.gap, row, 5, gapStyle(score?.gap))
            }
            guard !areas.isEmpty else { continue }
            let chart = try workbook.addChart(.radarWithMarkers)
            try chart.setTitle("\(displayName), \(wave.id)")
            let firstRow = headerRow + 1, lastRow = headerRow + areas.count
            let categories = Chart.Range(sheet: sheet.name, firstRow: firstRow, firstColumn: 0, lastRow: lastRow, lastColumn: 0)
            let colors = [ReportStyle.selfColor, ReportStyle.feedbackColor, ReportStyle.thirdColor]
            for (offset, role) in Self.roles.enumerated() {
                try chart.addSeries(name: role.dutchLabel, categories: categories,
                                    values: .init(sheet: sheet.name, firstRow: firstRow, firstColumn: 1 + offset,
                                                  lastRow: lastRow, lastColumn: 1 + offset),
                                    color: colors[offset])
            }
            try chart.setValueAxis(minimum: Double(scale.minimum), maximum: Double(scale.maximum), majorUnit: 1, numberFormat: "0")
            try chart.setLegend(.bottom)
            try chart.showBlanksAsGaps()
            try sheet.worksheet.insert(chart, row: top, column: 7, width: 520, height: 440)
        }
        sheet.fixWidth(22, column: 0)
        try sheet.worksheet.setUpPrinting(header: printHeader)
        try sheet.finish()
    }

    private func gapStyle(_ gap: Double?) -> CellStyle {
        guard let gap else { return ReportStyle.signedScore }
        switch GapCategory(gap: gap, threshold: context.threshold) {
        case .overschatting: return ReportStyle.highlightedGap
        case .onderschatting: return ReportStyle.strengthGap
        case .inOvereenstemming: return ReportStyle.signedScore
        }
    }

    private func writeItems(to workbook: Workbook) throws {
        let sheet = try ReportSheet.add(to: workbook, named: "Items")
        try sheet.text("Vraag voor vraag: zelfbeeld naast feedback", 0, 0, ReportStyle.title, measured: false)
        try sheet.text("Alleen vragen die in zelfscan en feedback hetzelfde zijn. Oranje: gap ≥ +\(Dutch.number(context.threshold)) "
                       + "(overschatting); blauw: gap ≤ −\(Dutch.number(context.threshold)) (onderschatting).",
                       1, 0, ReportStyle.note, measured: false)
        let headerRow = 3
        try sheet.header(["Meetmoment", "Vraag", "Stelling", "Bekwaamheidsgebied", "Zelfbeeld", "Student", "Schoolopleider",
                          "Feedback", "Gap"], row: headerRow)
        let waveOrder = Dictionary(uniqueKeysWithValues: result.waves.enumerated().map { ($1.id, $0) })
        let gaps = (context.itemGapsBySupervisor[supervisor] ?? [])
            .sorted { (waveOrder[$0.wave] ?? 0, $0.item) < (waveOrder[$1.wave] ?? 0, $1.item) }
        var row = headerRow + 1
        for gap in gaps {
            try sheet.text(gap.wave, row, 0)
            try sheet.text(gap.item, row, 1)
            try sheet.text(context.itemText(gap.item) ?? "", row, 2, ReportStyle.wrapped, measured: false)
            try sheet.text(areas.first { $0.id == gap.area }?.shortName ?? context.areaName(gap.area), row, 3)
            try sheet.number(gap.selfScore, row, 4)
            try sheet.number(gap.roleScores[.student], row, 5)
            try sheet.number(gap.roleScores[.schoolopleider], row, 6)
            try sheet.number(gap.feedback, row, 7)
            try sheet.number(gap.gap, row, 8, gapStyle(gap.gap))
            row += 1
        }
        if gaps.isEmpty {
            try sheet.text("Geen vragen met zowel een zelfscore als feedback.", row, 0, ReportStyle.note, measured: false)
        }
        sheet.fixWidth(70, column: 2)
        try sheet.frameTable(headerRow: headerRow, lastRow: row - 1, lastColumn: 8, frozenColumns: 2,
                             printHeader: printHeader)
        try sheet.finish()
    }

    private func writeComments(to workbook: Workbook) throws {
        let sheet = try ReportSheet.add(to: workbook, named: "Feed forward")
        try sheet.text("Feed forward: open antwoorden", 0, 0, ReportStyle.title, measured: false)
        try sheet.text("Letterlijk overgenomen zoals ingevuld.", 1, 0, ReportStyle.note, measured: false)
        let headerRow = 3
        try sheet.header(["Meetmoment", "Van", "Vraag", "Antwoord"], row: headerRow)
        let waveOrder = Dictionary(uniqueKeysWithValues: result.waves.enumerated().map { ($1.id, $0) })
        let comments = (context.commentsBySupervisor[supervisor] ?? [])
            .enumerated()
            .sorted { (waveOrder[$0.element.wave] ?? 0, $0.element.role, $0.offset) < (waveOrder[$1.element.wave] ?? 0, $1.element.role, $1.offset) }
            .map(\.element)
        var row = headerRow + 1
        for comment in comments {
            try sheet.text(comment.wave, row, 0)
            try sheet.text(comment.role.dutchLabel, row, 1)
            try sheet.text(context.itemText(comment.question) ?? comment.question, row, 2, ReportStyle.wrapped, measured: false)
            // Free text is written as text: an answer starting with '=' never becomes a formula.
            try sheet.text(comment.text, row, 3, ReportStyle.wrapped, measured: false)
            row += 1
        }
        if comments.isEmpty {
            try sheet.text("Geen open antwoorden ontvangen.", row, 0, ReportStyle.note, measured: false)
        }
        sheet.fixWidth(40, column: 2)
        sheet.fixWidth(80, column: 3)
        try sheet.frameTable(headerRow: headerRow, lastRow: row - 1, lastColumn: 3,
                             printHeader: printHeader)
        try sheet.finish()
    }
}
