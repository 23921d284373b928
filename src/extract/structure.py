"""Raw lines of a paper -> headings and their tree, front matter, back matter, figure/table call-outs.

Pure functions over text as decoded (not yet normalized): every rule accepts both
Simplified and Traditional script, full- and half-width punctuation, stray spaces
between Han characters and web-conversion pinyin annotations (`語(yǔ)言`).

Heading labels: `label` is the number as written without its punctuation
(`一` for `一、`, `（一）` and `第一章`; `1` for `1.`; `1.2` for `1.2`); the style
tells which kind of number it is (`chapter` for `第一章`, `section_cn` for `第一节`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .model import Change
from .text import (
    CJK,
    DOI_BODY,
    FULL_STOPS,
    HAN,
    HAN_RE,
    SENTENCE_FINAL,
    SPACES,
    TYPE_CODE,
    PINYIN_LETTERS,
    count_han,
    join_field_lines,
    strip_trailing_punctuation,
)

LATIN_LETTER = re.compile(r"[A-Za-z]")
DIGIT = re.compile(r"\d")
SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}])[{SPACES}]+(?=[{CJK}])")
# a heading, title or caption never ends like a sentence; nor with a full stop, though body
# text does not count it (a period also ends abbreviations and numbers there)
ENDS_SENTENCE = tuple(SENTENCE_FINAL | FULL_STOPS)
# A lowercase word in brackets right after Han is a pinyin annotation or an English gloss
# (`脱钩(decoupling)`): either way its letters must not make a Chinese line look English.
BRACKETED_GLOSS = re.compile(rf"(?<=[{HAN}])\([{PINYIN_LETTERS}]+\)")


@dataclass(frozen=True)
class StructureSettings:
    """Every threshold the structure rules use, with the value that fits Chinese papers."""

    max_heading_han: int = 40  # Han characters in a heading title (after its label)
    max_heading_chars: int = 120  # all characters of a heading title, annotations included
    min_title_han: int = 4
    max_title_han: int = 80
    min_title_en_words: int = 3
    script_majority: float = 0.6  # share of letters that makes a line Chinese or English
    max_name_han: int = 4  # Han personal names: 2..4 characters (or with `·`)
    body_start_lookahead: int = 10  # numbered lines this close before 摘要/关键词 are front matter
    front_matter_max_lines: int = 40  # where labels are looked for when a paper has no heading
    max_caption_chars: int = 100


DEFAULT_SETTINGS = StructureSettings()


# ---------------------------------------------------------------- text helpers

def script_of(text: str, settings: StructureSettings = DEFAULT_SETTINGS) -> str | None:
    """"zh" when most letters are Han, "en" when most are Latin, else None."""
    text = BRACKETED_GLOSS.sub("", text)
    han, latin = count_han(text), len(LATIN_LETTER.findall(text))
    if han + latin == 0:
        return None
    if han / (han + latin) >= settings.script_majority:
        return "zh"
    if latin / (han + latin) >= settings.script_majority:
        return "en"
    return None


def remove_spaces_between_han(text: str) -> str:
    return SPACE_BETWEEN_CJK.sub("", text)


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(ENDS_SENTENCE)


# ---------------------------------------------------------------- numerals

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100}
CN_NUMERAL = "[〇零一二两兩三四五六七八九十百]+"


def chinese_numeral_value(text: str) -> int | None:
    """一 -> 1, 十一 -> 11, 二十 -> 20, 九十九 -> 99, 一百零一 -> 101; None when not a numeral."""
    total, current = 0, None
    for char in text:
        if char in CN_DIGITS:
            current = CN_DIGITS[char]
        elif char in CN_UNITS:
            total += (1 if current is None else current) * CN_UNITS[char]
            current = None
        else:
            return None
    value = total + (current or 0)
    return value if text and (value or text in ("〇", "零")) else None


def chinese_numeral(number: int) -> str:
    """1 -> 一, 11 -> 十一, 20 -> 二十 (Arabic digits from 100 on)."""
    digits = "〇一二三四五六七八九"
    if number < 10:
        return digits[number]
    if number >= 100:
        return str(number)
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


# ---------------------------------------------------------------- headings

@dataclass
class Heading:
    style: str  # cn_dun | cn_paren | arabic_dot | arabic_multi | arabic_paren | chapter | section_cn
    label: str  # the number as written, without its punctuation
    title: str  # as written (raw script)
    number: int  # value of the (last component of the) label


HEADING_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (style, re.compile(pattern)) for style, pattern in (
        ("chapter", rf"第\s*(?P<num>{CN_NUMERAL}|\d{{1,3}})\s*章\s*(?P<title>.*)"),
        ("section_cn", rf"第\s*(?P<num>{CN_NUMERAL}|\d{{1,3}})\s*[节節]\s*(?P<title>.*)"),
        ("cn_dun", rf"(?P<num>{CN_NUMERAL})\s*[、.．]\s*(?P<title>.+)"),
        ("cn_paren", rf"[(（]\s*(?P<num>{CN_NUMERAL})\s*[)）]\s*(?P<title>.+)"),
        ("arabic_paren", r"[(（]\s*(?P<num>\d{1,2})\s*[)）]\s*(?P<title>.+)"),
        ("arabic_multi", r"(?P<num>\d{1,2}(?:\s*[.．]\s*\d{1,2})+)[.．]?(?!\d)\s*(?P<title>.+)"),
        ("arabic_dot", r"(?P<num>\d{1,2})\s*[.．、](?!\d)\s*(?P<title>.+)"),
    )
)
TITLE_MAY_BE_EMPTY = ("chapter", "section_cn")
TITLE_START = re.compile(rf"[{HAN}A-Za-z“‘\"'《〈(（【\[]")


def heading_number(label: str) -> int | None:
    last = label.split(".")[-1]
    return int(last) if last.isdigit() else chinese_numeral_value(last)


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


def parse_heading(line: str, settings: StructureSettings = DEFAULT_SETTINGS) -> Heading | None:
    """A numbered section heading (`一、`, `（一）`, `1.`, `1.1`, `(1)`, `第一章`, `第一节`), or None."""
    if "\t" in line.strip():  # a table row
        return None
    text = line.strip(" \u3000\u00a0\ufeff")
    for style, pattern in HEADING_PATTERNS:
        match = pattern.fullmatch(text)
        if not match:
            continue
        label = unicodedata.normalize("NFKC", re.sub(r"\s+", "", match["num"]))  # １．１ -> 1.1
        title = match["title"].strip(" \u3000\u00a0")
        number = heading_number(label)
        if number is None or not is_heading_title(style, title, settings):
            return None
        return Heading(style=style, label=label, title=title, number=number)
    return None


def level_key(heading: Heading) -> str:
    """`1.1` and `1.1.1` share a style but not a level."""
    if heading.style == "arabic_multi":
        return f"arabic_multi/{heading.label.count('.') + 1}"
    return heading.style


def format_number(heading: Heading, number: int) -> str:
    if heading.style in ("cn_dun", "cn_paren") or not heading.label[0].isdigit():
        return chinese_numeral(number)
    prefix = heading.label.rpartition(".")[0]
    return f"{prefix}.{number}" if prefix else str(number)


def build_section_rows(headings: list[Heading]) -> tuple[list[dict], list[Change]]:
    """Section rows (section_no, level, parent_section_no, label, title) and numbering-gap flags.

    The first numbering style met is level 1, the next new one level 2, and so on;
    the parent is the nearest preceding heading of a lower level. Numbering is
    checked among siblings (same parent, same level) and kept as written.
    """
    levels: dict[str, int] = {}
    last_number: dict[tuple, int] = {}
    rows: list[dict] = []
    changes: list[Change] = []
    for section_no, heading in enumerate(headings, start=1):
        level = levels.setdefault(level_key(heading), len(levels) + 1)
        parent = next((row for row in reversed(rows) if row["level"] < level), None)
        parent_no = parent["section_no"] if parent else None
        siblings = (parent_no, level, heading.label.rpartition(".")[0])  # 2.1 restarts after 1.3
        expected = last_number.get(siblings, 0) + 1
        if heading.number != expected:
            changes.append(Change(
                stage="structure", kind="section_numbering_gap", severity="warning",
                detail=(f"section {section_no} ({heading.label} {heading.title}): "
                        f"expected {format_number(heading, expected)}, found {heading.label}"),
                original=heading.label))
        last_number[siblings] = heading.number
        rows.append({"section_no": section_no, "level": level, "parent_section_no": parent_no,
                     "label": heading.label, "title": heading.title})
    return rows, changes


# ---------------------------------------------------------------- front matter: labels

OPEN_BRACKET, CLOSE_BRACKET = r"[\[【〔]?\s*", r"\s*[\]】〕]?"
FRONT_MATTER_LABELS: tuple[tuple[str, str], ...] = (
    ("abstract_zh", r"摘\s*要|内\s*容\s*提\s*要|內\s*容\s*提\s*要"),
    ("keywords_zh", r"关\s*键\s*[词字]|關\s*鍵\s*[詞字]"),
    ("abstract_en", r"(?i:abstract)"),
    ("keywords_en", r"(?i:key\s*words?)"),
    ("doi", r"(?i:doi)"),
    ("issn", r"(?i:issn)"),
    ("other", r"中图分类号|中圖分類號|文献标识码|文獻標識碼|文章编号|文章編號|收稿日期|修回日期|"
              r"作者简介|作者簡介|通讯作者|通訊作者|引用格式|基金项目|基金項目|网络出版|網絡出版|"
              r"(?i:CLC\s*number|document\s*code|article\s*id)"),
)
FRONT_MATTER_LABEL_PATTERNS = tuple(
    (kind, re.compile(rf"{OPEN_BRACKET}(?:{label}){CLOSE_BRACKET}(?:\s*[:：]|(?<=[\]】〕])|\s+|$)\s*(?P<rest>.*)"))
    for kind, label in FRONT_MATTER_LABELS
)
ABSTRACT_AND_KEYWORD_LABELS = ("abstract_zh", "abstract_en", "keywords_zh", "keywords_en")

DOI = re.compile(rf"(?i)\bdoi\s*[:：]?\s*({DOI_BODY})")
ISSN = re.compile(r"(?i)\bissn\s*[:：]?\s*(\d{4})\s*-?\s*(\d{3}[\dX])\b")
ISSN_IN_DOI = re.compile(r"(?i)issn\.?(\d{4})-?(\d{3}[\dX])(?:\.((?:19|20)\d{2}))?")
YEAR_IN_DOI = re.compile(r"(?<=[./])((?:19|20)\d{2})(?=[./-])")
ISSUE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年\s*第\s*\d+\s*期")
ISSUE_LINE = re.compile(r"第\s*\d+\s*[卷期辑輯]|(?:19|20)\d{2}\s*年\s*(?:第\s*\d+\s*期|\d{1,2}\s*月)|(?i:\bvol\.|\bno\.)")
REFERENCE_ENTRY = re.compile(r"^\s*[\[［]\d+[\]］]")


def front_matter_label(line: str) -> tuple[str, str] | None:
    """(kind, text after the label) for 摘要/Abstract/关键词/Key words/DOI/ISSN/other labels."""
    text = line.strip()
    for kind, pattern in FRONT_MATTER_LABEL_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return kind, match["rest"].strip()
    return None


def find_doi(text: str) -> str | None:
    """The first `DOI: 10.xxxx/...` outside reference-list entries."""
    for line in text.splitlines():
        match = None if REFERENCE_ENTRY.match(line) else DOI.search(line)
        if match:
            return strip_trailing_punctuation(match[1])
    return None


def issn_and_year_from_doi(doi: str) -> tuple[str | None, int | None]:
    """`10.1234/j.issn.1000-0000.2020.02.003` -> ("1000-0000", 2020)."""
    match = ISSN_IN_DOI.search(doi)
    if match:
        year = match[3] or None
        return f"{match[1]}-{match[2].upper()}", int(year) if year else None
    year_match = YEAR_IN_DOI.search(doi.partition("/")[2])
    return None, int(year_match[1]) if year_match else None


KEYWORD_SEPARATORS = re.compile(r"[;；，,]")


def split_keywords(text: str, lang: str) -> list[str]:
    """`a；b；c` -> [a, b, c]. Chinese lists without punctuation are split on runs of spaces."""
    text = text.strip().rstrip("。.")
    if lang == "zh" and not KEYWORD_SEPARATORS.search(text):
        parts = text.split()
    else:
        parts = KEYWORD_SEPARATORS.split(text)
    return [part.strip() for part in parts if part.strip()]


# ---------------------------------------------------------------- front matter: authors

POSITION_TITLES = (
    "教授", "副教授", "助理教授", "特聘教授", "讲师", "講師", "研究员", "研究員", "副研究员", "副研究員",
    "助理研究员", "助理研究員", "博士研究生", "硕士研究生", "碩士研究生", "博士生", "硕士生", "碩士生",
    "博士后", "博士後", "研究生", "博士生导师", "博士生導師", "院长", "院長", "副院长", "副院長",
    "所长", "所長", "副所长", "副所長", "主任", "副主任", "高级工程师", "高級工程師", "工程师", "工程師",
    "博士", "硕士", "碩士",
)
POSITIONS_LONGEST_FIRST = tuple(sorted(set(POSITION_TITLES), key=len, reverse=True))
INSTITUTION_WORDS = ("大学", "大學", "学院", "學院", "研究院", "研究所", "研究中心", "中心", "科学院", "科學院",
                     "学校", "學校", "委员会", "委員會", "公司", "银行", "銀行", "部", "局", "院", "所")
BYLINE_MARKERS = ("文", "撰文", "文字", "作者")
BYLINE_MARKER = re.compile(rf"^(?:{'|'.join(BYLINE_MARKERS)})\s*[\\/|｜]\s*")
BYLINE_SEPARATOR = re.compile(r"[\\|｜]|(?<=\s)/(?=\s)")
BYLINE_SEPARATOR_AFTER_MARKER = re.compile(r"[\\|｜/]")  # after `文/` a bare slash separates too
HAN_NAME = rf"[{HAN}]+·[{HAN}·]+|[{HAN}]{{2,4}}"
LATIN_NAME = r"[A-Z][A-Za-z'’\-]*(?:\s+[A-Z][A-Za-z'’\-]*){1,2}"
AUTHOR_MARK = r"(?:\d{1,2}(?:\s*[,，]\s*\d{1,2})*\s*\*?|[¹²³⁴⁵⁶⁷⁸⁹⁰*]+)"
NAME_LIST_SEPARATOR = r"(?:\s*[，,、;；]\s*|\s+)"
NAME_ENTRY = re.compile(rf"(?P<name>{HAN_NAME})\s*(?P<marks>{AUTHOR_MARK})?")
NAME_LIST = re.compile(rf"(?:{HAN_NAME})\s*{AUTHOR_MARK}?(?:{NAME_LIST_SEPARATOR}(?:{HAN_NAME})\s*{AUTHOR_MARK}?)*")
LATIN_NAME_LIST = re.compile(
    rf"{LATIN_NAME}\s*{AUTHOR_MARK}?(?:(?:\s*[,;]\s*|\s+and\s+){LATIN_NAME}\s*{AUTHOR_MARK}?)*")
NAME_WITH_AFFILIATION = re.compile(rf"(?P<name>{HAN_NAME})\s*[（(](?P<affiliation>[^（）()]+)[）)]")
AUTHOR_LABEL = re.compile(r"(?:作\s*者|(?i:authors?))\s*[:：]\s*(?P<rest>.+)")
NUMBERED_AFFILIATION = re.compile(rf"(?P<mark>\d{{1,2}})\s*[.．、]?\s*(?P<text>[{HAN}].*)")
POSTAL_TAIL = re.compile(r"\s*[，,][^，,]*\d{5,6}.*$")
SUPERSCRIPT_DIGITS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
ENGLISH_AFFILIATION = re.compile(r"\b(?:University|Institute|School of|College|Academy|Department|Centre|Center)\b"
                                 r"|\b\d{5,6}\b")


@dataclass
class AuthorDraft:
    name_zh: str | None = None
    name_en: str | None = None
    marks: tuple[str, ...] = ()  # affiliation numbers written after the name
    affiliations: list[tuple[str | None, str | None]] = field(default_factory=list)  # (affiliation, position)

    def row(self) -> dict:
        affiliations = [a for a, _ in self.affiliations if a]
        positions = [p for _, p in self.affiliations if p]
        return {"name_zh": self.name_zh, "name_en": self.name_en,
                "affiliation": "；".join(affiliations) or None, "position": "；".join(positions) or None}


def is_han_name(text: str, settings: StructureSettings = DEFAULT_SETTINGS) -> bool:
    if "·" in text:
        return bool(re.fullmatch(HAN_NAME, text))
    return bool(re.fullmatch(f"[{HAN}]+", text)) and 2 <= len(text) <= settings.max_name_han


def split_affiliation_position(text: str) -> tuple[str | None, str | None]:
    """`北京大学副教授` -> (`北京大学`, `副教授`); city and postcode after a comma dropped."""
    rest = POSTAL_TAIL.sub("", text).strip()
    positions: list[str] = []
    while True:
        rest = rest.rstrip(" \u3000、，,")
        title = next((p for p in POSITIONS_LONGEST_FIRST if rest.endswith(p)), None)
        if title is None:
            break
        positions.insert(0, title)
        rest = rest[: -len(title)]
    return rest or None, "、".join(positions) or None


def looks_like_institution(text: str) -> bool:
    return any(word in text for word in INSTITUTION_WORDS)


def parse_byline_authors(line: str, settings: StructureSettings = DEFAULT_SETTINGS) -> list[AuthorDraft] | None:
    """`文 \\ 张三 \\ Zhang San \\ 北京大学教授` (the by-line marker is optional)."""
    text = line.strip()
    separator = BYLINE_SEPARATOR_AFTER_MARKER if BYLINE_MARKER.match(text) else BYLINE_SEPARATOR
    parts = [p.strip() for p in separator.split(BYLINE_MARKER.sub("", text)) if p.strip()]
    if len(parts) < 2 or not is_han_name(parts[0], settings):
        return None
    name_en = next((p for p in parts[1:] if re.fullmatch(LATIN_NAME, p)), None)
    rest = [p for p in parts[1:] if p != name_en]
    author = AuthorDraft(name_zh=parts[0], name_en=name_en)
    if rest:
        author.affiliations.append(split_affiliation_position(" ".join(rest)))
    return [author]


def parse_name_affiliation_authors(line: str,
                                   settings: StructureSettings = DEFAULT_SETTINGS) -> list[AuthorDraft] | None:
    """`张三（北京大学 政府管理学院，北京 100871）`, possibly several on one line."""
    text = line.strip()
    if not re.fullmatch(rf"(?:{NAME_WITH_AFFILIATION.pattern}\s*[，,;；、]?\s*)+", text):
        return None
    authors = []
    for match in NAME_WITH_AFFILIATION.finditer(text):
        if not is_han_name(match["name"], settings) or not looks_like_institution(match["affiliation"]):
            return None
        authors.append(AuthorDraft(name_zh=match["name"],
                                   affiliations=[split_affiliation_position(match["affiliation"])]))
    return authors


def parse_name_list_authors(line: str, title_found: bool,
                            settings: StructureSettings = DEFAULT_SETTINGS) -> list[AuthorDraft] | None:
    """`张三 1，李四 2` or `张三，李四`; a lone unmarked name counts only once the title is known."""
    text = line.strip()
    if not NAME_LIST.fullmatch(text):
        return None
    authors = []
    for match in NAME_ENTRY.finditer(text):
        if not is_han_name(match["name"], settings):
            return None
        marks = tuple(re.findall(r"\d+", (match["marks"] or "").translate(SUPERSCRIPT_DIGITS)))
        authors.append(AuthorDraft(name_zh=match["name"], marks=marks))
    marked = any(a.marks for a in authors) or "*" in text
    return authors if marked or len(authors) >= 2 or title_found else None


def parse_labelled_authors(line: str, settings: StructureSettings = DEFAULT_SETTINGS) -> list[AuthorDraft] | None:
    """`作者：张三，李四` or `作者：张三（北京大学）`."""
    match = AUTHOR_LABEL.fullmatch(line.strip())
    if not match:
        return None
    rest = match["rest"]
    return parse_name_affiliation_authors(rest, settings) or parse_name_list_authors(rest, True, settings)


def parse_author_line(line: str, title_found: bool,
                      settings: StructureSettings = DEFAULT_SETTINGS) -> list[AuthorDraft] | None:
    """Authors written on one line in any of the supported forms, or None."""
    return (parse_byline_authors(line, settings)
            or parse_labelled_authors(line, settings)
            or parse_name_affiliation_authors(line, settings)
            or parse_name_list_authors(line, title_found, settings))


def parse_affiliation_line(line: str,
                           settings: StructureSettings = DEFAULT_SETTINGS) -> list[tuple[str | None, str]] | None:
    """`(1. 北京大学 经济学院，北京 100871；2. ...)` or `1. 北京大学...` -> [(mark, text)]."""
    text = line.strip()
    bracketed = text[:1] in "(（" and text[-1:] in ")）"
    inner = text[1:-1].strip() if bracketed else text
    if not (bracketed or NUMBERED_AFFILIATION.match(inner)) or script_of(inner, settings) != "zh":
        return None
    entries = []
    for entry in (e.strip() for e in re.split(r"[；;]", inner)):
        numbered = NUMBERED_AFFILIATION.fullmatch(entry)
        mark, affiliation = (numbered["mark"], numbered["text"]) if numbered else (None, entry)
        if entry:
            entries.append((mark, affiliation))
    return entries if entries and all(looks_like_institution(a) for _, a in entries) else None


def assign_affiliations(authors: list[AuthorDraft], entries: list[tuple[str | None, str]]) -> None:
    """Numbered affiliations go to the authors carrying that number; an unnumbered one to all without one."""
    for mark, text in entries:
        parsed = split_affiliation_position(text)
        for author in authors:
            if (mark is not None and mark in author.marks) or (mark is None and not author.affiliations):
                author.affiliations.append(parsed)


def assign_english_names(authors: list[AuthorDraft], line: str) -> bool:
    """`ZHANG San1, LI Si2` after the Chinese names: one English name per author, in order."""
    if not LATIN_NAME_LIST.fullmatch(line.strip()):
        return False
    names = re.findall(LATIN_NAME, line)
    waiting = [a for a in authors if a.name_en is None]
    if not waiting or len(names) != len(waiting):
        return False
    for author, name in zip(waiting, names):
        author.name_en = name
    return True


# ---------------------------------------------------------------- front matter: titles

def is_title_zh(line: str, settings: StructureSettings = DEFAULT_SETTINGS) -> bool:
    """A mostly-Han line of title length that is not a sentence, a note in brackets or an issue line."""
    han = count_han(line)
    letters = han + len(LATIN_LETTER.findall(BRACKETED_GLOSS.sub("", line))) + len(DIGIT.findall(line))
    return (script_of(line, settings) == "zh"
            and settings.min_title_han <= han <= settings.max_title_han
            and han / letters >= settings.script_majority
            and line[:1] not in "([（【〔"
            and not ends_sentence(line) and "。" not in line
            and not ISSUE_LINE.search(line))


def is_title_en(line: str, settings: StructureSettings = DEFAULT_SETTINGS) -> bool:
    return (script_of(line, settings) == "en"
            and len(line.split()) >= settings.min_title_en_words
            and line[:1] not in "([（【〔" and not line[:1].isdigit()
            and not ENGLISH_AFFILIATION.search(line)
            and not LATIN_NAME_LIST.fullmatch(line)
            and not ends_sentence(line))


# ---------------------------------------------------------------- front matter: assembly

@dataclass
class FrontMatter:
    title_zh: str | None = None
    title_en: str | None = None
    authors: list[dict] = field(default_factory=list)  # name_zh, name_en, affiliation, position
    abstract_zh: str | None = None
    abstract_en: str | None = None
    keywords: list[tuple[str, str]] = field(default_factory=list)  # (keyword as written, "zh"|"en")
    doi: str | None = None
    issn: str | None = None
    year: int | None = None
    unplaced: list[str] = field(default_factory=list)  # every line no field took (other labels included)
    body_lines: list[str] = field(default_factory=list)  # unplaced lines after the last front-matter line


@dataclass
class FrontMatterReader:
    """Line-by-line state of front-matter parsing; `previous` is what the last line was."""

    settings: StructureSettings
    front: FrontMatter = field(default_factory=FrontMatter)
    authors: list[AuthorDraft] = field(default_factory=list)
    titles: dict[str, list[str]] = field(default_factory=lambda: {"zh": [], "en": []})
    abstracts: dict[str, list[str]] = field(default_factory=lambda: {"zh": [], "en": []})
    previous: str | None = None
    issue_year: int | None = None

    def read(self, line: str) -> str | None:
        """Place one line; returns the kind it was placed as, or None."""
        self.take_identifiers(line)
        label = front_matter_label(line)
        if label:
            return self.place_label(*label)
        for place in (self.continue_abstract, self.place_authors, self.place_author_details, self.place_title):
            kind = place(line)
            if kind:
                return kind
        return None

    def take_identifiers(self, line: str) -> None:
        front = self.front
        front.doi = front.doi or find_doi(line)
        issn = ISSN.search(line)
        if issn and not front.issn:
            front.issn = f"{issn[1]}-{issn[2].upper()}"
        issue = ISSUE_YEAR.search(line)
        if issue and len(line) <= 40:
            self.issue_year = self.issue_year or int(issue[1])

    def place_label(self, kind: str, rest: str) -> str | None:
        if kind in ("abstract_zh", "abstract_en"):
            self.abstracts[kind[-2:]].append(rest)
            return kind
        if kind in ("keywords_zh", "keywords_en"):
            lang = kind[-2:]
            self.front.keywords.extend((k, lang) for k in split_keywords(rest, lang))
            return kind
        return kind if kind in ("doi", "issn") else "other_label"

    def continue_abstract(self, line: str) -> str | None:
        if self.previous in ("abstract_zh", "abstract_en") and script_of(line, self.settings) == self.previous[-2:]:
            self.abstracts[self.previous[-2:]].append(line)
            return self.previous
        return None

    def place_authors(self, line: str) -> str | None:
        found = parse_author_line(line, bool(self.titles["zh"] or self.titles["en"]), self.settings)
        if found:
            self.authors.extend(found)
            return "authors"
        return None

    def place_author_details(self, line: str) -> str | None:
        """Affiliation lines right under the names; English names wherever they come (often under the English title)."""
        if not self.authors:
            return None
        entries = parse_affiliation_line(line, self.settings)
        if entries and self.previous in ("authors", "affiliation"):
            assign_affiliations(self.authors, entries)
            return "affiliation"
        return "names_en" if assign_english_names(self.authors, line) else None

    def place_title(self, line: str) -> str | None:
        for lang, accepts in (("zh", is_title_zh), ("en", is_title_en)):
            kind = f"title_{lang}"
            started = bool(self.titles[lang])
            if accepts(line, self.settings) and (not started or self.previous == kind):
                if lang == "en" and self.abstracts["en"]:
                    return None  # an English title comes before the English abstract
                self.titles[lang].append(line)
                return kind
        return None

    def finish(self) -> FrontMatter:
        front = self.front
        if self.titles["zh"]:
            front.title_zh = remove_spaces_between_han(join_field_lines(self.titles["zh"]))
        if self.titles["en"]:
            front.title_en = join_field_lines(self.titles["en"])
        front.abstract_zh = join_field_lines(self.abstracts["zh"]) or None
        front.abstract_en = join_field_lines(self.abstracts["en"]) or None
        front.authors = [author.row() for author in self.authors]
        doi_issn, doi_year = issn_and_year_from_doi(front.doi) if front.doi else (None, None)
        front.issn = front.issn or doi_issn
        front.year = doi_year or self.issue_year
        return front


def parse_front_matter(lines: list[str], settings: StructureSettings = DEFAULT_SETTINGS) -> FrontMatter:
    """Titles, authors, abstracts, keywords and identifiers from the lines before the first heading."""
    reader = FrontMatterReader(settings)
    cleaned = [line.strip() for line in lines if line.strip()]
    last_front_line = -1
    for index, line in enumerate(cleaned):
        kind = reader.read(line)
        if kind in (None, "other_label"):
            reader.front.unplaced.append(line)
        if kind is not None:
            last_front_line = index
        reader.previous = kind
    front = reader.finish()
    front.body_lines = cleaned[last_front_line + 1:]
    return front


def find_body_start(lines: list[str], settings: StructureSettings = DEFAULT_SETTINGS) -> int:
    """Index of the first section heading that is not followed closely by 摘要/关键词 labels.

    A paper without headings starts its body after its last front-matter label
    (looked for in its first lines), or at 0 when it has none.
    """
    for index, line in enumerate(lines):
        if line and parse_heading(line, settings) and not labels_follow(lines, index, settings):
            return index
    head = lines[: settings.front_matter_max_lines]
    labelled = [i for i, line in enumerate(head) if line and front_matter_label(line)]
    return labelled[-1] + 1 if labelled else 0


def labels_follow(lines: list[str], index: int, settings: StructureSettings) -> bool:
    window = [line for line in lines[index + 1:] if line][: settings.body_start_lookahead]
    return any((front_matter_label(line) or ("",))[0] in ABSTRACT_AND_KEYWORD_LABELS for line in window)


# ---------------------------------------------------------------- back matter

NOTE_DECORATION = " \u3000*＊■□◆◇●○※★☆①†"
FUNDING_LABEL = re.compile(
    r"(?:基金项目|基金項目|项目基金|項目基金|资助项目|資助項目|基金资助|基金資助|(?i:fund(?:ing|ed\s+by)?|foundation\s+items?))"
    r"\s*[:：]\s*(?P<text>.+)")
NOTE_LABEL = re.compile(r"(?:说明|說明|注|註|附注|附註|致谢|致謝)\s*[:：]\s*(?P<text>.+)")
# `本文系统…` (系统 "system") opens ordinary sentences, not funding notes
FUNDING_STATEMENT = re.compile(r"(?:本文|本研究|本项目|本項目|本成果)(?:系(?![统統])|为|為|是|受|获|獲|得到)")
FUNDING_WORDS = ("项目", "項目", "基金", "资助", "資助", "课题", "課題")
FUNDING_GRANTED = ("资助", "資助")
# a funding note ends on what the grant produced or gave; a body sentence opening with 本文是… does not
FUNDING_NOTE_ENDING = re.compile(r"(?:成果|资助|資助|支持|资金|資金)\s*[)）]?\s*[。.．]?$")
GRANT_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)*(?![A-Za-z0-9])")
YEAR_OR_RANGE = re.compile(r"(?:19|20)\d{2}(?:[-/](?:19|20)\d{2})?")
EDITOR_LABEL = r"(?:责任编辑|責任編輯|责编|責編)"
EDITOR_NOTE = re.compile(rf"[(（\[【]?\s*{EDITOR_LABEL}\s*[:：]?\s*(?P<name>{HAN_NAME})\s*[)）\]】]?")
EDITOR_IN_BRACKETS = re.compile(rf"[(（\[【]\s*{EDITOR_LABEL}\s*[:：]?\s*(?P<name>{HAN_NAME})\s*[)）\]】]")


def funding_text(line: str) -> str | None:
    """The text of a funding note without its label (`基金项目：`, `说明：`), or None."""
    text = line.strip(NOTE_DECORATION)
    labelled = FUNDING_LABEL.fullmatch(text)
    if labelled:
        return labelled["text"].strip()
    noted = NOTE_LABEL.fullmatch(text)
    if noted:
        text = noted["text"].strip()
    if (FUNDING_STATEMENT.match(text) and any(word in text for word in FUNDING_WORDS)
            and (FUNDING_NOTE_ENDING.search(text) or any(word in text for word in FUNDING_GRANTED))):
        return text
    return None


def grant_numbers(text: str) -> list[str]:
    """Codes such as `71773084`, `17ZDA001`, `16BGJ012`: at least five characters, four digits, not a year."""
    codes = []
    for code in GRANT_CODE.findall(text):
        if len(code) >= 5 and len(DIGIT.findall(code)) >= 4 and not YEAR_OR_RANGE.fullmatch(code):
            codes.append(code)
    return codes


def editor_name(line: str) -> str | None:
    """`责任编辑:李明`, `■ 责任编辑:李明` or `(责任编辑 张三)` at the end of a paragraph."""
    note = EDITOR_NOTE.match(line.strip(NOTE_DECORATION))
    bracketed = note or EDITOR_IN_BRACKETS.search(line)
    return bracketed["name"] if bracketed else None


def is_back_matter_line(line: str) -> bool:
    """A whole line that is a funding or editor note, kept out of the body paragraphs."""
    return funding_text(line) is not None or bool(EDITOR_NOTE.fullmatch(line.strip(NOTE_DECORATION)))


def parse_back_matter(lines: list[str]) -> dict:
    """funding (notes joined), grant_no (codes joined by `; `), editor and doi found anywhere in the paper."""
    notes = [text for text in map(funding_text, lines) if text]
    codes = list(dict.fromkeys(code for note in notes for code in grant_numbers(note)))
    editor = next((name for name in map(editor_name, lines) if name), None)
    return {"funding": " ".join(notes) or None, "grant_no": "; ".join(codes) or None,
            "editor": editor, "doi": find_doi("\n".join(lines))}


# ---------------------------------------------------------------- captions, notes and call-outs

LABEL_NUMBER = r"\d+(?:\s*[-－–—.．]\s*\d+)?"
CAPTION = re.compile(rf"(?P<kind>图|圖|表|(?i:figure|fig\.?|table))\s*(?P<num>{LABEL_NUMBER})(?!\d)"
                     rf"\s*[:：.．]?\s*(?P<text>.*)")
CAPTION_KINDS = {"图": "figure", "圖": "figure", "表": "table", "figure": "figure", "fig": "figure",
                 "fig.": "figure", "table": "table"}
LABEL_PREFIX = {"figure": "图", "table": "表"}
CALLOUT_VERBS = ("显示", "顯示", "表明", "所示", "可见", "可見", "反映", "列出", "说明", "說明", "中的", "为", "為", "是")
TABLE_NOTE = re.compile(r"(?:资料来源|資料來源|数据来源|數據來源|来源|來源|注|註|附注|附註|(?i:sources?|notes?))"
                        r"\s*\d*\s*[:：]")
MENTION = re.compile(rf"(?P<kind>[图圖表])\s*(?P<num>{LABEL_NUMBER})(?!\d)"
                     rf"|(?<![A-Za-z])(?P<kind_en>(?i:fig(?:ure)?s?\.?|tables?))\s*(?P<num_en>\d+(?:[-–.]\d+)?)(?!\d)")
# a Han character before 图/表 usually makes a word (代表, 发表, 试图) unless it introduces a call-out
CALLOUT_LEADS = set("如见見和与與及、据據由从從至到在自参參详詳另")
QUANTITY_UNITS = set("个個年月日位家多万萬亿億名项項次种種倍条條")


def normalize_label(kind: str, number: str) -> str:
    """(`table`, `1 - 2`) -> `表1-2`: Simplified 图/表, no spaces, ASCII hyphen and dot."""
    number = re.sub(r"\s+", "", number)
    number = re.sub(r"[－–—]", "-", number).replace("．", ".")
    return LABEL_PREFIX[kind] + number


def parse_caption(line: str, settings: StructureSettings = DEFAULT_SETTINGS) -> tuple[str, str, str] | None:
    """(kind, label, caption text) for a caption line (`表1 ...`, `圖3 ...`, `Table 1 ...`), else None."""
    if "\t" in line.strip():
        return None
    match = CAPTION.fullmatch(line.strip())
    if not match:
        return None
    text = match["text"].strip()
    if (len(text) > settings.max_caption_chars or ends_sentence(text) or "。" in text
            or text.startswith(CALLOUT_VERBS)):
        return None
    kind = CAPTION_KINDS[match["kind"].lower()]
    return kind, normalize_label(kind, match["num"]), text


def is_table_note(line: str) -> bool:
    """`资料来源：...`, `注：...`, `註:`, `数据来源`, `Source:`, `Note:` (a funding note is not a table note)."""
    text = line.strip()
    return bool(TABLE_NOTE.match(text)) and funding_text(text) is None


def find_mentions(text: str) -> list[dict]:
    """Figure and table call-outs (`（图1）`, `如图2所示`, `见表3`, `(圖1-2)`): {kind, label, offset}."""
    caption_at = len(text) - len(text.lstrip()) if parse_caption(text) else None
    mentions = []
    for match in MENTION.finditer(text):
        start, end = match.start(), match.end()
        if start == caption_at or not is_callout(text, start, end):
            continue
        raw_kind = (match["kind"] or match["kind_en"]).lower()
        kind = "table" if raw_kind in ("表",) or raw_kind.startswith("table") else "figure"
        mentions.append({"kind": kind, "label": normalize_label(kind, match["num"] or match["num_en"]),
                         "offset": start})
    return mentions


def is_callout(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before and HAN_RE.match(before) and before not in CALLOUT_LEADS:
        return False
    return after not in QUANTITY_UNITS
