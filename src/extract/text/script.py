"""Character classes: Han, CJK, CJK punctuation, kana and hangul, controls, private use, GB2312 rows."""

from __future__ import annotations

import contextlib
import functools
import re
import unicodedata

# Han code point blocks: (first, last).
HAN_UNIFIED_BMP = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))  # Extension A, CJK Unified Ideographs
HAN_COMPATIBILITY = ((0xF900, 0xFAFF),)
# Extensions B-G (with the supplementary compatibility block between them)
HAN_SUPPLEMENTARY = ((0x20000, 0x3134F),)


def char_class(blocks: tuple[tuple[int, int], ...]) -> str:
    """`[...]` body for code point blocks: ((0x4E00, 0x9FFF),) -> `一-鿿`."""
    return "".join(f"{chr(first)}-{chr(last)}" for first, last in blocks)


def block_chars(blocks: tuple[tuple[int, int], ...]) -> str:
    """Every character of the blocks, in code point order."""
    return "".join("".join(map(chr, range(first, last + 1))) for first, last in blocks)


HAN = char_class(HAN_UNIFIED_BMP + HAN_COMPATIBILITY + HAN_SUPPLEMENTARY)
HAN_RE = re.compile(f"[{HAN}]")

# Full-width and CJK punctuation: a neighbour that makes a mark "Chinese context".
CJK_PUNCTUATION = ("\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
                   "\u2018\u2019\u201c\u201d\u2014\u2015\u2026\u00b7")

# Everything set solid in Chinese typesetting (no space typed next to it): the CJK
# blocks (radicals, symbols and punctuation, kana, Han, compatibility and vertical
# forms, full-width forms, the supplementary ideographic planes) and the punctuation above.
CJK = ("\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
       + CJK_PUNCTUATION + "\u30fb")
CJK_RE = re.compile(f"[{CJK}]")

SPACES = " \u3000\u00a0"  # the spaces typed in Chinese text: ASCII, ideographic, no-break
REPLACEMENT_CHARACTER = "\ufffd"

# Kana letters (hiragana, katakana, their phonetic extensions, half-width katakana): their
# presence makes a span Japanese. The katakana middle dot ・ and the long-vowel mark ー are left
# out: Chinese text borrows them (理查德・弗罗里达).
KANA = "\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff\u31f0-\u31ff\uff66-\uff9d"
# Hangul jamo and syllables (and their compatibility and half-width forms): a Korean span.
HANGUL = "\u1100-\u11ff\u3131-\u318e\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff\uffa0-\uffdc"
KANA_OR_HANGUL_RE = re.compile(f"[{KANA}{HANGUL}]")
# Kanji only Japanese writes (shinjitai: 図 for 圖/图, 読 for 讀/读 ...) and the word for a company:
# a Japanese text without kana (a journal or publisher name) still shows itself by these.
JAPANESE_ONLY_KANJI = ("図団広売変駅沢県辺実経総拡歩労栄桜検験亜悪圧囲暦鉄"
                       "隣読続関単戦転発覚対壊様氷払仏焼済渇粋徳恵悩脳蔵薬亀")
JAPANESE_OR_KOREAN_RE = re.compile(f"[{KANA}{HANGUL}{JAPANESE_ONLY_KANJI}]|株式会社|株式會社")

# Characters that carry no text: C0 controls other than tab, line feed and carriage return, DEL
# and the C1 controls. Normalized text never holds one (the normalizer removes them, flagged).
CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
CONTROL_RE = re.compile(f"[{CONTROL}]")
# Private Use Area code points: no agreed character (GBK/Big5 user-defined bytes decode to them).
PRIVATE_USE_BLOCKS = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
PRIVATE_USE = char_class(PRIVATE_USE_BLOCKS)
PRIVATE_USE_RE = re.compile(f"[{PRIVATE_USE}]")


# GB2312 rows of Han characters: level 1 (the 3755 most used) and level 2.
GB2312_LEVEL_1 = (0xB0, 0xD7)
GB2312_LEVEL_2 = (0xD8, 0xF7)


def gb2312_chars(rows: tuple[int, int]) -> list[str]:
    """The characters of GB2312 rows `rows` (first, last), in code order."""
    chars = []
    for row in range(rows[0], rows[1] + 1):
        for cell in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.append(bytes([row, cell]).decode("gb2312"))
    return chars


@functools.lru_cache(maxsize=8192)  # called for every letter of a paper's input (accounting): a match per distinct char
def is_han(char: str) -> bool:
    return bool(char) and bool(HAN_RE.match(char))


@functools.lru_cache(maxsize=8192)  # called for every glyph of a line: one regex match per distinct char
def is_cjk(char: str) -> bool:
    """A character set solid in Chinese text (Han, kana, CJK and full-width punctuation)."""
    return bool(char) and bool(CJK_RE.match(char))


def is_wide(char: str) -> bool:
    """East Asian width wide or full-width (Unicode): takes a full em, no space needed beside it."""
    return unicodedata.east_asian_width(char) in ("W", "F")


_HAN_RUN_RE = re.compile(f"[{HAN}]+")


def count_han(text: str) -> int:
    """Han characters in `text` (counted per run: one string per run, not per character)."""
    return sum(map(len, _HAN_RUN_RE.findall(text)))


def is_japanese_or_korean(text: str) -> bool:
    """Kana, hangul or Japanese-only kanji present: Japanese or Korean, not Chinese in another script."""
    return bool(JAPANESE_OR_KOREAN_RE.search(text))
SOFT_HYPHEN = "\u00ad"
