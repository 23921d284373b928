"""Web-conversion pinyin annotations: `發(fā)展` -> `發展` (the test itself is `text.pinyin_annotations`)."""

from __future__ import annotations

from ..model import Change
from ..schema.flags import PINYIN_ANNOTATION
from ..text import TONE_MARKED, pinyin_annotations
from .edits import Edit, EditMap, Step, apply_edits


def may_hold_annotation(text: str) -> bool:
    """Every annotation ends at its closing bracket and holds a tone mark (or ü): without both, none is there."""
    return (")" in text or "）" in text) and not _TONE_MARKS.isdisjoint(text)


_TONE_MARKS = frozenset(TONE_MARKED)


def pinyin_step(text: str) -> Step:
    if not may_hold_annotation(text):
        return Step(text, [])
    return _pinyin_step(text)


def _pinyin_step(text: str) -> Step:
    edits: list[Edit] = []
    spans: dict[int, list[tuple[int, int]]] = {}  # Han position -> its annotations
    for han, start, end in pinyin_annotations(text):
        if edits and edits[-1].end == start:
            edits[-1] = Edit(edits[-1].start, end, "")
        else:
            edits.append(Edit(start, end, ""))
        spans.setdefault(han, []).append((start, end))
    changes = []
    for han, found in spans.items():
        end = found[-1][1]
        kept = apply_edits(text[:end], [Edit(a, b, "") for a, b in found])[han:]
        changes.append(PINYIN_ANNOTATION.change("web-conversion pinyin annotation removed",
                                                original=text[han:end], replacement=kept, offset=han))
    return Step(apply_edits(text, edits), changes, EditMap(edits))


def remove_pinyin_annotations(text: str) -> tuple[str, list[Change]]:
    """Drop the `(pīn)` a web script converter put after a Han character: `發(fā)展` -> `發展`.

    Only one tone-marked Hanyu Pinyin syllable in ASCII or full-width brackets right
    after a Han character (whitespace between allowed) counts; `(ma)`, `(a)`,
    `(decoupling)`, `(一)` and other real parentheticals stay.
    """
    step = pinyin_step(text)
    return step.text, step.changes
