"""Lost-byte GBK damage made at test time from real sentences: the shapes web pages show.

`damage(text, char_index, decoder)` replaces the lead byte of text[char_index] with `?`
and decodes the rest the way a broken page did: pairs one byte out of step, full-width
marks folded to ASCII; what an invalid pair becomes depends on `decoder`:
- "dropped": it vanishes with no trace (the damage in the sample paper 002, `?yōu)橹R`);
- "replaced": U+FFFD for its bytes (a browser);
- "resync": U+FFFD for the lead byte alone, decoding back in step after it (Python's codec).
Returns the damaged text and the span of it that differs from the original, [start, end).
"""

from __future__ import annotations

import unicodedata

DECODERS = ("dropped", "replaced", "resync")


def _fold(char: str) -> str:
    return unicodedata.normalize("NFKC", char) if "\uff01" <= char <= "\uff5e" else char


def fold(text: str) -> str:
    """Full-width ASCII forms folded to ASCII, as the damaged pages have them everywhere."""
    return "".join(map(_fold, text))


def _decode(data: bytes, decoder: str) -> str:
    out, i = [], 0
    while i < len(data):
        byte = data[i]
        if byte < 0x80:
            out.append(chr(byte))
            i += 1
            continue
        pair = data[i:i + 2]
        try:
            out.append(_fold(pair.decode("gbk")) if len(pair) == 2 else "\ufffd")
            i += 2
            continue
        except UnicodeDecodeError:
            pass
        if decoder == "resync" or (len(pair) == 2 and pair[1] < 0x80):
            out.append("\ufffd" if decoder != "dropped" else "")
            i += 1
        else:
            out.append("\ufffd" if decoder == "replaced" else "")
            i += 2
    return "".join(out)


def damage(text: str, char_index: int, decoder: str = "dropped") -> tuple[str, int, int]:
    """`text` damaged at `char_index`, full-width forms folded everywhere (the page's own marks too):
    the damaged text and its span that differs from `fold(text)`."""
    head, tail = fold(text[:char_index]), text[char_index:]
    data = tail.encode("gbk")
    if data[0] < 0x80:
        raise ValueError("the character at char_index is ASCII: it has no lead byte to lose")
    damaged = head + "?" + _decode(data[1:], decoder)
    original = fold(text)
    common = 0
    while common < min(len(damaged), len(original)) - len(head) and damaged[-1 - common] == original[-1 - common]:
        common += 1
    return damaged, len(head), len(damaged) - common
