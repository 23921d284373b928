"""Text drawn inside a figure (labels of a chart, a logo's lettering) is not running text.

A figure is an image (`page.images`, not the page's background) or a cluster of vector
graphics (curves, rules and boxes near one another, outside ruled tables) with
`figure_min_curves` curves or `figure_min_objects` objects. A line is the figure's text when
its centre lies inside an image's box (grown by `figure_margin`), or inside a vector
figure's box grown by two of the line's em and it is set small (`figure_text_ratio` of the
body size or less: tick labels, legends). Each is removed with its text recorded (kind
`figure_text_removed`, page named). The caption under or above a figure is set in caption
size and stays.
"""

from __future__ import annotations

from ..flags import FIGURE_TEXT_REMOVED
from ..model import Change
from .page import Page
from .settings import PdfSettings


def remove_figure_text(p: Page, s: PdfSettings, body: float) -> list[Change]:
    images = [grow(box, s.figure_margin) for box in p.images]
    drawings = vector_figures(p, s)
    if not images and not drawings:
        return []

    def inside(ln) -> bool:
        cx, cy = (ln.x0 + ln.x1) / 2, (ln.top + ln.bottom) / 2
        if any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in images):
            return True
        return ln.size <= s.figure_text_ratio * body and any(
            x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in (grow(d, 2 * ln.size) for d in drawings))

    removed = [ln for ln in p.lines if inside(ln)]
    return p.remove_lines(removed, [FIGURE_TEXT_REMOVED.change(f"page {p.number}: text inside a figure",
                                                               original=ln.text, page=p.number) for ln in removed])


def grow(box: tuple, by: float) -> tuple:
    x0, top, x1, bottom = box
    return x0 - by, top - by, x1 + by, bottom + by


def vector_figures(p: Page, s: PdfSettings) -> list[tuple]:
    """Boxes of clusters of drawn objects that hold enough curves or objects to be a figure."""
    tables = [(t.x0, t.top, t.x1, t.bottom) for t in p.tables]
    objects = [(kind, box) for kind, box in p.graphics
               if not any(overlaps(box, grow(t, 2)) for t in tables)]
    clusters: list[list] = []  # [box, curves, objects]
    for kind, box in objects:
        near = [c for c in clusters if overlaps(c[0], grow(box, s.figure_margin * 5))]
        merged = [box, int(kind == "curve"), 1]
        for c in near:
            merged = [union(merged[0], c[0]), merged[1] + c[1], merged[2] + c[2]]
            clusters.remove(c)
        clusters.append(merged)
    return [box for box, curves, count in clusters
            if curves >= s.figure_min_curves or count >= s.figure_min_objects]


def overlaps(a: tuple, b: tuple) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def union(a: tuple, b: tuple) -> tuple:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])
