"""PDFium under the reader (pdf/pdfium.py): the glyphs, rules and tables it gives are pdfminer's through
pdfplumber, on PDFs drawn here and on real ones."""

import io

import pdfplumber
import pypdfium2
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas as rl_canvas

from extract.pdf import read_pdf
from extract.pdf.pdfium import PdfiumPage
from extract.pdf.settings import PdfSettings
from tests.pdfbuild import FONT, build_paper_pdf

KEYS = ("x0", "x1", "top", "bottom", "size")


def both(data: bytes, index: int = 0):
    """(PDFium's page, pdfplumber's page) of the same bytes."""
    plumber = pdfplumber.open(io.BytesIO(data)).pages[index]
    page = PdfiumPage(pypdfium2.PdfDocument(data), index, lambda: plumber)
    assert page.supported
    return page, plumber


def glyph_view(chars: list[dict]) -> list[tuple]:
    # a font not embedded: PDFium names it by its BaseFont (STSong-Light), pdfminer by its descriptor's
    # FontName (STSongStd-Light); an embedded font has one name
    return [(c["text"], c["fontname"].split("+")[-1].replace("STSongStd-Light", FONT), *(c[k] for k in KEYS))
            for c in chars]


def same_glyphs(ours: list[tuple], theirs: list[tuple]) -> bool:
    """The same text and font, positions and sizes within 0.02 pt (PDFium computes in single precision)."""
    return len(ours) == len(theirs) and all(
        a[:2] == b[:2] and all(abs(x - y) <= 0.02 for x, y in zip(a[2:], b[2:])) for a, b in zip(ours, theirs))


def drawn(draw) -> bytes:
    out = io.BytesIO()
    canvas = rl_canvas.Canvas(out, pagesize=A4)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_glyphs_are_pdfminers_in_text_box_font_and_order():
    def draw(c):
        c.setFont(FONT, 12)
        c.drawString(72, 720, "城市合作与科技创新 (2019) fig. 3")
        c.setFont(FONT, 9)
        c.drawString(72, 700, "Small heading")
        c.setFont(FONT, 6)
        c.drawString(300, 710, "small 12")  # later in the stream, higher on the page: drawing order kept
        c.setFont(FONT, 10)
        c.drawString(72, 680, "第二行")

    page, plumber = both(drawn(draw))
    assert same_glyphs(glyph_view(page.chars), glyph_view(plumber.chars))
    assert "".join(c["text"] for c in page.chars) == "城市合作与科技创新 (2019) fig. 3Small headingsmall 12第二行"


def test_a_text_drawn_twice_on_itself_comes_back_twice():
    """Fake bold: PDFium's text page reads the second drawing once; pdfminer reads both, and the reader's
    dedupe counts the copies (a bold line) from them."""
    def draw(c):
        c.setFont(FONT, 12)
        c.drawString(72, 720, "加粗标题")
        c.drawString(72.3, 720, "加粗标题")
        c.drawString(72, 690, "正文")

    page, plumber = both(drawn(draw))
    assert same_glyphs(sorted(glyph_view(page.chars)), sorted(glyph_view(plumber.chars)))
    assert len(page.chars) == 10


def test_rules_rectangles_and_curves_are_classified_as_pdfminer_does():
    def draw(c):
        c.line(72, 700, 300, 700)  # a rule
        c.rect(72, 600, 200, 50)  # a frame
        c.rect(72, 550, 200, 0.5, fill=1)  # a thick rule drawn as a filled rectangle
        c.bezier(72, 500, 100, 520, 150, 480, 200, 500)
        path = c.beginPath()  # two subpaths in one path: a line and a triangle
        path.moveTo(300, 300)
        path.lineTo(400, 300)
        path.moveTo(300, 200)
        path.lineTo(350, 250)
        path.lineTo(400, 200)
        path.close()
        c.drawPath(path)

    page, plumber = both(drawn(draw))

    def view(objects):
        return sorted((round(o["x0"], 2), round(o["top"], 2), round(o["x1"], 2), round(o["bottom"], 2))
                      for o in objects)

    for kind in ("lines", "rects", "curves"):
        assert view(getattr(page, kind)) == view(getattr(plumber, kind)), kind
    assert (len(page.lines), len(page.rects), len(page.curves)) == (2, 2, 2)


def test_the_table_finder_on_pdfium_rules_finds_pdfplumbers_cells():
    def draw(c):
        c.setFont(FONT, 10)
        xs, ys = (72, 172, 272, 372), (700, 680, 660, 640)
        for x in xs:
            c.line(x, ys[0], x, ys[-1])
        for y in ys:
            c.line(xs[0], y, xs[-1], y)
        for row, y in enumerate(ys[1:]):
            for col, x in enumerate(xs[:-1]):
                c.drawString(x + 4, y + 5, f"格{row}{col}")

    page, plumber = both(drawn(draw))
    ours, theirs = page.find_tables(), plumber.find_tables()
    assert len(ours) == len(theirs) == 1
    assert [[tuple(round(v, 2) for v in cell) for cell in row.cells] for row in ours[0].rows] == \
        [[tuple(round(v, 2) for v in cell) for cell in row.cells] for row in theirs[0].rows]
    assert len(ours[0].rows) == 3


def test_a_paper_reads_the_same_with_either_engine(tmp_path):
    from conftest import RAW, SAMPLE_000

    pdf = tmp_path / "paper.pdf"
    build_paper_pdf(pdf, (RAW / f"{SAMPLE_000}.txt").read_text(encoding="utf-8"), columns=2)
    pdfium = read_pdf(pdf, PdfSettings(pdfium=True))
    pdfminer = read_pdf(pdf, PdfSettings(pdfium=False))
    assert [(b.text, b.page_start, b.kind) for b in pdfium.blocks] == \
        [(b.text, b.page_start, b.kind) for b in pdfminer.blocks]
    # the page numbers' middle dot in a font not embedded: PDFium's text page says U+30FB, the reader U+00B7
    assert pdfium.glyph_text == pdfminer.glyph_text
    assert len(pdfium.blocks) > 50


@pytest.mark.parametrize("name", ["journal_aps_cn", "bithesis_graduation", "pdfplumber_issue-71-duplicate-chars"])
def test_real_pdf_glyph_text_is_pdfminers(realworld, name):
    """Every page's glyph text as pdfminer reads it (ligatures one glyph, fake-bold copies kept), apart from
    the glyphs of a symbol font without a Unicode map, which PDFium maps to private-use characters."""
    data = (realworld / "pdf" / f"{name}.pdf").read_bytes()
    document = pypdfium2.PdfDocument(data)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for index, plumber in enumerate(pdf.pages):
            page = PdfiumPage(document, index, lambda plumber=plumber: plumber)
            ours = [c["text"] for c in page.chars if not "\ue000" <= c["text"] <= "\uf8ff"]
            theirs = [c["text"] for c in plumber.chars]
            if len(ours) != len(theirs):  # a symbol font's pieces: its glyphs only may differ
                assert abs(len(ours) - len(theirs)) <= 3, (name, index)
                continue
            assert ours == theirs, (name, index)


@pytest.mark.parametrize("name", ["pdfplumber_issue-71-duplicate-chars", "pdfplumber_issue-336-example",
                                  "pdfplumber_issue-842-example", "pdfplumber_issue-67-example"])
def test_real_pdf_reads_the_same_with_either_engine(realworld, name):
    """Fake bold drawn as a second text object (71), spaces drawn as text objects of their own (336),
    ruled tables (67, 842): the reader's blocks and flags are pdfminer's."""
    path = realworld / "pdf" / f"{name}.pdf"
    pdfium, pdfminer = read_pdf(path, PdfSettings(pdfium=True)), read_pdf(path, PdfSettings(pdfium=False))
    assert [(b.text, b.page_start, b.kind) for b in pdfium.blocks] == \
        [(b.text, b.page_start, b.kind) for b in pdfminer.blocks]
    assert [(c.kind, c.page, c.original) for c in pdfium.changes] == \
        [(c.kind, c.page, c.original) for c in pdfminer.changes]


def test_fake_bold_whose_later_copy_the_text_page_keeps_is_read_by_pdfium(realworld):
    """pdfplumber_issue-71 page 2: PDFium's text page keeps the second of two fake-bold text objects and
    leaves out the first; the copy is found after it, the page is not handed to pdfminer, the glyphs are
    pdfminer's. Page 1 draws a line glyph by glyph and then again: the copy of a glyph is 30 objects on,
    found too."""
    data = (realworld / "pdf" / "pdfplumber_issue-71-duplicate-chars.pdf").read_bytes()
    for index in (1, 0):
        page, plumber = both(data, index)
        ours = [c["text"] for c in page.chars]
        assert not page.read_by_pdfminer, index
        assert ours == [c["text"] for c in plumber.chars], index


def test_a_lone_glyph_of_a_cjk_font_not_embedded_is_not_taken_for_a_space(tmp_path):
    """A `。` alone in a text object of STSong-Light (not embedded): PDFium has no box for it and its text
    page leaves it out; it is no space, so the page takes pdfminer's glyphs."""
    from tests.test_pdf import build

    path, _ = build(tmp_path, "一、引言\n" + "城市创新研究表明^[2]，网络的密度决定合作的效率。" * 3 + "另见文献^[1,6]。")
    page, plumber = both(path.read_bytes())
    assert [c["text"] for c in page.chars][-8:] == [c["text"] for c in plumber.chars][-8:]
    assert "。" in [c["text"] for c in page.chars][-8:]
    assert page.read_by_pdfminer


def test_a_tex_symbol_glyph_has_its_advance(pdf2_corpus):
    """hlju_thesis: CMSY8's minus (a Type 1 font PDFium cannot map `−` back to a code in) is as wide as its
    advance, not zero wide (`𝐴−1` kept together, not `𝐴− 1`)."""
    data = (pdf2_corpus / "hlju_thesis.pdf").read_bytes()
    page, plumber = both(data, 10)
    ours = [c for c in page.chars if c["text"] == "−" and "CMSY" in c["fontname"]]
    theirs = [c for c in plumber.chars if c["text"] == "−" and "CMSY" in c["fontname"]]
    assert ours and len(ours) == len(theirs)
    assert all(abs((a["x1"] - a["x0"]) - (b["x1"] - b["x0"])) < 0.05 for a, b in zip(ours, theirs))


def test_a_file_pdfium_cannot_open_is_read_by_pdfminer(monkeypatch, tmp_path):
    from extract.pdf import reader

    def broken(self):
        raise RuntimeError("PDFium: cannot open")

    monkeypatch.setattr(reader.PdfiumDocument, "open", broken)
    pdf = tmp_path / "one.pdf"
    pdf.write_bytes(drawn(lambda c: (c.setFont(FONT, 12), c.drawString(72, 720, "城市合作研究"))))
    assert [b.text for b in read_pdf(pdf, PdfSettings(pdfium=True)).blocks] == ["城市合作研究"]


def test_glyphs_of_vertical_text_stay_one_glyph_each(pdf2_corpus):
    """ustc_denoise p. 25 and 34: a figure's axis labels set vertically share an x origin and a box's right
    edge; they are no ligature glyph (one origin): as many rotated glyphs as pdfminer reads, the same text."""
    from extract.pdf.chars import page_chars

    data = (pdf2_corpus / "ustc_denoise.pdf").read_bytes()
    for index in (24, 33):
        page, plumber = both(data, index)
        ours, theirs = page_chars(page), page_chars(plumber)
        assert [c.text for c in ours.rotated] == [c.text for c in theirs.rotated]
        assert len(ours.rotated) > 0


def test_a_lone_space_in_a_latin_font_not_embedded_is_read_by_pdfium(pdf2_corpus):
    """gov_network: spaces drawn as text objects of their own in Times New Roman and Arial, not embedded
    (the standard Latin set: PDFium's own fonts stand in): every page is read by PDFium, and its glyph
    text is pdfminer's."""
    from extract.pdf.chars import page_chars

    data = (pdf2_corpus / "gov_network.pdf").read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        document = pypdfium2.PdfDocument(data)
        for index, plumber in enumerate(pdf.pages):
            page = PdfiumPage(document, index, lambda plumber=plumber: plumber)
            ours = page_chars(page).glyph_text
            assert not page.read_by_pdfminer, index
            assert ours == page_chars(plumber).glyph_text, index


def runs_of_spaces(c) -> None:
    """Runs of spaces as Word sets a formula's number apart: text objects of spaces of their own."""
    def text(x: float, y: float, s: str, word_space: float = 0) -> None:
        t = c.beginText(x, y)
        t.setFont("Helvetica", 10)
        t.setWordSpace(word_space)
        t.textOut(s)
        c.drawText(t)

    text(72, 700, "x = 1")
    text(100, 700, " " * 12)  # the text page keeps the first space of the object only
    text(160, 700, "(2-23)")
    text(72, 680, "y = 2 ")
    text(104.46, 680, " " * 9)  # after a space: the text page leaves the whole object out
    text(160, 680, "(2-24)")
    text(72, 660, "z")
    text(80, 660, " " * 5, word_space=3)  # word spacing PDFium's API does not give


def test_a_run_of_spaces_the_text_page_shortens_is_read_whole_by_pdfium():
    """A text object of spaces: PDFium's text page keeps its first space (or none, after a space); the run
    comes back from the object's bounds, each space where pdfminer puts it, and the page is PDFium's."""
    page, plumber = both(drawn(runs_of_spaces))
    ours = [c for c in page.chars if c["bottom"] < 170]  # the lines at 700 and 680
    theirs = [c for c in plumber.chars if c["bottom"] < 170]
    assert not page.read_by_pdfminer
    assert sum(c["text"] == " " for c in ours) == 2 + 12 + 3 + 9 == sum(c["text"] == " " for c in theirs)
    # x: every glyph where pdfminer has it (a standard font's descent is PDFium's own: y left out)
    assert [(c["text"], round(c["x0"], 2), round(c["x1"], 2)) for c in ours] == \
        [(c["text"], round(c["x0"], 2), round(c["x1"], 2)) for c in theirs]
    assert len({c["bottom"] for c in ours if c["text"] == " " and c["bottom"] < 150}) == 1


def test_a_run_of_spaces_with_word_spacing_keeps_its_ends():
    """Word spacing (Tw) moves each space of a run further: PDFium's API gives no Tw, so the run's spaces
    are one advance apart between pdfminer's first and last space: the ends are pdfminer's, the count is
    what fits (5 spaces 5.78 pt apart, 23.12 pt from first to last, over 2.78-pt advances: 9, not 5)."""
    page, plumber = both(drawn(runs_of_spaces))
    ours = [c for c in page.chars if c["bottom"] > 170 and c["text"] == " "]  # the line at 660
    theirs = [c for c in plumber.chars if c["bottom"] > 170 and c["text"] == " "]
    assert len(theirs) == 5 and len(ours) == 1 + round((theirs[-1]["x0"] - theirs[0]["x0"]) / 2.78) == 9
    for ends in ((ours[0], theirs[0]), (ours[-1], theirs[-1])):
        assert [round(ends[0][k], 2) for k in ("x0", "x1")] == [round(ends[1][k], 2) for k in ("x0", "x1")]


def test_formulas_and_their_numbers_set_apart_by_spaces_read_as_pdfminer_reads_them():
    """`x = 1` and `(2-23)` with twelve spaces between them (and the other two lines), read by PDFium: the
    text pdfminer's glyphs give."""
    data = drawn(runs_of_spaces)
    ours = [b.text for b in read_pdf(data, PdfSettings(pdfium=True)).blocks]
    theirs = [b.text for b in read_pdf(data, PdfSettings(pdfium=False)).blocks]
    assert ours == theirs == ["x = 1 (2-23) y = 2 (2-24) z"]


def inked(chars: list[dict]) -> list[tuple]:
    """The glyphs but spaces, with x (Helvetica is not embedded: its descent, so y, is PDFium's own; a run of
    spaces under a Tc has more spaces by PDFium, see `_run`)."""
    return [(c["text"], round(c["x0"], 2), round(c["x1"], 2)) for c in chars if c["text"] != " "]


def word_equation(own: str = "", spaces: bool = False, start: str = ""):
    """Word's equation picture: a form with kerned subscripts (TJ), drawn right after a run of spaces set
    with 2.91 pt of character spacing (Tc). `own`: what the form draws after, with a Tc of its own (Word's
    `26.8 Tc [(11)] TJ`); `spaces`: a space in the subscripts' text object; `start`: the form's first
    operators."""
    def draw(c):
        c.setFont("Helvetica", 10)
        c.drawString(72, 720, "f t c")
        c.beginForm("eq")
        c._code.append(start + " BT /F1 6 Tf 1 0 0 1 2 1 Tm [(t)-2505(t)-2566(t%s)] TJ ET" % (" t" if spaces else ""))
        if own:
            c._code.append(own)
        c.endForm()
        c._code.append("BT /F1 10 Tf 1 0 0 1 40 600 Tm 2.91 Tc [(     )] TJ ET")
        c.saveState()
        c.transform(1.1667, 0, 0, 0.23681, 72, 600)
        c.doForm("eq")
        c.restoreState()
    return draw


def test_a_form_drawn_under_character_spacing_is_read_by_pdfium_at_pdfminers_places():
    """PDFium applies the Tc in force where a form is drawn inside it (a form inherits the text state),
    pdfminer starts the form at 0 (the subscripts 2.9 pt a gap closer, as the equation is laid out). The
    Tc is read from the page's content: each glyph moves back by the Tc PDFium added, and the page is
    PDFium's, with pdfminer's glyphs."""
    page, plumber = both(drawn(word_equation()))
    ours = inked(page.chars)
    assert not page.read_by_pdfminer
    assert ours == inked(plumber.chars)
    subscripts = [x0 for text, x0, _ in ours if text == "t"][1:]
    # (the advance and kerning: 6 pt x (0.278 + 2.505), x (0.278 + 2.566), times the form's 1.1667; no Tc)
    assert [round(b - a, 2) for a, b in zip(subscripts, subscripts[1:])] == [19.48, 19.91]


def test_a_form_setting_its_own_character_spacing_is_read_by_pdfium_at_pdfminers_places():
    """Word's equation form that sets a Tc of its own after its first text object: that object is drawn
    under the inherited Tc by PDFium only, the later one under the form's own Tc by both."""
    own = "BT /F1 6 Tf 1 0 0 1 2 20 Tm 5 Tc [(11)] TJ ET BT 1 0 0 1 2 30 Tm 0 Tc [(tt)] TJ ET"
    page, plumber = both(drawn(word_equation(own)))
    ours = inked(page.chars)
    assert not page.read_by_pdfminer
    assert ours == inked(plumber.chars)
    ones = [x0 for text, x0, _ in ours if text == "1"]
    assert round(ones[1] - ones[0], 2) == round((6 * 0.556 + 5) * 1.1667, 2)  # the form's own Tc: 9.72


def test_a_form_with_a_horizontal_scaling_of_its_own_under_character_spacing():
    """The inherited Tc is scaled by the form's own horizontal scaling (50 Tz: half of 2.91 pt a glyph)."""
    page, plumber = both(drawn(word_equation(start="50 Tz")))
    assert not page.read_by_pdfminer
    assert inked(page.chars) == inked(plumber.chars)


def test_a_form_under_character_spacing_with_a_space_is_read_by_pdfminer():
    """A space in a text object drawn under an inherited Tc: the text page may leave spaces out, so how many
    Tc PDFium added before a glyph cannot be counted: the page takes pdfminer's glyphs."""
    page, plumber = both(drawn(word_equation(spaces=True)))
    assert [(c["text"], round(c["x0"], 2)) for c in page.chars] == \
        [(c["text"], round(c["x0"], 2)) for c in plumber.chars]
    assert page.read_by_pdfminer


def test_word_equations_drawn_under_character_spacing_are_read_by_pdfium(pdf2_corpus):
    """jcip_lstm pages 3-7: Word's equations are forms drawn under a Tc (2.91, 0.36, -5.28 pt), some setting
    a Tc of their own part way, others under none; each page is PDFium's and its glyphs but the spaces
    are pdfminer's (to 0.03 pt)."""
    data = (pdf2_corpus / "jcip_lstm.pdf").read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        document = pypdfium2.PdfDocument(data)
        for index in range(2, 7):
            plumber = pdf.pages[index]
            page = PdfiumPage(document, index, lambda plumber=plumber: plumber)
            ours, theirs = ([c for c in chars if c["text"] != " "] for chars in (page.chars, plumber.chars))
            assert not page.read_by_pdfminer, index
            assert len(ours) == len(theirs) > 500, index
            for a, b in zip(ours, theirs):
                assert a["text"] == b["text"] and all(abs(a[k] - b[k]) <= 0.03 for k in KEYS), (index, a, b)


def test_a_slanted_or_rotated_glyph_has_pdfminers_box():
    """A synthetic italic (text matrix sheared, as Word slants a Symbol σ) and a label turned 90 degrees: the
    box is pdfminer's, the advance from origin to width and descent to size through the matrix (PDFium's own
    box is the glyph's ink, 0.9 pt off for ustc_denoise's σ)."""
    def draw(c):
        t = c.beginText()
        t.setTextTransform(12, 0, 4, 12, 100, 700)
        t.setFont("Helvetica", 1)
        t.textOut("sigma")
        c.drawText(t)
        t = c.beginText()
        t.setTextTransform(0, 10, -10, 0, 300, 500)
        t.setFont("Helvetica", 1)
        t.textOut("axis")
        c.drawText(t)

    page, plumber = both(drawn(draw))
    ours, theirs = page.chars, plumber.chars
    assert not page.read_by_pdfminer and [c["text"] for c in ours] == list("sigmaaxis") == [c["text"] for c in theirs]
    for a, b in zip(ours, theirs):  # the box's extent and size pdfminer's (PDFium's box: 0.7, 1.7 pt wider)
        assert abs((a["x1"] - a["x0"]) - (b["x1"] - b["x0"])) <= 0.02, a["text"]
        assert abs((a["bottom"] - a["top"]) - (b["bottom"] - b["top"])) <= 0.02, a["text"]
        assert abs(a["size"] - b["size"]) <= 0.02, a["text"]
        # where: within the difference of a standard font's descent (PDFium's own, pdfminer's AFM's)
        assert all(abs(a[k] - b[k]) <= 0.3 for k in ("x0", "top")), a["text"]


def test_a_stroked_lone_space_is_read_by_pdfium():
    """A space alone in a text object drawn in fill-and-stroke mode (Word's bold, zy_proposal p5) after a
    space: the text page leaves it out, and PDFium's bounds of it are the stroke's width square (no glyph
    ink): it is a space, the page PDFium's, its glyphs pdfminer's."""
    def draw(c):
        c.setLineWidth(0.34)
        for x, s, mode in ((72, "粗体 ", 2), (99, " ", 2), (104, "标题", 2)):
            t = c.beginText(x, 700)
            t.setFont(FONT, 12)
            t.setTextRenderMode(mode)
            t.textOut(s)
            c.drawText(t)

    page, plumber = both(drawn(draw))
    ours = [(c["text"], round(c["x0"], 2), round(c["x1"], 2)) for c in page.chars]
    assert not page.read_by_pdfminer
    assert ours == [(c["text"], round(c["x0"], 2), round(c["x1"], 2)) for c in plumber.chars]
    assert [t for t, _, _ in ours] == ["粗", "体", " ", " ", "标", "题"]
