"""The PDF reader's C helper (extract.pdf._glyphs, src/extract/pdf/_glyphs.c): built by `make install`, and the
glyph records it gives are the pure-Python reader's, exactly, on every page of the real PDFs and on pages
drawn here."""

import ctypes
import io

import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas as rl_canvas

from extract.pdf import pdfium
from extract.pdf.pdfium import PdfiumPage, glyph_records
from tests.pdfbuild import FONT


def records_both_ways(data: bytes, monkeypatch) -> list[tuple[list | None, list | None]]:
    """Per page, (the C helper's glyph records, the pure-Python reader's), read from one page object (a
    record holds its text object's address)."""
    out = []
    document = pypdfium2.PdfDocument(data)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for index, plumber in enumerate(pdf.pages):
            page = PdfiumPage(document, index, lambda plumber=plumber: plumber)
            read = []
            for native in (True, False):
                monkeypatch.setattr(pdfium, "NATIVE", native)
                page.read_by_pdfminer = False
                read.append(glyph_records(page))
            out.append((read[0], read[1]))
            page.close()
    document.close()
    return out


def test_the_c_helper_is_built():
    from extract.pdf import _glyphs

    assert _glyphs.__file__.endswith(".so") or _glyphs.__file__.endswith(".pyd")
    assert pdfium.NATIVE


def test_the_native_path_reads_nothing_the_python_way(realworld, monkeypatch):
    def fail(*_):
        raise AssertionError("read the pure-Python way")

    for name in ("_columns_python", "_records_python", "_children_python", "_path_facts_python",
                 "_text_facts_python"):
        monkeypatch.setattr(pdfium, name, fail)
    data = (realworld / "pdf" / "pdfplumber_issue-336-example.pdf").read_bytes()  # spaces the text page drops
    document = pypdfium2.PdfDocument(data)
    page = PdfiumPage(document, 0, lambda: None)
    assert glyph_records(page) and page.lines + page.rects + page.curves


def test_real_pdfs_read_the_same_glyphs_natively(realworld, pdf2_corpus, monkeypatch):
    files = sorted((realworld / "pdf").glob("*.pdf")) + sorted(pdf2_corpus.glob("*.pdf"))
    assert len(files) > 20
    pages = ligatures = pairs = 0
    for path in files:
        for native, python in records_both_ways(path.read_bytes(), monkeypatch):
            assert native == python, (path.name, pages)
            pages += 1
            texts = [g[0] for g in native or ()]
            ligatures += sum(t in ("fi", "fl", "ff", "ffi") for t in texts)
            pairs += sum(len(t) == 1 and ord(t) > 0xFFFF for t in texts)
    assert pages > 200
    assert ligatures and pairs  # the glyphs that extend the glyph before them were among them


def page_with_every_rule() -> bytes:
    """Text in a CJK font not embedded (a `・` it reads as U+30FB), Latin text, runs of spaces in text objects of
    their own, a text drawn twice a point apart (fake bold), rotated and slanted text, text in a form, a
    line break inside a text object; a line, a rectangle, a curve and a closed path."""
    out = io.BytesIO()
    c = rl_canvas.Canvas(out, pagesize=A4)
    c.setFont(FONT, 12)
    c.drawString(72, 760, "城市合作与科技创新 理查德\u30fb弗罗里达 (2019)")
    c.setFont("Helvetica", 10)
    c.drawString(72, 740, "Latin text, figure 3:   spaced")
    c.drawString(72, 720, "A ")
    c.drawString(90, 720, "    ")
    c.drawString(130, 720, "B")
    for dx in (0.0, 0.5):  # fake bold
        c.drawString(72 + dx, 700, "Bold heading")
    c.saveState()
    c.translate(300, 600)
    c.rotate(90)
    c.drawString(0, 0, "rotated 旋转")
    c.restoreState()
    c.saveState()
    c.transform(1, 0, 0.3, 1, 72, 560)
    c.drawString(0, 0, "slanted text")
    c.restoreState()
    c.beginForm("equation")
    c.setFont("Helvetica", 9)
    c.drawString(0, 0, "x2 + y2")
    c.endForm()
    c.saveState()
    c.translate(72, 520)
    c.doForm("equation")
    c.restoreState()
    text = c.beginText(72, 480)
    text.setFont("Helvetica", 10)
    text.textLines("first line\nsecond line")
    c.drawText(text)
    c.line(72, 460, 300, 460)  # a rule, a cell, a curve, a closed path of lines
    c.rect(72, 400, 100, 40, stroke=1, fill=0)
    c.bezier(72, 350, 100, 380, 150, 320, 200, 350)
    shape = c.beginPath()
    shape.moveTo(250, 350)
    shape.lineTo(300, 380)
    shape.lineTo(320, 340)
    shape.close()
    c.drawPath(shape, stroke=1, fill=1)
    c.showPage()
    c.save()
    return out.getvalue()


def test_drawn_pages_read_the_same_glyphs_natively(monkeypatch):
    (native, python), = records_both_ways(page_with_every_rule(), monkeypatch)
    assert native is not None and native == python
    texts = "".join(g[0] for g in native)
    assert "城市合作" in texts and "Bold heading" in texts and "x2 + y2" in texts


def walked(page: PdfiumPage) -> tuple:
    page._objects = None
    objects = page._walk()
    facts = pdfium._text_facts(page._c, [obj for _, obj, _ in page._text_objects] + [0])  # 0: no object
    return objects, page._text_objects, page._forms, page._form_of, facts


def pages_walked_both_ways(data: bytes, monkeypatch) -> list[tuple[tuple, tuple]]:
    """Per page, (the C helper's page objects, the pure-Python reader's): paths, pictures, text objects, forms,
    and the text objects' bounds, sizes and fonts."""
    out = []
    document = pypdfium2.PdfDocument(data)
    for index in range(len(document)):
        page = PdfiumPage(document, index, lambda: None)
        read = []
        for native in (True, False):
            monkeypatch.setattr(pdfium, "NATIVE", native)
            read.append(walked(page))
        out.append((read[0], read[1]))
        page.close()
    document.close()
    return out


def test_page_objects_and_paths_read_the_same_natively(realworld, pdf2_corpus, monkeypatch):
    files = sorted((realworld / "pdf").glob("*.pdf")) + sorted(pdf2_corpus.glob("*.pdf"))
    kinds = {"line": 0, "rect": 0, "curve": 0, "image": 0}
    for path in files:
        for native, python in pages_walked_both_ways(path.read_bytes(), monkeypatch):
            assert native == python, path.name
            for kind in kinds:
                kinds[kind] += len(native[0][kind])
    assert all(kinds.values()), kinds
    (native, python), = pages_walked_both_ways(page_with_every_rule(), monkeypatch)
    assert native == python
    objects = native[0]
    assert len(objects["line"]) == 1 and len(objects["rect"]) == 1 and len(objects["curve"]) == 2
    assert objects["rect"][0]["x0"] == 72 and objects["rect"][0]["bottom"] == round(A4[1] - 400, 3)
    assert native[2] == 1 and len(native[3]) == 1  # one form, its one text object
    assert native[4][-1] == ((0.0, 0.0, 0.0, 0.0), 0.0, 0)
    assert {size for _, size, _ in native[4][:-1]} == {12.0, 10.0, 9.0}


def functions() -> tuple[int, ...]:
    return tuple(ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value or 0 for name in pdfium._CHAR_FUNCTIONS)


def test_the_helper_reads_nothing_from_no_text_page_and_refuses_bad_functions():
    from extract.pdf import _glyphs

    empty = _glyphs.chars(0, 100, functions())
    assert empty == ([], [], [], [], [], [], [], [], set(), {}, set(), {})
    assert _glyphs.chars(12345, 0, functions())[0] == []  # no chars: the handle is not used
    with pytest.raises(ValueError):
        _glyphs.chars(12345, 10, functions()[:3])
    with pytest.raises(ValueError):
        _glyphs.chars(12345, 10, (0,) * 11)
    with pytest.raises(TypeError):
        _glyphs.chars(12345, 10, list(functions()))
    assert _glyphs.children(0, False, (1,) * 5) == ([], [])
    assert _glyphs.path(0, (1, 0, 0, 1, 0, 0), (1,) * 8) == ([], 0, 0.0, 0, 0, 0)
    with pytest.raises(ValueError):
        _glyphs.path(12345, (1, 0, 0, 1, 0, 0), (0,) * 8)
    with pytest.raises(ValueError):
        _glyphs.path(12345, (1, 0, 0, 1, 0, 0), (1,) * 5)
    assert _glyphs.records([], [], [], [], [], [], [], {}, 800.0) == ([], [])
    with pytest.raises(ValueError):  # columns of different lengths
        _glyphs.records([0], ["a"], [], [], [], [], [], {}, 800.0)
    with pytest.raises(ValueError):  # a text object it is not told about
        _glyphs.records([0], ["a"], [1], [1.0], [1.0], [2.0], [3.0], {}, 800.0)


def test_the_helpers_rounding_is_pythons():
    """round(x, 3) of a coordinate the helper's way (the remainder of x * 1000 decides at a half) is Python's, on
    decimal halves (binary approximations), exact binary halves (ties to even), random values and bit patterns."""
    import math
    import random
    import struct

    from extract.pdf import _glyphs

    rng = random.Random(7)
    values = [0.0625, -0.0625, 0.0005, -0.0005, 2.675, -0.0004, -0.0, 0.0, 1e12, -1e12, 3e12, 591.94997, 5e-324]
    values += [k / 2000 for k in range(-20000, 20000)] + [k / 16 for k in range(-20000, 20000)]
    values += [rng.uniform(-2000, 2000) for _ in range(100000)]
    values += [round(rng.uniform(-1000, 1000), 4) + 5e-4 for _ in range(100000)]
    values += [v for v in (struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0] for _ in range(100000))
               if not math.isnan(v)]
    for value in values:
        ours, digits = _glyphs.round3(value)
        assert ours == round(value, 3) == digits and math.copysign(1, ours) == math.copysign(1, round(value, 3)), value


def test_the_helper_reads_a_text_page_over_and_over_without_growing():
    import resource

    out = io.BytesIO()
    c = rl_canvas.Canvas(out, pagesize=A4)
    c.setFont(FONT, 12)
    for k in range(40):
        c.drawString(72, 800 - 18 * k, "城市合作与科技创新 Latin text 2019")
    c.showPage()
    c.save()
    document = pypdfium2.PdfDocument(out.getvalue())
    page = document[0]
    text_page = page.get_textpage()
    number = ctypes.cast(text_page.raw, ctypes.c_void_p).value
    count = pdfium_c.FPDFText_CountChars(text_page.raw)
    from extract.pdf import _glyphs

    first = _glyphs.chars(number, count, functions())
    assert first is not None and len(first[0]) > 500
    for _ in range(300):
        _glyphs.chars(number, count, functions())
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(1000):
        assert _glyphs.chars(number, count, functions()) == first
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 2048  # KiB: nothing kept per call
    text_page.close()
    page.close()
    document.close()
