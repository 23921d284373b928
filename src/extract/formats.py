"""Input formats, declared once: suffix, reader, and the one-line error for anything else.

`papers add`, run discovery (`run.discover_papers`), `documents.source_format`
(schema) and the data dictionary all read `INPUT_FORMATS`. Adding a format is one
`InputFormat` line and its reader.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Block, Change, PaperError

if TYPE_CHECKING:  # the readers' settings: imported where a PDF is read, not by the schema
    from .settings import PipelineSettings


@dataclass
class Source:
    """A paper as read from its file: bytes, layout blocks and what the reader knows of it."""

    data: bytes
    blocks: list[Block]
    source_format: str
    source_encoding: str | None = None
    n_pages: int | None = None
    changes: list[Change] = field(default_factory=list)
    inventory: dict = field(default_factory=dict)  # page (None for text) -> the source's text, for the accounting


def read_text_paper(path: Path, data: bytes, settings: PipelineSettings | None = None) -> Source:
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
    return Source(data, text_blocks(text), "txt", source_encoding=decoded.encoding,
                  changes=changes + markup + furniture, inventory={None: repaired})


def read_pdf_paper(path: Path, data: bytes, settings: PipelineSettings | None = None) -> Source:
    """A text-layer PDF: blocks in reading order (pdfplumber; see `extract.pdf`), parsed from `data`."""
    from .pdf import PdfError, read_pdf

    try:
        result = read_pdf(data, settings.pdf if settings else None)
    except PdfError as exc:
        raise PaperError(str(exc)) from exc
    return Source(data, result.blocks, "pdf", n_pages=result.n_pages, changes=result.changes,
                  inventory=result.source)


@dataclass(frozen=True)
class InputFormat:
    name: str  # the value of documents.source_format
    suffix: str  # file name suffix in raw/, lower case
    description: str
    read: Callable[[Path, bytes, PipelineSettings | None], Source]


INPUT_FORMATS: tuple[InputFormat, ...] = (
    InputFormat("txt", ".txt", "text; UTF-8 (with or without BOM), GB18030/GBK, Big5, UTF-16/32 with BOM: "
                "detected, never assumed", read_text_paper),
    InputFormat("pdf", ".pdf", "text-layer PDF (no OCR)", read_pdf_paper),
)
SUPPORTED_SUFFIXES = tuple(f.suffix for f in INPUT_FORMATS)
EXPECTED = "expected " + " or ".join(SUPPORTED_SUFFIXES)


def input_format(path: Path) -> InputFormat | None:
    """The format a file's suffix declares (case does not matter), or None."""
    suffix = Path(path).suffix.lower()
    return next((f for f in INPUT_FORMATS if f.suffix == suffix), None)


def unsupported_type(path: Path) -> str:
    """The one-line reason a file is not a paper the pipeline reads."""
    return f"unsupported file type {Path(path).suffix.lower() or '(none)'}: {EXPECTED}"


def read_source(path: Path, settings: PipelineSettings | None = None) -> Source:
    """Read one source file into layout blocks; raises PaperError with a one-line reason."""
    path = Path(path)
    fmt = input_format(path)
    if fmt is None:
        raise PaperError(unsupported_type(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PaperError(f"cannot read file: {exc.strerror}") from exc
    return fmt.read(path, data, settings)
