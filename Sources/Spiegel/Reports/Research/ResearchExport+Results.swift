import Foundation

extension ResearchExport {
    /// `subject_scores.csv`, in the analysis's order.
    func writeSubjectScores(_ result: AnalysisResult, to table: ResearchTableWriter) throws {
        var pseudonyms = PseudonymCache(pseudonymizer: pseudonymizer)
        for score in result.subjectScores {
            table.text(pseudonyms[score.subject])
            table.text(score.school)
            table.text(score.partnership.isEmpty ? nil : score.partnership)
            table.text(score.wave)
            table.text(score.area)
            table.number(score.roleScore(.selfAssessment))
            table.number(score.roleScore(.student))
            table.number(score.roleScore(.schoolopleider))
            table.number(score.feedback)
            table.number(score.gap)
            table.text(score.category?.rawValue)
            table.text(score.scope.rawValue)
            table.number(score.roleScore(.instituutsopleider))
            table.number(score.roleGap(.student))
            table.number(score.roleGap(.schoolopleider))
            table.number(score.roleGap(.instituutsopleider))
            try table.endRow()
        }
    }

    /// `aggregates.csv`. A suppressed cell carries no number at all, not even n: with n and the partnership's
    /// figures a reader could narrow down the small group's scores.
    func writeAggregates(_ result: AnalysisResult, to table: ResearchTableWriter) throws {
        for aggregate in result.aggregates {
            table.text(aggregate.level.rawValue)
            table.text(aggregate.unit)
            table.text(aggregate.wave)
            table.text(aggregate.area)
            table.text(aggregate.measure.rawValue)
            if aggregate.suppression == nil {
                let statistics = aggregate.statistics
                table.integer(aggregate.n)
                table.number(statistics?.mean)
                table.number(statistics?.sd)
                table.number(statistics?.median)
                table.number(statistics?.minimum)
                table.number(statistics?.maximum)
                table.number(aggregate.shares?.overschatting)
                table.number(aggregate.shares?.inOvereenstemming)
                table.number(aggregate.shares?.onderschatting)
            } else {
                for _ in 0..<9 { table.missing() }
            }
            table.boolean(aggregate.suppression != nil)
            table.text(aggregate.suppression?.code)
            table.text(aggregate.scope.rawValue)
            try table.endRow()
        }
    }
}
