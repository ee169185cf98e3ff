import Foundation
import SpiegelTestSupport

/// Reads generated exports with Python's `csv` module, an independent reader, and reports what
/// is in each file: dialect, header, blank rows, answers, defects.
enum ExportInspector {
    struct FileReport: Decodable {
        var bom: Bool
        var crlfTerminators: Int
        var lfTerminators: Int
        var header: [String]
        var records: Int
        var blankRows: Int
        var wrongWidthRows: Int
        var unknownSchoolRows: Int
        var notApplicable: Int
        var emptyAnswers: Int
        var outOfRange: Int
        var trickyComments: Int
        var duplicates: Int
        var answerSum: Int
        var answerCount: Int
        var badAnswerCells: [String]
        var badTimestamps: [String]
        var firstTimestamp: String
        var schools: [String]
    }

    static let script = #"""
        import csv, io, json, os, re, sys, collections
        folder, open_columns = sys.argv[1], json.loads(sys.argv[2])
        styles = {
          'msforms': (';', 'E-mail', 'E-mailadres van je werkplekbegeleider', 'School', 'Tijd van voltooien',
                      r'^\d{1,2}-\d{1,2}-\d{4} \d{2}:\d{2}:\d{2}$', r'^\d+ - \S.*$'),
          'googleforms': (',', 'E-mailadres', 'E-mailadres van je werkplekbegeleider', 'School', 'Tijdstempel',
                      r'^\d{4}/\d{2}/\d{2} \d{1,2}:\d{2}:\d{2} (AM|PM) GMT\+[12]$', r'^\d+$'),
          'limesurvey': (',', 'email', 'wpb', 'school', 'submitdate', r'^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$', r'^\d+$'),
        }
        report = {}
        for name in sorted(os.listdir(folder)):
            style = next(s for s in styles if '-' + s + '-' in name)
            delim, resp_h, subj_h, school_h, time_h, time_re, answer_re = styles[style]
            raw = open(os.path.join(folder, name), 'rb').read()
            inq, crlf, lf = False, 0, 0
            for i, b in enumerate(raw):
                if b == 0x22: inq = not inq
                elif b == 0x0A and not inq:
                    if i > 0 and raw[i - 1] == 0x0D: crlf += 1
                    else: lf += 1
            rows = list(csv.reader(io.StringIO(raw.decode('utf-8-sig'), newline=''), delimiter=delim))
            header, data = rows[0], rows[1:]
            school_i, time_i, resp_i = header.index(school_h), header.index(time_h), header.index(resp_h)
            subj_i = header.index(subj_h) if subj_h in header else None
            n_open = open_columns.get(name.split('-' + style + '-')[0], 0)
            item_cols = range(school_i + 1, len(header) - n_open)
            r = dict(bom=raw.startswith(b'\xef\xbb\xbf'), crlfTerminators=crlf, lfTerminators=lf, header=header,
                     records=len(data), blankRows=0, wrongWidthRows=0, unknownSchoolRows=0, notApplicable=0,
                     emptyAnswers=0, outOfRange=0, trickyComments=0, duplicates=0, answerSum=0, answerCount=0,
                     badAnswerCells=[], badTimestamps=[], firstTimestamp='', schools=[])
            keys = collections.Counter()
            schools = set()
            for row in data:
                if all(f == '' for f in row):
                    r['blankRows'] += 1
                    continue
                if len(row) != len(header):
                    r['wrongWidthRows'] += 1
                    continue
                if not r['firstTimestamp']: r['firstTimestamp'] = row[time_i]
                if not re.match(time_re, row[time_i]): r['badTimestamps'].append(row[time_i])
                if row[school_i] == '99ZZ': r['unknownSchoolRows'] += 1
                schools.add(row[school_i])
                keys[(row[resp_i], row[subj_i] if subj_i is not None else row[school_i])] += 1
                for c in item_cols:
                    cell = row[c]
                    if cell == '': r['emptyAnswers'] += 1
                    elif cell == 'n.v.t.': r['notApplicable'] += 1
                    else:
                        m = re.match(r'^(\d+)', cell)
                        value = int(m.group(1)) if m else None
                        if value is None or not (1 <= value <= 7):
                            r['outOfRange'] += 1
                        else:
                            if not re.match(answer_re, cell): r['badAnswerCells'].append(cell)
                            r['answerSum'] += value
                            r['answerCount'] += 1
                for c in range(len(header) - n_open, len(header)):
                    cell = row[c]
                    if ';' in cell and '"' in cell and '\n' in cell and ',' in cell: r['trickyComments'] += 1
            r['duplicates'] = sum(n - 1 for n in keys.values())
            r['schools'] = sorted(schools)
            report[name] = r
        print(json.dumps(report))
        """#

    /// Reports per file name in `exports`; `openColumns` gives the number of open-question columns
    /// (the last columns) per source-name stem before the style, e.g. `["feedback-student": 1]`.
    static func inspect(_ exports: URL, openColumns: [String: Int]) throws -> [String: FileReport] {
        let json = String(decoding: try JSONEncoder().encode(openColumns), as: UTF8.self)
        let output = try TestSupport.runPython(script, arguments: [exports.path, json])
        return try JSONDecoder().decode([String: FileReport].self, from: Data(output.utf8))
    }
}
