"""Tables printed with row groups and captions on either side, in PDFs drawn at test time: a caption
under its table in a paper that also prints captions above theirs (and has a caption with no body
found), a three-line table whose last rules span some of its columns only (`\\cmidrule`, a merged
key cell centred on its rows)."""

from __future__ import annotations

from test_table_layouts import BODY, BODY_ROWS, HEIGHT, XS, Page, pdf, tables_of, three_line

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
    Each file is a row, the key in the first of them (carried down); the last row's full stop, set past the
    rules' end, stays in its cell."""
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
        ["文档类", "bithesis.cls", "封装本科生与研究生的毕业论文样式。"],
        ["文档类", "bitreport.cls", "封装了本科生开题报告与实验报告样式。"],
        ["文档类", "bitbeamer.cls", "对应 ctexbeamer.cls，提供了北理工的 Beamer 模板样式。"]], [0])]
    assert [c["filled_down"] for c in rows["table_cells"] if c["col_no"] == 1] == [False, False, True, True]
    assert [p["text"][:20] for p in rows["paragraphs"]] == [BODY[:20], BODY[:20]]  # nothing of the table left


# A journal's three-line table with a rule between its row groups (Word, vertically centred cells): in each
# band a merged key centred on the band, items one a line, references wrapped (`[3, 4, 24, 25,` / `26]`)
# and a merged drawback cell wrapped over the band, each centred on its rows: lines between the rows' lines.
GX = [108.0, 170.0, 240.0, 300.0]
GROUPS = [  # (baseline offset in the band, column, text)
    [(0, 1, "临时地址映射"), (0, 2, "[3]"), (0, 3, "上下文切换开"),
     (15, 0, "减少内核路径"), (15, 1, "快速路径"), (15, 2, "[3, 4, 24, 25,"), (15, 3, "销已经成为性"),
     (27, 1, "消息寄存器"), (27, 2, "26]"), (27, 3, "能瓶颈。")],
    [(0, 3, "仅适用于虚拟"), (7, 1, "虚拟化指令"), (7, 2, "[11]"), (14, 3, "化环境。"), (21, 0, "硬件优化"),
     (28, 3, "没有通用硬件"), (35, 2, "[12]"), (40, 1, "直接硬件辅助"), (40, 3, "的支持。")],
]


MIDDLE = [(0, 1, "消息寄存器"), (6, 2, "[3, 4, 24, 25,"), (11.3, 3, "无法从根本上"), (15.3, 2, "26]"),
          (15.3, 1, "组合系统调用"), (25.4, 3, "消除切换开销。"), (25.4, 0, "减少上下文切"), (33.1, 2, "[4]"),
          (33.1, 1, "ASID 机制"), (42.9, 0, "换开销"), (42.9, 2, "[13, 14, 15, 16,"), (50.6, 1, "同一地址空间"),
          (50.6, 3, "与微内核设计"), (55.2, 2, "17, 18]"), (65.3, 3, "理念相悖。"), (65.3, 2, "[12]"),
          (65.3, 1, "批量系统调用")]


def group_table(groups: list) -> object:
    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表2 相关工作", 9.5)
        y = page.y
        page.c.setLineWidth(1.0)
        page.c.line(100, HEIGHT - y, 400, HEIGHT - y)
        for x, head in zip(GX, ["优化方法", "详细分类", "实例", "缺点"]):
            page.text(x, head, 7.5, y=y + 11)
        y += 16
        page.c.setLineWidth(0.5)
        page.c.line(100, HEIGHT - y, 400, HEIGHT - y)
        for k, group in enumerate(groups):
            y += 11
            for offset, col, text in group:
                page.text(GX[col], text, 7.5, y=y + offset)
            y += max(o for o, _, _ in group) + 7
            page.c.setLineWidth(1.0 if k == len(groups) - 1 else 0.5)
            page.c.line(100, HEIGHT - y, 400, HEIGHT - y)
        page.y = y + 24
        page.paragraph(BODY)
    return draw


def test_rows_of_a_table_with_rules_between_row_groups_and_centred_cells(tmp_path):
    """Each item is a row, its reference and drawback the cells centred beside it, a wrapped cell one cell,
    the merged key in its band's first row (carried down): not a row per printed line."""
    rows = process_paper(pdf(tmp_path / "groups.pdf", group_table(GROUPS)))
    assert tables_of(rows) == [("表2", "相关工作", 1, [
        ["优化方法", "详细分类", "实例", "缺点"],
        ["减少内核路径", "临时地址映射", "[3]", "上下文切换开销已经成为性能瓶颈。"],
        ["减少内核路径", "快速路径", "[3, 4, 24, 25, 26]", None],
        ["减少内核路径", "消息寄存器", None, None],
        ["硬件优化", "虚拟化指令", "[11]", "仅适用于虚拟化环境。"],
        ["硬件优化", "直接硬件辅助", "[12]", "没有通用硬件的支持。"]], [0])]


def test_a_cell_centred_over_several_rows_of_its_band_is_read_in_the_first(tmp_path):
    """A drawback centred over three items (its lines between theirs) belongs to the first of them, the rows
    nearer its middle than the next drawback's (a merged cell: Word keeps its text in the top row), not to the
    middle one; a reference wrapped beside two items goes to the first too."""
    rows = process_paper(pdf(tmp_path / "centred.pdf", group_table([GROUPS[0], MIDDLE])))
    assert tables_of(rows)[0][3][4:] == [
        ["减少上下文切换开销", "消息寄存器", "[3, 4, 24, 25, 26]", "无法从根本上消除切换开销。"],
        ["减少上下文切换开销", "组合系统调用", None, None],
        ["减少上下文切换开销", "ASID 机制", "[4]", None],
        ["减少上下文切换开销", "同一地址空间", "[13, 14, 15, 16, 17, 18]", "与微内核设计理念相悖。"],
        ["减少上下文切换开销", "批量系统调用", "[12]", None]]


ZEBRA = [["cm", "Computer Modern", "newcm", "New Modern Math"], ["asana", "Asana Math", "stix", "STIX Math"],
         ["concrete", "Concrete Math", "stix2", "STIX Two Math"], ["euler", "Euler Math", "xits", "XITS Math"],
         ["lm", "Latin Modern Math", "", ""]]


def test_a_zebra_table_in_two_halves_is_read_by_its_rules_not_its_stripes(tmp_path):
    """A three-line table printed in two halves (a vertical rule between them), its rows shaded in turn
    (grey backgrounds, no stroke) staggered between the halves, its caption under it: the stripes are no
    borders (they made a grid of half rows, the header and last row left out, the caption no body's)."""
    xs = [110.0, 190.0, 300.0, 370.0]

    def draw(page: Page) -> None:
        page.paragraph(BODY)
        y = page.y
        page.c.setLineWidth(1.0)
        page.c.line(100, HEIGHT - y, 490, HEIGHT - y)
        for x, head in zip(xs, ["选项名称", "字体名称", "选项名称", "字体名称"]):
            page.text(x, head, 9.5, y=y + 13)
        y += 18
        page.c.setLineWidth(0.5)
        page.c.line(100, HEIGHT - y, 490, HEIGHT - y)
        y += 2
        for k, row in enumerate(ZEBRA):
            page.c.setFillGray(0.937)
            left = k % 2 == 0
            page.c.rect(100 if left else 295, HEIGHT - y - 16, 195, 16, stroke=0, fill=1)
            page.c.setFillGray(0)
            for x, cell in zip(xs, row):
                if cell:
                    page.text(x, cell, 9.5, y=y + 12)
            y += 16
        page.c.setLineWidth(0.4)
        page.c.line(295, HEIGHT - page.y, 295, HEIGHT - y)
        y += 2
        page.c.setLineWidth(1.0)
        page.c.line(100, HEIGHT - y, 490, HEIGHT - y)
        page.y = y + 18
        page.centered("表5-2 数学字体配置选项", 9.5)
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "zebra.pdf", draw))
    assert tables_of(rows) == [("表5-2", "数学字体配置选项", 1, [
        ["选项名称", "字体名称", "选项名称", "字体名称"], *ZEBRA[:-1], ["lm", "Latin Modern Math", None, None]], [0])]
    assert sum(BODY[:20] in p["text"] for p in rows["paragraphs"]) == 2


PACKAGES = [["amsbsy", "amsfonts", "amsgen", "amsmath", "amsopn"], ["amssymb", "amstext", "appendix", "array", "atbegshi"],
            ["bitset", "bm", "booktabs", "calc", "caption"], ["xtemplate", "zhnumber", "", "", ""]]


def test_a_head_centred_over_all_columns_of_a_three_line_table_is_its_header_row(tmp_path):
    """The header band holds one line centred over five columns (`模板中已经加载的宏包`): the header row, its
    text in the first cell; not a paragraph with the first body row taken for the header."""
    xs = [90.0, 180.0, 270.0, 360.0, 450.0]

    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表2 宏包罗列", 9.5)
        page.y += 4
        page.rule(1.2)
        page.y += 14
        page.centered("模板中已经加载的宏包", 9.5)
        page.y -= 12
        page.rule(0.5)
        page.y += 14
        for row in PACKAGES:
            page.row(xs, row)
        page.y -= 10
        page.rule(1.2)
        page.y += 24
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "spanning.pdf", draw))
    assert tables_of(rows) == [("表2", "宏包罗列", 1, [
        ["模板中已经加载的宏包", None, None, None, None], *PACKAGES[:-1], ["xtemplate", "zhnumber", None, None, None]],
        [0])]
    assert sum(BODY[:20] in p["text"] for p in rows["paragraphs"]) == 2
    assert not any("加载的宏包" in p["text"] for p in rows["paragraphs"])
