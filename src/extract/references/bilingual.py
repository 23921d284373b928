"""An entry printed with its translation: one reference, read from the original-language part.

Chinese STEM journals print each Chinese reference followed by its English
translation (or the English with the Chinese in parentheses):

    张三, 李四. 题名[J]. 中国科学, 2019, 49(3): 1-10. ZHANG S, LI S. Title[J]. Scientia Sinica, 2019, 49(3): 1-10.
    Liu Jian, Gu Yang. Prediction of …. Acta Automatica Sinica, DOI: 10.16383/…
        (刘健, 顾扬. 基于…. 自动化学报, DOI: 10.16383/…)

The two parts are told apart by script: one holds Han characters, the other none.
Each part must stand as an entry of its own (a year, a DOI, a URL or a type code;
the second part opens with names and a title), and both must name the same DOI, or
the same year and most of the same numbers (a translation repeats the source's
volume, issue and pages). The part in Han script is the
original (a Chinese reference list translates Chinese items into English, never
the reverse); the other part is kept as the translation.
"""

from __future__ import annotations

import re
from collections import Counter

from .names import author_stop
from .patterns import DOI, HAN_RE, TYPE_CODE, URL, YEAR, strip_trailing_punctuation

_YEAR = re.compile(rf"(?<!\d){YEAR}")
_NUMBER = re.compile(r"\d+")
SAME_NUMBERS_SHARE = 0.75  # of the numbers of the part that prints more, found in the other
_LANGUAGE_NOTE = re.compile(r"\(\s*in\s+Chinese\s*\)[\s.]*", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.。](?!\d)\s*")
_STANDS_ALONE = re.compile(rf"(?<!\d){YEAR}|\bDOI\s*:|\[\s*[A-Z]{{1,2}}(?:\s*/\s*[A-Z]{{2}})?\s*\]", re.IGNORECASE)
_IDENTIFIER_START = re.compile(r"(?:https?://|www\.|doi\s*:|cstr\s*:|\[)", re.IGNORECASE)
_TRAILING_PARENS = re.compile(r"\(\s*(?P<inner>[^()]*(?:\([^()]*\)[^()]*)*)\)[\s.]*$")


def split_translation(text: str) -> tuple[str, str | None]:
    """`text` -> (the original-language part, its translation or None)."""
    folded = text.translate(str.maketrans("（）", "()"))
    parens = _TRAILING_PARENS.search(folded)
    if parens and parens.start() > 0:
        outside, inside = text[:parens.start()].strip(), text[parens.start("inner"):parens.end("inner")].strip()
        pair = _as_pair(outside, inside)
        if pair:
            return pair
    identifiers = [(m.start(), m.start() + len(strip_trailing_punctuation(m.group())))
                   for pattern in (URL, DOI) for m in pattern.finditer(text)]
    for note in _LANGUAGE_NOTE.finditer(text):  # `… 1-10 (in Chinese)刘健, 顾扬. …`: the original after the note
        left, right = text[:note.end()].strip(), text[note.end():].strip()
        pair = _as_pair(left, right) if right else None
        if pair:
            return pair
    for end in _SENTENCE_END.finditer(text):
        if any(a <= end.start() < b for a, b in identifiers):
            continue
        left, right = text[:end.end()].strip(), text[end.end():].strip()
        if right and not _IDENTIFIER_START.match(right):
            pair = _as_pair(left, right)
            if pair:
                return pair
    return text, None


def _as_pair(first: str, second: str) -> tuple[str, str] | None:
    """(original, translation) when the two parts are one entry in two scripts, else None."""
    han_first, han_second = bool(HAN_RE.search(_without_identifiers(first))), bool(
        HAN_RE.search(_without_identifiers(second)))
    if han_first == han_second:
        return None
    if not (_stands_alone(first) and _stands_alone(second)) or not _same_item(first, second):
        return None
    codes = [TYPE_CODE.search(part) for part in (first, second)]
    if bool(codes[0]) != bool(codes[1]):
        return None
    if codes[0] and codes[1] and (codes[0]["doc_type"] or "").upper() != (codes[1]["doc_type"] or "").upper():
        return None  # `[J]` is no translation of `[M]`
    if author_stop(second.translate(str.maketrans("。．", "..")), 0, len(second)) is None:
        return None
    original, translation = (first, second) if han_first else (second, first)
    return original, translation.rstrip(" ")


def _same_item(first: str, second: str) -> bool:
    """Both parts name the same DOI, or the same year and the same numbers (a translation repeats the source's
    volume, issue and pages: `2020, 55(8): 4-19` is no translation of `2020, 86: 317-326`, two entries of one
    year printed one after the other in a list without numbers)."""
    dois = {m["doi"].rstrip(".") for m in DOI.finditer(first)} & {m["doi"].rstrip(".") for m in DOI.finditer(second)}
    if dois:
        return True
    if not set(_YEAR.findall(first)) & set(_YEAR.findall(second)):
        return False
    numbers = [Counter(_NUMBER.findall(_without_identifiers(part))) for part in (first, second)]
    shared = sum((numbers[0] & numbers[1]).values())
    return shared >= SAME_NUMBERS_SHARE * max(sum(n.values()) for n in numbers)


def _stands_alone(part: str) -> bool:
    return bool(_STANDS_ALONE.search(part) or URL.search(part) or DOI.search(part))


def _without_identifiers(part: str) -> str:
    return URL.sub(" ", part)
