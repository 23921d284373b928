"""Text-layer PDF -> layout blocks in reading order (stage `pdf`).

The rest of the pipeline reads a paper as a list of `Block`s, one per line of the
text form. This package makes the same blocks from a PDF (`reader.read_pdf` runs the steps):

1. chars of each page (PDFium's in pdfminer's values, `pdfium`; with `pdfium = false` pdfplumber's)
   -> lines: chars on one baseline, split into fragments at wide horizontal gaps; small raised chars
   become `^[n]` markers (`chars`, `lines`);
2. ruled tables (`page.find_tables()`) -> table blocks; their chars leave the body
   (`ruled_tables`);
3. running headers/footers: lines in the top/bottom band whose text (digits
   ignored) recurs on several pages, and page numbers, are dropped (`headers`);
4. columns from the x-distribution of the lines (a gutter almost no narrow line
   crosses, with lines side by side on both sides); reading order: bands between
   full-width items, in each band the columns left to right, each top to bottom;
   unruled tables: runs of rows whose fragments share >= 2 column gaps
   (`columns`, `reading_order`, `unruled_tables`);
5. lines -> paragraph blocks: a block starts at an indented line, after a wide
   vertical gap, at a font change, or after a line that ends short of its column's
   right edge although the next line's first word would have fit there; a paragraph
   continues across columns and pages when the next column starts unindented
   (`edges`, `blocks`, `joining`);
6. a table at the bottom of a page (column) continued at the top of the next is one
   block (`tables`, `blocks`).

Known limits: a single page cannot show a running header by repetition (only page
numbers are dropped there); an unindented paragraph starting at the top of a column
right after a full last line is joined to it; a band of fewer than
`column_min_lines` lines per column is read as one column; unruled tables are looked
for inside a column only, and their wrapped cells are grouped by row spacing.
"""

from .joining import join_lines
from .lines import marker_text
from .open import PdfError
from .reader import PdfResult, read_pdf
from .settings import PdfSettings

__all__ = ["PdfError", "PdfResult", "PdfSettings", "join_lines", "marker_text", "read_pdf"]
