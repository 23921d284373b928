"""Tables against cell-level truth: ../shared/realworld/pdf/TABLES.jsonl and pdf2/TABLES.jsonl.

Per paper: printed tables, found (a `tables` row matched to each), false tables (found, matched to
none), exact dimensions, and cell F1 (the multiset of non-empty cells, header included, after
whitespace normalization; a printed table that was not found counts all its cells as missed, a
false table all its cells as wrong), body sentences inside cells and field mismatches.

A body sentence inside a cell (issue 20: "0 body sentences inside cells"): a non-empty cell of a found
table that is no cell of the printed table it matched (of no printed table, for a false table) and reads
as prose: at least 15 Han characters and a sentence mark (。；，！？ or the full stop), or a cell whose
text (at least 10 characters) is also in one of the paper's paragraphs. Truth cells never count.

Field mismatches, for each matched table where the truth has the field: the caption, the English caption
(caption_en; a printed English caption that was not read counts), the page, and the header rows (the
number of is_header rows against 1 for a one-row header); captions are compared as printed
(caption_source, label removed) after whitespace normalization. A found table is matched to a printed one by label (`表2`,
`Table 2`) on the same page, else to the printed table of that page whose cells it shares most.

Run: `python tests/table_eval.py` (with $PAPERS_PDF2 for the set-2 corpus); tests/test_table_eval.py
asserts today's figures as floors so that no change makes them worse unnoticed.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.conftest import PDF2, REALWORLD  # noqa: E402

SPACE = re.compile(r"\s+")
LABEL = re.compile(r"^(?:续?表|Table|TABLE|Tab\.)\s*([0-9]+(?:[.\-－][0-9]+)?)")


def cell_key(value) -> str:
    return SPACE.sub("", str(value or ""))


def label_key(label: str | None) -> str | None:
    match = LABEL.match(cell_key(label)) if label else None
    return match.group(1).replace("－", "-") if match else None


@dataclass
class PaperScore:
    doc_id: str
    printed: int = 0
    found: int = 0
    false_tables: int = 0
    exact_dims: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    prose_cells: int = 0
    mismatches: list[str] = field(default_factory=list)

    @property
    def cell_f1(self) -> float:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0


def truth_files() -> list[Path]:
    return [p for p in (REALWORLD / "pdf" / "TABLES.jsonl", REALWORLD / "pdf2" / "TABLES.jsonl") if p.exists()]


def truth_records() -> list[tuple[dict, Path]]:
    """(truth record, the PDF it describes) for every PDF present on this machine."""
    out = []
    for path in truth_files():
        folder = REALWORLD / "pdf" if path.parent.name == "pdf" else PDF2
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            pdf = folder / f"{record['doc_id']}.pdf"
            if pdf.exists():
                out.append((record, pdf))
    return out


def found_tables(rows: dict) -> list[dict]:
    """The `tables` rows of one paper with their cells (as printed, row-major) and shape (rows with the header, columns).
    A `filled_down` cell (a merged cell's value carried into the empty cell below, as the accounting counts it) is
    not printed there: it counts as empty, as the truth writes it."""
    cells: dict[int, dict[tuple[int, int], str]] = {}
    headers: dict[int, set[int]] = {}
    for cell in rows.get("table_cells", []):
        if "is_header" in cell:
            headers.setdefault(cell["table_no"], set())
            if cell["is_header"]:
                headers[cell["table_no"]].add(cell["row_no"])
        value = None if cell.get("filled_down") else cell["value_source"]
        cells.setdefault(cell["table_no"], {})[(cell["row_no"], cell["col_no"])] = value
    out = []
    for table in rows.get("tables", []):
        grid = cells.get(table["table_no"], {})
        shape = (max((r for r, _ in grid), default=-1) + 1, max((c for _, c in grid), default=0))
        header_rows = headers.get(table["table_no"])
        out.append({**table, "cells": [v for _, v in sorted(grid.items())], "shape": shape,
                    "header_rows": len(header_rows) if header_rows is not None else None})
    return out


def cell_bag(values) -> Counter:
    return Counter(k for k in (cell_key(v) for v in values) if k)


def score_paper(record: dict, rows: dict) -> PaperScore:
    score = PaperScore(record["doc_id"])
    truth = record["tables"]
    found = found_tables(rows)
    score.printed = len(truth)
    bags = [cell_bag(c for row in t["cells"] for c in row if c is not None) for t in truth]
    found_bags = [cell_bag(f["cells"]) for f in found]
    matched: dict[int, int] = {}  # found index -> truth index
    for j, t in enumerate(truth):  # by label and page first; of two such (a caption alone), the one with the cells
        same = [i for i, f in enumerate(found) if i not in matched and label_key(f.get("label"))
                and label_key(f.get("label")) == label_key(t.get("label")) and f.get("page") == t.get("page")]
        if same:
            matched[max(same, key=lambda i: sum((found_bags[i] & bags[j]).values()))] = j
    for i, f in enumerate(found):  # then by shared cells on the page
        if i in matched:
            continue
        best, best_shared = None, 0
        for j, t in enumerate(truth):
            if j in matched.values() or f.get("page") != t.get("page"):
                continue
            shared = sum((found_bags[i] & bags[j]).values())
            if shared > best_shared:
                best, best_shared = j, shared
        if best is not None:
            matched[i] = best
    score.found = len(matched)
    score.false_tables = len(found) - len(matched)
    for i, j in matched.items():
        t, f = truth[j], found[i]
        score.exact_dims += f["shape"] == (t.get("n_rows"), t.get("n_cols"))  # header row included in both
        common = sum((found_bags[i] & bags[j]).values())
        score.tp += common
        score.fp += sum(found_bags[i].values()) - common
        score.fn += sum(bags[j].values()) - common
    for j, t in enumerate(truth):
        if j not in matched.values():
            score.fn += sum(bags[j].values())
            score.misses.append(f"{t.get('label') or '(unlabelled)'} p{t.get('page')}")
    for i in range(len(found)):
        if i not in matched:
            score.fp += sum(found_bags[i].values())
    truth_cells = set().union(*bags) if bags else set()
    paragraphs = "".join(cell_key(p.get("text_source") or p.get("text")) for p in rows.get("paragraphs", []))
    for i, f in enumerate(found):
        own = set(bags[matched[i]]) if i in matched else truth_cells
        score.prose_cells += sum(1 for v in f["cells"] if (k := cell_key(v)) and k not in own and is_prose(k, paragraphs))
    for i, j in matched.items():
        t, f = truth[j], found[i]
        tag = t.get("label") or f"p{t.get('page')}"
        for name in ("caption", "caption_en"):
            read = f.get(f"{name}_source", f.get(name))  # as printed: the normalized caption is simplified Chinese
            if name in t and cell_key(caption_text(t.get(name))) != cell_key(caption_text(read)):
                score.mismatches.append(f"{tag} {name}")
        if t.get("page") is not None and f.get("page") != t.get("page"):
            score.mismatches.append(f"{tag} page")
        if f.get("header_rows") is not None and t.get("header") and f["header_rows"] != 1:
            score.mismatches.append(f"{tag} header")
    return score


HAN = re.compile(r"[\u4e00-\u9fff]")
SENTENCE = re.compile(r"[。；，！？]|\.(?:\s|$)")
CAPTION_LABEL = re.compile(r"^(?:续?表|Table|TABLE|Tab\.)\s*[0-9]+(?:[.\-－][0-9]+)?\s*[:：.]?")


def caption_text(value) -> str:
    return CAPTION_LABEL.sub("", str(value or "")).strip()


def is_prose(key: str, paragraphs: str) -> bool:
    """A cell text (whitespace removed) that reads as a body sentence: see the module docstring."""
    if len(HAN.findall(key)) >= 15 and SENTENCE.search(key):
        return True
    return len(key) >= 10 and key in paragraphs


def evaluate(rows_of) -> list[PaperScore]:
    return [score_paper(record, rows_of(pdf)) for record, pdf in truth_records()]


def report(scores: list[PaperScore]) -> str:
    lines = [f"{'paper':32} printed found false dims  cellF1 prose  missed | field mismatches"]
    for s in scores:
        lines.append(f"{s.doc_id:32} {s.printed:7} {s.found:5} {s.false_tables:5} {s.exact_dims:4}  "
                     f"{s.cell_f1:6.3f} {s.prose_cells:5}  {', '.join(s.misses)} | {', '.join(s.mismatches)}")
    total = PaperScore("all", *(sum(getattr(s, k) for s in scores)
                                for k in ("printed", "found", "false_tables", "exact_dims", "tp", "fp", "fn")))
    lines.append(f"{'all':32} {total.printed:7} {total.found:5} {total.false_tables:5} {total.exact_dims:4}  "
                 f"{total.cell_f1:6.3f} {sum(s.prose_cells for s in scores):5}  | "
                 f"{sum(len(s.mismatches) for s in scores)} field mismatches")
    return "\n".join(lines)


if __name__ == "__main__":
    from extract.paper import process_paper

    print(report(evaluate(process_paper)))
