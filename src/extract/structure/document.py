"""A paper's blocks -> its parts: front matter (as fields), body, reference list, back matter, notes.

In reading order: the front matter runs to the first section heading (`find_body_start`); the
reference list is found in the rest (`reference_list`); after it come the English block some
journals print there (read into the front-matter fields), author biographies (into the authors)
and the back matter proper (appendices, acknowledgements: headings and paragraphs). Notes the
page set apart (PDF footnotes, notes between reference entries) are read for the front matter's
fields. Nothing is dropped: a block no field took is a front or back paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..model import Block, Change
from ..references import DEFAULT_SETTINGS as REFERENCE_SETTINGS
from ..references import ReferenceList, ReferenceSettings, is_reference_heading, list_entries, running_lines
from ..schema.flags import (
    FOOTNOTE_MARK_REMOVED,
    NOTES_HEADING,
    REFERENCE_LIST_UNREAD,
    TABLE_CONTINUED,
    TABLE_DOUBTFUL,
    TABLE_WITHOUT_BODY,
)
from ..text import FOOTNOTE_MARK
from .back_matter import parse_back_matter
from .body import FigureRecord, TableRecord, read_body, read_front_paragraphs
from .captions import parse_caption
from .front_matter import FrontMatter, FrontMatterReader, find_body_start, is_cover_table
from .headings import HEADING_PATTERNS, build_section_rows
from .model import Caption, Document, Figure, Footnote, Paragraph, Section, Table
from .paragraphs import merge_pieces
from .reference_list import find_reference_list
from .settings import DEFAULT_SETTINGS, StructureSettings
from .titles import is_marks_only
from .typography import body_size, headings_in_context


@dataclass
class DocumentParts:
    front: FrontMatter
    body: list[Block]  # front-matter leftovers after its last field, front tables, then the body
    references: list[Block]  # the reference list's lines (entries, and notes the page set between them)
    back: list[Block]  # after the list: what no field took, in order (headings, paragraphs, tables)
    notes: list[Block] = field(default_factory=list)  # notes set apart: PDF footnotes, notes among the entries
    reference_heading: Block | None = None
    repeated_headings: list[Block] = field(default_factory=list)  # the list's heading printed again under it
    front_region: list[Block] = field(default_factory=list)  # the blocks the front matter was read from


def read_document(blocks: list[Block], settings: StructureSettings = DEFAULT_SETTINGS) -> DocumentParts:
    """Split a paper into its parts and read its front matter wherever it is printed."""
    blocks, endnotes, notes_heading = split_endnotes(blocks)
    footnotes = [b for b in blocks if b.kind == "footnote"] + endnotes
    blocks = [b for b in blocks if b.kind != "footnote"]
    start = find_body_start([b.text if b.kind == "text" else "" for b in blocks], settings,
                            headings=numbered_headings(blocks, settings))
    reader = FrontMatterReader(settings)
    reader.read_lines(blocks[:start])
    front_tables = [b for b in blocks[:start] if b.kind == "table" and not is_cover_table(b)]
    rest = blocks[start:]
    found = find_reference_list(rest, reader.authors, settings)
    body, references, notes, back, heading, label = rest, [], [], [], None, None
    repeated: list[Block] = []
    if found is not None:
        body, heading = rest[:found.heading], rest[found.heading]
        again = {i for i in found.notes if is_reference_heading(rest[i].text)}
        repeated = [rest[i] for i in sorted(again)]
        # the notes stay in the list's lines too: `references` sets them apart (flagged) as it reads the entries
        references = [rest[i] for i in sorted(found.entries + found.notes) if i not in again]
        notes = [rest[i] for i in found.notes if i not in again]
        back = rest[found.end:]
        label = found.english_label - found.end if found.english_label is not None else None
        for i in found.unread:  # a list per chapter: one read, the others flagged
            reader.front.changes.append(REFERENCE_LIST_UNREAD.change(
                "another reference list is not read: its entries are paragraphs",
                original=rest[i].text, page=rest[i].page_start))
    read, kept = reader.read_english_block(back, label)
    tail = back[read:]
    biographies = set(reader.read_biographies(tail))
    reader.front.placed += [tail[i] for i in sorted(biographies)]
    back = kept + [b for i, b in enumerate(tail) if i not in biographies]
    for note in notes + footnotes:
        if is_marks_only(note.text):
            reader.front.changes.append(FOOTNOTE_MARK_REMOVED.change(
                "a footnote mark printed on a line of its own (its note is read elsewhere)", original=note.text))
        else:
            reader.read_note(note.text)
    if notes_heading is not None:
        reader.front.changes.append(NOTES_HEADING.change(
            f"the heading of the notes; its {len(endnotes)} notes are in footnotes", original=notes_heading.text))
    front = reader.finish()
    return DocumentParts(front, front_tables + front.body_blocks + body, references, back,
                         notes + footnotes, heading, repeated, blocks[:start])


NOTES_HEADING_RE = re.compile(r"[【\[〔]?\s*(?:注\s*释|尾\s*注|注|附\s*注|Notes?)\s*[】\]〕]?\s*[:：]?", re.IGNORECASE)


def split_endnotes(blocks: list[Block]) -> tuple[list[Block], list[Block], Block | None]:
    """Notes printed together under a heading of their own (`注释：`, `【注释】`, `Notes`), as law and humanities
    papers print their 脚注 in text form: the run of lines after the heading that open with a note mark
    (`①`, `(1)`, `1)`, `*`) are footnotes (their call-outs stay in the text). Returns the other blocks, the
    notes (as footnote blocks), and the heading (None without one)."""
    for i, block in enumerate(blocks):
        if block.kind != "text" or not NOTES_HEADING_RE.fullmatch(block.text.strip()):
            continue
        end = i + 1
        while end < len(blocks) and blocks[end].kind == "text" and FOOTNOTE_MARK.match(blocks[end].text):
            end += 1
        if end == i + 1:
            continue  # a heading `注` with no marked note under it is not a notes heading
        if i and blocks[i - 1].kind == "table" and re.fullmatch(r"\W*注\W*", block.text.strip()):
            continue  # `注：` right under a table opens the table's notes
        notes = [replace(b, kind="footnote") for b in blocks[i + 1:end]]
        return blocks[:i] + blocks[end:], notes, block
    return blocks, [], None


def numbered_headings(blocks: list[Block], settings: StructureSettings) -> list[bool] | None:
    """PDF: which blocks are numbered headings as the page prints them (`typography.headings_in_context`: `1 引言`
    set in larger type is one, a numbered list item in body type is not); None for text input."""
    size = body_size(blocks)
    if size is None:
        return None
    numbered = {style for style, _ in HEADING_PATTERNS}
    return [h is not None and h.style in numbered for h in headings_in_context(blocks, size, settings)]


def read_structure(blocks: list[Block], settings: StructureSettings = DEFAULT_SETTINGS,
                   reference_settings: ReferenceSettings = REFERENCE_SETTINGS) -> Document:
    """A paper's blocks -> its document model (`structure.model`): every part decided here, once.

    The reference list's end is decided with the list (`references.list_entries`): what follows its last
    entry is read as back matter with the rest of the back, in reading order."""
    parts = read_document(blocks, settings)
    front = parts.front
    body = read_front_paragraphs(front.kept)
    read_body(parts.body, body=body, settings=settings)
    earlier = [b.text for b in parts.front_region + parts.body if b.kind == "text"]
    listing, reference_changes, after_list = _reference_listing(parts.references, earlier, reference_settings)
    read_body(after_list + parts.back, part="back", body=body, settings=settings)

    section_rows, section_changes = build_section_rows(body.headings)
    sections = [Section(row["section_no"], row["parent_section_no"], row["level"], row["label"], heading.title,
                        heading.part, heading.label_source or None, heading.page)
                for row, heading in zip(section_rows, body.headings)]
    merged, joins = merge_pieces(body.pieces)
    paragraphs = [Paragraph(no, p.section_no, p.text, p.page_start, p.page_end, p.part, p.order)
                  for no, p in enumerate(merged, start=1)]
    footnotes: list[Footnote] = []
    for block in [b for b in parts.notes if b.kind == "footnote"]:
        footnotes.append(_footnote(block, paragraphs, footnotes))

    # notes and identifiers are read outside the reference list only (a DOI there is a reference's)
    entries = {id(b) for b in parts.references} - {id(b) for b in parts.notes + after_list}
    outside_references = [b.text for b in blocks if b.kind != "table" and id(b) not in entries]
    return Document(
        front=front, sections=sections, section_changes=section_changes, paragraphs=paragraphs,
        paragraph_joins=joins, tables=[_table(no, t, settings) for no, t in enumerate(body.tables, start=1)],
        figures=[_figure(f, settings) for f in body.figures], footnotes=footnotes,
        references=listing, reference_changes=reference_changes,
        reference_headings=[h for h in [parts.reference_heading, *parts.repeated_headings] if h is not None],
        back=parse_back_matter(list(dict.fromkeys(outside_references)), settings), back_matter_lines=body.back_matter,
        figure_labels=body.figure_labels, changes=front.changes)


def _reference_listing(ref_blocks: list[Block], earlier_lines: list[str], settings: ReferenceSettings
                       ) -> tuple[ReferenceList, list[Change], list[Block]]:
    """The list's entries and flags, and the blocks at the end of `ref_blocks` that hold no entry text
    (`earlier_lines`, the text before the list, tell running headers from entry text). A table the reader
    found inside the list is read cell by cell: no entry text is dropped."""
    owners: list[int] = []
    lines: list[str] = []
    for index, block in enumerate(ref_blocks):
        texts = [block.text] if block.kind == "text" else [c for row in block.rows or [] for c in row]
        lines += texts
        owners += [index] * len(texts)
    listing, changes = list_entries(lines, settings, running_lines(earlier_lines, settings))
    return listing, changes, ref_blocks[_first_block_after(lines, owners, listing.after):]


def _first_block_after(lines: list[str], owners: list[int], after: list[str]) -> int:
    """Index of the first block of those at the end that hold only `after`, the list's trailing lines."""
    n_blocks = owners[-1] + 1 if owners else 0
    tail = [line.strip() for line in after]
    position = len(lines)
    while tail and position > 0:  # match the trailing lines from the end
        position -= 1
        text = lines[position].strip()
        if text and text != tail.pop():
            return n_blocks  # not the lines at the end (should not happen): nothing is moved
    if tail:
        return n_blocks
    first = owners[position] if position < len(owners) else n_blocks
    if any(owners[p] == first for p in range(position)):  # a block with entry text too stays in the list
        first += 1
    return first


def _table(table_no: int, record: TableRecord, settings: StructureSettings) -> Table:
    caption, source = _caption(record.caption_source, settings), record.caption_source
    if source is None and record.named_by:  # no caption, the heading right above names the table
        caption, source = Caption("", record.named_by, record.named_by), record.named_by
    return Table(label=record.label, caption=caption,
                 caption_en=_caption(record.caption_en_source, settings), caption_source=source,
                 caption_en_source=record.caption_en_source, notes=tuple(record.notes),
                 rows=tuple(tuple(r) for r in record.rows) if record.rows else None,
                 page=record.page, section_no=record.section_no, order=record.order,
                 header_rows=record.header_rows, evidence=record.evidence, joined=tuple(record.joined),
                 changes=tuple(_table_changes(table_no, record)))


def _table_changes(table_no: int, record: TableRecord) -> list[Change]:
    """What a table's reading leaves to flag: the parts joined to it (续表), a table found from rules or aligned
    columns alone with no caption (doubted), a caption or note whose table body is absent."""
    rows = record.rows or []
    dropped = record.joined_dropped + [None] * (len(record.joined) - len(record.joined_dropped))
    changes = [TABLE_CONTINUED.change(
        f"{record.label or f'table {table_no}'} continues on page {page}: its part there joined", page=page,
        original=text) for page, text in zip(record.joined, dropped)]
    if rows and record.caption_source is None and not record.named_by and record.evidence in ("rules", "aligned"):
        changes.append(TABLE_DOUBTFUL.change(
            f"table {table_no} (page {record.page}): no caption, found from "
            f"{'horizontal rules' if record.evidence == 'rules' else 'aligned columns'} only, "
            f"{len(rows)} rows x {max(len(r) for r in rows)} columns", page=record.page))
    if not rows:
        changes.append(TABLE_WITHOUT_BODY.change(
            f"{record.label or 'a table'}: caption or note present, table body absent from the source",
            original=record.caption_source or "\n".join(record.notes)))
    return changes


def _figure(record: FigureRecord, settings: StructureSettings) -> Figure:
    caption = _caption(record.caption_sources[0], settings)
    return Figure(record.label, caption.text if caption else None, tuple(record.caption_sources), record.page,
                  record.section_no)


def _caption(line: str | None, settings: StructureSettings) -> Caption | None:
    """A table's caption as the body read it (its first line was read as a caption: the lines set under
    it may take it past `max_caption_chars`)."""
    parsed = parse_caption(line, replace(settings, max_caption_chars=max(settings.max_caption_chars, len(line))),
                           full_stop=True) if line else None
    return Caption(parsed[1], parsed[2], line) if parsed and line else None


def _footnote(block: Block, paragraphs: list[Paragraph], before: list[Footnote]) -> Footnote:
    """A note and the paragraph calling it: on the note's page (PDF), or the first paragraph calling it that no
    note of this mark took yet (text input)."""
    source = block.text.strip()
    mark = FOOTNOTE_MARK.match(source)
    marker = mark.group().strip() if mark else None
    text = source[mark.end():].strip() if mark else source
    paragraph_no = None
    if marker and not marker.startswith("^"):
        if block.page_start is not None:
            calling = [p for p in paragraphs if p.page_start is not None and p.page_end is not None
                       and p.page_start <= block.page_start <= p.page_end]
        else:
            taken = {f.paragraph_no for f in before if f.marker == marker}
            calling = [p for p in paragraphs if p.paragraph_no not in taken]
        paragraph_no = next((p.paragraph_no for p in calling if marker in p.text), None)
    return Footnote(marker, text, source, block.page_start, paragraph_no)
