"""Marks that open a line: footnote marks, list labels, figure and table caption labels."""

from __future__ import annotations

import re

# A footnote opens with its mark: ①, *, †, 1), (1), a raised digit (`^[1]` as the reader writes it).
FOOTNOTE_MARK = re.compile(
    r"^\s*(?:[①-⑳㉑-㉟❶-❿⑴-⒇]|[*＊†‡§¶∗]+|\^\[\d+\]|\d{1,2}\s*[)）]|[(（]\d{1,2}[)）]|[¹²³⁴-⁹]+)")
# A list item's label at the start of a line: 1. 1) (1) [1] ① • (with the space after it).
LIST_LABEL = re.compile(r"\s*(?:\d{1,3}\s*[.．、)）]|[(（]\d{1,3}[)）]|[\[［]\d{1,3}[\]］]|[①-⑳]|[•·▪●○◆■□-])\s*")
# A line opening with a figure or table label (图 1, 表2-1, Fig. 3, Table 2): a caption starts there.
CAPTION_START = re.compile(r"(?:图|圖|表|(?i:fig\.|figure|table))\s*\d+(?:\s*[-.．]\s*\d+)*(?!\d)")
