"""read_pdf: a text-layer PDF -> blocks, page by page through the steps of this package."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..flags import PAGE_WITHOUT_TEXT, ROTATED_TEXT_SKIPPED
from ..model import Block, Change
from .blocks import build_blocks, usual_pitch
from .chars import page_chars
from .edges import harmonize_edges, local_right_edges
from .headers import remove_running_lines
from .lines import Line, group_lines
from .open import PdfError, one_line, open_pdf
from .reading_order import layout_page
from .ruled_tables import outside, ruled_tables
from .settings import PdfSettings
from .tables import TableItem


@dataclass
class PdfResult:
    blocks: list[Block]
    n_pages: int
    changes: list[Change] = field(default_factory=list)


def read_pdf(path, settings: PdfSettings | None = None) -> PdfResult:
    """Read a text-layer PDF into blocks in reading order; raises PdfError."""
    s = settings or PdfSettings()
    pdf = open_pdf(Path(path))
    pages, changes = [], []
    with pdf:
        try:
            for number, page in enumerate(pdf.pages, start=1):
                chars, rotated = page_chars(page)
                if rotated:
                    changes.append(ROTATED_TEXT_SKIPPED.change(
                                          detail=f"page {number}: {rotated} rotated chars left out"))
                tables = ruled_tables(page, chars, number, s) if chars else []
                body = outside(chars, tables)
                lines = group_lines(body, number, s)
                x0, top, x1, bottom = page.bbox
                pages.append({"number": number, "height": page.height, "top": top, "bottom": bottom,
                              "lines": lines, "tables": tables, "has_text": bool(chars)})
                page.close()
        except PdfError:
            raise
        except Exception as exc:
            reason = one_line(exc) or type(exc).__name__
            raise PdfError(f"not a readable PDF: page {len(pages) + 1}: {reason}") from None
    n_pages = len(pages)
    if not any(p["has_text"] for p in pages):
        raise PdfError("no text layer: scanned image? OCR is not supported")
    for p in pages:
        if not p["has_text"]:
            changes.append(PAGE_WITHOUT_TEXT.change(
                                  detail=f"page {p['number']} has no text layer (an image?); it was skipped"))
    changes += remove_running_lines(pages, s)
    items: list = []
    carry = None
    for p in pages:
        ordered = layout_page(p["lines"], p["tables"], p["number"], s, carry)
        last = ordered[-1] if ordered else None
        carry = last.carry if isinstance(last, TableItem) else None
        items += ordered
    lines = [it for it in items if isinstance(it, Line)]
    harmonize_edges(lines)
    local_right_edges(lines)
    blocks = build_blocks(items, usual_pitch(lines), s)
    return PdfResult(blocks=blocks, n_pages=n_pages, changes=changes)
