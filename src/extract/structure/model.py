"""The document model: what the structure stage decided about one paper, typed, before any row.

Every part is decided here once, in reading order, on the text as decoded (not yet normalized):
the front matter's fields, the section tree, the paragraphs (pieces merged), the tables and
figures with their captions parsed, the footnotes with the paragraph that calls them, the
reference list's entries (where the list ends included) and the back matter's fields. The
later stages only read it: `references.parse_listed` parses the entries, `normalize` and
`citations` work on its texts, and `records` maps it to rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Block, Change
from ..references import ReferenceList
from .front_matter import FrontMatter


@dataclass(frozen=True)
class Section:
    """A heading and its place in the section tree."""

    section_no: int
    parent_section_no: int | None
    level: int
    label: str | None  # the number as written without its punctuation
    title: str  # as printed
    part: str  # front | body | back
    label_source: str | None  # the number as printed (`第一章`, `（二）`)
    page: int | None


@dataclass(frozen=True)
class Paragraph:
    paragraph_no: int
    section_no: int | None
    text: str  # as printed, its pieces joined
    page_start: int | None
    page_end: int | None
    part: str  # front | body | back
    order: int  # reading-order index of its first block


@dataclass(frozen=True)
class Caption:
    """A parsed caption line: its label (`表2`) and text, and the line as printed."""

    label: str
    text: str  # the caption without its label; may be empty
    source: str


@dataclass(frozen=True)
class Table:
    label: str | None
    caption: Caption | None  # the caption as printed (`caption_source`), when there is one
    caption_en: Caption | None  # the caption printed again in English (`Table 2 ...`)
    caption_source: str | None  # the caption line, also when it cannot be parsed into label and text
    caption_en_source: str | None
    notes: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...] | None  # cells as printed, header row first; None: no body
    page: int | None
    section_no: int | None
    order: int
    header_rows: int = 1  # the first rows that are the header (a wrapped or two-level header: more)
    evidence: str | None = None  # PDF: how the reader found it (grid, rules, aligned)
    joined: tuple[int | None, ...] = ()  # pages of continuation parts joined to it (续表)
    changes: tuple[Change, ...] = ()  # what its reading leaves to flag (joined parts, doubted, no body)


@dataclass(frozen=True)
class Figure:
    label: str
    caption: str | None  # the first caption line's text without its label
    caption_sources: tuple[str, ...]  # the caption lines as printed (one per language)
    page: int | None
    section_no: int | None


@dataclass(frozen=True)
class Footnote:
    marker: str | None  # the note's mark as printed (`①`, `1)`), None when it has none
    text: str  # the note without its mark
    source: str  # the note as printed
    page: int | None
    paragraph_no: int | None  # the paragraph calling it


@dataclass
class Document:
    """One paper as the structure stage read it. `changes` are the structure stage's flags, in the order
    they were made; the other lists hold their own (`section_changes`, `paragraph_joins`)."""

    front: FrontMatter
    sections: list[Section]
    section_changes: list[Change]
    paragraphs: list[Paragraph]
    paragraph_joins: list[tuple[Change, int]]  # (change, paragraph_no) per join of pieces
    tables: list[Table]
    figures: list[Figure]
    footnotes: list[Footnote]
    references: ReferenceList  # the list's entries, set apart lines and what followed it
    reference_changes: list[Change]  # where the list was cut, what was set apart
    reference_headings: list[Block]  # the list's heading and the same heading printed again under it
    back: dict  # back-matter fields (funding, grant numbers, editor, dates, DOI)
    back_matter_lines: list[tuple[str, int | None]]  # funding/editor lines read into `back`, with their page
    figure_labels: list[str]
    changes: list[Change] = field(default_factory=list)
