"""The part of an entry before its type code: names, title, and what the title carries.

    主要责任者. 题名: 其他题名信息: 文献号[文献类型标识]

The title may carry, after its last colon, a document number (a standard
`GB/T 7714—2015`, a patent `CN200610171314.3`, a report `RMRS-GTR-262`, an archive
`04-01-35-0399-039`, an official document `国发〔2016〕43号`) or the volume of a
multi-volume work (`马克思恩格斯全集：第 35 卷`, `v.1`); a 2025 standard prints its
number first (`GB/T 3792—2021 信息与文献 资源描述`); a map prints its scale after the
title (`沈阳市政区图. 1:170000`).
"""

from __future__ import annotations

import re

from ..text import OFFICIAL_NUMBER  # an official document number: `国发〔2016〕43号`
from .names import author_stop, plausible_names, split_names
from .patterns import CJK_RE, YEAR
from .settings import DEFAULT_SETTINGS, ReferenceSettings

_NUMERAL = r"[\d一二三四五六七八九十百千零〇两]+"
# A volume designation: `第 35 卷`, `第1册`, `一部`, `2011年卷`, `美国卷`, `v.1`, `Vol. 2`.
VOLUME = (rf"(?:第\s*{_NUMERAL}\s*(?:卷|册|冊|辑|輯|部|分册|集|编|編|篇)(?:\s*[上中下])?"
          rf"|{_NUMERAL}\s*(?:年\s*)?(?:卷|册|冊|辑|輯|部|分册)"
          rf"|[^\s:;,.()\[\]0-9]{{1,6}}卷"
          rf"|(?i:v|vol|volume)\.?\s*\d+[A-Za-z]?)")
_TITLE_VOLUME = re.compile(rf"\s*:\s*(?P<volume>{VOLUME})\s*$")
# `中国科学技术史：第二卷 科学思想史`: the work, the volume, the volume's own title.
_TITLE_VOLUME_AND_PART = re.compile(rf"\s*:\s*(?P<volume>第\s*{_NUMERAL}\s*(?:卷|册|冊|辑|輯|分册))\s+(?P<part>\S.*)$")

# Standard numbers: `GB/T 7714—2015`, `NB/T 10386—2020`, `ISO 21378:2019`, `IEC/IEEE 61636-1:2021`,
# `ISO/IEC 80079-20-2:2016(en)`, `IEEE P802.11ba/D8.0-2020`, `AIAA G-136-2022` (text folded: dashes are `-`).
_ISSUER = r"[A-Z]{2,6}\d{0,2}(?:/[A-Z]{1,6}\d{0,2})*"
STANDARD_NUMBER = rf"{_ISSUER}\s+[A-Z]{{0,3}}-?\d[\w.\-/]*?(?:\s*-\s*{YEAR}|:{YEAR})(?:\([a-z]{{2}}\))?"
_STANDARD_FIRST = re.compile(rf"(?P<number>{STANDARD_NUMBER})(?=\s|$)\s*")
# A number after the title's last colon: code-like, with a digit, not a year, year range or volume.
_CODE = r"(?:[A-Z][A-Za-z]*(?:/[A-Z]+)?\s)?[A-Z0-9][A-Za-z0-9.\-/:()]*"
_TITLE_NUMBER = re.compile(rf"\s*:\s*(?P<number>{STANDARD_NUMBER}|{_CODE})\s*$")
_NOT_A_NUMBER = re.compile(rf"{YEAR}(?:\s*-\s*{YEAR})?|\d{{1,3}}|(?i:v|vol|no|part)\.?\s*\d+(?:\.\d+)*")

_TITLE_OFFICIAL_NUMBER = re.compile(rf"\s*(?::\s*|\(\s*)(?P<number>{OFFICIAL_NUMBER})\s*\)?\s*$")
_SCALE = re.compile(r"\s*\.\s*1\s*:\s*[\d,\s]*\d\s*$")
_NUMBERED_TYPES = ("S", "P", "R", "A")
# a patent's number: office, digits, kind code (`CN101106276A`, `US2002061118A1`, `AU2022228203A1`)
_PATENT_NUMBER = re.compile(r"[A-Z]{2}\d{6,13}(?:\.\d)?[A-Z]\d?")
_YEAR_IN_NUMBER = re.compile(rf"(?:-|:)\s*(?P<year>{YEAR})(?:\([a-z]{{2}}\))?\s*$")


# Latin names closed by a comma before a Han title (no period after the last name): the title runs to the code
_LATIN_NAMES_THEN_HAN_TITLE = re.compile(
    r"\s*(?P<names>[A-Z][A-Za-z.\-' ]*?(?:\s*,\s*[A-Z][A-Za-z.\-' ]*?)*)\s*[,，]\s*"
    r"(?P<title>[\u3400-\u9fff][^.。]*?)[\s.]*")


def read_head(entry, start: int, end: int, fields: dict, settings: ReferenceSettings = DEFAULT_SETTINGS) -> None:
    """Names, title, and the number, volume or scale the title carries, from entry.text[start:end]."""
    latin_then_han = _LATIN_NAMES_THEN_HAN_TITLE.fullmatch(entry.text, start, end)
    if latin_then_han and plausible_names(latin_then_han["names"], settings):  # `Rafael C. Gonzalez, 数字图像处理`
        fields["authors"] = split_names(entry.printed[slice(*latin_then_han.span("names"))])
        entry.take(start, latin_then_han.start("title"))
        read_title(entry, latin_then_han.start("title"), end, fields)
        return
    stop = author_stop(entry.text, start, end, settings)
    if stop is not None and not _STANDARD_FIRST.match(entry.text, start):
        fields["authors"] = split_names(entry.printed[start:stop])
        entry.take(start, stop + 1)
        start = stop + 1
    read_title(entry, start, end, fields)


def read_title(entry, start: int, end: int, fields: dict) -> None:
    """The title proper from entry.text[start:end], setting doc_number, volume and container where printed."""
    start = start + len(entry.text[start:end]) - len(entry.text[start:end].lstrip(" ."))
    end = start + len(entry.text[start:end].rstrip(" ."))
    first = _STANDARD_FIRST.match(entry.text, start, end)
    if first and (fields.get("doc_type") in (None, "S")):
        fields["doc_number"] = entry.take_group(first, "number")
        fields["doc_type"] = fields.get("doc_type") or "S"
        entry.take(*first.span())
        start = first.end()
    scale = _SCALE.search(entry.text, start, end)
    if scale:
        entry.take(*scale.span())
        end = scale.start()
    end = _read_title_number(entry, start, end, fields)
    if not _read_volume_and_part(entry, start, end, fields):
        end = _read_title_volume(entry, start, end, fields)
        fields["title"] = entry.take(start, end)


def _read_title_number(entry, start: int, end: int, fields: dict) -> int:
    official = _TITLE_OFFICIAL_NUMBER.search(entry.text, start, end)
    if official and not fields.get("doc_number"):
        fields["doc_number"] = entry.take_group(official, "number")
        entry.take(*official.span())
        return official.start()
    if not fields.get("type_code") and not fields.get("doc_number"):  # no type code: a number that tells the type
        printed = _TITLE_NUMBER.search(entry.text, start, end)
        kind = printed and ("S" if re.fullmatch(STANDARD_NUMBER, printed["number"]) else
                            "P" if _PATENT_NUMBER.fullmatch(printed["number"]) else None)
        if printed and kind:
            fields["doc_number"] = entry.take_group(printed, "number")
            fields["doc_type"] = kind
            entry.take(*printed.span())
            return printed.start()
    if fields.get("doc_type") not in _NUMBERED_TYPES or fields.get("doc_number"):
        return end
    number = _TITLE_NUMBER.search(entry.text, start, end)
    if number and not _NOT_A_NUMBER.fullmatch(number["number"]) and re.search(r"\d", number["number"]):
        fields["doc_number"] = entry.take_group(number, "number")
        entry.take(*number.span())
        return number.start()
    return end


def _has_volumes(fields: dict) -> bool:
    return fields.get("doc_type") not in ("J", "N") and not fields.get("volume")


def _read_volume_and_part(entry, start: int, end: int, fields: dict) -> bool:
    """`总书名：第二卷 卷名`: the work goes to container, the volume's own title is the title."""
    part = _TITLE_VOLUME_AND_PART.search(entry.text, start, end) if _has_volumes(fields) else None
    if not part or fields.get("container"):
        return False
    fields["volume"] = entry.take_group(part, "volume")
    fields["title"] = entry.take(part.start("part"), end)
    fields["container"] = entry.take(start, part.start())
    entry.take(part.start(), part.start("part"))
    return True


def read_host_title(entry, start: int, end: int, fields: dict) -> None:
    """The title of the work an item is part of (after `//`): the container, and its volume where printed."""
    end = _read_title_volume(entry, start, end, fields)
    fields["container"] = entry.take(start, end)


def _read_title_volume(entry, start: int, end: int, fields: dict) -> int:
    if not _has_volumes(fields):
        return end
    volume = _TITLE_VOLUME.search(entry.text, start, end)
    if volume and CJK_RE.search(volume["volume"]) or volume and re.match(r"(?i)v", volume["volume"]):
        fields["volume"] = entry.take_group(volume, "volume")
        entry.take(*volume.span())
        return volume.start()
    return end


def year_of_number(number: str | None) -> int | None:
    """The year a standard's number ends with (`GB/T 7714—2015`, `ISO 21378:2019`)."""
    match = _YEAR_IN_NUMBER.search(number.translate(str.maketrans("—–", "--"))) if number else None
    return int(match["year"]) if match else None
