"""Joining the lines of a broken paragraph, field or reference entry."""

from __future__ import annotations

import re

from .links import URL_AT_END
from .markers import SUPERSCRIPT_MARKER
from .script import SOFT_HYPHEN, is_cjk, is_wide

_HYPHENATED_END = re.compile(r"([A-Za-z]+)-$")
_LOWER_WORD = re.compile(r"[a-z]+")
_SUPERSCRIPT_MARKER_AT_END = re.compile(rf"{SUPERSCRIPT_MARKER.pattern}$")
_LATIN_END = re.compile(r"[A-Za-z0-9\u00c0-\u024f,.;:!?)\]'\"%]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9\u00c0-\u024f(\['\"]")
_NO_SPACE_AFTER = "-/([{<“‘《"
_NO_SPACE_BEFORE = ".,;:)]}>!?”’》"
_URL_OR_DOI_AT_START = re.compile(r"<?\s*(?:https?://|ftp://|www\.|doi\s*[:：])", re.IGNORECASE)


def rejoin_hyphenated(left: str, right: str) -> tuple[str, str] | None:
    """`Inter-` + `national` -> (`International`, `Inter-national`): a Latin word hyphenated at a line end."""
    head = _HYPHENATED_END.search(left)
    tail = _LOWER_WORD.match(right)
    if head and tail:
        return left[:-1] + right, f"{head.group(1)}-{tail.group()}"
    return None


def join_printed_lines(left: str, left_space: bool, right: str, right_space: bool) -> tuple[str, str | None]:
    """Two lines of a typeset paragraph (PDF): a space only where one was printed or Latin meets Latin.

    The layout shows every space that was printed (`left_space`, `right_space`), so
    CJK text, a citation marker or a URL running across the break gets none (a URL broken after one of
    its hyphens keeps it, whatever space the layout saw). A soft hyphen
    (U+00AD, which LaTeX fonts draw for `-`) at the end is a hyphen: a break inside a word
    is rejoined, anything else keeps a `-`.
    Returns the joined text and, for a rejoined hyphenated word, the word as printed.
    """
    if not left or not right:
        return left + right, None
    if left.endswith(SOFT_HYPHEN):  # a soft hyphen ends a line only where a word was broken
        left = left[:-1] + "-"
        if not rejoin_hyphenated(left, right):
            return left + right, None
    if left.endswith("-") and URL_AT_END.search(left):  # a URL broken at one of its hyphens: kept, no space
        return left + right.lstrip(), None
    if left_space or right_space:
        return left + " " + right, None
    hyphenated = rejoin_hyphenated(left, right)
    if hyphenated:
        return hyphenated
    if _SUPERSCRIPT_MARKER_AT_END.search(left) or URL_AT_END.search(left):
        return left + right, None
    if _LATIN_END.search(left) and _LATIN_START.match(right):
        return left + " " + right, None
    return left + right, None


def join_paragraph_pieces(left: str, right: str) -> str:
    """Two blocks of one paragraph: no space next to CJK, one space between Latin words.

    Blocks were stripped by the reader, so a space is inferred: none when either
    side is CJK, the hyphen of a word broken at the line end removed.
    """
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    if is_cjk(left[-1]) or is_cjk(right[0]):
        return left + right
    hyphenated = rejoin_hyphenated(left, right)
    return hyphenated[0] if hyphenated else left + " " + right


def join_field_lines(parts: list[str]) -> str:
    """Lines of one front-matter field (title, abstract): no space only where CJK meets CJK.

    A field may hold a Chinese phrase and a Latin one side by side across the
    break (`可持续发展` / `SDGs`): they stay apart.
    """
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        glue = "" if not out or (is_cjk(part[0]) and is_cjk(out[-1])) else " "
        out += glue + part
    return out


def join_prose_lines(text: str) -> str:
    """A field printed over several lines (an author's biography) as one running text: lines
    joined like the blocks of a paragraph (`join_paragraph_pieces`), a hyphen that ends a line
    before a capital kept without a space (`Shu-` / `Lin`)."""
    out = ""
    for line in (part.strip() for part in text.split("\n")):
        if not line:
            continue
        if out.endswith("-") and line[0].isalpha() and not rejoin_hyphenated(out, line):
            out += line
        else:
            out = join_paragraph_pieces(out, line) if out else line
    return out


def join_entry_lines(head: str, tail: str) -> str:
    """Two lines of one reference entry: no space next to wide text or inside a URL or DOI.

    Chinese entries use ASCII punctuation without a following space (`人民日报,2016`),
    so none is added after it when wide text precedes it.
    """
    if _URL_OR_DOI_AT_START.match(tail) or URL_AT_END.search(head):
        return head + tail
    left, right = head[-1], tail[0]
    if is_wide(left) or is_wide(right) or left in _NO_SPACE_AFTER or right in _NO_SPACE_BEFORE:
        return head + tail
    if left in ".,:;" and len(head) > 1 and is_wide(head[-2]):
        return head + tail
    return head + " " + tail
