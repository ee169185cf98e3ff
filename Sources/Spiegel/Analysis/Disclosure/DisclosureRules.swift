/// The parameters of the disclosure rules (docs/analysis.md, "Disclosure"): *k*, how many schools a benchmark
/// needs, and whether waves must have closed.
struct DisclosureRules: Sendable, Equatable {
    /// *k*: no released number rests on fewer subjects, and no two released populations of one measure differ
    /// by 1 … k − 1 subjects.
    var minimumGroupSize: Int
    /// A partnership benchmark is released only over at least this many schools with a released figure, so
    /// that one MT subtracting its own school is left with at least two schools together.
    var minimumSchools: Int
    /// Only waves whose last day lies before ``asOf`` are released (no night-to-night differences).
    var closedWavesOnly: Bool
    /// The day the release is made (the run's date); a wave is closed when it ends before this day.
    var asOf: Day
    /// `false` only in ``unprotected(asOf:)``: each measure over the subjects that have it, as before #14.
    var sharedRowPopulation: Bool
    /// Withhold category shares that reveal (nearly) every member's category.
    var dominanceCheck: Bool
    /// A closed wave's first release is final: later nights render it from the ledger. `false` only in tests
    /// that show the leak a fresh release every night would give (and that the auditor catches it).
    var freezesReleasedWaves: Bool
    /// Check each population against every other of its school, wave and area, the earlier wave's and earlier
    /// releases; `false` (only in tests' positive controls): a role against its row, a panel against its two rows.
    var checksAcrossReleases: Bool
    /// Item figures only over exactly their area row's population; `false` only in positive controls, where an
    /// item is released over whichever of the row's wpbs answered it.
    var itemsOverRowPopulation: Bool
    /// The smallest *k* for management and public output: a mean over 2 gives each of the two the other's score.
    static let smallestPublishedGroupSize = 3

    init(
        minimumGroupSize: Int, minimumSchools: Int = PipelineConfiguration.Defaults.minimumSchools,
        closedWavesOnly: Bool = true, asOf: Day
    ) {
        self.minimumGroupSize = minimumGroupSize
        self.minimumSchools = minimumSchools
        self.closedWavesOnly = closedWavesOnly
        self.asOf = asOf
        sharedRowPopulation = true
        dominanceCheck = true
        freezesReleasedWaves = true
        checksAcrossReleases = true
        itemsOverRowPopulation = true
    }

    /// The rules `Pipeline.yml` asks for, as of `day`.
    init(configuration: PipelineConfiguration, asOf day: Day) {
        self.init(
            minimumGroupSize: configuration.analysis.minimumGroupSize,
            minimumSchools: configuration.release.minimumSchools, asOf: day)
    }

    /// No protection at all: every figure over whoever has a value, open waves included, the benchmark over
    /// every school. Only for the attacker test's positive control, which must find leaks in it.
    static func unprotected(asOf day: Day) -> DisclosureRules {
        var rules = DisclosureRules(minimumGroupSize: 1, minimumSchools: 1, closedWavesOnly: false, asOf: day)
        rules.sharedRowPopulation = false
        rules.dominanceCheck = false
        rules.freezesReleasedWaves = false
        rules.checksAcrossReleases = false
        rules.itemsOverRowPopulation = false
        return rules
    }

    /// The rules before the ledger (#22), for positive controls: every night a fresh release, a role checked
    /// against its row only, a panel against its two rows only.
    static func withoutLedger(minimumGroupSize: Int, asOf day: Day) -> DisclosureRules {
        var rules = DisclosureRules(minimumGroupSize: minimumGroupSize, asOf: day)
        rules.freezesReleasedWaves = false
        rules.checksAcrossReleases = false
        return rules
    }
}
