"""Every threshold the structure rules use, with the value that fits Chinese papers."""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from ..model import check_settings


@dataclass(frozen=True)
class StructureSettings:
    """Every threshold the structure rules use, with the value that fits Chinese papers."""

    max_heading_han: int = 40  # Han characters in a heading title (after its label)
    max_heading_chars: int = 120  # all characters of a heading title, annotations included
    # a longer title is still a heading when it carries the next number of the headings of its style (二 -> 三)
    max_next_heading_han: int = 80
    min_title_han: int = 4
    max_title_han: int = 80
    min_title_en_words: int = 3
    script_majority: float = 0.6  # share of letters that makes a line Chinese or English
    max_name_han: int = 4  # Han personal names: 2..4 characters (or with `·`)
    body_start_lookahead: int = 10  # numbered lines this close before 摘要/关键词 are front matter
    front_matter_max_lines: int = 40  # where labels are looked for when a paper has no heading
    # a paper without headings: short lines at its top (title, by-line, source) before its first paragraph
    front_matter_max_top_lines: int = 8
    max_front_line_chars: int = 80
    max_caption_chars: int = 100
    # a by-line between the title and the affiliations may hold longer names (transcribed minority names)
    max_byline_name_han: int = 6
    title_size_tolerance: float = 0.6  # points: lines of one title are set in the same type
    title_size_step: float = 2.5  # points: a title's second line may be set this much smaller
    max_note_chars: int = 400  # a funding or date note is one short statement, not a paragraph
    # points: a line this much larger than the reference entries ends the list (an English title, a heading)
    reference_list_size_jump: float = 1.5
    english_block_lookahead: int = 12  # lines between the end of the entries and an English Abstract label
    # headings in a typeset paper (PDF blocks say how they were printed; see `typography`)
    heading_size_step: float = 0.5  # pt above the body size that sets a heading apart (with bold)
    heading_max_lines: int = 3  # a heading is a line of its own (a long title may wrap in a narrow column)
    unnumbered_heading_size_step: float = 1.5  # pt above the body size for a heading without a number
    unnumbered_heading_max_chars: int = 16  # characters of such a heading (结论, 参考文献, 致谢, 附录)

    def __post_init__(self):
        check_settings(self, shares=frozenset({"script_majority"}))


DEFAULT_SETTINGS = StructureSettings()


@functools.lru_cache(maxsize=16)
def relaxed_heading_settings(settings: StructureSettings) -> StructureSettings:
    """`settings` with a long heading's limits (`max_next_heading_han`, twice `max_heading_chars`): what a heading
    that carries the next number may hold. Built once per settings (the settings are checked when built)."""
    return replace(settings, max_heading_han=settings.max_next_heading_han,
                   max_heading_chars=2 * settings.max_heading_chars)
