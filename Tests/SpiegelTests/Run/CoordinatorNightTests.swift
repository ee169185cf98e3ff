import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

/// Exit codes that separate a routine night from one that needs the coordinator, and sources that yield
/// nothing stopping the run (docs/operations.md, "Exit codes").
@Suite("The coordinator's night: exit codes", .serialized)
struct NightExitCodeTests {
    /// The reasons the coordinator need not act on, written down here independently of the code's rule.
    static let routine: Set<String> = ["blank-row", "superseded"]

    static func quarantine(of job: SampleJob) throws -> [[String]] {
        Array(try ResearchChecks.parseCSV(job.latest.appendingPathComponent("quarantine.csv")).dropFirst())
    }

    @Test func aCopyOfTheSampleWhoseOnlyQuarantinedRowsAreRoutineExitsZero() throws {
        let job = try SampleJob()
        let planted = job.run()
        // Positive control: the shipped sample plants unknown schools, unknown wpbs and out-of-range answers.
        #expect(planted.status == .actionNeeded)
        #expect(planted.status.rawValue == 3)
        #expect(planted.summary.contains("Needs your action: 20 rows (out-of-range 10, unknown-school 4, unknown-subject 6)"))
        let rows = try Self.quarantine(of: job)
        let action = rows.filter { !Self.routine.contains($0[2]) }
        #expect(Set(action.map { $0[2] }) == ["out-of-range", "unknown-school", "unknown-subject"])
        // Remove exactly those rows (each a single physical line) from the copy's exports.
        var byFile: [String: Set<Int>] = [:]
        for row in action {
            #expect(!row[5].contains("\n"), "the planted rows are one line each")
            byFile[row[0], default: []].insert(try #require(Int(row[1])))
        }
        for (file, lines) in byFile {
            let url = job.folder.appendingPathComponent(file)
            // Bytes split at LF (a Swift String would keep CRLF as one character); CR stays with its line.
            let physical = try Data(contentsOf: url).split(separator: 0x0A, omittingEmptySubsequences: false)
            let kept = physical.enumerated().filter { !lines.contains($0.offset + 1) }.map { Data($0.element) }
            try Data(kept.joined(separator: [0x0A])).write(to: url)
        }

        let clean = job.run()
        #expect(clean.status == .success, "\(clean.summary)")
        #expect(clean.status.rawValue == 0)
        #expect(!clean.summary.contains("Needs your action"))
        #expect(clean.summary.contains("Set aside, no action needed: 23 rows (blank-row 10, superseded 13)"))
        let left = try Self.quarantine(of: job)
        #expect(left.count == 23, "routine rows are still listed in the quarantine")
        #expect(Set(left.map { $0[2] }) == Self.routine)
        #expect(Set(left.map { $0[3] }) == ["no"])
    }

    @Test func makeRunTreatsTheActionNeededCodeAsSuccess() throws {
        let makefile = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("Makefile"), encoding: .utf8)
        let recipe = try #require(makefile.components(separatedBy: "\n").first { $0.contains("spiegel run") })
        #expect(recipe.hasSuffix("|| [ $$? -eq \(ExitStatus.actionNeeded.rawValue) ]"))
        // And the shell accepts exactly that code.
        for (code, accepted) in [(0, true), (3, true), (65, false), (70, false)] {
            let status = try Self.shell("(exit \(code)) || [ $? -eq \(ExitStatus.actionNeeded.rawValue) ]")
            #expect((status == 0) == accepted, "exit \(code)")
        }
    }

    @Test func theREADMEAndRunHelpListEveryCode() throws {
        let readme = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let help = try TestSupport.run(SampleJob.executable, arguments: ["run", "--help"])
            .components(separatedBy: .whitespacesAndNewlines).filter { !$0.isEmpty }.joined(separator: " ")
        for status in ExitStatus.allCases {
            #expect(readme.contains("| \(status.rawValue) | \(status.meaning) |"), "README: \(status)")
            #expect(help.contains("\(status.rawValue) \(status.meaning)"), "--help: \(status)")
        }
    }

    static func shell(_ command: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Publishes the sample, breaks it with `damage`, runs again: 65, the message, and `latest` unchanged.
    func expectStops(_ damage: (SampleJob) throws -> Void, saying expected: [String]) throws {
        let job = try SampleJob()
        #expect(job.run().status == .actionNeeded)
        let before = try SampleJob.snapshot(of: job.latest)
        try damage(job)
        let outcome = job.run()
        #expect(outcome.status == .inputError, "\(outcome.summary)")
        #expect(outcome.status.rawValue == 65)
        for text in expected { #expect(outcome.summary.contains(text), "\(text) in \(outcome.summary)") }
        #expect(outcome.summary.contains("The previously published reports are unchanged"))
        #expect(try SampleJob.snapshot(of: job.latest) == before)
        #expect(!FileManager.default.fileExists(atPath: job.reports.appendingPathComponent(".staging").path))
    }

    @Test func aTypoInAGlobStopsTheRunNamingTheSource() throws {
        try expectStops(
            { job in
                let text = try String(contentsOf: job.configuration, encoding: .utf8)
                    .replacingOccurrences(
                        of: "Data/exports/zelfscan-wpb-msforms-*.csv", with: "Data/export/zelfscan-wpb-msforms-*.csv")
                try text.write(to: job.configuration, atomically: true, encoding: .utf8)
            },
            saying: ["source 'zelfscan-wpb-msforms': no file matches 'Data/export/zelfscan-wpb-msforms-*.csv'", "optional: true"])
    }

    @Test func anExportReplacedByAFolderOrADanglingLinkStopsTheRunNamingTheFile() throws {
        try expectStops(
            { job in
                let exports = job.folder.appendingPathComponent("Data/exports")
                let folder = exports.appendingPathComponent("zelfscan-wpb-msforms-2025-2026-najaar.csv")
                try FileManager.default.removeItem(at: folder)
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
                let link = exports.appendingPathComponent("feedback-student-googleforms-2025-2026-najaar.csv")
                try FileManager.default.removeItem(at: link)
                try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "gone.csv")
            },
            saying: [
                "2 sources give nothing to use",
                "Data/exports/zelfscan-wpb-msforms-2025-2026-najaar.csv is a folder, not an export file",
                "Data/exports/feedback-student-googleforms-2025-2026-najaar.csv is a link to gone.csv, which does not exist",
            ])
    }

    @Test func anExportThatIsALoopOfLinksIsNamedAsALoopNotAsMissing() throws {
        try expectStops(
            { job in
                let exports = job.folder.appendingPathComponent("Data/exports")
                let link = exports.appendingPathComponent("feedback-student-googleforms-2025-2026-najaar.csv")
                try FileManager.default.removeItem(at: link)
                try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "loop.csv")
                try FileManager.default.createSymbolicLink(
                    atPath: exports.appendingPathComponent("loop.csv").path,
                    withDestinationPath: "feedback-student-googleforms-2025-2026-najaar.csv")
            },
            saying: [
                "feedback-student-googleforms-2025-2026-najaar.csv is a link to loop.csv in a loop of links that never reaches a file"
            ])
    }

    /// Every self-scan row names a school by a column that holds people's names: nothing is usable.
    static func schoolFromTheNameColumn(_ text: String) -> String {
        text.replacingOccurrences(
            of: "respondent: \"E-mail\"\n      school: \"School\"",
            with: "respondent: \"E-mail\"\n      school: \"Naam\"")
    }

    @Test func aSourceWithNoUsableRowStopsTheRun() throws {
        try expectStops(
            { job in
                let text = Self.schoolFromTheNameColumn(try String(contentsOf: job.configuration, encoding: .utf8))
                #expect(text.contains("school: \"Naam\""))
                try text.write(to: job.configuration, atomically: true, encoding: .utf8)
            },
            saying: [
                "source 'zelfscan-wpb-msforms': none of the 121 rows in its 2 files can be used (unknown-school 117, blank-row 2, unknown-subject 2)"
            ])
    }

    @Test func anOptionalSourceMayYieldNothing() throws {
        let job = try SampleJob { text in
            Self.schoolFromTheNameColumn(text)
                .replacingOccurrences(
                    of: "    instrument: zelfscan-wpb\n", with: "    instrument: zelfscan-wpb\n    optional: true\n"
                )
                .replacingOccurrences(of: "Data/exports/scan-opleidingsschool-io-googleforms-*.csv", with: "Data/later/io-*.csv")
                .replacingOccurrences(
                    of: "    role: instituutsopleider\n", with: "    role: instituutsopleider\n    optional: true\n")
        }
        let outcome = job.run()
        #expect(outcome.published != nil, "\(outcome.summary)")
        #expect(outcome.status == .actionNeeded, "the unknown schools still need action")
        #expect(outcome.summary.contains("source 'zelfscan-wpb-msforms': none of the 121 rows"))
        #expect(outcome.summary.contains("no file matches 'Data/later/io-*.csv'"))
        #expect(outcome.summary.contains("(optional source"))
    }

    @Test func aMissingConfigurationGetsTheSameFriendlyMessageInEveryCommand() throws {
        let folder = try TestSupport.temporaryFolder("no-config")
        let missing = folder.appendingPathComponent("Pipeline.yml")
        let run = PipelineRun(options: .init(configurationFile: missing)).execute()
        let check = ConfigurationCheck(configurationFile: missing).perform()
        let expected = "No configuration file at \(missing.path)"
        for (name, status, text) in [("run", run.status, run.summary), ("check", check.status, check.text)] {
            #expect(status == .configurationError, "\(name)")
            #expect(status.rawValue == 78)
            #expect(text.contains(expected), "\(name): \(text)")
            #expect(text.contains("--config"))
            #expect(!text.contains("NSCocoaErrorDomain"))
        }
    }
}

/// `spiegel check`: every problem of every file in one pass, per-source counts, warnings for what maps to nothing.
@Suite("spiegel check reports everything at once", .serialized)
struct CheckEverythingTests {
    @Test func threeBrokenExportsArePrintedInOneRun() throws {
        let job = try SampleJob()
        let exports = job.folder.appendingPathComponent("Data/exports")
        let fm = FileManager.default
        // 1. a folder where an export should be
        let folder = exports.appendingPathComponent("zelfscan-wpb-msforms-2025-2026-najaar.csv")
        try fm.removeItem(at: folder)
        try fm.createDirectory(at: folder, withIntermediateDirectories: false)
        // 2. a dangling link
        let link = exports.appendingPathComponent("feedback-student-googleforms-2025-2026-voorjaar.csv")
        try fm.removeItem(at: link)
        try fm.createSymbolicLink(atPath: link.path, withDestinationPath: "weg.csv")
        // 3. an export whose time column was renamed by one letter
        let renamed = exports.appendingPathComponent("feedback-schoolopleider-limesurvey-2025-2026-najaar.csv")
        let text = try String(contentsOf: renamed, encoding: .utf8)
        try text.replacingOccurrences(of: "submitdate", with: "submitdat").write(to: renamed, atomically: true, encoding: .utf8)

        let outcome = ConfigurationCheck(configurationFile: job.configuration).perform()
        #expect(outcome.status == .inputError)
        #expect(outcome.status.rawValue == 65)
        #expect(outcome.text.contains("The job cannot run: 3 problems:"))
        #expect(outcome.text.contains("zelfscan-wpb-msforms-2025-2026-najaar.csv is a folder"))
        #expect(
            outcome.text.contains(
                "feedback-student-googleforms-2025-2026-voorjaar.csv is a link to weg.csv, which does not exist"))
        #expect(
            outcome.text.contains(
                "the submitted_at column 'submitdate' of source 'feedback-schoolopleider-limesurvey' is not in the header; did you mean 'submitdat'?"
            ))
        #expect(!outcome.text.contains("The job can run"))
        // The files that are fine are still counted.
        #expect(outcome.text.contains("Data/exports/zelfscan-wpb-msforms-2025-2026-voorjaar.csv: UTF-8 with BOM, ';', CRLF"))
        #expect(!FileManager.default.fileExists(atPath: job.reports.path), "check writes nothing")
    }

    @Test func aSourceThatWouldYieldNothingNeverCanRun() throws {
        let job = try SampleJob { NightExitCodeTests.schoolFromTheNameColumn($0) }
        let outcome = ConfigurationCheck(configurationFile: job.configuration).perform()
        #expect(outcome.status == .inputError)
        #expect(outcome.text.contains("→ 0 of 121 rows usable: a run would stop here"))
        #expect(outcome.text.contains("source 'zelfscan-wpb-msforms': none of the 121 rows"))
        #expect(!outcome.text.contains("The job can run"))
        // Positive control: the shipped sample can run, with per-source usable counts.
        let shipped = ConfigurationCheck(configurationFile: try SampleJob().configuration).perform()
        #expect(shipped.status == .actionNeeded, "can run, with the sample's planted rows needing action, as a run says")
        #expect(shipped.text.contains("→ 115 of 121 rows usable"))
    }

    @Test func unmappedColumnsAndUnsuppliedOpenQuestionsAreWarned() throws {
        // Without the positions, the five feed-forward questions share one header text: none can be placed.
        let job = try SampleJob { text in
            text.components(separatedBy: "\n").filter { !$0.contains("open_questions: {S-FF1") }.joined(separator: "\n")
        }
        let outcome = ConfigurationCheck(configurationFile: job.configuration).perform()
        #expect(outcome.status == .actionNeeded)
        #expect(
            outcome.text.contains(
                "open question S-FF1 of source 'feedback-student-googleforms' is not read: several columns match it (38, 39, 40, 41, 42)"
            ))
        #expect(outcome.text.contains("columns read by nothing: 'Id', 'Begintijd', 'Naam'"))
        // The run says it too, and exits with the action code.
        let run = job.run()
        #expect(run.summary.contains("open question S-FF3 of source 'feedback-student-googleforms' is not read"))
        // Positive control: with the positions mapped, no such warning.
        let mapped = ConfigurationCheck(configurationFile: try SampleJob().configuration).perform()
        #expect(!mapped.text.contains("is not read"))
    }
}

/// Messages that say what was probably meant.
@Suite("Suggestions", .serialized)
struct SuggestionTests {
    @Test func aWrongColumnNameGetsTheNearestHeader() throws {
        let job = try SampleJob { $0.replacingOccurrences(of: "subject: \"wpb\"", with: "subject: \"wbp\"") }
        let outcome = job.run()
        #expect(outcome.status == .inputError)
        #expect(
            outcome.summary.contains(
                "the subject column 'wbp' of source 'feedback-schoolopleider-limesurvey' is not in the header; did you mean 'wpb'?"
            ))
    }

    @Test func anUnknownSubjectOneLetterOffARosterIDGetsDidYouMean() throws {
        let job = try SampleJob()
        let export = job.folder.appendingPathComponent("Data/exports/feedback-student-googleforms-2025-2026-najaar.csv")
        let text = try String(contentsOf: export, encoding: .utf8)
        #expect(text.contains(",e.nguyen@hethoogveld-12ac.example,"))
        try text.replacingOccurrences(of: ",e.nguyen@hethoogveld-12ac.example,", with: ",e.nguyem@hethoogveld-12ac.example,")
            .write(to: export, atomically: true, encoding: .utf8)
        _ = job.run()
        let rows = try NightExitCodeTests.quarantine(of: job).filter { $0[2] == "unknown-subject" }
        let typo = rows.filter { $0[4].hasPrefix("'e.nguyem@hethoogveld-12ac.example'") }
        #expect(!typo.isEmpty)
        for row in typo { #expect(row[4].contains("did you mean 'e.nguyen@hethoogveld-12ac.example'?")) }
        // Positive control: the planted newcomer is near no one and keeps the roster advice.
        let newcomer = try #require(rows.first { $0[4].hasPrefix("'j.nieuwkomer@onbekend.example'") })
        #expect(newcomer[4].contains("add them to the roster"))
        #expect(!newcomer[4].contains("did you mean"))
    }

    @Test func twoEquallyNearRosterIDsGiveNoGuess() {
        let registry = Registry(
            partnerships: [Partnership(id: "P", name: "P")], schools: [School(id: "S", name: "S", partnership: "P")],
            roster: [RosterEntry(supervisor: "a.bos@x.nl", school: "S"), RosterEntry(supervisor: "b.bos@x.nl", school: "S")])
        let directory = SchoolDirectory(registry: registry)
        #expect(directory.nearestRosterEntry(to: "c.bos@x.nl") == nil)
        #expect(directory.nearestRosterEntry(to: "a.bos@x.n") == "a.bos@x.nl")
        #expect(directory.nearestRosterEntry(to: "zz.boss@y.com") == nil)
    }
}
