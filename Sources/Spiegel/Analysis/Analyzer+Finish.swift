import Foundation

extension Analyzer {
    /// Computes every score, aggregate, change, response figure and reliability from the state so far.
    ///
    /// Does not change the analyzer: adding more forms and finishing again gives the result over all of them.
    public func finish() -> AnalysisResult {
        let waves = wavesWithData()
        let waveRank = Dictionary(uniqueKeysWithValues: waves.enumerated().map { ($0.element.id, $0.offset) })
        let partnershipOfSchool = Dictionary(registry.schools.map { ($0.id, $0.partnership) },
                                             uniquingKeysWith: { first, _ in first })
        let context = FinishContext(waves: waves, waveRank: waveRank, partnershipOfSchool: partnershipOfSchool)

        let scored = scoredSubjects(context)
        // The steps below only read `scored`; they run on both cores, each into its own part of the
        // result, so the result does not depend on the schedule.
        let parts = FinishParts()
        let analyzer = self
        DispatchQueue.concurrentPerform(iterations: 2) { step in
            if step == 0 {
                let changes = analyzer.subjectChanges(scored, context)
                var aggregates = analyzer.aggregates(scored: scored, changes: changes, context)
                SmallGroupSuppression(minimumGroupSize: analyzer.settings.minimumGroupSize,
                                      partnershipOfSchool: partnershipOfSchool).apply(to: &aggregates)
                parts.aggregates = aggregates
                parts.changes = changes.map(\.change)
            } else {
                parts.subjectScores = Self.subjectScores(of: scored)
                if analyzer.includeItemGaps { parts.itemGaps = analyzer.itemGaps(scored) }
                parts.response = analyzer.response(scored, context)
                parts.reliability = analyzer.reliabilityResults(context)
                if analyzer.includeDetail {
                    parts.itemScores = analyzer.itemScores(scored)
                    parts.comments = analyzer.subjectComments(scored)
                }
            }
        }

        let schoolScanRead = subjects.keys.contains { $0.scope == .schools }
        var result = AnalysisResult(
            settings: settings, waves: waves,
            supervisorAreas: layouts[.supervisors]?.areas ?? [],
            schoolScanAreas: schoolScanRead ? layouts[.schools]?.areas ?? [] : [])
        result.subjectScores = parts.subjectScores
        result.itemGaps = parts.itemGaps
        result.aggregates = parts.aggregates
        result.changes = parts.changes
        result.response = parts.response
        result.reliability = parts.reliability
        result.itemScores = parts.itemScores
        result.comments = parts.comments
        return result
    }

    /// Every subject score in `scored` order, areas in layout order; sized once instead of grown.
    static func subjectScores(of scored: [ScoredSubject]) -> [SubjectScore] {
        var result: [SubjectScore] = []
        result.reserveCapacity(scored.reduce(0) { $0 + $1.scores.count })
        for subject in scored {
            for case let score? in subject.scores { result.append(score) }
        }
        return result
    }

    /// Waves with at least one form, by date. Waves the configuration does not name are school years
    /// (`2025-2026`) or, failing that, start on their earliest submission.
    func wavesWithData() -> [Wave] {
        // The earliest submission per wave id, to place waves the configuration does not name.
        var earliestSubmission: [String: Date] = [:]
        for (key, state) in subjects {
            guard let date = state.earliestSubmission else { continue }
            if earliestSubmission[key.wave].map({ date < $0 }) ?? true { earliestSubmission[key.wave] = date }
        }
        return earliestSubmission.keys.map { id in
            if let wave = configuredWaves[id] { return wave }
            if let year = Self.schoolYear(named: id) { return year }
            let day = earliestSubmission[id].map(Self.dutchDay(of:)) ?? Day(year: 1, month: 1, day: 1)
            return Wave(id: id, start: day, end: day)
        }.sorted()
    }

    /// The school year a default wave id such as `2025-2026` names.
    static func schoolYear(named id: String) -> Wave? {
        let parts = id.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let first = Int(parts[0]), Int(parts[1]) == first + 1 else { return nil }
        return Wave.schoolYear(containing: Day(year: first, month: 8, day: 1))
    }

    static func dutchDay(of date: Date) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: PipelineConfiguration.Defaults.timeZone) ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return Day(year: parts.year ?? 1, month: parts.month ?? 1, day: parts.day ?? 1)
    }
}

/// The parts of a result that `finish()` computes in parallel; each is written by exactly one worker
/// and read only after all workers are done.
private final class FinishParts: @unchecked Sendable {
    var subjectScores: [SubjectScore] = []
    var itemGaps: [ItemGap] = []
    var aggregates: [Aggregate] = []
    var changes: [SubjectChange] = []
    var response: [ResponseSummary] = []
    var reliability: [Reliability] = []
    var itemScores: [SubjectItemScore] = []
    var comments: [SubjectComment] = []
}

/// What every step of `finish()` needs to place and order things.
struct FinishContext {
    var waves: [Wave]
    var waveRank: [String: Int]
    var partnershipOfSchool: [String: String]

    func rank(_ wave: String) -> Int { waveRank[wave] ?? Int.max }
}

/// One subject in one wave with its scores per layout area (`nil` where no role has a score).
///
/// A class: `finish()` sorts and walks these many times, and copying the struct would copy every field.
final class ScoredSubject: Sendable {
    let key: SubjectKey
    let school: String
    let partnership: String?
    /// The wave's position by date, for sorting.
    let waveRank: Int
    let state: SubjectAccumulator
    let scores: [SubjectScore?]
    /// Integer stand-ins for the Strings that order and group subjects.
    let order: SubjectOrder

    init(key: SubjectKey, school: String, partnership: String?, waveRank: Int, state: SubjectAccumulator,
         scores: [SubjectScore?], order: SubjectOrder) {
        self.order = order
        self.key = key
        self.school = school
        self.partnership = partnership
        self.waveRank = waveRank
        self.state = state
        self.scores = scores
    }
}

/// A subject's scope, school, subject and partnership as ranks: each String's position in String order.
struct SubjectOrder: Sendable {
    var scope: Int
    var school: Int
    var subject: Int
    var partnership: Int?
}

/// A change with what aggregating it needs.
struct ScoredChange {
    var scope: AnalysisScope
    var areaIndex: Int
    var partnership: String?
    /// The later wave's subject order and wave rank, for grouping.
    var order: SubjectOrder
    var waveRank: Int
    var change: SubjectChange
}
