import Foundation
import SpiegelTestSupport
import SyntheticData
import Testing

@testable import Spiegel

@Suite("Synthetic data set")
struct SyntheticDataSetTests {
    static let openColumns = ["feedback-student": 2]

    private func generate(_ parameters: SyntheticDataSet.Parameters) throws -> (URL, SyntheticDataSet.Summary) {
        let folder = try TestSupport.temporaryFolder("generate")
        let summary = try SyntheticDataSet(instruments: GenerateTestInstruments.all, parameters: parameters).write(to: folder)
        return (folder, summary)
    }

    private func contents(of folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard !url.hasDirectoryPath else { continue }
            result[String(url.path.dropFirst(folder.path.count))] = try Data(contentsOf: url)
        }
        return result
    }

    @Test("the same seed gives byte-identical files; another seed gives different ones")
    func determinism() throws {
        let (first, _) = try generate(.sample)
        let (second, _) = try generate(.sample)
        var other = SyntheticDataSet.Parameters.sample
        other.seed += 1
        let (third, _) = try generate(other)
        defer { for folder in [first, second, third] { try? FileManager.default.removeItem(at: folder) } }

        let a = try contents(of: first), b = try contents(of: second), c = try contents(of: third)
        // 5 sources (the school scan has two roles) × 2 waves, the registry and Pipeline.yml.
        #expect(a.count == 12)
        #expect(a == b)
        #expect(Set(a.keys) == Set(c.keys))
        for (path, data) in a where path.hasSuffix(".csv") || path.hasSuffix("registry.yml") {
            #expect(c[path] != data, "\(path) did not change with the seed")
        }
    }

    @Test("each export style has its delimiter, BOM, line endings, headers, timestamps and answer form")
    func styles() throws {
        let (folder, summary) = try generate(.sample)
        defer { try? FileManager.default.removeItem(at: folder) }
        let reports = try ExportInspector.inspect(folder.appendingPathComponent("Data/exports"), openColumns: Self.openColumns)
        #expect(reports.count == 10)

        let selfScan = try #require(reports["zelfscan-wpb-msforms-2025-2026-najaar.csv"])
        #expect(selfScan.bom)
        #expect(selfScan.lfTerminators == 0)
        #expect(selfScan.crlfTerminators == selfScan.records + 1)
        #expect(Array(selfScan.header.prefix(6)) == ["Id", "Begintijd", "Tijd van voltooien", "E-mail", "Naam", "School"])
        #expect(selfScan.header[6] == GenerateTestInstruments.selfScan.items[0].text)
        #expect(selfScan.header.count == 6 + 19)

        let student = try #require(reports["feedback-student-googleforms-2025-2026-najaar.csv"])
        #expect(!student.bom)
        #expect(student.crlfTerminators == 0)
        #expect(
            Array(student.header.prefix(4))
                == ["Tijdstempel", "E-mailadres", "E-mailadres van je werkplekbegeleider", "School"])
        #expect(student.header[4] == GenerateTestInstruments.studentFeedback.items[0].text)
        #expect(student.header.last == GenerateTestInstruments.studentFeedback.openQuestions[0].text)

        let schoolopleider = try #require(reports["feedback-schoolopleider-limesurvey-2025-2026-voorjaar.csv"])
        #expect(!schoolopleider.bom)
        #expect(
            Array(schoolopleider.header.prefix(9))
                == ["id", "submitdate", "lastpage", "startlanguage", "seed", "token", "email", "wpb", "school"])
        #expect(Array(schoolopleider.header.suffix(19)) == (1...19).map { String(format: "O%02d", $0) })

        let team = try #require(reports["scan-opleidingsschool-team-msforms-2025-2026-najaar.csv"])
        #expect(team.header.count == 6 + 8)
        let institute = try #require(reports["scan-opleidingsschool-io-googleforms-2025-2026-najaar.csv"])
        #expect(institute.header.count == 3 + 8)

        for (name, report) in reports {
            #expect(report.wrongWidthRows == 0, "\(name)")
            #expect(report.badTimestamps.isEmpty, "\(name): \(report.badTimestamps.prefix(3))")
            #expect(report.badAnswerCells.isEmpty, "\(name): \(report.badAnswerCells.prefix(3))")
        }
        // Fieldwork of the autumn wave starts 1 October 2025 (61 days after 1 August) in office hours.
        #expect(selfScan.firstTimestamp.hasPrefix("1-10-2025 ") || selfScan.firstTimestamp.hasPrefix("2-10-2025 "))
        #expect(student.firstTimestamp.hasSuffix("GMT+2"), "October 2025 is summer time: \(student.firstTimestamp)")
        let lastStudent = try #require(reports["feedback-student-googleforms-2025-2026-voorjaar.csv"])
        #expect(lastStudent.firstTimestamp.hasPrefix("2026/04/0"))
        #expect(summary.waves.map(\.id) == ["2025-2026-najaar", "2025-2026-voorjaar"])
    }

    @Test("the sample has one partnership, six schools, 60 wpbs with one school of two, and plausible form counts")
    func sampleCounts() throws {
        let (folder, summary) = try generate(.sample)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(summary.partnerships == 1)
        #expect(summary.schools == 6)
        #expect(summary.supervisors == 60)

        let registry = try String(contentsOf: folder.appendingPathComponent("Data/registry.yml"), encoding: .utf8)
        let rosterLines = registry.split(separator: "\n").filter { $0.hasPrefix("  - {school:") }
        #expect(rosterLines.count == 60)
        let schoolLines = registry.split(separator: "\n").filter { $0.hasPrefix("  - {id:") && $0.contains("partnership:") }
        #expect(schoolLines.count == 6)
        var perSchool: [String: Int] = [:]
        for line in rosterLines {
            let school = line.split(separator: "\"")[1]
            perSchool[String(school), default: 0] += 1
        }
        #expect(perSchool.values.sorted() == [2, 9, 11, 12, 12, 14])

        let reports = try ExportInspector.inspect(folder.appendingPathComponent("Data/exports"), openColumns: Self.openColumns)
        for file in summary.files {
            let name = (file.path as NSString).lastPathComponent
            let report = try #require(reports[name])
            #expect(report.records == file.records, "\(name)")
            #expect(report.blankRows == file.blankRows, "\(name)")
            #expect(report.duplicates == file.duplicates, "\(name)")
            #expect(report.notApplicable == file.notApplicableAnswers, "\(name)")
            #expect(report.emptyAnswers == file.emptyAnswers, "\(name)")
            // Every wpb answers at most once, plus the planted unknown-school form and re-submissions.
            let regular = file.forms - file.duplicates - file.unknownSchoolRows
            switch file.role {
            case .selfAssessment where file.instrument == "zelfscan-wpb": #expect((40...60).contains(regular), "\(name)")
            case .student: #expect((60...120).contains(regular), "\(name)")
            case .selfAssessment: #expect((3...12).contains(regular), "\(name)")
            case .instituutsopleider: #expect((2...6).contains(regular), "\(name)")
            default: #expect((35...60).contains(regular), "\(name)")  // the SO, and roles drawn like it
            }
        }
    }

    @Test("a larger run sizes schools 3–40 wpbs and partnerships 5–60 schools, one file per source and wave")
    func requestedSizes() throws {
        var parameters = SyntheticDataSet.Parameters(subjects: 3_000, waves: 3, seed: 7)
        parameters.includeDefects = false
        parameters.duplicateRate = 0
        let (folder, summary) = try generate(parameters)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(summary.supervisors == 3_000)
        #expect(summary.files.count == 5 * 3)
        #expect(summary.waves.map(\.id) == ["2024-2025-najaar", "2024-2025-voorjaar", "2025-2026-najaar"])

        let registry = try String(contentsOf: folder.appendingPathComponent("Data/registry.yml"), encoding: .utf8)
        var wpbsPerSchool: [String: Int] = [:], schoolsPerPartnership: [String: Int] = [:]
        for line in registry.split(separator: "\n") {
            if line.hasPrefix("  - {school:") { wpbsPerSchool[String(line.split(separator: "\"")[1]), default: 0] += 1 }
            if line.hasPrefix("  - {id:"), let range = line.range(of: "partnership: ") {
                schoolsPerPartnership[String(line[range.upperBound...].dropLast()), default: 0] += 1
            }
        }
        #expect(wpbsPerSchool.values.reduce(0, +) == 3_000)
        #expect(wpbsPerSchool.count == summary.schools)
        #expect(wpbsPerSchool.values.allSatisfy { (3...40).contains($0) })
        #expect(schoolsPerPartnership.count == summary.partnerships)
        #expect(schoolsPerPartnership.values.allSatisfy { (5...60).contains($0) })

        // Self-scans: 93 % of 3,000 wpbs = 2,790 per wave, standard deviation 14; five deviations either side.
        for file in summary.files where file.instrument == "zelfscan-wpb" {
            #expect((2_720...2_860).contains(file.forms), "\(file.path): \(file.forms)")
            #expect(file.blankRows == 0 && file.unknownSchoolRows == 0 && file.duplicates == 0)
        }
    }

    @Test("the sample holds every defect: duplicate, blank row, unknown school, out-of-range, n.v.t., tricky free text")
    func defects() throws {
        let (folder, summary) = try generate(.sample)
        defer { try? FileManager.default.removeItem(at: folder) }
        let reports = try ExportInspector.inspect(folder.appendingPathComponent("Data/exports"), openColumns: Self.openColumns)
        let total = { (field: KeyPath<ExportInspector.FileReport, Int>) in reports.values.reduce(0) { $0 + $1[keyPath: field] } }
        #expect(total(\.duplicates) >= 1)
        #expect(total(\.blankRows) >= 1)
        #expect(total(\.unknownSchoolRows) >= 1)
        #expect(total(\.outOfRange) >= 1)
        #expect(total(\.notApplicable) >= 1)
        #expect(total(\.emptyAnswers) >= 1)
        #expect(total(\.trickyComments) >= 1)
        #expect(total(\.trickyComments) == summary.files.reduce(0) { $0 + $1.trickyComments })
        // The tricky comment sits in the student form; Python's reader got it back whole.
        #expect(reports.filter { $0.key.hasPrefix("feedback-student") }.values.allSatisfy { $0.trickyComments == 1 })
        // The blank row of the Dutch Excel export is a row of semicolons, as Excel writes it.
        let selfScan = try Data(
            contentsOf: folder.appendingPathComponent("Data/exports/zelfscan-wpb-msforms-2025-2026-najaar.csv"))
        #expect(selfScan.range(of: Data(("\r\n" + String(repeating: ";", count: 24) + "\r\n").utf8)) != nil)
        // Only the planted school is unknown.
        let registry = try String(contentsOf: folder.appendingPathComponent("Data/registry.yml"), encoding: .utf8)
        for report in reports.values {
            for school in report.schools where school != "99ZZ" { #expect(registry.contains("{id: \"\(school)\"")) }
        }
    }

    @Test("self-scans are on average more lenient than the feedback of students and schoolopleiders")
    func leniency() throws {
        var parameters = SyntheticDataSet.Parameters(subjects: 1_000, waves: 1, seed: 11)
        parameters.includeDefects = false
        let (folder, _) = try generate(parameters)
        defer { try? FileManager.default.removeItem(at: folder) }
        let reports = try ExportInspector.inspect(folder.appendingPathComponent("Data/exports"), openColumns: Self.openColumns)
        func mean(_ prefix: String) throws -> Double {
            let report = try #require(reports.first { $0.key.hasPrefix(prefix) }?.value)
            return Double(report.answerSum) / Double(report.answerCount)
        }
        let selfMean = try mean("zelfscan-wpb"), studentMean = try mean("feedback-student")
        let schoolopleiderMean = try mean("feedback-schoolopleider")
        let gap = selfMean - (studentMean + schoolopleiderMean) / 2
        // The model adds +0.65 to self-ratings, +0.15 to students' and −0.1 to schoolopleiders';
        // rounding and the ceiling at 7 shrink the difference a little.
        #expect(gap > 0.35 && gap < 0.9, "self \(selfMean), student \(studentMean), SO \(schoolopleiderMean)")
    }

    @Test("Pipeline.yml maps every source with the headers the exports use, and lists the waves")
    func pipeline() throws {
        let (folder, summary) = try generate(.sample)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try String(contentsOf: folder.appendingPathComponent("Pipeline.yml"), encoding: .utf8)
        for wave in summary.waves { #expect(text.contains("{id: \"\(wave.id)\", start: \(wave.start), end: \(wave.end)}")) }
        #expect(
            text.contains(
                """
                  - name: feedback-student-googleforms
                    files: Data/exports/feedback-student-googleforms-*.csv
                    instrument: feedback-student
                    columns:
                      respondent: "E-mailadres"
                      subject: "E-mailadres van je werkplekbegeleider"
                      school: "School"
                      submitted_at: "Tijdstempel"
                      open_questions: {S-FF1: {position: 20}, S-FF2: {position: 21}}
                """))
        #expect(
            text.contains(
                """
                  - name: scan-opleidingsschool-team-msforms
                    files: Data/exports/scan-opleidingsschool-team-msforms-*.csv
                    instrument: scan-opleidingsschool
                    role: self
                    columns:
                      respondent: "E-mail"
                      subject: "School"
                """))
        #expect(text.contains("instruments: [\"Data/instruments/*.yml\"]"))
    }

    @Test("parameters out of range are refused with a message")
    func invalidParameters() {
        var parameters = SyntheticDataSet.Parameters(subjects: 10, waves: 1, seed: 1)
        parameters.schoolSizes = [4, 4]
        #expect(
            throws: GenerateError.invalidParameter(
                "school sizes must be positive and add up to the 10 subjects, got [4, 4]")
        ) {
            try SyntheticDataSet(instruments: GenerateTestInstruments.all, parameters: parameters)
        }
        #expect(throws: GenerateError.invalidParameter("waves must be between 1 and 200, got 0")) {
            try SyntheticDataSet(
                instruments: GenerateTestInstruments.all,
                parameters: .init(subjects: 10, waves: 0, seed: 1))
        }
    }
}
