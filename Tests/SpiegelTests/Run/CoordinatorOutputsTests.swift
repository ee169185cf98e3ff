import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// The coordinator's own files: the quarantine's Dutch Excel copy and the reminder list.
@Suite("Coordinator files", .serialized)
struct CoordinatorFilesTests {
    @Test func theExcelCopyOfTheQuarantineHasEveryRowWithADutchReasonAndTheActionColumn() throws {
        let job = try SampleJob()
        _ = job.run()
        let excel = job.latest.appendingPathComponent("quarantine-excel.csv")
        let bytes = try Data(contentsOf: excel)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "a BOM, so Dutch Excel reads UTF-8")
        let rows = try ResearchChecks.parseCSV(excel, delimiter: ";", encoding: "utf-8-sig")
        let plain = try ResearchChecks.parseCSV(job.latest.appendingPathComponent("quarantine.csv"))
        #expect(rows.first == ["file", "line", "reason", "reden", "action_needed", "message", "raw_record"])
        #expect(rows.count == plain.count)
        #expect(rows.count == 44, "43 quarantined rows and the header")
        for (row, original) in zip(rows.dropFirst(), plain.dropFirst()) {
            #expect(row[0] == original[0] && row[1] == original[1] && row[2] == original[2])
            #expect(row[4] == (["blank-row", "superseded"].contains(row[2]) ? "nee" : "ja"), "\(row[2])")
            #expect(!row[3].isEmpty && row[3] != row[2], "a Dutch text, not the code")
            #expect(!row[6].contains("\n") && !row[6].contains("\r"), "one visible line per raw record")
            #expect(row[6].replacingOccurrences(of: "\\\\", with: "\\") == original[5] || original[5].contains("\n"))
        }
        #expect(rows.contains { $0[3] == "Antwoord buiten de schaal; verbeter het antwoord of de schaal van het instrument." })
    }

    @Test func rawRecordsAreEscapedOntoOneLine() {
        #expect(QuarantineFile.escaped("a;\"b\"\r\nc\\d\te") == #"a;"b"\r\nc\\d\te"#)
        #expect(QuarantineFile.escaped("plain") == "plain")
    }

    @Test func theReminderListHoldsWhoLacksWhatInTheCurrentWave() throws {
        let job = try SampleJob()
        // 15 March 2026 lies in the sample's wave 2025-2026-voorjaar.
        let outcome = job.run(now: Date(timeIntervalSince1970: 1_773_576_000))
        let file = job.latest.appendingPathComponent("reminders.csv")
        #expect(Array(try Data(contentsOf: file).prefix(3)) == [0xEF, 0xBB, 0xBF])
        let rows = try ResearchChecks.parseCSV(file, delimiter: ";", encoding: "utf-8-sig")
        #expect(rows.first == ReminderList.columns)

        // Independently: the roster against the forms the ingest kept in that wave.
        let configuration = try PipelineConfiguration.load(from: job.configuration)
        let forms = try FormIngest(configuration: configuration).run().forms.filter { $0.wave == "2025-2026-voorjaar" }
        var present: [String: Set<Role>] = [:]
        for form in forms { present[form.subject, default: []].insert(form.role) }
        var expected: [String: Set<String>] = [:]
        let labels: [(Role, String)] = [
            (.selfAssessment, "zelfscan"), (.student, "feedback van je student"),
            (.schoolopleider, "feedback van de schoolopleider"),
        ]
        for entry in configuration.registry.roster {
            let lacking = labels.filter { !(present[entry.supervisor]?.contains($0.0) ?? false) }.map(\.1)
            if !lacking.isEmpty { expected[entry.supervisor] = Set(lacking) }
        }
        let listed = Dictionary(
            uniqueKeysWithValues: rows.dropFirst().map {
                ($0[4], Set($0[5].components(separatedBy: ", ")))
            })
        #expect(!expected.isEmpty)
        #expect(listed == expected)
        #expect(outcome.summary.contains("reminders.csv (\(expected.count) people to remind)"))
        for row in rows.dropFirst() {
            #expect(row[0] == "2025-2026-voorjaar")
            let entry = try #require(configuration.registry.roster.first { $0.supervisor == row[4] })
            #expect(row[1] == entry.school && row[3] == entry.name)
            #expect(row[2] == configuration.registry.school(entry.school)?.name)
            #expect(row[6] == (row[5].contains("zelfscan") ? "ja" : "nee"))
        }
        // Coordinator only: nothing of it in a school's folder or the researchers'.
        let names = configuration.registry.roster.compactMap(\.name)
        #expect(try ResearchChecks.filesContaining(names, in: job.latest.appendingPathComponent("research")).isEmpty)
    }

    @Test func aWaveWithoutFormsYetListsEveryoneOnTheRoster() throws {
        let job = try SampleJob { text in
            text.replacingOccurrences(
                of: "  - {id: \"2025-2026-voorjaar\", start: 2026-02-01, end: 2026-07-31}",
                with: "  - {id: \"2025-2026-voorjaar\", start: 2026-02-01, end: 2026-07-31}\n"
                    + "  - {id: \"2026-2027-najaar\", start: 2026-08-01, end: 2027-01-31}")
        }
        _ = job.run(now: Date(timeIntervalSince1970: 1_790_000_000))  // 2026-09-21
        let rows = try ResearchChecks.parseCSV(
            job.latest.appendingPathComponent("reminders.csv"), delimiter: ";", encoding: "utf-8-sig")
        let configuration = try PipelineConfiguration.load(from: job.configuration)
        #expect(rows.count - 1 == configuration.registry.roster.count)
        #expect(Set(rows.dropFirst().map { $0[0] }) == ["2026-2027-najaar"])
        #expect(Set(rows.dropFirst().map { $0[5] }) == ["zelfscan, feedback van je student, feedback van de schoolopleider"])
    }
}

/// The pseudonym key: a file open to others is refused with the chmod to run; a changed key is reported.
@Suite("Pseudonym key checks", .serialized)
struct PseudonymKeyCheckTests {
    @Test func aKeyFileReadableByOthersIsRefusedWithTheChmodToRun() throws {
        let job = try SampleJob()
        let key = job.folder.appendingPathComponent(".spiegel-key")
        guard ProcessInfo.processInfo.environment["SPIEGEL_PSEUDONYM_KEY"] == nil else { return }
        #expect(chmod(key.path, 0o644) == 0)
        let outcome = job.run()
        #expect(outcome.status == .actionNeeded)
        #expect(outcome.summary.contains("The pseudonym key file \(key.path) is open to others (mode 644)"))
        #expect(outcome.summary.contains("Run `chmod 600 \(key.path)`"))
        #expect(!FileManager.default.fileExists(atPath: job.latest.appendingPathComponent("research").path))
        // Positive control: after the chmod the key is used.
        #expect(chmod(key.path, 0o600) == 0)
        let fixed = job.run()
        #expect(
            FileManager.default.fileExists(atPath: job.latest.appendingPathComponent("research/forms.csv").path),
            "\(fixed.summary)")
        #expect(!fixed.summary.contains("open to others"))
    }

    @Test func aChangedKeyIsReportedAndOnlyItsFingerprintIsStored() throws {
        let job = try SampleJob()
        guard ProcessInfo.processInfo.environment["SPIEGEL_PSEUDONYM_KEY"] == nil else { return }
        let first = job.run()
        let again = job.run()
        // Positive control: the same key twice is no news.
        #expect(!again.summary.contains("pseudonym key changed"), "\(first.summary)")
        let keyFile = job.folder.appendingPathComponent(".spiegel-key")
        let oldFingerprint = try Self.fingerprint(in: job.latest)
        try FileManager.default.removeItem(at: keyFile)
        try PseudonymKey.generate(writingTo: keyFile)
        // The release ledger is keyed by the old key: the run stops until the coordinator starts a new one.
        let refused = job.run()
        #expect(refused.status == .ledgerUnavailable && refused.summary.contains("another pseudonym key"))
        var options = PipelineRun.Options(configurationFile: job.configuration, stageObserver: nil)
        options.startsNewLedger = true
        let changed = PipelineRun(options: options).execute()
        let newFingerprint = try Self.fingerprint(in: job.latest)
        #expect(oldFingerprint != newFingerprint)
        #expect(changed.status == .actionNeeded)
        #expect(changed.summary.contains("The pseudonym key changed since run"))
        #expect(changed.summary.contains("(fingerprint \(oldFingerprint) → \(newFingerprint))"))
        // The fingerprint is the data package's, and the key itself is nowhere in the run.
        let package = try String(contentsOf: job.latest.appendingPathComponent("research/datapackage.json"), encoding: .utf8)
        #expect(package.contains(newFingerprint))
        let key = try String(contentsOf: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try ResearchChecks.filesContaining([key], in: job.latest).isEmpty)
    }

    static func fingerprint(in run: URL) throws -> String {
        let data = try Data(contentsOf: run.appendingPathComponent("run-manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(manifest["pseudonym_key_fingerprint"] as? String)
    }
}

/// The partnership workbook's reliability is over its own partnership's forms; pooled figures say so.
@Suite("Reliability per partnership", .serialized)
struct PartnershipReliabilityTests {
    @Test func alphaAndNPerPartnershipMatchARecomputation() throws {
        let job = try SampleJob()
        // Two partnerships: two of the six schools move to a second one.
        let registry = job.folder.appendingPathComponent("Data/registry.yml")
        var text = try String(contentsOf: registry, encoding: .utf8)
        text = text.replacingOccurrences(
            of: "  - {id: P01, name: \"Partnerschap Samen Opleiden Veluwezoom\"}",
            with:
                "  - {id: P01, name: \"Partnerschap Samen Opleiden Veluwezoom\"}\n  - {id: P02, name: \"Partnerschap Rivierenland\"}"
        )
        for school in ["68WG", "58QM"] {
            text = text.replacingOccurrences(of: "{id: \"\(school)\", name:", with: "{id: \"\(school)\", partnership: P02, name:")
                .replacingOccurrences(
                    of: "partnership: P02, name: \"De Brug College\", partnership: P01}",
                    with: "name: \"De Brug College\", partnership: P02}"
                )
                .replacingOccurrences(
                    of: "partnership: P02, name: \"Christelijk College De Linge\", partnership: P01}",
                    with: "name: \"Christelijk College De Linge\", partnership: P02}")
        }
        try text.write(to: registry, atomically: true, encoding: .utf8)
        let configuration = try PipelineConfiguration.load(from: job.configuration)
        #expect(configuration.registry.school("58QM")?.partnership == "P02")
        let forms = try FormIngest(configuration: configuration).run().forms
        var analyzer = Analyzer(configuration: configuration)
        for form in forms { analyzer.add(form) }
        let result = analyzer.finish()

        var checked = 0
        for reliability in result.partnershipReliability {
            let partnership = try #require(reliability.partnership)
            let instrument = try #require(configuration.instruments[reliability.instrument])
            let items = instrument.items.indices.filter { instrument.items[$0].area == reliability.area }
            let complete = forms.filter {
                $0.instrument == reliability.instrument && $0.wave == reliability.wave
                    && configuration.registry.school($0.school)?.partnership == partnership
            }.compactMap { form -> [Double]? in
                let values = items.map { form.scores[$0] }
                return values.contains(nil) ? nil : values.map { Double($0!) }
            }
            #expect(
                reliability.n == complete.count,
                "\(partnership) \(reliability.instrument) \(reliability.area) \(reliability.wave)")
            if let alpha = reliability.alpha, let expected = Self.cronbach(complete) {
                #expect(abs(alpha - expected) < 1e-9)
                checked += 1
            }
        }
        #expect(checked > 20)
        // Per partnership n adds up to the pooled n, which is what the old sheet showed everyone.
        for pooled in result.reliability {
            let parts = result.partnershipReliability.filter {
                $0.instrument == pooled.instrument && $0.area == pooled.area && $0.wave == pooled.wave
            }
            #expect(parts.reduce(0) { $0 + $1.n } == pooled.n)
            #expect(Set(parts.compactMap(\.partnership)) == ["P01", "P02"] || pooled.n == parts.first?.n)
        }

        // The P01 workbook: its own rows name it; the pooled rows follow, labelled.
        let partnership = try #require(configuration.registry.partnership("P01"))
        let url = try TestSupport.temporaryFolder("reliability").appendingPathComponent("p01.xlsx")
        let runInfo = RunInfo(version: "test", runDate: Date(), documentDate: Date(), configurationHash: "", inputs: [])
        try PartnershipWorkbook(
            result: result, configuration: configuration, partnership: partnership, runInfo: runInfo,
            release: .firstNight(of: result, configuration: configuration, runInfo: runInfo)
        )
        .write(to: url)
        let reader = try WorkbookReader(path: url)
        let own = result.partnershipReliability.filter { $0.partnership == "P01" }
        let rows = Set(reader.cells("Betrouwbaarheid").map(\.row)).filter { $0 > 4 }.sorted()
        #expect(rows.count == own.count + result.reliability.count)
        for (index, row) in rows.enumerated() {
            let expected = index < own.count ? own[index] : result.reliability[index - own.count]
            #expect(
                reader.cell("Betrouwbaarheid", row, 1)?.value
                    == (index < own.count ? partnership.name : "alle partnerschappen samen"))
            #expect(reader.cell("Betrouwbaarheid", row, 6)?.value == String(expected.n))
        }
    }

    /// Cronbach's alpha from its definition, with sample variances.
    static func cronbach(_ rows: [[Double]]) -> Double? {
        guard rows.count >= 2, let k = rows.first?.count, k >= 2 else { return nil }
        func variance(_ values: [Double]) -> Double {
            let mean = values.reduce(0, +) / Double(values.count)
            return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        }
        let itemVariances = (0..<k).map { index in variance(rows.map { $0[index] }) }.reduce(0, +)
        let total = variance(rows.map { $0.reduce(0, +) })
        guard total > 0 else { return nil }
        return Double(k) / Double(k - 1) * (1 - itemVariances / total)
    }
}
