"""Field-level evaluation of `parse_reference` on the GB/T 7714-2025 examples.

Truth: `../shared/realworld/gbt7714/pairs-2025-numeric.jsonl`, one line per example of the
standard: `formatted` is the entry as the numeric style prints it, `fields` the BibTeX
record it was printed from. Entries marked `fragment: true` (a lone imprint, a date, an
edition statement) are skipped.

How a BibTeX record maps onto the `references` columns (GOLD_MAPPING below, one line per column):

- authors: `author`; for a patent the `holder` (the style prints the holder); with no
  author, the `editor` of a book, proceedings, periodical or map (printed as the main
  responsibility). At most three names are printed before 等 / et al., so the truth keeps
  the first three of a longer list. A Western name `Last, First Middle` is written the
  GB/T way `Last F M` (initials, hyphenated `Jean-Luc` -> `J-L`, `Jr` after a comma); a
  name in Han/kana script keeps its surname only when the given part is Latin initials
  (the 2025 style prints `昂温`), the whole name otherwise; `{Corporate Name}` as is.
- title: `title`.  doc_type: `entrytype` through ENTRY_TYPE_CODES (image and video have
  no fixed code and are not scored for it).
- container: `journal`, else `booktitle`, else `eventtitle`, else `series`.
- place: `address`.  publisher: `publisher`, else `institution`, `school`, and for a
  preprint the platform (`archiveprefix`).
- year: the first four digits of `year` (or of `date`).  pub_date: `date`, else `year`.
- volume: `volume` (a journal's volume, or the volume of a multi-volume work).
- issue: `number` of an article, newspaper or periodical.  doc_number: `number` of any
  other type (standard, patent, report, archive, letter).
- pages: `pages`, else `eid` (an article number printed where pages go).
- edition: `edition`, else `version`.  translators: `translator`.  editors: `editor` of
  the host of a contribution (incollection, inproceedings).
- accessed_date: `urldate`.  url: `url`.  doi: `doi`.

A truth value is scored only when the formatted entry prints it (after normalization,
delimited by non-alphanumerics, so `JP` is not read inside `JP2021578120A`):
the record holds more than the style prints (ISBN, a full date when only the year is
printed, the author of a standard printed number-first, the access date the 2025 style
leaves out). How many values were not printed is reported.

Normalization, the same on both sides (`normalize`): TeX markup removed (braces, `\\&`,
`\\quad`, `~`, other commands, ``...'' quotes), NFKC (full-width -> half-width), every
dash and `--` -> `-`, case folded, white space collapsed and removed next to Han/kana/
hangul characters and punctuation, trailing punctuation stripped. Per field: authors,
editors and translators compare as lists with `.` and `,` dropped; edition drops
`版`/`ed.`/`edition`/`V` and reads ordinal words (Second -> 2); volume drops `第`, `卷`,
`v.`/`vol.`; dates compare by their ISO part (the era date printed after a year,
`1865（清同治四年）`, is no part of an ISO date), an interval's `/` read as `-`.

Scores: a predicted value equal to the truth is a true positive; a predicted value that
differs, or that has no truth (unless the truth exists but is not printed), is a false
positive; a printed truth value not predicted (or predicted wrong) is a false negative.
Precision, recall and F1 are micro-averaged over (entry, field) pairs, overall, per field
and per entry type.

Run as a script: `.venv/bin/python tests/refeval.py [PATH]` prints the tables.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.conftest import GBT7714  # noqa: E402

PAIRS = GBT7714 / "pairs-2025-numeric.jsonl"

SCORED_FIELDS = (
    "authors", "title", "doc_type", "container", "place", "publisher", "year", "pub_date", "volume",
    "issue", "pages", "edition", "doc_number", "translators", "editors", "accessed_date", "url", "doi",
)
LIST_FIELDS = ("authors", "translators", "editors")
PRINTED_NAMES = 3  # GB/T 7714 prints three names, then 等 / et al.

ENTRY_TYPE_CODES = {
    "book": "M", "incollection": "M", "article": "J", "periodical": "J", "proceedings": "C",
    "inproceedings": "C", "phdthesis": "D", "mastersthesis": "D", "techreport": "R", "standard": "S",
    "patent": "P", "online": "EB", "dataset": "DS", "preprint": "PP", "map": "CM", "archive": "A",
    "letter": "A", "software": "CP",
}
MAIN_RESPONSIBILITY_EDITOR = ("book", "proceedings", "periodical", "map")
HOST_EDITOR = ("incollection", "inproceedings")
ISSUE_NUMBER = ("article", "periodical")
ORDINALS = {w: str(i) for i, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"], start=1)}

_SCRIPT = r"\u2e80-\u2fff\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_WIDE_OR_PUNCT = rf"[{_SCRIPT},.:;()\[\]/&\"'!?-]"


# ---------------------------------------------------------------- normalization

def _untex(text: str) -> str:
    text = text.replace("``", '"').replace("''", '"').replace("\\&", "&").replace("~", " ")
    text = re.sub(r"\\quad\b|\\,", " ", text)
    text = re.sub(r"\\[a-zA-Z]+\s*", "", text)
    return text.replace("{", "").replace("}", "")


def normalize(text: str | None) -> str:
    """The documented normalization applied to truth and prediction alike."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", _untex(str(text)))
    text = re.sub(r"[\u2010-\u2015\u2212\uff0d]|-{2,}", "-", text)
    text = " ".join(text.casefold().split())
    text = re.sub(rf"\s+(?={_WIDE_OR_PUNCT})|(?<={_WIDE_OR_PUNCT})\s+", "", text)
    return text.strip(" .,;:")


def normalize_name(name: str) -> str:
    return " ".join(normalize(name).replace(".", " ").replace(",", " ").split())


def normalize_edition(text: str | None) -> str:
    value = normalize(text)
    value = re.sub(r"(?:版|ed\b\.?|edn\b\.?|edition)$", "", value).strip(" .")
    value = re.sub(r"^v(?=\d)", "", value)
    value = re.sub(r"^(\d+)(?:st|nd|rd|th)$", r"\1", value)
    return ORDINALS.get(value, value)


def normalize_volume(text: str | None) -> str:
    value = normalize(text)
    value = re.sub(r"^(?:第|卷|v\.|vol\.?|volume)\s*", "", value)
    return re.sub(r"卷$", "", value).strip()


_ISO_PART = re.compile(r"\d{4}(?:-\d\d){0,2}(?:[-/](?:\d{4})?)?")


def normalize_date(text: str | None) -> str:
    """The ISO part of a date (`1865（清同治四年）` -> `1865`), an interval's `/` read as `-`."""
    value = normalize(text)
    iso = _ISO_PART.match(value)
    return (iso.group() if iso else value).replace("/", "-")


def normalized(field_name: str, value) -> str | tuple | None:
    """A field's value in the form that is compared; None for no value."""
    if value is None or value == [] or value == "":
        return None
    if field_name in LIST_FIELDS:
        return tuple(normalize_name(v) for v in value)
    if field_name == "edition":
        return normalize_edition(value)
    if field_name == "volume":
        return normalize_volume(value)
    if field_name in ("pub_date", "accessed_date"):
        return normalize_date(value)
    if field_name == "year":
        return str(value)
    return normalize(value) or None


# ---------------------------------------------------------------- truth from BibTeX

def _is_script(text: str) -> bool:
    return bool(re.search(rf"[{_SCRIPT}]", text))


def gbt_name(bibtex_name: str) -> str:
    """`Last, Jr, First` / `Last, First` / `{Corporate}` -> the name as GB/T 7714 prints it."""
    name = bibtex_name.strip()
    if name.startswith("{") and name.endswith("}"):
        return name[1:-1]
    parts = [p.strip() for p in _split_top_level(name, ",")]
    if len(parts) == 1:
        return parts[0]
    last, suffix, given = (parts[0], parts[1], parts[2]) if len(parts) == 3 else (parts[0], "", parts[1])
    if _is_script(last):
        return last + given if _is_script(given) else last
    initials = " ".join("-".join(piece[0] for piece in word.split("-") if piece)
                        for word in given.replace(".", ". ").split())
    return f"{last} {initials}".strip() + (f", {suffix.rstrip('.')}" if suffix else "")


def _split_top_level(text: str, separator: str) -> list[str]:
    """`text` split at `separator` (a regex) outside TeX braces."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        depth += (text[i] == "{") - (text[i] == "}")
        match = re.compile(separator).match(text, i) if depth == 0 else None
        if match and match.end() > i:
            parts.append(text[start:i])
            start = i = match.end()
        else:
            i += 1
    return parts + [text[start:]]


def gbt_names(value: str | None) -> list[str] | None:
    if not value:
        return None
    names = [gbt_name(n) for n in _split_top_level(value.strip(), r"\s+and\s+")]
    return names[:PRINTED_NAMES]


def _first(fields: dict, *names: str) -> str | None:
    return next((fields[n] for n in names if fields.get(n)), None)


def truth_of(record: dict) -> dict:
    """The BibTeX record of one example -> its truth per scored column (None: no value)."""
    f = record["fields"]
    kind = f.get("entrytype")
    authors = f.get("holder") if kind == "patent" else f.get("author")
    if not authors and kind in MAIN_RESPONSIBILITY_EDITOR:
        authors = f.get("editor")
    doc_type = ENTRY_TYPE_CODES.get(kind)
    if kind == "article" and f.get("entrysubtype") == "newspaper":
        doc_type = "N"
    publisher = _first(f, "publisher", "institution", "school") or (
        f.get("archiveprefix") if kind == "preprint" else None)
    year_source = f.get("year") or f.get("date") or ""
    year = re.match(r"\d{4}", year_source)
    return {
        "authors": gbt_names(authors),
        "title": f.get("title"),
        "doc_type": doc_type,
        "container": _first(f, "journal", "booktitle", "eventtitle", "series"),
        "place": f.get("address"),
        "publisher": publisher,
        "year": year.group() if year else None,
        "pub_date": f.get("date") or f.get("year"),
        "volume": f.get("volume"),
        "issue": f.get("number") if kind in ISSUE_NUMBER else None,
        "doc_number": f.get("number") if kind not in ISSUE_NUMBER else None,
        "pages": f.get("pages") or f.get("eid"),
        "edition": f.get("edition") or f.get("version"),
        "translators": gbt_names(f.get("translator")),
        "editors": gbt_names(f.get("editor")) if kind in HOST_EDITOR else None,
        "accessed_date": f.get("urldate"),
        "url": f.get("url"),
        "doi": f.get("doi"),
    }


def _printed(field_name: str, value, formatted: str, names: list[str] | None = None) -> bool:
    """True when the (normalized) truth value can be read in the formatted entry (`names`: a list field as printed)."""
    if field_name == "doc_type":
        return True
    text = normalize(formatted)
    if field_name in LIST_FIELDS:  # a name stands between list punctuation: `ISO` is no name in `ISO 21378:2019`
        return all(re.search(rf"(?:^|[,.;:/]){re.escape(normalize(n))}(?=[,.;\[]|et al|等|$)", text) for n in names)
    if field_name == "edition":
        return normalize_edition(value) in text or normalize(value) in text
    if field_name == "volume":
        return normalize_volume(value) in text
    if field_name in ("pub_date", "accessed_date"):
        return normalize_date(value) in text.replace("/", "-")
    return bool(re.search(rf"(?<![a-z0-9]){re.escape(value)}(?![a-z0-9])", text))


def scored_truth(record: dict) -> tuple[dict, set[str]]:
    """Truth normalized, restricted to printed values; and the fields whose truth is not printed."""
    truth, unprinted = {}, set()
    raw = truth_of(record)
    for name in SCORED_FIELDS:
        value = normalized(name, raw[name])
        if name == "doc_type" and value is None:
            unprinted.add(name)  # image, video: the style prints [Z] or [EB] by the presence of a URL
        if value is None:
            continue
        if name == "pub_date" and not _printed(name, value, record["formatted"]) and raw["year"]:
            value = raw["year"]  # a full date the style prints as the year only
        if _printed(name, value, record["formatted"], raw[name] if name in LIST_FIELDS else None):
            truth[name] = value
        else:
            unprinted.add(name)
    return truth, unprinted


# ---------------------------------------------------------------- scoring

@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @classmethod
    def of_field(cls, expected, predicted, unprinted: bool) -> Counts:
        """One field of one entry: right (tp), missed (fn), or a value where none is right (fp). A value
        for a field the style does not print is no false positive: the record cannot say it is wrong."""
        if expected is not None and predicted == expected:
            return cls(tp=1)
        return cls(fn=int(expected is not None), fp=int(predicted is not None and not (expected is None and unprinted)))


@dataclass
class Evaluation:
    overall: Counts = field(default_factory=Counts)
    per_field: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    per_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    entries: int = 0
    entries_exact: int = 0
    unprinted: int = 0
    errors: list[tuple[str, str, object, object]] = field(default_factory=list)

    def table(self) -> str:
        lines = [f"GB/T 7714-2025 examples: {self.entries} entries, {self.entries_exact} fully right "
                 f"({self.entries_exact / max(self.entries, 1):.0%}); {self.unprinted} truth values not printed, "
                 "not scored", "", _row("overall", self.overall), "", "per field:"]
        lines += [_row(name, self.per_field[name]) for name in SCORED_FIELDS if name in self.per_field]
        lines += ["", "per entry type:"]
        lines += [_row(name, counts) for name, counts in sorted(self.per_type.items())]
        return "\n".join(lines)


def _row(name: str, c: Counts) -> str:
    return f"  {name:<14} P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}   (tp {c.tp}, fp {c.fp}, fn {c.fn})"


def load_pairs(path: Path = PAIRS) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [r for r in map(json.loads, handle) if not r.get("fragment")]


def evaluate(records: list[dict], parse) -> Evaluation:
    result = Evaluation()
    for record in records:
        truth, unprinted = scored_truth(record)
        parsed = parse(record["formatted"])
        kind = record["fields"].get("entrytype", "?")
        exact = True
        for name in SCORED_FIELDS:
            predicted = normalized(name, parsed.get(name))
            expected = truth.get(name)
            counts = Counts.of_field(expected, predicted, name in unprinted)
            if counts.fp or counts.fn:
                exact = False
                result.errors.append((record["key"], name, expected, predicted))
            result.overall.add(counts)
            result.per_field[name].add(counts)
            result.per_type[kind].add(counts)
        result.entries += 1
        result.entries_exact += exact
        result.unprinted += len(unprinted)
    return result


def main(argv: list[str]) -> int:
    from extract.references import parse_reference

    paths = [a for a in argv[1:] if not a.startswith("-")]
    result = evaluate(load_pairs(Path(paths[0]) if paths else PAIRS), parse_reference)
    print(result.table())
    if "-v" in argv:
        print("\nerrors (key, field, truth, predicted):")
        for error in result.errors:
            print("  ", *error)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
