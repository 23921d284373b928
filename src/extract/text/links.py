"""URLs, DOIs and e-mail addresses: patterns and the spans that are kept literally."""

from __future__ import annotations

import re

from .script import CJK

# A URL ends at whitespace, `<>"`, `^` (the caret of a marker right after it) or CJK text.
URL_CHARACTER = rf"[^\s<>\"^{CJK}]"
URL_START = r"(?:(?:https?|ftp)://|www\.)"
URL = re.compile(rf"{URL_START}{URL_CHARACTER}+", re.IGNORECASE)
# a line broken inside a URL: one starts in its last run of non-CJK text
URL_AT_END = re.compile(rf"{URL_START}[^\s{CJK}]*$", re.IGNORECASE)
# a DOI's suffix ends at whitespace, `<>[]",` or CJK text (a comma is never part of one)
DOI_BODY = rf"10\.\d{{4,9}}/[^\s<>\[\]\",{CJK}]+"
DOI = re.compile(rf"\b{DOI_BODY}")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
TRAILING_PUNCTUATION = ".,;:!?'"


def strip_trailing_punctuation(value: str) -> str:
    """A URL or DOI without the sentence punctuation after it; an unbalanced `)` or `]` goes too."""
    value = value.rstrip(TRAILING_PUNCTUATION)
    for opening, closing in ("()", "[]"):
        while value.endswith(closing) and value.count(closing) > value.count(opening):
            value = value[:-1].rstrip(TRAILING_PUNCTUATION)
    return value


def literal_spans(text: str) -> list[tuple[int, int]]:
    """URLs, DOIs and e-mail addresses (without trailing punctuation): text that is never rewritten."""
    spans = []
    for needles, pattern in ((("://", "www.", "WWW."), URL), (("10.",), DOI), (("@",), EMAIL)):
        if any(needle in text for needle in needles):
            spans += [(m.start(), m.start() + len(strip_trailing_punctuation(m.group())))
                      for m in pattern.finditer(text)]
    return sorted(spans)
