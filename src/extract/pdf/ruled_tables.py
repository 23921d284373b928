"""Ruled tables (pdfplumber's table finder) -> table items; their chars leave the body text."""

from __future__ import annotations

from collections import Counter

from .chars import Char
from .joining import join_lines
from .lines import group_lines
from .settings import PdfSettings
from .tables import TableItem


def cell_text(chars: list[Char], page: int, s: PdfSettings) -> str:
    """Text of a table cell: its lines joined without the breaks of the cell's wrapping."""
    lines = sorted(group_lines(chars, page, s), key=lambda ln: (round(ln.baseline), ln.x0))
    text, space = "", False
    for ln in lines:
        text, _ = join_lines(text, space, ln.text, ln.starts_with_space)
        space = ln.ends_with_space
    return text.strip()


def ruled_tables(page, chars: list[Char], number: int, s: PdfSettings) -> list[TableItem]:
    """pdfplumber's ruled tables with `table_min_cells` cells holding text, in two columns at least."""
    items = []
    for table in page.find_tables(s.table_settings or {}):
        cells = [cell for row in table.rows for cell in row.cells if cell is not None]
        if len(cells) < s.table_min_cells:
            continue
        x0, top, x1, bottom = table.bbox
        chars_in = [c for c in chars
                    if x0 - 1 <= (c.x0 + c.x1) / 2 <= x1 + 1 and top - 1 <= (c.top + c.bottom) / 2 <= bottom + 1]
        rows = []
        for row in table.rows:
            texts = []
            for cell in row.cells:
                if cell is None:  # covered by a merged cell
                    texts.append("")
                    continue
                cx0, ctop, cx1, cbottom = cell
                inside = [c for c in chars_in
                          if cx0 <= (c.x0 + c.x1) / 2 <= cx1 and ctop <= (c.top + c.bottom) / 2 <= cbottom]
                texts.append(cell_text(inside, number, s))
            rows.append(texts)
        filled_columns = {k for row in rows for k, t in enumerate(row) if t}
        if sum(bool(t) for row in rows for t in row) < s.table_min_cells or len(filled_columns) < 2:
            continue  # a frame around text (a box, rules between lines, a page grid), not a table
        edges = sorted({round(c[0], 1) for c in cells} | {round(c[2], 1) for c in cells})
        sizes = Counter(c.size for c in chars_in if not c.is_space)
        size = sizes.most_common(1)[0][0] if sizes else None
        items.append(TableItem(rows, number, x0, x1, top, bottom, edges, size))
    return items


def outside(chars: list[Char], tables: list[TableItem]) -> list[Char]:
    def inside(c: Char, t: TableItem) -> bool:
        cx, cy = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
        return t.x0 - 1 <= cx <= t.x1 + 1 and t.top - 1 <= cy <= t.bottom + 1

    return [c for c in chars if not any(inside(c, t) for t in tables)]
