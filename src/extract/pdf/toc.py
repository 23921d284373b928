"""Table of contents: rows that end in a page number after a leader, with the title above them.

A row (the lines of a page sharing a baseline) is a contents entry when its text ends in a
page number (arabic or roman) after a leader of dots (`……`, `. . .`, `····`). A page with
`toc_min_entries` entries holds a table of contents: its entries, the rows between them,
and a `目录` / `目 次` / `Contents` title just above (or `插图目录`, `表格目录`, `List of Figures`: the
lists of figures and tables are read the same way) are removed, one change per row
(kind `toc_line_removed`, page and text named). A contents page continued on the next page
is recognized there by its own entries. Entries set without a leader (a chapter's title, a gap, its page
number: `3 版本历史      16`) are contents too where they run on from the leadered entries (up to the title,
or down from the last entry), their page number a fragment of its own ending at the entries' page numbers'
right edge (within its font size), the page numbers not going down. Without a title that can be read (a font
without Unicode) they are contents only where they run up to the page's top, its first row or two (the title)
included.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..model import Change
from ..schema.flags import TOC_LINE_REMOVED
from ..text.pages import TOC_ENTRY
from .lines import Line
from .page import Page
from .settings import PdfSettings

# the contents, and the lists of figures and of tables (`插图目录`, `表格目录`, `图表清单`, `List of Figures`)
TOC_TITLE = re.compile(r"(?:[插附]?\s*[图圖]|表\s*格|表|[图圖]\s*表)?\s*(?:目\s*[录錄]|目\s*次|清\s*[单單])"
                       r"|(?i:(?:table\s+of\s+)?contents|list\s+of\s+(?:figures|tables|illustrations))")


def rows_of(lines: list[Line]) -> list[list[Line]]:
    rows: dict[int, list[Line]] = defaultdict(list)
    for ln in lines:
        rows[round(ln.baseline / 2)].append(ln)
    return [sorted(rows[k], key=lambda ln: ln.x0) for k in sorted(rows)]


def row_text(row: list[Line]) -> str:
    return " ".join(ln.text for ln in row)


PAGE_NUMBER = re.compile(r"\d{1,4}|[IVXLCDM]{1,7}|[ivxlcdm]{1,7}")


def gap_entry(row: list[Line], right: float) -> bool:
    """A contents entry without a leader: a title, then its page number apart, at the entries' right edge."""
    return len(row) >= 2 and PAGE_NUMBER.fullmatch(row[-1].text.strip()) is not None \
        and abs(row[-1].x1 - right) <= row[-1].size


def page_of(row: list[Line]) -> int | None:
    number = row[-1].text.strip().split()[-1] if row[-1].text.strip() else ""
    return int(number) if number.isdigit() else None


def remove_toc(pages: list[Page], s: PdfSettings) -> list[Change]:
    """Drop table-of-contents rows from each page's `lines`; one Change per row."""
    changes = []
    for p in pages:
        rows = rows_of(p.lines)
        entries = [k for k, row in enumerate(rows) if TOC_ENTRY.fullmatch(row_text(row).strip())]
        if len(entries) < s.toc_min_entries:
            continue
        first, last = entries[0], entries[-1]
        right = sorted(rows[k][-1].x1 for k in entries)[len(entries) // 2]
        while last + 1 < len(rows) and gap_entry(rows[last + 1], right) and (
                page_of(rows[last + 1]) or 0) >= (page_of(rows[last]) or 0):
            last += 1  # `3 版本历史      16` after the last leadered entry
        top = first
        while top > 0 and gap_entry(rows[top - 1], right):
            top -= 1  # `1 简介      2` above the first: contents only under the contents' title
        title = top - 1
        while title >= 0 and title >= top - 2:  # the title, possibly above a blank-ish row
            if TOC_TITLE.fullmatch(row_text(rows[title]).strip()):
                first = title
                break
            title -= 1
        else:
            if top <= 2 and top < first:  # entries from the page's top (under a title that cannot be read, in one
                first = 0  # row or two)
        changes += p.remove_lines([ln for row in rows[first:last + 1] for ln in row],
                                  [TOC_LINE_REMOVED.change(f"page {p.number}: a table-of-contents line",
                                                           original=row_text(row), page=p.number)
                                   for row in rows[first:last + 1]])
    return changes
