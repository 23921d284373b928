"""Column edges of each line, corrected across the document so indents and short lines show."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict

from .lines import Line


def harmonize_edges(lines: list[Line]) -> None:
    """A sparse page's lines may all be indented or all end short: use the edges seen for
    the same column layout anywhere in the document (left within 4 em, right for the same left)."""
    leftmost: dict = {}
    for ln in lines:
        leftmost[ln.layout] = min(leftmost.get(ln.layout, ln.left), ln.left)
    for ln in lines:
        if ln.left - leftmost[ln.layout] <= 4 * ln.size:
            ln.left = leftmost[ln.layout]
    widest: dict = {}
    for ln in lines:
        key = (ln.layout, round(ln.left / 3))
        widest[key] = max(widest.get(key, ln.right), ln.right)
    for ln in lines:
        ln.right = widest[(ln.layout, round(ln.left / 3))]


def local_right_edges(lines: list[Line]) -> None:
    """A column whose neighbour stays empty (the end of a two-column article under
    full-width lines) has no gutter to find: where most nearby lines of the same size end
    at one x well left of the column edge, that x is the edge. (The nearby lines of each found
    by bisection on the group's baselines, then the exact test: not a scan of the group per line.)"""
    by_page: dict = defaultdict(list)
    for ln in lines:
        by_page[(ln.page, ln.layout)].append(ln)
    for group in by_page.values():
        ordered = sorted(group, key=lambda o: o.baseline)
        baselines = [o.baseline for o in ordered]
        for ln in group:
            if ln.x1 >= ln.right - 2 * ln.size:
                continue  # (most lines: the line is one of its own near lines, the edge no less than its end)
            reach = 8 * ln.size
            window = ordered[bisect_left(baselines, ln.baseline - reach - 1):
                             bisect_right(baselines, ln.baseline + reach + 1)]
            near = [o for o in window if abs(o.size - ln.size) <= 0.3 and abs(o.baseline - ln.baseline) <= reach
                    and abs(o.x0 - ln.x0) <= 3 * ln.size]
            edge = max([o.x1 for o in near])
            floor = edge - ln.size
            support = sum([o.x1 >= floor for o in near])
            if support >= 3 and support * 2 >= len(near) and edge < ln.right - 2 * ln.size:
                ln.right = edge
