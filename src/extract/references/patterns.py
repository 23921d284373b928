"""Patterns the reference parser reads entries with; what other stages share comes from `text`.

Entries are matched on a folded working copy of the text (`FOLD`: full-width
punctuation and every dash to ASCII, same length), so a span found there slices
the entry as written.
"""

from __future__ import annotations

import re

from ..text import CARRIERS as CARRIERS  # re-exported: the parser's vocabulary
from ..text import CJK, DOI_BODY, URL_CHARACTER
from ..text import CJK_RE as CJK_RE
from ..text import DOC_TYPES as DOC_TYPES
from ..text import HAN_RE as HAN_RE
from ..text import TYPE_CODE as _PRINTED_TYPE_CODE
from ..text import URL as _URL
from ..text import strip_trailing_punctuation as strip_trailing_punctuation

# Same length in and out, so spans found in the folded text slice the text as written: full-width forms
# (U+FF01-FF5E: `［Ｊ］`, `５．０`, `，`) as ASCII, `。` as `.`, every dash as `-`, `【】` as brackets.
FOLD = str.maketrans(
    {**{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)},
     **dict(zip("。【】　—–−‐‑‒―", ".[] -------", strict=True))}
)
# Full-width letters and digits read as the ASCII ones in the values too (`５．０技术` -> `5．0技术`); full-width
# punctuation is kept as printed.
WIDE_ALNUM = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F) if chr(c - 0xFEE0).isalnum()})
# `[J]`, `[EB/OL]` (text.TYPE_CODE) and the 2005 standard's `[OL]` for an online item without a type
TYPE_CODE = re.compile(rf"{_PRINTED_TYPE_CODE.pattern}|\[\s*(?P<online>OL)\s*\]", re.IGNORECASE)



YEAR = r"(?:1[5-9]\d\d|20\d\d)(?!\d)"
ANY_YEAR = re.compile(rf"(?<!\d){YEAR}")

# A URL as printed in an entry, possibly in angle brackets (`<http://…>`).
URL = re.compile(rf"(?P<open><\s*)?(?P<url>{_URL.pattern})(?(open)\s*>)", re.IGNORECASE)
# A URL broken by a space inside its scheme or after it (a line end joined with a space): `htt p://`, `http:// www.`;
# read only where it holds a space
BROKEN_URL = re.compile(
    rf"(?<![A-Za-z])h\s?t\s?t\s?p\s?s?\s?:\s?/\s?/\s?{URL_CHARACTER}+",
    re.IGNORECASE)
DOI = re.compile(rf"\bDOI\s*:\s*(?P<doi>{DOI_BODY})", re.IGNORECASE)
# A DOI inside a URL: after `doi.org/`, a path separator, `=` or `doi:`; ends at a query or fragment.
# a DOI inside a URL, without the page the site adds after it (`/doi/10.1002/9781444305036/summary`)
DOI_IN_URL = re.compile(r"(?:^|[/=:])(?P<doi>10\.\d{4,9}/[^\s?#&]+?)"
                        r"(?:/(?:summary|abstract|full|fulltext|pdf|epdf|pdfdirect|html|references|figures))?/?(?=$|[?#&\s])",
                        re.IGNORECASE)
CSTR = re.compile(rf"\bCSTR\s*:\s*(?P<cstr>\d{{5}}\.\d{{2}}\.[^\s<>{CJK}]+)", re.IGNORECASE)


def date_pattern(name: str, month_required: bool = False) -> str:
    """A date `2016`, `2016-09-28`, `2016/9/28`, `2016.09.28` or `2016年9月28日`, groups prefixed `name`."""
    month = (rf"(?:\s*[-/年]\s*|\s*\.)(?P<{name}_m>1[0-2]|0?[1-9])(?!\d)"
             rf"(?:\s*[-/.月]\s*(?P<{name}_d>3[01]|[12]\d|0?[1-9])(?!\d)\s*日?|\s*月)?")
    return rf"(?P<{name}>(?P<{name}_y>{YEAR})(?:{month}){'' if month_required else '?'})"


def iso_date(match: re.Match, name: str) -> str:
    """The ISO form (`2016`, `2016-09`, `2016-09-28`) of a date matched by `date_pattern(name)`."""
    parts = [match[f"{name}_y"]] + [f"{int(match[f'{name}_{p}']):02d}" for p in "md" if match[f"{name}_{p}"]]
    return "-".join(parts)


# a periodical's name: `铁道学报, 2024.` is a journal and its year, `Springer, 2014.` a publisher and its year
JOURNAL_WORD = re.compile(r"学报|學報|杂志|雜誌|期刊|通讯|通訊"
                          r"|\b(?:Journal|Review|Quarterly|Transactions|Letters|Bulletin|Annals|Magazine)\b",
                          re.IGNORECASE)
