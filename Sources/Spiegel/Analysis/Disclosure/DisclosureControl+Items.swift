/// Mirrored items in MT workbooks (docs/analysis.md, "Items"): per school, wave and self-scan item the mean self,
/// mean feedback and the shares of blind spots and hidden strengths, over exactly the population of the school's
/// row for the item's area, and only where that row is shown.
///
/// One population for the row and all its items means the items add no population difference to the family of
/// the row (``PopulationFamily``): with every wpb weighing alike, any combination of the row's and its items'
/// sums is a sum over that whole population.
extension DisclosureControl {
    /// The item figures of `rows` (decided rows of one wave): withheld with the row's reason where the row's gap is
    /// not shown, and for an item not every wpb of the row answered (``WithholdingReason/itemPopulationDiffers``).
    func freshItems(_ rows: [CellKey: Figures], _ data: ReleaseData) -> [CellKey: Figures] {
        var items: [CellKey: Figures] = [:]
        for (key, row) in rows {
            guard let gaps = data.itemGaps(key), let rowFigure = row[Figure.gap], rowFigure != .noData else { continue }
            let population = Set(rowFigure.members)
            var byItem: [String: [ReleaseData.ItemRef]] = [:]
            var order: [String] = []
            for gap in gaps where data.itemGap(gap) != nil && population.contains(data.id(gap)) {
                let item = data.item(gap)
                if byItem[item] == nil { order.append(item) }
                byItem[item, default: []].append(gap)
            }
            var figures: Figures = [:]
            for item in order {
                let answered = byItem[item] ?? []
                var reason = rowFigure.withheld
                if reason == nil, rules.itemsOverRowPopulation, answered.count != population.count {
                    reason = .itemPopulationDiffers
                }
                func pairs(_ value: (ReleaseData.ItemRef) -> Double?) -> [(UInt64, Double)] {
                    answered.compactMap { gap in value(gap).map { (data.id(gap), $0) } }
                }
                figures[Figure.item(item, Figure.selfScore)] = meanFigure(pairs(data.itemSelf), reason: reason)
                figures[Figure.item(item, Figure.feedback)] = meanFigure(pairs(data.itemFeedback), reason: reason)
                figures[Figure.item(item, Figure.shares)] = sharesFigure(
                    answered.compactMap { gap in
                        data.itemGap(gap).map { (data.id(gap), GapCategory(gap: $0, threshold: data.threshold)) }
                    }, reason: reason)
            }
            items[key] = figures
        }
        return items
    }

    /// `figures` with every shown item figure withheld whose row's gap is not shown (after the population checks).
    static func withholdingItemsOfHiddenRows(_ figures: WaveFigures) -> WaveFigures {
        var result = figures
        for (key, items) in figures.items {
            let row = figures.rows[key]?[Figure.gap]
            guard row?.isShown != true else { continue }
            let reason = row?.withheld ?? .itemPopulationDiffers
            result.items[key] = items.mapValues { $0.isShown ? $0.withholding(reason) : $0 }
        }
        return result
    }

    /// The same on a release as the auditor left it: an item is shown only beside its shown row.
    static func withholdingItemsOfHiddenRows(_ release: WaveRelease) -> WaveRelease {
        var result = release
        for (position, reason) in itemsOfHiddenRows(release) {
            result.figures[position].values = []
            result.figures[position].withheld = reason
        }
        return result
    }

    /// The shown item figures of `release` whose row's gap is not shown, with the reason to withhold each.
    static func itemsOfHiddenRows(_ release: WaveRelease) -> [(position: Int, reason: WithholdingReason)] {
        struct Key: Hashable { var unit: String, area: String }
        // Fields are read in place: a figure copied whole retains its strings and values.
        let figures = release.figures
        var rows: [Key: LedgerFigure] = [:]
        for position in figures.indices where figures[position].kind == .row && figures[position].name == Figure.gap {
            rows[Key(unit: figures[position].unit, area: figures[position].area)] = figures[position]
        }
        var hidden: [(position: Int, reason: WithholdingReason)] = []
        // Items are listed by school and area: the row of the item before is tried first.
        var last: (key: Key, row: LedgerFigure?)? = nil
        for position in figures.indices where figures[position].kind == .item && figures[position].isShown {
            if last?.key.unit != figures[position].unit || last?.key.area != figures[position].area {
                let key = Key(unit: figures[position].unit, area: figures[position].area)
                last = (key, rows[key])
            }
            let row = last?.row
            guard row?.isShown != true else { continue }
            hidden.append((position, row?.withheld ?? .itemPopulationDiffers))
        }
        return hidden
    }

    /// The released items of every school and wave, in the self-scan's item order.
    func renderItems(_ figures: WaveFigures, _ data: ReleaseData) -> [ReleasedItem] {
        var items: [ReleasedItem] = []
        for school in data.schools {
            for wave in data.waves {
                for area in data.areas {
                    guard let itemFigures = figures.items[CellKey(unit: school, wave: wave.id, area: area.id)] else { continue }
                    let ids = Set(itemFigures.keys.compactMap { Figure.itemParts($0)?.item }).sorted {
                        (data.itemOrder[$0] ?? Int.max, $0) < (data.itemOrder[$1] ?? Int.max, $1)
                    }
                    for item in ids {
                        items.append(
                            ReleasedItem(
                                school: school, wave: wave.id, item: item, area: area.id,
                                selfScore: cell(itemFigures[Figure.item(item, Figure.selfScore)]),
                                feedback: cell(itemFigures[Figure.item(item, Figure.feedback)]),
                                shares: releasedShares(itemFigures[Figure.item(item, Figure.shares)])))
                    }
                }
            }
        }
        return items
    }

    /// Category counts as released shares.
    func releasedShares(_ figure: Figure?) -> ReleasedShares {
        let figure = figure ?? .noData
        if let reason = figure.withheld { return ReleasedShares(n: figure.n, shares: nil, withheld: reason) }
        guard figure.isShown, figure.values.count == GapCategory.allCases.count else {
            return ReleasedShares(n: 0, shares: nil, withheld: nil)
        }
        let n = Double(figure.n)
        return ReleasedShares(
            n: figure.n,
            shares: GapShares(
                overschatting: figure.values[0] / n, inOvereenstemming: figure.values[1] / n,
                onderschatting: figure.values[2] / n),
            withheld: nil)
    }
}
