"""What a line of a paper looks like: its script, whether it ends like a sentence."""

from __future__ import annotations

import re

from ..text import CJK, FULL_STOPS, HAN, PINYIN_LETTERS, SENTENCE_FINAL, SPACES, count_han
from .settings import DEFAULT_SETTINGS, StructureSettings

LATIN_LETTER = re.compile(r"[A-Za-z]")
_LATIN_RUN = re.compile(r"[A-Za-z]+")
DIGIT = re.compile(r"\d")
SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}])[{SPACES}]+(?=[{CJK}])")
# a heading, title or caption never ends like a sentence; nor with a full stop, though body
# text does not count it (a period also ends abbreviations and numbers there)
ENDS_SENTENCE = tuple(SENTENCE_FINAL | FULL_STOPS)
# A lowercase word in brackets right after Han is a pinyin annotation or an English gloss
# (`脱钩(decoupling)`): either way its letters must not make a Chinese line look English.
BRACKETED_GLOSS = re.compile(rf"(?<=[{HAN}])\([{PINYIN_LETTERS}]+\)")


def script_of(text: str, settings: StructureSettings = DEFAULT_SETTINGS) -> str | None:
    """"zh" when most letters are Han, "en" when most are Latin, else None."""
    text = BRACKETED_GLOSS.sub("", text) if "(" in text else text
    han, latin = count_han(text), count_latin(text)
    if han + latin == 0:
        return None
    if han / (han + latin) >= settings.script_majority:
        return "zh"
    if latin / (han + latin) >= settings.script_majority:
        return "en"
    return None


def count_latin(text: str) -> int:
    """ASCII letters in `text` (counted per run: one string per word, not per letter)."""
    return sum(map(len, _LATIN_RUN.findall(text)))


def remove_spaces_between_han(text: str) -> str:
    return SPACE_BETWEEN_CJK.sub("", text)


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(ENDS_SENTENCE)
