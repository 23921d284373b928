"""The PDF reader's typed page: lines leave it only with the flag that records their removal."""

import pytest

from extract.pdf import PdfSettings
from extract.pdf.chars import Char
from extract.pdf.lines import Line
from extract.pdf.page import Page
from extract.schema.flags import FORMULA_DEBRIS_REMOVED


def line(text: str) -> Line:
    chars = [Char(ch, 10.0 * k, 10.0 * k + 9, 100.0, 110.0, 108.0, 10.0, False) for k, ch in enumerate(text)]
    return Line(chars=chars, page=3, settings=PdfSettings())


def test_remove_lines_takes_the_lines_out_and_returns_their_flags():
    keep, formula = line("正文一行。"), line("x = a + b")
    page = Page(3, True, lines=[keep, formula])
    flag = FORMULA_DEBRIS_REMOVED.change("page 3: a displayed formula", original="x = a + b", page=3)
    assert formula.text == "x = a + b"
    assert page.remove_lines([formula], [flag]) == [flag]
    assert [ln.text for ln in page.lines] == ["正文一行。"]


def test_remove_lines_without_a_flag_raises():
    formula = line("x = a + b")
    page = Page(3, True, lines=[formula])
    other = FORMULA_DEBRIS_REMOVED.change("page 3: another line", original="y = c", page=3)
    with pytest.raises(ValueError, match=r"page 3: lines removed without a flag: \['x = a \+ b'\]"):
        page.remove_lines([formula], [other])
    assert [ln.text for ln in page.lines] == ["x = a + b"]


def test_take_lines_moves_lines_without_a_flag():
    note = line("① 注释。")
    page = Page(3, True, lines=[line("正文。"), note])
    assert page.take_lines([note])[0] is note
    assert [ln.text for ln in page.lines] == ["正文。"]


def glyphs(text: str, x0: float, baseline: float, size: float) -> list[Char]:
    width = size * 0.6
    return [Char(ch, x0 + width * k, x0 + width * (k + 1), baseline - size * 0.8, baseline + size * 0.2, baseline,
                 size, False) for k, ch in enumerate(text)]


def test_a_subscript_between_two_fragments_of_one_baseline_joins_the_one_it_is_printed_against():
    """Two fragments of a formula on exactly one baseline (PDFium's positions, rounded, often are) and a lowered
    subscript within reach of both: the tie on the baseline is broken by the horizontal gap, so `i` goes with
    `(x` right after it, not with the first fragment met (`∑`)."""
    from extract.pdf.lines import group_lines

    sigma = glyphs("σ←∑", 103.0, 200.0, 10.0)  # x 103-121
    paren = glyphs("(x", 137.0, 200.0, 10.0)  # x 137-149: 16 pt after ∑, more than a fragment gap (15)
    sub = glyphs("i", 133.0, 202.0, 7.0)  # lowered 2 pt, 12 pt after ∑, against `(x`: within reach of both
    lines = group_lines(sigma + paren + sub, 1, PdfSettings())
    assert sorted(ln.text for ln in lines) == ["i(x", "σ←∑"]
