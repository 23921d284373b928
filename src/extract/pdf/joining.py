"""Joining two lines of one paragraph (or table cell) the way Chinese typesetting needs."""

from __future__ import annotations

import re

LATIN_END = re.compile(r"[A-Za-z0-9\u00c0-\u024f,.;:!?)\]'\"%]$")
LATIN_START = re.compile(r"^[A-Za-z0-9\u00c0-\u024f(\['\"]")


def join_lines(prev: str, prev_space: bool, nxt: str, next_space: bool) -> tuple[str, str | None]:
    """Join two lines of one paragraph the way Chinese typesetting needs.

    Returns the joined text and, for a rejoined hyphenated word, the word as printed.
    """
    if not prev or not nxt:
        return prev + nxt, None
    if prev_space or next_space:
        return prev + " " + nxt, None
    m = re.search(r"([A-Za-z]+)-$", prev)
    if m and re.match(r"[a-z]", nxt):
        word = re.match(r"[a-z]+", nxt).group()
        return prev[:-1] + nxt, f"{m.group(1)}-{word}"
    if re.search(r"\^\[[^\]]*\]$", prev):  # after a citation marker: no space unless one was printed
        return prev + nxt, None
    tail = re.search(r"[^\s\u2E80-\u9FFF\uFF00-\uFFEF]*$", prev).group()
    if re.search(r"://|www\.", tail):
        return prev + nxt, None
    if LATIN_END.search(prev) and LATIN_START.match(nxt):
        return prev + " " + nxt, None
    return prev + nxt, None
