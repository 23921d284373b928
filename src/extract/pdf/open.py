"""Opening a PDF file; every reason it cannot be read becomes a one-line `PdfError`."""

from __future__ import annotations

import re
from pathlib import Path


class PdfError(ValueError):
    """The PDF cannot be read; the message is one line naming the reason."""


def open_pdf(path: Path):
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.psexceptions import PSEOF

    try:
        with open(path, "rb") as f:
            head = f.read(1024)
    except OSError as exc:
        raise PdfError(f"cannot read file: {exc.strerror}") from None
    if b"%PDF-" not in head:
        raise PdfError("not a readable PDF: no %PDF header")
    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages
    except Exception as exc:  # pdfplumber wraps pdfminer's many kinds of error
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, PDFPasswordIncorrect) or "password" in str(cause).lower():
            raise PdfError("needs a password") from None
        if isinstance(cause, PSEOF):
            raise PdfError("not a readable PDF: truncated (unexpected end of file)") from None
        raise PdfError(f"not a readable PDF: {one_line(cause) or type(cause).__name__}") from None
    return pdf


def one_line(exc: BaseException) -> str:
    return re.sub(r"\s+", " ", str(exc)).strip()[:120]
