"""What normalization could not take out of a text, named: one flag per text, characters and offsets.

A kept mojibake run may hold Traditional-only characters or annotation pieces; nothing
should be left of U+FFFD, control or Private Use Area characters (they go first), but
the same definitions are checked here as in the write checks (`text.py`), so a
residue is never silent. Japanese and Korean spans keep their characters by design and
are not searched for Traditional-only ones.
"""

from __future__ import annotations

from ..model import Change
from ..schema.flags import RESIDUAL_CHARACTERS
from ..text import (
    CONTROL_RE,
    PRIVATE_USE_RE,
    REPLACEMENT_CHARACTER,
    is_japanese_or_korean,
    pinyin_annotations,
    sentence_spans,
)
from .pinyin import may_hold_annotation
from .script import has_traditional_only, traditional_only_chars


def residues(text: str) -> dict[str, list[tuple[int, str]]]:
    """{what: [(offset in `text`, characters)]} for every residue left in normalized text."""
    found: dict[str, list[tuple[int, str]]] = {}
    traditional = [(start + i, c) for start, end in sentence_spans(text)
                   if not is_japanese_or_korean(text[start:end])
                   for i, c in traditional_only_chars(text[start:end])] if has_traditional_only(text) else []
    if traditional:
        found["Traditional-only"] = traditional
    annotations = [(start, text[start:end]) for _, start, end in pinyin_annotations(text)
                   ] if may_hold_annotation(text) else []
    if annotations:
        found["pinyin annotation"] = annotations
    for what, pattern in (("control", CONTROL_RE), ("Private Use Area", PRIVATE_USE_RE)):
        if hits := [(m.start(), f"U+{ord(m.group()):04X}") for m in pattern.finditer(text)]:
            found[what] = hits
    if REPLACEMENT_CHARACTER in text:
        found["U+FFFD"] = [(i, "U+FFFD") for i, c in enumerate(text) if c == REPLACEMENT_CHARACTER]
    return found


def residual_flags(text: str) -> list[Change]:
    found = residues(text)
    if not found:
        return []
    detail = "; ".join(f"{what}: " + " ".join(f"{chars}@{offset}" for offset, chars in hits)
                       for what, hits in found.items())
    first = min(offset for hits in found.values() for offset, _ in hits)
    return [RESIDUAL_CHARACTERS.change(
        f"normalized text still holds (character@offset in the normalized text) {detail}",
        original=text[max(0, first - 5):first + 15], offset=first)]
