"""GB/T 15834 punctuation in Chinese context: ASCII marks and brackets to full width, stray spaces out."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from ..flags import PUNCTUATION
from ..model import Change
from ..text import CITATION_MARKER, CJK_PUNCTUATION, HAN, HAN_RE, SPACES, literal_spans
from .edits import Edit, EditMap, Step, apply_edits, inside, shift_spans

_CHINESE_RE = re.compile(f"[{HAN}{CJK_PUNCTUATION}]")
_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
ASCII_MARKS = ",:;?!"
_MARK_RE = re.compile(r"[,:;?!]")
_BRACKET_PAIR_RE = re.compile(r"[(（][^()（）\n]{0,300}[)）]")
_SPACE_RUN_RE = re.compile(f"[{SPACES}]+")
_CITATION_RE = CITATION_MARKER


class _Context:
    """The nearest significant character around a position: spaces, ASCII marks and
    citation markers are looked through."""

    def __init__(self, text: str):
        self.text = text
        markers = list(_CITATION_RE.finditer(text)) if "[" in text or "［" in text else []
        self._marker_at_end = {m.end() - 1: m.start() for m in markers}
        self._marker_at_start = {m.start(): m.end() for m in markers}

    def before(self, pos: int) -> str:
        text, i = self.text, pos - 1
        while i >= 0:
            if text[i].isspace() or text[i] in ASCII_MARKS:
                i -= 1
            elif i in self._marker_at_end:
                i = self._marker_at_end[i] - 1
            else:
                return text[i]
        return ""

    def after(self, pos: int) -> str:
        text, i = self.text, pos + 1
        while i < len(text):
            if text[i].isspace() or text[i] in ASCII_MARKS:
                i += 1
            elif i in self._marker_at_start:
                i = self._marker_at_start[i]
            else:
                return text[i]
        return ""


def _is_chinese(char: str) -> bool:
    return bool(char) and bool(_CHINESE_RE.match(char))


def _is_latin_or_digit(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _bracket_pairs_to_full_width(chars: list[str], protected) -> list[int]:
    """Brackets in Chinese text are full width (GB/T 15834), whatever they enclose."""
    rewritten_at = []
    while "(" in chars or ")" in chars:
        text, changed = "".join(chars), False
        context = _Context(text)
        for match in _BRACKET_PAIR_RE.finditer(text):
            open_at, close_at = match.start(), match.end() - 1
            if text[open_at] != "(" and text[close_at] != ")" or inside(open_at, protected):
                continue
            before, after = context.before(open_at), context.after(close_at)
            han_inside = bool(HAN_RE.search(match.group()))
            if (_is_chinese(before) or _is_chinese(after)
                    or han_inside and not _is_latin_or_digit(before) and not _is_latin_or_digit(after)):
                rewritten_at += [i for i in (open_at, close_at) if chars[i] in "()"]
                chars[open_at], chars[close_at] = "（", "）"
                changed = True
        if not changed:
            break
    return rewritten_at


def _marks_to_full_width(chars: list[str], protected) -> list[int]:
    """`, : ; ? !` with Chinese on both sides (or Chinese before and the end after)."""
    text, rewritten_at = "".join(chars), []
    context = _Context(text)
    for match in _MARK_RE.finditer(text):
        pos = match.start()
        if inside(pos, protected):
            continue
        after = context.after(pos)
        if _is_chinese(context.before(pos)) and (after == "" or _is_chinese(after)):
            chars[pos] = _FULL_WIDTH[text[pos]]
            rewritten_at.append(pos)
    return rewritten_at


def punctuation_step(text: str, protected: Sequence[tuple[int, int]] = ()) -> Step:
    protected = [*protected, *literal_spans(text)]
    chars = list(text)
    rewritten_at = _bracket_pairs_to_full_width(chars, protected) + _marks_to_full_width(chars, protected)
    edits = [Edit(i, i + 1, chars[i]) for i in rewritten_at]
    rewritten = "".join(chars)
    for match in _SPACE_RUN_RE.finditer(rewritten):  # a stray space between Chinese characters
        start, end = match.span()
        if (start > 0 and end < len(rewritten) and _is_chinese(rewritten[start - 1])
                and _is_chinese(rewritten[end]) and not inside(start, protected)):
            edits.append(Edit(start, end, ""))
    edits.sort(key=lambda e: e.start)
    out = apply_edits(text, edits)
    changes = [_punctuation_change(text, out, edits)] if edits else []
    return Step(out, changes, EditMap(edits), shift_spans(protected, EditMap(edits)))


def _punctuation_change(text: str, out: str, edits: list[Edit]) -> Change:
    """One Change per paragraph: counts, an excerpt, and every edit (undo list)."""
    edit_map = EditMap(edits)
    n_marks = sum(1 for e in edits if e.text)
    undo = [[edit_map.to_output(e.start), text[e.start:e.end], e.text] for e in edits]
    first = edits[0]
    a, b = max(0, first.start - 6), min(len(text), first.end + 6)
    b = max([b] + [e.end for e in edits if e.start < b])  # do not cut an edit in two
    detail = (f"{n_marks} ASCII marks to full width, {len(edits) - n_marks} stray space runs removed; "
              f"undo as [position in the normalized text, original, replacement]: "
              + json.dumps(undo, ensure_ascii=False))
    return PUNCTUATION.change(detail, original=text[a:b], replacement=out[edit_map.to_output(a):edit_map.to_output(b)],
                              offset=first.start)


def normalize_punctuation(text: str) -> tuple[str, list[Change]]:
    """GB/T 15834 punctuation in Chinese context.

    ASCII `, : ; ? !` between Chinese characters (full-width punctuation counts as
    Chinese; spaces, other ASCII marks and citation markers are looked through)
    become `，：；？！`; a bracket pair next to Chinese, or enclosing Chinese, becomes
    `（）` even around a Latin phrase (`城市（Innovative City）`), its content kept.
    Spaces between two Chinese characters are removed. Numbers (`1,000`, `5 170`),
    Latin phrases, URLs, DOIs and citation markers stay as they are. One Change per
    paragraph lists every edit.
    """
    step = punctuation_step(text)
    return step.text, step.changes
