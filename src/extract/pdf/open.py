"""Opening a PDF file; every reason it cannot be read becomes a one-line `PdfError`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from ..errors import is_memory_error


class PdfError(ValueError):
    """The PDF cannot be read; the message is one line naming the reason."""


def open_pdf(data: bytes, pages: bool = True):
    """The PDF parsed from its bytes (the same bytes the paper's sha256 is of). `pages`: pdfminer's page tree
    is built here too (`pdf.pages`), its verdicts raised here; false: only the header, cross-reference table
    and trailer are read (the page reader takes the pages from PDFium, pdfminer's `PlumberPages` on need)."""
    import io

    import pdfplumber

    check_header(data)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        if pages:
            _ = pdf.pages
    except Exception as exc:  # pdfplumber wraps pdfminer's many kinds of error
        raise verdict(exc) from None
    return pdf


def check_header(data: bytes) -> None:
    """The first verdict, before any parser: a PDF's `%PDF-` header within its first 1024 bytes."""
    if b"%PDF-" not in data[:1024]:
        raise PdfError("not a readable PDF: no %PDF header")


def verdict(exc: Exception) -> PdfError:
    """pdfminer's (pdfplumber's) error reading the file as a one-line PdfError."""
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.psexceptions import PSEOF

    cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    if isinstance(cause, PDFPasswordIncorrect) or "password" in str(cause).lower():
        return PdfError("needs a password")
    if isinstance(cause, PSEOF):
        return PdfError("not a readable PDF: truncated (unexpected end of file)")
    return PdfError(f"not a readable PDF: {one_line(cause) or type(cause).__name__}")


class PlumberPages:
    """pdfplumber's pages of a file, each made on first need, and the file opened by pdfminer only then
    (`open_pdf(data, pages=False)`, or `open` called first): pdfminer's page tree is walked only as far as
    the last page asked for, as pdfplumber's `pages` walks it (the same pages, page numbers and `doctop`).
    An error opening the file or walking the tree is raised again for every later page asked for; `error`
    keeps the first, as a PdfError."""

    def __init__(self, data: bytes):
        self.data = data
        self.made: list = []
        self.pdf: Any = None  # pdfplumber's PDF, once opened
        self.error: PdfError | None = None
        self._tree: Iterator | None = None
        self._doctop = 0.0

    def open(self):
        """pdfplumber's document, opened on first call (`open_pdf`); its verdict raised, kept as `error`."""
        if self.pdf is None:
            if self.error is not None:
                raise self.error
            try:
                self.pdf = open_pdf(self.data, pages=False)
            except PdfError as exc:
                self.error = exc
                raise
        return self.pdf

    def all_pages(self) -> list:
        """pdfplumber's `pages`: the whole page tree at once (pdfminer's engine); its verdict raised."""
        pdf = self.open()
        try:
            return pdf.pages
        except Exception as exc:  # noqa: BLE001 - as open_pdf says it
            raise verdict(exc) from None

    def __getitem__(self, index: int):
        from pdfminer.pdfpage import PDFPage
        from pdfplumber.page import Page

        while len(self.made) <= index:
            if self.error is not None:
                raise self.error
            pdf = self.open()
            try:
                if self._tree is None:
                    self._tree = PDFPage.create_pages(pdf.doc)
                page = Page(pdf, next(self._tree), page_number=len(self.made) + 1, initial_doctop=self._doctop)
            except StopIteration:
                raise IndexError(f"pdfminer finds {len(self.made)} pages, page {index + 1} asked for") from None
            except Exception as exc:  # noqa: BLE001 - kept as the file's verdict, raised for this page
                if is_memory_error(exc):
                    raise
                self.error = verdict(exc)
                raise self.error from None
            self.made.append(page)
            self._doctop += page.height
        return self.made[index]

    def count(self) -> int:
        """The number of pages pdfminer finds (the whole page tree walked); its error raised as the verdict."""
        try:
            while True:
                self[len(self.made)]
        except IndexError:
            return len(self.made)

    def maker(self, index: int) -> Callable[[], object]:
        """Page `index` made when called (a PdfiumPage's `plumber`)."""
        return lambda: self[index]

    def close(self) -> None:
        """pdfplumber's `close` without walking the page tree to its end (nothing when never opened)."""
        for page in self.made:
            page.close()
        if self.pdf is not None:
            self.pdf.flush_cache()


def one_line(exc: BaseException) -> str:
    return re.sub(r"\s+", " ", str(exc)).strip()[:120]
