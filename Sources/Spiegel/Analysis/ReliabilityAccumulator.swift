/// Running sums for Cronbach's alpha of one area of one instrument in one wave (docs/analysis.md §12).
///
/// Item scores are integers, so the sums are exact; alpha needs only the item variances and the
/// variance of the total, which follow from these sums without keeping any form.
struct ReliabilityAccumulator: Sendable {
    /// The area's items the forms ask, as indices into the instrument's items: items a source leaves out with
    /// `not_asked` are not among them, so its forms can be complete.
    let items: [Int]
    /// Complete forms: every item of `items` answered.
    private(set) var n = 0
    private(set) var itemSums: [Int]
    private(set) var itemSquares: [Int]
    private(set) var totalSum = 0
    private(set) var totalSquares = 0

    init(items: [Int]) {
        self.items = items
        itemSums = Array(repeating: 0, count: items.count)
        itemSquares = Array(repeating: 0, count: items.count)
    }

    /// Adds a form when it answered every item of the area; incomplete forms do not count.
    mutating func add(_ scores: ItemScores) {
        // Checked first so an incomplete form leaves the sums alone without copying its values.
        for index in items {
            guard index < scores.count, scores[index] != nil else { return }
        }
        n += 1
        var total = 0
        for (position, index) in items.enumerated() {
            let value = scores[index] ?? 0
            itemSums[position] += value
            itemSquares[position] += value * value
            total += value
        }
        totalSum += total
        totalSquares += total * total
    }

    /// α = k/(k−1) · (1 − Σ var(item) / var(total)); `nil` when n < 2, fewer than two items, or var(total) = 0.
    var alpha: Double? {
        let k = items.count
        guard k >= 2, n >= 2 else { return nil }
        // n·Σx² − (Σx)² is (n−1)·n times the sample variance; the common factor cancels in the ratio.
        func scaledVariance(sum: Int, squares: Int) -> Double {
            Double(n) * Double(squares) - Double(sum) * Double(sum)
        }
        let totalVariance = scaledVariance(sum: totalSum, squares: totalSquares)
        guard totalVariance > 0 else { return nil }
        let itemVariance = zip(itemSums, itemSquares).reduce(0.0) { $0 + scaledVariance(sum: $1.0, squares: $1.1) }
        return Double(k) / Double(k - 1) * (1 - itemVariance / totalVariance)
    }
}
