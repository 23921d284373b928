"""Numbered section headings (`一、`, `（一）`, `1.1`, `第一章`, `§1.`, `Ⅲ.`) and the section tree they make.

A number written with a space only (`1 引言`) is a heading style of typeset papers: text
input never reads it so (`typeset`). Headings without a number come by name (`致谢`, `附录 A`:
`back_matter.parse_named_heading`) or, in a PDF, by typography (`typography.py`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..model import Change
from ..schema.flags import SECTION_NUMBERING_GAP
from ..text import HAN, TYPE_CODE, count_han
from .line_shape import ends_sentence
from .numerals import (
    CN_DIGITS,
    CN_NUMERAL,
    CN_UNITS,
    FORMAL,
    ROMAN_NUMERAL,
    chinese_numeral,
    chinese_numeral_value,
    formal_numeral,
    roman_numeral,
    roman_numeral_value,
)
from .settings import DEFAULT_SETTINGS, StructureSettings


@dataclass
class Heading:
    # cn_dun | cn_paren | arabic_dot | arabic_multi | arabic_paren | chapter | section_cn | roman; for headings
    # without a number (back_matter.parse_named_heading) the part they open: appendix, acknowledgements ...
    style: str
    label: str | None  # the number as written, without its punctuation; None when none is printed
    title: str  # as written (raw script)
    number: int  # value of the (last component of the) label
    level: int | None = None  # fixed by the part it opens (致谢: 1), else from the numbering styles met
    part: str = "body"  # front | body | back: where the heading stands (back: after the reference list)
    label_source: str = field(default="", compare=False)  # the number as printed (`§1.`, `第一章`, `（二）`)
    page: int | None = field(default=None, compare=False)  # PDF page it is printed on (set by the body reader)


HEADING_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (style, re.compile(pattern)) for style, pattern in (
        ("section_sign", r"§\s*(?P<num>\d{1,2})\s*[.．]?\s*(?P<title>.+)"),
        ("chapter", rf"第\s*(?P<num>{CN_NUMERAL}|\d{{1,3}})\s*章\s*(?P<title>.*)"),
        ("section_cn", rf"第\s*(?P<num>{CN_NUMERAL}|\d{{1,3}})\s*[节節]\s*(?P<title>.*)"),
        ("cn_dun", rf"(?P<num>{CN_NUMERAL})\s*[、.．]\s*(?P<title>.+)"),
        ("cn_paren", rf"[(（]\s*(?P<num>{CN_NUMERAL})\s*[)）]\s*(?P<title>.+)"),
        ("arabic_paren", r"[(（]\s*(?P<num>\d{1,2})\s*[)）]\s*(?P<title>.+)"),
        ("arabic_multi", r"(?P<num>\d{1,2}(?:\s*[.．]\s*\d{1,2})+)[.．]?(?!\d)\s*(?P<title>.+)"),
        ("arabic_dot", r"(?P<num>\d{1,2})\s*[.．、](?!\d)\s*(?P<title>.+)"),
        ("roman", rf"(?P<num>{ROMAN_NUMERAL})\s*[.．、]\s*(?P<title>[{HAN}A-Z“《(（].*)"),
        ("arabic_space", r"(?P<num>\d{1,2})\s+(?P<title>\D.*)"),
    )
)
# what every pattern above starts with: § 第 a bracket, a digit, a Chinese or Roman numeral (most lines do not)
HEADING_START = re.compile(rf"[§第(（\d{''.join(CN_DIGITS)}{''.join(CN_UNITS)}ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫIVX]")
TITLE_MAY_BE_EMPTY = ("chapter", "section_cn")
TYPESET_ONLY = ("arabic_space",)  # styles a typeset paper shows by size or weight, not by punctuation
UNNUMBERED = "unnumbered"
# U+FFFD: a glyph that cannot be read (a CJK font's without Unicode: a Han character as printed)
TITLE_START = re.compile(rf"[{HAN}A-Za-z“‘\"'《〈(（【\[\ufffd]")


def heading_number(label: str) -> int | None:
    last = label.split(".")[-1]
    if last.isdigit():
        return int(last)
    return chinese_numeral_value(last) or roman_numeral_value(last)


def is_heading_title(style: str, title: str, settings: StructureSettings) -> bool:
    """Short, starts like a title, no sentence inside or at its end, not a reference entry."""
    if not title:
        return style in TITLE_MAY_BE_EMPTY
    return (count_han(title) <= settings.max_heading_han
            and len(title) <= settings.max_heading_chars
            and bool(TITLE_START.match(title))
            and not ends_sentence(title)
            and "。" not in title
            and not TYPE_CODE.search(title))


def parse_heading(line: str, settings: StructureSettings = DEFAULT_SETTINGS, typeset: bool = False) -> Heading | None:
    """A numbered section heading (`一、`, `（一）`, `1.`, `1.1`, `(1)`, `第一章`, `第一节`, `§1.`),
    or None; `1 引言` only in a typeset paper (`typeset`)."""
    if "\t" in line.strip():  # a table row
        return None
    text = line.strip(" \u3000\u00a0\ufeff")
    if not HEADING_START.match(text):
        return None
    for style, pattern in HEADING_PATTERNS:
        if style in TYPESET_ONLY and not typeset:
            continue
        match = pattern.fullmatch(text)
        if not match:
            continue
        label = unicodedata.normalize("NFKC", re.sub(r"\s+", "", match["num"]))  # １．１ -> 1.1
        title = match["title"].strip(" \u3000\u00a0")
        number = heading_number(label)
        if number is None or not is_heading_title(style, title, settings):
            return None
        label_source = text[: match.start("title")].strip(" \u3000\u00a0") if title else text
        return Heading(style=style, label=label, title=title, number=number, label_source=label_source)
    return None


def level_key(heading: Heading) -> str:
    """`1.1` and `1.1.1` share a style but not a level; `1.` and `1 ` are one style; `壹、` and `一、` are two."""
    if heading.style == "arabic_space":
        return "arabic_dot"
    if heading.style == "arabic_multi":
        return f"arabic_multi/{(heading.label or '').count('.') + 1}"
    if heading.label and heading.label[0] in FORMAL:
        return f"{heading.style}/formal"  # 壹、 over 一、: a level of its own
    return heading.style


def format_number(heading: Heading, number: int) -> str:
    label = heading.label or ""
    if heading.style == "roman":
        return roman_numeral(number)
    if label.isascii() and label.isalpha():
        return chr(ord("A") + number - 1)
    if label and label[0] in FORMAL:
        return formal_numeral(number)
    if heading.style in ("cn_dun", "cn_paren") or not label[:1].isdigit():
        return chinese_numeral(number)
    prefix = label.rpartition(".")[0]
    return f"{prefix}.{number}" if prefix else str(number)


def build_section_rows(headings: list[Heading]) -> tuple[list[dict], list[Change]]:
    """Section rows (section_no, level, parent_section_no, label, title) and numbering-gap flags.

    The first numbering style met is level 1, the next new one level 2, and so on (a
    heading whose part fixes its level, such as 致谢, keeps it); the parent is the nearest
    preceding heading of a lower level. Numbering is checked among siblings (same
    parent, same level) and kept as written; a heading without a number is not checked.
    """
    levels: dict[str, int] = {}
    last_number: dict[tuple, int] = {}
    rows: list[dict] = []
    changes: list[Change] = []
    for section_no, heading in enumerate(headings, start=1):
        level = heading.level or levels.setdefault(level_key(heading), len(levels) + 1)
        parent = next((row for row in reversed(rows) if row["level"] < level), None)
        parent_no = parent["section_no"] if parent else None
        rows.append({"section_no": section_no, "level": level, "parent_section_no": parent_no,
                     "label": heading.label, "title": heading.title, "part": heading.part})
        if heading.label is None:
            continue
        siblings = (parent_no, level, heading.label.rpartition(".")[0])  # 2.1 restarts after 1.3
        expected = last_number.get(siblings, 0) + 1
        if heading.number != expected:
            changes.append(SECTION_NUMBERING_GAP.change(
                f"section {section_no} ({heading.label} {heading.title}): "
                f"expected {format_number(heading, expected)}, found {heading.label}",
                original=heading.label))
        last_number[siblings] = heading.number
    return rows, changes
