"""Decoded text of a text paper -> layout blocks (lines and tab-separated tables)."""

from __future__ import annotations

import re

from ..model import Block

LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x0c|\x85")


def is_table_row(line: str) -> bool:
    """A tab between two pieces of text: cells of a table printed as tab-separated text."""
    return "\t" in line.strip(" \u3000\t") or (
        line.startswith("\t") and line.strip() != "" and "\t" in line.lstrip("\t").rstrip())


def split_cells(line: str) -> list[str]:
    return [cell.strip(" \u3000\u00a0") for cell in line.rstrip("\n").split("\t")]


def text_blocks(text: str) -> list[Block]:
    """One block per non-empty line; a run of tab-separated lines is one table block.

    Blank lines between rows of the same width do not split a table (double-spaced text), and
    a line opening with a tab right under a row of its width continues the table (first cell merged).
    """
    blocks: list[Block] = []
    gap = False
    table: list[list[str]] | None = None
    for line in LINE_BREAKS.sub("\n", text).split("\n"):
        if not line.strip(" \u3000\t\u00a0\ufeff"):
            gap = True
            continue
        cells = split_cells(line)
        # `\tB` right under a two-column row is a row whose first cell is merged with the one above
        merged_first_cell = table is not None and not gap and line.startswith("\t") and len(cells) == len(table[0])
        if is_table_row(line) or merged_first_cell:
            if table is None or (gap and len(cells) != len(table[0])):
                table = []
                blocks.append(Block(text="", kind="table", rows=table, gap_before=gap))
            table.append(cells)
        else:
            table = None
            blocks.append(Block(text=line.strip(" \u3000\t\u00a0\ufeff"), gap_before=gap))
        gap = False
    for block in blocks:
        if block.kind == "table" and block.rows:
            width = max(len(r) for r in block.rows)
            for row in block.rows:
                row.extend([""] * (width - len(row)))
    return blocks
