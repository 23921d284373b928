"""Entries in the biblatex default style (Typst and LaTeX defaults; also Zotero's exports):

    Adam Wierman and Bert Zwart. “Is Tail-Optimal Scheduling Possible?” In: Operations Research 60.5
        (Sept. 1, 2012), pp. 1249–1257. issn: 0030-364X. doi: 10.1287/opre.1120.1086. url: https://….
    Amy Ousterhout et al. “Shenango: …”. In: 16th USENIX Symposium … (NSDI 19). 2019, pp. 361–378. isbn: ….
    Dan Tsafrir. “The context-switch overhead …”. In: Proceedings of … ExpCS ’07. New York, NY, USA:
        Association for Computing Machinery, June 13, 2007, 4–es.

Names as written (given name first, `and` before the last, `et al.`), closed by a period; the title in
quotes; then elements closed by periods: `In:` and the host (a journal with `volume.issue (date)`), the
date with the pages, `place: publisher, date`, and labelled identifiers (`doi:`, `url:`, `isbn:`,
`issn:`). What no element takes is reported (`parse_issue`).
"""

from __future__ import annotations

import re

from .patterns import YEAR

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"(?:(?P<mon>{_MONTH})\s+(?:(?P<day>\d{{1,2}}),\s*)?)?(?P<year>{YEAR})"
_HEAD = re.compile(r"^\s*(?P<names>[^“”\"]{2,400}?)\.\s+[“\"](?P<title>[^”\"]+?)[.,]?[”\"]\s*\.?\s*")
_NAME = re.compile(r"(?:[A-Z\u00c0-\u00de][\w'’.\-]*\s+){1,3}(?:(?:van|der|de|von)\s+)*[A-Z\u00c0-\u00de][\w'’\-]+"
                   r"|(?:[A-Z]\.\s*-?)+\s*[A-Z][\w'’\-]+")
_NAME_JOIN = re.compile(r"\s*(?:,\s*and\s+|\s+and\s+|,\s*)\s*")
_ET_AL = re.compile(r"\s+et al\.?$")
# elements end at a period not after an initial, a month's abbreviation or `pp`/`no`/`vol`
_ELEMENT_END = re.compile(r"(?<![A-Z])(?<!\bSept)(?<!\b[A-Z][a-z]{2})(?<!\bpp)(?<!\bp)(?<!\bno)(?<!\bvol)\.(?:\s+|$)")
_HOST_JOURNAL = re.compile(r"^(?P<container>.+?)\s+(?P<volume>\d+)(?:\.(?P<issue>[\d\-–/]+))?\s*\((?P<date>[^()]+)\)"
                           r"(?:.*?,\s*pp?\.\s*(?P<pages>\S+))?$")
_DATED = re.compile(
    rf"^(?:(?P<place>[^:]+?):\s*(?P<publisher>[^:]+?),\s*)?{_DATE}(?:,\s*(?:pp?\.\s*)?(?P<pages>\S+))?$")
_PAGES = re.compile(r"^pp?\.\s*(?P<pages>\S+)$")
_IDENTIFIER = re.compile(r"^(?:isbn|issn|doi|url|urldate|eprint|arXiv)\s*:", re.IGNORECASE)
_SERIES = re.compile(r"^[A-Za-z][\w\-]*\s*[’']\d{2}(?:\W.*)?$|^(?:Number|Publisher|Conference Name|Section|ISSN)\s*:")


def looks_like_biblatex(text: str) -> bool:
    head = _HEAD.match(text)
    return bool(head and _names(head["names"]) is not None)


def _names(text: str) -> list[str] | None:
    text = _ET_AL.sub("", text.strip())
    parts = [p for p in _NAME_JOIN.split(text) if p]
    return parts if parts and all(_NAME.fullmatch(p) for p in parts) else None


def read_biblatex(entry, fields: dict) -> bool:
    """Fields of a biblatex-default entry (module docstring); False, with nothing taken, when it is not one."""
    head = _HEAD.match(entry.text)
    names = _names(head["names"]) if head else None
    if not head or names is None:
        return False
    fields["authors"] = [entry.as_printed(n) for n in names]
    fields["title"] = entry.printed[head.start("title"):head.end("title")].strip()
    rest = entry.text[head.end():].strip()
    unplaced = []
    elements = [e.strip() for e in _ELEMENT_END.split(rest) if e.strip(" .")]
    for element in elements:
        if not _element(element, fields):
            unplaced.append(element)
    if fields["container"] and fields["volume"]:
        fields["doc_type"] = "J"
    elif fields["container"]:
        fields["doc_type"] = "C"
    else:
        fields["doc_type"] = "EB" if fields["url"] else "M"
    for name in ("container", "place", "publisher", "volume", "issue", "pages"):
        if fields[name]:
            fields[name] = entry.as_printed(fields[name])
    if unplaced:
        fields["parse_issue"] = "not placed: " + " … ".join(entry.as_printed(u) for u in unplaced)
    entry.take(0, len(entry.text))
    return True


def _element(element: str, fields: dict) -> bool:
    if _IDENTIFIER.match(element) or _SERIES.match(element):
        pages = re.search(r",\s*pp?\.\s*(?P<pages>\S+)$", element)  # `Conference Name: …, pp. 1215–1227`
        fields["pages"] = fields["pages"] or (pages["pages"] if pages else None)
        return True  # identifiers were read before; a series' short name and Zotero's extra fields are no columns
    if element.startswith("In:") and not fields["container"]:
        host = element[3:].strip()
        journal = _HOST_JOURNAL.match(host)
        if journal:
            fields.update(container=journal["container"], volume=journal["volume"], issue=journal["issue"])
            fields["pages"] = fields["pages"] or journal["pages"]
            date = re.search(_DATE, journal["date"])
            if date:
                _date(date, fields)
        else:
            fields["container"] = host
        return True
    dated = _DATED.match(element)
    if dated:
        _date(dated, fields)
        fields["place"] = fields["place"] or dated["place"]
        fields["publisher"] = fields["publisher"] or dated["publisher"]
        fields["pages"] = fields["pages"] or dated["pages"]
        return True
    pages = _PAGES.match(element)
    if pages:
        fields["pages"] = fields["pages"] or pages["pages"]
        return True
    return False


def _date(match: re.Match, fields: dict) -> None:
    fields["year"] = int(match["year"])
    months = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    if match["mon"]:
        month = months.index(match["mon"][:3].lower()) + 1
        day = f"-{int(match['day']):02d}" if match["day"] else ""
        fields["pub_date"] = f"{match['year']}-{month:02d}{day}"
    else:
        fields["pub_date"] = match["year"]
