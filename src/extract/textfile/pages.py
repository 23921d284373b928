"""Page furniture left in a text paper converted from a PDF (pdftotext and the like).

Such text keeps the pages' form feeds (`\\f`), their page numbers (`- 12 -`, `第 3 页`)
and running headers (`经济研究 2020年第2期`) between the lines of a paragraph the page
broke. With form feeds, each page's outermost lines (two at the top, two at the bottom)
are removed when they are a page number in any common form (`text.PAGE_NUMBER`) or
recur, numbers ignored (`text.band_key`), at the same edge of another page and of a
third of all pages (a table row, holding a tab, never). Without form feeds only page numbers marked beyond doubt
(`text.MARKED_PAGE_NUMBER`: `- 12 -`, `第 3 页`, `Page 3`) standing on a line of their own
are removed: a bare `12` may be a table value. Every removed line is a removal flag
(`page_number_removed`, `running_header_removed`) naming its page in the detail; the
form feeds themselves carry no text.
"""

from __future__ import annotations

from collections import Counter

from ..model import Change
from ..schema.flags import PAGE_NUMBER_REMOVED, RUNNING_HEADER_REMOVED
from ..text import MARKED_PAGE_NUMBER, PAGE_NUMBER, band_key

MARGIN_LINES = 2  # lines at each edge of a page looked at
MIN_OTHER_PAGES = 1  # a running line recurs on at least this many other pages ...
MIN_PAGE_SHARE = 1 / 3  # ... and on this share of all pages


def strip_page_furniture(text: str) -> tuple[str, list[Change]]:
    """The text without the page numbers and running headers its pages left, and a flag per line removed."""
    if "\f" not in text:
        return _strip_marked_numbers(text)
    pages = [page.split("\n") for page in text.split("\f")]
    candidates: list[list[tuple[int, str]]] = []  # per page: (line index, edge) of its outermost lines
    for lines in pages:
        filled = [i for i, line in enumerate(lines) if line.strip()]
        top, bottom = filled[:MARGIN_LINES], filled[-MARGIN_LINES:]
        candidates.append([(i, "top") for i in top] + [(i, "bottom") for i in bottom if i not in top])
    recurring = Counter((edge, band_key(pages[p][i])) for p, found in enumerate(candidates) for i, edge in found)
    needed = max(MIN_OTHER_PAGES + 1, round(MIN_PAGE_SHARE * len(pages)))
    changes: list[Change] = []
    for number, (lines, found) in enumerate(zip(pages, candidates), start=1):
        drop = set()
        for i, edge in found:
            line = lines[i].strip()
            if PAGE_NUMBER.fullmatch(line):
                changes.append(PAGE_NUMBER_REMOVED.change(f"text page {number}: a page number", original=line))
                drop.add(i)
            elif recurring[(edge, band_key(lines[i]))] >= needed and "\t" not in line:
                changes.append(RUNNING_HEADER_REMOVED.change(
                    f"text page {number}: a running {'header' if edge == 'top' else 'footer'} recurring on "
                    f"{recurring[(edge, band_key(lines[i]))]} pages", original=line))
                drop.add(i)
        pages[number - 1] = [line for i, line in enumerate(lines) if i not in drop]
    return "\n".join("\n".join(lines) for lines in pages), changes


def _strip_marked_numbers(text: str) -> tuple[str, list[Change]]:
    if not any(mark in text for mark in "-–—·・•页頁Pp"):
        return text, []
    lines = text.split("\n")
    kept, changes = [], []
    for line in lines:
        if line.strip() and MARKED_PAGE_NUMBER.fullmatch(line):
            changes.append(PAGE_NUMBER_REMOVED.change("a page number on a line of its own", original=line.strip()))
        else:
            kept.append(line)
    return ("\n".join(kept), changes) if changes else (text, [])
