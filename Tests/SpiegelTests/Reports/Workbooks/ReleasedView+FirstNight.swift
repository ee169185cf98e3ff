@testable import Spiegel

extension ReleasedView {
    /// What ``DisclosureControl`` releases of `result` as of the run's release day, on a first night (no release
    /// ledger yet): the view the workbooks of a test render, made by the real disclosure rules.
    static func firstNight(of result: AnalysisResult, configuration: PipelineConfiguration, runInfo: RunInfo) -> ReleasedView {
        DisclosureControl(rules: DisclosureRules(configuration: configuration, asOf: runInfo.releaseDay)).release(result)
    }
}
