"""One PDF page as the reader's steps see it: its box, its lines, tables, images, rules and drawings.

The steps after reading (running headers, contents, formulas, figure text, footnotes) take lines out
of `lines`; a removal goes through `Page.remove_lines`, which requires the flags that record it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from ..model import Change
from .lines import Line
from .tables import PlainText, TableItem


@dataclass
class Page:
    """A page read into lines (or, when its layout failed, its plain text in `plain`)."""

    number: int
    has_text: bool
    width: float = 0.0
    height: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    lines: list[Line] = field(default_factory=list)
    tables: list[TableItem] = field(default_factory=list)
    images: list[tuple] = field(default_factory=list)  # (x0, top, x1, bottom) of each picture
    rules: list[tuple] = field(default_factory=list)  # (x0, top, x1) of each horizontal rule
    graphics: list[tuple] = field(default_factory=list)  # (kind, box) of each drawn curve, rect or line
    free_rules: list[tuple] = field(default_factory=list)  # (x0, y, x1): horizontal rules of no table found
    plain: PlainText | None = None  # set: the page is read as plain text lines, not laid out
    fonts: set[str] | None = None  # the fonts of its glyphs (`PageChars.fonts`); None: not known

    def remove_lines(self, drop: Collection[Line], changes: Sequence[Change]) -> list[Change]:
        """The one way a step removes lines: they leave `lines`, and `changes` (the removal flags, whose
        `original` holds each removed line's text) come back for the reader's list. A removal without
        its flag raises: nothing leaves a page silently."""
        ids = {id(ln) for ln in drop}
        recorded = " ".join(c.original or "" for c in changes if c.page in (None, self.number))
        missing = [ln.text for ln in self.lines if id(ln) in ids and ln.text.strip() not in recorded]
        if missing:
            raise ValueError(f"page {self.number}: lines removed without a flag: {missing[:3]}")
        self.lines = [ln for ln in self.lines if id(ln) not in ids]
        return list(changes)

    def take_lines(self, taken: Collection[Line]) -> list[Line]:
        """Lines moved elsewhere (footnotes become blocks of their own): out of `lines`, returned."""
        ids = {id(ln) for ln in taken}
        self.lines = [ln for ln in self.lines if id(ln) not in ids]
        return list(taken)
