"""Titles, first authors and headings of the real theses, reports, proposals and papers against their truth.

Truth: ../shared/realworld/pdf2/TRUTH.tsv (title and first author as printed, numbered body headings
counted as its notes say) for the set-2 PDFs (built into $PAPERS_PDF2, default ~/.cache/papers-pdf2),
and the LaTeX sources of ../shared/realworld/pdf/bithesis_graduation (tests/latex_front_truth.py for
title and author, tests/latex_truth.py for the headings). Titles and names are compared by
`latex_truth.key` after OpenCC t2s on both sides (the truth is as printed, the rows normalized).

Per PDF: title right, first author right, numbered body headings found vs truth (and all body
headings: an unnumbered one there is a cover line, a statement or a real unnumbered heading).

Run: `python tests/thesis_eval.py [name ...]`.
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from extract.normalize import convert  # noqa: E402
from tests.conftest import PDF2, REALWORLD  # noqa: E402
from tests.latex_truth import key  # noqa: E402

BITHESIS = "bithesis_graduation"


@dataclass
class Expected:
    doc_id: str
    title: str
    first_author: str | None  # None: no author is printed
    n_headings: int


@dataclass
class Measured:
    expected: Expected
    title: str | None
    first_author: str | None
    numbered: int
    body: int

    @property
    def title_ok(self) -> bool:
        return same(self.expected.title, self.title)

    @property
    def author_ok(self) -> bool:
        if self.expected.first_author is None:
            return self.first_author is None
        return same(self.expected.first_author, self.first_author)

    @property
    def headings_ok(self) -> bool:
        return abs(self.numbered - self.expected.n_headings) <= 0.1 * self.expected.n_headings


def fold(text: str) -> str:
    return key(convert(text, "t2s"))


def same(truth: str | None, found: str | None) -> bool:
    return truth is not None and found is not None and fold(truth) == fold(found)


def pdf2_truth(realworld: Path = REALWORLD) -> list[Expected]:
    """TRUTH.tsv of pdf2, one row per PDF (an empty first_author: none printed)."""
    with open(realworld / "pdf2" / "TRUTH.tsv", encoding="utf-8", newline="") as f:
        return [Expected(row["doc_id"], row["title"], row["first_author"] or None, int(row["n_headings"]))
                for row in csv.DictReader(f, delimiter="\t")]


def bithesis_truth(realworld: Path = REALWORLD) -> Expected:
    """Title, first author and heading count of bithesis_graduation from its LaTeX sources."""
    from tests.latex_front_truth import BIBLIOGRAPHY_TEX, extract_front
    from tests.latex_truth import read_sources

    main = realworld / "pdf" / f"{BITHESIS}.src" / "main.tex"
    front = extract_front(main)
    # numbered body headings, as TRUTH.tsv counts them: the unstarred sectioning commands before the bibliography
    source = read_sources(main)
    before = BIBLIOGRAPHY_TEX.split(source)[0]
    numbered = re.findall(r"\\(?:chapter|section|subsection|subsubsection)(?![*A-Za-z])", before)
    return Expected(BITHESIS, front.title_zh or "", front.authors[0] if front.authors else None, len(numbered))


def measure(rows: dict, expected: Expected) -> Measured:
    doc = rows["documents"][0]
    authors = sorted(rows["authors"], key=lambda a: a["author_no"])
    first = authors[0]["name_zh"] or authors[0]["name_en"] if authors else None
    body = [s for s in rows["sections"] if s["part"] == "body"]
    return Measured(expected, doc["title_zh"], first, sum(1 for s in body if s["label"]), len(body))


def cases(realworld: Path = REALWORLD, pdf2: Path = PDF2) -> list[tuple[Path, Expected]]:
    out = [(pdf2 / f"{e.doc_id}.pdf", e) for e in pdf2_truth(realworld)]
    out.append((realworld / "pdf" / f"{BITHESIS}.pdf", bithesis_truth(realworld)))
    return [(path, e) for path, e in out if path.exists()]


def line(m: Measured) -> str:
    mark = {True: "ok", False: "XX"}
    return (f"{m.expected.doc_id:14} title {mark[m.title_ok]} author {mark[m.author_ok]} "
            f"headings {m.numbered}/{m.expected.n_headings} {mark[m.headings_ok]} (body {m.body})"
            + ("" if m.title_ok else f"\n{'':16}title: {m.title!r} (truth {m.expected.title!r})")
            + ("" if m.author_ok else f"\n{'':16}author: {m.first_author!r} (truth {m.expected.first_author!r})"))


def main(names: list[str]) -> None:
    from extract.paper import process_paper

    measured = []
    for path, expected in cases():
        if names and not any(n in path.stem for n in names):
            continue
        m = measure(process_paper(path), expected)
        measured.append(m)
        print(line(m), flush=True)
    n = len(measured)
    print(f"titles {sum(m.title_ok for m in measured)}/{n}, first authors {sum(m.author_ok for m in measured)}/{n}, "
          f"heading counts within 10% {sum(m.headings_ok for m in measured)}/{n}")


if __name__ == "__main__":
    main(sys.argv[1:])
