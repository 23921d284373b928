"""Tables against cell-level truth (`make realworld`, tests/test_table_truth.py).

Truth: ../shared/realworld/pdf/TABLES.jsonl and ../shared/realworld/pdf2/TABLES.jsonl (format in
pdf2/README.md): per PDF every printed data table (label, caption, caption_en, page, n_rows,
n_cols, header, cells; merged cells give their text in the top-left cell and "" elsewhere;
null = printed but not comparable) and `not_tables`. The PDFs: ../shared/realworld/pdf/<doc_id>.pdf
and the set-2 corpus (`$PAPERS_PDF2`, default ~/.cache/papers-pdf2).

Per paper, from the `tables` and `table_cells` rows of process_paper:
- printed: the printed tables of the truth; found: those paired with an output table that has a
  body (pairs are made greedily, best cell F1 first, on the same page or a label in common);
- false: output tables paired with no printed table (a caption or note row without a body counts);
- dims: found tables with exactly the printed rows x columns (header rows included);
- cell F1: per printed table, the multiset of its non-empty cells (header and body, whitespace
  removed, NFKC) against the output table's non-empty cells (`value_source`); 0 for a table not
  found; the paper's figure is the mean over its printed tables;
- caption: found tables whose caption (without label) matches the printed Chinese caption;
- prose cells: output cells that read as a body sentence (20+ characters holding `，` or `。`
  and matching no printed cell).

Run: `python tests/table_eval.py [name ...]`.
"""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "realworld"
TRUTH_FILES = (SHARED / "pdf" / "TABLES.jsonl", SHARED / "pdf2" / "TABLES.jsonl")
PDF2 = Path(os.environ.get("PAPERS_PDF2") or Path.home() / ".cache" / "papers-pdf2")
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

PROSE_MIN_CHARS = 20


def norm(text: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


@dataclass
class TableScore:
    label: str | None
    page: int
    shape: tuple[int, int]
    found_shape: tuple[int, int] | None = None
    f1: float = 0.0
    caption_ok: bool | None = None
    table_no: int | None = None


@dataclass
class PaperScore:
    doc_id: str
    printed: int
    tables: list[TableScore] = field(default_factory=list)
    false: list[str] = field(default_factory=list)  # what each false table holds, shortly
    prose_cells: list[str] = field(default_factory=list)
    n_output: int = 0

    @property
    def found(self) -> int:
        return sum(t.table_no is not None for t in self.tables)

    @property
    def exact_dims(self) -> int:
        return sum(t.found_shape == t.shape for t in self.tables)

    @property
    def mean_f1(self) -> float | None:
        return sum(t.f1 for t in self.tables) / len(self.tables) if self.tables else None


def truth_entries() -> list[dict]:
    out = []
    for path in TRUTH_FILES:
        if path.is_file():
            out += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def pdf_of(doc_id: str) -> Path | None:
    for folder in (SHARED / "pdf", PDF2):
        path = folder / f"{doc_id}.pdf"
        if path.is_file():
            return path
    return None


def f1(truth: list[str], found: list[str]) -> float:
    if not truth and not found:
        return 1.0
    common = sum((Counter(truth) & Counter(found)).values())
    if not common:
        return 0.0
    p, r = common / len(found), common / len(truth)
    return 2 * p * r / (p + r)


def truth_cells(table: dict) -> list[str]:
    return [norm(c) for row in table["cells"] for c in row if c is not None and norm(c)]


def output_tables(rows: dict) -> dict[int, dict]:
    """table_no -> {row, grid (row_no -> col_no -> value_source)}."""
    out = {t["table_no"]: {"row": t, "grid": {}} for t in rows["tables"]}
    for c in rows["table_cells"]:
        if not c["filled_down"]:
            out[c["table_no"]]["grid"].setdefault(c["row_no"], {})[c["col_no"]] = c["value_source"] or ""
    return out


def cells_of(table: dict) -> list[str]:
    return [norm(v) for cols in table["grid"].values() for v in cols.values() if norm(v)]


def shape_of(table: dict) -> tuple[int, int]:
    return table["row"]["n_rows"] + 1 if table["row"]["has_body"] else 0, table["row"]["n_cols"]


def caption_text(caption_source: str | None) -> str:
    from extract.structure.captions import parse_caption

    parsed = parse_caption(caption_source) if caption_source else None
    return norm(parsed[2] if parsed else caption_source)


def score_paper(entry: dict, rows: dict) -> PaperScore:
    truth = entry["tables"]
    found = output_tables(rows)
    score = PaperScore(entry["doc_id"], len(truth), n_output=len(found))
    score.tables = [TableScore(t.get("label"), t["page"], (t["n_rows"], t["n_cols"])) for t in truth]
    pairs = []
    for i, t in enumerate(truth):
        cells = truth_cells(t)
        for no, o in found.items():
            if not o["row"]["has_body"]:
                continue
            value = f1(cells, cells_of(o))
            near = o["row"]["page"] is not None and abs(o["row"]["page"] - t["page"]) <= 1
            if value > 0.2 and (near or (t.get("label") and o["row"]["label"] == t.get("label"))):
                pairs.append((value, i, no))
    used: set[int] = set()
    for value, i, no in sorted(pairs, reverse=True):
        ts = score.tables[i]
        if ts.table_no is not None or no in used:
            continue
        used.add(no)
        ts.table_no, ts.f1, ts.found_shape = no, value, shape_of(found[no])
        if truth[i].get("caption"):
            ts.caption_ok = caption_text(found[no]["row"]["caption_source"]) == norm(truth[i]["caption"])
    # a caption-only row of a printed table found with its body elsewhere is still a false table
    for no, o in found.items():
        if no in used:
            continue
        body = " | ".join(cells_of(o)[:4])
        score.false.append(f"p{o['row']['page']} {o['row']['label'] or '-'} "
                           f"{shape_of(o)[0]}x{shape_of(o)[1]}: {(o['row']['caption_source'] or '')[:20]} {body[:50]}")
    printed = {c for t in truth for c in truth_cells(t)}
    for o in found.values():
        for v in cells_of(o):
            if len(v) >= PROSE_MIN_CHARS and ("，" in v or "。" in v or "," in v and len(v) >= 40) and v not in printed:
                score.prose_cells.append(v[:40])
    return score


def evaluate(names: list[str] | None = None, rows_of=None) -> list[PaperScore]:
    """Scores of every paper with truth whose PDF is present (`names`: substrings of doc_ids)."""
    from extract.paper import process_paper

    rows_of = rows_of or process_paper
    scores = []
    for entry in truth_entries():
        if names and not any(n in entry["doc_id"] for n in names):
            continue
        path = pdf_of(entry["doc_id"])
        if path is not None:
            scores.append(score_paper(entry, rows_of(path)))
    return scores


def totals(scores: list[PaperScore]) -> dict:
    tables = [t for s in scores for t in s.tables]
    return {"papers": len(scores), "printed": len(tables), "found": sum(s.found for s in scores),
            "false": sum(len(s.false) for s in scores), "exact_dims": sum(s.exact_dims for s in scores),
            "mean_cell_f1": sum(t.f1 for t in tables) / len(tables) if tables else None,
            "prose_cells": sum(len(s.prose_cells) for s in scores),
            "captions_ok": sum(bool(t.caption_ok) for t in tables),
            "captions_printed": sum(t.caption_ok is not None for t in tables)}


def print_scores(scores: list[PaperScore], verbose: bool = True) -> None:
    print(f"{'paper':28} printed found false dims  cellF1 prose")
    for s in scores:
        f = "-" if s.mean_f1 is None else f"{s.mean_f1:.2f}"
        print(f"{s.doc_id:28} {s.printed:7} {s.found:5} {len(s.false):5} {s.exact_dims:4} {f:>7} {len(s.prose_cells):5}")
        if verbose:
            for t in s.tables:
                got = "not found" if t.table_no is None else (
                    f"-> #{t.table_no} {t.found_shape[0]}x{t.found_shape[1]} F1 {t.f1:.2f}"  # type: ignore[index]
                    f"{'' if t.caption_ok is not False else ' caption differs'}")
                print(f"     {t.label or '(no label)'} p{t.page} {t.shape[0]}x{t.shape[1]} {got}")
            for x in s.false:
                print(f"     false: {x}")
            for x in s.prose_cells:
                print(f"     prose cell: {x}")
    t = totals(scores)
    f = "-" if t["mean_cell_f1"] is None else f"{t['mean_cell_f1']:.3f}"
    print(f"TOTAL {t['papers']} papers: printed {t['printed']}, found {t['found']}, false {t['false']}, "
          f"exact dims {t['exact_dims']}, mean cell F1 {f}, prose cells {t['prose_cells']}, "
          f"captions {t['captions_ok']}/{t['captions_printed']}")


if __name__ == "__main__":
    args = sys.argv[1:]
    quiet = "-q" in args
    print_scores(evaluate([a for a in args if a != "-q"]), verbose=not quiet)
