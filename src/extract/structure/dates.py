"""Dates as Chinese papers print them (`2019-01-05`, `2006 年 1 月 9 日`, `2019.01`) -> ISO strings,
and the notes that carry them (`本文 2006 年 1 月 9 日收到. 2007 年 9 月 24 日收到修改稿.`)."""

from __future__ import annotations

import re

from .numerals import CN_DIGITS, chinese_numeral_value

DATE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*(?:年|[-/.．])\s*(?P<month>[01]?\d)(?!\d)"
                  r"(?:\s*(?:月|[-/.．])\s*(?P<day>[0-3]?\d)(?!\d)\s*日?|\s*月)?")
# what a date is in a note: `2006 年 1 月 9 日收到`, `2007 年 9 月 24 日收到修改稿`, `修回`
DATED_EVENTS: tuple[tuple[str, re.Pattern], ...] = (
    ("revised", re.compile(r"\s*(?:收到修改稿|收到修回稿|修回|修改稿收到)")),
    ("accepted", re.compile(r"\s*(?:录用|接受)")),
    ("received", re.compile(r"\s*(?:收到|收稿)")),
)


# a date in Chinese numerals (`二〇一八年五月`, `二零二四年六月十日`) or in the years of the Republic of China
# (`中華民國一百一十四年一月`, `民國 113 年 11 月 2 日`: year + 1911)
CN_NUMBER = "[〇零一二三四五六七八九十百]"
CN_DATE = re.compile(
    rf"(?P<era>(?:中华|中華)?民[国國]\s*)?(?P<year>{CN_NUMBER}{{2,5}}|\d{{1,4}})\s*年\s*"
    rf"(?P<month>{CN_NUMBER}{{1,3}}|\d{{1,2}})\s*月(?:\s*(?P<day>{CN_NUMBER}{{1,3}}|\d{{1,2}})\s*[日号號])?")
ROC_EPOCH = 1911


def number_of(text: str) -> int | None:
    """`2018`, `二〇一八` (digit by digit), `一百一十四`, `十一` -> the number; None when it is none."""
    if text.isdigit():
        return int(text)
    if all(char in CN_DIGITS and char not in "两兩" for char in text) and len(text) >= 2:
        return int("".join(str(CN_DIGITS[char]) for char in text))
    return chinese_numeral_value(text)


def cn_date(match: re.Match) -> str | None:
    year, month = number_of(match["year"]), number_of(match["month"])
    if year is None or month is None or not 1 <= month <= 12:
        return None
    if match["era"]:
        year += ROC_EPOCH
    if not 1900 <= year <= 2099:
        return None
    day = number_of(match["day"]) if match["day"] else None
    return f"{year}-{month:02d}-{day:02d}" if day and 1 <= day <= 31 else f"{year}-{month:02d}"


def iso_date(text: str) -> str | None:
    """The first date in the text, ISO and as precise as printed (`2021-03-05`, `2021-03`); None for `XXXX-XX-XX`.
    Chinese numerals and years of the Republic of China (`民國 113 年`) are read too (`CN_DATE`)."""
    match = DATE.search(text)
    chinese = CN_DATE.search(text)
    if chinese and (chinese["era"] or not chinese["year"].isdigit()) \
            and (not match or chinese.start() <= match.start()):
        return cn_date(chinese)
    if not match:
        return None
    year, month, day = match["year"], int(match["month"]), match["day"]
    if not 1 <= month <= 12:
        return None
    if day and 1 <= int(day) <= 31:
        return f"{year}-{month:02d}-{int(day):02d}"
    return f"{year}-{month:02d}"


def is_date_line(line: str) -> bool:
    """A line that is only a date (`2018 年 04 月 30 日`, `二〇一八年五月`, `中華民國一百一十四年一月`)."""
    text = line.strip()
    return bool(DATE.fullmatch(text) or ((m := CN_DATE.fullmatch(text)) and cn_date(m)))


def dated_events(text: str) -> dict[str, str]:
    """`本文 2006 年 1 月 9 日收到. 2007 年 9 月 24 日收到修改稿.` -> {received: 2006-01-09, revised: 2007-09-24}."""
    events: dict[str, str] = {}
    for match in DATE.finditer(text):
        after = text[match.end():]
        for event, pattern in DATED_EVENTS:
            if pattern.match(after) and event not in events:
                events[event] = iso_date(match.group()) or ""
                break
    return {event: date for event, date in events.items() if date}
