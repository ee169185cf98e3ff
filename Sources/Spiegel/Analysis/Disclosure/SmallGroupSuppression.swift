/// Marks the aggregates that must not leave the coordinator (docs/analysis.md §9); docs/analysis.md explains the rule.
///
/// 1. *Small group*: a cell with 0 < n < k.
/// 2. *Complementary*: a partnership cell equals the union of its schools' cells, so the schools that
///    are hidden can be recovered together by subtraction — their n, sum, sum of squares (from the SD)
///    and category counts (from the shares). That union must itself hold at least k subjects, so the
///    smallest schools still shown (by n, then id) are hidden too until it does; only when no school is
///    left is the partnership cell hidden instead.
///
/// Numbers stay in place: the coordinator sees them; every other output shows the mark.
package struct SmallGroupSuppression: Sendable {
    /// *k*.
    package var minimumGroupSize: Int
    /// The partnership of each school id.
    package var partnershipOfSchool: [String: String]

    package init(minimumGroupSize: Int, partnershipOfSchool: [String: String]) {
        self.minimumGroupSize = minimumGroupSize
        self.partnershipOfSchool = partnershipOfSchool
    }

    /// Sets `suppression` on the cells that need it; clears it on the others.
    package func apply(to aggregates: inout [Aggregate]) {
        let k = minimumGroupSize
        for index in aggregates.indices {
            let n = aggregates[index].n
            aggregates[index].suppression = n > 0 && n < k ? .smallGroup(n: n, minimum: k) : nil
        }

        // One subtraction relation per partnership and (scope, wave, area, measure).
        struct Relation: Hashable {
            var scope: AnalysisScope, partnership: String, wave: String, area: String, measure: Measure
        }
        var totals: [Relation: Int] = [:]
        var parts: [Relation: [Int]] = [:]
        for (index, aggregate) in aggregates.enumerated() {
            switch aggregate.level {
            case .partnership:
                totals[
                    Relation(
                        scope: aggregate.scope, partnership: aggregate.unit, wave: aggregate.wave,
                        area: aggregate.area, measure: aggregate.measure)] = index
            case .school:
                guard let partnership = partnershipOfSchool[aggregate.unit] else { continue }
                parts[
                    Relation(
                        scope: aggregate.scope, partnership: partnership, wave: aggregate.wave,
                        area: aggregate.area, measure: aggregate.measure), default: []
                ].append(index)
            }
        }

        // Sorted so the result never depends on dictionary order.
        for relation in parts.keys.sorted(by: {
            ($0.scope.rawValue, $0.partnership, $0.wave, $0.area, $0.measure.rawValue)
                < ($1.scope.rawValue, $1.partnership, $1.wave, $1.area, $1.measure.rawValue)
        }) {
            // A hidden total leaves nothing to subtract from.
            guard let total = totals[relation], aggregates[total].suppression == nil,
                let schools = parts[relation]
            else { continue }
            // Schools with n = 0 contribute nothing to the total, so hiding them would protect nothing.
            let withData = schools.filter { aggregates[$0].n > 0 }
            let hidden = withData.filter { aggregates[$0].suppression != nil }
            guard !hidden.isEmpty else { continue }
            var recoverable = hidden.reduce(0) { $0 + aggregates[$1].n }
            guard recoverable < k else { continue }
            let reason = Suppression.complementary(of: hidden.map { aggregates[$0].unit }.sorted().joined(separator: ", "))
            let candidates = withData.filter { aggregates[$0].suppression == nil }
                .sorted { (aggregates[$0].n, aggregates[$0].unit) < (aggregates[$1].n, aggregates[$1].unit) }
            for candidate in candidates where recoverable < k {
                aggregates[candidate].suppression = reason
                recoverable += aggregates[candidate].n
            }
            if recoverable < k { aggregates[total].suppression = reason }
        }
    }
}
