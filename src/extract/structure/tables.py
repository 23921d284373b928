"""Table rows as printed -> cells with header, merged cells carried down."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Cell:
    row_no: int  # 0 = header
    col_no: int  # from 1
    value: str  # as printed (after fill-down)
    filled_down: bool


def fill_merged_cells(rows: list[list[str]], header_rows: int = 1) -> list[list[tuple[str, bool]]]:
    """Carry the value above into empty leading cells of a data row (a merged cell printed once).

    Only the empty cells before the row's first non-empty cell are filled, and only
    in data rows (the header rows are left as printed, and never copied into the first data row).
    """
    out: list[list[tuple[str, bool]]] = []
    previous: list[str] | None = None
    for index, row in enumerate(rows):
        filled = [(value, False) for value in row]
        if index >= max(header_rows, 1) and previous is not None and any(v.strip() for v in row):
            for col, value in enumerate(row):
                if value.strip():
                    break
                if col < len(previous) and previous[col].strip():
                    filled[col] = (previous[col], True)
        out.append(filled)
        if index >= max(header_rows, 1):
            previous = [value for value, _ in filled]
    return out


def table_cells(rows: list[list[str]], header_rows: int = 1) -> list[Cell]:
    """All cells of a table, header rows included, in row-major order."""
    cells = []
    for row_no, row in enumerate(fill_merged_cells(rows, header_rows)):
        for col_no, (value, filled) in enumerate(row, start=1):
            cells.append(Cell(row_no, col_no, value, filled))
    return cells



def pair_tables(records: list) -> list:
    """Table records of one part in reading order (captions, bodies and orphan notes read apart) ->
    one record per printed table.

    - a Chinese caption and the same caption in English next to it (`表2 …` / `Table 2 …`, in
      either order, the English number not trusted) are one caption (`caption_en_source`);
    - a body takes the caption just above it or just below it (same or next page), whichever way
      the document prints its captions: above unless more bodies have a caption right after than
      right before them; where the usual side has none, the other side's adjacent caption;
    - what pairs with nothing stays alone (a caption without a body is flagged downstream)."""
    from .captions import is_english_caption

    body_order = {id(r): r.order for r in records if r.rows is not None}  # before captions lend theirs
    merged: list = []
    ends: dict[int, int] = {}  # a bilingual caption: reading-order index of its last line
    for rec in records:
        prev = merged[-1] if merged else None
        if (prev is not None and is_caption_only(prev) and is_caption_only(rec) and not prev.caption_en_source
                and rec.order - prev.order <= 2 and rec.page == prev.page
                and is_english_caption(prev.caption_source) != is_english_caption(rec.caption_source)):
            zh, en = (rec, prev) if is_english_caption(prev.caption_source) else (prev, rec)
            zh.caption_en_source, zh.notes, zh.order = en.caption_source, prev.notes + rec.notes, prev.order
            ends[id(zh)] = rec.order
            merged[-1] = zh
            continue
        merged.append(rec)

    def adjacent(a, b) -> bool:  # a caption and a body with nothing but notes between them
        return 0 < b.order - ends.get(id(a), a.order) <= 1 + len(a.notes) and (b.page or 0) - (a.page or 0) in (0, 1)

    above = below = 0
    for k, rec in enumerate(merged):
        if rec.rows is None:
            continue
        above += k > 0 and is_caption_only(merged[k - 1]) and adjacent(merged[k - 1], rec)
        below += k + 1 < len(merged) and is_caption_only(merged[k + 1]) and adjacent(rec, merged[k + 1])
    caption_below = below > above
    taken: set[int] = set()
    out: list = []
    for k, rec in enumerate(merged):
        if k in taken:
            continue
        if rec.rows is None or rec.caption_source is not None:
            out.append(rec)
            continue
        before = k - 1 if k > 0 and is_caption_only(merged[k - 1]) and k - 1 not in taken else None
        after = k + 1 if k + 1 < len(merged) and is_caption_only(merged[k + 1]) and (
            (merged[k + 1].page or 0) - (rec.page or 0) in (0, 1)) else None
        pick = pick_caption(merged, rec, before, after, caption_below, adjacent)
        if pick is None:
            out.append(rec)
            continue
        caption = merged[pick]
        taken.add(pick)
        if pick == before:
            out.remove(caption)
        rec.label, rec.caption_source, rec.caption_en_source = caption.label, caption.caption_source, \
            caption.caption_en_source
        rec.notes = caption.notes + rec.notes if pick == before else rec.notes + caption.notes
        rec.order = min(rec.order, caption.order)
        out.append(rec)
    return join_continuations(out, body_order)


def pick_caption(merged: list, rec, before: int | None, after: int | None, caption_below: bool, adjacent) -> int | None:
    """The caption a body takes: the one right against it on the side the paper prints its captions, else the
    one right against it on the other side; only when neither is right against it, the usual side's caption
    on the same or the previous/next page (a heading may stand between them; never a caption pages away)."""
    near_before = before is not None and adjacent(merged[before], rec)
    near_after = after is not None and adjacent(rec, merged[after])
    usual, usual_near, other, other_near = ((after, near_after, before, near_before) if caption_below
                                            else (before, near_before, after, near_after))
    if usual_near:
        return usual
    if other_near:
        return other
    if usual is None:
        return None
    caption = merged[usual]
    pages = ((caption.page or 0) - (rec.page or 0)) if caption_below else ((rec.page or 0) - (caption.page or 0))
    return usual if pages in (0, 1) else None


def join_continuations(records: list, body_order: dict[int, int]) -> list:
    """A table continued on a later page or column is one table: a body whose caption says so (`续表2`,
    `表2（续）`, `Table 2 (continued)`) joins the earlier table of its label, and a body without a caption
    whose first row repeats the header of the table just before it (the next block but for its notes,
    on the next page, as many columns) joins that table; the repeated header row is dropped, the
    part's page recorded (a `table_continued` flag). A note alone (`注：下表为…`, no caption, no body) just
    above a body without caption is that table's note."""
    from .captions import is_continued_caption

    out: list = []
    for rec in records:
        prev = out[-1] if out else None
        if (prev is not None and prev.rows is None and prev.caption_source is None and prev.label is None
                and rec.rows and rec.caption_source is None and prev.page == rec.page
                and 0 < body_order.get(id(rec), 0) - prev.order <= len(prev.notes)):
            rec.notes, rec.order = prev.notes + rec.notes, prev.order  # a note printed above its table
            out[-1] = rec
            continue
        target = None
        if rec.rows and is_continued_caption(rec.caption_source):
            target = next((t for t in reversed(out) if t.rows and t.label == rec.label
                           and not is_continued_caption(t.caption_source)), None)
        elif rec.rows and rec.caption_source is None:
            last = next((t for t in reversed(out) if t.rows), None)
            if (last is not None and len(rec.rows[0]) == len(last.rows[0]) and rec.rows[0] == last.rows[0]
                    and sum(bool(c and c.strip()) for c in rec.rows[0]) >= 2
                    and (rec.page or 0) - (last.page or 0) == 1
                    and 0 < body_order.get(id(rec), 0) - body_order.get(id(last), 0) <= 1 + len(last.notes)):
                target = last
        if target is None:
            out.append(rec)
            continue
        rows = rec.rows[1:] if rec.rows[0] == target.rows[0] else rec.rows
        target.rows = target.rows + [list(r) for r in rows]
        target.notes = target.notes + rec.notes
        target.joined.append(rec.page)
        dropped = [rec.caption_source or "", *(c or "" for c in (rec.rows[0] if len(rows) < len(rec.rows) else ()))]
        target.joined_dropped.append(" ".join(t for t in dropped if t.strip()) or None)
    return out


def is_caption_only(record) -> bool:
    return record.caption_source is not None and record.rows is None
