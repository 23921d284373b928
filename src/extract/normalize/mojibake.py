"""GBK text decoded one byte out of step: re-aligned only when the re-aligned text is clearly better, else flagged.

The damage: a character's lead byte is lost (a web converter printed `?` in its
place), and the bytes after it are read in pairs one byte out of step: (trail byte,
next lead byte) -> a wrong character. Full-width marks made that way (`？` from A3BF)
were later folded to ASCII (`?`, `!`, `,`, `;`...). Decoding falls back in step at a
trail byte that is an ASCII letter (0x40-0x7E: it stands as that letter), before an
ASCII character of the source (its orphaned lead byte is lost), or where a pair was
invalid and dropped.

A run starts at a lost-byte mark `?` glued to what follows (a folded mark, a Han
character, or one ASCII letter: the lost character's own trail byte), or, without a
mark, at a character real text hardly has (Han outside GB2312 and its Traditional
forms, Cyrillic, Greek, kana, box drawing). It is read pair by pair (`_read_run`).

Repaired ("mojibake_repaired") only when all of these hold, so that a repair is never
a guess: the run starts at the mark and ends exactly at a trail-byte letter; its bytes
re-aligned decode as GBK into common characters only (GB2312 level 1, their
Traditional forms, CJK punctuation); and the re-aligned reading, with one neighbour on
each side, has at least one character pair attested in OpenCC's phrase dictionaries
and more than the damaged run has (`plausibility`). The character whose lead byte was
lost cannot be known: it is left out, and the flag names its trail byte.

Otherwise the run is kept as it is and flagged ("mojibake_suspect") with its offset
and its re-aligned reading, if it has one. A kept run covers only the damaged
characters: it ends where the text reads as real text again (its first attested
pair), so clean text after it is normalized as usual.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..model import Change
from ..schema.flags import MOJIBAKE_REPAIRED, MOJIBAKE_SUSPECT
from ..text import HAN_RE, HAN_SUPPLEMENTARY, HAN_UNIFIED_BMP, block_chars, char_class, literal_spans
from .edits import ChainedMap, Edit, EditMap, Step, apply_edits, inside, shift_spans
from .plausibility import COMMON_PUNCTUATION, attested, attested_pairs, first_attested, is_common
from .script import han_tables
from .textless import has_textless, strip_textless

LOST_BYTE = "?"  # what the damage left where a lead byte went missing
_ODD_SYMBOLS = ("\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u1e3f\u2160-\u217f\u2460-\u249b"
                "\u2500-\u257f\u3040-\u30ff\u3105-\u312f")
MAX_SPAN = 512  # characters of a mis-decoded run looked at (a kept run is cut where clean text resumes)
MIN_ODD_UNMARKED = 2  # odd characters a run without a lost-byte mark needs before it is suspected
MAX_FOLDED = 3  # ASCII characters in a row read as folded full-width marks when GBK text follows them
_ASCII_GROUP = re.compile(r"[\x21-\x7e]+")
FOLDED_MARKS = ",;:"  # full-width marks folded to ASCII by the damage (a real `，?：` does not occur)
CLEAN_STRETCH = 6  # characters after a run's end that must all be common for the run to end there


@functools.cache
def _gbk_pair(char: str) -> bytes | None:
    try:
        encoded = char.encode("gbk")
    except UnicodeEncodeError:
        return None
    return encoded if len(encoded) == 2 else None


@functools.cache
def _odd_re() -> re.Pattern:
    """Han characters outside GB2312 and its Traditional forms, and symbols: rare in real text."""
    known = han_tables().known
    rare = [c for c in block_chars(HAN_UNIFIED_BMP) if c not in known]
    return re.compile(f"[{_ranges(rare)}{char_class(HAN_SUPPLEMENTARY)}{_ODD_SYMBOLS}]")


def _ranges(chars: list[str]) -> str:
    ranges: list[list[int]] = []
    for point in sorted(map(ord, chars)):
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges)


def _is_odd(char: str) -> bool:
    return bool(_odd_re().match(char))


@dataclass
class _Run:
    """A run read as GBK decoded one byte out of step."""

    start: int  # the lost-byte mark, or the first odd character
    end: int  # after the last character that can belong to the run
    marked: bool  # starts at a lost-byte mark
    data: bytes  # the run's bytes as the damage read them (a folded mark counts as its full-width form)
    letter_ends: list[tuple[int, int]]  # (text end, bytes before it) where an ASCII letter may be the last trail byte

    def reading_at(self, end: int, n_bytes: int, letter: str) -> str | None:
        """The bytes up to a trail letter one step back: None when they are not GBK (bytes lost inside)."""
        if n_bytes < 1:
            return None
        try:
            return (self.data[:n_bytes] + letter.encode("ascii"))[1:].decode("gbk")
        except UnicodeDecodeError:
            return None

    def readings(self, text: str) -> list[tuple[int, str]]:
        """(end, reading) for each trail-letter end that re-aligns to GBK."""
        return [(end, r) for end, n in self.letter_ends if (r := self.reading_at(end, n, text[end - 1]))]


def _read_run(text: str, start: int, marked: bool) -> _Run:
    """The run at `start`: pairs of GBK bytes, through folded marks, up to the first ASCII character of
    the source, a character GBK lacks, or MAX_SPAN. An ASCII letter is either the last character's trail
    byte (the run may end after it) or a full-width letter (A3xx) folded to ASCII (it may go on)."""
    data = bytearray()
    letter_ends: list[tuple[int, int]] = []
    pos = start + 1 if marked else start
    if marked and text[pos:pos + 1] in (",", ";", ":", "("):
        return _Run(start, pos, marked, b"", [])  # the lost character's trail byte went with the lead
    while pos < len(text) and pos - start <= MAX_SPAN:
        char = text[pos]
        if "\x21" <= char <= "\x7e":
            ascii_run = _ASCII_GROUP.match(text, pos)
            assert ascii_run is not None
            group, follows = ascii_run.group(), text[ascii_run.end():ascii_run.end() + 1]
            if char >= "\x40":  # a trail byte standing as an ASCII letter: back in step after it
                letter_ends.append((pos + 1, len(data)))
            if len(group) <= MAX_FOLDED and follows and _gbk_pair(follows) is not None:
                data += bytes(b for c in group for b in (0xA3, ord(c) + 0x80))  # full-width marks (A3xx) folded
                pos = ascii_run.end()
                continue
            if char >= "\x40":
                data += char.encode("ascii")
                pos += 1
            break  # ASCII of the source follows: the lead byte before it was orphaned
        pair = _gbk_pair(char)
        if pair is None:
            break
        data += pair
        pos += 1
    return _Run(start, pos, marked, bytes(data), letter_ends)


def _context(text: str, pos: int) -> str:
    return text[pos] if 0 <= pos < len(text) and HAN_RE.match(text[pos]) else ""


def _repair(text: str, run: _Run, gaps: set[int]) -> tuple[int, str] | None:
    """(end, reading) of the first trail-letter end whose reading meets the criterion (module docstring)."""
    if not run.marked:
        return None
    before = _context(text, run.start - 1)
    for end, reading in run.readings(text):
        if any(run.start < gap < end for gap in gaps) or not all(is_common(c) for c in reading):
            continue  # bytes were lost inside (a U+FFFD stood there), or a character real text hardly has
        after = _context(text, end)
        support = attested(before + reading + after)
        if (attested(reading) >= 1 and support > attested(before + text[run.start + 1:end - 1] + after)
                and _every_character_supported(before, reading, after)):
            return end, reading
    return None


def _every_character_supported(before: str, reading: str, after: str) -> bool:
    """No Han character of the reading stands in no attested pair: where bytes were lost inside the
    run, the two characters around the loss merge into one wrong character (所地 -> 素), unattested
    on both sides."""
    pairs = attested_pairs()
    text = before + reading + after
    offset = len(before)
    for i, char in enumerate(reading, start=offset):
        if not HAN_RE.match(char):
            continue
        if text[i - 1:i + 1] not in pairs and text[i:i + 2] not in pairs:
            return False
    return True


def _suspect_end(text: str, run: _Run, gaps: set[int]) -> int:
    """Where the damaged characters stop: before the first attested pair after the run's start, and not
    before the last gap inside the run (decoding was out of step up to there)."""
    body_start = end = run.start + 1 if run.marked else run.start
    while True:  # the first attested pair that clean text follows (garbage of common characters may hold one)
        found = first_attested(text[end:run.end])
        if found is None:
            end = run.end
            break
        end += found
        if _reads_clean(text[end:end + CLEAN_STRETCH]):
            break
        end += 1
    for letter_end, _ in run.letter_ends:  # back in step after a trail letter when clean text follows
        if body_start < letter_end < end and _reads_clean(text[letter_end:letter_end + CLEAN_STRETCH]):
            end = letter_end
            break
        if end <= letter_end - 1 <= end + CLEAN_STRETCH:  # a trail letter just after the cut: damage up to it
            end = letter_end
            break
    return max([end, *(gap for gap in gaps if run.start < gap <= run.end)])


def _reads_clean(stretch: str) -> bool:
    return all(c.isascii() or is_common(c) for c in stretch)


def _is_suspect(text: str, run: _Run, end: int, gaps: set[int]) -> bool:
    """Damage, not text: `gaps` are where characters that carry no text (U+FFFD...) were taken out."""
    touches_gap = any(run.start < gap <= end for gap in gaps)
    if run.marked and run.end == run.start + 1:  # only the mark: `?,` after a character, or `?` before a gap
        return True
    body = text[run.start + 1 if run.marked else run.start:end]
    if run.marked and body[:1].isdigit():  # `?` glued to a number (see _mark_starts_run)
        return True
    if not body or all("\x21" <= c <= "\x3f" for c in body):
        return touches_gap  # otherwise real text right after the mark: a question mark (`?`, `?!` and text)
    if run.marked:
        # a character after the mark in no attested pair: out of step (a real question mark is followed
        # by real text, which is in an attested pair at once in 42% of cases; the flag costs a review)
        return True
    # without a mark: odd characters, not formula signs alone (a formula's `Y=α+βX+ε`, a size `5×5×c`: out-of-step
    # GBK makes rare Han characters around any Greek letter or sign it makes), and the run ends at a trail-byte letter
    odd = [c for c in body if _is_odd(c)]
    return (len(odd) >= MIN_ODD_UNMARKED and not all(_is_formula_sign(c) for c in odd)
            and any(e <= end for e, _ in run.letter_ends))


def _may_be_suspect_unmarked(text: str, run: _Run) -> bool:
    """_is_suspect's test of a run without a mark, on the whole run (its suspect part, up to `_suspect_end`, lies
    inside it): a trail-byte letter, and two odd characters not all formula signs. False: no part of it is suspect,
    and its end need not be found (that reads the plausibility tables: a formula's Greek letters need none)."""
    odd = [c for c in text[run.start:run.end] if _is_odd(c)]
    return bool(run.letter_ends) and len(odd) >= MIN_ODD_UNMARKED and not all(_is_formula_sign(c) for c in odd)


def _is_formula_sign(char: str) -> bool:
    """A Greek letter, or the multiplication or division sign (odd by _ODD_SYMBOLS' Latin-1 range: `5×5×c`)."""
    return "\u0370" <= char <= "\u03ff" or char in "×÷"


def _run_starts(text: str, gaps: set[int]) -> list[tuple[int, bool]]:
    """Where a mis-decoded run may start: a lost-byte mark after Chinese text, or an odd character."""
    marks = [(m.start(), True) for m in re.finditer(re.escape(LOST_BYTE), text)
             if _mark_starts_run(text, m.start(), gaps)]
    odd = [(m.start(), False) for m in _odd_re().finditer(text)]
    return sorted(marks + odd)


def _mark_starts_run(text: str, pos: int, gaps: set[int]) -> bool:
    """`?` glued to what follows: a folded mark or Han (a run), one ASCII letter before Han (the lost
    character's own trail byte), `,;:` or a digit after a character (the lost character, nothing else
    left of it), a gap where U+FFFD stood."""
    after, then = text[pos + 1:pos + 2], text[pos + 2:pos + 3]
    glued_before = pos > 0 and not text[pos - 1].isspace()
    if pos + 1 in gaps:
        return True
    if not after or after in " \t\n\r":
        return False
    if not after.isascii():  # an ideographic space too: GBK A1A1, an out-of-step pair
        return _gbk_pair(after) is not None
    if after.isdigit():  # a question mark is not glued to a number on both sides (`改?3.0`, `SCI?2005`)
        return glued_before
    if after in ",;:(":
        before = text[pos - 1:pos]
        return glued_before and bool(_context(text, pos - 1) or not before.isascii() or before.isdigit()
                                     or before in FOLDED_MARKS)
    if "\x40" <= after <= "\x7e":
        before = text[pos - 1:pos]
        return bool(_context(text, pos + 2) or _context(text, pos - 1)) or (
            glued_before and not before.isalnum() and not (then.isascii() and then.isalpha()))
    group = _ASCII_GROUP.match(text, pos + 1)  # folded full-width marks (`??`, `?!=`) before GBK text
    follows = text[group.end():group.end() + 1] if group else ""
    return group is not None and len(group.group()) <= MAX_FOLDED and _gbk_pair(follows or " ") is not None


def mojibake_step(text: str) -> Step:
    if LOST_BYTE not in text and not _odd_re().search(text) and not has_textless(text):
        return Step(text, [])  # no run can start: nothing to strip, no lost-byte mark, no odd character
    return _mojibake_step(text)


def _mojibake_step(text: str) -> Step:
    raw = text
    stripped = strip_textless(text)
    text = stripped.text
    to_stripped = EditMap([Edit(c.offset, c.offset + len(c.original or ""), "") for c in stripped.changes
                           if c.offset is not None])
    gaps = {to_stripped.to_output(c.offset) for c in stripped.changes if c.offset is not None}
    literals = literal_spans(text)
    edits: list[Edit] = []
    changes: list[Change] = []
    kept: list[tuple[int, int]] = []
    last_end = 0

    def source(start: int, end: int) -> str:  # the span as the step received it (U+FFFD... included)
        return raw[stripped.source_map.to_source(start):stripped.source_map.to_source(end)]

    for start, marked in _run_starts(text, gaps):
        if start < last_end or inside(start, literals):
            continue
        run = _read_run(text, start, marked)
        repair = _repair(text, run, gaps)
        if repair:
            end, reading = repair
            edits.append(Edit(run.start, end, reading))
            changes.append(MOJIBAKE_REPAIRED.change(
                f"GBK bytes decoded one byte out of step, re-aligned; {_lost_character_note(run)}",
                original=source(run.start, end), replacement=reading, offset=run.start))
            last_end = end
            continue
        if not run.marked and not _may_be_suspect_unmarked(text, run):
            continue  # the whole run fails what _is_suspect asks of one without a mark: so does any part of it
        end = _suspect_end(text, run, gaps)
        if not _is_suspect(text, run, end, gaps):
            continue
        end = max(end, run.start + 1)
        changes.append(MOJIBAKE_SUSPECT.change(_suspect_note(text, run, end), original=source(run.start, end),
                                               offset=run.start))
        kept.append((run.start, end))
        last_end = end
    edits.sort(key=lambda e: e.start)
    edit_map = EditMap(edits)
    for change in changes:
        if change.offset is not None:
            change.offset = stripped.source_map.to_source(change.offset)
    return Step(apply_edits(text, edits), stripped.changes + changes,
                ChainedMap([stripped.source_map, edit_map]), shift_spans(kept, edit_map))


def _lost_character_note(run: _Run) -> str:
    trail = run.data[0]
    candidates = [c for c in (bytes([lead, trail]).decode("gbk", errors="ignore") for lead in range(0xA1, 0xB0))
                  if c in COMMON_PUNCTUATION]
    likely = f" (punctuation with it: {' '.join(candidates)})" if candidates else ""
    return f"the first character's lead byte is lost (its trail byte {trail:02x}{likely}): it is left out"


def _suspect_note(text: str, run: _Run, end: int) -> str:
    readings = [r for _, r in run.readings(text)]
    if run.marked and end == run.start + 1:
        why = "a character whose lead byte was lost (only the mark `?` is left)"
    elif run.marked and readings:
        why = (f"re-aligned it reads {readings[0]!r}, which is not clearly better "
               "(uncommon characters, or characters in no attested pair: bytes lost inside the run?)")
    elif run.marked:
        why = "its bytes do not re-align to GBK (bytes lost inside the run, or no trail byte ends it)"
    else:
        why = "no lost-byte mark: where the run starts is uncertain"
    return f"looks like GBK decoded one byte out of step: {why}; kept as it is"


def repair_mojibake(text: str) -> tuple[str, list[Change]]:
    """Re-align spans of GBK text decoded one byte out of step, or keep and flag them (module docstring).

    U+FFFD, control and Private Use Area characters are removed first, each flagged.
    """
    step = mojibake_step(text)
    return step.text, step.changes
