"""Normalize one paragraph: pinyin annotations, GBK mojibake, script, punctuation, Latin flags.

Every function takes text as decoded from the source (any script) and returns the
rewritten text with one `Change` (stage "normalize") per edit a reader could
question; `Change.offset` is a character offset in the text the function received.
One module per step (`pinyin`, `mojibake`, `script`, `punctuation`, `latin`), the
edit maps they share (`edits`), and the chain that runs them in order (`chain`).
"""

from .chain import normalize_text
from .latin import flag_latin_in_chinese
from .mojibake import repair_mojibake
from .pinyin import remove_pinyin_annotations
from .punctuation import normalize_punctuation
from .script import (
    CONVERSIONS,
    DEFAULT_CONVERSION,
    convert,
    detect_script,
    region_conversion,
    simplify_reference,
    to_simplified,
    traditional_only_chars,
)

__all__ = [
    "CONVERSIONS",
    "DEFAULT_CONVERSION",
    "convert",
    "detect_script",
    "region_conversion",
    "flag_latin_in_chinese",
    "normalize_punctuation",
    "normalize_text",
    "remove_pinyin_annotations",
    "repair_mojibake",
    "simplify_reference",
    "to_simplified",
    "traditional_only_chars",
]
