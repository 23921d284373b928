"""Edits of one step and the maps between offsets before and after them.

Every normalization step returns a `Step`: its text, its changes (stage "normalize",
offsets in the text the step received), a map back to that text, and the spans later
steps must leave alone (suspect mojibake runs, URLs).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..model import Change


class SourceMap(Protocol):
    """Maps an offset in a step's output back to its input."""

    def to_source(self, pos: int) -> int: ...


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str


def apply_edits(text: str, edits: list[Edit]) -> str:
    parts, pos = [], 0
    for edit in edits:
        parts += [text[pos:edit.start], edit.text]
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


class EditMap:
    """Maps offsets between a text and the text after a sorted list of edits."""

    def __init__(self, edits: Sequence[Edit] = ()):
        self._rows, shift = [], 0  # (out_start, out_end, src_start, src_end)
        for edit in edits:
            out_start = edit.start + shift
            self._rows.append((out_start, out_start + len(edit.text), edit.start, edit.end))
            shift += len(edit.text) - (edit.end - edit.start)
        self._out_starts = [row[0] for row in self._rows]
        self._src_starts = [row[2] for row in self._rows]

    def to_source(self, pos: int) -> int:
        i = bisect.bisect_right(self._out_starts, pos) - 1
        if i < 0:
            return pos
        out_start, out_end, src_start, src_end = self._rows[i]
        return src_start if pos < out_end else src_end + pos - out_end

    def to_output(self, pos: int) -> int:
        i = bisect.bisect_right(self._src_starts, pos) - 1
        if i < 0:
            return pos
        out_start, out_end, src_start, src_end = self._rows[i]
        return out_start if pos < src_end else out_end + pos - src_end


class ChainedMap:
    def __init__(self, maps: list):
        self.maps = maps

    def to_source(self, pos: int) -> int:
        for m in reversed(self.maps):
            pos = m.to_source(pos)
        return pos


@dataclass
class Step:
    """What one normalization step did; `protected` spans (in `text`) are left alone downstream."""

    text: str
    changes: list[Change]
    source_map: SourceMap = field(default_factory=EditMap)
    protected: list[tuple[int, int]] = field(default_factory=list)


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= pos < end for start, end in spans)


def shift_spans(spans: list[tuple[int, int]], edit_map: EditMap) -> list[tuple[int, int]]:
    return [(edit_map.to_output(start), edit_map.to_output(end)) for start, end in spans]
