import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel
@testable import SyntheticData

/// The research folder loaded the way researchers' tools load it by default: DuckDB and pandas guess every
/// column's type right, the SPSS syntax is valid and reads the wide table, the R script reads every table with
/// types and labels (docs/research-data.md, "Loading").
@Suite("Research folder in DuckDB, pandas, SPSS and R", .serialized)
struct ResearchReaderTests {
    private static let rscript = ResearchReaderChecks.program("Rscript")
    private static let pspp = ResearchReaderChecks.program("pspp")

    private func fixtureFolder(options: ResearchExport.Options = .init(includeFreeText: true)) throws -> URL {
        let folder = try TestSupport.temporaryFolder("research-readers").appendingPathComponent("research")
        try ResearchFixture.export(options: options).write(ResearchFixture.result(), forms: ResearchFixture.forms(), to: folder)
        return folder
    }

    /// The research folder of a generated job with `subjects` wpbs over two waves.
    private func generatedFolder(subjects: Int) throws -> URL {
        let folder = try TestSupport.temporaryFolder("research-generated")
        try GeneratedJob.write(subjects: subjects, waves: 2, seed: 16, to: folder)
        let outcome = PipelineRun(options: .init(configurationFile: folder.appendingPathComponent("Pipeline.yml"))).execute()
        #expect(outcome.published != nil, "\(outcome.summary)")
        return folder.appendingPathComponent("Reports/latest/research")
    }

    @Test("DuckDB and pandas read_csv defaults infer every column of the fixture's folder as the codebook types it")
    func typesOfTheFixture() throws {
        let report = try ResearchReaderChecks.inferredTypes(in: fixtureFolder())
        #expect(report.problems == [])
        #expect(report.columnsChecked > 90)
    }

    @Test("... on the sample run and on a generated set of 1,500 wpbs, whose first rows decide the guess")
    func typesOfLargeFolders() throws {
        let job = try SampleJob()
        _ = job.run()
        let sample = try ResearchReaderChecks.inferredTypes(in: job.latest.appendingPathComponent("research"))
        #expect(sample.problems == [])
        let generated = try generatedFolder(subjects: 1500)
        let rows = try ResearchChecks.parseCSV(generated.appendingPathComponent("subject_scores.csv")).count - 1
        #expect(rows > 10_000, "big enough that a column empty in the first rows would be guessed wrong")
        let report = try ResearchReaderChecks.inferredTypes(in: generated)
        #expect(report.problems == [], "\(report.problems.prefix(10))")
        #expect(report.columnsChecked == sample.columnsChecked)
    }

    @Test("the type check catches a column empty in its first 30,000 rows and whole numbers in a number column")
    func typeCheckCanFail() throws {
        let folder = try TestSupport.temporaryFolder("types-control")
        // The 2.0.0 layout's trouble: instituutsopleider values only after thousands of wpb rows.
        var late = "id,instituutsopleider\r\n"
        for id in 1...30_000 { late += "\(id),\r\n" }
        late += "30001,4.5\r\n"
        try late.write(to: folder.appendingPathComponent("late.csv"), atomically: true, encoding: .utf8)
        try "id,mean\r\n1,5\r\n2,6\r\n".write(to: folder.appendingPathComponent("whole.csv"), atomically: true, encoding: .utf8)
        let package = #"""
            {"resources": [
              {"name": "late", "path": "late.csv", "schema": {"fields": [{"name": "id", "type": "integer"}, {"name": "instituutsopleider", "type": "number"}]}},
              {"name": "whole", "path": "whole.csv", "schema": {"fields": [{"name": "id", "type": "integer"}, {"name": "mean", "type": "number"}]}}
            ]}
            """#
        try package.write(to: folder.appendingPathComponent("datapackage.json"), atomically: true, encoding: .utf8)
        let report = try ResearchReaderChecks.inferredTypes(in: folder)
        #expect(report.problems.contains { $0.hasPrefix("late.csv") }, "\(report.problems)")
        #expect(report.problems.contains("whole.csv mean: codebook number, pandas int64"), "\(report.problems)")
        #expect(report.problems.contains("whole.csv mean: codebook number, duckdb BIGINT"), "\(report.problems)")
    }

    @Test("waves.csv and areas.csv name every wave and area the other tables use, with dates and display names")
    func wavesAndAreas() throws {
        let folder = try fixtureFolder()
        let waves = try ResearchChecks.parseCSV(folder.appendingPathComponent("waves.csv"))
        #expect(waves == [["wave", "label", "start", "end"], ["2025-najaar", "2025 najaar", "2025-08-01", "2026-01-31"]])
        let areas = try ResearchChecks.parseCSV(folder.appendingPathComponent("areas.csv"))
        #expect(
            areas == [
                ["area", "scope", "position", "name", "short_name"],
                ["agogisch", "wpb", "1", "Agogische bekwaamheden — de begeleider", "Begeleider"],
                ["ontwikkeling", "wpb", "2", "Ontwikkelingsbekwaam", "Ontwikkeling"],
            ])
        // The keys are declared, so frictionless rejects an area that areas.csv lacks.
        try ResearchChecks.validateDataPackage(in: folder)
        let items = folder.appendingPathComponent("items.csv")
        let text = try String(contentsOf: items, encoding: .utf8)
        try text.replacingOccurrences(of: ",ontwikkeling,Ik ontwikkel", with: ",ontwikkelen,Ik ontwikkel")
            .write(to: items, atomically: true, encoding: .utf8)
        let failure = #expect(throws: TestSupport.ProcessFailure.self) { try ResearchChecks.validateDataPackage(in: folder) }
        #expect((failure?.stdout ?? "").contains("foreign-key") || (failure?.stdout ?? "").contains("constraint"))
    }

    @Test("a configured wave label reaches waves.csv; a school year is called Schooljaar")
    func waveTitles() {
        let day = Day(year: 2025, month: 9, day: 1)
        #expect(Wave.schoolYear(containing: day).displayName == "Schooljaar 2025–2026")
        #expect(Wave(id: "voormeting", start: day, end: day).displayName == "Voormeting")
        #expect(
            Wave(id: "voormeting", start: day, end: day, label: "Voormeting najaar 2025").displayName == "Voormeting najaar 2025")
    }

    @Test("subject_wide.csv is subject_scores.csv pivoted (checked in Python), gap categories coded −1, 0, 1")
    func wideTable() throws {
        let folder = try fixtureFolder()
        let output = try TestSupport.runPython(
            #"""
            import csv, sys
            folder = sys.argv[1]
            def rows(name):
                with open(f'{folder}/{name}', newline='', encoding='utf-8') as f:
                    return list(csv.DictReader(f))
            codes = {'onderschatting': '-1', 'in_overeenstemming': '0', 'overschatting': '1', '': ''}
            measures = ['self', 'student', 'schoolopleider', 'feedback', 'gap', 'gap_student', 'gap_schoolopleider']
            expected = {}
            for r in rows('subject_scores.csv'):
                row = expected.setdefault((r['subject_pid'], r['wave']), {})
                for m in measures:
                    row[f'{r["area"]}_{m}'] = r[m]
                row[f'{r["area"]}_gap_category'] = codes[r['gap_category']]
            wide = rows('subject_wide.csv')
            problems = [f'{w["subject_pid"]} {k}: {w[k]!r} != {v!r}'
                        for w in wide for k, v in expected[(w['subject_pid'], w['wave'])].items() if w[k] != v]
            print(len(wide), len(expected), len(wide[0]) if wide else 0, problems)
            """#, arguments: [folder.path])
        // 4 wpbs in one wave; 4 key columns + 2 areas × 8 measures.
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "4 4 20 []")
    }

    @Test("school_scores.csv holds the training-school scan; subject_scores.csv only wpbs, without empty IO columns")
    func schoolScores() throws {
        let job = try SampleJob()
        _ = job.run()
        let research = job.latest.appendingPathComponent("research")
        let scores = try ResearchChecks.parseCSV(research.appendingPathComponent("subject_scores.csv"))
        #expect(!(scores.first ?? []).contains("instituutsopleider"))
        let school = try ResearchChecks.parseCSV(research.appendingPathComponent("school_scores.csv"))
        #expect(
            school.first == ["school_id", "partnership_id", "wave", "area", "self", "instituutsopleider", "gap", "gap_category"])
        // Six schools × eight conditions × two waves at most, and the IO column filled on some rows.
        #expect(school.count > 1 && school.count <= 1 + 6 * 8 * 2)
        #expect(school.dropFirst().contains { !$0[5].isEmpty })
        let areas = try ResearchChecks.parseCSV(research.appendingPathComponent("areas.csv")).dropFirst().map { $0[0] }
        #expect(Set(school.dropFirst().map { $0[3] }).isSubset(of: Set(areas)))
    }

    @Test("the SPSS syntax parses: valid names, the CSV's header, every value label a real code")
    func spssSyntax() throws {
        let fixture = try fixtureFolder()
        #expect(
            try ResearchReaderChecks.spssSyntaxProblems(
                fixture.appendingPathComponent("subject_wide.sps"),
                table: "subject_wide") == [])
        let job = try SampleJob()
        _ = job.run()
        let research = job.latest.appendingPathComponent("research")
        let sps = research.appendingPathComponent("subject_wide.sps")
        #expect(try ResearchReaderChecks.spssSyntaxProblems(sps, table: "subject_wide") == [])
        let syntax = try String(contentsOf: sps, encoding: .utf8)
        // The hyphenated area became a valid name.
        #expect(syntax.contains("    leraar_van_leraren_gap F12.6\r\n"))
        #expect(!syntax.contains("leraar-van-leraren_"))
    }

    @Test("the SPSS check notices an invalid name and a value label for a code the column does not have")
    func spssCheckCanFail() throws {
        let folder = try fixtureFolder()
        let sps = folder.appendingPathComponent("subject_wide.sps")
        let syntax = try String(contentsOf: sps, encoding: .utf8)
        let broken = syntax.replacingOccurrences(of: "    agogisch_self F12.6", with: "    1agogisch-self F12.6")
            .replacingOccurrences(
                of: "    1 'overschatting (blinde vlek)'", with: "    1 'overschatting (blinde vlek)'\r\n    5 'bestaat niet'")
        #expect(broken != syntax)
        try broken.write(to: sps, atomically: true, encoding: .utf8)
        let problems = try ResearchReaderChecks.spssSyntaxProblems(sps, table: "subject_wide")
        #expect(problems.contains("invalid variable name '1agogisch-self'"), "\(problems)")
        #expect(problems.contains { $0.contains("value label for 5") }, "\(problems)")
    }

    @Test("SPSSVariableName makes any area id a valid, unique name")
    func spssNames() {
        #expect(SPSSVariableName.sanitized("leraar-van-leraren_gap") == "leraar_van_leraren_gap")
        #expect(SPSSVariableName.sanitized("2e-fase") == "v2e_fase")
        #expect(SPSSVariableName.sanitized("with") == "with_v")
        #expect(SPSSVariableName.sanitized("ë-ruimte") == "v_ruimte")
        let long = SPSSVariableName.sanitized(String(repeating: "a", count: 80))
        #expect(long.utf8.count == 64 && SPSSVariableName.isValid(long))
        var namer = SPSSVariableName.Namer(taken: ["wave"])
        #expect(namer.name(for: "a-b") == "a_b")
        #expect(namer.name(for: "a b") == "a_b_2")
        #expect(namer.name(for: "WAVE") == "WAVE_2")
        #expect(!SPSSVariableName.isValid("1abc") && !SPSSVariableName.isValid("a-b") && !SPSSVariableName.isValid("BY"))
    }

    @Test(
        "PSPP runs the syntax and reads every row and value of subject_wide.csv",
        .enabled(if: pspp != nil, "pspp is not installed (apt-get install pspp); the syntax is still parsed above"))
    func psppReadsTheWideTable() throws {
        let job = try SampleJob()
        _ = job.run()
        let research = job.latest.appendingPathComponent("research")
        let out = try TestSupport.temporaryFolder("pspp").appendingPathComponent("read.csv")
        let script = research.deletingLastPathComponent().appendingPathComponent("check.sps")
        try """
        INSERT FILE='\(research.appendingPathComponent("subject_wide.sps").path)' CD=YES.
        SAVE TRANSLATE /OUTFILE='\(out.path)' /TYPE=CSV /FIELDNAMES /REPLACE.

        """.write(to: script, atomically: true, encoding: .utf8)
        try TestSupport.run(Self.pspp ?? "pspp", arguments: ["-O", "format=txt", "-o", "/dev/null", script.path])
        let comparison = try TestSupport.runPython(
            #"""
            import csv, sys
            def rows(path):
                with open(path, newline='', encoding='utf-8') as f:
                    return list(csv.DictReader(f))
            original, read = rows(sys.argv[1]), rows(sys.argv[2])
            problems = []
            def number(text):
                try:
                    return float(text)
                except ValueError:
                    return None
            for a, b in zip(original, read):
                for k, v in a.items():
                    w = b[k].strip()
                    if v == '':
                        same = w in ('', '.')  # PSPP writes system-missing as '.' or nothing
                    elif number(v) is not None and number(w) is not None:
                        same = abs(number(v) - number(w)) < 1e-6
                    else:
                        same = v == w
                    if not same: problems.append(f'{a["subject_pid"]} {k}: {v!r} read as {w!r}')
            print(len(original), len(read), problems[:5])
            """#, arguments: [research.appendingPathComponent("subject_wide.csv").path, out.path])
        let parts = comparison.split(separator: " ", maxSplits: 2).map(String.init)
        #expect(parts.count == 3 && parts[0] == parts[1] && Int(parts[0]) ?? 0 > 50, "\(comparison)")
        #expect(parts.last?.trimmingCharacters(in: .whitespacesAndNewlines) == "[]", "\(comparison)")
    }

    /// Runs `read_spiegel` on `folder` and prints one line per column: table, column, class, whether it has a
    /// variable label, its value labels' codes.
    private func rDescription(of folder: URL) throws -> [String] {
        let script = #"""
            source(file.path(commandArgs(TRUE)[1], "spiegel.R"))
            tables <- read_spiegel(commandArgs(TRUE)[1])
            for (name in names(tables)) {
              d <- tables[[name]]
              cat(name, "rows", nrow(d), "\n")
              for (column in names(d)) {
                x <- d[[column]]
                cat(name, column, class(x)[1], !is.null(attr(x, "label")), paste(attr(x, "labels"), collapse = ","),
                    if (is.factor(x)) sum(is.na(x) & !is.na(as.character(x))) else "", "\n")
              }
            }
            """#
        let file = try TestSupport.temporaryFolder("r").appendingPathComponent("describe.R")
        try script.write(to: file, atomically: true, encoding: .utf8)
        return try TestSupport.run(Self.rscript ?? "Rscript", arguments: [file.path, folder.path])
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test(
        "the shipped R script reads every table with the codebook's types, factor levels and labels",
        .enabled(if: rscript != nil, "Rscript is not installed (apt-get install r-base-core); .ci/run installs it"))
    func rReadsTheFolder() throws {
        let job = try SampleJob()
        _ = job.run()
        let research = job.latest.appendingPathComponent("research")
        let lines = try rDescription(of: research)
        let codebook = try ResearchChecks.parseCSV(research.appendingPathComponent("codebook.csv")).dropFirst()
        let expectedClass = [
            "string": ["character", "factor", "ordered"], "integer": ["integer"], "number": ["numeric"],
            "boolean": ["logical"], "date": ["Date"], "datetime": ["POSIXct"],
        ]
        var checked = 0
        for entry in codebook {
            let table = String(entry[0].dropLast(4)), column = entry[1], type = entry[2]
            let line = lines.first { $0.hasPrefix("\(table) \(column) ") }
            let fields = line?.split(separator: " ", omittingEmptySubsequences: false).map(String.init) ?? []
            #expect(fields.count >= 4, "\(table).\(column) not read by R")
            guard fields.count >= 4 else { continue }
            #expect(expectedClass[type]?.contains(fields[2]) == true, "\(table).\(column): \(type) read as \(fields[2])")
            #expect(fields[3] == "TRUE", "\(table).\(column) has no variable label")
            checked += 1
        }
        #expect(checked == codebook.count)
        // Row counts as Python's csv module counts them.
        for table in ["forms", "responses", "subject_wide", "school_scores"] {
            let rows = try ResearchChecks.parseCSV(research.appendingPathComponent(table + ".csv")).count - 1
            #expect(lines.contains("\(table) rows \(rows)"), "\(table): \(rows) rows")
        }
        #expect(lines.contains { $0.hasPrefix("responses score integer TRUE 1,2,3,4,5,6,7") })
        #expect(lines.contains { $0.hasPrefix("subject_wide agogisch_gap_category integer TRUE -1,0,1") })
        #expect(lines.contains { $0.hasPrefix("subject_scores gap_category ordered TRUE") })
    }

    @Test(
        "the R script stops with the column's name when a value is not in the codebook",
        .enabled(if: rscript != nil, "Rscript is not installed (apt-get install r-base-core); .ci/run installs it"))
    func rRejectsUnknownValues() throws {
        let folder = try fixtureFolder()
        let forms = folder.appendingPathComponent("forms.csv")
        let text = try String(contentsOf: forms, encoding: .utf8)
        try text.replacingOccurrences(of: ",student,", with: ",leerling,").write(to: forms, atomically: true, encoding: .utf8)
        let failure = #expect(throws: TestSupport.ProcessFailure.self) { try rDescription(of: folder) }
        #expect(failure?.stderr.contains("column role: leerling not in the codebook") == true, "\(failure?.stderr ?? "")")
    }
}
