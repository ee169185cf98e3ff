/// Checks tonight's new figures against everything released before, independently of the rules that chose them
/// (docs/analysis.md, "The auditor").
///
/// Per school and area, every released mean is a known sum over members: the released sums are rows of a
/// matrix over the variables (wpb, wave, self score or the score of one feedback role). A member's value is recoverable exactly
/// when a unit vector lies in the row space; Gauss–Jordan elimination finds it (a reduced row with one non-zero).
/// The matrix holds the figures of the candidate's wave, the two waves before it and the changes out of it (a
/// chain of changes further back is not followed: a documented limit). A new figure that would expose a variable
/// the earlier figures did not, or whose population differs from another released population of its school, wave and area by 1 … k − 1 wpbs, is withheld
/// (``WithholdingReason/auditFailed(minimum:)``). Benchmarks must be the sum of released school figures over
/// enough schools. Shares are counts of categories, not sums of values: the rules' dominance check covers them.
struct DisclosureAuditor: Sendable {
    var minimumGroupSize: Int

    init(minimumGroupSize: Int) {
        self.minimumGroupSize = minimumGroupSize
    }

    /// `candidate` with the figures withheld that fail against `ledger`, and how many were.
    func audit(_ candidate: WaveRelease, against ledger: ReleaseLedger) -> (release: WaveRelease, withheld: Int) {
        var index = LedgerIndex(ledger.releases)
        let withheld = audit(appending: candidate, to: &index)
        return (index.releases[index.count - 1], withheld)
    }

    /// Appends `candidate` to `index` (the releases so far) and withholds in it, in place, the figures that fail
    /// against the releases before it; returns how many were.
    ///
    /// A night audits several waves against one index, extended by each release it makes, instead of re-reading
    /// the whole ledger for every wave; the candidate is indexed once, and its withheld figures are taken out of
    /// the index where they stand (``LedgerIndex/withhold(_:)``).
    func audit(appending candidate: WaveRelease, to all: inout LedgerIndex) -> Int {
        all.append(candidate)
        let candidateIndex = all.count - 1
        let related = all.relatedReleases(before: candidateIndex, linked: all.linkedWaves(candidateIndex))
        var failed: [Int] = []
        for (group, positions) in all.shownFigures(of: candidateIndex) {
            let known = all.knownFigures(group, in: related)
            var columns = Columns(group: group, figures: known + positions.map { (candidateIndex, $0) }, in: all)
            var basis = Basis()
            var families = Families(minimumGroupSize: minimumGroupSize)
            func addKnown() {
                for (releaseIndex, position) in known {
                    basis.add(columns.vector(position, of: releaseIndex, in: all))
                    families.add(position, of: releaseIndex, in: all)
                }
            }
            addKnown()
            let exposed = basis.exposed()
            // Most nights nothing fails: tonight's figures all at once expose nothing new and no population is
            // close to another. A unit vector in the space of some of them lies in the space of all, so then each
            // one alone passes too; only a group where something fails is checked figure by figure, from the
            // earlier figures again (rebuilding is rarer than copying the basis for every group).
            var passes = true
            for position in positions {
                if families.conflicts(position, of: candidateIndex, in: all) { passes = false }
                families.add(position, of: candidateIndex, in: all)
                basis.add(columns.vector(position, of: candidateIndex, in: all))
            }
            if passes && basis.exposed().isSubset(of: exposed) { continue }
            basis = Basis()
            families = Families(minimumGroupSize: minimumGroupSize)
            addKnown()
            for position in positions {
                let vector = columns.vector(position, of: candidateIndex, in: all)
                var trial = basis
                trial.add(vector)
                if families.conflicts(position, of: candidateIndex, in: all) || !trial.exposed().isSubset(of: exposed) {
                    failed.append(position)
                } else {
                    basis = trial
                    families.add(position, of: candidateIndex, in: all)
                }
            }
        }
        all.withhold(failed.sorted().map { ($0, .auditFailed(minimum: minimumGroupSize)) })
        return failed.count
    }

    /// `view` with every benchmark figure withheld that is not the sum of released school figures of its
    /// partnership over at least `minimumSchools` schools.
    func auditBenchmarks(_ view: ReleasedView, partnershipOfSchool: [String: String], minimumSchools: Int) -> ReleasedView {
        var view = view
        struct Key: Hashable { var partnership: String, wave: String, area: String }
        var schoolRows: [Key: [ReleasedRow]] = [:]
        var schoolChanges: [Key: [ReleasedChange]] = [:]
        for row in view.rows where row.level == .school {
            guard let partnership = partnershipOfSchool[row.unit] else { continue }
            schoolRows[Key(partnership: partnership, wave: row.wave, area: row.area), default: []].append(row)
        }
        for change in view.changes where change.level == .school {
            guard let partnership = partnershipOfSchool[change.unit] else { continue }
            schoolChanges[Key(partnership: partnership, wave: change.toWave, area: change.area), default: []].append(change)
        }
        let failed = WithholdingReason.auditFailed(minimum: minimumGroupSize)
        func checked(_ cell: ReleasedCell, _ parts: [ReleasedCell]) -> ReleasedCell {
            guard let value = cell.value else { return cell }
            let shown = parts.filter { $0.value != nil }
            let n = shown.reduce(0) { $0 + $1.n }
            let sum = shown.reduce(0.0) { $0 + ($1.value ?? 0) * Double($1.n) }
            let adds = shown.count >= minimumSchools && n == cell.n && n > 0 && abs(sum / Double(n) - value) < 1e-9
            if !adds { view.auditWithheld += 1 }
            return adds ? cell : .withheld(failed, n: cell.n)
        }
        for index in view.rows.indices where view.rows[index].level == .partnership {
            var row = view.rows[index]
            let parts = schoolRows[Key(partnership: row.unit, wave: row.wave, area: row.area)] ?? []
            row.selfScore = checked(row.selfScore, parts.map(\.selfScore))
            row.feedback = checked(row.feedback, parts.map(\.feedback))
            row.gap = checked(row.gap, parts.map(\.gap))
            for role in DisclosureControl.splitRoles {
                if let cell = row.roles[role] { row.roles[role] = checked(cell, parts.compactMap { $0.roles[role] }) }
            }
            if row.shares.shares != nil {
                let shown = parts.filter { $0.shares.shares != nil }
                if shown.count < minimumSchools || shown.reduce(0, { $0 + $1.shares.n }) != row.shares.n {
                    row.shares = ReleasedShares(n: row.shares.n, shares: nil, withheld: failed)
                    view.auditWithheld += 1
                }
            }
            view.rows[index] = row
        }
        for index in view.changes.indices where view.changes[index].level == .partnership {
            var change = view.changes[index]
            let parts = schoolChanges[Key(partnership: change.unit, wave: change.toWave, area: change.area)] ?? []
            change.selfChange = checked(change.selfChange, parts.map(\.selfChange))
            change.feedbackChange = checked(change.feedbackChange, parts.map(\.feedbackChange))
            view.changes[index] = change
        }
        return view
    }
}

extension DisclosureAuditor {
    /// The variables of one school and area (wpb, wave, score), numbered as they are met.
    ///
    /// Hot at ten years (a first night audits every figure of fourteen waves): a wpb is numbered once per
    /// population rather than once per term, and a variable's column is found in a flat table, not by hashing.
    struct Columns {
        /// Which score of a wpb in a wave a variable is: the self-image, feedback of a rater outside the split roles,
        /// or one split role's score (``Role/splitRoles``).
        enum Score {
            case selfScore, otherFeedback
            case role(Int)

            var slot: Int {
                switch self {
                case .selfScore: 0
                case .otherFeedback: 1
                case .role(let position): 2 + position
                }
            }
            static let slots = 2 + Role.splitRoles.count
        }
        private struct PopulationRef: Hashable { var release: Int, population: Int }
        private struct ItemVariable: Hashable { var number: Int, wave: Int, item: String, feedback: Bool }

        let group: LedgerIndex.Group
        /// The waves the group's figures touch; a variable's wave is its place here.
        private let waves: [LedgerIndex.WaveNumber]
        private var members: [UInt64: Int] = [:]
        private var numbered: [PopulationRef: [Int]] = [:]
        /// Per (wpb number × wave place × score): its column, or −1 before it is met.
        private var columnOf: [Int] = []
        private var itemColumns: [ItemVariable: Int] = [:]
        /// The roles of the group per (wave, as of release), asked for by every feedback figure.
        private var roleCache: [(wave: LedgerIndex.WaveNumber, asOf: Int, roles: LedgerIndex.Roles)] = []
        private(set) var count = 0

        /// Columns for `figures` (release, position) of `group`.
        init(group: LedgerIndex.Group, figures: [(Int, Int)], in index: LedgerIndex) {
            self.group = group
            var waves: [LedgerIndex.WaveNumber] = []
            for (release, position) in figures {
                for wave in [index.waveNumber(of: release), index.fact(position, of: release).fromWave]
                where !waves.contains(wave) {
                    waves.append(wave)
                }
            }
            self.waves = waves
        }

        /// ``LedgerIndex/roles(_:_:asOf:)`` of the group, each asked once.
        private mutating func groupRoles(
            _ wave: LedgerIndex.WaveNumber, asOf release: Int, in index: LedgerIndex
        ) -> LedgerIndex.Roles {
            if let known = roleCache.first(where: { $0.wave == wave && $0.asOf == release }) { return known.roles }
            let roles = index.roles(group, wave, asOf: release)
            roleCache.append((wave, release, roles))
            return roles
        }

        /// The wpb numbers of one population, in its (sorted) order.
        private mutating func numbers(_ population: Int, of release: Int, in index: LedgerIndex) -> [Int] {
            let ref = PopulationRef(release: release, population: population)
            if let known = numbered[ref] { return known }
            let numbers = index.releases[release].populations[population].map { member in
                if let number = members[member] { return number }
                members[member] = members.count
                columnOf += repeatElement(-1, count: waves.count * Score.slots)
                return members.count - 1
            }
            numbered[ref] = numbers
            return numbers
        }

        /// An item's self-image or feedback is a variable of its own per wpb, wave and item: the auditor does not
        /// model how an area score averages its items (the rules release an item only over its row's population).
        private mutating func itemColumn(_ number: Int, _ wave: Int, _ item: String, feedback: Bool) -> Int {
            let variable = ItemVariable(number: number, wave: wave, item: item, feedback: feedback)
            if let known = itemColumns[variable] { return known }
            itemColumns[variable] = count
            count += 1
            return count - 1
        }

        private mutating func column(_ number: Int, _ wave: Int, _ score: Score) -> Int {
            let slot = (number * waves.count + wave) * Score.slots + score.slot
            if columnOf[slot] < 0 {
                columnOf[slot] = count
                count += 1
            }
            return columnOf[slot]
        }

        /// A wpb's feedback as its variables: the mean of the roles it had in the release that showed the wave.
        private mutating func feedback(
            _ number: Int, _ wave: Int, _ has: LedgerIndex.RoleSet, sign: Double, into terms: inout [Term]
        ) {
            guard has.count > 0 else {
                terms.append(Term(column: column(number, wave, .otherFeedback), weight: sign))
                return
            }
            for role in Role.splitRoles.indices where has.contains(role) {
                terms.append(Term(column: column(number, wave, .role(role)), weight: sign / Double(has.count)))
            }
        }

        /// The released sum behind the figure at `position` of `release` as a combination of variables; empty
        /// for shares (not a sum of values) and withheld figures.
        mutating func vector(_ position: Int, of release: Int, in index: LedgerIndex) -> [Term] {
            let fact = index.fact(position, of: release)
            guard let measure = fact.measure, let population = fact.population else { return [] }
            let waveNumber = index.waveNumber(of: release)
            guard let wave = waves.firstIndex(of: waveNumber), let from = waves.firstIndex(of: fact.fromWave) else { return [] }
            var roles = measure.usesRoles ? groupRoles(waveNumber, asOf: release, in: index) : .none
            var earlierRoles = measure == .feedbackChange ? groupRoles(fact.fromWave, asOf: release, in: index) : .none
            let members = index.releases[release].populations[population]
            let numbers = numbers(population, of: release, in: index)
            var terms: [Term] = []
            terms.reserveCapacity(members.count * 2)
            for (member, number) in zip(members, numbers) {
                switch measure {
                case .selfScore: terms.append(Term(column: column(number, wave, .selfScore), weight: 1))
                case .feedback: feedback(number, wave, roles.of(member), sign: 1, into: &terms)
                case .gap:
                    terms.append(Term(column: column(number, wave, .selfScore), weight: 1))
                    feedback(number, wave, roles.of(member), sign: -1, into: &terms)
                case .role(let role): terms.append(Term(column: column(number, wave, .role(role)), weight: 1))
                case .selfChange:
                    terms.append(Term(column: column(number, wave, .selfScore), weight: 1))
                    terms.append(Term(column: column(number, from, .selfScore), weight: -1))
                case .feedbackChange:
                    feedback(number, wave, roles.of(member), sign: 1, into: &terms)
                    feedback(number, from, earlierRoles.of(member), sign: -1, into: &terms)
                case .itemSelf(let item): terms.append(Term(column: itemColumn(number, wave, item, feedback: false), weight: 1))
                case .itemFeedback(let item):
                    terms.append(Term(column: itemColumn(number, wave, item, feedback: true), weight: 1))
                }
            }
            return terms
        }
    }

    /// One term of a released sum: a variable (a column of the row space) and its weight.
    struct Term {
        var column: Int
        var weight: Double
    }

    /// The released sums the auditor reads, by their name in the ledger.
    enum Measure: Equatable {
        case selfScore, feedback, gap, selfChange, feedbackChange
        /// One split role's score (its position in ``Role/splitRoles``).
        case role(Int)
        /// An item's self-image or feedback (``DisclosureControl/Figure/item(_:_:)``).
        case itemSelf(String), itemFeedback(String)

        init?(_ name: String, kind: LedgerFigure.Kind) {
            if kind == .item {
                guard let (item, measure) = DisclosureControl.Figure.itemParts(name) else { return nil }
                switch measure {
                case DisclosureControl.Figure.selfScore: self = .itemSelf(item)
                case DisclosureControl.Figure.feedback: self = .itemFeedback(item)
                default: return nil
                }
                return
            }
            switch name {
            case DisclosureControl.Figure.selfScore: self = .selfScore
            case DisclosureControl.Figure.feedback: self = .feedback
            case DisclosureControl.Figure.gap: self = .gap
            case DisclosureControl.Figure.selfChange: self = .selfChange
            case DisclosureControl.Figure.feedbackChange: self = .feedbackChange
            default:
                guard let role = Role.splitRoles.firstIndex(where: { DisclosureControl.Figure.role($0) == name }) else {
                    return nil
                }
                self = .role(role)
            }
        }

        /// Whether the sum holds feedback, whose parts depend on the roles a wpb had.
        var usesRoles: Bool { self == .feedback || self == .gap || self == .feedbackChange }
    }

    /// Released populations per wave of one school and area (a change belongs to both its waves).
    struct Families {
        let minimumGroupSize: Int
        private var populations: [LedgerIndex.WaveNumber: [[UInt64]]] = [:]

        init(minimumGroupSize: Int) {
            self.minimumGroupSize = minimumGroupSize
        }

        /// The waves and members of a figure that counts for the differences (shares share the row's population).
        private func family(
            _ position: Int, of release: Int, in index: LedgerIndex
        ) -> (
            waves: [LedgerIndex.WaveNumber], members: [UInt64]
        )? {
            let fact = index.fact(position, of: release)
            guard let population = fact.population, !fact.isShares else { return nil }
            let wave = index.waveNumber(of: release)
            return (fact.fromWave == wave ? [wave] : [wave, fact.fromWave], index.releases[release].populations[population])
        }

        func conflicts(_ position: Int, of release: Int, in index: LedgerIndex) -> Bool {
            guard let (waves, members) = family(position, of: release, in: index) else { return false }
            return waves.contains { wave in
                (populations[wave] ?? []).contains {
                    PopulationFamily.isUnsafe(PopulationFamily.symmetricDifference($0, members), minimumGroupSize)
                }
            }
        }

        mutating func add(_ position: Int, of release: Int, in index: LedgerIndex) {
            guard let (waves, members) = family(position, of: release, in: index) else { return }
            for wave in waves where !(populations[wave] ?? []).contains(members) {
                populations[wave, default: []].append(members)
            }
        }
    }

    /// A row space kept in reduced row echelon form, so a unit vector in it shows as a row with one non-zero.
    ///
    /// Written here rather than taken from a library: it is a few lines of Gauss–Jordan over one school and
    /// area (tens of rows), and no linear-algebra package is available to this build.
    struct Basis {
        private var rows: [(pivot: Int, values: [Double])] = []
        static let tolerance = 1e-9

        mutating func add(_ terms: [Term]) {
            guard let width = terms.map(\.column).max().map({ $0 + 1 }) else { return }
            var vector = [Double](repeating: 0, count: width)
            for term in terms { vector[term.column] += term.weight }
            for row in rows where row.pivot < vector.count && abs(vector[row.pivot]) > Self.tolerance {
                let factor = vector[row.pivot]
                if row.values.count > vector.count { vector += repeatElement(0, count: row.values.count - vector.count) }
                for column in row.values.indices where row.values[column] != 0 { vector[column] -= factor * row.values[column] }
            }
            guard let pivot = vector.indices.max(by: { abs(vector[$0]) < abs(vector[$1]) }), abs(vector[pivot]) > Self.tolerance
            else { return }
            let scale = vector[pivot]
            for column in vector.indices { vector[column] /= scale }
            for index in rows.indices where pivot < rows[index].values.count && abs(rows[index].values[pivot]) > Self.tolerance {
                let factor = rows[index].values[pivot]
                if vector.count > rows[index].values.count {
                    rows[index].values += repeatElement(0, count: vector.count - rows[index].values.count)
                }
                for column in vector.indices where vector[column] != 0 { rows[index].values[column] -= factor * vector[column] }
            }
            rows.append((pivot, vector))
        }

        /// The variables the row space pins down exactly.
        func exposed() -> Set<Int> {
            Set(rows.filter { row in row.values.lazy.filter { abs($0) > Self.tolerance }.count == 1 }.map(\.pivot))
        }
    }
}
