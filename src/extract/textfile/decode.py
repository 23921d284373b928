"""Bytes of a text paper -> str, with the encoding found by detection, never assumed."""

from __future__ import annotations

import codecs
import contextlib
from dataclasses import dataclass
from functools import lru_cache

from ..text import GB2312_LEVEL_1, gb2312_chars

# Tried in this order when there is no BOM; the most plausible strict decode wins.
CANDIDATE_ENCODINGS = ("utf-8", "gb18030", "big5")

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)


class DecodeError(ValueError):
    """The bytes are not a text paper in any supported encoding."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the name recorded in documents.source_encoding


@lru_cache(maxsize=1)
def common_han() -> frozenset[str]:
    """The most common Han characters in both scripts: GB2312 level 1 and Big5 level 1."""
    chars: set[str] = set(gb2312_chars(GB2312_LEVEL_1))
    for lead in range(0xA4, 0xC6):
        for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes((lead, trail)).decode("big5"))
    return frozenset(chars)


def plausibility(text: str) -> float:
    """Share of characters a Chinese paper is made of: ASCII, common Han, CJK punctuation."""
    if not text:
        return 0.0
    common = common_han()
    good = 0
    for ch in text:
        if ch.isascii() or ch in common or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or ch in "“”‘’—…·":
            good += 1
    return good / len(text)


def utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 saved without its byte-order mark (Windows tools): its NUL bytes look binary. Taken when one
    byte order decodes strictly into text a Chinese paper is made of (`plausibility` >= 0.95), with its
    line breaks."""
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\n" in text and plausibility(text) >= 0.95 and not looks_binary(text.encode("utf-8")):
            return Decoded(text, f"{codec} (no BOM)")
    return None


def looks_binary(data: bytes) -> bool:
    """Control bytes other than tab/newline/formfeed in a text file mean it is not text."""
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D))
    return controls > max(2, len(sample) // 200)


def decode_text(data: bytes) -> Decoded:
    """Decode a text paper. Raises DecodeError with a one-line reason."""
    if not data.strip():
        raise DecodeError("empty file")
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(codec), name)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"has a {name} byte-order mark but is not valid {name}: {exc.reason}") from exc
    if looks_binary(data):
        utf16 = utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise DecodeError("not a text file: binary content (control bytes) and no byte-order mark")
    best: Decoded | None = None
    best_score = -1.0
    for codec in CANDIDATE_ENCODINGS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "utf-8":  # strict UTF-8 that decodes is almost never a false positive
            return Decoded(text, "utf-8")
        score = plausibility(text)
        if score > best_score:
            best, best_score = Decoded(text, codec), score
    if best is None or best_score < 0.5:
        raise DecodeError("undecodable text: not UTF-8, UTF-16/32 with BOM, GB18030/GBK or Big5")
    return best
