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
- when its number is `1.` or `1、` in body type, is one all the same where the page sets it
  apart by context (`headings_in_context`): a line of its own, shorter than its column, that
  a new paragraph follows and no item of the same numbering sits beside, nor the item before it anywhere
  since the last heading (a list: siblings of one numbering are decided together), or the
  parent of the next heading's number (`4.` over `4.1`: then even a prompt ending with `。`
  is one, as a form's numbered questions are); `(1)` and `1 ` lines in body type are list items,
  formula and code lines too often for that;
- without a number, is a part's name (致谢, 附录, 结论), or is short
  (`unnumbered_heading_max_chars`), holds Han characters (an English title after the
  reference list is back matter), and is set clearly larger than the body
  (`unnumbered_heading_size_step`), or bold and centred; its label is None, its level 1.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ..model import Block
from ..text import count_han
from .back_matter import parse_named_heading
from .captions import parse_caption
from .headings import UNNUMBERED, Heading, is_heading_title, parse_heading
from .settings import DEFAULT_SETTINGS, StructureSettings, relaxed_heading_settings

WEAK_STYLES = ("arabic_dot", "arabic_space", "arabic_paren")
SPACES = re.compile(r"[\s\u3000]+")
LIST_NUMBER = re.compile(r"([0-9０-９]{1,2})\s*[.．、](?![0-9０-９])")  # `3.`, `3、`: an item of a numbered list


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
        if is_code_line(heading):
            return None
        return heading if heading.style not in WEAK_STYLES or heavier else None
    return parse_named_heading(text) or unnumbered_heading(block, text, body, settings)


def is_code_line(heading: Heading) -> bool:
    """`7 else`, `9 end`, `3. for i = 1 to n`: a line of code or pseudo-code numbered in a weak style (an algorithm's
    keywords set in bold), its text opening with a lower-case Latin letter: no heading."""
    return heading.style in WEAK_STYLES and bool(re.match(r"[a-z]", heading.title))


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


def headings_in_context(blocks: list[Block], body: float | None, settings: StructureSettings = DEFAULT_SETTINGS
                        ) -> list[Heading | None]:
    """Per block, the heading it is (`heading_of`), and numbered lines in body type that the page sets apart as
    headings by their place: a proposal's or form's `3. 主要研究内容：` printed in the body's own type."""
    found = [heading_of(b, body, settings) for b in blocks]
    if body is None:
        return found
    texts = [i for i, b in enumerate(blocks) if b.kind == "text" and b.text.strip()]
    opened = False  # the first heading stays one: it is where the body starts (front matter is read before it)
    for k, i in enumerate(texts):
        if found[i] is not None and opened and k + 1 < len(texts) \
                and runs_on(blocks[i], blocks[texts[k + 1]], blocks, body, settings):
            found[i] = None
        opened = opened or found[i] is not None
    for i in one_character_headings(found, blocks, texts):
        found[i] = None
    for k, i in enumerate(texts):
        block = blocks[i]
        if found[i] is not None or block.font_size is None or block.n_lines > settings.heading_max_lines:
            continue
        after = blocks[texts[k + 1]] if k + 1 < len(texts) else None
        text = block.text.strip()
        heading = outline_parent(text, after, settings)
        if heading is None:
            heading = parse_heading(text, settings, typeset=True)
            if (heading is None or heading.style != "arabic_dot" or is_code_line(heading) or after is None
                    or block.n_lines != 1 or not short_line(block, blocks) or not opens_paragraph(after, body, settings)
                    or in_list(heading, since_heading(texts[:k], found, blocks), after)):  # last: it walks back
                continue
        found[i] = heading
    return found


def one_character_headings(found: list[Heading | None], blocks: list[Block], texts: list[int]) -> list[int]:
    """Unnumbered headings of one character next to another line of one character (`二` / `〇` / `一` / `七` /
    `届`): text set vertically in a drawing (a book spine's specimen) or a title read a character a line, no
    headings."""
    def single(k: int) -> bool:
        return 0 <= k < len(texts) and len(SPACES.sub("", blocks[texts[k]].text)) == 1

    return [i for k, i in enumerate(texts)
            if (heading := found[i]) is not None and heading.style == UNNUMBERED and single(k)
            and (single(k - 1) or single(k + 1))]


def runs_on(block: Block, after: Block, blocks: list[Block], body: float, settings: StructureSettings) -> bool:
    """`一、碩博士學位考試時間：上學期最慢1月20日之前提出申請，下學期最慢7月20日` / `之前提出申請，…`: a numbered
    line in body type (no heavier, no larger) filling its line to the right edge of the page's text with no stop or
    colon at its end, whose sentence goes on in the next block (the same type, no heading, within the same right
    edge, starting at most a few ems right of it: hanging under the text after the number, or indented) is the first
    line of a numbered paragraph (a regulation's or a notice's item), not a heading. (A gap before the next block
    says nothing here: Word sets one between every line of such a notice.)"""
    if block.n_lines != 1 or block.bold or block.font_size is None or block.font_size > body \
            or after.font_size != block.font_size or after.bold or short_line(block, blocks, ems=1.0) \
            or block.bbox is None or after.bbox is None:
        return False
    right = max((b.bbox[2] for b in blocks if b.kind == "text" and b.bbox and b.page_start == block.page_start),
                default=block.bbox[2])
    if block.bbox[2] < right - block.font_size or after.bbox[2] > block.bbox[2] + block.font_size:
        return False  # short of the text's right edge, or the next block runs past it (not the same column)
    text = block.text.strip()
    hanging = after.bbox[0] - block.bbox[0] <= 4 * block.font_size  # under the text after the number, or indented
    return (not re.search(r"[：:；;。.!！?？]$", text) and hanging
            and heading_of(after, body, settings) is None
            and parse_heading(after.text.strip(), settings, typeset=True) is None)


def outline_parent(text: str, after: Block | None, settings: StructureSettings) -> Heading | None:
    """`4. 完成论文的条件…等内容。` right over `4.1 研究条件`: the parent of the next heading's number is a heading,
    even a long one or one ending like a sentence (a form's numbered question)."""
    if after is None:
        return None
    child = parse_heading(after.text.strip(), settings, typeset=True)
    if child is None or child.style != "arabic_multi" or not (child.label or "").endswith(".1"):
        return None
    stripped = text.rstrip("。.．")
    relaxed = relaxed_heading_settings(settings)
    heading = parse_heading(stripped, relaxed, typeset=True)
    if heading is None or heading.style not in WEAK_STYLES or child.label != f"{heading.label}.1":
        return None
    heading.title += text[len(stripped):]  # the printed stop stays in the title
    return heading


def short_line(block: Block, blocks: list[Block], ems: float = 2.0) -> bool:
    """The block's one line ends clearly (`ems`) short of its column's right edge."""
    edge = column_edge(block, blocks)
    return edge is not None and block.bbox is not None and block.font_size is not None \
        and block.bbox[2] <= edge - ems * block.font_size


def column_edge(block: Block, blocks: list[Block]) -> float | None:
    """The right edge of the block's column: the edge most lines of the text around it on its page reach."""
    if block.bbox is None:
        return None
    x0, _, x1, _ = block.bbox
    edges: list[float] = []
    for other in blocks:
        if other.kind == "text" and other.page_start == block.page_start and other.bbox is not None \
                and other.bbox[0] < x1 and other.bbox[2] > x0:
            edges += [other.bbox[2]] * other.n_lines
    return sorted(edges)[len(edges) // 2] if edges else None


def opens_paragraph(after: Block, body: float, settings: StructureSettings) -> bool:
    """The next block starts a paragraph of its own (a first-line indent, a gap before it) or is a heading."""
    return after.indented or after.gap_before or heading_of(after, body, settings) is not None \
        or parse_heading(after.text.strip(), settings, typeset=True) is not None


def since_heading(earlier: list[int], found: list[Heading | None], blocks: list[Block]) -> list[Block]:
    """The text blocks after the last heading up to here, nearest first."""
    out: list[Block] = []
    for i in reversed(earlier):
        if found[i] is not None:
            break
        out.append(blocks[i])
    return out


def in_list(heading: Heading, since: list[Block], after: Block | None) -> bool:
    """An item of a numbered list: the previous item sits beside it, or anywhere after the last heading (an item
    running over lines and paragraphs: `1、…一案。` / its account / `2、国家开发银行诉讼案执行进展`), no heading
    itself, or the next item sits beside it, whatever its text (an item may end with a full stop). Siblings of one
    numbering are decided together: the item before read as a paragraph, this one is one too."""
    def number(block: Block | None) -> int | None:
        match = LIST_NUMBER.match(block.text.strip()) if block is not None else None
        return int(unicodedata.normalize("NFKC", match[1])) if match else None

    return any(number(b) == heading.number - 1 for b in since) or number(after) == heading.number + 1
