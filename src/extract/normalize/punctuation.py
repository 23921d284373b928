"""GB/T 15834 punctuation in Chinese context: ASCII marks and brackets to full width, stray spaces out;
full-width digits and Latin letters to ASCII (GB/T 15835)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from ..model import Change
from ..schema.flags import PUNCTUATION
from ..text import (
    CITATION_MARKER,
    CJK_PUNCTUATION,
    HAN,
    HAN_RE,
    KANA_OR_HANGUL_RE,
    SPACES,
    is_japanese_or_korean,
    literal_spans,
    sentence_spans,
)
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
        self._markers: tuple[dict[int, int], dict[int, int]] | None = None  # found on first use

    def _marker_ends(self) -> tuple[dict[int, int], dict[int, int]]:
        """({last character: start}, {start: end}) of the citation markers."""
        if self._markers is None:
            text = self.text
            markers = list(_CITATION_RE.finditer(text)) if "[" in text or "［" in text else []
            self._markers = {m.end() - 1: m.start() for m in markers}, {m.start(): m.end() for m in markers}
        return self._markers

    def before(self, pos: int) -> str:
        text, i = self.text, pos - 1
        marker_at_end = self._marker_ends()[0]
        while i >= 0:
            if text[i].isspace() or text[i] in ASCII_MARKS:
                i -= 1
            elif i in marker_at_end:
                i = marker_at_end[i] - 1
            else:
                return text[i]
        return ""

    def after(self, pos: int) -> str:
        text, i = self.text, pos + 1
        marker_at_start = self._marker_ends()[1]
        while i < len(text):
            if text[i].isspace() or text[i] in ASCII_MARKS:
                i += 1
            elif i in marker_at_start:
                i = marker_at_start[i]
            else:
                return text[i]
        return ""


# Marks of running prose: a clause they bound is part of a sentence, not a list of items.
_PROSE_MARKS = frozenset("，。、！？,!?")
# starting only where a run of Han starts: a run that no space follows is not retried from each of its characters
_SPACED_HAN_RE = re.compile(f"(?<![{HAN}])[{HAN}]+(?:[{SPACES}]+[{HAN}]+)+")
_SPACE_CHARS = frozenset(SPACES)


def typesetting_spaces(text: str) -> list[tuple[int, int]]:
    """Space runs inside running Chinese text, which typesetting put there and which go.

    - next to CJK punctuation with Chinese on the other side (`迭代， 科技`, `（ 陕西 ）`);
    - letter spacing: every item of a space-separated run of Han characters is one
      character (`摘 要`, `关 键 词`);
    - a lone space between two Han words in a clause of running prose: the clause is
      bounded by `，。、！？` on one side at least and does not follow a colon.
    Everything else separates items and stays: three or more space-separated words
    (`人工智能 教师 耗散结构`, a list after `关键词：`), two words in a field without
    prose punctuation (`张三 李四`, a table cell, a title's two parts).
    """
    if _SPACE_CHARS.isdisjoint(text):
        return []
    spans: list[tuple[int, int]] = []
    for match in _SPACE_RUN_RE.finditer(text):
        start, end = match.span()
        if start == 0 or end == len(text):
            continue
        left, right = text[start - 1], text[end]
        if _is_chinese(left) and _is_chinese(right) and not (HAN_RE.match(left) and HAN_RE.match(right)):
            spans.append((start, end))
    context = _Context(text)
    for match in _SPACED_HAN_RE.finditer(text):
        items = _SPACE_RUN_RE.split(match.group())
        letter_spaced = all(len(item) == 1 for item in items)
        before, after = context.before(match.start()), context.after(match.end() - 1)
        in_prose = len(items) == 2 and (before in _PROSE_MARKS or after in _PROSE_MARKS) and before not in "：:"
        if letter_spaced or in_prose:
            spans += [(match.start() + m.start(), match.start() + m.end())
                      for m in _SPACE_RUN_RE.finditer(match.group())]
    if spans and KANA_OR_HANGUL_RE.search(text):  # Japanese and Korean spans keep their spacing
        foreign = [span for span in sentence_spans(text) if is_japanese_or_korean(text[span[0]:span[1]])]
        spans = [span for span in spans if not inside(span[0], foreign)]
    return sorted(spans)


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
    context = _Context(text)  # its markers are found only when a mark is there
    for match in _MARK_RE.finditer(text):
        pos = match.start()
        if inside(pos, protected):
            continue
        after = context.after(pos)
        if _is_chinese(context.before(pos)) and (after == "" or _is_chinese(after)):
            chars[pos] = _FULL_WIDTH[text[pos]]
            rewritten_at.append(pos)
    return rewritten_at


_FULL_WIDTH_ALNUM_RE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_FULL_WIDTH_POINT_RE = re.compile("(?<=[0-9\uff10-\uff19])\uff0e(?=[0-9\uff10-\uff19])")
_FULL_WIDTH_ANY_RE = re.compile("[\uff0e\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def _full_width_alnum_to_ascii(chars: list[str], protected) -> list[int]:
    """Full-width digits and Latin letters (`２０１９年`, `ＧＤＰ`) as ASCII (GB/T 15835: Arabic numerals are
    half width), and a full-width point between digits (`２．５`); Japanese and Korean sentences keep theirs."""
    text = "".join(chars)
    if not _FULL_WIDTH_ANY_RE.search(text):
        return []
    positions = [m.start() for regex in (_FULL_WIDTH_ALNUM_RE, _FULL_WIDTH_POINT_RE) for m in regex.finditer(text)]
    if positions and KANA_OR_HANGUL_RE.search(text):
        foreign = [span for span in sentence_spans(text) if is_japanese_or_korean(text[span[0]:span[1]])]
        positions = [p for p in positions if not inside(p, foreign)]
    positions = [p for p in positions if not inside(p, protected)]
    for pos in positions:
        chars[pos] = "." if chars[pos] == "\uff0e" else chr(ord(chars[pos]) - 0xFEE0)
    return positions


def punctuation_step(text: str, protected: Sequence[tuple[int, int]] = ()) -> Step:
    if not _CHINESE_RE.search(text) and not _FULL_WIDTH_ANY_RE.search(text):
        # every rewrite needs Chinese beside it (a mark, a bracket pair, a space) or a full-width character
        return Step(text, [], EditMap(), [*protected, *literal_spans(text)])
    return _punctuation_step(text, protected)


def _punctuation_step(text: str, protected: Sequence[tuple[int, int]] = ()) -> Step:
    protected = [*protected, *literal_spans(text)]
    chars = list(text)
    rewritten_at = _full_width_alnum_to_ascii(chars, protected)
    rewritten_at += _bracket_pairs_to_full_width(chars, protected) + _marks_to_full_width(chars, protected)
    edits = [Edit(i, i + 1, chars[i]) for i in sorted(set(rewritten_at))]
    rewritten = "".join(chars)
    edits += [Edit(start, end, "") for start, end in typesetting_spaces(rewritten) if not inside(start, protected)]
    edits.sort(key=lambda e: e.start)
    out = apply_edits(text, edits)
    changes = [_punctuation_change(text, out, edits)] if edits else []
    return Step(out, changes, EditMap(edits), shift_spans(protected, EditMap(edits)))


def _punctuation_change(text: str, out: str, edits: list[Edit]) -> Change:
    """One Change per paragraph: counts, an excerpt, and every edit (undo list)."""
    edit_map = EditMap(edits)
    n_folded = sum(1 for e in edits if e.text and e.text.isascii())  # marks become full width, folding ASCII
    n_marks = sum(1 for e in edits if e.text) - n_folded
    undo = [[edit_map.to_output(e.start), text[e.start:e.end], e.text] for e in edits]
    first = edits[0]
    a, b = max(0, first.start - 6), min(len(text), first.end + 6)
    b = max([b] + [e.end for e in edits if e.start < b])  # do not cut an edit in two
    folded = f"{n_folded} full-width digits and letters to ASCII, " if n_folded else ""
    detail = (f"{folded}{n_marks} ASCII marks to full width, {len(edits) - n_marks - n_folded} stray space runs "
              f"removed; "
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
