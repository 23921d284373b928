"""Quality-flag kinds, declared once: name, stage, severity and meaning.

Every `quality_flags` row carries one of these kinds: the schema makes them the
allowed values of `quality_flags.kind` (so the write check rejects any other) and
the data dictionary lists them. Emitting code makes its `Change` from the
declaration (`PINYIN_ANNOTATION.change(...)`), so a stage and a severity are never
repeated at a call site. Adding a kind is one `_declare(...)` line below; a kind
that legitimately has several severities names the others in `other_severities`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Change

STAGES = ("decode", "pdf", "normalize", "structure", "tables", "references", "citations", "accounting")
SEVERITIES = ("info", "warning", "error")


@dataclass(frozen=True)
class FlagKind:
    name: str
    stage: str
    severity: str  # the severity of its flags (the first, when there are several)
    meaning: str
    other_severities: tuple[str, ...] = ()
    removal: bool = False  # its `original` is text taken out of the outputs: the accounting counts it (accounting.py)

    def __post_init__(self) -> None:
        if self.stage not in STAGES or not set(self.severities) <= set(SEVERITIES):
            raise ValueError(f"flag kind {self.name}: stage {self.stage!r} or severities {self.severities} undeclared")

    @property
    def severities(self) -> tuple[str, ...]:
        return (self.severity, *self.other_severities)

    def change(self, detail: str = "", original: str | None = None, replacement: str | None = None,
               offset: int | None = None, severity: str | None = None, page: int | None = None) -> Change:
        """A Change of this kind (stage and severity from the declaration)."""
        if severity is not None and severity not in self.severities:
            raise ValueError(f"flag kind {self.name} is never {severity!r} (declared: {self.severities})")
        return Change(self.stage, self.name, severity or self.severity, detail, original, replacement, offset, page)


FLAG_KINDS: dict[str, FlagKind] = {}


def _declare(name: str, stage: str, severity: str, meaning: str,
             other_severities: tuple[str, ...] = (), removal: bool = False) -> FlagKind:
    if name in FLAG_KINDS:
        raise ValueError(f"flag kind {name} declared twice")
    FLAG_KINDS[name] = kind = FlagKind(name, stage, severity, meaning, other_severities, removal)
    return kind


# decode: what reading a text paper resolved
WEB_MARKUP_RESOLVED = _declare(
    "web_markup_resolved", "decode", "info",
    "HTML left in a text paper by a web conversion (`&nbsp;`, `&amp;`, `<sup>[2]</sup>`, `<br>`) was read as what "
    "it stands for (a space, `&`, a citation marker, a line break); one flag per distinct piece, with its count.",
    removal=True)

ENCODING_REPAIRED = _declare(
    "encoding_repaired", "decode", "warning",
    "Lines of a text paper held Chinese text decoded twice (UTF-8 or GBK bytes read as Windows-1252 / Latin-1, "
    "`åŸŽå¸‚` or `³ÇÊÐ` for `城市`) and were read back; one flag per form, the first line before and after.")

LITTLE_CHINESE_TEXT = _declare(
    "little_chinese_text", "accounting", "warning",
    "Under a fifth of the paper's letters are Chinese: an English paper, or text in a wrong encoding or from a PDF "
    "font without a usable character map; its rows need a look.")

# pdf: what the reader dropped or joined (one removal flag per removed line, its page and text named)
RUNNING_HEADER_REMOVED = _declare(
    "running_header_removed", "pdf", "info",
    "A line of a running header or footer (recurring in the page margin, or where other pages print it) was "
    "dropped.", removal=True)
PAGE_NUMBER_REMOVED = _declare(
    "page_number_removed", "pdf", "info",
    "A page number in the page margin (5, - 24 -, 第 3 页 共 29 页, roman numerals) was dropped.", removal=True)
TOC_LINE_REMOVED = _declare(
    "toc_line_removed", "pdf", "info",
    "A table-of-contents line (dot leader and page number, or the contents title) was dropped.", removal=True)
FORMULA_DEBRIS_REMOVED = _declare(
    "formula_debris_removed", "pdf", "info",
    "A line of a displayed formula (glyphs from math fonts, or its equation number) was dropped.", removal=True)
FIGURE_TEXT_REMOVED = _declare(
    "figure_text_removed", "pdf", "info",
    "Text drawn inside a figure (an image's box, or a chart's labels) was dropped.", removal=True)
GLYPH_WITHOUT_UNICODE = _declare(
    "glyph_without_unicode", "pdf", "info",
    "Glyphs the PDF maps to no character ((cid:12): pieces of big formula delimiters) were dropped.", removal=True)
DUPLICATE_GLYPHS_REMOVED = _declare(
    "duplicate_glyphs_removed", "pdf", "info",
    "Glyphs drawn again on top of themselves (fake bold, drawn 2-4 times) were read once (one flag per page).")
PAGE_READ_WITH_PDFIUM = _declare(
    "page_read_with_pdfium", "pdf", "warning",
    "pdfminer mapped most glyphs of a page to no character (an encrypted file's fonts); the page was read with "
    "PDFium.")
PAGE_READ_AS_PLAIN_TEXT = _declare(
    "page_read_as_plain_text", "pdf", "warning",
    "The layout of a page failed; the page was read as pdfplumber's plain text, one block per line.")
DOCUMENT_READ_AS_PLAIN_TEXT = _declare(
    "document_read_as_plain_text", "pdf", "warning",
    "A document-wide layout step failed; every page was read as pdfplumber's plain text.")
PAGE_UNREADABLE = _declare(
    "page_unreadable", "pdf", "error", "A page's glyphs could not be read at all; it was skipped.")
PAGE_BREAK_JOINED = _declare(
    "page_break_joined", "pdf", "info", "A paragraph continues across a page break; its parts were joined.")
HYPHENATION_JOINED = _declare(
    "hyphenation_joined", "pdf", "info", "A Latin word hyphenated at a line end was rejoined without its hyphen.",
    removal=True)
TABLE_CONTINUED = _declare(
    "table_continued", "pdf", "info",
    "A table continues on the next page; its parts were joined (the continuation's caption and a repeated header "
    "row dropped, their text recorded).", removal=True)
PAGE_WITHOUT_TEXT = _declare(
    "page_without_text", "pdf", "warning", "A page has no text layer (an image?) and was skipped.")
ROTATED_TEXT_SKIPPED = _declare(
    "rotated_text_skipped", "pdf", "warning",
    "Rotated or slanted characters (margin notes, vertical stamps, diagonal watermarks, a figure's labels) "
    "were left out; their text is recorded.",
    removal=True)

# normalize: what the normalizer changed or doubts in a text
PINYIN_ANNOTATION = _declare(
    "pinyin_annotation", "normalize", "info",
    "A web-conversion pinyin annotation after a Han character was removed: 發(fā) -> 發.")
MOJIBAKE_REPAIRED = _declare(
    "mojibake_repaired", "normalize", "warning", "GBK text decoded one byte out of step was re-aligned.")
MOJIBAKE_SUSPECT = _declare(
    "mojibake_suspect", "normalize", "warning",
    "Text looks like GBK decoded one byte out of step but cannot be repaired safely; kept as it is.")
REPLACEMENT_CHAR = _declare(
    "replacement_char", "normalize", "warning",
    "U+FFFD was removed: a byte lost in decoding, or a PDF glyph of a CID font without Unicode (a font without "
    "ToUnicode: the glyph's number is no character); the character it stood for is lost.")
CONTROL_CHAR = _declare(
    "control_char", "normalize", "warning",
    "A control character (C0 other than tab and line breaks, DEL, C1) was removed; it carries no text.")
PRIVATE_USE_CHAR = _declare(
    "private_use_char", "normalize", "warning",
    "A Private Use Area character (user-defined GBK/Big5 bytes, mixed encodings) was removed; "
    "no agreed character stands behind it.")
RESIDUAL_CHARACTERS = _declare(
    "residual_characters", "normalize", "warning",
    "Normalized text still holds Traditional-only characters (outside Japanese and Korean spans), "
    "pinyin annotations, U+FFFD, control or Private Use Area characters; the detail names them and their offsets.")
SCRIPT_CONVERTED = _declare(
    "script_converted", "normalize", "info",
    "Traditional characters were converted to Simplified (OpenCC t2s); one flag per text with the count.")
PUNCTUATION = _declare(
    "punctuation", "normalize", "info",
    "ASCII punctuation in Chinese context made full width, stray spaces removed (GB/T 15834); "
    "one flag per text with its undo list.")
LATIN_IN_CHINESE = _declare(
    "latin_in_chinese", "normalize", "warning", "A Latin word stands unbracketed inside a Chinese sentence (kept).")

# structure
PARAGRAPH_JOINED = _declare(
    "paragraph_joined", "structure", "info",
    "Two blocks were joined into one paragraph (no sentence end between them, or a block of markers only).")
FRONT_MATTER_KEPT = _declare(
    "front_matter_kept", "structure", "info",
    "A front-matter line no field took (a masthead, a declaration, a cover line) was kept as a paragraph "
    "(part front).")
FRONT_MATTER_MISSING = _declare(
    "front_matter_missing", "structure", "info",
    "A front-matter field (Chinese title, authors, Chinese abstract, Chinese keywords) was not found; it is null "
    "or has no rows.")
FIELD_UNREADABLE = _declare(
    "field_unreadable", "structure", "warning",
    "A title, cover field, name or keyword is printed with characters that cannot be read (U+FFFD: a PDF glyph "
    "without Unicode, a byte lost in decoding): the field is null (no keyword row); its printed text is the "
    "flag's original. A section heading's title, a table cell: it holds what could be read (no original).",
    removal=True)
FOOTNOTE_MARK_REMOVED = _declare(
    "footnote_mark_removed", "structure", "info",
    "A footnote mark (∗, †) after a title, or printed on a line of its own, was removed; its note is read "
    "where it is printed.")
NOT_A_KEYWORD = _declare(
    "not_a_keyword", "structure", "info",
    "An item of a keyword list holds no letter or digit (an ellipsis left for more): no keyword row.")
FRONT_MATTER_REMAINDER = _declare(
    "front_matter_remainder", "structure", "info",
    "The part of a front-matter line no field holds (its label 摘要, author marks, separators, postal codes).",
    removal=True)
BACK_MATTER_REMAINDER = _declare(
    "back_matter_remainder", "structure", "info",
    "The part of a funding or editor note its documents column does not hold (its label).", removal=True)
NOTES_HEADING = _declare(
    "notes_heading", "structure", "info",
    "The heading of the notes printed together (`注释：`, `Notes`); each note under it is a `footnotes` row.",
    removal=True)
REFERENCE_LIST_HEADING = _declare(
    "reference_list_heading", "structure", "info",
    "The heading of the reference list (its entries are in references).", removal=True)
SECTION_NUMBERING_GAP = _declare(
    "section_numbering_gap", "structure", "warning",
    "A heading's number is not the one expected after its previous sibling (kept as written).")

# tables
TABLE_WITHOUT_BODY = _declare(
    "table_without_body", "tables", "warning", "A table's caption or note is in the source, its body is not.")
TABLE_DOUBTFUL = _declare(
    "table_doubtful", "tables", "warning",
    "A table the reader doubts: no caption names it and it was found without a full grid of rules (from "
    "horizontal rules or from aligned columns only); its rows may be body text, a form or a figure's labels.")

# references
REFERENCE_NUMBER_MISSING = _declare(
    "reference_number_missing", "references", "warning",
    "A reference entry has no usable number (none, 0 or a repeat); it was numbered by position.")
REFERENCE_LIST_UNNUMBERED = _declare(
    "reference_list_unnumbered", "references", "info",
    "No entry of the reference list has a number (an author-year list); the entries were numbered in order. "
    "Its citations are read as author and year (`citations.style`).")
REFERENCE_PARSE_PARTIAL = _declare(
    "reference_parse_partial", "references", "warning", "A reference entry was parsed only in part.")
REFERENCE_TEXT_UNPLACED = _declare(
    "reference_text_unplaced", "references", "warning",
    "Part of a reference entry is in no field, or a field holds another element (`references.parse_issue` says "
    "which); the entry is partial.")
REFERENCE_PARSE_FAILED = _declare(
    "reference_parse_failed", "references", "warning", "A reference entry could not be parsed; only `raw` holds it.")
REFERENCE_TYPE_INFERRED = _declare(
    "reference_type_inferred", "references", "info",
    "An entry prints no type code; doc_type was read from its shape (journal, book, proceedings ...).")
REFERENCE_LINE_SET_APART = _declare(
    "reference_line_set_apart", "references", "info",
    "A line inside the reference list is no entry text (page number, running header, footnote); left out.",
    removal=True)
REFERENCE_LIST_UNREAD = _declare(
    "reference_list_unread", "references", "warning",
    "The paper prints more than one reference list (one per chapter, per style); one is read into references, "
    "this one (its heading the original) is not: its entries are paragraphs, citations to it unresolved.")
REFERENCE_LIST_ENDED = _declare(
    "reference_list_ended", "references", "info",
    "The reference list ends before text that is no entry (a biography, a postscript); that text is read as "
    "back matter (sections and paragraphs after the list).")

# citations
CITATION_UNRESOLVED = _declare(
    "citation_unresolved", "citations", "warning", "A marker cites a number that is not in the reference list.")
REFERENCE_NEVER_CITED = _declare(
    "reference_never_cited", "citations", "info", "A reference-list entry is never cited in the text.")
CITATION_MARKER_SUSPECT = _declare(
    "citation_marker_suspect", "citations", "warning",
    "A marker holds 0, or a range that runs backwards or spans 50 or more references (only its end points cited).")
CITATION_MARKER_DROPPED = _declare(
    "citation_marker_dropped", "citations", "info",
    "A citation marker outside the body text (title, abstract, keyword, funding) was removed, not cited.",
    removal=True)

# accounting: characters of the source in no output and no recorded removal (accounting.py)
TEXT_UNACCOUNTED = _declare(
    "text_unaccounted", "accounting", "info",
    "Characters of a page (or of a text file) are in no output row and no recorded removal; shown where no "
    "output holds them with a neighbour (warning when the paper's coverage is low).", ("warning",))
COVERAGE_LOW = _declare(
    "coverage_low", "accounting", "warning",
    "Less than 99% of the source's characters are in an output row or a recorded removal; the pages are named.")
