#!/usr/bin/env python3
"""The DuckDB peer of `make bench`: Spiegel's job without workbooks, as one SQL script.

`peer_script(folder, config, out, key)` writes the SQL that a coordinator fluent in DuckDB would write
for the same job (docs/analysis.md): read every export, map the answers (numbers, labels, "6 - label",
not-answered words), drop rows of unknown schools or with an answer off the scale, resolve duplicates by
the latest submission (ties: the later row in the later file), area scores per form, subject scores per
role and area, feedback as the mean of the non-self roles, gaps and per-role gaps, gap categories with the
threshold rule of §7 (gaps rounded to 9 decimals), the change between consecutive waves (§11), and the
school and partnership aggregates of §8 with the same cells as Spiegel's `research/aggregates.csv` (n,
mean, sd, median, min, max, the category shares of every gap measure); it writes forms.csv (with
keyed-hash pseudonyms), responses.csv, subject_scores.csv, aggregates.csv and quarantine.csv.
`compare_aggregates` checks its aggregates against Spiegel's cell by cell (the bench does, and so does
`PeerAgreementTests`).

It does less than Spiegel: no disclosure rules, no Cronbach's alpha, no codebook or data package, no
validation messages, no response counts, no workbooks. So it is a lower bound for the same job.

Run as a script it executes one prepared SQL file in a fresh DuckDB (the benchmark starts it as its own
process, so that wall time and peak memory are measured the same way as Spiegel's):
`bench_peer.py SCRIPT.sql`.
"""
import csv
import glob
import sys
from pathlib import Path

# Timestamp formats of the three tools: (Python format to recognise a sample value, DuckDB expression).
TIMESTAMP_FORMATS = [
    ("%d-%m-%Y %H:%M:%S", "strptime({c}, '%d-%m-%Y %H:%M:%S')"),
    ("%Y/%m/%d %I:%M:%S %p", "strptime(regexp_replace({c}, ' GMT[+-][0-9:]+$', ''), '%Y/%m/%d %I:%M:%S %p')"),
    ("%Y-%m-%d %H:%M:%S", "strptime({c}, '%Y-%m-%d %H:%M:%S')"),
    ("%Y-%m-%dT%H:%M:%S", "strptime({c}, '%Y-%m-%dT%H:%M:%S')"),
]


def load_yaml(path):
    import yaml
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def identifier(name):
    return '"' + str(name).replace('"', '""') + '"'


def literal(text):
    return "'" + str(text).replace("'", "''") + "'"


def timestamp_sql(sample, column):
    """The one parse that fits this source's timestamps (as one writes a query for a known export)."""
    import datetime
    import re
    value = re.sub(r" GMT[+-][0-9:]+$", "", sample or "")
    for python_format, sql in TIMESTAMP_FORMATS:
        try:
            datetime.datetime.strptime(value, python_format)
            return "try_" + sql.format(c=column)
        except ValueError:
            continue
    return "coalesce(" + ", ".join("try_" + sql.format(c=column) for _, sql in TIMESTAMP_FORMATS) + ")"


def sniff(path):
    """Delimiter, header and first data row of an export."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        first_line = handle.readline()
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        handle.seek(0)
        reader = csv.reader(handle, delimiter=delimiter)
        return delimiter, next(reader), next(reader, [])


def peer_script(folder, config, out, key, threshold=1.0):
    """The whole SQL script for the job folder `folder`, writing its CSVs into `out`."""
    folder, out = Path(folder), Path(out)
    instruments = {}
    for pattern in config.get("instruments", []):
        for path in sorted(glob.glob(str(folder / pattern))):
            instrument = load_yaml(path)
            instruments[instrument["id"]] = instrument
    registry = load_yaml(folder / config["registry"])
    analysis = config.get("analysis") or {}
    threshold = float(analysis.get("gap_threshold", threshold))

    sql = ["SET preserve_insertion_order = true;",
           "CREATE TABLE waves (id VARCHAR, first DATE, last DATE);"]
    for wave in config.get("waves") or []:
        sql.append(f"INSERT INTO waves VALUES ({literal(wave['id'])}, DATE {literal(wave['start'])}, "
                   f"DATE {literal(wave['end'])});")
    sql.append("CREATE TABLE schools (id VARCHAR, partnership VARCHAR);")
    schools = registry.get("schools") or []
    for start in range(0, len(schools), 500):
        values = ", ".join(f"({literal(s['id'])}, {literal(s['partnership'])})" for s in schools[start:start + 500])
        sql.append(f"INSERT INTO schools VALUES {values};")
    sql.append("CREATE TABLE scale_words (instrument VARCHAR, word VARCHAR, value INTEGER);")
    sql.append("CREATE TABLE items (source INTEGER, item VARCHAR, area VARCHAR);")
    sql.append("CREATE TABLE sources (source INTEGER, instrument VARCHAR, role VARCHAR, kind VARCHAR, "
               "low INTEGER, high INTEGER);")
    for instrument in instruments.values():
        scale = instrument.get("scale", {})
        words = [(str(label).strip().lower(), int(value)) for value, label in (scale.get("labels") or {}).items()]
        words += [(str(word).strip().lower(), None) for word in scale.get("not_answered") or []]
        if words:
            values = ", ".join(f"({literal(instrument['id'])}, {literal(w)}, {'NULL' if v is None else v})"
                               for w, v in words)
            sql.append(f"INSERT INTO scale_words VALUES {values};")

    # The areas and measures of each scope (docs/analysis.md §8), from the instruments' subjects and roles.
    sql.append("CREATE TABLE scope_areas (kind VARCHAR, area VARCHAR);")
    sql.append("CREATE TABLE scope_measures (kind VARCHAR, measure VARCHAR);")
    for kind in ("wpb", "school"):
        mine = [i for i in instruments.values() if ("school" if i.get("subject") == "school" else "wpb") == kind]
        areas = sorted({str(a["id"]) for i in mine for a in i.get("areas") or []})
        roles = {str(r) for i in mine for r in i.get("roles") or []}
        if not areas:
            continue
        feedback_roles = sorted(roles - {"self"})
        measures = ["self"] + feedback_roles + ["feedback", "gap"]
        if kind == "wpb":
            measures += [f"gap_{r}" for r in feedback_roles if r in ("student", "schoolopleider")]
        measures += ["change_self", "change_feedback"]
        sql.append("INSERT INTO scope_areas VALUES " + ", ".join(f"('{kind}', {literal(a)})" for a in areas) + ";")
        sql.append("INSERT INTO scope_measures VALUES " + ", ".join(f"('{kind}', {literal(m)})" for m in measures) + ";")

    keys, unpivots = [], []
    for number, source in enumerate(config.get("sources", [])):
        files = sorted(glob.glob(str(folder / source["files"])))
        instrument = instruments.get(source["instrument"])
        if not files or instrument is None:
            continue
        delimiter, header, first_row = sniff(files[0])
        columns = source.get("columns", {})
        by_name = {}
        for item in instrument.get("items", []):
            by_name[str(item["id"]).strip().lower()] = item
            by_name[" ".join(str(item["text"]).split()).lower()] = item
        mapped = []  # (header column, item)
        for column in header:
            item = by_name.get(" ".join(column.split()).lower())
            if item is not None:
                mapped.append((column, item))
        if not mapped:
            continue
        scale = instrument.get("scale", {})
        kind = "school" if instrument.get("subject") == "school" else "wpb"
        role = source.get("role") or (instrument.get("roles") or ["self"])[0]
        sql.append(f"INSERT INTO sources VALUES ({number}, {literal(instrument['id'])}, {literal(role)}, "
                   f"{literal(kind)}, {int(scale.get('min', 1))}, {int(scale.get('max', 7))});")
        sql.append("INSERT INTO items VALUES " + ", ".join(
            f"({number}, {literal(item['id'])}, {literal(item['area'])})" for _, item in mapped) + ";")
        respondent = identifier(columns["respondent"])
        subject = identifier(columns["subject"]) if columns.get("subject") else respondent
        subject_sql = f"trim({subject})" if kind == "school" else f"lower(trim({subject}))"
        school = f"trim({identifier(columns['school'])})" if columns.get("school") else "NULL"
        time_index = header.index(columns["submitted_at"]) if columns["submitted_at"] in header else None
        sample = first_row[time_index] if time_index is not None and time_index < len(first_row) else None
        submitted = timestamp_sql(sample, identifier(columns["submitted_at"]))
        file_list = "[" + ", ".join(literal(f) for f in files) + "]"
        item_columns = ", ".join(f"{identifier(column)} AS {identifier(item['id'])}" for column, item in mapped)
        sql.append(f"""
CREATE TABLE rows_{number} AS
SELECT {number} AS source, filename AS file, row_number() OVER () AS line,
       lower(trim({respondent})) AS respondent, {subject_sql} AS subject, {school} AS school,
       {submitted} AS submitted, {item_columns}
FROM read_csv({file_list}, delim={literal(delimiter)}, header=true, all_varchar=true, quote='"', escape='"',
              filename=true, ignore_errors=true)
WHERE coalesce(trim({respondent}), '') <> '';""")
        keys.append(f"SELECT source, file, line, respondent, subject, school, submitted FROM rows_{number}")
        item_list = ", ".join(identifier(item["id"]) for _, item in mapped)
        unpivots.append(f"SELECT source, file, line, item, answer FROM "
                        f"(UNPIVOT rows_{number} ON {item_list} INTO NAME item VALUE answer)")
    if not keys:
        return None

    out_path = lambda name: literal(str(out / name))  # noqa: E731
    sql.append(f"""
CREATE TABLE form_rows AS {' UNION ALL '.join(keys)};
CREATE TABLE answers AS
SELECT a.source, a.file, a.line, a.item, i.area,
       CASE WHEN w.word IS NOT NULL AND w.value IS NULL THEN NULL
            ELSE coalesce(TRY_CAST(split_part(trim(a.answer), ' ', 1) AS INTEGER), w.value) END AS score,
       w.word IS NOT NULL AND w.value IS NULL AS not_answered, s.low, s.high
FROM ({' UNION ALL '.join(unpivots)}) a
JOIN sources s USING (source) JOIN items i ON i.source = a.source AND i.item = a.item
LEFT JOIN scale_words w ON w.instrument = s.instrument AND w.word = lower(trim(a.answer))
WHERE trim(a.answer) <> '';
-- A row is used when its school is known, it falls in a wave and every answer is on the scale.
CREATE TABLE bad_rows AS
SELECT DISTINCT source, file, line FROM answers
WHERE (score IS NULL AND NOT not_answered) OR score NOT BETWEEN low AND high;
CREATE TABLE candidates AS
SELECT r.*, w.id AS wave, s.instrument, s.role, s.kind, sc.partnership
FROM form_rows r JOIN sources s USING (source)
JOIN schools sc ON sc.id = r.school
JOIN waves w ON CAST(r.submitted AS DATE) BETWEEN w.first AND w.last
ANTI JOIN bad_rows b ON b.source = r.source AND b.file = r.file AND b.line = r.line;
CREATE TABLE forms AS
SELECT row_number() OVER (ORDER BY source, file, line) AS form_id, * FROM candidates
QUALIFY row_number() OVER (PARTITION BY respondent, instrument, subject, wave
                           ORDER BY submitted DESC, file DESC, line DESC) = 1;
COPY (SELECT r.file, r.line,
             CASE WHEN sc.id IS NULL THEN 'unknown school'
                  WHEN b.line IS NOT NULL THEN 'answer off the scale'
                  WHEN c.line IS NULL THEN 'outside every wave'
                  ELSE 'superseded' END AS reason
      FROM form_rows r LEFT JOIN schools sc ON sc.id = r.school
      LEFT JOIN bad_rows b ON b.source = r.source AND b.file = r.file AND b.line = r.line
      LEFT JOIN candidates c ON c.source = r.source AND c.file = r.file AND c.line = r.line
      ANTI JOIN forms f ON f.source = r.source AND f.file = r.file AND f.line = r.line
      ORDER BY r.file, r.line) TO {out_path('quarantine.csv')} (HEADER);
COPY (SELECT form_id, instrument, role, 'p-' || left(sha256({literal(key)} || respondent), 20) AS respondent,
             CASE WHEN kind = 'school' THEN subject ELSE 'p-' || left(sha256({literal(key)} || subject), 20) END AS subject,
             school, wave, strftime(submitted, '%Y-%m-%dT%H:%M:%S') AS submitted_at
      FROM forms ORDER BY form_id) TO {out_path('forms.csv')} (HEADER);
CREATE TABLE scores AS
SELECT f.form_id, a.item, a.area, a.score FROM answers a
JOIN forms f ON f.source = a.source AND f.file = a.file AND f.line = a.line WHERE a.score IS NOT NULL;
COPY (SELECT form_id, item, score FROM scores ORDER BY form_id, item) TO {out_path('responses.csv')} (HEADER);
CREATE TABLE subject_role AS
SELECT f.kind, f.subject, f.wave, f.role, s.area, avg(s.area_score) AS score
FROM (SELECT form_id, area, avg(score) AS area_score FROM scores GROUP BY ALL) s JOIN forms f USING (form_id)
GROUP BY ALL;
-- A subject's school and partnership: those of its latest form in the wave.
CREATE TABLE subject_home AS
SELECT kind, subject, wave, arg_max(school, submitted) AS school, arg_max(partnership, submitted) AS partnership
FROM forms GROUP BY ALL;
CREATE TABLE subject_scores AS
SELECT kind, subject, school, partnership, wave, area, self, student, schoolopleider, instituutsopleider, feedback,
       self - feedback AS gap,
       CASE WHEN kind = 'wpb' THEN self - student END AS gap_student,
       CASE WHEN kind = 'wpb' THEN self - schoolopleider END AS gap_schoolopleider
FROM (SELECT kind, subject, wave, area,
             avg(score) FILTER (WHERE role = 'self') AS self,
             avg(score) FILTER (WHERE role = 'student') AS student,
             avg(score) FILTER (WHERE role = 'schoolopleider') AS schoolopleider,
             avg(score) FILTER (WHERE role = 'instituutsopleider') AS instituutsopleider,
             avg(score) FILTER (WHERE role <> 'self') AS feedback
      FROM subject_role GROUP BY ALL) JOIN subject_home USING (kind, subject, wave);
-- docs/analysis.md §7: gaps rounded to 9 decimals before they meet the threshold.
CREATE MACRO category(gap) AS CASE WHEN round(gap, 9) >= {threshold} THEN 'overschatting'
                                   WHEN round(gap, 9) <= -{threshold} THEN 'onderschatting'
                                   WHEN gap IS NOT NULL THEN 'in_overeenstemming' END;
COPY (SELECT kind, CASE WHEN kind = 'school' THEN subject ELSE 'p-' || left(sha256({literal(key)} || subject), 20) END
             AS subject, school, partnership, wave, area, self, student, schoolopleider, instituutsopleider, feedback,
             gap, gap_student, gap_schoolopleider, category(gap) AS gap_category
      FROM subject_scores ORDER BY ALL) TO {out_path('subject_scores.csv')} (HEADER);
-- §11: change between consecutive waves with data in the scope, under the later wave.
CREATE TABLE scope_waves AS
SELECT kind, wave, row_number() OVER (PARTITION BY kind ORDER BY w.first) AS rank
FROM (SELECT DISTINCT kind, wave FROM forms) f JOIN waves w ON w.id = f.wave;
CREATE TABLE changes AS
SELECT later.kind, later.school, later.partnership, later.wave, later.area,
       later.self - earlier.self AS change_self, later.feedback - earlier.feedback AS change_feedback
FROM subject_scores later
JOIN scope_waves lw ON lw.kind = later.kind AND lw.wave = later.wave
JOIN scope_waves ew ON ew.kind = later.kind AND ew.rank = lw.rank - 1
JOIN subject_scores earlier ON earlier.kind = later.kind AND earlier.subject = later.subject
                           AND earlier.wave = ew.wave AND earlier.area = later.area;
CREATE TABLE measure_values AS
SELECT kind, school, partnership, wave, area, measure, value FROM
  (UNPIVOT (SELECT kind, school, partnership, wave, area, self, student, schoolopleider, instituutsopleider,
                   feedback, gap, gap_student, gap_schoolopleider FROM subject_scores)
   ON self, student, schoolopleider, instituutsopleider, feedback, gap, gap_student, gap_schoolopleider
   INTO NAME measure VALUE value)
UNION ALL
SELECT kind, school, partnership, wave, area, measure, value FROM
  (UNPIVOT changes ON change_self, change_feedback INTO NAME measure VALUE value);
-- §8: every unit with a subject in a wave gets a cell for every area and measure of its scope; the school
-- scan only per partnership.
CREATE TABLE units AS
SELECT DISTINCT kind, 'school' AS level, school AS unit, partnership, wave FROM subject_home WHERE kind = 'wpb'
UNION ALL SELECT DISTINCT kind, 'partnership', partnership, partnership, wave FROM subject_home;
CREATE TABLE cells AS
SELECT u.kind, u.level, u.unit, u.wave, a.area, m.measure
FROM units u JOIN scope_areas a ON a.kind = u.kind JOIN scope_measures m ON m.kind = u.kind
JOIN scope_waves w ON w.kind = u.kind AND w.wave = u.wave
WHERE w.rank > 1 OR m.measure NOT LIKE 'change%';
CREATE TABLE statistics AS
SELECT kind, level, unit, wave, area, measure, count(value) AS n, avg(value) AS mean, stddev_samp(value) AS sd,
       median(value) AS median, min(value) AS min, max(value) AS max,
       avg(CASE WHEN category(value) = 'overschatting' THEN 1.0 ELSE 0.0 END) AS share_overschatting,
       avg(CASE WHEN category(value) = 'in_overeenstemming' THEN 1.0 ELSE 0.0 END) AS share_in_overeenstemming,
       avg(CASE WHEN category(value) = 'onderschatting' THEN 1.0 ELSE 0.0 END) AS share_onderschatting
FROM (SELECT kind, 'school' AS level, school AS unit, wave, area, measure, value FROM measure_values WHERE kind = 'wpb'
      UNION ALL SELECT kind, 'partnership', partnership, wave, area, measure, value FROM measure_values)
GROUP BY ALL;
COPY (SELECT c.level, c.unit AS unit_id, c.wave, c.area, c.measure, coalesce(s.n, 0) AS n, s.mean, s.sd, s.median,
             s.min, s.max,
             CASE WHEN c.measure LIKE 'gap%' THEN s.share_overschatting END AS share_overschatting,
             CASE WHEN c.measure LIKE 'gap%' THEN s.share_in_overeenstemming END AS share_in_overeenstemming,
             CASE WHEN c.measure LIKE 'gap%' THEN s.share_onderschatting END AS share_onderschatting,
             c.kind AS scope
      FROM cells c LEFT JOIN statistics s USING (kind, level, unit, wave, area, measure)
      ORDER BY ALL) TO {out_path('aggregates.csv')} (HEADER);
""")
    return "\n".join(sql)


KEY = ("scope", "level", "unit_id", "wave", "area", "measure")
NUMBERS = ("n", "mean", "sd", "median", "min", "max", "share_overschatting", "share_in_overeenstemming",
           "share_onderschatting")


def compare_aggregates(spiegel_csv, peer_csv, tolerance=1e-6):
    """Spiegel's research/aggregates.csv against the peer's, cell by cell.

    Returns (cells compared, problems): a problem is a cell only one side has, or a number that differs by
    more than `tolerance` (Spiegel writes six decimals). Cells Spiegel withholds (no n) are compared by key
    only, since the peer applies no disclosure rule.
    """
    def read(path):
        with open(path, encoding="utf-8", newline="") as handle:
            return {tuple(row[k] for k in KEY): row for row in csv.DictReader(handle)}

    spiegel, peer = read(spiegel_csv), read(peer_csv)
    problems = [f"only in Spiegel: {key}" for key in sorted(spiegel.keys() - peer.keys())]
    problems += [f"only in the peer: {key}" for key in sorted(peer.keys() - spiegel.keys())]
    compared = 0
    for key in sorted(spiegel.keys() & peer.keys()):
        ours, theirs = spiegel[key], peer[key]
        if ours["n"] == "":
            continue
        compared += 1
        for column in NUMBERS:
            a, b = ours.get(column, ""), theirs.get(column, "")
            if (a == "") != (b == "") or (a != "" and abs(float(a) - float(b)) > tolerance):
                problems.append(f"{key} {column}: Spiegel {a or 'empty'}, peer {b or 'empty'}")
    return compared, problems


def main():
    if sys.argv[1] == "--compare":
        compared, problems = compare_aggregates(sys.argv[2], sys.argv[3])
        print(f"{compared} cells compared, {len(problems)} differences")
        print("\n".join(problems[:40]))
        sys.exit(1 if problems else 0)
    import duckdb
    script = Path(sys.argv[1]).read_text(encoding="utf-8")
    connection = duckdb.connect()
    connection.execute(script)
    connection.close()


if __name__ == "__main__":
    main()
