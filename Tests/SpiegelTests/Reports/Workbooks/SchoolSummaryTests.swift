import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// The *Samenvatting* and the rule behind every MT workbook: each sentence's numbers stand in the row it names,
/// and no number of an MT workbook (cell or sentence) is one the released view withholds.
@Suite struct SchoolSummaryTests {
    static let today = Day(year: 2026, month: 12, day: 1)

    /// The shipped sample, released as of a day after both waves closed.
    struct Released {
        let run: SampleDataPrivacyTests.SampleRun
        let protected: ReleasedView
        init() throws {
            run = try SampleDataPrivacyTests.SampleRun()
            protected = DisclosureControl(
                rules: DisclosureRules(configuration: run.configuration, asOf: SchoolSummaryTests.today)
            )
            .release(run.result)
        }

        func context(_ release: ReleasedView) -> ReportContext {
            ReportContext(result: run.result, configuration: run.configuration, runInfo: run.runInfo, release: release)
        }

        /// Writes `school`'s workbook rendering `release`, and reads it back.
        func workbook(_ school: School, release: ReleasedView, in folder: URL) throws -> WorkbookReader {
            let workbook = SchoolWorkbook(
                result: run.result, configuration: run.configuration, school: school, runInfo: run.runInfo,
                release: release)
            let url = folder.appendingPathComponent(workbook.fileName)
            try workbook.write(to: url)
            return try WorkbookReader(path: url)
        }
    }

    /// Every number an MT reader of `school` may see: the released means, shares and counts of the school and its
    /// partnership, and differences of two of them (school − partnership, one wave − the other, self − feedback).
    static func permitted(_ view: ReleasedView, school: School, threshold: Double) -> (values: [Double], counts: Set<Int>) {
        var values: [Double] = [threshold], counts: Set<Int> = [0]
        var byWaveArea: [String: [Double]] = [:]
        for row in view.rows
        where (row.level == .school && row.unit == school.id)
            || (row.level == .partnership && row.unit == school.partnership)
        {
            let cells = [row.selfScore, row.feedback, row.gap] + DisclosureControl.splitRoles.compactMap { row.roles[$0] }
            let means = cells.compactMap(\.value)
            values += means
            values += GapCategory.allCases.compactMap { row.shares[$0] }
            byWaveArea["\(row.wave)|\(row.area)", default: []] += means
            byWaveArea["*|\(row.area)", default: []] += means
            counts.formUnion(cells.map(\.n) + [row.shares.n])
        }
        for change in view.changes
        where (change.level == .school && change.unit == school.id)
            || (change.level == .partnership && change.unit == school.partnership)
        {
            let cells =
                [change.selfChange, change.feedbackChange]
                + [change.selfWaveDifference, change.feedbackWaveDifference].compactMap { $0 }
            values += cells.compactMap(\.value)
            counts.formUnion(cells.map(\.n))
        }
        // Differences of two released means, also as Tabel 1 takes them: between the values as shown.
        for group in byWaveArea.values {
            for a in group {
                for b in group { values += [a - b, SchoolSummary.shown(SchoolSummary.shown(a) - SchoolSummary.shown(b))] }
            }
        }
        // The school's items and scan (issue 23): released means, shares and counts, and self − feedback or team − IO
        // of two shown values.
        func pair(_ a: Double?, _ b: Double?) -> [Double] {
            guard let a, let b else { return [] }
            return [a - b, SchoolSummary.shown(SchoolSummary.shown(a) - SchoolSummary.shown(b))]
        }
        for item in view.items where item.school == school.id {
            values += [item.selfScore.value, item.feedback.value].compactMap { $0 }
            values += GapCategory.allCases.compactMap { item.shares[$0] } + pair(item.selfScore.value, item.feedback.value)
            counts.formUnion([item.n, item.shares.n])
        }
        for row in view.scanRows
        where (row.level == .school && row.unit == school.id) || (row.level == .partnership && row.unit == school.partnership) {
            values += [row.team.value, row.instituutsopleider.value].compactMap { $0 }
            values += pair(row.team.value, row.instituutsopleider.value)
            counts.formUnion([row.team.n, row.instituutsopleider.n])
        }
        for response in view.response where response.school == school.id {
            counts.formUnion(
                [
                    response.selfScans, response.feedback(from: .student), response.feedback(from: .schoolopleider),
                    response.completeTriads,
                ] + (response.rosterSize.map { [$0] } ?? []))
            if let roster = response.rosterSize, roster > 0 { values.append(Double(response.selfScans) / Double(roster)) }
        }
        return (values, counts)
    }

    /// The numbers of `reader`'s workbook that are not permitted: numeric cells, and numbers in texts ("5,4", "+0,3").
    static func unpermitted(_ reader: WorkbookReader, _ permitted: (values: [Double], counts: Set<Int>)) -> [String] {
        let rounded = Set(permitted.values.flatMap { [Dutch.number(abs($0)), Dutch.number(abs(SchoolSummary.shown($0)))] })
        var found: [String] = []
        for sheet in reader.sheetNames {
            for cell in reader.cells(sheet) {
                if cell.type == "n", let value = Double(cell.value) {
                    let isCount = value == value.rounded() && permitted.counts.contains(Int(value))
                    if !isCount, !permitted.values.contains(where: { abs($0 - value) < 1e-9 }) {
                        found.append("\(sheet)!\(cell.row),\(cell.column) = \(value)")
                    }
                } else if cell.type == "s" {
                    // A decimal in Dutch notation is a mean or a difference; whole numbers are counts, rows or rules.
                    for match in cell.value.matches(of: /\d+,\d/) where !rounded.contains(String(match.output)) {
                        found.append("\(sheet)!\(cell.row),\(cell.column): \(match.output) in “\(cell.value.prefix(60))…”")
                    }
                }
            }
        }
        return found
    }

    @Test func everyNumberOfASentenceIsTheShownValueOfTheCellItCites() throws {
        let released = try Released()
        let folder = try TestSupport.temporaryFolder("summary")
        defer { try? FileManager.default.removeItem(at: folder) }
        var checked = 0
        for school in released.run.configuration.registry.schools {
            let reader = try released.workbook(school, release: released.protected, in: folder)
            let partnership =
                released.run.configuration.registry.partnership(school.partnership)
                ?? Partnership(id: school.partnership, name: school.partnership)
            let sentences = SchoolSummary(
                context: released.context(released.protected), school: school,
                partnership: partnership
            ).sentences()
            // The sheet shows each sentence as generated, beside its topic.
            let texts = reader.cells(SchoolSheetLayout.summary).map(\.value)
            for sentence in sentences {
                #expect(texts.contains(sentence.text), "\(school.id): “\(sentence.text)” not on the sheet")
                for figure in sentence.figures {
                    #expect(sentence.text.contains(figure.text), "\(school.id): \(figure.text) not in “\(sentence.text)”")
                    // The cell, read back from the file, shows the same number (rounded as its format rounds).
                    let cell = try #require(reader.cell(figure.cell.sheet, figure.cell.row + 1, figure.cell.column + 1))
                    let value = try #require(Double(cell.value), "\(school.id): \(figure.cell) holds “\(cell.value)”")
                    let decimals = figure.kind == .percent ? 2 : figure.kind == .count ? 0 : 1
                    #expect(
                        SchoolSummary.shown(value, decimals: decimals) == figure.value,
                        "\(school.id): \(figure.text) of “\(sentence.text)” but the cell holds \(value)")
                    checked += 1
                }
            }
        }
        #expect(checked > 20)
    }

    @Test func noNumberOfAnMTWorkbookIsWithheldAndALeakingRenderingIsCaught() throws {
        let released = try Released()
        let folder = try TestSupport.temporaryFolder("summary-leak")
        defer { try? FileManager.default.removeItem(at: folder) }
        let schools = released.run.configuration.registry.schools
        for school in schools {
            let reader = try released.workbook(school, release: released.protected, in: folder)
            let leaks = Self.unpermitted(
                reader,
                Self.permitted(
                    released.protected, school: school,
                    threshold: released.run.result.settings.gapThreshold))
            #expect(leaks.isEmpty, "\(school.id): \(leaks.prefix(5))")
        }
        // Positive control: the same workbooks rendering the unprotected view show numbers the protected view
        // withholds (the small school's means, the benchmark over two schools, open figures), and the check finds them.
        let open = DisclosureControl(rules: .unprotected(asOf: Self.today)).release(released.run.result)
        var caught = 0
        let openFolder = folder.appendingPathComponent("open")
        try FileManager.default.createDirectory(at: openFolder, withIntermediateDirectories: true)
        for school in schools {
            let reader = try released.workbook(school, release: open, in: openFolder)
            caught +=
                Self.unpermitted(
                    reader,
                    Self.permitted(
                        released.protected, school: school,
                        threshold: released.run.result.settings.gapThreshold)
                ).count
        }
        #expect(caught > 0)
    }

    /// "Aan de slag" names the area whose shown feedback in Tabel 1 (read back from the file) is lowest, with the
    /// framework's steps for it, and only where there are figures to rank.
    @Test func aanDeSlagSuggestsTheStepsOfTheLowestAreaOfTabel1() throws {
        let released = try Released()
        let folder = try TestSupport.temporaryFolder("summary-steps")
        defer { try? FileManager.default.removeItem(at: folder) }
        let steps = try #require(released.run.configuration.developmentSteps)
        let areas = released.protected.areas
        var suggested = 0
        for school in released.run.configuration.registry.schools {
            let reader = try released.workbook(school, release: released.protected, in: folder)
            let sentence = reader.cells(SchoolSheetLayout.summary).first { $0.value.hasPrefix("Suggesties voor ") }?.value
            // Tabel 1: areas from row 6 (1-based), feedback of the school in column B.
            let shown = areas.indices.compactMap { index -> (String, Double)? in
                guard let value = reader.cell(SchoolSheetLayout.summary, 6 + index, 2).flatMap({ Double($0.value) }) else {
                    return nil
                }
                return (areas[index].id, (value * 10).rounded() / 10)
            }
            guard let low = shown.map(\.1).min(), let high = shown.map(\.1).max(), low < high else {
                #expect(sentence == nil, "\(school.id): a suggestion without figures to rank")
                continue
            }
            let lowest = try #require(shown.first { $0.1 == low }?.0)
            let area = try #require(areas.first { $0.id == lowest })
            let text = try #require(sentence, "\(school.id): no suggestion")
            let which =
                shown.filter { $0.1 == low }.count > 1
                ? "een van de laagst beoordeelde gebieden" : "het laagst beoordeelde gebied"
            #expect(text.hasPrefix("Suggesties voor \(area.shortName), \(which), uit \(steps.source): "))
            for step in steps.steps[lowest] ?? [] { #expect(text.contains(step)) }
            suggested += 1
        }
        #expect(suggested >= 3)
    }

    @Test func aSmallSchoolSaysOnItsFirstSheetWhyItHasNoFigures() throws {
        let folder = try TestSupport.temporaryFolder("summary-small")
        defer { try? FileManager.default.removeItem(at: folder) }
        let fixture = WorkbookFixture.self
        let workbook = try SchoolWorkbook(
            result: fixture.result, configuration: fixture.configuration, schoolID: "03EF",
            runInfo: fixture.runInfo, release: fixture.release)
        let url = folder.appendingPathComponent(workbook.fileName)
        try workbook.write(to: url)
        let reader = try WorkbookReader(path: url)
        #expect(reader.sheetNames.first == SchoolSheetLayout.summary)
        let text = reader.cells(SchoolSheetLayout.summary).map(\.value).joined(separator: "\n")
        // 03EF has two wpbs with both a self-scan and feedback; k = 3.
        #expect(text.contains("geen cijfers van uw school"))
        #expect(text.contains("te weinig wpb's voor cijfers: 2 wpb's met zowel een zelfscan als feedback"))
        #expect(text.contains("minstens 3 nodig"))
        // No strength or blind-spot sentence is made of its withheld numbers.
        let topics = reader.cells(SchoolSheetLayout.summary).filter { $0.column == 1 }.map(\.value)
        #expect(topics.contains("Geen cijfers"))
        #expect(!topics.contains("Sterkst en zwakst") && !topics.contains("Blinde vlek"))
    }
}
