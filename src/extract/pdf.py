"""Text-layer PDF -> layout blocks in reading order (stage `pdf`).

The rest of the pipeline reads a paper as a list of `Block`s, one per line of the
text form. This module makes the same blocks from a PDF:

1. chars of each page (pdfplumber) -> lines: chars on one baseline, split into
   fragments at wide horizontal gaps; small raised chars become `^[n]` markers;
2. ruled tables (`page.find_tables()`) -> table blocks; their chars leave the body;
3. running headers/footers: lines in the top/bottom band whose text (digits
   ignored) recurs on several pages, and page numbers, are dropped;
4. columns from the x-distribution of the lines (a gutter almost no narrow line
   crosses, with lines side by side on both sides); reading order: bands between
   full-width items, in each band the columns left to right, each top to bottom;
   unruled tables: runs of rows whose fragments share >= 2 column gaps;
5. lines -> paragraph blocks: a block starts at an indented line, after a wide
   vertical gap, at a font change, or after a line that ends short of its column's
   right edge although the next line's first word would have fit there; a paragraph
   continues across columns and pages when the next column starts unindented;
6. a table at the bottom of a page (column) continued at the top of the next is one block.

Known limits: a single page cannot show a running header by repetition (only page
numbers are dropped there); an unindented paragraph starting at the top of a column
right after a full last line is joined to it; a band of fewer than
`column_min_lines` lines per column is read as one column; unruled tables are looked
for inside a column only, and their wrapped cells are grouped by row spacing.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .model import Block, Change

STAGE = "pdf"


class PdfError(ValueError):
    """The PDF cannot be read; the message is one line naming the reason."""


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


@dataclass
class PdfResult:
    blocks: list[Block]
    n_pages: int
    changes: list[Change] = field(default_factory=list)


# ---------------------------------------------------------------- characters

MARKER_RUN = re.compile(r"(?:\[[\d\s,，、\-–—~]+\])+")
MARKER_BARE = re.compile(r"\d+(?:\s*[,，、\-–—~]\s*\d+)*")
PAGE_NUMBER = re.compile(r"^(?:[-–—·・•|\s]*\d{1,4}[-–—·・•|\s]*|第\s*\d+\s*[页頁]|[Pp]age\s*\d+|\d+\s*/\s*\d+)$")
CLOSING = set("，。、；：？！）》」』】〉”’…,.;:?!)]}%")
OPENING = set("（《「『【〈“‘([{")
LATIN_END = re.compile(r"[A-Za-z0-9\u00c0-\u024f,.;:!?)\]'\"%]$")
LATIN_START = re.compile(r"^[A-Za-z0-9\u00c0-\u024f(\['\"]")


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0xFE30 <= o <= 0xFE4F
        or 0xFF00 <= o <= 0xFFEF
        or 0x20000 <= o <= 0x3FFFF
        or ch in "“”‘’—…·・"
    )


@dataclass
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float  # top-down, like top/bottom
    size: float
    bold: bool

    @property
    def is_space(self) -> bool:
        return self.text.isspace()


def page_chars(page) -> tuple[list[Char], int]:
    """Upright chars of a page, and the number of rotated ones left out (margin notes,
    vertical text: not part of the running text)."""
    out, rotated = [], 0
    for c in page.chars:
        text = c["text"]
        if not text:
            continue
        if not c.get("upright", True):
            rotated += 1
            continue
        matrix = c.get("matrix") or (1, 0, 0, 1, 0, c["y0"])
        baseline = c["bottom"] - (matrix[5] - c["y0"])  # the origin's y, top-down
        font = c.get("fontname", "")
        out.append(Char(text, c["x0"], c["x1"], c["top"], c["bottom"], baseline, round(c["size"], 2),
                        bool(re.search(r"bold|heavy|black|[-,]B\b", font, re.I))))
    return out, rotated


# ---------------------------------------------------------------- lines


@dataclass
class Line:
    """Chars on one baseline without a wide gap: a line of a column, a cell, a header."""

    chars: list[Char]
    page: int
    settings: PdfSettings
    text: str = ""
    size: float = 0.0
    bold: bool = False
    baseline: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    first_unit: float = 0.0  # width of the first word (Han char + closing punctuation, or Latin word)
    ends_with_space: bool = False
    starts_with_space: bool = False
    # filled in by the layout:
    left: float = 0.0  # the column's left and right edges
    right: float = 0.0
    region: tuple = ()  # (page, band, column): lines of one region follow each other vertically
    layout: tuple = ()  # (number of gutters on the page, column index or None for full width)
    first_in_region: bool = False
    last_in_region: bool = False

    def __post_init__(self) -> None:
        self.chars.sort(key=lambda c: c.x0)
        ink = [c for c in self.chars if not c.is_space] or self.chars
        sizes: Counter = Counter()
        for c in ink:  # by printed width: three small chars of a marker do not outweigh two Han chars
            sizes[c.size] += max(c.x1 - c.x0, 0.01)
        self.size = max(sizes, key=lambda s: (sizes[s], s))
        main = [c for c in ink if abs(c.size - self.size) <= 0.5] or ink
        self.baseline = statistics.median(c.baseline for c in main)
        self.bold = sum(c.bold for c in main) * 2 > len(main)
        self.x0, self.x1 = min(c.x0 for c in ink), max(c.x1 for c in ink)
        self.top, self.bottom = min(c.top for c in main), max(c.bottom for c in main)
        self.starts_with_space = self.chars[0].is_space
        self.ends_with_space = self.chars[-1].is_space
        self.text, self.first_unit = self._render(ink)

    def is_superscript(self, c: Char) -> bool:
        s = self.settings
        return c.size <= s.superscript_size_ratio * self.size and self.baseline - c.baseline >= s.superscript_rise * self.size

    def _render(self, ink: list[Char]) -> tuple[str, float]:
        """Text of the line with spaces where drawn or where Latin chars leave a gap,
        superscript runs as `^[n]` markers; and the width of the first unit."""
        out: list[str] = []
        pending_space = False
        prev: Char | None = None
        sup: list[Char] = []

        def flush_sup() -> None:
            if sup:
                out.append(marker_text("".join(c.text for c in sup)))
                sup.clear()

        for c in self.chars:
            if c.is_space:
                pending_space = bool(out or sup)
                continue
            superscript = self.is_superscript(c)
            if prev is not None and not pending_space:
                gap = c.x0 - prev.x1
                if gap > self.settings.space_gap * self.size and not (is_cjk(c.text) and is_cjk(prev.text)):
                    pending_space = True
            if not superscript:
                flush_sup()
            if pending_space and (out or sup):
                flush_sup()
                out.append(" ")
            pending_space = False
            if superscript:
                sup.append(c)
            else:
                out.append(c.text)
            prev = c
        flush_sup()
        # first unit: opening punctuation, a Han char or Latin word, then closing punctuation,
        # Latin chars and superscripts glued to it: what the line before had no room for
        k = 0
        while k < len(ink) - 1 and ink[k].text in OPENING:
            k += 1
        first = ink[0]
        end = ink[k].x1
        for c in ink[k + 1 :]:  # no line break inside a Latin run or before closing punctuation
            if c.x0 - end > self.settings.space_gap * self.size:
                break
            if self.is_superscript(c) or c.text in CLOSING or not is_cjk(c.text):
                end = c.x1
            else:
                break
        return "".join(out), end - first.x0


def marker_text(raw: str) -> str:
    """`[2]`, `2`, `[3-5]`, `[1][4]` -> `^[2]`, `^[2]`, `^[3-5]`, `^[1]^[4]`; other superscripts stay text."""
    s = raw.strip()
    if MARKER_RUN.fullmatch(s):
        return "".join(f"^[{m.strip()}]" for m in re.findall(r"\[([^\]]+)\]", s))
    if MARKER_BARE.fullmatch(s):
        return f"^[{s}]"
    return raw


def group_lines(chars: list[Char], page: int, s: PdfSettings) -> list[Line]:
    """Chars -> lines: cluster by baseline, then split each cluster at wide gaps."""
    ink = sorted((c for c in chars if not c.is_space), key=lambda c: c.baseline)
    rows: list[list[Char]] = []
    for c in ink:
        if rows:
            last = rows[-1][-1]
            if c.baseline - last.baseline <= s.line_tolerance * max(c.size, last.size):
                rows[-1].append(c)
                continue
        rows.append([c])
    spaces = [c for c in chars if c.is_space]
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda c: c.x0)
        parts: list[list[Char]] = [[row[0]]]
        for c in row[1:]:
            prev = parts[-1][-1]
            if c.x0 - prev.x1 > s.fragment_gap * max(c.size, prev.size):
                parts.append([c])
            else:
                parts[-1].append(c)
        top, bottom = min(c.top for c in row), max(c.bottom for c in row)
        for part in parts:
            x0, x1 = part[0].x0, max(c.x1 for c in part)
            # space glyphs inside the fragment or touching its ends belong to it
            part += [sp for sp in spaces if top - 1 <= (sp.top + sp.bottom) / 2 <= bottom + 1
                     and x0 - sp.size * 0.6 <= (sp.x0 + sp.x1) / 2 <= x1 + sp.size * 0.6]
            lines.append(Line(part, page, s))
    return lines


def join_lines(prev: str, prev_space: bool, nxt: str, next_space: bool) -> tuple[str, str | None]:
    """Join two lines of one paragraph the way Chinese typesetting needs.

    Returns the joined text and, for a rejoined hyphenated word, the word as printed.
    """
    if not prev or not nxt:
        return prev + nxt, None
    if prev_space or next_space:
        return prev + " " + nxt, None
    m = re.search(r"([A-Za-z]+)-$", prev)
    if m and re.match(r"[a-z]", nxt):
        word = re.match(r"[a-z]+", nxt).group()
        return prev[:-1] + nxt, f"{m.group(1)}-{word}"
    if re.search(r"\^\[[^\]]*\]$", prev):  # after a citation marker: no space unless one was printed
        return prev + nxt, None
    tail = re.search(r"[^\s\u2E80-\u9FFF\uFF00-\uFFEF]*$", prev).group()
    if re.search(r"://|www\.", tail):
        return prev + nxt, None
    if LATIN_END.search(prev) and LATIN_START.match(nxt):
        return prev + " " + nxt, None
    return prev + nxt, None


# ---------------------------------------------------------------- tables


@dataclass
class TableItem:
    rows: list[list[str]]
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    col_edges: list[float]
    size: float | None
    ruled: bool = True
    carry: dict | None = None  # unruled: column gaps and row pitch, for a continuation on the next page
    region: tuple = ()
    first_in_region: bool = False
    last_in_region: bool = False

    @property
    def ncols(self) -> int:
        return len(self.rows[0]) if self.rows else 0


def cell_text(chars: list[Char], page: int, s: PdfSettings) -> str:
    """Text of a table cell: its lines joined without the breaks of the cell's wrapping."""
    lines = sorted(group_lines(chars, page, s), key=lambda ln: (round(ln.baseline), ln.x0))
    text, space = "", False
    for ln in lines:
        text, _ = join_lines(text, space, ln.text, ln.starts_with_space)
        space = ln.ends_with_space
    return text.strip()


def ruled_tables(page, chars: list[Char], number: int, s: PdfSettings) -> list[TableItem]:
    items = []
    for table in page.find_tables(s.table_settings or {}):
        cells = [cell for row in table.rows for cell in row.cells if cell is not None]
        if len(cells) < s.table_min_cells:
            continue
        x0, top, x1, bottom = table.bbox
        chars_in = [c for c in chars if x0 - 1 <= (c.x0 + c.x1) / 2 <= x1 + 1 and top - 1 <= (c.top + c.bottom) / 2 <= bottom + 1]
        rows = []
        for row in table.rows:
            texts = []
            for cell in row.cells:
                if cell is None:  # covered by a merged cell
                    texts.append("")
                    continue
                cx0, ctop, cx1, cbottom = cell
                inside = [c for c in chars_in if cx0 <= (c.x0 + c.x1) / 2 <= cx1 and ctop <= (c.top + c.bottom) / 2 <= cbottom]
                texts.append(cell_text(inside, number, s))
            rows.append(texts)
        edges = sorted({round(c[0], 1) for c in cells} | {round(c[2], 1) for c in cells})
        sizes = Counter(c.size for c in chars_in if not c.is_space)
        size = sizes.most_common(1)[0][0] if sizes else None
        items.append(TableItem(rows, number, x0, x1, top, bottom, edges, size))
    return items


def outside(chars: list[Char], tables: list[TableItem]) -> list[Char]:
    def inside(c: Char, t: TableItem) -> bool:
        cx, cy = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
        return t.x0 - 1 <= cx <= t.x1 + 1 and t.top - 1 <= cy <= t.bottom + 1

    return [c for c in chars if not any(inside(c, t) for t in tables)]


def unruled_tables(lines: list[Line], s: PdfSettings, carry=None) -> tuple[list[TableItem], list[Line]]:
    """Runs of consecutive rows of >= 2 fragments whose gaps line up into shared column
    gaps -> tables. Rows closer than the row pitch of the run are one table row (wrapped cells).

    carry: the column gaps of an unruled table that ended the previous page; rows at the
    top of this page that fit them continue it, however few they are."""
    if not s.find_unruled_tables or not lines:
        return [], lines
    by_row: dict[int, list[Line]] = defaultdict(list)
    for ln in lines:
        by_row[round(ln.baseline)].append(ln)
    keys = sorted(by_row)
    # merge baselines within a pt or two (rounding)
    rows: list[list[Line]] = []
    last = None
    for k in keys:
        if last is not None and k - last <= 2:
            rows[-1] += by_row[k]
        else:
            rows.append(list(by_row[k]))
        last = k
    tables, used = [], set()
    i = 0
    while i < len(rows):
        run = [rows[i]]
        gaps = row_gaps(rows[i])
        j = i + 1
        min_rows = s.unruled_min_rows
        continued = i == 0 and carry and shared_gaps(carry["gaps"], rows[0], s.column_gap_min)
        if continued:
            gaps, min_rows = continued, 1
        if len(rows[i]) >= s.unruled_min_columns:
            while j < len(rows):
                shared = shared_gaps(gaps, rows[j], s.column_gap_min)
                if shared is None:
                    break
                gaps = shared
                run.append(rows[j])
                j += 1
        while len(run) > 2 and len(run[-1]) < s.unruled_min_columns and pitch(run[-2], run[-1]) > 1.15 * min(
                pitch(a, b) for a, b in zip(run, run[1:])):
            run.pop()  # a short line after the table (a note), not a wrapped cell
            j -= 1
        multi = sum(len(r) >= s.unruled_min_columns for r in run)
        if len(gaps) + 1 >= s.unruled_min_columns and multi >= min_rows:
            tables.append(unruled_table(run, gaps, carry if continued else None))
            used.update(id(ln) for r in run for ln in r)
            i = j
        else:
            i += 1
    return tables, [ln for ln in lines if id(ln) not in used]


def pitch(upper: list[Line], lower: list[Line]) -> float:
    return min(ln.baseline for ln in lower) - min(ln.baseline for ln in upper)


def row_gaps(row: list[Line]) -> list[tuple[float, float]]:
    frags = sorted(row, key=lambda ln: ln.x0)
    return [(a.x1, b.x0) for a, b in zip(frags, frags[1:])]


def shared_gaps(gaps, row: list[Line], min_gap: float) -> list[tuple[float, float]] | None:
    """Narrow the column gaps of a table to the part a new row leaves free; None when a
    row's text fills a gap (not a row of this table). A row may leave cells empty."""
    out = []
    for g0, g1 in gaps:
        free = [(g0, g1)]
        for ln in row:
            free = [piece for f0, f1 in free for piece in ((f0, min(f1, ln.x0)), (max(f0, ln.x1), f1)) if piece[1] > piece[0]]
        widest = max(free, key=lambda f: f[1] - f[0], default=None)
        if widest is None or widest[1] - widest[0] < min_gap:
            return None
        out.append(widest)
    return out


def unruled_table(run: list[list[Line]], gaps, carry: dict | None = None) -> TableItem:
    """Rows of a run -> a table. When some rows are further apart than others, the close
    ones are the wrapped lines of one table row."""
    edges = list(gaps)
    pitches = [pitch(r1, r2) for r1, r2 in zip(run, run[1:])]
    normal = min(pitches) if pitches else 0.0
    spaced = bool(pitches) and max(pitches) > normal * 1.3
    if carry:  # the part on the previous page tells the line pitch inside a row
        normal, spaced = carry["normal"], carry["spaced"]
    groups: list[list[list[Line]]] = []
    for k, r in enumerate(run):
        if k and spaced and pitches[k - 1] <= normal * 1.15:
            groups[-1].append(r)
        else:
            groups.append([r])
    rows = []
    for g in groups:
        cells: list[list[Line]] = [[] for _ in range(len(edges) + 1)]
        for r in g:
            for ln in r:
                col = sum(ln.x0 >= g1 - 1 for _, g1 in edges)
                cells[col].append(ln)
        row = []
        for lines in cells:
            text, space = "", False
            for ln in sorted(lines, key=lambda x: x.baseline):
                text, _ = join_lines(text, space, ln.text, ln.starts_with_space)
                space = ln.ends_with_space
            row.append(text.strip())
        rows.append(row)
    lines = [ln for r in run for ln in r]
    col_edges = [b for _, b in edges]  # cells are left-aligned: the start of each column is stable
    size = Counter(ln.size for ln in lines).most_common(1)[0][0]
    return TableItem(rows, lines[0].page, min(ln.x0 for ln in lines), max(ln.x1 for ln in lines),
                     min(ln.top for ln in lines), max(ln.bottom for ln in lines), col_edges, size, ruled=False,
                     carry={"gaps": list(gaps), "normal": normal, "spaced": spaced})


# ---------------------------------------------------------------- running headers


def band_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip()))


def remove_running_lines(pages: list[dict], s: PdfSettings) -> list[Change]:
    """Drop lines in the top/bottom band that recur on several pages (digits ignored)
    or look like page numbers; one Change per distinct text pattern."""
    where: dict[tuple[str, str], list[tuple[int, Line]]] = defaultdict(list)
    for p in pages:
        band = s.header_band * p["height"]
        for ln in p["lines"]:
            if ln.bottom <= p["top"] + band:
                where[("top", band_key(ln.text))].append((p["number"], ln))
            elif ln.top >= p["bottom"] - band:
                where[("bottom", band_key(ln.text))].append((p["number"], ln))
    changes, drop = [], set()
    for (side, key), hits in where.items():
        n_pages = len({n for n, _ in hits})
        if n_pages >= s.header_min_pages or (PAGE_NUMBER.match(hits[0][1].text) and len(pages) < s.header_min_pages):
            drop.update(id(ln) for _, ln in hits)
            numbers = sorted({n for n, _ in hits})
            changes.append(Change(STAGE, "running_header_removed", "info",
                                  detail=f"{side} band, {len(hits)}x on pages {numbers[0]}-{numbers[-1]}: {key}",
                                  original=hits[0][1].text))
    for p in pages:
        p["lines"] = [ln for ln in p["lines"] if id(ln) not in drop]
    return changes


# ---------------------------------------------------------------- columns and reading order


def find_gutters(lines: list, s: PdfSettings) -> list[tuple[float, float]]:
    """Vertical strips that (almost) no narrow line crosses, with enough lines on both
    sides. A few crossing lines (a centered title, a page number) are full-width items.
    A table counts as `column_min_lines` lines of its width."""
    lines = [it for it in lines for _ in range(s.column_min_lines if isinstance(it, TableItem) else 1)]
    if len(lines) < 2 * s.column_min_lines:
        return []
    left, right = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    width = right - left
    narrow = [ln for ln in lines if ln.x1 - ln.x0 <= s.narrow_line_ratio * width]
    if len(narrow) < 2 * s.column_min_lines:
        return []
    allowed = max(1, int(s.gutter_crossing_ratio * len(narrow)))
    events = sorted([(ln.x0, 1) for ln in narrow] + [(ln.x1, -1) for ln in narrow])
    segments, depth = [], 0  # (x0, x1, lines covering it)
    for (x, step), (nx, _) in zip(events, events[1:] + [(right, 0)]):
        depth += step
        if nx > x:
            segments.append((x, nx, depth))
    free = []
    for low, group in itertools.groupby(segments, key=lambda seg: seg[2] <= allowed):
        group = list(group)
        if not low:
            continue
        least = min(seg[2] for seg in group)  # the strip's core: where the fewest lines cross
        cores = [list(g) for k, g in itertools.groupby(group, key=lambda seg: seg[2] == least) if k]
        core = max(cores, key=lambda c: c[-1][1] - c[0][0])
        if core[-1][1] - core[0][0] >= s.column_gap_min:
            free.append((core[0][0], core[-1][1]))
    gutters = []
    for g0, g1 in free:
        if not (left + 0.15 * width <= (g0 + g1) / 2 <= right - 0.15 * width):
            continue
        n_left = sum(ln.x1 <= g0 + 0.5 for ln in narrow)
        n_right = sum(ln.x0 >= g1 - 0.5 for ln in narrow)
        if n_left >= s.column_min_lines and n_right >= s.column_min_lines:
            gutters.append((g0, g1))
    return gutters


def text_columns(lines: list[Line], tables: list[TableItem], gutters, s: PdfSettings) -> bool:
    """Columns of running text: side by side over some height (not a few centered lines
    right of some headings), and most lines of each column fill it there (the columns of
    an unruled table do not)."""
    bounds = [float("-inf")] + [g for pair in gutters for g in pair] + [float("inf")]
    columns = []
    for k in range(len(gutters) + 1):
        lo, hi = bounds[2 * k], bounds[2 * k + 1]
        columns.append([it for it in list(lines) + list(tables) if it.x0 >= lo - 0.5 and it.x1 <= hi + 0.5])
    if not all(columns):
        return False
    top = max(min(it.top for it in col) for col in columns)
    bottom = min(max(it.bottom for it in col) for col in columns)
    for col in columns:  # columns run side by side: each has lines beside the others
        beside = sum(s.column_min_lines if isinstance(it, TableItem) else 1
                     for it in col if it.top <= bottom and it.bottom >= top)
        if beside < s.column_min_lines:
            return False
    for col in columns:
        members = [ln for ln in col if isinstance(ln, Line) and top <= (ln.top + ln.bottom) / 2 <= bottom]
        if len(members) < 2:  # a column holding only a table, or a line or two
            continue
        extent = max(ln.x1 for ln in members) - min(ln.x0 for ln in members)
        if statistics.median(ln.x1 - ln.x0 for ln in members) < s.text_column_fill * extent:
            return False
    return True


def layout_page(lines: list[Line], tables: list[TableItem], number: int, s: PdfSettings, carry=None) -> list:
    """Columns, unruled tables and reading order of one page (carry: see unruled_tables)."""
    gutters = find_gutters(lines + tables, s)
    if gutters and not text_columns(lines, tables, gutters, s):
        gutters = []
    col = {id(ln): column_of(ln, gutters) for ln in lines}
    found: list[TableItem] = []
    kept: list[Line] = []
    for k in {c for c in col.values() if c is not None} or {0}:
        tabs, rest = unruled_tables([ln for ln in lines if col[id(ln)] == k], s, carry if k == 0 else None)
        found += tabs
        kept += rest
    lines = kept + [ln for ln in lines if col[id(ln)] is None]
    return order_page(lines, tables + found, gutters, number)


def column_of(it, gutters) -> int | None:
    """Index of the column an item sits in; None when it spans a gutter."""
    for g0, g1 in gutters:
        if it.x0 < g1 - 0.5 and it.x1 > g0 + 0.5:
            return None
    return sum(it.x0 >= g1 - 0.5 for _, g1 in gutters)


def order_page(lines: list[Line], tables: list[TableItem], gutters, number: int) -> list:
    """Lines and tables of a page in reading order: bands between full-width items, and
    in each band the columns left to right, each top to bottom. Sets region and edges."""
    items: list = list(lines) + list(tables)
    cols = {id(it): column_of(it, gutters) for it in items}
    spanning = sorted((it for it in items if cols[id(it)] is None), key=lambda it: it.top)
    ordered: list = []
    band_top = float("-inf")
    for band, stop in enumerate(spanning + [None]):
        band_bottom = stop.top if stop is not None else float("inf")
        for k in range(len(gutters) + 1):
            members = [it for it in items if cols[id(it)] == k and band_top <= (it.top + it.bottom) / 2 < band_bottom]
            for it in sorted(members, key=lambda it: (it.top, it.x0)):
                it.region = (number, band, k)
                ordered.append(it)
        if stop is not None:
            stop.region = (number, "span", None)
            ordered.append(stop)
            band_top = stop.bottom
    edges = {}
    for k in {cols[id(ln)] for ln in lines}:
        members = [ln for ln in lines if cols[id(ln)] == k]
        edges[k] = (min(ln.x0 for ln in members), max(ln.x1 for ln in members))
    for ln in lines:
        k = cols[id(ln)]
        ln.left, ln.right = edges[k]
        ln.layout = (len(gutters), k)
    for k, it in enumerate(ordered):
        it.first_in_region = k == 0 or ordered[k - 1].region != it.region
        it.last_in_region = k == len(ordered) - 1 or ordered[k + 1].region != it.region
    return ordered


def harmonize_edges(lines: list[Line]) -> None:
    """A sparse page's lines may all be indented or all end short: use the edges seen for
    the same column layout anywhere in the document (left within 4 em, right for the same left)."""
    leftmost: dict = {}
    for ln in lines:
        leftmost[ln.layout] = min(leftmost.get(ln.layout, ln.left), ln.left)
    for ln in lines:
        if ln.left - leftmost[ln.layout] <= 4 * ln.size:
            ln.left = leftmost[ln.layout]
    widest: dict = {}
    for ln in lines:
        key = (ln.layout, round(ln.left / 3))
        widest[key] = max(widest.get(key, ln.right), ln.right)
    for ln in lines:
        ln.right = widest[(ln.layout, round(ln.left / 3))]


def local_right_edges(lines: list[Line]) -> None:
    """A column whose neighbour stays empty (the end of a two-column article under
    full-width lines) has no gutter to find: where most nearby lines of the same size end
    at one x well left of the column edge, that x is the edge."""
    by_page: dict = defaultdict(list)
    for ln in lines:
        by_page[(ln.page, ln.layout)].append(ln)
    for group in by_page.values():
        for ln in group:
            near = [o for o in group if abs(o.size - ln.size) <= 0.3 and abs(o.baseline - ln.baseline) <= 8 * ln.size
                    and abs(o.x0 - ln.x0) <= 3 * ln.size]
            edge = max(o.x1 for o in near)
            support = sum(o.x1 >= edge - ln.size for o in near)
            if support >= 3 and support * 2 >= len(near) and edge < ln.right - 2 * ln.size:
                ln.right = edge


def usual_pitch(lines: list[Line]) -> dict:
    """Most common baseline distance between consecutive lines of one region, per font size,
    and overall as a multiple of the font size."""
    per_size: dict = defaultdict(list)
    ratios = []
    for a, b in zip(lines, lines[1:]):
        if a.region != b.region or abs(a.size - b.size) > 0.3:
            continue
        pitch = b.baseline - a.baseline
        if a.size <= pitch <= 3 * a.size:
            per_size[a.size].append(round(pitch * 2) / 2)
            ratios.append(round(pitch / a.size, 2))
    ratio = Counter(ratios).most_common(1)[0][0] if len(ratios) >= 3 else 1.2
    out = {"ratio": ratio}
    for size, pitches in per_size.items():
        out[size] = min(Counter(pitches).most_common(1)[0][0], ratio * size)
    return out


# ---------------------------------------------------------------- blocks


@dataclass
class Building:
    lines: list[Line]
    text: str
    gap_before: bool
    changes: list[Change]


def starts_block(prev: Line, line: Line, pitch: dict, s: PdfSettings) -> tuple[bool, bool]:
    """(new block?, wide gap?) for `line` following `prev` in reading order."""
    em = line.size
    if below(prev, line):
        usual = max(pitch.get(line.size, pitch["ratio"] * line.size), pitch.get(prev.size, pitch["ratio"] * prev.size))
        if line.baseline - prev.baseline > s.paragraph_gap_ratio * usual:
            return True, True
    if abs(prev.size - line.size) > s.size_change or prev.bold != line.bold:
        return True, False
    if centered_continuation(prev, line):
        return False, False
    if line.x0 - line.left >= s.indent_threshold * em:
        return True, False
    if prev.right - prev.x1 > line.first_unit + s.short_line_slack * em:
        return True, False
    return False, False


def below(prev: Line, line: Line) -> bool:
    """`line` is under `prev` on the same page, sharing some of its width: their vertical
    distance is meaningful (not so across a column or page break)."""
    return line.page == prev.page and line.baseline > prev.baseline and line.x0 < prev.x1 and prev.x0 < line.x1


def centered_continuation(prev: Line, line: Line) -> bool:
    """Two lines of a wrapped centered title: both centered in the column, no gap."""
    def centered(ln: Line) -> bool:
        return ln.x0 - ln.left > ln.size and abs((ln.x0 - ln.left) - (ln.right - ln.x1)) < ln.size
    return prev.region == line.region and centered(prev) and centered(line) and line.baseline - prev.baseline < 2 * line.size


def build_blocks(items: list, pitch: dict, s: PdfSettings) -> list[Block]:
    blocks: list[Block] = []
    cur: Building | None = None
    prev: Line | None = None

    def flush() -> None:
        nonlocal cur
        if cur is None:
            return
        sizes = Counter()
        for ln in cur.lines:
            sizes[ln.size] += len(ln.text)
        bold = sum(len(ln.text) for ln in cur.lines if ln.bold) * 2 > sum(len(ln.text) for ln in cur.lines)
        blocks.append(Block(text=cur.text.strip(), page_start=cur.lines[0].page, page_end=cur.lines[-1].page,
                            font_size=sizes.most_common(1)[0][0], bold=bold, gap_before=cur.gap_before,
                            changes=cur.changes))
        cur = None

    table_geometry: dict[int, TableItem] = {}  # id(table block) -> its last part, for a continuation
    for it in items:
        if isinstance(it, TableItem):
            flush()
            prev = None
            last = blocks[-1] if blocks else None
            if last is not None and last.kind == "table" and continues_table(table_geometry[id(last)], it, s):
                rows = it.rows[1:] if it.rows and it.rows[0] == last.rows[0] else it.rows
                last.rows.extend([list(r) for r in rows])
                last.changes.append(Change(STAGE, "table_continued", "info",
                                           detail=f"table continues from page {last.page_end} to page {it.page} "
                                                  f"({len(rows)} more rows)"))
                last.page_end = it.page
                table_geometry[id(last)] = it
            else:
                block = Block(text="", kind="table", rows=[list(r) for r in it.rows], page_start=it.page,
                              page_end=it.page, font_size=it.size)
                table_geometry[id(block)] = it
                blocks.append(block)
            continue
        line: Line = it
        new, wide = starts_block(prev, line, pitch, s) if cur is not None and prev is not None else (True, False)
        if new:
            flush()
            cur = Building([line], line.text, wide, [])
        else:
            offset = len(cur.text)
            cur.text, hyphenated = join_lines(cur.text, prev.ends_with_space, line.text, line.starts_with_space)
            if hyphenated:
                cur.changes.append(Change(STAGE, "hyphenation_joined", "info", detail="a word hyphenated at a line end",
                                          original=hyphenated, replacement=hyphenated.replace("-", ""),
                                          offset=offset - len(hyphenated.split("-")[0]) - 1))
            if line.page != prev.page:
                cur.changes.append(Change(STAGE, "page_break_joined", "info",
                                          detail=f"paragraph continues from page {prev.page} to page {line.page}",
                                          offset=offset))
            cur.lines.append(line)
        prev = line
    flush()
    return blocks


def continues_table(prev: TableItem, item: TableItem, s: PdfSettings) -> bool:
    """The last item of a page (or column) is a table and the first of the next one is a
    table with the same columns: one table split by the page (or column) break."""
    if prev.region == item.region or prev.ncols != item.ncols:
        return False
    if not (prev.last_in_region and item.first_in_region):
        return False
    if len(prev.col_edges) != len(item.col_edges) or not prev.col_edges:
        return False
    # relative to the table's first edge: a continuation may sit in another column
    return all(abs((a - prev.col_edges[0]) - (b - item.col_edges[0])) <= s.table_join_tolerance
               for a, b in zip(prev.col_edges, item.col_edges))


# ---------------------------------------------------------------- reading a PDF


def open_pdf(path: Path):
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.psexceptions import PSEOF

    try:
        with open(path, "rb") as f:
            head = f.read(1024)
    except OSError as exc:
        raise PdfError(f"cannot read file: {exc.strerror}") from None
    if b"%PDF-" not in head:
        raise PdfError("not a readable PDF: no %PDF header")
    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages
    except Exception as exc:  # pdfplumber wraps pdfminer's many kinds of error
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, PDFPasswordIncorrect) or "password" in str(cause).lower():
            raise PdfError("needs a password") from None
        if isinstance(cause, PSEOF):
            raise PdfError("not a readable PDF: truncated (unexpected end of file)") from None
        raise PdfError(f"not a readable PDF: {one_line(cause) or type(cause).__name__}") from None
    return pdf


def one_line(exc: BaseException) -> str:
    return re.sub(r"\s+", " ", str(exc)).strip()[:120]


def read_pdf(path, settings: PdfSettings | None = None) -> PdfResult:
    """Read a text-layer PDF into blocks in reading order; raises PdfError."""
    s = settings or PdfSettings()
    pdf = open_pdf(Path(path))
    pages, changes = [], []
    with pdf:
        try:
            for number, page in enumerate(pdf.pages, start=1):
                chars, rotated = page_chars(page)
                if rotated:
                    changes.append(Change(STAGE, "rotated_text_skipped", "warning",
                                          detail=f"page {number}: {rotated} rotated chars left out"))
                tables = ruled_tables(page, chars, number, s) if chars else []
                body = outside(chars, tables)
                lines = group_lines(body, number, s)
                x0, top, x1, bottom = page.bbox
                pages.append({"number": number, "height": page.height, "top": top, "bottom": bottom,
                              "lines": lines, "tables": tables, "has_text": bool(chars)})
                page.close()
        except PdfError:
            raise
        except Exception as exc:
            raise PdfError(f"not a readable PDF: page {len(pages) + 1}: {one_line(exc) or type(exc).__name__}") from None
    n_pages = len(pages)
    if not any(p["has_text"] for p in pages):
        raise PdfError("no text layer: scanned image? OCR is not supported")
    for p in pages:
        if not p["has_text"]:
            changes.append(Change(STAGE, "page_without_text", "warning",
                                  detail=f"page {p['number']} has no text layer (an image?); it was skipped"))
    changes += remove_running_lines(pages, s)
    items: list = []
    carry = None
    for p in pages:
        ordered = layout_page(p["lines"], p["tables"], p["number"], s, carry)
        last = ordered[-1] if ordered else None
        carry = last.carry if isinstance(last, TableItem) else None
        items += ordered
    lines = [it for it in items if isinstance(it, Line)]
    harmonize_edges(lines)
    local_right_edges(lines)
    blocks = build_blocks(items, usual_pitch(lines), s)
    return PdfResult(blocks=blocks, n_pages=n_pages, changes=changes)
