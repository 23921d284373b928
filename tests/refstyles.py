"""Field-level evaluation of `parse_reference` on one set of records printed in four journal styles.

Truth: `../shared/realworld/references/<style>.jsonl` (see its README.md): the same 141 CSL records
printed by citeproc-js as IEEE (bilingual), 心理学报 (APA 7), 计算机学报 (numeric, no type codes) and
GB/T 7714-2015 author-year. `formatted` is the entry as printed (label removed), `fields` the record's
values, `unprinted` the fields the print leaves out (never scored: a parser cannot recover them).

How the record's fields map onto the `references` columns (FIELD_COLUMNS): authors, editors, title,
container, year, volume, issue, edition, pages, publisher, place, url, doi and accessed_date to the
column of that name; `number` (a standard's, patent's, report's number) to `doc_number`. The type:
only the GB/T style prints it (`printed_type_code`, its part before `/` against `doc_type`); in the
other styles the type is inferred from the shape and its agreement with the record's CSL type is
reported (TYPE_OF_CSL), not scored.

Comparison, after `refeval.normalize` on both sides (NFKC, dashes, case, spaces) and quotes removed:
- names: a Han-script name as printed; a Latin name as its multi-letter words (the family name) and
  the initials of the rest, so `A. A. Myburg`, `Myburg A A`, `MYBURG A A` and `Myburg, A. A.` all match
  the record's `Myburg Alexander A.`; an entry truncated by 等 / et al. / … is compared with the
  record's first names, as many as were read (at least one, at most the names printed); an APA entry
  truncated by `…` with the record's first names and its last one.
- an edited work with no author prints its editors where authors stand: read as authors, they are
  scored as the editors.
- a suffix (`Jr`) and a particle (`van der`) are no part of the compared name;
- an article's number (CSL `number` of an article-journal without `page`) is printed where pages go:
  compared with `pages`;
- year: the four digits; volume drops `卷`/`vol.`; edition drops `版`/`ed.`; dates by their ISO part.

The record's CSL variables the file's `fields` leave out, though the styles print them in a column's place, are
added as `refeval` maps the GB/T examples' BibTeX (RECORD_EXTRAS): a conference paper's `event-title` (no
`container-title`) is its container and its `event-place` (no `publisher-place`) its place, a host's `container-author` (no `editor`) its editors, a film's `director`
(no `author`) its authors, an archive (`archive`, `archive-place`, `archive_location`) publisher, place and
number. Printed: a value found in `formatted` only inside another printed value (`北京` inside
`纪念北京大学…论文集`, a page inside a URL) is not printed. A year the record lacks is not scored when the
print supplies it in brackets (`[2025]`, the style's stand-in for a missing date) or as the end of the
record's number (`ISO/IEC 80079-20-2:2016`). A number's `～` reads as `-`.

Scores as in `refeval`: a predicted value equal to the printed truth is a true positive; a predicted
value that differs, or that has no truth (unless the truth exists but is unprinted), a false positive;
a printed truth value not predicted (or wrong) a false negative. Micro-averaged per style and field.

Run as a script: `PYTHONPATH=. .venv/bin/python tests/refstyles.py [-v] [STYLE]` prints the tables.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field

from tests.conftest import REALWORLD
from tests.refeval import Counts, _row, normalize, normalize_date, normalize_edition, normalize_volume

STYLE_DIR = REALWORLD / "references"
STYLES = ("ieee-bilingual", "apa-acta-psychologica", "cjc", "gbt7714-2015-author-year")

FIELD_COLUMNS = {
    "authors": "authors", "editors": "editors", "title": "title", "container": "container", "year": "year",
    "volume": "volume", "issue": "issue", "edition": "edition", "number": "doc_number", "pages": "pages",
    "publisher": "publisher", "place": "place", "url": "url", "doi": "doi", "accessed_date": "accessed_date",
}
SCORED = tuple(FIELD_COLUMNS) + ("type",)
TYPE_OF_CSL = {
    "book": "M", "chapter": "M", "article-journal": "J", "periodical": "J", "article-newspaper": "N",
    "paper-conference": "C", "thesis": "D", "report": "R", "standard": "S", "patent": "P", "webpage": "EB",
    "dataset": "DS", "article": "PP", "map": "CM", "personal_communication": "A",
}
_TRUNCATED = re.compile(r"等|et al\.?|…|\.\.\.", re.IGNORECASE)
_HAN = re.compile(r"[\u3400-\u9fff]")
_NAME_PARTICLES = frozenset({"jr", "sr", "ii", "iii", "van", "der", "von", "de", "la", "le", "du", "den"})
_QUOTES = re.compile(r"[\"“”‘’'《》]")


def _name_key(name: str) -> tuple:
    text = normalize(name).replace(".", " ").replace(",", " ").replace("-", " ")
    if _HAN.search(text):
        return ("han", text.replace(" ", ""))
    words = [w for w in text.split() if w not in _NAME_PARTICLES]
    return ("latin", tuple(sorted(w for w in words if len(w) > 1)), tuple(sorted(w[0] for w in words if len(w) == 1)))


def _truth_name_key(author: dict | str) -> tuple:
    if isinstance(author, str) or "literal" in author or "family" not in author:
        literal = author if isinstance(author, str) else author.get("literal", "")
        return _name_key(literal)
    family, given = author.get("family", ""), author.get("given", "")
    if _HAN.search(family):
        return ("han", normalize(family + given).replace(" ", ""))
    words = [w for w in normalize(family).replace("-", " ").split() if w not in _NAME_PARTICLES]
    initials = [w[0] for w in normalize(given).replace(".", " ").replace("-", " ").split()]
    return ("latin", tuple(sorted(w for w in words if len(w) > 1)),
            tuple(sorted(initials)))


def _value(column: str, value) -> str | None:
    if value is None or value == "" or value == []:
        return None
    if column == "year":
        match = re.match(r"\d{4}", str(value))
        return match.group() if match else None
    if column == "volume":
        return normalize_volume(value) or None
    if column == "edition":
        return normalize_edition(value) or None
    if column == "accessed_date":
        return normalize_date(value) or None
    if column == "doc_number":
        value = str(value).replace("～", "-").replace("~", "-")
    return _QUOTES.sub("", normalize(value)).strip(" .,;:") or None


def _names(predicted: list[str], record: dict, key: str) -> tuple[tuple | None, tuple | None]:
    """(truth, prediction) of a name list, the truth cut to the printed prefix of a truncated entry."""
    truth = [_truth_name_key(a) for a in record["csl_json"].get("author" if key == "authors" else "editor", [])]
    pred = tuple(_name_key(n) for n in predicted)
    if truth and len(pred) < len(truth) and "…" in record["formatted"] and len(pred) > 1:
        truth = truth[:len(pred) - 1] + truth[-1:]  # APA: the first names, `…`, the last one
    elif truth and len(pred) < len(truth) and _TRUNCATED.search(record["formatted"]):
        truth = truth[:max(len(pred), 1)]
    return (tuple(truth) or None), (pred or None)


@dataclass
class StyleEvaluation:
    style: str
    overall: Counts = field(default_factory=Counts)
    per_field: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    entries: int = 0
    exact: int = 0
    types_right: int = 0
    types_scored: int = 0
    not_right_unflagged: int = 0
    errors: list[tuple] = field(default_factory=list)

    def table(self) -> str:
        lines = [f"{self.style}: {self.entries} entries, {self.exact} fully right; "
                 f"{self.not_right_unflagged} not fully right with parse_status ok; "
                 f"type inferred right {self.types_right}/{self.types_scored}", _row("overall", self.overall)]
        lines += [_row(name, self.per_field[name]) for name in SCORED if name in self.per_field]
        return "\n".join(lines)


def load_style(style: str) -> list[dict]:
    with open(STYLE_DIR / f"{style}.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


# (CSL variable, field it fills when the record has no value for it, the CSL types it applies to or None for all)
RECORD_EXTRAS = (
    ("event-title", "container", {"paper-conference"}),
    ("event-place", "place", {"paper-conference"}),
    ("container-author", "editors", None),
    ("director", "authors", None),
    ("archive", "publisher", None),
    ("archive-place", "place", None),
    ("archive_location", "number", None),
)
_NOT_FOUND_AS_IS = frozenset({"type", "year", "accessed_date", "doi", "url"})
_NOTE_LINE = re.compile(r"^(?P<key>[\w-]+):\s*(?P<value>.+)$", re.MULTILINE)


def _loose(text: str) -> str:
    return re.sub(r"[\s\"“”‘’'《》]", "", normalize(str(text).replace("～", "-")))


def _record_fields(record: dict) -> tuple[dict, dict, set]:
    """The record's fields with RECORD_EXTRAS added, its CSL record (names added likewise), and the unprinted set."""
    fields, csl = dict(record["fields"]), dict(record["csl_json"])
    note = {m["key"]: m["value"].strip() for m in _NOTE_LINE.finditer(csl.get("note", ""))}
    unprinted = set(record["unprinted"])
    for variable, name, types in RECORD_EXTRAS:
        value = csl.get(variable) or note.get(variable)
        if not value or (types and fields.get("type") not in types) or fields.get(name):
            continue
        if name in ("authors", "editors"):
            if csl.get("author" if name == "authors" else "editor"):
                continue
            csl["author" if name == "authors" else "editor"] = value
            fields[name] = [a.get("literal") or f"{a.get('family', '')} {a.get('given', '')}".strip() for a in value]
            printed = all(_loose(n) in _loose(record["formatted"]) for n in fields[name])
        else:
            fields[name] = value
            printed = _loose(value) in _loose(record["formatted"])
        if not printed:
            unprinted.add(name)
    formatted = _loose(record["formatted"])
    for name, value in fields.items():  # printed only inside another printed value (or not at all): not printed
        if name in unprinted or name in _NOT_FOUND_AS_IS or not value:
            continue
        if isinstance(value, list) and not all(_HAN.search(v) for v in value):
            continue  # Latin names print in other forms (initials, capitals)
        keys = [_loose(v) for v in (value if isinstance(value, list) else [value])]
        if isinstance(value, list):  # a truncated list prints its first names only
            keys = [k for k in keys if k in formatted] or keys
        others = {_loose(v) for n, v in fields.items() if n not in (name, "type") and n not in unprinted
                  and isinstance(v, str) and any(k in _loose(v) and _loose(v) != k for k in keys)}
        rest = formatted
        for other in sorted(others, key=len, reverse=True):
            rest = rest.replace(other, " ")
        if name != "authors":  # the authors' names, once each (`马克思, … 收入 马克思恩格斯全集`: no editor printed)
            for author in fields.get("authors") or []:
                rest = rest.replace(_loose(author), " ", 1)
        if not all(k in rest for k in keys):
            unprinted.add(name)
    return fields, csl, unprinted


def _supplied_year(record: dict, fields: dict, predicted) -> bool:
    """A year the record lacks that the print supplies: in brackets, or as the end of the record's number."""
    if fields.get("year") or predicted is None:
        return False
    year = str(predicted)
    return bool(re.search(rf"\[{year}[a-z]?\]", record["formatted"])
                or re.search(rf"{year}(?:\([a-z]{{2}}\))?$", str(fields.get("number") or "")))


def evaluate_style(style: str, parse) -> StyleEvaluation:
    result = StyleEvaluation(style)
    for record in load_style(style):
        parsed = parse(record["formatted"])
        truth_fields, csl, unprinted = _record_fields(record)
        if _supplied_year(record, truth_fields, parsed.get("year")):
            unprinted.add("year")
        record = {**record, "fields": truth_fields, "csl_json": csl}
        exact = True
        pairs: dict[str, tuple] = {}
        authors_truth, authors_pred = _names(parsed.get("authors") or [], record, "authors")
        editors_truth, editors_pred = _names(parsed.get("editors") or [], record, "editors")
        if not authors_truth and editors_truth and not editors_pred:  # editors printed where authors stand
            editors_truth, editors_pred = _names(parsed.get("authors") or [], record, "editors")
            authors_pred = None
        pairs["authors"] = (authors_truth, authors_pred)
        pairs["editors"] = (editors_truth, editors_pred)
        if truth_fields.get("type") == "article-journal" and "number" in truth_fields and "pages" not in truth_fields:
            truth_fields = {**truth_fields, "pages": truth_fields["number"]}  # an article number where pages go
            truth_fields.pop("number")
        for name, column in FIELD_COLUMNS.items():
            if name not in pairs:
                pairs[name] = (_value(column, truth_fields.get(name)), _value(column, parsed.get(column)))
        code = record.get("printed_type_code")
        if code:
            pairs["type"] = (code.split("/")[0].upper(), parsed.get("doc_type"))
        else:
            expected = TYPE_OF_CSL.get(truth_fields.get("type", ""))
            if expected:
                result.types_scored += 1
                result.types_right += parsed.get("doc_type") == expected
        for name, (expected, predicted) in pairs.items():
            if name in unprinted:
                expected = None
            counts = Counts.of_field(expected, predicted, name in unprinted)
            if counts.fp or counts.fn:
                exact = False
                result.errors.append((record["number"] or record["formatted"][:30], name, expected, predicted))
            result.overall.add(counts)
            result.per_field[name].add(counts)
        result.entries += 1
        result.exact += exact
        result.not_right_unflagged += (not exact) and parsed.get("parse_status") == "ok"
    return result


def main(argv: list[str]) -> int:
    from extract.references import parse_reference

    chosen = [a for a in argv[1:] if not a.startswith("-")] or list(STYLES)
    for style in chosen:
        result = evaluate_style(style, parse_reference)
        print(result.table())
        if "-v" in argv:
            for error in result.errors:
                print("   ", *error)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
