"""Three-line tables (三线表) and other tables drawn with horizontal rules only -> table items.

pdfplumber's finder needs vertical rules; a three-line table has none: a thick top rule, a rule
under the header, a thick bottom rule. Here:
- rules: horizontal lines and thin rectangles at least `rule_table_min_width` long; rules of
  one table share their ends (within `rule_table_end_tolerance`). Between two rules of the same
  ends, a band holding a caption line (`表2 …`) or a line of prose (one fragment over
  `rule_table_prose_width` of the rule with `unruled_prose_chars` characters) separates two
  tables; a run of two rules or more with nothing such between them is one table, its first
  band the header when there are three rules or more;
- columns: the x ranges no body row prints in (`rule_table_gap` em wide at least), rows whose
  only fragment is wide (a row spanning the table) aside; header text goes to the column it
  starts in (a header cell spanning columns: its text in the first, "" in the others);
- rows: the lines of the header band are one header row (a wrapped header), unless a header
  cell spans columns or a later line fills a column the first leaves empty next to a filled one
  (a two-level header: a row each, all marked as header rows); body lines closer than the table's row
  pitch are wrapped lines of one row.
A table needs two columns and two rows, and half of its cells filled.
A table broken by a page or column break (its rows down to the foot of its page or column, no bottom rule
there: `open_at_page_foot`) takes the lines at the top of the next column, else of the next page, down to
its bottom rule there when they fit its columns (`close_broken_tables`); the columns of both parts are
read together (`joined_columns`: the joints of Word's per-cell rules).
A table whose last rows are printed under its last rule (a grid of blocks with a rule over each block and
none under the last) takes the lines right under that rule that continue its row pitch and fit its columns,
one aligned cell of the column's kind in each (`rows_under`), down to the first that does not.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import fields
from functools import partial
from operator import attrgetter

from ..structure.captions import TABLE_NOTE, parse_caption
from ..structure.headings import parse_heading
from . import lines as _lines
from . import ruled_tables as _ruled
from .chars import Char
from .lines import Line
from .ruled_tables import PROSE, code_listing, is_form, join_strokes
from .settings import PdfSettings
from .tables import TableItem, row_boxes

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
NUMERIC = re.compile(r"[\d\s.,:;%+\-−–/()×<>=±eE*]+")
ENDS = ("。", "！", "？")  # a sentence's end
# what makes two glyphs equal (`==`: their fields), as a key a set can hold
CHAR_KEY = attrgetter(*(f.name for f in fields(Char) if f.compare))


# the lines of the glyph runs grouped while a page's three-line tables are read (`rule_tables`): a band, a
# row or a cell is read again and again (a table tried, then read again closed lower down). Keyed by the
# glyphs' ids, the glyphs held with the lines (so no id is reused meanwhile); None outside `rule_tables`
_GROUPED: dict[tuple, tuple[list[Char], list[Line]]] | None = None


def group_lines(chars: list[Char], page: int, s: PdfSettings) -> list[Line]:
    """`lines.group_lines`, grouped once a page for the same glyphs in the same order (see `_GROUPED`)."""
    if _GROUPED is None:
        return _lines.group_lines(chars, page, s)
    key = (page, id(s), *map(id, chars))
    found = _GROUPED.get(key)
    if found is None:
        found = _GROUPED[key] = (list(chars), _lines.group_lines(chars, page, s))
    return list(found[1])


def cell_text(chars: list[Char], page: int, s: PdfSettings, hyphenated: list[str] | None = None) -> str:
    """`ruled_tables.cell_text`, its lines from `group_lines`."""
    return _ruled.cell_text(chars, page, s, hyphenated, group_lines(chars, page, s))


def rule_tables(page, chars: list[Char], number: int, s: PdfSettings, taken: list[TableItem]) -> list[TableItem]:
    global _GROUPED
    _GROUPED = {}
    try:
        return read_rule_tables(page, chars, number, s, taken)
    finally:
        _GROUPED = None


def read_rule_tables(page, chars: list[Char], number: int, s: PdfSettings, taken: list[TableItem]) -> list[TableItem]:
    rules = horizontal_rules(page, s, taken)
    groups = rule_groups(rules, s)
    if not groups:
        return []  # no two rules of the same ends: no table (most pages)
    slanted = [(o["x0"], o["top"], o["x1"], o["bottom"]) for o in list(page.lines) + list(page.curves)
               if o["x1"] - o["x0"] > 2.5 and o["bottom"] - o["top"] > 2.5]  # a diagonal rule (a corner cell's)
    weights = rule_weights(page, rules)
    items: list[TableItem] = []
    foot: dict[tuple, list[tuple[float, float, float]]] = {}

    def open_below(group: list) -> list[tuple[float, float, float]]:  # (read once a group)
        if tuple(group) not in foot:
            foot[tuple(group)] = open_at_page_foot(group, chars, rules, page.height, number, s)
        return foot[tuple(group)]

    free = [c for c in chars if not any(t.x0 - 1 <= c.x0 and c.x1 <= t.x1 + 1 and t.top - 1 <= c.top
                                        and c.bottom <= t.bottom + 1 for t in taken)] if taken else list(chars)
    free_bands, page_bands = Bands(free), Bands(chars)
    for group in with_partial_rules(groups, rules, s, lambda g: bool(open_below(g))):
        closing = open_below(group)
        group = group + closing
        x0, x1 = min(r[0] for r in group), max(r[2] for r in group)
        inside = [c for c in free_bands.within(group[0][1] - 1, group[-1][1] + 1)
                  if x0 - 2 <= (c.x0 + c.x1) / 2 <= x1 + 2]  # (the free glyphs between the rules)
        past = [c for c in overhang(inside, chars, x0, x1, group[0][1], group[-1][1], page_bands)
                if not any(t.x0 - 1 <= c.x0 and c.x1 <= t.x1 + 1 and t.top - 1 <= c.top and c.bottom <= t.bottom + 1
                           for t in taken)]
        inside += past
        wholes = partial_runs(group, inside, number, s, weights, free, free_bands if free else None)
        for run in (part for whole in wholes for part in column_runs(whole, inside, number, s)):
            if any(t.x0 - 2 <= run[0][0] and run[0][2] <= t.x1 + 2 and t.top - 2 <= run[0][1]
                   and run[-1][1] <= t.bottom + 2 for t in items):
                continue  # the inner rules of a table found (a Word table's borders under merged cells)
            item = build_table(run, inside, number, s, rules, slanted)
            if item is not None and any(t.top < item.bottom and item.top < t.bottom and item.x0 <= t.x0 + 2
                                        and t.x1 <= item.x1 + 2 for t in taken):
                continue  # rules running on past a ruled table's sides: its outer columns, not a table
            if item is not None and not convincing(item, run, chars, number, s):
                item = None
            grid = word_grid(run, rules, page_strokes(page), inside, number, s)
            if grid is not None and (item is None or grid.ncols > item.ncols) \
                    and convincing(grid, run, chars, number, s) and grid.captioned:
                item = grid  # (read so, a grid needs its caption: a continuation's rows have none)
            elif item is not None and not closing:
                item = with_rows_under(item, run, chars, rules, taken, number, s, slanted)
            if item is None:
                continue
            item.open_below = bool(closing) and run[-1] == closing[0]
            covered = [c for c in inside if item.top < (c.top + c.bottom) / 2 < item.bottom
                       and (c.x1 > item.x1 or c.x0 < item.x0)]
            if covered:  # the glyphs its rows run past the rules' ends are its own (not left to the page's lines)
                item.x0, item.x1 = min([item.x0, *(c.x0 for c in covered)]), max([item.x1, *(c.x1 for c in covered)])
            items.append(item)
    return items


def page_strokes(page) -> list[tuple[float, float, float]]:
    """(x0, y, x1) of every horizontal stroke of the page, as drawn (a Word rule: one stroke per cell)."""
    return [(obj["x0"], (obj["top"] + obj["bottom"]) / 2, obj["x1"]) for obj in list(page.lines) + list(page.rects)
            if obj["bottom"] - obj["top"] <= 2.5 and obj["x1"] - obj["x0"] >= 0.5]


def word_grid(run: list, rules: list, strokes: list, chars: list[Char], number: int,
              s: PdfSettings) -> TableItem | None:
    """A Word table with merged cells and no vertical rules, read from its rules alone, where its text's
    white ranges tell no columns (a merged cell's text bridges them): Word draws each rule one stroke per
    cell, so the strokes' joints are the column boundaries (`joints`); the rules of the run and the inner
    rules (shorter, sharing one end with the table: borders under some cells only) cut the rows. A cell
    ends where a rule crosses its column: a column with no rule at a row's top continues the cell above
    (a merged key, its text read at its first row, the rows under it empty), and a boundary a rule above or
    below the row runs across in one stroke is no boundary there (a cell merged over columns, its text in
    the first). None without joints."""
    x0, x1 = min(r[0] for r in run), max(r[2] for r in run)
    top, bottom = run[0][1], run[-1][1]
    tol = s.rule_table_end_tolerance
    box = [r for r in strokes if r[0] >= x0 - 3 and r[2] <= x1 + 3 and top - 3 <= r[1] <= bottom + 3]
    reach = {round(r[1]) for r in box if abs(r[0] - x0) <= tol or abs(r[2] - x1) <= tol}
    box = [r for r in box if round(r[1]) in reach]  # rules that reach a side of the table (no `\cmidrule`)
    bounds = joints(box, x0, x1)
    if not bounds:
        return None
    inner = [r for r in rules if top + 1 < r[1] < bottom - 1 and r[0] >= x0 - tol and r[2] <= x1 + tol
             and (abs(r[0] - x0) <= tol or abs(r[2] - x1) <= tol)]
    ys: list[float] = []
    for y in sorted({r[1] for r in run} | {r[1] for r in inner}):
        if not ys or y - ys[-1] > 1.5:
            ys.append(y)
    edges = [x0, *bounds, x1]
    ncols = len(edges) - 1

    def covers(y: float, x: float) -> bool:
        return any(abs(r[1] - y) <= 1.5 and r[0] - 1.5 <= x <= r[2] + 1.5 for r in box)

    def across(y: float, x: float) -> bool:
        return any(abs(r[1] - y) <= 1.5 and r[0] < x - 1.5 and x + 1.5 < r[2] for r in box)

    origin: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(len(ys) - 1):
        for k in range(ncols):
            if i and not covers(ys[i], (edges[k] + edges[k + 1]) / 2):
                origin[(i, k)] = origin[(i - 1, k)]  # no rule over it here: the cell above runs on
            elif k and (across(ys[i], edges[k]) or across(ys[i + 1], edges[k])):
                origin[(i, k)] = origin[(i, k - 1)]  # merged with the cell to its left
            else:
                origin[(i, k)] = (i, k)
    ink: dict[tuple[int, int], list[Char]] = {}
    band_chars: list[list[Char]] = [[] for _ in ys[1:]]
    for c in chars:
        if c.is_space:
            continue
        cy, cx = (c.top + c.bottom) / 2, (c.x0 + c.x1) / 2
        band = next((j for j in range(len(ys) - 1) if ys[j] < cy < ys[j + 1]), None)
        column = next((j for j in range(ncols) if edges[j] <= cx < edges[j + 1]), None)
        if band is None or column is None:
            continue
        ink.setdefault(origin[(band, column)], []).append(c)
        band_chars[band].append(c)
    rows: list[list[str]] = []
    boxes: list[list[tuple | None]] = []
    heights: list[int] = []
    for i in range(len(ys) - 1):
        cells = [cell_text(ink[(i, k)], number, s) if origin[(i, k)] == (i, k) and (i, k) in ink else ""
                 for k in range(ncols)]
        if not any(cells):
            continue  # empty, or it only continues merged cells above: its text went to them
        rows.append(cells)
        boxes.append([(edges[k], ys[i], edges[k + 1], ys[i + 1]) for k in range(ncols)])
        heights.append(len(baseline_rows(group_lines(band_chars[i], number, s))) if band_chars[i] else 1)
    filled = sum(bool(c) for r in rows for c in r)
    if len(rows) < 2 or filled * 2 < len(rows) * ncols:
        return None
    lines = group_lines([c for cs in band_chars for c in cs], number, s)
    size = Counter(round(ln.size, 1) for ln in lines).most_common(1)[0][0]
    item = TableItem(rows, number, x0, x1, top, bottom, edges, size, ruled=False,
                     header_rows=1 if len(run) >= 3 else 0, evidence="rules", cell_boxes=boxes)
    item.max_row_lines = max(heights)
    return item


def open_at_page_foot(group: list, chars: list[Char], rules: list, height: float, number: int,
                      s: PdfSettings) -> list[tuple[float, float, float]]:
    """A three-line table broken by a page or column break: its top and header rules here, its rows running
    down to the foot of the page (or of its column) and its bottom rule on the next page (column). When
    below the group's last rule, within the rules' width, nothing but lines of that width follow one another
    (no gap over a line's height) down to the foot (at most a short page number below them), with no rule
    there but inner rules (rules inside the width sharing one end with the table: a cell's border under a
    merged cell), a rule under the last of them closes the table here. One line is enough when an inner
    rule lies under it; text of another column beside the table is no matter."""
    x0, last, x1 = group[-1]
    tol = s.rule_table_end_tolerance
    if len(group) != 2:
        return []
    lower = [r for r in rules if r[1] > last + 1 and r[0] < x1 and x0 < r[2]]
    inner = [r for r in lower if r[0] >= x0 - tol and r[2] <= x1 + tol and (r[2] - r[0]) < x1 - x0 - tol
             and (abs(r[0] - x0) <= tol or abs(r[2] - x1) <= tol)]
    if len(inner) != len(lower):
        return []
    below = lines_under(group[-1], chars, number, s)
    if not below or any(ln.x0 < x0 - 2 * ln.size or ln.x1 > x1 + 2 * ln.size for ln in below):
        return []
    body = [below[0]]
    for ln in below[1:]:
        if ln.top - max(b.bottom for b in body) > ln.bottom - ln.top:
            break
        body.append(ln)
    rest = below[len(body):]
    end = max(ln.bottom for ln in body)
    if any(r[1] > end + (body[-1].bottom - body[-1].top) for r in inner):
        return []  # an inner rule further down: not this table's
    under = any(r[1] > body[-1].top for r in inner)
    if (len(body) < 2 and not under) or len(rest) > 1 \
            or any(len(ln.text.strip()) > 6 or ln.top < 0.85 * height for ln in rest):
        return []
    return [(x0, max([end] + [r[1] for r in inner]) + 1, x1)]


def lines_under(rule: tuple[float, float, float], chars: list[Char], number: int, s: PdfSettings) -> list[Line]:
    """The lines under a rule that reach into its width, top to bottom."""
    x0, y, x1 = rule
    return sorted((ln for ln in group_lines([c for c in chars if c.top > y], number, s)
                   if ln.x1 > x0 and ln.x0 < x1), key=lambda ln: ln.top)


def with_rows_under(item: TableItem, run: list, chars: list[Char], rules: list, taken: list[TableItem],
                    number: int, s: PdfSettings, slanted: Sequence[tuple[float, float, float, float]] = ()
                    ) -> TableItem:
    """The table read down to the lines right under its last rule that are its last rows (a grid printed
    as blocks, a rule over each block's first row and none under the last block): `rows_under`. The item
    again with them, else as it was."""
    end = rows_under(item, run, chars, rules, number, s)
    if end is None:
        return item
    x0, _, x1 = run[-1]
    closed = [*run, (x0, end, x1)]
    inside = [c for c in chars if x0 - 2 <= (c.x0 + c.x1) / 2 <= x1 + 2
              and run[0][1] - 1 <= (c.top + c.bottom) / 2 <= end + 1
              and not any(t.x0 - 1 <= c.x0 and c.x1 <= t.x1 + 1 and t.top - 1 <= c.top and c.bottom <= t.bottom + 1
                          for t in taken)]
    again = build_table(closed, inside, number, s, rules, slanted)
    if again is None or again.ncols != item.ncols or len(again.rows) <= len(item.rows) \
            or again.rows[:len(item.rows)] != item.rows or not convincing(again, closed, chars, number, s):
        return item
    return again


def rows_under(item: TableItem, run: list, chars: list[Char], rules: list, number: int,
               s: PdfSettings) -> float | None:
    """y of the bottom a table closes at under its last rule, or None: the printed rows right under the
    last rule (`lines_under`), one after another at the table's row pitch (each as far below the one above
    as the table's rows are, within a fifth), down to the first that is not one of its rows: one cell in
    every column (one fragment each, none across a column edge), each cell aligned with a cell of its
    column above (left, right or centre within half an em), of the same kind (a column of numbers takes a
    number, a column without any takes none), no prose, no caption, no note (`注：`), no rule above it
    but the table's last."""
    if item.row_lines is None or len(item.row_lines) <= item.header_rows:
        return None
    x0, _, x1 = run[-1]
    body = baseline_rows([ln for g in item.row_lines[item.header_rows:] for ln in g])
    if len(body) < 2:
        return None
    steps = sorted(pitch(a, b) for a, b in zip(body, body[1:]))
    step = steps[len(steps) // 2]
    bounds = item.col_edges[1:-1]
    above = [column_chars(g, bounds, s)[0] for g in item.row_lines[item.header_rows:]]
    columns = [[[c for c in row[k] if not c.is_space] for row in above] for k in range(len(bounds) + 1)]
    columns = [[cs for cs in col if cs] for col in columns]
    read: dict[int, list[str]] = {}

    def texts(k: int) -> list[str]:  # a column's cells, read when a row under the rule is tried against it
        if k not in read:
            read[k] = [cell_text(cs, number, s) for cs in columns[k]]
        return read[k]
    prev, end = body[-1], None
    for row in baseline_rows(lines_under(run[-1], chars, number, s)):
        size = row[0].size
        text = " ".join(ln.text for ln in sorted(row, key=lambda ln: ln.x0))
        if pitch(prev, row) > 1.2 * step or any(ln.x0 < x0 - 2 * size or ln.x1 > x1 + 2 * size for ln in row) \
                or parse_caption(text) is not None or TABLE_NOTE.match(text.strip()) \
                or any(prev[0].baseline < r[1] < row[0].baseline and r[0] < x1 and x0 < r[2] and r != run[-1]
                       for r in rules):
            break
        cells, spans = column_chars(row, bounds, s)
        if spans or not all(fits(cs, columns[k], partial(texts, k), number, s) for k, cs in enumerate(cells)):
            break
        prev, end = row, max(ln.bottom for ln in row) + 1
    return end


def fits(cell: list[Char], column: list[list[Char]], texts: Callable[[], list[str]], number: int,
         s: PdfSettings) -> bool:
    """A cell under a table's last rule is one of its column's cells: one fragment (no gap of
    `rule_table_gap` em inside it), aligned with a cell of the column above (left, right or centre within
    half an em), a number in a column of numbers and none in a column without any, and no prose.
    (`texts`: the column's cells' texts, read only when the cell gets that far.)"""
    ink = sorted((c for c in cell if not c.is_space), key=lambda c: c.x0)
    if not ink or not column:
        return False
    size = ink[0].size
    if any(b.x0 - a.x1 >= s.rule_table_gap * size for a, b in zip(ink, ink[1:])):
        return False
    left, right = ink[0].x0, max(c.x1 for c in ink)
    if not any(min(abs(left - min(c.x0 for c in cs)), abs(right - max(c.x1 for c in cs)),
                   abs(left + right - min(c.x0 for c in cs) - max(c.x1 for c in cs)) / 2) <= 0.5 * size
               for cs in column):
        return False
    text = cell_text(ink, number, s)
    numbers = [bool(NUMERIC.fullmatch(t)) for t in texts()]
    numeric = bool(NUMERIC.fullmatch(text))
    if (all(numbers) and not numeric) or (not any(numbers) and numeric):
        return False
    return not PROSE.search(text)


def close_broken_tables(pages: list, s: PdfSettings) -> None:
    """The rows of a three-line table broken by a page or column break that run on in the next column or
    at the top of the next page. A table ended open at the foot of a column or page (`open_at_page_foot`)
    continues at the top of the column to its right on the same page, else, when nothing follows it on its
    page (no line under it, no column right of it), at the top of the next page (running headers already
    removed). There, among the free rules of the table's width (in the column to its right, or on the next
    page where no column with text comes before them): the lines above the first such rule (no table above
    that rule in its column, no other rule among the lines), following one another (no gap over a line's
    height) down to the rule, are its last rows when they fit the first part's columns: no fragment across
    a column edge, the first row two cells at least, half the cells filled (`closing_rows`); or, with no
    line above them, a run of such rules holding its last rows (`ruled_continuation`). Those lines become a
    table item of the first part's column edges and no header, which the blocks join to the first part
    (`table_continued`). Without that evidence the lines stay as they are."""
    tol = s.rule_table_end_tolerance
    for k, page in enumerate(pages):
        for table in [t for t in page.tables if t.open_below]:
            width = table.x1 - table.x0
            beside = [r for r in page.free_rules if abs((r[2] - r[0]) - width) <= tol and r[0] >= table.x1 - tol]
            found = closing_rows(table, page, s, beside) or ruled_continuation(table, page, page, beside, s)
            if found is not None:
                item, lines = found
                page.take_lines(lines)
                page.tables.append(item)
                table.open_below = False
                continue
            nxt = pages[k + 1] if k + 1 < len(pages) else None
            if nxt is None or nxt.number != page.number + 1:
                continue
            if any((ln.top > table.bottom and ln.x1 > table.x0 and ln.x0 < table.x1) or ln.x0 >= table.x1
                   for ln in page.lines):
                continue  # a line left under it (a page foot not removed) or a column beside it: read next
            same = [r for r in nxt.free_rules if abs((r[2] - r[0]) - width) <= tol
                    and not any(ln.x1 <= r[0] and ln.top < r[1] for ln in nxt.lines)]  # not after a column
            found = closing_rows(table, nxt, s, same) or ruled_continuation(table, page, nxt, same, s)
            if found is not None:
                item, lines = found
                nxt.take_lines(lines)
                nxt.tables.append(item)


def ruled_continuation(table: TableItem, first_page, page, candidates: list, s: PdfSettings
                       ) -> tuple[TableItem, list[Line]] | None:
    """The rest of a table broken at the foot of a column (or page), at the top of the next column of the
    page (or of the next page) between rules of its own: among `candidates` (free rules of the table's
    width there) the column of the topmost; in it, the last of those rules with no line above it (Word
    repeats the top rule at the break; a rule under a running header is passed) opens a run of rules of
    that width, down to the first band between them that holds no row (empty, a caption, a line of prose);
    no table in that column above the run. Its lines must keep within the rules' width and fit one set of
    columns with the first part (`joined_columns`), half their cells filled, no cell of prose, the first row
    two cells at least unless it is the rest of the first part's last row (`broken_row`). The first part's
    cells are cut again at the joined columns."""
    tol = s.rule_table_end_tolerance
    width = table.x1 - table.x0
    if not candidates:
        return None
    x0, _, x1 = min(candidates, key=lambda r: r[1])
    run = sorted((r for r in candidates if abs(r[0] - x0) <= tol and abs(r[2] - x1) <= tol), key=lambda r: r[1])
    column = sorted((ln for ln in page.lines if ln.x1 > x0 and ln.x0 < x1), key=lambda ln: ln.top)
    clear = [k for k, r in enumerate(run) if not any(ln.top < r[1] for ln in column)]
    if not clear:
        return None  # text above it: not at the column's top
    run = run[clear[-1]:]
    y0 = run[0][1]
    if any(t.x0 < x1 and x0 < t.x1 and t.top < y0 and t is not table for t in page.tables):
        return None
    rules = [run[0]]
    for r in run[1:]:
        band = [ln for ln in column if rules[-1][1] < (ln.top + ln.bottom) / 2 < r[1]]
        if band_outside(band, width, s):
            break
        rules.append(r)
    bottom = rules[-1][1]
    lines = [ln for ln in column if y0 < (ln.top + ln.bottom) / 2 < bottom]
    if len(rules) < 2 or not lines or any(ln.x0 < x0 - 2 * ln.size or ln.x1 > x1 + 2 * ln.size for ln in lines):
        return None
    inner = [r for r in page.free_rules if y0 < r[1] < bottom and r[0] >= x0 - tol and r[2] <= x1 + tol
             and (abs(r[0] - x0) <= tol or abs(r[2] - x1) <= tol)]
    cuts = sorted({r[1] for r in rules} | {r[1] for r in inner})
    if len(cuts) >= 3:  # rules between its rows (a Word table's borders): each band is one row
        groups = [g for a, b in zip(cuts, cuts[1:])
                  if (g := [ln for ln in lines if a < (ln.top + ln.bottom) / 2 < b])]
    else:
        groups = wrapped(baseline_rows(lines))
    strokes_first = strokes_within(first_page.rules, table.x0, table.x1, table.top, table.bottom)
    strokes_next = strokes_within(page.rules, x0, x1, y0, bottom)
    rel = joined_columns(table, strokes_first, strokes_next, x0, s)
    if rel is None:
        return None
    first_bounds = [table.x0 + b for b in rel]
    bounds = [x0 + b for b in rel]
    ruled = bool(joints(strokes_first, table.x0, table.x1) or joints(strokes_next, x0, x1))
    read = [row_cells(g, bounds, strokes_next if ruled else [], x1, page.number, s) for g in groups]
    rows = [cells for cells, _, _ in read]
    ncols = len(bounds) + 1
    cells = [c for r in rows for c in r if c]
    if len(cells) * 2 < len(rows) * ncols or any(
            len(c) > s.rule_table_cell_chars and PROSE.search(c) for c in cells):
        return None
    if table.row_lines is None:  # its rows read by their keys: not cut again, so its own columns only
        if len(rel) != len(table.col_edges) - 2 or any(
                abs(a + table.x0 - b) > s.table_join_tolerance for a, b in zip(rel, table.col_edges[1:-1])):
            return None
        first_rows = None
        broken = False
    else:
        first_rows = [row_cells(g, first_bounds, strokes_first if ruled else [], table.x1, table.page, s)
                      for g in table.row_lines]
        broken = broken_row(first_rows[-1], read[0], s)
    if not broken and sum(bool(c) for c in rows[0]) < min(2, ncols):
        return None
    if first_rows is not None and table.row_lines is not None:
        table.rows = [cells for cells, _, _ in first_rows]
        table.col_edges = [table.x0, *first_bounds, table.x1]
        table.cell_boxes = [row_boxes([ln.top for ln in g], [ln.bottom for ln in g], table.col_edges)
                            for g in table.row_lines]
    edges = [x0, *bounds, x1]
    boxes = [row_boxes([ln.top for ln in g], [ln.bottom for ln in g], edges) for g in groups]
    size = Counter(round(ln.size, 1) for ln in lines).most_common(1)[0][0]
    item = TableItem(rows, page.number, x0, x1, y0, bottom, edges, size, ruled=False, header_rows=0,
                     evidence="rules", cell_boxes=boxes, continues_row=broken)
    item.max_row_lines = max(len(baseline_rows(g)) for g in groups)
    return item, lines


def strokes_within(strokes: list, x0: float, x1: float, top: float, bottom: float) -> list[tuple]:
    """The page's horizontal strokes (x0, top, x1) inside a table's box (a rule's thickness of slack)."""
    return [r for r in strokes if r[0] >= x0 - 3 and r[2] <= x1 + 3 and top - 3 <= r[1] <= bottom + 3
            and r[2] - r[0] >= 0.5]


def joints(strokes: list, x0: float, x1: float) -> list[float]:
    """x of the cell boundaries a table's rules show (Word draws each rule as one stroke per cell): where
    one stroke of a rule ends and the next begins, and the inner ends of a rule shorter than the table
    (the border under one cell); joints closer than 2 pt are one (a corner's short stroke between cells)."""
    found = []
    rules: list[list[tuple]] = []
    for r in sorted(strokes, key=lambda r: r[1]):
        if rules and abs(r[1] - rules[-1][0][1]) <= 1.5:
            rules[-1].append(r)
        else:
            rules.append([r])
    for rule in rules:
        rule.sort()
        for a, b in zip(rule, rule[1:]):
            if abs(a[2] - b[0]) <= 1.5:
                found += [a[2], b[0]]
        ends = [min(r[0] for r in rule), max(r[2] for r in rule)]
        found += [e for e in ends if x0 + 3 < e < x1 - 3]
    found = sorted(x for x in found if x0 + 3 < x < x1 - 3)
    out: list[list[float]] = []
    for x in found:
        if out and x - out[-1][-1] <= 2:
            out[-1].append(x)
        else:
            out.append([x])
    return [sum(g) / len(g) for g in out]


def joined_columns(table: TableItem, strokes_first: list, strokes_next: list, x0: float,
                   s: PdfSettings) -> list[float] | None:
    """Column boundaries (relative to the table's left edge) of a table and its continuation: the cell
    boundaries both parts' rules show together (a boundary hidden in one part by merged cells is seen in
    the other); without any, the first part's own columns. None when the first part's columns do not
    keep to them (a boundary of its text with none of the rules near it)."""
    tol = s.table_join_tolerance
    own = [b - table.x0 for b in table.col_edges[1:-1]]
    found = sorted([b - table.x0 for b in joints(strokes_first, table.x0, table.x1)]
                   + [b - x0 for b in joints(strokes_next, x0, x0 + table.x1 - table.x0)])
    if not found:
        return own
    rel: list[float] = []
    for b in found:
        if rel and b - rel[-1] <= tol:
            rel[-1] = (rel[-1] + b) / 2
        else:
            rel.append(b)
    for b in own:  # the first part's text gap must hold a boundary of the rules
        lo, hi = gap_around(table, b + table.x0)
        if not any(lo - tol <= r + table.x0 <= hi + tol for r in rel):
            return None
    return rel


def gap_around(table: TableItem, x: float) -> tuple[float, float]:
    """The white range around x that no printed line of the table's rows crosses."""
    lo, hi = table.x0, table.x1
    for group in table.row_lines or []:
        for ln in group:
            for c in ln.chars:
                if c.is_space:
                    continue
                if c.x1 <= x:
                    lo = max(lo, c.x1)
                elif c.x0 >= x:
                    hi = min(hi, c.x0)
    return lo, hi


def row_cells(lines: list[Line], bounds: list[float], strokes: list, right: float, number: int,
              s: PdfSettings) -> tuple[list[str], list[list[Char]], list[float]]:
    """A row's cells at the table's column boundaries, but those a rule above or below the row runs across
    in one stroke (a merged cell: Word draws each rule one stroke per cell), whose text goes to the merged
    cell's first column. (cells, chars per cell, the right edge of the cell each column opens)."""
    top, bottom = min(ln.top for ln in lines), max(ln.bottom for ln in lines)
    ys = sorted({r[1] for r in strokes})
    above = max((y for y in ys if y <= top + 1), default=None)
    below = min((y for y in ys if y >= bottom - 1), default=None)
    near = [r for r in strokes if any(y is not None and abs(r[1] - y) <= 1.5 for y in (above, below))]
    kept = [b for b in bounds if not any(r[0] < b - 1.5 and b + 1.5 < r[2] for r in near)]
    chars, _ = column_chars(lines, kept, s)
    cells = [""] * (len(bounds) + 1)
    per: list[list[Char]] = [[] for _ in cells]
    ends = [right] * len(cells)
    for j, cs in enumerate(chars):
        k = bounds.index(kept[j - 1]) + 1 if j else 0
        cells[k] = cell_text(cs, number, s) if cs else ""
        per[k] = cs
        ends[k] = kept[j] if j < len(kept) else right
    return cells, per, ends


def broken_row(last: tuple[list[str], list[list[Char]], list[float]], first: tuple[list[str], list[list[Char]],
               list[float]], s: PdfSettings) -> bool:
    """The first row of a continuation is the rest of the first part's last row (a row the break cut): its
    first column empty, each of its cells under a filled cell of that row, and that cell's last line
    wrapped there: the cell's first word would not have fitted in the room left at the line's end."""
    cells, chars, ends = last
    texts, heads, _ = first
    if texts[0] or not any(texts) or any(c and not cells[k] for k, c in enumerate(texts)):
        return False
    for k, text in enumerate(texts):
        if not text:
            continue
        ink = [c for c in chars[k] if not c.is_space]
        end = max(ink, key=lambda c: (c.baseline, c.x1))
        line_end = max(c.x1 for c in ink if abs(c.baseline - end.baseline) <= 0.5 * c.size)
        room = ends[k] - line_end
        word: list[Char] = []
        top = min((c.baseline for c in heads[k] if not c.is_space), default=0.0)
        for c in sorted((c for c in heads[k] if abs(c.baseline - top) <= 0.5 * c.size), key=lambda c: c.x0):
            if c.is_space or (word and (HAN.match(c.text) or HAN.match(word[-1].text))):
                if word:
                    break
                continue
            word.append(c)
        if not word or word[-1].x1 - word[0].x0 <= room - 0.5 * end.size:
            return False
    return True


def closing_rows(table: TableItem, page, s: PdfSettings, candidates: list) -> tuple[TableItem, list[Line]] | None:
    rule = min(candidates, key=lambda r: r[1], default=None)
    if rule is None or any(t.top < rule[1] and t.x0 < rule[2] and rule[0] < t.x1 for t in page.tables):
        return None
    x0, y, x1 = rule
    above = sorted((ln for ln in page.lines if ln.bottom < y and ln.x1 > x0 and ln.x0 < x1), key=lambda ln: ln.top)
    if not above or any(above[0].top < r[1] < y and r[0] < x1 and x0 < r[2] for r in page.free_rules):
        return None  # a rule between them (a rule over them, under a running header, is no matter)
    if any(ln.x0 < x0 - 2 * ln.size or ln.x1 > x1 + 2 * ln.size for ln in above):
        return None
    for a, b in zip(above, above[1:]):
        if b.top - a.bottom > b.bottom - b.top:
            return None  # not one run of lines
    if y - max(ln.bottom for ln in above) > max(ln.bottom - ln.top for ln in above):
        return None  # the rule not right under them
    shift = x0 - table.x0
    edges = [e + shift for e in table.col_edges]
    bounds = edges[1:-1]
    groups = wrapped(baseline_rows(above))
    split = [cells_of(g, bounds, page.number, s) for g in groups]
    rows = [cells for cells, _ in split]
    ncols = len(edges) - 1
    filled = sum(bool(c) for r in rows for c in r)
    if any(spans for _, spans in split) or sum(bool(c) for c in rows[0]) < min(2, ncols) \
            or filled * 2 < len(rows) * ncols:
        return None
    boxes = [row_boxes([ln.top for ln in g], [ln.bottom for ln in g], edges) for g in groups]
    size = Counter(round(ln.size, 1) for ln in above).most_common(1)[0][0]
    item = TableItem(rows, page.number, x0, x1, min(ln.top for ln in above) - 1, y, edges, size, ruled=False,
                     header_rows=0, evidence="rules", cell_boxes=boxes)
    item.max_row_lines = max(len(baseline_rows(g)) for g in groups)
    return item, above


def caption_near(item: TableItem, chars: list[Char], number: int, s: PdfSettings) -> bool:
    """A table caption (`表2 …`, `Table 2 …`) on the line just above the table's top rule or just
    below its bottom rule, overlapping the table's width."""
    size = item.size or 10.0
    reach = s.rule_table_caption_reach * size
    for y0, y1, nearest in ((item.top - reach, item.top, max), (item.bottom, item.bottom + reach, min)):
        near = [c for c in chars if y0 <= (c.top + c.bottom) / 2 <= y1 and c.x1 >= item.x0 and c.x0 <= item.x1]
        lines = group_lines(near, number, s)
        if not lines:
            continue
        edge = nearest(ln.baseline for ln in lines)
        text = "".join(ln.text for ln in sorted(lines, key=lambda ln: ln.x0)
                       if abs(ln.baseline - edge) <= 0.5 * ln.size)
        found = parse_caption(text)
        if found is not None and found[0] == "table":
            return True
    return False


def convincing(item: TableItem, run: list, chars: list[Char], number: int, s: PdfSettings) -> bool:
    """Rules alone make no table (rules between the lines of a form, a résumé's section rules): the
    page must show the rest of a table too. Required: a short header band (at most
    `rule_table_header_rows` rows; a longer first band is no header), no table row made of more than
    `rule_table_row_lines` printed lines (cells that swallowed a page of text), most rows with two
    cells filled, no cell of prose (a sentence over `rule_table_cell_chars` characters), and not a form
    (a third of the cells opening with a `label：`). Then a
    caption next to the rules, or a header rule (three rules or more) and numeric cells (a third) or a
    column of short cells in every row (the rows' keys), or a rule under every row."""
    rows, header_rows = item.rows, item.header_rows
    if header_rows > s.rule_table_header_rows or item.max_row_lines > s.rule_table_row_lines:
        return False
    body = rows[header_rows:] or rows
    if sum(sum(bool(c) for c in r) >= 2 for r in body) * 2 < len(body):
        return False
    cells = [c for r in rows for c in r if c]
    if any(len(c) > s.rule_table_cell_chars and PROSE.search(c) for c in cells):
        return False
    if is_form(rows):
        return False  # `姓名：`, `性别: 男`: the fields of a form
    item.captioned = caption_near(item, chars, number, s)
    if item.captioned:
        return True
    if len(run) < 3 or not header_rows:
        return False  # two rules and no caption: a frame or a section's rules
    if len(run) - 1 == len(rows) >= 4:
        return True  # a rule under every row, the rows sharing their columns: a grid drawn without verticals
    numeric = sum(bool(NUMERIC.fullmatch(c)) for r in body for c in r if c)
    filled = sum(bool(c) for r in body for c in r)
    keys = [[c for c in column if c] for column in zip(*body)]  # a column of short cells: the rows' keys
    return numeric * 3 >= filled or any(
        len(k) * 10 >= 9 * len(body) and all(len(c) <= s.unruled_prose_chars for c in k) for k in keys)


def horizontal_rules(page, s: PdfSettings, taken: list[TableItem]) -> list[tuple[float, float, float]]:
    """(x0, y, x1) of the page's horizontal rules outside the ruled tables, top to bottom."""
    strokes = sorted(((obj["top"] + obj["bottom"]) / 2, obj["x0"], obj["x1"])
                     for obj in list(page.lines) + list(page.rects)
                     if obj["bottom"] - obj["top"] <= 2.5 and obj["x1"] - obj["x0"] >= 1)
    joined = join_strokes(strokes)  # a rule drawn in pieces end to end, one per cell (Word), is one rule
    out = []
    for y, x0, x1 in joined:
        if x1 - x0 < s.rule_table_min_width:
            continue
        if any(t.x0 - 2 <= x0 and x1 <= t.x1 + 2 and t.top - 2 <= y <= t.bottom + 2 for t in taken):
            continue
        out.append((x0, y, x1))
    out.sort(key=lambda r: r[1])
    merged: list[tuple[float, float, float]] = []
    for r in out:  # a rule drawn as two strokes (a thick rule, a double rule) is one
        if merged and all(abs(a - b) <= 3 for a, b in zip(r, merged[-1])):
            continue
        merged.append(r)
    return merged


def rule_weights(page, rules: list[tuple[float, float, float]]) -> dict[tuple[float, float, float], float]:
    """The thickness of each rule: the thickest stroke drawn along it (a filled rectangle's height, a
    stroked line's width)."""
    strokes = [((o["top"] + o["bottom"]) / 2, o["x0"], o["x1"],
                (o["bottom"] - o["top"] if o.get("fill") else 0.0)
                + (float(o.get("linewidth") or 0.0) if o.get("stroke", True) else 0.0))
               for o in list(page.lines) + list(page.rects) if o["bottom"] - o["top"] <= 2.5]
    return {r: max((w for y, x0, x1, w in strokes if abs(y - r[1]) <= 3 and x0 < r[2] and r[0] < x1), default=0.0)
            for r in rules}


def rule_groups(rules: list[tuple[float, float, float]], s: PdfSettings) -> list[list[tuple[float, float, float]]]:
    """Rules sharing their ends, two or more, top to bottom."""
    groups: list[list] = []
    tol = s.rule_table_end_tolerance
    for r in rules:
        for g in groups:
            if abs(g[0][0] - r[0]) <= tol and abs(g[0][2] - r[2]) <= tol:
                g.append(r)
                break
        else:
            groups.append([r])
    return [g for g in groups if len(g) >= 2]


def overhang(inside: list[Char], chars: list[Char], x0: float, x1: float, top: float, bottom: float,
             bands: Bands | None = None) -> list[Char]:
    """Glyphs between the rules but past their ends (within 30 pt) that run on from a glyph inside on their
    line (no gap: a cell's last word or full stop set past the rule's end), so that a row is read whole."""
    chosen = {id(c) for c in inside}
    between = bands.between(top, bottom) if bands is not None else [
        c for c in chars if top < (c.top + c.bottom) / 2 < bottom]  # (`bands`: the same chars')
    near = [c for c in between if id(c) not in chosen
            and (x1 + 2 < (c.x0 + c.x1) / 2 <= x1 + 30 or x0 - 30 <= (c.x0 + c.x1) / 2 < x0 - 2)]
    if not near:
        return []
    ends = [c for c in inside if c.x1 >= x1 - 15 or c.x0 <= x0 + 15]
    out: list[Char] = []
    grew = True
    while grew:
        grew = False
        for c in near:
            if id(c) in chosen:
                continue
            if any(abs((c.top + c.bottom) / 2 - (e.top + e.bottom) / 2) <= 0.3 * e.size
                   and (-0.5 <= c.x0 - e.x1 <= 0.3 * e.size or -0.5 <= e.x0 - c.x1 <= 0.3 * e.size) for e in ends):
                chosen.add(id(c))
                out.append(c)
                ends.append(c)
                grew = True
    return out


def with_partial_rules(groups: list[list], rules: list[tuple[float, float, float]], s: PdfSettings,
                       open_below: Callable[[list], bool]) -> list[list]:
    """A table's last rules may span some of its columns only (`\\cmidrule{2-3}` under a row group, a bottom
    rule under the columns right of a merged cell): rules right under a group's last rule, sharing one of
    its ends and lying within its width, each within four header bands of the rule above, are the group's
    own (and leave the group they formed by themselves). Not for a table open at the page or column foot
    (`open_below`: a Word table's rule under some cells only is no bottom rule there)."""
    tol = s.rule_table_end_tolerance
    absorbed: set[tuple[float, float, float]] = set()
    out = []
    for group in groups:
        group = list(group)
        if len(group) >= 2 and not absorbed.intersection(group) and not open_below(group):
            x0, x1 = group[0][0], group[0][2]
            reach = 4 * (group[1][1] - group[0][1])
            for r in rules:
                if r[1] <= group[-1][1] + 1:
                    continue
                if r[1] - group[-1][1] > reach:
                    break
                if abs(r[0] - x0) <= tol and abs(r[2] - x1) <= tol:
                    break  # the next rule of the group's width: another table's
                if r[0] >= x0 - tol and r[2] <= x1 + tol and r[2] - r[0] < x1 - x0 - 2 * tol and (
                        abs(r[0] - x0) <= tol or abs(r[2] - x1) <= tol):
                    group.append(r)
                    absorbed.add(r)
        out.append(group)
    return [g for g in out if not absorbed.intersection(g) or any(r not in absorbed for r in g[:1])]


def partial_runs(group: list, chars: list[Char], number: int, s: PdfSettings,
                 weights: dict[tuple[float, float, float], float] | None = None,
                 page_chars: list[Char] | None = None, page_bands: Bands | None = None) -> list[list]:
    """`table_runs` of a group whose last rules span some of its columns only (`with_partial_rules`): a band
    closed by such a rule holds rows of the table (prose between rules is not underlined under some columns),
    so the group is cut as if those rules were not drawn, but the last, and they go back into the run that
    spans them (they part its row groups)."""
    tol = s.rule_table_end_tolerance
    width = group[0][2] - group[0][0]
    full = [k for k, r in enumerate(group) if r[2] - r[0] >= width - 2 * tol]
    inner = group[full[-1] + 1:-1]
    if not inner:
        return table_runs(group, chars, number, s, weights, page_chars, page_bands)
    core = [r for r in group if r not in inner]
    return [sorted(run + [r for r in inner if run[0][1] < r[1] < run[-1][1]], key=lambda r: r[1])
            for run in table_runs(core, chars, number, s, weights, page_chars, page_bands)]


def table_runs(group: list, chars: list[Char], number: int, s: PdfSettings,
               weights: dict[tuple[float, float, float], float] | None = None,
               page_chars: list[Char] | None = None, page_bands: Bands | None = None) -> list[list]:
    """The group's rules cut where a band between two of them holds a caption or prose (lone lines
    across the rules' width: two of them, or one with a sentence's punctuation; a table's widest row
    is one such line at most), or where one table ends and the next begins (`between_tables`: a heading
    between them, or a thick bottom rule and a thick top rule). `chars`: those within the rules' width;
    `page_chars`: the page's, for the lines of a band as printed (a heading may start left of the rules);
    `page_bands`: `Bands` of those, when the caller has them."""
    width = group[0][2] - group[0][0]
    x0, x1 = group[0][0], group[0][2]
    runs: list[list] = [[group[0]]]
    within = Bands(chars)
    on_page = page_bands if page_bands is not None else Bands(page_chars or chars)
    band_chars = [within.between(upper[1], lower[1]) for upper, lower in zip(group, group[1:])]
    bands = [group_lines(cs, number, s) for cs in band_chars]
    for i, lower in enumerate(group[1:]):
        def printed(i: int = i, upper: float = group[i][1], lower: float = lower[1]) -> list[Line]:
            printed_chars = on_page.between(upper, lower)
            same = len(printed_chars) == len(band_chars[i]) and all(
                a is b for a, b in zip(printed_chars, band_chars[i]))
            return [ln for ln in (bands[i] if same else group_lines(printed_chars, number, s))  # (the same glyphs)
                    if ln.x0 < x1 and x0 < ln.x1]

        if band_outside(bands[i], width, s) or between_tables(group, bands, i, runs[-1], weights or {}, printed):
            runs.append([lower])
        else:
            runs[-1].append(lower)
    return [r for r in runs if len(r) >= 2]


class Bands:
    """Glyphs by the middle of their height, found by a band without a scan of them all."""

    def __init__(self, chars: list[Char]) -> None:
        self.chars = chars
        middles = [(c.top + c.bottom) / 2 for c in chars]
        self.order = sorted(range(len(chars)), key=middles.__getitem__)
        self.middles = [middles[i] for i in self.order]

    def between(self, upper: float, lower: float) -> list[Char]:
        """The glyphs whose middle lies strictly between upper and lower, in their order."""
        lo, hi = bisect_right(self.middles, upper), bisect_left(self.middles, lower)
        return [self.chars[i] for i in sorted(self.order[lo:hi])]

    def within(self, upper: float, lower: float) -> list[Char]:
        """The glyphs whose middle lies from upper to lower (both included), in their order."""
        lo, hi = bisect_left(self.middles, upper), bisect_right(self.middles, lower)
        return [self.chars[i] for i in sorted(self.order[lo:hi])]


def between_tables(group: list, bands: list[list[Line]], i: int, run: list,
                   weights: dict[tuple[float, float, float], float], printed: Callable[[], list[Line]]) -> bool:
    """Band i of a group of rules (between rules i and i + 1; `printed()`: its lines as printed, reaching into
    the rules' width, grouped only when the tests get that far) lies between two tables printed one under the
    other with rules of the same ends: not the group's first or last band, at least two printed rows above it
    since the run began, two below it, and either
    - one printed line of one fragment in heading type: larger than the tables' text (a tenth), or bold
      (or 黑体) beside cells mostly not, or a numbered title (`3.2 实验结果`, `第3章`), or reaching an em
      past the rules' ends; bold and numbered ones outside the columns' alignment (their left edge, centre
      and right edge over a quarter em from every other fragment's between the rules, their centre from the
      rules'): a group title in a table sits at its column's edge or centred on the table, set as the cells;
    - or at most one printed line between a thick rule with a thin one above it (a table's bottom rule
      under its header rule) and a thick rule with a thin one under it (the next table's top rule over
      its header rule): thick is half as thick again as the group's thinnest rule."""
    if i == 0 or i >= len(bands) - 1:
        return False
    band = baseline_rows(bands[i])
    above = sum(len(baseline_rows(b)) for b in bands[i + 1 - len(run):i])  # since the run's first rule
    below = sum(len(baseline_rows(b)) for b in bands[i + 1:])
    if len(band) > 1 or above < 2 or below < 2:
        return False
    weight = [weights.get(r, 0.0) for r in group]
    thin = min(weight)
    if thin > 0 and i + 2 < len(group) and all(weight[k] >= 1.5 * thin for k in (i, i + 1)) \
            and all(weight[k] < 1.5 * thin for k in (i - 1, i + 2)):
        return True
    rows = baseline_rows(printed())
    if len(rows) != 1 or len(rows[0]) != 1:
        return False
    line = rows[0][0]
    others = [ln for k, b in enumerate(bands) if k != i for ln in b]
    size = Counter(round(c.size, 1) for ln in others for c in ln.chars if not c.is_space).most_common(1)[0][0]
    x0, x1 = group[0][0], group[0][2]
    if line.size >= 1.1 * size or line.x0 < x0 - line.size or line.x1 > x1 + line.size:
        return True
    heavy = (line.bold or line.hei) and sum(ln.bold or ln.hei for ln in others) * 2 < len(others)
    if not heavy and parse_heading(line.text, typeset=True) is None:
        return False
    quarter = 0.25 * line.size
    return abs((line.x0 + line.x1 - x0 - x1) / 2) > quarter and not any(
        min(abs(line.x0 - ln.x0), abs(line.x1 - ln.x1), abs(line.x0 + line.x1 - ln.x0 - ln.x1) / 2) <= quarter
        for ln in others)


def band_outside(lines: list[Line], width: float, s: PdfSettings) -> bool:
    """A band between two rules that holds no table row: nothing, a caption, or prose (lone lines across
    the rules' width: two of them, or one with a sentence's punctuation)."""
    wide = [ln for ln in lines
            if ln.x1 - ln.x0 >= s.rule_table_prose_width * width and len(ln.text) >= s.unruled_prose_chars
            and not NUMERIC.fullmatch(ln.text)
            and sum(abs(o.baseline - ln.baseline) <= 0.5 * ln.size for o in lines) == 1]
    return (not lines or any(parse_caption(ln.text) is not None for ln in lines)
            or ((len(wide) >= 2 or any(PROSE.search(ln.text) for ln in wide)) and not key_beside(lines, wide)))


def key_beside(lines: list[Line], wide: list[Line]) -> bool:
    """Wide lines with a line left of them all, on none of their baselines (a merged key cell centred on
    its rows: `文档类` beside two rows of sentences): rows of a table, not prose between rules."""
    return bool(wide) and any(ln.x1 < min(w.x0 for w in wide) and all(
        abs(ln.baseline - w.baseline) > 0.5 * ln.size for w in wide) for ln in lines if ln not in wide)


def band_lines(chars: list[Char], upper: float, lower: float, number: int, s: PdfSettings) -> list[Line]:
    return group_lines([c for c in chars if upper < (c.top + c.bottom) / 2 < lower], number, s)


def column_runs(run: list, chars: list[Char], number: int, s: PdfSettings) -> list[list]:
    """A run cut before the first band (after the first body band) whose text does not keep to the
    body's columns (crosses them, and has not as many columns of its own): what follows the table's
    last rule (a heading, a listing between rules of its own) is no part of it. A band of one row may
    span columns (a group title)."""
    if len(run) < 4:
        return [run]
    first = baseline_rows(band_lines(chars, run[1][1], run[2][1], number, s))
    if not first:
        return [run]
    size = Counter(round(ln.size, 1) for r in first for ln in r).most_common(1)[0][0]
    bounds = column_bounds(first, run[0][2] - run[0][0], size, s)
    if not bounds:
        return [run]
    for k in range(2, len(run) - 1):
        rows = baseline_rows(band_lines(chars, run[k][1], run[k + 1][1], number, s))
        if (len(rows) >= 2 and any(ln.x0 < b < ln.x1 for r in rows for ln in r for b in bounds)
                and len(column_bounds(rows, run[0][2] - run[0][0], size, s)) != len(bounds)):
            rest = run[k + 1:]
            return [run[:k + 1], *(column_runs(rest, chars, number, s) if len(rest) >= 2 else [])]
    return [run]


def build_table(run: list, chars: list[Char], number: int, s: PdfSettings,
                others: Sequence[tuple[float, float, float]] = (),
                slanted: Sequence[tuple[float, float, float, float]] = ()) -> TableItem | None:
    top, bottom = run[0][1], run[-1][1]
    x0, x1 = min(r[0] for r in run), max(r[2] for r in run)
    lines = group_lines([c for c in chars if top < (c.top + c.bottom) / 2 < bottom], number, s)
    if not lines:
        return None
    head_bottom = run[1][1] if len(run) >= 3 else None
    head = [ln for ln in lines if head_bottom is not None and (ln.top + ln.bottom) / 2 < head_bottom]
    body = [ln for ln in lines if ln not in head]
    body_rows = baseline_rows(body)
    if not body_rows:
        return None
    size = Counter(round(ln.size, 1) for ln in lines).most_common(1)[0][0]
    bounds = column_bounds(body_rows, x1 - x0, size, s)
    if not bounds:
        return None
    head_rows = baseline_rows(head)
    header: list[list[str]] = []
    xs = [x0, *bounds, x1]
    corner: str | None = None
    head_groups: list[list[Line]] = []
    hyphenated: list[str] = []  # words rejoined at a cell's line end
    if head_rows:
        split_hyphenated: list[str] = []
        split = [cells_of(r, bounds, number, s, split_hyphenated) for r in head_rows]
        partial = [r for r in others if top < r[1] < head_bottom and x0 - 2 <= r[0] and r[2] <= x1 + 2
                   and r[2] - r[0] < x1 - x0 - 2 * s.rule_table_end_tolerance] if head_bottom is not None else []
        head_rows, split, corner = diagonal_corner(head_rows, split, [x0, *bounds, x1], (top, head_bottom), slanted)
        head_rows, split = spanning_head_cells(head_rows, split, [x0, *bounds, x1], partial, size, s)
        numbers = all(NUMERIC.fullmatch(c) for cells, _ in split for c in cells if c)
        if any(spans for _, spans in split) or two_level(split) or numbers:  # (numbers wrap in no header)
            header = [cells for cells, _ in split]
            head_groups = [list(r) for r in head_rows]
            hyphenated += split_hyphenated
        else:
            header = [cells_of([ln for r in head_rows for ln in r], bounds, number, s, hyphenated)[0]]
            head_groups = [[ln for r in head_rows for ln in r]]
        if corner is not None:
            header[0][0] = corner
    # a box with a title over its text (an algorithm, a listing) has no table header; a head over the sub-heads
    # of a header's second level (two columns filled at least) is no title
    if header and sum(bool(c) for c in header[0]) < 2 and not (len(header) >= 2 and sum(map(bool, header[-1])) >= 2):
        if not spanning_title(head_rows, body_rows, bounds, x0, x1, s):
            return None
        header = [[next((c for c in header[0] if c), ""), *[""] * len(bounds)]]  # spanning all: its text in the first
    rules = [r[1] for r in run[1 if head_bottom is not None else 0:]]
    groups = wrapped(body_rows, rules)
    keyed = None
    body_hyphenated: list[str] = []
    if len(groups) == len(body_rows) or max(len(baseline_rows(g)) for g in groups) > s.rule_table_row_lines \
            or ragged_bands(body_rows, bounds, rules, s):
        # the pitch tells no row from a wrapped line
        keyed = keyed_rows(body_rows, bounds, rules, size, number, s, body_hyphenated)
    if keyed is not None:
        rows = header + [cells for cells, _ in keyed]
        boxes = [row_boxes([ln.top for ln in g], [ln.bottom for ln in g], xs) for g in head_groups[:len(header)]]
        boxes += [row_boxes([c.top for c in ink], [c.bottom for c in ink], xs) for _, ink in keyed]
        groups = [[ln for ln in body if any(CHAR_KEY(c) in keys for c in ln.chars)]
                  for keys in ({CHAR_KEY(c) for c in ink} for _, ink in keyed)]  # (`c in ink`, by a set)
    else:
        body_hyphenated = []  # (keyed_rows found no rows)
        rows = header + [cells_of(g, bounds, number, s, body_hyphenated)[0] for g in groups]
        boxes = [row_boxes([ln.top for ln in g], [ln.bottom for ln in g], xs)
                 for g in head_groups[:len(header)] + groups]
    filled = sum(bool(c) for r in rows for c in r)
    ncols = len(bounds) + 1
    if len(rows) < 2 or filled * 2 < len(rows) * ncols:
        return None
    math = sum(ln.math >= s.formula_math_share for ln in lines)
    if math * 2 > len(lines):
        return None
    if code_listing([[c for c in r if c] for r in rows if any(r)]):
        return None  # a listing framed by rules (`$ make doc   # 生成说明文档` line by line): read as text
    edges = [x0, *bounds, x1]
    item = TableItem(rows, number, x0, x1, top, bottom, edges, size, ruled=False, header_rows=len(header),
                     evidence="rules", cell_boxes=boxes, hyphenated=hyphenated + body_hyphenated)
    item.max_row_lines = max(len(baseline_rows(g)) for g in groups)
    if keyed is None:
        item.row_lines = head_groups[:len(header)] + groups
    if head_rows and len(head_rows) > s.rule_table_header_rows:
        item.header_rows = len(head_rows)  # too long for a header: `convincing` refuses it
    return item


def spanning_title(head_rows: list[list[Line]], body_rows: list[list[Line]], bounds: list[float], x0: float,
                   x1: float, s: PdfSettings) -> bool:
    """A header of one line centred over a body of three columns or more, every body row filling two cells at
    least: a head spanning the table's columns (`模板中已经加载的宏包` over five), not a box's title over its
    text (an algorithm's, a listing's: set flush left, over lines of one column)."""
    if len(head_rows) != 1 or len(head_rows[0]) != 1 or len(bounds) < 2 or len(body_rows) < 2:
        return False
    line = head_rows[0][0]
    if abs((line.x0 + line.x1) / 2 - (x0 + x1) / 2) > 0.1 * (x1 - x0):
        return False
    return all(sum(any(not c.is_space for c in cs) for cs in column_chars(r, bounds, s)[0]) >= 2 for r in body_rows)


def ragged_bands(rows: list[list[Line]], bounds: list[float], rules: Sequence[float], s: PdfSettings) -> bool:
    """The table draws a rule between its row groups (two bands at least) and in some band its printed lines
    fill different columns: cells centred on their rows (a merged key beside its items, a wrapped cell
    beside one-line ones) put lines between the rows' lines, which no line pitch tells apart (`keyed_rows`
    reads them by their key column)."""
    inner = list(rules[1:-1])
    if not inner or not rows:
        return False
    bands: dict[int, list[frozenset[int]]] = {}
    for r in rows:
        filled = frozenset(k for k, cs in enumerate(column_chars(r, bounds, s)[0]) if any(not c.is_space for c in cs))
        bands.setdefault(sum(y < r[0].baseline for y in inner), []).append(filled)
    return len(bands) >= 2 and any(len(set(b)) > 1 for b in bands.values())


def keyed_rows(lines: list[list[Line]], bounds: list[float], rules: Sequence[float], size: float, number: int,
               s: PdfSettings, hyphenated: list[str] | None = None) -> list[tuple[list[str], list[Char]]] | None:
    """Body lines into rows by the table's key column, where the line pitch tells no row from a wrapped
    line (a Word table prints both at one pitch) or the close lines would make rows too tall.

    The key column: the leftmost column of short labels (no line of it runs on: no trailing comma or
    open bracket, no sentence punctuation) with half as many lines at least as the fullest such column;
    each of its lines opens a row. In another column a line continues the cell above it (the line
    just before, in the same band between rules) when that one runs on (a trailing comma, an open
    bracket), or fills the column's width (the widest line of the column less `keyed_fill` em; not a
    number: numbers are not wrapped) and the line is not beside a key line (unless the cell began
    between key lines: a cell centred on its rows; or the column's cells are sentences, every line
    short of its width ending in `。`, and the full line ends none), unless the cell's last line is
    full too and ends no sentence (a wrapped cell's last line is short: these are lines of their own).
    In a table with rules between groups of rows, the
    only cell of its column in a band of several rows is a merged cell: the band's first row. Any other
    cell goes to the key line beside its first line, else to the key line nearest its middle in its
    band (a cell centred on its row). A cell whose row already holds one in its column makes its line a
    row of its own (a row with no key), and the lines are read again with that row: nothing on that line
    continues a cell above it. None when every line has a key cell (nothing to decide) or there is no
    key column.
    (row's cells, row's chars) in order; words rejoined at a cell's line end go to `hyphenated`."""
    grid = [column_chars(r, bounds, s)[0] for r in lines]
    texts = [[cell_text(cs, number, s) if cs else "" for cs in r] for r in grid]
    ncols = len(bounds) + 1

    def runs_on(text: str) -> bool:
        return text.endswith((",", "，", "、", "(", "（", "[")) or text.count("[") > text.count("]") or \
            text.count("(") > text.count(")") or text.count("（") > text.count("）")

    labels = [k for k in range(ncols) if any(r[k] for r in texts)
              and not any(runs_on(r[k]) or re.search(r"[，。；！？]", r[k]) for r in texts)]
    if not labels:
        return None
    most = max(sum(bool(r[k]) for r in texts) for k in labels)
    key = next(k for k in labels if sum(bool(r[k]) for r in texts) * 2 >= most)
    anchors = [i for i, r in enumerate(texts) if r[key]]
    if len(anchors) == len(texts) or len(anchors) < 2:
        return None
    baselines = [r[0].baseline for r in lines]

    def band(i: int) -> int:
        return sum(y < baselines[i] for y in rules)

    def width(i: int, k: int) -> float:
        ink = [c for c in grid[i][k] if not c.is_space]
        return max(c.x1 for c in ink) - min(c.x0 for c in ink) if ink else 0.0

    widest = [max((width(i, k) for i in range(len(texts))), default=0.0) for k in range(ncols)]

    def full(i: int, k: int) -> bool:
        return width(i, k) >= widest[k] - s.keyed_fill * size and not NUMERIC.fullmatch(texts[i][k])

    # a column of sentences: every line short of the column's width (a cell's last) ends one (`。`)
    sentences = {k for k in range(ncols) if any(r[k].endswith(ENDS) for r in texts) and all(
        texts[i][k].endswith(ENDS) for i in range(len(texts))
        if texts[i][k] and not full(i, k) and any(ch.isalnum() for ch in texts[i][k]))}
    keyed = set(anchors)

    def assign(anchors: list[int]) -> tuple[dict[float, dict[int, list[int]]], list[int]]:
        """Cells into rows at these anchors: (row position -> column -> line indexes, lines opening a
        cell whose row's slot was taken)."""
        cells: list[tuple[int, list[int]]] = []  # (column, line indexes)
        for k in range(ncols):
            if k == key:
                continue
            for i in (i for i in range(len(texts)) if texts[i][k]):
                last = cells[-1][1][-1] if cells and cells[-1][0] == k else None
                if last is not None and band(last) == band(i) and baselines[i] - baselines[last] <= 2.5 * size and (
                        runs_on(texts[last][k]) or (full(last, k) and (
                            i not in anchors or cells[-1][1][0] not in anchors
                            or (k in sentences and not texts[last][k].endswith(ENDS))))):
                    cells[-1][1].append(i)
                else:
                    cells.append((k, [i]))
        cells = [part for cell in cells for part in unjoined(*cell)]
        banded = len({band(i) for i in range(len(texts))}) >= 2  # rules between groups of rows
        per_band: Counter = Counter((k, band(ix[0])) for k, ix in cells)
        slots: dict[float, dict[int, list[int]]] = {i: {key: [i]} if i in keyed else {} for i in anchors}
        taken: list[int] = []
        for k, ix in sorted(cells, key=lambda c: (c[1][0] not in anchors, c[1][0])):  # cells beside a row's line first
            near = [a for a in anchors if band(a) == band(ix[0])]
            if not near:
                target: float = ix[0]
            elif per_band[(k, band(ix[0]))] == 1 and len(near) >= 2 and banded:
                target = near[0]
            elif ix[0] in anchors:
                target = ix[0]
            else:
                target = first_of_span(ix, [c for c in cells if c[0] == k and band(c[1][0]) == band(ix[0])],
                                       near, baselines)
            if k in slots.get(target, {}):
                taken.append(ix[0])
                target = ix[0] + 0.5  # after the row it would share a cell with
            slots.setdefault(target, {})[k] = ix
        return slots, taken

    def unjoined(k: int, ix: list[int]) -> list[tuple[int, list[int]]]:
        """A cell whose last line is as full as the others and ends no sentence was not wrapped (a wrapped
        cell's last line is short): its lines are cells of their own, but where a line runs on."""
        last = ix[-1]
        if len(ix) == 1 or not full(last, k) or texts[last][k].endswith(ENDS):
            return [(k, ix)]
        parts = [(k, [ix[0]])]
        for a, b in zip(ix, ix[1:]):
            if runs_on(texts[a][k]):
                parts[-1][1].append(b)
            else:
                parts.append((k, [b]))
        return parts

    for _ in range(len(texts)):  # a line whose cell found its row taken is a row: read again with it
        slots, taken = assign(anchors)
        if not taken:
            break
        anchors = sorted(set(anchors) | set(taken))
    out = []
    for position in sorted(slots):
        row = slots[position]
        ink = [c for k, ix in row.items() for i in ix for c in grid[i][k]]
        out.append(([cell_text([c for i in row[k] for c in grid[i][k]], number, s, hyphenated) if k in row else ""
                     for k in range(ncols)], ink))
    return out


def first_of_span(ix: list[int], column: list[tuple[int, list[int]]], near: list[int], baselines: list[float]) -> int:
    """The row a cell centred beside rows (not beside a row's line) is read in: the first of the rows it spans,
    those nearer its middle than the middle of any other cell of its column in the band (a merged cell, as Word
    stores it: text in its top row); else the row nearest its middle."""
    def middle(lines: list[int]) -> float:
        return (baselines[lines[0]] + baselines[lines[-1]]) / 2

    mine = middle(ix)
    others = [middle(other) for _, other in column if other != ix]
    span = [a for a in near if all(abs(baselines[a] - mine) <= abs(baselines[a] - m) for m in others)]
    return span[0] if span else min(near, key=lambda a: (abs(baselines[a] - mine), a))


def diagonal_corner(head_rows: list[list[Line]], split: list[tuple[list[str], bool]], edges: list[float],
                    band: tuple[float, float | None], slanted: Sequence[tuple[float, float, float, float]]
                    ) -> tuple[list[list[Line]], list[tuple[list[str], bool]], str | None]:
    """A corner cell split by a diagonal rule (LaTeX `\\diagbox{时间步长}{存储方式}`: a slash from the header
    band's top-left corner down to the header rule, ending before the second column's far edge): its two
    words, the lower-left naming the rows (the first column) and the upper-right naming the columns, are
    one header cell, `时间步长 / 存储方式` (lower-left first, as `\\diagbox` takes them). The words are taken
    out of the header lines (a line left empty goes with the first), the rest read as any header; the
    corner text goes to the first header row's first cell."""
    top, bottom = band
    rows, cells = [list(r) for r in head_rows], [list(c) for c, _ in split]
    spans = [sp for _, sp in split]
    if bottom is None or len(edges) < 3 or not any(
            abs(x0 - edges[0]) <= 3 and x1 <= edges[2] and x1 - x0 >= 10 and abs(y0 - top) <= 3
            and abs(y1 - bottom) <= 3 for x0, y0, x1, y1 in slanted):
        return head_rows, split, None
    words = [i for i, c in enumerate(cells) if c[0]]
    if len(words) != 2:
        return head_rows, split, None
    upper, lower = (cells[i][0] for i in words)
    for i in words:
        cells[i][0] = ""
    for i in range(len(rows) - 1, -1, -1):
        if not any(cells[i]) and len(rows) > 1:
            keep = 0 if i else 1
            rows[keep] += rows[i]
            del rows[i], cells[i], spans[i]
    return rows, list(zip(cells, spans)), f"{lower} / {upper}"


def spanning_head_cells(head_rows: list[list[Line]], split: list[tuple[list[str], bool]], edges: list[float],
                        partial: Sequence[tuple[float, float, float]], size: float, s: PdfSettings
                        ) -> tuple[list[list[Line]], list[tuple[list[str], bool]]]:
    """Header lines as a header on two levels with merged cells prints them (LaTeX `\\multicolumn` with a
    `\\cmidrule`, `\\multirow`), merged cells given in their top-left cell:
    - a head over a partial rule of the header band (shorter than the table: a `\\cmidrule`) spans the
      columns under the rule (those whose middle it covers, two or more): when it is the only text of its
      header line over them, its text goes to the first of them;
    - without such a rule, a head centred (within half an em) over the sub-heads of the next header line in
      the columns it has to itself (no other head of its line over them, two or more), and not aligned with
      the sub-head of its own column (left, right or centre, within a quarter em: a wrapped head is), spans
      them likewise;
    - a header line between the first and the last header lines whose columns hold nothing in any other
      header line is a cell centred on the header's rows (a corner cell naming the rows, `时间步长`, beside
      a two-level head): it is read in the first header row, with its line."""
    rows = [list(r) for r in head_rows]
    cells = [list(c) for c, _ in split]
    spans = [sp for _, sp in split]
    for x0, y, x1 in partial:
        under = [k for k in range(len(edges) - 1) if x0 - 1 <= (edges[k] + edges[k + 1]) / 2 <= x1 + 1]
        above = [i for i, r in enumerate(rows) if max(ln.baseline for ln in r) < y and any(cells[i][k] for k in under)]
        if len(under) < 2 or not above:
            continue
        row = cells[above[-1]]
        filled = [k for k in under if row[k]]
        if len(filled) == 1 and filled[0] != under[0] and not row[under[0]]:
            row[under[0]], row[filled[0]] = row[filled[0]], ""
    for i in range(len(rows) - 2, 0, -1):
        own = [k for k, c in enumerate(cells[i]) if c]
        if own and not any(cells[j][k] for j in range(len(rows)) if j != i for k in own):
            cells[0] = [c or cells[i][k] for k, c in enumerate(cells[0])]
            rows[0] += rows[i]
            spans[0] = spans[0] or spans[i]
            del rows[i], cells[i], spans[i]
    bounds = edges[1:-1]
    for i in range(len(rows) - 1):
        upper, lower = ([[c for c in column if not c.is_space] for column in column_chars(r, bounds, s)[0]]
                        for r in (rows[i], rows[i + 1]))
        for k in [k for k, c in enumerate(cells[i]) if c]:
            a = b = k
            while a > 0 and not cells[i][a - 1]:
                a -= 1
            while b + 1 < len(cells[i]) and not cells[i][b + 1]:
                b += 1
            if not upper[k]:
                continue
            left, right = min(c.x0 for c in upper[k]), max(c.x1 for c in upper[k])
            sub = (min(c.x0 for c in lower[k]), max(c.x1 for c in lower[k])) if lower[k] else None
            if sub is not None and min(abs(left - sub[0]), abs(right - sub[1]),
                                       abs(left + right - sub[0] - sub[1]) / 2) <= 0.25 * size:
                continue  # aligned with its own column's sub-head: a wrapped head
            spans_over = [(p, q) for p in range(a, k + 1) for q in range(b, k - 1, -1) if q > p and p < k
                          and all(cells[i + 1][j] and lower[j] for j in range(p, q + 1))
                          and abs((left + right) - min(c.x0 for c in lower[p]) - max(c.x1 for c in lower[q]))
                          <= size]  # the head's middle within half an em of the sub-heads' middle
            if spans_over:
                first = spans_over[0][0]
                cells[i][first], cells[i][k] = cells[i][k], ""
    return rows, list(zip(cells, spans))


def two_level(split: list[tuple[list[str], bool]]) -> bool:
    """Header lines that are two levels, not one header wrapped: a later line fills a column the first
    line leaves empty, right of a filled one (the sub-heads under a head spanning both columns)."""
    first = split[0][0]
    return any(cell and not first[k] and k and first[k - 1]
               for cells, _ in split[1:] for k, cell in enumerate(cells))


def baseline_rows(lines: list[Line]) -> list[list[Line]]:
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: ln.baseline):
        if rows and ln.baseline - rows[-1][0].baseline <= 0.5 * ln.size:
            rows[-1].append(ln)
        else:
            rows.append([ln])
    return rows


def column_bounds(rows: list[list[Line]], width: float, size: float, s: PdfSettings) -> list[float]:
    """x of each boundary between columns: middles of the ranges no body row prints in."""
    spans = []
    for r in rows:
        if len(r) == 1 and r[0].x1 - r[0].x0 >= 0.5 * width and len(rows) > 2:
            continue  # a row spanning the table (a group title)
        spans += [(c.x0, c.x1) for ln in r for c in ln.chars if not c.is_space]
    if not spans:
        return []
    spans.sort()
    bounds, reach = [], spans[0][1]
    for a, b in spans[1:]:
        if a - reach >= s.rule_table_gap * size:
            bounds.append((a + reach) / 2)
        reach = max(reach, b)
    return bounds


def cells_of(lines: list[Line], bounds: list[float], number: int, s: PdfSettings,
             hyphenated: list[str] | None = None) -> tuple[list[str], bool]:
    """Text per column of a row's lines; True when a fragment spans a boundary (its text goes to
    the column it starts in). A fragment across a boundary with a white gap of `rule_table_gap` em
    inside it, past the boundary, is two cells cut there (a long cell pushing its neighbour over).
    Words rejoined at a cell's line end go to `hyphenated` (see `cell_text`)."""
    columns, spans = column_chars(lines, bounds, s)
    return [cell_text(cs, lines[0].page, s, hyphenated) if cs else "" for cs in columns], spans


def column_chars(lines: list[Line], bounds: list[float], s: PdfSettings) -> tuple[list[list[Char]], bool]:
    """The chars of a row's lines per column (see `cells_of`)."""
    columns: list[list[Char]] = [[] for _ in range(len(bounds) + 1)]
    spans = False
    ordered = all(a <= b for a, b in zip(bounds, bounds[1:]))  # (then a boundary is found by bisection)

    def free(x0: float, x1: float) -> bool:  # a boundary from x0 to x1
        if ordered:
            k = bisect_left(bounds, x0)
            return k < len(bounds) and bounds[k] <= x1
        return any(x0 <= b <= x1 for b in bounds)

    def column(x: float) -> int:  # the boundaries left of x
        return bisect_left(bounds, x) if ordered else sum(x > b for b in bounds)

    for ln in lines:
        ink = sorted((c for c in ln.chars if not c.is_space), key=lambda c: c.x0)
        blanks = [c for c in ln.chars if c.is_space]
        pieces: list[list[Char]] = []
        for c in ink:  # the fragment cut where it leaves a boundary free
            if pieces and not free(pieces[-1][-1].x1, c.x0):
                pieces[-1].append(c)
            else:
                pieces.append([c])
        pieces = [part for piece in pieces for part in cut_at_gap(piece, bounds, ln.size * s.rule_table_gap)]
        for piece in pieces:
            start = column((piece[0].x0 + piece[0].x1) / 2)
            end = column((piece[-1].x0 + piece[-1].x1) / 2)
            spans = spans or end > start
            spaces = [c for c in blanks if piece[0].x0 <= c.x0 <= piece[-1].x1]
            columns[start] += piece + spaces
    return columns, spans


def cut_at_gap(piece: list[Char], bounds: list[float], gap: float) -> list[list[Char]]:
    crossed = [b for b in bounds if piece[0].x1 < b < piece[-1].x0]
    if not crossed:
        return [piece]
    cuts = [k for k in range(1, len(piece)) if piece[k].x0 - piece[k - 1].x1 >= gap and piece[k].x0 > crossed[0]]
    if not cuts:
        return [piece]
    k = cuts[0]
    return [piece[:k], *cut_at_gap(piece[k:], bounds, gap)]


def wrapped(rows: list[list[Line]], rules: Sequence[float] = ()) -> list[list[Line]]:
    """Body lines grouped into table rows: where some lines are further apart than others,
    the close ones are wrapped lines of one row (never across a rule). Two rows are as far apart as their
    lines one above the other (a column's lines: Han set on a lower baseline than Latin in one row would
    make the pitch from a Latin key to a Han line under it look short)."""
    if len(rows) < 3:
        return [list(r) for r in rows]
    pitches = [pitch(a, b) for a, b in zip(rows, rows[1:])]
    normal = min(pitches)
    if max(pitches) <= normal * 1.3:
        return [list(r) for r in rows]
    out = [list(rows[0])]
    for a, p, r in zip(rows, pitches, rows[1:]):
        if p <= normal * 1.15 and not any(a[0].baseline < y < r[0].baseline for y in rules):
            out[-1] += r
        else:
            out.append(list(r))
    return out


def pitch(upper: list[Line], lower: list[Line]) -> float:
    """Baseline distance of two rows of lines: the least between a line and one under it sharing some of
    its width, else between the rows' first lines."""
    pairs = [b.baseline - a.baseline for a in upper for b in lower if a.x0 < b.x1 and b.x0 < a.x1]
    return min(pairs) if pairs else lower[0].baseline - upper[0].baseline
