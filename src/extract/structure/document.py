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

from ..flags import FOOTNOTE_MARK_REMOVED, NOTES_HEADING
from ..model import Block
from ..references import is_reference_heading
from ..text import FOOTNOTE_MARK
from .front_matter import FrontMatter, FrontMatterReader, find_body_start, is_cover_table
from .headings import HEADING_PATTERNS
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
