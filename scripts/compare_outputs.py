#!/usr/bin/env python3
"""Compares two published run folders file by file: are the outputs byte-identical?

Every file is compared by SHA-256; a workbook that differs is opened and its XML parts are compared
one by one, so a difference only in the zip container (entry times, compression) is told apart from
a difference in content. The run's own records (manifest, log, summary) hold timings and run ids and
are left out.

Usage: compare_outputs.py BEFORE_RUN_FOLDER AFTER_RUN_FOLDER   (exit 0 when identical, 1 otherwise)
"""
import hashlib
import sys
import zipfile
from pathlib import Path

RUN_RECORDS = {"run-manifest.json", "run.log", "summary.txt"}


def files(folder):
    folder = Path(folder)
    return {str(p.relative_to(folder)): p for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name not in RUN_RECORDS}


def digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def xlsx_parts_differ(left, right):
    """Names of the XML parts whose bytes differ (or that only one side has)."""
    with zipfile.ZipFile(left) as a, zipfile.ZipFile(right) as b:
        names = sorted(set(a.namelist()) | set(b.namelist()))
        return [n for n in names if n not in a.namelist() or n not in b.namelist() or a.read(n) != b.read(n)]


def compare(before, after):
    left, right = files(before), files(after)
    problems = []
    for name in sorted(set(left) | set(right)):
        if name not in left or name not in right:
            problems.append(f"only in {'after' if name in right else 'before'}: {name}")
        elif digest(left[name]) != digest(right[name]):
            if name.endswith(".xlsx"):
                parts = xlsx_parts_differ(left[name], right[name])
                problems.append(f"{name}: " + (f"XML parts differ: {', '.join(parts)}" if parts
                                               else "zip container differs, every XML part identical"))
            else:
                problems.append(f"{name}: bytes differ")
    return len(set(left) | set(right)), problems


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    count, problems = compare(sys.argv[1], sys.argv[2])
    for problem in problems:
        print(problem)
    print(f"{count} files compared, {len(problems)} differ")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
