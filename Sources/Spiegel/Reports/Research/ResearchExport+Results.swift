import Foundation

extension ResearchExport {
    /// `subject_scores.csv`: the wpbs' scores, in the analysis's order.
    ///
    /// The training-school scan has its own table (``writeSchoolScores(_:to:)``): sharing this one left its columns
    /// empty for the thousands of wpb rows written first, and DuckDB, typing a column from its first rows, read them as
    /// text (docs/research-data.md, "Changes in 3.0.0").
    func writeSubjectScores(_ result: AnalysisResult, pseudonyms: inout PseudonymTable, to table: ResearchTableWriter) throws {
        for score in result.subjectScores where score.scope == .supervisors {
            table.text(pseudonyms[score.subject])
            table.text(score.school)
            table.text(score.partnership.isEmpty ? nil : score.partnership)
            table.text(score.wave)
            table.text(score.area)
            for role in Role.supervisorRoles { table.number(score.roleScore(role)) }
            table.number(score.feedback)
            table.number(score.gap)
            table.text(score.category?.rawValue)
            for role in Role.splitRoles { table.number(score.roleGap(role)) }
            try table.endRow()
        }
    }

    /// `school_scores.csv`: the training-school scan per school, wave and condition. The school is its own subject,
    /// named by its registry id (schools are not pseudonymised).
    func writeSchoolScores(_ result: AnalysisResult, to table: ResearchTableWriter) throws {
        for score in result.subjectScores where score.scope == .schools {
            table.text(score.school)
            table.text(score.partnership.isEmpty ? nil : score.partnership)
            table.text(score.wave)
            table.text(score.area)
            for role in Role.scanRoles { table.number(score.roleScore(role)) }
            table.number(score.gap)
            table.text(score.category?.rawValue)
            try table.endRow()
        }
    }

    /// `subject_wide.csv`: one row per wpb and wave, the columns of ``ResearchSchema/wideTable`` in the order of
    /// `areas`. The analysis lists a subject's areas of one wave together, so a row is complete when the
    /// subject or the wave changes.
    func writeSubjectWide(
        _ result: AnalysisResult, areas: [CompetencyArea], pseudonyms: inout PseudonymTable, to table: ResearchTableWriter
    ) throws {
        let column = Dictionary(areas.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let codes = Dictionary(
            ResearchSchema.gapCategoryCodes.map { ($0.category, $0.code.value) }, uniquingKeysWith: { a, _ in a })
        var row = [SubjectScore?](repeating: nil, count: areas.count)
        var current: SubjectScore?
        func flush() throws {
            guard let first = current else { return }
            table.text(pseudonyms[first.subject])
            table.text(first.school)
            table.text(first.partnership.isEmpty ? nil : first.partnership)
            table.text(first.wave)
            for score in row {
                for measure in ResearchSchema.WideMeasure.allCases {
                    if measure == .gapCategory {
                        table.integer(score?.category.flatMap { codes[$0] })
                    } else {
                        table.number(measure.value(of: score))
                    }
                }
            }
            try table.endRow()
            row = [SubjectScore?](repeating: nil, count: areas.count)
        }
        for score in result.subjectScores where score.scope == .supervisors {
            if let first = current, first.subject != score.subject || first.wave != score.wave {
                try flush()
            }
            if current == nil || current?.subject != score.subject || current?.wave != score.wave { current = score }
            if let index = column[score.area] { row[index] = score }
        }
        try flush()
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
