"""Character classes and patterns the reference parser reads entries with.

Entries are matched on a folded working copy of the text (`FOLD`: full-width
punctuation and every dash to ASCII, same length), so a span found there slices
the entry as written.
"""

from __future__ import annotations

import re

DOC_TYPES = ("M", "C", "G", "N", "J", "D", "R", "S", "P", "DB", "CP", "EB", "A", "CM", "DS", "PP", "Z")
CARRIERS = ("OL", "CD", "DK", "MT")

# Same length in and out, so spans found in the folded text slice the text as written.
FOLD = str.maketrans(
    "，．。：；（）［］【】／－～　０１２３４５６７８９—–−‐‑‒―",
    ",..:;()[][]/-~ 0123456789-------",
)

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
KANA = "\u3040-\u30ff\u31f0-\u31ff"
HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
CJK_SCRIPT = re.compile(f"[{HAN}{KANA}{HANGUL}]")
HAN_CHAR = re.compile(f"[{HAN}]")
# Kanji only Japanese writes (shinjitai: 図 for 圖/图, 読 for 讀/读 …) and the word for a company.
_JAPANESE_KANJI = ("図団広売変駅沢県辺実経総拡歩労栄桜検験亜悪圧囲暦鉄"
                   "隣読続関単戦転発覚対壊様氷払仏焼済渇粋徳恵悩脳蔵薬亀")
JAPANESE_OR_KOREAN = re.compile(f"[{KANA}{HANGUL}{_JAPANESE_KANJI}]|株式会社|株式會社")


def keeps_its_script(entry: str) -> bool:
    """True for an entry in Japanese or Korean: its Han characters are not Traditional Chinese to simplify."""
    return bool(JAPANESE_OR_KOREAN.search(entry))

TYPE_CODE = re.compile(
    r"\[\s*(?P<doc_type>CM|CP|DB|DS|EB|PP|[ACDGJMNPRSZ])\s*(?:/\s*(?P<carrier>OL|CD|DK|MT)\s*)?\]",
    re.IGNORECASE,
)
YEAR = r"(?:1[5-9]\d\d|20\d\d)(?!\d)"
ANY_YEAR = re.compile(rf"(?<!\d){YEAR}")

# A URL ends at white space, `<>`, or CJK text and punctuation.
_URL_CHARS = r"[^\s<>\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
URL = re.compile(rf"(?P<open><\s*)?(?P<url>(?:https?|ftp)://{_URL_CHARS}+|www\.{_URL_CHARS}+)(?(open)\s*>)", re.I)
DOI = re.compile(r"\bDOI\s*:\s*(?P<doi>10\.\d{4,9}/[^\s<>\[\]\u3000-\u303f\u4e00-\u9fff]+)", re.IGNORECASE)
# A DOI inside a URL: after `doi.org/`, a path separator, `=` or `doi:`; ends at a query or fragment.
DOI_IN_URL = re.compile(r"(?:^|[/=:])(?P<doi>10\.\d{4,9}/[^\s?#&]+)", re.IGNORECASE)
CSTR = re.compile(r"\bCSTR\s*:\s*(?P<cstr>\d{5}\.\d{2}\.[^\s<>\u3000-\u303f\u4e00-\u9fff]+)", re.IGNORECASE)


def date_pattern(name: str, month_required: bool = False) -> str:
    """A date `2016`, `2016-09-28`, `2016/9/28`, `2016.09.28` or `2016年9月28日`, groups prefixed `name`."""
    month = (rf"\s*[-/.年]\s*(?P<{name}_m>1[0-2]|0?[1-9])(?!\d)"
             rf"(?:\s*[-/.月]\s*(?P<{name}_d>3[01]|[12]\d|0?[1-9])(?!\d)\s*日?|\s*月)?")
    return rf"(?P<{name}>(?P<{name}_y>{YEAR})(?:{month}){'' if month_required else '?'})"


def iso_date(match: re.Match, name: str) -> str:
    """The ISO form (`2016`, `2016-09`, `2016-09-28`) of a date matched by `date_pattern(name)`."""
    parts = [match[f"{name}_y"]] + [f"{int(match[f'{name}_{p}']):02d}" for p in "md" if match[f"{name}_{p}"]]
    return "-".join(parts)


def strip_trailing_punctuation(value: str) -> str:
    value = value.rstrip(".,;:")
    while value.endswith(")") and value.count(")") > value.count("("):
        value = value[:-1].rstrip(".,;:")
    return value
