"""Every knob of the PDF reader."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import check_settings


@dataclass(frozen=True)
class PdfSettings:
    """Every threshold of the reader. Lengths in `em` are multiples of the line's font size."""

    header_band: float = 0.12  # top and bottom fraction of the page height searched for running headers/footers
    margin_rows: int = 2  # outermost rows (lines sharing a baseline) at the top and bottom looked at
    header_min_pages: int = 2  # a margin line (digits ignored) recurring on this many pages is a running header
    header_y_tolerance: float = 3.0  # pt: a running header recurs at the same height on every page
    baseline_tolerance: float = 0.12  # em: chars whose baselines differ by less share a baseline
    line_tolerance: float = 0.45  # em: baselines closer than this are one line (raised markers), unless glyphs overlap
    mark_tolerance: float = 0.75  # em: how far a mark of small glyphs may sit above or below its line
    mark_max_glyphs: int = 12  # a raised or lowered mark has at most this many glyphs (`^[12,15-17]`)
    mark_min_size: float = 0.4  # a mark is at least this size relative to its line (a chart's tick label: smaller)
    fragment_gap: float = 1.5  # em: a wider horizontal gap splits a line into fragments (columns, table cells)
    space_gap: float = 0.15  # em: a wider gap between chars is a space (PDFs that draw no space glyphs)
    cjk_space_gap: float = 3.0  # em: between Chinese chars only a gap this wide is a space (not letter-spacing)
    cjk_word_gap: float = 0.8  # em: ... or one this wide in a line whose Chinese chars otherwise touch (keywords
    cjk_tight_gap: float = 0.2  # em: set apart by a wide gap: `减速路障  交通稳静化`); touching: gaps below this
    cjk_tight_min_gaps: int = 4  # gaps between Chinese chars a line needs before its spacing is judged
    superscript_size_ratio: float = 0.8  # a char at most this size relative to its line's size ...
    superscript_rise: float = 0.15  # em: ... whose baseline is raised at least this much is a superscript
    column_gap_min: float = 8.0  # pt: the narrowest gutter accepted between two columns
    column_min_lines: int = 3  # lines needed on each side of a gutter
    gutter_crossing_ratio: float = 0.25  # this share of the narrow lines may cross a gutter (titles, full-width blocks)
    narrow_line_ratio: float = 0.6  # a line narrower than this fraction of the text width may sit in a column
    text_column_min: float = 0.25  # a column of running text is at least this fraction of the text width
    text_column_fill: float = 0.6  # median line width / column width of a column of running text (not a table)
    indent_threshold: float = 1.0  # em: a line starting this far right of its column's left edge begins a paragraph
    paragraph_gap_ratio: float = 1.25  # a baseline distance above this x the usual line pitch begins a paragraph
    size_change: float = 0.6  # pt: a font size change larger than this begins a block
    short_line_slack: float = 1.0  # em: room at a line end beyond the next line's first word that ends a paragraph
    table_settings: dict | None = None  # page.find_tables() settings; None: pdfplumber's defaults (ruled tables)
    table_min_cells: int = 2  # a ruled "table" with fewer cells holding text (a framed box) stays body text
    frame_prose_chars: int = 60  # a ruled cell alone in its row holding this much prose: a frame, not a table
    table_join_tolerance: float = 3.0  # pt: column edges of two table parts may differ this much to join them
    # the glyphs, rules and pictures of a page from PDFium (pdfium.py; false: pdfminer's); pages PDFium
    # cannot give in pdfminer's coordinates (rotated, a media box off the origin) are read by pdfminer
    pdfium: bool = True
    unmapped_share: float = 0.5  # a page with this share of glyphs pdfminer cannot map is read with PDFium
    toc_min_entries: int = 3  # rows ending in a leader and a page number that make a table of contents
    formula_math_share: float = 0.3  # a line without Han chars this much in math fonts is a displayed formula
    figure_min_size: float = 20.0  # pt: a smaller image is a glyph or a rule, not a figure
    figure_max_area: float = 0.5  # an image covering more of the page is its background, not a figure
    figure_margin: float = 2.0  # pt: text this close inside an image's box is the figure's
    figure_min_curves: int = 3  # a cluster of drawn objects with this many curves ...
    figure_min_objects: int = 12  # ... or this many objects is a vector figure
    figure_text_ratio: float = 0.75  # text in a vector figure is set at most this size relative to the body
    footnote_size_ratio: float = 0.92  # footnotes are set at most this size relative to the body
    footnote_rule_min: float = 0.05  # a footnote rule is this to ...
    footnote_rule_max: float = 0.45  # ... this fraction of the page width long
    find_unruled_tables: bool = True
    unruled_min_rows: int = 3  # consecutive lines sharing the column gaps needed for an unruled table
    unruled_min_columns: int = 2
    unruled_prose_width: float = 0.35  # a fragment this share of a run's width ...
    unruled_prose_chars: int = 15  # ... with this many characters is a line of prose, not a cell
    unruled_aligned_share: float = 0.8  # cells of a column sharing a left edge, right edge or centre
    unruled_align_tolerance: float = 3.0  # pt
    # three-line tables (rule_tables.py): rules plus a caption or a header rule and aligned cells
    find_rule_tables: bool = True
    rule_table_min_width: float = 40.0  # pt: a shorter horizontal stroke is no table rule
    rule_table_end_tolerance: float = 3.0  # pt: the rules of one table start and end together
    rule_table_prose_width: float = 0.7  # a lone fragment this share of the rule's width is prose, not a row
    rule_table_gap: float = 0.6  # em: the narrowest white range between two columns
    rule_table_caption_reach: float = 3.0  # em: a caption this close above or below the rules is the table's
    rule_table_header_rows: int = 3  # a first band of more printed rows is no header (rules of a form, a frame)
    rule_table_row_lines: int = 6  # a table row of more printed lines swallowed text that is no cell
    keyed_fill: float = 1.5  # em: a cell line this close to its column's widest line fills it (a wrapped line follows)
    rule_table_cell_chars: int = 40  # a cell this long holding sentence punctuation is prose, not a cell

    def __post_init__(self):
        check_settings(self, shares=SHARES)


SHARES = frozenset({"header_band", "gutter_crossing_ratio", "narrow_line_ratio", "text_column_min",
                    "text_column_fill", "unmapped_share", "formula_math_share", "figure_max_area",
                    "footnote_rule_min", "footnote_rule_max", "unruled_prose_width", "unruled_aligned_share",
                    "rule_table_prose_width"})
"""Knobs that are a fraction of a whole (0..1)."""
