/// Whether a management team sees a figure, for the coordinator's marks ("onderdrukt in de MT-werkboeken").
///
/// The coordinator's workbook shows every number; it marks the ones MT workbooks withhold by asking the released
/// view, the one place that decides (docs/analysis.md, "Disclosure"), never by a rule of its own.
extension ReleasedView {
    /// `true` when the MT workbooks show no number for this aggregate cell (withheld, or an open wave).
    func isWithheldFromManagement(_ level: AggregateLevel, _ unit: String, wave: String, area: String, _ measure: Measure) -> Bool
    {
        switch measure {
        case .changeSelf, .changeFeedback:
            guard let change = change(level, unit, toWave: wave, area: area) else { return false }
            let cell = measure == .changeSelf ? change.selfChange : change.feedbackChange
            return cell.withheld != nil
        default:
            guard let row = row(level, unit, wave: wave, area: area) else { return false }
            let cell: ReleasedCell?
            switch measure {
            case .role(.selfAssessment): cell = row.selfScore
            case .feedback: cell = row.feedback
            case .gap: cell = row.gap
            case .role(let role) where role.hasSplitMeasure: cell = row.roles[role]
            // Not released to MT at all.
            default: return true
            }
            return cell?.withheld != nil
        }
    }

    /// `true` when the MT workbooks show no category shares for this cell.
    func sharesWithheldFromManagement(_ level: AggregateLevel, _ unit: String, wave: String, area: String) -> Bool {
        row(level, unit, wave: wave, area: area)?.shares.withheld != nil
    }
}
