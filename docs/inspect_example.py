"""Regenerate docs/inspect-example.png: `papers inspect` on a page of the sample paper typeset as a PDF.

    .venv/bin/python docs/inspect_example.py          (needs the test extras: reportlab typesets the PDF)

The PDF is built from raw/000_7e9e2be989c70a6d.txt by tests/pdfbuild.py (a running header, page numbers,
headings, paragraphs, a ruled table with its caption), so the picture holds no third-party paper.
"""

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from extract.inspect import draw_page  # noqa: E402
from extract.paper import process_paper  # noqa: E402
from tests.pdfbuild import build_paper_pdf  # noqa: E402

SAMPLE, PAGE = "000_7e9e2be989c70a6d", 2


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / f"{SAMPLE}.pdf"
        build_paper_pdf(pdf, (ROOT / "raw" / f"{SAMPLE}.txt").read_text(encoding="utf-8"))
        picture = draw_page(pdf, PAGE, ROOT / "docs" / "inspect-example.png", process_paper(pdf), scale=1.0)
    print(f"{picture.path.relative_to(ROOT)}: {picture.size[0]}x{picture.size[1]} px, {len(picture.drawn)} boxes")


if __name__ == "__main__":
    main()
