"""Chinese and English title lines."""

from __future__ import annotations

from ..text import count_han
from .authors import ENGLISH_AFFILIATION, LATIN_NAME_LIST
from .labels import ISSUE_LINE
from .lines import BRACKETED_GLOSS, DIGIT, LATIN_LETTER, ends_sentence, script_of
from .settings import DEFAULT_SETTINGS, StructureSettings


def is_title_zh(line: str, settings: StructureSettings = DEFAULT_SETTINGS) -> bool:
    """A mostly-Han line of title length that is not a sentence, a note in brackets or an issue line."""
    han = count_han(line)
    letters = han + len(LATIN_LETTER.findall(BRACKETED_GLOSS.sub("", line))) + len(DIGIT.findall(line))
    return (script_of(line, settings) == "zh"
            and settings.min_title_han <= han <= settings.max_title_han
            and han / letters >= settings.script_majority
            and line[:1] not in "([（【〔"
            and not ends_sentence(line) and "。" not in line
            and not ISSUE_LINE.search(line))


def is_title_en(line: str, settings: StructureSettings = DEFAULT_SETTINGS) -> bool:
    return (script_of(line, settings) == "en"
            and len(line.split()) >= settings.min_title_en_words
            and line[:1] not in "([（【〔" and not line[:1].isdigit()
            and not ENGLISH_AFFILIATION.search(line)
            and not LATIN_NAME_LIST.fullmatch(line)
            and not ends_sentence(line))
