"""Front-matter labels (摘要, 关键词, Abstract, DOI, ISSN ...) and the identifiers and keywords after them."""

from __future__ import annotations

import re

from ..text import DOI_BODY, strip_trailing_punctuation

OPEN_BRACKET, CLOSE_BRACKET = r"[\[【〔]?\s*", r"\s*[\]】〕]?"
FRONT_MATTER_LABELS: tuple[tuple[str, str], ...] = (
    ("abstract_zh", r"摘\s*要|内\s*容\s*提\s*要|內\s*容\s*提\s*要"),
    ("keywords_zh", r"关\s*键\s*[词字]|關\s*鍵\s*[詞字]"),
    ("abstract_en", r"(?i:abstract)"),
    ("keywords_en", r"(?i:key\s*words?)"),
    ("doi", r"(?i:doi)"),
    ("issn", r"(?i:issn)"),
    ("other", r"中图分类号|中圖分類號|文献标识码|文獻標識碼|文章编号|文章編號|收稿日期|修回日期|"
              r"作者简介|作者簡介|通讯作者|通訊作者|引用格式|基金项目|基金項目|网络出版|網絡出版|"
              r"(?i:CLC\s*number|document\s*code|article\s*id)"),
)
FRONT_MATTER_LABEL_PATTERNS = tuple(
    (kind, re.compile(rf"{OPEN_BRACKET}(?:{label}){CLOSE_BRACKET}(?:\s*[:：]|(?<=[\]】〕])|\s+|$)\s*(?P<rest>.*)"))
    for kind, label in FRONT_MATTER_LABELS
)
ABSTRACT_AND_KEYWORD_LABELS = ("abstract_zh", "abstract_en", "keywords_zh", "keywords_en")

DOI = re.compile(rf"(?i)\bdoi\s*[:：]?\s*({DOI_BODY})")
ISSN = re.compile(r"(?i)\bissn\s*[:：]?\s*(\d{4})\s*-?\s*(\d{3}[\dX])\b")
ISSN_IN_DOI = re.compile(r"(?i)issn\.?(\d{4})-?(\d{3}[\dX])(?:\.((?:19|20)\d{2}))?")
YEAR_IN_DOI = re.compile(r"(?<=[./])((?:19|20)\d{2})(?=[./-])")
ISSUE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年\s*第\s*\d+\s*期")
ISSUE_LINE = re.compile(
    r"第\s*\d+\s*[卷期辑輯]|(?:19|20)\d{2}\s*年\s*(?:第\s*\d+\s*期|\d{1,2}\s*月)|(?i:\bvol\.|\bno\.)")
REFERENCE_ENTRY = re.compile(r"^\s*[\[［]\d+[\]］]")


def front_matter_label(line: str) -> tuple[str, str] | None:
    """(kind, text after the label) for 摘要/Abstract/关键词/Key words/DOI/ISSN/other labels."""
    text = line.strip()
    for kind, pattern in FRONT_MATTER_LABEL_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return kind, match["rest"].strip()
    return None


def find_doi(text: str) -> str | None:
    """The first `DOI: 10.xxxx/...` outside reference-list entries."""
    for line in text.splitlines():
        match = None if REFERENCE_ENTRY.match(line) else DOI.search(line)
        if match:
            return strip_trailing_punctuation(match[1])
    return None


def issn_and_year_from_doi(doi: str) -> tuple[str | None, int | None]:
    """`10.1234/j.issn.1000-0000.2020.02.003` -> ("1000-0000", 2020)."""
    match = ISSN_IN_DOI.search(doi)
    if match:
        year = match[3] or None
        return f"{match[1]}-{match[2].upper()}", int(year) if year else None
    year_match = YEAR_IN_DOI.search(doi.partition("/")[2])
    return None, int(year_match[1]) if year_match else None


KEYWORD_SEPARATORS = re.compile(r"[;；，,]")


def split_keywords(text: str, lang: str) -> list[str]:
    """`a；b；c` -> [a, b, c]. Chinese lists without punctuation are split on runs of spaces."""
    text = text.strip().rstrip("。.")
    parts = text.split() if lang == "zh" and not KEYWORD_SEPARATORS.search(text) else KEYWORD_SEPARATORS.split(text)
    return [part.strip() for part in parts if part.strip()]
