/// One mirrored self-scan item of a school in one wave, as released: the item's self-image, feedback and gap
/// shares over exactly the wpbs of the school's row for the item's area (docs/analysis.md, "Items").
///
/// Over that one population the item figures add no population difference to the area row's; they are shown only
/// when the row is, and withheld (with the reason) when not every wpb of the row answered the item.
struct ReleasedItem: Sendable, Equatable {
    var school: String
    var wave: String
    /// The self-scan item id (e.g. `Z07`).
    var item: String
    var area: String
    var selfScore: ReleasedCell
    var feedback: ReleasedCell
    /// Per wpb the item's self − feedback against the gap threshold: blind spot (overschatting), hidden strength.
    var shares: ReleasedShares

    /// The wpbs behind the item figures (the row's n).
    var n: Int { selfScore.n }
}
