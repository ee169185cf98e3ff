import Foundation
import SpiegelTestSupport
import Testing

@testable import Spiegel

@Suite("Research export")
struct ResearchExportTests {
    /// Exports the fixture into a fresh folder and returns it.
    private func exported(
        key: String = ResearchFixture.keyText, wave: String = ResearchFixture.wave,
        options: ResearchExport.Options = .init()
    ) throws -> URL {
        let folder = try TestSupport.temporaryFolder("research").appendingPathComponent("research")
        try ResearchFixture.export(key: key, options: options)
            .write(ResearchFixture.result(wave: wave), forms: ResearchFixture.forms(wave: wave), to: folder)
        return folder
    }

    private func table(_ folder: URL, _ file: String) throws -> [[String: String]] {
        let rows = try ResearchChecks.parseCSV(folder.appendingPathComponent(file))
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    @Test("writes the standard files and nothing else; the header rows are as specified")
    func files() throws {
        let folder = try exported()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(
            files == [
                "README.md", "aggregates.csv", "areas.csv", "codebook.csv", "datapackage.json", "forms.csv", "items.csv",
                "responses.csv", "scale_labels.csv", "school_scores.csv", "spiegel.R", "subject_scores.csv",
                "subject_wide.csv", "subject_wide.sps", "waves.csv",
            ])
        func header(_ file: String) throws -> [String] {
            try ResearchChecks.parseCSV(folder.appendingPathComponent(file)).first ?? []
        }
        #expect(
            try header("forms.csv") == [
                "form_id", "source", "instrument", "wave", "role", "respondent_pid", "subject_pid",
                "school_id", "partnership_id", "submitted_on", "scope",
            ])
        #expect(try header("responses.csv") == ["form_id", "item", "score"])
        #expect(try header("items.csv") == ["instrument", "item", "position", "area", "text", "mirrors"])
        #expect(
            try header("subject_scores.csv") == [
                "subject_pid", "school_id", "partnership_id", "wave", "area",
                "self", "student", "schoolopleider", "feedback", "gap",
                "gap_category", "gap_student", "gap_schoolopleider",
            ])
        #expect(try header("waves.csv") == ["wave", "label", "start", "end"])
        #expect(try header("areas.csv") == ["area", "scope", "position", "name", "short_name"])
        #expect(try header("scale_labels.csv") == ["instrument", "source", "score", "label"])
        #expect(
            try header("aggregates.csv").prefix(16) == [
                "level", "unit_id", "wave", "area", "measure", "n", "mean", "sd",
                "median", "min", "max", "share_overschatting",
                "share_in_overeenstemming", "share_onderschatting",
                "suppressed", "suppression_reason",
            ])
    }

    @Test("forms.csv: one row per form, numbered in the order given, with its source and attributes")
    func formsTable() throws {
        let folder = try exported()
        let forms = try table(folder, "forms.csv")
        #expect(forms.count == 11)
        #expect(forms.map(\.["form_id"]) == (1...11).map { String($0) })
        // The fixture numbers its lines 2, 3, … in the order of the forms.
        #expect(forms.map(\.["source"]) == ResearchFixture.forms().map { "\($0.instrument)-export.csv:\($0.origin.line)" })
        let pseudonymizer = Pseudonymizer(key: try PseudonymKey(text: ResearchFixture.keyText))
        let anna = pseudonymizer.pseudonym(for: ResearchFixture.anna)
        #expect(
            forms.first == [
                "form_id": "1", "source": "zelfscan-wpb-export.csv:2", "instrument": "zelfscan-wpb",
                "wave": "2025-najaar", "role": "self", "respondent_pid": anna, "subject_pid": anna,
                "school_id": "01AB", "partnership_id": "P01",
                // 1_759_300_000 + 2 × 3600 s = 2025-10-01 08:26:40 UTC, 10:26 in Amsterdam: the day only.
                "submitted_on": "2025-10-01", "scope": "wpb",
            ])
        // Form 5: student 1 about Anna.
        #expect(forms[4]["role"] == "student" && forms[4]["subject_pid"] == anna)
        #expect(forms[4]["respondent_pid"] == pseudonymizer.pseudonym(for: ResearchFixture.student1))
    }

    @Test("responses.csv: form_id, item, score; one row per form × item, unanswered items with an empty score")
    func responses() throws {
        let folder = try exported()
        let rows = try table(folder, "responses.csv")
        // 4 self-scans × 3 items + 4 student forms × 2 + 3 schoolopleider forms × 3.
        #expect(rows.count == 29)
        let annasSelfScan = rows.filter { $0["form_id"] == "1" }
        #expect(annasSelfScan.map { $0["item"] } == ["Z01", "Z02", "Z03"])
        #expect(annasSelfScan.map { $0["score"] } == ["6", "4", "5"])
        // Carla's self-scan (form 3) left Z03 open; student 2 (form 6) left S02 open.
        #expect(rows.filter { $0["form_id"] == "3" }.map { $0["score"] } == ["7", "6", ""])
        #expect(rows.filter { $0["form_id"] == "6" }.map { $0["score"] } == ["2", ""])
        // The last form, the schoolopleider about Carla, is form 11 with O01–O03.
        #expect(
            rows.suffix(3).map { [$0["form_id"], $0["item"], $0["score"]] }
                == [["11", "O01", "5"], ["11", "O02", "6"], ["11", "O03", "3"]])
    }

    @Test("items.csv: every item of every instrument with its position, area, wording and mirrored item")
    func items() throws {
        let folder = try exported()
        let rows = try table(folder, "items.csv")
        // 3 schoolopleider items, 2 student items, 3 self-scan items, instruments in id order.
        #expect(
            rows.map { "\($0["instrument"] ?? "")/\($0["item"] ?? "")/\($0["position"] ?? "")" } == [
                "feedback-schoolopleider/O01/1", "feedback-schoolopleider/O02/2", "feedback-schoolopleider/O03/3",
                "feedback-student/S01/1", "feedback-student/S02/2",
                "zelfscan-wpb/Z01/1", "zelfscan-wpb/Z02/2", "zelfscan-wpb/Z03/3",
            ])
        let o03 = rows.first { $0["item"] == "O03" }
        #expect(o03?["area"] == "ontwikkeling" && o03?["text"] == "De wpb ontwikkelt ..." && o03?["mirrors"] == "Z03")
        #expect(rows.first { $0["item"] == "S01" }?["mirrors"] == "")
    }

    @Test("the form tables fit together: form_id ↔ source one-to-one, every form's items, no stray form_id")
    func formTables() throws {
        let folder = try exported(options: .init(includeFreeText: true))
        let report = try ResearchChecks.checkFormTables(in: folder)
        #expect(report.problems == [])
        #expect(report.forms == 11)
        #expect(report.responses == 29)
        #expect(report.expectedResponses == 29)
        #expect(report.itemsPerInstrument == ["zelfscan-wpb": 3, "feedback-student": 2, "feedback-schoolopleider": 3])
    }

    @Test("the form-table check notices a missing item row, a stray form_id and a repeated source")
    func formTablesCanFail() throws {
        let folder = try exported()
        let responses = folder.appendingPathComponent("responses.csv")
        var text = try String(contentsOf: responses, encoding: .utf8)
        text = text.replacingOccurrences(of: "1,Z02,4\r\n", with: "")
        text += "12,Z01,5\r\n"
        try text.write(to: responses, atomically: true, encoding: .utf8)
        let forms = folder.appendingPathComponent("forms.csv")
        let formText = try String(contentsOf: forms, encoding: .utf8)
        try formText.replacingOccurrences(of: "zelfscan-wpb-export.csv:3,", with: "zelfscan-wpb-export.csv:2,")
            .write(to: forms, atomically: true, encoding: .utf8)
        let report = try ResearchChecks.checkFormTables(in: folder)
        #expect(report.responses == 29)
        #expect(report.problems.count == 3)
        #expect(report.problems.contains { $0.hasPrefix("form 1 ") })
        #expect(report.problems.contains { $0.contains("form_id 12 is not in forms.csv") })
        #expect(report.problems.contains { $0.contains("source zelfscan-wpb-export.csv:2") })
    }

    @Test("comments.csv refers to forms by form_id and keeps only question, area and text")
    func comments() throws {
        let folder = try exported(options: .init(includeFreeText: true))
        let rows = try ResearchChecks.parseCSV(folder.appendingPathComponent("comments.csv"))
        // Only student 1 (form 5) wrote a comment.
        #expect(rows == [["form_id", "question", "area", "text"], ["5", "S-FF1", "", ResearchFixture.commentNamingAnna]])
    }

    @Test("subject_scores.csv and aggregates.csv carry the analysis; suppressed rows carry no numbers, not even n")
    func scoresAndAggregates() throws {
        let folder = try exported()
        let scores = try table(folder, "subject_scores.csv")
        #expect(scores.count == 8)
        let pseudonymizer = Pseudonymizer(key: try PseudonymKey(text: ResearchFixture.keyText))
        let bram = scores.first {
            $0["subject_pid"] == pseudonymizer.pseudonym(for: ResearchFixture.bram)
                && $0["area"] == "ontwikkeling"
        }
        // Whole numbers keep their decimal point, so readers type the column as decimal from any first row.
        #expect(bram?["self"] == "7.0")
        #expect(bram?["feedback"] == "5.5")
        #expect(bram?["gap"] == "1.5")
        #expect(bram?["gap_category"] == "overschatting")
        #expect(bram?["gap_student"] == "2.0")
        #expect(bram?["instituutsopleider"] == nil, "the training-school scan has its own table")
        let carla = scores.first {
            $0["subject_pid"] == pseudonymizer.pseudonym(for: ResearchFixture.carla)
                && $0["area"] == "ontwikkeling"
        }
        #expect(carla?["self"] == "")
        #expect(carla?["gap_category"] == "")

        let aggregates = try table(folder, "aggregates.csv")
        #expect(aggregates.count == 26)
        let numbers = [
            "n", "mean", "sd", "median", "min", "max", "share_overschatting", "share_in_overeenstemming",
            "share_onderschatting",
        ]
        let suppressed = aggregates.filter { $0["suppressed"] == "true" }
        #expect(suppressed.count == 17)
        #expect(
            suppressed.allSatisfy { row in numbers.allSatisfy { row[$0] == "" } && row["suppression_reason"] == "small-group" })
        let gap = aggregates.first { $0["unit_id"] == "01AB" && $0["area"] == "agogisch" && $0["measure"] == "gap" }
        #expect(gap?["n"] == "3")
        #expect(gap?["mean"] == "0.333333")
        #expect(gap?["sd"] == "1.154701")  // √(4/3)
        #expect(gap?["share_overschatting"] == "0.666667")
        #expect(gap?["share_in_overeenstemming"] == "0.0")
        #expect(gap?["suppressed"] == "false")
        #expect(gap?["suppression_reason"] == "")
    }

    @Test("aggregates.csv agrees with an independent recomputation from responses.csv")
    func recomputation() throws {
        let folder = try exported()
        let report = try ResearchChecks.recomputeAggregates(in: folder)
        #expect(report.problems == [])
        #expect(report.rowsChecked == 26)
        #expect(report.cellsCompared == 9)
    }

    @Test("the recomputation notices a wrong mean and a leaked suppressed number")
    func recomputationCanFail() throws {
        let folder = try exported()
        let url = folder.appendingPathComponent("aggregates.csv")
        var text = try String(contentsOf: url, encoding: .utf8)
        // 01AB agogisch feedback has mean 4.5; the suppressed 02CD agogisch self gets n = 1.
        text = text.replacingOccurrences(
            of: "school,01AB,2025-najaar,agogisch,feedback,3,4.5,",
            with: "school,01AB,2025-najaar,agogisch,feedback,3,4.6,")
        text = text.replacingOccurrences(
            of: "school,02CD,2025-najaar,agogisch,self,,",
            with: "school,02CD,2025-najaar,agogisch,self,1,")
        try text.write(to: url, atomically: true, encoding: .utf8)
        let report = try ResearchChecks.recomputeAggregates(in: folder)
        #expect(report.problems.count == 2)
        #expect(report.problems.contains { $0.contains("01AB") && $0.contains("mean") })
        #expect(report.problems.contains { $0.contains("02CD") && $0.contains("suppressed but shows") })
    }

    @Test("frictionless validate accepts the data package, also with free text and Excel copies")
    func frictionless() throws {
        try ResearchChecks.validateDataPackage(in: exported())
        try ResearchChecks.validateDataPackage(in: exported(options: .init(includeFreeText: true, excelFriendlyCopy: true)))
    }

    @Test("frictionless validate rejects a score outside the scale (the schema really constrains)")
    func frictionlessCanFail() throws {
        let folder = try exported()
        let url = folder.appendingPathComponent("responses.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        let broken = text.replacingOccurrences(of: "\r\n1,Z01,6\r\n", with: "\r\n1,Z01,9\r\n")
        #expect(broken != text)
        try broken.write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: TestSupport.ProcessFailure.self) { try ResearchChecks.validateDataPackage(in: folder) }
    }

    @Test("frictionless validate rejects a responses form_id that forms.csv lacks (the foreign key is declared)")
    func frictionlessChecksTheForeignKey() throws {
        let folder = try exported()
        let url = folder.appendingPathComponent("responses.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        try (text + "12,Z01,5\r\n").write(to: url, atomically: true, encoding: .utf8)
        let failure = #expect(throws: TestSupport.ProcessFailure.self) { try ResearchChecks.validateDataPackage(in: folder) }
        let stdout = failure.map(\.stdout) ?? ""
        #expect(stdout.contains("foreign-key"), "\(stdout.prefix(2000))")
    }

    @Test("the data package records the format version, T, k, ordered categories and missing values")
    func dataPackage() throws {
        let folder = try exported(options: .init(includeFreeText: true))
        let summary = try TestSupport.runPython(
            """
            import json, sys
            p = json.load(open(sys.argv[1] + '/datapackage.json'))
            fields = {(r['name'], f['name']): f for r in p['resources'] for f in r['schema']['fields']}
            score, category = fields[('responses', 'score')], fields[('subject_scores', 'gap_category')]
            schemas = {r['name']: r['schema'] for r in p['resources']}
            print(p['version'], p['spiegel']['gap_threshold'], p['spiegel']['minimum_group_size'])
            print(score['type'], score['categoriesOrdered'], [c['value'] for c in score['categories']], score['categories'][5]['label'])
            print(category['categoriesOrdered'], category['categories'], category['constraints']['enum'])
            print(all(r['schema']['missingValues'] == [''] for r in p['resources']), [r['path'] for r in p['resources']])
            print(schemas['forms']['primaryKey'], schemas['responses']['primaryKey'], schemas['items']['primaryKey'])
            print(json.dumps(schemas['responses']['foreignKeys']), json.dumps(schemas['comments']['foreignKeys']))
            """, arguments: [folder.path])
        #expect(
            summary.split(separator: "\n").map(String.init) == [
                "3.0.0 1 3",
                "integer True [1, 2, 3, 4, 5, 6, 7] Grotendeels",
                "True ['onderschatting', 'in_overeenstemming', 'overschatting'] ['onderschatting', 'in_overeenstemming', 'overschatting']",
                "True ['forms.csv', 'responses.csv', 'items.csv', 'subject_scores.csv', 'aggregates.csv', 'comments.csv', "
                    + "'waves.csv', 'areas.csv', 'scale_labels.csv', 'school_scores.csv', 'subject_wide.csv', 'codebook.csv']",
                "['form_id'] ['form_id', 'item'] ['instrument', 'item']",
                #"[{"fields": ["form_id"], "reference": {"fields": ["form_id"], "resource": "forms"}}] "#
                    + #"[{"fields": ["form_id"], "reference": {"fields": ["form_id"], "resource": "forms"}}, "#
                    + #"{"fields": ["area"], "reference": {"fields": ["area"], "resource": "areas"}}]"#,
            ])
    }

    @Test("the codebook describes every column of every file, in Dutch and English")
    func codebook() throws {
        let folder = try exported(options: .init(includeFreeText: true))
        let codebook = try table(folder, "codebook.csv")
        for file in [
            "forms.csv", "responses.csv", "items.csv", "subject_scores.csv", "aggregates.csv", "comments.csv",
            "waves.csv", "areas.csv", "scale_labels.csv", "school_scores.csv", "subject_wide.csv", "codebook.csv",
        ] {
            let header = try ResearchChecks.parseCSV(folder.appendingPathComponent(file)).first ?? []
            #expect(codebook.filter { $0["file"] == file }.map { $0["column"] ?? "" } == header, "\(file)")
        }
        #expect(codebook.allSatisfy { !($0["meaning_nl"] ?? "").isEmpty && !($0["meaning_en"] ?? "").isEmpty })
        let score = codebook.first { $0["file"] == "responses.csv" && $0["column"] == "score" }
        #expect(score?["allowed_values"]?.hasPrefix("1 = Helemaal niet < 2 = Nauwelijks") == true)
    }

    @Test("the same person keeps a pseudonym across exports and waves with the same key, not with another key")
    func stablePseudonyms() throws {
        func pseudonyms(_ folder: URL) throws -> [String: Set<String>] {
            // Anna's pseudonym is the subject of the form on line 2 (her self-scan), the SO's of line 10.
            let rows = try table(folder, "forms.csv")
            var byForm = [String: Set<String>]()
            for row in rows { byForm[row["source"] ?? "", default: []].insert(row["respondent_pid"] ?? "") }
            return byForm
        }
        let first = try pseudonyms(exported())
        let again = try pseudonyms(exported())
        let laterWave = try pseudonyms(exported(wave: ResearchFixture.laterWave))
        let otherKey = try pseudonyms(exported(key: ResearchFixture.otherKeyText))
        let anna = first["zelfscan-wpb-export.csv:2"]
        #expect(anna?.count == 1)
        #expect(again["zelfscan-wpb-export.csv:2"] == anna)
        #expect(laterWave["zelfscan-wpb-export.csv:2"] == anna)
        #expect(otherKey["zelfscan-wpb-export.csv:2"] != anna)
        // The schoolopleider filled in three forms: one pseudonym for all of them.
        let mentor = [
            "feedback-schoolopleider-export.csv:10", "feedback-schoolopleider-export.csv:11",
            "feedback-schoolopleider-export.csv:12",
        ].map { first[$0] ?? [] }
        #expect(Set(mentor).count == 1 && mentor[0].count == 1)
        #expect(mentor[0] != anna)
        #expect(laterWave["feedback-schoolopleider-export.csv:12"] == mentor[0])
        // Every pseudonym in every file, across the two waves, from the same key: the subject columns agree too.
        let subjects = try table(exported(), "subject_scores.csv").map(\.["subject_pid"])
        let laterSubjects = try table(exported(wave: ResearchFixture.laterWave), "subject_scores.csv").map(\.["subject_pid"])
        #expect(subjects == laterSubjects)
    }

    @Test("no name or e-mail address of the input occurs anywhere in the research folder")
    func noIdentifyingText() throws {
        let folder = try exported(options: .init(excelFriendlyCopy: true))
        #expect(try ResearchChecks.filesContaining(ResearchFixture.forbiddenTexts, in: folder) == [])
        #expect(try ResearchChecks.filesContaining(["@"], in: folder) == [])
        // The scan does find a name when one is there: free text on request names Anna, and only comments.csv does.
        let withText = try exported(options: .init(includeFreeText: true, excelFriendlyCopy: true))
        let hits = try ResearchChecks.filesContaining(["Anna Jansen"], in: withText)
        #expect(hits.count == 2)
        #expect(hits.allSatisfy { $0.hasPrefix("comments.csv") })
    }

    @Test("the key occurs in no written file, in any common encoding")
    func keyNeverWritten() throws {
        let folder = try exported(options: .init(includeFreeText: true, excelFriendlyCopy: true))
        let key = ResearchFixture.keyText
        let encodings = [
            key, Data(key.utf8).base64EncodedString(),
            Data(key.utf8).map { String(format: "%02x", $0) }.joined(), String(key.prefix(16)),
        ]
        #expect(try ResearchChecks.filesContaining(encodings, in: folder) == [])
    }

    @Test("the Excel-friendly copies: BOM, semicolons, decimal comma; negative gaps stay numbers")
    func excelCopies() throws {
        let folder = try exported(options: .init(excelFriendlyCopy: true))
        let copies = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("excel").path).sorted()
        #expect(
            copies == [
                "aggregates.csv", "areas.csv", "codebook.csv", "forms.csv", "items.csv", "responses.csv",
                "scale_labels.csv", "school_scores.csv", "subject_scores.csv", "subject_wide.csv", "waves.csv",
            ])
        let url = folder.appendingPathComponent("excel/subject_scores.csv")
        #expect(Array(try Data(contentsOf: url).prefix(3)) == [0xEF, 0xBB, 0xBF])
        let rows = try ResearchChecks.parseCSV(url, delimiter: ";", encoding: "utf-8-sig")
        let gapColumn = try #require(rows.first?.firstIndex(of: "gap"))
        #expect(rows.dropFirst().map { $0[gapColumn] }.contains("-1,0"))
        #expect(rows.dropFirst().map { $0[gapColumn] }.contains("1,5"))
        // The standard file is untouched by the option.
        let standard = try Data(contentsOf: folder.appendingPathComponent("subject_scores.csv"))
        #expect(standard.prefix(11) == Data("subject_pid".utf8))
    }

    @Test("an export without forms is still a valid data package")
    func empty() throws {
        let folder = try TestSupport.temporaryFolder("research").appendingPathComponent("empty")
        let result = AnalysisResult(settings: .init(), waves: [], supervisorAreas: ResearchFixture.areas)
        try ResearchFixture.export().write(result, forms: [Form](), to: folder)
        try ResearchChecks.validateDataPackage(in: folder)
        #expect(try ResearchChecks.parseCSV(folder.appendingPathComponent("responses.csv")).count == 1)
        #expect(try ResearchChecks.parseCSV(folder.appendingPathComponent("forms.csv")).count == 1)
        #expect(try ResearchChecks.checkFormTables(in: folder).problems == [])
        #expect(try ResearchChecks.recomputeAggregates(in: folder).problems == [])
    }

    @Test("refuses a folder that already holds something")
    func foreignFiles() throws {
        let folder = try TestSupport.temporaryFolder("research")
        try Data("x".utf8).write(to: folder.appendingPathComponent("quarantine.csv"))
        #expect(throws: ResearchExportError.folderNotEmpty(folder.path)) {
            try ResearchFixture.export().write(ResearchFixture.result(), forms: ResearchFixture.forms(), to: folder)
        }
    }

    @Test("a form of an unknown instrument is an error, not a silent gap")
    func unknownInstrument() throws {
        var forms = ResearchFixture.forms()
        forms[0].instrument = "zelfscan-oud"
        let folder = try TestSupport.temporaryFolder("research").appendingPathComponent("out")
        #expect(throws: ResearchExportError.unknownInstrument("zelfscan-oud", form: "zelfscan-wpb-export.csv:2")) {
            try ResearchFixture.export().write(ResearchFixture.result(), forms: forms, to: folder)
        }
    }
}

@Suite("Research export: labels")
struct ResearchLabelTests {
    @Test("scale_labels.csv and the codebook show the labels a source's export used where they differ from the instrument's")
    func sourceLabels() throws {
        var export = try ResearchFixture.export()
        let mapping = ColumnMapping(respondent: .header("E-mailadres"), submittedAt: .header("Tijdstempel"))
        export.sources = [
            // 6 = "grotendeels" is the instrument's own label (compared without case): not repeated.
            Source(
                name: "student-googleforms", pattern: "Data/exports/student-*.csv", instrument: "feedback-student",
                columns: mapping, answerLabels: ["helemaal mee eens": 7, "grotendeels": 6, "helemaal oneens": 1]),
            Source(
                name: "zelfscan-msforms", pattern: "Data/exports/zelfscan-*.csv", instrument: "zelfscan-wpb", columns: mapping),
        ]
        let folder = try TestSupport.temporaryFolder("labels").appendingPathComponent("research")
        try export.write(ResearchFixture.result(), forms: ResearchFixture.forms(), to: folder)
        let rows = try ResearchChecks.parseCSV(folder.appendingPathComponent("scale_labels.csv")).dropFirst()
        // Three instruments × seven printed labels, then the source's two own labels by score.
        #expect(rows.count == 3 * 7 + 2)
        #expect(
            rows.suffix(2) == [
                ["feedback-student", "student-googleforms", "1", "helemaal oneens"],
                ["feedback-student", "student-googleforms", "7", "helemaal mee eens"],
            ])
        #expect(rows.first == ["feedback-schoolopleider", "", "1", "Helemaal niet"])
        let codebook = try ResearchChecks.parseCSV(folder.appendingPathComponent("codebook.csv"))
        let score = codebook.first { $0[0] == "responses.csv" && $0[1] == "score" }
        #expect(score?[5].hasSuffix("student-googleforms: 1 = helemaal oneens, 7 = helemaal mee eens") == true, "\(score ?? [])")
        try ResearchChecks.validateDataPackage(in: folder)
    }

    @Test("a wave's label becomes an SPSS value label and an R-readable waves.csv row")
    func waveLabels() throws {
        var result = ResearchFixture.result()
        result.waves[0].label = "Najaar 2025 (voormeting)"
        let folder = try TestSupport.temporaryFolder("labels").appendingPathComponent("research")
        try ResearchFixture.export().write(result, forms: ResearchFixture.forms(), to: folder)
        let waves = try ResearchChecks.parseCSV(folder.appendingPathComponent("waves.csv"))
        #expect(waves.last == ["2025-najaar", "Najaar 2025 (voormeting)", "2025-08-01", "2026-01-31"])
        let sps = folder.appendingPathComponent("subject_wide.sps")
        // wave is the first labelled variable of the wide table, before the gap categories.
        let syntax = try String(contentsOf: sps, encoding: .utf8)
        #expect(syntax.contains("VALUE LABELS\r\n  wave\r\n    '2025-najaar' 'Najaar 2025 (voormeting)'\r\n"))
        #expect(try ResearchReaderChecks.spssSyntaxProblems(sps, table: "subject_wide") == [])
    }
}
