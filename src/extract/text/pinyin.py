"""Pinyin annotations after Han characters (`城(chéng)`): syllables and where an annotation stands."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .markers import CITATION_MARKER
from .script import CJK, HAN

TONE_MARKED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüḿńňǹ"
PINYIN_LETTERS = "a-z" + TONE_MARKED
_TONELESS = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜḿńňǹv", "aaaaeeeeiiiioooouuuuüüüümnnnü")

# Finals each initial combines with (Hanyu Pinyin syllable table, ü written ü after n/l).
_FINALS_BY_INITIAL = {
    "": "a o e ê ai ei ao ou an en ang eng er m n ng hm hng",
    "b": "a o ai ei ao an en ang eng i ie iao ian in ing u",
    "p": "a o ai ei ao ou an en ang eng i ie iao ian in ing u",
    "m": "a o e ai ei ao ou an en ang eng i ie iao iu ian in ing u",
    "f": "a o ei ou an en ang eng iao u",
    "d": "a e ai ei ao ou an en ang eng ong i ia ie iao iu ian ing u uo ui uan un",
    "t": "a e ai ei ao ou an ang eng ong i ie iao ian ing u uo ui uan un",
    "n": "a e ai ei ao ou an en ang eng ong i ie iao iu ian in iang ing u uo uan un ü üe",
    "l": "a o e ai ei ao ou an ang eng ong i ia ie iao iu ian in iang ing u uo uan un ü üe",
    "g": "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "k": "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "h": "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "j": "i ia ie iao iu ian in iang ing iong u ue uan un",
    "q": "i ia ie iao iu ian in iang ing iong u ue uan un",
    "x": "i ia ie iao iu ian in iang ing iong u ue uan un",
    "zh": "a e i ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "ch": "a e i ai ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "sh": "a e i ai ei ao ou an en ang eng u ua uo uai ui uan un uang",
    "r": "e i ao ou an en ang eng ong u ua uo ui uan un",
    "z": "a e i ai ei ao ou an en ang eng ong u uo ui uan un",
    "c": "a e i ai ao ou an en ang eng ong u uo ui uan un",
    "s": "a e i ai ao ou an en ang eng ong u uo ui uan un",
    "y": "a o e ao ou an in ang ing ong i u ue uan un",
    "w": "a o ai ei an en ang eng u",
}
PINYIN_SYLLABLES = frozenset(
    initial + final for initial, finals in _FINALS_BY_INITIAL.items() for final in finals.split()
)

# (syllable) in ASCII or full-width brackets, whitespace before it (a line or page break may fall in between)
BRACKETED_SYLLABLE = re.compile(rf"\s*[(（]([{PINYIN_LETTERS}]{{1,7}})[)）]")
# What may stand between a Han character and its annotation: whitespace, citation markers.
_BEFORE_ANNOTATION = re.compile(rf"(?:\s*{CITATION_MARKER.pattern})*")
# The annotated character: Han, or what a mis-decoded GBK run left of it: the lost-byte mark `?`,
# or the trail byte standing as one ASCII letter glued to CJK text (`鐣l(fā)`).
_HAN_BEFORE_BRACKET = re.compile(rf"(?:[{HAN}?]|(?<=[{CJK}])[A-Za-z])(?=(?:\s|{CITATION_MARKER.pattern})*[(（])")
# Inside a mis-decoded span the opening bracket may have been eaten by the damage.
BRACKETED_SYLLABLE_FRAGMENT = re.compile(rf"[(（]?([{PINYIN_LETTERS}]{{1,7}})[)）]")


def is_tone_marked_syllable(word: str) -> bool:
    """One Hanyu Pinyin syllable (initial + final) carrying a tone mark (or ü)."""
    return any(c in TONE_MARKED for c in word) and word.translate(_TONELESS) in PINYIN_SYLLABLES


# Inside a mis-decoded run the damage eats the opening bracket: `嵉yōu)`, `?yōu)`.
_ANNOTATION_FRAGMENT = re.compile(rf"(?<=[{HAN}?])([{PINYIN_LETTERS}]{{1,7}})[)）]")


def pinyin_annotations(text: str) -> Iterator[tuple[int, int, int]]:
    """(han, start, end) for each web-conversion annotation: `發(fā)` -> (0, 1, 5).

    An annotation is one tone-marked Hanyu Pinyin syllable in ASCII or full-width
    brackets after a Han character (at `han`); whitespace and citation markers may
    stand between (`發 (fā)`, `發^[3](fā)`), and several annotations may follow one
    another (`長(zhǎng)(cháng)`). text[start:end] is the annotation with the
    whitespace before it; markers are not part of it. `(ma)`, `(café)`,
    `(decoupling)`, `(一)` are no annotations. Inside a mis-decoded GBK run the
    annotated character may be the lost-byte mark `?` (`?(yōu)`; `han` is then the
    mark's position) and the opening bracket may be gone (`嵉yōu)`, `?yōu)`).
    """
    found = sorted([*_bracketed_annotations(text), *_annotation_fragments(text)], key=lambda a: a[1])
    yield from found


def _annotation_fragments(text: str) -> Iterator[tuple[int, int, int]]:
    if ")" not in text and "）" not in text:
        return
    for match in _ANNOTATION_FRAGMENT.finditer(text):
        if is_tone_marked_syllable(match.group(1)):
            yield match.start() - 1, match.start(), match.end()


def _bracketed_annotations(text: str) -> Iterator[tuple[int, int, int]]:
    if "(" not in text and "（" not in text:
        return
    for han in _HAN_BEFORE_BRACKET.finditer(text):
        position = han.end()
        while True:
            between = _BEFORE_ANNOTATION.match(text, position)
            start = between.end() if between else position
            annotation = BRACKETED_SYLLABLE.match(text, start)
            if not annotation or not is_tone_marked_syllable(annotation.group(1)):
                break
            yield han.start(), start, annotation.end()
            position = annotation.end()


def has_pinyin_annotation(text: str) -> bool:
    return next(pinyin_annotations(text), None) is not None
