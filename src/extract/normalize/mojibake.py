"""GBK text decoded one byte out of step: re-aligned where the bytes allow, else flagged; U+FFFD removed."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..flags import MOJIBAKE_REPAIRED, MOJIBAKE_SUSPECT, PINYIN_ANNOTATION, REPLACEMENT_CHAR
from ..model import Change
from ..text import (
    BRACKETED_SYLLABLE,
    BRACKETED_SYLLABLE_FRAGMENT,
    HAN_RE,
    HAN_SUPPLEMENTARY,
    HAN_UNIFIED_BMP,
    REPLACEMENT_CHARACTER,
    block_chars,
    char_class,
    is_tone_marked_syllable,
    literal_spans,
)
from .edits import ChainedMap, Edit, EditMap, Step, apply_edits, inside, shift_spans
from .script import han_tables

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
    known = han_tables().known
    rare = [c for c in block_chars(HAN_UNIFIED_BMP) if c not in known]
    return re.compile(f"[{_char_class(rare)}{char_class(HAN_SUPPLEMENTARY)}]|[{_ODD_SYMBOLS}]")


def _char_class(chars: list[str]) -> str:
    ranges: list[list[int]] = []
    points = sorted(map(ord, chars))
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
    return bool(_ODD_SYMBOL_RE.match(char)) or bool(HAN_RE.match(char)) and char not in han_tables().common


def _is_plausible(char: str) -> bool:
    return char in han_tables().common or char in _PLAUSIBLE_PUNCTUATION


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
    pieces: list[tuple[int, bytes, bool]] = []  # (position, bytes, folded ASCII?)
    fragments: list[tuple[int, str]] = []
    pos = start + 1 if marked else start
    while pos < len(text) and len(pieces) < MAX_SPAN:
        fragment = BRACKETED_SYLLABLE_FRAGMENT.match(text, pos)
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
    while (annotation := BRACKETED_SYLLABLE.match(text, end)) and is_tone_marked_syllable(annotation.group(1)):
        end = annotation.end()
    trailing = [(m.start(), m.group()) for m in BRACKETED_SYLLABLE.finditer(text, trail_pos + 1, end)]
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
    if (r.marked and r.all_plausible and r.realigned is not None and len(r.realigned) >= MIN_REPAIR
            and r.lone_trail_letter
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


def mojibake_step(text: str) -> Step:
    stripped = strip_replacement_chars(text)
    text = stripped.text
    literals = literal_spans(text)
    edits: list[Edit] = []
    changes: list[Change] = []
    kept: list[tuple[int, int]] = []
    last_end = 0
    for start, marked in _run_starts(text):
        if start < last_end or inside(start, literals):
            continue
        reading = _read_run(text, start, marked)
        verdict = _choose(reading)
        if verdict is None or reading is None:
            continue
        original = text[reading.start:reading.end]
        if verdict == "repaired":
            repaired = _lost_character(reading) + (reading.realigned or "")
            edits.append(Edit(reading.start, reading.end, repaired))
            changes.append(MOJIBAKE_REPAIRED.change(
                "GBK bytes decoded one byte out of step, re-aligned; " + _lost_character_note(reading),
                original=original, replacement=repaired, offset=reading.start))
        else:
            edits += [Edit(p, p + len(f), "") for p, f in reading.fragments]
            changes.append(MOJIBAKE_SUSPECT.change(_suspect_note(reading), original=original, offset=reading.start))
            changes += [PINYIN_ANNOTATION.change("pinyin annotation piece inside a mis-decoded run removed",
                                                 original=f, replacement="", offset=p)
                        for p, f in reading.fragments]
            kept.append((reading.start, reading.end))
        last_end = reading.end
    edits.sort(key=lambda e: e.start)
    edit_map = EditMap(edits)
    for change in changes:
        if change.offset is not None:
            change.offset = stripped.source_map.to_source(change.offset)
    return Step(apply_edits(text, edits), stripped.changes + changes,
                 ChainedMap([stripped.source_map, edit_map]), shift_spans(kept, edit_map))


def _run_starts(text: str):
    """Where a mis-decoded run may start: a lost-byte mark, or an odd character."""
    marks = [(m.start(), True) for m in re.finditer(re.escape(_LOST_BYTE), text)
             if _mark_starts_run(text, m.start())]
    odd = [(m.start(), False) for m in _odd_han_re().finditer(text)]
    return sorted(marks + odd)


def _mark_starts_run(text: str, pos: int) -> bool:
    pos += 1
    while (fragment := BRACKETED_SYLLABLE_FRAGMENT.match(text, pos)) and is_tone_marked_syllable(fragment.group(1)):
        pos = fragment.end()
    if text[pos:pos + 1] in ("?", "!"):
        pos += 1
    return pos < len(text) and not text[pos].isascii() and _gbk_pair(text[pos]) is not None


def strip_replacement_chars(text: str) -> Step:
    if REPLACEMENT_CHARACTER not in text:
        return Step(text, [])
    edits = [Edit(m.start(), m.end(), "") for m in re.finditer("\ufffd+", text)]
    changes = [REPLACEMENT_CHAR.change("U+FFFD from decoding removed: the character it stood for is lost",
                                       original=text[e.start:e.end], replacement="", offset=e.start)
               for e in edits]
    return Step(apply_edits(text, edits), changes, EditMap(edits))


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
    step = mojibake_step(text)
    return step.text, step.changes
