"""Where a paper's reference list starts and where it ends (the entries themselves: `references.py`).

The list is the run of entries under a reference heading (参考文献, References ...), wherever it
stands; a numbered heading about references followed by prose (`2.5 参考文献` in a paper on
citing) opens no list. The list ends where something else begins: a back-matter heading
(附录, 附录A, 致谢, 作者简介), an author's biography, the English block some journals print after
the references (title, names, affiliations, then Abstract and Key words), or a line set in larger
type than the entries. Notes the page put between entries (a first-page funding or date
footnote, a lone footnote mark) are taken out of the list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Block
from ..references import is_reference_heading, score_reference_headings
from ..text import HAN, TYPE_CODE
from .authors import AuthorDraft, bracket_groups, email_of, english_names
from .back_matter import BiographyReader, is_back_matter_line, parse_named_heading
from .labels import ABSTRACT_AND_KEYWORD_LABELS, match_label
from .line_shape import ends_sentence
from .settings import DEFAULT_SETTINGS, StructureSettings
from .titles import is_marks_only, is_title_en, is_title_en_continued

# `[1]`, `［1］`, `(1)`, `1.`, `1 Wang X S`: how an entry opens
ENTRY_START = re.compile(rf"\s*(?:[\[［【]\s*\d{{1,3}}\s*[\]］】]|[(（]\s*\d{{1,3}}\s*[)）]|\d{{1,3}}\s*[.．](?!\d)"
                         rf"|\d{{1,3}}\s+(?=[A-Z{HAN}]))")
SECTION_NUMBER = re.compile(r"\s*(?:[一二三四五六七八九十]+[、.．]|\d+(?:\.\d+)*\.?\s|§\s*\d+)")
ENTRIES_LOOKED_AT = 3  # text lines after a numbered heading where an entry must show


@dataclass
class ReferenceList:
    heading: int  # index of the heading block
    entries: list[int] = field(default_factory=list)  # the entry lines
    notes: list[int] = field(default_factory=list)  # notes the page set between the entries
    end: int = 0  # index of the first block after the list
    english_label: int | None = None  # the Abstract / Key words label of an English block after the list
    unread: list[int] = field(default_factory=list)  # headings of other lists (one per chapter, per style): not read


def looks_like_entry(text: str) -> bool:
    return bool(ENTRY_START.match(text) or TYPE_CODE.search(text))


def opens_list(blocks: Sequence[Block], index: int) -> bool:
    """A reference heading opens the list unless it is numbered and prose follows (a section about references)."""
    if not SECTION_NUMBER.match(blocks[index].text):
        return True
    following = [b.text.strip() for b in blocks[index + 1:] if b.kind == "text" and b.text.strip()]
    return any(looks_like_entry(text) for text in following[:ENTRIES_LOOKED_AT])


def find_reference_list(blocks: Sequence[Block], authors: Sequence[AuthorDraft] = (),
                        settings: StructureSettings = DEFAULT_SETTINGS) -> ReferenceList | None:
    """The reference list among body blocks (see the module docstring), or None.

    Of several headings that open a list, the one whose lines read as the most entries is read
    (`references.find_reference_heading`, the last on a tie); printed twice in a row, the list starts
    at the first (the second is set apart among the entries). The others under which entries are read
    (a thesis's list per chapter) are `unread`: their entries stay paragraphs, the caller flags them.
    """
    lines = [b.text if b.kind == "text" and (not is_reference_heading(b.text) or opens_list(blocks, i)) else None
             for i, b in enumerate(blocks)]
    scored = score_reference_headings(lines)
    if not scored:
        return None
    heading = max(reversed(scored), key=lambda pair: pair[1])[0]
    # the heading printed twice in a row (a class's and the author's own): the list starts at the first
    while heading > 0 and lines[heading - 1] and is_reference_heading(lines[heading - 1] or ""):
        heading -= 1
    found = read_list(blocks, heading, authors, settings)
    found.unread = [i for i, score in scored if score and not heading <= i < found.end]
    return found


def read_list(blocks: Sequence[Block], heading: int, authors: Sequence[AuthorDraft],
              settings: StructureSettings) -> ReferenceList:
    found = ReferenceList(heading, end=len(blocks))
    biographies = BiographyReader(list(authors))
    entry_size: float | None = None
    last_label = heading
    for index in range(heading + 1, len(blocks)):
        block = blocks[index]
        text = block.text.strip()
        if block.kind != "text":
            found.end = index
            break
        if not text:
            continue
        if (is_marks_only(text) or is_back_matter_line(text, settings)
                or (not found.entries and is_reference_heading(text))):
            found.notes.append(index)  # the heading printed twice is no entry either
            continue
        is_entry = looks_like_entry(text)
        label = match_label(text)
        if label and label.kind in ABSTRACT_AND_KEYWORD_LABELS:
            found.end = english_block_start(blocks, index, last_label, entry_size, settings)
            found.english_label = index
            break
        jump = settings.reference_list_size_jump
        larger = bool(entry_size and block.font_size and block.font_size > entry_size + jump)
        if not found.entries and not is_entry and set_as_heading(blocks, heading, index, jump):
            found.end = index  # `A 支撑材料列表` on the next page of an empty list: the next part's heading
            break
        if not is_entry and (parse_named_heading(text) or biographies.starts(text) or larger):
            found.end = index
            break
        found.entries.append(index)
        if is_entry:
            last_label = index
            entry_size = entry_size or block.font_size
    found.entries = [i for i in found.entries if i < found.end]
    found.notes = [i for i in found.notes if i < found.end]
    return found


def set_as_heading(blocks: Sequence[Block], heading: int, index: int, jump: float) -> bool:
    """A line before any entry set in the reference heading's type (or larger) with smaller text after it: a heading
    (an empty list followed by an appendix); entries printed in the heading's type run on in that type."""
    size, heading_size = blocks[index].font_size, blocks[heading].font_size
    if not (size and heading_size and size >= heading_size):
        return False
    after = next((b for b in blocks[index + 1:] if b.kind == "text" and b.text.strip()), None)
    return bool(after and after.font_size and after.font_size < size - jump)


def english_block_start(blocks: Sequence[Block], label: int, last_label: int, entry_size: float | None,
                        settings: StructureSettings) -> int:
    """Walk back from an Abstract / Key words label over the title, names, affiliations and e-mail lines above it."""
    start = label
    for index in range(label - 1, max(last_label, label - settings.english_block_lookahead - 1), -1):
        block = blocks[index]
        text = block.text.strip()
        larger = bool(entry_size and block.font_size and block.font_size > entry_size)
        if not (bracket_groups(text) or email_of(text) or english_names(text) or is_title_en(text, settings)
                or (larger and is_title_en_continued(text, settings) and not ends_sentence(text))):
            break
        start = index
    return start
