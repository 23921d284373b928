"""read_pdf: a text-layer PDF -> blocks, page by page through the steps of this package.

A page that fails in any step after its glyphs were read is read again as pdfplumber's
plain `extract_text` (one block per line, flag `page_read_as_plain_text`); a page whose
glyphs cannot be read at all is skipped with an error flag. Neither fails the file: only
pdfminer's verdicts (`open_pdf`, `verdict`) decide that a file is not a readable PDF. With PDFium the
pages are PDFium's: pdfminer opens the file only when a page needs pdfminer's page, and walks its page
tree only as far as that page (`PlumberPages`); its verdict fails the file only when no page could be
read otherwise. pdfminer opens the file first, its verdict standing as with its own engine, when PDFium
cannot open it (a password, not a PDF) or opens it only by rebuilding its cross-reference table (a
truncated or damaged file).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..collector import free_cycles
from ..errors import is_memory_error
from ..model import Block, Change
from ..schema.flags import (
    DOCUMENT_READ_AS_PLAIN_TEXT,
    DUPLICATE_GLYPHS_REMOVED,
    GLYPH_WITHOUT_UNICODE,
    PAGE_READ_AS_PLAIN_TEXT,
    PAGE_READ_WITH_PDFIUM,
    PAGE_UNREADABLE,
    PAGE_WITHOUT_TEXT,
    ROTATED_TEXT_SKIPPED,
)
from .blocks import build_blocks, usual_pitch
from .chars import mostly_unmapped, page_chars, pdfium_glyphs
from .edges import harmonize_edges, local_right_edges
from .figures import remove_figure_text
from .footnotes import body_size, footnote_block, mark_hei, take_footnotes
from .formulas import remove_formulas
from .headers import remove_running_lines
from .lines import Line, group_lines, raised_footnote_callouts
from .open import PlumberPages, check_header, one_line, open_pdf, verdict
from .page import Page
from .reading_order import layout_page
from .rule_tables import close_broken_tables, horizontal_rules, rule_tables
from .ruled_tables import outside, ruled_tables
from .settings import PdfSettings
from .tables import PlainText, TableItem
from .toc import remove_toc


@dataclass
class PdfResult:
    blocks: list[Block]
    n_pages: int
    changes: list[Change] = field(default_factory=list)
    glyph_text: dict[int, str] = field(default_factory=dict)  # page -> its glyphs' text (the accounting's input)


def read_pdf(file: Path | str | bytes, settings: PdfSettings | None = None) -> PdfResult:
    """Read a text-layer PDF (a path, or the file's bytes already read) into blocks in reading order;
    raises PdfError for a file that is not one. Both parsers (pdfminer, PDFium) read the same bytes."""
    s = settings or PdfSettings()
    if isinstance(file, bytes):
        data = file
    else:
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            from .open import PdfError
            raise PdfError(f"cannot read file: {exc.strerror}") from None
    check_header(data)
    pages: list[Page] = []
    changes: list[Change] = []
    glyph_text: dict[int, str] = {}
    pdfium = PdfiumDocument(data)
    plumber = PlumberPages(data)  # pdfminer opens the file on first need
    try:
        n_pages = pdfium.count() if s.pdfium else None
        if n_pages is None or pdfium.repaired():
            # pdfminer's engine, a file PDFium cannot open, or one it opened by rebuilding its cross-reference
            # table (a truncated file): pdfminer opens it first, and its verdict stands
            plumber.open()
        if n_pages is None:  # pdfminer's page tree, its verdicts
            plumber.made = plumber.all_pages()
            n_pages = len(plumber.made)
        index, counted = 0, not s.pdfium or pdfium.failed
        while index < n_pages:
            page = None
            try:
                page = pdfium.page(index, plumber.maker(index)) if s.pdfium else plumber[index]
                pages.append(read_page(page, index + 1, s, changes, glyph_text, pdfium))
            except Exception as exc:  # one page's trouble must not cost the others
                if is_memory_error(exc):  # but a page over the memory bound (a decompression bomb) fails the paper
                    raise
                if pdfium.failed and not counted:  # a page PDFium counts, cannot load, and pdfminer has not?
                    n_pages, counted = plumber.count(), True
                    if index >= n_pages:
                        break
                pages.append(plain_page(page, index + 1, exc, changes, glyph_text))
            finally:
                if page is not None:
                    page.close()
                    if getattr(page, "used_pdfminer", True):  # pdfminer's page objects hold cycles (its caches)
                        free_cycles()
            index += 1
            if pdfium.failed and not counted:  # PDFium could not load a page: pdfminer's pages, as its engine
                n_pages, counted = plumber.count(), True
    finally:
        pdfium.close()
        plumber.close()
    if not any(p.has_text for p in pages):
        if plumber.error is not None:  # pdfminer's page tree refused the pages PDFium could not read alone
            raise plumber.error
        from .open import PdfError
        raise PdfError("no text layer: scanned image? OCR is not supported")
    for p in pages:
        if not p.has_text and p.plain is None:
            changes.append(PAGE_WITHOUT_TEXT.change(
                f"page {p.number} has no text layer (an image?); it was skipped", page=p.number))
    raised_footnote_callouts([p.lines for p in pages if p.plain is None])  # `¹` calling a footnote: no marker
    try:
        blocks = lay_out(pages, s, changes)
    except Exception as exc:  # a document-wide step failed: every page as plain text
        changes.append(DOCUMENT_READ_AS_PLAIN_TEXT.change(
            f"layout failed ({type(exc).__name__}: {one_line(exc)}); every page read as plain text lines"))
        blocks = [Block(text=line, page_start=n, page_end=n) for n, text in plain_texts(data).items()
                  for line in text.split("\n") if line.strip()]
    return PdfResult(blocks=blocks, n_pages=n_pages, changes=changes, glyph_text=glyph_text)


class PdfiumDocument:
    """The file opened with PDFium on first need: the page reader (`pdf.pdfium`), or a second reader for
    glyphs pdfminer cannot map."""

    def __init__(self, data: bytes):
        self.data, self.document, self.failed = data, None, False

    def open(self):
        if self.document is None:
            import pypdfium2

            self.document = pypdfium2.PdfDocument(self.data)
        return self.document

    def count(self) -> int | None:
        """The number of pages PDFium reads in the file; None when it cannot open it."""
        if self.failed:
            return None
        try:
            return len(self.open())
        except Exception as exc:  # noqa: BLE001 - PDFium's trouble: pdfminer's reading stands
            if is_memory_error(exc):
                raise
            self.failed = True
            return None

    def repaired(self) -> bool:
        """PDFium opened the file by rebuilding its cross-reference table from the objects it found (a
        truncated or damaged file: FPDF_DocumentHasValidCrossReferenceTable)."""
        import pypdfium2.raw as pdfium_c

        return not pdfium_c.FPDF_DocumentHasValidCrossReferenceTable(self.open().raw)

    def glyphs(self, index: int) -> list[dict]:
        return pdfium_glyphs(self.open(), index)

    def page(self, index: int, plumber_page: Callable[[], object]):
        """The page read by PDFium where it gives pdfminer's coordinates, else pdfplumber's page, made by
        `plumber_page()` (also when PDFium cannot open the file or the page: pdfminer's reading stands)."""
        from .pdfium import PdfiumPage

        if self.failed:
            return plumber_page()
        try:
            page = PdfiumPage(self.open(), index, plumber_page)
        except Exception as exc:  # noqa: BLE001 - PDFium's trouble is no reason to lose the page
            if is_memory_error(exc):
                raise
            self.failed = True
            return plumber_page()
        if page.supported:
            return page
        page.close()
        return plumber_page()

    def close(self) -> None:
        if self.document is not None:
            self.document.close()


def read_page(page, number: int, s: PdfSettings, changes: list[Change], glyph_text: dict,
              pdfium: PdfiumDocument | None = None) -> Page:
    """Glyphs -> lines and ruled tables of one page; records what was set aside."""
    chars = page_chars(page)
    if pdfium is not None and not s.pdfium and mostly_unmapped(chars, s.unmapped_share):
        again = page_chars(page, pdfium.glyphs(number - 1))
        if again.without_unicode < chars.without_unicode and again.chars:
            changes.append(PAGE_READ_WITH_PDFIUM.change(
                f"page {number}: pdfminer mapped {chars.without_unicode} of {len(chars.unmapped) + len(chars.chars)} "
                f"glyphs to no character (an encrypted file's fonts?); the page's text was read with PDFium",
                page=number))
            chars = again
    glyph_text[number] = chars.glyph_text
    if chars.duplicates:
        changes.append(DUPLICATE_GLYPHS_REMOVED.change(
            f"page {number}: {chars.duplicates} glyphs drawn again on top of themselves (fake bold) were read once",
            page=number))
    rotated = "rotated or slanted text (a margin note, a figure label, a watermark)"
    for kind, aside, why in ((ROTATED_TEXT_SKIPPED, chars.rotated, rotated),
                             (GLYPH_WITHOUT_UNICODE, chars.unmapped, "glyphs without Unicode (formula pieces)")):
        if aside:
            changes.append(kind.change(f"page {number}: {len(aside)} {why}",
                                       original="".join(c.text for c in aside), page=number))
    tables = ruled_tables(page, chars.chars, number, s) if chars.chars else []
    if chars.chars and s.find_rule_tables:  # three-line tables: rules without a grid, beside the ruled ones
        tables += rule_tables(page, chars.chars, number, s, tables)
    free = horizontal_rules(page, s, tables) if chars.chars and s.find_rule_tables else []
    lines = group_lines(outside(chars.chars, tables), number, s)
    x0, top, x1, bottom = page.bbox
    area = (x1 - x0) * (bottom - top)
    images = [(im["x0"], im["top"], im["x1"], im["bottom"]) for im in page.images
              if s.figure_min_size <= min(im["x1"] - im["x0"], im["bottom"] - im["top"])
              and (im["x1"] - im["x0"]) * (im["bottom"] - im["top"]) <= s.figure_max_area * area]
    rules = [(ln["x0"], ln["top"], ln["x1"]) for ln in page.lines if abs(ln["top"] - ln["bottom"]) < 1.5]
    rules += [(r["x0"], r["top"], r["x1"]) for r in page.rects if r["bottom"] - r["top"] < 1.5]
    graphics = [(kind, (o["x0"], o["top"], o["x1"], o["bottom"]))
                for kind, objects in (("curve", page.curves), ("rect", page.rects), ("line", page.lines))
                for o in objects]
    return Page(number, bool(chars.chars), width=x1 - x0, height=bottom - top, top=top, bottom=bottom,
                lines=lines, tables=tables, images=images, rules=rules, graphics=graphics, free_rules=free,
                fonts=chars.fonts)


def plain_page(page, number: int, exc: Exception, changes: list[Change], glyph_text: dict) -> Page:
    """A page whose reading failed: its plain text (pdfplumber `extract_text`), flagged. `page` None: the page
    could not be made at all (pdfminer's page tree fails there), skipped."""
    why = f"{type(exc).__name__}: {one_line(exc)}"
    if page is None:
        changes.append(PAGE_UNREADABLE.change(f"page {number} could not be read ({why}); it was skipped",
                                              page=number))
        return Page(number, False, plain=PlainText(number, []))
    try:
        text = page.extract_text() or ""
    except Exception as again:
        changes.append(PAGE_UNREADABLE.change(
            f"page {number} could not be read ({why}; plain text: {one_line(again)}); it was skipped", page=number))
        return Page(number, False, plain=PlainText(number, []))
    glyph_text.setdefault(number, text)
    changes.append(PAGE_READ_AS_PLAIN_TEXT.change(f"page {number}: layout failed ({why}); read as plain text lines",
                                                  page=number))
    return Page(number, bool(text.strip()), plain=PlainText(number, [ln for ln in text.split("\n") if ln.strip()]))


def plain_texts(data: bytes) -> dict[int, str]:
    out = {}
    pdf = open_pdf(data, pages=False)  # pdfminer's verdict, if PDFium read the pages without it opening the file
    try:
        pages = pdf.pages
    except Exception as exc:  # noqa: BLE001 - pdfminer's page tree, not read before when PDFium read the pages
        raise verdict(exc) from None
    with pdf:
        for number, page in enumerate(pages, start=1):
            try:
                out[number] = page.extract_text() or ""
            except Exception:  # noqa: BLE001 - a page that cannot be read at all gives nothing
                out[number] = ""
    return out


def lay_out(pages: list[Page], s: PdfSettings, changes: list[Change]) -> list[Block]:
    """Margins, contents, formulas, figure text and footnotes out; then columns and blocks."""
    read = [p for p in pages if p.plain is None]
    changes += remove_running_lines(read, s)
    changes += remove_toc(read, s)
    close_broken_tables(read, s)
    body = body_size(read, s)
    mark_hei(read)
    footnotes: list[Block] = []
    items: list = []
    carry = None
    for p in pages:
        if p.plain is not None:
            items.append(p.plain)
            carry = None
            continue
        notes: list[list[Line]] = []
        try:
            changes.extend(remove_figure_text(p, s, body))
            changes.extend(remove_formulas(p, s))
            notes = take_footnotes(p, body, s)
            ordered = layout_page(p.lines, p.tables, p.number, s, carry)
        except Exception as exc:  # noqa: BLE001 - this page as plain text, the others as laid out
            changes.append(PAGE_READ_AS_PLAIN_TEXT.change(
                f"page {p.number}: layout failed ({type(exc).__name__}: {one_line(exc)}); read as plain text lines",
                page=p.number))
            rest = p.lines + [ln for group in notes for ln in group]
            cells = [cell for t in p.tables for row in t.rows for cell in row if cell]
            items.append(PlainText(p.number, [ln.text for ln in sorted(rest, key=lambda ln: (ln.top, ln.x0))]
                                   + cells))
            carry = None
            continue
        for ln in ordered:
            if isinstance(ln, Line):
                ln.page_width = p.width
        footnotes += [footnote_block(group) for group in notes]
        last = ordered[-1] if ordered else None
        carry = last.carry if isinstance(last, TableItem) else None
        items += ordered
    lines = [it for it in items if isinstance(it, Line)]
    harmonize_edges(lines)
    local_right_edges(lines)
    return build_blocks(items, usual_pitch(lines, {p.number: p.fonts for p in read}), s) + footnotes
