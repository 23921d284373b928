"""Every knob of the PDF reader."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class PdfSettings:
    """Every threshold of the reader. Lengths in `em` are multiples of the line's font size."""

    header_band: float = 0.075  # top and bottom fraction of the page height searched for running headers/footers
    header_min_pages: int = 2  # a band line (digits ignored) recurring on this many pages is a running header
    line_tolerance: float = 0.45  # em: chars whose baselines differ by less are on one line
    fragment_gap: float = 1.5  # em: a wider horizontal gap splits a line into fragments (columns, table cells)
    space_gap: float = 0.15  # em: a wider gap between chars is a space (PDFs that draw no space glyphs)
    superscript_size_ratio: float = 0.8  # a char at most this size relative to its line's size ...
    superscript_rise: float = 0.15  # em: ... whose baseline is raised at least this much is a superscript
    column_gap_min: float = 8.0  # pt: the narrowest gutter accepted between two columns
    column_min_lines: int = 3  # lines needed on each side of a gutter
    gutter_crossing_ratio: float = 0.05  # this share of the narrow lines may cross a gutter (centered titles)
    narrow_line_ratio: float = 0.6  # a line narrower than this fraction of the text width may sit in a column
    text_column_fill: float = 0.6  # median line width / column width of a column of running text (not a table)
    indent_threshold: float = 1.0  # em: a line starting this far right of its column's left edge begins a paragraph
    paragraph_gap_ratio: float = 1.25  # a baseline distance above this x the usual line pitch begins a paragraph
    size_change: float = 0.6  # pt: a font size change larger than this begins a block
    short_line_slack: float = 1.0  # em: room at a line end beyond the next line's first word that ends a paragraph
    table_settings: dict | None = None  # page.find_tables() settings; None: pdfplumber's defaults (ruled tables)
    table_min_cells: int = 2  # a ruled "table" with fewer cells (a framed box) stays body text
    table_join_tolerance: float = 3.0  # pt: column edges of two table parts may differ this much to join them
    find_unruled_tables: bool = True
    unruled_min_rows: int = 3  # consecutive lines sharing the column gaps needed for an unruled table
    unruled_min_columns: int = 2
