"""Columns of a page: gutters from the x-distribution of its lines, and the column of each item."""

from __future__ import annotations

import itertools
import statistics

from .lines import Line
from .settings import PdfSettings
from .tables import TableItem


def find_gutters(lines: list, s: PdfSettings) -> list[tuple[float, float]]:
    """Vertical strips that (almost) no narrow line crosses, with enough lines on both
    sides. A few crossing lines (a centered title, a page number) are full-width items.
    A table counts as `column_min_lines` lines of its width."""
    lines = [it for it in lines for _ in range(s.column_min_lines if isinstance(it, TableItem) else 1)]
    if len(lines) < 2 * s.column_min_lines:
        return []
    left, right = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    width = right - left
    narrow = [ln for ln in lines if ln.x1 - ln.x0 <= s.narrow_line_ratio * width]
    if len(narrow) < 2 * s.column_min_lines:
        return []
    allowed = max(1, int(s.gutter_crossing_ratio * len(narrow)))
    events = sorted([(ln.x0, 1) for ln in narrow] + [(ln.x1, -1) for ln in narrow])
    segments, depth = [], 0  # (x0, x1, lines covering it)
    for (x, step), (nx, _) in zip(events, events[1:] + [(right, 0)]):
        depth += step
        if nx > x:
            segments.append((x, nx, depth))
    free = []
    for low, run in itertools.groupby(segments, key=lambda seg: seg[2] <= allowed):
        group = list(run)
        if not low:
            continue
        least = min(seg[2] for seg in group)  # the strip's core: where the fewest lines cross
        cores = [list(g) for k, g in itertools.groupby(group, key=lambda seg: seg[2] == least) if k]
        core = max(cores, key=lambda c: c[-1][1] - c[0][0])
        if core[-1][1] - core[0][0] >= s.column_gap_min:
            free.append((core[0][0], core[-1][1]))
    gutters = []
    for g0, g1 in free:
        if not (left + 0.15 * width <= (g0 + g1) / 2 <= right - 0.15 * width):
            continue
        n_left = sum(ln.x1 <= g0 + 0.5 for ln in narrow)
        n_right = sum(ln.x0 >= g1 - 0.5 for ln in narrow)
        if n_left >= s.column_min_lines and n_right >= s.column_min_lines:
            gutters.append((g0, g1))
    return gutters


def text_columns(lines: list[Line], tables: list[TableItem], gutters, s: PdfSettings) -> bool:
    """Columns of running text: side by side over some height (not a few centered lines
    right of some headings), and most lines of each column fill it there (the columns of
    an unruled table do not)."""
    bounds = [float("-inf")] + [g for pair in gutters for g in pair] + [float("inf")]
    columns = []
    for k in range(len(gutters) + 1):
        lo, hi = bounds[2 * k], bounds[2 * k + 1]
        columns.append([it for it in list(lines) + list(tables) if it.x0 >= lo - 0.5 and it.x1 <= hi + 0.5])
    if not all(columns):
        return False
    top = max(min(it.top for it in col) for col in columns)
    bottom = min(max(it.bottom for it in col) for col in columns)
    for col in columns:  # columns run side by side: each has lines beside the others
        beside = sum(s.column_min_lines if isinstance(it, TableItem) else 1
                     for it in col if it.top <= bottom and it.bottom >= top)
        if beside < s.column_min_lines:
            return False
    for col in columns:
        members = [ln for ln in col if isinstance(ln, Line) and top <= (ln.top + ln.bottom) / 2 <= bottom]
        if len(members) < 2:  # a column holding only a table, or a line or two
            continue
        extent = max(ln.x1 for ln in members) - min(ln.x0 for ln in members)
        if statistics.median(ln.x1 - ln.x0 for ln in members) < s.text_column_fill * extent:
            return False
    return True


def column_of(it, gutters) -> int | None:
    """Index of the column an item sits in; None when it spans a gutter."""
    for g0, g1 in gutters:
        if it.x0 < g1 - 0.5 and it.x1 > g0 + 0.5:
            return None
    return sum(it.x0 >= g1 - 0.5 for _, g1 in gutters)
