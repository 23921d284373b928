"""One page in reading order: columns, the unruled tables inside them, then bands and columns."""

from __future__ import annotations

from .columns import column_of, find_gutters, text_columns
from .lines import Line
from .settings import PdfSettings
from .tables import TableItem
from .unruled_tables import unruled_tables


def layout_page(lines: list[Line], tables: list[TableItem], number: int, s: PdfSettings, carry=None) -> list:
    """Columns, unruled tables and reading order of one page (carry: see unruled_tables)."""
    gutters = find_gutters(lines + tables, s)
    if gutters and not text_columns(lines, tables, gutters, s):
        gutters = []
    col = {id(ln): column_of(ln, gutters) for ln in lines}
    found: list[TableItem] = []
    kept: list[Line] = []
    for k in {c for c in col.values() if c is not None} or {0}:
        tabs, rest = unruled_tables([ln for ln in lines if col[id(ln)] == k], s, carry if k == 0 else None)
        found += tabs
        kept += rest
    lines = kept + [ln for ln in lines if col[id(ln)] is None]
    return order_page(lines, tables + found, gutters, number)


def order_page(lines: list[Line], tables: list[TableItem], gutters, number: int) -> list:
    """Lines and tables of a page in reading order: bands between full-width items, and
    in each band the columns left to right, each top to bottom. Sets region and edges."""
    items: list = list(lines) + list(tables)
    cols = {id(it): column_of(it, gutters) for it in items}
    spanning = sorted((it for it in items if cols[id(it)] is None), key=lambda it: it.top)
    ordered: list = []
    band_top = float("-inf")
    for band, stop in enumerate(spanning + [None]):
        band_bottom = stop.top if stop is not None else float("inf")
        for k in range(len(gutters) + 1):
            members = [it for it in items if cols[id(it)] == k and band_top <= (it.top + it.bottom) / 2 < band_bottom]
            for it in sorted(members, key=lambda it: (it.top, it.x0)):
                it.region = (number, band, k)
                ordered.append(it)
        if stop is not None:
            stop.region = (number, "span", None)
            ordered.append(stop)
            band_top = stop.bottom
    edges = {}
    for col in {cols[id(ln)] for ln in lines}:
        members = [ln for ln in lines if cols[id(ln)] == col]
        edges[col] = (min(ln.x0 for ln in members), max(ln.x1 for ln in members))
    for ln in lines:
        col = cols[id(ln)]
        ln.left, ln.right = edges[col]
        ln.layout = (len(gutters), col)
    for k, it in enumerate(ordered):
        it.first_in_region = k == 0 or ordered[k - 1].region != it.region
        it.last_in_region = k == len(ordered) - 1 or ordered[k + 1].region != it.region
    return ordered
