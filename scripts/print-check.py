#!/usr/bin/env python3
"""Measures the printed text size of every sheet of Excel workbooks, as LibreOffice prints them.

Usage: print-check.py [--minimum PT] [--keep FOLDER] FILE.xlsx ...  ->  JSON on stdout:
  {"sheets": [{"file", "sheet", "pages", "blank_pages", "body_pt", "ok"}], "minimum": PT, "ok": bool}

Each sheet is printed on its own (LibreOffice prints a whole workbook to one PDF, so the script saves one
single-sheet copy per sheet with openpyxl, keeping its page set-up), converted with
`soffice --headless --convert-to pdf`, and read back with `pdftotext -bbox`: a word's box height is about
1.3 × its printed font size. The body size of a sheet is the median height of its words over 1.3, so titles
and headers do not count. Exit 0 when every sheet reaches the minimum (default 9 pt), 1 otherwise, 2 when
soffice or pdftotext is missing (--report-only: 0 also when a sheet is too small).

The measurement needs the fonts the workbooks name (Calibri, or the metric-compatible Carlito of the Debian
package fonts-crosextra-carlito): with a wider fallback font LibreOffice lays every sheet out wider and shrinks
it further than Excel would.
"""
import argparse
import html
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

import openpyxl

LINE_FACTOR = 1.3  # a word box is about 1.3 × the font size (calibrated: 11 pt Calibri text measures 14.3)


def single_sheet_copies(path, folder):
    """One copy of the workbook per sheet, with only that sheet; returns [(sheet name, copy path)]."""
    names = openpyxl.load_workbook(path, read_only=True).sheetnames
    copies = []
    for index, name in enumerate(names):
        book = openpyxl.load_workbook(path)
        for other in list(book.sheetnames):
            if other != name:
                del book[other]
        book.active = 0
        copy = os.path.join(folder, f"sheet{index:02d}.xlsx")
        book.save(copy)
        copies.append((name, copy))
    return copies


def to_pdf(xlsx, folder):
    # A profile of its own: two LibreOffice processes sharing the user's profile (two test runs at once)
    # make the second exit with status 1.
    profile = "file://" + os.path.join(folder, "lo-profile")
    subprocess.run(["soffice", "-env:UserInstallation=" + profile, "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", folder, xlsx],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    return os.path.join(folder, os.path.splitext(os.path.basename(xlsx))[0] + ".pdf")


def word_heights(pdf):
    """Heights of the words of the PDF, its page count, and its blank pages (nothing but the print header and
    footer: the words of at most two lines)."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], check=True, capture_output=True, text=True).stdout
    heights = [float(m.group(2)) - float(m.group(1))
               for m in re.finditer(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">', out)]
    blank = 0
    for page in re.finditer(r'<page width="[\d.]+" height="[\d.]+">(.*?)</page>', out, re.S):
        lines = {round(float(y)) for y in re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)"', page.group(1))}
        if len(lines) <= 2:
            blank += 1
    return heights, out.count("<page "), blank


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minimum", type=float, default=9.0)
    parser.add_argument("--keep", help="folder to keep the PDFs in (to render them to PNG)")
    parser.add_argument("--report-only", action="store_true", help="exit 0 also when a sheet is too small")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        print(json.dumps({"skipped": "soffice or pdftotext not installed"}))
        return 2
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        for path in args.files:
            folder = tempfile.mkdtemp(dir=scratch)
            for name, copy in single_sheet_copies(path, folder):
                pdf = to_pdf(copy, folder)
                heights, pages, blank = word_heights(pdf)
                body = round(statistics.median(heights) / LINE_FACTOR, 1) if heights else None
                results.append({"file": os.path.basename(path), "sheet": name, "pages": pages, "blank_pages": blank,
                                "body_pt": body, "ok": body is None or body >= args.minimum})
                if args.keep:
                    os.makedirs(args.keep, exist_ok=True)
                    safe = re.sub(r"[^\w.-]+", "_", f"{os.path.splitext(os.path.basename(path))[0]}-{name}")
                    shutil.copy(pdf, os.path.join(args.keep, safe + ".pdf"))
    ok = all(r["ok"] for r in results)
    print(json.dumps({"sheets": results, "minimum": args.minimum, "ok": ok}, ensure_ascii=False, indent=1))
    return 0 if ok or args.report_only else 1


if __name__ == "__main__":
    sys.exit(main())
