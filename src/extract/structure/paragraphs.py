"""Paragraph pieces (body text blocks in reading order) -> paragraphs.

A block that does not end a sentence continues in the next block of its section
(a line, page or column break fell inside the paragraph), unless the next block was
printed as a paragraph's start (PDF: a first-line indent or a vertical gap before it);
a block of nothing but citation markers is the superscript of the sentence before it; two blocks
that both open with a list label are two items (PDF).
A sentence ends at its final punctuation, and at a full stop after Chinese text
(`text.ends_with_full_stop`: house styles that end Chinese sentences with `. `).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..citations import extract_citation_markers
from ..model import Change
from ..schema.flags import HYPHENATION_JOINED, PARAGRAPH_JOINED
from ..text import (
    CITATION_MARKER,
    COLONS,
    LIST_LABEL,
    SENTENCE_FINAL,
    ends_with_full_stop,
    is_cjk,
    join_paragraph_pieces,
    rejoin_hyphenated,
)

# A paragraph ends at the end of a sentence, or at a colon that introduces a list or quotation.
PARAGRAPH_FINAL = SENTENCE_FINAL | COLONS
CLOSING_QUOTES = set("”’」』\"'》")
# call-outs and citation markers after the last sentence of a paragraph: （图1） ^[3]
TRAILING_APPENDAGE = re.compile(
    rf"(\s*((?:\^\s*)?{CITATION_MARKER.pattern}|[（(][^（）()]{{0,30}}[)）]))+\s*$")
APPENDAGE_ENDS = frozenset("]］^)）")
PARAGRAPH_END_CHARS = 400  # far more than any run of trailing call-outs and markers

join_pieces = join_paragraph_pieces


@dataclass
class Piece:
    """A body text block on its way to becoming (part of) a paragraph."""

    text: str
    section_no: int | None
    page_start: int | None
    page_end: int | None
    order: int  # index of the block in reading order
    part: str = "body"  # front | body | back (after the reference list)
    opens: bool = False  # PDF: printed with a first-line indent or after a vertical gap (a paragraph starts)


def ends_paragraph(text: str) -> bool:
    """True when the text ends a sentence, looking past call-outs like （图1） and ^[3]."""
    # only the end decides: scanning a whole paragraph per joined line is quadratic in its length
    core = text[-PARAGRAPH_END_CHARS:].rstrip()
    if core[-1:] in APPENDAGE_ENDS:  # a marker ends at `]` `］` (or its closing `^`), a call-out at its bracket
        core = TRAILING_APPENDAGE.sub("", text[-PARAGRAPH_END_CHARS:]).rstrip()
    if not core:
        return True
    while core and core[-1] in CLOSING_QUOTES:
        if len(core) >= 2 and core[-2] in PARAGRAPH_FINAL:
            return True
        core = core[:-1]
    return bool(core) and (core[-1] in PARAGRAPH_FINAL or ends_with_full_stop(core))


def next_item(previous: Piece, piece: Piece) -> bool:
    """PDF: two blocks the page set apart that both open with a list label (`1.`, `(2)`, `•`) are two items of a
    list, not one paragraph broken over lines (`1. 注册模块` / `2. 登录模块`: items without a full stop)."""
    return piece.page_start is not None and bool(LIST_LABEL.match(previous.text)) and bool(LIST_LABEL.match(piece.text))


def merge_pieces(pieces: list[Piece]) -> tuple[list[Piece], list[tuple[Change, int]]]:
    """Paragraphs, and a `paragraph_joined` change (with its paragraph_no) per join made."""
    merged: list[Piece] = []
    joins: list[tuple[Change, int]] = []
    for piece in pieces:
        previous = merged[-1] if merged else None
        # a block of nothing but citation markers is the superscript of the sentence before it
        markers_only = not extract_citation_markers(piece.text)[0].strip()
        # front-matter lines kept are items of their own (a masthead, a declaration), never joined
        if previous and previous.section_no == piece.section_no and previous.part == piece.part != "front" and (
                markers_only or not (ends_paragraph(previous.text) or piece.opens or next_item(previous, piece))):
            joins.append((PARAGRAPH_JOINED.change(
                "a block of citation markers only belongs to the block before it" if markers_only else
                "a block ending without sentence-final punctuation continued in the next block",
                original=f"{previous.text[-12:]} | {piece.text[:12]}"), len(merged)))
            left, right = previous.text.rstrip(), piece.text.lstrip()
            hyphenated = rejoin_hyphenated(left, right) if left and right and not (
                is_cjk(left[-1]) or is_cjk(right[0])) else None
            if hyphenated:  # the joined text loses the hyphen: a removal, accounted
                joins.append((HYPHENATION_JOINED.change(
                    detail="a word hyphenated at the end of a block", original=hyphenated[1],
                    replacement=hyphenated[1].replace("-", ""), page=piece.page_start), len(merged)))
            previous.text = join_pieces(previous.text, piece.text)
            previous.page_end = piece.page_end or previous.page_end
        else:
            merged.append(Piece(piece.text, piece.section_no, piece.page_start, piece.page_end, piece.order,
                                piece.part, piece.opens))
    return merged, joins
