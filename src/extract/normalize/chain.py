"""The normalization chain: every step in order on one paragraph, offsets mapped back to the raw text."""

from __future__ import annotations

from dataclasses import replace

from ..model import Change
from ..text import CONTROL_RE
from .edits import ChainedMap, Step
from .latin import latin_flags
from .mojibake import mojibake_step
from .pinyin import pinyin_step
from .punctuation import punctuation_step
from .residue import residual_flags
from .script import DEFAULT_CONVERSION, simplified_step
from .textless import strip_textless

MAX_PASSES = 3


CACHED_CHARS = 64  # texts this short (table cells, labels: `0.05`, `图1`, `项目`) come again: their result is kept
_CACHE_SIZE = 4096
_cache: dict[tuple[str, str], tuple[str, list[Change]]] = {}


def normalize_text(raw: str, conversion: str = DEFAULT_CONVERSION) -> tuple[str, list[Change]]:
    """`_normalize_text`, a short text's result kept (normalization is a function of the text and the config;
    each caller gets its own copies of the changes). Plain ASCII comes back as it is (`is_plain_ascii`)."""
    if is_plain_ascii(raw):
        return raw, []
    if len(raw) > CACHED_CHARS:
        return _normalize_text(raw, conversion)
    key = (raw, conversion)
    hit = _cache.get(key)
    if hit is None:
        hit = _normalize_text(raw, conversion)
        if len(_cache) >= _CACHE_SIZE:
            _cache.clear()
        _cache[key] = (hit[0], [replace(c) for c in hit[1]])
        return hit
    return hit[0], [replace(c) for c in hit[1]]


def is_plain_ascii(text: str) -> bool:
    """ASCII without `?` and control characters: a text every step leaves alone, without a flag (numbers,
    English). No step acts on it: nothing to strip; pinyin annotations and the Latin-in-Chinese flag need Han;
    a mojibake run starts at `?` or a non-ASCII character; OpenCC's t2s/tw2s/hk2s dictionaries hold no ASCII
    key; punctuation is rewritten only next to Chinese or full-width characters; and no residue is ASCII
    but the control characters. (Half the texts of a paper: table cells, English lines.)"""
    return text.isascii() and "?" not in text and not CONTROL_RE.search(text)


def _normalize_text(raw: str, conversion: str = DEFAULT_CONVERSION) -> tuple[str, list[Change]]:
    """Normalized text of one paragraph, and every change made or doubted.

    Order: characters that carry no text go first (U+FFFD, control and Private Use
    Area characters: stripping one must not leave a pinyin annotation behind unseen);
    pinyin annotations next (they are insertions, not bytes of the source text, and
    would break a mis-decoded run apart); mojibake
    is re-aligned on the text as decoded, before anything rewrites characters or
    punctuation (t2s changes the bytes a run re-encodes to; `?` and `!` inside a run
    are bytes); then script conversion, then punctuation; Latin words are flagged
    last, on the final text. Suspect mojibake runs are kept as they are by the
    later steps. The chain runs again on its own output when a later step exposed
    a new mis-decoded run (so that normalizing twice equals normalizing once).
    Whatever is left that normalized text should not hold (Traditional-only
    characters in a kept run, an annotation, U+FFFD, control or Private Use Area
    characters) is named in one "residual_characters" flag.
    """
    text, changes, to_raw, protected, steps = _normalize_once(raw, [], conversion)
    for _ in range(MAX_PASSES - 1):
        if _is_stable(text, protected, steps):
            break
        text, more, to_previous, protected, steps = _normalize_once(text, protected, conversion)
        for change in more:
            change.offset = None if change.offset is None else to_raw.to_source(change.offset)
        changes += more
        to_raw = ChainedMap([to_raw, to_previous])
    return text, changes + _remap(latin_flags(text, protected) + residual_flags(text), to_raw)


def _normalize_once(raw: str, known_suspects: list[tuple[int, int]], conversion: str):
    steps = [strip_textless(raw)]
    steps.append(pinyin_step(steps[-1].text))
    steps.append(mojibake_step(steps[-1].text))
    steps.append(simplified_step(steps[-1].text, steps[-1].protected, conversion))
    steps.append(punctuation_step(steps[-1].text, steps[-1].protected))
    changes = []
    for i, step in enumerate(steps):
        changes += _remap(step.changes, ChainedMap([s.source_map for s in steps[:i]]))
    already_flagged = {start for start, _ in known_suspects}
    changes = [c for c in changes if not (c.kind == "mojibake_suspect" and c.offset in already_flagged)]
    return steps[-1].text, changes, ChainedMap([s.source_map for s in steps]), steps[-1].protected, steps


def _remap(changes: list[Change], to_source) -> list[Change]:
    for change in changes:
        if change.offset is not None:
            change.offset = to_source.to_source(change.offset)
    return changes


def _is_stable(text: str, protected: list[tuple[int, int]], steps: list[Step]) -> bool:
    """Would another pass leave the text alone? (t2s and punctuation reach a fixed point
    in one pass; pinyin and mojibake are re-checked.) `steps`: the pass that made `text`; a step whose
    input was `text` itself (nothing after it changed the text, the usual case) is not run again: its
    result is the one that pass had (each step is a function of its input text)."""
    pinyin = steps[1] if steps[0].text == text else pinyin_step(text)
    if pinyin.changes:
        return False
    again = steps[2] if steps[1].text == text else mojibake_step(text)
    return again.text == text and again.protected == protected
