"""Shared text knowledge, declared once: every stage and every write check imports it.

Character classes (Han, CJK, CJK punctuation, wide), sentence-final punctuation,
the citation-marker grammar, the pinyin-annotation test, URL / DOI / e-mail
patterns, the GB/T 7714 type code, joining the lines of a broken paragraph,
field or entry, and the sha256 of bytes. A check built from these cannot reject
what a stage deliberately kept, because both read the same definition.

Character classes are strings for use inside `[...]` in a regular expression.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

# ---------------------------------------------------------------- character classes

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
    return "".join(chr(c) for first, last in blocks for c in range(first, last + 1))


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



def is_han(char: str) -> bool:
    return bool(char) and bool(HAN_RE.match(char))


def is_cjk(char: str) -> bool:
    """A character set solid in Chinese text (Han, kana, CJK and full-width punctuation)."""
    return bool(char) and bool(CJK_RE.match(char))


def is_wide(char: str) -> bool:
    """East Asian width wide or full-width (Unicode): takes a full em, no space needed beside it."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def count_han(text: str) -> int:
    return len(HAN_RE.findall(text))


# ---------------------------------------------------------------- sentence ends

# A sentence of Chinese (or Latin) text ends at one of these.
SENTENCE_FINAL = frozenset("。！？!?；;…")
FULL_STOPS = frozenset(".．")  # a Latin or full-width full stop (also ends abbreviations and numbers)


def ends_with_full_stop(text: str) -> bool:
    """A full stop that ends a Chinese sentence: after a CJK character or a closing bracket or
    quote (house styles such as 自动化学报 end Chinese sentences with `. `), not after a Latin
    letter or a digit (`et al.`, `3.`)."""
    text = text.rstrip()
    return len(text) >= 2 and text[-1] in FULL_STOPS and (is_cjk(text[-2]) or text[-2] in ")）]】」』”’》")
COLONS = frozenset("：:")  # a colon introduces what follows (a list, a quotation)
# Where one sentence span ends and the next begins: a sentence-final mark, a line break, or a full
# stop before a space (Latin, Korean). Script is decided per span (kana or hangul keep one as written).
SPAN_END = re.compile(r"[。！？!?；;…\n]|[.．](?=\s)")


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence span, the mark that ends it included; together they cover `text`."""
    start = 0
    for match in SPAN_END.finditer(text):
        yield start, match.end()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def is_japanese_or_korean(text: str) -> bool:
    """Kana, hangul or Japanese-only kanji present: Japanese or Korean, not Chinese in another script."""
    return bool(JAPANESE_OR_KOREAN_RE.search(text))
SOFT_HYPHEN = "\u00ad"

# ---------------------------------------------------------------- footnote marks and caption labels

# A footnote opens with its mark: ①, *, †, 1), (1), a raised digit (`^[1]` as the reader writes it).
FOOTNOTE_MARK = re.compile(
    r"^\s*(?:[①-⑳㉑-㉟❶-❿⑴-⒇]|[*＊†‡§¶∗]+|\^\[\d+\]|\d{1,2}\s*[)）]|[(（]\d{1,2}[)）]|[¹²³⁴-⁹]+)")
# A list item's label at the start of a line: 1. 1) (1) [1] ① • (with the space after it).
LIST_LABEL = re.compile(r"\s*(?:\d{1,3}\s*[.．、)）]|[(（]\d{1,3}[)）]|[\[［]\d{1,3}[\]］]|[①-⑳]|[•·▪●○◆■□-])\s*")
# A line opening with a figure or table label (图 1, 表2-1, Fig. 3, Table 2): a caption starts there.
CAPTION_START = re.compile(r"(?:图|圖|表|(?i:fig\.|figure|table))\s*\d+(?:\s*[-.．]\s*\d+)*(?!\d)")

# ---------------------------------------------------------------- citation markers

# `^[3]`, `[3]`, `[3-5]`, `[3,6]`, `[3，6]`, `［3］`, `^[3,5-7]`: bracketed reference numbers,
# printed superscript (`^`) or inline. Numbers above 999 never are (years, dates). A range may
# run across two brackets (`[3]-[5]`), a number may carry a locator (`[10; 第 186 页]`).
MARKER_NUMBER = r"\d{1,3}"
MARKER_DASH = r"[-–—~～－‐‑‒―]"
MARKER_SEPARATOR = r"[,，、]"
MARKER_ITEM = rf"{MARKER_NUMBER}(?:\s*{MARKER_DASH}\s*{MARKER_NUMBER})?"
MARKER_BODY = rf"{MARKER_ITEM}(?:\s*{MARKER_SEPARATOR}\s*{MARKER_ITEM})*"
MARKER_ITEM_RE = re.compile(rf"(?P<first>{MARKER_NUMBER})(?:\s*{MARKER_DASH}\s*(?P<last>{MARKER_NUMBER}))?")
# `[10; 第 186 页]`, `[3, p. 12]`: where in the cited work; opens with a word for a part or a page.
MARKER_LOCATOR = r"\s*[;；,，:：]\s*(?:第|pp?\.|页|頁|卷|章|§)[^\[\]［］\n]{0,30}?"
# A caret marker may carry a closing caret (`^[3]^`) left by a superscript run.
CITATION_MARKER = re.compile(
    rf"(?P<caret>\^)?[\[［]\s*(?P<body>{MARKER_BODY})(?P<locator>{MARKER_LOCATOR})?\s*[\]］]"
    rf"(?:\s*{MARKER_DASH}\s*\^?[\[［]\s*(?P<until>{MARKER_NUMBER})\s*[\]］])?"
    rf"(?(caret)(?:\^(?![\[［]))?)")
# A whole superscript marker; a stray `^[` or `^[EB/OL]` is text, not a marker.
SUPERSCRIPT_MARKER = re.compile(rf"\^[\[［]\s*{MARKER_BODY}\s*[\]］]")

# ---------------------------------------------------------------- pinyin annotations

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


# ---------------------------------------------------------------- URLs, DOIs, e-mail

# A URL ends at whitespace, `<>"`, `^` (the caret of a marker right after it) or CJK text.
URL_CHARACTER = rf"[^\s<>\"^{CJK}]"
URL_START = r"(?:(?:https?|ftp)://|www\.)"
URL = re.compile(rf"{URL_START}{URL_CHARACTER}+", re.IGNORECASE)
# a line broken inside a URL: one starts in its last run of non-CJK text
URL_AT_END = re.compile(rf"{URL_START}[^\s{CJK}]*$", re.IGNORECASE)
# a DOI's suffix ends at whitespace, `<>[]",` or CJK text (a comma is never part of one)
DOI_BODY = rf"10\.\d{{4,9}}/[^\s<>\[\]\",{CJK}]+"
DOI = re.compile(rf"\b{DOI_BODY}")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
TRAILING_PUNCTUATION = ".,;:!?'"


def strip_trailing_punctuation(value: str) -> str:
    """A URL or DOI without the sentence punctuation after it; an unbalanced `)` or `]` goes too."""
    value = value.rstrip(TRAILING_PUNCTUATION)
    for opening, closing in ("()", "[]"):
        while value.endswith(closing) and value.count(closing) > value.count(opening):
            value = value[:-1].rstrip(TRAILING_PUNCTUATION)
    return value


def literal_spans(text: str) -> list[tuple[int, int]]:
    """URLs, DOIs and e-mail addresses (without trailing punctuation): text that is never rewritten."""
    spans = []
    for needles, pattern in ((("://", "www.", "WWW."), URL), (("10.",), DOI), (("@",), EMAIL)):
        if any(needle in text for needle in needles):
            spans += [(m.start(), m.start() + len(strip_trailing_punctuation(m.group())))
                      for m in pattern.finditer(text)]
    return sorted(spans)


# ---------------------------------------------------------------- official documents

# An official document's number (发文字号): `国发〔2016〕43号`, `财税[2018]32号` (a pattern to embed).
OFFICIAL_NUMBER = r"[\u4e00-\u9fff]{1,8}\s*[〔\[(【［（]\s*\d{4}\s*[〕\])】］）]\s*\d+\s*号"


# ---------------------------------------------------------------- page furniture

# A page number printed on its own in any common form: `5`, `- 24 -`, `· 5 ·`, `第 3 页 共 29 页`,
# `Page 3 of 29`, `3/29`, roman numerals (PDF margins: pdf/headers.py; text pages: text_pages.py).
PAGE_NUMBER = re.compile(
    r"[-–—·・•|\s]*(?:\d{1,4}|[IVXLCDM]{1,7}|[ivxlcdm]{1,7})[-–—·・•|\s]*"
    r"|第\s*\d+\s*[页頁](?:\s*[，,/]?\s*共\s*\d+\s*[页頁])?"
    r"|(?i:page)\s*\d+(?:\s*(?:of|/)\s*\d+)?"
    r"|\d+\s*/\s*\d+"
    r"|[-–—]?\s*\d+\s*[-–—]?\s*/\s*[-–—]?\s*\d+\s*[-–—]?"
)
# The same, marked as a page number beyond doubt (a bare `5` or `IV` on a line may be a table value or a label).
MARKED_PAGE_NUMBER = re.compile(
    r"\s*[-–—·・•]\s*\d{1,4}\s*[-–—·・•]\s*|\s*第\s*\d+\s*[页頁](?:\s*[，,/]?\s*共\s*\d+\s*[页頁])?\s*"
    r"|\s*(?i:page)\s*\d+(?:\s*(?:of|/)\s*\d+)?\s*")


def band_key(text: str) -> str:
    """A margin line as its repetitions share it: spaces out, every number `#` (page numbers, volumes)."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


# ---------------------------------------------------------------- GB/T 7714 type codes

DOC_TYPES = ("M", "C", "G", "N", "J", "D", "R", "S", "P", "DB", "CP", "EB", "A", "CM", "DS", "PP", "Z")
CARRIERS = ("OL", "CD", "DK", "MT")
# `[J]`, `[M]`, `[EB/OL]`, `[ J / OL ]`: the document type and optional carrier.
TYPE_CODE = re.compile(
    rf"\[\s*(?P<doc_type>{'|'.join(sorted(DOC_TYPES, key=len, reverse=True))})"
    rf"\s*(?:/\s*(?P<carrier>{'|'.join(CARRIERS)})\s*)?\]",
    re.IGNORECASE,
)

# ---------------------------------------------------------------- joining broken lines

_HYPHENATED_END = re.compile(r"([A-Za-z]+)-$")
_LOWER_WORD = re.compile(r"[a-z]+")
_SUPERSCRIPT_MARKER_AT_END = re.compile(rf"{SUPERSCRIPT_MARKER.pattern}$")
_LATIN_END = re.compile(r"[A-Za-z0-9\u00c0-\u024f,.;:!?)\]'\"%]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9\u00c0-\u024f(\['\"]")
_NO_SPACE_AFTER = "-/([{<“‘《"
_NO_SPACE_BEFORE = ".,;:)]}>!?”’》"
_URL_OR_DOI_AT_START = re.compile(r"<?\s*(?:https?://|ftp://|www\.|doi\s*[:：])", re.IGNORECASE)


def rejoin_hyphenated(left: str, right: str) -> tuple[str, str] | None:
    """`Inter-` + `national` -> (`International`, `Inter-national`): a Latin word hyphenated at a line end."""
    head = _HYPHENATED_END.search(left)
    tail = _LOWER_WORD.match(right)
    if head and tail:
        return left[:-1] + right, f"{head.group(1)}-{tail.group()}"
    return None


def join_printed_lines(left: str, left_space: bool, right: str, right_space: bool) -> tuple[str, str | None]:
    """Two lines of a typeset paragraph (PDF): a space only where one was printed or Latin meets Latin.

    The layout shows every space that was printed (`left_space`, `right_space`), so
    CJK text, a citation marker or a URL running across the break gets none. A soft hyphen
    (U+00AD, which LaTeX fonts draw for `-`) at the end is a hyphen: a break inside a word
    is rejoined, anything else keeps a `-`.
    Returns the joined text and, for a rejoined hyphenated word, the word as printed.
    """
    if not left or not right:
        return left + right, None
    if left.endswith(SOFT_HYPHEN):  # a soft hyphen ends a line only where a word was broken
        left = left[:-1] + "-"
        if not rejoin_hyphenated(left, right):
            return left + right, None
    if left_space or right_space:
        return left + " " + right, None
    hyphenated = rejoin_hyphenated(left, right)
    if hyphenated:
        return hyphenated
    if _SUPERSCRIPT_MARKER_AT_END.search(left) or URL_AT_END.search(left):
        return left + right, None
    if _LATIN_END.search(left) and _LATIN_START.match(right):
        return left + " " + right, None
    return left + right, None


def join_paragraph_pieces(left: str, right: str) -> str:
    """Two blocks of one paragraph: no space next to CJK, one space between Latin words.

    Blocks were stripped by the reader, so a space is inferred: none when either
    side is CJK, the hyphen of a word broken at the line end removed.
    """
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    if is_cjk(left[-1]) or is_cjk(right[0]):
        return left + right
    hyphenated = rejoin_hyphenated(left, right)
    return hyphenated[0] if hyphenated else left + " " + right


def join_field_lines(parts: list[str]) -> str:
    """Lines of one front-matter field (title, abstract): no space only where CJK meets CJK.

    A field may hold a Chinese phrase and a Latin one side by side across the
    break (`可持续发展` / `SDGs`): they stay apart.
    """
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        glue = "" if not out or (is_cjk(part[0]) and is_cjk(out[-1])) else " "
        out += glue + part
    return out


def join_prose_lines(text: str) -> str:
    """A field printed over several lines (an author's biography) as one running text: lines
    joined like the blocks of a paragraph (`join_paragraph_pieces`), a hyphen that ends a line
    before a capital kept without a space (`Shu-` / `Lin`)."""
    out = ""
    for line in (part.strip() for part in text.split("\n")):
        if not line:
            continue
        if out.endswith("-") and line[0].isalpha() and not rejoin_hyphenated(out, line):
            out += line
        else:
            out = join_paragraph_pieces(out, line) if out else line
    return out


def join_entry_lines(head: str, tail: str) -> str:
    """Two lines of one reference entry: no space next to wide text or inside a URL or DOI.

    Chinese entries use ASCII punctuation without a following space (`人民日报,2016`),
    so none is added after it when wide text precedes it.
    """
    if _URL_OR_DOI_AT_START.match(tail) or URL_AT_END.search(head):
        return head + tail
    left, right = head[-1], tail[0]
    if is_wide(left) or is_wide(right) or left in _NO_SPACE_AFTER or right in _NO_SPACE_BEFORE:
        return head + tail
    if left in ".,:;" and len(head) > 1 and is_wide(head[-2]):
        return head + tail
    return head + " " + tail


# ---------------------------------------------------------------- bytes


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path | str) -> str:
    """sha256 of a file's bytes, read in chunks (datasets may be large)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
