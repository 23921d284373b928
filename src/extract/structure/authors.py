"""Authors and affiliations in the by-line forms Chinese papers use.

Names: `张三，李四`, `张三 李四` (spaces between names), `尚书林 1,2 左年明 2` and
`尚书林^[1,2]` (affiliation numbers after the name, raised or not), `文 \\ 张三 \\ Zhang San \\ 北京大学教授`
(a by-line), `张三（北京大学，北京 100871）`, `作者：张三`; English names in the same orders.
Affiliations: `(1. 北京大学 经济学院，北京 100871；2. ...)`, `1. 北京大学…` (several on one
line too), `(黄冈师范学院数学系, 黄冈 438000)` under a name; the city and postcode after
the institution are its address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import EMAIL, HAN, SPACES
from .labels import simplified_probe
from .line_shape import script_of
from .settings import DEFAULT_SETTINGS, StructureSettings

# in Simplified script, matched on a text's Simplified form (`研究員`, `大學` match too)
POSITION_TITLES = (
    "教授", "副教授", "助理教授", "特聘教授", "讲师", "研究员", "副研究员", "助理研究员", "博士研究生", "硕士研究生",
    "博士生", "硕士生", "博士后", "研究生", "博士生导师", "院长", "副院长", "所长", "副所长", "主任", "副主任",
    "高级工程师", "工程师", "博士", "硕士",
)
POSITIONS_LONGEST_FIRST = tuple(sorted(set(POSITION_TITLES), key=len, reverse=True))
INSTITUTION_WORDS = ("大学", "学院", "研究院", "研究所", "研究中心", "中心", "科学院", "学校", "委员会", "公司", "银行",
                     "实验室", "医院", "集团", "政府", "办公室", "单位", "部", "局", "院", "所", "系", "处")
ENGLISH_INSTITUTION_WORDS = ("University", "Institute", "School", "College", "Academy", "Department", "Centre",
                             "Center", "Laboratory", "Faculty", "Hospital", "Bureau", "Ministry", "Company",
                             "Corporation", "Office", "Unit")
BYLINE_MARKERS = ("文", "撰文", "文字", "作者")
BYLINE_MARKER = re.compile(rf"^(?:{'|'.join(BYLINE_MARKERS)})\s*[\\/|｜]\s*")
BYLINE_SEPARATOR = re.compile(r"[\\|｜]|(?<=\s)/(?=\s)")
BYLINE_SEPARATOR_AFTER_MARKER = re.compile(r"[\\|｜/]")  # after `文/` a bare slash separates too
HAN_NAME = rf"[{HAN}]+·[{HAN}·]+|[{HAN}]{{2,4}}"
LATIN_NAME = r"[A-Z][A-Za-z'’\-]*(?:\s+[A-Z][A-Za-z'’\-]*){1,2}"
# affiliation numbers (or the corresponding author's star) after a name: `1,2`, `^[1,2]`, `¹²`, `*`
AUTHOR_MARK = r"(?:\^\s*[\[［][\d,，\s*∗†]+[\]］]|\^?\d{1,2}(?:\s*[,，]\s*\d{1,2})*\)?\s*[*∗†]?|[¹²³⁴⁵⁶⁷⁸⁹⁰*∗†]+)"
NAME_LIST_SEPARATOR = re.compile(rf"\s*[，,、;；]\s*|[{SPACES}]+")
NAME_TOKEN = re.compile(rf"(?P<name>[{HAN}·]+)\s*(?P<marks>{AUTHOR_MARK})?")
LATIN_NAME_LIST = re.compile(
    rf"{LATIN_NAME}\s*{AUTHOR_MARK}?(?:(?:\s*[,;]\s*|\s+and\s+|\s+){LATIN_NAME}\s*{AUTHOR_MARK}?)*")
NAME_WITH_AFFILIATION = re.compile(rf"(?P<name>{HAN_NAME})\s*[（(](?P<affiliation>[^（）()]+)[）)]")
AUTHOR_LABEL = re.compile(r"(?:作\s*者|(?i:authors?))\s*[:：]\s*(?P<rest>.+)")
# `1. 单位 2. 单位` on one line: a number opening each entry
INLINE_AFFILIATION_NUMBER = re.compile(rf"(?:^|(?<=[\s；;]))(\d{{1,2}})\s*[.．、)）]\s*(?=[{HAN}《(（A-Z])")
POSTCODE = re.compile(r"(?<!\d)\d{5,6}(?!\d)")
ADDRESS_PART_SEPARATOR = re.compile(r"\s*[，,]\s*")
# a city glued to the institution before its postcode: `…创新中心北京 100190`
GLUED_POSTCODE = re.compile(r"\s*(\d{6})\s*$")
GLUED_CITY = re.compile(rf"[{HAN}]{{2,4}}")
SUPERSCRIPT_DIGITS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
ENGLISH_AFFILIATION = re.compile(rf"\b(?:{'|'.join(ENGLISH_INSTITUTION_WORDS)})\b|\b\d{{5,6}}\b")
EMAIL_LINE = re.compile(
    rf"[(（]?\s*(?:E-?mail|电子邮箱|電子郵箱|邮箱|郵箱)\s*[:：]?\s*(?P<email>{EMAIL.pattern})\s*[)）]?", re.IGNORECASE)


@dataclass
class AuthorDraft:
    name_zh: str | None = None
    name_en: str | None = None
    marks: tuple[str, ...] = ()  # affiliation numbers written after the name
    affiliations: list[tuple[str | None, str | None]] = field(default_factory=list)  # (affiliation, position)
    affiliations_en: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)  # city and postcode after each institution
    email: str | None = None
    bio: list[str] = field(default_factory=list)  # lines of the author's biography, as printed

    def row(self) -> dict:
        affiliations = [a for a, _ in self.affiliations if a]
        positions = [p for _, p in self.affiliations if p]
        return {"name_zh": self.name_zh, "name_en": self.name_en,
                "affiliation": "；".join(affiliations) or None, "position": "；".join(positions) or None,
                "affiliation_en": "; ".join(self.affiliations_en) or None,
                "address": "；".join(self.addresses) or None, "email": self.email,
                "bio": "\n".join(self.bio) or None}


def is_han_name(text: str, settings: StructureSettings = DEFAULT_SETTINGS, longest: int | None = None) -> bool:
    if "·" in text:
        return bool(re.fullmatch(HAN_NAME, text))
    return bool(re.fullmatch(f"[{HAN}]+", text)) and 2 <= len(text) <= (longest or settings.max_name_han)


def split_affiliation_position(text: str) -> tuple[str | None, str | None]:
    """`北京大学副教授` -> (`北京大学`, `副教授`); city and postcode after a comma dropped."""
    rest = split_address(text)[0] or ""
    positions: list[str] = []
    while True:
        rest = rest.rstrip(" \u3000、，,")
        probe = simplified_probe(rest)
        title = next((p for p in POSITIONS_LONGEST_FIRST if probe.endswith(p)), None)
        if title is None:
            break
        positions.insert(0, rest[-len(title):])  # as written
        rest = rest[: -len(title)]
    return rest or None, "、".join(positions) or None


def looks_like_institution(text: str) -> bool:
    probe = simplified_probe(text)
    return any(word in probe for word in INSTITUTION_WORDS) or bool(ENGLISH_AFFILIATION.search(text))


def split_address(text: str) -> tuple[str | None, str | None]:
    """`黄冈师范学院数学系, 黄冈 438000` -> (`黄冈师范学院数学系`, `黄冈 438000`).

    Trailing comma-separated parts holding a postcode or no institution word are the
    address (`省市, 邮政编码` too); else a city glued before a postcode after the last
    institution word (`…研究所北京 100190`).
    """
    parts = ADDRESS_PART_SEPARATOR.split(text.strip())
    cut = len(parts)
    while cut > 1 and (POSTCODE.search(parts[cut - 1]) or not looks_like_institution(parts[cut - 1])):
        cut -= 1
    if cut < len(parts):
        return ", ".join(parts[:cut]).strip() or None, ", ".join(parts[cut:]).strip() or None
    postcode = GLUED_POSTCODE.search(text)
    if postcode:
        head = text[: postcode.start()].rstrip()
        probe = simplified_probe(head)
        institution_end = max((probe.rfind(word) + len(word) for word in INSTITUTION_WORDS if word in probe), default=0)
        city = head[institution_end:].strip()
        if institution_end and GLUED_CITY.fullmatch(city):
            return head[:institution_end].strip() or None, f"{city} {postcode[1]}"
    return text.strip() or None, None


def mark_numbers(marks: str | None) -> tuple[str, ...]:
    return tuple(re.findall(r"\d+", (marks or "").translate(SUPERSCRIPT_DIGITS)))


def parse_byline_authors(line: str, settings: StructureSettings = DEFAULT_SETTINGS) -> list[AuthorDraft] | None:
    """`文 \\ 张三 \\ Zhang San \\ 北京大学教授` (the by-line marker is optional)."""
    text = line.strip()
    marked = BYLINE_MARKER.match(text)
    separator = BYLINE_SEPARATOR_AFTER_MARKER if marked else BYLINE_SEPARATOR
    parts = [p.strip() for p in separator.split(BYLINE_MARKER.sub("", text)) if p.strip()]
    if marked and len(parts) == 1:
        return parse_name_list_authors(parts[0], True, settings)  # `文/王小明`: the names alone
    if len(parts) < 2 or not is_han_name(parts[0], settings):
        return None
    name_en = next((p for p in parts[1:] if re.fullmatch(LATIN_NAME, p)), None)
    rest = [p for p in parts[1:] if p != name_en]
    author = AuthorDraft(name_zh=parts[0], name_en=name_en)
    if rest:
        author.affiliations.append(split_affiliation_position(" ".join(rest)))
        address = split_address(" ".join(rest))[1]
        if address:
            author.addresses.append(address)
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
        author = AuthorDraft(name_zh=match["name"], affiliations=[split_affiliation_position(match["affiliation"])])
        address = split_address(match["affiliation"])[1]
        if address:
            author.addresses.append(address)
        authors.append(author)
    return authors


def name_tokens(text: str) -> list[tuple[str, tuple[str, ...]]] | None:
    """`尚书林 ^[1,2] 左年明 ^[2]` -> [(尚书林, (1, 2)), (左年明, (2,))]; None unless the line is only names.

    Single characters apart (`何 穗`) are one name printed with a space inside.
    """
    pieces: list[tuple[str, str | None]] = []
    position = 0
    text = text.strip()
    while position < len(text):
        separator = NAME_LIST_SEPARATOR.match(text, position)
        if separator and separator.end() > position:
            position = separator.end()
            continue
        token = NAME_TOKEN.match(text, position)
        if not token:
            return None
        pieces.append((token["name"], token["marks"]))
        position = token.end()
    merged: list[tuple[str, tuple[str, ...]]] = []
    for name, marks in pieces:
        if merged and len(merged[-1][0]) == 1 and not merged[-1][1]:
            merged[-1] = (merged[-1][0] + name, mark_numbers(marks))
        else:
            merged.append((name, mark_numbers(marks)))
    return merged or None


def parse_name_list_authors(line: str, title_found: bool, settings: StructureSettings = DEFAULT_SETTINGS,
                            longest: int | None = None) -> list[AuthorDraft] | None:
    """`张三 1，李四 2`, `张三，李四` or `张三 李四`; a lone unmarked name counts only once the title is known.

    `longest`: the longest name accepted (a by-line placed between title and affiliations may hold longer ones).
    """
    tokens = name_tokens(line)
    if not tokens or not all(is_han_name(name, settings, longest) for name, _ in tokens):
        return None
    authors = [AuthorDraft(name_zh=name, marks=marks) for name, marks in tokens]
    marked = any(a.marks for a in authors) or bool(re.search(r"[*∗†]", line))
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


def bracket_groups(text: str) -> list[str] | None:
    """`(a (b), c) (d)` -> [`a (b), c`, `d`]: the top-level bracketed groups, when they make the whole line."""
    groups, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in "(（":
            if depth == 0:
                if text[start:index].strip():
                    return None
                start = index + 1
            depth += 1
        elif char in ")）":
            depth -= 1
            if depth < 0:
                return None
            if depth == 0:
                groups.append(text[start:index].strip())
                start = index + 1
    return groups if depth == 0 and groups and not text[start:].strip() else None


def parse_affiliation_line(line: str, settings: StructureSettings = DEFAULT_SETTINGS
                           ) -> tuple[str, list[tuple[str | None, str]]] | None:
    """(lang, [(mark, text)]) for `(1. 北京大学…；2. …)`, `1. 北京大学… 2. …`, `(Department of …, Wuhan 430079)`."""
    text = line.strip()
    groups = bracket_groups(text)
    pieces = groups if groups else [text]
    lang = script_of(" ".join(pieces), settings)
    if lang is None:
        return None
    entries: list[tuple[str | None, str]] = []
    for piece in pieces:
        numbered = list(INLINE_AFFILIATION_NUMBER.finditer(piece))
        if not groups and not numbered:
            return None  # an unbracketed affiliation line is numbered
        if numbered and numbered[0].start() == 0:
            bounds = [*(m.start() for m in numbered[1:]), len(piece)]
            entries += [(m[1], unbracketed(piece[m.end():end].strip(" ；;"))) for m, end in zip(numbered, bounds)]
        else:
            entries += [(None, entry.strip()) for entry in re.split(r"[；;]", piece) if entry.strip()]
    if not entries or not all(looks_like_institution(a) for _, a in entries):
        return None
    return lang, entries


def unbracketed(text: str) -> str:
    """`(南京大学计算机系, 南京 210093)` -> the text inside: the brackets around a whole affiliation are not its own."""
    groups = bracket_groups(text)
    return groups[0] if groups and len(groups) == 1 else text


# a student's by-line under a cover's or course paper's title: the student number beside the name, the class
# or school before them (`2018202177 官佳薇`, `计算机学院 2023 级硕士 9 班 3220231370 傅泽`, `李京 PB13209115`)
STUDENT_NUMBER = r"[A-Z]{0,3}\d{6,14}"
STUDENT_BYLINE = re.compile(
    rf"(?:.*[{SPACES}])?{STUDENT_NUMBER}[{SPACES}]+(?P<name>{HAN_NAME})|(?P<first>{HAN_NAME})[{SPACES}]+{STUDENT_NUMBER}")


def parse_student_byline(line: str, settings: StructureSettings = DEFAULT_SETTINGS) -> list[AuthorDraft] | None:
    """The student a by-line of a student number and a name names (see STUDENT_BYLINE), or None."""
    match = STUDENT_BYLINE.fullmatch(line.strip())
    name = match and (match["name"] or match["first"])
    return [AuthorDraft(name_zh=name)] if name and is_han_name(name, settings) else None


def assign_affiliations(authors: list[AuthorDraft], entries: list[tuple[str | None, str]], lang: str = "zh",
                        named: list[AuthorDraft] | None = None) -> None:
    """Numbered affiliations go to the authors carrying that number; unnumbered ones to the authors
    named on the line above (`named`), one each in order when there are as many, else to all of them."""
    waiting = [a for a in (named or authors)
               if not (a.affiliations if lang == "zh" else a.affiliations_en)]
    unnumbered = [text for mark, text in entries if mark is None]
    for mark, text in entries:
        if mark is None:
            continue
        for author in authors:
            if mark in author.marks:
                add_affiliation(author, text, lang)
    if unnumbered and len(unnumbered) == len(waiting) > 1:
        for author, text in zip(waiting, unnumbered):
            add_affiliation(author, text, lang)
    elif unnumbered:
        for author in waiting:
            for text in unnumbered:
                add_affiliation(author, text, lang)


def add_affiliation(author: AuthorDraft, text: str, lang: str) -> None:
    institution, address = split_address(text)
    if lang == "zh":
        author.affiliations.append(split_affiliation_position(text))
        if address:
            author.addresses.append(address)
    elif institution:
        author.affiliations_en.append(institution)


def english_names(line: str) -> list[str] | None:
    """`ZHANG San1, LI Si2`, `SHANG Shu-Lin^[1,2] ZUO Nian-Ming²`, `FIRST Name` -> the names, or None."""
    text = line.strip()
    if not LATIN_NAME_LIST.fullmatch(text):
        return None
    parts = re.split(rf"\s*{AUTHOR_MARK}\s*|\s*[,;]\s*|\s+and\s+", text)
    names = [" ".join(p.split()) for p in parts if p and p.strip()]
    return names if all(re.fullmatch(LATIN_NAME, n) for n in names) else None


def assign_english_names(authors: list[AuthorDraft], line: str, one_by_one: bool = False) -> list[AuthorDraft]:
    """English names to the authors without one, in order: all at once (as many names as authors
    waiting) or, `one_by_one`, a line holding a single name to the next author waiting."""
    names = english_names(line)
    waiting = [a for a in authors if a.name_en is None]
    if not names or not waiting or not (len(names) == len(waiting) or (one_by_one and len(names) == 1)):
        return []
    for author, name in zip(waiting, names):
        author.name_en = name
    return waiting[: len(names)]


def email_of(line: str) -> str | None:
    """`(E-mail: slq@amt.ac.cn)` -> `slq@amt.ac.cn` for a line that is only an e-mail address."""
    match = EMAIL_LINE.fullmatch(line.strip())
    return match["email"] if match else None
