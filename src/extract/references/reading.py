"""A paper's reference list: lines -> numbered, parsed entries and the flags they raise."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Change
from ..schema.flags import (
    REFERENCE_LINE_SET_APART,
    REFERENCE_LIST_ENDED,
    REFERENCE_LIST_UNNUMBERED,
    REFERENCE_NUMBER_MISSING,
    REFERENCE_PARSE_FAILED,
    REFERENCE_PARSE_PARTIAL,
    REFERENCE_TEXT_UNPLACED,
    REFERENCE_TYPE_INFERRED,
)
from .entry import parse_reference
from .listing import ListedEntry, ReferenceList, entry_label, is_reference_heading, number_entries, split_reference_list
from .settings import DEFAULT_SETTINGS, ReferenceSettings

_PARSE_STATUS_FLAGS = {"partial": REFERENCE_PARSE_PARTIAL, "failed": REFERENCE_PARSE_FAILED}


def find_reference_heading(lines: Sequence[str | None], settings: ReferenceSettings = DEFAULT_SETTINGS) -> int | None:
    """Index of the heading line that opens the reference list (None: no heading).

    A paper may print the heading's words elsewhere (a table of contents, a section
    about references); the list is the one whose following lines read as the most
    entries of a known type, the last one on a tie.
    """
    best, best_score = None, -1
    for index, score in score_reference_headings(lines, settings):
        if score >= best_score:
            best, best_score = index, score
    return best


def score_reference_headings(lines: Sequence[str | None], settings: ReferenceSettings = DEFAULT_SETTINGS
                             ) -> list[tuple[int, int]]:
    """Each reference heading line's index, with how many of the lines after it (up to the next such heading,
    `heading_lookahead` at most) read as entries of a known type: a list under it when more than none."""
    candidates = [i for i, line in enumerate(lines) if line and is_reference_heading(line)]
    scored = []
    for n, index in enumerate(candidates):
        stop = candidates[n + 1] if n + 1 < len(candidates) else len(lines)
        following = [line for line in lines[index + 1:stop] if line and line.strip()]
        listing = split_reference_list(following[:settings.heading_lookahead], settings)
        scored.append((index, sum(parse_reference(e.text, settings, e.style)["doc_type"] is not None
                                  for e in listing.entries)))
    return scored


def read_reference_list(lines: list[str], settings: ReferenceSettings = DEFAULT_SETTINGS,
                        running_lines: frozenset[str] = frozenset()
                        ) -> tuple[list[dict], list[Change], list[str]]:
    """The lines after the reference heading -> one fields dict per entry (ref_no set), the changes to
    flag, and the lines after the list that no entry holds (a biography, a postscript: the caller reads
    them as back matter, nothing is dropped here). `list_entries` then `parse_listed`."""
    listing, changes = list_entries(lines, settings, running_lines)
    references, parse_changes = parse_listed(listing, settings)
    return references, changes + parse_changes, listing.after


def list_entries(lines: list[str], settings: ReferenceSettings = DEFAULT_SETTINGS,
                 running_lines: frozenset[str] = frozenset()) -> tuple[ReferenceList, list[Change]]:
    """Where the list's entries are and where the list ends, decided once: the entries (lines joined),
    the lines set apart inside the list, the lines after it (`after`, back matter), and their flags.

    The last entry's lines that no entry would hold (a biography printed on) are cut off into `after`."""
    listing = split_reference_list(lines, settings, running_lines)
    changes = [REFERENCE_LINE_SET_APART.change(f"a line inside the reference list is not entry text ({reason})",
                                                original=text) for text, reason in listing.set_apart]
    if listing.entries:
        listing.after[:0] = _cut_trailing_text(listing.entries[-1], settings)
    if listing.after:
        changes.append(REFERENCE_LIST_ENDED.change(
            f"the list ends before {len(listing.after)} line(s) that are no entry text; read as back matter",
            original=listing.after[0]))
    return listing, changes


def parse_listed(listing: ReferenceList, settings: ReferenceSettings = DEFAULT_SETTINGS
                 ) -> tuple[list[dict], list[Change]]:
    """A list's entries -> one fields dict per entry (ref_no set) and the changes to flag."""
    changes: list[Change] = []
    parsed = [parse_reference(e.text, settings, e.style) for e in listing.entries]
    numbers = number_entries([ref.get("ref_no") for ref in parsed])
    unnumbered = len(parsed) > 1 and all(ref.get("ref_no") is None for ref in parsed)
    if unnumbered:  # an author-year list (著者-出版年制): no entry has a number, by design
        changes.append(REFERENCE_LIST_UNNUMBERED.change(
            f"the list numbers none of its {len(parsed)} entries (an author-year list); numbered 1-{len(parsed)} "
            f"in order", original=parsed[0]["raw"]))
    references = []
    for position, (ref, ref_no) in enumerate(zip(parsed, numbers), start=1):
        raw = ref["raw"]
        if ref_no != ref.get("ref_no") and not unnumbered:
            changes.append(REFERENCE_NUMBER_MISSING.change(
                f"entry {position} has no usable number (none, 0 or a repeat); numbered {ref_no}", original=raw))
        if ref["parse_issue"]:  # what was not placed, or the field holding another element
            changes.append(REFERENCE_TEXT_UNPLACED.change(f"[{ref_no}] {ref['parse_issue']}", original=raw))
        elif ref["parse_status"] != "ok":
            changes.append(_PARSE_STATUS_FLAGS[ref["parse_status"]].change(
                f"[{ref_no}] could not be parsed completely", original=raw))
        if ref["type_inferred"]:
            changes.append(REFERENCE_TYPE_INFERRED.change(
                f"[{ref_no}] prints no type code; read as [{ref['doc_type']}] from its shape",
                original=raw, replacement=ref["doc_type"]))
        references.append({**ref, "ref_no": ref_no})
    return references, changes


_OPEN_END = re.compile(r"[,，:：;；\-–—/]\s*$")


def _cut_trailing_text(last: ListedEntry, settings: ReferenceSettings) -> list[str]:
    """Lines at the end of the last entry that no entry would hold (an author's biography after the list).

    A line ending in a comma, colon or dash leaves the entry open: `[18] …, 2020,` / `55(8): 4-19.` / then another
    article's title and authors cuts after the second line, not the first (which also reads as a whole entry)."""
    if len(last.lines) < 2:
        return []
    whole_status = parse_reference(last.text, settings, last.style)["parse_status"]
    if whole_status == "ok":
        return []
    whole_failed = whole_status == "failed"
    for keep in range(1, len(last.lines)):
        if _OPEN_END.search(last.lines[keep - 1]):
            continue
        head = ListedEntry(last.lines[:keep], last.number, last.style)
        if len(head.text) > settings.longest_entry:
            break
        rest = ListedEntry(last.lines[keep:])
        head_ref = parse_reference(head.text, settings, last.style)
        label = entry_label(head.text, last.style)
        label_only = label is not None and not head.text[label.end():].strip()
        # a head read in part is enough where the lines after it made the whole entry unreadable
        readable = head_ref["parse_status"] == "ok" or (whole_failed and head_ref["parse_status"] == "partial")
        if (readable or label_only) and parse_reference(
                rest.text, settings)["parse_status"] == "failed":
            cut = last.lines[keep:]
            del last.lines[keep:]
            return cut
    return []

