"""Opening a PDF (pdf/open.py) and the pages the reader takes: PDFium's count and pages, pdfminer's page
tree walked only as far as a page PDFium leaves to it (`PlumberPages`)."""

import io

import pdfplumber
import pytest

from extract.pdf import PdfError, read_pdf, reader
from extract.pdf import open as pdf_open
from extract.pdf.settings import PdfSettings
from tests import hostile


@pytest.fixture
def walked(monkeypatch):
    """The pages pdfminer's page tree gives (to pdfplumber's `pages` or to the reader's `PlumberPages`)."""
    from pdfminer.pdfpage import PDFPage

    out: list[object] = []
    create = PDFPage.create_pages

    def counting(document):
        for page in create(document):
            out.append(page)
            yield page

    monkeypatch.setattr(PDFPage, "create_pages", staticmethod(counting))
    return out


def test_pdfium_reads_the_pages_without_pdfminers_page_tree(tmp_path, walked):
    path = tmp_path / "five.pdf"
    hostile.many_pages_pdf(path, pages=5)
    result = read_pdf(path, PdfSettings(pdfium=True))
    assert result.n_pages == 5 and walked == []
    assert len(read_pdf(path, PdfSettings(pdfium=False)).blocks) and len(walked) == 5  # pdfminer's engine
    assert "".join(b.text for b in result.blocks) == "".join(f"第{n}页：城市合作与科技创新的研究。" for n in range(1, 6))


def test_plumber_pages_are_pdfplumbers_made_as_far_as_asked(tmp_path):
    path = tmp_path / "five.pdf"
    hostile.many_pages_pdf(path, pages=5)
    data = path.read_bytes()
    whole = pdfplumber.open(io.BytesIO(data)).pages
    pages = pdf_open.PlumberPages(data)
    third = pages[2]
    assert len(pages.made) == 3 and third.page_number == 3
    assert [(c["text"], c["top"], c["doctop"]) for c in third.chars] == [
        (c["text"], c["top"], c["doctop"]) for c in whole[2].chars]
    assert third.chars[0]["doctop"] == pytest.approx(2 * whole[0].height + third.chars[0]["top"])
    assert pages.count() == 5
    with pytest.raises(IndexError):
        pages[5]
    pages.close()


def test_a_page_tree_pdfminer_refuses_is_read_by_pdfium(tmp_path):
    """A /Rotate array 50 000 deep: pdfminer's engine keeps its verdict, PDFium reads the page."""
    path = tmp_path / "nested.pdf"
    hostile.deeply_nested_pdf(path, depth=50_000)
    assert [b.text for b in read_pdf(path, PdfSettings(pdfium=True)).blocks] == ["Hello"]
    with pytest.raises(PdfError, match="^not a readable PDF: maximum recursion depth exceeded"):
        read_pdf(path, PdfSettings(pdfium=False))
    pages = pdf_open.PlumberPages(path.read_bytes())
    for _ in range(2):  # the walk's error, raised again
        with pytest.raises(PdfError, match="^not a readable PDF: maximum recursion depth exceeded"):
            pages[0]


def test_pages_pdfium_leaves_to_a_page_tree_pdfminer_refuses_give_its_verdict(tmp_path, monkeypatch):
    """Every page left to pdfminer (as a turned page is), whose page tree fails: the file's verdict is
    pdfminer's, as when its page tree was read first."""
    path = tmp_path / "nested.pdf"
    hostile.deeply_nested_pdf(path, depth=50_000)
    monkeypatch.setattr(reader.PdfiumDocument, "page", lambda self, index, plumber_page: plumber_page())
    with pytest.raises(PdfError, match="^not a readable PDF: maximum recursion depth exceeded"):
        read_pdf(path, PdfSettings(pdfium=True))


def test_a_content_length_loop_pdfminer_hangs_on_is_read_by_pdfium(tmp_path, walked):
    path = tmp_path / "loop.pdf"
    hostile.reference_loop_pdf(path, turned=False)
    assert [b.text for b in read_pdf(path, PdfSettings(pdfium=True)).blocks] == ["Hello"]
    assert walked == []


def test_a_page_pdfium_counts_but_cannot_load_leaves_the_count_to_pdfminer(tmp_path):
    """The page tree that lists itself: PDFium counts 2 pages and cannot load the second; pdfminer reads the
    tree once (1 page), and that is the file's count, with no page flagged."""
    path = tmp_path / "tree.pdf"
    hostile.page_tree_loop_pdf(path)
    result = read_pdf(path, PdfSettings(pdfium=True))
    assert (result.n_pages, [b.text for b in result.blocks], result.changes) == (1, ["Hello"], [])


def test_a_layout_failure_on_a_file_pdfminer_refuses_gives_its_verdict(tmp_path, monkeypatch):
    """Every page as plain text (a document-wide step failed) needs pdfminer's pages: its verdict, one line."""
    path = tmp_path / "nested.pdf"
    hostile.deeply_nested_pdf(path, depth=50_000)

    def failing(*args):
        raise RuntimeError("layout")

    monkeypatch.setattr(reader, "lay_out", failing)
    with pytest.raises(PdfError, match="^not a readable PDF: maximum recursion depth exceeded"):
        read_pdf(path, PdfSettings(pdfium=True))
    one = tmp_path / "one.pdf"
    hostile.many_pages_pdf(one, pages=2)
    result = read_pdf(one, PdfSettings(pdfium=True))
    assert [b.text for b in result.blocks] == ["第1页：城市合作与科技创新的研究。", "第2页：城市合作与科技创新的研究。"]
    assert [c.kind for c in result.changes] == ["document_read_as_plain_text"]


@pytest.fixture
def opened(monkeypatch):
    """The files pdfminer (pdfplumber) opens."""
    out: list[object] = []
    real = pdfplumber.open

    def counting(stream, *args, **kwargs):
        out.append(stream)
        return real(stream, *args, **kwargs)

    monkeypatch.setattr(pdfplumber, "open", counting)
    return out


def test_pdfium_reads_an_intact_file_without_opening_it_in_pdfminer(tmp_path, opened):
    path = tmp_path / "five.pdf"
    hostile.many_pages_pdf(path, pages=5)
    assert read_pdf(path, PdfSettings(pdfium=True)).n_pages == 5 and opened == []
    assert read_pdf(path, PdfSettings(pdfium=False)).n_pages == 5 and len(opened) == 1


def test_a_file_pdfium_opens_by_rebuilding_its_cross_reference_table_keeps_pdfminers_verdict(tmp_path, opened):
    """Its last 20 bytes cut (`startxref` and `%%EOF`): PDFium rebuilds the table and could read the pages,
    pdfminer refuses the file. pdfminer opens it first, as it opened every file: its verdict stands."""
    path = tmp_path / "paper.pdf"
    hostile.many_pages_pdf(path, pages=2)
    data = path.read_bytes()
    intact, cut = reader.PdfiumDocument(data), reader.PdfiumDocument(data[:-20])
    assert (intact.count(), intact.repaired(), cut.count(), cut.repaired()) == (2, False, 2, True)
    for pdfium in (True, False):
        with pytest.raises(PdfError) as err:
            read_pdf(data[:-20], PdfSettings(pdfium=pdfium))
        assert str(err.value) == "not a readable PDF: No /Root object! - Is this really a PDF?"
    assert len(opened) == 2


def test_pdfminer_opens_the_file_for_the_first_page_that_needs_it_and_its_verdict_stays(tmp_path, monkeypatch,
                                                                                       opened):
    """A page left to pdfminer (as a turned page is) in a file pdfminer cannot open: that page is flagged with
    pdfminer's verdict, the others are read; every page left to it: the verdict is the file's."""
    path = tmp_path / "three.pdf"
    hostile.many_pages_pdf(path, pages=3)
    pdfium_page = reader.PdfiumDocument.page

    def second_to_pdfminer(self, index, plumber_page):
        return plumber_page() if index == 1 else pdfium_page(self, index, plumber_page)

    def refusing(data, pages=True):
        opened.append(data)
        raise PdfError("needs a password")

    monkeypatch.setattr(pdf_open, "open_pdf", refusing)
    monkeypatch.setattr(reader.PdfiumDocument, "page", second_to_pdfminer)
    result = read_pdf(path, PdfSettings(pdfium=True))
    assert [b.text for b in result.blocks] == ["第1页：城市合作与科技创新的研究。", "第3页：城市合作与科技创新的研究。"]
    assert [(c.kind, c.page, c.detail) for c in result.changes] == [
        ("page_unreadable", 2, "page 2 could not be read (PdfError: needs a password); it was skipped")]
    assert len(opened) == 1  # the verdict kept, not asked again
    monkeypatch.setattr(reader.PdfiumDocument, "page", lambda self, index, plumber_page: plumber_page())
    with pytest.raises(PdfError, match="^needs a password$"):
        read_pdf(path, PdfSettings(pdfium=True))


def test_a_layout_failure_on_a_file_pdfminer_cannot_open_gives_its_verdict(tmp_path, monkeypatch):
    """PDFium read the pages without pdfminer opening the file; every page as plain text needs pdfminer: a file
    it cannot open fails with its one-line verdict, not with pdfminer's own exception."""
    from pdfminer.pdfparser import PDFSyntaxError

    path = tmp_path / "two.pdf"
    hostile.many_pages_pdf(path, pages=2)

    def failing(*args):
        raise RuntimeError("layout")

    def refusing(*args, **kwargs):
        raise PDFSyntaxError("No /Root object! - Is this really a PDF?")

    monkeypatch.setattr(reader, "lay_out", failing)
    monkeypatch.setattr(pdfplumber, "open", refusing)
    with pytest.raises(PdfError) as err:
        read_pdf(path, PdfSettings(pdfium=True))
    assert str(err.value) == "not a readable PDF: No /Root object! - Is this really a PDF?"
