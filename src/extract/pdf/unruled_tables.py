"""Unruled tables: runs of lines whose fragments share column gaps -> table items."""

from __future__ import annotations

from collections import Counter, defaultdict

from .joining import join_lines
from .lines import Line
from .settings import PdfSettings
from .tables import TableItem


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
    tables: list[TableItem] = []
    used: set[int] = set()
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
            free = [piece for f0, f1 in free for piece in ((f0, min(f1, ln.x0)), (max(f0, ln.x1), f1))
                    if piece[1] > piece[0]]
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
