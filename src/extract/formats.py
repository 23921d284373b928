"""The readers of the input formats: a paper's file into layout blocks.

The formats themselves (name, suffix, description) are metadata declared in `schema.INPUT_FORMATS`,
which `papers add`, run discovery (`sources.discover_papers`), `documents.source_format` and the
data dictionary read without loading any reader. Adding a format is one `InputFormat` line there
and its reader registered in `READERS` here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Block, Change, PaperError
from .schema.datasets import EXPECTED, INPUT_FORMATS, SUPPORTED_SUFFIXES, InputFormat, input_format, unsupported_type

if TYPE_CHECKING:  # the readers' settings: imported where a PDF is read, not by the schema
    from .settings import PipelineSettings


@dataclass
class PaperFile:
    """A paper as read from its file: bytes, layout blocks and what the reader knows of it."""

    data: bytes
    blocks: list[Block]
    source_format: str
    source_encoding: str | None = None
    n_pages: int | None = None
    changes: list[Change] = field(default_factory=list)
    inventory: dict = field(default_factory=dict)  # page (None for text) -> the source's text, for the accounting


def read_text_paper(path: Path, data: bytes, settings: PipelineSettings | None = None) -> PaperFile:
    """A text paper: encoding detected, text decoded twice read back (`encoding_repair`), HTML left by a web
    conversion resolved (`markup`), page numbers and running headers of a PDF turned into text removed
    (`text_pages`), one block per line, tab-separated runs as tables."""
    from .textfile.blocks import text_blocks
    from .textfile.decode import DecodeError, decode_text
    from .textfile.encoding_repair import repair_misdecoded
    from .textfile.markup import resolve_web_markup
    from .textfile.pages import strip_page_furniture

    try:
        decoded = decode_text(data)
    except DecodeError as exc:
        raise PaperError(str(exc)) from exc
    repaired, changes = repair_misdecoded(decoded.text)  # part of decoding: the paper's text is the repaired one
    text, markup = resolve_web_markup(repaired)
    text, furniture = strip_page_furniture(text)  # page numbers and running headers of a PDF turned into text
    return PaperFile(data, text_blocks(text), "txt", source_encoding=decoded.encoding,
                  changes=changes + markup + furniture, inventory={None: repaired})


def read_pdf_paper(path: Path, data: bytes, settings: PipelineSettings | None = None) -> PaperFile:
    """A text-layer PDF: blocks in reading order (pdfplumber; see `extract.pdf`), parsed from `data`."""
    from .pdf import PdfError, read_pdf

    try:
        result = read_pdf(data, settings.pdf if settings else None)
    except PdfError as exc:
        raise PaperError(str(exc)) from exc
    return PaperFile(data, result.blocks, "pdf", n_pages=result.n_pages, changes=result.changes,
                  inventory=result.glyph_text)


# The reader of each input format of the schema (schema.INPUT_FORMATS: names, suffixes, descriptions).
READERS: dict[str, Callable[[Path, bytes, PipelineSettings | None], PaperFile]] = {
    "txt": read_text_paper,
    "pdf": read_pdf_paper,
}
if set(READERS) != {f.name for f in INPUT_FORMATS}:
    raise RuntimeError("every input format of the schema needs exactly one reader in formats.READERS")


def read_paper_file(path: Path, settings: PipelineSettings | None = None, data: bytes | None = None) -> PaperFile:
    """Read one source file into layout blocks; raises PaperError with a one-line reason.

    data: the file's bytes when the caller has read them already (a run hashes the bytes it processes)."""
    path = Path(path)
    fmt = input_format(path)
    if fmt is None:
        raise PaperError(unsupported_type(path))
    if data is None:
        data = read_paper_bytes(path)
    return READERS[fmt.name](path, data, settings)


def read_paper_bytes(path: Path) -> bytes:
    """A paper file's bytes; PaperError with a one-line reason when it cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise PaperError(f"cannot read file: {exc.strerror}") from exc


__all__ = ["EXPECTED", "INPUT_FORMATS", "READERS", "SUPPORTED_SUFFIXES", "InputFormat", "PaperFile", "input_format",
           "read_paper_bytes", "read_paper_file", "unsupported_type"]
