"""pdf/content.py: the text state a page's forms are drawn under, by PDFium's reading (a form inherits it)
and pdfminer's (a form starts afresh), read by a tokenizer of its own: the same as pdfminer's interpreter
reads, on tricky content drawn here and on real Word equations."""

import io

import pdfplumber
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas as rl_canvas

from extract.pdf.content import form_text_states


def pdfminers_reading(page_obj) -> list[list[tuple]]:
    """`form_text_states` by pdfminer's own interpreter (its text operators and fonts left out): the oracle
    the tokenizer of pdf/content.py must agree with (4x slower)."""
    from pdfminer.pdfdevice import PDFDevice
    from pdfminer.pdfinterp import LITERAL_FORM, PDFPageInterpreter, PDFResourceManager, PDFTextState
    from pdfminer.pdftypes import dict_value, list_value, stream_value
    from pdfminer.psparser import literal_name
    from pdfminer.utils import MATRIX_IDENTITY

    out: list[list[tuple]] = []

    class Shows(PDFPageInterpreter):
        shows: list | None = None  # the text state of each operator showing text (None: the page's own)
        inherit: PDFTextState | None = None  # the state a form starts in (PDFium's reading)
        pdfium = False

        def init_resources(self, resources) -> None:
            super().init_resources({k: v for k, v in dict_value(resources).items() if k != "Font"}
                                   if resources else resources)

        def init_state(self, ctm) -> None:
            super().init_state(ctm)
            if self.inherit is not None:
                self.textstate = self.inherit.copy()

        def do_Tf(self, fontid, fontsize) -> None:
            pass

        def show(self) -> None:
            if self.shows is not None:
                t = self.textstate
                self.shows.append((t.charspace, t.wordspace, t.scaling, t.leading, t.rise))

        def do_Tj(self, s) -> None:
            if isinstance(s, bytes) and s:
                self.show()

        def do_TJ(self, seq) -> None:
            if any(isinstance(x, bytes) and x for x in list_value(seq)):
                self.show()

        def run(self, xobj, shows: list, pdfium: bool) -> None:
            child = self.subinterp()
            assert isinstance(child, Shows)
            child.shows, child.pdfium = shows, pdfium
            child.inherit = self.textstate if pdfium else None
            resources = xobj.get("Resources")
            child.render_contents(dict_value(resources) if resources else self.resources.copy(), [xobj],
                                  ctm=MATRIX_IDENTITY)

        def do_Do(self, xobjid_arg) -> None:
            try:
                xobj = stream_value(self.xobjmap[literal_name(xobjid_arg)])
            except KeyError:
                return
            if xobj.get("Subtype") is not LITERAL_FORM or "BBox" not in xobj:
                return
            if self.shows is not None:  # a form in a form: read as the form is
                self.run(xobj, self.shows, self.pdfium)
                return
            theirs: list[tuple] = []
            ours: list[tuple] = []
            self.run(xobj, theirs, False)
            self.run(xobj, ours, True)
            out.append(list(zip(ours, theirs)))

    if page_obj.contents:
        manager = PDFResourceManager()
        Shows(manager, PDFDevice(manager)).render_contents(page_obj.resources, page_obj.contents,
                                                          ctm=MATRIX_IDENTITY)
    return out


def drawn(draw) -> bytes:
    out = io.BytesIO()
    canvas = rl_canvas.Canvas(out, pagesize=A4)
    canvas.setFont("Helvetica", 10)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def both_readings(data: bytes) -> tuple[list, list]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0].page_obj
        return form_text_states(page), pdfminers_reading(page)


def test_tokens_in_strings_and_inline_images_are_no_operators():
    """`Tc`, `Q` and parentheses inside strings (escaped and nested), a hex string, an inline image's data and
    a comment change nothing; q/Q restore the spacing; a TJ of numbers only shows nothing."""
    def draw(c):
        c.beginForm("f")
        c._code.append("BT /F1 6 Tf [(a)-200(b)] TJ [-300] TJ (c) Tj ET")
        c.endForm()
        c._code.append("BT /F1 10 Tf 1 0 0 1 40 600 Tm 2 Tc (x \\) 9 Tc ( \\( Q) Tj (a(9 Tc)b) Tj <20 54 63> Tj ET")
        c._code.append("q 7 Tc % 8 Tc in a comment\n BI /W 2 /H 1 /BPC 8 /CS /G ID Q) EI Q")
        c.doForm("f")
        c._code.append("q 3 Tc")
        c.doForm("f")
        c._code.append("Q")
    ours, theirs = both_readings(drawn(draw))
    fresh = (0.0, 0.0, 100.0, -14.4, 0.0)  # (the leading reportlab's form sets itself)
    assert ours == theirs == [[((2.0, 0.0, 100.0, -14.4, 0.0), fresh)] * 2, [((3.0, 0.0, 100.0, -14.4, 0.0), fresh)] * 2]


def test_a_form_setting_its_own_state():
    """A form's own Tc (and the `"` operator's Tw and Tc) is the same for both readings from where it is set;
    the scaling (Tz) inherited is told; the leading the form sets (reportlab's `14.4 TL`) is no difference."""
    def draw(c):
        c.beginForm("f")
        c._code.append("BT /F1 6 Tf (a) Tj 1 Tc (b) Tj 4 5 (c) \" ET")
        c.endForm()
        c._code.append("BT /F1 10 Tf 2.5 Tc 1.5 Tw 90 Tz 12 TL ET")
        c.doForm("f")
    ours, theirs = both_readings(drawn(draw))
    assert ours == theirs == [[((2.5, 1.5, 90.0, -14.4, 0.0), (0.0, 0.0, 100.0, -14.4, 0.0)),
                               ((1.0, 1.5, 90.0, -14.4, 0.0), (1.0, 0.0, 100.0, -14.4, 0.0)),
                               ((5.0, 4.0, 90.0, -14.4, 0.0), (5.0, 4.0, 100.0, -14.4, 0.0))]]


def test_real_word_equations_read_as_pdfminer_reads_them(pdf2_corpus):
    """jcip_lstm: every page's forms (Word equations, many under a Tc, some setting their own), the same
    as pdfminer's interpreter reads them."""
    with pdfplumber.open(pdf2_corpus / "jcip_lstm.pdf") as pdf:
        inherited = 0
        for page in pdf.pages:
            ours = form_text_states(page.page_obj)
            assert ours == pdfminers_reading(page.page_obj), page.page_number
            inherited += sum(1 for form in ours for pdfium, pdfminer in form if pdfium[0] != pdfminer[0])
    assert inherited == 18
