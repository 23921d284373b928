"""Where one table ends and the next begins, in PDFs drawn at test time (the helpers of
test_table_layouts.py): two three-line tables printed one under the other with rules of the same ends
and only a heading (or only a thick bottom rule, a gap and a thick top rule) between them are two
tables; a group title or a total row between a table's own rules is no boundary. Each is read by the
whole pipeline (process_paper) and checked cell by cell."""

from __future__ import annotations

import pytest
from test_table_layouts import BODY, BODY_ROWS, LEFT, XS, Page, kinds, pdf, tables_of

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

