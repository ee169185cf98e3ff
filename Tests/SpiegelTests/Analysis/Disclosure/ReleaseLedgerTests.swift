import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// The ledger's file format, the auditor's rank test on hand-made sums, and the one-engine property of research
/// aggregates on the sample.
@Suite struct ReleaseLedgerTests {
    static let today = Day(year: 2026, month: 12, day: 1)

    static func sampleRelease() throws -> (SampleDataPrivacyTests.SampleRun, ReleasedView) {
        let run = try SampleDataPrivacyTests.SampleRun()
        let release = DisclosureControl(rules: DisclosureRules(configuration: run.configuration, asOf: today))
            .release(run.result)
        return (run, release)
    }

    @Test func theLedgerReadsBackAsWrittenAndRefusesDamage() throws {
        let (_, release) = try Self.sampleRelease()
        let data = release.ledger.encoded()
        #expect(try ReleaseLedger.decode(data, path: "x") == release.ledger)
        #expect(release.ledger.releases.count == 2 && !release.ledger.releases[0].populations.isEmpty)
        // Compact: populations once each, 64-bit ids once each; the sample's 60 wpbs in a few kilobytes.
        #expect(data.count < 30_000, "\(data.count) bytes")
        #expect(throws: ReleaseLedgerError.self) { try ReleaseLedger.decode(data.prefix(data.count - 1), path: "x") }
        var flipped = data
        flipped[40] ^= 0x10
        #expect(throws: ReleaseLedgerError.self) { try ReleaseLedger.decode(flipped, path: "x") }
        #expect(throws: ReleaseLedgerError.self) { try ReleaseLedger.decode(Data("garbage".utf8), path: "x") }
    }

    /// A night that releases nothing stages the ledger's own bytes; any change (an event, a release, another folder)
    /// encodes it afresh, and what it encodes reads back as the changed ledger.
    @Test func anUnchangedLedgerIsStagedAsReadAndAChangedOneIsEncodedAgain() throws {
        let (_, release) = try Self.sampleRelease()
        let data = release.ledger.encoded()
        let read = try ReleaseLedger.decode(data, path: "x")
        #expect(read.decodedFrom == data && read.encoded() == data)
        var changes: [(String, (inout ReleaseLedger) -> Void)] = [
            ("event", { $0.events.append("2026-12-02: released nothing") }),
            ("release", { $0.releases.append(WaveRelease(wave: "w9", day: Self.today, minimumGroupSize: 5)) }),
            ("figure in place", { $0.releases[0].figures[0].values = [9] }),
            ("output folder", { $0.outputFolder = "/elsewhere" }),
            ("key", { $0.keyFingerprint = "another" }),
        ]
        // Positive control: the unchanged ledger is the one case where the cached bytes stand.
        changes.append(("nothing", { _ in }))
        for (what, change) in changes {
            var changed = read
            change(&changed)
            let encoded = changed.encoded()
            #expect(try ReleaseLedger.decode(encoded, path: "x") == changed, "\(what)")
            #expect((encoded == data) == (what == "nothing"), "\(what)")
        }
    }

    /// A release of one school's wave with figures over hand-picked populations of members 1…n.
    static func release(_ wave: String, _ figures: [(name: String, members: [UInt64], from: String)]) -> WaveRelease {
        var release = WaveRelease(wave: wave, day: today, minimumGroupSize: 3)
        for figure in figures {
            release.populations.append(figure.members.sorted())
            release.figures.append(
                LedgerFigure(
                    kind: figure.from.isEmpty ? .row : .change, unit: "A", area: "x", fromWave: figure.from,
                    name: figure.name, population: release.populations.count - 1, values: [5], withheld: nil))
        }
        return release
    }

    @Test func theAuditorFindsAUnitVectorInTheRowSpaceOfThreeWaves() {
        // The case 2: wave 1 over {1…5}, wave 2 over {1…9}, wave 3 over {1…6}; the panel 1→2 is {1…5} and
        // the panel 2→3 {1…6}: both give a wave-2 sum, over populations one wpb (6) apart.
        let one = Array(UInt64(1)...5), two = Array(UInt64(1)...9), three = Array(UInt64(1)...6)
        var ledger = ReleaseLedger(keyFingerprint: "t", outputFolder: "/")
        ledger.releases = [
            Self.release("w1", [("self", one, "")]), Self.release("w2", [("self", two, ""), ("change_self", one, "w1")]),
        ]
        let auditor = DisclosureAuditor(minimumGroupSize: 3)
        let leaking = Self.release("w3", [("self", three, ""), ("change_self", three, "w2")])
        let audited = auditor.audit(leaking, against: ledger)
        #expect(audited.withheld == 1 && audited.release.figures[1].withheld == .auditFailed(minimum: 3))
        #expect(audited.release.figures[0].withheld == nil, "wave 3's own row exposes no one")
        // Control: with the panel 2→3 over the same wpbs as the panel 1→2, nothing is exposed.
        let safe = Self.release("w3", [("self", one, ""), ("change_self", one, "w2")])
        #expect(auditor.audit(safe, against: ledger).withheld == 0)
        // And a population two wpbs away from another of its wave (rank test silent) is caught by the differences.
        let close = Self.release("w3", [("self", three, ""), ("change_self", Array(UInt64(1)...7), "w2")])
        #expect(auditor.audit(close, against: ledger).release.figures[1].withheld != nil)
    }

    @Test func researchAggregatesNeverHideWhatMTWorkbooksOrPublicShow() throws {
        let (run, release) = try Self.sampleRelease()
        let measures: [(Measure, KeyPath<ReleasedRow, ReleasedCell>)] = [
            (.selfScore, \.selfScore), (.feedback, \.feedback), (.gap, \.gap),
        ]
        var research: [String: Aggregate] = [:]
        for aggregate in run.result.aggregates where aggregate.scope == .supervisors {
            research["\(aggregate.level) \(aggregate.unit) \(aggregate.wave) \(aggregate.area) \(aggregate.measure)"] = aggregate
        }
        var compared = 0
        for row in release.rows {
            for (measure, path) in measures where row[keyPath: path].value != nil {
                let aggregate = try #require(research["\(row.level) \(row.unit) \(row.wave) \(row.area) \(measure)"])
                #expect(aggregate.suppression == nil, "\(row.unit) \(row.wave) \(row.area) \(measure)")
                #expect(aggregate.n >= row[keyPath: path].n)
                compared += 1
            }
        }
        #expect(compared > 100)
        // The only mark left is the small group's (no second engine): n < k exactly.
        let k = run.configuration.analysis.minimumGroupSize
        for aggregate in run.result.aggregates {
            #expect((aggregate.suppression != nil) == (aggregate.n > 0 && aggregate.n < k))
        }
    }
}
