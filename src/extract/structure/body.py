"""Body blocks (and, after the reference list, back-matter blocks) -> headings, paragraph pieces,
tables with their captions and notes, and figure captions.

Headings are judged by `typography.headings_in_context` (the number, and for PDF blocks size,
weight, a line of their own and its place: a short numbered line a new paragraph follows), and by
name (`致谢`, `附录`: `back_matter.parse_named_heading`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Block
from .back_matter import is_back_matter_line, parse_named_heading
from .captions import find_mentions, is_table_note, keyed_table_note, parse_caption
from .headings import HEADING_PATTERNS, Heading, level_key, parse_heading
from .paragraphs import Piece
from .settings import DEFAULT_SETTINGS, StructureSettings, relaxed_heading_settings
from .tables import pair_tables
from .typography import body_size, column_edge, headings_in_context

NUMBERED_STYLES = {style for style, _ in HEADING_PATTERNS}


@dataclass
class TableRecord:
    """A table as the body shows it: caption, rows and notes, any of which may be missing."""

    label: str | None
    caption_source: str | None
    rows: list[list[str]] | None = None
    caption_en_source: str | None = None  # the caption printed again in English (`Table 2 ...`)
    notes: list[str] = field(default_factory=list)
    page: int | None = None
    section_no: int | None = None
    order: int = 0  # reading-order index of its caption, or of its body when it has no caption
    header_rows: int = 1  # the first rows that are the header
    evidence: str | None = None  # PDF: how the reader found it (grid, rules, aligned)
    joined: list[int | None] = field(default_factory=list)  # pages of continuation parts joined to it (续表)
    named_by: str | None = None  # the heading right above the body when it names a table (`arccos 数据值表`)
    joined_dropped: list[str | None] = field(default_factory=list)  # per part: its caption and repeated header, dropped


@dataclass
class FigureRecord:
    """A figure's caption: its label and its lines (the same caption in a second language joins it)."""

    label: str
    caption_sources: list[str]
    page: int | None = None
    section_no: int | None = None


@dataclass
class Body:
    headings: list[Heading] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)
    tables: list[TableRecord] = field(default_factory=list)
    figures: list[FigureRecord] = field(default_factory=list)  # figure captions, in reading order
    back_matter: list[tuple[str, int | None]] = field(default_factory=list)  # funding/editor lines left out
    blocks_read: int = 0  # reading-order index of the next block (body and back matter are read in turn)
    size: float | None = None  # PDF: the type size of the body text (`typography.body_size`)

    @property
    def figure_labels(self) -> list[str]:
        return [f.label for f in self.figures]


def read_body(blocks: list[Block], part: str = "body", body: Body | None = None,
              settings: StructureSettings = DEFAULT_SETTINGS) -> Body:
    """Classify body blocks into headings, paragraph pieces, tables (with captions and notes).

    `part`: body, or back for what follows the reference list (read into the same `body`, after it).
    """
    body = body or Body()
    if body.size is None:  # the body text's type size, from the body (PDF): headings are set apart from it
        body.size = body_size(blocks)
    last_table: TableRecord | None = None  # notes attach here while nothing else intervened
    note_block: Block | None = None  # the last table note's block: the lines under it may go on with it
    first = body.blocks_read
    by_page = headings_in_context(blocks, body.size, settings)  # size, weight, number and place on the page
    spaced_pages = gap_spaced_pages(blocks)
    body.blocks_read += len(blocks)
    tails: set[int] = set()  # blocks that are the rest of the caption above them
    naming: str | None = None  # the title of the heading just read, when it names a table (nothing since but notes)
    keyed: tuple[int, str] | None = None  # (id of last_table, key) of the keyed note just read under it
    for index, block in enumerate(blocks):
        order = first + index
        if index in tails:
            continue
        # back matter before its first heading belongs to no section (not to the body's last one)
        in_part = bool(body.headings) and (part != "back" or body.headings[-1].part == "back")
        section_no = len(body.headings) if in_part else None
        if block.kind == "table":
            # captions and bodies are paired once the part is read (tables.pair_tables)
            last_table = TableRecord(label=None, caption_source=None, rows=block.rows, page=block.page_start,
                                     header_rows=block.header_rows, evidence=block.table_evidence,
                                     section_no=section_no, order=order, named_by=naming)
            body.tables.append(last_table)
            naming = None
            continue
        text = block.text.strip()
        if not text:
            continue
        if not is_table_note(text):
            naming = None
        if is_back_matter_line(text, settings):
            body.back_matter.append((text, block.page_start))
            continue
        caption = parse_caption(text, settings, full_stop=beside_table(blocks, index))
        if caption:
            kind, label, _ = caption
            if kind == "table":
                for k in caption_tail(blocks, index):
                    tails.add(k)
                    text = join_caption_line(text, blocks[k].text.strip())
                last_table = TableRecord(label=label, caption_source=text, page=block.page_start,
                                         section_no=section_no, order=order)
                body.tables.append(last_table)
            else:
                last = body.figures[-1] if body.figures else None
                if last is not None and last.label == label and last.page == block.page_start:
                    last.caption_sources.append(text)  # the same caption in a second language
                else:
                    body.figures.append(FigureRecord(label, [text], block.page_start, section_no))
            continue
        key = keyed_note(body, last_table, text, block.page_start, keyed)
        if key is not None or is_table_note(text) or (last_table is not None and (
                is_significance_note(text) or AFTER_TABLE_NOTE.match(text))):
            target = last_table or table_for_orphan_note(body, section_no, order, block.page_start)
            target.notes.append(text)
            last_table, note_block = target, block
            keyed = (id(target), key) if key is not None else None
            continue
        if last_table is not None and last_table.notes and continues_note(note_block, block, body.size):
            last_table.notes[-1] = join_caption_line(last_table.notes[-1], text)
            note_block = block
            continue
        heading = (by_page[index] or parse_named_heading(text)
                   or next_long_heading(text, body.headings, settings))
        if heading:
            heading.part = part
            heading.level = heading.level or fixed_level(heading, body.headings)
            heading.page = block.page_start
            body.headings.append(heading)
            last_table = None
            naming = heading.title.strip() if names_table(heading.title) else None
            continue
        # PDF typography: a first-line indent, or a gap before it, unless the gap is the page's line spacing and
        # the line before it ran to the column's end
        opens = block.font_size is not None and (block.indented or (block.gap_before and not (
            block.page_start in spaced_pages and index and runs_on(blocks[index - 1], block, blocks))))
        body.pieces.append(Piece(text, section_no, block.page_start, block.page_end, order, part, bool(opens)))
        last_table = None
    body.tables = pair_tables(body.tables)
    return body


def keyed_note(body: Body, table: TableRecord | None, text: str, page: int | None,
               keyed: tuple[int, str] | None) -> str | None:
    """The key of a note right under `table` (same page) keyed by a mark in its cells (`captions.keyed_table_note`;
    a caption printed under the body: the body's cells); None otherwise."""
    if table is None or table.page != page:
        return None
    rows = table.rows
    if rows is None and len(body.tables) >= 2 and body.tables[-1] is table and body.tables[-2].page == page:
        rows = body.tables[-2].rows
    previous = keyed[1] if keyed is not None and keyed[0] == id(table) else None
    return keyed_table_note(text, rows, previous)


def names_table(title: str) -> bool:
    """A heading that names a table (`arccos 数据值表`, `参数对照表`): a name ending in 表, not a group's (`附表`)."""
    title = title.strip()
    return title.endswith("表") and title not in ("附表", "续表", "續表", "图表", "圖表", "列表", "表") \
        and not re.search(r"[。，；：:]", title)


def beside_table(blocks: list[Block], index: int) -> bool:
    """The block right above or right below is a table body on the same page (a caption there may end in `。`)."""
    return any(0 <= k < len(blocks) and blocks[k].kind == "table" and blocks[k].page_start == blocks[index].page_start
               for k in (index - 1, index + 1))


def caption_tail(blocks: list[Block], index: int) -> list[int]:
    """The blocks after a table caption that are the rest of it (a long caption set centred over lines
    of its own: `Table 1 The proportion of …` / `Inter-Process Communication (IPC) within the seL4` /
    `microkernel`): each just under the line before it (within a line's height and a half), centred on it,
    no wider, the same type size, no caption itself, and the table's body right after them. Indexes, or []."""
    out: list[int] = []
    above = blocks[index]
    for k in range(index + 1, min(index + 4, len(blocks))):
        block = blocks[k]
        if block.kind == "table":
            return out
        if (block.kind != "text" or block.bbox is None or above.bbox is None or not block.font_size
                or above.font_size is None or abs(block.font_size - above.font_size) > 0.3
                or block.page_start != above.page_start or parse_caption(block.text.strip()) is not None):
            return []
        (x0, top, x1, _), (a0, _, a1, a_bottom) = block.bbox, above.bbox
        size = block.font_size
        if not (0 <= top - a_bottom <= 1.5 * size and x1 - x0 <= a1 - a0 + 1
                and abs((x0 + x1) / 2 - (a0 + a1) / 2) <= size):
            return []
        out.append(k)
        above = block
    return []


SIGNIFICANCE_NOTE = re.compile(r"\s*(?:\*{1,3}|[†‡])\s*(?:[、,，和及与/]|p\s*[<＜≤]|表示|分别)")
# labels that open a table's note only right under the table (elsewhere `说明：` opens body text; `注①`)
AFTER_TABLE_NOTE = re.compile(r"\s*(?:说明|說明|备注|備註|备考|備考)\s*[:：]"
                              r"|\s*[注註]\s*(?:[①-⑳]|[(（]\d{1,2}[)）])\s*[:：]?")
SIGNIFICANCE_WORDS = ("显著", "顯著", "水平", "significan", "p<", "p <", "p＜")


def is_significance_note(text: str) -> bool:
    """A regression table's note printed without `注：` (`***、**、*分别表示在1%、5%、10%的水平上显著`,
    `* p<0.1, ** p<0.05`): stars that open the line and say what they mean."""
    return SIGNIFICANCE_NOTE.match(text) is not None and any(w in text for w in SIGNIFICANCE_WORDS)


def continues_note(note: Block | None, block: Block, body_size: float | None) -> bool:
    """A block that goes on with the table note above it (PDF): set in the note's type size, smaller than the
    body's, just under it (within a line's height) on the same page, starting no further left than it, and the
    note's line ran on (no full stop at its end) or this block starts at the note's left edge (a second note
    line such as `2. …`)."""
    if (note is None or note.bbox is None or block.bbox is None or block.kind != "text" or not note.font_size
            or not block.font_size or body_size is None or block.page_start != note.page_end):
        return False
    size = note.font_size
    if abs(block.font_size - size) > 0.3 or size > body_size - 0.5:
        return False
    (x0, top, _, _), (n0, _, _, n_bottom) = block.bbox, note.bbox
    return 0 <= top - n_bottom <= size and x0 >= n0 - size and (
        not note.text.rstrip().endswith(("。", ".", "；", ";")) or abs(x0 - n0) <= size)


def join_caption_line(text: str, more: str) -> str:
    """A caption and its next printed line: a space between two Latin words, none beside Han."""
    return text + (" " if text[-1:].isascii() and more[:1].isascii() and text[-1:] != "-" else "") + more


def gap_spaced_pages(blocks: list[Block]) -> set[int | None]:
    """PDF pages whose text blocks are mostly single lines each after a gap: the gap is the page's line spacing
    (a double-spaced form whose reference list is set single-spaced), not a paragraph break."""
    per_page: dict[int | None, list[Block]] = {}
    for block in blocks:
        if block.kind == "text" and block.font_size is not None:
            per_page.setdefault(block.page_start, []).append(block)
    return {page for page, found in per_page.items() if len(found) >= 4
            and sum(b.gap_before and b.n_lines == 1 for b in found) >= 0.6 * len(found)}


def runs_on(previous: Block, block: Block, blocks: list[Block]) -> bool:
    """The previous block runs to its column's end (the first word of this one would not have fitted after it, a
    Latin word being about half an em a letter): its text goes on here, on this page or the next."""
    if previous.kind != "text" or previous.bbox is None or not previous.font_size:
        return False
    edge = column_edge(previous, blocks)
    word = re.match(r"[A-Za-z0-9_\-]+", block.text.strip())
    first = 0.55 * len(word.group()) if word else 1.0  # ems
    return edge is not None and edge - previous.bbox[2] < (first + 1.0) * previous.font_size


def next_long_heading(text: str, before: list[Heading], settings: StructureSettings = DEFAULT_SETTINGS
                      ) -> Heading | None:
    """A heading whose title is longer than a heading's usually is (`三、公司实际控制人、股东、关联方…承诺事项`,
    46 Han characters) when it carries the next number after the last heading of its style (`二、`): the gap
    it would leave says it is one. That heading must be its sibling: a heading of a level above since then (a style
    first met before this one: `第三节`, `一、`) opens another branch, where the numbering starts again (a table
    title `3、…` under a new `一、` is no sibling of the `2、` heading of the previous `第二节`)."""
    relaxed = relaxed_heading_settings(settings)
    heading = parse_heading(text, relaxed, typeset=True)
    if heading is None or heading.label is None or heading.style == "arabic_space":
        return None
    key = level_key(heading)
    rank: dict[str, int] = {}
    for h in before:
        rank.setdefault(level_key(h), len(rank))
    last = next((i for i in range(len(before) - 1, -1, -1) if level_key(before[i]) == key), None)
    if last is None or before[last].number != heading.number - 1:
        return None
    if any(h.label is None or rank[level_key(h)] < rank[key] for h in before[last + 1:]):
        return None
    return heading


def read_front_paragraphs(blocks: list[Block]) -> Body:
    """Front-matter lines no field took: paragraphs of their own (part front), before the body."""
    body = Body(blocks_read=len(blocks))
    body.pieces = [Piece(b.text.strip(), None, b.page_start, b.page_end, order, "front")
                   for order, b in enumerate(blocks)]
    return body


def fixed_level(heading: Heading, before: list[Heading]) -> int | None:
    """致谢, 附录, 结论 open a part: level 1; `附录 A` is level 2 under a `附录` heading. Numbered ones: None."""
    if heading.style in NUMBERED_STYLES:
        return None
    top = next((h for h in reversed(before) if h.level == 1), None)
    under_appendix = top is not None and top.style == "appendix" and top.label is None
    return 2 if heading.style == "appendix" and heading.label is not None and under_appendix else 1


def table_for_orphan_note(body: Body, section_no: int | None, order: int, page: int | None) -> TableRecord:
    """A note with no table above it: the table the preceding paragraph calls out, printed without its body."""
    known = {t.label for t in body.tables}
    label = None
    if body.pieces:
        called = [m["label"] for m in find_mentions(body.pieces[-1].text) if m["kind"] == "table"]
        label = next((lab for lab in reversed(called) if lab not in known), None)
    record = TableRecord(label=label, caption_source=None, page=page, section_no=section_no, order=order)
    body.tables.append(record)
    return record
