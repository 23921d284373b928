"""Tables as Chinese papers print them, in PDFs drawn at test time (reportlab, CID font STSong-Light):
a three-line table (三线表) with a wrapped header, a two-level header, a table continued on the next
page (续表), and what is no table: a form grid, a page frame around body text, a code listing between
rules. Each is read by the whole pipeline (process_paper) and checked cell by cell."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas as rl_canvas

from extract.paper import process_paper

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
WIDTH, HEIGHT = A4
LEFT, RIGHT = 72.0, WIDTH - 72.0
BODY = ("本文讨论各地区的经济数据与人口变化，所用资料来自统计年鉴，下面的表格给出主要结果，"
        "正文的段落应当完整保留在段落数据集中，不能成为表格的单元格。")


class Page:
    """Draws top-down: `y` is the distance from the page top of the next baseline."""

    def __init__(self, canvas):
        self.c, self.y = canvas, 80.0

    def text(self, x: float, text: str, size: float = 10.5, y: float | None = None) -> None:
        self.c.setFont(FONT, size)
        self.c.drawString(x, HEIGHT - (self.y if y is None else y), text)

    def centered(self, text: str, size: float = 10.5) -> None:
        self.c.setFont(FONT, size)
        self.c.drawCentredString(WIDTH / 2, HEIGHT - self.y, text)
        self.y += size * 1.8

    def paragraph(self, text: str, size: float = 10.5, per_line: int = 40) -> None:
        lines = [text[i:i + per_line] for i in range(0, len(text), per_line)]
        for k, line in enumerate(lines):
            self.text(LEFT + (2 * size if k == 0 else 0), line, size)
            self.y += size * 1.6
        self.y += 4

    def rule(self, width: float = 0.5, x0: float = LEFT, x1: float = RIGHT) -> None:
        self.c.setLineWidth(width)
        self.c.line(x0, HEIGHT - self.y, x1, HEIGHT - self.y)

    def row(self, xs: list[float], cells: list[str], size: float = 9.5) -> None:
        for x, cell in zip(xs, cells):
            if cell:
                self.text(x, cell, size)
        self.y += size * 1.7


def pdf(path: Path, *pages) -> Path:
    canvas = rl_canvas.Canvas(str(path), pagesize=A4)
    for draw in pages:
        draw(Page(canvas))
        canvas.showPage()
    canvas.save()
    return path


def three_line(page: Page, xs: list[float], header: list[list[str]], body: list[list[str]]) -> None:
    """Top rule, the header's printed lines, a rule, the body rows, bottom rule."""
    page.y += 4
    page.rule(1.2)
    page.y += 14
    for line in header:
        page.row(xs, line)
    page.y -= 10
    page.rule(0.5)
    page.y += 14
    for row in body:
        page.row(xs, row)
    page.y -= 10
    page.rule(1.2)
    page.y += 24


XS = [LEFT + 4, LEFT + 120, LEFT + 220, LEFT + 330]
BODY_ROWS = [["北京", "2189.3", "21.3", "增长"], ["上海", "2487.1", "19.8", "增长"],
             ["广州", "1873.4", "11.2", "持平"], ["深圳", "1756.0", "9.6", "下降"]]


def tables_of(rows: dict) -> list[tuple]:
    """(label, caption, page, grid of value_source, header rows) of each table."""
    out = []
    for table in rows["tables"]:
        cells = [c for c in rows["table_cells"] if c["table_no"] == table["table_no"]]
        grid: dict[int, dict[int, str | None]] = {}
        for c in cells:
            grid.setdefault(c["row_no"], {})[c["col_no"]] = c["value_source"]
        out.append((table["label"], table["caption"], table["page"],
                    [[r[k] for k in sorted(r)] for _, r in sorted(grid.items())],
                    sorted({c["row_no"] for c in cells if c["is_header"]})))
    return out


def kinds(rows: dict, kind: str) -> list[dict]:
    return [f for f in rows["quality_flags"] if f["kind"] == kind]


def test_three_line_table_with_a_wrapped_header(tmp_path):
    """No vertical rule: the columns come from the body's white ranges; the header's two printed lines
    are one header row; the paragraph above stays a paragraph."""
    def draw(page: Page) -> None:
        page.centered("1 引言", 12)
        page.paragraph(BODY)
        page.centered("表1 各地区主要指标", 9.5)
        three_line(page, XS, [["地区", "常住人口", "增长率", "变化"], ["", "（万人）", "（%）", ""]], BODY_ROWS)
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "three_line.pdf", draw))
    assert tables_of(rows) == [("表1", "各地区主要指标", 1, [
        ["地区", "常住人口（万人）", "增长率（%）", "变化"], *BODY_ROWS], [0])]
    assert sum(BODY[:20] in p["text"] for p in rows["paragraphs"]) == 2
    assert not kinds(rows, "table_doubtful")


def test_two_level_header_marks_two_header_rows(tmp_path):
    """A header cell spanning two columns over a second header line: two header rows, each column
    named by both levels."""
    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表2 混淆矩阵", 9.5)
        three_line(page, XS, [["数据集", "预测类别", "", "总计"], ["", "正常", "异常", ""]],
                   [["训练集", "374", "13", "387"], ["测试集", "100", "5", "105"], ["合计", "474", "18", "492"]])

    rows = process_paper(pdf(tmp_path / "two_level.pdf", draw))
    (label, _, _, grid, header_rows), = tables_of(rows)
    assert label == "表2" and header_rows == [0, 1]
    assert grid == [["数据集", "预测类别", None, "总计"], [None, "正常", "异常", None],
                    ["训练集", "374", "13", "387"], ["测试集", "100", "5", "105"], ["合计", "474", "18", "492"]]
    names = {c["col_no"]: c["column_name"] for c in rows["table_cells"] if c["row_no"] == 2}
    assert names == {1: "数据集", 2: "预测类别 正常", 3: "异常", 4: "总计"}


def test_a_table_continued_on_the_next_page_is_one_table(tmp_path):
    """`续表1` over the part on page 2, its header repeated: one table, the repeated header dropped,
    the join flagged."""
    more = [["杭州", "1220.4", "8.1", "增长"], ["成都", "2119.2", "10.5", "增长"], ["西安", "1295.3", "7.7", "持平"]]

    def first(page: Page) -> None:
        page.paragraph(BODY * 6)
        page.centered("表1 各地区主要指标", 9.5)
        three_line(page, XS, [["地区", "人口", "增长率", "变化"]], BODY_ROWS)

    def second(page: Page) -> None:
        page.centered("续表1 各地区主要指标", 9.5)
        three_line(page, XS, [["地区", "人口", "增长率", "变化"]], more)
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "continued.pdf", first, second))
    assert tables_of(rows) == [("表1", "各地区主要指标", 1, [["地区", "人口", "增长率", "变化"], *BODY_ROWS, *more],
                                [0])]
    assert [f["page"] for f in kinds(rows, "table_continued")] == [2]


def test_a_form_grid_is_no_table(tmp_path):
    """A proposal's 题目/姓名/学号 grid (ruled cells of labels and values): its text is read as lines
    (front matter and paragraphs), no `tables` row."""
    def draw(page: Page) -> None:
        page.centered("毕业论文开题报告", 16)
        c = page.c
        top = page.y
        xs = [LEFT, LEFT + 70, LEFT + 200, LEFT + 270, RIGHT]
        for k in range(4):
            c.line(LEFT, HEIGHT - top - 24 * k, RIGHT, HEIGHT - top - 24 * k)
        for x in xs:
            c.line(x, HEIGHT - top, x, HEIGHT - top - 72)
        for k, cells in enumerate([["姓名：", "李明", "学号：", "20190101"], ["专业：", "网络工程", "班级：", "网络 142 班"],
                                   ["导师：", "王华", "日期：", "2023 年 3 月"]]):
            for x, cell in zip(xs, cells):
                page.text(x + 4, cell, 10.5, y=top + 24 * k + 16)
        page.y = top + 100
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "form.pdf", draw))
    assert rows["tables"] == [] and rows["table_cells"] == []
    text = " ".join(p["text"] for p in rows["paragraphs"])
    assert BODY[:30] in text


def test_a_cover_grid_without_colons_and_with_blank_fields_is_no_table(tmp_path):
    """A thesis cover's grid of labels without colons (`学科专业 | 无线电物理`), ending in a row of fields left
    blank (`分类号 | 密级`, as a template prints them): the cover's fields (the author from the grid), no
    `tables` row. An unseen thesis template gave a 5x2 data table."""
    def draw(page: Page) -> None:
        page.centered("硕士学位论文", 16)
        c = page.c
        top = page.y
        xs = [LEFT + 60, LEFT + 160, RIGHT - 60]
        cells = [["学科专业", "无线电物理"], ["作者姓名", "王小明"], ["指导教师", "李华 教授"], ["分类号", "密级"]]
        for k in range(len(cells) + 1):
            c.line(xs[0], HEIGHT - top - 24 * k, xs[-1], HEIGHT - top - 24 * k)
        for x in xs:
            c.line(x, HEIGHT - top, x, HEIGHT - top - 24 * len(cells))
        for k, row in enumerate(cells):
            for x, cell in zip(xs, row):
                page.text(x + 4, cell, 10.5, y=top + 24 * k + 16)
        page.y = top + 24 * len(cells) + 40
        page.centered("第一章 绪论", 14)
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "cover.pdf", draw))
    assert rows["tables"] == [] and rows["table_cells"] == []
    assert [a["name_zh"] for a in rows["authors"]] == ["王小明"]
    assert BODY[:30] in " ".join(p["text"] for p in rows["paragraphs"])


def test_a_page_frame_around_body_text_is_no_table(tmp_path):
    """A rectangle around the whole body with a rule under its title row: the body is paragraphs."""
    def draw(page: Page) -> None:
        c = page.c
        c.rect(LEFT - 8, 60, RIGHT - LEFT + 16, HEIGHT - 140)
        c.line(LEFT - 8, HEIGHT - 110, RIGHT + 8, HEIGHT - 110)
        c.line(LEFT + 120, HEIGHT - 80, LEFT + 120, HEIGHT - 110)
        page.text(LEFT, "论文题目", 10.5, y=100)
        page.text(LEFT + 130, "基于深度学习的图像去噪方法研究", 10.5, y=100)
        page.y = 140
        for _ in range(3):
            page.paragraph(BODY * 2)

    rows = process_paper(pdf(tmp_path / "frame.pdf", draw))
    assert rows["tables"] == []
    assert any(p["text"].startswith(BODY[:30]) for p in rows["paragraphs"])


def test_a_code_listing_between_rules_is_no_table(tmp_path):
    """An algorithm box (a rule, its title, a rule, numbered code lines, a rule) is no table."""
    code = ["1  for i in range(n):", "2      x[i] = f(x[i - 1]) + g(i)", "3      if x[i] > t:",
            "4          break", "5  return x"]

    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.y += 4
        page.rule(1.0)
        page.y += 14
        page.text(LEFT + 4, "算法 1  迭代求解过程", 10)
        page.y += 6
        page.rule(0.5)
        page.y += 14
        for line in code:
            page.text(LEFT + 4, line, 9.5)
            page.y += 15
        page.y -= 8
        page.rule(1.0)
        page.y += 24
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "listing.pdf", draw))
    assert rows["tables"] == []


def test_rules_alone_without_columns_make_no_table(tmp_path):
    """Two rules with one paragraph between them (a section's rules): no table."""
    def draw(page: Page) -> None:
        page.rule(0.8)
        page.y += 16
        page.paragraph(BODY * 2)
        page.rule(0.8)
        page.y += 20
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "rules.pdf", draw))
    assert rows["tables"] == []


def test_titles_between_ruled_tables_are_no_table_of_their_own(tmp_path):
    """A report's table titles, each over its ruled grid, a unit at the right (`1、收入变动 （万元）`):
    the three title lines share their columns but ruled tables stand between them: they stay text,
    each in reading order above its table."""
    def draw(page: Page) -> None:
        c = page.c
        for k, title in enumerate(["1、收入变动", "2、成本变动", "3、利润变动"]):
            page.text(LEFT, title, 10.5)
            page.text(RIGHT - 60, "（万元）", 10.5)
            top = page.y + 8
            xs = [LEFT, LEFT + 150, LEFT + 300, RIGHT]
            for r in range(4):
                c.line(LEFT, HEIGHT - top - 20 * r, RIGHT, HEIGHT - top - 20 * r)
            for x in xs:
                c.line(x, HEIGHT - top, x, HEIGHT - top - 60)
            for r, cells in enumerate([["项目", "本期", "上期"], ["甲", str(10 + k), "9"], ["乙", "5", str(7 + k)]]):
                for x, cell in zip(xs, cells):
                    page.text(x + 4, cell, 10, y=top + 20 * r + 14)
            page.y = top + 90

    rows = process_paper(pdf(tmp_path / "titles.pdf", draw))
    assert [t[3][0] for t in tables_of(rows)] == [["项目", "本期", "上期"]] * 3
    text = " ".join(p["text"] for p in rows["paragraphs"]) + " ".join(s["title"] for s in rows["sections"])
    assert all(title in text for title in ("1、收入变动", "2、成本变动", "3、利润变动"))


def test_a_table_without_caption_found_from_rules_only_is_flagged_doubtful(tmp_path):
    """The same three-line table without its caption is kept (a header rule and numeric cells) and
    flagged `table_doubtful`, page and shape named."""
    def draw(page: Page) -> None:
        page.paragraph(BODY)
        three_line(page, XS, [["地区", "人口", "增长率", "变化"]], BODY_ROWS)
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "doubtful.pdf", draw))
    assert [t[3] for t in tables_of(rows)] == [[["地区", "人口", "增长率", "变化"], *BODY_ROWS]]
    assert [(f["page"], f["severity"], f["detail"]) for f in kinds(rows, "table_doubtful")] == [
        (1, "warning", "table 1 (page 1): no caption, found from horizontal rules only, 5 rows x 4 columns")]


def table_open_at_page_foot(page: Page, body_rows: list[list[str]]) -> list[list[str]]:
    """Prose, then a three-line table's top rule, header and header rule, and rows down to the page foot (a
    page number under them), no bottom rule: the rows drawn."""
    page.paragraph(BODY * 6)
    page.y += 4
    page.rule(1.2)
    page.y += 14
    page.row(XS, ["地区", "人口", "增长率", "变化"])
    page.y -= 10
    page.rule(0.5)
    page.y += 14
    drawn = []
    for row in body_rows:
        if page.y > 770:
            break
        page.row(XS, row)
        drawn.append(row)
    page.text(WIDTH / 2 - 3, "1", 9, y=HEIGHT - 40)
    return drawn


def test_a_three_line_table_broken_by_the_page_foot_is_found(tmp_path):
    """Top rule and header rule on page 1, rows down to the page foot (a page number under them), the
    bottom rule on page 2: page 1's part is a table of its rows; page 2's rows above that bottom rule (no
    header repeated, no caption) fit its columns and are its last rows, joined to it (`table_continued`)."""
    names = ["北京", "上海", "广州", "深圳", "杭州", "成都", "西安", "南京", "武汉", "重庆", "天津", "苏州"]
    rows_1 = [[n, f"{1000 + 37 * k}.5", f"{5 + k}.1", "增长"] for k, n in enumerate(names)]

    def first(page: Page) -> None:
        drawn[:] = table_open_at_page_foot(page, rows_1)

    def second(page: Page) -> None:
        page.row(XS, ["青岛", "1034.2", "4.4", "持平"])
        page.row(XS, ["长沙", "1042.1", "6.3", "增长"])
        page.y -= 10
        page.rule(1.2)
        page.y += 24
        page.paragraph(BODY)

    drawn: list[list[str]] = []
    rows = process_paper(pdf(tmp_path / "page_foot.pdf", first, second))
    assert len(drawn) >= 3
    assert [t[2:] for t in tables_of(rows)] == [(1, [["地区", "人口", "增长率", "变化"], *drawn,
                                                      ["青岛", "1034.2", "4.4", "持平"], ["长沙", "1042.1", "6.3", "增长"]],
                                                  [0])]
    assert [f["detail"] for f in kinds(rows, "table_continued")] == [
        "table continues from page 1 to page 2 (2 more rows)"]
    text = " ".join(p["text"] for p in rows["paragraphs"])
    assert "青岛" not in text and "长沙" not in text and BODY[:10] in text


def test_the_rows_of_a_broken_table_under_a_running_header_join_it(tmp_path):
    """Journal pages: a running header over a rule on each page. The rows at the top of page 2 come below
    that header (removed) and its rule: they are still the table's last rows, down to its bottom rule."""
    def header(page: Page) -> None:
        page.text(LEFT, "某某大学学报（自然科学版）", 9, y=50)
        page.y = 56
        page.rule(0.5, LEFT - 20, RIGHT + 20)
        page.y = 80

    def first(page: Page) -> None:
        header(page)
        table_open_at_page_foot(page, BODY_ROWS * 4)

    def second(page: Page) -> None:
        header(page)
        page.row(XS, ["青岛", "1034.2", "4.4", "持平"])
        page.y -= 10
        page.rule(1.2)
        page.y += 24
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "running_header.pdf", first, second))
    grids = [t[3] for t in tables_of(rows)]
    assert len(grids) == 1 and grids[0][-1] == ["青岛", "1034.2", "4.4", "持平"]
    assert len(kinds(rows, "table_continued")) == 1


def test_prose_above_a_rule_on_the_next_page_is_no_continuation(tmp_path):
    """A table ended open at the page foot, but the next page opens with prose across the table's columns
    down to a rule of the table's width: no rows of the table there, the prose stays a paragraph."""
    def first(page: Page) -> None:
        table_open_at_page_foot(page, BODY_ROWS * 4)

    prose = "表中各地区的数据显示，人口增长与经济发展密切相关，东部地区的增长率普遍高于西部地区，" * 3

    def second(page: Page) -> None:
        page.paragraph(prose)
        page.y -= 15  # the rule right under the last line, as under a table's last row
        page.rule(0.5)
        page.y += 24
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "prose_above_rule.pdf", first, second))
    assert [t[2] for t in tables_of(rows)] == [1]
    assert kinds(rows, "table_continued") == []
    assert [p["text"] for p in rows["paragraphs"] if p["page_start"] == 2][0] == prose


def test_cells_wrapped_at_the_row_pitch_join_their_row(tmp_path):
    """A Word table prints a cell's wrapped line at the same pitch as the rows: a line beside no key
    (first column) that continues a full line or a trailing comma above it is that cell's, not a row."""
    def draw(page: Page) -> None:
        page.centered("表1 新增系统调用", 9.5)
        three_line(page, [LEFT + 4, LEFT + 150, LEFT + 260], [["调用", "参数", "描述"]], [
            ["系统调用甲", "参数一", "注册通知发送端"], ["系统调用乙", "参数一,", "注册异步系统调"],
            ["", "参数二", "用处理协程"], ["系统调用丙", "无", "唤醒系统调用处"], ["", "", "理协程"]])
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "wrapped_cells.pdf", draw))
    assert tables_of(rows) == [("表1", "新增系统调用", 1, [
        ["调用", "参数", "描述"], ["系统调用甲", "参数一", "注册通知发送端"],
        ["系统调用乙", "参数一,参数二", "注册异步系统调用处理协程"], ["系统调用丙", "无", "唤醒系统调用处理协程"]], [0])]


def test_columns_a_ruled_grid_draws_no_rule_between_are_columns(tmp_path):
    """A ruled grid whose vertical rules leave a group of columns undivided (LaTeX `{l|c|ccc|c}`): each
    column of the group is a column of its own, cut where no row prints; a name of two words stays one."""
    def draw(page: Page) -> None:
        c = page.c
        page.centered("表1 比赛结果", 10.5)
        top = page.y
        xs = [LEFT, LEFT + 140, LEFT + 200, LEFT + 320, RIGHT]  # no rule inside the third: 胜 平 负
        grid = [["球队", "场次", "胜", "平", "负", "积分"], ["Amesville Rockets", "33", "19", "13", "1", "51"],
                ["Borden Comets", "33", "18", "9", "6", "45"], ["Quincy Giants", "33", "7", "5", "21", "19"]]
        for r in range(len(grid) + 1):
            c.line(LEFT, HEIGHT - top - 20 * r, RIGHT, HEIGHT - top - 20 * r)
        for x in xs:
            c.line(x, HEIGHT - top, x, HEIGHT - top - 20 * len(grid))
        at = [xs[0] + 4, xs[1] + 4, xs[2] + 8, xs[2] + 48, xs[2] + 88, xs[3] + 4]
        for r, cells in enumerate(grid):
            for x, cell in zip(at, cells):
                page.text(x, cell, 10, y=top + 20 * r + 14)
        page.y = top + 20 * len(grid) + 30
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "group.pdf", draw))
    assert [t[3] for t in tables_of(rows)] == [[
        ["球队", "场次", "胜", "平", "负", "积分"], ["Amesville Rockets", "33", "19", "13", "1", "51"],
        ["Borden Comets", "33", "18", "9", "6", "45"], ["Quincy Giants", "33", "7", "5", "21", "19"]]]


def test_a_caption_set_over_centred_lines_keeps_them(tmp_path):
    """A bilingual caption whose English line runs on over two more centred lines before the table:
    they are the English caption's, not paragraphs."""
    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表1 各地区主要指标", 9.5)
        page.centered("Table 1 The main indicators of the regions in the years", 9.5)
        page.centered("under review, by population and growth", 9.5)
        page.centered("rate", 9.5)
        three_line(page, XS, [["地区", "常住人口", "增长率", "变化"]], BODY_ROWS)
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "caption_lines.pdf", draw))
    assert [(t["label"], t["caption"], t["caption_en"]) for t in rows["tables"]] == [
        ("表1", "各地区主要指标", "The main indicators of the regions in the years under review, by population and "
                            "growth rate")]
    assert not any("under review" in p["text"] or p["text"] == "rate" for p in rows["paragraphs"])


def test_a_row_without_key_stays_a_row_when_its_line_holds_a_cell_of_its_own(tmp_path):
    """Rows at one pitch, a key cell left blank (the group above): the full-width line beside no key is no
    wrapped line, since its row holds a number of its own (numbers do not wrap)."""
    def draw(page: Page) -> None:
        page.centered("表1 各地区样本数", 9.5)
        three_line(page, [LEFT + 4, LEFT + 120, LEFT + 300], [["地区", "城市", "样本数"]], [
            ["华北", "北京市朝阳区", "10"], ["", "天津市和平区", "20"], ["华东", "上海市浦东区", "30"]])
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "blank_key.pdf", draw))
    assert tables_of(rows)[0][3] == [["地区", "城市", "样本数"], ["华北", "北京市朝阳区", "10"],
                                     ["华北", "天津市和平区", "20"], ["华东", "上海市浦东区", "30"]]


def test_a_full_line_runs_on_to_the_next_row_only_in_a_column_of_sentences(tmp_path):
    """A column whose short lines do not all end a sentence is no column of sentences: its full line
    beside a key is a cell of its own, not run on into the next row's (a wrapped cell elsewhere makes
    the table read by its keys)."""
    def draw(page: Page) -> None:
        page.centered("表1 方法比较", 9.5)
        three_line(page, [LEFT + 4, LEFT + 100, LEFT + 260], [["方法", "适用范围", "代价"]], [
            ["方法甲", "适用于所有通用硬件平台", "低"], ["方法乙", "仅适用于虚拟化。", "中"],
            ["方法丙", "不需要额外硬件", "代价较高的一种方"], ["", "", "案"]])
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "sentences.pdf", draw))
    assert tables_of(rows)[0][3] == [["方法", "适用范围", "代价"], ["方法甲", "适用于所有通用硬件平台", "低"],
                                     ["方法乙", "仅适用于虚拟化。", "中"], ["方法丙", "不需要额外硬件", "代价较高的一种方案"]]


def test_full_lines_beside_a_blank_key_are_rows_not_a_wrapped_cell(tmp_path):
    """Places listed under their group at one pitch, each name as wide as the others: a cell wrapped
    over lines ends with a short one, so these full lines beside a blank key are rows of their own."""
    def draw(page: Page) -> None:
        page.centered("表1 调查地点", 9.5)
        three_line(page, [LEFT + 4, LEFT + 120, LEFT + 300], [["地区", "地点", "说明"]], [
            ["华北", "北京市朝阳区", "城区样本"], ["", "天津市和平区", ""], ["华东", "上海市浦东区", "新区样"],
            ["", "", "本"]])
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "places.pdf", draw))
    assert tables_of(rows)[0][3] == [["地区", "地点", "说明"], ["华北", "北京市朝阳区", "城区样本"],
                                     ["华北", "天津市和平区", None], ["华东", "上海市浦东区", "新区样本"]]


STORAGE_ROWS = [["0.4ns", "5.59MB", "6.78MB", "6.78MB"], ["0.5ns", "10.17MB", "5.58MB", "5.58MB"],
                ["0.6ns", "8.38MB", "4.98MB", "4.98MB"]]


def storage_table(page: Page, before: str, caption: str | None) -> None:
    """A sentence, a caption, and a three-line table whose header is printed on two levels as LaTeX sets
    `\\multirow` and `\\multicolumn` with a `\\cmidrule`: `存储方式` centred over the three right columns with a
    partial rule under it, the corner `时间步长` centred on both header lines, the three sub-heads under the rule."""
    xs = [LEFT + 10, LEFT + 100, LEFT + 210, LEFT + 320]
    page.paragraph(before)
    if caption:
        page.centered(caption, 9.5)
    page.y += 4
    page.rule(1.2)
    page.y += 14
    page.text(LEFT + 190, "存储方式", 9.5)  # over the three right columns, in the middle one's range
    page.text(xs[0], "时间步长", 9.5, y=page.y + 8)  # centred on the two header lines
    page.y += 6
    page.rule(0.5, x0=xs[1] - 8)
    page.y += 12
    page.row(xs, ["", "非压缩存储方式", "完全压缩存储方式", "基权函数压缩存储方式"])
    page.y -= 10
    page.rule(0.5)
    page.y += 14
    for row in STORAGE_ROWS:
        page.row(xs, row)
    page.y -= 10
    page.rule(1.2)
    page.y += 24
    page.paragraph(BODY)


def test_a_caption_ending_in_a_full_stop_over_a_two_level_header_with_a_corner_cell(tmp_path):
    """A thesis's caption ending in `。` (`表4-1 …比较。`) right above its three-line table is its caption
    (the text without the stop); the header printed on two levels (a head spanning three columns over a
    partial rule, a corner cell centred on both lines) is two header rows, merged cells in their top-left
    cell; the sentence calling the table out stays a paragraph."""
    sentence = "如表4-1所示，给出了时间步长分别取0.4ns、0.5ns、0.6ns时三种存储方式的存储量大小。"
    caption = "表4-1 计算2m×2m理想导体平板时域感应电流采用的三种存储方式的存储量比较。"

    def draw(page: Page) -> None:
        page.centered("4.2 数值算例与分析", 12)
        storage_table(page, sentence, caption)

    rows = process_paper(pdf(tmp_path / "storage.pdf", draw))
    assert tables_of(rows) == [("表4-1", "计算2m×2m理想导体平板时域感应电流采用的三种存储方式的存储量比较", 1, [
        ["时间步长", "存储方式", None, None], [None, "非压缩存储方式", "完全压缩存储方式", "基权函数压缩存储方式"],
        *STORAGE_ROWS], [0, 1])]
    assert rows["tables"][0]["caption_source"] == caption
    texts = [p["text"] for p in rows["paragraphs"]]
    assert sentence in texts and not any("存储方式" in t and t != sentence for t in texts)
    assert not kinds(rows, "table_doubtful")


def test_a_sentence_opening_with_a_label_above_a_table_is_no_caption(tmp_path):
    """A body sentence that opens with the label and ends in `。` (`表4-1给出了…，…。`) right above a table is
    no caption, even beside the table: it stays a paragraph, the table has no caption."""
    sentence = "表4-1给出了三种存储方式的存储量，时间步长越长存储量越小。"

    def draw(page: Page) -> None:
        page.centered("4.2 数值算例与分析", 12)
        storage_table(page, sentence, None)

    rows = process_paper(pdf(tmp_path / "sentence.pdf", draw))
    assert [(t[0], t[1], t[3][:2]) for t in tables_of(rows)] == [(None, None, [
        ["时间步长", "存储方式", None, None], [None, "非压缩存储方式", "完全压缩存储方式", "基权函数压缩存储方式"]])]
    assert sentence in [p["text"] for p in rows["paragraphs"]]


def test_a_corner_cell_split_by_a_diagonal_rule_is_one_header_cell(tmp_path):
    """`\\diagbox{时间步长}{存储方式}`: a slash from the header band's top-left corner across the first column,
    `存储方式` above it on the right (names the columns), `时间步长` below it on the left (names the rows), the
    sub-heads centred between them: one header row, the corner one cell `时间步长 / 存储方式`."""
    xs = [LEFT + 10, LEFT + 100, LEFT + 210, LEFT + 320]

    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表4-1 三种存储方式的存储量比较", 9.5)
        page.y += 4
        page.rule(1.2)
        top = page.y
        page.y += 12
        page.text(xs[0] + 40, "存储方式", 9.5)
        for x, head in zip(xs[1:], ["非压缩存储方式", "完全压缩存储方式", "基权函数压缩存储方式"]):
            page.text(x, head, 9.5, y=page.y + 8)
        page.text(xs[0], "时间步长", 9.5, y=page.y + 16)
        page.y += 22
        page.c.setLineWidth(0.4)
        page.c.line(LEFT, HEIGHT - top, xs[1] - 8, HEIGHT - page.y)
        page.rule(0.5)
        page.y += 14
        for row in STORAGE_ROWS:
            page.row(xs, row)
        page.y -= 10
        page.rule(1.2)
        page.y += 24
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "diagonal.pdf", draw))
    assert tables_of(rows) == [("表4-1", "三种存储方式的存储量比较", 1, [
        ["时间步长 / 存储方式", "非压缩存储方式", "完全压缩存储方式", "基权函数压缩存储方式"], *STORAGE_ROWS], [0])]
    assert rows["documents"][0]["coverage"] == 1.0


def test_a_table_under_a_heading_that_names_a_table_takes_it_as_caption(tmp_path):
    """An appendix table printed with no caption right under its heading `2.1 arccos 数据值表` (a note between):
    the heading names it, so it is its caption (no label, not doubted); a table under a heading that names no
    table (`2.2 符号说明`) keeps no caption and is doubted."""
    def draw(page: Page) -> None:
        page.text(LEFT, "1 模型求解", 14)
        page.y += 26
        page.paragraph(BODY)
        page.text(LEFT, "2.1 arccos 数据值表", 12)
        page.y += 22
        page.paragraph("注：下表为各地区的计算值，前行为修正前的原始值。")
        three_line(page, XS, [["地区", "人口", "增长率", "变化"]], BODY_ROWS)
        page.paragraph(BODY)

    def draw_2(page: Page) -> None:
        page.text(LEFT, "2.2 符号说明", 12)
        page.y += 22
        three_line(page, XS, [["地区", "人口", "增长率", "变化"]], BODY_ROWS)
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "named.pdf", draw, draw_2))
    assert [(t[0], t[1], t[3][0]) for t in tables_of(rows)] == [
        (None, "arccos 数据值表", ["地区", "人口", "增长率", "变化"]), (None, None, ["地区", "人口", "增长率", "变化"])]
    assert rows["tables"][0]["note"] == "注：下表为各地区的计算值，前行为修正前的原始值。"
    assert [f["detail"] for f in kinds(rows, "table_doubtful")] == [
        "table 2 (page 2): no caption, found from horizontal rules only, 5 rows x 4 columns"]
    assert {s["title"] for s in rows["sections"]} >= {"arccos 数据值表", "符号说明"}


def test_a_head_centred_over_three_sub_heads_without_a_rule_under_it_spans_them(tmp_path):
    """`存储方式` centred over the three sub-heads on the right (no partial rule under it), the key column's head
    on the second line: the head is the first cell of its span (it prints inside the middle column), two
    header rows, not a box title over a table (its first line holds one cell)."""
    xs = [LEFT + 10, LEFT + 100, LEFT + 210, LEFT + 320]
    subs = ["非压缩存储方式", "完全压缩存储方式", "基权函数压缩存储方式"]

    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表4-1 三种存储方式的存储量比较", 9.5)
        page.y += 4
        page.rule(1.2)
        page.y += 14
        page.c.setFont(FONT, 9.5)
        page.c.drawCentredString((xs[1] + xs[3] + pdfmetrics.stringWidth(subs[-1], FONT, 9.5)) / 2,
                                 HEIGHT - page.y, "存储方式")
        page.y += 9.5 * 1.7
        page.row(xs, ["时间步长", *subs])
        page.y -= 10
        page.rule(0.5)
        page.y += 14
        for row in STORAGE_ROWS:
            page.row(xs, row)
        page.y -= 10
        page.rule(1.2)
        page.y += 24
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "centred_head.pdf", draw))
    assert tables_of(rows) == [("表4-1", "三种存储方式的存储量比较", 1, [
        [None, "存储方式", None, None], ["时间步长", *subs], *STORAGE_ROWS], [0, 1])]
    assert not any(p["text"] == "存储方式" for p in rows["paragraphs"])


def test_a_caption_ending_in_a_full_stop_below_its_table_is_its_caption(tmp_path):
    """A caption printed under its table and closed by `。` is the table's caption too."""
    def draw(page: Page) -> None:
        page.paragraph(BODY)
        three_line(page, XS, [["地区", "人口", "增长率", "变化"]], BODY_ROWS)
        page.y -= 10
        page.centered("表2 各地区主要指标的比较。", 9.5)
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "below.pdf", draw))
    assert tables_of(rows) == [("表2", "各地区主要指标的比较", 1, [["地区", "人口", "增长率", "变化"], *BODY_ROWS], [0])]
    assert not any("主要指标" in p["text"] for p in rows["paragraphs"])


# Two-column pages (a journal's): a table broken at the foot of the left column, its rest at the top of
# the right column (tabcol).
COL_L, COL_R, COL_W = 56.0, 308.0, 231.0
COL_XS = [0.0, 80.0, 150.0]  # the table's columns, from the column's left edge
COLUMN_PROSE = "本节给出实验环境与各地区样本的基本情况，数据来自统计年鉴，正文段落必须完整保留。"


def column_lines(page: Page, x: float, text: str, y0: float, y1: float) -> float:
    """Prose in a column from y0 down to y1 at most (21 characters a line): the y after it."""
    y, k = y0, 0
    while y <= y1:
        chunk = (text * 20)[k:k + 21]
        page.text(x + (21.0 if k == 0 else 0.0), chunk[:20] if k == 0 else chunk, 10.5, y=y)
        k += 20 if k == 0 else 21
        y += 16.0
    return y


def column_table_part(page: Page, x: float, y: float, rows: list[list[str]], top: bool = True,
                      header: list[str] | None = None, bottom: bool = False) -> float:
    """A three-line table's part in a column at x from y: its top rule, header and header rule when given,
    its rows, its bottom rule when asked: the y after it."""
    def rule(at: float, width: float) -> None:
        page.c.setLineWidth(width)
        page.c.line(x, HEIGHT - at, x + COL_W, HEIGHT - at)

    if top:
        rule(y, 1.2)
        y += 14
    if header:
        for dx, cell in zip(COL_XS, header):
            page.text(x + 4 + dx, cell, 9.5, y=y)
        rule(y + 5, 0.5)
        y += 19
    for row in rows:
        for dx, cell in zip(COL_XS, row):
            page.text(x + 4 + dx, cell, 9.5, y=y)
        y += 16
    if bottom:
        rule(y - 11, 1.2)
        y += 14
    return y


COLUMN_HEADER = ["地区", "人口", "增长率"]
COLUMN_ROWS = [["北京", "2189.3", "21.3"], ["上海", "2487.1", "19.8"], ["广州", "1873.4", "11.2"],
               ["深圳", "1756.0", "9.6"], ["杭州", "1220.4", "8.7"], ["成都", "2126.8", "7.5"]]


def left_column_with_open_table(page: Page) -> None:
    """Prose down the left column, then 表1's caption, top rule, header, header rule and four rows down to
    the column foot, no bottom rule."""
    y = column_lines(page, COL_L, COLUMN_PROSE, 80, 640)
    page.text(COL_L + 80, "表1 各地区人口", 9.5, y=y + 6)
    column_table_part(page, COL_L, y + 14, COLUMN_ROWS[:4], header=COLUMN_HEADER)


def test_a_table_broken_at_a_column_foot_joins_its_rest_in_the_next_column(tmp_path):
    """Two columns: 表1 runs down to the foot of the left column (no bottom rule there); the right column
    opens with a rule of the table's width (the top rule repeated), its last two rows and its bottom rule,
    then prose. One table of six rows (`table_continued`); the prose of both columns stays paragraphs."""
    def draw(page: Page) -> None:
        left_column_with_open_table(page)
        y = column_table_part(page, COL_R, 78, COLUMN_ROWS[4:], bottom=True)
        column_lines(page, COL_R, COLUMN_PROSE, y + 10, 780)

    rows = process_paper(pdf(tmp_path / "column_break.pdf", draw))
    assert tables_of(rows) == [("表1", "各地区人口", 1, [COLUMN_HEADER, *COLUMN_ROWS], [0])]
    assert [f["detail"] for f in kinds(rows, "table_continued")] == [
        "table continues from one column to the next on page 1 (2 more rows)"]
    text = "".join(p["text"] for p in rows["paragraphs"])
    assert "杭州" not in text and "成都" not in text and text.count("本节给出实验环境") >= 2


def test_prose_or_another_table_in_the_next_column_is_no_continuation(tmp_path):
    """A table ended open at the foot of the left column; the right column opens with prose framed by two
    rules of the table's width (a boxed note), then prose, then another captioned table of that width: the
    first table keeps its rows only, the framed prose stays a paragraph, 表2 is a table of its own."""
    note = "注意：本框中的文字是正文的说明，不是表格的行，读者应当把它读作段落。"

    def draw(page: Page) -> None:
        left_column_with_open_table(page)
        page.c.setLineWidth(0.5)
        page.c.line(COL_R, HEIGHT - 76, COL_R + COL_W, HEIGHT - 76)
        y = column_lines(page, COL_R, note, 92, 130)
        page.c.line(COL_R, HEIGHT - (y - 10), COL_R + COL_W, HEIGHT - (y - 10))
        y = column_lines(page, COL_R, COLUMN_PROSE, y + 14, 500)
        page.text(COL_R + 80, "表2 各地区增长", 9.5, y=y + 6)
        column_table_part(page, COL_R, y + 14, COLUMN_ROWS[4:], header=COLUMN_HEADER, bottom=True)

    rows = process_paper(pdf(tmp_path / "column_prose.pdf", draw))
    assert tables_of(rows) == [("表1", "各地区人口", 1, [COLUMN_HEADER, *COLUMN_ROWS[:4]], [0]),
                               ("表2", "各地区增长", 1, [COLUMN_HEADER, *COLUMN_ROWS[4:]], [0])]
    assert kinds(rows, "table_continued") == []
    text = "".join(p["text"] for p in rows["paragraphs"])
    assert "注意：本框中的文字" in text and "读者应当把它读作段落" in text


def test_a_table_broken_at_the_foot_of_the_right_column_joins_its_rest_on_the_next_page(tmp_path):
    """Two columns: 表1 runs down to the foot of the right column of page 1; page 2's left column opens with
    the top rule repeated, the last two rows and the bottom rule, then prose: one table of six rows."""
    def first(page: Page) -> None:
        column_lines(page, COL_L, COLUMN_PROSE, 80, 780)
        y = column_lines(page, COL_R, COLUMN_PROSE, 80, 640)
        page.text(COL_R + 80, "表1 各地区人口", 9.5, y=y + 6)
        column_table_part(page, COL_R, y + 14, COLUMN_ROWS[:4], header=COLUMN_HEADER)

    def second(page: Page) -> None:
        y = column_table_part(page, COL_L, 78, COLUMN_ROWS[4:], bottom=True)
        column_lines(page, COL_L, COLUMN_PROSE, y + 10, 780)
        column_lines(page, COL_R, COLUMN_PROSE, 80, 780)

    rows = process_paper(pdf(tmp_path / "column_page_break.pdf", first, second))
    assert tables_of(rows) == [("表1", "各地区人口", 1, [COLUMN_HEADER, *COLUMN_ROWS], [0])]
    assert [f["detail"] for f in kinds(rows, "table_continued")] == [
        "table continues from page 1 to page 2 (2 more rows)"]
    assert "杭州" not in "".join(p["text"] for p in rows["paragraphs"])


def test_rows_at_the_top_of_the_next_column_above_the_bottom_rule_join_the_table(tmp_path):
    """Two columns, a three-line table broken at the foot of the left column with no rule repeated: the
    right column opens with its last two rows and its bottom rule, then prose. One table of six rows."""
    def draw(page: Page) -> None:
        left_column_with_open_table(page)
        y = column_table_part(page, COL_R, 88, COLUMN_ROWS[4:], top=False, bottom=True)
        column_lines(page, COL_R, COLUMN_PROSE, y + 10, 780)

    rows = process_paper(pdf(tmp_path / "column_rows.pdf", draw))
    assert tables_of(rows) == [("表1", "各地区人口", 1, [COLUMN_HEADER, *COLUMN_ROWS], [0])]
    assert [f["detail"] for f in kinds(rows, "table_continued")] == [
        "table continues from one column to the next on page 1 (2 more rows)"]


def test_a_word_table_broken_at_a_column_foot_with_merged_cells_and_a_broken_row(tmp_path):
    """A Word table (each rule drawn one stroke per cell) broken at the foot of the left column: there its
    header 环境 | 配置 (配置 merged over two columns) and a row whose merged cell wraps at the column foot
    (a rule under that cell only); at the top of the right column the top rule repeated, the rest of that
    cell (its next word would not have fitted), two rows under a key merged down (the third column only
    these rows' rules show), a row merged again, the bottom rule. One table of three columns, the broken row
    one row, the merged key carried down."""
    def strokes(x: float, y: float, cuts: list[float], width: float = 0.5) -> None:
        page_.c.setLineWidth(width)
        for a, b in zip(cuts, cuts[1:]):
            page_.c.line(x + a, HEIGHT - y, x + b, HEIGHT - y)

    def draw(page: Page) -> None:
        page_.c = page.c
        y = column_lines(page, COL_L, COLUMN_PROSE, 80, 690)
        page.text(COL_L + 80, "表1 实验环境", 9.5, y=y + 6)
        y += 14
        strokes(COL_L, y, [0, 70, COL_W], 1.2)
        page.text(COL_L + 4, "环境", 9.5, y=y + 14)
        page.text(COL_L + 74, "配置", 9.5, y=y + 14)
        strokes(COL_L, y + 19, [0, 70, COL_W])
        page.text(COL_L + 4, "硬件", 9.5, y=y + 33)
        page.text(COL_L + 74, "Zynq UltraScale+ XCZU15EG board", 9.5, y=y + 33)
        strokes(COL_L, y + 38, [70, COL_W])
        strokes(COL_R, 78, [0, 70, COL_W], 1.2)
        page.text(COL_R + 74, "MPSoC", 9.5, y=92)
        strokes(COL_R, 97, [70, 150, COL_W])
        page.text(COL_R + 74, "软核", 9.5, y=111)
        page.text(COL_R + 154, "rocket-chip", 9.5, y=111)
        strokes(COL_R, 116, [70, 150, COL_W])
        page.text(COL_R + 74, "网卡", 9.5, y=130)
        page.text(COL_R + 154, "Ethernet 1G", 9.5, y=130)
        strokes(COL_R, 135, [0, 70, 150, COL_W])
        page.text(COL_R + 4, "系统", 9.5, y=149)
        page.text(COL_R + 74, "ReL4", 9.5, y=149)
        strokes(COL_R, 154, [0, 70, COL_W], 1.2)
        column_lines(page, COL_R, COLUMN_PROSE, 178, 780)

    page_ = Page(None)
    rows = process_paper(pdf(tmp_path / "column_word.pdf", draw))
    assert tables_of(rows) == [("表1", "实验环境", 1, [
        ["环境", "配置", None], ["硬件", "Zynq UltraScale+ XCZU15EG board MPSoC", None], ["硬件", "软核", "rocket-chip"],
        ["硬件", "网卡", "Ethernet 1G"], ["系统", "ReL4", None]], [0])]
    assert [c["filled_down"] for c in rows["table_cells"] if c["col_no"] == 1] == [False, False, True, True, False]
    assert [f["detail"] for f in kinds(rows, "table_continued")] == [
        "table continues from one column to the next on page 1 (3 more rows, its last row broken across)"]


def test_rows_in_the_right_column_of_the_next_page_are_no_continuation(tmp_path):
    """表1 ends open at the foot of page 1's right column; page 2's left column opens with prose, its right
    column with rows between two rules of the table's width: those follow the prose in reading order, not
    the table, which keeps its four rows."""
    def first(page: Page) -> None:
        column_lines(page, COL_L, COLUMN_PROSE, 80, 780)
        y = column_lines(page, COL_R, COLUMN_PROSE, 80, 640)
        page.text(COL_R + 80, "表1 各地区人口", 9.5, y=y + 6)
        column_table_part(page, COL_R, y + 14, COLUMN_ROWS[:4], header=COLUMN_HEADER)

    def second(page: Page) -> None:
        column_lines(page, COL_L, COLUMN_PROSE, 80, 780)
        y = column_table_part(page, COL_R, 78, COLUMN_ROWS[4:], bottom=True)
        column_lines(page, COL_R, COLUMN_PROSE, y + 10, 780)

    rows = process_paper(pdf(tmp_path / "column_page_other.pdf", first, second))
    assert tables_of(rows) == [("表1", "各地区人口", 1, [COLUMN_HEADER, *COLUMN_ROWS[:4]], [0])]
    assert kinds(rows, "table_continued") == []
    assert "杭州" in "".join(p["text"] for p in rows["paragraphs"] if p["page_start"] == 2)


def word_rule(page: Page, x: float, y: float, cuts: list[float], width: float = 0.5) -> None:
    """A rule as Word draws it: one stroke per cell, between the cuts (from x)."""
    page.c.setLineWidth(width)
    for a, b in zip(cuts, cuts[1:]):
        page.c.line(x + a, HEIGHT - y, x + b, HEIGHT - y)


def word_table_with_merged_cells(page: Page, x: float, y: float) -> float:
    """表1's Word table, no vertical rule: 配置 merged over columns 2-3, 硬件 merged down three rows, the
    rows under it ruled in columns 2-3 only, ReL4 merged over columns 2-3: the y after it."""
    word_rule(page, x, y, [0, 70, 231], 1.2)
    for dx, text in ((4, "环境"), (74, "配置")):
        page.text(x + dx, text, 9.5, y=y + 14)
    word_rule(page, x, y + 19, [0, 70, 231])
    page.text(x + 4, "硬件", 9.5, y=y + 52)
    page.text(x + 74, "Zynq UltraScale board", 9.5, y=y + 33)
    word_rule(page, x, y + 38, [70, 150, 231])
    page.text(x + 74, "软核", 9.5, y=y + 52)
    page.text(x + 154, "rocket-chip", 9.5, y=y + 52)
    word_rule(page, x, y + 57, [70, 150, 231])
    page.text(x + 74, "网卡", 9.5, y=y + 71)
    page.text(x + 154, "Ethernet 1G", 9.5, y=y + 71)
    word_rule(page, x, y + 76, [0, 70, 150, 231])
    page.text(x + 4, "系统", 9.5, y=y + 90)
    page.text(x + 140, "ReL4", 9.5, y=y + 90)
    word_rule(page, x, y + 95, [0, 70, 231], 1.2)
    return y + 120


def test_a_word_table_with_merged_cells_is_read_from_its_rule_joints(tmp_path):
    """A captioned Word table whose merged cells bridge the white between its columns (硬件 centred on the
    three rows it spans, ReL4 centred over two columns): its columns come from the joints of the rules'
    per-cell strokes, a merged cell's text goes to its first row and column, the rows under a merged key
    carry it down."""
    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表1 实验环境", 9.5)
        page.y = word_table_with_merged_cells(page, LEFT + 60, page.y)
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "word_grid.pdf", draw))
    assert tables_of(rows) == [("表1", "实验环境", 1, [
        ["环境", "配置", None], ["硬件", "Zynq UltraScale board", None], ["硬件", "软核", "rocket-chip"],
        ["硬件", "网卡", "Ethernet 1G"], ["系统", "ReL4", None]], [0])]
    assert [c["filled_down"] for c in rows["table_cells"] if c["col_no"] == 1] == [False, False, True, True, False]
    assert all(p["text"] == BODY for p in rows["paragraphs"])


def test_han_cells_set_lower_than_latin_keys_keep_their_wrapped_lines(tmp_path):
    """A Word three-line table whose Han cells sit a little under the Latin keys of their rows (another
    font's baseline) and wrap at the row pitch: the pitch is read between lines one above the other, so a
    cell's wrapped line is no row of its own and joins no other row's cell."""
    xs = [LEFT + 4, LEFT + 150, LEFT + 280]

    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表1 新增系统调用", 9.5)
        page.y += 4
        page.rule(1.2)
        page.y += 14
        page.row(xs, ["syscall", "参数", "描述"])
        page.y -= 10
        page.rule(0.5)
        page.y += 14
        for key, arg, lines in (("UintrRegisterSender", "ntfn_cap", ["注册发送端"]),
                                ("UintrRegisterReceiver", "ntfn_cap", ["注册接收端"]),
                                ("UintrRegisterAsyncSyscall", "ntfn_cap, buffer_cap", ["注册异步系统调用", "处理协程"]),
                                ("UintrWakeSyscallHandler", "\\", ["唤醒系统调用处理", "协程"])):
            page.text(xs[0], key, 9.5)
            page.text(xs[1], arg, 9.5)
            for k, line in enumerate(lines):
                page.text(xs[2], line, 9.5, y=page.y + 2.6 + 14.2 * k)
            page.y += 14.2 * len(lines)
        page.y -= 8
        page.rule(1.2)
        page.y += 24
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "han_lower.pdf", draw))
    assert tables_of(rows)[0][3] == [
        ["syscall", "参数", "描述"], ["UintrRegisterSender", "ntfn_cap", "注册发送端"],
        ["UintrRegisterReceiver", "ntfn_cap", "注册接收端"],
        ["UintrRegisterAsyncSyscall", "ntfn_cap, buffer_cap", "注册异步系统调用处理协程"],
        ["UintrWakeSyscallHandler", "\\", "唤醒系统调用处理协程"]]


CENTRES = [LEFT + 40 + 74 * k for k in range(6)]


def centred_row(page: Page, cells: list[str], size: float = 9.5) -> None:
    page.c.setFont(FONT, size)
    for x, cell in zip(CENTRES, cells):
        page.c.drawCentredString(x, HEIGHT - page.y, cell)
    page.y += size * 1.6


def data_blocks(page: Page, blocks: int, rule_under_last: bool = False, values: int = 2) -> list[list[str]]:
    """A data grid printed as blocks: an index row between two rules, `values` value rows under it (an
    appendix's value table); no rule under the last block unless asked. The rows drawn."""
    drawn = []
    for b in range(blocks):
        index = [str(6 * b + k + 1) for k in range(6)]
        rows = [[f"{sign}0.{(6 * b + k + 1) * 1234 + d * 7:05d}" for k in range(6)]
                for d, sign in ((0, ""), (1, "-"))[:values]]
        page.y -= 11.5
        page.rule(0.5)
        page.y += 11.5
        centred_row(page, index)
        page.y -= 11
        page.rule(0.5)
        page.y += 11
        for row in rows:
            centred_row(page, row)
        drawn += [index, *rows]
    if rule_under_last:
        page.y -= 11
        page.rule(0.5)
        page.y += 11
    return drawn


def test_the_rows_under_a_grids_last_rule_are_its_last_rows(tmp_path):
    """A grid printed as blocks (a rule over and under each index row, two value rows under it) whose last
    block has no rule under it: the value rows under the last rule continue the row pitch and fit the
    columns (one number under each column's numbers, centred as they are), so they are its last rows, not
    a paragraph; the page number and the prose after a gap are not."""
    drawn: list[list[str]] = []

    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表1 方向余弦数据", 9.5)
        page.y += 12
        drawn[:] = data_blocks(page, 4)
        page.y += 20
        page.paragraph(BODY)
        page.text(WIDTH / 2 - 3, "7", 9, y=HEIGHT - 40)

    rows = process_paper(pdf(tmp_path / "blocks.pdf", draw))
    assert tables_of(rows) == [("表1", "方向余弦数据", 1, drawn, [0])]
    assert drawn[-1] == ["-0.23453", "-0.24687", "-0.25921", "-0.27155", "-0.28389", "-0.29623"]
    assert [p["text"] for p in rows["paragraphs"]] == [BODY, BODY]


TEXT_ROWS = [["北京", "直辖市", "华北"], ["上海", "直辖市", "华东"], ["广州", "省会", "华南"], ["成都", "省会", "西南"]]


def test_a_note_or_prose_right_under_a_tables_last_rule_stays_text(tmp_path):
    """Right under a three-line table's bottom rule, at its row pitch: a note (`注：`) whose words fall in
    the columns' places, under a table of words; a line of prose under a table of numbers. Neither is a row
    of its table: the note is the table's note, the prose a paragraph."""
    prose = "表中各地区的数据显示，人口增长与经济发展密切相关，东部地区的增长率普遍高于西部地区。"

    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表1 各地区类型", 9.5)
        three_line(page, XS[:3], [["地区", "类型", "区域"]], TEXT_ROWS)
        page.y -= 14
        page.row(XS[:3], ["注：数据", "来自", "年鉴"])
        page.y += 30
        page.centered("表2 各地区主要指标", 9.5)
        three_line(page, XS, [["地区", "人口", "增长率", "变化"]], BODY_ROWS)
        page.y -= 14
        page.text(LEFT, prose, 9.5)
        page.y += 40
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "note_under.pdf", draw))
    assert [(t[0], t[3]) for t in tables_of(rows)] == [
        ("表1", [["地区", "类型", "区域"], *TEXT_ROWS]), ("表2", [["地区", "人口", "增长率", "变化"], *BODY_ROWS])]
    first = next(t for t in rows["tables"] if t["label"] == "表1")
    assert (first["note_source"] or "").startswith("注：数据")
    assert prose in [p["text"] for p in rows["paragraphs"]]


def test_words_under_a_table_of_numbers_are_not_its_row(tmp_path):
    """Under a three-line table's bottom rule, at its row pitch and in its columns' places, a line of words
    under its columns of numbers: not a row of the table (a column of numbers takes a number)."""
    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表1 各地区主要指标", 9.5)
        three_line(page, XS, [["地区", "人口", "增长率", "变化"]], BODY_ROWS)
        page.y -= 14
        page.row(XS, ["其中", "城镇", "乡村", "合计"])
        page.y += 20
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "words_under.pdf", draw))
    assert [t[3] for t in tables_of(rows)][0] == [["地区", "人口", "增长率", "变化"], *BODY_ROWS]
    assert any("乡村" in p["text"] for p in rows["paragraphs"])


def test_an_aligned_block_after_a_gap_under_a_grid_is_not_its_rows(tmp_path):
    """A grid of blocks (an index row and a value row, a rule between every two rows), then, after a gap
    (two rows' height) under its last rule, more rows of numbers in the same columns: not the table's rows,
    it ends at its last rule."""
    drawn: list[list[str]] = []

    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表1 方向余弦数据", 9.5)
        page.y += 12
        drawn[:] = data_blocks(page, 3, rule_under_last=True, values=1)
        page.y += 30
        centred_row(page, ["0.11111", "0.22222", "0.33333", "0.44444", "0.55555", "0.66666"])
        centred_row(page, ["0.77777", "0.88888", "0.99999", "0.12121", "0.23232", "0.34343"])
        page.y += 20
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "gap_block.pdf", draw))
    grids = [t[3] for t in tables_of(rows)]
    assert grids[0] == drawn
