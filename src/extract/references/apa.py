"""Entries in APA style, the author-year form many Chinese social-science and education journals (and
Taiwanese ones) print instead of GB/T 7714:

    王小明（2019）。數位學習與學習動機之研究。教育研究集刊，65（2），1-30。
    Chen, Y., & Lee, M. (2018). Online learning and achievement. Computers & Education, 120, 1-12.
    张三（2015）。城市治理导论。北京：人民出版社。

Names, then the year in parentheses right after them, then the title up to its sentence end, then
the source: a journal (`container, volume(issue), pages`) or a book (`[place:] publisher`). The
type is inferred from that shape (`type_inferred`), as for other entries without a type code.
"""

from __future__ import annotations

import re

from .names import split_names
from .source import PAGES

# on the folded text: full-width punctuation is ASCII there (`（` `(`, `。` `.`, `，` `,`)
_HEAD = re.compile(
    r"^\s*(?P<names>[^()\d][^()]{0,200}?)\s*\(\s*(?P<year>\d{4})(?P<letter>[a-z]?)(?:\s*,\s*[^()]{1,30})?\s*\)"
    r"\s*\.?\s*")
_TITLE_END = re.compile(r"(?<=[^\s.])\.(?=\s|[^\x00-\x7f]|$)")  # `. ` after English, `。` after Chinese
_JOURNAL = re.compile(
    r"^\s*(?P<container>[^,]+?)\s*,\s*(?P<volume>\d+)\s*(?:\(\s*(?P<issue>[^()]+?)\s*\))?"
    rf"\s*(?:,\s*(?P<pages>{PAGES}))?\s*\.?\s*$")
_BOOK = re.compile(r"^\s*(?:(?P<place>[^:.,]{1,40}?)\s*:\s*)?(?P<publisher>[^:.,][^:]{0,80}?)\s*\.?\s*$")
_AMPERSAND = re.compile(r",?\s*(?:&|\band\b)\s*")


def read_apa(entry, fields: dict) -> bool:
    """Fields of an APA entry (see the module docstring); False, with nothing taken, when it is not one."""
    head = _HEAD.match(entry.text)
    if not head:
        return False
    rest = entry.text[head.end():]
    title_end = _TITLE_END.search(rest)
    if not title_end:
        return False
    source_start = head.end() + title_end.end()
    source = entry.text[source_start:]
    journal, book = _JOURNAL.match(source), _BOOK.match(source)
    if not (journal or book):
        return False
    names = split_names(_AMPERSAND.sub(", ", entry.source[head.start("names"):head.end("names")]))
    if not names or any(len(n) > 60 for n in names):
        return False
    fields["authors"] = [n.rstrip(".").replace(".", "").strip() if n.isascii() else n for n in names]
    fields["year"] = int(head["year"])
    fields["pub_date"] = head["year"]
    fields["title"] = entry.source[head.end():head.end() + title_end.start()].strip()
    if journal:
        fields["doc_type"] = "J"
        for name in ("container", "volume", "issue", "pages"):
            fields[name] = entry.source[source_start + journal.start(name):source_start + journal.end(name)].strip() \
                if journal[name] else None
    elif book:
        fields["doc_type"] = "M"
        fields["publisher"] = entry.source[source_start + book.start("publisher"):
                                           source_start + book.end("publisher")].strip()
        if book["place"]:
            fields["place"] = entry.source[source_start + book.start("place"):source_start + book.end("place")].strip()
    entry.take(0, len(entry.text))
    return True
