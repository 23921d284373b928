"""Hostile input built at test time: files that hang, flood or exhaust a PDF or text reader.

Each builder writes a small file whose cost to read is out of all proportion to
its size (or a plainly huge one), the way real broken or malicious uploads are.
The PDFs are written object by object with a correct cross-reference table, so a
reader gets past the syntax and into the trap.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas as rl_canvas

from tests.pdfbuild import FONT


def write_pdf(path: Path, objects: list[bytes], root: int = 1) -> None:
    """A PDF of these objects (object i+1 is objects[i]) with a valid xref table and trailer."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    Path(path).write_bytes(bytes(out))


def _page(contents: bytes, extra: bytes = b"") -> bytes:
    return (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents " + contents
            + b" /Resources << /Font << /F1 5 0 R >> >> " + extra + b">>")


FONT_OBJECT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TEXT = b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET"


def reference_loop_pdf(path: Path, turned: bool = True) -> None:
    """The page's content stream length is an object that refers to another that refers back: pdfminer
    resolves it for ever, PDFium reads the page. `turned`: the page is turned (/Rotate 90), a page the reader
    takes from pdfminer whichever engine reads the file, so the file hangs the reader (the time bound's case)."""
    write_pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _page(b"4 0 R", extra=b"/Rotate 90 " if turned else b""),
        b"<< /Length 6 0 R >>\nstream\n" + TEXT + b"\nendstream",
        FONT_OBJECT,
        b"7 0 R",
        b"6 0 R",
    ])


def page_tree_loop_pdf(path: Path) -> None:
    """The page tree lists itself among its own kids."""
    write_pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        _page(b"4 0 R"),
        b"<< /Length %d >>\nstream\n" % len(TEXT) + TEXT + b"\nendstream",
        FONT_OBJECT,
    ])


def decompression_bomb_pdf(path: Path, expanded_mib: int) -> None:
    """A content stream of a few MB that inflates to `expanded_mib` MiB (of spaces: valid content)."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = bytearray(compressor.compress(TEXT + b"\n"))
    for _ in range(expanded_mib):
        data += compressor.compress(chunk)
    data += compressor.flush()
    write_pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _page(b"4 0 R"),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + bytes(data) + b"\nendstream",
        FONT_OBJECT,
    ])


def deeply_nested_pdf(path: Path, depth: int, key: bytes = b"/Rotate") -> None:
    """A page whose entry `key` holds an array nested `depth` levels deep."""
    nested = b"[" * depth + b"1" + b"]" * depth
    write_pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _page(b"4 0 R", extra=key + b" " + nested + b" "),
        b"<< /Length %d >>\nstream\n" % len(TEXT) + TEXT + b"\nendstream",
        FONT_OBJECT,
    ])


def many_pages_pdf(path: Path, pages: int) -> None:
    """A text-layer PDF of `pages` pages, a numbered Chinese sentence on each."""
    canvas = rl_canvas.Canvas(str(path), pagesize=A4)
    for number in range(1, pages + 1):
        canvas.setFont(FONT, 12)
        canvas.drawString(72, 720, f"第{number}页：城市合作与科技创新的研究。")
        canvas.showPage()
    canvas.save()


def large_text(path: Path, sample: Path, mib: int) -> None:
    """A text paper of about `mib` MiB: numbered sections of the sample's long paragraphs."""
    lines = sample.read_text(encoding="utf-8").splitlines()
    paragraphs = "\n\n".join(line for line in lines if len(line) > 80)
    size, number, parts = 0, 0, ["城市合作研究", ""]
    while size < mib * (1 << 20):
        number += 1
        part = f"{number}．第{number}部分\n\n{paragraphs}\n"
        parts.append(part)
        size += len(part.encode("utf-8"))
    Path(path).write_text("\n".join(parts), encoding="utf-8")
