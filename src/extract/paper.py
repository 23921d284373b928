"""One paper: source file -> rows for every dataset. The table of contents of one paper.

Data flows one way: bytes -> decoded text or PDF blocks (`formats`) -> front matter,
body and reference list (`structure`) -> normalized records -> rows (`records`).
Each step is a plain function in its stage module; this module only wires them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .accounting import account_rows, chinese_share_flags
from .formats import SUPPORTED_SUFFIXES, read_source
from .model import Block, Change, PaperError
from .normalize import region_conversion
from .records import (
    PaperBuilder,
    add_citations,
    add_figures,
    add_footnotes,
    add_front_matter,
    add_mentions,
    add_paragraphs,
    add_references,
    add_sections,
    add_tables,
    document_fields,
    flag_field_remainders,
    flag_reference_heading,
)
from .settings import DEFAULT_PIPELINE_SETTINGS, PipelineSettings, pipeline_version
from .structure import parse_back_matter
from .structure.body import read_body, read_front_paragraphs
from .structure.document import read_document
from .text import sha256_bytes

__all__ = ["SUPPORTED_SUFFIXES", "PaperError", "build_rows", "process_paper"]


def build_rows(doc_id: str, blocks: list[Block], meta: dict, reader_changes: Sequence[Change] = (),
               settings: PipelineSettings = DEFAULT_PIPELINE_SETTINGS) -> tuple[dict, dict[str, list[dict]]]:
    """Blocks of one paper -> (documents row fields, rows of the child datasets)."""
    source_text = "\n".join([b.text for b in blocks if b.kind != "table"]
                            + [c for b in blocks if b.kind == "table" for r in b.rows or [] for c in r])
    paper = PaperBuilder(doc_id, region_conversion(source_text))
    for change in [*reader_changes, *(c for b in blocks for c in b.changes)]:
        paper.flag(change)
    parts = read_document(blocks, settings.structure)
    front = parts.front
    for change in front.changes:
        paper.flag(change)
    body = read_front_paragraphs(front.kept)
    read_body(parts.body, body=body, settings=settings.structure)
    earlier = [b.text for b in parts.front_region + parts.body if b.kind == "text"]
    # what follows the last entry is back matter
    after_list = add_references(paper, parts.references, earlier, settings.references)
    read_body(after_list + parts.back, part="back", body=body, settings=settings.structure)
    for heading in [parts.reference_heading, *parts.repeated_headings]:
        flag_reference_heading(paper, heading)
    figure_labels = {paper.normalize(label) for label in body.figure_labels}

    add_sections(paper, body.headings)
    add_paragraphs(paper, body.pieces)
    add_tables(paper, body.tables)
    add_figures(paper, body.figures)
    add_footnotes(paper, [b for b in parts.notes if b.kind == "footnote"])
    add_mentions(paper, figure_labels)
    add_citations(paper)
    add_front_matter(paper, front)

    # notes and identifiers are read outside the reference list only (a DOI there is a reference's)
    entries = {id(b) for b in parts.references} - {id(b) for b in parts.notes + after_list}
    outside_references = [b.text for b in blocks if b.kind != "table" and id(b) not in entries]
    back = parse_back_matter(list(dict.fromkeys(outside_references)))
    document = document_fields(paper, front, back, meta, source_text)
    # what the lines read into fields print beyond the fields (labels, marks, dates as printed) is a removal
    flag_field_remainders(paper, document, front.placed, body.back_matter)
    return document, paper.rows


def process_paper(path: Path, meta: dict | None = None, settings: PipelineSettings | None = None,
                  data: bytes | None = None) -> dict[str, list[dict]]:
    """Source file -> rows for every dataset but runs. Raises PaperError for a bad paper.

    `settings` (see `extract.settings.load_settings`) reach every stage; None: the defaults.
    `data`: the file's bytes when the caller read them (documents.source_sha256 is their hash)."""
    settings = settings or DEFAULT_PIPELINE_SETTINGS
    path = Path(path)
    meta = meta or {}
    doc_id = path.stem
    source = read_source(path, settings, data)
    if not any(b.text.strip() or b.kind == "table" for b in source.blocks):
        raise PaperError("no text found")
    document, rows = build_rows(doc_id, source.blocks, meta, source.changes, settings)
    rows["documents"] = [{
        "doc_id": doc_id, "source_file": path.name, "source_sha256": sha256_bytes(source.data),
        "source_format": source.source_format, "source_encoding": source.source_encoding,
        "n_pages": source.n_pages, **document, "pipeline_version": pipeline_version(settings),
    }]
    counts, flags = account_rows(source.inventory, rows)
    rows["documents"][0].update(counts)
    for change in flags + chinese_share_flags(source.inventory):
        builder_flag(rows, doc_id, change)
    return rows


def builder_flag(rows: dict[str, list[dict]], doc_id: str, change: Change) -> None:
    """A flag added after the rows were built (the accounting's)."""
    flags = rows["quality_flags"]
    flags.append({"doc_id": doc_id, "flag_no": len(flags) + 1, "stage": change.stage, "kind": change.kind,
                  "severity": change.severity, "paragraph_no": None, "detail": change.detail or None,
                  "original": change.original, "replacement": change.replacement, "page": change.page})
