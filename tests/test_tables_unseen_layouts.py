"""Tables (and things that are no tables) as real Chinese PDFs nobody tuned the reader on print them, drawn
at test time (reportlab, CID font STSong-Light) and read by the whole pipeline (process_paper): each case is
a failure met on an unseen thesis or paper, reduced to its layout."""

from __future__ import annotations

from extract.paper import process_paper
from tests.test_table_layouts import BODY, LEFT, RIGHT, Page, pdf, tables_of


def test_a_numbered_equation_array_is_no_table(tmp_path):
    """Subequations set as aligned lines, each with its number at the right margin (`x = a × b   (3-2a)`):
    a displayed formula, its lines in paragraphs, no `tables` row. An unseen LaTeX thesis gave a 3x2 table."""
    lines = [("x = a × b", "(3-2a)"), ("= z + t", "(3-2b)"), ("= y + 2t", "(3-2c)")]

    def draw(page: Page) -> None:
        page.centered("3.3 子公式", 12)
        page.paragraph(BODY)
        for left, number in lines:
            page.text(LEFT + 150, left, 10.5)
            page.text(RIGHT - 40, number, 10.5)
            page.y += 22
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "equations.pdf", draw))
    assert rows["tables"] == [] and rows["table_cells"] == []
    text = " ".join(p["text"] for p in rows["paragraphs"])
    for left, number in lines:
        assert f"{left} {number}" in text


def test_a_table_whose_last_column_holds_numbers_in_brackets_stays_a_table(tmp_path):
    """The equation-array rule needs a formula sign beside every number: a data table ending in bracketed
    counts (`(12)`) is still a table."""
    body = [["北京", "城市", "(12)"], ["上海", "城市", "(15)"], ["广州", "城市", "(9)"], ["深圳", "城市", "(7)"]]
    xs = [LEFT + 40, LEFT + 180, LEFT + 320]

    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表1 样本分布", 9.5)
        page.row(xs, ["地区", "类型", "样本数"])
        for row in body:
            page.row(xs, row)
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "brackets.pdf", draw))
    assert [(t[0], t[3]) for t in tables_of(rows)] == [("表1", [["地区", "类型", "样本数"], *body])]
