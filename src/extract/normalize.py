"""Normalize one paragraph: pinyin annotations, GBK mojibake, script, punctuation.

Every function takes text as decoded from the source (any script) and returns the
rewritten text with one `Change` (stage "normalize") per edit a reader could
question; `Change.offset` is a character offset in the text the function received.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from dataclasses import dataclass, field

from .model import Change
from .text import (
    CJK_PUNCTUATION,
    GB2312_LEVEL_1,
    GB2312_LEVEL_2,
    HAN,
    HAN_RE,
    HAN_SUPPLEMENTARY,
    HAN_UNIFIED_BMP,
    block_chars,
    char_class,
    gb2312_chars,
    PINYIN_ANNOTATION,
    PINYIN_ANNOTATION_FRAGMENT,
    REPLACEMENT_CHARACTER,
    SPACES,
    CITATION_MARKER,
    is_tone_marked_syllable,
    literal_spans,
    pinyin_annotations,
)

STAGE = "normalize"

_CHINESE_RE = re.compile(f"[{HAN}{CJK_PUNCTUATION}]")

# ---------------------------------------------------------------- edits and offsets


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str


def _apply(text: str, edits: list[_Edit]) -> str:
    parts, pos = [], 0
    for edit in edits:
        parts += [text[pos:edit.start], edit.text]
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


class _EditMap:
    """Maps offsets between a text and the text after a sorted list of edits."""

    def __init__(self, edits: list[_Edit] = ()):
        self._rows, shift = [], 0  # (out_start, out_end, src_start, src_end)
        for edit in edits:
            out_start = edit.start + shift
            self._rows.append((out_start, out_start + len(edit.text), edit.start, edit.end))
            shift += len(edit.text) - (edit.end - edit.start)
        self._out_starts = [row[0] for row in self._rows]
        self._src_starts = [row[2] for row in self._rows]

    def to_source(self, pos: int) -> int:
        i = bisect.bisect_right(self._out_starts, pos) - 1
        if i < 0:
            return pos
        out_start, out_end, src_start, src_end = self._rows[i]
        return src_start if pos < out_end else src_end + pos - out_end

    def to_output(self, pos: int) -> int:
        i = bisect.bisect_right(self._src_starts, pos) - 1
        if i < 0:
            return pos
        out_start, out_end, src_start, src_end = self._rows[i]
        return out_start if pos < src_end else out_end + pos - src_end


class _Chain:
    def __init__(self, maps: list):
        self.maps = maps

    def to_source(self, pos: int) -> int:
        for m in reversed(self.maps):
            pos = m.to_source(pos)
        return pos


@dataclass
class _Step:
    """What one normalization step did; `protected` spans (in `text`) are left alone downstream."""

    text: str
    changes: list[Change]
    source_map: object = field(default_factory=_EditMap)
    protected: list[tuple[int, int]] = field(default_factory=list)


def _change(kind: str, severity: str, offset: int, original: str | None,
            replacement: str | None, detail: str = "") -> Change:
    return Change(stage=STAGE, kind=kind, severity=severity, detail=detail,
                  original=original, replacement=replacement, offset=offset)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= pos < end for start, end in spans)


# ---------------------------------------------------------------- script (OpenCC)


@functools.cache
def _converter(config: str):
    import opencc  # slow to construct: one instance per config, on first use

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Traditional (or mixed) -> Simplified with OpenCC `t2s`."""
    return _converter("t2s").convert(text)


def _convert_each_char(config: str, chars: str) -> list[str]:
    # One call for all characters; the newline keeps OpenCC's phrase matching per character.
    return _converter(config).convert("\n".join(chars)).split("\n")


@dataclass(frozen=True)
class _HanTables:
    traditional_only: frozenset  # t2s changes it, s2t does not
    simplified_only: frozenset  # s2t changes it, t2s does not
    common: frozenset  # GB2312 level 1 (the 3755 most used) and their Traditional forms
    known: frozenset  # all of GB2312 and their Traditional forms


@functools.cache
def _han_tables() -> _HanTables:
    han = block_chars(HAN_UNIFIED_BMP)
    simplified = dict(zip(han, _convert_each_char("t2s", han)))
    traditional = dict(zip(han, _convert_each_char("s2t", han)))
    changed_by_t2s = {c for c in han if simplified[c] != c}
    changed_by_s2t = {c for c in han if traditional[c] != c}

    def with_traditional_forms(chars: set[str]) -> frozenset:
        return frozenset(chars | {traditional[c] for c in chars}
                         | {c for c in han if simplified[c] in chars})

    level_1 = set(gb2312_chars(GB2312_LEVEL_1))
    return _HanTables(
        traditional_only=frozenset(changed_by_t2s - changed_by_s2t),
        simplified_only=frozenset(changed_by_s2t - changed_by_t2s),
        common=with_traditional_forms(level_1),
        known=with_traditional_forms(level_1 | set(gb2312_chars(GB2312_LEVEL_2))),
    )


def detect_script(text: str) -> str:
    """"simplified", "traditional" or "mixed", measured over the whole text.

    Only script-specific Han characters count: Traditional-only ones (OpenCC t2s
    changes them, s2t does not) and Simplified-only ones (the reverse). The
    Traditional share is traditional / (traditional + simplified): >= 0.9 is
    "traditional", <= 0.1 is "simplified", anything between is "mixed". A text
    without script-specific characters (Latin, digits, shared characters) is
    "simplified".
    """
    tables = _han_tables()
    n_traditional = sum(map(tables.traditional_only.__contains__, text))
    n_simplified = sum(map(tables.simplified_only.__contains__, text))
    if n_traditional + n_simplified == 0:
        return "simplified"
    share = n_traditional / (n_traditional + n_simplified)
    if share >= 0.9:
        return "traditional"
    return "simplified" if share <= 0.1 else "mixed"


def _has_traditional(text: str) -> bool:
    return not _han_tables().traditional_only.isdisjoint(text)


def _simplified_step(text: str, protected: list[tuple[int, int]]) -> _Step:
    """t2s outside the protected spans (text kept as it is there)."""
    edits, pos = [], 0
    for start, end in [*protected, (len(text), len(text))]:
        segment = converted = text[pos:start]
        for _ in range(3):  # t2s keeps some Traditional-only characters in phrases (乾坤): stop when stable
            again = to_simplified(converted) if _has_traditional(converted) else converted
            if again == converted:
                break
            converted = again
        if converted != segment:
            edits.append(_Edit(pos, start, converted))
        pos = end
    changes = [_script_change(text, edits)] if edits else []
    if all(len(e.text) == e.end - e.start for e in edits):
        # OpenCC's t2s tables map one character to one: offsets do not move
        return _Step(_apply(text, edits), changes, _EditMap(), protected)
    edit_map = _EditMap(edits)
    return _Step(_apply(text, edits), changes, edit_map, _shift_spans(protected, edit_map))


def _script_change(text: str, edits: list["_Edit"]) -> Change:
    """One record per paragraph: how many characters t2s changed (text_source keeps them all)."""
    converted = sum(a != b for e in edits for a, b in zip(text[e.start:e.end], e.text))
    first = edits[0]
    return Change("normalize", "script_converted", "info",
                  f"{converted} character(s) converted from Traditional to Simplified (OpenCC t2s)",
                  original=text[first.start:first.end][:20], replacement=first.text[:20], offset=first.start)


def _shift_spans(spans: list[tuple[int, int]], edit_map: _EditMap) -> list[tuple[int, int]]:
    return [(edit_map.to_output(start), edit_map.to_output(end)) for start, end in spans]


# ---------------------------------------------------------------- pinyin annotations


def _pinyin_step(text: str) -> _Step:
    edits: list[_Edit] = []
    spans: dict[int, list[tuple[int, int]]] = {}  # Han position -> its annotations
    for han, start, end in pinyin_annotations(text):
        if edits and edits[-1].end == start:
            edits[-1] = _Edit(edits[-1].start, end, "")
        else:
            edits.append(_Edit(start, end, ""))
        spans.setdefault(han, []).append((start, end))
    changes = []
    for han, annotations in spans.items():
        end = annotations[-1][1]
        kept = _apply(text[:end], [_Edit(a, b, "") for a, b in annotations])[han:]
        changes.append(_change("pinyin_annotation", "info", han, text[han:end], kept,
                               "web-conversion pinyin annotation removed"))
    return _Step(_apply(text, edits), changes, _EditMap(edits))


def remove_pinyin_annotations(text: str) -> tuple[str, list[Change]]:
    """Drop the `(pīn)` a web script converter put after a Han character: `發(fā)展` -> `發展`.

    Only one tone-marked Hanyu Pinyin syllable in ASCII or full-width brackets right
    after a Han character (whitespace between allowed) counts; `(ma)`, `(a)`,
    `(decoupling)`, `(一)` and other real parentheticals stay.
    """
    step = _pinyin_step(text)
    return step.text, step.changes


# ---------------------------------------------------------------- GBK mojibake

_LOST_BYTE = "?"  # what the damage left where a lead byte went missing
_ODD_SYMBOLS = ("\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u1e3f\u2160-\u217f\u2460-\u249b"
                "\u2500-\u257f\u3040-\u30ff\u3105-\u312f\ue000-\uf8ff")
_ODD_SYMBOL_RE = re.compile(f"[{_ODD_SYMBOLS}]")
_PLAUSIBLE_PUNCTUATION = frozenset("，。、；：？！“”‘’（）《》〈〉【】「」『』—…·～％")
MAX_SPAN = 64  # characters of a mis-decoded run looked at
MIN_REPAIR = 3  # re-aligned characters needed before a reading is trusted


@functools.cache
def _gbk_pair(char: str) -> bytes | None:
    try:
        encoded = char.encode("gbk")
    except UnicodeEncodeError:
        return None
    return encoded if len(encoded) == 2 else None


@functools.cache
def _odd_han_re() -> re.Pattern:
    """Han characters outside GB2312 and its Traditional forms: rare in real text."""
    known = _han_tables().known
    rare = [c for c in block_chars(HAN_UNIFIED_BMP) if c not in known]
    return re.compile(f"[{_char_class(rare)}{char_class(HAN_SUPPLEMENTARY)}]|[{_ODD_SYMBOLS}]")


def _char_class(chars: list[str]) -> str:
    ranges, points = [], sorted(map(ord, chars))
    for point in points:
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges)


def _is_odd(char: str, strict: bool) -> bool:
    """Rare in real text: a symbol, or Han outside GB2312 level 1 (strict) / all of GB2312."""
    if not strict:
        return bool(_odd_han_re().match(char))
    return bool(_ODD_SYMBOL_RE.match(char)) or bool(HAN_RE.match(char)) and char not in _han_tables().common


def _is_plausible(char: str) -> bool:
    return char in _han_tables().common or char in _PLAUSIBLE_PUNCTUATION


@dataclass
class _Reading:
    """A run read as GBK decoded one byte out of step, and its re-aligned reading."""

    start: int  # the lost-byte mark, or the first odd character
    end: int  # after the trail-byte letter and any annotation right after it
    fragments: list[tuple[int, str]]  # pinyin annotation pieces inside or right after the run
    realigned: str | None  # None when the re-aligned bytes are not valid GBK
    lost_trail: int  # surviving trail byte of the first character, whose lead byte is lost
    marked: bool  # starts at a lost-byte mark
    n_odd: int  # symbols (Cyrillic, Greek, kana, PUA...) and rare Han (outside level 1 after a mark)
    full_width_after_mark: bool  # `??`, `?!`: a folded full-width mark right after the lost byte
    lone_trail_letter: bool  # the run ends in one ASCII letter glued to what follows
    plausible_share: float  # share of re-aligned characters that are common
    n_chars: int  # non-ASCII characters in the run

    @property
    def all_plausible(self) -> bool:
        return bool(self.realigned) and self.plausible_share == 1.0

    @property
    def evidence(self) -> int:
        return sum((self.marked, self.n_odd >= (1 if self.marked else 2), self.full_width_after_mark,
                    self.lone_trail_letter, self.plausible_share >= 0.6,
                    self.n_odd / max(1, self.n_chars) >= 0.3))


def _read_run(text: str, start: int, marked: bool) -> _Reading | None:
    """The run at `start` read up to its first ASCII letter (the last character's trail byte)."""
    pieces, fragments = [], []  # pieces: (position, bytes, folded ASCII?)
    pos = start + 1 if marked else start
    while pos < len(text) and len(pieces) < MAX_SPAN:
        fragment = PINYIN_ANNOTATION_FRAGMENT.match(text, pos)
        if fragment and is_tone_marked_syllable(fragment.group(1)):
            fragments.append((pos, fragment.group()))
            pos = fragment.end()
            continue
        char = text[pos]
        if "\x40" <= char <= "\x7e":
            return _reading(text, start, marked, pieces, fragments, pos) if pieces else None
        if "\x21" <= char <= "\x3f":
            # a full-width mark (GBK A3xx) later folded to ASCII: ？ -> ?
            pieces.append((pos, bytes([0xA3, ord(char) + 0x80]), True))
        elif (pair := _gbk_pair(char)) is not None:
            pieces.append((pos, pair, False))
        else:
            return None
        pos += 1
    return None


def _reading(text, start, marked, pieces, fragments, trail_pos) -> _Reading:
    raw = b"".join(piece[1] for piece in pieces) + text[trail_pos].encode("ascii")
    try:
        realigned = raw[1:].decode("gbk")
    except UnicodeDecodeError:
        realigned = None
    end = trail_pos + 1
    while (annotation := PINYIN_ANNOTATION.match(text, end)) and is_tone_marked_syllable(annotation.group(1)):
        end = annotation.end()
    trailing = [(m.start(), m.group()) for m in PINYIN_ANNOTATION.finditer(text, trail_pos + 1, end)]
    chars = [text[p] for p, _, folded in pieces if not folded]
    plausible = [_is_plausible(c) for c in realigned or ""]
    next_char = text[end:end + 1]
    return _Reading(
        start=start, end=end, fragments=[f for f in fragments if f[0] < trail_pos] + trailing,
        realigned=realigned, lost_trail=raw[0], marked=marked,
        n_odd=sum(_is_odd(c, strict=marked) for c in chars),
        full_width_after_mark=marked and pieces[0][2],
        lone_trail_letter=not pieces[-1][2] and not (next_char.isascii() and next_char.isalnum()),
        plausible_share=sum(plausible) / len(plausible) if plausible else 0.0, n_chars=len(chars))


def _choose(r: _Reading | None) -> str | None:
    """"repaired", "suspect", or None for text that is not mojibake.

    A repair needs the lost-byte mark, a lone trail letter ending the run, something
    real text would not have (an odd character or `??`/`?!`) and a re-aligned
    reading of at least MIN_REPAIR characters, all of them common. A suspect needs
    four of the six pieces of evidence in `_Reading.evidence` (without the mark:
    three, two odd characters among them).
    """
    if r is None:
        return None
    if (r.marked and r.all_plausible and len(r.realigned) >= MIN_REPAIR and r.lone_trail_letter
            and (r.n_odd or r.full_width_after_mark)):
        return "repaired"
    if r.evidence >= 4 if r.marked else r.n_odd >= 2 and r.evidence >= 3:
        return "suspect"
    return None


def _suspect_note(reading: _Reading) -> str:
    if not reading.realigned:
        why = "its re-aligned bytes are not valid GBK"
    elif reading.all_plausible and not reading.marked:
        why = f"re-aligned it reads {reading.realigned!r}, but with no lost-byte mark its start is uncertain"
    elif reading.all_plausible:
        why = f"re-aligned it reads {reading.realigned!r}, too short to trust"
    else:
        why = f"re-aligned it reads {reading.realigned!r}, not all common characters (bytes lost?)"
    return f"looks like GBK decoded one byte out of step, but {why}: kept as it is"


# Punctuation that opens a mis-decoded run when its lead byte (GBK row A1) is lost. These
# marks are far more frequent in prose than any one Han character sharing their trail byte,
# so the most likely reading is restored, and the flag says it was inferred.
RESTORABLE_PUNCTUATION = "。，、；：？！“”"


def _lost_character(reading: _Reading) -> str:
    """The punctuation mark the lost character most likely was, or "" to leave it out."""
    try:
        candidate = bytes([0xA1, reading.lost_trail]).decode("gbk")
    except UnicodeDecodeError:
        return ""
    return candidate if candidate in RESTORABLE_PUNCTUATION else ""


def _lost_character_note(reading: _Reading) -> str:
    note = f"the first character's lead byte is lost (trail byte {reading.lost_trail:02x})"
    restored = _lost_character(reading)
    if restored:
        return note + f"; restored as {restored!r}, the punctuation mark with that trail byte (inferred: review)"
    return note + "; it is left out"


def _mojibake_step(text: str) -> _Step:
    stripped = _strip_replacement_chars(text)
    text = stripped.text
    literals = literal_spans(text)
    edits, changes, kept = [], [], []
    last_end = 0
    for start, marked in _run_starts(text):
        if start < last_end or _inside(start, literals):
            continue
        reading = _read_run(text, start, marked)
        verdict = _choose(reading)
        if verdict is None:
            continue
        original = text[reading.start:reading.end]
        if verdict == "repaired":
            repaired = _lost_character(reading) + reading.realigned
            edits.append(_Edit(reading.start, reading.end, repaired))
            changes.append(_change(
                "mojibake_repaired", "warning", reading.start, original, repaired,
                "GBK bytes decoded one byte out of step, re-aligned; " + _lost_character_note(reading)))
        else:
            edits += [_Edit(p, p + len(f), "") for p, f in reading.fragments]
            changes.append(_change("mojibake_suspect", "warning", reading.start, original, None,
                                   _suspect_note(reading)))
            changes += [_change("pinyin_annotation", "info", p, f, "",
                                "pinyin annotation piece inside a mis-decoded run removed")
                        for p, f in reading.fragments]
            kept.append((reading.start, reading.end))
        last_end = reading.end
    edits.sort(key=lambda e: e.start)
    edit_map = _EditMap(edits)
    for change in changes:
        change.offset = stripped.source_map.to_source(change.offset)
    return _Step(_apply(text, edits), stripped.changes + changes,
                 _Chain([stripped.source_map, edit_map]), _shift_spans(kept, edit_map))


def _run_starts(text: str):
    """Where a mis-decoded run may start: a lost-byte mark, or an odd character."""
    marks = [(m.start(), True) for m in re.finditer(re.escape(_LOST_BYTE), text)
             if _mark_starts_run(text, m.start())]
    odd = [(m.start(), False) for m in _odd_han_re().finditer(text)]
    return sorted(marks + odd)


def _mark_starts_run(text: str, pos: int) -> bool:
    pos += 1
    while (fragment := PINYIN_ANNOTATION_FRAGMENT.match(text, pos)) and is_tone_marked_syllable(fragment.group(1)):
        pos = fragment.end()
    if text[pos:pos + 1] in ("?", "!"):
        pos += 1
    return pos < len(text) and not text[pos].isascii() and _gbk_pair(text[pos]) is not None


def _strip_replacement_chars(text: str) -> _Step:
    if REPLACEMENT_CHARACTER not in text:
        return _Step(text, [])
    edits = [_Edit(m.start(), m.end(), "") for m in re.finditer("\ufffd+", text)]
    changes = [_change("replacement_char", "warning", e.start, text[e.start:e.end], "",
                       "U+FFFD from decoding removed: the character it stood for is lost") for e in edits]
    return _Step(_apply(text, edits), changes, _EditMap(edits))


def repair_mojibake(text: str) -> tuple[str, list[Change]]:
    """Re-align spans of GBK text that were decoded one byte out of step.

    Such a run starts where a lead byte was lost (left as `?`), reads pairs of
    (trail byte, next lead byte) as characters, and ends at an ASCII letter that is
    really the last character's trail byte. Re-encoding the run with GBK (ASCII
    punctuation inside counts as the full-width form it was folded from, pinyin
    annotation fragments do not count) and dropping the first byte gives the text
    back. When every re-aligned character is common (GB2312 level 1, its Traditional
    forms, CJK punctuation) the run is replaced ("mojibake_repaired"; the character
    whose lead byte was lost is left out and said so). When bytes are lost the run
    is kept as it is and flagged "mojibake_suspect" with its re-aligned reading.
    U+FFFD is removed ("replacement_char").
    """
    step = _mojibake_step(text)
    return step.text, step.changes


# ---------------------------------------------------------------- punctuation

_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_MARKS = ",:;?!"
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
            if text[i].isspace() or text[i] in _MARKS:
                i -= 1
            elif i in self._marker_at_end:
                i = self._marker_at_end[i] - 1
            else:
                return text[i]
        return ""

    def after(self, pos: int) -> str:
        text, i = self.text, pos + 1
        while i < len(text):
            if text[i].isspace() or text[i] in _MARKS:
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
            if text[open_at] != "(" and text[close_at] != ")" or _inside(open_at, protected):
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
        if _inside(pos, protected):
            continue
        after = context.after(pos)
        if _is_chinese(context.before(pos)) and (after == "" or _is_chinese(after)):
            chars[pos] = _FULL_WIDTH[text[pos]]
            rewritten_at.append(pos)
    return rewritten_at


def _punctuation_step(text: str, protected: list[tuple[int, int]] = ()) -> _Step:
    protected = [*protected, *literal_spans(text)]
    chars = list(text)
    rewritten_at = _bracket_pairs_to_full_width(chars, protected) + _marks_to_full_width(chars, protected)
    edits = [_Edit(i, i + 1, chars[i]) for i in rewritten_at]
    rewritten = "".join(chars)
    for match in _SPACE_RUN_RE.finditer(rewritten):  # a stray space between Chinese characters
        start, end = match.span()
        if (0 < start and end < len(rewritten) and _is_chinese(rewritten[start - 1])
                and _is_chinese(rewritten[end]) and not _inside(start, protected)):
            edits.append(_Edit(start, end, ""))
    edits.sort(key=lambda e: e.start)
    out = _apply(text, edits)
    changes = [_punctuation_change(text, out, edits)] if edits else []
    return _Step(out, changes, _EditMap(edits), _shift_spans(protected, _EditMap(edits)))


def _punctuation_change(text: str, out: str, edits: list[_Edit]) -> Change:
    """One Change per paragraph: counts, an excerpt, and every edit (undo list)."""
    edit_map = _EditMap(edits)
    n_marks = sum(1 for e in edits if e.text)
    undo = [[edit_map.to_output(e.start), text[e.start:e.end], e.text] for e in edits]
    first = edits[0]
    a, b = max(0, first.start - 6), min(len(text), first.end + 6)
    b = max([b] + [e.end for e in edits if e.start < b])  # do not cut an edit in two
    detail = (f"{n_marks} ASCII marks to full width, {len(edits) - n_marks} stray space runs removed; "
              f"undo as [position in the normalized text, original, replacement]: "
              + json.dumps(undo, ensure_ascii=False))
    return _change("punctuation", "info", first.start, text[a:b],
                   out[edit_map.to_output(a):edit_map.to_output(b)], detail)


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
    step = _punctuation_step(text)
    return step.text, step.changes


# ---------------------------------------------------------------- Latin inside Chinese

_LATIN_RUN_RE = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*(?:[ \u00a0][A-Za-z][A-Za-z0-9'’\-]*)*")
_SENTENCE_CHINESE_RE = re.compile(f"[{HAN}，、；：。！？]")


def _is_acronym(word: str) -> bool:
    return sum(c.isupper() for c in word) >= 2 or word.isupper() or any(c.isdigit() for c in word)


def _latin_flags(text: str, protected: list[tuple[int, int]] = ()) -> list[Change]:
    if not HAN_RE.search(text):
        return []
    protected = [*protected, *literal_spans(text)]
    flags = []
    for match in _LATIN_RUN_RE.finditer(text):
        words = match.group().split()
        if all(_is_acronym(w) or len(w) < 2 for w in words) or _inside(match.start(), protected):
            continue
        before, after = _neighbour(text, match.start() - 1, -1), _neighbour(text, match.end(), 1)
        if _SENTENCE_CHINESE_RE.match(before) and _SENTENCE_CHINESE_RE.match(after):
            a, b = max(0, match.start() - 4), min(len(text), match.end() + 4)
            flags.append(_change("latin_in_chinese", "warning", match.start(), text[a:b], None,
                                 f"Latin {match.group()!r} stands inside a Chinese sentence"))
    return flags


def _neighbour(text: str, i: int, step: int) -> str:
    while 0 <= i < len(text) and (text[i] in SPACES or text[i] in _MARKS):
        i += step
    return text[i] if 0 <= i < len(text) else ""


def flag_latin_in_chinese(text: str) -> list[Change]:
    """Flag Latin words standing unbracketed inside a Chinese sentence (`自贸区 and 香港`).

    Text is not changed. Acronyms (`GDP`, `C40`, `WeGO`), single letters, bracketed
    or quoted Latin, URLs/DOIs and text without Han characters are not flagged.
    """
    return _latin_flags(text)


# ---------------------------------------------------------------- the chain


MAX_PASSES = 3


def normalize_text(raw: str) -> tuple[str, list[Change]]:
    """Normalized text of one paragraph, and every change made or doubted.

    Order: U+FFFD goes first (a lost character; stripping it must not leave a
    pinyin annotation behind unseen); pinyin annotations next (they are insertions,
    not bytes of the source text, and would break a mis-decoded run apart); mojibake
    is re-aligned on the text as decoded, before anything rewrites characters or
    punctuation (t2s changes the bytes a run re-encodes to; `?` and `!` inside a run
    are bytes); then script conversion, then punctuation; Latin words are flagged
    last, on the final text. Suspect mojibake runs are kept as they are by the
    later steps. The chain runs again on its own output when a later step exposed
    a new mis-decoded run (so that normalizing twice equals normalizing once).
    """
    text, changes, to_raw, protected = _normalize_once(raw, [])
    for _ in range(MAX_PASSES - 1):
        if _is_stable(text, protected):
            break
        text, more, to_previous, protected = _normalize_once(text, protected)
        for change in more:
            change.offset = None if change.offset is None else to_raw.to_source(change.offset)
        changes += more
        to_raw = _Chain([to_raw, to_previous])
    return text, changes + _remap(_latin_flags(text, protected), to_raw)


def _normalize_once(raw: str, known_suspects: list[tuple[int, int]]):
    steps = [_strip_replacement_chars(raw)]
    steps.append(_pinyin_step(steps[-1].text))
    steps.append(_mojibake_step(steps[-1].text))
    steps.append(_simplified_step(steps[-1].text, steps[-1].protected))
    steps.append(_punctuation_step(steps[-1].text, steps[-1].protected))
    changes = []
    for i, step in enumerate(steps):
        changes += _remap(step.changes, _Chain([s.source_map for s in steps[:i]]))
    already_flagged = {start for start, _ in known_suspects}
    changes = [c for c in changes if not (c.kind == "mojibake_suspect" and c.offset in already_flagged)]
    return steps[-1].text, changes, _Chain([s.source_map for s in steps]), steps[-1].protected


def _remap(changes: list[Change], to_source) -> list[Change]:
    for change in changes:
        if change.offset is not None:
            change.offset = to_source.to_source(change.offset)
    return changes


def _is_stable(text: str, protected: list[tuple[int, int]]) -> bool:
    """Would another pass leave the text alone? (t2s and punctuation reach a fixed point
    in one pass; pinyin and mojibake are re-checked.)"""
    if _pinyin_step(text).changes:
        return False
    again = _mojibake_step(text)
    return again.text == text and again.protected == protected
