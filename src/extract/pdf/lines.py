"""Chars -> lines: chars on one baseline, split at wide gaps; superscripts become `^[n]` markers.

Two lines whose baselines are closer than `line_tolerance` stay two lines when their glyphs
overlap horizontally (lines printed over each other, not one line with a raised marker).
Raised digits right after a Latin letter or digit (`m⁴`, `10³`) are exponents, written as
superscript digits, not markers; in a paper whose raised citations print their brackets, a raised bare
number calling a footnote printed lower on its page is written raised too (`raised_footnote_callouts`).
A soft hyphen (U+00AD, which LaTeX fonts draw for `-`) is a hyphen inside a line and a hyphenation
point at its end (`joining`).
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import InitVar, dataclass
from operator import attrgetter

from ..text import MARKER_BODY, SOFT_HYPHEN, is_cjk
from .chars import Char
from .settings import PdfSettings

SUPERSCRIPT_DIGITS = str.maketrans("0123456789+-−", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻")
MARKER_RUN = re.compile(rf"(?:\[\s*{MARKER_BODY}\s*\])+")
MARKER_BARE = re.compile(MARKER_BODY)
CLOSING = set("，。、；：？！）》」』】〉”’…,.;:?!)]}%")
OPENING = set("（《「『【〈“‘([{")
_X0, _BASELINE = attrgetter("x0"), attrgetter("baseline")
_X1, _TOP, _BOTTOM = attrgetter("x1"), attrgetter("top"), attrgetter("bottom")
_BOLD, _HEI, _MATH = attrgetter("bold"), attrgetter("hei"), attrgetter("math")
_SIZE, _TEXT = attrgetter("size"), attrgetter("text")


def median(values: Iterable[float]) -> float:
    """statistics.median of non-empty values (the same value), without its generality: called per line and run."""
    values = sorted(values)
    n = len(values)
    if n % 2:
        return values[n // 2]
    return (values[n // 2 - 1] + values[n // 2]) / 2


@dataclass
class Line:
    """Chars on one baseline without a wide gap: a line of a column, a cell, a header."""

    chars: list[Char]
    page: int
    settings: PdfSettings
    text: str = ""
    size: float = 0.0
    bold: bool = False
    baseline: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    first_unit: float = 0.0  # width of the first word (Han char + closing punctuation, or Latin word)
    ends_with_space: bool = False
    starts_with_space: bool = False
    math: float = 0.0  # share of the line's glyphs set in a math font
    hei: bool = False  # most glyphs in a 黑体 face
    # filled in by the layout:
    left: float = 0.0  # the column's left and right edges
    right: float = 0.0
    region: tuple = ()  # (page, band, column): lines of one region follow each other vertically
    layout: tuple = ()  # (number of gutters on the page, column index or None for full width)
    first_in_region: bool = False
    last_in_region: bool = False
    page_width: float | None = None
    hangs: bool = False  # a list item's continuation line under the text after its label (blocks.hanging)
    # raised markers as printed: offsets in `text` of each `^[n]` printed as a bare raised number (no brackets),
    # and how many were printed with their brackets (`raised_footnote_callouts` tells call-outs from citations)
    bare_marks: tuple[int, ...] = ()
    bracketed_marks: int = 0
    # group_lines' word that `chars` are one run in x0 order without a space glyph (no sort, no space to look for)
    one_run: InitVar[bool] = False

    def __post_init__(self, one_run: bool) -> None:
        # one pass of map with attrgetter per quantity (faster than a loop computing all; on the bench's lines,
        # half of them under 15 glyphs, faster than a list comprehension, which costs a call of its own in
        # Python 3.11): this runs for every line of every page and table cell
        chars = self.chars
        if one_run:
            space = [False] * len(chars)
        else:
            chars.sort(key=_X0)
            space = [c.text.isspace() for c in chars]
        ink = ([c for c, blank in zip(chars, space) if not blank] or chars) if True in space else chars
        sizes = set(map(_SIZE, ink))
        if len(sizes) == 1:  # one size (most lines): it is the line's, every glyph is main
            self.size = size = ink[0].size
            main = ink
        else:
            weights: dict[float, float] = {}
            for c in ink:  # by printed width: three small chars of a marker do not outweigh two Han chars
                width = c.x1 - c.x0
                weights[c.size] = weights.get(c.size, 0.0) + (0.01 if width < 0.01 else width)
            self.size = size = max(weights, key=lambda s: (weights[s], s))
            main = [c for c in ink if abs(c.size - size) <= 0.5] or ink
        self.baseline = median(map(_BASELINE, main))
        half = len(main) / 2
        self.bold = sum(map(_BOLD, main)) > half
        self.hei = sum(map(_HEI, main)) > half
        self.x0, self.x1 = ink[0].x0, max(map(_X1, ink))  # ink is in x0 order
        self.top, self.bottom = min(map(_TOP, main)), max(map(_BOTTOM, main))
        self.starts_with_space, self.ends_with_space = space[0], space[-1]
        self.math = sum(map(_MATH, ink)) / len(ink)
        self.text, self.first_unit = self._render(ink, space, min(sizes))

    def is_superscript(self, c: Char) -> bool:
        s = self.settings
        return (c.size <= s.superscript_size_ratio * self.size
                and self.baseline - c.baseline >= s.superscript_rise * self.size)

    def _cjk_space_gap(self, ink: list[Char], cjk: list[bool]) -> float:
        """The gap (pt) between two Chinese chars that is a space: `cjk_space_gap` ems (a label and its value
        across a column), or `cjk_word_gap` ems in a line whose Chinese chars otherwise touch (most gaps under
        `cjk_tight_gap`): words set apart by a wide gap, as keyword lists print them. A letter-spaced line
        (`题　　目`, a justified line) has no touching chars and keeps the wide threshold. `cjk`: is_cjk of
        each glyph of `ink`."""
        s = self.settings
        if cjk.count(True) > s.cjk_tight_min_gaps:  # else too few Chinese chars for that many gaps between them
            gaps = [ink[i + 1].x0 - ink[i].x1 for i in range(len(ink) - 1) if cjk[i] and cjk[i + 1]]
            if len(gaps) >= s.cjk_tight_min_gaps and statistics.median(gaps) < s.cjk_tight_gap * self.size:
                return s.cjk_word_gap * self.size
        return s.cjk_space_gap * self.size

    def _flush_sup(self, sup: list[Char], base: Char | None, out: list[str], bare: list[int]) -> int:
        """A run of superscript glyphs (emptied) into `out`: an exponent right after `base` (the last glyph
        on the baseline), else a marker (a bare one's offset in the text into `bare`); 1 for a bracketed one."""
        raw = "".join([c.text for c in sup])
        exponent = (base is not None and re.fullmatch(r"[A-Za-z0-9)]", base.text[-1:]) is not None
                    and sup[0].x0 - base.x1 < self.settings.space_gap * self.size
                    and re.fullmatch(r"[-−+]?\d{1,2}", raw) is not None)
        sup.clear()
        if exponent:
            out.append(raw.translate(SUPERSCRIPT_DIGITS))
            return 0
        marker = marker_text(raw)
        bracketed = 0
        if marker != raw:
            if raw.strip().isdigit():
                bare.append(sum(map(len, out)))
            elif MARKER_RUN.fullmatch(raw.strip()):
                bracketed = 1
        out.append(marker)
        return bracketed

    def _render_raised(self, ink: list[Char], cjk: list[bool], raised: list[bool], spaced: set[int],
                       cjk_gap: float, latin_gap: float) -> str:
        """`_render`'s text of a line with superscripts (`raised`: each glyph's), glyph by glyph."""
        out: list[str] = []
        append = out.append
        sup: list[Char] = []
        bare: list[int] = []
        bracketed = 0
        base: Char | None = None  # the last glyph on the baseline, for exponents
        last_ink = ink[-1]
        prev_cjk = False
        prev_x1 = 0.0
        for k, c in enumerate(ink):
            text = c.text
            superscript = raised[k]
            c_cjk = cjk[k]
            # a drawn space; Chinese takes no space, but a column-wide gap (a label and its value) keeps one
            pending_space = k in spaced or (k > 0 and c.x0 - prev_x1 > (cjk_gap if c_cjk and prev_cjk else latin_gap))
            if sup and not superscript:
                bracketed += self._flush_sup(sup, base, out, bare)
            if pending_space:
                if sup:
                    bracketed += self._flush_sup(sup, base, out, bare)
                append(" ")
            if superscript:
                sup.append(c)
            else:
                append("-" if text == SOFT_HYPHEN and c is not last_ink else text)
                base = c
            prev_x1, prev_cjk = c.x1, c_cjk
        if sup:
            bracketed += self._flush_sup(sup, base, out, bare)
        self.bare_marks, self.bracketed_marks = tuple(bare), bracketed
        return "".join(out)

    def _render(self, ink: list[Char], space: list[bool], smallest: float) -> tuple[str, float]:
        """Text of the line with spaces where drawn or where Latin chars leave a gap,
        superscript runs as `^[n]` markers; and the width of the first unit. `space`: whether each of
        `chars` is a space glyph; `smallest`: the smallest glyph size of `ink`."""
        chars = self.chars
        s, size = self.settings, self.size
        texts = list(map(_TEXT, ink))
        cjk = cjk_flags(texts)
        latin_gap = s.space_gap * size
        # is_superscript, its two bounds computed once for the line
        sup_size = s.superscript_size_ratio * size
        sup_rise = s.superscript_rise * size
        baseline = self.baseline
        self.bare_marks, self.bracketed_marks = (), 0
        if ink is chars and space[0]:  # only space glyphs: no text
            text = ""
        else:
            n = len(ink)
            # the ink glyphs a drawn space precedes: more than one place after the glyph before in `chars`
            spaced: set[int] = set()
            if n < len(chars):
                at = [i for i, blank in enumerate(space) if not blank]
                spaced = {k for k in range(1, n) if at[k] - at[k - 1] > 1}
            raised = [c.size <= sup_size and baseline - c.baseline >= sup_rise for c in ink] \
                if smallest <= sup_size else []
            if True in raised:
                text = self._render_raised(ink, cjk, raised, spaced, self._cjk_space_gap(ink, cjk), latin_gap)
            else:  # no superscript (most lines): the glyphs' texts, a space before a drawn space or a wide gap
                if SOFT_HYPHEN in texts:
                    last_ink = ink[-1]
                    texts = ["-" if t == SOFT_HYPHEN and c is not last_ink else t for t, c in zip(texts, ink)]
                # Chinese takes no space, but a column-wide gap (a label and its value) keeps one: the gaps wider
                # than the narrowest threshold, then each against its own
                floor = min(latin_gap, s.cjk_word_gap * size, s.cjk_space_gap * size)
                wide = [k for k in range(1, n) if ink[k].x0 - ink[k - 1].x1 > floor]  # (faster than zip)
                if wide:
                    cjk_gap = self._cjk_space_gap(ink, cjk)
                    wide = [k for k in wide
                            if ink[k].x0 - ink[k - 1].x1 > (cjk_gap if cjk[k] and cjk[k - 1] else latin_gap)]
                breaks = sorted(spaced.union(wide)) if spaced else wide
                if breaks:
                    breaks.append(n)
                    text = " ".join(["".join(texts[i:j]) for i, j in zip([0, *breaks], breaks)])
                else:
                    text = "".join(texts)
        # first unit: opening punctuation, a Han char or Latin word, then closing punctuation,
        # Latin chars and superscripts glued to it: what the line before had no room for
        k = 0
        while k < len(ink) - 1 and texts[k] in OPENING:
            k += 1
        first = ink[0]
        end = ink[k].x1
        for j in range(k + 1, len(ink)):  # no line break inside a Latin run or before closing punctuation
            c = ink[j]
            if c.x0 - end > latin_gap:
                break
            if (c.size <= sup_size and baseline - c.baseline >= sup_rise) or texts[j] in CLOSING or not cjk[j]:
                end = c.x1
            else:
                break
        return text, end - first.x0


_CJK_OF: dict[str, bool] = {}  # is_cjk of each glyph text met


def cjk_flags(texts: list[str]) -> list[bool]:
    """is_cjk of each glyph text, from a table of the texts met (a page repeats a few hundred texts)."""
    known = _CJK_OF
    try:
        return list(map(known.__getitem__, texts))
    except KeyError:
        if len(known) > 100_000:
            known.clear()
        for text in texts:
            if text not in known:
                known[text] = is_cjk(text)
        return list(map(known.__getitem__, texts))


def raised_footnote_callouts(pages: list[list[Line]]) -> int:
    """A raised bare number calling a footnote is written as the raised digit it is (`¹`), no marker, in a
    paper whose raised citations print their brackets (`^[1]` printed `[1]`): more raised numbers in
    brackets than bare ones (a bare number opening a line, a footnote's own mark, not counted). On such a
    page, a bare raised `n` inside a line is a call-out when a line lower on the page opens with the bare
    raised mark `n` (the footnote). A paper citing with bare raised numbers keeps every one a marker.
    `pages`: each page's lines, rewritten in place; returns how many call-outs were written."""
    bracketed = sum(ln.bracketed_marks for lines in pages for ln in lines)
    bare = sum(1 for lines in pages for ln in lines for offset in ln.bare_marks if offset)
    if not bare or bracketed <= bare:
        return 0
    written = 0
    for lines in pages:
        notes: dict[str, float] = {}  # a footnote's number -> the baseline of its line
        for ln in lines:
            if ln.bare_marks and ln.bare_marks[0] == 0 and (found := _BARE_NUMBER.match(ln.text)):
                notes[found[1]] = max(notes.get(found[1], 0.0), ln.baseline)
        if not notes:
            continue
        for ln in lines:
            text, changed = ln.text, False
            for offset in reversed(ln.bare_marks):
                found = _BARE_NUMBER.match(text, offset) if offset else None
                if found and found[1] in notes and ln.baseline < notes[found[1]]:
                    text = text[:offset] + found[1].translate(SUPERSCRIPT_DIGITS) + text[found.end():]
                    changed = True
                    written += 1
            if changed:
                ln.text = text
                ln.bare_marks = ()
    return written


_BARE_NUMBER = re.compile(r"\^\[(\d{1,3})\]")


def marker_text(raw: str) -> str:
    """`[2]`, `2`, `[3-5]`, `[1][4]` -> `^[2]`, `^[2]`, `^[3-5]`, `^[1]^[4]`; other superscripts stay text."""
    s = raw.strip()
    if MARKER_RUN.fullmatch(s):
        return "".join(f"^[{m.strip()}]" for m in re.findall(r"\[([^\]]+)\]", s))
    if MARKER_BARE.fullmatch(s):
        return f"^[{s}]"
    return raw


def group_lines(chars: list[Char], page: int, s: PdfSettings) -> list[Line]:
    """Chars -> lines (fragments): rows of one baseline split into runs at wide gaps; a run
    joins the nearest line whose baseline is close and which it touches horizontally (a raised
    marker, a lowered letter), unless their glyphs overlap (two lines printed over each other)."""
    ink: list[Char] = []
    space_glyphs: list[Char] = []
    for c in chars:
        (space_glyphs if c.text.isspace() else ink).append(c)
    ink.sort(key=_BASELINE)
    rows: list[list[Char]] = []
    row: list[Char] = []
    last_base = last_size = 0.0
    tolerance = s.baseline_tolerance
    for c in ink:  # chars on one baseline (a small tolerance for rounding)
        size = c.size
        if row and c.baseline - last_base <= tolerance * (size if size > last_size else last_size):
            row.append(c)
        else:
            row = [c]
            rows.append(row)
        last_base, last_size = c.baseline, size
    runs: list[tuple[list[Char], float]] = []  # (glyphs by x0, right edge)
    fragment_gap = s.fragment_gap
    for row in rows:
        row.sort(key=_X0)
        run = [row[0]]
        right = row[0].x1  # the run's right edge so far
        prev_size = row[0].size
        for c in row[1:]:
            size = c.size
            if c.x0 - right > fragment_gap * (size if size > prev_size else prev_size):
                runs.append((run, right))
                run = [c]
                right = c.x1
            else:
                run.append(c)
                if c.x1 > right:
                    right = c.x1
            prev_size = size
        runs.append((run, right))
    if len(runs) == 1 and not space_glyphs:  # one run (most table cells): its line, no other to join
        return [Line(runs[0][0], page, s, one_run=True)]
    merged: list[list] = []  # [chars, baseline, size, glyphs of its biggest run, x0, x1]
    open_lines: list[list] = []  # lines a later run may still join (their baseline is near)
    mark_tolerance, line_tolerance, mark_min_size = s.mark_tolerance, s.line_tolerance, s.mark_min_size
    superscript_size_ratio = s.superscript_size_ratio
    for run, x1 in runs:
        if len(run) == 1:
            size, base = run[0].size, run[0].baseline
        else:
            size = median(map(_SIZE, run))
            base = median(map(_BASELINE, run))
        x0 = run[0].x0  # a run is in x0 order; x1: its right edge
        if open_lines:
            open_lines = [ln for ln in open_lines
                          if base - ln[1] <= mark_tolerance * (size if size > ln[2] else ln[2]) * 2]
        best = None
        for line in open_lines:
            glyphs, line_base, line_size, _, lx0, lx1 = line
            big, small = (size, line_size) if size > line_size else (line_size, size)
            if small < mark_min_size * big:
                continue  # glyphs this much smaller are a figure's labels, not part of the line
            # a mark of a few small glyphs may be raised further above its line than a line's own tolerance
            mark = len(run) <= 3 and mark_min_size * line_size <= size <= superscript_size_ratio * line_size
            reach = (mark_tolerance if mark else line_tolerance) * big
            gap = fragment_gap * big
            distance = abs(base - line_base)
            if distance <= reach and x0 <= lx1 + gap and x1 >= lx0 - gap:
                # the nearest baseline; two lines on one baseline (a subscript between two fragments) are told
                # apart by the horizontal gap: it joins the fragment it is printed against
                key = (distance, max(0.0, lx0 - x1, x0 - lx1))
                if (best is None or key < best[0]) and not overlapping(glyphs, run):
                    best = (key, line)
        if best is None:
            line = [list(run), base, size, len(run), x0, x1]
            merged.append(line)
            open_lines.append(line)
            continue
        line = best[1]
        line[0].extend(run)
        line[4], line[5] = min(line[4], x0), max(line[5], x1)
        if len(run) > line[3]:  # the line's baseline is its biggest run's
            line[1:4] = [base, size, len(run)]
    merged = attach_marks(merged, s)
    spaces = SpaceIndex(space_glyphs) if space_glyphs else None
    lines: list[Line] = []
    for part, _, _, biggest, _, _ in merged:
        # Line puts the chars in x0 order (a stable sort: the spaces after the glyphs at their x0)
        near: list[Char] = []
        if spaces is not None:
            top, bottom = min([c.top for c in part]), max([c.bottom for c in part])
            near = spaces.near(top, bottom, min([c.x0 for c in part]), max([c.x1 for c in part]))
            part += near
        # one run (its biggest), no mark joined, no space: already in x0 order
        lines.append(Line(part, page, s, one_run=not near and len(part) == biggest))
    return lines


class SpaceIndex:
    """A page's space glyphs by the height of their middle: the ones of a fragment found by
    bisection, not by a scan of the page's spaces for every fragment."""

    def __init__(self, spaces: list[Char]) -> None:
        order = sorted(range(len(spaces)), key=lambda i: (spaces[i].top + spaces[i].bottom) / 2)
        self.spaces = spaces
        self.order = order
        self.middles = [(spaces[i].top + spaces[i].bottom) / 2 for i in order]

    def near(self, top: float, bottom: float, x0: float, x1: float) -> list[Char]:
        """Space glyphs inside the fragment or touching its ends, in the page's order."""
        lo, hi = bisect_left(self.middles, top - 1), bisect_right(self.middles, bottom + 1)
        found = [i for i in self.order[lo:hi]
                 if x0 - self.spaces[i].size * 0.6 <= (self.spaces[i].x0 + self.spaces[i].x1) / 2
                 <= x1 + self.spaces[i].size * 0.6]
        return [self.spaces[i] for i in sorted(found)]


def attach_marks(merged: list[list], s: PdfSettings) -> list[list]:
    """A short line of smaller glyphs (a raised marker `[3-5]`, read before its line as runs
    come in baseline order) joins the line it is raised above when it starts within its
    width or right after its end."""
    if len(merged) < 2:  # a cell's one line: no other line to join
        return list(merged)
    out = []
    # candidates by baseline: bisection on the lines in baseline order (a window as wide as the biggest line's
    # reach, and a point more), then the exact test on them in the page's order; not a scan of every line
    order = sorted(range(len(merged)), key=lambda i: merged[i][1])
    bases = [merged[i][1] for i in order]
    window = s.mark_tolerance * max((line[2] for line in merged), default=0.0) + 1.0
    for line in merged:
        chars, base, size, _, x0, x1 = line
        host = None
        if len(chars) <= s.mark_max_glyphs:
            nearby = [merged[i] for i in sorted(order[bisect_left(bases, base - window):
                                                      bisect_right(bases, base + window)])]
            near = [other for other in nearby if other is not line and len(other[0]) > 3
                    and s.mark_min_size * other[2] <= size <= s.superscript_size_ratio * other[2]
                    and abs(base - other[1]) <= s.mark_tolerance * other[2]
                    and other[4] - other[2] <= x0 <= other[5] + s.fragment_gap * other[2]]
            host = min(near, key=lambda other: abs(base - other[1]), default=None)
        if host is None:
            out.append(line)
        else:
            host[0].extend(chars)
    return out


def overlapping(a: list[Char], b: list[Char]) -> bool:
    """Two rows are two lines printed over each other when glyphs of about one size overlap
    pairwise, three pairs or more, each by more than half the narrower glyph (glyphs kerned
    into their neighbours, like the A and E of LaTeX, belong to the line)."""
    size_a, size_b = statistics.median(c.size for c in a), statistics.median(c.size for c in b)
    if min(size_a, size_b) < 0.8 * max(size_a, size_b) or min(len(a), len(b)) < 3:
        return False
    spans_a = sorted((c.x0, c.x1) for c in a)
    spans_b = sorted((c.x0, c.x1) for c in b)
    pairs = 0
    i = j = 0
    while i < len(spans_a) and j < len(spans_b):
        (a0, a1), (b0, b1) = spans_a[i], spans_b[j]
        if min(a1, b1) - max(a0, b0) > 0.5 * min(a1 - a0, b1 - b0):
            pairs += 1
            if pairs >= 3:
                return True
        if a1 < b1:
            i += 1
        else:
            j += 1
    return False
