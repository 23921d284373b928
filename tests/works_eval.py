"""How well `works` merges: the same 141 records printed in four citation styles (realworld/references).

Each printed entry is parsed as a run parses it (`parse_reference`), given its work_id
(`storage.works`), and compared with the truth: entries printed from one record are one work.
Pairwise over the entries that got a work_id: precision = pairs put in one work that are one record,
recall = pairs of one record put in one work. Records that are one work by their printed identity
(same title, year and first author, cited at different pages) are counted apart.

Run as a script: `PYTHONPATH=. .venv/bin/python tests/works_eval.py [-v]` prints the figures.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from itertools import combinations

from tests.refstyles import STYLE_DIR, STYLES


def entries() -> list[dict]:
    """Every printed entry of the four styles: {style, record, text}."""
    out = []
    for style in STYLES:
        for line in (STYLE_DIR / f"{style}.jsonl").read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            out.append({"style": style, "record": item["csl_json"]["id"], "text": item["formatted"],
                        "fields": item["fields"]})
    return out


def merge_figures() -> dict:
    from extract.normalize import to_simplified
    from extract.references import parse_reference
    from extract.storage.works import work_id_of, work_key

    rows = []
    for entry in entries():
        ref = parse_reference(entry["text"])
        title = to_simplified(ref["title"]) if ref["title"] else None
        authors = [to_simplified(a) for a in ref["authors"] or []]
        key = work_key(ref["doi"], title, ref["year"], authors)
        rows.append({**entry, "key": key[1] if key else None, "work_id": work_id_of(key[1]) if key else None})
    keyed = [r for r in rows if r["work_id"]]
    same_work = same_record = both = 0
    wrong: list[tuple] = []
    for a, b in combinations(keyed, 2):
        work, record = a["work_id"] == b["work_id"], a["record"] == b["record"]
        same_work += work
        same_record += record
        both += work and record
        if work and not record:
            wrong.append((a["record"], b["record"], a["key"]))
    by_record = defaultdict(set)
    for r in keyed:
        by_record[r["record"]].add(r["work_id"])
    records = {r["record"] for r in rows}
    return {
        "entries": len(rows), "with_work_id": len(keyed), "records": len(records),
        "works": len({r["work_id"] for r in keyed}),
        "records_in_one_work": sum(len(ids) == 1 for ids in by_record.values()),
        "pairs_merged": same_work, "pairs_true": same_record, "pairs_right": both,
        "precision": both / same_work if same_work else 1.0, "recall": both / same_record if same_record else 1.0,
        "wrong": wrong, "rows": rows,
    }


def main(argv: list[str]) -> int:
    figures = merge_figures()
    for name, value in figures.items():
        if name not in ("wrong", "rows"):
            print(f"{name:20} {value:.4f}" if isinstance(value, float) else f"{name:20} {value}")
    if "-v" in argv:
        for wrong in figures["wrong"]:
            print("  merged, other records:", *wrong)
        split = defaultdict(list)
        for r in figures["rows"]:
            split[r["record"]].append(r)
        for record, rs in split.items():
            if len({r["work_id"] for r in rs}) > 1:
                print("  split:", record, *[(r["style"][:4], r["key"]) for r in rs])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
