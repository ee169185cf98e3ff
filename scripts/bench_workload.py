#!/usr/bin/env python3
"""What a set of .xlsx files holds, counted from their XML: the workload of Spiegel's workbook stage.

`count_workbook(path)` reads one workbook's parts (no openpyxl: a national run has a thousand files)
and returns the figures the libxlsxwriter floor benchmark (`scripts/xlsxwriter_floor.c`) writes again:
sheets, text / number / blank cells, distinct strings and the bytes of all text cells, formats,
merged ranges, colour scales, rows with a set height, charts and their series.

Usage: bench_workload.py FOLDER… — prints the totals over every .xlsx under the folders.
"""
import re
import sys
import zipfile
from pathlib import Path

FIELDS = ["sheets", "strings", "distinct", "string_bytes", "numbers", "blanks", "formats", "merges", "scales",
          "heights", "charts", "series"]

CELL = re.compile(rb"<c r=\"[A-Z]+[0-9]+\"([^>]*?)(/>|>(.*?)</c>)", re.S)
SHARED = re.compile(rb"<si>(.*?)</si>", re.S)
TEXT = re.compile(rb"<t[^>]*>(.*?)</t>", re.S)
VALUE = re.compile(rb"<v>(.*?)</v>")


def unescape_length(raw):
    """Characters of an XML text run, entities counted as one."""
    text = raw.decode("utf-8")
    return len(re.sub(r"&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);", "_", text))


def count_workbook(path):
    counts = dict.fromkeys(FIELDS, 0)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        shared_lengths = []
        if "xl/sharedStrings.xml" in names:
            for entry in SHARED.findall(archive.read("xl/sharedStrings.xml")):
                shared_lengths.append(sum(unescape_length(t) for t in TEXT.findall(entry)))
        counts["distinct"] = len(shared_lengths)
        styles = archive.read("xl/styles.xml")
        match = re.search(rb"<cellXfs count=\"([0-9]+)\"", styles)
        counts["formats"] = int(match.group(1)) if match else 0
        for name in names:
            if name.startswith("xl/worksheets/sheet") and name.endswith(".xml"):
                counts["sheets"] += 1
                xml = archive.read(name)
                for attributes, _, body in CELL.findall(xml):
                    if b't="s"' in attributes:
                        counts["strings"] += 1
                        value = VALUE.search(body or b"")
                        if value:
                            counts["string_bytes"] += shared_lengths[int(value.group(1))]
                    elif b't="inlineStr"' in attributes or b't="str"' in attributes:
                        counts["strings"] += 1
                        counts["string_bytes"] += sum(unescape_length(t) for t in TEXT.findall(body or b""))
                    elif body and VALUE.search(body):
                        counts["numbers"] += 1
                    else:
                        counts["blanks"] += 1
                counts["merges"] += xml.count(b"<mergeCell ")
                counts["scales"] += xml.count(b"<colorScale>")
                counts["heights"] += len(re.findall(rb"<row [^>]*customHeight=\"1\"", xml))
            elif name.startswith("xl/charts/chart") and name.endswith(".xml"):
                counts["charts"] += 1
                counts["series"] += archive.read(name).count(b"<c:ser>")
    return counts


def workload(folders):
    """One count per .xlsx under `folders`, sorted by path."""
    paths = sorted(p for folder in folders for p in Path(folder).rglob("*.xlsx"))
    return [count_workbook(p) for p in paths]


def main():
    rows = workload(sys.argv[1:])
    totals = {field: sum(row[field] for row in rows) for field in FIELDS}
    print(f"{len(rows)} workbooks: " + ", ".join(f"{field} {value:,}" for field, value in totals.items()))


if __name__ == "__main__":
    main()
