"""Front and back matter of the real PDFs (../shared/realworld/pdf) against their LaTeX sources.

Per file with a source (tests/latex_front_truth.py): Chinese and English title right,
Chinese and English author names found (and author rows that are no author),
affiliations found under the right author, keywords in each language (and extra ones),
funding, back-matter headings after the reference list, author biographies, the
thesis supervisor. Files without a source report their author rows and titles (a
report or a résumé has no by-line: every author row there is wrong).
Texts are compared by `latex_truth.key` (width, case, whitespace, quotes folded).

Run: `python tests/front_eval.py [name ...]`.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from extract.paper import process_paper  # noqa: E402
from tests.conftest import REALWORLD_PDF as REALWORLD  # noqa: E402
from tests.latex_front_truth import FrontTruth, extract_front  # noqa: E402
from tests.latex_truth import key  # noqa: E402


@dataclass
class Score:
    found: int
    total: int
    extra: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        extra = f" (+{len(self.extra)} wrong)" if self.extra else ""
        return f"{self.found}/{self.total}{extra}"


@dataclass
class FrontReport:
    name: str
    truth: FrontTruth | None
    scores: dict[str, Score] = field(default_factory=dict)
    rows: dict = field(default_factory=dict)


def truth_source(pdf: Path) -> Path | None:
    """The main .tex of the PDF's LaTeX sources (the one with \\begin{document}), if any."""
    src = pdf.with_suffix(".src")
    if not src.is_dir():
        return None
    return next((tex for tex in sorted(src.glob("*.tex"))
                 if "\\begin{document}" in tex.read_text(encoding="utf-8", errors="replace")), None)


def match(truth: list[str], found: list[str]) -> Score:
    """Each truth text found once among `found` (by key); what `found` has beyond the truth."""
    pool = Counter(key(f) for f in found if f)
    missed = []
    for text in truth:
        if pool[key(text)] > 0:
            pool[key(text)] -= 1
        else:
            missed.append(text)
    extra = []
    for text in found:
        if text and pool[key(text)] > 0:
            pool[key(text)] -= 1
            extra.append(text)
    return Score(len(truth) - len(missed), len(truth), extra, missed)


def same(truth: str | None, found: str | None) -> Score:
    ok = truth is not None and found is not None and key(truth).rstrip(".。") == key(found).rstrip(".。")
    return Score(int(ok), int(truth is not None), [] if ok or found is None else [found],
                 [] if ok or truth is None else [truth])


def score(rows: dict, truth: FrontTruth) -> dict[str, Score]:
    doc = rows["documents"][0]
    authors = rows["authors"]
    by_name = {key(a["name_zh"] or ""): a for a in authors}
    affiliation_truth, affiliation_found = [], []
    for name, institutions in truth.affiliations.items():
        printed = (by_name.get(key(name)) or {}).get("affiliation") or ""
        for inst in institutions:
            affiliation_truth.append(f"{name}: {inst}")
            if key(inst) in [key(part) for part in printed.split("；")]:
                affiliation_found.append(f"{name}: {inst}")
    keywords = {lang: [k["keyword"] for k in rows["keywords"] if k["lang"] == lang] for lang in ("zh", "en")}
    sections = rows["sections"]
    back = [s["title"] for s in sections if s.get("part") == "back"]
    bios = [a["name_zh"] for a in authors if a.get("bio")]
    scores = {
        "title_zh": same(truth.title_zh, doc["title_zh"]),
        "title_en": same(truth.title_en, doc["title_en"]),
        "authors": match(truth.authors, [a["name_zh"] for a in authors]),
        "authors_en": match(truth.authors_en, [a["name_en"] for a in authors if a["name_en"]]),
        "affiliations": match(affiliation_truth, affiliation_found),
        "keywords_zh": match(truth.keywords_zh, keywords["zh"]),
        "keywords_en": match(truth.keywords_en, keywords["en"]),
        "funding": same(truth.funding, doc["funding"]),
        "back_matter": match(truth.back_matter, back),
        "biographies": match(truth.biographies, bios),
    }
    if truth.supervisor:
        scores["supervisor"] = same(truth.supervisor, doc.get("supervisor"))
    return scores


def evaluate(pdf: Path) -> FrontReport:
    rows = process_paper(pdf)
    tex = truth_source(pdf)
    report = FrontReport(pdf.name, extract_front(tex) if tex else None, rows=rows)
    if report.truth is not None:
        report.scores = score(rows, report.truth)
    else:
        report.scores = {"authors": Score(0, 0, [a["name_zh"] or a["name_en"] for a in rows["authors"]])}
    return report


def print_report(r: FrontReport) -> None:
    print(f"== {r.name}")
    print("   " + ", ".join(f"{name} {s}" for name, s in r.scores.items()))
    for name, s in r.scores.items():
        for text in s.missed:
            print(f"     {name} missed: {text[:70]}")
        for text in s.extra:
            print(f"     {name} wrong:  {str(text)[:70]}")
    if r.truth is None:
        doc = r.rows["documents"][0]
        print(f"   title_zh: {doc['title_zh']}")


def main(names: list[str]) -> None:
    files = [f for f in sorted(REALWORLD.glob("*.pdf")) if not names or any(n in f.name for n in names)] \
        if REALWORLD.is_dir() else []
    if not files:
        print(f"no real PDFs: {REALWORLD} is absent")
    for pdf in files:
        print_report(evaluate(pdf))


if __name__ == "__main__":
    main(sys.argv[1:])
