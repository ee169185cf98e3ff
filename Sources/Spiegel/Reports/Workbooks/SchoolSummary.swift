/// The sentences of a school workbook's *Samenvatting*: findings in plain Dutch, generated from the released view.
///
/// Each sentence names the sheet and rows its numbers stand on, and carries those numbers (``Sentence/figures``)
/// so a test can check them against the rows. A withheld number never enters a sentence: where nothing safe can
/// be said, the sentence says so and why (docs/analysis.md, "Disclosure").
struct SchoolSummary {
    /// One finding.
    struct Sentence: Equatable {
        /// A short label beside the sentence, e.g. "Blinde vlek".
        var topic: String
        var text: String
        /// The sheet the numbers come from, and their 0-based rows there (empty when the sentence has no number).
        var sheet: String?
        var rows: [Int]
        /// The numbers the sentence shows, unrounded, in the order they appear.
        var figures: [Double]

        init(_ topic: String, _ text: String, sheet: String? = nil, rows: [Int] = [], figures: [Double] = []) {
            self.topic = topic
            self.text = text
            self.sheet = sheet
            self.rows = rows
            self.figures = figures
        }
    }

    let context: ReportContext
    let school: School
    let partnership: Partnership

    var release: ReleasedView { context.release }
    var areas: [CompetencyArea] { release.areas }

    private struct AreaRow {
        var index: Int
        var area: CompetencyArea
        var own: ReleasedRow?
        var benchmark: ReleasedRow?
        var row: Int
    }

    /// The sentences, in reading order: response, then (for the latest released wave) the figures, then change.
    func sentences() -> [Sentence] {
        let releasedWaves = release.waves.enumerated().filter { release.isReleased($0.element) }
        guard let (waveIndex, wave) = releasedWaves.last else {
            if let open = release.waves.last {
                return [
                    Sentence(
                        "Meetmoment",
                        "Het meetmoment \(context.waveName(open.id)) loopt nog (tot en met "
                            + "\(Dutch.date(open.end))); de cijfers verschijnen als het is afgesloten.")
                ]
            }
            return [Sentence("Meetmoment", "Er zijn nog geen formulieren van wpb's van uw school ontvangen.")]
        }
        var sentences: [Sentence] = []
        if let response = responseSentence(wave) { sentences.append(response) }
        let rows = areas.enumerated().map { index, area in
            AreaRow(
                index: index, area: area, own: release.row(.school, school.id, wave: wave.id, area: area.id),
                benchmark: release.row(.partnership, partnership.id, wave: wave.id, area: area.id),
                row: SchoolSheetLayout.tableRow(waveIndex: waveIndex, areaIndex: index, areaCount: areas.count))
        }
        let waveName = context.waveName(wave.id)
        if rows.allSatisfy({ $0.own?.feedback.value == nil && $0.own?.gap.value == nil }) {
            sentences.append(noFiguresSentence(waveName, rows))
        } else {
            sentences += strengthSentences(waveName, rows)
            sentences += gapSentences(rows)
        }
        sentences.append(partnershipSentence(rows))
        if waveIndex > 0 { sentences.append(changeSentence(waveIndex: waveIndex)) }
        return sentences
    }

    // MARK: - The sentences

    private func responseSentence(_ wave: Wave) -> Sentence? {
        if let notice = context.review.dutchNotice(school: school.id, wave: wave.id, context: context) {
            return Sentence("Respons", notice)
        }
        let lines = release.response.filter { $0.school == school.id }
        guard let index = lines.firstIndex(where: { $0.wave == wave.id }) else { return nil }
        let r = lines[index]
        let roster = r.rosterSize.map { " (van de \($0) op de lijst)" } ?? ""
        var figures = [Double(r.selfScans)] + (r.rosterSize.map { [Double($0)] } ?? [])
        figures += [Double(r.studentFeedback), Double(r.schoolopleiderFeedback), Double(r.completeTriads)]
        let text =
            "In \(context.waveName(wave.id)) vulden \(r.selfScans) wpb's de zelfscan in\(roster). Er kwam "
            + "\(r.studentFeedback) keer feedback van studenten en \(r.schoolopleiderFeedback) keer van "
            + "schoolopleiders; \(r.completeTriads) wpb's hebben alle drie (zelfscan, student en schoolopleider) "
            + "(\(SchoolSheetLayout.source(SchoolSheetLayout.response, row: SchoolSheetLayout.responseRow(index))))."
        return Sentence(
            "Respons", text, sheet: SchoolSheetLayout.response, rows: [SchoolSheetLayout.responseRow(index)],
            figures: figures)
    }

    /// Why a school has no figures at all, in words an MT understands.
    private func noFiguresSentence(_ waveName: String, _ rows: [AreaRow]) -> Sentence {
        let k = context.minimumGroupSize
        let n = rows.map { $0.own?.n ?? 0 }.max() ?? 0
        let reason = rows.lazy.compactMap { $0.own?.gap.withheld ?? $0.own?.feedback.withheld }.first
        let why: String
        switch reason {
        case .smallGroup?, nil:
            why =
                "te weinig wpb's voor cijfers: \(n) wpb('s) met zowel een zelfscan als feedback, en er zijn er "
                + "minstens \(k) nodig. Zo kan niemand de score van één wpb herleiden"
        case let other?:
            why = other.dutchExplanation
        }
        return Sentence(
            "Geen cijfers",
            "Voor \(waveName) staan er geen cijfers van uw school in dit werkboek: \(why). "
                + "De aantallen ontvangen formulieren staan op het blad \(SchoolSheetLayout.response); de cijfers van "
                + "het partnerschap staan in de tabellen ter vergelijking.")
    }

    private func strengthSentences(_ waveName: String, _ rows: [AreaRow]) -> [Sentence] {
        let shown = rows.compactMap { row in row.own?.feedback.value.map { (row, $0) } }
        guard shown.count >= 2, let best = shown.max(by: { $0.1 < $1.1 }), let worst = shown.min(by: { $0.1 < $1.1 }),
            best.1 > worst.1
        else { return [] }
        let sheet = SchoolSheetLayout.comparison
        return [
            Sentence(
                "Sterkste gebied",
                "Volgens de feedback van studenten en schoolopleiders is \(best.0.area.name) in "
                    + "\(waveName) het sterkst: gemiddeld \(Dutch.number(best.1)) "
                    + "(\(SchoolSheetLayout.source(sheet, row: best.0.row))).",
                sheet: sheet, rows: [best.0.row], figures: [best.1]),
            Sentence(
                "Om aan te werken",
                "Het laagst beoordeeld is \(worst.0.area.name): gemiddeld \(Dutch.number(worst.1)) "
                    + "(\(SchoolSheetLayout.source(sheet, row: worst.0.row))). Daar valt het meest te winnen.",
                sheet: sheet, rows: [worst.0.row], figures: [worst.1]),
        ]
    }

    private func gapSentences(_ rows: [AreaRow]) -> [Sentence] {
        let t = context.threshold
        let sheet = SchoolSheetLayout.comparison
        let gaps = rows.compactMap { row in row.own?.gap.value.map { (row, $0) } }
        guard !gaps.isEmpty else { return [] }
        var sentences: [Sentence] = []
        for (row, gap) in gaps where gap >= t {
            sentences.append(
                Sentence(
                    "Blinde vlek",
                    "Bij \(row.area.name) schatten de wpb's zichzelf gemiddeld hoger in "
                        + "dan hun feedback: verschil zelfbeeld − feedback \(Dutch.signed(gap)), een blinde vlek (vanaf "
                        + "+\(Dutch.number(t))) (\(SchoolSheetLayout.source(sheet, row: row.row))).",
                    sheet: sheet, rows: [row.row], figures: [gap]))
        }
        for (row, gap) in gaps where gap <= -t {
            sentences.append(
                Sentence(
                    "Verborgen kracht",
                    "Bij \(row.area.name) schatten de wpb's zichzelf gemiddeld lager "
                        + "in dan hun feedback: verschil zelfbeeld − feedback \(Dutch.signed(gap)), een verborgen kracht (vanaf "
                        + "−\(Dutch.number(t))) (\(SchoolSheetLayout.source(sheet, row: row.row))).",
                    sheet: sheet, rows: [row.row], figures: [gap]))
        }
        if sentences.isEmpty, let low = gaps.min(by: { $0.1 < $1.1 }), let high = gaps.max(by: { $0.1 < $1.1 }) {
            let rowsUsed = [low.0.row, high.0.row]
            sentences.append(
                Sentence(
                    "Zelfbeeld en feedback",
                    "Geen blinde vlek of verborgen kracht per gebied: het "
                        + "verschil zelfbeeld − feedback ligt overal tussen \(Dutch.signed(low.1)) en \(Dutch.signed(high.1)), "
                        + "binnen ±\(Dutch.number(t)) (\(SchoolSheetLayout.source(sheet, row: low.0.row)) en rij \(high.0.row + 1)).",
                    sheet: sheet, rows: rowsUsed, figures: [low.1, high.1]))
        }
        return sentences
    }

    private func partnershipSentence(_ rows: [AreaRow]) -> Sentence {
        let sheet = SchoolSheetLayout.comparison
        let pairs = rows.compactMap { row -> (AreaRow, Double, Double)? in
            guard let own = row.own?.feedback.value, let other = row.benchmark?.feedback.value else { return nil }
            return (row, own, other)
        }
        guard let high = pairs.max(by: { $0.1 - $0.2 < $1.1 - $1.2 }), let low = pairs.min(by: { $0.1 - $0.2 < $1.1 - $1.2 })
        else {
            let reason = rows.lazy.compactMap { $0.benchmark?.feedback.withheld }.first
            let why =
                reason.map { ": \($0.dutchExplanation)" }
                ?? ": er zijn geen cijfers van uw school of het partnerschap om te vergelijken"
            return Sentence("Partnerschap", "Een vergelijking met het partnerschap is niet te tonen\(why).")
        }
        func part(_ entry: (AreaRow, Double, Double)) -> String {
            "\(entry.0.area.name): \(Dutch.number(entry.1)) tegen \(Dutch.number(entry.2)) in het partnerschap "
                + "(\(Dutch.signed(entry.1 - entry.2)); \(SchoolSheetLayout.source(sheet, row: entry.0.row)))"
        }
        if high.0.index == low.0.index {
            return Sentence(
                "Partnerschap", "Feedback van uw school naast het partnerschap: \(part(high)).",
                sheet: sheet, rows: [high.0.row], figures: [high.1, high.2, high.1 - high.2])
        }
        return Sentence(
            "Partnerschap",
            "Naast het partnerschap ligt de feedback van uw school het hoogst bij "
                + "\(part(high)) en het laagst bij \(part(low)).",
            sheet: sheet, rows: [high.0.row, low.0.row],
            figures: [high.1, high.2, high.1 - high.2, low.1, low.2, low.1 - low.2])
    }

    private func changeSentence(waveIndex: Int) -> Sentence {
        let sheet = SchoolSheetLayout.change
        let wave = release.waves[waveIndex], earlier = release.waves[waveIndex - 1]
        let changes = areas.enumerated().compactMap { index, area -> (CompetencyArea, Double, Bool, Int)? in
            guard let change = release.change(.school, school.id, toWave: wave.id, area: area.id) else { return nil }
            let row = SchoolSheetLayout.changeRow(waveIndex: waveIndex, areaIndex: index, areaCount: areas.count)
            if let value = change.feedbackChange.value { return (area, value, true, row) }
            if let value = change.feedbackWaveDifference?.value { return (area, value, false, row) }
            return nil
        }
        let since = "Sinds \(context.waveName(earlier.id))"
        guard let up = changes.max(by: { $0.1 < $1.1 }), let down = changes.min(by: { $0.1 < $1.1 }) else {
            let reason = areas.lazy.compactMap {
                release.change(.school, school.id, toWave: wave.id, area: $0.id)?.feedbackChange.withheld
            }.first
            return Sentence(
                "Verandering",
                "\(since): een verandering van de feedback is niet te tonen"
                    + (reason.map { ": \($0.dutchExplanation)." } ?? ", want er zijn op een van beide meetmomenten geen cijfers.")
            )
        }
        func part(_ entry: (CompetencyArea, Double, Bool, Int)) -> String {
            let basis = entry.2 ? "over dezelfde wpb's" : "verschil tussen de groepen van beide meetmomenten"
            return "\(entry.0.name) (\(Dutch.signed(entry.1)), \(basis); \(SchoolSheetLayout.source(sheet, row: entry.3)))"
        }
        if up.0.id == down.0.id {
            return Sentence(
                "Verandering", "\(since) veranderde de feedback bij \(part(up)).", sheet: sheet, rows: [up.3],
                figures: [up.1])
        }
        return Sentence(
            "Verandering",
            "\(since) steeg de feedback het meest bij \(part(up)) en daalde hij het meest "
                + "(of steeg hij het minst) bij \(part(down)).", sheet: sheet, rows: [up.3, down.3], figures: [up.1, down.1])
    }
}
