"""Text decoded twice: Chinese bytes once read as Windows-1252 / Latin-1 and saved again.

Two forms reach us from web pages and old tools, both whole lines of Latin letters where
Chinese should be:

- UTF-8 read as Windows-1252 (`åŸŽå¸‚æ²»ç†` for `城市治理`): undone by ftfy's
  `fix_encoding`, which re-encodes only where the result is clearly better text;
- GBK read as Latin-1 / Windows-1252 (`³ÇÊÐÖÎÀí` for `城市治理`): the line (else each
  run of four or more Latin-1 letters) re-encoded and decoded as GB18030, kept only when
  every non-ASCII character it gives is a common Han character (GB2312 level 1) or CJK
  punctuation, three Han characters at least; `café`, `Müller`, `ÅÄÖ` do not.

This is part of reading the file: the repaired text is the paper's decoded text (what
the accounting counts and `*_source` columns hold). One `encoding_repaired` flag per
form names how many lines were repaired and shows the first one before and after.
"""

from __future__ import annotations

import functools
import re

from ..model import Change
from ..schema.flags import ENCODING_REPAIRED
from ..text import CJK_PUNCTUATION, GB2312_LEVEL_1, gb2312_chars

# a UTF-8 lead byte read as Windows-1252 followed by a continuation byte read so
_UTF8_AS_CP1252 = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                             "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
_LATIN1_RUN = re.compile("[\u00a1-\u00ff]{4,}")
_SHOWN = 120
MIN_HAN = 3  # Han characters a re-read must give (four Latin-1 letters may read as two by chance)
_WIDE_MARK = re.compile(f"[{CJK_PUNCTUATION}\uff10-\uff5a]")  # CJK punctuation, full-width letters and digits


def repair_misdecoded(text: str) -> tuple[str, list[Change]]:
    """The text with lines that hold twice-decoded Chinese repaired, and a flag per form repaired."""
    if not _UTF8_AS_CP1252.search(text) and not _LATIN1_RUN.search(text):
        return text, []
    lines = text.split("\n")
    repaired: dict[str, list[tuple[str, str]]] = {"utf-8": [], "gbk": []}
    for i, line in enumerate(lines):
        fixed = line
        if _LATIN1_RUN.search(fixed):  # first: UTF-8 decoding would read some GBK byte pairs as Cyrillic
            fixed = _gbk_text(fixed) or _LATIN1_RUN.sub(lambda m: _gbk_text(m.group()) or m.group(), fixed)
            if fixed != line:
                repaired["gbk"].append((line, fixed))
        if _UTF8_AS_CP1252.search(fixed):
            again = _fix_utf8(fixed)
            if again != fixed:
                repaired["utf-8"].append((fixed, again))
                fixed = again
        lines[i] = fixed
    changes = []
    for form, pairs in repaired.items():
        if pairs:
            before, after = pairs[0]
            how = "UTF-8 read as Windows-1252" if form == "utf-8" else "GBK read as Latin-1"
            changes.append(ENCODING_REPAIRED.change(
                f"{len(pairs)} line(s) held Chinese text decoded twice ({how}) and were repaired; the first one "
                f"is shown before and after", original=before[:_SHOWN], replacement=after[:_SHOWN]))
    return "\n".join(lines), changes


_OTHER_SCRIPTS = re.compile("[\u0370-\u052f\u0590-\u06ff]")  # Greek, Cyrillic, Hebrew, Arabic


def _fix_utf8(line: str) -> str:
    """ftfy's repair, unless it brings in letters of another script (GBK pairs it took for Cyrillic)."""
    import ftfy  # loaded only for a file that needs it

    fixed = ftfy.fix_encoding(line)
    if len(_OTHER_SCRIPTS.findall(fixed)) > len(_OTHER_SCRIPTS.findall(line)):
        return line
    return fixed


def _gbk_text(text: str) -> str | None:
    """`text` (Latin-1 letters and ASCII) read back as the GBK bytes it was decoded from, when that gives
    Chinese text: MIN_HAN Han characters at least, every non-ASCII character common Han or CJK punctuation."""
    try:
        decoded = text.encode("cp1252" if any(c > "\u00ff" for c in text) else "latin-1").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    common = _common_han()
    wide = [c for c in decoded if not c.isascii()]
    if sum(c in common for c in wide) >= MIN_HAN and all(c in common or _WIDE_MARK.match(c) for c in wide):
        return decoded
    return None


@functools.cache
def _common_han() -> frozenset[str]:
    return frozenset(gb2312_chars(GB2312_LEVEL_1))
