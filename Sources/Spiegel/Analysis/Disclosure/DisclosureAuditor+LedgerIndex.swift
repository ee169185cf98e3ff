extension DisclosureAuditor {
    /// The releases the auditor checks against, read once: their figures by school and area, the wave numbers,
    /// and which feedback roles each wpb had in each release.
    ///
    /// A first night at ten years audits fourteen waves, each against all before it; indexing each release once
    /// (and extending the index by each release of the night) keeps that linear in the ledger's size.
    struct LedgerIndex {
        /// A wave as a small number, so a variable is hashed without its name.
        struct WaveNumber: Hashable { fileprivate var raw: Int32 }
        /// Where the rank test runs: one school and area, all waves (changes tie waves together).
        struct Group: Hashable { var unit: String, area: String }

        /// Which feedback roles the wpbs of one school and area had in one release, from the role populations the
        /// ledger keeps (also of withheld role figures): a wpb's feedback is the mean of its roles *in that release*.
        ///
        /// Asked for the members of a sorted population in order, it answers by walking the sorted role populations
        /// (one per ``Role/splitRoles``) alongside, without hashing.
        struct Roles {
            private var populations: [ArraySlice<UInt64>] = []
            static let none = Roles()

            /// `populations[i]`: the members with split role `i`; a missing or empty one means nobody had it.
            init(_ populations: [[UInt64]] = []) {
                self.populations = populations.map { $0[...] }
            }

            /// Per split role, whether `member` had it; members are asked for in ascending order.
            mutating func of(_ member: UInt64) -> RoleSet {
                var set = RoleSet()
                for index in populations.indices where Self.contains(member, &populations[index]) { set.insert(index) }
                return set
            }

            private static func contains(_ member: UInt64, _ rest: inout ArraySlice<UInt64>) -> Bool {
                while let first = rest.first, first < member { rest = rest.dropFirst() }
                return rest.first == member
            }
        }

        /// A set of split roles by their position in ``Role/splitRoles``, as bits.
        struct RoleSet: Equatable {
            private(set) var bits: UInt32 = 0
            mutating func insert(_ position: Int) { bits |= 1 << UInt32(position) }
            func contains(_ position: Int) -> Bool { bits & (1 << UInt32(position)) != 0 }
            var count: Int { bits.nonzeroBitCount }
        }

        /// What the auditor reads of one figure, without its strings.
        struct Fact {
            /// The sum it releases; `nil` for shares (counts, not a sum of values) and unknown names.
            var measure: Measure?
            var isShares: Bool
            /// Its population when it is shown; `nil` when withheld or without members.
            var population: Int?
            /// The earlier wave of a change; the release's own wave for a row.
            var fromWave: WaveNumber
        }

        /// The populations of a school and area's role figures in one release, per split role.
        private struct RolePopulations {
            var byRole: [Int?] = Array(repeating: nil, count: Role.splitRoles.count)
        }

        private(set) var releases: [WaveRelease] = []
        private var waveNumbers: [String: WaveNumber] = [:]
        private var releaseWaves: [WaveNumber] = []
        /// Per release: the earlier waves of its changes.
        private var changeSources: [Set<String>] = []
        private var roleTables: [[Group: RolePopulations]] = []
        private var facts: [[Fact]] = []
        /// Per release: the positions of its shown figures, by school and area.
        private var groups: [[Group: [Int]]] = []

        init(_ releases: [WaveRelease]) {
            for release in releases { append(release) }
        }

        var count: Int { releases.count }

        mutating func append(_ release: WaveRelease) {
            var release = release
            // The role walk needs sorted populations; the ledger keeps them sorted, a hand-made release may not.
            for index in release.populations.indices {
                let population = release.populations[index]
                if !zip(population, population.dropFirst()).allSatisfy({ $0 <= $1 }) { release.populations[index].sort() }
            }
            number(release.wave)
            let earlierWaves = numberEarlierWaves(of: release)
            let (roles, shown) = Self.rolesAndShownFigures(of: release)
            let wave = waveNumber(release.wave)
            facts.append(Self.facts(of: release, wave: wave, numbers: self))
            releases.append(release)
            releaseWaves.append(wave)
            changeSources.append(earlierWaves)
            roleTables.append(roles)
            groups.append(shown)
        }

        private mutating func number(_ wave: String) {
            if !wave.isEmpty && waveNumbers[wave] == nil { waveNumbers[wave] = WaveNumber(raw: Int32(waveNumbers.count)) }
        }

        /// Numbers the earlier waves of the release's changes and returns them. A release lists its figures by kind,
        /// school and area: the earlier wave of the figure before is tried first, so most figures hash no string.
        private mutating func numberEarlierWaves(of release: WaveRelease) -> Set<String> {
            var earlierWaves = Set<String>()
            var lastFromWave = ""
            // Fields are read in place: a figure copied whole retains its strings and values.
            let figures = release.figures
            for position in figures.indices where !figures[position].fromWave.isEmpty {
                guard figures[position].fromWave != lastFromWave else { continue }
                lastFromWave = figures[position].fromWave
                earlierWaves.insert(lastFromWave)
                number(lastFromWave)
            }
            return earlierWaves
        }

        /// The role populations of each school and area, and the positions of the shown figures by school and area.
        private static func rolesAndShownFigures(
            of release: WaveRelease
        ) -> (roles: [Group: RolePopulations], shown: [Group: [Int]]) {
            let figures = release.figures
            let roleNames = Role.splitRoles.map(DisclosureControl.Figure.role)
            var roles: [Group: RolePopulations] = [:]
            var shown: [Group: [Int]] = [:]
            var last: (group: Group, positions: [Int])? = nil
            for position in figures.indices {
                let group: Group
                if let last, last.group.unit == figures[position].unit, last.group.area == figures[position].area {
                    group = last.group
                } else {
                    group = Group(unit: figures[position].unit, area: figures[position].area)
                }
                if figures[position].isShown {
                    if last?.group != group {
                        if let last { shown[last.group] = last.positions }
                        last = (group, shown.removeValue(forKey: group) ?? [])
                    }
                    last?.positions.append(position)
                }
                guard figures[position].kind == .row, let population = figures[position].population,
                    let role = roleNames.firstIndex(of: figures[position].name)
                else { continue }
                roles[group, default: RolePopulations()].byRole[role] = population
            }
            if let last { shown[last.group] = last.positions }
            return (roles, shown)
        }

        /// What the auditor reads of each figure of `release`; a name's measure is parsed once per release.
        private static func facts(of release: WaveRelease, wave: WaveNumber, numbers: LedgerIndex) -> [Fact] {
            let figures = release.figures
            var itemMeasures: [String: Measure?] = [:]
            var measures: [String: Measure?] = [:]
            func measure(_ name: String, _ kind: LedgerFigure.Kind) -> Measure? {
                if kind == .item {
                    if let known = itemMeasures[name] { return known }
                    let measure = Measure(name, kind: .item)
                    itemMeasures[name] = measure
                    return measure
                }
                if let known = measures[name] { return known }
                let measure = Measure(name, kind: kind)
                measures[name] = measure
                return measure
            }
            var lastEarlier: (text: String, number: WaveNumber) = ("", wave)
            return figures.indices.map { position in
                let fromWave = figures[position].fromWave
                if !fromWave.isEmpty, fromWave != lastEarlier.text { lastEarlier = (fromWave, numbers.waveNumber(fromWave)) }
                let name = figures[position].name
                return Fact(
                    measure: measure(name, figures[position].kind),
                    isShares: name == DisclosureControl.Figure.shares,
                    population: figures[position].isShown ? figures[position].population : nil,
                    fromWave: fromWave.isEmpty ? wave : lastEarlier.number)
            }
        }

        /// Withholds figures of the last release where they stand (positions with their reasons): their values go,
        /// and the auditor no longer counts them as shown. Cheaper than indexing the release again.
        mutating func withhold(_ figures: [(position: Int, reason: WithholdingReason)]) {
            guard !figures.isEmpty, let last = releases.indices.last else { return }
            var removed: [Group: Set<Int>] = [:]
            for (position, reason) in figures {
                releases[last].figures[position].values = []
                releases[last].figures[position].withheld = reason
                facts[last][position].population = nil
                let figure = releases[last].figures[position]
                removed[Group(unit: figure.unit, area: figure.area), default: []].insert(position)
            }
            for (group, positions) in removed {
                groups[last][group]?.removeAll { positions.contains($0) }
                if groups[last][group]?.isEmpty == true { groups[last][group] = nil }
            }
        }

        func waveNumber(of release: Int) -> WaveNumber { releaseWaves[release] }

        /// What the auditor reads of the figure at `position` of release `index`.
        func fact(_ position: Int, of index: Int) -> Fact { facts[index][position] }

        /// The number of a wave the index has met (every release's wave and every change's earlier wave).
        func waveNumber(_ wave: String) -> WaveNumber { waveNumbers[wave] ?? WaveNumber(raw: -1) }

        /// The roles in `group` of the release that showed `wave` as of release `index`: itself, or the last
        /// earlier one.
        func roles(_ group: Group, _ wave: WaveNumber, asOf index: Int) -> Roles {
            guard let source = (0...index).reversed().first(where: { releaseWaves[$0] == wave }),
                let populations = roleTables[source][group]
            else { return .none }
            let release = releases[source]
            return Roles(populations.byRole.map { $0.map { release.populations[$0] } ?? [] })
        }

        /// The shown figures of release `index`, by school and area.
        func shownFigures(of index: Int) -> [Group: [Int]] { groups[index] }

        /// The earlier releases that can hold figures a candidate's sums combine with, each with whether its wave is
        /// linked (every figure counts) or it only holds changes out of the candidate's wave (those count): worked
        /// out once per candidate rather than once per school and area.
        func relatedReleases(before candidate: Int, linked: Set<String>) -> [(release: Int, isLinked: Bool, wave: WaveNumber)] {
            let wave = releases[candidate].wave
            return (0..<candidate).compactMap { index in
                let isLinked = linked.contains(releases[index].wave)
                guard isLinked || changeSources[index].contains(wave) else { return nil }
                return (index, isLinked, releaseWaves[candidate])
            }
        }

        /// The earlier figures of `group` a candidate's sums can combine with: those of the `linked` waves (its
        /// own, the earlier wave of its changes and the wave before that, whose row pins the earlier change's other
        /// end) and the changes out of its wave, from the releases ``relatedReleases(before:linked:)`` found.
        func knownFigures(
            _ group: Group, in related: [(release: Int, isLinked: Bool, wave: WaveNumber)]
        ) -> [(release: Int, position: Int)] {
            var known: [(release: Int, position: Int)] = []
            for (index, isLinked, wave) in related {
                for position in groups[index][group] ?? [] where isLinked || facts[index][position].fromWave == wave {
                    known.append((index, position))
                }
            }
            return known
        }

        /// The waves whose figures can combine with release `candidate`'s (see ``knownFigures(_:in:)``).
        func linkedWaves(_ candidate: Int) -> Set<String> {
            var linked = changeSources[candidate].union([releases[candidate].wave])
            for earlier in 0..<candidate where linked.contains(releases[earlier].wave) {
                linked.formUnion(changeSources[earlier])
            }
            return linked
        }
    }
}
