"""Names of the people and bodies responsible for an entry: where the list ends, how it splits.

GB/T 7714 writes a name list before the title, closed by a period: Chinese names
(`袁训来，陈哲，肖书海，等`), Western names surname first with initials
(`DES MARAIS D J`, `Peebles P Z，Jr`), corporate names (`Online Computer Library
Center，Inc.`, `U.S. Department of State`). Other styles write `Surname, Given`
pairs (`Smith, J. A., Jones, K.`) or `A and B`. A name list never holds brackets or
quotes; a name is not longer than `ReferenceSettings.longest_name`.
"""

from __future__ import annotations

import re

from .settings import DEFAULT_SETTINGS, ReferenceSettings

_SEPARATOR = re.compile(r"\s*[,，;；、]\s*")
_AND = re.compile(r"\s+(?:and|&)\s+|\s*&\s*")
_LEADING_AND = re.compile(r"^\s*(?:and|&)\s+(?=[A-Z])")
_ET_AL = re.compile(r"(?:等人?|et\.?\s*al\.?|and others|\(?eds?\.?\)?|主编|編|编)", re.IGNORECASE)
TRAILING_ET_AL = re.compile(r"\s*(?:[,，]\s*)?(?:等人?|et\.?\s*al\.?|and others)$", re.IGNORECASE)
# Printed where no author is known: no author's name.
ANONYMOUS = re.compile(r"佚名|无名氏|無名氏|Anon\.?|Anonymous", re.IGNORECASE)
_NOT_IN_NAMES = re.compile(r"[\[\]“”\"<>]")
_BOOK_TITLE_MARKS = re.compile(r"[《》]")
# `《环球科学》杂志社`: a body named after its periodical ends in a word for the body.
_BODY_AFTER_TITLE = re.compile(r"》[^《》]*[社部会會所组組室局院馆館处處厅廳司]$")
_SUFFIX = re.compile(r"(?:Jr|Sr|II|III|IV|2nd|3rd)\.?", re.IGNORECASE)
_CORPORATE_SUFFIX = re.compile(r"(?:Inc|Ltd|Co|Corp|LLC|LLP|PLC|GmbH|AG|S\.\s?A|Pty\.?\s+Ltd)\.?", re.IGNORECASE)
_INITIALS = re.compile(r"(?:[A-Z\u0400-\u042f](?:[.]|\b)\s*-?\s*)+")
_SINGLE_WORD = re.compile(r"[A-Z\u00c0-\u00de\u0400-\u042f][\w'\-]*")
_PERSONAL_NAME = re.compile(r"[A-Z\u00c0-\u00de][\w'\-]*(?:\s+[A-Z\u00c0-\u00de][\w'\-.]*)*")
_PERIOD = re.compile(r"\.")
_MORE_INITIALS = re.compile(r"\s*(?:[A-Z]\.|,)")
_DOTTED_ABBREVIATION = re.compile(r"\s*(?:[A-Z]\.)+[A-Z]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+")


_GIVEN_AND_INITIAL = re.compile(r"(?:^|[,，]\s*)[A-Z][a-z]+\s+[A-Z]$")  # `John H` before the period
# a list of names written initials first (`X. F. Liu, …`), and a name's initials before the period
_INITIALS_FIRST = re.compile(r"\s*(?:[A-Z]\.\s*-?\s*)+[A-Z][a-z'\-]+\s*[,，.]")
_INITIALS_OF_A_NAME = re.compile(r"(?:^|[,，]\s*(?:(?:and|&)\s+)?)(?:[A-Z]\.\s*-?\s*)*[A-Z]$")
# a name's initials right after a comma (`Li S., L. Huang`): no surname is printed initials-only
_INITIALS_AFTER_COMMA = re.compile(r"[,，]\s*(?:(?:and|&)\s+)?(?:[A-Z]\.\s*-?\s*)*[A-Z]$")
_INITIALLED_SURNAME = re.compile(r"\s+[A-Z][a-z'\-]+\s*(?:[,，]\s*et\.?\s+al\b|[,，]\s*(?:and|&)\s+(?=[A-Z])"
                                 r"|[,，.](?!\s*[a-z]))")
_SURNAME_CLOSED = re.compile(r"\s+[A-Z][a-z'\-]+\s*[,，.](?!\s*[a-z])")  # ` Mathews,` after it


def author_stop(text: str, start: int, end: int, settings: ReferenceSettings = DEFAULT_SETTINGS) -> int | None:
    """Index of the period closing the name list in text[start:end], or None when there is none."""
    for match in _PERIOD.finditer(text, start, end):
        i = match.start()
        before, after = text[start:i], text[i + 1:end]
        if before[-1:].isdigit() and after[:1].isdigit():
            continue
        if _MORE_INITIALS.match(after) or _DOTTED_ABBREVIATION.fullmatch(before):  # "SMITH J.A.," "U.S."
            continue
        if _GIVEN_AND_INITIAL.search(before) and _SURNAME_CLOSED.match(after):  # "John H. Mathews, Kurtis D. Fink."
            continue
        if (_INITIALS_FIRST.match(text, start) or _INITIALS_AFTER_COMMA.search(before)) \
                and _INITIALS_OF_A_NAME.search(before) and _INITIALLED_SURNAME.match(after):
            continue  # "X. F. Liu, B. Z. Wang, W. Shao, et al.", "M. Clerc.", "Li S., L. Huang": initials, surname
        if not after.strip() or not plausible_names(before, settings):
            return None
        return i
    return None


def plausible_names(text: str, settings: ReferenceSettings = DEFAULT_SETTINGS) -> bool:
    """True when `text` can be a list of names (no brackets or quotes, no over-long part)."""
    text = text.strip()
    if not text or _NOT_IN_NAMES.search(text):
        return False
    if _BOOK_TITLE_MARKS.search(text) and not _BODY_AFTER_TITLE.search(text):
        return False
    parts = [p for p in _SEPARATOR.split(text) if p]
    return bool(parts) and all(
        len(p) <= settings.longest_name and len(_LATIN_WORD.findall(p)) <= settings.longest_name_words
        for p in parts)


def split_names(text: str) -> list[str]:
    """A name list as printed -> one string per name; 等 / et al. dropped, suffixes kept with their name."""
    parts = [p for p in _SEPARATOR.split(text.strip()) if p]
    names: list[str] = []
    for part in parts:
        part = _LEADING_AND.sub("", TRAILING_ET_AL.sub("", part)).strip()  # `…, and G. Zhou`: the serial comma
        if not part or _ET_AL.fullmatch(part) or ANONYMOUS.fullmatch(part):
            continue
        if names and (_SUFFIX.fullmatch(part) or _CORPORATE_SUFFIX.fullmatch(part)):
            names[-1] = f"{names[-1]}, {part}"
            continue
        names.extend(_split_and(part))
    return _pair_surname_given(names)


def _split_and(part: str) -> list[str]:
    """`Smith J and Jones K` -> two names; `Institute for Art and Architecture` stays one."""
    pieces = [p for p in _AND.split(part) if p]
    if len(pieces) > 1 and all(_PERSONAL_NAME.fullmatch(p) for p in pieces):
        return pieces
    return [part]


def _pair_surname_given(names: list[str]) -> list[str]:
    """`Smith`, `J. A.`, `Jones`, `K.` (a `Surname, Given` list split at its commas) -> `Smith J. A.`, `Jones K.`."""
    if len(names) < 2 or len(names) % 2:
        return names
    surnames, givens = names[0::2], names[1::2]
    if all(_SINGLE_WORD.fullmatch(s) and not _INITIALS.fullmatch(s) for s in surnames) and all(
            _INITIALS.fullmatch(g) for g in givens):
        return [f"{s} {g}" for s, g in zip(surnames, givens)]
    return names
