"""Evaluation on the real PDFs of ../shared/realworld/pdf (`make realworld`, tests/test_realworld.py).

Per file: pages; the character accounting (input characters after duplicate-glyph removal,
found in outputs, found in recorded removals, coverage, output characters beyond the
input); rows per dataset; against the LaTeX source where there is one (tests/latex_truth.py):
heading recall and precision, the share of body paragraphs found exactly; leaks: margin
lines (running headers, page numbers) or table-of-contents lines found in paragraphs or
sections, looked for straight in pdfplumber's text, independently of the reader.

Run: `python tests/realworld.py [name ...]` prints one block per file.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from extract.paper import process_paper  # noqa: E402
from tests.conftest import REALWORLD_PDF as REALWORLD  # noqa: E402
from tests.latex_truth import Truth, extract, key  # noqa: E402

LEADER_LINE = re.compile(r"(?:[.·…．。⋯]\s*){4,}\s*(?:\d{1,4}|[IVXLCivxlc]{1,6})\s*$")
MARGIN_BAND = 0.1  # of the page height: where the leak check looks for margin lines
TOC_TITLES = {"目录", "目次", "contents", "tableofcontents"}


@dataclass
class Report:
    name: str
    pages: int
    n_input: int
    n_output: int
    n_removed: int
    coverage: float
    excess: int
    counts: dict
    truth: Truth | None = None
    heading_recall: float | None = None
    heading_precision: float | None = None
    headings_missed: list = field(default_factory=list)
    headings_extra: list = field(default_factory=list)
    paragraphs_exact: float | None = None
    paragraphs_missed: list = field(default_factory=list)
    leaks: list = field(default_factory=list)
    rows: dict = field(default_factory=dict)
    pages_missing: list = field(default_factory=list)


def pdf_files() -> list[Path]:
    return sorted(REALWORLD.glob("*.pdf")) if REALWORLD.is_dir() else []


def truth_source(pdf: Path) -> Path | None:
    """The main .tex of the PDF's LaTeX sources (the one with \\begin{document}), if any."""
    src = pdf.with_suffix(".src")
    if not src.is_dir():
        return None
    for tex in sorted(src.glob("*.tex")):
        if "\\begin{document}" in tex.read_text(encoding="utf-8", errors="replace"):
            return tex
    return None


def multiset_match(truth: list[str], found: list[str]) -> tuple[int, list[str], list[str]]:
    """Matches of truth keys in found keys (each used once); the truth missed, the found extra."""
    pool = Counter(key(f) for f in found)
    missed = []
    for t in truth:
        if pool[key(t)] > 0:
            pool[key(t)] -= 1
        else:
            missed.append(t)
    extra = []
    for f in found:
        if pool[key(f)] > 0:
            pool[key(f)] -= 1
            extra.append(f)
    return len(truth) - len(missed), missed, extra


def evaluate(pdf: Path) -> Report:
    from extract.pdf import read_pdf
    from extract.rows.accounting import account

    rows = process_paper(pdf)
    doc = rows["documents"][0]
    result = account(read_pdf(pdf).glyph_text, rows)
    counts = {name: len(rows[name]) for name in ("paragraphs", "sections", "tables", "references", "footnotes",
                                                 "figures")}
    report = Report(pdf.name, doc["n_pages"], doc["n_chars_input"], doc["n_chars_output"], doc["n_chars_removed"],
                    doc["coverage"], result.excess, counts, rows=rows, pages_missing=result.pages_missing)
    tex = truth_source(pdf)
    if tex is not None:
        report.truth = truth = extract(tex)
        # the reference list's heading is a heading the pipeline found (it heads `references`)
        titles = [s["title_source"] for s in rows["sections"]]
        ref_headings = [f["original"] for f in rows["quality_flags"] if f["kind"] == "reference_list_heading"]
        hits, report.headings_missed, report.headings_extra = multiset_match(truth.headings, titles + ref_headings)
        report.heading_recall = hits / len(truth.headings) if truth.headings else None
        found = len(titles) + sum(key(h) in {key(t) for t in truth.headings} for h in ref_headings)
        report.heading_precision = hits / found if found else None
        texts = [p["text_source"] for p in rows["paragraphs"]]
        hits, report.paragraphs_missed, _ = multiset_match(truth.paragraphs, texts)
        report.paragraphs_exact = hits / len(truth.paragraphs) if truth.paragraphs else None
    report.leaks = leaks(pdf, rows)
    return report


PAGE_NUMBER_LINE = re.compile(r"[-–—·\s]*(\d{1,4}|[IVXLCivxlc]{1,6})[-–—·\s]*")


def margin_lines(pdf: Path) -> tuple[set[str], set[str], dict[int, str]]:
    """Keys of lines in the top/bottom band that recur on 2+ pages (digits ignored), of
    table-of-contents lines, and each page's printed page number, straight from pdfplumber."""
    import pdfplumber

    seen: Counter = Counter()
    toc: set[str] = set()
    numbers: dict[int, str] = {}
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages, start=1):
            band = MARGIN_BAND * page.height
            keys = set()
            for line in page.dedupe_chars().extract_text_lines():
                if line["top"] <= band or line["bottom"] >= page.height - band:
                    keys.add(re.sub(r"\d+", "#", key(line["text"])))
                    number = PAGE_NUMBER_LINE.fullmatch(line["text"].strip())
                    if number:
                        numbers[n] = number.group(1)
                if LEADER_LINE.search(line["text"]):
                    toc.add(key(LEADER_LINE.sub("", line["text"])))
            seen.update(keys)
    return {k for k, n in seen.items() if n >= 2 and len(k.replace("#", "")) >= 2}, toc, numbers


def leaks(pdf: Path, rows: dict) -> list[str]:
    """Paragraphs or sections holding a recurring margin line, a TOC entry, or ending in the page
    number of their page glued to Chinese text (`…提供重要的9`)."""
    margins, toc, numbers = margin_lines(pdf)
    found = []
    for dataset, column in (("paragraphs", "text_source"), ("sections", "title_source")):
        for row in rows[dataset]:
            plain = key(row[column])
            # a contents line shows by its leader and page number (its title is also a heading's)
            in_toc = bool(toc) and (LEADER_LINE.search(row[column]) is not None or plain in TOC_TITLES)
            if any(m and m in re.sub(r"\d+", "#", plain) for m in margins) or in_toc:
                found.append(f"{dataset}: {row[column][:60]}")
            pages = range(row.get("page_start") or row.get("page") or 0, (row.get("page_end") or row.get("page") or 0) + 1)
            for page in pages:
                number = numbers.get(page)
                if number and re.search(rf"[\u4e00-\u9fff]{re.escape(number)}$", row[column].strip()):
                    found.append(f"{dataset}: {row[column][-30:]} (ends in page {page}'s number {number})")
    return found


def print_report(r: Report) -> None:
    print(f"== {r.name}: {r.pages} pages")
    print(f"   chars: input {r.n_input}, in outputs {r.n_output}, in removals {r.n_removed}, "
          f"coverage {r.coverage:.4f}, beyond input {r.excess}; pages with unaccounted text {r.pages_missing}")
    print("   rows: " + ", ".join(f"{k} {v}" for k, v in r.counts.items()))
    print("   removed: " + ", ".join(f"{kind} {n}" for kind, n in removed_by_kind(r.rows).most_common()))
    if r.truth is not None:
        fmt = lambda v: "-" if v is None else f"{v:.2f}"  # noqa: E731
        print(f"   headings vs .tex: recall {fmt(r.heading_recall)}, precision {fmt(r.heading_precision)} "
              f"({len(r.truth.headings)} in .tex)")
        for h in r.headings_missed:
            print(f"     missed: {h}")
        for h in r.headings_extra:
            print(f"     extra:  {h}")
        print(f"   paragraphs vs .tex: {fmt(r.paragraphs_exact)} found exactly ({len(r.truth.paragraphs)} in .tex, "
              f"{len(r.truth.with_math)} with math not compared)")
        for p in r.paragraphs_missed:
            print(f"     missed: {p[:70]}")
    if r.name.startswith("pdfplumber_issue-336"):
        print(f"   tables (pdfplumber test_order: 3 tables of 8, 11, 2 rows): {table_rows(r.rows)}")
    print(f"   leaks (margin or TOC lines in paragraphs/sections): {len(r.leaks)}")
    for leak in r.leaks:
        print(f"     {leak}")


def removed_by_kind(rows: dict) -> Counter:
    """Characters in the recorded removals, by flag kind."""
    from extract.rows.accounting import REMOVAL_KINDS, units

    out: Counter = Counter()
    for flag in rows["quality_flags"]:
        if flag["kind"] in REMOVAL_KINDS and flag.get("original"):
            out[flag["kind"]] += len(units(flag["original"])) - len(units(flag.get("replacement")))
    return out


def table_rows(rows: dict) -> list[int]:
    """Rows of each table, header included (pdfplumber counts them so)."""
    n = Counter(c["table_no"] for c in rows["table_cells"] if c["col_no"] == 1)
    return [n[t["table_no"]] for t in rows["tables"] if t["has_body"]]


def main(names: list[str]) -> None:
    files = [f for f in pdf_files() if not names or any(n in f.name for n in names)]
    if not files:
        print(f"no real PDFs: {REALWORLD} is absent")
        return
    for pdf in files:
        print_report(evaluate(pdf))


if __name__ == "__main__":
    main(sys.argv[1:])
