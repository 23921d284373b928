"""Opening a PDF file; every reason it cannot be read becomes a one-line `PdfError`."""

from __future__ import annotations

import re


class PdfError(ValueError):
    """The PDF cannot be read; the message is one line naming the reason."""


def open_pdf(data: bytes):
    """The PDF parsed from its bytes (the same bytes the paper's sha256 is of)."""
    import io

    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.psexceptions import PSEOF

    if b"%PDF-" not in data[:1024]:
        raise PdfError("not a readable PDF: no %PDF header")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
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
