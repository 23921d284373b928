"""A paper's blocks -> front matter, body and reference list; body blocks -> headings,
paragraph pieces, tables with their captions and notes, and figure labels."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Block
from ..references import find_reference_heading
from .back_matter import is_back_matter_line
from .captions import find_mentions, is_table_note, parse_caption
from .front_matter import find_body_start
from .headings import Heading, parse_heading
from .paragraphs import Piece


@dataclass
class TableRecord:
    """A table as the body shows it: caption, rows and notes, any of which may be missing."""

    label: str | None
    caption_source: str | None
    rows: list[list[str]] | None = None
    notes: list[str] = field(default_factory=list)
    page: int | None = None
    section_no: int | None = None
    order: int = 0  # reading-order index of its caption, or of its body when it has no caption


@dataclass
class Body:
    headings: list[Heading] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)
    tables: list[TableRecord] = field(default_factory=list)
    figure_labels: list[str] = field(default_factory=list)  # every figure caption's label, in reading order


def split_document(blocks: list[Block]) -> tuple[list[Block], list[Block], list[Block]]:
    """Front matter, body and reference-list blocks."""
    lines = [b.text if b.kind == "text" else "" for b in blocks]
    start = find_body_start(lines)
    heading = find_reference_heading(lines[start:])
    ref_at = start + heading if heading is not None else len(blocks)
    return blocks[:start], blocks[start:ref_at], blocks[ref_at + 1:]


def read_body(blocks: list[Block]) -> Body:
    """Classify body blocks into headings, paragraph pieces, tables (with captions and notes)."""
    body = Body()
    pending_caption: TableRecord | None = None  # a table caption waiting for its rows
    last_table: TableRecord | None = None  # notes attach here while nothing else intervened
    for order, block in enumerate(blocks):
        section_no = len(body.headings) or None
        if block.kind == "table":
            record = pending_caption or TableRecord(label=None, caption_source=None, order=order)
            if record is not pending_caption:
                body.tables.append(record)
            record.rows, record.page, record.section_no = block.rows, block.page_start, section_no
            pending_caption, last_table = None, record
            continue
        text = block.text.strip()
        if not text or is_back_matter_line(text):
            continue
        caption = parse_caption(text)
        if caption:
            kind, label, _ = caption
            if kind == "table":
                pending_caption = last_table = TableRecord(label=label, caption_source=text, page=block.page_start,
                                                           section_no=section_no, order=order)
                body.tables.append(pending_caption)
            else:
                body.figure_labels.append(label)
            continue
        if is_table_note(text):
            target = last_table or table_for_orphan_note(body, section_no, order, block.page_start)
            target.notes.append(text)
            last_table = target
            continue
        heading = parse_heading(text)
        if heading:
            body.headings.append(heading)
            pending_caption = last_table = None
            continue
        body.pieces.append(Piece(text, section_no, block.page_start, block.page_end, order))
        last_table = None
    return body


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
