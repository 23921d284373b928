"""Lines and tables in reading order -> blocks: paragraphs (indent, gap, font, line end), split tables joined."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from ..model import Block, Change
from ..schema.flags import HYPHENATION_JOINED, PAGE_BREAK_JOINED, TABLE_CONTINUED
from ..text import CAPTION_START, LIST_LABEL
from .joining import join_lines
from .lines import Line
from .ruled_tables import MONOSPACE
from .settings import PdfSettings
from .tables import PlainText, TableItem, continues_table

# a Chinese item's label (`一、`, `（二）`), as Word notices and regulations number their items
HAN_LIST_LABEL = re.compile(r"\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（][一二三四五六七八九十]{1,3}[)）])\s*")


def _cell_boxes(item: TableItem, offset: int, skip: int = 0) -> list[tuple[int, int, int, tuple]]:
    """The boxes of a table part's cells as (row index in the block's rows, column, page, box); the first
    `skip` rows (a repeated header) are not the block's."""
    return [(offset + r, c, item.page, box) for r, row in enumerate(item.cell_boxes or []) if r >= skip
            for c, box in enumerate(row) if box is not None]


_MONOSPACE_FONT: dict[str, bool] = {}  # font name -> a monospace face


def is_monospace(line: Line) -> bool:
    """Most of the line's glyphs (spaces aside) are in a monospace font."""
    known = _MONOSPACE_FONT
    faces = {c.font for c in line.chars}
    for font in faces.difference(known):
        known[font] = MONOSPACE.search(font) is not None
    if not any([known[font] for font in faces]):  # no glyph in a monospace font (most lines)
        return False
    fonts = [c.font for c in line.chars if not c.text.isspace()]
    return sum([known[font] for font in fonts]) * 2 > len(fonts)


def usual_pitch(lines: list[Line], fonts: dict[int, Collection[str] | None] | None = None) -> dict:
    """Baseline distance between consecutive lines of one region, per font size (the tightest
    one that recurs: lines of one paragraph, not the space between paragraphs), and overall as a
    multiple of the font size. Lines set in a monospace font (a code listing, spaced its own way) do not
    count. `fonts`: page number -> the fonts of its glyphs, where known (a page without a monospace font: no line
    of it is set in one, its lines' glyphs not looked at)."""
    per_size: dict = defaultdict(list)
    ratios = []
    clear = {page for page, names in (fonts or {}).items()
             if names is not None and not any([MONOSPACE.search(font) for font in names])}
    code = [ln.page not in clear and is_monospace(ln) for ln in lines]
    for k, (a, b) in enumerate(zip(lines, lines[1:])):
        if a.region != b.region or abs(a.size - b.size) > 0.3 or code[k] or code[k + 1]:
            continue
        pitch = b.baseline - a.baseline
        if a.size <= pitch <= 3 * a.size:
            per_size[a.size].append(round(pitch * 2) / 2)
            ratios.append(round(pitch / a.size, 2))
    ratio = Counter(ratios).most_common(1)[0][0] if len(ratios) >= 3 else 1.2
    out = {"ratio": ratio}
    for size, pitches in per_size.items():
        counts = Counter(pitches)
        repeated = [p for p, n in counts.items() if n >= 2]
        # a size's tightest recurring pitch (double-spaced text has its own), else capped by the usual ratio
        out[size] = min(repeated) if repeated else min(counts.most_common(1)[0][0], ratio * size)
    return out


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
    if CAPTION_START.match(line.text) and (centered(line) or centered(prev)):  # a caption's second language
        return True, False
    if centered_continuation(prev, line):
        return False, False
    if line.x0 - line.left >= s.indent_threshold * em and not hanging(prev, line):
        return True, False
    if prev.right - prev.x1 > line.first_unit + s.short_line_slack * em:
        return True, False
    return False, False


def hanging(prev: Line, line: Line) -> bool:
    """`line` continues a list item with a hanging indent: it starts where the item's text after
    its label (`1.`, `(2)`, `•`) starts on the item's first line `prev`, or where `prev`, itself
    such a continuation, starts. Sets `line.hangs`."""
    if line.page != prev.page:
        return False
    if prev.hangs:
        line.hangs = abs(line.x0 - prev.x0) <= 0.5 * line.size
        return line.hangs
    label = LIST_LABEL.match(prev.text) or HAN_LIST_LABEL.match(prev.text)
    if not label:
        return False
    ink = [c for c in prev.chars if not c.is_space]
    k = len(label.group().replace(" ", ""))
    line.hangs = k < len(ink) and abs(line.x0 - ink[k].x0) <= 0.5 * line.size
    return line.hangs


def below(prev: Line, line: Line) -> bool:
    """`line` is under `prev` on the same page, sharing some of its width: their vertical
    distance is meaningful (not so across a column or page break)."""
    return line.page == prev.page and line.baseline > prev.baseline and line.x0 < prev.x1 and prev.x0 < line.x1


def centered(ln: Line) -> bool:
    """Clear of both column edges by more than an em, by about the same on each side."""
    return ln.x0 - ln.left > ln.size and abs((ln.x0 - ln.left) - (ln.right - ln.x1)) < ln.size


def centered_continuation(prev: Line, line: Line) -> bool:
    """Two lines of a wrapped centered title: both centered in the column, no gap."""
    return (prev.region == line.region and centered(prev) and centered(line)
            and line.baseline - prev.baseline < 2 * line.size)


def build_blocks(items: list, pitch: dict, s: PdfSettings) -> list[Block]:
    blocks: list[Block] = []
    cur: Building | None = None
    prev: Line | None = None

    def flush() -> None:
        nonlocal cur
        if cur is None:
            return
        sizes: Counter[float] = Counter()
        lengths = [len(ln.text) for ln in cur.lines]
        for ln, length in zip(cur.lines, lengths):
            sizes[ln.size] += length
        bold = sum([length for ln, length in zip(cur.lines, lengths) if ln.bold]) * 2 > sum(lengths)
        first = cur.lines[0]
        on_first_page = [ln for ln in cur.lines if ln.page == first.page]
        blocks.append(Block(text=cur.text.strip(), page_start=first.page, page_end=cur.lines[-1].page,
                            font_size=sizes.most_common(1)[0][0], bold=bold, gap_before=cur.gap_before,
                            bbox=(min([ln.x0 for ln in on_first_page]), min([ln.top for ln in on_first_page]),
                                  max([ln.x1 for ln in on_first_page]), max([ln.bottom for ln in on_first_page])),
                            n_lines=len(cur.lines), centered=all(centered(ln) for ln in cur.lines),
                            indented=first.x0 - first.left >= s.indent_threshold * first.size,
                            page_width=first.page_width, changes=cur.changes))
        cur = None

    def hyphen_joined(word: str, page: int) -> Change:
        return HYPHENATION_JOINED.change(detail="a word hyphenated at a line end in a table cell", original=word,
                                         replacement=word.replace("-", ""), page=page)

    def cell_hyphens(it: TableItem) -> list[Change]:
        return [hyphen_joined(word, it.page) for word in it.hyphenated]

    table_geometry: dict[int, TableItem] = {}  # id(table block) -> its last part, for a continuation
    for it in items:
        if isinstance(it, PlainText):
            flush()
            prev = None
            blocks += [Block(text=text, page_start=it.page, page_end=it.page) for text in it.lines]
            continue
        if isinstance(it, TableItem):
            flush()
            prev = None
            last = blocks[-1] if blocks else None
            if (last is not None and last.kind == "table" and last.rows is not None
                    and continues_table(table_geometry[id(last)], it, s)):
                rows = it.rows[1:] if it.rows and it.rows[0] == last.rows[0] else it.rows
                skip = len(it.rows) - len(rows)
                broken = it.continues_row and bool(rows)  # its first row the rest of the last row: one row
                last.cell_boxes += _cell_boxes(it, len(last.rows) - skip - broken, skip)
                last.changes += cell_hyphens(it)
                if broken:
                    joined = [join_lines(a, False, b, False) if a and b else (a or b, None)
                              for a, b in zip(last.rows[-1], rows[0])]
                    last.rows[-1] = [text for text, _ in joined]
                    last.changes += [hyphen_joined(word, it.page) for _, word in joined if word]
                    rows = rows[1:]
                last.rows.extend([list(r) for r in rows])
                where = f"page {last.page_end} to page {it.page}" if it.page != last.page_end else \
                    f"one column to the next on page {it.page}"
                last.changes.append(TABLE_CONTINUED.change(
                                           detail=f"table continues from {where} ({len(rows)} more rows"
                                                  f"{', its last row broken across' if broken else ''})"))
                last.page_end = it.page
                table_geometry[id(last)] = it
            else:
                block = Block(text="", kind="table", rows=[list(r) for r in it.rows], page_start=it.page,
                              page_end=it.page, font_size=it.size, bbox=(it.x0, it.top, it.x1, it.bottom),
                               cell_boxes=_cell_boxes(it, 0), header_rows=max(it.header_rows, 1),
                               table_evidence=it.evidence, changes=cell_hyphens(it))
                table_geometry[id(block)] = it
                blocks.append(block)
            continue
        line: Line = it
        new, wide = starts_block(prev, line, pitch, s) if cur is not None and prev is not None else (True, False)
        if new or cur is None or prev is None:
            flush()
            cur = Building([line], line.text, wide, [])
        else:
            offset = len(cur.text)
            cur.text, hyphenated = join_lines(cur.text, prev.ends_with_space, line.text, line.starts_with_space)
            if hyphenated:
                cur.changes.append(HYPHENATION_JOINED.change(detail="a word hyphenated at a line end",
                                          original=hyphenated, replacement=hyphenated.replace("-", ""),
                                          offset=offset - len(hyphenated.split("-")[0]) - 1))
            if line.page != prev.page:
                cur.changes.append(PAGE_BREAK_JOINED.change(
                                          detail=f"paragraph continues from page {prev.page} to page {line.page}",
                                          offset=offset))
            cur.lines.append(line)
        prev = line
    flush()
    return blocks
