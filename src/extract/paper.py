"""One paper: source file -> rows for every dataset.

Data flows one way: bytes -> decoded text or PDF blocks -> body elements
(headings, paragraphs, tables, notes) -> normalized records -> rows. Each step
is a plain function; this module only wires them together per paper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .citations import extract_citation_markers
from .decode import decode_text
from .layout import text_blocks
from .model import Block, Change
from .normalize import detect_script, normalize_text, to_simplified
from .references import is_reference_heading, number_entries, parse_reference, split_reference_entries
from .structure import (
    build_section_rows,
    find_body_start,
    find_mentions,
    is_back_matter_line,
    is_table_note,
    parse_back_matter,
    parse_caption,
    parse_front_matter,
    parse_heading,
)
from .tables import table_cells
from .text import COLONS, CITATION_MARKER, SENTENCE_FINAL, join_paragraph_pieces, sha256_bytes

SUPPORTED_SUFFIXES = (".txt", ".pdf")
SCRIPT_FIELDS_OF_REFERENCE = ("title", "container", "place", "publisher")

# A paragraph ends at the end of a sentence, or at a colon that introduces a list or quotation.
PARAGRAPH_FINAL = SENTENCE_FINAL | COLONS
CLOSING_QUOTES = set("”’」』\"'》")
# call-outs and citation markers after the last sentence of a paragraph: （图1） ^[3]
TRAILING_APPENDAGE = re.compile(
    rf"(\s*((?:\^\s*)?{CITATION_MARKER.pattern}|[（(][^（）()]{{0,30}}[)）]))+\s*$")
PARAGRAPH_END_CHARS = 400  # far more than any run of trailing call-outs and markers


class PaperError(ValueError):
    """A paper cannot be processed; the message is one line a maintainer can act on."""


@dataclass
class Piece:
    """A body text block on its way to becoming (part of) a paragraph."""

    text: str
    section_no: int | None
    page_start: int | None
    page_end: int | None
    order: int  # index of the block in reading order


@dataclass
class TableRecord:
    label: str | None
    caption_source: str | None
    rows: list[list[str]] | None = None
    notes: list[str] = field(default_factory=list)
    page: int | None = None
    section_no: int | None = None
    order: int = 0  # reading-order index of its caption, or of its body when it has no caption


@dataclass
class PaperRows:
    """Rows for every dataset of one paper (runs excluded)."""

    doc_id: str
    tables: dict[str, list[dict]]
    n_flags: int = 0


def ends_paragraph(text: str) -> bool:
    """True when the text ends a sentence, looking past call-outs like （图1） and ^[3]."""
    # only the end decides: scanning a whole paragraph per joined line is quadratic in its length
    core = TRAILING_APPENDAGE.sub("", text[-PARAGRAPH_END_CHARS:]).rstrip()
    if not core:
        return True
    while core and core[-1] in CLOSING_QUOTES:
        if len(core) >= 2 and core[-2] in PARAGRAPH_FINAL:
            return True
        core = core[:-1]
    return bool(core) and core[-1] in PARAGRAPH_FINAL


join_pieces = join_paragraph_pieces


class PaperBuilder:
    """Collects one paper's rows while walking its blocks in reading order."""

    def __init__(self, doc_id: str):
        self.doc_id = doc_id
        self.rows: dict[str, list[dict]] = {name: [] for name in (
            "authors", "keywords", "sections", "paragraphs", "tables", "table_cells",
            "references", "citations", "mentions", "quality_flags")}
        self.markers: list[dict] = []  # citation markers before resolution

    def flag(self, change: Change, paragraph_no: int | None = None) -> None:
        self.rows["quality_flags"].append({
            "doc_id": self.doc_id, "flag_no": len(self.rows["quality_flags"]) + 1,
            "stage": change.stage, "kind": change.kind, "severity": change.severity,
            "paragraph_no": paragraph_no, "detail": change.detail or None,
            "original": change.original, "replacement": change.replacement,
        })

    def normalize(self, raw: str, paragraph_no: int | None = None) -> str:
        text, changes = normalize_text(raw)
        for change in changes:
            self.flag(change, paragraph_no)
        return text

    def normalize_without_markers(self, raw: str) -> str:
        """Normalize text that has nowhere to cite from (titles, abstract, keywords, funding): markers are dropped."""
        text, markers = extract_citation_markers(self.normalize(raw))
        if markers:
            self.flag(Change("citations", "citation_marker_dropped", "info",
                             "a citation marker outside the body text (a title, the abstract, a keyword, funding) "
                             "was removed and not cited", original=" ".join(m["marker"] for m in markers)))
        return text

    def normalize_with_markers(self, raw: str, location: dict, order: tuple,
                               paragraph_no: int | None = None) -> str:
        """Normalize, then take the citation markers out; `order` places them in reading order."""
        text, markers = extract_citation_markers(self.normalize(raw, paragraph_no))
        for marker in markers:
            if marker.get("suspect"):
                self.flag(Change("citations", "citation_marker_suspect", "warning",
                                 "the marker holds 0 (cites nothing) or a range that runs backwards or spans "
                                 "50 or more references (only its end points are cited)",
                                 original=marker["marker"]), paragraph_no)
            for ref_no in marker["ref_nos"]:
                self.markers.append({**location, "ref_no": ref_no, "marker": marker["marker"],
                                     "char_offset": marker["char_offset"],
                                     "order": (*order, marker["char_offset"])})
        return text


def split_document(blocks: list[Block]) -> tuple[list[Block], list[Block], list[Block]]:
    """Front matter, body and reference-list blocks."""
    lines = [b.text if b.kind == "text" else "" for b in blocks]
    start = find_body_start(lines)
    ref_at = next((i for i in range(start, len(blocks))
                   if blocks[i].kind == "text" and is_reference_heading(blocks[i].text)), len(blocks))
    return blocks[:start], blocks[start:ref_at], blocks[ref_at + 1:]


def build_rows(doc_id: str, blocks: list[Block], meta: dict,
               reader_changes: list[Change] = ()) -> tuple[dict, dict[str, list[dict]]]:
    """Blocks of one paper -> (documents row fields, rows of the child datasets)."""
    paper = PaperBuilder(doc_id)
    for change in [*reader_changes, *(c for b in blocks for c in b.changes)]:
        paper.flag(change)
    front_blocks, body_blocks, ref_blocks = split_document(blocks)
    all_lines = [b.text for b in blocks if b.kind == "text"]

    front = parse_front_matter([b.text for b in front_blocks if b.kind == "text"])
    back = parse_back_matter(all_lines)
    # Front-matter lines the parser could not place and that follow its last field are body text.
    leftover = [Block(text=line) for line in front.body_lines]

    sections, pieces, tables, figure_labels = walk_body(paper, leftover + body_blocks)
    section_rows, section_changes = build_section_rows([h for h, _ in sections])
    for change in section_changes:
        paper.flag(change)
    for row, (_, source) in zip(section_rows, sections):
        paper.rows["sections"].append({
            "doc_id": doc_id, "section_no": row["section_no"],
            "parent_section_no": row["parent_section_no"], "level": row["level"],
            "label": row["label"], "title": paper.normalize_without_markers(source), "title_source": source,
        })

    add_paragraphs(paper, pieces)
    add_tables(paper, tables)
    add_mentions(paper, figure_labels)
    add_references(paper, ref_blocks)
    add_citations(paper)
    add_front_matter(paper, front)

    source_text = "\n".join(all_lines + [c for b in blocks if b.kind == "table" for r in b.rows for c in r])
    document = {
        "script": detect_script(source_text),
        "title_zh": paper.normalize_without_markers(front.title_zh or meta.get("title") or "") or None,
        "title_en": front.title_en,
        "abstract_zh": paper.normalize_without_markers(front.abstract_zh) if front.abstract_zh else None,
        "abstract_en": front.abstract_en,
        "doi": front.doi or back.get("doi"),
        "issn": front.issn,
        "year": front.year or meta.get("year"),
        "funding": paper.normalize_without_markers(back["funding"]) if back.get("funding") else None,
        "grant_no": back.get("grant_no"),
        "editor": back.get("editor"),
        "journal": meta.get("journal"),
        "source_url": meta.get("source_url"),
        "n_chars": sum(len(p["text"]) for p in paper.rows["paragraphs"]),
    }
    return document, paper.rows


def walk_body(paper: PaperBuilder, blocks: list[Block]):
    """Classify body blocks into headings, paragraph pieces, tables (with captions and notes)."""
    sections: list[tuple[object, str]] = []
    pieces: list[Piece] = []
    tables: list[TableRecord] = []
    figure_labels: set[str] = set()
    pending_caption: TableRecord | None = None  # a table caption waiting for its rows
    last_table: TableRecord | None = None  # notes attach here while nothing else intervened
    for order, block in enumerate(blocks):
        section_no = len(sections) or None
        if block.kind == "table":
            record = pending_caption or TableRecord(label=None, caption_source=None, order=order)
            if record is not pending_caption:
                tables.append(record)
            record.rows, record.page, record.section_no = block.rows, block.page_start, section_no
            pending_caption, last_table = None, record
            continue
        text = block.text.strip()
        if not text or is_back_matter_line(text):
            continue
        caption = parse_caption(text)
        if caption:
            kind, label, _ = caption
            if kind == "table":
                pending_caption = last_table = TableRecord(label=label, caption_source=text, page=block.page_start,
                                                           section_no=section_no, order=order)
                tables.append(pending_caption)
            else:
                figure_labels.add(paper.normalize(label))
            continue
        if is_table_note(text):
            target = last_table or table_for_orphan_note(pieces, tables, section_no, order, block.page_start)
            target.notes.append(text)
            last_table = target
            continue
        heading = parse_heading(text)
        if heading:
            sections.append((heading, heading.title))
            pending_caption = last_table = None
            continue
        pieces.append(Piece(text, section_no, block.page_start, block.page_end, order))
        last_table = None
    return sections, pieces, tables, figure_labels


def table_for_orphan_note(pieces: list[Piece], tables: list[TableRecord], section_no: int | None,
                          order: int, page: int | None) -> TableRecord:
    """A note with no table above it: the table the preceding paragraph calls out, printed without its body."""
    known = {t.label for t in tables}
    label = None
    if pieces:
        called = [m["label"] for m in find_mentions(pieces[-1].text) if m["kind"] == "table"]
        label = next((lab for lab in reversed(called) if lab not in known), None)
    record = TableRecord(label=label, caption_source=None, page=page, section_no=section_no, order=order)
    tables.append(record)
    return record


def add_paragraphs(paper: PaperBuilder, pieces: list[Piece]) -> None:
    merged: list[Piece] = []
    for piece in pieces:
        previous = merged[-1] if merged else None
        # a block of nothing but citation markers is the superscript of the sentence before it
        markers_only = not extract_citation_markers(piece.text)[0].strip()
        if previous and previous.section_no == piece.section_no and (
                markers_only or not ends_paragraph(previous.text)):
            paper.flag(Change("structure", "paragraph_joined", "info",
                              "a block of citation markers only belongs to the block before it" if markers_only else
                              "a block ending without sentence-final punctuation continued in the next block",
                              original=f"{previous.text[-12:]} | {piece.text[:12]}"),
                       len(merged))
            previous.text = join_pieces(previous.text, piece.text)
            previous.page_end = piece.page_end or previous.page_end
        else:
            merged.append(Piece(piece.text, piece.section_no, piece.page_start, piece.page_end, piece.order))
    for paragraph_no, piece in enumerate(merged, start=1):
        text = paper.normalize_with_markers(piece.text, {"location": "paragraph", "paragraph_no": paragraph_no},
                                            (piece.order, 0, 0, 0), paragraph_no)
        paper.rows["paragraphs"].append({
            "doc_id": paper.doc_id, "paragraph_no": paragraph_no, "section_no": piece.section_no,
            "text": text, "text_source": piece.text,
            "page_start": piece.page_start, "page_end": piece.page_end,
        })


def add_tables(paper: PaperBuilder, tables: list[TableRecord]) -> None:
    for table_no, record in enumerate(tables, start=1):
        location = {"table_no": table_no}
        caption = None
        if record.caption_source:
            parsed = parse_caption(record.caption_source)
            caption = paper.normalize_with_markers(parsed[2], {**location, "location": "caption"},
                                                   (record.order, 0, 0, 0)) if parsed[2] else None
        note = "\n".join(paper.normalize_with_markers(n, {**location, "location": "note"}, (record.order, 2, i, 0))
                         for i, n in enumerate(record.notes)) or None
        rows = record.rows or []
        header: list[str | None] = []
        for cell in table_cells(rows):
            value = paper.normalize_with_markers(
                cell.value, {**location, "location": "table_cell", "row_no": cell.row_no, "col_no": cell.col_no},
                (record.order, 1, cell.row_no, cell.col_no))
            if cell.row_no == 0:
                header.append(value or None)
            paper.rows["table_cells"].append({
                "doc_id": paper.doc_id, "table_no": table_no, "row_no": cell.row_no, "col_no": cell.col_no,
                "column_name": header[cell.col_no - 1] if cell.col_no <= len(header) else None,
                "value": value or None, "value_source": cell.value or None,
                "is_header": cell.row_no == 0, "filled_down": cell.filled_down,
            })
        if not rows:
            paper.flag(Change("tables", "table_without_body", "warning",
                              f"{record.label or 'a table'}: caption or note present, table body absent from the source",
                              original=record.caption_source or "\n".join(record.notes)))
        paper.rows["tables"].append({
            "doc_id": paper.doc_id, "table_no": table_no,
            "label": paper.normalize(record.label) if record.label else None,
            "caption": caption, "caption_source": record.caption_source, "note": note,
            "n_rows": max(len(rows) - 1, 0), "n_cols": max((len(r) for r in rows), default=0),
            "page": record.page, "has_body": bool(rows), "section_no": record.section_no,
        })


def add_mentions(paper: PaperBuilder, figure_labels: set[str]) -> None:
    found = {("table", t["label"]) for t in paper.rows["tables"] if t["has_body"] and t["label"]}
    found |= {("figure", label) for label in figure_labels}
    for paragraph in paper.rows["paragraphs"]:
        for mention in find_mentions(paragraph["text"]):
            paper.rows["mentions"].append({
                "doc_id": paper.doc_id, "mention_no": len(paper.rows["mentions"]) + 1,
                "kind": mention["kind"], "label": mention["label"],
                "paragraph_no": paragraph["paragraph_no"],
                "target_found": (mention["kind"], mention["label"]) in found,
            })


def add_references(paper: PaperBuilder, ref_blocks: list[Block]) -> None:
    lines = [b.text for b in ref_blocks if b.kind == "text"]
    entries = split_reference_entries(lines)
    parsed = [parse_reference(entry) for entry in entries]
    numbers = number_entries([ref.get("ref_no") for ref in parsed])
    for position, (entry, ref, ref_no) in enumerate(zip(entries, parsed, numbers), start=1):
        if ref_no != ref.get("ref_no"):
            paper.flag(Change("references", "reference_number_missing", "warning",
                              f"entry {position} has no usable number (none, 0 or a repeat); numbered {ref_no}",
                              original=entry))
        if ref["parse_status"] != "ok":
            paper.flag(Change("references", f"reference_parse_{ref['parse_status']}", "warning",
                              f"[{ref_no}] could not be parsed completely", original=entry))
        for key in SCRIPT_FIELDS_OF_REFERENCE:  # parsed from the entry as written; script made Simplified
            if ref.get(key):
                ref[key] = to_simplified(ref[key])
        if ref.get("authors"):
            ref["authors"] = [to_simplified(name) for name in ref["authors"]]
        paper.rows["references"].append({**{k: v for k, v in ref.items() if k != "ref_no"},
                                          "doc_id": paper.doc_id, "ref_no": ref_no})


def add_citations(paper: PaperBuilder) -> None:
    known = {r["ref_no"] for r in paper.rows["references"]}
    cited: set[int] = set()
    for citation_no, marker in enumerate(sorted(paper.markers, key=lambda m: m["order"]), start=1):
        resolved = marker["ref_no"] in known
        cited.add(marker["ref_no"])
        paper.rows["citations"].append({
            "doc_id": paper.doc_id, "citation_no": citation_no, "ref_no": marker["ref_no"],
            "location": marker["location"], "paragraph_no": marker.get("paragraph_no"),
            "table_no": marker.get("table_no"), "row_no": marker.get("row_no"), "col_no": marker.get("col_no"),
            "char_offset": marker["char_offset"], "marker": marker["marker"], "resolved": resolved,
        })
        if not resolved:
            paper.flag(Change("citations", "citation_unresolved", "warning",
                              f"marker {marker['marker']} cites [{marker['ref_no']}], which is not in the reference list",
                              original=marker["marker"]), marker.get("paragraph_no"))
    for ref_no in sorted(known - cited):
        paper.flag(Change("citations", "reference_never_cited", "info",
                          f"reference [{ref_no}] is never cited in the text"))


def add_front_matter(paper: PaperBuilder, front) -> None:
    for author_no, author in enumerate(front.authors, start=1):
        paper.rows["authors"].append({"doc_id": paper.doc_id, "author_no": author_no, **{
            k: author.get(k) for k in ("name_zh", "name_en", "affiliation", "position")}})
    for keyword, lang in front.keywords:
        normalized = paper.normalize_without_markers(keyword)
        if normalized.strip():  # a keyword that was only markers or damage is no keyword
            paper.rows["keywords"].append({
                "doc_id": paper.doc_id, "keyword_no": len(paper.rows["keywords"]) + 1,
                "keyword": normalized, "keyword_source": keyword, "lang": lang,
            })


def read_source(path: Path) -> tuple[bytes, list[Block], dict]:
    """Read one source file into layout blocks; raises PaperError with a one-line reason."""
    from .decode import DecodeError
    from .pdf import PdfError, read_pdf

    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise PaperError(f"unsupported file type {suffix or '(none)'}: expected .txt or .pdf")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PaperError(f"cannot read file: {exc.strerror}") from exc
    if suffix == ".pdf":
        try:
            result = read_pdf(path)
        except PdfError as exc:
            raise PaperError(str(exc)) from exc
        return data, result.blocks, {"source_format": "pdf", "source_encoding": None,
                                     "n_pages": result.n_pages, "changes": result.changes}
    try:
        decoded = decode_text(data)
    except DecodeError as exc:
        raise PaperError(str(exc)) from exc
    return data, text_blocks(decoded.text), {"source_format": "txt", "source_encoding": decoded.encoding,
                                             "n_pages": None, "changes": []}


def process_paper(path: Path, meta: dict | None = None) -> dict[str, list[dict]]:
    """Source file -> rows for every dataset but runs. Raises PaperError for a bad paper."""
    path = Path(path)
    meta = meta or {}
    doc_id = path.stem
    data, blocks, source = read_source(path)
    if not any(b.text.strip() or b.kind == "table" for b in blocks):
        raise PaperError("no text found")
    document, rows = build_rows(doc_id, blocks, meta, source["changes"])
    rows["documents"] = [{
        "doc_id": doc_id, "source_file": path.name, "source_sha256": sha256_bytes(data),
        "source_format": source["source_format"], "source_encoding": source["source_encoding"],
        "n_pages": source["n_pages"], **document, "pipeline_version": __version__,
    }]
    return rows
