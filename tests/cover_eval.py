"""Titles, first authors and heading counts of the set-2 PDFs against ../shared/realworld/pdf2/TRUTH.tsv.

Per PDF: the title as printed (`documents.title_zh`, compared without spaces), the first author
(`authors.name_zh` of author 1, or `name_en`), and the numbered body headings found (`sections` rows
of the body with a label) against `n_headings` (within 10% is issue 22's target). The notes column
of TRUTH.tsv says what was counted per PDF.

Run: `python tests/cover_eval.py`; tests/test_cover_eval.py asserts today's figures as floors.
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.conftest import PDF2, REALWORLD  # noqa: E402

SPACE = re.compile(r"\s+")


def squeeze(text) -> str:
    return SPACE.sub("", str(text or "")).casefold()  # the LaTeX logo is `LATEX` in a text layer


@dataclass
class CoverScore:
    doc_id: str
    title: str
    title_found: str
    author: str
    author_found: str
    headings: int
    headings_found: int

    @property
    def title_right(self) -> bool:
        return squeeze(self.title) == squeeze(self.title_found)

    @property
    def author_right(self) -> bool:
        return squeeze(self.author) == squeeze(self.author_found)

    @property
    def headings_close(self) -> bool:
        return abs(self.headings_found - self.headings) <= 0.1 * self.headings


def truth_rows() -> list[dict]:
    path = REALWORLD / "pdf2" / "TRUTH.tsv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t") if (PDF2 / f"{row['doc_id']}.pdf").exists()]


def score(truth: dict, rows: dict) -> CoverScore:
    document = (rows.get("documents") or [{}])[0]
    first = next((a for a in rows.get("authors", []) if a["author_no"] == 1), {})
    headings = [s for s in rows.get("sections", []) if s.get("part") == "body" and s.get("label")]
    title = document.get("title_zh_source") or document.get("title_en_source") or ""  # as printed, like the truth
    return CoverScore(truth["doc_id"], truth["title"], title,
                      truth["first_author"], first.get("name_zh_source") or first.get("name_en_source") or "",
                      int(truth["n_headings"]), len(headings))


def evaluate(rows_of) -> list[CoverScore]:
    return [score(truth, rows_of(PDF2 / f"{truth['doc_id']}.pdf")) for truth in truth_rows()]


def report(scores: list[CoverScore]) -> str:
    lines = []
    for s in scores:
        lines.append(f"{s.doc_id:14} title {'ok ' if s.title_right else 'BAD'} {s.title_found[:40]!r:44} "
                     f"author {'ok ' if s.author_right else 'BAD'} {s.author_found!r:12} "
                     f"headings {s.headings_found:3}/{s.headings:<3}{'' if s.headings_close else ' off'}")
    lines.append(f"titles {sum(s.title_right for s in scores)}/{len(scores)}, first authors "
                 f"{sum(s.author_right for s in scores)}/{len(scores)}, heading counts within 10% "
                 f"{sum(s.headings_close for s in scores)}/{len(scores)}")
    return "\n".join(lines)


if __name__ == "__main__":
    from extract.paper import process_paper

    print(report(evaluate(process_paper)))
