"""One paper: source file -> rows for every dataset. The table of contents of one paper.

Data flows one way: bytes -> decoded text or PDF blocks (`formats`) -> front matter,
body and reference list (`structure`) -> normalized records -> rows (`records`).
Each step is a plain function in its stage module; this module only wires them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

from .collector import collector_paused
from .formats import SUPPORTED_SUFFIXES, read_paper_file
from .model import Block, Change, PaperError
from .normalize import region_conversion
from .references import parse_listed
from .rows.accounting import account_rows, chinese_share_flags
from .rows.records import (
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
    callouts_of,
    document_fields,
    flag_field_remainders,
    flag_reference_heading,
)
from .schema.flags import REFERENCE_LIST_UNNUMBERED
from .settings import DEFAULT_PIPELINE_SETTINGS, PipelineSettings, pipeline_version
from .structure.document import read_structure
from .structure.tables import table_cells
from .text import sha256_bytes

__all__ = ["SUPPORTED_SUFFIXES", "PaperError", "build_rows", "process_paper"]


def build_rows(doc_id: str, blocks: list[Block], meta: dict, reader_changes: Sequence[Change] = (),
               settings: PipelineSettings = DEFAULT_PIPELINE_SETTINGS) -> tuple[dict, dict[str, list[dict]]]:
    """Blocks of one paper -> (documents row fields, rows of the child datasets).

    One way: structure (the document model, every part decided once) -> parse (the reference entries,
    the tables' cells) -> rows (`records`: each text normalized and its citations taken out as it is mapped)."""
    source_text = "\n".join([b.text for b in blocks if b.kind != "table"]
                            + [c for b in blocks if b.kind == "table" for r in b.rows or [] for c in r])
    document = read_structure(blocks, settings.structure, settings.references)
    references, reference_changes = parse_listed(document.references, settings.references)
    cells = [table_cells([list(row) for row in table.rows or []], table.header_rows) for table in document.tables]

    paper = PaperBuilder(doc_id, region_conversion(source_text))
    for change in [*reader_changes, *(c for b in blocks for c in b.changes), *document.changes,
                   *document.reference_changes, *reference_changes]:
        paper.flag(change)
    add_references(paper, references)
    for heading in document.reference_headings:
        flag_reference_heading(paper, heading)
    figure_labels = {paper.normalize(label) for label in document.figure_labels}
    add_sections(paper, document.sections, document.section_changes)
    callouts = callouts_of(document.paragraphs, document.footnotes)  # raised numbers calling footnotes
    add_paragraphs(paper, document.paragraphs, document.paragraph_joins, callouts)
    add_tables(paper, document.tables, cells)
    add_figures(paper, document.figures)
    add_footnotes(paper, document.footnotes, document.paragraphs, callouts)
    add_mentions(paper, figure_labels)
    add_citations(paper, author_year_list=any(c.kind == REFERENCE_LIST_UNNUMBERED.name for c in reference_changes))
    add_front_matter(paper, document.front)
    fields = document_fields(paper, document.front, document.back, meta, source_text)
    # what the lines read into fields print beyond the fields (labels, marks, dates as printed) is a removal
    flag_field_remainders(paper, fields, document.front.placed, document.back_matter_lines)
    return fields, paper.rows


def process_paper(path: Path, meta: dict | None = None, settings: PipelineSettings | None = None,
                  data: bytes | None = None) -> dict[str, list[dict]]:
    """Source file -> rows for every dataset but runs. Raises PaperError for a bad paper.

    `settings` (see `extract.settings.load_settings`) reach every stage; None: the defaults.
    `data`: the file's bytes when the caller read them (documents.source_sha256 is their hash)."""
    settings = settings or DEFAULT_PIPELINE_SETTINGS
    # a paper's working data: many small objects, few cycles (extract/collector.py); pdfminer's pages hold cycles
    with collector_paused() if settings.pdf.pdfium else contextlib.nullcontext():
        return _process_paper(Path(path), meta or {}, settings, data)


def _process_paper(path: Path, meta: dict, settings: PipelineSettings, data: bytes | None) -> dict[str, list[dict]]:
    doc_id = path.stem
    read = read_paper_file(path, settings, data)
    if not any(b.text.strip() or b.kind == "table" for b in read.blocks):
        raise PaperError("no text found")
    document, rows = build_rows(doc_id, read.blocks, meta, read.changes, settings)
    rows["documents"] = [{
        "doc_id": doc_id, "source_file": path.name, "source_sha256": sha256_bytes(read.data),
        "source_format": read.source_format, "source_encoding": read.source_encoding,
        "n_pages": read.n_pages, **document, "pipeline_version": pipeline_version(settings),
    }]
    counts, flags = account_rows(read.inventory, rows)
    rows["documents"][0].update(counts)
    for change in flags + chinese_share_flags(read.inventory):
        builder_flag(rows, doc_id, change)
    return rows


def builder_flag(rows: dict[str, list[dict]], doc_id: str, change: Change) -> None:
    """A flag added after the rows were built (the accounting's)."""
    flags = rows["quality_flags"]
    flags.append({"doc_id": doc_id, "flag_no": len(flags) + 1, "stage": change.stage, "kind": change.kind,
                  "severity": change.severity, "paragraph_no": None, "detail": change.detail or None,
                  "original": change.original, "replacement": change.replacement, "page": change.page})
