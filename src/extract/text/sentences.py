"""Where a sentence ends: sentence-final marks, full stops, colons, sentence spans."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .script import is_cjk

# A sentence of Chinese (or Latin) text ends at one of these.
SENTENCE_FINAL = frozenset("。！？!?；;…")
FULL_STOPS = frozenset(".．")  # a Latin or full-width full stop (also ends abbreviations and numbers)


def ends_with_full_stop(text: str) -> bool:
    """A full stop that ends a Chinese sentence: after a CJK character or a closing bracket or
    quote (house styles such as 自动化学报 end Chinese sentences with `. `), not after a Latin
    letter or a digit (`et al.`, `3.`)."""
    text = text.rstrip()
    return len(text) >= 2 and text[-1] in FULL_STOPS and (is_cjk(text[-2]) or text[-2] in ")）]】」』”’》")
COLONS = frozenset("：:")  # a colon introduces what follows (a list, a quotation)
# Where one sentence span ends and the next begins: a sentence-final mark, a line break, or a full
# stop before a space (Latin, Korean). Script is decided per span (kana or hangul keep one as written).
SPAN_END = re.compile(r"[。！？!?；;…\n]|[.．](?=\s)")


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence span, the mark that ends it included; together they cover `text`."""
    start = 0
    for match in SPAN_END.finditer(text):
        yield start, match.end()
        start = match.end()
    if start < len(text):
        yield start, len(text)
