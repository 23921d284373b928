"""One page in reading order: regions (full width or in columns), their unruled tables, then order.

The gutters of a page (`columns.find_gutters`) hold only where the page's lines stand side
by side (a line of each column read as one is cut at the gap in the gutter: `cut_at_gutters`):
items crossing a gutter cut the page into bands, and a band is set in columns
only when two of its columns hold lines and one at least `column_min_lines` of them, over
more than one row. Everything else (crossing items, bands in one column or one row) is
full width. Consecutive full-width items make one region, so the column count is decided
per region: a title and abstract block above two columns, a full-width table between
them. Reading order: regions top to bottom, in a region in columns the columns left to
right, each top to bottom. Fragments of one row in one region are one line again.
"""

from __future__ import annotations

from .columns import column_of, find_gutters
from .lines import Line
from .settings import PdfSettings
from .tables import TableItem
from .unruled_tables import unruled_tables

FULL = None  # the column index of a full-width item


def layout_page(lines: list[Line], tables: list[TableItem], number: int, s: PdfSettings, carry=None) -> list:
    """Regions, unruled tables and reading order of one page (carry: see unruled_tables)."""
    gutters = find_gutters(lines, tables, s)
    lines = [part for ln in lines for part in cut_at_gutters(ln, gutters, s)]
    ordered: list = []
    edges_of: dict = {}
    for index, (columns, _) in enumerate(page_regions(lines + tables, gutters, s)):
        for k, members in columns.items():
            region_lines = [it for it in members if isinstance(it, Line)]
            ruled = [(it.top, it.bottom) for it in members if isinstance(it, TableItem)]
            found, rest = unruled_tables(region_lines, s, carry if not ordered else None, ruled)
            region_items = [it for it in members if isinstance(it, TableItem)] + found + rest
            for it in [it for row in rows_of(region_items) for it in sorted(row, key=lambda it: it.x0)]:
                it.region = (number, index, k)
                ordered.append(it)
            edges_of.setdefault(k, []).extend(rest)
    ordered = join_row_fragments(ordered)
    full = (min((ln.x0 for ln in lines), default=0.0), max((ln.x1 for ln in lines), default=0.0))
    edges = {FULL: full}
    for k in edges_of:
        column = [ln for ln in ordered if isinstance(ln, Line) and ln.region[2] == k]
        if k is not FULL and column:
            edges[k] = (min(ln.x0 for ln in column), max(ln.x1 for ln in column))
    for ln in ordered:
        if isinstance(ln, Line):
            k = ln.region[2]
            ln.left, ln.right = edges.get(k, full)
            ln.layout = (len(gutters), k) if k is not FULL else (0, 0)
    for k, it in enumerate(ordered):
        it.first_in_region = k == 0 or ordered[k - 1].region != it.region
        it.last_in_region = k == len(ordered) - 1 or ordered[k + 1].region != it.region
    return ordered


def cut_at_gutters(line: Line, gutters, s: PdfSettings) -> list[Line]:
    """A left column's line and the right column's beside it read as one line (the gap between them narrower than
    `fragment_gap`: a wide glyph like `、` reaches into the gutter) are two lines again, cut at a gap of half the
    fragment gap at least whose middle lies in a gutter. A title or full-width line has no such gap there."""
    for g0, g1 in gutters:
        if not (line.x0 < g0 and line.x1 > g1):
            continue
        ink = [c for c in line.chars if not c.is_space]
        for a, b in zip(ink, ink[1:]):
            # the right part starts where the right column's lines do (the gutter's right edge), not inside it
            if b.x0 - a.x1 >= s.fragment_gap / 2 * line.size and g0 - 0.5 <= (a.x1 + b.x0) / 2 <= g1 + 0.5 \
                    and b.x0 >= g1 - 0.5:
                left = [c for c in line.chars if c.x1 <= a.x1 + 0.01]
                right = [c for c in line.chars if c.x1 > a.x1 + 0.01]
                if not any(not c.is_space for c in right) or not left:
                    break
                parts = [Line(left, line.page, line.settings), Line(right, line.page, line.settings)]
                for part in parts:
                    part.page_width = line.page_width
                return [parts[0], *cut_at_gutters(parts[1], gutters, s)]
    return [line]


def page_regions(items: list, gutters, s: PdfSettings) -> list[tuple[dict, list]]:
    """Regions top to bottom as ({column: items}, items); a full-width region has one key, FULL."""
    if not gutters:
        return [({FULL: list(items)}, list(items))] if items else []
    cols = {id(it): column_of(it, gutters) for it in items}
    pieces: list[tuple[bool, list]] = []  # (in columns, items)
    band: list = []

    def close_band() -> None:
        if band:
            pieces.append((in_columns(band, cols, s), list(band)))
            band.clear()

    for row in rows_of(items):
        if any(cols[id(it)] is None for it in row):  # a row crossing a gutter is full width, all of it
            close_band()
            pieces.append((False, row))
        else:
            band.extend(row)
    close_band()
    regions: list[tuple[dict, list]] = []
    for columned, members in pieces:
        if columned:
            by_column: dict = {}
            for it in members:
                by_column.setdefault(cols[id(it)], []).append(it)
            regions.append((dict(sorted(by_column.items())), members))
        elif regions and FULL in regions[-1][0]:
            regions[-1][0][FULL].extend(members)
            regions[-1][1].extend(members)
        else:
            regions.append(({FULL: list(members)}, list(members)))
    return regions


def rows_of(items: list) -> list[list]:
    """Items in rows top to bottom: an item whose middle lies within the previous row's
    height band joins it (the cells of a table row, the fragments of a line)."""
    rows: list[list] = []
    bottom, table = 0.0, False  # the last row's lowest bottom, and whether it holds a table
    for it in sorted(items, key=lambda it: (it.top + it.bottom) / 2):
        middle = (it.top + it.bottom) / 2
        if rows and middle <= bottom and not table and not isinstance(it, TableItem):
            rows[-1].append(it)
            if it.bottom > bottom:
                bottom = it.bottom
        else:
            rows.append([it])
            bottom, table = it.bottom, isinstance(it, TableItem)
    return rows


def in_columns(band: list, cols: dict, s: PdfSettings) -> bool:
    """Two columns hold items, one at least `column_min_lines`, and not all on one row."""
    counts: dict = {}
    for it in band:
        counts[cols[id(it)]] = counts.get(cols[id(it)], 0) + (s.column_min_lines if isinstance(it, TableItem) else 1)
    one_row = max(it.top for it in band) - min(it.top for it in band) < min(it.bottom - it.top for it in band)
    return len(counts) >= 2 and max(counts.values()) >= s.column_min_lines and not one_row


def join_row_fragments(ordered: list) -> list:
    """Consecutive fragments of one row in one region (a justified line split at a wide space,
    a number and its heading) are one line: its glyphs re-read together."""
    out: list = []
    for it in ordered:
        prev = out[-1] if out else None
        if (isinstance(it, Line) and isinstance(prev, Line) and prev.region == it.region
                and abs(prev.baseline - it.baseline) <= 0.3 * max(prev.size, it.size) and it.x0 >= prev.x1):
            joined = Line(prev.chars + it.chars, prev.page, prev.settings)
            joined.region, joined.page_width = prev.region, prev.page_width
            out[-1] = joined
        else:
            out.append(it)
    return out
