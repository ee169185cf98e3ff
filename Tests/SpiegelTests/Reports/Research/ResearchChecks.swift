import Foundation
import SpiegelTestSupport

/// Independent checks of a research folder, reusable on any run's output (fixture or real pipeline).
///
/// The recomputation is Python's csv module and arithmetic over the written files only, so it shares no code
/// with Spiegel's Analyzer or CSV writer.
enum ResearchChecks {
    /// What ``recomputeAggregates(in:completeLevels:)`` found.
    struct AggregateReport: Decodable, Equatable {
        /// aggregates.csv rows of a recomputable measure that were checked.
        var rowsChecked: Int
        /// Of those, rows with numbers (not suppressed) whose numbers were compared.
        var cellsCompared: Int
        /// Human-readable disagreements; empty when everything agrees.
        var problems: [String]

        enum CodingKeys: String, CodingKey {
            case rowsChecked = "rows_checked", cellsCompared = "cells_compared", problems
        }
    }

    /// Recomputes every aggregate of the measures self, student, schoolopleider, instituutsopleider, feedback,
    /// gap, gap_student and gap_schoolopleider from `responses.csv`, joined with `forms.csv` (who, where, when) and
    /// `items.csv` (each item's area) (docs/analysis.md §2–§8), and compares them with
    /// `aggregates.csv`: n, mean, sd, median, min, max (to 1e-6, the files keep six decimals) and gap shares.
    ///
    /// Also checks suppression: suppressed rows carry no numbers; `small-group` rows have fewer than k subjects;
    /// rows with numbers have at least k. Levels in `completeLevels` must have a row for every recomputed cell.
    /// T and k come from `datapackage.json`.
    static func recomputeAggregates(in folder: URL, completeLevels: [String] = ["school"]) throws -> AggregateReport {
        let output = try TestSupport.runPython(recomputeScript, arguments: [folder.path, completeLevels.joined(separator: ",")])
        return try JSONDecoder().decode(AggregateReport.self, from: Data(output.utf8))
    }

    /// What ``checkFormTables(in:instrumentFolder:)`` found.
    struct FormTablesReport: Decodable, Equatable {
        /// Rows of forms.csv.
        var forms: Int
        /// Rows of responses.csv.
        var responses: Int
        /// Σ over forms.csv of the number of items of the form's instrument.
        var expectedResponses: Int
        /// Rows of items.csv per instrument.
        var itemsPerInstrument: [String: Int]
        /// Human-readable violations; empty when the tables fit together.
        var problems: [String]

        enum CodingKeys: String, CodingKey {
            case forms, responses, expectedResponses = "expected_responses", itemsPerInstrument = "items_per_instrument"
            case problems
        }
    }

    /// Checks that forms.csv, responses.csv, items.csv (and comments.csv) fit together, with Python's csv module:
    /// form_id runs 1, 2, 3, … in forms.csv and maps one-to-one to `source`; every form has exactly one
    /// responses row per item of its instrument, in item order, and no other rows; every responses and comments
    /// form_id is in forms.csv. With `instrumentFolder`, items.csv must also list exactly the items of the
    /// instrument YAML files there, in their order, with their areas (read with PyYAML, not Spiegel's loader).
    static func checkFormTables(in folder: URL, instrumentFolder: URL? = nil) throws -> FormTablesReport {
        let output = try TestSupport.runPython(formTablesScript, arguments: [folder.path, instrumentFolder?.path ?? ""])
        return try JSONDecoder().decode(FormTablesReport.self, from: Data(output.utf8))
    }

    /// Files in `folder` (recursively) whose bytes contain one of `texts`, compared without case.
    static func filesContaining(_ texts: [String], in folder: URL) throws -> [String] {
        var hits = [String]()
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            // Bytes, decoded leniently: a name must not hide behind an odd encoding either.
            let content = String(decoding: try Data(contentsOf: url), as: UTF8.self).lowercased()
            for text in texts where content.contains(text.lowercased()) {
                hits.append("\(url.lastPathComponent) contains \(text.count)-character forbidden text")
            }
        }
        return hits
    }

    /// Runs `frictionless validate` (next to TestSupport.python) on the folder's datapackage.json; returns its report.
    @discardableResult
    static func validateDataPackage(in folder: URL) throws -> String {
        let frictionless = URL(fileURLWithPath: TestSupport.python).deletingLastPathComponent()
            .appendingPathComponent("frictionless").path
        return try TestSupport.run(frictionless, arguments: ["validate", "datapackage.json"], currentDirectory: folder)
    }

    /// Parses a CSV file with Python's csv module: rows of fields, header included.
    static func parseCSV(_ file: URL, delimiter: String = ",", encoding: String = "utf-8") throws -> [[String]] {
        let script = """
            import csv, json, sys
            with open(sys.argv[1], newline='', encoding=sys.argv[3]) as f:
                print(json.dumps(list(csv.reader(f, delimiter=sys.argv[2], strict=True))))
            """
        let output = try TestSupport.runPython(script, arguments: [file.path, delimiter, encoding])
        return try JSONDecoder().decode([[String]].self, from: Data(output.utf8))
    }

    private static let formTablesScript = #"""
        import collections, csv, glob, json, os, sys

        folder, instrument_folder = sys.argv[1], sys.argv[2]
        problems = []

        def rows(name):
            with open(os.path.join(folder, name), newline='', encoding='utf-8') as f:
                yield from csv.DictReader(f)

        items = collections.defaultdict(list)
        for r in rows('items.csv'):
            items[r['instrument']].append((r['item'], r['area']))
            if r['position'] != str(len(items[r['instrument']])):
                problems.append(f'items.csv: {r["instrument"]} {r["item"]} has position {r["position"]}')
        if instrument_folder:
            import yaml
            declared = {}
            for path in sorted(glob.glob(os.path.join(instrument_folder, '*.yml'))):
                with open(path, encoding='utf-8') as f:
                    document = yaml.safe_load(f)
                declared[document['id']] = [(str(i['id']), str(i['area'])) for i in document['items']]
            if declared != dict(items):
                problems.append(f'items.csv differs from the instrument files: {sorted(declared)} vs {sorted(items)}')

        instrument_of, sources = {}, {}
        for number, r in enumerate(rows('forms.csv'), start=1):
            if r['form_id'] != str(number):
                problems.append(f'forms.csv row {number} has form_id {r["form_id"]}')
            if r['source'] in sources:
                problems.append(f'forms.csv: source {r["source"]} has form_ids {sources[r["source"]]} and {r["form_id"]}')
            sources[r['source']] = r['form_id']
            instrument_of[r['form_id']] = r['instrument']
            if r['instrument'] not in items:
                problems.append(f'forms.csv: instrument {r["instrument"]} has no items in items.csv')

        answered = collections.defaultdict(list)
        responses = 0
        for r in rows('responses.csv'):
            responses += 1
            if r['form_id'] not in instrument_of:
                problems.append(f'responses.csv: form_id {r["form_id"]} is not in forms.csv')
            answered[r['form_id']].append(r['item'])
        for form_id, instrument in instrument_of.items():
            expected = [item for item, _ in items[instrument]]
            if answered.get(form_id, []) != expected:
                problems.append(f'form {form_id} ({instrument}): responses items {answered.get(form_id, [])}, expected {expected}')
        if os.path.exists(os.path.join(folder, 'comments.csv')):
            for r in rows('comments.csv'):
                if r['form_id'] not in instrument_of:
                    problems.append(f'comments.csv: form_id {r["form_id"]} is not in forms.csv')

        print(json.dumps(dict(forms=len(instrument_of), responses=responses,
                              expected_responses=sum(len(items[i]) for i in instrument_of.values()),
                              items_per_instrument={i: len(v) for i, v in items.items()}, problems=problems[:20])))
        """#

    private static let recomputeScript = #"""
        import csv, json, math, statistics, sys

        folder, complete_levels = sys.argv[1], set(filter(None, sys.argv[2].split(',')))
        with open(folder + '/datapackage.json', encoding='utf-8') as f:
            settings = json.load(f)['spiegel']
        T, k = float(settings['gap_threshold']), int(settings['minimum_group_size'])
        problems = []

        # The forms' attributes (forms.csv), the items' areas (items.csv), the answers (responses.csv), joined here.
        forms = {}
        with open(folder + '/forms.csv', newline='', encoding='utf-8') as f:
            for r in csv.DictReader(f):
                if r['form_id'] in forms:
                    problems.append(f'forms.csv: form_id {r["form_id"]} occurs twice')
                forms[r['form_id']] = dict(
                    instrument=r['instrument'], scope=r['scope'], subject=r['subject_pid'], school=r['school_id'],
                    partnership=r['partnership_id'], wave=r['wave'], role=r['role'], areas={})
        area_of = {}
        with open(folder + '/items.csv', newline='', encoding='utf-8') as f:
            for r in csv.DictReader(f):
                area_of[(r['instrument'], r['item'])] = r['area']

        # 4.2 area score of one form: mean of its answered items in that area.
        with open(folder + '/responses.csv', newline='', encoding='utf-8') as f:
            for r in csv.DictReader(f):
                form = forms.get(r['form_id'])
                if form is None:
                    problems.append(f'responses.csv: form_id {r["form_id"]} is not in forms.csv')
                    continue
                area = area_of.get((form['instrument'], r['item']))
                if area is None:
                    problems.append(f'responses.csv: item {r["item"]} is not in items.csv for {form["instrument"]}')
                    continue
                answers = form['areas'].setdefault(area, [])
                if r['score'] != '':
                    answers.append(int(r['score']))

        # 4.4 subject score per (subject, wave, role, area): mean of that role's area scores.
        role_scores, homes = {}, {}
        for form in forms.values():
            subject = (form['scope'], form['subject'], form['wave'])
            homes.setdefault(subject, set()).add((form['school'], form['partnership']))
            for area, answers in form['areas'].items():
                if answers:
                    role_scores.setdefault(subject + (area,), {}).setdefault(form['role'], []).append(
                        sum(answers) / len(answers))
        for subject, places in homes.items():
            if len(places) > 1:
                problems.append(f'subject {subject[1]} has forms from several schools in wave {subject[2]}: {sorted(places)}')

        # 4.5-4.6 feedback and gaps; collect each subject's value per aggregate cell (each subject weighs once).
        cells = {}
        for (scope, subject, wave, area), by_role in role_scores.items():
            values = {role: sum(v) / len(v) for role, v in by_role.items()}
            others = [v for role, v in values.items() if role != 'self']
            if others:
                values['feedback'] = sum(others) / len(others)
            if 'self' in values:
                for measure, other in [('gap', 'feedback'), ('gap_student', 'student'), ('gap_schoolopleider', 'schoolopleider')]:
                    if other in values:
                        values[measure] = values['self'] - values[other]
            school, partnership = sorted(homes[(scope, subject, wave)])[0]
            for measure, value in values.items():
                for level, unit in [('school', school), ('partnership', partnership)]:
                    cells.setdefault((scope, level, unit, wave, area, measure), []).append(value)

        def category(gap):
            return 'overschatting' if gap >= T else 'onderschatting' if gap <= -T else 'in_overeenstemming'

        def close(text, expected, what, key):
            if expected is None:
                if text != '':
                    problems.append(f'{key} {what}: expected empty, file has {text}')
                return
            if text == '' or abs(float(text) - expected) > 1e-6:
                problems.append(f'{key} {what}: recomputed {expected!r}, file has {text!r}')

        numbers = ['n', 'mean', 'sd', 'median', 'min', 'max',
                   'share_overschatting', 'share_in_overeenstemming', 'share_onderschatting']
        rows_checked = compared = 0
        present = set()
        with open(folder + '/aggregates.csv', newline='', encoding='utf-8') as f:
            for r in csv.DictReader(f):
                key = (r['scope'], r['level'], r['unit_id'], r['wave'], r['area'], r['measure'])
                if r['measure'] not in ('self', 'student', 'schoolopleider', 'instituutsopleider', 'feedback',
                                        'gap', 'gap_student', 'gap_schoolopleider'):
                    continue
                rows_checked += 1
                present.add(key)
                values = cells.get(key, [])
                label = '/'.join(key)
                if r['suppressed'] == 'true':
                    filled = [name for name in numbers if r[name] != '']
                    if filled:
                        problems.append(f'{label}: suppressed but shows {filled}')
                    if r['suppression_reason'] == 'small-group' and len(values) >= k:
                        problems.append(f'{label}: suppressed as small group but has {len(values)} subjects')
                    continue
                if r['suppressed'] != 'false':
                    problems.append(f'{label}: suppressed is {r["suppressed"]!r}')
                if len(values) < k:
                    problems.append(f'{label}: shows numbers for {len(values)} subjects, fewer than k = {k}')
                if r['n'] != str(len(values)):
                    problems.append(f'{label} n: recomputed {len(values)}, file has {r["n"]!r}')
                if not values:
                    continue
                compared += 1
                close(r['mean'], statistics.fmean(values), 'mean', label)
                close(r['sd'], statistics.stdev(values) if len(values) > 1 else None, 'sd', label)
                close(r['median'], statistics.median(values), 'median', label)
                close(r['min'], min(values), 'min', label)
                close(r['max'], max(values), 'max', label)
                if r['measure'] == 'gap' or r['share_overschatting'] != '':
                    if any(abs(abs(v) - T) < 1e-9 for v in values if abs(v) != T):
                        continue  # a gap a rounding error away from T: either category is defensible
                    for name in ['overschatting', 'in_overeenstemming', 'onderschatting']:
                        share = sum(1 for v in values if category(v) == name) / len(values)
                        close(r['share_' + name], share, 'share_' + name, label)

        for key, values in sorted(cells.items()):
            # The training-school scan has the school as its subject: it is aggregated per partnership only
            # (docs/analysis.md), so a school-level row would be one school's own score.
            if key[0] == 'school' and key[1] == 'school':
                continue
            if key[1] in complete_levels and values and key not in present:
                problems.append(f'{"/".join(key)}: {len(values)} subjects but no row in aggregates.csv')

        print(json.dumps(dict(rows_checked=rows_checked, cells_compared=compared, problems=problems)))
        """#
}
