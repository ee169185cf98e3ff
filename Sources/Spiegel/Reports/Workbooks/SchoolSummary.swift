/// Page 1 of a school workbook: the five areas in one table (*Tabel 1*) and four to six sentences about them in
/// plain Dutch, generated from the released view.
///
/// Every number of a sentence is a value as a table cell shows it, and carries that cell (``Figure/cell``) so a
/// test can read it back; differences are taken between shown values, so they add up on paper. The sentences come
/// from the templates in `SchoolSummary+Templates.swift`, each chosen by the signs of its numbers. A withheld
/// number never enters a sentence: where nothing safe can be said, the sentence says so and why.
struct SchoolSummary {
    /// The cell a number stands in (0-based row and column, as written).
    struct Citation: Equatable {
        var sheet: String
        var row: Int
        var column: Int
    }

    /// A number of a sentence: its value as shown, how it is written, and its cell.
    struct Figure: Equatable {
        enum Kind: Equatable { case score, signed, percent, count }
        var value: Double
        var kind: Kind
        var cell: Citation

        init(_ value: Double, _ kind: Kind, _ cell: Citation) {
            self.value = value
            self.kind = kind
            self.cell = cell
        }

        /// The number as the sentence writes it.
        var text: String {
            switch kind {
            case .score: Dutch.number(value)
            case .signed: Dutch.signed(value)
            case .percent: SchoolSummary.percent(value)
            case .count: String(Int(value))
            }
        }
    }

    /// One finding.
    struct Sentence: Equatable {
        /// A short label beside the sentence, e.g. "Partnerschap".
        var topic: String
        var text: String
        /// The numbers the sentence shows, in the order they appear.
        var figures: [Figure]

        init(_ topic: String, _ text: String, figures: [Figure] = []) {
            self.topic = topic
            self.text = text
            self.figures = figures
        }
    }

    /// The columns of Tabel 1, in order; the change column only from the second wave on.
    enum Column: Equatable {
        case area, feedback, benchmark, difference, change, overrating, underrating, count
    }

    /// One area of Tabel 1.
    struct Line {
        var index: Int
        var area: CompetencyArea
        var own: ReleasedRow?
        var benchmark: ReleasedRow?
        var change: ReleasedChange?
    }

    let context: ReportContext
    let school: School
    let partnership: Partnership

    var release: ReleasedView { context.release }
    var areas: [CompetencyArea] { release.areas }

    /// Whether any wave shows a figure of the school itself.
    var hasOwnFigures: Bool { context.schoolsWithOwnFigures.contains(school.id) }

    /// The sheets of this school's workbook, for the numbers of its tables.
    var layout: SchoolSheetLayout.Sheets {
        SchoolSheetLayout.Sheets(
            waveCount: release.waves.count, ownFigures: hasOwnFigures,
            items: hasOwnFigures && SchoolItems.wave(release, school: school.id) != nil,
            scan: SchoolScan.wave(release, school: school.id).map {
                SchoolScan.showsTable(release, school: school.id, partnership: partnership.id, wave: $0.id)
            } ?? false)
    }

    /// The latest released wave and its position, which page 1 is about.
    var wave: (index: Int, wave: Wave)? {
        release.waves.enumerated().last { release.isReleased($0.element) }.map { ($0.offset, $0.element) }
    }

    var columns: [Column] {
        [.area, .feedback, .benchmark, .difference] + ((wave?.index ?? 0) > 0 ? [.change] : [])
            + [.overrating, .underrating, .count]
    }

    /// The lines of Tabel 1 for the latest released wave (empty when no wave is released).
    var lines: [Line] {
        guard let (_, wave) = wave else { return [] }
        return areas.enumerated().map { index, area in
            Line(
                index: index, area: area, own: release.row(.school, school.id, wave: wave.id, area: area.id),
                benchmark: release.row(.partnership, partnership.id, wave: wave.id, area: area.id),
                change: release.change(.school, school.id, toWave: wave.id, area: area.id))
        }
    }

    func cell(_ line: Line, _ column: Column) -> Citation {
        Citation(
            sheet: SchoolSheetLayout.summary, row: SchoolSheetLayout.overviewFirstRow + line.index,
            column: columns.firstIndex(of: column) ?? 0)
    }

    /// The feedback change shown for a line: over the same wpbs, or else the difference of the two waves' groups.
    static func change(_ change: ReleasedChange?) -> (value: Double, sameWpbs: Bool)? {
        if let value = change?.feedbackChange.value { return (value, true) }
        if let value = change?.feedbackWaveDifference?.value { return (value, false) }
        return nil
    }

    /// The difference Tabel 1 shows: school minus partnership, of the values as shown.
    static func difference(_ own: ReleasedCell?, _ other: ReleasedCell?) -> Double? {
        guard let a = own?.value, let b = other?.value else { return nil }
        return shown(shown(a) - shown(b))
    }

    /// The sentences, in reading order: response, level, partnership, blind spots, change.
    func sentences() -> [Sentence] {
        guard let (waveIndex, wave) = wave else {
            if let open = release.waves.last {
                return [
                    Sentence(
                        "Meetmoment",
                        "Het meetmoment \(midSentence(context.waveName(open.id))) loopt nog (tot en met "
                            + "\(Dutch.date(open.end))); de cijfers verschijnen als het is afgesloten.")
                ]
            }
            return [Sentence("Meetmoment", "Er zijn nog geen formulieren van wpb's van uw school ontvangen.")]
        }
        var sentences: [Sentence] = []
        var workOn: CompetencyArea?, lowestTied = false
        if let response = responseSentence(wave) { sentences.append(response) }
        let lines = lines
        if lines.allSatisfy({ $0.own?.feedback.value == nil && $0.own?.gap.value == nil }) {
            sentences.append(noFiguresSentence(wave, lines))
        } else {
            let count = areas.count
            let levels = lines.compactMap { line in
                line.own?.feedback.value.map {
                    Entry(area: line.area.shortName, value: Self.shown($0), cell: cell(line, .feedback))
                }
            }
            if let level = Self.levelSentence(levels, areaCount: count) { sentences.append(level) }
            workOn = Self.areaToWorkOn(levels).flatMap { entry in lines.first { $0.area.shortName == entry.area }?.area }
            lowestTied = levels.filter { $0.value == levels.map(\.value).min() }.count > 1
            let differences = lines.compactMap { line in
                Self.difference(line.own?.feedback, line.benchmark?.feedback).map {
                    Entry(area: line.area.shortName, value: $0, cell: cell(line, .difference))
                }
            }
            sentences.append(
                Self.partnershipSentence(differences, areaCount: count)
                    ?? Sentence(
                        "Partnerschap", "Een vergelijking met het partnerschap is niet te tonen\(benchmarkReason(lines)).")
            )
            let over = shareEntries(lines, .overschatting, .overrating)
            let under = shareEntries(lines, .onderschatting, .underrating)
            if let blindSpots = Self.blindSpotSentence(over: over, under: under, areaCount: count) {
                sentences.append(blindSpots)
            } else if let reason = lines.lazy.compactMap({ $0.own?.shares.withheld }).first {
                sentences.append(
                    Sentence("Blinde vlek", "Het aandeel wpb's met een blinde vlek is niet te tonen: \(reason.dutchExplanation).")
                )
            }
        }
        if waveIndex > 0 { sentences.append(changeSentence(lines, earlier: release.waves[waveIndex - 1])) }
        if let area = workOn, let steps = context.configuration.developmentSteps,
            let sentence = Self.stepsSentence(area, steps, tied: lowestTied)
        {
            sentences.append(sentence)
        }
        return sentences
    }

    /// The area with the lowest shown feedback, when one is lower than another (the first in table order on a tie).
    static func areaToWorkOn(_ levels: [Entry]) -> Entry? {
        guard let low = levels.map(\.value).min(), let high = levels.map(\.value).max(), low < high else { return nil }
        return levels.first { $0.value == low }
    }

    /// "Aan de slag": the framework's steps for the area to work on, labelled as suggestions. It rests on the
    /// shown feedback of Tabel 1 only (which area is lowest), never on a withheld figure.
    static func stepsSentence(_ area: CompetencyArea, _ steps: DevelopmentSteps, tied: Bool = false) -> Sentence? {
        guard let list = steps.steps[area.id], !list.isEmpty else { return nil }
        let which = tied ? "een van de laagst beoordeelde gebieden" : "het laagst beoordeelde gebied"
        return Sentence(
            "Aan de slag",
            "Suggesties voor \(area.shortName), \(which), uit \(steps.source): "
                + list.joined(separator: "; ") + ".")
    }

    private func shareEntries(_ lines: [Line], _ category: GapCategory, _ column: Column) -> [Entry] {
        lines.compactMap { line in
            line.own?.shares[category].map {
                Entry(area: line.area.shortName, value: Self.shown($0, decimals: 2), cell: cell(line, column))
            }
        }
    }

    /// A wave name inside a sentence: "najaar 2025–2026".
    func midSentence(_ name: String) -> String { name.prefix(1).lowercased() + name.dropFirst() }

    /// "1 wpb", "2 wpb's".
    static func wpbs(_ count: Int) -> String { count == 1 ? "1 wpb" : "\(count) wpb's" }

    // MARK: - Response, no figures, change

    /// The response in one sentence; data the night's alarm put under review (``DataReview``) replaces the counts.
    private func responseSentence(_ wave: Wave) -> Sentence? {
        if let notice = context.review.dutchNotice(school: school.id, wave: wave.id, context: context) {
            return Sentence("Respons", notice)
        }
        let lines = context.response(of: school.id)
        guard let index = lines.firstIndex(where: { $0.wave == wave.id }) else { return nil }
        let r = lines[index]
        let row = SchoolSheetLayout.responseRow(index)
        func cell(_ column: Int) -> Citation { Citation(sheet: SchoolSheetLayout.response, row: row, column: column) }
        var figures = [Figure(Double(r.selfScans), .count, cell(SchoolSheetLayout.responseSelfColumn))]
        let roster = r.rosterSize.map { " (van de \($0) op de lijst)" } ?? ""
        if let size = r.rosterSize { figures.append(Figure(Double(size), .count, cell(SchoolSheetLayout.responseRosterColumn))) }
        figures += Role.splitRoles.map { role in
            Figure(Double(r.feedback(from: role)), .count, cell(SchoolSheetLayout.responseFeedbackColumn(role)))
        }
        figures.append(Figure(Double(r.completeTriads), .count, cell(SchoolSheetLayout.responseTriadColumn)))
        let waveName = midSentence(context.waveName(wave.id))
        let verb = r.selfScans == 1 ? "vulde" : "vulden"
        let triads = r.completeTriads == 1 ? "heeft" : "hebben"
        let text =
            "In \(waveName) \(verb) \(Self.wpbs(r.selfScans)) de zelfscan in\(roster). \(Self.feedbackArrived(r)); "
            + "\(Self.wpbs(r.completeTriads)) \(triads) alle \(Self.word(Analyzer.triadRoles.count)) "
            + "(\(layout.table(SchoolSheetLayout.response)), \(waveName))."
        return Sentence("Respons", text, figures: figures)
    }

    /// "Voor 3 wpb's kwam feedback van studenten binnen en voor 2 van schoolopleiders": one clause per split role.
    private static func feedbackArrived(_ r: ResponseSummary) -> String {
        let clauses = Role.splitRoles.enumerated().map { index, role in
            index == 0
                ? "\(wpbs(r.feedback(from: role))) kwam feedback van \(role.about.plural) binnen"
                : "\(wpbs(r.feedback(from: role))) van \(role.about.plural)"
        }
        return "Voor " + clauses.joined(separator: " en voor ")
    }

    /// Why a school has no figures at all, in words an MT understands, and whether the partnership's are shown.
    private func noFiguresSentence(_ wave: Wave, _ lines: [Line]) -> Sentence {
        let k = context.minimumGroupSize
        let n = lines.map { $0.own?.n ?? 0 }.max() ?? 0
        let reason = lines.lazy.compactMap { $0.own?.gap.withheld ?? $0.own?.feedback.withheld }.first
        let why: String
        switch reason {
        case .smallGroup?, nil:
            why =
                "te weinig wpb's voor cijfers: \(Self.wpbs(n)) met zowel een zelfscan als feedback, en er zijn er "
                + "minstens \(k) nodig. Zo kan niemand de score van één wpb herleiden"
        case let other?:
            why = other.dutchExplanation
        }
        let benchmark =
            lines.contains { $0.benchmark?.feedback.value != nil }
            ? "De cijfers van het partnerschap staan ter vergelijking in \(SchoolSheetLayout.overviewTable)."
            : "Ook van het partnerschap zijn er geen cijfers\(benchmarkReason(lines))."
        return Sentence(
            "Geen cijfers",
            "Voor \(midSentence(context.waveName(wave.id))) staan er geen cijfers van uw school in dit werkboek: \(why). "
                + benchmark)
    }

    /// ": reason" for the partnership's missing figures, or a plain reason when none is recorded.
    private func benchmarkReason(_ lines: [Line]) -> String {
        if let reason = lines.lazy.compactMap({ $0.benchmark?.feedback.withheld }).first {
            return ": \(reason.dutchExplanation)"
        }
        if lines.allSatisfy({ $0.own?.feedback.value == nil }) { return ": uw school heeft geen cijfers om naast te leggen" }
        return ": er zijn geen cijfers van het partnerschap"
    }

    private func changeSentence(_ lines: [Line], earlier: Wave) -> Sentence {
        let since = midSentence(context.waveName(earlier.id))
        let shown = lines.compactMap { line in
            Self.change(line.change).map { (line, $0) }
        }
        let entries = shown.map { Entry(area: $0.0.area.shortName, value: Self.shown($0.1.value), cell: cell($0.0, .change)) }
        let groups = shown.filter { !$0.1.sameWpbs }.map(\.0.area.shortName)
        if let sentence = Self.changeSentence(entries, areaCount: areas.count, since: since, groupDifferences: groups) {
            return sentence
        }
        // The reason of the first missing figure: the school's own rows first (a small school has none in either wave).
        let earlierRows = areas.map { release.row(.school, school.id, wave: earlier.id, area: $0.id) }
        let reason =
            lines.lazy.compactMap { $0.own?.feedback.withheld }.first
            ?? earlierRows.lazy.compactMap { $0?.feedback.withheld }.first
            ?? lines.lazy.compactMap { $0.change?.feedbackChange.withheld }.first
        let why =
            reason.map { ": \($0.dutchExplanation)." }
            ?? ", want er zijn op een van beide meetmomenten geen cijfers van uw school."
        return Sentence("Verandering", "Sinds \(since) is een verandering van de feedback niet te tonen\(why)")
    }
}
