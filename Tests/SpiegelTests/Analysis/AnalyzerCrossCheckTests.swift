import Foundation
import Testing

@testable import Spiegel

/// Compares every aggregate of a generated data set with an independent computation.
///
/// The independent side works straight from the raw forms: it groups them with dictionaries, computes
/// every score in exact fractions (so gap categories at the threshold are decided exactly), and uses
/// the one-pass Σx² formula for the SD — deliberately not the way the analyzer does it.
@Suite("Analyzer: cross-check against an independent computation")
struct AnalyzerCrossCheckTests {
    typealias F = AnalysisFixtures

    static let waves = [
        Wave(id: "najaar", start: Day(year: 2025, month: 8, day: 1), end: Day(year: 2026, month: 1, day: 31)),
        Wave(id: "voorjaar", start: Day(year: 2026, month: 2, day: 1), end: Day(year: 2026, month: 7, day: 31)),
        Wave(id: "volgend-najaar", start: Day(year: 2026, month: 8, day: 1), end: Day(year: 2027, month: 1, day: 31)),
    ]

    @Test("≥ 1,000 generated wpbs: every aggregate matches within 1e-9")
    func crossCheck() throws {
        let (registry, forms) = Self.generate(seed: 20_251_104, supervisors: 1_200)
        #expect(Set(forms.filter { $0.instrument != "scan" }.map(\.subject)).count >= 1_000)
        var analyzer = Analyzer(
            instruments: F.instruments, registry: registry, waves: Self.waves,
            settings: .init(gapThreshold: 1.0, minimumGroupSize: 3))
        for form in forms { analyzer.add(form) }
        let result = analyzer.finish()

        let expected = Independent(forms: forms, registry: registry, waves: Self.waves, threshold: 1.0).aggregates()
        var seen = 0
        for aggregate in result.aggregates {
            let key =
                "\(aggregate.scope.rawValue)|\(aggregate.level.rawValue)|\(aggregate.unit)|\(aggregate.wave)|"
                + "\(aggregate.area)|\(aggregate.measure.rawValue)"
            guard let statistics = aggregate.statistics else {
                #expect(expected[key] == nil, "\(key): analyzer has no values")
                continue
            }
            seen += 1
            let other = try #require(expected[key], "\(key) missing in the independent computation")
            #expect(statistics.n == other.n, "\(key) n")
            for (name, mine, theirs) in [
                ("mean", statistics.mean, other.mean), ("median", statistics.median, other.median),
                ("min", statistics.minimum, other.minimum), ("max", statistics.maximum, other.maximum),
            ] {
                #expect(abs(mine - theirs) <= 1e-9, "\(key) \(name): \(mine) vs \(theirs)")
            }
            #expect((statistics.sd == nil) == (other.sd == nil), "\(key) sd presence")
            if let mine = statistics.sd, let theirs = other.sd { #expect(abs(mine - theirs) <= 1e-9, "\(key) sd") }
            if aggregate.measure.isGap {
                let shares = try #require(aggregate.shares)
                let counts = try #require(other.categoryCounts)
                for category in GapCategory.allCases {
                    #expect(
                        abs(shares[category] - Double(counts[category] ?? 0) / Double(other.n)) <= 1e-12,
                        "\(key) share \(category)")
                }
            } else {
                #expect(aggregate.shares == nil)
            }
        }
        // Nothing the independent side found is missing from the analyzer.
        #expect(seen == expected.count)
        #expect(seen > 800)  // 17 units × 3 waves × 2 areas × 7–9 measures, minus empty cells
        // Every kind of cell was exercised.
        for measure in Measure.allCases where measure != .role(.instituutsopleider) {
            #expect(result.aggregates.contains { $0.measure == measure && $0.n > 0 }, "\(measure)")
        }
        #expect(result.aggregates.contains { $0.scope == .schools && $0.measure == .role(.instituutsopleider) && $0.n > 0 })
        #expect(result.aggregates.contains { $0.measure.isGap && ($0.shares?.inOvereenstemming ?? 0) > 0 })
    }

    // MARK: - Generated data

    /// A deterministic generator (SplitMix64), so a failure can be reproduced.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Three partnerships, fourteen schools of very different sizes (one of 2 wpbs, one of 1), three waves.
    static func generate(seed: UInt64, supervisors: Int) -> (Registry, [Form]) {
        var random = Generator(state: seed)
        let schools = (0..<14).map {
            School(
                id: String(format: "S%02d", $0), name: "School \($0)",
                partnership: "P\($0 % 3 + 1)")
        }
        let registry = Registry(partnerships: (1...3).map { Partnership(id: "P\($0)", name: "P\($0)") }, schools: schools)
        func answers(_ count: Int) -> [Int?] {
            (0..<count).map { _ in Double.random(in: 0..<1, using: &random) < 0.1 ? nil : Int.random(in: 1...7, using: &random) }
        }
        var forms: [Form] = []
        var line = 0
        func add(_ instrument: Instrument, _ role: Role, _ subject: String, _ school: String, _ wave: Int) {
            line += 1
            forms.append(
                F.form(
                    instrument, role, subject: subject, school: school, wave: waves[wave].id,
                    scores: answers(instrument.items.count), day: wave * 200 + line % 100, line: line))
        }
        for index in 0..<supervisors {
            // School 0 gets two wpbs, school 1 one, the rest share the others unevenly.
            let school =
                index < 2
                ? schools[0]
                : index == 2
                    ? schools[1]
                    : schools[2 + Int((Double(index).squareRoot() * 7).truncatingRemainder(dividingBy: 12))]
            let subject = "wpb\(index)@school.nl"
            for wave in 0..<3 where Double.random(in: 0..<1, using: &random) < 0.75 {
                if Double.random(in: 0..<1, using: &random) < 0.85 { add(F.selfScan, .selfAssessment, subject, school.id, wave) }
                let students = [0, 1, 1, 1, 2, 2, 3].randomElement(using: &random) ?? 0
                for _ in 0..<students { add(F.studentFeedback, .student, subject, school.id, wave) }
                if Double.random(in: 0..<1, using: &random) < 0.7 { add(F.soFeedback, .schoolopleider, subject, school.id, wave) }
            }
        }
        for school in schools {
            for wave in 0..<3 {
                for _ in 0..<Int.random(in: 0...2, using: &random) {
                    add(F.schoolScan, .selfAssessment, school.id, school.id, wave)
                }
                if Double.random(in: 0..<1, using: &random) < 0.6 {
                    add(F.schoolScan, .instituutsopleider, school.id, school.id, wave)
                }
            }
        }
        forms.shuffle(using: &random)
        return (registry, forms)
    }
}

/// An exact fraction, for the independent side's scores.
struct Fraction: Hashable, Comparable {
    var numerator: Int
    var denominator: Int

    init(_ numerator: Int, _ denominator: Int = 1) {
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : gcd(b, a % b) }
        let divisor = max(gcd(numerator, denominator), 1) * (denominator < 0 ? -1 : 1)
        self.numerator = numerator / divisor
        self.denominator = denominator / divisor
    }

    static func + (a: Fraction, b: Fraction) -> Fraction {
        Fraction(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }
    static func - (a: Fraction, b: Fraction) -> Fraction { a + Fraction(-b.numerator, b.denominator) }
    static func / (a: Fraction, n: Int) -> Fraction { Fraction(a.numerator, a.denominator * n) }
    static func < (a: Fraction, b: Fraction) -> Bool { a.numerator * b.denominator < b.numerator * a.denominator }
    var value: Double { Double(numerator) / Double(denominator) }

    static func mean(_ values: [Fraction]) -> Fraction? {
        values.isEmpty ? nil : values.reduce(Fraction(0), +) / values.count
    }
}

/// docs/analysis.md recomputed from the raw forms, without any of the analyzer's types beyond the inputs.
struct Independent {
    var forms: [Form]
    var registry: Registry
    var waves: [Wave]
    var threshold: Double

    struct Expected {
        var n: Int, mean: Double, sd: Double?, median: Double, minimum: Double, maximum: Double
        var categoryCounts: [GapCategory: Int]?
    }

    /// "scope|level|unit|wave|area|measure" → the expected statistics, for cells with at least one value.
    func aggregates() -> [String: Expected] {
        let instruments = AnalysisFixtures.instruments
        let partnership = Dictionary(uniqueKeysWithValues: registry.schools.map { ($0.id, $0.partnership) })
        // (scope, wave, subject) → forms
        var grouped: [String: [Form]] = [:]
        for form in forms {
            let scope = instruments[form.instrument]?.subjectKind == .school ? "school" : "wpb"
            grouped["\(scope)|\(form.wave)|\(form.subject)", default: []].append(form)
        }
        // "scope|wave|subject" → area → measure → exact value; plus the subject's school
        var values: [String: [String: [String: Fraction]]] = [:]
        var schoolOf: [String: String] = [:]
        for (key, subjectForms) in grouped {
            let selfSchools = subjectForms.filter { $0.role == .selfAssessment }.map(\.school)
            schoolOf[key] = selfSchools.min() ?? subjectForms.map(\.school).min() ?? ""
            let areaIds = Set(subjectForms.flatMap { instruments[$0.instrument]?.items.map(\.area) ?? [] })
            for area in areaIds {
                var roleScore: [Role: Fraction] = [:]
                for role in Role.allCases {
                    let formMeans: [Fraction] = subjectForms.filter { $0.role == role }.compactMap { form in
                        guard let instrument = instruments[form.instrument] else { return nil }
                        let answered = instrument.items.enumerated().filter { $0.element.area == area }
                            .compactMap { form.scores[$0.offset] }
                        return answered.isEmpty ? nil : Fraction(answered.reduce(0, +), answered.count)
                    }
                    if let mean = Fraction.mean(formMeans) { roleScore[role] = mean }
                }
                var measures: [String: Fraction] = [:]
                for (role, score) in roleScore { measures[role.rawValue] = score }
                let feedback = Fraction.mean(roleScore.filter { $0.key != .selfAssessment }.map(\.value))
                if let feedback { measures["feedback"] = feedback }
                if let own = roleScore[.selfAssessment] {
                    if let feedback { measures["gap"] = own - feedback }
                    if let student = roleScore[.student] { measures["gap_student"] = own - student }
                    if let so = roleScore[.schoolopleider] { measures["gap_schoolopleider"] = own - so }
                }
                if !measures.isEmpty { values[key, default: [:]][area] = measures }
            }
        }
        // Changes: consecutive waves with data per scope; the later wave's school.
        var cells: [String: [Fraction]] = [:]
        func record(scope: String, school: String, wave: String, area: String, measure: String, value: Fraction) {
            if scope == "wpb" { cells["wpb|school|\(school)|\(wave)|\(area)|\(measure)", default: []].append(value) }
            if let p = partnership[school] {
                cells["\(scope)|partnership|\(p)|\(wave)|\(area)|\(measure)", default: []].append(value)
            }
        }
        for (key, areas) in values {
            let parts = key.split(separator: "|", maxSplits: 2).map(String.init)
            for (area, measures) in areas {
                for (measure, value) in measures {
                    record(
                        scope: parts[0], school: schoolOf[key] ?? "", wave: parts[1], area: area, measure: measure, value: value)
                }
            }
        }
        for scope in ["wpb", "school"] {
            let withData = waves.filter { wave in values.keys.contains { $0.hasPrefix("\(scope)|\(wave.id)|") } }
            for (earlier, later) in zip(withData, withData.dropFirst()) {
                for (key, laterAreas) in values where key.hasPrefix("\(scope)|\(later.id)|") {
                    let subject = String(key.dropFirst("\(scope)|\(later.id)|".count))
                    guard let earlierAreas = values["\(scope)|\(earlier.id)|\(subject)"] else { continue }
                    for (area, after) in laterAreas {
                        guard let before = earlierAreas[area] else { continue }
                        for (measure, name) in [("self", "change_self"), ("feedback", "change_feedback")] {
                            if let a = after[measure], let b = before[measure] {
                                record(
                                    scope: scope, school: schoolOf[key] ?? "", wave: later.id, area: area,
                                    measure: name, value: a - b)
                            }
                        }
                    }
                }
            }
        }
        let exactThreshold = Fraction(Int(threshold * 1000), 1000)
        return cells.mapValues { fractions in
            let xs = fractions.map(\.value).sorted()
            let n = xs.count
            let sum = xs.reduce(0, +), squares = xs.reduce(0) { $0 + $1 * $1 }
            let mean = sum / Double(n)
            let sd = n < 2 ? nil : Optional(((squares - Double(n) * mean * mean) / Double(n - 1)).squareRoot())
            let median = n % 2 == 1 ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2
            var counts: [GapCategory: Int] = [:]
            for gap in fractions {
                let category: GapCategory =
                    !(gap < exactThreshold)
                    ? .overschatting
                    : !(Fraction(-exactThreshold.numerator, exactThreshold.denominator) < gap)
                        ? .onderschatting
                        : .inOvereenstemming
                counts[category, default: 0] += 1
            }
            return Expected(
                n: n, mean: mean, sd: sd, median: median, minimum: xs[0], maximum: xs[n - 1],
                categoryCounts: counts)
        }
    }
}
