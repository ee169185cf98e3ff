import Foundation
import Testing

@testable import Spiegel

/// The small structures the release is made cheaper with behave as the plain ones they replace: a row's figures
/// in a ``DisclosureControl/FigureSet`` as in a dictionary, ``ChangeSources`` as a filter over every ledger figure,
/// and a ledger index that withholds in place as one built from the withheld release.
@Suite struct DisclosureStructureTests {
    typealias Figure = DisclosureControl.Figure

    @Test func aFigureSetAnswersAsADictionary() {
        var generator = SystemRandomNumberGenerator()
        let names = ["self", "feedback", "gap", "shares", "student", "schoolopleider", "change_self", "Z07/self"]
        for _ in 0..<200 {
            var set: DisclosureControl.FigureSet = [:]
            var model: [String: Figure] = [:]
            for _ in 0..<Int.random(in: 0..<20, using: &generator) {
                let name = names.randomElement(using: &generator)!
                if Bool.random(using: &generator) || model[name] == nil {
                    let figure = Figure(
                        members: [UInt64.random(in: 1...9, using: &generator)], values: [Double.random(in: 1...4)])
                    set[name] = figure
                    model[name] = figure
                } else {
                    set[name] = nil
                    model[name] = nil
                }
            }
            #expect(set.count == model.count)
            #expect(Set(set.keys) == Set(model.keys))
            for name in names { #expect(set[name] == model[name]) }
            #expect(set.sortedByName().map(\.name) == model.keys.sorted())
            #expect(set.sortedByName().map(\.figure) == model.keys.sorted().map { model[$0]! })
            let withheld = set.mapValues { $0.withholding(.dominantCategory) }
            #expect(names.allSatisfy { withheld[$0] == model[$0]?.withholding(.dominantCategory) })
            #expect(Dictionary(uniqueKeysWithValues: set.map { ($0.0, $0.1) }) == model)
        }
        // The literal form keeps every name.
        let literal: DisclosureControl.FigureSet = ["self": .noData, "gap": Figure(members: [1], values: [2])]
        #expect(literal.count == 2 && literal["gap"]?.values == [2] && literal["feedback"] == nil)
    }

    static func release(_ wave: String, changesFrom earlier: [String]) -> WaveRelease {
        var release = WaveRelease(wave: wave, day: Day(year: 2026, month: 1, day: 1), minimumGroupSize: 3)
        release.figures.append(
            LedgerFigure(kind: .row, unit: "A", area: "x", fromWave: "", name: "self", population: nil, values: [], withheld: nil)
        )
        for from in earlier {
            release.figures.append(
                LedgerFigure(
                    kind: .change, unit: "A", area: "x", fromWave: from, name: "change_self", population: nil, values: [],
                    withheld: nil))
        }
        return release
    }

    @Test func changeSourcesFindTheReleasesAFilterOverEveryFigureFinds() {
        let releases = [
            Self.release("w1", changesFrom: []), Self.release("w2", changesFrom: ["w1"]),
            Self.release("w3", changesFrom: ["w2"]), Self.release("w2", changesFrom: ["w1"]),
            Self.release("w4", changesFrom: ["w3", "w2"]),
        ]
        var sources = ChangeSources(Array(releases.prefix(2)))
        for release in releases.dropFirst(2) { sources.append(release) }
        let ledger = ReleaseLedger(keyFingerprint: "t", outputFolder: "/", releases: releases)
        for wave in ["w1", "w2", "w3", "w4", "w5"] {
            let expected = releases.filter { $0.figures.contains { $0.kind == .change && $0.fromWave == wave } }
            #expect(sources.changes(outOf: wave) == expected, "\(wave)")
            #expect(sources.history(of: wave) == ledger.history(of: wave))
        }
        // Control: the filter is not trivially satisfied (w2 has changes out of it in three releases, w4 in none).
        #expect(sources.changes(outOf: "w2").count == 2 && sources.changes(outOf: "w1").count == 2)
        #expect(sources.changes(outOf: "w4").isEmpty)
    }

    @Test func anIndexThatWithholdsInPlaceEqualsOneBuiltFromTheWithheldRelease() {
        let one = Array(UInt64(1)...5), two = Array(UInt64(1)...9)
        let first = ReleaseLedgerTests.release("w1", [("self", one, ""), ("feedback", one, "")])
        let second = ReleaseLedgerTests.release("w2", [("self", two, ""), ("feedback", two, ""), ("change_self", one, "w1")])
        var inPlace = DisclosureAuditor.LedgerIndex([first])
        inPlace.append(second)
        inPlace.withhold([(2, .auditFailed(minimum: 3)), (0, .dominantCategory)])
        var withheld = second
        withheld.figures[2].values = []
        withheld.figures[2].withheld = .auditFailed(minimum: 3)
        withheld.figures[0].values = []
        withheld.figures[0].withheld = .dominantCategory
        let rebuilt = DisclosureAuditor.LedgerIndex([first, withheld])
        #expect(inPlace.releases == rebuilt.releases)
        #expect(inPlace.shownFigures(of: 1) == rebuilt.shownFigures(of: 1))
        #expect(inPlace.shownFigures(of: 0) == rebuilt.shownFigures(of: 0))
        for position in second.figures.indices {
            #expect(inPlace.fact(position, of: 1).population == rebuilt.fact(position, of: 1).population)
        }
        // Control: without withholding, the index still counts both figures as shown.
        var untouched = DisclosureAuditor.LedgerIndex([first])
        untouched.append(second)
        #expect(untouched.shownFigures(of: 1) != rebuilt.shownFigures(of: 1))
        #expect(untouched.fact(2, of: 1).population != nil && rebuilt.fact(2, of: 1).population == nil)
    }

    /// The groups a row's feedback and role sums isolate, worked out by hand: with two roles the two single-role
    /// groups; with three the wpbs lacking each role and each exact set of roles short of all (no one without a role).
    @Test func theImpliedGroupsFollowTheRolesByHand() {
        let row: [UInt64] = [1, 2, 3, 4, 5, 6, 7, 8]
        let a: [UInt64] = [1, 2, 3, 4, 5], b: [UInt64] = [1, 2, 3, 6, 7], c: [UInt64] = [1, 4, 6, 8]
        #expect(DisclosureControl.impliedGroups(row: row, roles: [a, b]) == [[4, 5, 8], [6, 7, 8]])
        #expect(
            DisclosureControl.impliedGroups(row: row, roles: [a, b, c]) == [
                [2, 3, 5, 7], [4, 5, 8], [6, 7, 8],  // without c, without b, without a
                [8], [7], [6], [5], [4], [2, 3],  // exactly c; b; b and c; a; a and c; a and b
            ])
    }

    /// The auditor's walk over sorted role populations answers as set membership, for any number of roles.
    @Test func theRoleWalkAnswersAsSetMembership() {
        var generator = SystemRandomNumberGenerator()
        for roleCount in 0...4 {
            let populations = (0..<roleCount).map { _ in
                (0..<60).filter { _ in Bool.random(using: &generator) }.map(UInt64.init)
            }
            var walk = DisclosureAuditor.LedgerIndex.Roles(populations)
            let members = (0..<60).filter { _ in Bool.random(using: &generator) }.map(UInt64.init)
            for member in members {
                let set = walk.of(member)
                for (position, population) in populations.enumerated() {
                    #expect(set.contains(position) == population.contains(member))
                }
                #expect(set.count == populations.filter { $0.contains(member) }.count)
            }
        }
    }
}
