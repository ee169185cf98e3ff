/// Marks the research aggregates over fewer than *k* subjects (restricted profile, docs/analysis.md,
/// "Release profiles"): not protection — the microdata beside them hold every score — but a quotation guard, so
/// a researcher does not publish a cell over one or two people by mistake.
///
/// It only ever marks a cell with 0 < n < k, and every population the released view shows is a subset of the
/// research cell's population for the same school, wave, area and measure, so research never hides a number
/// that an MT workbook or `public/` shows: the three never disagree. (Before #22 a second engine also hid
/// "complementary" cells here that MT workbooks showed.)
struct ResearchAggregateMarks: Sendable {
    var minimumGroupSize: Int

    init(minimumGroupSize: Int) {
        self.minimumGroupSize = minimumGroupSize
    }

    /// Sets `suppression` on the cells over 1 … k − 1 subjects; clears it on the others.
    func apply(to aggregates: inout [Aggregate]) {
        for index in aggregates.indices {
            let n = aggregates[index].n
            aggregates[index].suppression = n > 0 && n < minimumGroupSize ? .smallGroup(n: n, minimum: minimumGroupSize) : nil
        }
    }
}
