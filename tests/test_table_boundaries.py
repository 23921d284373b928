"""Where one table ends and the next begins, in PDFs drawn at test time (the helpers of
test_table_layouts.py): two three-line tables printed one under the other with rules of the same ends
and only a heading (or only a thick bottom rule, a gap and a thick top rule) between them are two
tables; a group title or a total row between a table's own rules is no boundary. Each is read by the
whole pipeline (process_paper) and checked cell by cell."""

from __future__ import annotations

import pytest
from reportlab.pdfbase import pdfmetrics
from test_table_layouts import BODY, BODY_ROWS, FONT, HEIGHT, LEFT, RIGHT, XS, Page, kinds, pdf, tables_of

from extract.paper import process_paper

HEAD = ["地区", "人口", "增长率", "变化"]
GROUPS = [["组别", "均值", "系数", "检验"], ["甲组", "12.5", "0.83", "显著"], ["乙组", "10.1", "0.77", "显著"],
          ["丙组", "8.4", "0.61", "不显著"]]


def heading(page: Page, text: str, size: float, x: float = LEFT, bold: bool = False) -> None:
    """A heading on a line of its own; `bold`: drawn twice a fraction of a point apart (fake bold)."""
    page.y += 4
    page.text(x, text, size)
    if bold:
        page.text(x + 0.3, text, size)
    page.y += size * 1.8


def ruled(page: Page, bands: list[tuple[float, list[list[str]]]], last: float = 1.2, xs: list[float] = XS) -> None:
    """Rules of the same ends, each of the given width over its band of rows, and a last rule."""
    page.y += 4
    for width, rows in bands:
        page.rule(width)
        page.y += 14
        for row in rows:
            page.row(xs, row)
        page.y -= 10
    page.rule(last)
    page.y += 24


def two_tables(between) -> dict:
    """表1 (captioned) and an uncaptioned three-line table under it, `between` drawing what separates them."""
    def draw(page: Page) -> None:
        heading(page, "1 引言", 12)
        page.paragraph(BODY)
        page.centered("表1 各地区主要指标", 9.5)
        ruled(page, [(1.2, [HEAD]), (0.5, BODY_ROWS)])
        page.y -= 10
        between(page)
        ruled(page, [(1.2, GROUPS[:1]), (0.5, GROUPS[1:])])
        page.paragraph(BODY)

    return draw


@pytest.mark.parametrize("title,size,bold", [
    ("2 实验结果", 9.5, False),  # a numbered title, set as the cells are, left of their columns
    ("实验结果", 12.0, False),  # larger than the cells
    ("实验结果", 9.5, True),  # bold beside cells that are not
])
def test_a_heading_between_two_three_line_tables_ends_the_first(tmp_path, title, size, bold):
    """Two three-line tables of the same width, one under the other, with only a heading between the bottom
    rule of the first and the top rule of the second: two tables, each with its own header row, the
    caption with the first; the heading is no row (it stays text: a heading or a paragraph)."""
    rows = process_paper(pdf(tmp_path / "two.pdf", two_tables(lambda page: heading(page, title, size, bold=bold))))
    assert tables_of(rows) == [("表1", "各地区主要指标", 1, [HEAD, *BODY_ROWS], [0]),
                               (None, None, 1, GROUPS, [0])]
    text = [s["title"] for s in rows["sections"]] + [p["text"] for p in rows["paragraphs"]]
    assert any(t.endswith("实验结果") for t in text)
    assert [f["detail"] for f in kinds(rows, "table_doubtful")] == [
        "table 2 (page 1): no caption, found from horizontal rules only, 4 rows x 4 columns"]


def test_a_thick_bottom_rule_a_gap_and_a_thick_top_rule_part_two_tables(tmp_path):
    """Between the first table's thick bottom rule (a thin header rule above it) and the second's thick top
    rule (a thin header rule under it), after a gap, a plain line set as the cells are, at their left edge:
    the rules' weights tell the boundary; two tables, the line no row."""
    def between(page: Page) -> None:
        page.y += 8
        page.text(XS[0], "分组结果", 9.5)
        page.y += 16

    rows = process_paper(pdf(tmp_path / "thick.pdf", two_tables(between)))
    assert tables_of(rows) == [("表1", "各地区主要指标", 1, [HEAD, *BODY_ROWS], [0]),
                               (None, None, 1, GROUPS, [0])]
    assert any("分组结果" in p["text"] for p in rows["paragraphs"])


def test_a_heading_starting_left_of_a_narrow_tables_rules_ends_it(tmp_path):
    """Two narrower tables, centred, every rule of one width, with only a plain heading between them (set
    as the cells are, not numbered) that starts at the text's left edge, left of the rules: a line reaching
    past the rules' ends is no row of theirs; two tables, the heading whole as text (it was cut at the
    rules' end, its right part a row)."""
    x0, x1 = LEFT + 70, RIGHT - 70
    xs = [x0 + 4, x0 + 80, x0 + 160, x0 + 240]

    def table(page: Page, rows: list[list[str]]) -> None:
        page.y += 4
        for band in (rows[:1], rows[1:]):
            page.rule(0.5, x0, x1)
            page.y += 14
            for row in band:
                page.row(xs, row)
            page.y -= 10
        page.rule(0.5, x0, x1)
        page.y += 24

    def draw(page: Page) -> None:
        heading(page, "1 引言", 12)
        page.paragraph(BODY)
        page.centered("表1 各地区主要指标", 9.5)
        table(page, [HEAD, *BODY_ROWS])
        page.y -= 10
        heading(page, "实验结果分析与讨论", 9.5)
        table(page, GROUPS)
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "narrow.pdf", draw))
    assert tables_of(rows) == [("表1", "各地区主要指标", 1, [HEAD, *BODY_ROWS], [0]), (None, None, 1, GROUPS, [0])]
    text = [s["title"] for s in rows["sections"]] + [p["text"] for p in rows["paragraphs"]]
    assert "实验结果分析与讨论" in text


def test_group_titles_between_a_tables_own_rules_are_no_boundary(tmp_path):
    """A table whose groups of rows sit between thin rules of their own, each opened by a group title on a
    line of its own at the key column's edge: numbered titles (`1. 东部地区`) and a bold one. The titles
    are rows of the one table, as before."""
    groups = [("1. 东部地区", [["北京", "2189.3", "21.3", "增长"], ["上海", "2487.1", "19.8", "增长"]], False),
              ("2. 西部地区", [["成都", "2119.2", "10.5", "增长"], ["西安", "1295.3", "7.7", "持平"]], False),
              ("中部地区", [["武汉", "1373.9", "8.2", "增长"], ["郑州", "1282.8", "9.1", "增长"]], True)]

    def draw(page: Page) -> None:
        heading(page, "1 引言", 12)
        page.paragraph(BODY)
        page.centered("表1 各地区主要指标", 9.5)
        page.y += 4
        page.rule(1.2)
        page.y += 14
        page.row(XS, HEAD)
        for title, rows, bold in groups:
            page.y -= 10
            page.rule(0.5)
            page.y += 14
            page.text(XS[0], title, 9.5)
            if bold:
                page.text(XS[0] + 0.3, title, 9.5)
            page.y += 9.5 * 1.7 - 10
            page.rule(0.5)
            page.y += 14
            for row in rows:
                page.row(XS, row)
        page.y -= 10
        page.rule(1.2)
        page.y += 24
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "groups.pdf", draw))
    (label, caption, _, grid, header), = tables_of(rows)
    assert (label, caption, header) == ("表1", "各地区主要指标", [0])
    assert grid == [HEAD, *[row for title, rows, _ in groups for row in [[title, None, None, None], *rows]]]


def test_a_total_row_between_thick_rules_stays_in_its_table(tmp_path):
    """A thick rule over a table's total row (thick top, thin header rule, body, thick rule, 合计, thick bottom
    rule), the next table's thick top rule after a caption: the total row stays the first table's last row."""
    def draw(page: Page) -> None:
        heading(page, "1 引言", 12)
        page.paragraph(BODY)
        page.centered("表1 各地区主要指标", 9.5)
        ruled(page, [(1.2, [HEAD]), (0.5, BODY_ROWS), (1.2, [["合计", "8305.8", "15.5", "增长"]])])
        page.centered("表2 各组检验结果", 9.5)
        ruled(page, [(1.2, GROUPS[:1]), (0.5, GROUPS[1:])])
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "total.pdf", draw))
    assert tables_of(rows) == [
        ("表1", "各地区主要指标", 1, [HEAD, *BODY_ROWS, ["合计", "8305.8", "15.5", "增长"]], [0]),
        ("表2", "各组检验结果", 1, GROUPS, [0])]



# Tables found from aligned columns only, no rules (unruled_tables.py): the header printed above the rows.

BOXES = [LEFT, LEFT + 116, LEFT + 216, LEFT + 326, LEFT + 420]  # the columns' boxes; cells left-aligned in them


def centred_words(page: Page, words: list[tuple[float, str]], size: float = 9.5) -> None:
    """Words centred on the given x's, one printed line."""
    page.c.setFont(FONT, size)
    for x, word in words:
        if word:
            page.c.drawCentredString(x, HEIGHT - page.y, word)
    page.y += size * 1.7


def aligned_table(page: Page, head, rows: list[list[str]], above: str | None = None) -> None:
    """A captioned table without rules: `head` draws its header lines (or nothing), the rows left-aligned in
    their column boxes; `above`: a paragraph printed right above instead of a caption."""
    heading(page, "1 引言", 12)
    page.paragraph(BODY)
    if above is None:
        page.centered("表1 各地区主要指标", 9.5)
    else:
        page.paragraph(above)
        page.y -= 4
    head(page)
    for row in rows:
        page.row([b + 4 for b in BOXES], row)
    page.y += 12
    page.paragraph(BODY)


def middle(k: int) -> float:
    return (BOXES[k] + BOXES[k + 1]) / 2


def test_a_header_centred_over_left_aligned_cells_is_the_header_row(tmp_path):
    """A table of aligned columns without rules whose head words are centred in their column boxes while the
    cells are left-aligned in them: the head line does not share the cells' alignment, yet each of its words
    sits over one column: it is the table's header row (it was a paragraph, the table headless)."""
    def draw(page: Page) -> None:
        aligned_table(page, lambda p: centred_words(p, [(middle(k), w) for k, w in enumerate(HEAD)]),
                      BODY_ROWS[:3])

    rows = process_paper(pdf(tmp_path / "centred_head.pdf", draw))
    assert tables_of(rows) == [("表1", "各地区主要指标", 1, [HEAD, *BODY_ROWS[:3]], [0])]
    assert [p["text"] for p in rows["paragraphs"]] == [BODY, BODY]


def test_a_two_level_header_without_rules_gives_two_header_rows(tmp_path):
    """Over aligned rows without rules, a head centred over two sub-heads (`人口指标` over `人口` and `增长率`)
    beside the names of the other columns, the sub-heads on the line under it: two header rows, the spanning
    head in the first column of its span (it was two paragraphs, the table headless)."""
    def draw(page: Page) -> None:
        def head(p: Page) -> None:
            subs = [(BOXES[1] + 4, "人口"), (BOXES[2] + 4, "增长率")]
            span = (subs[0][0] + subs[1][0] + pdfmetrics.stringWidth("增长率", FONT, 9.5)) / 2
            centred_words(p, [(BOXES[0] + 4 + pdfmetrics.stringWidth("地区", FONT, 9.5) / 2, "地区"),
                              (span, "人口指标"), (BOXES[3] + 4 + pdfmetrics.stringWidth("变化", FONT, 9.5) / 2, "变化")])
            p.row([b + 4 for b in BOXES], ["", "人口", "增长率", ""])
        aligned_table(page, head, BODY_ROWS)

    rows = process_paper(pdf(tmp_path / "two_level_unruled.pdf", draw))
    assert tables_of(rows) == [("表1", "各地区主要指标", 1, [
        ["地区", "人口指标", None, "变化"], [None, "人口", "增长率", None], *BODY_ROWS], [0, 1])]
    names = {c["col_no"]: c["column_name"] for c in rows["table_cells"] if c["row_no"] == 2}
    assert names == {1: "地区", 2: "人口指标 人口", 3: "增长率", 4: "变化"}
    assert [p["text"] for p in rows["paragraphs"]] == [BODY, BODY]


def test_prose_right_above_aligned_rows_stays_prose(tmp_path):
    """Right above aligned rows, at the row pitch: a paragraph's last line (no caption between), or a line of
    two fragments over two of the four columns (a unit at the left, a year at the right): no header, the
    lines stay text; the rows alone are the table."""
    prose = "下面列出四个城市的常住人口与增长率，数据来自统计年鉴，单位为万人和百分比，供后文的回归分析使用，详见附录："

    def unit(page: Page) -> None:
        page.text(BOXES[0] + 4, "单位：万人", 9.5)
        page.text(BOXES[4] - 30, "2020年", 9.5)
        page.y += 9.5 * 1.7

    for name, head, above in (("prose", lambda p: None, prose), ("unit", unit, None)):
        rows = process_paper(pdf(tmp_path / f"{name}_above.pdf",
                                 lambda page, head=head, above=above: aligned_table(page, head, BODY_ROWS, above)))
        assert [t[3] for t in tables_of(rows)] == [BODY_ROWS], name
        text = " ".join(p["text"] for p in rows["paragraphs"])
        assert (prose if above else "单位：万人") in text and (above or "2020年" in text), name


def spanning_over_first_row(page: Page, text: str, size: float = 9.5) -> None:
    """`text` centred over the sub-heads `人口` and `增长率` of the aligned header row drawn under it."""
    subs = [(BOXES[1] + 4, "人口"), (BOXES[2] + 4, "增长率")]
    centred_words(page, [((subs[0][0] + subs[1][0] + pdfmetrics.stringWidth("增长率", FONT, 9.5)) / 2, text)], size)
    page.row([b + 4 for b in BOXES], ["地区", "人口", "增长率", "变化"])


def test_a_head_spanning_the_sub_heads_of_the_first_aligned_row_is_its_upper_level(tmp_path):
    """The header row of an aligned table (its words in the cells' places, so it is the table's first row)
    under a head centred over two of its words (`人口指标` over `人口` and `增长率`): the head is the header's
    upper level, in the first column of its span, and both rows are header rows (the head was a paragraph)."""
    def draw(page: Page) -> None:
        aligned_table(page, lambda p: spanning_over_first_row(p, "人口指标"), BODY_ROWS)

    rows = process_paper(pdf(tmp_path / "span_first.pdf", draw))
    assert tables_of(rows) == [("表1", "各地区主要指标", 1, [
        [None, "人口指标", None, None], ["地区", "人口", "增长率", "变化"], *BODY_ROWS], [0, 1])]
    assert [p["text"] for p in rows["paragraphs"]] == [BODY, BODY]


def test_a_heading_centred_over_an_aligned_header_row_stays_a_heading(tmp_path):
    """A centred heading (larger than the cells; or numbered) right above an aligned table's header row,
    centred over two of its words as a spanning head would be: it stays a heading, the table keeps one
    header row."""
    for name, title, size in (("larger", "主要结果", 12.0), ("numbered", "2 主要结果", 9.5)):
        def draw(page: Page, title=title, size=size) -> None:
            aligned_table(page, lambda pg: spanning_over_first_row(pg, title, size), BODY_ROWS)

        rows = process_paper(pdf(tmp_path / f"{name}.pdf", draw))
        assert tables_of(rows) == [("表1", "各地区主要指标", 1, [["地区", "人口", "增长率", "变化"], *BODY_ROWS], [0])], name
        text = [s["title"] for s in rows["sections"]] + [p["text"] for p in rows["paragraphs"]]
        assert any(t.endswith("主要结果") for t in text), name
