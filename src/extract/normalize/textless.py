"""Characters that carry no text: U+FFFD from decoding, control characters, Private Use Area code points.

They go first, each run with a flag naming it (the `*_source` column keeps them): a
stripped U+FFFD must not leave a pinyin annotation behind unseen, and no later step
has to look at them. The write check rejects any left in normalized text
(`text.CONTROL_RE`, `text.PRIVATE_USE_RE`, U+FFFD: one definition for both).
"""

from __future__ import annotations

import re

from ..schema.flags import CONTROL_CHAR, PRIVATE_USE_CHAR, REPLACEMENT_CHAR, FlagKind
from ..text import CONTROL, PRIVATE_USE, REPLACEMENT_CHARACTER
from .edits import Edit, EditMap, Step, apply_edits

_TEXTLESS_RE = re.compile(f"{REPLACEMENT_CHARACTER}+|[{CONTROL}]+|[{PRIVATE_USE}]+")
_NOTES: dict[str, tuple[FlagKind, str]] = {
    "replacement": (REPLACEMENT_CHAR, "U+FFFD removed (a byte lost in decoding, a PDF glyph without Unicode): "
                                      "the character it stood for is lost"),
    "control": (CONTROL_CHAR, "control character(s) {} removed: they carry no text"),
    "private": (PRIVATE_USE_CHAR, "Private Use Area character(s) {} removed: no agreed character stands behind them"
                " (user-defined GBK/Big5 bytes, or bytes of two encodings mixed)"),
}


def _kind_of(run: str) -> str:
    if run[0] == REPLACEMENT_CHARACTER:
        return "replacement"
    return "control" if re.match(f"[{CONTROL}]", run) else "private"


def has_textless(text: str) -> bool:
    return _TEXTLESS_RE.search(text) is not None


def strip_textless(text: str) -> Step:
    edits = [Edit(m.start(), m.end(), "") for m in _TEXTLESS_RE.finditer(text)]
    if not edits:
        return Step(text, [])
    changes = []
    for edit in edits:
        run = text[edit.start:edit.end]
        kind, note = _NOTES[_kind_of(run)]
        code_points = " ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(run))
        changes.append(kind.change(note.format(code_points), original=run, replacement="", offset=edit.start))
    return Step(apply_edits(text, edits), changes, EditMap(edits))
