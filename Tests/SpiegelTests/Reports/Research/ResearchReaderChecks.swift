import Foundation
import SpiegelTestSupport

/// Loads a research folder the way researchers' tools do by default (DuckDB, pandas, R, SPSS/PSPP) and compares
/// what they make of it with the data package: independent of Spiegel's own code.
enum ResearchReaderChecks {
    /// What ``inferredTypes(in:)`` found.
    struct TypeReport: Decodable, Equatable {
        var columnsChecked: Int
        var problems: [String]

        enum CodingKeys: String, CodingKey { case columnsChecked = "columns_checked", problems }
    }

    /// Reads every resource of `datapackage.json` with DuckDB's `read_csv` and pandas' `read_csv`, both with their
    /// defaults, and compares each column's inferred type with the Table Schema type. DuckDB reads the whole file
    /// (`count(*)`), so a value past its sample that contradicts the guess is a failure too; a pandas DtypeWarning
    /// (mixed types) is a failure. Accepted: pandas' float64 for an integer column with missing values (its
    /// default integers cannot be missing), text for dates (pandas never guesses dates), and for a column without
    /// any value DuckDB's VARCHAR and pandas' float64 (there is nothing to infer from).
    static func inferredTypes(in folder: URL) throws -> TypeReport {
        let output = try TestSupport.runPython(typesScript, arguments: [folder.path])
        return try JSONDecoder().decode(TypeReport.self, from: Data(output.utf8))
    }

    /// Problems of an SPSS syntax file reading `csv`, parsed in Python: every GET DATA variable name is valid
    /// (letters, digits, `_`, at most 64 bytes, not starting with a digit, no reserved word) and the variables are
    /// the CSV's header in order; VARIABLE LABELS and VALUE LABELS name only those variables; every value label's
    /// code is one the data package allows for that column (its categories, or the ids of `waves.csv`).
    static func spssSyntaxProblems(_ sps: URL, table: String) throws -> [String] {
        let output = try TestSupport.runPython(spssScript, arguments: [sps.path, table])
        return try JSONDecoder().decode([String].self, from: Data(output.utf8))
    }

    /// The first program of `names` found on PATH (or in /usr/bin), if any.
    static func program(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"])
            .map { $0 + "/" + name }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private static let typesScript = #"""
        import json, os, sys, warnings
        import duckdb, pandas as pd

        folder = sys.argv[1]
        with open(os.path.join(folder, 'datapackage.json'), encoding='utf-8') as f:
            package = json.load(f)
        DUCK = {'string': {'VARCHAR'}, 'integer': {'BIGINT', 'INTEGER', 'SMALLINT', 'TINYINT', 'HUGEINT'},
                'number': {'DOUBLE', 'FLOAT'}, 'boolean': {'BOOLEAN'}, 'date': {'DATE'},
                'datetime': {'TIMESTAMP WITH TIME ZONE', 'TIMESTAMP'}}
        TEXT = ('object', 'str', 'string')
        problems, checked = [], 0
        for resource in package['resources']:
            path = os.path.join(folder, resource['path'])
            fields = resource['schema']['fields']
            with warnings.catch_warnings():
                warnings.simplefilter('error')
                try:
                    frame = pd.read_csv(path)
                except Exception as error:
                    problems.append(f'{resource["path"]}: pandas read_csv failed: {error}')
                    continue
            connection = duckdb.connect()
            try:
                relation = connection.read_csv(path)
                duck = dict(zip(relation.columns, map(str, relation.types)))
                connection.execute('SELECT count(*) FROM read_csv(?)', [path]).fetchall()
            except Exception as error:
                problems.append(f'{resource["path"]}: duckdb read_csv failed: {str(error)[:300]}')
                continue
            names = [f['name'] for f in fields]
            if list(frame.columns) != names or list(duck) != names:
                problems.append(f'{resource["path"]}: columns {list(duck)} differ from the data package {names}')
                continue
            for field in fields:
                name, kind = field['name'], field['type']
                column = frame[name]
                empty = bool(column.isna().all())
                checked += 1
                if duck[name] not in DUCK[kind] and not (empty and duck[name] == 'VARCHAR'):
                    problems.append(f'{resource["path"]} {name}: codebook {kind}, duckdb {duck[name]}')
                dtype = str(column.dtype)
                if kind in ('string', 'date', 'datetime'):
                    good = dtype in TEXT or (empty and dtype == 'float64')
                elif empty and (dtype in TEXT or dtype == 'float64'):
                    good = True  # no value to infer from (e.g. a table without rows)
                elif kind == 'integer':
                    good = dtype == 'int64' or (dtype == 'float64' and bool(column.isna().any()))
                elif kind == 'number':
                    good = dtype == 'float64'
                else:
                    good = dtype == 'bool' or (dtype in TEXT and bool(column.isna().any()))
                if not good:
                    problems.append(f'{resource["path"]} {name}: codebook {kind}, pandas {dtype}')
        print(json.dumps(dict(columns_checked=checked, problems=problems)))
        """#

    private static let spssScript = #"""
        import csv, json, os, re, sys

        sps_path, table = sys.argv[1], sys.argv[2]
        folder = os.path.dirname(sps_path)
        text = open(sps_path, encoding='utf-8').read()
        problems = []
        RESERVED = {'ALL', 'AND', 'BY', 'EQ', 'GE', 'GT', 'LE', 'LT', 'NE', 'NOT', 'OR', 'TO', 'WITH'}

        def valid(name):
            return (re.fullmatch(r'[A-Za-z][A-Za-z0-9_]*', name) is not None and len(name.encode()) <= 64
                    and name.upper() not in RESERVED)

        # Commands end with a period at the end of a line.
        commands = re.split(r'\.\s*\r?\n', text)
        def command(keyword):
            return [c for c in commands if c.strip().upper().startswith(keyword)]

        get = command('GET DATA')
        if len(get) != 1:
            problems.append(f'{len(get)} GET DATA commands')
            print(json.dumps(problems)); sys.exit()
        body = get[0].split('/VARIABLES=', 1)[1]
        variables = []
        for line in body.strip().splitlines():
            name, form = line.split()
            variables.append(name)
            if not valid(name):
                problems.append(f'invalid variable name {name!r}')
            if not re.fullmatch(r'(A\d+|F\d+\.\d+|SDATE10)', form):
                problems.append(f'{name}: format {form}')
        with open(os.path.join(folder, table + '.csv'), newline='', encoding='utf-8') as f:
            header = next(csv.reader(f))
        if variables != header:
            problems.append(f'variables {variables[:5]}… differ from the header of {table}.csv {header[:5]}…')

        package = json.load(open(os.path.join(folder, 'datapackage.json'), encoding='utf-8'))
        fields = {f['name']: f for r in package['resources'] if r['name'] == table for f in r['schema']['fields']}
        with open(os.path.join(folder, 'waves.csv'), newline='', encoding='utf-8') as f:
            waves = {r['wave'] for r in csv.DictReader(f)}

        for labels in command('VARIABLE LABELS'):
            for part in labels.split('\n')[1:]:
                name = part.strip().lstrip('/').split(' ', 1)[0]
                if name and name not in variables:
                    problems.append(f'VARIABLE LABELS names {name!r}, not a variable')
        labelled = 0
        for block in command('VALUE LABELS'):
            current = None
            for line in block.split('\n')[1:]:
                line = line.strip()
                if not line:
                    continue
                if not line.startswith("'") and not re.match(r'-?\d', line):
                    current = line.lstrip('/')
                    if current not in variables:
                        problems.append(f'VALUE LABELS names {current!r}, not a variable')
                    continue
                match = re.fullmatch(r"('(?:[^']|'')*'|-?\d+)\s+'((?:[^']|'')*)'", line)
                if not match:
                    problems.append(f'cannot read value label line {line!r}')
                    continue
                code = match.group(1)
                field = fields.get(current, {})
                if code.startswith("'"):
                    value = code[1:-1].replace("''", "'")
                    allowed = waves if current == 'wave' else set(field.get('constraints', {}).get('enum', []))
                else:
                    value = int(code)
                    allowed = {c['value'] if isinstance(c, dict) else c for c in field.get('categories', [])}
                if value not in allowed:
                    problems.append(f'{current}: value label for {value!r}, which is not a code of the column')
                labelled += 1
        if labelled == 0:
            problems.append('no value labels')
        print(json.dumps(problems))
        """#
}
