"""Tables as Word draws them (issue 20): shaded cells instead of rules, a caption in a white text box
against the table, listings and formulas drawn over white boxes. Each PDF is built here with
reportlab; each case was a real failure on a development PDF (tests/test_tables_real.py)."""

from __future__ import annotations

from extract.paper import process_paper
from tests.test_table_layouts import BODY, FONT, HEIGHT, LEFT, RIGHT, Page, pdf, tables_of

PINK, RED, WHITE = (1.0, 0.937, 0.937), (0.51, 0.078, 0.122), (1.0, 1.0, 1.0)


def box(page: Page, x0: float, top: float, x1: float, bottom: float, fill: tuple) -> None:
    """A filled, unstroked rectangle, top-down coordinates (as Word paints a cell's shading)."""
    page.c.setFillColorRGB(*fill)
    page.c.rect(x0, HEIGHT - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
    page.c.setFillColorRGB(0, 0, 0)


def test_banded_table_keeps_its_unshaded_rows(tmp_path):
    """A table in a Word banded style: a red rule on top, the header unshaded under it, rows tinted
    in turn with white between the columns, one row left unshaded: one table of every row, its
    header the first (it was two headerless fragments taken for a diagram's boxes)."""
    body = [["习近平", "253852779.60"], ["李克强", "66727447.19"], ["王毅", "10142901.86"],
            ["徐昱", "7694372.43"], ["牟宇", "6015568.02"]]
    shades = [RED, PINK, None, PINK, WHITE]

    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表 3.1 部分人物中介中心性分值", 9)
        x0, mid, x1 = LEFT + 60, LEFT + 160, RIGHT - 60
        top = page.y
        box(page, x0, top, x1, top + 0.5, (0.753, 0, 0))  # the top rule
        box(page, mid, top + 0.5, mid + 1.5, top + 26, WHITE)  # white between the columns
        page.text(x0 + 20, "人物", 8, y=top + 16)
        page.text(mid + 30, "中介中心性 (Betweenness Centrality)", 8, y=top + 16)
        y = top + 26
        for cells, shade in zip(body, shades):
            if shade is not None:
                box(page, x0, y, mid, y + 17, shade)
                box(page, mid + 1.5, y, x1, y + 17, shade)
            box(page, mid, y, mid + 1.5, y + 17, WHITE)
            page.text(x0 + 20, cells[0], 8, y=y + 12)
            page.text(mid + 60, cells[1], 8, y=y + 12)
            y += 17
        page.y = y + 30
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "banded.pdf", draw))
    assert [t[:2] for t in tables_of(rows)] == [("表3.1", "部分人物中介中心性分值")]
    assert tables_of(rows)[0][3] == [["人物", "中介中心性 (Betweenness Centrality)"], *body]
    assert tables_of(rows)[0][4] == [0]
    assert not any(f["kind"] == "figure_text_removed" for f in rows["quality_flags"])


def ruled_grid(page: Page, xs: list[float], grid: list[list[str]], pitch: float = 17.0, size: float = 9.0,
               font: str = FONT) -> None:
    """A fully ruled grid from page.y down, one printed line per row; page.y ends at its bottom rule."""
    c, top = page.c, page.y
    c.setLineWidth(0.5)
    for r in range(len(grid) + 1):
        c.line(xs[0], HEIGHT - top - pitch * r, xs[-1], HEIGHT - top - pitch * r)
    for x in xs:
        c.line(x, HEIGHT - top, x, HEIGHT - top - pitch * len(grid))
    for r, cells in enumerate(grid):
        for x, cell in zip(xs, cells):
            c.setFont(font, size)
            c.drawString(x + 3, HEIGHT - (top + pitch * r + 12), cell)
    page.y = top + pitch * len(grid)


GRID = [["PSNR/dB", "CNN", "BM3D"], ["01.png", "31.2471955", "31.38458131"], ["02.png", "33.28404097", "34.36705262"],
        ["03.png", "31.73267806", "32.11005128"]]


def test_caption_in_a_text_box_under_the_grid_is_its_caption(tmp_path):
    """Word prints the caption under the table in a white text box whose top edge is the table's bottom
    rule and whose left edge stands on a column rule: the caption is not a last row of the grid but the
    table's caption."""
    def draw(page: Page) -> None:
        page.paragraph(BODY)
        xs = [LEFT + 60, LEFT + 140, LEFT + 230, LEFT + 320]
        ruled_grid(page, xs, GRID)
        box(page, xs[1], page.y, xs[2] + 40, page.y + 22, WHITE)
        page.text(xs[1] + 4, "表 4.1 去噪最终峰值信噪比对比", 9, y=page.y + 14)
        page.y += 50
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "textbox.pdf", draw))
    assert [(t[0], t[1], t[3]) for t in tables_of(rows)] == [("表4.1", "去噪最终峰值信噪比对比", GRID)]


def test_a_row_of_labels_and_titles_is_no_caption(tmp_path):
    """A table listing figures: its last row `图5 | 结果示意` reads like a caption but fills two cells: a row."""
    grid = [["编号", "内容"], ["图4", "系统结构"], ["图5", "结果示意"]]

    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表 1 插图清单", 9)
        ruled_grid(page, [LEFT + 60, LEFT + 160, LEFT + 320], grid)
        page.y += 30
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "list.pdf", draw))
    assert [(t[0], t[3]) for t in tables_of(rows)] == [("表1", grid)]


def test_caption_under_a_narrow_table_at_the_page_foot_is_no_footnote(tmp_path):
    """A narrow ruled table low on the page, its smaller caption under it: the table's bottom rule is no
    footnote rule, and the caption is the table's (it was a footnote, the table had none)."""
    def draw(page: Page) -> None:
        for _ in range(9):
            page.paragraph(BODY)
        xs = [LEFT + 100, LEFT + 160, LEFT + 230, LEFT + 300]  # 200 pt: a footnote rule's length
        ruled_grid(page, xs, GRID)
        page.y += 20
        page.text(LEFT + 150, "表 4.2 去噪算法运行时间对比", 9)

    rows = process_paper(pdf(tmp_path / "foot.pdf", draw))
    assert [(t[0], t[1], t[3]) for t in tables_of(rows)] == [("表4.2", "去噪算法运行时间对比", GRID)]
    assert rows["footnotes"] == []


def test_table_caption_between_the_table_and_a_chart_stays(tmp_path):
    """A table, its caption under it, a line chart just under the caption: the caption, set small like a
    chart's labels, is not the chart's text; the table keeps it."""
    def draw(page: Page) -> None:
        page.paragraph(BODY)
        xs = [LEFT + 60, LEFT + 140, LEFT + 230, LEFT + 320]
        ruled_grid(page, xs, GRID)
        page.y += 14
        page.text(LEFT + 120, "表 4.3 不同噪声水平下去噪效果", 7.5)
        top = page.y + 8
        c = page.c
        for k in range(6):  # the chart: grid lines and three curves
            c.line(LEFT + 40, HEIGHT - top - 15 * k, LEFT + 340, HEIGHT - top - 15 * k)
        for k in range(3):
            p = c.beginPath()
            p.moveTo(LEFT + 60, HEIGHT - top - 10 - 20 * k)
            p.curveTo(LEFT + 120, HEIGHT - top - 40, LEFT + 200, HEIGHT - top - 5 * k, LEFT + 320, HEIGHT - top - 70)
            c.drawPath(p, stroke=1, fill=0)
        page.text(LEFT + 150, "图 4.6 不同噪声水平下去噪效果", 7.5, y=top + 95)
        page.y = top + 120
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "chart.pdf", draw))
    assert [(t[0], t[1], t[3]) for t in tables_of(rows)] == [("表4.3", "不同噪声水平下去噪效果", GRID)]
    assert [f["label"] for f in rows["figures"]] == ["图4.6"]


CODE = ["x_image = tf.reshape(x, [-1, 256, 256, 1])", "W_conv1 = weight_variable([5, 5, 1, 24])  # first layer",
        "b_conv1 = bias_variable([24])", "h_conv1 = tf.nn.relu(conv2d(x_image, W_conv1) + b_conv1)",
        "y = tf.reshape(h_conv1, [-1, 65536])"]


def test_code_listing_over_white_line_boxes_is_no_table(tmp_path):
    """A listing in a monospace font, each line over a white box of the text's width (Word's paragraph
    shading), one highlighted call: program text, not a table; its lines stay text."""
    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.text(LEFT, "【1】 附代码 1", 10.5)
        page.y += 10
        for k, line in enumerate(CODE):
            top = page.y
            box(page, LEFT + 30, top, RIGHT, top + 15, WHITE)
            if k == 1:
                box(page, LEFT + 90, top + 1, LEFT + 190, top + 14, (0.894, 0.894, 1.0))
            page.c.setFont("Courier", 9)
            page.c.drawString(LEFT + 32, HEIGHT - top - 11, line)
            page.y += 16.5
        page.y += 20
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "listing.pdf", draw))
    assert rows["tables"] == []
    text = "\n".join(p["text_source"] for p in rows["paragraphs"])
    assert all(line.split("(")[0] in text for line in CODE)


def test_boxes_behind_a_formula_are_no_table(tmp_path):
    """Word's invisible white boxes behind a displayed formula's pieces, in a row: one row of boxes, some
    empty, a formula glyph and the equation's number: no table; the number stays text."""
    def draw(page: Page) -> None:
        page.paragraph(BODY)
        top = page.y
        xs = [LEFT + 186, LEFT + 220, LEFT + 247, LEFT + 269, RIGHT]
        for a, b in zip(xs, xs[1:]):
            box(page, a, top, b, top + 12.5, WHITE)
        page.c.setFont("Symbol", 8)
        page.c.drawString(xs[2] + 4, HEIGHT - top - 9, "s")
        page.c.setFont(FONT, 10.5)
        page.c.drawString(RIGHT - 30, HEIGHT - top - 10, "(2-1)")
        page.y = top + 30
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "formula.pdf", draw))
    assert rows["tables"] == []
    assert any("(2-1)" in p["text_source"] for p in rows["paragraphs"])
