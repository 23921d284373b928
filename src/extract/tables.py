"""Table rows as printed -> cells with header, merged cells carried down."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Cell:
    row_no: int  # 0 = header
    col_no: int  # from 1
    value: str  # as printed (after fill-down)
    filled_down: bool


def fill_merged_cells(rows: list[list[str]]) -> list[list[tuple[str, bool]]]:
    """Carry the value above into empty leading cells of a data row (a merged cell printed once).

    Only the empty cells before the row's first non-empty cell are filled, and only
    in data rows (the header, row 0, is left as printed).
    """
    out: list[list[tuple[str, bool]]] = []
    previous: list[str] | None = None
    for index, row in enumerate(rows):
        filled = [(value, False) for value in row]
        if index > 0 and previous is not None and any(v.strip() for v in row):
            for col, value in enumerate(row):
                if value.strip():
                    break
                if col < len(previous) and previous[col].strip():
                    filled[col] = (previous[col], True)
        out.append(filled)
        previous = [value for value, _ in filled]
    return out


def table_cells(rows: list[list[str]]) -> list[Cell]:
    """All cells of a table, header row 0 included, in row-major order."""
    cells = []
    for row_no, row in enumerate(fill_merged_cells(rows)):
        for col_no, (value, filled) in enumerate(row, start=1):
            cells.append(Cell(row_no, col_no, value, filled))
    return cells

