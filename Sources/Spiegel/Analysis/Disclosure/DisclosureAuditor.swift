/// Checks tonight's new figures against everything released before, independently of the rules that chose them
/// (docs/analysis.md, "The auditor").
///
/// Per school and area, every released mean is a known sum over members: the released sums are rows of a
/// matrix over the variables (wpb, wave, self / student / SO score). A member's value is recoverable exactly
/// when a unit vector lies in the row space; Gauss–Jordan elimination finds it (a reduced row with one non-zero).
/// The matrix holds the figures of the candidate's wave, the two waves before it and the changes out of it (a
/// chain of changes further back is not followed: a documented limit). A new figure that would expose a variable
/// the earlier figures did not, or whose population differs from another released population of its school, wave and area by 1 … k − 1 wpbs, is withheld
/// (``WithholdingReason/auditFailed(minimum:)``). Benchmarks must be the sum of released school figures over
/// enough schools. Shares are counts of categories, not sums of values: the rules' dominance check covers them.
package struct DisclosureAuditor: Sendable {
    package var minimumGroupSize: Int

    package init(minimumGroupSize: Int) {
        self.minimumGroupSize = minimumGroupSize
    }

    /// `candidate` with the figures withheld that fail against `ledger`, and how many were.
    package func audit(_ candidate: WaveRelease, against ledger: ReleaseLedger) -> (release: WaveRelease, withheld: Int) {
        var release = candidate
        let all = ledger.releases + [candidate]
        let roles = RoleStructure(all)
        // What the candidate's sums can combine with: its own wave, the earlier wave of its changes and the wave
        // before that (whose row pins the earlier change's other end), and changes out of its wave.
        var linked = Set([candidate.wave] + candidate.figures.map(\.fromWave).filter { !$0.isEmpty })
        for earlier in ledger.releases where linked.contains(earlier.wave) {
            linked.formUnion(earlier.figures.map(\.fromWave).filter { !$0.isEmpty })
        }
        var knownByGroup: [Group: [(Int, LedgerFigure)]] = [:]
        for (index, earlier) in ledger.releases.enumerated() {
            for figure in earlier.figures
            where figure.isShown && (linked.contains(earlier.wave) || figure.fromWave == candidate.wave) {
                knownByGroup[Group(unit: figure.unit, area: figure.area), default: []].append((index, figure))
            }
        }
        var candidatesByGroup: [Group: [Int]] = [:]
        for (index, figure) in candidate.figures.enumerated() where figure.isShown {
            candidatesByGroup[Group(unit: figure.unit, area: figure.area), default: []].append(index)
        }
        var withheld = 0
        for (group, indices) in candidatesByGroup {
            var columns = Columns()
            var vectors: [[Int: Double]] = []
            var families = Families(minimumGroupSize: minimumGroupSize)
            for (index, figure) in knownByGroup[group] ?? [] {
                if let vector = columns.vector(figure, of: index, in: all, roles) { vectors.append(vector) }
                families.add(figure, of: all[index])
            }
            let candidateVectors = indices.map { columns.vector(candidate.figures[$0], of: all.count - 1, in: all, roles) }
            var basis = Basis(width: columns.count)
            for vector in vectors { basis.add(vector) }
            let exposed = basis.exposed()
            for (offset, index) in indices.enumerated() {
                let figure = candidate.figures[index]
                var trial = basis
                if let vector = candidateVectors[offset] { trial.add(vector) }
                if families.conflicts(figure, of: candidate) || !trial.exposed().isSubset(of: exposed) {
                    release.figures[index].values = []
                    release.figures[index].withheld = .auditFailed(minimum: minimumGroupSize)
                    withheld += 1
                } else {
                    basis = trial
                    families.add(figure, of: candidate)
                }
            }
        }
        return (release, withheld)
    }

    /// `view` with every benchmark figure withheld that is not the sum of released school figures of its
    /// partnership over at least `minimumSchools` schools.
    package func auditBenchmarks(_ view: ReleasedView, partnershipOfSchool: [String: String], minimumSchools: Int) -> ReleasedView
    {
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
    /// Where the rank test runs: one school and area, all waves (changes tie waves together).
    struct Group: Hashable { var unit: String, area: String }

    /// Which feedback roles each wpb had in each release, from the role populations the ledger keeps (also of
    /// withheld role figures): a wpb's feedback is the mean of its roles *in that release*.
    struct RoleStructure {
        private var student: [Set<UInt64>] = []
        private var schoolopleider: [Set<UInt64>] = []
        private let releases: [WaveRelease]

        init(_ releases: [WaveRelease]) {
            self.releases = releases
            for release in releases {
                var students = Set<UInt64>(), sos = Set<UInt64>()
                for figure in release.figures where figure.kind == .row {
                    guard let population = figure.population else { continue }
                    if figure.name == DisclosureControl.Figure.role(.student) {
                        students.formUnion(release.populations[population])
                    }
                    if figure.name == DisclosureControl.Figure.role(.schoolopleider) {
                        sos.formUnion(release.populations[population])
                    }
                }
                student.append(students)
                schoolopleider.append(sos)
            }
        }

        /// The release that showed `wave` as of release `index`: itself, or the last earlier release of that wave.
        private func source(_ wave: String, asOf index: Int) -> Int? {
            (0...index).reversed().first { releases[$0].wave == wave }
        }

        /// Whether `member` had student and SO feedback in `wave` as of release `index`.
        func roles(_ member: UInt64, _ wave: String, asOf index: Int) -> (student: Bool, schoolopleider: Bool) {
            guard let source = source(wave, asOf: index) else { return (false, false) }
            return (student[source].contains(member), schoolopleider[source].contains(member))
        }
    }

    /// Variables (wpb, wave, score) numbered as they are met.
    struct Columns {
        struct Variable: Hashable { var member: UInt64, wave: String, score: UInt8 }
        static let selfScore: UInt8 = 0, student: UInt8 = 1, schoolopleider: UInt8 = 2, otherFeedback: UInt8 = 3
        private var index: [Variable: Int] = [:]
        var count: Int { index.count }

        mutating func column(_ member: UInt64, _ wave: String, _ score: UInt8) -> Int {
            let variable = Variable(member: member, wave: wave, score: score)
            if let known = index[variable] { return known }
            index[variable] = index.count
            return index.count - 1
        }

        /// A wpb's feedback as its variables: the mean of the roles it has.
        mutating func feedback(_ member: UInt64, _ wave: String, asOf index: Int, _ roles: RoleStructure) -> [(Int, Double)] {
            let has = roles.roles(member, wave, asOf: index)
            let parts = [(has.student, Self.student), (has.schoolopleider, Self.schoolopleider)].filter(\.0).map(\.1)
            if parts.isEmpty { return [(column(member, wave, Self.otherFeedback), 1)] }
            return parts.map { (column(member, wave, $0), 1 / Double(parts.count)) }
        }

        /// The released sum behind `figure` as a combination of variables; `nil` for shares (not a sum of values).
        mutating func vector(
            _ figure: LedgerFigure, of index: Int, in releases: [WaveRelease], _ roles: RoleStructure
        ) -> [Int: Double]? {
            let release = releases[index]
            guard figure.isShown, let population = figure.population else { return nil }
            let wave = release.wave
            if figure.kind == .item { return itemVector(figure, members: release.populations[population], wave: wave) }
            var vector: [Int: Double] = [:]
            func add(_ terms: [(Int, Double)], _ sign: Double) {
                for (column, weight) in terms { vector[column, default: 0] += sign * weight }
            }
            for member in release.populations[population] {
                switch figure.name {
                case DisclosureControl.Figure.selfScore: add([(column(member, wave, Self.selfScore), 1)], 1)
                case DisclosureControl.Figure.feedback: add(feedback(member, wave, asOf: index, roles), 1)
                case DisclosureControl.Figure.gap:
                    add([(column(member, wave, Self.selfScore), 1)], 1)
                    add(feedback(member, wave, asOf: index, roles), -1)
                case DisclosureControl.Figure.role(.student): add([(column(member, wave, Self.student), 1)], 1)
                case DisclosureControl.Figure.role(.schoolopleider): add([(column(member, wave, Self.schoolopleider), 1)], 1)
                case DisclosureControl.Figure.selfChange:
                    add([(column(member, wave, Self.selfScore), 1)], 1)
                    add([(column(member, figure.fromWave, Self.selfScore), 1)], -1)
                case DisclosureControl.Figure.feedbackChange:
                    add(feedback(member, wave, asOf: index, roles), 1)
                    add(feedback(member, figure.fromWave, asOf: index, roles), -1)
                default: return nil
                }
            }
            return vector
        }
    }

    /// Released populations per school, wave and area (a change belongs to both its waves).
    struct Families {
        struct Key: Hashable { var wave: String, figureKind: UInt8 }
        let minimumGroupSize: Int
        private var populations: [String: [[UInt64]]] = [:]

        init(minimumGroupSize: Int) {
            self.minimumGroupSize = minimumGroupSize
        }

        private func waves(_ figure: LedgerFigure, of release: WaveRelease) -> [String] {
            figure.kind == .change ? [release.wave, figure.fromWave] : [release.wave]
        }

        func conflicts(_ figure: LedgerFigure, of release: WaveRelease) -> Bool {
            guard let population = figure.population, figure.name != DisclosureControl.Figure.shares else { return false }
            let members = release.populations[population]
            return waves(figure, of: release).contains { wave in
                (populations[wave] ?? []).contains {
                    PopulationFamily.isUnsafe(PopulationFamily.symmetricDifference($0, members), minimumGroupSize)
                }
            }
        }

        mutating func add(_ figure: LedgerFigure, of release: WaveRelease) {
            guard let population = figure.population, figure.name != DisclosureControl.Figure.shares else { return }
            let members = release.populations[population]
            for wave in waves(figure, of: release) where !(populations[wave] ?? []).contains(members) {
                populations[wave, default: []].append(members)
            }
        }
    }

    /// A row space kept in reduced row echelon form, so a unit vector in it shows as a row with one non-zero.
    struct Basis {
        let width: Int
        private var rows: [(pivot: Int, values: [Double])] = []
        static let tolerance = 1e-9

        init(width: Int) {
            self.width = width
        }

        mutating func add(_ sparse: [Int: Double]) {
            var vector = [Double](repeating: 0, count: width)
            for (column, value) in sparse where column < width { vector[column] = value }
            for row in rows where abs(vector[row.pivot]) > Self.tolerance {
                let factor = vector[row.pivot]
                for column in 0..<width where row.values[column] != 0 { vector[column] -= factor * row.values[column] }
            }
            guard let pivot = vector.indices.max(by: { abs(vector[$0]) < abs(vector[$1]) }), abs(vector[pivot]) > Self.tolerance
            else { return }
            let scale = vector[pivot]
            for column in 0..<width { vector[column] /= scale }
            for index in rows.indices where abs(rows[index].values[pivot]) > Self.tolerance {
                let factor = rows[index].values[pivot]
                for column in 0..<width where vector[column] != 0 { rows[index].values[column] -= factor * vector[column] }
            }
            rows.append((pivot, vector))
        }

        /// The variables the row space pins down exactly.
        func exposed() -> Set<Int> {
            Set(rows.filter { row in row.values.lazy.filter { abs($0) > Self.tolerance }.count == 1 }.map(\.pivot))
        }
    }
}
