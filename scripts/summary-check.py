#!/usr/bin/env python3
"""Checks the sentences of MT workbooks against the cells they cite, independently of Spiegel's own code.

Usage: summary-check.py SENTENCES.json  ->  JSON on stdout: {"checked": N, "problems": [...]}

SENTENCES.json lists workbooks: [{"file", "waveNames": [...], "sentences": [{"topic", "text", "figures":
[{"text", "kind", "sheet", "row", "column"}]}]}] with 0-based rows and columns. For every sentence:
  - it stands on the Samenvatting sheet of the file;
  - every figure is written in the sentence, and equals the value of its cell (read with openpyxl) rounded as the
    cell's format shows it (one decimal half away from zero; whole percents; counts);
  - every number in a sentence with figures is one of its figures (wave names and "Tabel N" aside), and a
    sentence without figures holds no decimal or signed number;
  - no direction word contradicts a signed number after it: "boven"/"steeg" only before numbers above zero,
    "onder"/"daalde" only before numbers below zero, "gelijk" only before 0,0 (a direction holds until the next
    direction word or the end of the sentence).
Exit 0 when there are no problems, 1 otherwise.
"""
import json
import re
import sys
from decimal import ROUND_HALF_UP, Decimal

import openpyxl

UP = re.compile(r"\b(boven|steeg)\b")
DOWN = re.compile(r"\b(onder|daalde)\b")
LEVEL = re.compile(r"\bgelijk\b")
NUMBER = re.compile(r"[+−]?\d+(?:,\d+)?%?")
SIGNED = re.compile(r"[+−]\d+,\d|(?<![\d,])0,0(?!\d)")


def rounded(value, decimals):
    """A cell value as its number format shows it: the shortest decimal form, half away from zero."""
    quantum = Decimal(1).scaleb(-decimals)
    result = Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    return Decimal(0).quantize(quantum) if result == 0 else result


def shown(value, kind):
    if kind == "count":
        return str(int(rounded(value, 0)))
    if kind == "percent":
        return f"{int(rounded(value * 100, 0))}%"
    text = str(abs(rounded(value, 1))).replace(".", ",")
    if kind == "signed" and rounded(value, 1) != 0:
        return ("+" if value > 0 else "−") + text
    return text


def direction_problems(text):
    """Signed numbers that contradict the direction word in force before them."""
    problems = []
    for sentence in re.split(r"(?<=\.)\s+(?=[A-Z])", text):
        events = [(m.start(), "up") for m in UP.finditer(sentence)]
        events += [(m.start(), "down") for m in DOWN.finditer(sentence)]
        events += [(m.start(), "level") for m in LEVEL.finditer(sentence)]
        events += [(m.start(), m.group(0)) for m in SIGNED.finditer(sentence)]
        direction = None
        for _, event in sorted(events):
            if event in ("up", "down", "level"):
                direction = event
                continue
            sign = "up" if event.startswith("+") else "down" if event.startswith("−") else "level"
            if direction is not None and sign != direction:
                problems.append(f"“{event}” under a {direction} word")
    return problems


def check(entries):
    problems, checked = [], 0
    for entry in entries:
        book = openpyxl.load_workbook(entry["file"], read_only=False)
        summary = {c.value for row in book["Samenvatting"].iter_rows() for c in row if isinstance(c.value, str)}
        stripped_names = sorted(entry.get("waveNames", []), key=len, reverse=True)
        for sentence in entry["sentences"]:
            text, where = sentence["text"], f'{entry["file"].rsplit("/", 1)[-1]}: “{sentence["text"]}”'
            checked += 1
            if text not in summary:
                problems.append(f"{where}: not on the Samenvatting sheet")
            for figure in sentence["figures"]:
                if figure["text"] not in text:
                    problems.append(f'{where}: figure {figure["text"]} not in the text')
                value = book[figure["sheet"]].cell(row=figure["row"] + 1, column=figure["column"] + 1).value
                if not isinstance(value, (int, float)):
                    problems.append(f'{where}: {figure["text"]} cites a cell holding {value!r}')
                elif shown(value, figure["kind"]) != figure["text"]:
                    problems.append(f'{where}: {figure["text"]} but its cell shows {shown(value, figure["kind"])}')
            bare = text
            for name in stripped_names:
                bare = bare.replace(name, " ").replace(name[:1].lower() + name[1:], " ")
            bare = re.sub(r"Tabel \d+", " ", bare)
            numbers = NUMBER.findall(bare)
            if sentence["figures"]:
                allowed = {f["text"] for f in sentence["figures"]} | {f["text"].lstrip("+−") for f in sentence["figures"]}
                for number in numbers:
                    if number not in allowed:
                        problems.append(f"{where}: {number} is not a figure of a cited cell")
            elif any("," in n or n[:1] in "+−" for n in numbers):
                problems.append(f"{where}: a number without a cited cell")
            problems += [f"{where}: {p}" for p in direction_problems(text)]
    return {"checked": checked, "problems": problems}


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        report = check(json.load(handle))
    print(json.dumps(report, ensure_ascii=False))
    return 1 if report["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
