#!/usr/bin/env python3
"""Spiegel benchmark (`make bench`): the whole job against DuckDB, the workbooks against libxlsxwriter,
and peak memory against the number of forms. See docs/benchmarks.md for how to read the tables.

Four parts, each on generated data (`spiegel generate --subjects N --waves W --seed 1`, cached under
`.bench/`):

- job: ingest + analysis + researcher CSV (workbooks off) for one wave and for fourteen, against the
  DuckDB peer (`scripts/bench_peer.py`) doing the same job in one SQL script; run interleaved
  (Spiegel, DuckDB, Spiegel, …), medians and ratios.
- workbooks: the whole job with every school and partnership workbook, the workbook stage's own time,
  and what libxlsxwriter alone needs to write the same cells, formats and charts
  (`scripts/xlsxwriter_floor.c`, counted from the workbooks the run wrote).
- memory: peak RSS at 1, 2, 4, 8 and 14 waves (workbooks off), and its slope in MB per 100,000 forms
  fitted by least squares.
- typos: the national year with 0, 500, 1,000 and 2,000 self-scan rows whose wpb id is one letter off a roster
  address, CPU seconds per 1,000 mistyped rows ("did you mean" must cost linear time, issue 24).

`--baseline BINARY` also runs an older build in the same rounds (baseline, Spiegel, peer, baseline, …),
so every table gets before/after columns measured under the same load.

Usage: scripts/bench.py [--quick] [--parts job,workbooks,memory,typos] [--subjects N] [--sweep 1,2,4,8,14] [--typos 0,500,…]
                        [--runs N] [--baseline BINARY] [--regenerate] [--no-docs]
"""
import argparse
import datetime
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_peer  # noqa: E402
import bench_workload  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / ".build" / "release" / "spiegel"
BENCH = ROOT / ".bench"
DOCS = ROOT / "docs" / "benchmarks.md"
RESULTS_START = "<!-- bench:results:start -->"
RESULTS_END = "<!-- bench:results:end -->"
FLOOR_SOURCE = ROOT / "scripts" / "xlsxwriter_floor.c"
STAGES = ["ingest", "analysis", "csv", "workbooks"]
# A fixed key (64 hex digits, like `spiegel keygen` writes), so researcher files are written and timed.
BENCH_KEY = "5e1e6e15" * 8
ENVIRONMENT = dict(os.environ, SPIEGEL_PSEUDONYM_KEY=os.environ.get("SPIEGEL_PSEUDONYM_KEY", BENCH_KEY))
PYTHON = sys.executable


def log(message):
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Data

def dataset(subjects, waves, regenerate=False):
    """The job folder for `subjects` wpbs over `waves` waves, with its input size (forms, bytes, files)."""
    folder = BENCH / f"s{subjects}-w{waves}"
    arguments = {"subjects": subjects, "waves": waves, "seed": 1}
    stamp_path = folder / ".bench-stamp.json"
    stamp = json.loads(stamp_path.read_text()) if stamp_path.exists() else None
    if regenerate or not stamp or stamp.get("arguments") != arguments:
        shutil.rmtree(folder, ignore_errors=True)
        command = [str(BINARY), "generate", "--out", str(folder)] + [f"--{k}={v}" for k, v in arguments.items()]
        log(f"generating {folder.name}: {' '.join(command)}")
        started = time.perf_counter()
        subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        log(f"  generated in {time.perf_counter() - started:.1f} s")
        config = bench_peer.load_yaml(folder / "Pipeline.yml")
        files = [Path(p) for s in config.get("sources", []) for p in sorted(folder.glob(s["files"]))]
        stamp = {"arguments": arguments, "forms": sum(count_records(p) for p in files),
                 "bytes": sum(p.stat().st_size for p in files), "files": len(files)}
        stamp_path.write_text(json.dumps(stamp, indent=2))
    return folder, stamp


def count_records(path):
    """Non-blank data records after the header, read with a real CSV parser (quoted line breaks)."""
    import csv
    with open(path, encoding="utf-8-sig", newline="") as handle:
        first = handle.readline()
        handle.seek(0)
        reader = csv.reader(handle, delimiter=";" if first.count(";") > first.count(",") else ",")
        next(reader, None)
        return sum(1 for row in reader if any(field.strip() for field in row))


def variant(folder, name, workbooks):
    """A copy of the job's Pipeline.yml beside it with the workbooks on or off (personal ones always off)."""
    import yaml
    config = bench_peer.load_yaml(folder / "Pipeline.yml")
    reports = config.setdefault("output", {}).setdefault("reports", {})
    reports.update({"partnership_workbook": workbooks, "school_workbooks": workbooks, "personal_workbooks": False})
    path = folder / name
    path.write_text("# Written by scripts/bench.py from Pipeline.yml.\n"
                    + yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# Measuring one process

def measured(command, cwd, log_path, env=None):
    """Runs `command` to its end: wall seconds, peak RSS in MB, exit code."""
    # Peak RSS through GNU time, not wait4: Linux counts in a child's ru_maxrss the memory of the process it was
    # forked from before its exec, so once this Python process has grown (comparing 600,000 cells) every child
    # would report at least its size. `time` is small, and forks the measured program from itself.
    started = time.perf_counter()
    with tempfile.NamedTemporaryFile("r") as peak, open(log_path, "wb") as log_file:
        process = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", peak.name, *map(str, command)], cwd=cwd,
                                 stdout=log_file, stderr=subprocess.STDOUT, env=env)
        kib = int(peak.read().strip().splitlines()[-1] or 0)
    return time.perf_counter() - started, kib / 1024, process.returncode


def run_spiegel(binary, folder, config_file):
    """One `spiegel run`: wall, peak RSS, exit code, the manifest's stage timings and the run folder."""
    output = folder / "Reports"
    # Earlier runs are removed first: ten years of researcher data is hundreds of MB per run.
    shutil.rmtree(output, ignore_errors=True)
    wall, rss, code = measured([str(binary), "run", "--config", str(config_file)], folder,
                               folder / "bench-run.log", ENVIRONMENT)
    manifests = sorted(output.rglob("run-manifest.json"), key=lambda p: p.stat().st_mtime) if output.exists() else []
    timings, run_folder = {}, None
    if manifests:
        run_folder = manifests[-1].resolve().parent
        timings = {k: float(v) for k, v in json.loads(manifests[-1].read_text()).get("timings", {}).items()}
    if code not in (0, 3):  # 3: success with quarantined rows or warnings
        log(f"  {binary} run exited {code}; see {folder / 'bench-run.log'}")
    # The release ledger (issue 22): its size in the run, and the disclosure stage's share of the run's time.
    ledger = run_folder / "release-ledger.bin" if run_folder else None
    ledger_bytes = ledger.stat().st_size if ledger and ledger.exists() else None
    if ledger_bytes is None and run_folder and (run_folder / "release-state.json").exists():
        ledger_bytes = (run_folder / "release-state.json").stat().st_size  # the state file before the ledger
    return {"wall": wall, "rss": rss, "exit": code, "timings": timings, "folder": run_folder, "ledger": ledger_bytes}


def forget_ledger(folder):
    """Removes the release ledger kept beside the job's Pipeline.yml, so the next run is a first release."""
    (folder / "release-ledger.bin").unlink(missing_ok=True)


def run_peer(folder, script):
    """One run of the DuckDB peer's SQL script in its own process: wall, peak RSS, exit code."""
    out = folder / "peer-out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    wall, rss, code = measured([PYTHON, str(ROOT / "scripts" / "bench_peer.py"), str(script)], folder,
                               folder / "bench-peer.log")
    if code != 0:
        log(f"  DuckDB peer exited {code}; see {folder / 'bench-peer.log'}")
    return {"wall": wall, "rss": rss, "exit": code}


def peer_script_file(folder):
    config = bench_peer.load_yaml(folder / "Pipeline.yml")
    script = bench_peer.peer_script(folder, config, folder / "peer-out", BENCH_KEY)
    path = folder / "peer.sql"
    path.write_text(script, encoding="utf-8")
    return path


def floor_binary():
    """The libxlsxwriter floor program, built with gcc into .bench/."""
    binary = BENCH / "xlsxwriter_floor"
    if not binary.exists() or binary.stat().st_mtime < FLOOR_SOURCE.stat().st_mtime:
        BENCH.mkdir(exist_ok=True)
        subprocess.run(["gcc", "-O2", "-o", str(binary), str(FLOOR_SOURCE), "-lxlsxwriter", "-lpthread"], check=True)
    return binary


def run_floor(workload_file):
    """One run of the floor over `workload_file`: wall seconds of writing (without start-up)."""
    with tempfile.TemporaryDirectory(dir=BENCH) as out:
        result = subprocess.run([str(floor_binary()), str(workload_file), out], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)["seconds"]


def write_workload(run_folder, path):
    """Counts what the run's workbooks hold; writes the floor's workload file and returns the totals."""
    rows = bench_workload.workload([run_folder])
    with open(path, "w") as handle:
        for row in rows:
            # A merged range's text is one of the string cells, and the floor writes merges on their own.
            line = dict(row, strings=max(row["strings"] - row["merges"], 0))
            handle.write(" ".join(str(line[field]) for field in bench_workload.FIELDS) + "\n")
    totals = {field: sum(row[field] for row in rows) for field in bench_workload.FIELDS}
    totals["workbooks"] = len(rows)
    return totals


# ---------------------------------------------------------------------------------------------
# Reporting

def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def stage(runs, name):
    return median([r["timings"].get(name) for r in runs])


def fmt(value, pattern="{:,.2f}"):
    return "—" if value is None else pattern.format(value)


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def least_squares(xs, ys):
    """Slope and intercept of the straight line through (xs, ys) with the least squared error."""
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sxx if sxx else 0.0
    return slope, mean_y - slope * mean_x


# ---------------------------------------------------------------------------------------------
# The three parts

def job_part(options, programs):
    """Ingest + analysis + researcher CSV at one and at fourteen waves, against the DuckDB peer."""
    lines = ["### The whole job without workbooks, against DuckDB", ""]
    figures = {}
    rows, checks = [], []
    for waves in options.job_waves:
        folder, stamp = dataset(options.subjects, waves, options.regenerate)
        config_file = variant(folder, "Pipeline.no-workbooks.yml", workbooks=False)
        script = peer_script_file(folder)
        results = {name: [] for name in programs}
        peer = []
        for round_number in range(options.runs):
            for name, binary in programs.items():
                log(f"job {folder.name}: {name} run {round_number + 1}")
                # Every round is a first night: the output folder is emptied, so its ledger goes too.
                forget_ledger(folder)
                results[name].append(run_spiegel(binary, folder, config_file))
            log(f"job {folder.name}: DuckDB run {round_number + 1}")
            peer.append(run_peer(folder, script))
        peer_wall, peer_rss = median([r["wall"] for r in peer]), max(r["rss"] for r in peer)
        checks.append(same_cells(folder, results))
        label = f"{stamp['forms']:,} forms ({waves} wave{'s' if waves > 1 else ''}), {stamp['bytes'] / 1e6:,.0f} MB"
        for name in programs:
            runs = results[name]
            wall = median([r["wall"] for r in runs])
            disclosure = stage(runs, "disclosure")
            # CPU seconds where the run reports them (free of the shared machine's load), else wall seconds.
            cpu, total_cpu = stage(runs, "disclosure_cpu"), stage(runs, "cpu")
            share = (cpu / total_cpu if cpu is not None and total_cpu
                     else disclosure / stage(runs, "total") if disclosure is not None and stage(runs, "total") else None)
            ledger = median([r["ledger"] for r in runs])
            figures[(name, waves)] = {"wall": wall, "rss": max(r["rss"] for r in runs), "peer": peer_wall,
                                      "forms": stamp["forms"], "disclosure_share": share, "ledger": ledger}
            rows.append([label, name, fmt(stage(runs, "ingest")), fmt(stage(runs, "analysis")), fmt(stage(runs, "csv")),
                         fmt(disclosure), fmt(share * 100 if share is not None else None, "{:.1f} %"),
                         fmt(ledger / 1e6 if ledger is not None else None, "{:,.2f}"),
                         fmt(wall), fmt(max(r["rss"] for r in runs), "{:,.0f}"), fmt(peer_wall), fmt(peer_rss, "{:,.0f}"),
                         fmt(peer_wall / wall, "{:.2f}×")])
    lines += table(["input", "build", "ingest s", "analysis s", "csv s", "disclosure s", "disclosure share",
                    "ledger MB", "wall s", "peak MB", "DuckDB wall s", "DuckDB peak MB", "DuckDB / Spiegel"], rows)
    lines += ["", f"Medians of {options.runs} interleaved rounds; *DuckDB / Spiegel* above 1 means Spiegel is faster. "
              "*disclosure s*: the release for MT workbooks and public/ (ledger read, release, audit, ledger write; "
              "part of *csv s* before issue 22); *disclosure share*: its CPU seconds of the run's (`disclosure_cpu` / `cpu` in the manifest); *ledger MB*: "
              "`release-ledger.bin` in the run (a build before issue 22: `release-state.json`).",
              "", "Same job, checked cell by cell (`research/aggregates.csv` against the peer's): " + "; ".join(checks)]
    return lines, figures


def same_cells(folder, results):
    """The peer's aggregates against the last Spiegel run's, cell by cell (bench_peer.compare_aggregates)."""
    runs = [run for name in results for run in results[name] if run["folder"]]
    if not runs:
        return f"{folder.name}: no Spiegel output to compare"
    compared, problems = bench_peer.compare_aggregates(runs[-1]["folder"] / "research" / "aggregates.csv",
                                                       folder / "peer-out" / "aggregates.csv")
    for problem in problems[:20]:
        log(f"  peer differs: {problem}")
    return f"{folder.name}: {compared:,} cells, {len(problems)} differences"


def workbooks_part(options, programs):
    """The whole job with every school and partnership workbook, and the stage against libxlsxwriter alone."""
    lines = ["### The workbook stage against libxlsxwriter alone", ""]
    figures = {}
    rows, workload_rows = [], []
    for waves in options.workbook_waves:
        folder, stamp = dataset(options.subjects, waves, options.regenerate)
        config_file = variant(folder, "Pipeline.workbooks.yml", workbooks=True)
        results = {name: [] for name in programs}
        floors = []
        workload_file, totals = folder / "workload.txt", None
        # Fourteen waves with every workbook take minutes per run: one round unless asked for more.
        rounds = options.workbook_runs if waves == 1 or options.workbook_runs_given else 1
        for round_number in range(rounds):
            for name, binary in programs.items():
                log(f"workbooks {folder.name}: {name} run {round_number + 1}")
                results[name].append(run_spiegel(binary, folder, config_file))
                if totals is None and results[name][-1]["folder"]:
                    totals = write_workload(results[name][-1]["folder"], workload_file)
            if totals:
                log(f"workbooks {folder.name}: libxlsxwriter floor run {round_number + 1}")
                floors.append(run_floor(workload_file))
        floor = median(floors)
        count = totals["workbooks"] if totals else 0
        label = f"{stamp['forms']:,} forms, {waves} wave{'s' if waves > 1 else ''}, {count} workbooks"
        for name in programs:
            runs = results[name]
            seconds = stage(runs, "workbooks")
            figures[(name, waves)] = {"stage": seconds, "floor": floor, "workbooks": count,
                                      "wall": median([r["wall"] for r in runs])}
            rows.append([label, name, fmt(median([r["wall"] for r in runs])), fmt(seconds),
                         fmt(seconds * 1000 / count if seconds and count else None, "{:,.1f}"),
                         fmt(floor, "{:,.2f}"), fmt(seconds / floor if seconds and floor else None, "{:.2f}×"),
                         fmt(max(r["rss"] for r in runs), "{:,.0f}")])
        if totals:
            workload_rows.append([label] + [f"{totals[f]:,}" for f in
                                            ["sheets", "strings", "distinct", "numbers", "blanks", "charts", "series",
                                             "scales", "merges", "heights"]]
                                 + [f"{totals['formats'] / max(count, 1):,.0f}"])
    lines += table(["input", "build", "wall s", "workbook stage s", "ms / workbook", "libxlsxwriter alone s",
                    "stage / libxlsxwriter", "peak MB"], rows)
    lines += ["", "What the workbooks hold (counted from the files the run wrote; the floor writes the same):", ""]
    lines += table(["input", "sheets", "text cells", "distinct texts", "number cells", "blank cells", "charts", "series",
                    "colour scales", "merges", "row heights", "formats / workbook"], workload_rows)
    lines += ["", f"Medians of {options.workbook_runs} interleaved rounds at one wave "
                  f"({options.workbook_runs if options.workbook_runs_given else 1} at fourteen); "
                  f"both write on {os.cpu_count()} threads."]
    return lines, figures


def typo_part(options, programs):
    """The cost of "did you mean" against the number of mistyped wpb ids: linear, not quadratic (issue 24)."""
    lines = ["### \"Did you mean\" against the number of mistyped wpb ids (workbooks off)", ""]
    source, stamp = dataset(options.subjects, 1, options.regenerate)
    export = next((source / "Data" / "exports").glob("zelfscan-wpb-*.csv"))
    original = export.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    rows, baseline = [], {}
    for typos in options.typos:
        folder = BENCH / f"{source.name}-typos-{typos}"
        if not folder.exists():
            shutil.copytree(source, folder, ignore=shutil.ignore_patterns("Reports", "peer-out", "*.log"))
        mangled = list(original)
        # One letter off a roster address: the row stays unknown, and the reader looks for the nearest id.
        for index in range(1, min(typos, len(mangled) - 1) + 1):
            mangled[index] = re.sub(r";([a-z])([a-z.]*@)", lambda m: ";" + ("q" if m.group(1) != "q" else "x") + m.group(2),
                                    mangled[index], count=1)
        (folder / "Data" / "exports" / export.name).write_text("\ufeff" + "".join(mangled), encoding="utf-8")
        config_file = variant(folder, "Pipeline.no-workbooks.yml", workbooks=False)
        for name, binary in programs.items():
            cpu = []
            for _ in range(options.runs):
                shutil.rmtree(folder / "Reports", ignore_errors=True)
                started = resource.getrusage(resource.RUSAGE_CHILDREN)
                subprocess.run([str(binary), "run", "--config", str(config_file), "--quiet"], cwd=folder, env=ENVIRONMENT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                ended = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu.append(ended.ru_utime + ended.ru_stime - started.ru_utime - started.ru_stime)
            seconds = median(cpu)
            baseline.setdefault(name, seconds)
            extra = seconds - baseline[name]
            rows.append([f"{typos:,}", name, fmt(seconds), fmt(extra),
                         fmt(extra * 1000 / typos if typos else None, "{:,.3f}")])
    lines += table(["mistyped rows", "build", "CPU s", "CPU s over none", "CPU s per 1,000 mistyped rows"], rows)
    lines += ["", f"{stamp['forms']:,} forms; medians of {options.runs} runs. Linear or better means the last column "
                  "does not grow: suggestions are capped per file, so the extra CPU stays bounded; a search of the whole "
                  "roster for every row makes it grow with rows × roster size."]
    return lines, {}


def memory_part(options, programs):
    """Peak RSS at each wave count (workbooks off), and the least-squares slope per 100,000 forms."""
    lines = ["### Peak memory against the number of forms (workbooks off)", ""]
    points = {name: [] for name in programs}
    rows = []
    for waves in options.sweep:
        folder, stamp = dataset(options.subjects, waves, options.regenerate)
        config_file = variant(folder, "Pipeline.no-workbooks.yml", workbooks=False)
        row = [str(waves), f"{stamp['forms']:,}"]
        for name, binary in programs.items():
            log(f"memory {folder.name}: {name}")
            run = run_spiegel(binary, folder, config_file)
            points[name].append((stamp["forms"], run["rss"]))
            row += [fmt(run["rss"], "{:,.0f}"), fmt(run["wall"])]
        rows.append(row)
    header = ["waves", "forms"]
    for name in programs:
        header += [f"{name} peak MB", f"{name} wall s"]
    lines += table(header, rows)
    figures = {}
    lines.append("")
    for name in programs:
        xs, ys = [p[0] for p in points[name]], [p[1] for p in points[name]]
        slope, intercept = least_squares(xs, ys)
        figures[name] = {"slope": slope * 100_000, "intercept": intercept, "points": points[name]}
        lines.append(f"- {name}: {slope * 100_000:,.1f} MB per 100,000 forms (least squares over "
                     f"{len(xs)} sizes; {intercept:,.0f} MB at zero forms)")
    return lines, figures


# ---------------------------------------------------------------------------------------------
# Targets and the docs

def target_lines(options, programs, job, books, memory):
    """Issue 18's targets against the figures of the current build."""
    name = "after" if "after" in programs else next(iter(programs))

    def verdict(ok):
        return "met" if ok else "MISSED"
    lines = []
    full = options.subjects == 20000
    scale = "" if full else f" (measured at {options.subjects:,} wpbs, not the national 20,000: indicative only)"
    ten, one = job.get((name, 14)), job.get((name, 1))
    if ten:
        lines.append(f"- ten years without workbooks ≤ 5 s wall: {ten['wall']:.1f} s — {verdict(ten['wall'] <= 5)}{scale}")
        lines.append(f"- ten years without workbooks ≤ 300 MB peak: {ten['rss']:,.0f} MB — {verdict(ten['rss'] <= 300)}{scale}")
    for label, figure in (("national year", one), ("ten years", ten)):
        if figure:
            ratio = figure["peer"] / figure["wall"]
            lines.append(f"- ≥ 3× faster than the DuckDB peer, {label}: {ratio:.2f}× — {verdict(ratio >= 3)}{scale}")
    for label, figure in (("national year", one), ("ten years", ten)):
        if figure and figure.get("ledger") is not None:
            limit = 2e6 if label == "national year" else None
            lines.append(f"- release ledger, {label}: {figure['ledger'] / 1e6:,.2f} MB"
                         + (f" — {verdict(figure['ledger'] <= limit)} (≤ 2 MB, issue 22)" if limit else "") + scale)
        if figure and figure.get("disclosure_share") is not None:
            lines.append(f"- disclosure share of the run, {label}: {figure['disclosure_share'] * 100:.1f} % — "
                         f"{verdict(figure['disclosure_share'] <= 0.05)} (≤ 5 %, issue 22){scale}")
    if name in memory:
        # Flat enough when the largest size still fits the ceiling for ten years (300 MB).
        largest = max(memory[name]["points"])[1]
        lines.append(f"- peak memory flat in the number of forms: slope {memory[name]['slope']:,.1f} MB per 100,000 forms,"
                     f" {largest:,.0f} MB at the largest size — {verdict(largest <= 300)} (≤ 300 MB, issue 26){scale}")
    one_book, ten_book = books.get((name, 1)), books.get((name, 14))
    if one_book:
        lines.append(f"- national year with every workbook ≤ 4 s wall: {one_book['wall']:.1f} s — "
                     f"{verdict(one_book['wall'] <= 4)}{scale}")
    if ten_book:
        lines.append(f"- ten years with every workbook ≤ 20 s wall: {ten_book['wall']:.1f} s — "
                     f"{verdict(ten_book['wall'] <= 20)}{scale}")
    for waves, figure in sorted((w, f) for (n, w), f in books.items() if n == name):
        if figure["stage"] and figure["floor"]:
            ratio = figure["stage"] / figure["floor"]
            lines.append(f"- workbook stage within 2× of libxlsxwriter alone, {waves} wave(s): {ratio:.2f}× — "
                         f"{verdict(ratio <= 2)}")
    if one_book and ten_book and one_book["stage"] and ten_book["stage"]:
        growth = (ten_book["stage"] / ten_book["workbooks"]) / (one_book["stage"] / one_book["workbooks"])
        lines.append(f"- cost per workbook growing no faster than waves: ×{growth:.1f} from 1 to 14 waves — "
                     f"{verdict(growth <= 14)}")
    return lines


def machine():
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


def write_results(sections, targets, options, programs, seconds):
    """Replaces the results section of docs/benchmarks.md with this run's tables."""
    text = DOCS.read_text(encoding="utf-8")
    builds = ", ".join(f"*{name}* = `{binary}`" for name, binary in programs.items())
    body = [RESULTS_START,
            f"Measured {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} on {machine()}, commit {commit()}, "
            f"by `scripts/bench.py {' '.join(sys.argv[1:])}` in {seconds / 60:.0f} min ({builds}; the machine is "
            "shared, so expect noise).", ""]
    for lines in sections:
        body += lines + [""]
    body += ["Targets (issue 18), for the current build:", ""] + targets + [RESULTS_END]
    section = "\n".join(body)
    if RESULTS_START in text and RESULTS_END in text:
        text = text[:text.index(RESULTS_START)] + section + text[text.index(RESULTS_END) + len(RESULTS_END):]
    else:
        text = text.rstrip("\n") + "\n\n## Results\n\n" + section + "\n"
    DOCS.write_text(text, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="a couple of minutes: 2,000 wpbs, waves 1, 2, 4 and 14, two rounds")
    parser.add_argument("--parts", default="job,workbooks,memory,typos", help="comma-separated parts to run")
    parser.add_argument("--subjects", type=int, help="wpbs in the generated data (default 20,000: all of the Netherlands)")
    parser.add_argument("--sweep", help="wave counts of the memory part (default 1,2,4,8,14)")
    parser.add_argument("--typos", default="0,500,1000,2000",
                        help="mistyped wpb ids of the typos part (default 0,500,1000,2000)")
    parser.add_argument("--runs", type=int, help="interleaved rounds of the job part (default 3)")
    parser.add_argument("--workbook-runs", type=int, help="rounds of the workbook part (default 3 at one wave)")
    parser.add_argument("--baseline", help="an older spiegel binary to measure in the same rounds (before/after)")
    parser.add_argument("--regenerate", action="store_true", help="regenerate cached data under .bench/")
    parser.add_argument("--no-docs", action="store_true", help="do not write the results into docs/benchmarks.md")
    options = parser.parse_args()
    if not BINARY.exists():
        sys.exit(f"{BINARY} not found: build it with `swift build -c release --product spiegel`")
    options.subjects = options.subjects or (2000 if options.quick else 20000)
    options.sweep = [int(w) for w in (options.sweep or ("1,2,4,14" if options.quick else "1,2,4,8,14")).split(",")]
    options.runs = options.runs or (2 if options.quick else 3)
    options.workbook_runs_given = options.workbook_runs is not None or options.quick
    options.workbook_runs = options.workbook_runs or (2 if options.quick else 3)
    options.typos = [int(n) for n in options.typos.split(",")]
    options.job_waves = [1, 14]
    options.workbook_waves = [1, 14]
    programs = {"after": BINARY}
    if options.baseline:
        programs = {"before": Path(options.baseline).resolve(), "after": BINARY}
    elif len(programs) == 1:
        programs = {"spiegel": BINARY}
    parts = options.parts.split(",")
    started = time.perf_counter()
    print(f"Spiegel benchmark — {machine()}; " + ", ".join(f"{n}: {b}" for n, b in programs.items()), flush=True)
    sections, job, books, memory = [], {}, {}, {}
    if "job" in parts:
        lines, job = job_part(options, programs)
        sections.append(lines)
        print("\n" + "\n".join(lines), flush=True)
    # Memory before workbooks: a child's peak RSS counts the Python process it was forked from, which grows while
    # the workbook part reads workbooks back.
    if "memory" in parts:
        lines, memory = memory_part(options, programs)
        sections.append(lines)
        print("\n" + "\n".join(lines), flush=True)
    if "workbooks" in parts:
        lines, books = workbooks_part(options, programs)
        sections.append(lines)
        print("\n" + "\n".join(lines), flush=True)
    if "typos" in parts:
        lines, _ = typo_part(options, programs)
        sections.append(lines)
        print("\n" + "\n".join(lines), flush=True)
    targets = target_lines(options, programs, job, books, memory)
    print("\nTargets (issue 18):\n" + "\n".join(targets))
    if not options.no_docs and sections:
        write_results(sections, targets, options, programs, time.perf_counter() - started)
        print(f"\nResults written to {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
