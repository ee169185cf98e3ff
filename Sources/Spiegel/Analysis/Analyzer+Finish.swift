import Foundation

extension Analyzer {
    /// Computes every score, aggregate, change, response figure and reliability from the state so far.
    ///
    /// Does not change the analyzer: adding more forms and finishing again gives the result over all of them.
    func finish() -> AnalysisResult {
        let context = finishContext()
        let scored = scoredSubjects(context)
        // The steps below only read `scored`; the two run side by side (the aggregates share their cells out
        // over every core inside), each into its own part of the result, so the result does not depend on the schedule.
        let parts = FinishParts()
        let analyzer = self
        DispatchQueue.concurrentPerform(iterations: 2) { step in
            if step == 0 {
                let changes = analyzer.subjectChanges(scored, context)
                var aggregates = analyzer.aggregates(scored: scored, changes: changes, context)
                ResearchAggregateMarks(minimumGroupSize: analyzer.settings.minimumGroupSize).apply(to: &aggregates)
                parts.aggregates = aggregates
                parts.changes = changes.changes
            } else {
                if analyzer.includeItemGaps { parts.itemGaps = analyzer.itemGaps(scored, context) }
                parts.response = analyzer.response(scored, context)
                parts.reliability = analyzer.reliabilityResults(context, partnership: nil)
                parts.partnershipReliability = analyzer.partnershipReliability(context)
                if analyzer.includeItemScores { parts.itemScores = analyzer.itemScores(scored, context) }
                if analyzer.includeDetail { parts.comments = analyzer.subjectComments(scored, context) }
            }
        }

        let schoolScanRead = states.slots.contains { $0.scope == Self.scopeRank(.schools) }
        var result = AnalysisResult(
            settings: settings, waves: context.waves,
            supervisorAreas: layouts[Self.scopeRank(.supervisors)].areas,
            schoolScanAreas: schoolScanRead ? layouts[Self.scopeRank(.schools)].areas : [])
        result.subjectScores = scored.scores
        result.itemGaps = parts.itemGaps
        result.aggregates = parts.aggregates
        result.changes = parts.changes
        result.response = parts.response
        result.reliability = parts.reliability
        result.partnershipReliability = parts.partnershipReliability
        result.itemScores = parts.itemScores
        result.comments = parts.comments
        return result
    }

    /// Waves, ranks and partnerships: what every step of `finish()` needs to place and order things.
    func finishContext() -> FinishContext {
        // The earliest submission per wave id, to place waves the configuration does not name.
        var earliest = [Date](repeating: .distantFuture, count: waveNames.count)
        for slot in states.slots where slot.earliestSubmission < earliest[Int(slot.wave)] {
            earliest[Int(slot.wave)] = slot.earliestSubmission
        }
        let waves = waveNames.names.indices.filter { earliest[$0] < .distantFuture }.map { id -> Wave in
            let name = waveNames.names[id]
            if let wave = configuredWaves[name] { return wave }
            if let year = Self.schoolYear(named: name) { return year }
            return Wave(id: name, start: Day(dutchDayOf: earliest[id]), end: Day(dutchDayOf: earliest[id]))
        }.sorted()
        var waveRank = [Int32](repeating: .max, count: waveNames.count)
        for (rank, wave) in waves.enumerated() {
            if let id = waveNames.existingID(wave.id) { waveRank[Int(id)] = Int32(rank) }
        }

        let partnershipByName = Dictionary(
            registry.schools.map { ($0.id, $0.partnership) },
            uniquingKeysWith: { first, _ in first })
        var partnershipNames = NameTable()
        let partnershipOfSchool = schoolNames.names.map { school in
            partnershipByName[school].map { partnershipNames.id($0) } ?? -1
        }
        return FinishContext(
            waves: waves, waveRank: waveRank, schoolRank: schoolNames.ranks(),
            subjectRank: subjectNames.ranks(), partnershipOfSchool: partnershipOfSchool,
            partnershipNames: partnershipNames, partnershipRank: partnershipNames.ranks(),
            partnershipByName: partnershipByName)
    }

    /// The school year a default wave id such as `2025-2026` names.
    static func schoolYear(named id: String) -> Wave? {
        let parts = id.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let first = Int(parts[0]), Int(parts[1]) == first + 1 else { return nil }
        return Wave.schoolYear(containing: Day(year: first, month: 8, day: 1))
    }
}

/// The parts of a result that `finish()` computes in parallel; each is written by exactly one worker
/// and read only after all workers are done.
private final class FinishParts: @unchecked Sendable {
    var itemGaps: [ItemGap] = []
    var aggregates: [Aggregate] = []
    var changes: [SubjectChange] = []
    var response: [ResponseSummary] = []
    var reliability: [Reliability] = []
    var partnershipReliability: [Reliability] = []
    var itemScores: [SubjectItemScore] = []
    var comments: [SubjectComment] = []
}

/// What every step of `finish()` needs to place and order things; ids are the analyzer's ``NameTable`` ids.
struct FinishContext: Sendable {
    /// Waves with at least one form, by date.
    var waves: [Wave]
    /// Per wave id: its position in `waves`.
    var waveRank: [Int32]
    /// Per school id, subject id: the position of its name in String order.
    var schoolRank: [Int32]
    var subjectRank: [Int32]
    /// Per school id: the partnership id, −1 when the registry names none.
    var partnershipOfSchool: [Int32]
    var partnershipNames: NameTable
    var partnershipRank: [Int32]
    /// School id → partnership id, as Strings (the partnership of each school).
    var partnershipByName: [String: String]

    func partnership(ofSchool school: Int32) -> Int32 { school >= 0 ? partnershipOfSchool[Int(school)] : -1 }
    func schoolRank(_ school: Int32) -> Int32 { school >= 0 ? schoolRank[Int(school)] : -1 }
}
