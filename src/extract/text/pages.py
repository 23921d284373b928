"""Page furniture: page numbers in every common form, contents entries, the key a running header recurs by."""

from __future__ import annotations

import re

# A page number printed on its own in any common form: `5`, `- 24 -`, `· 5 ·`, `第 3 页 共 29 页`,
# `Page 3 of 29`, `3/29`, roman numerals (PDF margins: pdf/headers.py; text pages: text_pages.py).
PAGE_NUMBER = re.compile(
    r"[-–—·・•|\s]*(?:\d{1,4}|[IVXLCDM]{1,7}|[ivxlcdm]{1,7})[-–—·・•|\s]*"
    r"|第\s*\d+\s*[页頁](?:\s*[，,/]?\s*共\s*\d+\s*[页頁])?"
    r"|(?i:page)\s*\d+(?:\s*(?:of|/)\s*\d+)?"
    r"|\d+\s*/\s*\d+"
    r"|[-–—]?\s*\d+\s*[-–—]?\s*/\s*[-–—]?\s*\d+\s*[-–—]?"
)
# The same, marked as a page number beyond doubt (a bare `5` or `IV` on a line may be a table value or a label).
MARKED_PAGE_NUMBER = re.compile(
    r"\s*[-–—·・•]\s*\d{1,4}\s*[-–—·・•]\s*|\s*第\s*\d+\s*[页頁](?:\s*[，,/]?\s*共\s*\d+\s*[页頁])?\s*"
    r"|\s*(?i:page)\s*\d+(?:\s*(?:of|/)\s*\d+)?\s*")


def band_key(text: str) -> str:
    """A margin line as its repetitions share it: spaces out, every number `#` (page numbers, volumes)."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


# A table of contents' entry: a title, a leader of dots, its page number (`第一章 绪论 ...... 1`, `Abstract …… III`);
# the PDF reader removes contents pages by it (pdf/toc.py), the front matter keeps a contents entry out of the body.
LEADER = r"(?:[.·…．。⋯・]\s*){3,}"
TOC_ENTRY = re.compile(rf".*\S\s*{LEADER}\s*(?:\d{{1,4}}|[IVXLCDM]{{1,7}}|[ivxlcdm]{{1,7}})")
