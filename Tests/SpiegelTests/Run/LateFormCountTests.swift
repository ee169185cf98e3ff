import Foundation
import Testing

@testable import Spiegel

/// The summary's count of forms that arrived after their wave was released (``PipelineRun/formsSubmitted(_:since:)``):
/// one pass comparing instants with the start of each release day must agree with working out every form's
/// Dutch calendar day, also around midnight and the clock changes.
@Suite struct LateFormCountTests {
    static func form(_ wave: String, _ date: Date, line: Int) -> Form {
        Form(
            origin: RowOrigin(file: "x.csv", line: line), instrument: "zelfscan-wpb", role: .selfAssessment,
            respondent: "r\(line)", subject: "s\(line)", school: "A", submittedAt: date, wave: wave, scores: ItemScores([3]))
    }

    /// Instants around Dutch midnights (winter and summer time) and the two clock changes of 2025.
    static let instants: [Date] = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam")!
        let days: [(Int, Int, Int)] = [(2025, 1, 15), (2025, 3, 30), (2025, 3, 31), (2025, 7, 1), (2025, 10, 26), (2025, 10, 27)]
        return days.flatMap { year, month, day -> [Date] in
            let midnight = calendar.date(from: DateComponents(year: year, month: month, day: day))!
            return [-3_601, -1, 0, 1, 3_599, 7_200, 86_399].map { midnight.addingTimeInterval(Double($0)) }
        }
    }()

    @Test func countsAgreeWithEachFormsDutchDay() {
        let waves = ["w1", "w2", "w3"]
        var forms: [Form] = []
        for (index, instant) in Self.instants.enumerated() {
            // Forms of a wave mostly together, as exports list them, with some interleaved.
            forms.append(Self.form(waves[index % 2], instant, line: 2 * index))
            forms.append(Self.form(waves[(index / 7) % 3], instant, line: 2 * index + 1))
        }
        let releases: [(wave: String, day: Day)] = [
            ("w1", Day(year: 2025, month: 3, day: 30)), ("w2", Day(year: 2025, month: 10, day: 27)),
            ("w3", Day(year: 2025, month: 1, day: 15)),
        ]
        let counts = PipelineRun.formsSubmitted(FormTable(forms), since: releases)
        for (wave, day) in releases {
            let expected = forms.filter { $0.wave == wave && Day(dutchDayOf: $0.submittedAt) >= day }.count
            #expect(counts[wave, default: 0] == expected, "\(wave) released \(day)")
        }
        // Positive control: the boundary matters — a day later counts fewer forms of w1.
        let later = PipelineRun.formsSubmitted(FormTable(forms), since: [("w1", Day(year: 2025, month: 3, day: 31))])
        #expect(later["w1", default: 0] < counts["w1", default: 0])
        #expect(PipelineRun.formsSubmitted(FormTable(forms), since: []).isEmpty)
    }
}
