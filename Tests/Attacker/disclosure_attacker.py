"""Plays the attacker on Spiegel's MT workbooks and public tables, read back from the files.

Usage: disclosure_attacker.py SCENARIO.json  ->  prints a JSON report on stdout.

SCENARIO.json:
  k            minimum group size
  truth        individual values the coordinator knows: [{subject, school, partnership, wave, area,
               self, feedback, gap, category, student, schoolopleider}], over every night (a wpb withdrawn
               on a later night is still someone whose score must not come out)
  areas        {Dutch area name: area id}
  waves        wave ids in date order
  wave_names   {name a workbook shows: wave id} (workbooks show names, not ids)
  nights       [{"schools": folder with <id name>/<file>.xlsx, "public": folder with aggregates.csv}], one or more

The attacker knows what any reader of the files knows, and uses the truth only to confirm a recovery: a
candidate value derived from the published numbers counts as a leak when it equals the score of one
individual, or the mean of a group of fewer than k individuals, of the population it was derived from; a
category leak when shares reveal the category of every member of a group.

Families (docs/analysis.md, "Disclosure"): row (measures of one row over populations that differ by a few
wpbs), waves (two waves and the change between them), nights (the same cell on any two nights), panels (the
changes into and out of one wave, each with its wave's row: the wave's sum over two panels), roles (public/:
n·feedback − ½·n_s·student − ½·n_o·SO on two nights leaves half the single-role wpbs' difference), benchmark (the
partnership figure minus one or two schools' own figures, or all but one school, with n from the public
tables), categories (shares that tell every member's category), order (min/median/max in public output).
"""
import csv
import glob
import itertools
import json
import os
import sys

import openpyxl

EPS = 1e-6


def number(value):
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def read_night(night, areas, wave_names, waves):
    """Every school workbook's figures and the public rows, by (school, wave id, area id)."""
    def wave(name):
        return wave_names.get(name, name)

    def table(book, sheet, header_row):
        """The rows of a sheet's table as {header: value}, by the header names, up to the first empty row (a second
        table may follow on the sheet, e.g. the items below Verandering); a missing sheet shows nothing."""
        if sheet not in book.sheetnames:
            return []
        rows = list(book[sheet].iter_rows(min_row=header_row, values_only=True))
        if not rows:
            return []
        names = [h for h in rows[0]]
        body = []
        for r in rows[1:]:
            if not r or all(value is None for value in r):
                break
            body.append({name: value for name, value in zip(names, r) if name})
        return body

    workbooks = {}
    for path in sorted(glob.glob(os.path.join(night["schools"], "*", "*.xlsx"))):
        school = os.path.basename(path).split(" ")[0]
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        rows = {}
        for r in table(book, "School en partnerschap", 4):
            if r.get("Meetmoment") is None or r.get("Gebied") not in areas:
                continue
            # One count when self and feedback share their population (as the disclosure rules make them), else two.
            n = number(r.get("Aantal wpb's"))
            n_self = number(r.get("Aantal wpb's zelfbeeld", n))
            n_feedback = number(r.get("Aantal wpb's feedback", n))
            rows[(wave(r["Meetmoment"]), areas[r["Gebied"]])] = {
                "self": number(r.get("Zelfbeeld school")), "self_p": number(r.get("Zelfbeeld partnerschap")),
                "feedback": number(r.get("Feedback school")), "feedback_p": number(r.get("Feedback partnerschap")),
                "gap": number(r.get("Verschil zelfbeeld − feedback school")),
                "gap_p": number(r.get("Verschil zelfbeeld − feedback partnerschap")), "n_self": n_self,
                "n_feedback": n_feedback}
        # Tabel 1 on the first sheet: the latest wave's feedback of every area, also for a school whose own
        # figures are withheld everywhere (it has no other table of its own).
        if "Samenvatting" in book.sheetnames:
            caption = next((c for r in book["Samenvatting"].iter_rows(max_row=4, values_only=True) for c in r
                            if isinstance(c, str) and c.startswith("Tabel 1. De gebieden in ")), None)
            if caption:
                name = caption[len("Tabel 1. De gebieden in "):]
                shown_wave = next((wave_id for wave_name, wave_id in wave_names.items()
                                   if wave_name.lower() == name.lower()), name)
                for r in table(book, "Samenvatting", 5):
                    if r.get("Gebied") not in areas:
                        continue
                    n = number(r.get("Aantal wpb's"))
                    row = rows.setdefault((shown_wave, areas[r["Gebied"]]), {
                        "self": None, "self_p": None, "feedback": None, "feedback_p": None, "gap": None,
                        "gap_p": None, "n_self": n, "n_feedback": n})
                    row["feedback"] = row["feedback"] if row["feedback"] is not None else number(r.get("Feedback school"))
                    if row["feedback_p"] is None:
                        row["feedback_p"] = number(r.get("Feedback partnerschap"))
        for r in table(book, "Zelfinschatting", 4):
            values = list(r.values())
            if len(values) < 9 or r.get("Meetmoment") is None or r.get("Gebied") not in areas:
                continue
            key = (wave(r["Meetmoment"]), areas[r["Gebied"]])
            if key not in rows:
                continue
            rows[key]["n_gap"] = number(values[2])
            rows[key]["shares"] = [number(x) for x in values[3:6]]
            rows[key]["shares_p"] = [number(x) for x in values[6:9]]
        changes = {}
        for r in table(book, "Verandering", 4):
            if r.get("Meetmoment") is None or r.get("Gebied") not in areas:
                continue
            to = wave(r["Meetmoment"])
            earlier = waves[waves.index(to) - 1] if to in waves and waves.index(to) > 0 else None
            changes[(to, areas[r["Gebied"]])] = {
                "from": earlier, "self": number(r.get("Zelfbeeld school")),
                "self_p": number(r.get("Zelfbeeld partnerschap")), "n_self": number(r.get("Aantal wpb's zelfbeeld")),
                "feedback": number(r.get("Feedback school")), "feedback_p": number(r.get("Feedback partnerschap")),
                "n_feedback": number(r.get("Aantal wpb's feedback"))}
        workbooks[school] = {"rows": rows, "changes": changes}
    public = {}
    header = []
    aggregates = os.path.join(night["public"], "aggregates.csv")
    if os.path.exists(aggregates):
        with open(aggregates, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            header = reader.fieldnames or []
            for r in reader:
                public[(r["partnership_id"], r["wave"], r["area"])] = r
    return workbooks, public, header


class Truth:
    def __init__(self, records):
        self.records = records
        self.cells = {}
        for r in records:
            self.cells.setdefault((r["school"], r["wave"], r["area"]), []).append(r)
        self.partnership = {r["school"]: r["partnership"] for r in records}

    def school_values(self, school, wave, area, measure):
        return [r[measure] for r in self.cells.get((school, wave, area), []) if r.get(measure) is not None]

    def partnership_values(self, partnership, wave, area, measure, excluding):
        return [r[measure] for r in self.records
                if r["partnership"] == partnership and r["wave"] == wave and r["area"] == area
                and r["school"] not in excluding and r.get(measure) is not None]


def group_mean_matches(candidate, values, size, eps=EPS):
    """Whether some group of `size` of `values` has mean `candidate` (size < k, so at most a few), to `eps`."""
    if size < 1 or size > len(values) or size > 4:
        return False
    for group in itertools.combinations(values, size):
        if abs(sum(group) / size - candidate) < eps:
            return True
    return False


def main():
    scenario = json.load(open(sys.argv[1], encoding="utf-8"))
    k = scenario["k"]
    areas = scenario["areas"]
    waves = scenario["waves"]
    truth = Truth(scenario["truth"])
    nights = [read_night(night, areas, scenario.get("wave_names", {}), waves) for night in scenario["nights"]]
    leaks = []
    tried = {name: 0 for name in ["row", "waves", "nights", "panels", "roles", "benchmark", "categories", "order"]}

    def leak(family, where, candidate, size):
        leaks.append({"family": family, "where": where, "value": candidate, "group_size": size})

    workbooks, public, header = nights[-1]

    # order: no min/median/max in public output
    tried["order"] += 1
    for column in header:
        if set(column.split("_")) & {"min", "minimum", "median", "max", "maximum"}:
            leak("order", "public/aggregates.csv column " + column, None, 0)

    for school, book in workbooks.items():
        partnership = truth.partnership.get(school)
        for (wave, area), row in book["rows"].items():
            # row: one row's measures over populations that differ by a few wpbs
            s, f, g = row["self"], row["feedback"], row["gap"]
            ns, nf, ng = row["n_self"], row["n_feedback"], row.get("n_gap")
            if None not in (s, f, g, ns, nf, ng):
                tried["row"] += 1
                if nf > ng and ns == ng and nf - ng < k:
                    candidate = (nf * f - ng * (s - g)) / (nf - ng)
                    if group_mean_matches(candidate, truth.school_values(school, wave, area, "feedback"), nf - ng):
                        leak("row", f"{school} {wave} {area}: feedback of the wpbs without self-scan", candidate, nf - ng)
                if ns > ng and nf == ng and ns - ng < k:
                    candidate = (ns * s - ng * (f + g)) / (ns - ng)
                    if group_mean_matches(candidate, truth.school_values(school, wave, area, "self"), ns - ng):
                        leak("row", f"{school} {wave} {area}: self of the wpbs without feedback", candidate, ns - ng)
            # categories: shares that give every member's category
            shares, n = row.get("shares") or [], row.get("n_gap")
            if n and shares and None not in shares:
                tried["categories"] += 1
                counts = [round(x * n) for x in shares]
                categories = [r["category"] for r in truth.cells.get((school, wave, area), []) if r["category"]]
                if max(counts) == n and len(set(categories)) == 1:
                    leak("categories", f"{school} {wave} {area}: all {n} in one category", None, n)

        # waves: each wave's mean with its n, and the change over the wpbs in both
        for (wave, area), change in book["changes"].items():
            before, after = book["rows"].get((change["from"], area)), book["rows"].get((wave, area))
            if not before or not after:
                continue
            for measure in ("self", "feedback"):
                c, nc = change[measure], change["n_" + measure]
                m1, n1, m2, n2 = before[measure], before["n_" + measure], after[measure], after["n_" + measure]
                if None in (c, nc, m1, n1, m2, n2):
                    continue
                tried["waves"] += 1
                residual = n2 * m2 - n1 * m1 - nc * c
                if n1 == nc and 0 < n2 - nc < k:
                    candidate = residual / (n2 - nc)
                    if group_mean_matches(candidate, truth.school_values(school, wave, area, measure), n2 - nc):
                        leak("waves", f"{school} {wave} {area}: {measure} of the wpbs who joined", candidate, n2 - nc)
                if n2 == nc and 0 < n1 - nc < k:
                    candidate = -residual / (n1 - nc)
                    if group_mean_matches(candidate, truth.school_values(school, change["from"], area, measure), n1 - nc):
                        leak("waves", f"{school} {wave} {area}: {measure} of the wpbs who left", candidate, n1 - nc)

    # benchmark: the partnership figure minus one or two schools, or all schools but one (n from public)
    by_partnership = {}
    for school in workbooks:
        by_partnership.setdefault(truth.partnership.get(school), []).append(school)
    for partnership, schools in by_partnership.items():
        groups = [(s,) for s in schools] + list(itertools.combinations(schools, 2))
        if len(schools) > 2:
            groups += [tuple(x for x in schools if x != left_out) for left_out in schools]
        for wave in waves:
            for area in set(areas.values()):
                p = public.get((partnership, wave, area))
                if not p or not p.get("n") or not p.get("gap_mean"):
                    continue
                nb, mb = int(p["n"]), float(p["gap_mean"])
                for group in groups:
                    rows = [workbooks[s]["rows"].get((wave, area)) for s in group]
                    if any(r is None for r in rows):
                        continue
                    own = [(r.get("n_gap") or 0, r["gap"]) for r in rows]
                    if any(n > 0 and m is None for n, m in own):
                        continue
                    # the workbook's partnership column must be the public figure for the subtraction to hold
                    if any(r["gap_p"] is None or abs(r["gap_p"] - mb) > EPS for r in rows):
                        continue
                    tried["benchmark"] += 1
                    rest = nb - sum(n for n, _ in own)
                    if 0 < rest < k:
                        candidate = (nb * mb - sum(n * m for n, m in own if n > 0)) / rest
                        values = truth.partnership_values(partnership, wave, area, "gap", set(group))
                        if group_mean_matches(candidate, values, rest):
                            leak("benchmark", f"{partnership} {wave} {area} minus {'+'.join(group)}: gap", candidate, rest)

    # nights: the same cell on any two nights (not only consecutive ones)
    for (first_books, first_public, _), (books, later_public, _) in itertools.combinations(nights, 2):
        for school, book in books.items():
            earlier = first_books.get(school)
            if not earlier:
                continue
            for key, row in book["rows"].items():
                before = earlier["rows"].get(key)
                if not before:
                    continue
                for measure in ("self", "feedback", "gap"):
                    n_key = "n_gap" if measure == "gap" else "n_" + measure
                    m1, n1, m2, n2 = before[measure], before.get(n_key), row[measure], row.get(n_key)
                    if None in (m1, n1, m2, n2):
                        continue
                    tried["nights"] += 1
                    if 0 < abs(n2 - n1) < k:
                        candidate = (n2 * m2 - n1 * m1) / (n2 - n1)
                        if group_mean_matches(candidate, truth.school_values(school, key[0], key[1], measure), abs(n2 - n1)):
                            leak("nights", f"{school} {key[0]} {key[1]}: {measure} of the wpbs between two nights",
                                 candidate, abs(n2 - n1))
        for key, p in later_public.items():
            q = first_public.get(key)
            if not q or not p.get("n") or not q.get("n") or not p.get("gap_mean") or not q.get("gap_mean"):
                continue
            tried["nights"] += 1
            n1, n2 = int(q["n"]), int(p["n"])
            if 0 < abs(n2 - n1) < k:
                candidate = (n2 * float(p["gap_mean"]) - n1 * float(q["gap_mean"])) / (n2 - n1)
                values = truth.partnership_values(key[0], key[1], key[2], "gap", set())
                if group_mean_matches(candidate, values, abs(n2 - n1)):
                    leak("nights", f"public {key}: gap of the wpbs between two nights", candidate, abs(n2 - n1))

    # panels: the changes into and out of one wave, on every night. With the earlier wave's row over the panel into
    # the wave (equal n), n12·c12 + n1·m1 is the middle wave's sum over that panel; with the later wave's row over
    # the panel out of it, n3·m3 − n23·c23 is its sum over the other panel. Two panels a few wpbs apart give them away.
    for books, _, _ in nights:
        for school, book in books.items():
            rows, changes = book["rows"], book["changes"]
            for (middle, area), into in changes.items():
                out = next((c for (w, a), c in changes.items() if a == area and c["from"] == middle), None)
                first, third = rows.get((into["from"], area)), None
                if out is None or first is None:
                    continue
                third = rows.get((next(w for (w, a), c in changes.items() if c is out), area))
                if third is None:
                    continue
                for measure in ("self", "feedback"):
                    c12, n12, c23, n23 = into[measure], into["n_" + measure], out[measure], out["n_" + measure]
                    m1, n1, m3, n3 = first[measure], first["n_" + measure], third[measure], third["n_" + measure]
                    if None in (c12, n12, c23, n23, m1, n1, m3, n3) or n12 != n1 or n23 != n3:
                        continue
                    tried["panels"] += 1
                    if 0 < abs(n12 - n23) < k:
                        candidate = ((n12 * c12 + n1 * m1) - (n3 * m3 - n23 * c23)) / (n12 - n23)
                        if group_mean_matches(candidate, truth.school_values(school, middle, area, measure), abs(n12 - n23)):
                            leak("panels", f"{school} {middle} {area}: {measure} of the wpbs between two panels",
                                 candidate, abs(n12 - n23))

    # roles: public/'s feedback, student and SO means of one row on two nights; 2·(d2 − d1) with
    # d = n·feedback − ½·n_s·student − ½·n_o·SO is the single-role wpbs' difference: one wpb's role score
    def single_role_half(p):
        try:
            n, f = int(p["n"]), float(p["feedback_mean"])
            ns, st = int(p["student_n"]), float(p["student_mean"])
            no, so = int(p["schoolopleider_n"]), float(p["schoolopleider_mean"])
        except (KeyError, TypeError, ValueError):
            return None
        return n * f - ns * st / 2 - no * so / 2, n + ns + no

    for (_, first_public, _), (_, later_public, _) in itertools.combinations(nights, 2):
        for key, p in later_public.items():
            q = first_public.get(key)
            later, earlier = (single_role_half(p), single_role_half(q)) if q else (None, None)
            if later is None or earlier is None:
                continue
            tried["roles"] += 1
            candidate = 2 * (later[0] - earlier[0])
            # public/ rounds means to 6 decimals; times n, that is the precision of the candidate
            eps = EPS * 2 * (later[1] + earlier[1])
            if abs(candidate) < eps:
                continue
            for measure in ("student", "schoolopleider"):
                values = truth.partnership_values(key[0], key[1], key[2], measure, set())
                if group_mean_matches(candidate, values, 1, eps) or group_mean_matches(-candidate, values, 1, eps):
                    leak("roles", f"public {key}: a {measure} score of a single-role wpb", candidate, 1)

    print(json.dumps({"leaks": leaks, "tried": tried}, indent=1))


if __name__ == "__main__":
    main()
