"""Text drawn inside a figure (labels of a chart, a logo's lettering) is not running text.

A figure is an image (`page.images`, not the page's background) or a cluster of vector
graphics (curves, rules and boxes near one another, outside ruled tables) with
`figure_min_curves` curves or `figure_min_objects` objects. A line is the figure's text when
its centre lies inside an image's box (grown by `figure_margin`), or inside a vector
figure's box grown by two of the line's em and it is set small (`figure_text_ratio` of the
body size or less: tick labels, legends). Each is removed with its text recorded (kind
`figure_text_removed`, page named). The caption under or above a figure is set in caption
size and stays.

A ruled "table" drawn inside a figure (the boxes of a diagram: `Sender Status Table` with its
fields, a ring buffer's slots) is the figure's text too, when no table caption stands against
it and the drawing goes on around it: curves (arrows) beside it, another table in the same
drawing, or a box drawn around it (`figure_tables`). So is a grid that is a whole drawing: a figure caption
(`图3 …`, `Fig.3 …`) stands against it, no table caption, and it holds the drawing's curves (arrows,
rounded boxes: `figure_min_curves`) or is mostly empty cells (a diagram's frames, its labels in a few).
"""

from __future__ import annotations

from ..model import Change
from ..schema.flags import FIGURE_TEXT_REMOVED
from ..structure.captions import parse_caption
from .page import Page
from .settings import PdfSettings


def remove_figure_text(p: Page, s: PdfSettings, body: float) -> list[Change]:
    changes = []
    for table in figure_tables(p, s):
        p.tables.remove(table)
        text = "\n".join(" ".join(c for c in row if c) for row in table.rows)
        changes.append(FIGURE_TEXT_REMOVED.change(f"page {p.number}: boxes of a diagram read as a table",
                                                  original=text, page=p.number))
    return changes + remove_lines_in_figures(p, s, body)


def figure_tables(p: Page, s: PdfSettings) -> list:
    """Ruled tables of the page that are parts of a figure (see the module docstring)."""
    tables = list(p.tables)
    if not tables:
        return []
    area = p.width * p.height
    objects = [(kind, box) for kind, box in p.graphics
               if (box[2] - box[0]) * (box[3] - box[1]) <= s.figure_max_area * area]  # not a page frame
    clusters = cluster(objects, s.figure_margin * 5)
    images = [grow(box, s.figure_margin) for box in p.images]
    parsed = [(ln, cap[0]) for ln in p.lines if (cap := parse_caption(ln.text))]
    captions = [ln for ln, kind in parsed if kind == "table"]
    figure_captions = [ln for ln, kind in parsed if kind == "figure"]
    out = []
    for t in tables:
        box = (t.x0, t.top, t.x1, t.bottom)
        box2 = grow(box, 2)
        if stands_against(t, captions):
            continue  # a captioned table
        if any(contains(img, box) for img in images):
            out.append(t)
            continue
        if stands_against(t, figure_captions) and (
                sum(kind == "curve" and contains(box2, b) for kind, b in objects) >= s.figure_min_curves
                or sparse(t)):
            out.append(t)  # the whole drawing read as one grid
            continue
        members = [m for c in clusters if overlaps(c[0], box2) for m in c[1]]
        beyond = [(kind, b) for kind, b in members if not contains(box2, b)]
        curves = sum(kind == "curve" for kind, _ in beyond)
        around = any(kind == "rect" and contains(b, box2) for kind, b in beyond)
        others = any(o is not t and any(overlaps(b, (o.x0, o.top, o.x1, o.bottom)) for _, b in beyond)
                     for o in tables)
        if curves >= s.figure_min_curves or around or others:
            out.append(t)
    return out


def stands_against(t, captions: list) -> bool:
    """A caption line right above or below the table (within three of its line heights), across its width."""
    return any(abs(ln.bottom - t.top) <= 3 * ln.size or abs(ln.top - t.bottom) <= 3 * ln.size
               for ln in captions if ln.x0 <= t.x1 and ln.x1 >= t.x0)


def sparse(t) -> bool:
    """Fewer than half of the grid's cells hold text."""
    cells = [c for row in t.rows for c in row]
    return bool(cells) and sum(bool(c and c.strip()) for c in cells) * 2 < len(cells)


def cluster(objects: list, margin: float) -> list[tuple[tuple, list]]:
    """Drawn objects grouped by nearness: (box, members)."""
    clusters: list[tuple[tuple, list]] = []
    for kind, box in objects:
        reach = grow(box, margin)
        near = [c for c in clusters if overlaps(c[0], reach)]
        merged = (box, [(kind, box)])
        for c in near:
            merged = (union(merged[0], c[0]), merged[1] + c[1])
            clusters.remove(c)
        clusters.append(merged)
    return clusters


def contains(outer: tuple, inner: tuple) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and outer[2] >= inner[2] and outer[3] >= inner[3]


def remove_lines_in_figures(p: Page, s: PdfSettings, body: float) -> list[Change]:
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

    removed = [ln for ln in p.lines if inside(ln) and not parse_caption(ln.text)]  # a caption stays
    return p.remove_lines(removed, [FIGURE_TEXT_REMOVED.change(f"page {p.number}: text inside a figure",
                                                               original=ln.text, page=p.number) for ln in removed])


def grow(box: tuple, by: float) -> tuple:
    x0, top, x1, bottom = box
    return x0 - by, top - by, x1 + by, bottom + by


def vector_figures(p: Page, s: PdfSettings) -> list[tuple]:
    """Boxes of clusters of drawn objects that hold enough curves or objects to be a figure."""
    tables = [grow((t.x0, t.top, t.x1, t.bottom), 2) for t in p.tables]
    objects = [(kind, box) for kind, box in p.graphics if not any(overlaps(box, t) for t in tables)]
    clusters: list[list] = []  # [box, curves, objects]
    for kind, box in objects:
        reach = grow(box, s.figure_margin * 5)
        near = [c for c in clusters if overlaps(c[0], reach)]
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
