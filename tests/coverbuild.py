"""Build a thesis's, proposal's or report's cover page as a PDF at test time (reportlab, STSong-Light), then its
following pages from the text format of raw/*.txt (`tests/pdfbuild.py`).

A cover is a list of items, each set on its own line from the top of the page down:
- `Centered(text, size)`: a centred line (the school, what the document is, the title, the date);
- `Field(label, value, size)`: a form line, the label at the left of the form and the value at a fixed x
  after it (no colon unless the label carries one; a letter-spaced label `题　　目` is as written);
- `Grid(rows, size)`: a ruled grid, one row per list of cells (a label may be split over cells, an empty
  first cell carries the value above on);
- `Left(text, size)`: a line set from the left margin (a statement's sentence, a contents entry with its
  leader and page number).
A list of such lists is several front pages (the cover, the statements, the contents, the lists of figures).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4

from tests import pdfbuild
from tests.pdfbuild import FONT, text_width

FORM_LEFT = 140.0
VALUE_X = 250.0
LEFT_MARGIN = 72.0


@dataclass
class Centered:
    text: str
    size: float = 16.0


@dataclass
class Field:
    label: str
    value: str
    size: float = 14.0


@dataclass
class Left:
    text: str
    size: float = 12.0


@dataclass
class Grid:
    rows: list[list[str]]
    size: float = 12.0
    widths: tuple[float, ...] = (60.0, 60.0, 200.0)


def draw_cover(canvas, items: list) -> None:
    """The cover's items on the canvas's current page, then a new page."""
    width, height = A4
    y = 120.0  # baseline, from the top
    for item in items:
        if isinstance(item, Centered):
            canvas.setFont(FONT, item.size)
            canvas.drawString((width - text_width(item.text, item.size)) / 2, height - y, item.text)
            y += item.size * 2.2
        elif isinstance(item, Left):
            canvas.setFont(FONT, item.size)
            canvas.drawString(LEFT_MARGIN, height - y, item.text)
            y += item.size * 1.8
        elif isinstance(item, Field):
            canvas.setFont(FONT, item.size)
            canvas.drawString(FORM_LEFT, height - y, item.label)
            canvas.drawString(VALUE_X, height - y, item.value)
            y += item.size * 2.0
        elif isinstance(item, Grid):
            row_h = item.size * 2.0
            left = (width - sum(item.widths)) / 2
            top = y - item.size
            canvas.setLineWidth(0.8)
            for r, row in enumerate(item.rows):
                x = left
                for c, cell in enumerate(row):
                    w = item.widths[c] if c < len(item.widths) else item.widths[-1]
                    canvas.rect(x, height - top - (r + 1) * row_h, w, row_h)
                    if cell:
                        canvas.setFont(FONT, item.size)
                        canvas.drawString(x + 4, height - top - (r + 1) * row_h + row_h * 0.35, cell)
                    x += w
            y = top + len(item.rows) * row_h + 2 * item.size
    canvas.showPage()


def build_cover_pdf(path: Path, cover: list, body_text: str, columns: int = 1) -> Path:
    """The cover page (or front pages: a list of item lists), then `body_text` typeset as a paper from the next page on (`pdfbuild.build_paper_pdf`)."""

    pages = cover if cover and isinstance(cover[0], list) else [cover]

    class WithCover(pdfbuild.Typesetter):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for page in pages:
                draw_cover(self.c, page)

    plain = pdfbuild.Typesetter
    pdfbuild.Typesetter = WithCover  # type: ignore[misc]
    try:
        pdfbuild.build_paper_pdf(path, body_text, columns=columns, running_header=None)
    finally:
        pdfbuild.Typesetter = plain  # type: ignore[misc]
    return Path(path)
