/// One number as a management team or the public may see it: a value, or the reason it is withheld.
///
/// A withheld cell carries no value at all, so a writer cannot render one by mistake.
struct ReleasedCell: Sendable, Equatable {
    /// Subjects behind the figure (shown also when withheld: a count, not a score).
    var n: Int
    /// The mean; `nil` when withheld or when no subject has a value.
    private(set) var value: Double?
    private(set) var withheld: WithholdingReason?
    /// The figure released by an earlier run, kept because tonight's differs from it by fewer than *k* wpbs.
    var heldFromEarlierRelease: Bool

    init(n: Int, value: Double?, withheld: WithholdingReason?, heldFromEarlierRelease: Bool = false) {
        self.n = n
        self.value = withheld == nil ? value : nil
        self.withheld = withheld
        self.heldFromEarlierRelease = heldFromEarlierRelease
    }

    static func withheld(_ reason: WithholdingReason, n: Int) -> ReleasedCell {
        ReleasedCell(n: n, value: nil, withheld: reason)
    }
}

/// Gap-category shares as released: all three, or the reason they are withheld.
struct ReleasedShares: Sendable, Equatable {
    var n: Int
    private(set) var shares: GapShares?
    private(set) var withheld: WithholdingReason?

    init(n: Int, shares: GapShares?, withheld: WithholdingReason?) {
        self.n = n
        self.shares = withheld == nil ? shares : nil
        self.withheld = withheld
    }

    subscript(category: GapCategory) -> Double? { shares?[category] }
}

/// One row of a released table: a school's (or the partnership benchmark's) figures in one wave and area.
///
/// In the protected view self-image, feedback, gap and shares share one population (the wpbs with both a
/// self-scan and feedback), so they have one n and no difference between them isolates anyone.
struct ReleasedRow: Sendable, Equatable {
    var level: AggregateLevel
    /// School id or partnership id.
    var unit: String
    var wave: String
    var area: String
    /// Schools whose wpbs the row covers (1 for a school row).
    var schools: Int
    var selfScore: ReleasedCell
    var feedback: ReleasedCell
    var gap: ReleasedCell
    var shares: ReleasedShares
    /// Per feedback role (student, schoolopleider): that role's mean over the row's wpbs who have it.
    var roles: [Role: ReleasedCell]

    /// The population size of the row (the gap cell's n).
    var n: Int { gap.n }
}

/// The change between two consecutive waves over the wpbs present in both, as released.
struct ReleasedChange: Sendable, Equatable {
    var level: AggregateLevel
    var unit: String
    var fromWave: String
    var toWave: String
    var area: String
    var schools: Int
    var selfChange: ReleasedCell
    var feedbackChange: ReleasedCell
    /// Where ``selfChange`` shows no value: the later wave's released self-image mean minus the earlier wave's,
    /// each over its own wave's wpbs (not the same wpbs). `nil` when either mean is not released.
    ///
    /// A difference of two released numbers reveals nothing that they did not (docs/analysis.md, "Disclosure").
    /// Its n is 0: it rests on two groups, not one.
    var selfWaveDifference: ReleasedCell? = nil
    /// The same for feedback.
    var feedbackWaveDifference: ReleasedCell? = nil
}
