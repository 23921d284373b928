"""In-text citation markers: find them, take them out of the text, expand their numbers.

Markers are bracketed reference numbers, printed superscript or inline: `^[3]`, `[3]`,
`[3-5]`, `[3,6]`, `[3，6]`, `[3–5]`, `[3—5]`, `［3］`, `^[3,5-7]`, a range across two
brackets `[3]-[5]`, and a number with a locator `[10; 第 186 页]`, `[3, p. 12]` (the
locator is kept in `marker`, not in `ref_nos`); the grammar is `text.CITATION_MARKER`.
Not markers: type codes
(`[EB/OL]`, `[J]`), dates and years (`[2018-12-20]`, `[2016]`: numbers above 999 never
are), `[0]` without a caret, a bracketed number opening a line without `^` (a
reference-list label), and brackets inside a URL.

A range spanning more than `MAX_RANGE_SPAN` numbers, or running backwards, is not
expanded: its `ref_nos` hold the two end points and the marker carries `suspect: True`
so the caller can flag it. A caret marker holding 0 (`^[0]`, `^[0,2]`) is a marker all
the same (the caret says superscript); 0 cites nothing, so it is left out of `ref_nos`
and the marker is suspect.
"""

from __future__ import annotations

import re
import unicodedata

from ..text import CITATION_MARKER as _MARKER
from ..text import MARKER_DASH
from ..text import MARKER_ITEM_RE as _BODY_ITEM
from ..text import SPACES as _SPACES
from ..text import URL as _URL
from ..text import is_han as _is_han
from ..text import is_wide as _is_wide

MAX_RANGE_SPAN = 50

_DIGITS = re.compile(r"\d+")
_DASHES = re.compile(MARKER_DASH)
_JOIN_WINDOW = 40  # longer than any marker
_LINE_BREAKS = "\t\n\r"
_CLOSING = ".,;:!?)]}>%”’"
_OPENING = "([{<“‘"
_ASCII_PUNCTUATION_WITH_SPACE = ",;:.!?"


def expand_marker(marker: str) -> list[int]:
    """`^[3,5-7]` -> [3, 5, 6, 7]: numbers in order, ranges expanded, repeats dropped.

    A suspect range (backwards, or wider than MAX_RANGE_SPAN) gives its two end points.
    Raises ValueError for a string that is not a citation marker.
    """
    match = _MARKER.fullmatch(marker.strip())
    if not match:
        raise ValueError(f"not a citation marker: {marker!r}")
    numbers: list[int] = []
    for first, last in _ranges(match):
        span = range(first, last + 1) if not _is_suspect_range(first, last) else (first, last)
        numbers.extend(n for n in span if n not in numbers and n > 0)  # 0 is no reference number
    return numbers


def _ranges(match: re.Match) -> list[tuple[int, int]]:
    """(first, last) of each item of a marker; `[3]-[5]` extends its last item to 5."""
    ranges = [(int(i["first"]), int(i["last"] or i["first"])) for i in _BODY_ITEM.finditer(match["body"])]
    if match["until"]:
        ranges[-1] = (ranges[-1][0], int(match["until"]))
    return ranges


def is_suspect_marker(marker: str) -> bool:
    """True when the marker holds 0 or a range that `expand_marker` does not expand."""
    match = _MARKER.fullmatch(marker.strip())
    return match is not None and (
        0 in _numbers(match["body"]) or any(_is_suspect_range(*r) for r in _ranges(match)))


def _is_suspect_range(first: int, last: int) -> bool:
    return last < first or last - first >= MAX_RANGE_SPAN


def extract_citation_markers(text: str) -> tuple[str, list[dict]]:
    """Text with its citation markers removed, and one dict per marker.

    Each dict: `marker` (as written), `ref_nos` (see `expand_marker`), `char_offset`
    (where the marker stood in the returned text) and `suspect`. The spaces a marker
    leaves are collapsed: none next to Chinese text or before closing punctuation,
    one between Latin words; tabs and line breaks are kept. Markers whose removal would
    join the text around them into a new superscript marker (`^[[3]12]`) are left as written.
    """
    if "[" not in text and "［" not in text:  # every marker opens with a bracket
        return text, []
    matches = _citation_markers(text)
    pieces: list[str] = []
    found: list[dict] = []
    length = position = 0
    tail = ""  # the end of the text returned so far
    for cluster in _adjacent_clusters(text, matches):
        start = _skip_spaces_backward(text, cluster[0].start(), position)
        end = _skip_spaces_forward(text, cluster[-1].end())
        had_space = start < cluster[0].start() or end > cluster[-1].end()
        gap = _gap(text[start - 1] if start else None, text[end] if end < len(text) else None, had_space)
        kept = text[position:start]
        if _joins_into_marker(tail + kept + gap, text[end:]):
            continue
        tail = (tail + kept + gap)[-_JOIN_WINDOW:]
        pieces.append(kept)
        length += len(kept)
        for match in cluster:
            found.append({
                "marker": match.group(), "ref_nos": expand_marker(match.group()),
                "char_offset": length, "suspect": is_suspect_marker(match.group()),
            })
        pieces.append(gap)
        length += len(gap)
        position = end
    pieces.append(text[position:])
    return "".join(pieces), found


_RAISED = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def raise_note_marks(text: str, note_keys: frozenset[str] | set[str]) -> str:
    """A table's note marks are no citations: a superscript marker whose numbers are all keys of notes printed
    under the table (`*^[3]` over a note `^[3] *: …`) is written as the raised number it is (`*³`); a range, a
    locator or a number no note carries stays a marker."""
    if not note_keys:
        return text

    def raised(match: re.Match) -> str:
        numbers = _DIGITS.findall(match["body"])
        if (not match["caret"] or match["locator"] or match["until"] or _DASHES.search(match["body"])
                or not all(n in note_keys for n in numbers)):
            return match.group()
        return ",".join(n.translate(_RAISED) for n in numbers)

    return _MARKER.sub(raised, text)


_RAISED_NOTE_MARK = re.compile(r"\^\[(\d{1,3})\]")


def footnote_callouts(paragraphs: list[tuple[int, int | None, int | None, str]],
                      notes: list[tuple[int | None, str | None]]) -> dict[int, frozenset[str]]:
    """The raised numbers that are footnote call-outs, per paragraph: `paragraphs` are (paragraph_no,
    page_start, page_end, text), `notes` the footnotes' (page, mark). A raised number `^[n]` in a paragraph
    printed on a page whose foot prints a footnote marked `^[n]` is the footnote's call-out, no citation, when
    the paper cites its references on the line (`[3]`): its other numeric markers are more often on the
    line than raised. A paper that cites with raised numbers (GB/T 7714 `^[3]`) keeps them all as citations:
    a raised number there cannot be told from a citation of the same number. PDF input only (a page)."""
    by_page: dict[int, set[str]] = {}
    for page, mark in notes:
        found = _RAISED_NOTE_MARK.fullmatch(mark.strip()) if page is not None and mark else None
        if found:
            by_page.setdefault(page, set()).add(found[1])  # type: ignore[arg-type]
    candidates: dict[int, frozenset[str]] = {}
    for paragraph_no, first, last, _ in paragraphs:
        if first is not None and last is not None:
            keys = frozenset().union(*(by_page.get(page, ()) for page in range(first, last + 1)))
            if keys:
                candidates[paragraph_no] = keys
    if not candidates:
        return {}
    on_line = raised = 0
    for paragraph_no, _, _, text in paragraphs:
        for marker in extract_citation_markers(raise_note_marks(text, candidates.get(paragraph_no, frozenset())))[1]:
            if marker["marker"].startswith("^"):
                raised += 1
            else:
                on_line += 1
    return candidates if on_line > raised else {}


def _joins_into_marker(left: str, right: str) -> bool:
    """True when `left + right` holds a superscript marker across the join that neither side holds."""
    left, right = left[-_JOIN_WINDOW:], right[:_JOIN_WINDOW]
    return any(m["caret"] and m.start() < len(left) < m.end() for m in _MARKER.finditer(left + right))


def _citation_markers(text: str) -> list[re.Match]:
    urls = [m.span() for m in _URL.finditer(text)]
    return [
        m for m in _MARKER.finditer(text)
        if not _inside(m, urls) and not _is_list_label(text, m) and (m["caret"] or 0 not in _numbers(m["body"]))
        and not (not m["caret"] and _in_code(text, m))
    ]


# code syntax in a stretch of text: an assignment (`W = …`, `x += 1`), a call (`tf.reshape(`), a comparison
_CODE_SYNTAX = re.compile(r"[A-Za-z_][\w.\]]*\s*(?:[-+*/%|&^]|//|\*\*)?=(?!=)|[A-Za-z_][\w.]*\("
                          r"|[\w\])]\s*[<>]=?\s*[\w(]", re.ASCII)
# four plain words in a row: English prose (`N = 100 gives the best results [5]`), not code
_PROSE_RUN = re.compile(r"(?:[A-Za-z]{2,} ){3}[A-Za-z]{2,}")
# a bracket that is an argument of a call: `f(x, [5, 5])` (an argument before it), `bias_variable([24])`,
# `tf.zeros([2])` (a name with `_` or `.`), `.resize([180, 512])` (a method); `BERT([5])` stays a citation
_CALL_ARGUMENT = re.compile(r"(?:[A-Za-z_][\w.]*\([^()\n]*,|[A-Za-z]\w*[_.]\w[\w.]*\(|\.[A-Za-z_]\w*\()\s*$",
                            re.ASCII)
# a bracket that indexes a lower-case name (`tmp[3]`, `im.size[1]`); `IX[1]`, `Adam[3]` are names citing
_INDEXED = re.compile(r"(?<![\w.])[a-z_][\w.]*$", re.ASCII)


def _in_code(text: str, match: re.Match) -> bool:
    """A bracketed list of numbers in program code is no citation (`weight_variable([5, 5, 1, 24])`,
    `x = [1, 2]`, `tmp.remove(tmp[3])`): in a stretch of the line without Han that shows code syntax
    (`_CODE_SYNTAX`) and reads as no English prose, the marker is assigned (`= [..]`), an argument of a call
    (`_CALL_ARGUMENT`, `,` or `)` after it) or an index (`_INDEXED`, an operator or `,` `)` `]` `:` after it).
    Chinese prose citing `[5, 6]` or `[1-3]` has Han around its markers and is never taken for code."""
    start = match.start()
    while start > 0 and text[start - 1] != "\n" and not _is_han(text[start - 1]):
        start -= 1
    end = match.end()
    while end < len(text) and text[end] != "\n" and not _is_han(text[end]):
        end += 1
    stretch = text[start:end]
    if _PROSE_RUN.search(stretch) or not _CODE_SYNTAX.search(stretch):
        return False
    before = text[start:match.start()]
    after = text[match.end():end].lstrip(_SPACES)[:1]
    if re.search(r"(?<![=!<>])=\s*$", before):
        return True
    if _CALL_ARGUMENT.search(before) is not None and after in (",", ")"):
        return True
    return _INDEXED.search(before) is not None and (after in ("", ",", ")", "]", ":", ";") or after in "+-*/<>=%")


def _numbers(body: str) -> list[int]:
    return [int(n) for n in _DIGITS.findall(body)]


def _inside(match: re.Match, spans: list[tuple[int, int]]) -> bool:
    return any(start <= match.start() < end for start, end in spans)


def _is_list_label(text: str, match: re.Match) -> bool:
    line_start = text.rfind("\n", 0, match.start()) + 1
    return not match["caret"] and not text[line_start:match.start()].strip()


def _adjacent_clusters(text: str, matches: list[re.Match]) -> list[list[re.Match]]:
    """Markers separated by nothing but spaces (`^[1] ^[2]`) are removed together."""
    clusters: list[list[re.Match]] = []
    for match in matches:
        if clusters and not text[clusters[-1][-1].end():match.start()].strip(_SPACES):
            clusters[-1].append(match)
        else:
            clusters.append([match])
    return clusters


def _skip_spaces_backward(text: str, index: int, floor: int) -> int:
    while index > floor and text[index - 1] in _SPACES:
        index -= 1
    return index


def _skip_spaces_forward(text: str, index: int) -> int:
    while index < len(text) and text[index] in _SPACES:
        index += 1
    return index


def _gap(left: str | None, right: str | None, had_space: bool) -> str:
    """What stands where a marker and its surrounding spaces were: one space or nothing."""
    if not had_space or left is None or right is None or left in _LINE_BREAKS or right in _LINE_BREAKS:
        return ""
    if right in _CLOSING or _is_wide(right) and unicodedata.category(right).startswith("P"):
        return ""
    if left in _OPENING or _is_wide(left):
        return ""
    if _is_wide(right):
        # an ASCII comma before Chinese text keeps the space the author typed after it
        return " " if left in _ASCII_PUNCTUATION_WITH_SPACE else ""
    return " "
