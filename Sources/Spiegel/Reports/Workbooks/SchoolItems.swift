/// Which mirrored items a school's MT workbook lists (docs/analysis.md, "Items"): the released items with the
/// largest shares of blind spots and of hidden strengths, in the latest released wave that has any.
///
/// Only released shares rank: a withheld item is never in a list, so no list rests on a withheld figure.
enum SchoolItems {
    /// The longest list per kind: three, so that the shares and the items print on one page.
    static let listLength = 3

    enum Kind: CaseIterable {
        /// Share of wpbs whose self − feedback on the item ≥ T.
        case blindSpot
        /// Share of wpbs whose feedback − self on the item ≥ T.
        case hiddenStrength

        var category: GapCategory { self == .blindSpot ? .overschatting : .onderschatting }
        var label: String { self == .blindSpot ? "Blinde vlek" : "Verborgen kracht" }
    }

    /// The latest released wave in which the school has an item with released shares.
    static func wave(_ release: ReleasedView, school: String) -> Wave? {
        release.waves.last { wave in
            release.isReleased(wave) && release.items(school, wave: wave.id).contains { $0.shares.shares != nil }
        }
    }

    /// Up to `count` items with a share of `kind` above zero, largest share first; ties by the larger difference
    /// in that direction, then in the given order.
    static func top(_ items: [ReleasedItem], _ kind: Kind, count: Int = listLength) -> [ReleasedItem] {
        let ranked = items.enumerated().compactMap {
            offset, item -> (share: Double, gap: Double, offset: Int, item: ReleasedItem)? in
            guard let share = item.shares[kind.category], share > 0 else { return nil }
            let gap = (item.selfScore.value ?? 0) - (item.feedback.value ?? 0)
            return (share, kind == .blindSpot ? gap : -gap, offset, item)
        }
        return ranked.sorted { ($1.share, $1.gap, $0.offset) < ($0.share, $0.gap, $1.offset) }.prefix(count).map(\.item)
    }

    /// Items of the wave that show no shares, counted per reason (for the line under the table).
    static func withheld(_ items: [ReleasedItem]) -> [(reason: WithholdingReason, count: Int)] {
        var counts: [(reason: WithholdingReason, count: Int)] = []
        for item in items {
            guard let reason = item.shares.withheld else { continue }
            if let index = counts.firstIndex(where: { $0.reason == reason }) {
                counts[index].count += 1
            } else {
                counts.append((reason, 1))
            }
        }
        return counts
    }
}
