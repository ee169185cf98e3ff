/// The sentence templates of the *Samenvatting*, each with an explicit condition on the signs of the numbers it
/// states, as pure functions of the values a table shows, so every sign pattern can be tested by hand.
///
/// Every number a template writes is a value as its table cell shows it (``SchoolSummary/shown(_:)``) and a
/// difference is computed from shown values, so the numbers on paper add up. A rising word ("boven", "steeg")
/// only stands beside a number above zero, a falling one ("onder", "daalde") only beside one below zero, and
/// "gelijk" only beside 0,0. Each clause of a sentence (between semicolons) has at most one direction.
extension SchoolSummary {
    /// One area's shown value and the cell it stands in.
    struct Entry: Equatable {
        var area: String
        var value: Double
        var cell: Citation
    }

    /// Where the numbers of the page-1 sentences stand, for the sentence's closing reference.
    static let overviewReference = "(\(SchoolSheetLayout.overviewTable))"

    /// "De feedback is het hoogst bij … en het laagst bij …", with ties and a single area.
    static func levelSentence(_ entries: [Entry], areaCount: Int) -> Sentence? {
        guard let first = entries.first else { return nil }
        let reference = overviewReference
        if entries.count == 1 {
            return Sentence(
                "Sterkst en zwakst",
                "Alleen bij \(first.area) zijn er cijfers: de feedback is gemiddeld \(Dutch.number(first.value)) \(reference).",
                figures: [Figure(first.value, .score, first.cell)])
        }
        let high = entries.map(\.value).max() ?? 0, low = entries.map(\.value).min() ?? 0
        let highest = entries.filter { $0.value == high }, lowest = entries.filter { $0.value == low }
        if high == low {
            return Sentence(
                "Sterkst en zwakst",
                "De feedback is op \(allAreas(entries.count, of: areaCount)) gemiddeld \(Dutch.number(high)) \(reference).",
                figures: [Figure(high, .score, first.cell)])
        }
        return Sentence(
            "Sterkst en zwakst",
            "De feedback is het hoogst bij \(list(highest.map(\.area))) (\(Dutch.number(high))) en het laagst bij "
                + "\(list(lowest.map(\.area))) (\(Dutch.number(low))): daar valt het meest te winnen \(reference).",
            figures: [Figure(high, .score, highest[0].cell), Figure(low, .score, lowest[0].cell)])
    }

    /// The school against the partnership, from the differences of the shown values (`entries` hold differences).
    static func partnershipSentence(_ entries: [Entry], areaCount: Int) -> Sentence? {
        guard !entries.isEmpty else { return nil }
        let reference = overviewReference
        let topic = "Partnerschap"
        if entries.count == 1, let only = entries.first {
            let direction = only.value > 0 ? "boven" : only.value < 0 ? "onder" : "gelijk aan"
            return Sentence(
                topic,
                "Alleen bij \(only.area) is er een vergelijking: de feedback ligt \(direction) het partnerschap "
                    + "(\(Dutch.signed(only.value))) \(reference).",
                figures: [Figure(only.value, .signed, only.cell)])
        }
        let all = allAreas(entries.count, of: areaCount)
        if entries.allSatisfy({ $0.value == 0 }) {
            return Sentence(
                topic, "Op \(all) ligt de feedback gelijk aan het partnerschap (verschil 0,0) \(reference).",
                figures: [Figure(0, .signed, entries[0].cell)])
        }
        for (above, word) in [(true, "boven"), (false, "onder")] {
            let sameWay = entries.allSatisfy { above ? $0.value > 0 : $0.value < 0 }
            guard sameWay else { continue }
            // "Smallest" and "largest" by size, so below the partnership −0,1 is the smallest difference.
            let (smallest, largest) = extremes(entries)
            let small = smallest[0], large = largest[0]
            if small.value == large.value {
                return Sentence(
                    topic,
                    "Op \(all) ligt de feedback \(word) het partnerschap, overal \(Dutch.signed(small.value)) \(reference).",
                    figures: [Figure(small.value, .signed, small.cell)])
            }
            return Sentence(
                topic,
                "Op \(all) ligt de feedback \(word) het partnerschap; het verschil is het kleinst bij "
                    + "\(list(smallest.map(\.area))) (\(Dutch.signed(small.value))) en het grootst bij "
                    + "\(list(largest.map(\.area))) (\(Dutch.signed(large.value))) \(reference).",
                figures: [Figure(small.value, .signed, small.cell), Figure(large.value, .signed, large.cell)])
        }
        let (clauses, figures) = mixedClauses(
            entries, up: "boven het partnerschap bij", down: "onder het partnerschap bij",
            level: "gelijk aan het partnerschap bij")
        return Sentence(topic, "De feedback ligt " + clauses.joined(separator: "; ") + " \(reference).", figures: figures)
    }

    /// The change since the wave before, per area (`entries` hold shown changes).
    static func changeSentence(
        _ entries: [Entry], areaCount: Int, since earlier: String, groupDifferences: [String]
    ) -> Sentence? {
        guard !entries.isEmpty else { return nil }
        let since = "Sinds \(earlier)"
        let reference = overviewReference
        let topic = "Verandering"
        let basis =
            groupDifferences.isEmpty
            ? ""
            : groupDifferences.count == entries.count && entries.count > 1
                ? " Overal is dat het verschil tussen de groepen van beide meetmomenten, niet over dezelfde wpb's."
                : " Bij \(list(groupDifferences)) is dat het verschil tussen de groepen van beide meetmomenten, "
                    + "niet over dezelfde wpb's."
        if entries.count == 1, let only = entries.first {
            let clause =
                only.value > 0
                ? "steeg de feedback bij \(only.area)"
                : only.value < 0 ? "daalde de feedback bij \(only.area)" : "bleef de feedback bij \(only.area) gelijk"
            return Sentence(
                topic, "\(since) \(clause) (\(Dutch.signed(only.value))) \(reference).\(basis)",
                figures: [Figure(only.value, .signed, only.cell)])
        }
        let all = allAreas(entries.count, of: areaCount)
        if entries.allSatisfy({ $0.value == 0 }) {
            return Sentence(
                topic, "\(since) bleef de feedback op \(all) gelijk (0,0) \(reference).\(basis)",
                figures: [Figure(0, .signed, entries[0].cell)])
        }
        for (up, verb) in [(true, "steeg"), (false, "daalde")] {
            guard entries.allSatisfy({ up ? $0.value > 0 : $0.value < 0 }) else { continue }
            let (smallest, largest) = extremes(entries)
            let most = largest[0], least = smallest[0]
            if most.value == least.value {
                return Sentence(
                    topic, "\(since) \(verb) de feedback op \(all), overal \(Dutch.signed(most.value)) \(reference).\(basis)",
                    figures: [Figure(most.value, .signed, most.cell)])
            }
            return Sentence(
                topic,
                "\(since) \(verb) de feedback op \(all); het meest bij \(list(largest.map(\.area))) "
                    + "(\(Dutch.signed(most.value))) en het minst bij \(list(smallest.map(\.area))) "
                    + "(\(Dutch.signed(least.value))) \(reference).\(basis)",
                figures: [Figure(most.value, .signed, most.cell), Figure(least.value, .signed, least.cell)])
        }
        let (clauses, figures) = mixedClauses(
            entries, up: "steeg de feedback bij", down: "daalde de feedback bij", level: "bleef de feedback gelijk bij")
        return Sentence(topic, "\(since) " + clauses.joined(separator: "; ") + " \(reference).\(basis)", figures: figures)
    }

    /// Where the most wpbs overrate themselves (blind spot) and underrate themselves (hidden strength).
    /// `over` and `under` hold shown shares (0…1, whole percents); `areaCount` is how many areas Tabel 1 has, so that
    /// "none" never speaks for an area whose shares are withheld.
    static func blindSpotSentence(over: [Entry], under: [Entry], areaCount: Int) -> Sentence? {
        guard !over.isEmpty || !under.isEmpty else { return nil }
        var clauses: [String] = [], figures: [Figure] = []
        func clause(_ entries: [Entry], _ what: String, _ none: String) {
            guard let top = entries.map(\.value).max() else { return }
            if top == 0 {
                let scope = entries.count == areaCount ? "geen gebied" : "geen van de \(word(entries.count)) gebieden met cijfers"
                clauses.append(none.replacingOccurrences(of: "geen gebied", with: scope))
                figures.append(Figure(0, .percent, entries[0].cell))
                return
            }
            let leaders = entries.filter { $0.value == top }
            clauses.append("\(what) bij \(list(leaders.map(\.area))) (\(percent(top)) van de wpb's)")
            figures.append(Figure(top, .percent, leaders[0].cell))
        }
        clause(
            over, "De meeste wpb's met een blinde vlek (zelfbeeld hoger dan de feedback) zijn er",
            "Op geen gebied heeft een wpb een blinde vlek (0%)")
        clause(
            under, "de meeste met een verborgen kracht (zelfbeeld lager dan de feedback)",
            "op geen gebied heeft een wpb een verborgen kracht (0%)")
        return Sentence("Blinde vlek", capitalized(clauses.joined(separator: "; ")) + " \(overviewReference).", figures: figures)
    }

    // MARK: - Parts

    /// The entries of the smallest and of the largest size, each with every tie, in table order.
    private static func extremes(_ entries: [Entry]) -> (smallest: [Entry], largest: [Entry]) {
        let sizes = entries.map { abs($0.value) }
        let low = sizes.min() ?? 0, high = sizes.max() ?? 0
        return (entries.filter { abs($0.value) == low }, entries.filter { abs($0.value) == high })
    }

    /// The clauses of a mixed pattern: up, down and level, each with its areas from the largest difference down.
    private static func mixedClauses(_ entries: [Entry], up: String, down: String, level: String) -> ([String], [Figure]) {
        var clauses: [String] = [], figures: [Figure] = []
        let groups: [(String, [Entry])] = [
            (up, entries.filter { $0.value > 0 }), (down, entries.filter { $0.value < 0 }),
            (level, entries.filter { $0.value == 0 }),
        ]
        for (words, group) in groups where !group.isEmpty {
            let sorted = group.sorted { abs($0.value) > abs($1.value) }
            clauses.append("\(words) \(list(sorted.map { "\($0.area) (\(Dutch.signed($0.value)))" }))")
            figures += sorted.map { Figure($0.value, .signed, $0.cell) }
        }
        return (clauses, figures)
    }

    /// "alle vijf gebieden", or "de vier gebieden met cijfers" when some areas have none.
    static func allAreas(_ count: Int, of total: Int) -> String {
        count == total ? "alle \(word(count)) gebieden" : "alle \(word(count)) gebieden met cijfers"
    }

    /// Small counts in words, as Dutch prose writes them.
    static func word(_ count: Int) -> String {
        let words = ["nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien"]
        return count >= 0 && count < words.count ? words[count] : String(count)
    }

    /// "A", "A en B", "A, B en C".
    static func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " en " + last
    }

    /// A share as the table shows it: "40%".
    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    /// A value as a cell shows it: `decimals` decimals, half away from zero (as Excel and LibreOffice round the
    /// shortest decimal form of a double: 0,15 shows as 0,2 although the double lies just below 0,15).
    static func shown(_ value: Double, decimals: Int = 1) -> Double {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let nudge = value >= 0 ? 1e-9 : -1e-9
        let rounded = ((value * scale) + nudge).rounded() / scale
        return rounded == 0 ? 0 : rounded
    }
}
