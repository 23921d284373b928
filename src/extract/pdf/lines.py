"""Chars -> lines: chars on one baseline, split at wide gaps; superscripts become `^[n]` markers."""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from dataclasses import dataclass

from ..text import MARKER_BODY, is_cjk
from .chars import Char
from .settings import PdfSettings

MARKER_RUN = re.compile(rf"(?:\[\s*{MARKER_BODY}\s*\])+")
MARKER_BARE = re.compile(MARKER_BODY)
CLOSING = set("，。、；：？！）》」』】〉”’…,.;:?!)]}%")
OPENING = set("（《「『【〈“‘([{")


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
    # filled in by the layout:
    left: float = 0.0  # the column's left and right edges
    right: float = 0.0
    region: tuple = ()  # (page, band, column): lines of one region follow each other vertically
    layout: tuple = ()  # (number of gutters on the page, column index or None for full width)
    first_in_region: bool = False
    last_in_region: bool = False

    def __post_init__(self) -> None:
        self.chars.sort(key=lambda c: c.x0)
        ink = [c for c in self.chars if not c.is_space] or self.chars
        sizes: defaultdict[float, float] = defaultdict(float)
        for c in ink:  # by printed width: three small chars of a marker do not outweigh two Han chars
            sizes[c.size] += max(c.x1 - c.x0, 0.01)
        self.size = max(sizes, key=lambda s: (sizes[s], s))
        main = [c for c in ink if abs(c.size - self.size) <= 0.5] or ink
        self.baseline = statistics.median(c.baseline for c in main)
        self.bold = sum(c.bold for c in main) * 2 > len(main)
        self.x0, self.x1 = min(c.x0 for c in ink), max(c.x1 for c in ink)
        self.top, self.bottom = min(c.top for c in main), max(c.bottom for c in main)
        self.starts_with_space = self.chars[0].is_space
        self.ends_with_space = self.chars[-1].is_space
        self.text, self.first_unit = self._render(ink)

    def is_superscript(self, c: Char) -> bool:
        s = self.settings
        return (c.size <= s.superscript_size_ratio * self.size
                and self.baseline - c.baseline >= s.superscript_rise * self.size)

    def _render(self, ink: list[Char]) -> tuple[str, float]:
        """Text of the line with spaces where drawn or where Latin chars leave a gap,
        superscript runs as `^[n]` markers; and the width of the first unit."""
        out: list[str] = []
        pending_space = False
        prev: Char | None = None
        sup: list[Char] = []

        def flush_sup() -> None:
            if sup:
                out.append(marker_text("".join(c.text for c in sup)))
                sup.clear()

        for c in self.chars:
            if c.is_space:
                pending_space = bool(out or sup)
                continue
            superscript = self.is_superscript(c)
            if prev is not None and not pending_space:
                gap = c.x0 - prev.x1
                if gap > self.settings.space_gap * self.size and not (is_cjk(c.text) and is_cjk(prev.text)):
                    pending_space = True
            if not superscript:
                flush_sup()
            if pending_space and (out or sup):
                flush_sup()
                out.append(" ")
            pending_space = False
            if superscript:
                sup.append(c)
            else:
                out.append(c.text)
            prev = c
        flush_sup()
        # first unit: opening punctuation, a Han char or Latin word, then closing punctuation,
        # Latin chars and superscripts glued to it: what the line before had no room for
        k = 0
        while k < len(ink) - 1 and ink[k].text in OPENING:
            k += 1
        first = ink[0]
        end = ink[k].x1
        for c in ink[k + 1 :]:  # no line break inside a Latin run or before closing punctuation
            if c.x0 - end > self.settings.space_gap * self.size:
                break
            if self.is_superscript(c) or c.text in CLOSING or not is_cjk(c.text):
                end = c.x1
            else:
                break
        return "".join(out), end - first.x0


def marker_text(raw: str) -> str:
    """`[2]`, `2`, `[3-5]`, `[1][4]` -> `^[2]`, `^[2]`, `^[3-5]`, `^[1]^[4]`; other superscripts stay text."""
    s = raw.strip()
    if MARKER_RUN.fullmatch(s):
        return "".join(f"^[{m.strip()}]" for m in re.findall(r"\[([^\]]+)\]", s))
    if MARKER_BARE.fullmatch(s):
        return f"^[{s}]"
    return raw


def group_lines(chars: list[Char], page: int, s: PdfSettings) -> list[Line]:
    """Chars -> lines: cluster by baseline, then split each cluster at wide gaps."""
    ink = sorted((c for c in chars if not c.is_space), key=lambda c: c.baseline)
    rows: list[list[Char]] = []
    for c in ink:
        if rows:
            last = rows[-1][-1]
            if c.baseline - last.baseline <= s.line_tolerance * max(c.size, last.size):
                rows[-1].append(c)
                continue
        rows.append([c])
    spaces = [c for c in chars if c.is_space]
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda c: c.x0)
        parts: list[list[Char]] = [[row[0]]]
        for c in row[1:]:
            prev = parts[-1][-1]
            if c.x0 - prev.x1 > s.fragment_gap * max(c.size, prev.size):
                parts.append([c])
            else:
                parts[-1].append(c)
        top, bottom = min(c.top for c in row), max(c.bottom for c in row)
        for part in parts:
            x0, x1 = part[0].x0, max(c.x1 for c in part)
            # space glyphs inside the fragment or touching its ends belong to it
            part += [sp for sp in spaces if top - 1 <= (sp.top + sp.bottom) / 2 <= bottom + 1
                     and x0 - sp.size * 0.6 <= (sp.x0 + sp.x1) / 2 <= x1 + sp.size * 0.6]
            lines.append(Line(part, page, s))
    return lines
