#!/usr/bin/env python3
"""Spiegel benchmark (`make bench`): throughput and memory at three sizes, against DuckDB.

For each size the script prepares a job folder under `.bench/` (cached between runs), runs the
release binary `spiegel run --config …` on it, measures wall time and peak resident memory of the
process, reads the per-stage timings from the published run's `run-manifest.json`, and runs DuckDB
over the same CSV exports computing the school × area means of self and feedback. See
docs/benchmarks.md for how to read the table.

Usage: scripts/bench.py [--sizes sample,national-year,ten-years] [--runs N] [--regenerate]
"""
import argparse
import csv
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / ".build" / "release" / "spiegel"
BENCH = ROOT / ".bench"
STAGES = ["ingest", "analysis", "csv", "workbooks"]
# (name, generator arguments or None for the shipped sample, runs, whether workbooks are written)
SIZES = [
    ("sample", None, 5, True),
    ("national-year", {"subjects": 20000, "waves": 1, "seed": 1}, 3, True),
    # 20,000 wpbs × 14 waves (seven school years, two waves each) ≈ 1,000,000 forms. The target is
    # "everything except workbooks", so this size runs with the workbooks switched off.
    ("ten-years", {"subjects": 20000, "waves": 14, "seed": 1}, 1, False),
]
DOCS = ROOT / "docs" / "benchmarks.md"
RESULTS_START = "<!-- bench:results:start -->"
RESULTS_END = "<!-- bench:results:end -->"
# A fixed key (64 hex digits, like `spiegel keygen` writes), so researcher files are written and timed.
BENCH_KEY = "5e1e6e15" * 8
ENVIRONMENT = dict(os.environ, SPIEGEL_PSEUDONYM_KEY=os.environ.get("SPIEGEL_PSEUDONYM_KEY", BENCH_KEY))


def log(message):
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Preparing the data

def load_yaml(path):
    import yaml
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def input_files(folder, config):
    """Every export file of every source: [(source, path)] in source order."""
    files = []
    for source in config.get("sources", []):
        for path in sorted(glob.glob(str(folder / source["files"]))):
            files.append((source, Path(path)))
    return files


def count_records(path):
    """Non-blank data records after the header, read with a real CSV parser (quoted line breaks)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        first = handle.readline()
        handle.seek(0)
        delimiter = ";" if first.count(";") > first.count(",") else ","
        reader = csv.reader(handle, delimiter=delimiter)
        next(reader, None)
        return sum(1 for row in reader if any(field.strip() for field in row))


def without_workbooks(folder):
    """A copy of the job's Pipeline.yml beside it with the partnership and school workbooks switched off."""
    import yaml
    config = load_yaml(folder / "Pipeline.yml")
    reports = config.setdefault("output", {}).setdefault("reports", {})
    reports.update({"partnership_workbook": False, "school_workbooks": False, "personal_workbooks": False})
    path = folder / "Pipeline.no-workbooks.yml"
    path.write_text("# Written by scripts/bench.py: Pipeline.yml without workbooks.\n"
                    + yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def prepare(name, generator_arguments, regenerate):
    """The job folder for one size, with its Pipeline.yml, and its input size (forms, bytes)."""
    folder = BENCH / name
    stamp_path = folder / ".bench-stamp.json"
    if generator_arguments is None:
        # The shipped sample, copied so the benchmark never touches the repository's Reports/.
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        shutil.copy2(ROOT / "Pipeline.yml", folder / "Pipeline.yml")
        shutil.copytree(ROOT / "Data", folder / "Data")
        stamp = None
    else:
        stamp = json.loads(stamp_path.read_text()) if stamp_path.exists() else None
        if regenerate or not stamp or stamp.get("arguments") != generator_arguments:
            if folder.exists():
                shutil.rmtree(folder)
            command = [str(BINARY), "generate", "--out", str(folder)]
            for key, value in generator_arguments.items():
                command += [f"--{key}", str(value)]
            log(f"generating {name}: {' '.join(command)}")
            started = time.perf_counter()
            subprocess.run(command, check=True, cwd=ROOT)
            log(f"  generated in {time.perf_counter() - started:.1f} s")
            stamp = None
    config = load_yaml(folder / "Pipeline.yml")
    if stamp is None:
        files = input_files(folder, config)
        stamp = {
            "arguments": generator_arguments,
            "forms": sum(count_records(path) for _, path in files),
            "bytes": sum(path.stat().st_size for _, path in files),
            "files": len(files),
        }
        stamp_path.write_text(json.dumps(stamp, indent=2))
    return folder, config, stamp


# ---------------------------------------------------------------------------------------------
# Running Spiegel

def newest_manifest(folder, since):
    candidates = [p for p in folder.rglob("run-manifest.json") if p.stat().st_mtime >= since - 1]
    return max(candidates, key=lambda p: p.stat().st_mtime) if candidates else None


def stage_timings(manifest):
    """`timings` as {stage: seconds}, accepting a mapping or a list of {stage, seconds}."""
    timings = manifest.get("timings") if isinstance(manifest, dict) else None
    if isinstance(timings, dict):
        return {str(k): float(v) for k, v in timings.items() if isinstance(v, (int, float))}
    if isinstance(timings, list):
        result = {}
        for entry in timings:
            if isinstance(entry, dict) and "seconds" in entry:
                result[str(entry.get("stage") or entry.get("name"))] = float(entry["seconds"])
        return result
    return {}


def run_spiegel(folder, config, config_file):
    """One run: wall seconds, peak RSS in MB, exit code, stage timings, workbooks written."""
    output = folder / (config.get("output", {}) or {}).get("folder", "Reports")
    log_path = folder / "bench-run.log"
    # Earlier runs are removed first: ten years of researcher data is gigabytes per run.
    shutil.rmtree(output, ignore_errors=True)
    started_at = time.time()
    started = time.perf_counter()
    with open(log_path, "wb") as log_file:
        process = subprocess.Popen([str(BINARY), "run", "--config", str(config_file)],
                                   cwd=folder, stdout=log_file, stderr=subprocess.STDOUT, env=ENVIRONMENT)
        # wait4 gives this child's own resource usage; ru_maxrss is in KiB on Linux.
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    exit_code = os.waitstatus_to_exitcode(status)
    manifest_path = newest_manifest(output, started_at) if output.exists() else None
    manifest = {}
    if manifest_path:
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            log(f"  cannot read {manifest_path}: {error}")
    workbooks = len(list(manifest_path.resolve().parent.rglob("*.xlsx"))) if manifest_path else None
    if exit_code not in (0, 3):  # 3: success with quarantined rows or warnings
        log(f"  spiegel run exited {exit_code}; see {log_path}")
    return {"wall": wall, "rss_mb": usage.ru_maxrss / 1024, "exit": exit_code,
            "timings": stage_timings(manifest), "workbooks": workbooks, "manifest": manifest_path}


# ---------------------------------------------------------------------------------------------
# The same school × area means in DuckDB

# Timestamp formats of the three tools: (Python format to recognise a sample value, DuckDB expression).
TIMESTAMP_FORMATS = [
    ("%d-%m-%Y %H:%M:%S", "strptime({c}, '%d-%m-%Y %H:%M:%S')"),
    ("%Y/%m/%d %I:%M:%S %p", "strptime(regexp_replace({c}, ' GMT[+-][0-9:]+$', ''), '%Y/%m/%d %I:%M:%S %p')"),
    ("%Y-%m-%d %H:%M:%S", "strptime({c}, '%Y-%m-%d %H:%M:%S')"),
    ("%Y-%m-%dT%H:%M:%S", "strptime({c}, '%Y-%m-%dT%H:%M:%S')"),
]
TIMESTAMP_SQL = "coalesce(" + ", ".join("try_" + sql for _, sql in TIMESTAMP_FORMATS) + ")"


def timestamp_sql(sample, column):
    """The one DuckDB parse that fits this source's timestamps (as a coordinator would write the
    query for a known export), or a coalesce of all of them when the sample matches none."""
    import datetime
    import re
    value = re.sub(r" GMT[+-][0-9:]+$", "", sample or "")
    for python_format, sql in TIMESTAMP_FORMATS:
        try:
            datetime.datetime.strptime(value, python_format)
            return "try_" + sql.format(c=column)
        except ValueError:
            continue
    return TIMESTAMP_SQL.format(c=column)


def quote_identifier(name):
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text):
    return "'" + str(text).replace("'", "''") + "'"


def duckdb_means(folder, config):
    """School × wave × area means of self and feedback, as SPEC §4 defines them (latest
    submission per respondent, subject and wave; area score per form; subject score per role;
    feedback as the mean of the non-self roles). Returns (seconds, result rows)."""
    import duckdb

    instruments = {}
    for pattern in config.get("instruments", []):
        for path in sorted(glob.glob(str(folder / pattern))):
            instrument = load_yaml(path)
            instruments[instrument["id"]] = instrument
    waves = config.get("waves") or []

    started = time.perf_counter()
    con = duckdb.connect()
    con.execute("CREATE TABLE waves (id VARCHAR, first DATE, last DATE)")
    for wave in waves:
        con.execute("INSERT INTO waves VALUES (?, ?, ?)", [str(wave["id"]), str(wave["start"]), str(wave["end"])])
    selects = []
    for source in config.get("sources", []):
        files = sorted(glob.glob(str(folder / source["files"])))
        instrument = instruments.get(source["instrument"])
        if not files or instrument is None:
            continue
        with open(files[0], encoding="utf-8-sig", newline="") as handle:
            first_line = handle.readline()
            delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
            handle.seek(0)
            reader = csv.reader(handle, delimiter=delimiter)
            header = next(reader)
            first_row = next(reader, [])
        columns = source.get("columns", {})
        time_index = header.index(columns["submitted_at"]) if columns["submitted_at"] in header else None
        time_sample = first_row[time_index] if time_index is not None and time_index < len(first_row) else None
        by_key = {}
        for item in instrument.get("items", []):
            by_key[str(item["id"]).strip().lower()] = item["area"]
            by_key[" ".join(str(item["text"]).split()).lower()] = item["area"]
        columns_per_area = {}
        for column in header:
            area = by_key.get(" ".join(column.split()).lower())
            if area is not None:
                columns_per_area.setdefault(area, []).append(column)
        if not columns_per_area:
            continue
        scale = instrument.get("scale", {})
        low, high = int(scale.get("min", 1)), int(scale.get("max", 7))
        role = source.get("role") or (instrument.get("roles") or ["self"])[0]
        respondent = quote_identifier(columns["respondent"])
        subject = quote_identifier(columns["subject"]) if columns.get("subject") else respondent
        school = quote_identifier(columns["school"]) if columns.get("school") else "NULL"
        submitted = timestamp_sql(time_sample, quote_identifier(columns["submitted_at"]))
        file_list = "[" + ", ".join(quote_literal(f) for f in files) + "]"
        # The leading number of an answer: `6`, `6 - Grotendeels`; `n.v.t.` and blanks become NULL.
        score = "TRY_CAST(split_part(trim({}), ' ', 1) AS INTEGER)"
        area_means = ", ".join(
            f"list_avg(list_filter([{', '.join(score.format(quote_identifier(c)) for c in cols)}], "
            f"lambda x: x BETWEEN {low} AND {high})) AS {quote_identifier(area)}"
            for area, cols in columns_per_area.items())
        area_list = ", ".join(quote_identifier(a) for a in columns_per_area)
        # Per source: area scores per form first (few numeric columns), then the latest submission
        # per respondent, subject and wave, then one row per form and area.
        selects.append(f"""
            SELECT {quote_literal(instrument['id'])} AS instrument, {quote_literal(role)} AS role,
                   respondent, subject, school, wave, area, score
            FROM (
                SELECT f.*, w.id AS wave
                FROM (
                    SELECT lower(trim({respondent})) AS respondent, lower(trim({subject})) AS subject,
                           trim({school}) AS school, {submitted} AS submitted, {area_means}
                    FROM read_csv({file_list}, delim={quote_literal(delimiter)}, header=true,
                                  all_varchar=true, quote='"', escape='"', ignore_errors=true)
                    WHERE {respondent} IS NOT NULL AND trim({respondent}) <> ''
                ) f JOIN waves w ON CAST(f.submitted AS DATE) BETWEEN w.first AND w.last
                QUALIFY row_number() OVER (PARTITION BY f.respondent, f.subject, w.id
                                           ORDER BY f.submitted DESC) = 1
            ) UNPIVOT (score FOR area IN ({area_list}))""")
    if not selects:
        return None, []
    con.execute("CREATE TEMP TABLE form_area AS " + " UNION ALL ".join(selects))
    rows = con.execute("""
        WITH subject_role AS (
            SELECT subject, school, wave, role, area, avg(score) AS score FROM form_area GROUP BY ALL),
        subject_area AS (
            SELECT subject, school, wave, area,
                   avg(score) FILTER (WHERE role = 'self') AS self,
                   avg(score) FILTER (WHERE role <> 'self') AS feedback
            FROM subject_role GROUP BY ALL)
        SELECT school, wave, area, avg(self) AS self, avg(feedback) AS feedback, count(self) AS n_self,
               count(feedback) AS n_feedback
        FROM subject_area GROUP BY ALL ORDER BY ALL""").fetchall()
    seconds = time.perf_counter() - started
    con.close()
    return seconds, rows


# ---------------------------------------------------------------------------------------------
# The table

def fmt(value, pattern="{:,.0f}"):
    return "—" if value is None else pattern.format(value)


def report(name, stamp, runs, duckdb_seconds, duckdb_cells, workbooks_on):
    """Prints the table of one size and returns it as lines, with the figures the targets need."""
    lines = []
    print = lines.append  # noqa: A001 — the table goes to stdout and to docs/benchmarks.md
    forms, megabytes = stamp["forms"], stamp["bytes"] / 1e6
    walls = [r["wall"] for r in runs]
    print(f"## {name}: {forms:,} forms, {megabytes:,.1f} MB of CSV in {stamp['files']} files, "
          f"{len(runs)} run(s){' (median)' if len(runs) > 1 else ''}"
          f"{'' if workbooks_on else ', workbooks switched off'}")
    exits = sorted({r["exit"] for r in runs})
    if not set(exits) <= {0, 3}:
        print(f"   exit codes: {exits} (see {BENCH / name / 'bench-run.log'})")
    stages = {}
    for run in runs:
        for stage, seconds in run["timings"].items():
            stages.setdefault(stage, []).append(seconds)
    print(f"   {'stage':<12} {'seconds':>9} {'forms/s':>12} {'MB/s':>9}")
    ordered = [s for s in STAGES if s in stages] + sorted(s for s in stages if s not in STAGES)
    for stage in ordered:
        seconds = statistics.median(stages[stage])
        rate = (lambda x: x / seconds) if seconds > 0 else (lambda x: None)
        print(f"   {stage:<12} {seconds:>9.3f} {fmt(rate(forms)):>12} {fmt(rate(megabytes), '{:,.1f}'):>9}")
    if not stages:
        print("   (the run manifest has no `timings` yet: only wall time and memory below)")
    wall = statistics.median(walls)
    print(f"   {'wall':<12} {wall:>9.3f} {fmt(forms / wall):>12} {fmt(megabytes / wall, '{:,.1f}'):>9}")
    if "workbooks" in stages:
        print(f"   {'wall − workbooks':<22} {wall - statistics.median(stages['workbooks']):>9.3f} s")
    if "workbooks" in stages and "csv" in stages:
        rest = wall - statistics.median(stages["workbooks"]) - statistics.median(stages["csv"])
        print(f"   {'wall − workbooks − csv':<22} {rest:>9.3f} s")
    print(f"   peak RSS     {max(r['rss_mb'] for r in runs):,.0f} MB")
    workbooks = [r["workbooks"] for r in runs if r["workbooks"] is not None]
    print(f"   workbooks    {workbooks[-1] if workbooks else '— (no run manifest found)'}")
    figures = {"wall": wall, "rss": max(r["rss_mb"] for r in runs),
               "ingest_mbs": megabytes / statistics.median(stages["ingest"]) if stages.get("ingest") else None,
               "workbooks_on": workbooks_on, "ratio": None}
    if duckdb_seconds is not None:
        shared = None
        if "ingest" in stages and "analysis" in stages:
            shared = statistics.median(stages["ingest"]) + statistics.median(stages["analysis"])
        label = "ingest+analysis"
        if shared is None:
            shared, label = wall, "wall (no stage timings)"
        print(f"   DuckDB       {duckdb_seconds:>9.3f} s for the school × area means ({duckdb_cells:,} cells)")
        print(f"   Spiegel/DuckDB = {shared / duckdb_seconds:.2f}  (Spiegel {label} {shared:.3f} s)")
        figures["ratio"] = shared / duckdb_seconds
    return lines, figures


def csv_reader_rate(folder, config, passes=3):
    """The CSV reader alone (no answer mapping), in MB/s over all input files: the median of `passes`."""
    files = [str(path) for _, path in input_files(folder, config)]
    rates = []
    for _ in range(passes):
        result = subprocess.run([str(BINARY), "measure-csv", *files], capture_output=True, text=True, check=True)
        rows = json.loads(result.stdout)
        seconds = sum(row["seconds"] for row in rows)
        rates.append(sum(row["bytes"] for row in rows) / 1e6 / seconds if seconds > 0 else 0)
    return statistics.median(rates)


def targets(figures):
    """Issue 9's targets against the measured figures, one line each."""
    def verdict(ok):
        return "—" if ok is None else ("met" if ok else "MISSED")
    lines = []
    ten, national = figures.get("ten-years"), figures.get("national-year")
    if ten:
        lines.append(f"- ten years without workbooks < 10 s wall: {ten['wall']:.1f} s — {verdict(ten['wall'] < 10)}")
        lines.append(f"- ten years peak memory < 500 MB: {ten['rss']:,.0f} MB — {verdict(ten['rss'] < 500)}")
    rates = [(n, f["ingest_mbs"]) for n, f in figures.items() if n != "sample" and f["ingest_mbs"]]
    if rates:
        text = ", ".join(f"{n} {r:,.0f} MB/s" for n, r in rates)
        lines.append(f"- ingest ≥ 200 MB/s: {text} — {verdict(all(r >= 200 for _, r in rates))}")
    readers = [(n, f["reader_mbs"]) for n, f in figures.items() if f.get("reader_mbs")]
    if readers:
        text = ", ".join(f"{n} {r:,.0f} MB/s" for n, r in readers)
        lines.append(f"- CSV reader alone ≥ 200 MB/s (issue 4): {text} — {verdict(all(r >= 200 for _, r in readers))}")
    if national:
        lines.append(f"- national year with every workbook < 30 s: {national['wall']:.1f} s — "
                     f"{verdict(national['wall'] < 30)}")
    ratios = [(n, f["ratio"]) for n, f in figures.items() if f["ratio"] is not None]
    if ratios:
        text = ", ".join(f"{n} {r:.2f}" for n, r in ratios)
        lines.append(f"- Spiegel/DuckDB ≤ 1.0: {text} — {verdict(all(r <= 1.0 for _, r in ratios))}")
    return lines


def machine():
    """nproc and the CPU model, for the results section."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores (nproc), {model}"


def commit():
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def write_results(blocks, target_lines):
    """Replaces the results section of docs/benchmarks.md with this run's tables."""
    import datetime
    text = DOCS.read_text(encoding="utf-8")
    body = [RESULTS_START,
            f"Measured {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} on {machine()}, "
            f"commit {commit()}, by `make bench` (the machine is shared, so expect noise).",
            "", "```"]
    for lines in blocks:
        body += lines + [""]
    body[-1:] = ["```", ""]
    body += ["Targets (issue 9):", ""] + target_lines + [RESULTS_END]
    section = "\n".join(body)
    if RESULTS_START in text and RESULTS_END in text:
        before = text[:text.index(RESULTS_START)]
        after = text[text.index(RESULTS_END) + len(RESULTS_END):]
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n## Results\n\n" + section + "\n"
    DOCS.write_text(text, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(s[0] for s in SIZES), help="comma-separated sizes to run")
    parser.add_argument("--runs", type=int, help="runs per size (default: 5, 3, 1)")
    parser.add_argument("--regenerate", action="store_true", help="regenerate cached data under .bench/")
    parser.add_argument("--no-docs", action="store_true", help="do not write the results into docs/benchmarks.md")
    arguments = parser.parse_args()
    if not BINARY.exists():
        sys.exit(f"{BINARY} not found: build it with `swift build -c release --product spiegel`")
    wanted = arguments.sizes.split(",")
    print(f"Spiegel benchmark — {machine()}, binary {BINARY}", flush=True)
    blocks, figures = [], {}
    for name, generator_arguments, default_runs, workbooks_on in SIZES:
        if name not in wanted:
            continue
        folder, config, stamp = prepare(name, generator_arguments, arguments.regenerate)
        config_file = folder / "Pipeline.yml" if workbooks_on else without_workbooks(folder)
        runs = []
        duckdb_times, duckdb_cells = [], 0
        for index in range(arguments.runs or default_runs):
            log(f"{name}: run {index + 1}")
            runs.append(run_spiegel(folder, config, config_file))
            seconds, rows = duckdb_means(folder, config)
            if seconds is not None:
                duckdb_times.append(seconds)
                duckdb_cells = len(rows)
        lines, figures[name] = report(name, stamp, runs, statistics.median(duckdb_times) if duckdb_times else None,
                                      duckdb_cells, workbooks_on)
        if name != "sample":
            figures[name]["reader_mbs"] = csv_reader_rate(folder, config)
            lines.append(f"   CSV reader alone (parse, no mapping): {figures[name]['reader_mbs']:,.0f} MB/s (median of 3)")
        print("\n" + "\n".join(lines), flush=True)
        blocks.append(lines)
    target_lines = targets(figures)
    print("\nTargets (issue 9):\n" + "\n".join(target_lines))
    if not arguments.no_docs and blocks:
        write_results(blocks, target_lines)
        print(f"\nResults written to {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
