"""Authors and affiliations in the by-line forms Chinese papers use."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import HAN
from .lines import script_of
from .settings import DEFAULT_SETTINGS, StructureSettings

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
