"""Back matter anywhere in a paper: funding notes and grant numbers, the responsible editor."""

from __future__ import annotations

import re

from .authors import HAN_NAME
from .labels import find_doi
from .lines import DIGIT

NOTE_DECORATION = " \u3000*＊■□◆◇●○※★☆①†"
FUNDING_LABEL = re.compile(
    r"(?:基金项目|基金項目|项目基金|項目基金|资助项目|資助項目|基金资助|基金資助|(?i:fund(?:ing|ed\s+by)?|foundation\s+items?))"
    r"\s*[:：]\s*(?P<text>.+)")
NOTE_LABEL = re.compile(r"(?:说明|說明|注|註|附注|附註|致谢|致謝)\s*[:：]\s*(?P<text>.+)")
# `本文系统…` (系统 "system") opens ordinary sentences, not funding notes
FUNDING_STATEMENT = re.compile(r"(?:本文|本研究|本项目|本項目|本成果)(?:系(?![统統])|为|為|是|受|获|獲|得到)")
FUNDING_WORDS = ("项目", "項目", "基金", "资助", "資助", "课题", "課題")
FUNDING_GRANTED = ("资助", "資助")
# a funding note ends on what the grant produced or gave; a body sentence opening with 本文是… does not
FUNDING_NOTE_ENDING = re.compile(r"(?:成果|资助|資助|支持|资金|資金)\s*[)）]?\s*[。.．]?$")
GRANT_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)*(?![A-Za-z0-9])")
YEAR_OR_RANGE = re.compile(r"(?:19|20)\d{2}(?:[-/](?:19|20)\d{2})?")
EDITOR_LABEL = r"(?:责任编辑|責任編輯|责编|責編)"
EDITOR_NOTE = re.compile(rf"[(（\[【]?\s*{EDITOR_LABEL}\s*[:：]?\s*(?P<name>{HAN_NAME})\s*[)）\]】]?")
EDITOR_IN_BRACKETS = re.compile(rf"[(（\[【]\s*{EDITOR_LABEL}\s*[:：]?\s*(?P<name>{HAN_NAME})\s*[)）\]】]")


def funding_text(line: str) -> str | None:
    """The text of a funding note without its label (`基金项目：`, `说明：`), or None."""
    text = line.strip(NOTE_DECORATION)
    labelled = FUNDING_LABEL.fullmatch(text)
    if labelled:
        return labelled["text"].strip()
    noted = NOTE_LABEL.fullmatch(text)
    if noted:
        text = noted["text"].strip()
    if (FUNDING_STATEMENT.match(text) and any(word in text for word in FUNDING_WORDS)
            and (FUNDING_NOTE_ENDING.search(text) or any(word in text for word in FUNDING_GRANTED))):
        return text
    return None


def grant_numbers(text: str) -> list[str]:
    """Codes such as `71773084`, `17ZDA001`, `16BGJ012`: at least five characters, four digits, not a year."""
    codes = []
    for code in GRANT_CODE.findall(text):
        if len(code) >= 5 and len(DIGIT.findall(code)) >= 4 and not YEAR_OR_RANGE.fullmatch(code):
            codes.append(code)
    return codes


def editor_name(line: str) -> str | None:
    """`责任编辑:李明`, `■ 责任编辑:李明` or `(责任编辑 张三)` at the end of a paragraph."""
    note = EDITOR_NOTE.match(line.strip(NOTE_DECORATION))
    bracketed = note or EDITOR_IN_BRACKETS.search(line)
    return bracketed["name"] if bracketed else None


def is_back_matter_line(line: str) -> bool:
    """A whole line that is a funding or editor note, kept out of the body paragraphs."""
    return funding_text(line) is not None or bool(EDITOR_NOTE.fullmatch(line.strip(NOTE_DECORATION)))


def parse_back_matter(lines: list[str]) -> dict:
    """funding (notes joined), grant_no (codes joined by `; `), editor and doi found anywhere in the paper."""
    notes = [text for text in map(funding_text, lines) if text]
    codes = list(dict.fromkeys(code for note in notes for code in grant_numbers(note)))
    editor = next((name for name in map(editor_name, lines) if name), None)
    return {"funding": " ".join(notes) or None, "grant_no": "; ".join(codes) or None,
            "editor": editor, "doi": find_doi("\n".join(lines))}
