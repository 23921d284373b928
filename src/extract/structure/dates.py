"""Dates as Chinese papers print them (`2019-01-05`, `2006 年 1 月 9 日`, `2019.01`) -> ISO strings,
and the notes that carry them (`本文 2006 年 1 月 9 日收到. 2007 年 9 月 24 日收到修改稿.`)."""

from __future__ import annotations

import re

DATE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*(?:年|[-/.．])\s*(?P<month>[01]?\d)(?!\d)"
                  r"(?:\s*(?:月|[-/.．])\s*(?P<day>[0-3]?\d)(?!\d)\s*日?|\s*月)?")
# what a date is in a note: `2006 年 1 月 9 日收到`, `2007 年 9 月 24 日收到修改稿`, `修回`
DATED_EVENTS: tuple[tuple[str, re.Pattern], ...] = (
    ("revised", re.compile(r"\s*(?:收到修改稿|收到修回稿|修回|修改稿收到)")),
    ("accepted", re.compile(r"\s*(?:录用|接受)")),
    ("received", re.compile(r"\s*(?:收到|收稿)")),
)


def iso_date(text: str) -> str | None:
    """The first date in the text, ISO and as precise as printed (`2021-03-05`, `2021-03`); None for `XXXX-XX-XX`."""
    match = DATE.search(text)
    if not match:
        return None
    year, month, day = match["year"], int(match["month"]), match["day"]
    if not 1 <= month <= 12:
        return None
    if day and 1 <= int(day) <= 31:
        return f"{year}-{month:02d}-{int(day):02d}"
    return f"{year}-{month:02d}"


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
