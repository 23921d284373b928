"""The author-year head of GB/T 7714's second system (著者-出版年制) and of styles like it:

    阿扬, 2023. 谈谈记忆……[M]. 姜海伦, 译//《环球科学》杂志社. 认识记忆力……. 北京: 机械工业出版社: 15-18.
    MYBURG A A, GRATTAPAGLIA D, TUSKAN G A, et al., 2014. The genome of Eucalyptus grandis[J/OL]. Nature, 510: 356-362.
    Zotero, [2024]. [Zotero download][EB/OL]. [2024-04-08]. https://www.zotero.org/download/.

The year stands after the names (with a letter telling apart two works of one year, `2024a`, or in
brackets when supplied, `[2025]`) and is left out of the imprint, so the source readers also read
imprints without a year (`北京: 机械工业出版社: 15-18`, `东方博物(1): 85-92`, `Nature, 510: 356-362`).
"""

from __future__ import annotations

import re

from .names import plausible_names, split_names
from .patterns import YEAR

# `names, 2023.` / `names, 2024a.` / `names, [2025].` / `names, n.d.` at the head of the entry.
HEAD_YEAR = re.compile(
    rf"^(?P<names>(?:[^.\[\]]|(?<=[A-Z])\.|(?<=\bal)\.){{1,300}}?)\s*[,，]\s*(?P<date>\[?\s*(?P<year>{YEAR})(?P<letter>[a-z])?\s*\]?|n\.\s?d|无日期)\s*\.(?=\s|\[|$|[^\x00-\x7f])"
)


def read_head_year(entry, fields: dict) -> int | None:
    """Names and year at the head of the entry (`阿扬, 2023.`) taken; where the title starts, None when not read."""
    match = HEAD_YEAR.match(entry.text)
    if not match or not plausible_names(match["names"]):
        return None
    if match["year"]:
        fields["year"] = int(match["year"])
        fields["pub_date"] = match["year"]
    fields["authors"] = split_names(entry.printed[:match.end("names")])
    entry.take(0, match.end())
    return match.end()
