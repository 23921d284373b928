"""Items of a page besides lines: a table found on it (and whether two parts split by a page
or column break are one table), or the page read as plain text."""

from __future__ import annotations

from dataclasses import dataclass, field

from .settings import PdfSettings


@dataclass
class TableItem:
    rows: list[list[str]]
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    col_edges: list[float]
    size: float | None
    ruled: bool = True
    carry: dict | None = None  # unruled: column gaps and row pitch, for a continuation on the next page
    region: tuple = ()
    first_in_region: bool = False
    last_in_region: bool = False
    cell_boxes: list[list[tuple | None]] | None = None  # parallel to rows: each cell's x0, top, x1, bottom on page
    evidence: str = "grid"  # grid: ruled cells; rules: horizontal rules only (rule_tables); aligned: no rules
    header_rows: int = 1  # rows at the top that are the header (a wrapped or two-level header: more)
    captioned: bool | None = None  # rule tables: a table caption printed next to the rules
    max_row_lines: int = 1  # the most printed lines one row is made of
    open_below: bool = False  # rule tables: rows down to the page (column) foot, the bottom rule in the next
    row_lines: list | None = None  # rule tables: each row's printed lines (to cut its cells again on a join)
    continues_row: bool = False  # a continuation whose first row is the rest of the last row before the break
    hyphenated: list[str] = field(default_factory=list)  # words hyphenated at a cell's line end, rejoined (as printed)

    @property
    def ncols(self) -> int:
        return len(self.rows[0]) if self.rows else 0


def row_boxes(tops: list[float], bottoms: list[float], xs: list[float]) -> list[tuple | None]:
    """The cells of a row between column edges xs (left edge, boundaries, right edge), as tall as its lines."""
    if not tops:
        return [None] * (len(xs) - 1)
    top, bottom = min(tops), max(bottoms)
    return [(xs[k], top, xs[k + 1], bottom) for k in range(len(xs) - 1)]


@dataclass
class PlainText:
    """A page read as pdfplumber's plain text after its layout failed: one block per line."""

    page: int
    lines: list[str]


def continues_table(prev: TableItem, item: TableItem, s: PdfSettings) -> bool:
    """The last item of a page (or column) is a table and the first of the next one is a
    table with the same columns: one table split by the page (or column) break."""
    if prev.region == item.region or prev.ncols != item.ncols:
        return False
    if not (prev.last_in_region and item.first_in_region):
        return False
    if len(prev.col_edges) != len(item.col_edges) or not prev.col_edges:
        return False
    # relative to the table's first edge: a continuation may sit in another column
    return all(abs((a - prev.col_edges[0]) - (b - item.col_edges[0])) <= s.table_join_tolerance
               for a, b in zip(prev.col_edges, item.col_edges))
