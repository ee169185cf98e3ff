import Foundation
import Testing

@testable import Spiegel

/// The nights that look normal and are not: each gives exit 4, names the file or school and the likely cause in
/// the summary's first lines, keeps `latest` on the last trusted night, and no MT workbook counts the missing forms.
@Suite("Alarms", .serialized)
struct NightAlarmTests {
    static let selfScans = "Data/exports/zelfscan-wpb-msforms-2025-2026-voorjaar.csv"

    /// The sample published once (the trusted night), with the name of its run.
    static func trustedNight(_ edit: @escaping (String) -> String = { $0 }) throws -> (SampleJob, String) {
        let job = try SampleJob(edit: edit)
        #expect(job.run().status == .actionNeeded)
        return (job, try FileManager.default.destinationOfSymbolicLink(atPath: job.latest.path))
    }

    /// Rewrites the data lines of the sample's exports whose path contains `pattern`.
    static func rewrite(_ job: SampleJob, files pattern: String, _ line: (String) -> String?) throws {
        let folder = job.folder.appendingPathComponent("Data/exports")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.contains(pattern) {
            let url = folder.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8)
            // "\r\n" is one Character in Swift: split on it where the export uses it.
            let separator = text.contains("\r\n") ? "\r\n" : "\n"
            let lines = text.components(separatedBy: separator)
            let rewritten = [lines[0]] + lines.dropFirst().compactMap { $0.isEmpty ? $0 : line($0) }
            try rewritten.joined(separator: separator).write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// The text of every school workbook's *Samenvatting* in a run folder, by school folder.
    static func summaries(in run: URL, sheet: String = "Samenvatting") throws -> [String: String] {
        let schools = run.appendingPathComponent("schools")
        var texts: [String: String] = [:]
        for folder in try FileManager.default.contentsOfDirectory(atPath: schools.path) where !folder.hasSuffix(".md") {
            let files = try FileManager.default.contentsOfDirectory(atPath: schools.appendingPathComponent(folder).path)
            let workbook = try #require(files.first { $0.hasSuffix(".xlsx") })
            let reader = try WorkbookReader(path: schools.appendingPathComponent(folder).appendingPathComponent(workbook))
            texts[folder] = reader.cells(sheet).map(\.value).joined(separator: "\n")
        }
        return texts
    }

    /// The summary's lines before the input table.
    static func head(_ summary: String) -> String {
        summary.components(separatedBy: "\nInput ").first ?? summary
    }

    @Test func aSelfScanExportOnAOneToTenScaleRaisesTheAlarmNamingTheFileAndTheScale() throws {
        let (job, trusted) = try Self.trustedNight()
        // The Microsoft Forms export as a 1–10 scale: "k - Label" becomes round(1 + (k − 1) · 9/6).
        try Self.rewrite(job, files: "zelfscan-wpb-msforms-2025-2026-voorjaar") { line in
            line.components(separatedBy: ";").map { field in
                guard let first = field.first, first.isNumber, field.dropFirst().hasPrefix(" - "),
                    let k = Int(String(first))
                else { return field }
                return String(Int((1 + Double(k - 1) * 9 / 6).rounded()))
            }.joined(separator: ";")
        }
        // `spiegel check` warns before the night comes, with the code the run will give.
        let check = ConfigurationCheck(configurationFile: job.configuration).perform()
        #expect(check.status == .alarm)
        #expect(check.text.contains("is this export on a 1–10 scale?"))
        let outcome = job.run()
        #expect(outcome.status == .alarm)
        #expect(outcome.status.rawValue == 4)
        let head = Self.head(outcome.summary)
        #expect(head.contains("ALARM"))
        #expect(head.contains("\(Self.selfScans): "), "names the file: \(head)")
        // Answers 6 and 7 become 9 and 10; only rows with a 5 − Redelijk (→ 7) at most stay on the scale.
        #expect(head.contains("found on the 1–7 scale: is this export on a 1–10 scale?"), "\(head)")
        #expect(head.contains("out-of-range"))
        // Kept aside: latest is the trusted night, byte for byte; the held run is complete under runs/.
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: job.latest.path) == trusted)
        let held = try #require(outcome.published)
        #expect(held.deletingLastPathComponent().lastPathComponent == "runs")
        #expect(try FaultInjectionTests.manifestProblems(of: held).isEmpty)
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: held.appendingPathComponent("run-manifest.json")))
                as? [String: Any])
        #expect(manifest["held"] as? Bool == true)
        #expect(outcome.summary.contains("Kept aside, NOT published"))
        // No MT workbook of the held run says 0 self-scans came in; those with lost rows say the data is under review.
        let texts = try Self.summaries(in: held)
        #expect(texts.count == 6)
        for (school, text) in texts {
            #expect(!text.contains("vulden 0 wpb's de zelfscan in"), "\(school)")
        }
        #expect(texts.values.filter { $0.contains("ontbreken of worden nagekeken") }.count >= 5)
        // The Respons table says the same instead of counting what did not arrive; the trusted night counts.
        let responseTables = try Self.summaries(in: held, sheet: "Respons")
        #expect(responseTables.values.filter { $0.contains("wordt nagekeken") }.count >= 5)
        #expect(!(try Self.summaries(in: job.latest, sheet: "Respons")).values.contains { $0.contains("wordt nagekeken") })
        // Positive control: the trusted night's workbooks state their counts in the same sentence.
        let trustedTexts = try Self.summaries(in: job.latest)
        #expect(trustedTexts.values.allSatisfy { $0.contains("wpb's de zelfscan in") })
        #expect(!trustedTexts.values.contains { $0.contains("ontbreken of worden nagekeken") })
    }

    @Test func aSchoolMissingFromTheRegistryRaisesTheAlarmNamingTheSchool() throws {
        let (job, trusted) = try Self.trustedNight()
        let registry = job.folder.appendingPathComponent("Data/registry.yml")
        let lines = try String(contentsOf: registry, encoding: .utf8).components(separatedBy: "\n")
        try lines.filter { !$0.contains("\"58QM\"") }.joined(separator: "\n").write(
            to: registry, atomically: true, encoding: .utf8)
        let outcome = job.run()
        #expect(outcome.status == .alarm, "\(outcome.summary)")
        let head = Self.head(outcome.summary)
        #expect(head.contains("school '58QM': "), "\(head)")
        #expect(head.contains("name a school the registry does not know"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: job.latest.path) == trusted)
    }

    @Test func aSchoolWithFormsLastWaveAndNoneThisWaveRaisesTheAlarm() throws {
        let (job, trusted) = try Self.trustedNight()
        // Every voorjaar row of Vrije School Het Hoogveld (12AC) gone, from every export.
        try Self.rewrite(job, files: "voorjaar") { line in
            line.contains("12AC") || line.contains("12ac") || line.contains("Het Hoogveld") ? nil : line
        }
        let outcome = job.run()
        #expect(outcome.status == .alarm, "\(outcome.summary)")
        let head = Self.head(outcome.summary)
        #expect(
            head.contains("school 12AC Vrije School Het Hoogveld: no forms at all in wave 2025-2026-voorjaar, after "), "\(head)")
        #expect(head.contains("while the other schools' forms have arrived"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: job.latest.path) == trusted)
        let texts = try Self.summaries(in: try #require(outcome.published))
        let lost = try #require(texts.first { $0.key.hasPrefix("12AC") }?.value)
        #expect(lost.contains("ontbreken of worden nagekeken"))
        #expect(!lost.contains("vulden 0 wpb's"))
    }

    @Test func aSourceLosingMoreThanAFifthOfItsRowsRaisesTheAlarm() throws {
        let (job, trusted) = try Self.trustedNight()
        var kept = 0
        try Self.rewrite(job, files: "zelfscan-wpb-msforms-2025-2026-voorjaar") { line in
            kept += 1
            return kept <= 25 ? line : nil
        }
        // 60 + 25 = 85 of 121 rows: 30 % fewer than the trusted night.
        let outcome = job.run()
        #expect(outcome.status == .alarm, "\(outcome.summary)")
        #expect(
            Self.head(outcome.summary).contains(
                "source 'zelfscan-wpb-msforms': 85 rows tonight, 121 in the run `latest` names (30 % fewer)"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: job.latest.path) == trusted)
    }

    @Test func aConfiguredShareAllowsTheSameLoss() throws {
        // Positive control of the share: 30 % fewer rows pass under a 40 % share.
        let (job, _) = try Self.trustedNight { $0 + "night: {alarm_row_loss: 0.4}\n" }
        var kept = 0
        try Self.rewrite(job, files: "zelfscan-wpb-msforms-2025-2026-voorjaar") { line in
            kept += 1
            return kept <= 25 ? line : nil
        }
        #expect(job.run().status == .actionNeeded)
    }

    @Test func publishOnAlarmPublishesTheNightWithTheDataUnderReview() throws {
        let (job, trusted) = try Self.trustedNight { $0 + "night: {publish_on_alarm: true}\n" }
        try Self.rewrite(job, files: "voorjaar") { line in
            line.contains("12AC") || line.contains("12ac") || line.contains("Het Hoogveld") ? nil : line
        }
        let outcome = job.run()
        #expect(outcome.status == .alarm)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: job.latest.path) != trusted)
        #expect(outcome.summary.contains("published as night.publish_on_alarm asks"))
        let texts = try Self.summaries(in: job.latest)
        #expect(try #require(texts.first { $0.key.hasPrefix("12AC") }?.value).contains("ontbreken of worden nagekeken"))
    }

    @Test func theScaleCauseReadsTheAnswersOffTheScale() {
        func row(_ value: Int, school: String = "S1") -> QuarantineRecord {
            QuarantineRecord(
                origin: RowOrigin(file: "x.csv", line: 2), reason: .outOfRange, message: "", rawRecord: "",
                hint: QuarantineHint(school: school, wave: "w", offScale: value))
        }
        let instrument = Instrument(
            id: "i", title: "I", roles: [.selfAssessment], subjectKind: .supervisor, scale: .init(minimum: 1, maximum: 5),
            areas: [], items: [])
        let directory = SchoolDirectory(registry: Registry(partnerships: [], schools: [], roster: []))
        let above = NightAlarm.likelyCause(of: [8, 10, 9, 8].map { row($0) }, instrument: instrument, directory: directory)
        #expect(above.hasPrefix("answers 8–10 found on the 1–5 scale: is this export on a 1–10 scale?"))
        #expect(above.hasSuffix("(out-of-range 4)"))
        let below = NightAlarm.likelyCause(of: [0, 0, 6].map { row($0) }, instrument: instrument, directory: directory)
        #expect(below.hasPrefix("answers 0 found below the 1–5 scale: does this export count from 0?"))
    }
}
