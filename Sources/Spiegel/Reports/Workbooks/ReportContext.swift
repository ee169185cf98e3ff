import Foundation
import XLSXWriter

/// What every workbook looks up in the analysis result and the configuration, indexed once per run.
///
/// A class so that the hundreds of workbooks of a run share one index instead of each rebuilding it;
/// it never changes after `init`, so parallel workbook writers may read it at once.
final class ReportContext: Sendable {
    let result: AnalysisResult
    let configuration: PipelineConfiguration
    let runInfo: RunInfo
    private let aggregatesByKey: [AggregateKey: Aggregate]
    /// Where a wpb's scores, item gaps and comments stand in the result, by their identifier (personal workbooks):
    /// positions rather than copies, so the detail is held once and each workbook gathers only its own.
    private let scorePositions: [String: [Int32]]
    private let itemGapPositions: [String: [Int32]]
    private let commentPositions: [String: [Int32]]
    /// The roster entry per wpb.
    let rosterBySupervisor: [String: RosterEntry]
    /// What management teams may see: every number of a school workbook comes from here.
    let release: ReleasedView
    /// What tonight's alarm put under review: school workbooks say so instead of showing counts (``DataReview``).
    let review: DataReview
    /// Per partnership id (as the scores carry it): its wpbs with a score and its schools with data.
    let coverageByPartnership: [String: PartnershipCoverage]
    /// School-scan scores per partnership of their school in the registry, in the result's order.
    let schoolScanScoresByPartnership: [String: [SubjectScore]]
    /// The schools with a figure of their own in some wave of ``release`` (``SchoolSummary/hasOwnFigures``): one pass
    /// over the released rows per run, where asking each workbook would read every school's rows, many times over.
    let schoolsWithOwnFigures: Set<String>
    /// The schools with a subject score or a response line: the schools that get a workbook.
    let schoolsWithData: Set<String>
    /// The released response lines per school, in the released order.
    private let responseBySchool: [String: [ResponseSummary]]
    /// The name of every wave the result or the configuration knows, by id: asked for on nearly every row.
    private let waveNames: [String: String]

    /// Who and what a partnership's scores cover, for its overview sheet.
    struct PartnershipCoverage: Sendable {
        var supervisors: Set<String> = []
        var schools: Set<String> = []
    }

    struct AggregateKey: Hashable {
        var scope: AnalysisScope
        var level: AggregateLevel
        var unit: String
        var wave: String
        var area: String
        var measure: Measure
    }

    /// A wpb's supervisor scores, in the result's order.
    func scores(of supervisor: String) -> [SubjectScore] {
        (scorePositions[supervisor] ?? []).map { result.subjectScores[Int($0)] }
    }

    /// A wpb's item gaps, in the result's order.
    func itemGaps(of supervisor: String) -> [ItemGap] {
        (itemGapPositions[supervisor] ?? []).map { result.itemGaps[Int($0)] }
    }

    /// A wpb's comments, in the result's order.
    func comments(of supervisor: String) -> [SubjectComment] {
        (commentPositions[supervisor] ?? []).map { result.comments[Int($0)] }
    }

    /// The positions of `elements` per key, ascending; elements without a key are left out.
    private static func positions<Element>(_ elements: [Element], key: (Element) -> String?) -> [String: [Int32]] {
        var positions: [String: [Int32]] = [:]
        for (position, element) in elements.enumerated() {
            guard let key = key(element) else { continue }
            positions[key, default: []].append(Int32(position))
        }
        return positions
    }

    /// - Parameters:
    ///   - release: the night's released view (``DisclosureControl``, with the release ledger): every number of
    ///     an MT workbook comes from it, so there is no default that would forget the earlier nights' releases.
    ///   - indexingSupervisors: `false` skips the per-wpb indexes, which only personal workbooks read:
    ///     at ten years they are a copy of a million scores.
    init(
        result: AnalysisResult, configuration: PipelineConfiguration, runInfo: RunInfo, release: ReleasedView,
        review: DataReview = DataReview(), indexingSupervisors: Bool = true
    ) {
        self.result = result
        self.review = review
        self.configuration = configuration
        self.runInfo = runInfo
        var index: [AggregateKey: Aggregate] = [:]
        index.reserveCapacity(result.aggregates.count)
        for aggregate in result.aggregates {
            let key = AggregateKey(
                scope: aggregate.scope, level: aggregate.level, unit: aggregate.unit,
                wave: aggregate.wave, area: aggregate.area, measure: aggregate.measure)
            index[key] = aggregate
        }
        aggregatesByKey = index
        if indexingSupervisors {
            scorePositions = Self.positions(result.subjectScores) { $0.scope == .supervisors ? $0.subject : nil }
            itemGapPositions = Self.positions(result.itemGaps) { $0.subject }
            commentPositions = Self.positions(result.comments) { $0.subject }
        } else {
            (scorePositions, itemGapPositions, commentPositions) = ([:], [:], [:])
        }
        rosterBySupervisor = Dictionary(configuration.registry.roster.map { ($0.supervisor, $0) }) { first, _ in first }
        self.release = release
        // One pass over the scores instead of one per partnership workbook.
        var coverage: [String: PartnershipCoverage] = [:]
        var schoolScans: [String: [SubjectScore]] = [:]
        // A wpb's scores stand together (every area and wave), so most scores repeat the previous one's partnership,
        // school and wpb: those are compared, not hashed into the sets again.
        var previous: (partnership: String, school: String, supervisor: String)?
        for score in result.subjectScores {
            if score.scope == .supervisors, let last = previous, last.partnership == score.partnership,
                last.school == score.school, last.supervisor == score.subject
            {
                continue
            }
            coverage[score.partnership, default: .init()].schools.insert(score.school)
            if score.scope == .supervisors {
                coverage[score.partnership, default: .init()].supervisors.insert(score.subject)
                previous = (score.partnership, score.school, score.subject)
            } else if score.scope == .schools, let school = configuration.registry.school(score.school) {
                schoolScans[school.partnership, default: []].append(score)
            }
        }
        coverageByPartnership = coverage
        schoolScanScoresByPartnership = schoolScans
        schoolsWithData = coverage.values.reduce(into: Set(result.response.map(\.school))) { $0.formUnion($1.schools) }
        schoolsWithOwnFigures = Set(
            self.release.rows.lazy.filter { row in
                row.level == .school && (row.feedback.value != nil || row.selfScore.value != nil || row.shares.shares != nil)
            }.map(\.unit))
        responseBySchool = Dictionary(grouping: self.release.response, by: \.school)
        var names: [String: String] = [:]
        // The result's wave before the configuration's of the same id, as ``waveName(_:)`` looks them up.
        for wave in result.waves + configuration.waves where names[wave.id] == nil { names[wave.id] = wave.displayName }
        waveNames = names
    }

    /// A school's released response lines, in the released order (every wave with forms of the school).
    func response(of school: String) -> [ResponseSummary] {
        responseBySchool[school] ?? []
    }

    var threshold: Double { result.settings.gapThreshold }
    var minimumGroupSize: Int { result.settings.minimumGroupSize }

    func aggregate(
        _ level: AggregateLevel, _ unit: String, wave: String, area: String, _ measure: Measure,
        scope: AnalysisScope = .supervisors
    ) -> Aggregate? {
        aggregatesByKey[AggregateKey(scope: scope, level: level, unit: unit, wave: wave, area: area, measure: measure)]
    }

    /// The self-scan's scale, which the wpb charts and colour scales use; 1–7 when no self-scan is configured.
    var supervisorScale: Instrument.Scale {
        scale(of: .supervisor) ?? Instrument.Scale(minimum: 1, maximum: 7)
    }

    var schoolScanScale: Instrument.Scale {
        scale(of: .school) ?? Instrument.Scale(minimum: 1, maximum: 7)
    }

    private func scale(of kind: SubjectKind) -> Instrument.Scale? {
        let candidates = configuration.instruments.values.filter { $0.subjectKind == kind }.sorted { $0.id < $1.id }
        return (candidates.first { $0.roles.contains(.selfAssessment) } ?? candidates.first)?.scale
    }

    func schools(in partnership: String) -> [School] {
        configuration.registry.schools.filter { $0.partnership == partnership }
    }

    func schoolName(_ id: String) -> String {
        configuration.registry.school(id)?.name ?? id
    }

    func instrumentTitle(_ id: String) -> String {
        configuration.instruments[id]?.title ?? id
    }

    func areaName(_ id: String) -> String {
        (result.supervisorAreas + result.schoolScanAreas).first { $0.id == id }?.name
            ?? configuration.instruments.values.lazy.flatMap(\.areas).first { $0.id == id }?.name ?? id
    }

    /// The text of a scored item or open question, found in any instrument.
    func itemText(_ id: String) -> String? {
        for instrument in configuration.instruments.values.sorted(by: { $0.id < $1.id }) {
            if let item = instrument.items.first(where: { $0.id == id }) { return item.text }
            if let question = instrument.openQuestions.first(where: { $0.id == id }) { return question.text }
        }
        return nil
    }

    /// The rule every report prints, e.g. "verschil zelfbeeld − feedback ≥ +1,0: overschatting (blinde vlek); …".
    var gapRule: String {
        let t = Dutch.number(threshold)
        return "verschil zelfbeeld − feedback ≥ +\(t): overschatting (blinde vlek); ≤ −\(t): onderschatting "
            + "(verborgen kracht); daartussen: in overeenstemming"
    }

    var suppressionRule: String {
        "Cijfers over minder dan \(minimumGroupSize) personen worden in de MT-werkboeken onderdrukt, en ook cijfers "
            + "waaruit samen met andere getoonde cijfers (het partnerschap, een ander meetmoment, een andere nacht, "
            + "een ander schoolwerkboek) een groep van minder dan \(minimumGroupSize) personen te herleiden is. "
            + "Zelfbeeld, feedback en hun verschil gaan over dezelfde wpb's: die met zowel een zelfscan als feedback. "
            + "Een meetmoment verschijnt pas als het is afgesloten."
    }

    /// The name a reader sees for a wave: its configured label, or one derived from its id ("Najaar 2025–2026").
    func waveName(_ id: String) -> String {
        waveNames[id] ?? Wave.derivedName(id)
    }

    /// A wave's name with its days, e.g. "Najaar 2025–2026 (1 augustus 2025 t/m 31 januari 2026)".
    func waveNameWithDays(_ wave: Wave) -> String {
        "\(waveName(wave.id)) (\(Dutch.date(wave.start)) t/m \(Dutch.date(wave.end)))"
    }

    /// The day of the latest submission the run used, e.g. "16 juni 2026": never the run's own
    /// date, which would make identical inputs give different files.
    func dataUpToText() -> String { Dutch.date(runInfo.runDate) }
}

/// Dutch renderings of numbers and dates for texts (cells hold real numbers).
enum Dutch {
    static func number(_ value: Double, decimals: Int = 1) -> String {
        String(format: "%.\(decimals)f", value).replacingOccurrences(of: ".", with: ",")
    }

    static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: PipelineConfiguration.Defaults.timeZone) ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let month = months[max(0, min(11, (parts.month ?? 1) - 1))]
        return "\(parts.day ?? 1) \(month) \(parts.year ?? 1970)"
    }

    /// "1 augustus 2025".
    static func date(_ day: Day) -> String {
        "\(day.day) \(months[max(0, min(11, day.month - 1))]) \(day.year)"
    }

    static let months = [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
        "oktober", "november", "december",
    ]

    /// A signed number for a sentence: "+0,4", "−0,3", or "0,0" when it rounds to zero.
    static func signed(_ value: Double) -> String {
        let text = number(abs(value))
        if text == number(0) { return text }
        return (value > 0 ? "+" : "−") + text
    }

    /// "onderdrukt (n < 3)": what an MT reader sees instead of a number.
    static func suppressed(_ suppression: Suppression) -> String {
        switch suppression {
        case let .smallGroup(_, minimum): "onderdrukt (n < \(minimum))"
        }
    }
}
