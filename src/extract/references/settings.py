"""Thresholds of the reference-list reader, named and documented in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReferenceSettings:
    """Knobs of heading finding, entry splitting and entry parsing.

    longest_name: characters one author name may have; a longer "name" before the first
        period is a title (corporate names run to ~70: `U.S. Department of Transportation
        Federal Highway Administration`).
    longest_name_words: words a Latin-script name may have (corporate names included).
    largest_label: the largest entry number read as a label (`[999]`); longer digit runs
        opening a line are years or pages.
    running_line_repeats: a line printed at least this many times before the list (a
        running header or footer) is not part of any entry when it turns up inside it.
    heading_lookahead: non-empty lines after a candidate heading that are read as entries
        to pick the heading that opens the list (the one followed by most typed entries).
    longest_entry: characters an entry may have; a longer one is text the list swallowed
        (body text under a misread heading), kept as written with parse_status failed.
    """

    longest_name: int = 80
    longest_name_words: int = 10
    largest_label: int = 999
    running_line_repeats: int = 2
    heading_lookahead: int = 30
    longest_entry: int = 2000

    def __post_init__(self):
        for name in ("longest_name", "longest_name_words", "largest_label", "running_line_repeats",
                     "heading_lookahead", "longest_entry"):
            if getattr(self, name) < 1:
                raise ValueError(f"ReferenceSettings.{name} must be at least 1, got {getattr(self, name)}")


DEFAULT_SETTINGS = ReferenceSettings()
