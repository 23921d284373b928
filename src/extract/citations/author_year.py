"""Author-year citations (GB/T 7714 著者-出版年制): `（易行健和周利，2018；张勋等，2020）`, `郭峰等（2020）`,
`(Smith, 2010a)`, `Li et al. (2020)`.

Unlike a numeric marker, an author-year citation is part of the sentence: it stays in
the text, and its citation row points at where it starts. It cites the reference
whose first author and year it names:

- a Chinese name is the first author's whole name (`易行健` for `易行健，周利. …`); before
  `等` or `（` the name's first character is not known (`本文参考了郭峰等`), so the two to
  four characters before are tried against the list's first authors;
- a Latin name is the first author's surname (`Li` for `Li J, Wu Y, …`), any case;
- the year is the reference's year; a letter after it (`2010a`) picks among the
  author's references of that year: the one printing `2010a`, else the first, second …
  in list order.

A citation is recorded only when it names exactly one reference. A parenthesized
author-and-year that names none (`(Smith, 2010)` without a Smith 2010 in the list) is
flagged `citation_unresolved`; an unmatched `名字（2020）` in running text is not, as
it may be no citation at all. Papers whose text has numeric markers cite by number:
their author-year shapes are not read (`records.add_citations`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..references.names import TRAILING_ET_AL
from ..text import HAN

YEAR = r"(?:1[5-9]|20)\d{2}[a-z]?"
_HAN_NAMES = rf"[{HAN}]{{2,4}}(?:[和与、及][{HAN}]{{2,4}})?(?:等人|等)?"
_SURNAME = r"(?<![A-Za-z])[A-Z][a-z]+(?:[-'’][A-Za-z][a-z]+)*"  # `Smith`, `Li`, `O'Brien`: not `GDP`
_LATIN_NAMES = (rf"{_SURNAME}(?:(?:\s*,\s*|\s+)(?:and|&)\s+{_SURNAME}|\s+et\s+al\.?|\s*等)?")
_NAMES = rf"(?:{_LATIN_NAMES}|{_HAN_NAMES})"
_YEARS = rf"{YEAR}(?:\s*[,，、]\s*{YEAR})*"
_ITEM = rf"{_NAMES}\s*[,，]?\s*{_YEARS}"
PARENTHETICAL = re.compile(rf"[(（]\s*(?:见|参见|see\s+)?(?P<items>{_ITEM}(?:\s*[;；]\s*{_ITEM})*)\s*[)）]")
NARRATIVE = re.compile(rf"(?P<names>{_NAMES})\s*[(（]\s*(?P<years>{_YEARS})\s*[)）]")
_ITEM_RE = re.compile(rf"(?P<names>{_NAMES})\s*[,，]?\s*(?P<years>{_YEARS})")
_YEAR_RE = re.compile(r"(?P<year>\d{4})(?P<letter>[a-z]?)")
_SPLIT_NAMES = re.compile(r"\s*(?:[和与、及]|,?\s+and\s+|\s*&\s*)\s*")


@dataclass
class AuthorYear:
    """One author-and-year a citation names, where it stands in the text."""

    name: str  # first author's name (Chinese) or surname (Latin), as printed
    han: bool  # a Chinese name: its first character may be unknown (narrative form)
    year: int
    letter: str  # `a` of `2010a`, or ""
    marker: str  # the citation as printed (the whole parenthesis, or name and year)
    char_offset: int  # where the marker starts in the text
    parenthetical: bool


def find_author_year(text: str) -> list[AuthorYear]:
    """Every author-and-year citation shape in a normalized text, in order."""
    found: list[AuthorYear] = []
    taken: list[tuple[int, int]] = []
    for match in PARENTHETICAL.finditer(text):
        for item in _ITEM_RE.finditer(match.group("items")):
            found += _cites(item.group("names"), item.group("years"), match.group(), match.start(), True)
        taken.append(match.span())
    for match in NARRATIVE.finditer(text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        found += _cites(match.group("names"), match.group("years"), match.group(), match.start(), False)
    return sorted(found, key=lambda c: c.char_offset)


def _cites(names: str, years: str, marker: str, offset: int, parenthetical: bool) -> list[AuthorYear]:
    first = _SPLIT_NAMES.split(TRAILING_ET_AL.sub("", names.strip()))[0].strip()
    han = bool(re.match(f"[{HAN}]", first))
    return [AuthorYear(first, han, int(m["year"]), m["letter"], marker, offset, parenthetical)
            for m in _YEAR_RE.finditer(years)]


def first_author_key(authors: list[str] | None) -> str | None:
    """What an author-year citation names of a reference: the first author's whole Chinese name, or the
    surname of a Latin one (lower case)."""
    if not authors:
        return None
    first = authors[0].strip()
    if re.match(f"[{HAN}]", first):
        return first
    surname = re.split(r"[\s,]+", first)[0]
    return surname.lower() or None


def resolve(citation: AuthorYear, references: list[dict]) -> int | None:
    """The ref_no of the one reference the citation names, or None."""
    same_year = [r for r in references if r.get("year") == citation.year]
    if citation.han:
        name = citation.name
        candidates = [name[-k:] for k in (2, 3, 4) if len(name) >= k]
        matches = [r for r in same_year if first_author_key(r.get("authors")) in candidates]
        if len({first_author_key(r.get("authors")) for r in matches}) > 1:
            return None  # two names fit the characters before it
    else:
        matches = [r for r in same_year if first_author_key(r.get("authors")) == citation.name.lower()]
    if not matches:
        return None
    if citation.letter:
        printed = [r for r in matches if re.search(rf"{citation.year}\s*{citation.letter}(?![a-z])", r["raw"])]
        if len(printed) == 1:
            return printed[0]["ref_no"]
        index = ord(citation.letter) - ord("a")
        return matches[index]["ref_no"] if index < len(matches) else None
    return matches[0]["ref_no"] if len(matches) == 1 else None
