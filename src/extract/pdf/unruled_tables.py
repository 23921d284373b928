"""Unruled tables: runs of rows whose short cells line up in columns -> table items.

A candidate run starts at a row of `unruled_min_columns` fragments or more; the next rows
join it while their fragments leave the run's column gaps free (a gap narrows to what every
row leaves free), and a row of one fragment joins only when it sits inside one column or starts
under a cell and leaves every gap open (a cell's wrapped line), is no note (`注：…`) and is no
heading (set larger, centred over the run or in the column) between two tables. A run is a table
when
- `unruled_min_rows` of its rows have two cells or more;
- its cells are short: most rows are not two long runs of prose side by side (two text
  columns the layout did not separate: each fragment over `unruled_prose_width` of the
  run's width with `unruled_prose_chars` characters);
- it is not a list: most of its rows do not open with a list label (`[1]`, `1.`, `(1)`,
  `①`) followed by one long fragment (a reference list, numbered items);
- its cells are not formula debris (glyphs mostly from math fonts);
- it is not the front matter's list of lists (`插图目录 vii`): every row ends in a lower-case Roman
  page number;
- it is not a code listing: its rows numbered one after another in the first column with code in
  the others (`276 | \\ifhitsz@library…`), or every row opening with one shell prompt or comment sign
  (`$ make doc | # 生成说明文档`, `% | \\input{…}`);
- it is not a displayed formula of several numbered lines (an equation array, subequations): every row
  ends in an equation number (`(3-2a)`, `（1.4）`) and the other cells hold a relation or operator sign;
- no fragment is a caption (`表1 …` beside the other column's text);
- it is not a form (a third of its cells field labels: `姓名：`, ruled_tables.is_form);
- its columns align: in each column `unruled_aligned_share` of the cells share their left
  edge, their right edge or their centre (within `unruled_align_tolerance`).
Rows closer than the run's row pitch are one table row (wrapped cells); at an even pitch, a row of
one fragment under a cell of its column that ran to the column's right limit is that cell's next line.
Two cells set closer than the line grouper's column gap come as one fragment (`hobsub-generic
hobsub-hyperref` in centred columns): a fragment that runs across a column gap is cut at a word
space of `column_gap_min` or more inside it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

from ..structure.captions import is_table_note, parse_caption
from ..structure.headings import parse_heading
from .joining import join_lines
from .lines import Line
from .rule_tables import NUMERIC
from .ruled_tables import NUMBERS, code_listing, is_form
from .settings import PdfSettings
from .tables import TableItem, row_boxes

EQUATION_NUMBER = re.compile(r"[(（]\s*(?:[A-Z][.\-]?)?\d{1,3}(?:\s*[.\-－–—]\s*\d{1,3}){0,2}[a-z]?\s*[)）]")
ROMAN_PAGE = re.compile(r"(?=[ivxl])l?x{0,3}(?:ix|iv|v?i{0,3})")
FORMULA_SIGN = re.compile(r"[=<>≤≥≈≠≡∈∝+−×÷∑∫]")
LIST_LABEL = re.compile(r"\s*(?:[\[［]\d{1,3}[\]］]|\d{1,3}[.．、)）]|[(（]\d{1,3}[)）]|[①-⑳])\s*")


def unruled_tables(lines: list[Line], s: PdfSettings, carry=None,
                   ruled: list[tuple[float, float]] | None = None) -> tuple[list[TableItem], list[Line]]:
    """Runs of rows that are tables (see the module docstring) -> table items, and the other lines.

    carry: the column gaps of an unruled table that ended the previous page; rows at the
    top of this page that fit them continue it, however few they are.
    ruled: (top, bottom) of the ruled tables among the lines: no run reaches across one."""
    if not s.find_unruled_tables or not lines:
        return [], lines
    rows = table_rows(lines)
    column = (min(ln.x0 for ln in lines), max(ln.x1 for ln in lines))  # the text's extent in this region
    tables: list[TableItem] = []
    used: set[int] = set()
    cut_from: dict[int, int] = {}  # id of a piece of a fragment cut at a column gap -> id of the fragment
    i = 0
    while i < len(rows):
        gaps = row_gaps(rows[i])
        min_rows = s.unruled_min_rows
        continued = i == 0 and carry and shared_gaps(carry["gaps"], rows[0], s.column_gap_min)
        if continued:
            gaps, min_rows = continued, 1
        if len(rows[i]) < s.unruled_min_columns and not continued:
            i += 1
            continue
        run, j = [rows[i]], i + 1
        while j < len(rows):
            row = rows[j]
            if len(row) == 1 and (not (inside_a_column(row[0], gaps) or wrapped_line(row[0], run[-1], gaps, s))
                                  or heading_over(row[0], run, column) or is_table_note(row[0].text)):
                break  # a line across the columns, a heading over the next table, the table's note (`注：`)
            above, below = max(ln.bottom for ln in rows[j - 1]), min(ln.top for ln in row)
            if any(above <= (t + b) / 2 <= below for t, b in ruled or ()):
                break  # a ruled table printed between the two rows
            shared = shared_gaps(gaps, row, s.column_gap_min)
            if shared is None and (cut := cut_at_gaps(row, gaps, s.column_gap_min)) is not None:
                shared = shared_gaps(gaps, [piece for piece, _ in cut], s.column_gap_min)
                if shared is not None:
                    cut_from.update((id(piece), id(ln)) for piece, ln in cut if piece is not ln)
                    rows[j] = row = [piece for piece, _ in cut]
            if shared is None:
                break
            gaps = shared
            run.append(row)
            j += 1
        last_multi = max((k for k, r in enumerate(run) if len(r) >= s.unruled_min_columns), default=0)
        wraps = any(len(r) < s.unruled_min_columns for r in run[:last_multi]) or bool(continued and carry["spaced"])
        while len(run) - 1 > last_multi and (not wraps or pitch(run[-2], run[-1]) > 1.15 * min(
                pitch(a, b) for a, b in zip(run, run[1:]))):
            run.pop()  # a line after the table (a note): a wrapped cell only where the table wraps cells
            j -= 1
        if len(gaps) + 1 >= s.unruled_min_columns and is_table(run, gaps, min_rows, s):
            table = unruled_table(run, gaps, carry if continued else None)
            head, first = header_above(rows[:i], run, gaps, used, s) if not continued else ([], False)
            tables.append(with_header(table, head, first) if head else table)
            used.update(cut_from.get(id(ln), id(ln)) for r in head for ln, _ in r)
            used.update(cut_from.get(id(ln), id(ln)) for r in run for ln in r)
            i = j
        else:
            i += 1
    return tables, [ln for ln in lines if id(ln) not in used]


def table_rows(lines: list[Line]) -> list[list[Line]]:
    """Fragments grouped by baseline (within a pt or two), top to bottom, each left to right."""
    by_row: dict[int, list[Line]] = defaultdict(list)
    for ln in lines:
        by_row[round(ln.baseline)].append(ln)
    rows: list[list[Line]] = []
    last = None
    for k in sorted(by_row):
        if last is not None and k - last <= 2:
            rows[-1] += by_row[k]
        else:
            rows.append(list(by_row[k]))
        last = k
    return [sorted(r, key=lambda ln: ln.x0) for r in rows]


def is_table(run: list[list[Line]], gaps, min_rows: int, s: PdfSettings) -> bool:
    multi = [r for r in run if len(r) >= s.unruled_min_columns]
    if len(multi) < min_rows:
        return False
    width = max(ln.x1 for r in run for ln in r) - min(ln.x0 for r in run for ln in r)
    prose = sum(len(r) == 2 and all(ln.x1 - ln.x0 >= s.unruled_prose_width * width
                                    and len(ln.text) >= s.unruled_prose_chars for ln in r) for r in multi)
    listed = sum(len(r) == 2 and LIST_LABEL.fullmatch(r[0].text) is not None
                 and r[1].x1 - r[1].x0 >= s.unruled_prose_width * width for r in multi)
    math = sum(ln.math >= s.formula_math_share for r in run for ln in r)
    cells = sum(len(r) for r in run)
    if any(parse_caption(ln.text) is not None for r in run for ln in r):
        return False  # a caption beside a column of text: two columns the layout did not separate
    if equation_array(run, s):
        return False
    if code_listing([[ln.text for ln in r] for r in multi]):
        return False
    if all(ROMAN_PAGE.fullmatch(r[-1].text.strip()) for r in multi):
        return False  # contents lines of the front matter, their page numbers in Roman numerals
    return (prose * 2 < len(multi) and listed * 2 < len(multi) and math * 2 < cells and aligned(run, gaps, s)
            and not is_form([[ln.text for ln in r] for r in run]))


def equation_array(run: list[list[Line]], s: PdfSettings) -> bool:
    """Lines of a displayed formula with their equation numbers at the right (`x = a × b   (3-2a)`): every row
    of two fragments or more ends in an equation number, and the other fragments hold a relation or an
    operator sign (a table's last column is not all equation numbers)."""
    multi = [r for r in run if len(r) >= s.unruled_min_columns]
    return bool(multi) and all(EQUATION_NUMBER.fullmatch(r[-1].text.strip()) for r in multi) and all(
        FORMULA_SIGN.search(" ".join(ln.text for ln in r[:-1])) for r in multi)


def aligned(run: list[list[Line]], gaps, s: PdfSettings) -> bool:
    """In every column most cell lines share a left edge, a right edge or a centre."""
    columns: dict[int, list[Line]] = defaultdict(list)
    for row in run:
        for ln in row:
            columns[sum(ln.x0 >= g1 - 1 for _, g1 in gaps)].append(ln)
    for cells in columns.values():
        if len(cells) < 2:
            continue
        need = s.unruled_aligned_share * len(cells)
        if not any(most_within(values, s.unruled_align_tolerance) >= need
                   for values in ([ln.x0 for ln in cells], [ln.x1 for ln in cells],
                                  [(ln.x0 + ln.x1) / 2 for ln in cells])):
            return False
    return True


def most_within(values: list[float], tolerance: float) -> int:
    """The largest number of values within `tolerance` of one another."""
    values = sorted(values)
    best, start = 0, 0
    for end, v in enumerate(values):
        while v - values[start] > tolerance:
            start += 1
        best = max(best, end - start + 1)
    return best


def heading_over(ln: Line, run: list[list[Line]], column: tuple[float, float]) -> bool:
    """A line set larger than the run's cells and centred over it or in the region's text (within two of its
    ems): the heading of the table that follows (`Greek Characters` between two lists of symbols), not a cell's
    wrapped line."""
    left, right = min(x.x0 for r in run for x in r), max(x.x1 for r in run for x in r)
    centre = (ln.x0 + ln.x1) / 2
    return ln.size > 1.15 * min(x.size for r in run for x in r) and any(
        abs(centre - (a + b) / 2) <= 2 * ln.size for a, b in ((left, right), column))


def wrapped_line(ln: Line, above: list[Line], gaps, s: PdfSettings) -> bool:
    """A cell's next line wider than the column's cells so far: it starts where a fragment of the row above
    starts (within a point), leaves every column gap `column_gap_min` wide, and is text (no math font, no
    private-use glyphs: not a formula's pieces)."""
    return (any(abs(ln.x0 - a.x0) <= 1 for a in above) and shared_gaps(gaps, [ln], s.column_gap_min) is not None
            and ln.math < s.formula_math_share and not any("\ue000" <= ch <= "\uf8ff" for ch in ln.text))


def inside_a_column(ln: Line, gaps) -> bool:
    """The fragment leaves every column gap free (a wrapped line of one cell)."""
    return all(ln.x1 <= g0 + 0.5 or ln.x0 >= g1 - 0.5 for g0, g1 in gaps)


def pitch(upper: list[Line], lower: list[Line]) -> float:
    return min(ln.baseline for ln in lower) - min(ln.baseline for ln in upper)


def row_gaps(row: list[Line]) -> list[tuple[float, float]]:
    frags = sorted(row, key=lambda ln: ln.x0)
    return [(a.x1, b.x0) for a, b in zip(frags, frags[1:])]


def cut_at_gaps(row: list[Line], gaps, min_gap: float) -> list[tuple[Line, Line]] | None:
    """The row with each fragment that runs across a column gap cut where a word space of `min_gap` or more
    lies in that gap (two cells the line grouper read as one), each piece with the fragment it comes from;
    None when no fragment is cut."""
    out: list[tuple[Line, Line]] = []
    for ln in row:
        ink = [c for c in ln.chars if not c.is_space]
        cuts = [k for k, (a, b) in enumerate(zip(ink, ink[1:]), 1) if b.x0 - a.x1 >= min_gap
                and any(a.x1 < g1 and b.x0 > g0 and ln.x0 < g0 and ln.x1 > g1 for g0, g1 in gaps)]
        if not cuts:
            out.append((ln, ln))
            continue
        bounds = [0, *cuts, len(ink)]
        for k0, k1 in zip(bounds, bounds[1:]):
            lo, hi = ink[k0].x0, ink[k1 - 1].x1
            out.append((replace(ln, chars=[c for c in ln.chars if lo <= (c.x0 + c.x1) / 2 <= hi]), ln))
    return out if len(out) > len(row) else None


def shared_gaps(gaps, row: list[Line], min_gap: float) -> list[tuple[float, float]] | None:
    """Narrow the column gaps of a table to the part a new row leaves free; None when a
    row's text fills a gap (not a row of this table). A row may leave cells empty."""
    out = []
    for g0, g1 in gaps:
        free = [(g0, g1)]
        for ln in row:
            free = [piece for f0, f1 in free for piece in ((f0, min(f1, ln.x0)), (max(f0, ln.x1), f1))
                    if piece[1] > piece[0]]
        widest = max(free, key=lambda f: f[1] - f[0], default=None)
        if widest is None or widest[1] - widest[0] < min_gap:
            return None
        out.append(widest)
    return out


def wraps_on(above: list[Line], row: list[Line], edges, right: float) -> bool:
    """A row set at the table's line pitch that is the next line of a cell above it: one fragment, not in
    the first column, under a fragment of its column that reaches the column's right limit (the next
    column's gap, or the table's right edge) within an em and does not end a sentence: the cell filled its
    width and wrapped (`XeTeX | LaTeX 的好兄弟，…对各种语言` / `的支持能力都很强` in a list of symbols)."""
    if len(row) != 1:
        return False
    col = sum(row[0].x0 >= g1 - 1 for _, g1 in edges)
    if col == 0:
        return False
    same = [ln for ln in above if sum(ln.x0 >= g1 - 1 for _, g1 in edges) == col]
    limit = edges[col][0] if col < len(edges) else right
    if not same or NUMBERS.fullmatch(same[-1].text.strip().rstrip("*†‡")) or NUMBERS.fullmatch(row[0].text.strip()):
        return False  # numbers do not wrap: a t value `(3.45)` under a coefficient is a row of its own
    return same[-1].x1 >= limit - row[0].size and not same[-1].text.rstrip().endswith(
        ("。", ".", "；", ";", "！", "？"))


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
    left, right = min(ln.x0 for r in run for ln in r), max(ln.x1 for r in run for ln in r)
    for k, r in enumerate(run):
        if k and ((spaced and pitches[k - 1] <= normal * 1.15)
                  or (not spaced and wraps_on(groups[-1][-1], r, edges, right))):
            groups[-1].append(r)
        else:
            groups.append([r])
    rows, boxes, hyphenated = [], [], []
    xs = [left, *[g1 for _, g1 in edges], right]  # a column starts where the gap before it ends
    for g in groups:
        group_lines = [ln for r in g for ln in r]
        boxes.append(row_boxes([ln.top for ln in group_lines], [ln.bottom for ln in group_lines], xs))
        cells: list[list[Line]] = [[] for _ in range(len(edges) + 1)]
        for r in g:
            for ln in r:
                col = sum(ln.x0 >= g1 - 1 for _, g1 in edges)
                cells[col].append(ln)
        row = []
        for lines in cells:
            text, space = "", False
            for ln in sorted(lines, key=lambda x: x.baseline):
                text, word = join_lines(text, space, ln.text, ln.starts_with_space)
                hyphenated += [word] if word else []
                space = ln.ends_with_space
            row.append(text.strip())
        rows.append(row)
    lines = [ln for r in run for ln in r]
    col_edges = [b for _, b in edges]  # cells are left-aligned: the start of each column is stable
    size = Counter(ln.size for ln in lines).most_common(1)[0][0]
    return TableItem(rows, lines[0].page, min(ln.x0 for ln in lines), max(ln.x1 for ln in lines),
                     min(ln.top for ln in lines), max(ln.bottom for ln in lines), col_edges, size, ruled=False,
                      carry={"gaps": list(gaps), "normal": normal, "spaced": spaced}, evidence="aligned",
                      cell_boxes=boxes, hyphenated=hyphenated)



PROSE_END = re.compile(r"[。；！？]|[，：:]\s*$")  # a sentence, or a line running on into the next


def header_above(above: list[list[Line]], run: list[list[Line]], gaps, used: set[int],
                 s: PdfSettings) -> tuple[list[list[tuple[Line, int]]], bool]:
    """The header printed right above an aligned run without joining it (head words centred over their
    columns while the cells are left-aligned, a head spanning columns): its rows, top to bottom, each a
    list of (fragment, column) ([] when there is none: prose above a table stays prose), and whether the
    run's first row is a header row too:
    - when the run's first row is itself a header (two words or more, no number): the line right above it
      (at most 1.6 times the run's row pitch above it) when a head of it is centred over the sub-heads of
      two columns or more of that row (`upper_level`): the header's upper level, the run's first row its
      lower one (second return value True);
    - else the line right above the run's first row, at that pitch: two fragments or more, each sitting
      over one column of the run (`over_column`), no two over one column; and the line above that, at that
      pitch too, when it is a header line over it (`upper_level`): the upper level of a two-level header (a
      row of its own), else a header's first line (wrapped: one row with the line under it); together they
      name all the columns but one at least (a corner cell may be blank).
    No line is a caption, a heading (larger than the cells, or a numbered title alone), prose (a sentence's
    punctuation, a trailing comma or colon), a number (a row: a code listing's line numbers), a row of
    figures (more than half its fragments with a digit: `小初 36bp | 12.70mm`) or a line of a table already."""
    if not above or len(run) < 2:
        return [], False
    ncols = len(gaps) + 1
    step = min(pitch(a, b) for a, b in zip(run, run[1:]))
    slots = column_slots(run, gaps, s)

    size = Counter(round(ln.size, 1) for r in run for ln in r).most_common(1)[0][0]

    def plain(row: list[Line]) -> bool:
        return not any(id(ln) in used or parse_caption(ln.text) is not None or PROSE_END.search(ln.text)
                       or NUMERIC.fullmatch(ln.text) or ln.size >= 1.1 * size for ln in row) \
            and not (len(row) == 1 and parse_heading(row[0].text, typeset=True) is not None) \
            and sum(any(ch.isdigit() for ch in ln.text) for ln in row) * 2 <= len(row)

    lower = above[-1]
    if pitch(lower, run[0]) > 1.6 * step or not plain(lower):
        return [], False
    if not any(NUMERIC.fullmatch(ln.text) for ln in run[0]) and len(run[0]) >= 2:  # the run opens with a header
        subs = {sum(ln.x0 >= g1 - 1 for _, g1 in gaps): ln for ln in run[0]}
        found = upper_level(lower, subs, slots, ncols)
        if found is not None and found[1]:
            return [found[0]], True  # a head spanning the sub-heads of the run's first row: its upper level
    cols = [over_column(ln, slots) for ln in lower]
    if len(lower) < 2 or None in cols or len(set(cols)) != len(cols):
        return [], False
    head = [[(ln, k) for ln, k in zip(lower, cols) if k is not None]]
    named = set(cols)
    if len(above) >= 2 and plain(above[-2]) and pitch(above[-2], lower) <= 1.6 * step:
        found = upper_level(above[-2], {k: ln for ln, k in head[0]}, slots, ncols)
        if found is not None:
            pairs, spans = found
            head = [pairs, *head] if spans else [pairs + head[0]]  # two levels, or one header wrapped
            named |= {k for _, k in pairs}
    return (head, False) if len(named) >= ncols - 1 else ([], False)


def upper_level(line: list[Line], subs: dict[int, Line], slots: dict[int, tuple[float, float, float, float]],
                ncols: int) -> tuple[list[tuple[Line, int]], bool] | None:
    """A header line over a line of sub-heads (`subs`: column -> sub-head): each fragment a head centred over
    the sub-heads of two columns or more (`spanned`) or sitting over one column, no two over one column, two
    fragments at least unless one spanning head. (fragment, first column of its span) each, and whether a head
    spans columns (two levels) or none does (a header wrapped over two lines); None when it is no such line."""
    placed = [span if (span := spanned(ln, subs, ncols)) else
              (k, k) if (k := over_column(ln, slots)) is not None else None for ln in line]
    covered = [k for span in placed if span for k in range(span[0], span[1] + 1)]
    if not all(placed) or len(set(covered)) != len(covered) or (len(line) < 2 and len(covered) < 2):
        return None
    return [(ln, span[0]) for ln, span in zip(line, placed) if span], any(
        span[1] > span[0] for span in placed if span)


def column_slots(run: list[list[Line]], gaps, s: PdfSettings) -> dict[int, tuple[float, float, float, float]]:
    """Per column of an aligned run: the x range of its text, and the range a head's centre over it may
    take: from the text's left edge to the next column's (cells sharing a left edge: a head centred in
    the column's box is right of their left edge), from the previous column's right edge to the text's
    (cells sharing a right edge), or between the middles of the white on each side (centred cells)."""
    columns: dict[int, list[Line]] = defaultdict(list)
    for row in run:
        for ln in row:
            columns[sum(ln.x0 >= g1 - 1 for _, g1 in gaps)].append(ln)
    extent = {k: (min(ln.x0 for ln in cells), max(ln.x1 for ln in cells)) for k, cells in columns.items()}
    inf = float("inf")
    out = {}
    for k, cells in columns.items():
        x0, x1 = extent[k]
        before = extent[k - 1][1] if k - 1 in extent else -inf
        after = extent[k + 1][0] if k + 1 in extent else inf
        need = s.unruled_aligned_share * len(cells)
        tol = s.unruled_align_tolerance
        if most_within([ln.x0 for ln in cells], tol) >= need:
            slot = (x0, after)
        elif most_within([ln.x1 for ln in cells], tol) >= need:
            slot = (before, x1)
        else:
            slot = ((before + x0) / 2, (x1 + after) / 2)
        out[k] = (x0, x1, *slot)
    return out


def over_column(ln: Line, slots: dict[int, tuple[float, float, float, float]]) -> int | None:
    """The one column a fragment sits over: the only column whose text reaches under it, else the one its
    centre falls in the range of (`column_slots`) or whose text's left edge, right edge or centre is within
    half an em of its own; None when it sits over none or several (a line across columns)."""
    under = [k for k, (x0, x1, _, _) in slots.items() if min(ln.x1, x1) - max(ln.x0, x0) > 0]
    if under:
        return under[0] if len(under) == 1 else None
    middle = (ln.x0 + ln.x1) / 2
    over = {k for k, (x0, x1, lo, hi) in slots.items() if lo <= middle < hi
            or min(abs(ln.x0 - x0), abs(ln.x1 - x1), abs(ln.x0 + ln.x1 - x0 - x1) / 2) <= 0.5 * ln.size}
    return over.pop() if len(over) == 1 else None


def spanned(ln: Line, subs: dict[int, Line], ncols: int) -> tuple[int, int] | None:
    """(first, last) column of the sub-heads a head is centred over (within half an em of the middle from the
    first one's left edge to the last one's right edge): two columns or more in a row, each with its sub-head,
    not every column, nor centred on all of them (a title over the table is no head); None when there is no
    such span."""
    spans = [(abs(ln.x0 + ln.x1 - subs[p].x0 - subs[q].x1) / 2, p, q) for p in subs for q in subs
             if q > p and all(k in subs for k in range(p, q + 1)) and q - p + 1 < ncols]
    best = min(spans, default=None)
    whole = abs(ln.x0 + ln.x1 - min(sub.x0 for sub in subs.values()) - max(sub.x1 for sub in subs.values())) / 2
    if best is None or best[0] > 0.5 * ln.size or (len(subs) == ncols and whole <= 0.5 * ln.size):
        return None  # (centred on every sub-head too: a title over the table)
    return best[1], best[2]


def with_header(table: TableItem, head: list[list[tuple[Line, int]]], first: bool = False) -> TableItem:
    """The table with the header above it (`header_above`) as its first rows, marked as header rows: each
    fragment's text in its column (a spanning head in the first column of its span), a cell's lines top to
    bottom; `first`: the table's own first row is the header's lower level, a header row too."""
    ncols = len(table.rows[0])
    levels = []
    for row in head:
        cells = [""] * ncols
        for ln, k in sorted(row, key=lambda pair: pair[0].baseline):
            cells[k], word = join_lines(cells[k], False, ln.text.strip(), False)
            table.hyphenated += [word] if word else []
        levels.append(cells)
    lines = [ln for row in head for ln, _ in row]
    top_row = [box for box in table.cell_boxes[0] if box is not None] if table.cell_boxes else []
    if table.cell_boxes and len(top_row) == ncols:
        xs = [box[0] for box in top_row] + [top_row[-1][2]]
        table.cell_boxes = [row_boxes([ln.top for ln, _ in row], [ln.bottom for ln, _ in row], xs)
                            for row in head] + table.cell_boxes
    table.rows = levels + table.rows
    table.header_rows = len(levels) + first
    table.top = min([table.top] + [ln.top for ln in lines])
    table.x0, table.x1 = min([table.x0] + [ln.x0 for ln in lines]), max([table.x1] + [ln.x1 for ln in lines])
    return table
