extension Statistics {
    /// Descriptive statistics of one value per subject; `nil` when there are none (docs/analysis.md §8).
    ///
    /// The mean and the standard deviation take two passes, which keeps the SD accurate when the
    /// values are close together (the one-pass formula cancels badly there).
    init?<Values: Collection<Double>>(values: Values) {
        guard !values.isEmpty else { return nil }
        let n = values.count
        let mean = values.reduce(0, +) / Double(n)
        var sd: Double?
        if n >= 2 {
            let squares = values.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) }
            sd = (squares / Double(n - 1)).squareRoot()
        }
        let sorted = values.sorted()
        let median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        self.init(n: n, mean: mean, sd: sd, median: median, minimum: sorted[0], maximum: sorted[n - 1])
    }
}

extension GapShares {
    /// The share of gaps in each category with threshold `threshold`; `nil` for no gaps (docs/analysis.md §7–§8).
    init?<Gaps: Collection<Double>>(gaps: Gaps, threshold: Double) {
        guard !gaps.isEmpty else { return nil }
        var over = 0, agree = 0, under = 0
        for gap in gaps {
            switch GapCategory(gap: gap, threshold: threshold) {
            case .overschatting: over += 1
            case .inOvereenstemming: agree += 1
            case .onderschatting: under += 1
            }
        }
        let n = Double(gaps.count)
        self.init(
            overschatting: Double(over) / n, inOvereenstemming: Double(agree) / n,
            onderschatting: Double(under) / n)
    }
}

extension Measure {
    /// Whether the measure is a self − feedback gap, whose aggregates carry category shares.
    var isGap: Bool {
        switch self {
        case .gap, .roleGap: true
        default: false
        }
    }

    /// Whether the measure is a change between waves, whose wave column is the later wave.
    var isChange: Bool { self == .changeSelf || self == .changeFeedback }
}
