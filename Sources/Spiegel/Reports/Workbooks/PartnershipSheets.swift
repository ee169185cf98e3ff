import XLSXWriter

/// The sheets of a ``PartnershipWorkbook``, in the order a coordinator reads them.
struct PartnershipSheets {
    let context: ReportContext
    let partnership: Partnership
    let rowLimit: Int
    /// The partnership's schools in registry order, and the response rows of those schools in the
    /// result's order: looked up once per workbook, since the sheets use them per row (docs/benchmarks.md,
    /// "Where the time goes").
    let schools: [School]
    let partnershipResponse: [ResponseSummary]

    init(context: ReportContext, partnership: Partnership, rowLimit: Int) {
        self.context = context
        self.partnership = partnership
        self.rowLimit = rowLimit
        schools = context.schools(in: partnership.id)
        let schoolIDs = Set(schools.map(\.id))
        partnershipResponse = context.result.response.filter { schoolIDs.contains($0.school) }
    }

    var result: AnalysisResult { context.result }
    var printHeader: String { "Spiegel · \(partnership.name)" }
    var lists: ListSheets { ListSheets(rowLimit: rowLimit, printHeader: printHeader) }

    func write(to workbook: Workbook) throws {
        try writeOverview(to: workbook)
        try writeGrid(.selfScore, name: "Zelfbeeld", title: "Zelfbeeld per school en bekwaamheidsgebied", to: workbook)
        try writeGrid(.feedback, name: "Feedback", title: "Feedback per school en bekwaamheidsgebied", to: workbook)
        try writeGrid(
            .gap, name: "Verschil", title: "Verschil zelfbeeld − feedback per school en bekwaamheidsgebied", to: workbook)
        try writeGapCategories(to: workbook)
        try writeResponse(to: workbook)
        try writeMissing(to: workbook)
        try writeChange(to: workbook)
        try writeReliability(to: workbook)
        try writeSchoolScan(to: workbook)
        try ExplanationSheet(context: context, audience: .coordinator, printHeader: printHeader).write(to: workbook)
        try writeInputs(to: workbook)
    }

    // MARK: - Overzicht

    private func writeOverview(to workbook: Workbook) throws {
        let sheet = try ReportSheet.add(to: workbook, named: "Overzicht")
        try sheet.text("Spiegel — partnerschapsrapportage", 0, 0, ReportStyle.title, measured: false)
        try sheet.text(partnership.name, 1, 0, ReportStyle.subtitle, measured: false)
        let coverage = context.coverageByPartnership[partnership.id] ?? .init()
        let (supervisors, schoolsWithData) = (coverage.supervisors, coverage.schools)
        let forms = context.runInfo.inputs.reduce(0) { $0 + $1.rowsUsed }
        let waves = result.waves.map { context.waveNameWithDays($0) }.joined(separator: "; ")
        let facts: [(String, String)] = [
            ("Gegevens t/m", context.dataUpToText()),
            ("Meetmomenten", waves.isEmpty ? "geen" : waves),
            ("Scholen", "\(schools.count) in het partnerschap, \(schoolsWithData.count) met gegevens"),
            ("Werkplekbegeleiders (wpb's)", "\(supervisors.count) met minstens één score"),
            ("Formulieren verwerkt", "\(forms) (alle invoerbestanden, zie blad Invoerbestanden)"),
            ("Regel", context.gapRule),
            ("Drempel T", Dutch.number(context.threshold) + " schaalpunt"),
            (
                "Minimale groepsgrootte k",
                "\(context.minimumGroupSize): \(context.suppressionRule) "
                    + "In dit werkboek staan ze wel, gemarkeerd met * en grijs."
            ),
            ("Versie", "Spiegel \(context.runInfo.version), configuratie \(context.runInfo.configurationHash.prefix(12))"),
        ]
        var row = try sheet.facts(facts, wrapped: false) + 1
        if let wave = result.waves.last {
            try sheet.text(
                "Kerncijfers partnerschap, meetmoment \(context.waveName(wave.id))", row, 0, ReportStyle.subtitle, measured: false
            )
            row += 1
            try sheet.header(
                [
                    "Bekwaamheidsgebied", "Zelfbeeld", "Feedback", "Zelfbeeld − feedback", "Overschatting", "Onderschatting",
                    "n (gap)",
                ], row: row)
            row += 1
            for area in result.supervisorAreas {
                let scope = { (measure: Measure) in
                    context.aggregate(.partnership, partnership.id, wave: wave.id, area: area.id, measure)
                }
                let gap = scope(.gap)
                try sheet.text(area.name, row, 0)
                try sheet.number(scope(.selfScore)?.statistics?.mean, row, 1)
                try sheet.number(scope(.feedback)?.statistics?.mean, row, 2)
                try sheet.number(gap?.statistics?.mean, row, 3, ReportStyle.signedScore)
                try sheet.number(gap?.shares?.overschatting, row, 4, ReportStyle.percent)
                try sheet.number(gap?.shares?.onderschatting, row, 5, ReportStyle.percent)
                try sheet.count(gap?.statistics?.n, row, 6)
                row += 1
            }
            row += 1
        }
        let contents: [(sheet: String, shows: String)] = [
            (
                "Zelfbeeld, Feedback, Verschil",
                "Scholen × bekwaamheidsgebieden per meetmoment, met het partnerschap als laatste regel; kleurschaal per meetmoment."
            ),
            ("Zelfinschatting", "Per school en gebied het aandeel wpb's met overschatting, overeenstemming en onderschatting."),
            ("Respons, Ontbrekend", "Ontvangen formulieren per school, en wie nog wat mist (met namen: alleen voor u)."),
            ("Verandering", "Verschil tussen opeenvolgende meetmomenten, over wpb's die op beide meededen."),
            ("Betrouwbaarheid", "Cronbachs alfa per instrument, gebied en meetmoment."),
            (
                "Scan opleidingsschool",
                "De voorwaarden voor professionalisering per school: opleidingsteam en instituutsopleider."
            ),
            ("Toelichting", "Uitleg van elk begrip in gewone taal."),
            ("Invoerbestanden", "Welke bestanden deze run las, met aantallen rijen."),
        ]
        try sheet.sheetList(contents, at: row)
        for column in 1...6 { sheet.fixWidth(14, column: column) }
        try sheet.frameOverview(printHeader: printHeader)
        try sheet.finish()
    }

    // MARK: - Schools × areas

    private func writeGrid(_ measure: Measure, name: String, title: String, to workbook: Workbook) throws {
        let sheet = try ReportSheet.add(to: workbook, named: name)
        let areas = result.supervisorAreas
        let scale = context.supervisorScale
        try sheet.text(title, 0, 0, ReportStyle.title, measured: false)
        try sheet.text(
            "Gemiddelde over de wpb's van elke school. * en grijs: onderdrukt in de MT-werkboeken "
                + "(te weinig wpb's, of herleidbaar uit andere getoonde cijfers). "
                + "Rechts: het aantal wpb's (n) per gebied.",
            1, 0, ReportStyle.note, measured: false)
        let headerRow = 3
        // The area and count columns stand where the header list that names them puts them.
        let keyHeaders = ["Meetmoment", "School", "Naam"]
        let firstArea = keyHeaders.count
        let firstCount = firstArea + areas.count
        let areaScale = measure == .gap ? ColourScale.gaps(threshold: context.threshold) : .scores(on: scale)
        try sheet.header(keyHeaders + areas.map(\.shortName) + areas.map { "n \($0.shortName)" }, row: headerRow)
        var row = headerRow + 1
        let signed = measure == .gap
        for wave in result.waves {
            let firstRow = row
            let units: [(String, String, AggregateLevel)] =
                schools.map { ($0.id, $0.name, .school) }
                + [(partnership.id, "Partnerschap (alle scholen)", .partnership)]
            for (unit, label, level) in units {
                let isPartnership = level == .partnership
                try sheet.text(context.waveName(wave.id), row, 0, isPartnership ? ReportStyle.partnershipLabel : .plain)
                try sheet.text(isPartnership ? "" : unit, row, 1, isPartnership ? ReportStyle.partnershipLabel : .plain)
                var labelStyle = isPartnership ? ReportStyle.partnershipLabel : CellStyle.plain
                labelStyle.wrapsText = true
                try sheet.text(label, row, 2, labelStyle)
                for (offset, area) in areas.enumerated() {
                    let aggregate = context.aggregate(level, unit, wave: wave.id, area: area.id, measure)
                    let style: CellStyle
                    if context.release.isWithheldFromManagement(level, unit, wave: wave.id, area: area.id, measure) {
                        style = signed ? ReportStyle.markedSignedScore : ReportStyle.markedScore
                    } else if isPartnership {
                        style = signed ? ReportStyle.partnershipSignedScore : ReportStyle.partnershipScore
                    } else {
                        style = signed ? ReportStyle.signedScore : ReportStyle.score
                    }
                    try sheet.number(aggregate?.statistics?.mean, row, firstArea + offset, style)
                    try sheet.count(aggregate?.statistics?.n, row, firstCount + offset)
                }
                row += 1
            }
            if !areas.isEmpty {
                try areaScale.apply(to: sheet.worksheet, rows: firstRow...row - 1, columns: firstArea...firstCount - 1)
            }
        }
        try sheet.frameTable(
            headerRow: headerRow, lastRow: row - 1, lastColumn: firstCount + areas.count - 1,
            frozenColumns: keyHeaders.count, printHeader: printHeader)
        // Sized for A4 landscape at a readable print size: long school names wrap instead of widening the page.
        sheet.fixWidth(16, column: 0)
        sheet.fixWidth(7, column: 1)
        sheet.fixWidth(28, column: 2)
        for offset in areas.indices {
            sheet.fixWidth(11, column: firstArea + offset)
            sheet.fixWidth(8, column: firstCount + offset)
        }
        try sheet.finish()
    }

    // MARK: - Lists

    private func units() -> [(id: String, name: String, level: AggregateLevel)] {
        schools.map { ($0.id, $0.name, .school) } + [(partnership.id, "Partnerschap (alle scholen)", .partnership)]
    }

    private func writeGapCategories(to workbook: Workbook) throws {
        var rows: [[ReportCell]] = []
        for wave in result.waves {
            for unit in units() {
                for area in result.supervisorAreas {
                    guard let aggregate = context.aggregate(unit.level, unit.id, wave: wave.id, area: area.id, .gap) else {
                        continue
                    }
                    let style =
                        context.release.sharesWithheldFromManagement(unit.level, unit.id, wave: wave.id, area: area.id)
                        ? ReportStyle.markedPercent : ReportStyle.percent
                    rows.append([
                        .text(context.waveName(wave.id)), .text(unit.level == .school ? unit.id : ""), .text(unit.name),
                        .text(area.name), .count(aggregate.n),
                        .number(aggregate.shares?.overschatting, style),
                        .number(aggregate.shares?.inOvereenstemming, style),
                        .number(aggregate.shares?.onderschatting, style),
                    ])
                }
            }
        }
        try lists.write(
            to: workbook, named: "Zelfinschatting",
            title: "Zelfinschatting (blinde vlek, verborgen kracht) per school en bekwaamheidsgebied",
            introduction: [
                "Aandeel wpb's per categorie. \(context.gapRule).",
                "* en grijs: onderdrukt in de MT-werkboeken (te weinig wpb's, of herleidbaar uit "
                    + "andere getoonde cijfers).",
            ],
            headers: [
                "Meetmoment", "School", "Naam", "Bekwaamheidsgebied", "n", GapCategory.overschatting.dutchLabel,
                GapCategory.inOvereenstemming.dutchLabel, GapCategory.onderschatting.dutchLabel,
            ],
            rows: rows)
    }

    private func writeResponse(to workbook: Workbook) throws {
        let rows: [[ReportCell]] = partnershipResponse.map { response in
            let share: Double? = response.rosterSize.flatMap { $0 > 0 ? Double(response.selfScans) / Double($0) : nil }
            return [
                .text(context.waveName(response.wave)), .text(response.school), .text(context.schoolName(response.school)),
                .count(response.rosterSize), .count(response.selfScans),
            ] + Role.splitRoles.map { .count(response.feedback(from: $0)) } + [
                .count(response.completeTriads), .number(share, ReportStyle.percent), .count(response.missing.count),
            ]
        }
        try lists.write(
            to: workbook, named: "Respons", title: "Respons per school en meetmoment",
            introduction: ["Zelfscans en feedback die binnen zijn; 'Op de lijst' is leeg als er geen rooster is."],
            headers: ["Meetmoment", "School", "Naam", "Op de lijst", "Zelfscans"]
                + Role.splitRoles.map { "Feedback \($0.shortLabel)" } + [
                    "Complete \(SchoolSummary.word(Analyzer.triadRoles.count))tallen", "Respons zelfscan",
                    "Wpb's met ontbrekende formulieren",
                ],
            rows: rows)
    }

    private func writeMissing(to workbook: Workbook) throws {
        var rows: [[ReportCell]] = []
        for response in partnershipResponse {
            for missing in response.missing {
                rows.append([
                    .text(context.waveName(response.wave)), .text(response.school), .text(context.schoolName(response.school)),
                    .text(missing.supervisor), .text(missing.name ?? ""),
                    .text(missing.roles.map(Self.missingLabel).joined(separator: ", ")),
                ])
            }
        }
        try lists.write(
            to: workbook, named: "Ontbrekend", title: "Wie mist nog welke formulieren",
            introduction: ["Alleen voor de coördinator: deze namen staan nooit in de MT-werkboeken."],
            headers: ["Meetmoment", "School", "Naam school", "Wpb", "Naam wpb", "Ontbreekt"], rows: rows)
    }

    static func missingLabel(_ role: Role) -> String { role.about.formName }

    private func writeChange(to workbook: Workbook) throws {
        var rows: [[ReportCell]] = []
        for (index, wave) in result.waves.enumerated() where index > 0 {
            let earlier = result.waves[index - 1].id
            for unit in units() {
                for area in result.supervisorAreas {
                    let selfChange = context.aggregate(unit.level, unit.id, wave: wave.id, area: area.id, .changeSelf)
                    let feedbackChange = context.aggregate(unit.level, unit.id, wave: wave.id, area: area.id, .changeFeedback)
                    guard selfChange != nil || feedbackChange != nil else { continue }
                    let release = context.release
                    let selfStyle =
                        release.isWithheldFromManagement(unit.level, unit.id, wave: wave.id, area: area.id, .changeSelf)
                        ? ReportStyle.markedSignedScore : ReportStyle.signedScore
                    let feedbackStyle =
                        release.isWithheldFromManagement(
                            unit.level, unit.id, wave: wave.id, area: area.id,
                            .changeFeedback)
                        ? ReportStyle.markedSignedScore : ReportStyle.signedScore
                    rows.append([
                        .text(context.waveName(earlier)), .text(context.waveName(wave.id)),
                        .text(unit.level == .school ? unit.id : ""), .text(unit.name),
                        .text(area.name), .number(selfChange?.statistics?.mean, selfStyle), .count(selfChange?.n),
                        .number(feedbackChange?.statistics?.mean, feedbackStyle), .count(feedbackChange?.n),
                    ])
                }
            }
        }
        try lists.write(
            to: workbook, named: "Verandering", title: "Verandering tussen meetmomenten",
            introduction: [
                "Later min eerder meetmoment, over wpb's die op beide momenten een score hebben. "
                    + "* en grijs: onderdrukt in de MT-werkboeken."
            ],
            headers: [
                "Van", "Naar", "School", "Naam", "Bekwaamheidsgebied", "Verandering zelfbeeld", "n zelfbeeld",
                "Verandering feedback", "n feedback",
            ],
            rows: rows)
    }

    /// This partnership's forms first; with more than one partnership in the registry, the pooled figures
    /// follow, each row saying over whose forms it was computed.
    private func writeReliability(to workbook: Workbook) throws {
        let own = result.partnershipReliability.filter { $0.partnership == partnership.id }
        let pooled = context.configuration.registry.partnerships.count > 1 ? result.reliability : []
        let rows: [[ReportCell]] = (own + pooled).map { reliability in
            [
                .text(reliability.partnership == nil ? "alle partnerschappen samen" : partnership.name),
                .text(context.instrumentTitle(reliability.instrument)), .text(context.areaName(reliability.area)),
                .text(context.waveName(reliability.wave)), .count(reliability.itemCount), .count(reliability.n),
                .number(reliability.alpha, ReportStyle.alpha), .text(Self.judgement(of: reliability)),
            ]
        }
        try lists.write(
            to: workbook, named: "Betrouwbaarheid", title: "Betrouwbaarheid: Cronbachs alfa",
            introduction: [
                "Per instrument, gebied (met minstens twee vragen) en meetmoment, over volledig ingevulde formulieren "
                    + "van de scholen van \(partnership.name)"
                    + (pooled.isEmpty ? "." : "; daaronder ter vergelijking over alle partnerschappen samen.")
            ],
            headers: [
                "Formulieren van", "Instrument", "Gebied", "Meetmoment", "Aantal vragen", "n (formulieren)", "Alfa", "Oordeel",
            ],
            rows: rows)
    }

    static func judgement(of reliability: Reliability) -> String {
        guard let alpha = reliability.alpha else { return "niet te berekenen (te weinig formulieren of geen spreiding)" }
        let verdict: String
        switch alpha {
        case 0.8...: verdict = "goed"
        case 0.7..<0.8: verdict = "voldoende"
        case 0.6..<0.7: verdict = "matig"
        default: verdict = "onvoldoende"
        }
        return reliability.n < 10 ? verdict + " (onzeker: weinig formulieren)" : verdict
    }

    private func writeSchoolScan(to workbook: Workbook) throws {
        let scores = context.schoolScanScoresByPartnership[partnership.id] ?? []
        let areaOrder = Dictionary(uniqueKeysWithValues: result.schoolScanAreas.enumerated().map { ($1.id, $0) })
        let waveOrder = Dictionary(uniqueKeysWithValues: result.waves.enumerated().map { ($1.id, $0) })
        let sorted = scores.sorted {
            (waveOrder[$0.wave] ?? 0, $0.school, areaOrder[$0.area] ?? 0) < (
                waveOrder[$1.wave] ?? 0, $1.school, areaOrder[$1.area] ?? 0
            )
        }
        let rows: [[ReportCell]] = sorted.map { score in
            let io = score.roleScore(.instituutsopleider)
            return [
                .text(context.waveName(score.wave)), .text(score.school), .text(context.schoolName(score.school)),
                .text(context.areaName(score.area)), .number(score.selfScore), .number(io),
                .number(score.roleGap(.instituutsopleider) ?? score.gap, ReportStyle.signedScore),
            ]
        }
        try lists.write(
            to: workbook, named: "Scan opleidingsschool", title: "Scan opleidingsschool per school",
            introduction: [
                scores.isEmpty
                    ? "Er is geen scan opleidingsschool ingelezen."
                    : "Gemiddelde per voorwaarde (schaal \(context.schoolScanScale.minimum)–\(context.schoolScanScale.maximum)); "
                        + "verschil = opleidingsteam − instituutsopleider."
            ],
            headers: ["Meetmoment", "School", "Naam", "Voorwaarde", "Opleidingsteam", "Instituutsopleider", "Verschil"],
            rows: rows)
    }

    private func writeInputs(to workbook: Workbook) throws {
        let rows: [[ReportCell]] = context.runInfo.inputs.map { input in
            [
                .text(input.path), .text(input.source), .text(context.instrumentTitle(input.instrument)), .count(input.size),
                .count(input.rowsRead), .count(input.rowsUsed), .count(input.rowsQuarantined), .text(input.dialect),
                .text(input.sha256),
            ]
        }
        try lists.write(
            to: workbook, named: "Invoerbestanden", title: "Invoerbestanden van deze run",
            introduction: [
                "Rijen gelezen = gebruikt + in quarantaine; de quarantaine staat in het quarantainebestand van de run."
            ],
            headers: [
                "Bestand", "Bron", "Instrument", "Grootte (bytes)", "Rijen gelezen", "Gebruikt", "In quarantaine",
                "Formaat", "SHA-256",
            ],
            rows: rows)
    }
}
