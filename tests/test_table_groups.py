"""Tables printed with row groups and captions on either side, in PDFs drawn at test time: a caption
under its table in a paper that also prints captions above theirs (and has a caption with no body
found), a three-line table whose last rules span some of its columns only (`\\cmidrule`, a merged
key cell centred on its rows)."""

from __future__ import annotations

from test_table_layouts import BODY, BODY_ROWS, XS, Page, pdf, tables_of, three_line

from extract.paper import process_paper


def test_a_caption_under_its_table_is_its_own_not_a_bodiless_caption_pages_before(tmp_path):
    """表1 is printed with no table under it (a body the reader did not find); 表2 is printed under
    its table, 表3 over its table: the table on page 2 takes 表2, right against it, never 表1 a page and
    a paragraph away, which stays bodiless."""
    def first(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表1 未能读出的表", 9.5)
        page.paragraph(BODY)

    def second(page: Page) -> None:
        page.paragraph(BODY)
        three_line(page, XS, [["地区", "人口", "增长率", "变化"]], BODY_ROWS)
        page.y += 18
        page.centered("表2 各地区主要指标", 9.5)
        page.paragraph(BODY)

    def third(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表3 各地区的比较", 9.5)
        three_line(page, XS, [["地区", "人口", "增长率", "变化"]], BODY_ROWS)
        page.y += 18
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "sides.pdf", first, second, third))
    grid = [["地区", "人口", "增长率", "变化"], *BODY_ROWS]
    assert tables_of(rows) == [("表1", "未能读出的表", 1, [], []), ("表2", "各地区主要指标", 2, grid, [0]),
                               ("表3", "各地区的比较", 3, grid, [0])]


CM_XS = [80.0, 160.0, 260.0]


def test_a_three_line_table_whose_last_rules_span_some_columns_is_found(tmp_path):
    """A booktabs table: a full top rule and header rule, then `\\cmidrule{2-3}` under a group of two rows
    whose key (`文档类`) is centred beside them, one more row and a bottom rule under columns 2-3 only.
    Every band between rules is one row (its lines the cells' lines)."""
    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表2-1 模板文件", 9.5)
        page.y += 4
        page.rule(1.2, CM_XS[0] - 6, 480)
        page.y += 14
        page.row(CM_XS, ["类别", "文件", "说明"])
        page.y -= 10
        page.rule(0.5, CM_XS[0] - 6, 480)
        page.y += 14
        page.row(CM_XS, ["", "bithesis.cls", "封装本科生与研究生的毕业论文样式。"])
        page.text(CM_XS[0], "文档类", 9.5, y=page.y - 9.5 * 1.7 / 2)
        page.row(CM_XS, ["", "bitreport.cls", "封装了本科生开题报告与实验报告样式。"])
        page.y -= 10
        page.rule(0.5, CM_XS[1] - 6, 480)
        page.y += 14
        page.row(CM_XS, ["", "bitbeamer.cls", "对应 ctexbeamer.cls，提供了北理工的 Beamer 模板样式。"])
        page.y -= 10
        page.rule(1.2, CM_XS[1] - 6, 480)
        page.y += 24
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "cmidrule.pdf", draw))
    assert tables_of(rows) == [("表2-1", "模板文件", 1, [
        ["类别", "文件", "说明"],
        ["文档类", "bithesis.cls bitreport.cls", "封装本科生与研究生的毕业论文样式。封装了本科生开题报告与实验报告样式。"],
        ["文档类", "bitbeamer.cls", "对应 ctexbeamer.cls，提供了北理工的 Beamer 模板样式"]], [0])]
    assert sum(BODY[:20] in p["text"] for p in rows["paragraphs"]) == 2
