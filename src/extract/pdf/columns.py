"""Columns of a page: gutters from the x-distribution of its lines, and the column of each item.

A gutter is a vertical strip that most narrow lines leave free (`gutter_crossing_ratio` may
cross it: titles, full-width blocks, table rows) and that, in some region of the page
between lines crossing it, has `column_min_lines` lines side by side on both sides: the
column count is a region's, so a full-width title and abstract block above two columns does
not hide them. In that region the columns must hold running text (`running_text`): the gap between two
columns of an unruled table is
no gutter, and neither is the gap between a table's short first column and its long
second one. The crossing lines are full-width items (`reading_order`).
"""

from __future__ import annotations

import itertools
import statistics

from .lines import Line
from .settings import PdfSettings
from .tables import TableItem


def find_gutters(lines: list[Line], tables: list[TableItem], s: PdfSettings) -> list[tuple[float, float]]:
    """The gutters of a page (left to right); a table counts as `column_min_lines` lines of its width."""
    items = list(lines) + [t for t in tables for _ in range(s.column_min_lines)]
    if len(items) < 2 * s.column_min_lines:
        return []
    left, right = min(it.x0 for it in items), max(it.x1 for it in items)
    width = right - left
    narrow = [it for it in items if it.x1 - it.x0 <= s.narrow_line_ratio * width]
    if len(narrow) < 2 * s.column_min_lines:
        return []
    chosen: list[tuple[int, tuple[float, float]]] = []
    for g0, g1 in sorted(set(free_strips(narrow, right, s)) | set(aligned_strips(narrow, s))):
        if not (left + 0.15 * width <= (g0 + g1) / 2 <= right - 0.15 * width):
            continue
        run = side_by_side(list(lines) + list(tables), g0, g1, s)
        if run is not None and running_text(run, g0, g1, width, s):
            chosen.append((len(run), (g0, g1)))
    gutters: list[tuple[float, float]] = []
    for _, (g0, g1) in sorted(chosen, reverse=True):  # the best supported first; no two in one gap
        if all(g1 < a or g0 > b for a, b in gutters) and all(abs((g0 + g1) - (a + b)) / 2 > s.column_gap_min * 3
                                                            for a, b in gutters) \
                and columns_hold_lines(sorted([*gutters, (g0, g1)]), list(lines) + list(tables), left, right, s):
            gutters.append((g0, g1))
    return sorted(gutters)


def columns_hold_lines(gutters: list[tuple[float, float]], items: list, left: float, right: float,
                       s: PdfSettings) -> bool:
    """Every column the gutters make holds `column_min_lines` lines of its own (a table counts as many): a strip
    inside a column (between a reference list's hanging continuation lines and the biographies beside their
    photos) is no gutter."""
    edges = [left, *(x for gutter in gutters for x in gutter), right]
    return all(weight([it for it in items if a - 0.5 <= it.x0 and it.x1 <= b + 0.5], s) >= s.column_min_lines
               for a, b in zip(edges[::2], edges[1::2]))


def free_strips(narrow: list, right: float, s: PdfSettings) -> list[tuple[float, float]]:
    """Strips at least `column_gap_min` wide that at most `gutter_crossing_ratio` of the narrow
    lines cross, one per low stretch and crossing level (a wide low stretch may hold the
    gutter and a table's column gap)."""
    allowed = max(1, int(s.gutter_crossing_ratio * len(narrow)))
    events = sorted([(ln.x0, 1) for ln in narrow] + [(ln.x1, -1) for ln in narrow])
    segments, depth = [], 0  # (x0, x1, lines covering it)
    for (x, step), (nx, _) in zip(events, events[1:] + [(right, 0)]):
        depth += step
        if nx > x:
            segments.append((x, nx, depth))
    strips = set()
    for level in sorted({seg[2] for seg in segments if seg[2] <= allowed}):
        for low, run in itertools.groupby(segments, key=lambda seg: seg[2] <= level):
            group = list(run)
            if low and group[-1][1] - group[0][0] >= s.column_gap_min:
                strips.add((group[0][0], group[-1][1]))
    # the narrowest strip around each core: a strip containing another adds nothing
    return sorted(st for st in strips if not any(o != st and st[0] <= o[0] and o[1] <= st[1] for o in strips))


def aligned_strips(narrow: list, s: PdfSettings) -> list[tuple[float, float]]:
    """Strips ending where `column_min_lines` narrow lines start (a column's left edge) and
    starting where the nearest line left of that edge ends: a gutter crossed elsewhere on the
    page by titles and full-width tables is still found in the region of its columns."""
    starts: dict[int, list] = {}
    for ln in narrow:
        starts.setdefault(round(ln.x0), []).append(ln)
    out = []
    leftmost = min(starts)
    for x0, group in starts.items():
        if len(group) < s.column_min_lines or x0 <= leftmost:
            continue
        top, bottom = min(ln.top for ln in group), max(ln.bottom for ln in group)
        ends = [ln.x1 for ln in narrow if ln.x1 < x0 - 0.5 and top <= (ln.top + ln.bottom) / 2 <= bottom]
        if ends and x0 - max(ends) >= s.column_gap_min:
            out.append((max(ends), float(x0)))
    return out


def side_by_side(items: list, g0: float, g1: float, s: PdfSettings) -> list | None:
    """The biggest run of items between items crossing the strip with `column_min_lines`
    items left of it and as many right of it, beside each other; None when there is none."""
    best, run = None, []
    for it in sorted(items, key=lambda it: it.top) + [None]:
        if it is not None and not (it.x0 < g1 - 0.5 and it.x1 > g0 + 0.5):
            run.append(it)
            continue
        left = [x for x in run if x.x1 <= g0 + 0.5]
        right = [x for x in run if x.x0 >= g1 - 0.5]
        if (weight(left, s) >= s.column_min_lines and weight(right, s) >= s.column_min_lines
                and min(max(x.bottom for x in left), max(x.bottom for x in right))
                > max(min(x.top for x in left), min(x.top for x in right))
                and (best is None or len(run) > len(best))):
            best = run
        run = []
    return best


def weight(items: list, s: PdfSettings) -> int:
    """Lines count one, a table `column_min_lines`."""
    return sum(s.column_min_lines if isinstance(it, TableItem) else 1 for it in items)


def running_text(run: list, g0: float, g1: float, width: float, s: PdfSettings) -> bool:
    """Columns of text: both sides of the strip hold running text (lines that mostly fill a
    column's width, `text_column_min` of the text width at least), or one does and the
    other's items do not stand on its baselines (a figure's or table's column beside a text
    column). Two columns of an unruled table do not pass: a row's cells share a baseline."""
    sides = [[x for x in run if x.x1 <= g0 + 0.5], [x for x in run if x.x0 >= g1 - 0.5]]
    text = [is_running_text(side, width, s) for side in sides]
    if all(text):
        return True
    if not any(text):
        return False
    prose, other = (sides[0], sides[1]) if text[0] else (sides[1], sides[0])
    if any(isinstance(it, TableItem) for it in other):
        return True  # a table set in one column beside text
    baselines = [ln.baseline for ln in prose if isinstance(ln, Line)]
    beside = [it for it in other if isinstance(it, Line)
              and any(abs(it.baseline - b) <= 1.0 for b in baselines)]
    return len(beside) < 0.6 * max(1, sum(isinstance(it, Line) for it in other))


def is_running_text(side: list, width: float, s: PdfSettings) -> bool:
    members = [ln for ln in side if isinstance(ln, Line)]
    if len(members) < 2:
        return False
    extent = max(ln.x1 for ln in members) - min(ln.x0 for ln in members)
    return (extent >= s.text_column_min * width
            and statistics.median(ln.x1 - ln.x0 for ln in members) >= s.text_column_fill * extent)


def column_of(it, gutters) -> int | None:
    """Index of the column an item sits in; None when it spans a gutter. A line's closing mark may hang into the
    gutter by up to `HANGING` em (Chinese typesetting hangs `，`, `、`, `。` past a column's edge): that is no span."""
    reach = HANGING * getattr(it, "size", 0.0)
    for g0, g1 in gutters:
        if it.x0 < g1 - 0.5 and it.x1 > g0 + 0.5 and not (it.x1 <= min(g0 + reach, g1 - 0.5) and it.x0 < g0) \
                and not (it.x0 >= max(g1 - reach, g0 + 0.5) and it.x1 > g1):
            return None
    return sum(it.x0 >= g1 - 0.5 - reach for _, g1 in gutters)


HANGING = 1.1  # em: how far a hanging mark (a full-width `，` at most) reaches past a column's edge
