"""Latin words standing unbracketed inside a Chinese sentence: flagged, never changed."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Change
from ..schema.flags import LATIN_IN_CHINESE
from ..text import HAN, HAN_RE, SPACES, literal_spans
from .edits import inside
from .punctuation import ASCII_MARKS

_LATIN_RUN_RE = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*(?:[ \u00a0][A-Za-z][A-Za-z0-9'’\-]*)*")
_SENTENCE_CHINESE_RE = re.compile(f"[{HAN}，、；：。！？]")


def _is_acronym(word: str) -> bool:
    return sum(c.isupper() for c in word) >= 2 or word.isupper() or any(c.isdigit() for c in word)


def latin_flags(text: str, protected: Sequence[tuple[int, int]] = ()) -> list[Change]:
    if not HAN_RE.search(text):
        return []
    protected = [*protected, *literal_spans(text)]
    flags = []
    for match in _LATIN_RUN_RE.finditer(text):
        words = match.group().split()
        if all(_is_acronym(w) or len(w) < 2 for w in words) or inside(match.start(), protected):
            continue
        before, after = _neighbour(text, match.start() - 1, -1), _neighbour(text, match.end(), 1)
        if _SENTENCE_CHINESE_RE.match(before) and _SENTENCE_CHINESE_RE.match(after):
            a, b = max(0, match.start() - 4), min(len(text), match.end() + 4)
            flags.append(LATIN_IN_CHINESE.change(f"Latin {match.group()!r} stands inside a Chinese sentence",
                                                 original=text[a:b], offset=match.start()))
    return flags


def _neighbour(text: str, i: int, step: int) -> str:
    while 0 <= i < len(text) and (text[i] in SPACES or text[i] in ASCII_MARKS):
        i += step
    return text[i] if 0 <= i < len(text) else ""


def flag_latin_in_chinese(text: str) -> list[Change]:
    """Flag Latin words standing unbracketed inside a Chinese sentence (`自贸区 and 香港`).

    Text is not changed. Acronyms (`GDP`, `C40`, `WeGO`), single letters, bracketed
    or quoted Latin, URLs/DOIs and text without Han characters are not flagged.
    """
    return latin_flags(text)
