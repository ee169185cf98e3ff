"""Counts what the MT workbooks of a published run show: school × wave × area cells with a number.

Usage: .venv/bin/python scripts/released_cells.py Reports/latest
Prints, over all school workbooks, how many rows of 'School en partnerschap' show the school's self-image,
feedback and gap as numbers, how many show the partnership benchmark, how many rows of 'Gapcategorieën'
show the school's shares, and how many rows of 'Verandering' show the school's change.
"""
import glob
import os
import sys

import openpyxl


def numeric(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def main(run):
    counts = {"rows": 0, "own_self": 0, "own_feedback": 0, "own_gap": 0, "benchmark_self": 0,
              "shares_rows": 0, "own_shares": 0, "change_rows": 0, "own_change_self": 0}
    for path in glob.glob(os.path.join(run, "schools", "*", "*.xlsx")):
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for row in book["School en partnerschap"].iter_rows(min_row=5, values_only=True):
            if not row or row[0] is None:
                continue
            counts["rows"] += 1
            counts["own_self"] += numeric(row[2])
            counts["benchmark_self"] += numeric(row[3])
            counts["own_feedback"] += numeric(row[4])
            counts["own_gap"] += numeric(row[6])
        for row in book["Gapcategorieën"].iter_rows(min_row=5, values_only=True):
            if row and row[0] is not None:
                counts["shares_rows"] += 1
                counts["own_shares"] += numeric(row[3])
        for row in book["Verandering"].iter_rows(min_row=5, values_only=True):
            if row and row[0] is not None and row[2] is not None:
                counts["change_rows"] += 1
                counts["own_change_self"] += numeric(row[3])
    print(" ".join(f"{key}={value}" for key, value in counts.items()))


if __name__ == "__main__":
    main(sys.argv[1])
