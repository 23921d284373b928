"""Headings as the page prints them: a number or not, size, weight, a line of its own.

Text input says nothing of typography: a heading there is a numbered line (`headings`) or a
part's name on a line of its own (`致谢`, `附录 A`: `back_matter.parse_named_heading`).
A PDF block says how it was printed (`Block.font_size`, `bold`, `n_lines`), and a heading:
- is a line of its own (`heading_max_lines` at most) that does not end a sentence;
- when its number is a strong style (`一、`, `（一）`, `第一章`, `1.1`, `§1.`),
  needs nothing more (journals set `1.1` subsections in body type);
- when its number is a weak style (`1.`, `1 `, `(1)`: what numbered list items in body
  text also look like), is set heavier (bold or 黑体) or larger than the body
  (`heading_size_step`);
- without a number, is a part's name (致谢, 附录, 结论), or is short
  (`unnumbered_heading_max_chars`), holds Han characters (an English title after the
  reference list is back matter), and is set clearly larger than the body
  (`unnumbered_heading_size_step`), or bold and centred; its label is None, its level 1.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Block
from ..text import count_han
from .back_matter import parse_named_heading
from .captions import parse_caption
from .headings import UNNUMBERED, Heading, is_heading_title, parse_heading
from .settings import DEFAULT_SETTINGS, StructureSettings

WEAK_STYLES = ("arabic_dot", "arabic_space", "arabic_paren")
SPACES = re.compile(r"[\s\u3000]+")


def body_size(blocks: list[Block]) -> float | None:
    """The font size most body text is set in (None for text input)."""
    sizes: Counter[float] = Counter()
    for b in blocks:
        if b.kind == "text" and b.font_size is not None:
            sizes[b.font_size] += len(b.text)
    return sizes.most_common(1)[0][0] if sizes else None


def heading_of(block: Block, body: float | None, settings: StructureSettings = DEFAULT_SETTINGS) -> Heading | None:
    """The heading a block is, judged by its number and, for a PDF block, its typography."""
    if block.kind != "text":
        return None
    text = block.text.strip()
    if block.font_size is None or body is None:
        return parse_heading(text, settings) or parse_named_heading(text)
    if block.n_lines > settings.heading_max_lines:
        return None
    heading = parse_heading(text, settings, typeset=True)
    heavier = block.bold or block.font_size >= body + settings.heading_size_step
    if heading is not None:
        return heading if heading.style not in WEAK_STYLES or heavier else None
    return parse_named_heading(text) or unnumbered_heading(block, text, body, settings)


def unnumbered_heading(block: Block, text: str, body: float, settings: StructureSettings) -> Heading | None:
    size = block.font_size or 0.0
    title = SPACES.sub("", text) if count_han(text) == len(SPACES.sub("", text)) else text  # 结 论 -> 结论
    if (block.n_lines != 1 or not count_han(text) or len(title) > settings.unnumbered_heading_max_chars
            or parse_caption(text) or not is_heading_title(UNNUMBERED, title, settings)):
        return None
    larger = size >= body + settings.unnumbered_heading_size_step
    if larger or (block.bold and block.centered and size >= body):
        return Heading(style=UNNUMBERED, label=None, title=title, number=0)
    return None
