"""Entries in no style's order, read when the style readers leave them failed or partial (see `entry`):

    smoltcp rs. 2023. smoltcp. https://github.com/smoltcp-rs/smoltcp          (ACM: names. year. title.)
    Deep learning face space. Zhu Z,Luo P,Wang X,et al. 2013 IEEE Conference on Computer Vision . 2013
                                                                             (title. names. host. year)
    姜戈，机器学习简史，http://www.jianshu.com/p/91c00afdc0a1 (accesed 2017/5)     (names, title, URL (accessed))
    Rodolphe Jenatton, Nicolas L. Roux, Advances in Neural Information Processing Systems 25 (NIPS 2012),
        A latent factor model for highly multi-relational data                (names, venue, title)

Each reader takes the whole entry or nothing; what it reads is told by the same forms the style readers use
(names by `infer.looks_like_names`, a venue by its words).
"""

from __future__ import annotations

import re

from .infer import looks_like_names
from .names import split_names
from .patterns import JOURNAL_WORD, YEAR

_MEETING_WORD = re.compile(
    r"\b(?:Conference|Proceedings|Proc\.|Symposium|Workshop|Congress|Meeting)\b|会议|研讨会|年会", re.IGNORECASE)
_VENUE = re.compile(rf"{_MEETING_WORD.pattern}|{JOURNAL_WORD.pattern}|\bAdvances\s+in\b|\([A-Z][A-Za-z]+\s+{YEAR}\)",
                    re.IGNORECASE)
# ACM's reference format: `Names. Year. Title. [In Host.]` (the URL already read)
_NAMES_YEAR_TITLE = re.compile(
    rf"\s*(?P<names>[^.\d]{{1,120}}?)\.\s+(?P<year>{YEAR})[a-z]?\.\s+(?P<title>[^.]+?)\.?"
    rf"(?:\s+In\s+(?P<host>[^.]+?)\.?)?[\s.]*")
# `Title. Names. Host . Year`: a title printed before its names
_TITLE_NAMES = re.compile(
    rf"\s*(?P<title>[^.]+?)\.\s+(?P<names>[^.]+?)\.\s+(?P<host>[^.]+?)\s*\.\s*(?P<year>{YEAR})[\s.]*")
# `姓名，题名，URL (accessed 2017/5)` (the URL already read and blanked)
_NAMES_TITLE_WEB = re.compile(
    r"\s*(?P<names>[^,，.。()]{1,40}?)\s*[,，]\s*(?P<title>[^,，()]+?)\s*[,，]?\s*"
    r"(?:\(\s*acc?ess?ed\s*:?\s*(?P<y>\d{4})[/\-.](?P<m>\d{1,2})(?:[/\-.](?P<d>\d{1,2}))?\s*\))?[\s.。]*")
_FULL_NAME = re.compile(r"[A-Z][a-z]+(?:\s+[A-Z]\.?)*(?:\s+[A-Z][a-z'\-]+)+")
_HANDLE = re.compile(r"[\u3400-\u9fff·]{2,4}|[A-Za-z][\w.\-]{1,30}")


def read_loose(entry, fields: dict) -> bool:
    """Fields of an entry in one of the orders of the module docstring; False, with nothing taken, when none fits."""
    for reader in (_names_year_title, _title_names, _names_title_web, _names_venue_title):
        if reader(entry, fields):
            entry.take(0, len(entry.text))
            return True
    return False


def _value(entry, match: re.Match, group: str) -> str | None:
    return entry.printed[match.start(group):match.end(group)].strip() if match[group] else None


def _names_year_title(entry, fields: dict) -> bool:
    match = _NAMES_YEAR_TITLE.fullmatch(entry.text)
    if not match or looks_like_names(match["title"]):
        return False
    names = [n.strip() for n in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", _value(entry, match, "names") or "") if n]
    if not names or any(len(n) > 40 for n in names):
        return False
    host = _value(entry, match, "host")
    fields.update(authors=names, year=int(match["year"]), pub_date=match["year"], title=_value(entry, match, "title"),
                  container=host, doc_type=_host_type(host) if host else ("EB" if fields["url"] else "M"))
    return True


def _title_names(entry, fields: dict) -> bool:
    match = _TITLE_NAMES.fullmatch(entry.text)
    if not match or not looks_like_names(match["names"]) or looks_like_names(match["title"]):
        return False
    host = _value(entry, match, "host")
    fields.update(title=_value(entry, match, "title"), authors=split_names(_value(entry, match, "names") or ""),
                  container=host, year=int(match["year"]), pub_date=match["year"], doc_type=_host_type(host))
    return True


def _names_title_web(entry, fields: dict) -> bool:
    match = _NAMES_TITLE_WEB.fullmatch(entry.text)
    if not (match and fields["url"] and _HANDLE.fullmatch(match["names"].strip())):
        return False
    fields.update(authors=[_value(entry, match, "names")], title=_value(entry, match, "title"), doc_type="EB")
    if match["y"]:
        fields["accessed_date"] = "-".join([match["y"], f"{int(match['m']):02d}"]
                                           + ([f"{int(match['d']):02d}"] if match["d"] else []))
    return True


def _names_venue_title(entry, fields: dict) -> bool:
    """`Full Name, Full Name, Venue, Title`: full names, then a venue and a title in either order."""
    parts = [p.strip() for p in entry.text.strip(" .").split(",")]
    count = 0
    while count < len(parts) and _FULL_NAME.fullmatch(parts[count]):
        count += 1
    rest = parts[count:]
    if count == 0 or len(rest) != 2 or sum(bool(_VENUE.search(p)) for p in rest) != 1:
        return False
    venue, title = rest if _VENUE.search(rest[0]) else rest[::-1]
    fields.update(authors=[entry.as_printed(p) for p in parts[:count]], container=entry.as_printed(venue),
                  title=entry.as_printed(title), doc_type=_host_type(venue))
    return True


def _host_type(host: str | None) -> str:
    return "C" if host and _MEETING_WORD.search(host) else "J"
