/// Decides every number a management team or the public may see (docs/analysis.md, "Disclosure"): the only
/// code that does. Writers of MT workbooks and public tables render its ``ReleasedView`` and nothing else.
///
/// The property it keeps: no linear combination of the released numbers (with their n) isolates fewer than
/// *k* wpbs, also across waves, nights, any set of MT workbooks and the public tables together. How:
///
/// - only waves that have closed, and a closed wave's first release is final: later nights render it from the
///   ``ReleaseLedger``, so late, withdrawn or resubmitted forms never move it (``reRelease`` is the
///   coordinator's explicit exception);
/// - one population per school × wave × area for self-image, feedback, gap and shares: the wpbs with both a
///   self-scan and feedback;
/// - every released population of a school, wave and area (the row, each role, the single-role groups the
///   roles imply, the panels of the changes into and out of the wave, every earlier release of the wave)
///   differs from every other by 0 or at least *k* wpbs (``PopulationFamily``);
/// - shares only when no category holds all members or all but one;
/// - a benchmark only as the sum of released school figures, over at least ``DisclosureRules/minimumSchools``;
/// - and before anything is rendered the independent ``DisclosureAuditor`` checks tonight's new figures
///   against the ledger.
struct DisclosureControl: Sendable {
    var rules: DisclosureRules
    /// What earlier nights released; `nil` when nothing was (a first release).
    var ledger: ReleaseLedger?
    /// How wpbs are named in the ledger.
    var memberIDs: LedgerMemberIDs
    /// Closed waves to release afresh tonight although the ledger holds them (the coordinator's correction).
    var reRelease: Set<String>
    /// Whether the auditor runs; `false` only in tests that show what it catches, and under
    /// ``DisclosureRules/unprotected(asOf:)`` (no layer at all).
    var audits: Bool

    init(
        rules: DisclosureRules, ledger: ReleaseLedger? = nil, memberIDs: LedgerMemberIDs = LedgerMemberIDs(salt: "unkeyed"),
        reRelease: Set<String> = [], audits: Bool? = nil
    ) {
        self.rules = rules
        self.ledger = ledger
        self.memberIDs = memberIDs
        self.reRelease = reRelease
        self.audits = audits ?? rules.sharedRowPopulation
    }

    /// The released view of `result`'s wpb figures, with the ledger to keep for the next night.
    func release(_ result: AnalysisResult) -> ReleasedView {
        let data = ReleaseData(result, memberIDs: memberIDs)
        var ledger = self.ledger ?? ReleaseLedger(keyFingerprint: memberIDs.fingerprint, outputFolder: "")
        var figures = WaveFigures()
        var fresh: [WaveRelease] = []
        var frozen: [String] = []
        let auditor = DisclosureAuditor(minimumGroupSize: rules.minimumGroupSize)
        // Built at the first wave released afresh: a night that only renders frozen waves audits nothing.
        var audited: DisclosureAuditor.LedgerIndex? = nil
        // Which releases hold changes out of which wave, likewise built once and extended.
        var changeSources: ChangeSources? = nil
        for wave in data.releaseWaves {
            let earlier = data.wpbWave(before: wave)
            if !isReleased(wave) {
                figures.add(openFigures(wave, earlier: earlier, data))
            } else if rules.freezesReleasedWaves, !reRelease.contains(wave.id), let release = ledger.current(wave.id) {
                frozen.append(wave.id)
                var kept = Self.figures(of: release)
                if rules.minimumGroupSize > release.minimumGroupSize {
                    // A larger k withdraws what it would not have released; withholding reveals nothing new.
                    kept = Self.withholdingItemsOfHiddenRows(
                        enforce(withdrawingSmallGroups(kept), wave: wave, earlier: earlier, tonight: figures, ledger: nil))
                }
                figures.add(markLateForms(kept, freshGaps: freshGaps(wave, data)))
            } else {
                let sources = changeSources.take() ?? ChangeSources(ledger.releases)
                var candidate = enforce(
                    freshFigures(wave, earlier: earlier, data), wave: wave, earlier: earlier, tonight: figures,
                    ledger: sources)
                // Items follow their rows as decided; scan figures are checked against earlier releases of the wave.
                candidate.items = freshItems(candidate.rows, data)
                candidate.scan = enforceScan(freshScan(wave, data), wave: wave, ledger: ledger)
                var release = Self.release(
                    candidate, wave: wave.id, from: earlier?.id ?? "", day: rules.asOf, k: rules.minimumGroupSize)
                if audits {
                    // The index takes the release over: the auditor and the item rule withhold in it, in place.
                    var index = audited.take() ?? DisclosureAuditor.LedgerIndex(ledger.releases)
                    _ = auditor.audit(appending: release, to: &index)
                    index.withhold(Self.itemsOfHiddenRows(index.releases[index.count - 1]))
                    release = index.releases[index.count - 1]
                    audited = index
                } else {
                    release = Self.withholdingItemsOfHiddenRows(release)
                }
                fresh.append(release)
                ledger.releases.append(release)
                changeSources = sources
                changeSources?.append(release)
                figures.add(Self.figures(of: release))
            }
        }
        var view = render(figures, data, result: result)
        if audits {
            view = auditor.auditBenchmarks(
                view, partnershipOfSchool: data.partnershipOfSchool, minimumSchools: rules.minimumSchools)
        }
        view.ledger = ledger
        view.frozenWaves = frozen
        view.releasedTonight = fresh.map(\.wave)
        view.auditWithheld += fresh.flatMap(\.figures).filter { if case .auditFailed = $0.withheld { true } else { false } }.count
        return view
    }

    /// Feedback roles shown per row (the wpb instruments' roles besides self).
    static let splitRoles = Role.splitRoles

    func isReleased(_ wave: Wave) -> Bool { !rules.closedWavesOnly || wave.end < rules.asOf }
}

// MARK: - Figures

extension DisclosureControl {
    struct CellKey: Hashable { var unit: String, wave: String, area: String }

    /// One figure before it is rendered: who is behind it, its values when shown, or why it is withheld.
    struct Figure: Equatable {
        /// Sorted ledger ids; kept also when withheld (the auditor needs a row's role structure).
        var members: [UInt64] = []
        /// Means hold `[mean]`; shares hold the counts per ``GapCategory`` in `allCases` order.
        var values: [Double] = []
        var withheld: WithholdingReason? = nil
        /// Shown from the ledger although tonight's data differ (forms arrived after the release).
        var held = false
        /// Subjects behind it, when `members` is not known (benchmarks).
        var count: Int? = nil

        static let noData = Figure()
        static let selfScore = "self", feedback = "feedback", gap = "gap", shares = "shares"
        static let selfChange = "change_self", feedbackChange = "change_feedback"
        static func role(_ role: Role) -> String { role.rawValue }
        /// The name of an item figure: `Z07/self`, `Z07/feedback`, `Z07/shares`.
        static func item(_ item: String, _ measure: String) -> String { "\(item)/\(measure)" }
        /// Item and measure of an item figure's name.
        static func itemParts(_ name: String) -> (item: String, measure: String)? {
            guard let slash = name.lastIndex(of: "/") else { return nil }
            return (String(name[..<slash]), String(name[name.index(after: slash)...]))
        }

        var n: Int { count ?? members.count }
        var isShown: Bool { withheld == nil && !values.isEmpty }
        var shownMembers: [UInt64]? { isShown ? members : nil }

        func withholding(_ reason: WithholdingReason) -> Figure {
            guard n > 0 || withheld != nil || isShown else { return self }
            return Figure(members: members, values: [], withheld: withheld ?? reason, count: count)
        }
    }

    /// The figures of one row (or change) by name (``FigureSet``).
    typealias Figures = FigureSet

    /// School rows and changes (by the later wave) of the waves handled so far.
    struct WaveFigures {
        var rows: [CellKey: Figures] = [:]
        var changes: [CellKey: Figures] = [:]
        /// Per school × wave × area, the figures of the area's mirrored items (``Figure/item(_:_:)``).
        var items: [CellKey: Figures] = [:]
        /// Per school × wave × scan condition, the team's and the IO's figures (by role).
        var scan: [CellKey: Figures] = [:]

        mutating func add(_ other: WaveFigures) {
            rows.merge(other.rows) { $1 }
            changes.merge(other.changes) { $1 }
            items.merge(other.items) { $1 }
            scan.merge(other.scan) { $1 }
        }
    }

    /// A mean over `pairs` (member, value), or why it is withheld.
    func meanFigure(_ pairs: [(UInt64, Double)], reason: WithholdingReason?) -> Figure {
        guard !pairs.isEmpty else { return .noData }
        let members = pairs.map(\.0).sorted()
        if let reason { return Figure(members: members, withheld: reason) }
        if pairs.count < rules.minimumGroupSize {
            return Figure(members: members, withheld: .smallGroup(n: pairs.count, minimum: rules.minimumGroupSize))
        }
        let mean = pairs.reduce(0) { $0 + $1.1 } / Double(pairs.count)
        return Figure(members: members, values: [mean])
    }

    /// Category counts over `pairs`, withheld for `reason`, a small group, or one category holding all but one.
    func sharesFigure(_ pairs: [(UInt64, GapCategory)], reason: WithholdingReason?) -> Figure {
        let n = pairs.count
        guard n > 0 else { return .noData }
        let members = pairs.map(\.0).sorted()
        if let reason { return Figure(members: members, withheld: reason) }
        if n < rules.minimumGroupSize {
            return Figure(members: members, withheld: .smallGroup(n: n, minimum: rules.minimumGroupSize))
        }
        let counts = GapCategory.allCases.map { category in Double(pairs.filter { $0.1 == category }.count) }
        if rules.dominanceCheck, (counts.max() ?? 0) >= Double(n - 1) {
            return Figure(members: members, withheld: .dominantCategory)
        }
        return Figure(members: members, values: counts)
    }

    /// Tonight's figures of `wave` from the data, before the population checks.
    func freshFigures(_ wave: Wave, earlier: Wave?, _ data: ReleaseData, reason: WithholdingReason? = nil) -> WaveFigures {
        var figures = WaveFigures()
        for school in data.schools {
            for area in data.areas {
                let key = CellKey(unit: school, wave: wave.id, area: area.id)
                guard let scores = data.scores(key) else { continue }
                figures.rows[key] = freshRow(scores, data, reason: reason)
                if let earlier {
                    figures.changes[key] = freshChange(from: earlier, after: scores, data, reason: reason)
                }
            }
        }
        return figures
    }

    /// An open wave: every figure withheld, with its n.
    func openFigures(_ wave: Wave, earlier: Wave?, _ data: ReleaseData) -> WaveFigures {
        var figures = freshFigures(wave, earlier: earlier, data, reason: .waveOpen(closes: wave.end))
        figures.items = freshItems(figures.rows, data)
        figures.scan = freshScan(wave, data, reason: .waveOpen(closes: wave.end))
        return figures
    }

    private func freshRow(_ scores: [ReleaseData.ScoreRef], _ data: ReleaseData, reason: WithholdingReason?) -> Figures {
        // The row population: wpbs with both a self-scan and feedback (their gap exists).
        let population = rules.sharedRowPopulation ? scores.filter { data.gap($0) != nil } : scores
        func pairs(_ value: (ReleaseData.ScoreRef) -> Double?) -> [(UInt64, Double)] {
            population.compactMap { ref in value(ref).map { (data.id(ref), $0) } }
        }
        var figures: Figures = [
            Figure.selfScore: meanFigure(pairs(data.selfScore), reason: reason),
            Figure.feedback: meanFigure(pairs(data.feedback), reason: reason),
            Figure.gap: meanFigure(pairs(data.gap), reason: reason),
            Figure.shares: sharesFigure(
                population.compactMap { ref in data.category(ref).map { (data.id(ref), $0) } }, reason: reason),
        ]
        for role in Self.splitRoles {
            figures[Figure.role(role)] = meanFigure(pairs { data.roleScore($0, role) }, reason: reason)
        }
        return figures
    }

    private func freshChange(
        from earlier: Wave, after: [ReleaseData.ScoreRef], _ data: ReleaseData, reason: WithholdingReason?
    ) -> Figures {
        var selfPairs: [(UInt64, Double)] = [], feedbackPairs: [(UInt64, Double)] = []
        let earlierWave = data.waveNumber(earlier.id)
        // One cell's scores: one area, looked up once.
        let area = after.first.flatMap { data.areaNumber(data.area($0)) }
        for now in after {
            guard let then = data.score(of: now, inWave: earlierWave, area: area) else { continue }
            let id = data.id(now)
            if rules.sharedRowPopulation {
                // The panel: wpbs of this school with self-scan and feedback in both waves.
                guard data.gap(now) != nil, data.gap(then) != nil, data.school(then) == data.school(now),
                    let a = data.selfScore(now), let b = data.selfScore(then), let c = data.feedback(now),
                    let d = data.feedback(then)
                else { continue }
                selfPairs.append((id, a - b))
                feedbackPairs.append((id, c - d))
            } else {
                // As the analysis's change (docs/analysis.md §11): whoever has the value in both waves.
                if let a = data.selfScore(now), let b = data.selfScore(then) { selfPairs.append((id, a - b)) }
                if let a = data.feedback(now), let b = data.feedback(then) { feedbackPairs.append((id, a - b)) }
            }
        }
        return [
            Figure.selfChange: meanFigure(selfPairs, reason: reason),
            Figure.feedbackChange: meanFigure(feedbackPairs, reason: reason),
        ]
    }

    /// Tonight's gap figure of each school row of `wave`: enough to tell a frozen row that forms arrived since.
    private func freshGaps(_ wave: Wave, _ data: ReleaseData) -> [CellKey: Figure] {
        var gaps: [CellKey: Figure] = [:]
        for school in data.schools {
            for area in data.areas {
                let key = CellKey(unit: school, wave: wave.id, area: area.id)
                guard let scores = data.scores(key) else { continue }
                gaps[key] = meanFigure(scores.compactMap { ref in data.gap(ref).map { (data.id(ref), $0) } }, reason: nil)
            }
        }
        return gaps
    }

    /// `kept` (a wave's figures from the ledger) with each row marked held where tonight's data differ from it.
    private func markLateForms(_ kept: WaveFigures, freshGaps: [CellKey: Figure]) -> WaveFigures {
        var marked = kept
        for (key, row) in kept.rows {
            let now = freshGaps[key]
            guard let gap = row[Figure.gap], gap.isShown, now?.members != gap.members || now?.values != gap.values else {
                continue
            }
            let held: (Figure) -> Figure = { figure in
                var figure = figure
                figure.held = figure.isShown
                return figure
            }
            marked.rows[key] = row.mapValues(held)
            marked.items[key] = kept.items[key]?.mapValues(held)
        }
        return marked
    }
}
