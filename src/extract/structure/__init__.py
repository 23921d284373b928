"""Raw lines of a paper -> its parts, headings and their tree, front matter, back matter, body, call-outs.

Pure functions over text as decoded (not yet normalized): every rule accepts both
Simplified and Traditional script, full- and half-width punctuation, stray spaces
between Han characters and web-conversion pinyin annotations (`語(yǔ)言`).
One module per concern: `document` (a paper's blocks -> front matter, body, reference
list, back matter), `labels` (front-matter labels, declared once, and identifiers),
`dates`, `authors`, `titles`, `front_matter` (reading the fields wherever they are
printed), `reference_list` (where the list starts and ends), `back_matter` (notes,
headings without a number, biographies), `numerals`, `headings` (and the section tree),
`captions` (captions, table notes, call-outs), `body` (body blocks -> headings,
paragraph pieces, tables) and `paragraphs` (pieces -> paragraphs); `lines` and
`settings` are what they share.

Heading labels: `label` is the number as written without its punctuation
(`一` for `一、`, `（一）` and `第一章`; `1` for `1.`; `1.2` for `1.2`); the style
tells which kind of number it is (`chapter` for `第一章`, `section_cn` for `第一节`).
"""

from .authors import split_affiliation_position
from .back_matter import is_back_matter_line, parse_back_matter
from .captions import find_mentions, is_table_note, parse_caption
from .front_matter import FrontMatter, find_body_start, parse_front_matter
from .headings import Heading, build_section_rows, parse_heading
from .labels import find_doi, split_keywords
from .numerals import chinese_numeral, chinese_numeral_value
from .settings import DEFAULT_SETTINGS, StructureSettings

__all__ = [
    "DEFAULT_SETTINGS",
    "FrontMatter",
    "Heading",
    "StructureSettings",
    "build_section_rows",
    "chinese_numeral",
    "chinese_numeral_value",
    "find_body_start",
    "find_doi",
    "find_mentions",
    "is_back_matter_line",
    "is_table_note",
    "parse_back_matter",
    "parse_caption",
    "parse_front_matter",
    "parse_heading",
    "split_affiliation_position",
    "split_keywords",
]
