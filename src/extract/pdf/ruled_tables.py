"""Ruled tables (pdfplumber's table finder) -> table items; their chars leave the body text."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass

from .chars import Char
from .joining import join_lines
from .lines import Line, group_lines
from .settings import PdfSettings
from .tables import TableItem

# a sentence's punctuation: Chinese, or four Latin words running into a comma, period or semicolon
PROSE = re.compile(r"[，。；！？]|[A-Za-z]+(?:\s+[A-Za-z]+){3,}[,.;](?:\s|$)")
FORM_LABEL = re.compile(r"\s*[^\s:：]{1,8}\s*[:：]")  # a form's field label
NUMBERS = re.compile(r"(?=.*\d)[\d\s.,:;%+\-−–/()×]+")
EQUATION_NUMBER = re.compile(r"[(（]\d+(?:\s*[-.－–]\s*\d+)*[)）]\s*$")  # `(2-1)` closing a displayed formula
MONOSPACE = re.compile(r"(?i)consol|courier|mono|menlo|monaco|inconsolata|fixed|typewriter|cmtt|sfmono|lucidaconsole")
CODE_TEXT = re.compile(r"[\\{};]|^\s*(?:#|//|%|--)|\w\(.*\)")  # a backslash, braces, a `;`, a comment, a call
CODE_PROMPT = ("$", "%", "#", ">", ">>>", "//")
# a line of program text: an assignment or call (`x = f(a)`, `f(x);`), a comment (`# ...`, `// ...`),
# a block's brace, or a keyword opening a statement
CODE_LINE = re.compile(r"[\w\].)]\s*(?:[-+*/%|&^]|<<|>>)?=(?!=)\s*\S|\w\(.*\)\s*[;:{]?\s*(?:(?:#|//).*)?$"
                       r"|^\s*(?:#|//|/\*)|[{}]\s*$|^\s*(?:def|class|import|from|return|for|while|if|elif|else|public|private|static|"
                       r"void|int|var|let|const|function)\b")


@dataclass
class GridRow:
    cells: list  # (x0, top, x1, bottom) of each cell, None where a merged cell covers it


@dataclass
class Grid:
    """A grid of cells in the shape of pdfplumber's table (`bbox`, `rows`): pdfplumber's table with its
    parts joined or its caption row cut off."""

    bbox: tuple
    rows: list


def mid_y(c: Char) -> float:
    """The middle of a glyph's height, where it is printed: from its box, or from its baseline when the box
    does not hold the baseline (a math font's glyph, Cambria Math's, gets a box from the font's huge
    ascent, a row lower than where it is printed)."""
    if c.top - 1 <= c.baseline <= c.bottom + 1:
        return (c.top + c.bottom) / 2
    return c.baseline - 0.35 * c.size


class Placed:
    """Glyphs by where they are printed (the middle of their width, `mid_y` of their height), found by a range of
    heights without a scan of them all: those of a box or band, in their order on the page."""

    def __init__(self, chars: list[Char]) -> None:
        self.chars = chars
        self.cx = [(c.x0 + c.x1) / 2 for c in chars]
        self.my = [(c.top + c.bottom) / 2 if c.top - 1 <= c.baseline <= c.bottom + 1 else c.baseline - 0.35 * c.size
                   for c in chars]  # (mid_y of each, inlined)
        self.order = sorted(range(len(chars)), key=self.my.__getitem__)
        self.ys = [self.my[i] for i in self.order]

    def band(self, top: float, bottom: float, closed: bool = True) -> list[int]:
        """Indexes (in page order) of the glyphs whose middle lies from top to bottom (between them: not closed)."""
        if closed:
            lo, hi = bisect_left(self.ys, top), bisect_right(self.ys, bottom)
        else:
            lo, hi = bisect_right(self.ys, top), bisect_left(self.ys, bottom)
        return sorted(self.order[lo:hi])

    def box(self, x0: float, top: float, x1: float, bottom: float) -> list[Char]:
        """The glyphs whose middle lies in the box (its sides included), in page order."""
        cx, chars = self.cx, self.chars
        return [chars[i] for i in self.band(top, bottom) if x0 <= cx[i] <= x1]


def cell_text(chars: list[Char], page: int, s: PdfSettings, hyphenated: list[str] | None = None,
              grouped: list[Line] | None = None) -> str:
    """Text of a table cell: its lines joined without the breaks of the cell's wrapping. A word hyphenated
    at a line end and rejoined is added, as printed, to `hyphenated` (the table's `hyphenation_joined`).
    (`grouped`: the chars' lines, when they were grouped already.)"""
    lines = sorted(group_lines(chars, page, s) if grouped is None else grouped,
                   key=lambda ln: (round(ln.baseline), ln.x0))
    text, space = "", False
    for ln in lines:
        text, word = join_lines(text, space, ln.text, ln.starts_with_space)
        if word and hyphenated is not None:
            hyphenated.append(word)
        space = ln.ends_with_space
    return text.strip()


def find_ruled_tables(page, s: PdfSettings, edges: list[dict] | None = None) -> list:
    """pdfplumber's tables; a table whose horizontal rules run on past its outer vertical rules (a LaTeX
    `{r|l|c}` tabular draws no rule at its sides) is found again with its sides closed at the rules' ends,
    so that its outer columns are cells, not text beside it. (`edges`: the page's, as `straight_edges`.)"""
    settings = s.table_settings or {}
    page = unshaded(page, edges)
    tables = find_tables(page, settings)
    if not tables or settings.get("vertical_strategy", "lines") != "lines":
        return tables
    horizontal = [{"top": y, "x0": a, "x1": b} for y, a, b in join_strokes(
        [(e["top"], e["x0"], e["x1"]) for e in page.edges if e["orientation"] == "h"])]
    sides = []
    for table in tables:
        x0, top, x1, bottom = table.bbox
        rules = [e for e in horizontal if top - 2 <= e["top"] <= bottom + 2 and e["x0"] <= x1 and e["x1"] >= x0]
        wider = [e for e in rules if e["x0"] < x0 - 2 or e["x1"] > x1 + 2]
        if len(wider) < 2:
            continue
        left, right = min(e["x0"] for e in wider), max(e["x1"] for e in wider)
        rule_top, rule_bottom = min(e["top"] for e in wider), max(e["top"] for e in wider)
        sides += [{"x0": x, "x1": x, "top": rule_top, "bottom": rule_bottom, "width": 0,
                   "height": rule_bottom - rule_top, "object_type": "line"} for x in (left, right)]
    if not sides:
        return tables
    return find_tables(page, {**settings, "explicit_vertical_lines": [
        *settings.get("explicit_vertical_lines", []), *sides]})


def find_tables(page, settings: dict) -> list:
    """pdfplumber's `page.find_tables(settings)`, the same tables found faster (`Finder`) where the table
    finder reads the page's rules (a text strategy: pdfplumber's own)."""
    from pdfplumber.table import TableSettings

    tset = TableSettings.resolve(settings)
    if "text" in (tset.vertical_strategy, tset.horizontal_strategy):
        return page.find_tables(settings)
    if not page.edges and not tset.explicit_vertical_lines and not tset.explicit_horizontal_lines:
        return []
    return Finder(page, tset).tables


class Finder:
    """pdfplumber's `TableFinder`, its edges' crossings and the cells they close found without pdfplumber's
    quadratic scans (every horizontal edge tried against every vertical one, each point's edges turned into
    sets at every test, the points after each point scanned for those below and right of it): the same
    crossings, cells and tables, in the same order. The page's rules are snapped and joined as pdfplumber does
    (`merged_edges`), into edges of their position and size only, unless explicit lines are given (then
    pdfplumber's own `get_edges`). Not a subclass: importing the reader does not import pdfplumber."""

    def __init__(self, page, settings) -> None:
        from pdfplumber.table import Table, TableFinder, cells_to_tables  # (imported when a page has rules)

        self.page = page
        self.settings = settings
        if (settings.vertical_strategy == settings.horizontal_strategy == "lines"
                and not settings.explicit_vertical_lines and not settings.explicit_horizontal_lines):
            self.edges = merged_edges(page.edges, settings)
        else:
            self.edges = TableFinder.get_edges(self)  # type: ignore[arg-type]  # it reads page and settings
        self.intersections = crossings(self.edges, settings.intersection_x_tolerance,
                                       settings.intersection_y_tolerance)
        self.cells = closed_cells(self.intersections)
        self.tables = [Table(self.page, group) for group in cells_to_tables(self.cells)]


def merged_edges(edges: list[dict], settings) -> list[dict]:
    """pdfplumber's `TableFinder.get_edges` for the `lines` strategies without explicit lines, step by step
    (`filter_edges`, `snap_edges`, `join_edge_group`, the same sums and differences in the same order),
    on (x0, x1, top, bottom, width, height) lists; the edges as dicts of those and their orientation."""
    v = [[e["x0"], e["x1"], e["top"], e["bottom"], e["width"], e["height"]] for e in edges
         if e["orientation"] == "v" and e["height"] >= settings.edge_min_length_prefilter]
    h = [[e["x0"], e["x1"], e["top"], e["bottom"], e["width"], e["height"]] for e in edges
         if e["orientation"] == "h" and e["width"] >= settings.edge_min_length_prefilter]
    if settings.snap_x_tolerance > 0 or settings.snap_y_tolerance > 0:
        v, h = snapped(v, 0, 1, settings.snap_x_tolerance), snapped(h, 2, 3, settings.snap_y_tolerance)
    out = []
    for orientation, found, lo, hi, size, tolerance in (("h", h, 0, 1, 4, settings.join_x_tolerance),
                                                          ("v", v, 2, 3, 5, settings.join_y_tolerance)):
        level = 2 if orientation == "h" else 0
        lines: dict = {}
        for e in found:  # (pdfplumber sorts by orientation and position, groups, and joins each group)
            lines.setdefault(e[level], []).append(e)
        for key in sorted(lines):
            joined: list[list] = []
            for e in sorted(lines[key], key=lambda e: e[lo]):
                if joined and e[lo] <= joined[-1][hi] + tolerance:
                    last = joined[-1]
                    if e[hi] > last[hi]:
                        last = list(last)
                        if orientation == "h":  # resize_object's x1: the width from x0
                            last[hi], last[size] = e[hi], e[hi] - last[lo]
                        else:  # its bottom: the height grown by the difference
                            last[hi], last[size] = e[hi], last[size] + (e[hi] - last[hi])
                        joined[-1] = last
                else:
                    joined.append(e)
            out += [{"orientation": orientation, "x0": e[0], "x1": e[1], "top": e[2], "bottom": e[3],
                     "width": e[4], "height": e[5]} for e in joined if e[size] >= settings.edge_min_length]
    return out


def snapped(edges: list[list], start: int, end: int, tolerance: float) -> list[list]:
    """pdfplumber's `snap_objects`: positions (item `start`) within `tolerance` of the next one are a cluster,
    each edge moved (start and end) to its cluster's mean; clusters in order, edges in theirs within one."""
    values = sorted({e[start] for e in edges})
    cluster: dict = {}
    k = -1
    for i, x in enumerate(values):
        if tolerance == 0 or i == 0 or x > values[i - 1] + tolerance:
            k += 1
        cluster[x] = k
    groups: list[list[list]] = [[] for _ in range(k + 1)]  # (every cluster holds an edge)
    for e in edges:  # (in their order within a cluster, as pdfplumber's stable sort leaves them)
        groups[cluster[e[start]]].append(e)
    out = []
    for members in groups:
        mean = sum([e[start] for e in members]) / len(members)
        for e in members:  # (moved in place: the lists are merged_edges' own)
            shift = mean - e[start]
            e[start], e[end] = e[start] + shift, e[end] + shift
        out += members
    return out


def crossings(edges: list[dict], x_tolerance: float, y_tolerance: float) -> dict:
    """pdfplumber's `edges_to_intersections`: the points (x of a vertical edge, top of a horizontal one)
    where the two meet within the tolerances, with the edges meeting there; the horizontal edges looked up
    by their top (bisect) near each vertical edge's span, each tried by pdfplumber's own test."""
    vertical = sorted((e for e in edges if e["orientation"] == "v"), key=lambda e: (e["x0"], e["top"]))
    horizontal = sorted((e for e in edges if e["orientation"] == "h"), key=lambda e: (e["top"], e["x0"]))
    tops = [h["top"] for h in horizontal]
    margin = y_tolerance + 1  # a wider window than the test's: the test decides, as pdfplumber computes it
    points: dict[tuple, dict[str, list]] = {}
    for v in vertical:
        lo, hi = bisect_left(tops, v["top"] - margin), bisect_right(tops, v["bottom"] + margin)
        for h in horizontal[lo:hi]:
            if (v["top"] <= (h["top"] + y_tolerance) and v["bottom"] >= (h["top"] - y_tolerance)
                    and v["x0"] >= (h["x0"] - x_tolerance) and v["x0"] <= (h["x1"] + x_tolerance)):
                vertex = (v["x0"], h["top"])
                if vertex not in points:
                    points[vertex] = {"v": [], "h": []}
                points[vertex]["v"].append(v)
                points[vertex]["h"].append(h)
    return points


def closed_cells(points: dict) -> list[tuple]:
    """pdfplumber's `intersections_to_cells`: for each point in order, the smallest cell it opens (its top-left
    corner): the first point below it joined to it by a vertical edge and the first right of it joined by a
    horizontal edge whose bottom-right corner is a point joined to both. Each point's edges taken as sets once,
    the points below and right of one looked up by its x and its top."""
    def boxes(found: list[dict]) -> set[tuple]:
        return {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in found}

    vertical = {p: boxes(found["v"]) for p, found in points.items()}
    horizontal = {p: boxes(found["h"]) for p, found in points.items()}
    order = sorted(points)
    column: dict[float, list[tuple]] = {}
    row: dict[float, list[tuple]] = {}
    for p in order:  # points of one x by their top, of one top by their x
        column.setdefault(p[0], []).append(p)
        row.setdefault(p[1], []).append(p)
    at_column = {p: k for ps in column.values() for k, p in enumerate(ps)}
    at_row = {p: k for ps in row.values() for k, p in enumerate(ps)}

    def connects(a: tuple, b: tuple) -> bool:
        return bool((a[0] == b[0] and not vertical[a].isdisjoint(vertical[b]))
                    or (a[1] == b[1] and not horizontal[a].isdisjoint(horizontal[b])))

    cells = []
    for p in order[:-1]:
        below = column[p[0]][at_column[p] + 1:]
        right = row[p[1]][at_row[p] + 1:]
        cell = None
        for under in below:
            if not connects(p, under):
                continue
            for beside in right:
                if not connects(p, beside):
                    continue
                corner = (beside[0], under[1])
                if corner in points and connects(corner, beside) and connects(corner, under):
                    cell = (p[0], p[1], corner[0], corner[1])
                    break
            if cell is not None:
                break
        if cell is not None:
            cells.append(cell)
    return cells


def is_shading(rect: dict) -> bool:
    """A filled rectangle drawn without a stroke and thicker than a rule: a cell's or row's background
    (`\\rowcolors`' zebra stripes), no border."""
    return bool(rect.get("fill")) and rect.get("stroke") is False and rect["height"] > 2.5 and rect["width"] > 2.5


class Unshaded:
    """The page as the table finder sees it without the shaded backgrounds of a table drawn with rules: the
    stripes of a zebra table printed in two halves (staggered) would make a grid of half rows. (`edges`: the
    page's edges, when they were taken already: `straight_edges`.)"""

    def __init__(self, page, shading: list[dict], edges: list[dict] | None = None) -> None:
        from pdfplumber import utils

        self.page = page
        edges = page.edges if edges is None else edges
        keys = {edge_key(e) for r in shading for e in utils.rect_to_edges(r)}
        self.edges = [e for e in edges if e.get("object_type") != "rect_edge" or edge_key(e) not in keys] \
            if keys else list(edges)

    def __getattr__(self, name: str):
        return getattr(self.page, name)

    def find_tables(self, settings: dict | None = None) -> list:
        from pdfplumber.table import TableSettings

        tset = TableSettings.resolve(settings)
        if "text" in (tset.vertical_strategy, tset.horizontal_strategy):
            return self.page.find_tables(settings)
        return Finder(self, tset).tables  # the finder reads edges and bbox


def edge_key(edge: dict) -> tuple:
    return (edge["orientation"], *(round(edge[k], 2) for k in ("x0", "x1", "top", "bottom")))


def straight_edges(page) -> list[dict]:
    """`page.edges` as the table finder reads them: those of its lines and rectangles, and of its curves the
    pieces drawn straight across or down (pdfplumber's `curve_to_edges` of those). A curve's slanted pieces
    have no orientation, so no finder, snapping or joining of rules reads them (most of a page's curve
    pieces: the outlines of a diagram's shapes, glyphs drawn as paths)."""
    from pdfplumber import utils

    edges = [utils.line_to_edge(ln) for ln in page.lines] + [e for r in page.rects for e in utils.rect_to_edges(r)]
    for curve in page.curves:
        pts, shift = curve["pts"], curve["doctop"] - curve["top"]
        for p0, p1 in zip(pts, pts[1:]):
            if p0[0] == p1[0] or p0[1] == p1[1]:
                top = min(p0[1], p1[1])
                edges.append({"object_type": "curve_edge", "x0": min(p0[0], p1[0]), "x1": max(p0[0], p1[0]),
                              "top": top, "doctop": top + shift, "bottom": max(p0[1], p1[1]),
                              "width": abs(p0[0] - p1[0]), "height": abs(p0[1] - p1[1]),
                              "orientation": "v" if p0[0] == p1[0] else "h"})
    return edges


def unshaded(page, edges: list[dict] | None = None):
    """`page`, or the page without the edges of its shaded backgrounds that lie between two horizontal rules
    of the same ends running across them (a table's top and bottom rules: `Unshaded`); a diagram's shaded
    boxes stay as drawn. (`edges`: the page's as `straight_edges` gives them, then the page read with those.)"""
    rects = page.rects
    shaded = [is_shading(r) for r in rects]
    if True not in shaded:
        return page if edges is None else Unshaded(page, [], edges)
    shading = [r for r, shade in zip(rects, shaded) if shade]
    rules = [(o["x0"], o["x1"], o["top"], o["bottom"])
             for o in list(page.lines) + [r for r, shade in zip(rects, shaded) if not shade]
             if o["bottom"] - o["top"] <= 2.5 and o["x1"] - o["x0"] > 2.5]  # (x0, x1, top, bottom)

    def between(r: dict) -> bool:  # under one rule and over another of the same ends, both across it
        x0, x1, top, bottom = r["x0"], r["x1"], r["top"], r["bottom"]
        across = [a for a in rules if a[0] <= x0 + 1 and a[1] >= x1 - 1]
        return any(a[2] <= top + 1 and b[3] >= bottom - 1 and abs(a[0] - b[0]) <= 3
                   and abs(a[1] - b[1]) <= 3 for a in across for b in across if b[2] > a[2] + 2.5)

    ruled = [r for r in shading if between(r)] if len(rules) >= 2 else []  # (two rules at least: one over, one under)
    return Unshaded(page, ruled, edges) if ruled or edges is not None else page


def join_strokes(strokes: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """(y, x0, x1) of horizontal strokes -> rules: strokes on one level (within 1 pt) drawn end to end
    (Word draws a rule per cell) are one rule; a stroke across others (a running header's rule) stays apart."""
    levels: list[list[tuple[float, float, float]]] = []
    for stroke in sorted(strokes):
        if levels and stroke[0] - levels[-1][0][0] <= 1:
            levels[-1].append(stroke)
        else:
            levels.append([stroke])
    joined: list[list[float]] = []
    for level in levels:
        start = len(joined)
        for y, a, b in sorted(level, key=lambda r: r[1]):
            for k in range(len(joined) - 1, start - 1, -1):  # the last rule of the level it runs on from
                if abs(a - joined[k][2]) <= 3:
                    joined[k][2] = max(joined[k][2], b)
                    break
            else:
                joined.append([y, a, b])
    return [(y, a, b) for y, a, b in joined]


def column_xs(table) -> list[float]:
    """The x of a grid's column rules: the sides of the cells of its row with the most cells."""
    row = max(table.rows, key=lambda r: sum(c is not None for c in r.cells))
    return [row.cells[0][0], *(c[2] for c in row.cells if c is not None)] if row.cells and row.cells[0] else []


def same_columns(a: list[float], b: list[float], tolerance: float = 2.0) -> bool:
    return len(a) == len(b) >= 3 and all(abs(x - y) <= tolerance for x, y in zip(a, b))


def band_row(xs: list[float], top: float, bottom: float) -> GridRow:
    return GridRow([(xs[k], top, xs[k + 1], bottom) for k in range(len(xs) - 1)])


def as_grid(table) -> Grid:
    """pdfplumber's table as a `Grid` (its `bbox` and `rows`, which pdfplumber works out again at each look)."""
    return table if isinstance(table, Grid) else Grid(table.bbox, [GridRow(list(r.cells)) for r in table.rows])


def join_banded(tables: list, page, chars: list[Char], placed: Placed | None = None,
                edges: list[dict] | None = None) -> list:
    """A table printed as shaded cells (Word's banded styles: a tint per row, white between the columns) gives
    a grid only where cells are filled: a row left unshaded (a white row between two tinted ones, the
    header under the table's top rule) has no rules at its sides, and pdfplumber finds the shaded runs as
    separate tables. Two grids with the same column rules one row apart (at most 1.5 times their tallest
    row) with a row of text between them (see `band_text`), and a rule as wide as the grid no more than two
    rows above (or below) it, not a rule of another table, with such a row between, are one table: the
    rows between become rows of it, cut at its column rules."""
    if not tables:
        return tables
    tables = [as_grid(t) for t in tables]
    placed = placed or Placed(chars)
    rules = join_strokes([(e["top"], e["x0"], e["x1"]) for e in (page.edges if edges is None else edges)
                          if e["orientation"] == "h"])

    def row_height(t) -> float:
        return max((r.cells[0][3] - r.cells[0][1]) if r.cells and r.cells[0] else 0.0
                   for r in t.rows) if t.rows else 0.0

    def band_text(xs: list[float], top: float, bottom: float) -> bool:
        """A row of text between top and bottom where the table stands: in two of its columns at least, all
        of it inside the table's sides and in its columns (a heading between two tables runs across their
        column rules, a diagram's label stands alone)."""
        across = [c for c in (placed.chars[i] for i in placed.band(top, bottom, closed=False))
                  if not c.is_space and c.x1 > xs[0] - 1 and c.x0 < xs[-1] + 1]
        columns = {sum((c.x0 + c.x1) / 2 > x for x in xs[1:-1]) for c in across}
        return len(columns) >= 2 and all(xs[0] - 1 <= c.x0 and c.x1 <= xs[-1] + 1
                                         and not any(c.x0 < x - 1 and c.x1 > x + 1 for x in xs[1:-1])
                                         for c in across)

    full: dict[int, bool] = {}

    def filled(t) -> bool:
        """Every row of the grid has text in two cells at least (a table's rows, not a diagram's boxes)."""
        def has_text(box) -> bool:
            x0, top, x1, bottom = box
            return any(not c.is_space for c in placed.box(x0, top, x1, bottom))
        if id(t) not in full:
            full[id(t)] = all(sum(has_text(box) for box in r.cells if box is not None) >= 2 for r in t.rows)
        return full[id(t)]

    order = sorted(tables, key=lambda t: t.bbox[1])
    groups: list[list] = []
    for t in order:
        xs = column_xs(t)
        prev = groups[-1][-1] if groups else None
        if prev is not None and xs and same_columns(column_xs(prev), xs) and filled(prev) and filled(t):
            gap_top, gap_bottom = prev.bbox[3], t.bbox[1]
            if (0 < gap_bottom - gap_top <= 1.5 * max(row_height(prev), row_height(t))
                    and band_text(xs, gap_top, gap_bottom)):
                groups[-1].append(t)
                continue
        groups.append([t])
    out = []
    for group in groups:
        xs = column_xs(group[0])
        if not xs:
            out.extend(group)
            continue
        rows: list = []
        for k, t in enumerate(group):
            if k:
                rows.append(band_row(xs, group[k - 1].bbox[3], t.bbox[1]))
            rows.extend(GridRow(list(r.cells)) for r in t.rows)
        height = max(row_height(t) for t in group)
        top, bottom = group[0].bbox[1], group[-1].bbox[3]
        wide = [y for y, a, b in rules if abs(a - xs[0]) <= 3 and abs(b - xs[-1]) <= 3
                and not any(o.bbox[1] - 2 <= y <= o.bbox[3] + 2 and o.bbox[0] < b and o.bbox[2] > a
                            for o in tables)]  # not the rule of a table found: the table above's bottom rule
        above = [y for y in wide if 1 < top - y <= 2 * height and band_text(xs, y, top)]
        below = [y for y in wide if 1 < y - bottom <= 2 * height and band_text(xs, bottom, y)]
        if above:
            rows.insert(0, band_row(xs, max(above), top))
        if below:
            rows.append(band_row(xs, bottom, min(below)))
        if len(group) == 1 and (not (above or below) or not filled(group[0])):
            out.append(group[0])
            continue
        out.append(Grid((xs[0], max(above) if above else top, xs[-1], min(below) if below else bottom), rows))
    return out


def without_caption_rows(table, chars: list[Char], number: int, s: PdfSettings, placed: Placed | None = None,
                         grouped: dict[tuple, tuple[list[Char], list[Line]]] | None = None):
    """A grid whose first or last row holds a caption alone in one cell (`表 4.1 …` in a text box drawn
    against the table's bottom rule, whose box pdfplumber takes for a row): the grid without that row. (A
    row of cells `图5 | 结果` is a table's row: a caption is cut only where it fills its row alone.)
    (`grouped`: the cells' lines, kept for the reading of the cells, see `lines_of`.)"""
    from ..structure.captions import parse_caption

    where = placed or Placed(chars)

    def caption_row(row) -> bool:
        cells = [where.box(*box) for box in row.cells if box is not None]
        if not may_caption("".join([c.text for inside in cells for c in inside])):
            return False  # (no glyph to open a caption with: no cell read)
        filled = []
        for inside in cells:
            if inside and (
                    text := cell_text(inside, number, s, grouped=lines_of(inside, number, s, grouped))):
                filled.append(text)
                if len(filled) > 1:
                    return False  # two cells hold text: a row of the table
        return len(filled) == 1 and parse_caption(filled[0]) is not None

    rows = list(table.rows)
    cut = False
    while len(rows) > 1 and caption_row(rows[-1]):
        rows, cut = rows[:-1], True
    while len(rows) > 1 and caption_row(rows[0]):
        rows, cut = rows[1:], True
    if not cut:
        return table
    boxes = [c for r in rows for c in r.cells if c is not None]
    return Grid((min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                 max(b[3] for b in boxes)), rows)


CAPTION_WORDS = [[re.compile(ch, re.IGNORECASE) for ch in word] for word in ("fig", "table")]


def may_caption(glyphs: str) -> bool:
    """The glyphs' texts hold what a caption opens with (`parse_caption`): 图, 圖 or 表, or each letter of
    `fig` or of `table` (as the caption's pattern matches them, case aside). A cell's text is its glyphs'
    (and spaces): without these it is no caption, and need not be read to tell."""
    return any(k in glyphs for k in "图圖表") or any(all(p.search(glyphs) for p in word) for word in CAPTION_WORDS)


def is_code(chars: list[Char], rows: list[list[str]]) -> bool:
    """A code listing drawn in boxes (a Word listing's line backgrounds, a framed listing): most of its
    letters are set in a monospace font, most of its rows are one line across the box (no columns), and
    most of its lines are program text (an assignment, a call, a comment, a brace, a statement keyword); or its
    rows are those of `code_listing` (led by a prompt sign, numbered line by line), in whatever font."""
    filled = [[t for t in row if t] for row in rows]
    if code_listing([cells for cells in filled if cells]):
        return True  # shell lines or numbered code set in boxes of two columns (`$ make doc | # 生成说明文档`)
    fonts = Counter(c.font for c in chars if not c.is_space)  # (each font tested once)
    ink = sum(fonts.values())
    mono = sum(n for font, n in fonts.items() if MONOSPACE.search(font))
    if not ink or mono * 2 < ink:
        return False
    lines = [" ".join(cells) for cells in filled if cells]
    if sum(len(cells) == 1 for cells in filled) * 2 < len(lines):
        return False  # most rows fill several columns: a table (of function names, say), not lines of a listing
    return sum(bool(CODE_LINE.search(ln)) for ln in lines) * 2 >= len(lines)


def code_listing(rows: list[list[str]]) -> bool:
    """Rows (their filled cells' texts) of a code listing set in columns, by its spacing or in boxes (read by
    the unruled, the ruled and the rule-table readers alike): its rows numbered one after another in the first
    column with code in the others (`276 | \\ifhitsz@library…`), or every row opening with one shell prompt
    or comment sign (`$ make doc | # 生成说明文档`, `% | \\input{…}`)."""
    firsts = [r[0].split() for r in rows if r]
    if not rows or len(firsts) < len(rows) or not all(firsts):
        return False
    if all(f[0].isdigit() and len(f) == 1 for f in firsts):
        numbers = [int(f[0]) for f in firsts]
        rest = [t for r in rows for t in r[1:]]
        return all(b == a + 1 for a, b in zip(numbers, numbers[1:])) and sum(
            bool(CODE_TEXT.search(t)) for t in rest) * 2 >= len(rest)
    opening = {f[0] for f in firsts}
    return len(opening) == 1 and opening.pop() in CODE_PROMPT and all(
        len(f) == 1 or f[1][:1].isalpha() or f[1][:1] in "-./\\" for f in firsts)


def is_formula(rows: list[list[str]], chars: list[Char]) -> bool:
    """Word's invisible boxes behind a displayed formula's pieces: a grid with a cell ending in an equation's
    number (`(2-1)`) and a third of whose glyphs are in a math font, or a single row of boxes, some empty,
    holding a math glyph or an equation's number."""
    ink = [c for c in chars if not c.is_space]
    numbered = any(EQUATION_NUMBER.search(t) for row in rows for t in row)
    if numbered and sum(c.math for c in ink) * 3 >= len(ink):
        return True
    return len(rows) == 1 and not all(rows[0]) and (any(c.math for c in ink)
                                                    or any(EQUATION_NUMBER.search(t) for t in rows[0]))


def ruled_tables(page, chars: list[Char], number: int, s: PdfSettings) -> list[TableItem]:
    """pdfplumber's ruled tables with `table_min_cells` cells holding text, in two columns at least; not a
    code listing, nor a single row of boxes with an empty one around a formula (math glyphs, an equation's
    number): Word draws invisible boxes behind a formula's pieces."""
    items: list[TableItem] = []
    drawn = straight_edges(page)
    found_tables = find_ruled_tables(page, s, drawn)
    if not found_tables:
        return items
    placed = Placed(chars)
    grouped: dict[tuple, tuple[list[Char], list[Line]]] = {}  # a cell's lines, grouped once
    for found in join_banded(found_tables, page, chars, placed, drawn):
        table = without_caption_rows(found, chars, number, s, placed, grouped)
        cells = [cell for row in table.rows for cell in row.cells if cell is not None]
        if len(cells) < s.table_min_cells:
            continue
        x0, top, x1, bottom = table.bbox
        chars_in = placed.box(x0 - 1, top - 1, x1 + 1, bottom + 1)
        placed_in = Placed(chars_in)
        grid: list[list[list[Char] | None]] = []
        rects: list[list[tuple | None]] = []
        for row_no, row in enumerate(table.rows):
            cell_chars: list[list[Char] | None] = []
            for cell in row.cells:
                if cell is None:  # covered by a merged cell
                    cell_chars.append(None)
                    continue
                cell_chars.append(placed_in.box(*cell))  # (of the table's chars: a cell may reach past its box)
            printed = split_unruled_rows(cell_chars, number, s, grouped) if row_no else [cell_chars]
            for line_chars in printed:
                ink = [c for inside in line_chars if inside for c in inside]
                grid.append(line_chars)
                rects.append([None if rect is None else tuple(rect) if len(printed) == 1 or not ink else
                              (rect[0], min(c.top for c in ink), rect[2], max(c.bottom for c in ink))
                              for rect in row.cells])
        covered = [k for k in range(max(map(len, grid), default=0)) if all(k < len(r) and r[k] is None for r in grid)]
        if covered:  # a column no row has a cell of (every row's cell to its left runs across it): no column
            grid = [[c for k, c in enumerate(r) if k not in covered] for r in grid]
            rects = [[c for k, c in enumerate(r) if k not in covered] for r in rects]
        grid, rects, inner = split_unruled_columns(grid, rects, s)
        inked = [k for line_chars in grid for k, inside in enumerate(line_chars)
                 if inside and any(not c.is_space for c in inside)]  # a cell without ink reads as ""
        if len(inked) < s.table_min_cells or len(set(inked)) < 2:
            continue  # too few cells could hold text (the test below, before any cell is read)
        hyphenated: list[str] = []
        rows = [[cell_text(inside, number, s, hyphenated, lines_of(inside, number, s, grouped)) if inside else ""
                 for inside in line_chars]
                for line_chars in grid]
        boxes = rects
        filled_columns = {k for row in rows for k, t in enumerate(row) if t}
        if sum(bool(t) for row in rows for t in row) < s.table_min_cells or len(filled_columns) < 2:
            continue  # a frame around text (a box, rules between lines, a page grid), not a table
        if frames_text(rows, s) or is_form(rows):
            continue  # a page frame around body text, a form's grid: their text is read as lines
        if is_code(chars_in, rows):
            continue  # a code listing: its lines are read as text
        if is_formula(rows, chars_in):
            continue  # boxes drawn behind a displayed formula's pieces
        edges = sorted({round(c[0], 1) for c in cells} | {round(c[2], 1) for c in cells} | {round(x, 1) for x in inner})
        sizes = Counter(c.size for c in chars_in if not c.is_space)
        size = sizes.most_common(1)[0][0] if sizes else None
        items.append(TableItem(rows, number, x0, x1, top, bottom, edges, size, cell_boxes=boxes,
                               hyphenated=hyphenated))
    return items


def frames_text(rows: list[list[str]], s: PdfSettings) -> bool:
    """A grid with a row holding prose in a single cell (a paragraph of `frame_prose_chars` characters
    or more with sentence punctuation, Latin words running into a comma or period), or whose rows are mostly
    such single lines of prose, or mostly open with a line of prose that long (an English abstract whose
    sentence ends left wide gaps the grid took for columns): rules framing body text (a proposal's page
    frame, a framed page), not a table."""
    filled_rows = [filled for row in rows if (filled := [t for t in row if t])]
    alone = [filled[0] for filled in filled_rows if len(filled) == 1 and PROSE.search(filled[0])]
    opening = [f[0] for f in filled_rows if len(f[0]) >= s.frame_prose_chars and PROSE.search(f[0])]
    return (any(len(t) >= s.frame_prose_chars for t in alone) or len(alone) * 2 > len(rows)
            or len(opening) * 2 > len(rows))


def is_form(rows: list[list[str]]) -> bool:
    """A form's grid: a third of its cells are field labels (`姓名：`, `签字：年`, `5. 指导教师意见：`)."""
    cells = [t.strip() for row in rows for t in row if t and t.strip()]
    labels = sum(bool(FORM_LABEL.match(t)) or t.endswith((":", "：")) for t in cells)
    return labels * 3 >= len(cells)


def lines_of(chars: list[Char], page: int, s: PdfSettings,
             grouped: dict[tuple, tuple[list[Char], list[Line]]] | None = None) -> list[Line]:
    """`group_lines` of a cell's chars, kept in `grouped` (by the glyphs, held there so that no id is reused: the
    same glyphs in the same order, a cell read for a caption and again as a cell, are not grouped again)."""
    if grouped is None:
        return group_lines(chars, page, s)
    key = tuple(map(id, chars))
    found = grouped.get(key)
    if found is None:
        found = grouped[key] = (chars, group_lines(chars, page, s))
    return found[1]


def split_unruled_rows(cells: list[list[Char] | None], page: int, s: PdfSettings,
                       grouped: dict[tuple, tuple[list[Char], list[Line]]] | None = None) -> list[list]:
    """A ruled row that holds several rows a rule was not drawn between: every cell holding text has the
    same number of lines (two or more), on the same baselines, each line holds a letter or digit (not
    the dots of a vertical ellipsis), and at least half of the cells hold only numbers (text wrapped in
    a cell gives lines on shared baselines too; numbers are not wrapped). One list of cells per printed
    row, or the row as it is."""
    filled = [c for c in cells if c]
    if len(filled) < 2:
        return [cells]
    per_cell = [lines_of(c, page, s, grouped) for c in filled]
    tolerance = s.line_tolerance * max(ln.size for lines in per_cell for ln in lines)
    rows_of_cell = [_printed_rows(lines, tolerance) for lines in per_cell]
    counts = {len(rows) for rows in rows_of_cell}
    if len(counts) != 1 or (k := counts.pop()) < 2:
        return [cells]
    baselines = [baseline for baseline, _ in rows_of_cell[0]]
    if any(abs(a - b) > tolerance for rows in rows_of_cell for (a, _), b in zip(rows, baselines)):
        return [cells]
    if any(not any(ch.isalnum() for ch in text) for rows in rows_of_cell for _, text in rows):
        return [cells]
    # text wraps in a cell, numbers do not: most cells hold one number (or a few) per line
    numeric = sum(all(NUMBERS.fullmatch(text.strip()) for _, text in rows) for rows in rows_of_cell)
    if numeric * 2 < len(rows_of_cell):
        return [cells]
    bounds = [(baselines[i] + baselines[i + 1]) / 2 for i in range(k - 1)]

    def line_of(c: Char) -> int:
        return sum(c.baseline > b for b in bounds)

    return [[None if c is None else [ch for ch in c if line_of(ch) == i] for c in cells] for i in range(k)]


def split_unruled_columns(grid: list[list[list[Char] | None]], rects: list[list[tuple | None]],
                          s: PdfSettings) -> tuple[list, list, list[float]]:
    """Ruled columns holding several columns a vertical rule was not drawn between (a LaTeX `{c|ccc|c}`
    group): a white range `rule_table_gap` em wide at least that no row prints in, with text on both
    sides in the header row and in every row that prints in the column. The grid and cell boxes
    with those columns cut apart, and the x of each cut."""
    if len(grid) < 3:
        return grid, rects, []
    ncols = len(grid[0])
    cuts: dict[int, list[float]] = {}
    for k in range(ncols):
        if any(len(r) != ncols for r in grid) or grid[0][k] is None:
            continue
        # cells of this column alone (a merged cell across the next column has its None there)
        cells: list[list[Char]] = [cell for r in grid if (cell := r[k]) and (k + 1 == ncols or r[k + 1] is not None)]
        ink = sorted((c.x0, c.x1, c.size) for cell in cells for c in cell if not c.is_space)
        if len(cells) < 3 or not ink:
            continue
        bounds, reach = [], ink[0][1]
        for a, b, size in ink[1:]:
            if a - reach >= s.rule_table_gap * size:
                bounds.append((a + reach) / 2)
            reach = max(reach, b)
        sides = [[sum((c.x0 + c.x1) / 2 > b for b in bounds) for c in cell if not c.is_space] for cell in cells]
        if bounds and grid[0][k] in cells and all(len(set(n)) == len(bounds) + 1 for n in sides):
            cuts[k] = bounds
    if not cuts:
        return grid, rects, []
    new_grid, new_rects = [], []
    for row, boxes in zip(grid, rects):
        cells_out: list[list[Char] | None] = []
        boxes_out: list[tuple | None] = []
        for k, (cell, box) in enumerate(zip(row, boxes)):
            bounds = cuts.get(k, [])
            if not bounds:
                cells_out.append(cell)
                boxes_out.append(box)
                continue
            xs = [box[0] if box else 0.0, *bounds, box[2] if box else 0.0]
            for j in range(len(bounds) + 1):
                cells_out.append(None if cell is None else
                                 [c for c in cell if sum((c.x0 + c.x1) / 2 > b for b in bounds) == j])
                boxes_out.append(None if box is None else (xs[j], box[1], xs[j + 1], box[3]))
        new_grid.append(cells_out)
        new_rects.append(boxes_out)
    return new_grid, new_rects, [b for bounds in cuts.values() for b in bounds]


def _printed_rows(lines: list, tolerance: float) -> list[tuple[float, str]]:
    """(baseline, text) of each printed row of a cell: its line fragments on one baseline together."""
    rows: list[tuple[float, str]] = []
    for ln in sorted(lines, key=lambda ln: ln.baseline):
        if rows and ln.baseline - rows[-1][0] <= tolerance:
            rows[-1] = (rows[-1][0], rows[-1][1] + ln.text)
        else:
            rows.append((ln.baseline, ln.text))
    return rows


def outside(chars: list[Char], tables: list[TableItem]) -> list[Char]:
    """The glyphs printed outside every table's box (a point of slack)."""
    if not tables:  # most pages: no test per char
        return list(chars)
    boxes = [(t.x0 - 1, t.top - 1, t.x1 + 1, t.bottom + 1) for t in tables]
    top, bottom = min(b[1] for b in boxes), max(b[3] for b in boxes)
    out = []
    for c in chars:
        cy = (c.top + c.bottom) / 2 if c.top - 1 <= c.baseline <= c.bottom + 1 else c.baseline - 0.35 * c.size  # mid_y
        if top <= cy <= bottom:  # (else under or over every table)
            cx = (c.x0 + c.x1) / 2
            for x0, y0, x1, y1 in boxes:  # (a loop, not any() of a generator: this runs per glyph)
                if x0 <= cx <= x1 and y0 <= cy <= y1:
                    break
            else:
                out.append(c)
            continue
        out.append(c)
    return out
