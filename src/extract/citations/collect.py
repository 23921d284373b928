"""One paper's citations: markers taken out of its normalized texts in reading order, then resolved
against its parsed reference list (numeric markers, or author-year mentions when no marker is numeric).

`Citations.take` is called for each text that may cite (paragraphs, captions, cells, table notes) as the
text is normalized; `Citations.drop` for texts that cite nothing (titles, abstract, keywords); once the
references are parsed, `Citations.resolve` gives the citation rows' fields and the flags.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Change
from ..schema.flags import CITATION_MARKER_DROPPED, CITATION_MARKER_SUSPECT, CITATION_UNRESOLVED, REFERENCE_NEVER_CITED
from .author_year import find_author_year, first_author_key, resolve
from .markers import extract_citation_markers, raise_note_marks


@dataclass
class Cited:
    """A resolved citation: where it stands (location, paragraph_no, table_no, row_no, col_no), what it
    cites, the marker as printed and its offset in the normalized text."""

    location: dict
    ref_no: int
    marker: str
    char_offset: int
    style: str  # numeric | author_year
    resolved: bool


@dataclass
class Citations:
    markers: list[dict] = field(default_factory=list)  # numeric markers before resolution
    cited_texts: list[tuple[dict, tuple, str]] = field(default_factory=list)  # (location, order, text)

    def take(self, text: str, location: dict, order: tuple,
             note_keys: frozenset[str] = frozenset()) -> tuple[str, list[Change]]:
        """The text without its numeric markers (kept for resolution; `order` places them in reading order)
        and the flags of suspect markers. The text is kept for author-year mentions. `note_keys`: the numbers
        of the notes under the table the text is part of (its cells and notes): marks with those numbers are
        the notes' keys, no citations (`markers.raise_note_marks`)."""
        text, markers = extract_citation_markers(raise_note_marks(text, note_keys))
        changes = []
        for marker in markers:
            if marker.get("suspect"):
                changes.append(CITATION_MARKER_SUSPECT.change(
                    "the marker holds 0 (cites nothing) or a range that runs backwards or spans "
                    "50 or more references (only its end points are cited)", original=marker["marker"]))
            for ref_no in marker["ref_nos"]:
                self.markers.append({"location": location, "ref_no": ref_no, "marker": marker["marker"],
                                     "char_offset": marker["char_offset"],
                                     "order": (*order, marker["char_offset"]), "style": "numeric"})
        self.cited_texts.append((location, order, text))
        return text, changes

    @staticmethod
    def drop(text: str) -> tuple[str, list[Change]]:
        """Text that has nowhere to cite from (titles, abstract, keywords, funding): markers are dropped."""
        text, markers = extract_citation_markers(text)
        changes = [CITATION_MARKER_DROPPED.change(
            "a citation marker outside the body text (a title, the abstract, a keyword, funding) "
            "was removed and not cited", original=" ".join(m["marker"] for m in markers))] if markers else []
        return text, changes

    def resolve(self, references: list[dict], author_year_list: bool
                ) -> tuple[list[Cited], list[tuple[Change, int | None]]]:
        """The citations in reading order, and the flags (with the paragraph_no they concern): markers that
        cite no entry, author-year citations that name none (with an author-year list), entries never cited."""
        flags: list[tuple[Change, int | None]] = []
        markers = self.markers or self._author_year(references, author_year_list, flags)
        known = {r["ref_no"] for r in references}
        cited: list[Cited] = []
        for marker in sorted(markers, key=lambda m: m["order"]):
            resolved = marker["ref_no"] in known
            cited.append(Cited(marker["location"], marker["ref_no"], marker["marker"], marker["char_offset"],
                               marker["style"], resolved))
            if not resolved:
                flags.append((CITATION_UNRESOLVED.change(
                    f"marker {marker['marker']} cites [{marker['ref_no']}], which is not in the reference list",
                    original=marker["marker"]), marker["location"].get("paragraph_no")))
        for ref_no in sorted(known - {c.ref_no for c in cited}):
            flags.append((REFERENCE_NEVER_CITED.change(f"reference [{ref_no}] is never cited in the text"), None))
        return cited, flags

    def _author_year(self, references: list[dict], author_year_list: bool,
                     flags: list[tuple[Change, int | None]]) -> list[dict]:
        """A paper without numeric markers cites by author and year: each citation that names exactly one
        reference becomes a marker (kept in the text); with an author-year list, a parenthesized one that
        names none is flagged."""
        if not references:
            return []
        by_no = {r["ref_no"]: r for r in references}
        found = []
        for location, order, text in self.cited_texts:
            for k, cite in enumerate(find_author_year(text)):  # in printed order, also within one parenthesis
                ref_no = resolve(cite, references)
                if ref_no is None:
                    if cite.parenthetical and author_year_list:
                        flags.append((CITATION_UNRESOLVED.change(
                            f"{cite.marker} names {cite.name} {cite.year}{cite.letter}: no single reference of "
                            f"the list has that first author and year", original=cite.marker),
                            location.get("paragraph_no")))
                    continue
                marker, offset = cite.marker, cite.char_offset
                if cite.han and not cite.parenthetical:  # the name's first character was not known: start at it
                    trim = max(0, cite.name.rfind(first_author_key(by_no[ref_no]["authors"]) or cite.name))
                    marker, offset = marker[trim:], offset + trim
                found.append({"location": location, "ref_no": ref_no, "marker": marker, "char_offset": offset,
                              "order": (*order, offset, k), "style": "author_year"})
        return found
