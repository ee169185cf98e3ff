import Foundation

extension Analyzer {
    /// Later − earlier per (subject, area) between consecutive waves with data in the scope, for subjects
    /// present in both (docs/analysis.md §11). A subject skipping a wave has no change across the gap.
    func subjectChanges(_ scored: ScoredSubjects, _ context: FinishContext) -> ScoredChanges {
        // (scope, subject, wave rank) → position, packed into one integer key.
        func key(scope: Int, subject: Int32, waveRank: Int32) -> UInt64 {
            UInt64(scope) << 62 | UInt64(UInt32(bitPattern: subject)) << 24 | UInt64(UInt32(bitPattern: waveRank) & 0xFF_FFFF)
        }
        var positionOf: [UInt64: Int32] = [:]
        positionOf.reserveCapacity(scored.count)
        for position in 0..<scored.count {
            let slot = states[Int(scored.slots[position])]
            positionOf[key(scope: slot.scope, subject: slot.subject, waveRank: scored.waveRank[position])] = Int32(position)
        }
        var changes = ScoredChanges()
        for (scopeIndex, layout) in layouts.enumerated() {
            let waves = scored.waveRanksWithData[scopeIndex]
            // Per later wave's rank: the wave before it with data in the scope.
            var previous: [Int32: Int32] = [:]
            for (earlier, later) in zip(waves, waves.dropFirst()) { previous[later] = earlier }
            // `scored` is in school, subject, wave order, so the changes come out in that order too.
            for position in 0..<scored.count {
                let slot = states[Int(scored.slots[position])]
                guard slot.scope == scopeIndex, let from = previous[scored.waveRank[position]],
                    let earlier = positionOf[key(scope: scopeIndex, subject: slot.subject, waveRank: from)]
                else { continue }
                let earlierSlot = states[Int(scored.slots[Int(earlier)])]
                for area in layout.areas.indices {
                    let before = scored.score(at: Int(earlier), area: area), after = scored.score(at: position, area: area)
                    let selfChange = Self.difference(after?.selfScore, before?.selfScore)
                    let feedbackChange = Self.difference(after?.feedback, before?.feedback)
                    guard selfChange != nil || feedbackChange != nil else { continue }
                    let school = scored.school[position]
                    changes.changes.append(
                        SubjectChange(
                            subject: subjectNames[slot.subject], school: school >= 0 ? schoolNames[school] : "",
                            area: layout.areas[area].id, fromWave: waveNames[earlierSlot.wave],
                            toWave: waveNames[slot.wave], selfChange: selfChange,
                            feedbackChange: feedbackChange, scope: layout.scope))
                    changes.areaIndex.append(Int32(area))
                    changes.position.append(Int32(position))
                }
            }
        }
        return changes
    }

    /// Aggregates per (scope, level, unit, wave, area, measure) in that order (docs/analysis.md §8, §11).
    ///
    /// Every unit with a subject in a wave gets a cell for every area and measure of its scope, with
    /// `statistics == nil` where no subject has a value. The training-school scan is aggregated per
    /// partnership only: per school it would be one subject. Change cells sit in the later wave.
    ///
    /// The values of all cells share one array, laid out by a counting pass before a filling pass, so
    /// there is no growing array per cell; within a cell they keep the order subjects come in, which
    /// fixes the floating-point sums.
    func aggregates(scored: ScoredSubjects, changes: ScoredChanges, _ context: FinishContext) -> [Aggregate] {
        let slots = MeasureSlots()
        var groups = AggregateGroups(layouts: layouts, measureCount: slots.count)
        let positions = groupPositions(scored, context, into: &groups)
        let (values, starts) = layOutValues(scored, changes, slots: slots, groups: groups, positions: positions)
        // The statistics of a cell need only its values: the groups are shared out over the machine's cores
        // in contiguous parts of the report order, and joined in that order.
        let order = groups.inReportOrder()
        let parts = Machine.contiguousParts(of: order.count, into: parallelParts).map { order[$0] }
        let cells = AggregateCells(
            groups: groups, values: values, starts: starts, measureSlot: slots.measureSlot,
            waveRanksPerScope: scored.waveRanksWithData)
        let analyzer = self
        return concurrentMap(count: parts.count) { part in analyzer.aggregates(of: parts[part], cells, context) }
            .flatMap { $0 }
    }

    /// Where each measure's cell sits among an area's cells (``Measure/allCases`` order).
    private struct MeasureSlots {
        let measureSlot: [Measure: Int]
        let count: Int
        let roles: [Int]
        let feedback: Int, gap: Int, changeSelf: Int, changeFeedback: Int
        let roleGaps: [(role: Role, slot: Int)]

        init() {
            let measures = Measure.allCases
            count = measures.count
            measureSlot = Dictionary(uniqueKeysWithValues: measures.enumerated().map { ($0.element, $0.offset) })
            roles = Role.allCases.map { [measureSlot] in measureSlot[Measure.score(of: $0)] ?? 0 }
            feedback = measureSlot[.feedback] ?? 0
            gap = measureSlot[.gap] ?? 0
            roleGaps = Role.splitRoles.map { [measureSlot] in (role: $0, slot: measureSlot[.roleGap($0)] ?? 0) }
            changeSelf = measureSlot[.changeSelf] ?? 0
            changeFeedback = measureSlot[.changeFeedback] ?? 0
        }
    }

    /// Per position of `scored`, its school's group and its partnership's group in `groups` (−1 for none): one group
    /// per (scope, level, unit, wave).
    private func groupPositions(
        _ scored: ScoredSubjects, _ context: FinishContext, into groups: inout AggregateGroups
    ) -> (school: [Int32], partnership: [Int32]) {
        var schoolGroup = [Int32](repeating: -1, count: scored.count)
        var partnershipGroup = [Int32](repeating: -1, count: scored.count)
        let supervisors = Self.scopeRank(.supervisors)
        for position in 0..<scored.count {
            let scope = states[Int(scored.slots[position])].scope
            let wave = scored.waveRank[position]
            if scope == supervisors {
                let school = scored.school[position]
                schoolGroup[position] = groups.group(
                    scope: scope, level: 0, unitRank: context.schoolRank(school), unit: school, wave: wave)
            }
            let partnership = context.partnership(ofSchool: scored.school[position])
            if partnership >= 0 {
                partnershipGroup[position] = groups.group(
                    scope: scope, level: 1, unitRank: context.partnershipRank[Int(partnership)], unit: partnership,
                    wave: wave)
            }
        }
        return (schoolGroup, partnershipGroup)
    }

    /// Every value in one array, each cell's together (cell c at `starts[c] ..< starts[c + 1]`): a counting pass, then
    /// a filling pass.
    private func layOutValues(
        _ scored: ScoredSubjects, _ changes: ScoredChanges, slots: MeasureSlots, groups: AggregateGroups,
        positions: (school: [Int32], partnership: [Int32])
    ) -> (values: [Double], starts: [Int32]) {
        var counts = [Int32](repeating: 0, count: groups.cellCount + 1)
        forEachValue(scored, changes, slots) { position, cell, _ in
            let school = positions.school[position], partnership = positions.partnership[position]
            if school >= 0 { counts[groups.cellBase[Int(school)] + cell + 1] += 1 }
            if partnership >= 0 { counts[groups.cellBase[Int(partnership)] + cell + 1] += 1 }
        }
        for index in 1..<counts.count { counts[index] += counts[index - 1] }
        var next = counts
        var values = [Double](repeating: 0, count: Int(counts.last ?? 0))
        forEachValue(scored, changes, slots) { position, cell, value in
            let school = positions.school[position], partnership = positions.partnership[position]
            if school >= 0 {
                let at = groups.cellBase[Int(school)] + cell
                values[Int(next[at])] = value
                next[at] += 1
            }
            if partnership >= 0 {
                let at = groups.cellBase[Int(partnership)] + cell
                values[Int(next[at])] = value
                next[at] += 1
            }
        }
        return (values, counts)
    }

    /// Every value with its cell, in the order the values count: subjects in `scored` order, then changes.
    private func forEachValue(
        _ scored: ScoredSubjects, _ changes: ScoredChanges, _ slots: MeasureSlots,
        _ body: (_ position: Int, _ cell: Int, _ value: Double) -> Void
    ) {
        for position in 0..<scored.count {
            let base = Int(scored.areaBase[position])
            let areaCount = layouts[states[Int(scored.slots[position])].scope].areas.count
            for area in 0..<areaCount {
                let index = scored.scoreIndex[base + area]
                guard index >= 0 else { continue }
                let score = scored.scores[Int(index)]
                let cell = area * slots.count
                for role in Role.allCases {
                    if let value = score.roleScoreValues[role] { body(position, cell + slots.roles[role.position], value) }
                }
                if let value = score.feedback { body(position, cell + slots.feedback, value) }
                if let value = score.gap { body(position, cell + slots.gap, value) }
                for (role, slot) in slots.roleGaps {
                    if let value = score.roleGapValues[role] { body(position, cell + slot, value) }
                }
            }
        }
        for (index, change) in changes.changes.enumerated() {
            let cell = Int(changes.areaIndex[index]) * slots.count, position = Int(changes.position[index])
            if let value = change.selfChange { body(position, cell + slots.changeSelf, value) }
            if let value = change.feedbackChange { body(position, cell + slots.changeFeedback, value) }
        }
    }

    /// The aggregates of `groupsInOrder`, each group's areas in layout order and measures in ``Measure`` order.
    private func aggregates(of groupsInOrder: ArraySlice<Int>, _ cells: AggregateCells, _ context: FinishContext) -> [Aggregate] {
        let measureCount = Measure.allCases.count
        var aggregates: [Aggregate] = []
        for group in groupsInOrder {
            let key = cells.groups.keys[group]
            let layout = layouts[key.scope]
            let waveIndex = cells.waveRanksPerScope[key.scope].firstIndex(of: key.wave) ?? 0
            let unit = key.level == 0 ? schoolNames[key.unit] : context.partnershipNames[key.unit]
            let level: AggregateLevel = key.level == 0 ? .school : .partnership
            let wave = context.waves[Int(key.wave)].id
            let shown = layout.scoreMeasures + (waveIndex > 0 ? [.changeSelf, .changeFeedback] : [])
            for (area, areaInfo) in layout.areas.enumerated() {
                for measure in shown {
                    let cell = cells.groups.cellBase[group] + area * measureCount + (cells.measureSlot[measure] ?? 0)
                    let cellValues = cells.values[Int(cells.starts[cell])..<Int(cells.starts[cell + 1])]
                    aggregates.append(
                        Aggregate(
                            scope: layout.scope, level: level, unit: unit, wave: wave, area: areaInfo.id, measure: measure,
                            statistics: Statistics(values: cellValues),
                            shares: measure.isGap ? GapShares(gaps: cellValues, threshold: settings.gapThreshold) : nil))
                }
            }
        }
        return aggregates
    }
}

/// Every aggregate cell's values, laid out by group: cell *c* holds `values[starts[c] ..< starts[c + 1]]`.
private struct AggregateCells: Sendable {
    let groups: AggregateGroups
    let values: [Double]
    let starts: [Int32]
    let measureSlot: [Measure: Int]
    /// Per scope: the ranks of the waves with data, in date order.
    let waveRanksPerScope: [[Int32]]
}

/// The changes with what aggregating them needs, in parallel columns: the result takes ``changes`` as it is,
/// without a copy (at ten years they are over a million).
struct ScoredChanges: Sendable {
    var changes: [SubjectChange] = []
    /// Per change: its area's position in the scope's layout.
    var areaIndex: [Int32] = []
    /// Per change: the later wave's position in ``ScoredSubjects``.
    var position: [Int32] = []
}

/// The aggregate groups of one analysis: (scope, level, unit, wave), each with a block of cells (area × measure).
struct AggregateGroups: Sendable {
    struct Key: Sendable {
        var scope: Int
        /// 0 school, 1 partnership (``AggregateLevel/allCases`` order).
        var level: Int
        var unitRank: Int32
        /// A school id or a partnership id.
        var unit: Int32
        var wave: Int32
    }

    let layouts: [ScopeLayout]
    let measureCount: Int
    private(set) var keys: [Key] = []
    /// Per group: the index of its first cell.
    private(set) var cellBase: [Int] = []
    private(set) var cellCount = 0
    private var index: [Key.Packed: Int32] = [:]

    init(layouts: [ScopeLayout], measureCount: Int) {
        self.layouts = layouts
        self.measureCount = measureCount
    }

    /// The group's number, created when new.
    mutating func group(scope: Int, level: Int, unitRank: Int32, unit: Int32, wave: Int32) -> Int32 {
        let key = Key(scope: scope, level: level, unitRank: unitRank, unit: unit, wave: wave)
        if let found = index[key.packed] { return found }
        let number = Int32(keys.count)
        keys.append(key)
        cellBase.append(cellCount)
        cellCount += layouts[scope].areas.count * measureCount
        index[key.packed] = number
        return number
    }

    /// Group numbers by scope, level, unit (by name) and wave (by date): the order aggregates are reported in.
    func inReportOrder() -> [Int] {
        keys.indices.sorted { keys[$0].packed < keys[$1].packed }
    }
}

extension AggregateGroups.Key {
    /// Scope, level, unit rank and wave rank in one comparable, hashable value.
    struct Packed: Hashable, Comparable, Sendable {
        var high: UInt64
        var wave: Int32
        static func < (a: Packed, b: Packed) -> Bool { (a.high, a.wave) < (b.high, b.wave) }
    }

    var packed: Packed {
        Packed(high: UInt64(scope) << 40 | UInt64(level) << 32 | UInt64(UInt32(bitPattern: unitRank)), wave: wave)
    }
}
