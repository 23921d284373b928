"""Shared text knowledge, declared once: every stage and every write check imports it.

Character classes (Han, CJK, CJK punctuation, wide), sentence-final punctuation,
the citation-marker grammar, the pinyin-annotation test, URL / DOI / e-mail
patterns, the GB/T 7714 type code, joining the lines of a broken paragraph,
field or entry, and the sha256 of bytes. A check built from these cannot reject
what a stage deliberately kept, because both read the same definition.

Character classes are strings for use inside `[...]` in a regular expression.
"""

from __future__ import annotations

from .codes import CARRIERS, DOC_TYPES, OFFICIAL_NUMBER, TYPE_CODE  # noqa: F401
from .hashing import sha256_bytes, sha256_file  # noqa: F401
from .joining import (  # noqa: F401
    _HYPHENATED_END,
    _LATIN_END,
    _LATIN_START,
    _LOWER_WORD,
    _NO_SPACE_AFTER,
    _NO_SPACE_BEFORE,
    _SUPERSCRIPT_MARKER_AT_END,
    _URL_OR_DOI_AT_START,
    join_entry_lines,
    join_field_lines,
    join_paragraph_pieces,
    join_printed_lines,
    join_prose_lines,
    rejoin_hyphenated,
)
from .links import (  # noqa: F401
    DOI,
    DOI_BODY,
    EMAIL,
    TRAILING_PUNCTUATION,
    URL,
    URL_AT_END,
    URL_CHARACTER,
    URL_START,
    literal_spans,
    strip_trailing_punctuation,
)
from .markers import (  # noqa: F401
    CITATION_MARKER,
    MARKER_BODY,
    MARKER_DASH,
    MARKER_ITEM,
    MARKER_ITEM_RE,
    MARKER_LOCATOR,
    MARKER_NUMBER,
    MARKER_SEPARATOR,
    SUPERSCRIPT_MARKER,
)
from .marks import CAPTION_START, FOOTNOTE_MARK, LIST_LABEL  # noqa: F401
from .pages import MARKED_PAGE_NUMBER, PAGE_NUMBER, band_key  # noqa: F401
from .pinyin import (  # noqa: F401
    _ANNOTATION_FRAGMENT,
    _BEFORE_ANNOTATION,
    _FINALS_BY_INITIAL,
    _HAN_BEFORE_BRACKET,
    _TONELESS,
    BRACKETED_SYLLABLE,
    BRACKETED_SYLLABLE_FRAGMENT,
    PINYIN_LETTERS,
    PINYIN_SYLLABLES,
    TONE_MARKED,
    _annotation_fragments,
    _bracketed_annotations,
    has_pinyin_annotation,
    is_tone_marked_syllable,
    pinyin_annotations,
)
from .script import (  # noqa: F401
    CJK,
    CJK_PUNCTUATION,
    CJK_RE,
    CONTROL,
    CONTROL_RE,
    GB2312_LEVEL_1,
    GB2312_LEVEL_2,
    HAN,
    HAN_COMPATIBILITY,
    HAN_RE,
    HAN_SUPPLEMENTARY,
    HAN_UNIFIED_BMP,
    HANGUL,
    JAPANESE_ONLY_KANJI,
    JAPANESE_OR_KOREAN_RE,
    KANA,
    KANA_OR_HANGUL_RE,
    PRIVATE_USE,
    PRIVATE_USE_BLOCKS,
    PRIVATE_USE_RE,
    REPLACEMENT_CHARACTER,
    SOFT_HYPHEN,
    SPACES,
    block_chars,
    char_class,
    count_han,
    gb2312_chars,
    is_cjk,
    is_han,
    is_japanese_or_korean,
    is_wide,
)
from .sentences import COLONS, FULL_STOPS, SENTENCE_FINAL, SPAN_END, ends_with_full_stop, sentence_spans  # noqa: F401
