"""Script: Traditional -> Simplified with OpenCC `t2s`, and the script of a whole text."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..flags import SCRIPT_CONVERTED
from ..model import Change
from ..text import GB2312_LEVEL_1, GB2312_LEVEL_2, HAN_UNIFIED_BMP, block_chars, gb2312_chars
from .edits import Edit, EditMap, Step, apply_edits, shift_spans


@functools.cache
def _converter(config: str):
    import opencc  # slow to construct: one instance per config, on first use

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Traditional (or mixed) -> Simplified with OpenCC `t2s`."""
    return _converter("t2s").convert(text)


def _convert_each_char(config: str, chars: str) -> list[str]:
    # One call for all characters; the newline keeps OpenCC's phrase matching per character.
    return _converter(config).convert("\n".join(chars)).split("\n")


@dataclass(frozen=True)
class _HanTables:
    traditional_only: frozenset  # t2s changes it, s2t does not
    simplified_only: frozenset  # s2t changes it, t2s does not
    common: frozenset  # GB2312 level 1 (the 3755 most used) and their Traditional forms
    known: frozenset  # all of GB2312 and their Traditional forms


@functools.cache
def han_tables() -> _HanTables:
    han = block_chars(HAN_UNIFIED_BMP)
    simplified = dict(zip(han, _convert_each_char("t2s", han)))
    traditional = dict(zip(han, _convert_each_char("s2t", han)))
    changed_by_t2s = {c for c in han if simplified[c] != c}
    changed_by_s2t = {c for c in han if traditional[c] != c}

    def with_traditional_forms(chars: set[str]) -> frozenset:
        return frozenset(chars | {traditional[c] for c in chars}
                         | {c for c in han if simplified[c] in chars})

    level_1 = set(gb2312_chars(GB2312_LEVEL_1))
    return _HanTables(
        traditional_only=frozenset(changed_by_t2s - changed_by_s2t),
        simplified_only=frozenset(changed_by_s2t - changed_by_t2s),
        common=with_traditional_forms(level_1),
        known=with_traditional_forms(level_1 | set(gb2312_chars(GB2312_LEVEL_2))),
    )


def detect_script(text: str) -> str:
    """"simplified", "traditional" or "mixed", measured over the whole text.

    Only script-specific Han characters count: Traditional-only ones (OpenCC t2s
    changes them, s2t does not) and Simplified-only ones (the reverse). The
    Traditional share is traditional / (traditional + simplified): >= 0.9 is
    "traditional", <= 0.1 is "simplified", anything between is "mixed". A text
    without script-specific characters (Latin, digits, shared characters) is
    "simplified".
    """
    tables = han_tables()
    n_traditional = sum(map(tables.traditional_only.__contains__, text))
    n_simplified = sum(map(tables.simplified_only.__contains__, text))
    if n_traditional + n_simplified == 0:
        return "simplified"
    share = n_traditional / (n_traditional + n_simplified)
    if share >= 0.9:
        return "traditional"
    return "simplified" if share <= 0.1 else "mixed"


def _has_traditional(text: str) -> bool:
    return not han_tables().traditional_only.isdisjoint(text)


def simplified_step(text: str, protected: list[tuple[int, int]]) -> Step:
    """t2s outside the protected spans (text kept as it is there)."""
    edits, pos = [], 0
    for start, end in [*protected, (len(text), len(text))]:
        segment = converted = text[pos:start]
        for _ in range(3):  # t2s keeps some Traditional-only characters in phrases (乾坤): stop when stable
            again = to_simplified(converted) if _has_traditional(converted) else converted
            if again == converted:
                break
            converted = again
        if converted != segment:
            edits.append(Edit(pos, start, converted))
        pos = end
    changes = [_script_change(text, edits)] if edits else []
    if all(len(e.text) == e.end - e.start for e in edits):
        # OpenCC's t2s tables map one character to one: offsets do not move
        return Step(apply_edits(text, edits), changes, EditMap(), protected)
    edit_map = EditMap(edits)
    return Step(apply_edits(text, edits), changes, edit_map, shift_spans(protected, edit_map))


def _script_change(text: str, edits: list[Edit]) -> Change:
    """One record per paragraph: how many characters t2s changed (text_source keeps them all)."""
    converted = sum(a != b for e in edits for a, b in zip(text[e.start:e.end], e.text))
    first = edits[0]
    return SCRIPT_CONVERTED.change(f"{converted} character(s) converted from Traditional to Simplified (OpenCC t2s)",
                                   original=text[first.start:first.end][:20], replacement=first.text[:20],
                                   offset=first.start)
