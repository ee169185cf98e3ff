/// One condition of the training-school scan for a school (or the partnership) in one wave, as released
/// (docs/analysis.md, "The school's own scan").
///
/// A school's figure is the mean over that role's forms when there are at least *k* of them; the partnership's is
/// the mean of the released school figures over at least ``DisclosureRules/minimumSchools`` schools, each school
/// weighing once (as the analysis aggregates the scan, docs/analysis.md §8).
struct ReleasedScanRow: Sendable, Equatable {
    var level: AggregateLevel
    /// School id or partnership id.
    var unit: String
    var wave: String
    /// The condition (an area of the scan instrument).
    var condition: String
    /// Schools behind the figure (1 for a school); for the partnership, those with a released team figure.
    var schools: Int
    /// The training team's mean; n counts forms.
    var team: ReleasedCell
    /// The instituutsopleider's mean; n counts forms.
    var instituutsopleider: ReleasedCell
}
