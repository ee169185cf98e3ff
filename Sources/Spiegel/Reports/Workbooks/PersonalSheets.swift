import XLSXWriter

/// The sheets of a ``PersonalWorkbook``.
struct PersonalSheets {
    let context: ReportContext
    let supervisor: String
    let displayName: String
    let school: School?

    var result: AnalysisResult { context.result }
    var areas: [CompetencyArea] { result.supervisorAreas }
    var printHeader: String { "Spiegel · \(displayName)" + (school.map { " · \($0.name)" } ?? "") }
    /// The wpb's scores, gathered once per workbook (``ReportContext/scores(of:)``).
    private let scores: [SubjectScore]

    init(context: ReportContext, supervisor: String, displayName: String, school: School?) {
        self.context = context
        self.supervisor = supervisor
        self.displayName = displayName
        self.school = school
        scores = context.scores(of: supervisor)
    }

    /// The roles shown side by side, in the radar's series order.
    static let roles = Role.supervisorRoles

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
            (
                "Meetmomenten",
                result.waves.filter { wave in scores.contains { $0.wave == wave.id } }
                    .map { context.waveNameWithDays($0) }.joined(separator: "; ")
            ),
            ("Regel", context.gapRule),
            ("Vertrouwelijk", "Dit werkboek is alleen voor u: het toont uw eigen scores en de feedback die u kreeg."),
            (
                "Leeswijzer",
                "Spinnenweb: uw zelfbeeld naast de feedback. Items: per vraag waar zelfbeeld en feedback "
                    + "uiteenlopen. Feed forward: de open antwoorden. Toelichting: uitleg van de begrippen."
            ),
        ]
        try sheet.facts(facts, wrapped: true)
        sheet.fixWidth(18, column: 0)
        sheet.fixWidth(100, column: 1)
        try sheet.frameOverview(printHeader: printHeader)
        try sheet.finish()
    }

    private func writeRadar(to workbook: Workbook) throws {
        let sheet = try ReportSheet.add(to: workbook, named: "Spinnenweb")
        let title = "Spinnenweb: " + SchoolSummary.list(Self.roles.map(\.shortLabel))
        try sheet.text(title, 0, 0, ReportStyle.title, measured: false)
        try sheet.text(context.gapRule, 1, 0, ReportStyle.note, measured: false)
        let scale = context.supervisorScale
        let waves = result.waves.filter { wave in scores.contains { $0.wave == wave.id } }
        for (index, wave) in waves.enumerated() {
            let top = 3 + index * SchoolSheets.radarBlockHeight
            try sheet.text("Meetmoment \(context.waveName(wave.id))", top, 0, ReportStyle.subtitle, measured: false)
            let headerRow = top + 1
            try sheet.header(
                ["Bekwaamheidsgebied"] + Self.roles.map(\.dutchLabel) + ["Feedback", "Zelfbeeld − feedback"], row: headerRow)
            for (offset, area) in areas.enumerated() {
                let row = headerRow + 1 + offset
                let score = scores.first { $0.wave == wave.id && $0.area == area.id }
                try sheet.text(area.shortName, row, 0)
                for (column, role) in Self.roles.enumerated() {
                    try sheet.number(score?.roleScore(role), row, 1 + column)
                }
                try sheet.number(score?.feedback, row, 1 + Self.roles.count)
                try sheet.number(score?.gap, row, 2 + Self.roles.count, gapStyle(score?.gap))
            }
            guard !areas.isEmpty else { continue }
            let chart = try workbook.addChart(.radarWithMarkers)
            try chart.setTitle("\(displayName), \(context.waveName(wave.id))")
            let firstRow = headerRow + 1, lastRow = headerRow + areas.count
            let categories = Chart.Range(sheet: sheet.name, firstRow: firstRow, firstColumn: 0, lastRow: lastRow, lastColumn: 0)
            for (offset, role) in Self.roles.enumerated() {
                try chart.addSeries(
                    name: role.dutchLabel, categories: categories,
                    values: .init(
                        sheet: sheet.name, firstRow: firstRow, firstColumn: 1 + offset,
                        lastRow: lastRow, lastColumn: 1 + offset),
                    color: role.about.colour)
            }
            try chart.setValueAxis(
                minimum: Double(scale.minimum), maximum: Double(scale.maximum), majorUnit: 1, numberFormat: "0")
            try chart.setLegend(.bottom)
            try chart.showBlanksAsGaps()
            // One empty column between the table (area, the roles, feedback, gap) and the chart.
            try sheet.worksheet.insert(chart, row: top, column: 4 + Self.roles.count, width: 520, height: 440)
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
        try sheet.text(
            "Alleen vragen die in zelfscan en feedback hetzelfde zijn. Oranje: verschil ≥ +\(Dutch.number(context.threshold)) "
                + "(blinde vlek); blauw: verschil ≤ −\(Dutch.number(context.threshold)) (verborgen kracht).",
            1, 0, ReportStyle.note, measured: false)
        let headerRow = 3
        try sheet.header(
            ["Meetmoment", "Vraag", "Stelling", "Bekwaamheidsgebied"] + Self.roles.map(\.dutchLabel) + [
                "Feedback", "Zelfbeeld − feedback",
            ], row: headerRow)
        let waveOrder = Dictionary(uniqueKeysWithValues: result.waves.enumerated().map { ($1.id, $0) })
        let gaps = context.itemGaps(of: supervisor)
            .sorted { (waveOrder[$0.wave] ?? 0, $0.item) < (waveOrder[$1.wave] ?? 0, $1.item) }
        var row = headerRow + 1
        for gap in gaps {
            try sheet.text(context.waveName(gap.wave), row, 0)
            try sheet.text(gap.item, row, 1)
            try sheet.text(context.itemText(gap.item) ?? "", row, 2, ReportStyle.wrapped, measured: false)
            try sheet.text(areas.first { $0.id == gap.area }?.shortName ?? context.areaName(gap.area), row, 3)
            for (offset, role) in Self.roles.enumerated() {
                try sheet.number(role == .selfAssessment ? gap.selfScore : gap.roleScores[role], row, 4 + offset)
            }
            try sheet.number(gap.feedback, row, 4 + Self.roles.count)
            try sheet.number(gap.gap, row, 5 + Self.roles.count, gapStyle(gap.gap))
            row += 1
        }
        if gaps.isEmpty {
            try sheet.text("Geen vragen met zowel een zelfscore als feedback.", row, 0, ReportStyle.note, measured: false)
        }
        sheet.fixWidth(18, column: 0)
        sheet.fixWidth(8, column: 1)
        sheet.fixWidth(56, column: 2)
        sheet.fixWidth(17, column: 3)
        let lastColumn = 5 + Self.roles.count
        for column in 4...lastColumn { sheet.fixWidth(10, column: column) }
        try sheet.frameTable(
            headerRow: headerRow, lastRow: row - 1, lastColumn: lastColumn, frozenColumns: 2,
            printHeader: printHeader)
        try sheet.finish()
    }

    /// The open answers per wave, each under its question's area; a form that was not received (or not used) is
    /// said so on its own line, so a missing voice is never just a line left out.
    private func writeComments(to workbook: Workbook) throws {
        let sheet = try ReportSheet.add(to: workbook, named: "Feed forward")
        try sheet.text("Feed forward: open antwoorden", 0, 0, ReportStyle.title, measured: false)
        try sheet.text(
            "Letterlijk overgenomen zoals ingevuld. Per meetmoment staat ook welk formulier niet is ontvangen.",
            1, 0, ReportStyle.note, measured: false)
        let headerRow = 3
        try sheet.header(["Meetmoment", "Van", "Bekwaamheidsgebied", "Vraag", "Antwoord"], row: headerRow)
        let comments = context.comments(of: supervisor)
        var row = headerRow + 1
        let waves = result.waves.filter { wave in
            scores.contains { $0.wave == wave.id } || comments.contains { $0.wave == wave.id }
        }
        for wave in waves {
            let waveScores = scores.filter { $0.wave == wave.id }
            for role in Self.roles {
                let received = waveScores.contains { ($0.formCounts[role] ?? 0) > 0 }
                let answers = comments.enumerated().filter { $0.element.wave == wave.id && $0.element.role == role }
                if !received && answers.isEmpty {
                    let form = role.isFeedback ? "feedbackformulier van de \(role.shortLabel)" : role.about.formName
                    try sheet.text(context.waveName(wave.id), row, 0)
                    try sheet.text(role.dutchLabel, row, 1)
                    try sheet.text(
                        "Geen \(form) ontvangen voor dit meetmoment (of niet gebruikt, bijvoorbeeld omdat het "
                            + "formulier niet bij u hoorde).", row, 3, ReportStyle.remark, measured: false)
                    row += 1
                    continue
                }
                for (_, comment) in answers {
                    try sheet.text(context.waveName(comment.wave), row, 0)
                    try sheet.text(comment.role.dutchLabel, row, 1)
                    try sheet.text(questionArea(comment.question), row, 2, ReportStyle.wrapped, measured: false)
                    try sheet.text(
                        context.itemText(comment.question) ?? comment.question, row, 3, ReportStyle.wrapped,
                        measured: false)
                    // Free text is written as text: an answer starting with '=' never becomes a formula.
                    try sheet.text(comment.text, row, 4, ReportStyle.wrapped, measured: false)
                    row += 1
                }
                if received && answers.isEmpty, role.isFeedback {
                    try sheet.text(context.waveName(wave.id), row, 0)
                    try sheet.text(role.dutchLabel, row, 1)
                    try sheet.text("Formulier ontvangen, zonder open antwoorden.", row, 3, ReportStyle.remark, measured: false)
                    row += 1
                }
            }
        }
        if waves.isEmpty {
            try sheet.text("Geen formulieren ontvangen.", row, 0, ReportStyle.note, measured: false)
            row += 1
        }
        sheet.fixWidth(18, column: 0)
        sheet.fixWidth(15, column: 1)
        sheet.fixWidth(18, column: 2)
        sheet.fixWidth(36, column: 3)
        sheet.fixWidth(60, column: 4)
        try sheet.frameTable(headerRow: headerRow, lastRow: row - 1, lastColumn: 4, printHeader: printHeader)
        try sheet.finish()
    }

    /// The area an open question is about ("algemeen" when its form places it under none).
    private func questionArea(_ question: String) -> String {
        for instrument in context.configuration.instruments.values.sorted(by: { $0.id < $1.id }) {
            if let open = instrument.openQuestions.first(where: { $0.id == question }) {
                guard let area = open.area else { return "algemeen" }
                return areas.first { $0.id == area }?.shortName ?? context.areaName(area)
            }
        }
        return "algemeen"
    }
}
