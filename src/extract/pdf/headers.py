"""Running headers, footers and page numbers: the outermost lines of a page that repeat or count.

A line is a candidate when it is among the `margin_rows` outermost rows (lines sharing a
baseline) at the top or the bottom of the page and lies in the margin band (`header_band`
of the page height from the edge: theses print headers 60-75 pt from the edge). A
candidate is removed when
- its text, digits ignored, recurs as a candidate on `header_min_pages` pages: running
  headers and footers, odd and even pages each their own, a chapter title repeated as
  header; or
- on a page other than the first, it shares its row with a line removed as a running
  header on the same page (the volume beside the journal's name), or stands (whose header
  names the journal, volume and issue for the front matter), at the height of lines removed
  as running headers on `header_min_pages` other pages (a header printed on one odd page
  only); or
- it is a page number in any common form (`PAGE_NUMBER`: `5`, `- 24 -`, `· 5 ·`,
  `第 3 页 共 29 页`, `Page 3 of 29`, `3/29`, roman numerals).
Every removed line is one change (kind `running_header_removed` or `page_number_removed`)
naming its page and text: the character accounting counts it as a recorded removal.
"""

from __future__ import annotations

from collections import defaultdict

from ..model import Change
from ..schema.flags import PAGE_NUMBER_REMOVED, RUNNING_HEADER_REMOVED
from ..text import PAGE_NUMBER, band_key
from .lines import Line
from .page import Page
from .settings import PdfSettings


def margin_candidates(p: Page, s: PdfSettings) -> list[tuple[str, Line]]:
    """(side, line) for the lines of the outermost rows inside the top and bottom bands."""
    band = s.header_band * p.height
    rows: dict[int, list[Line]] = defaultdict(list)
    for ln in p.lines:
        rows[round(ln.baseline / 2)].append(ln)
    ordered = [rows[k] for k in sorted(rows)]
    out = []
    for row in ordered[: s.margin_rows]:
        if all(ln.bottom <= p.top + band for ln in row):
            out += [("top", ln) for ln in row]
    for row in ordered[::-1][: s.margin_rows]:
        if all(ln.top >= p.bottom - band for ln in row) and not any(ln is c for _, c in out for ln in row):
            out += [("bottom", ln) for ln in row]
    return out


def remove_running_lines(pages: list[Page], s: PdfSettings) -> list[Change]:
    """Drop running headers/footers and page numbers from `pages` (each page's `lines`);
    one Change per removed line."""
    where: dict[tuple[str, str], list[tuple[int, Line]]] = defaultdict(list)
    candidates = []
    for p in pages:
        for side, ln in margin_candidates(p, s):
            candidates.append((p.number, side, ln))
            where[(side, band_key(ln.text))].append((p.number, ln))
    changes, drop = [], {}
    for _, side, ln in candidates:
        pages_with_it = {n for n, _ in where[(side, band_key(ln.text))]}
        if PAGE_NUMBER.fullmatch(ln.text.strip()):
            drop[id(ln)] = (PAGE_NUMBER_REMOVED, f"{side} margin, a page number")
        elif len(pages_with_it) >= s.header_min_pages:
            drop[id(ln)] = (RUNNING_HEADER_REMOVED, f"{side} margin, repeated on {len(pages_with_it)} pages")
    header_heights = [(side, n, ln.baseline) for n, side, ln in candidates
                      if drop.get(id(ln), (None,))[0] is RUNNING_HEADER_REMOVED]
    first_page = pages[0].number if pages else None
    for number, side, ln in candidates:
        if id(ln) in drop:
            continue
        same_row = any(sd == side and n == number and abs(y - ln.baseline) <= s.header_y_tolerance
                       for sd, n, y in header_heights)
        others = {n for sd, n, y in header_heights
                  if sd == side and n != number and abs(y - ln.baseline) <= s.header_y_tolerance}
        if same_row and number != first_page:
            drop[id(ln)] = (RUNNING_HEADER_REMOVED, f"{side} margin, in the row of this page's running header")
        elif len(others) >= s.header_min_pages and number != first_page:
            drop[id(ln)] = (RUNNING_HEADER_REMOVED, f"{side} margin, where other pages print their header")
    for number, _, ln in candidates:
        if id(ln) in drop:
            kind, why = drop[id(ln)]
            changes.append(kind.change(f"page {number}: {why}", original=ln.text, page=number))
    for p in pages:
        p.remove_lines([ln for ln in p.lines if id(ln) in drop], changes)
    return changes
