"""Chinese and English title lines, and which of a paper's first lines make its title.

A title is not the journal's issue line (`第？？卷第？期计算机学报`), not a running header,
not a label line, not a thesis's document-type line (`硕士学位论文`); where the PDF gives
type sizes, the title is the run of lines in the largest type on its page.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..text import HAN, count_han
from .authors import AUTHOR_LABEL, ENGLISH_AFFILIATION, LATIN_NAME_LIST
from .labels import ISSUE_LINE
from .line_shape import BRACKETED_GLOSS, DIGIT, LATIN_LETTER, ends_sentence, script_of
from .settings import DEFAULT_SETTINGS, StructureSettings

# a thesis cover names what it is (本科生毕业设计（论文）, 硕士学位论文), and so the degree
DEGREE_LEVELS = (("博士", "博士"), ("硕士", "硕士"), ("碩士", "硕士"), ("学士", "学士"), ("學士", "学士"),
                 ("本科", "学士"))
DOCUMENT_TYPE_LINE = re.compile(
    rf"(?:[{HAN}]{{0,12}}?(?:{'|'.join(word for word, _ in DEGREE_LEVELS)})(?:研究)?生?)?"
    r"(?:专业)?(?:学位|學位|毕业|畢業)(?:论文|論文|设计|設計)(?:\s*[（(](?:论文|論文)[)）])?"
    r"(?:\s*[(（]?(?:学术学位|專業學位|专业学位)[)）]?)?")
# an English cover's line saying what the thesis is (`Dissertation for the Master Degree`, `A Thesis Submitted to …
# for the Degree of Doctor`, `Master's Thesis`)
DOCUMENT_TYPE_LINE_EN = re.compile(
    r"(?:an?\s+)?(?:(?:master|doctor|doctoral|bachelor|undergraduate|graduation|ph\.?\s?d\.?)(?:'?s)?\s+)?"
    r"(?:dissertation|thesis)(?:\s+(?:for|submitted|presented|in\s+partial)\b.*)?", re.IGNORECASE)
# words of a title no list of names holds (`RESEARCH ON KEY TECHNOLOGIES OF …` in capitals is no by-line)
TITLE_WORD = re.compile(r"\b(?:of|on|for|the|in|with|based|to|from|by|via|using|under|towards?)\b", re.IGNORECASE)
# a footnote mark after a title: `∗`, `*`, `†` (a raised number is a citation marker, dropped and flagged
# when the title is normalized)
TRAILING_MARK = re.compile(r"\s*(?:[*∗†‡§¶]+|\^\s*[\[［][*∗†‡§¶]+[\]］])\s*$")
MARKS_ONLY = re.compile(r"\s*(?:[*∗†‡§¶]|\^\s*[\[［][\d,，\s*∗†]+[\]］])+\s*")


def degree_of(line: str) -> str | None:
    """The degree a document-type line names: `本科生毕业设计（论文）` -> 学士, `硕士学位论文` -> 硕士."""
    text = "".join(line.split())
    if not DOCUMENT_TYPE_LINE.fullmatch(text):
        return None
    return next((degree for word, degree in DEGREE_LEVELS if word in text), None)


def is_document_type(line: str) -> bool:
    """`本科生毕业设计（论文）`, `硕士学位论文`, `学位论文`: what a thesis is, printed on its cover."""
    return bool(DOCUMENT_TYPE_LINE.fullmatch("".join(line.split())))


def strip_title_mark(line: str) -> tuple[str, str | None]:
    """`论文题目 ∗` -> (`论文题目`, `∗`): a title keeps no footnote mark."""
    mark = TRAILING_MARK.search(line)
    return (line[: mark.start()], mark.group().strip()) if mark and mark.start() else (line, None)


def is_title_zh(line: str, settings: StructureSettings = DEFAULT_SETTINGS) -> bool:
    """A mostly-Han line of title length that is not a sentence, a note in brackets, an issue line
    or a thesis's document-type line."""
    line = strip_title_mark(line)[0]
    han = count_han(line)
    letters = han + len(LATIN_LETTER.findall(BRACKETED_GLOSS.sub("", line))) + len(DIGIT.findall(line))
    return (script_of(line, settings) == "zh"
            and settings.min_title_han <= han <= settings.max_title_han
            and han / letters >= settings.script_majority
            and line[:1] not in "([（【〔"
            and not ends_sentence(line) and "。" not in line
            and not ISSUE_LINE.search(line)
            and not AUTHOR_LABEL.match(line)
            and not is_document_type(line))


def is_title_en(line: str, settings: StructureSettings = DEFAULT_SETTINGS) -> bool:
    """A Latin-script line of title length, no Han in it (a gloss in brackets aside), that is not a sentence,
    an issue line, an affiliation, a list of names or a thesis's document-type line."""
    line = strip_title_mark(line)[0]
    return (script_of(line, settings) == "en" and not ISSUE_LINE.search(line)
            and not count_han(BRACKETED_GLOSS.sub("", line))
            and not DOCUMENT_TYPE_LINE_EN.fullmatch(line.strip())
            and len(line.split()) >= settings.min_title_en_words
            and line[:1] not in "([（【〔" and not line[:1].isdigit()
            and not ENGLISH_AFFILIATION.search(line)
            and not (LATIN_NAME_LIST.fullmatch(line) and not TITLE_WORD.search(line))
            and not ends_sentence(line))


def is_title_en_continued(line: str, settings: StructureSettings = DEFAULT_SETTINGS) -> bool:
    """The second line of an English title in the same type (`Beijing Institute of Technology`)."""
    line = strip_title_mark(line)[0]
    return (script_of(line, settings) == "en" and line[:1] not in "([（【〔" and not line[:1].isdigit()
            and not ends_sentence(line))


def largest_type_run(sizes: list[float | None], eligible: list[bool], tolerance: float,
                     preferred: Callable[[int], bool] | None = None) -> list[int]:
    """Indices of the first run of eligible lines set in the largest type among the eligible ones, or of the
    first such run whose first line is `preferred` (a title on its abstract's page, past forms in the same type)."""
    candidates = [size for size, ok in zip(sizes, eligible) if ok and size]
    if not candidates:
        return []
    largest = max(candidates)
    runs: list[list[int]] = []
    run: list[int] = []
    for index, (size, ok) in enumerate(zip(sizes, eligible)):
        if ok and size and abs(size - largest) <= tolerance:
            run.append(index)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return next((r for r in runs if preferred is not None and preferred(r[0])), runs[0])


def is_marks_only(line: str) -> bool:
    """A line holding nothing but footnote marks (`∗` printed apart from its title)."""
    return bool(line.strip()) and bool(MARKS_ONLY.fullmatch(line))
