/// Item figures in the auditor's matrix: an item's self-image and feedback are variables of their own per wpb,
/// wave and item (the auditor does not model how an area score averages its items; the population check, which
/// compares an item's population with its row's, covers that relation).
extension DisclosureAuditor.Columns {
    /// The released sum behind an item figure; `nil` for its shares (counts, not a sum of values).
    mutating func itemVector(_ figure: LedgerFigure, members: [UInt64], wave: String) -> [Int: Double]? {
        guard let (item, measure) = DisclosureControl.Figure.itemParts(figure.name) else { return nil }
        let score: UInt8
        switch measure {
        case DisclosureControl.Figure.selfScore: score = Self.selfScore
        case DisclosureControl.Figure.feedback: score = Self.otherFeedback
        default: return nil
        }
        // The item is part of the variable's wave key, so item variables never meet area variables.
        let key = "\(wave)\u{1F}\(item)"
        var vector: [Int: Double] = [:]
        for member in members { vector[column(member, key, score), default: 0] += 1 }
        return vector
    }
}
