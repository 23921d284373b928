"""Tables (and things that are no tables) as real Chinese PDFs nobody tuned the reader on print them, drawn
at test time (reportlab, CID font STSong-Light) and read by the whole pipeline (process_paper): each case is
a failure met on an unseen thesis or paper, reduced to its layout."""

from __future__ import annotations

from extract.paper import process_paper
from tests.test_table_layouts import BODY, HEIGHT, LEFT, RIGHT, XS, Page, pdf, tables_of, three_line


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


def diagram(page: Page, labels: dict[tuple[int, int], str], arrows: bool) -> None:
    """A 3x4 grid of drawn frames (a diagram's boxes) with text in some cells, and curved arrows inside."""
    c = page.c
    top, x0, x1, pitch = page.y, LEFT + 60, RIGHT - 60, 30
    xs = [x0 + (x1 - x0) * k / 4 for k in range(5)]
    for k in range(4):
        c.line(x0, HEIGHT - top - pitch * k, x1, HEIGHT - top - pitch * k)
    for x in xs:
        c.line(x, HEIGHT - top, x, HEIGHT - top - 3 * pitch)
    for (r, col), text in labels.items():
        page.text(xs[col] + 6, text, 9, y=top + pitch * r + 19)
    if arrows:
        for k in range(4):
            path = c.beginPath()
            path.moveTo(xs[k] + 10, HEIGHT - top - 25)
            path.curveTo(xs[k] + 30, HEIGHT - top - 5, xs[k] + 50, HEIGHT - top - 45, xs[k + 1] - 10, HEIGHT - top - 25)
            c.drawPath(path, stroke=1, fill=0)
    page.y = top + 3 * pitch + 30


def test_a_diagram_drawn_as_a_grid_under_a_figure_caption_is_figure_text(tmp_path):
    """A Word paper's architecture diagram whose frames make one ruled grid, its caption (`图3 …`) above it and
    its arrows drawn as curves inside: figure text (a recorded removal), no `tables` row. An unseen journal
    paper gave two 4x5 "tables" of a diagram's labels."""
    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("图3 异步通信架构图", 9.5)
        diagram(page, {(0, 0): "Client Runtime", (1, 2): "shared memory", (2, 3): "Server"}, arrows=True)
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "diagram.pdf", draw))
    assert rows["tables"] == [] and rows["table_cells"] == []
    removed = " ".join(f["original"] or "" for f in rows["quality_flags"] if f["kind"] == "figure_text_removed")
    assert "shared memory" in removed and "Server" in removed
    assert sum(BODY[:20] in p["text"] for p in rows["paragraphs"]) == 2


def test_a_sparse_grid_under_a_table_caption_stays_a_table(tmp_path):
    """The same grid with a table caption above it is a table (its empty cells kept; the first column's
    empty cell takes the value above, flagged `filled_down`, as for any table)."""
    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表3 各模块的位置", 9.5)
        diagram(page, {(0, 0): "模块", (0, 1): "位置", (1, 0): "Client", (2, 1): "Server"}, arrows=False)
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "sparse_table.pdf", draw))
    assert [(t[0], t[3]) for t in tables_of(rows)] == [
        ("表3", [["模块", "位置", None, None], ["Client", None, None, None], ["Client", "Server", None, None]])]


def test_two_cells_set_closer_than_a_column_gap_stay_two_cells(tmp_path):
    """An unruled table whose row holds two long cells 11 pt apart (under the line grouper's 1.5 em, over the
    8 pt column gap): the fragment is cut at that space, the row stays in the table, the table stays one.
    An unseen CUMCM paper's package list split into two tables around such a row, the row a paragraph."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    long0, long1 = "hobsub-generic-package", "hobsub-hyperref"
    x0 = LEFT + 10
    x1 = x0 + stringWidth(long0, "STSong-Light", 9.5) + 11
    xs = [x0, x1, x1 + 110, x1 + 200]
    body = [["amsbsy", "amsfonts", "amsgen", "amsmath"], ["bitset", "bm", "booktabs", "calc"],
            [long0, long1, "hopatch", "hxetex"], ["hyperref", "ifluatex", "ifpdf", "ifthen"],
            ["listings", "longtable", "lstmisc", "ltxcmds"]]

    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表2 宏包罗列", 9.5)
        for row in body:
            page.row(xs, row)
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "close_cells.pdf", draw))
    assert [(t[0], t[3]) for t in tables_of(rows)] == [("表2", body)]
    assert not any(long1 in p["text"] for p in rows["paragraphs"])


def test_a_cover_field_list_with_labels_not_known_is_the_cover_not_a_table(tmp_path):
    """A thesis cover's label | value list set in two aligned columns (no rules, no colons), most labels known
    (`作者姓名`, `指导教师`, `申请学位`), some not (`学院名称`, `答辩委员会主席`, `学科 / 类别`): the cover's fields,
    the unknown rows kept as front-matter lines, no `tables` row. An unseen BIT thesis cover was an 8x2 table."""
    fields = [("作者姓名", "王小明"), ("学院名称", "计算机学院"), ("指导教师", "李华"), ("答辩委员会主席", "张三"),
              ("申请学位", "工学硕士"), ("学科 / 类别", "计算机科学与技术"), ("学位授予单位", "北京理工大学"),
              ("论文答辩日期", "2024 年 5 月")]

    def cover(page: Page) -> None:
        page.y = 200
        page.centered("异步微内核设计与实现", 18)
        page.y = 420
        for label, value in fields:
            page.text(LEFT + 70, label, 12)
            page.text(LEFT + 220, value, 12)
            page.y += 30

    def body(page: Page) -> None:
        page.centered("第1章 绪论", 14)
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "cover_fields.pdf", cover, body))
    assert rows["tables"] == [] and rows["table_cells"] == []
    assert [a["name_zh"] for a in rows["authors"]] == ["王小明"]
    doc = rows["documents"][0]
    assert (doc["supervisor"], doc["school"], doc["major"], doc["degree"]) == ("李华", "计算机学院", "计算机科学与技术",
                                                                              "工学硕士")
    assert any(p["text"] == "答辩委员会主席 张三" for p in rows["paragraphs"])


REGRESSION = [["数字化", "0.213***", "0.198***", "0.187**"], ["控制变量", "是", "是", "是"],
              ["样本量", "2310", "2310", "2310"]]


def table_with_notes(notes: list[tuple[str, float]]):
    """A page: a paragraph, a captioned three-line regression table, the note lines under it (text, pitch after
    it), a paragraph."""
    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表2 稳健性检验", 9.5)
        three_line(page, XS, [["变量", "模型1", "模型2", "模型3"]], REGRESSION)
        page.y -= 14
        for text, pitch in notes:
            page.text(LEFT, text, 9)
            page.y += pitch
        page.y += 10
        page.paragraph(BODY)
    return draw


def test_a_significance_note_without_a_label_is_the_tables_note(tmp_path):
    """`***、**、*分别表示…显著` right under a regression table, with no `注：`: the table's note, not a paragraph."""
    note = "***、**、*分别表示在1%、5%、10%的水平上显著，括号内为稳健标准误。"
    rows = process_paper(pdf(tmp_path / "stars.pdf", table_with_notes([(note, 14)])))
    (table,) = rows["tables"]
    assert (table["label"], table["note_source"]) == ("表2", note)
    assert [p["text"] for p in rows["paragraphs"]] == [BODY, BODY]


def test_a_note_wrapped_over_two_lines_is_one_note(tmp_path):
    """A `注：` note whose sentence goes on on the next printed line (same small type, just under it): one note,
    its second line not a paragraph; the `资料来源：` line after it is a second note."""
    first = "注：1. 人口为年末常住人口；2. 增长率按可比价格计算，单位为百分比，数据经过季节调整并剔除了价格"
    source = "资料来源：国家统计局，2020。"
    rows = process_paper(pdf(tmp_path / "wrapped_note.pdf", table_with_notes([(first, 13), ("因素的影响。", 13),
                                                                               (source, 13)])))
    (table,) = rows["tables"]
    assert table["note_source"] == first + "因素的影响。\n" + source
    assert [p["text"] for p in rows["paragraphs"]] == [BODY, BODY]


def test_a_line_of_stars_in_the_body_is_no_note(tmp_path):
    """Stars opening a body paragraph away from any table stay a paragraph."""
    line = "***、**、*分别表示在1%、5%、10%的水平上显著，这是本文采用的记号。"

    def draw(page: Page) -> None:
        page.centered("1 引言", 12)
        page.paragraph(BODY)
        page.paragraph(line)

    rows = process_paper(pdf(tmp_path / "stars_body.pdf", draw))
    assert rows["tables"] == []
    assert line in " ".join(p["text"] for p in rows["paragraphs"])


def test_a_remark_under_a_table_is_its_note(tmp_path):
    """`说明：…` and `备注：…` right under a table are its notes (a report's and a thesis's label for them)."""
    remark, more = "说明：表中数据均为年末数，部分数据因四舍五入存在误差。", "备注：2020年起统计口径调整。"
    rows = process_paper(pdf(tmp_path / "remark.pdf", table_with_notes([(remark, 14), (more, 14)])))
    (table,) = rows["tables"]
    assert table["note_source"] == remark + "\n" + more
    assert [p["text"] for p in rows["paragraphs"]] == [BODY, BODY]


def test_a_remark_in_the_body_stays_a_paragraph(tmp_path):
    """`说明：` opening a body paragraph with no table above it is body text."""
    line = "说明：本办法自发布之日起施行，由学院负责解释。"

    def draw(page: Page) -> None:
        page.centered("第一章 总则", 12)
        page.paragraph(BODY)
        page.paragraph(line)

    rows = process_paper(pdf(tmp_path / "remark_body.pdf", draw))
    assert rows["tables"] == [] and line in " ".join(p["text"] for p in rows["paragraphs"])


def test_a_cell_wrapped_at_the_tables_line_pitch_stays_one_cell(tmp_path):
    """A list of symbols set as a two-column table at an even line pitch: a description that fills its column
    goes on on the next line (first column empty) and is one cell; a short cell with an empty first cell under
    it (a merged label) stays a row. An unseen BIT thesis's symbol list gave the wrapped line a row of its own
    with the symbol filled down."""
    xs = [LEFT + 4, LEFT + 90]
    wide = "排版系统的好兄弟，事实上它有很多个兄弟，但是这个兄弟对各种语言"
    body = [["BIT", "北京理工大学的英文缩写"], ["XeTeX", wide], ["", "的支持能力都很强"], ["ctex", "中文排版方案"],
            ["LaTeX", "排版系统"], ["", "最新稳定版"], ["H2SO4", "硫酸"]]

    def draw(page: Page) -> None:
        page.centered("主要符号对照表", 14)
        page.y += 10
        for row in body:
            page.row(xs, row, size=10.5)
        page.y += 10
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "symbols.pdf", draw))
    (table,) = tables_of(rows)
    assert table[3] == [["BIT", "北京理工大学的英文缩写"], ["XeTeX", wide + "的支持能力都很强"], ["ctex", "中文排版方案"],
                        ["LaTeX", "排版系统"], ["LaTeX", "最新稳定版"], ["H2SO4", "硫酸"]]


def math_italic() -> str:
    """A TrueType face embedded under a TeX math font's name (CMMI10: the reader takes its glyphs for math)."""
    import os

    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = TTFont("MathItalic", os.path.join(os.path.dirname(reportlab.__file__), "fonts", "VeraIt.ttf"))
    font.face.name = b"CMMI10"
    pdfmetrics.registerFont(font)
    return "MathItalic"


def test_a_list_of_symbols_in_a_math_font_under_headings_gives_one_table_per_list(tmp_path):
    """A thesis's list of symbols: per heading (`Roman Characters`, set larger and centred), a `Symbol |
    Description` table whose first column holds symbols in a math font (`a`, `CJ` in CMMI). The symbols stay cells
    (a column of short math fragments beside words is no displayed formula) and a heading ends the table above
    it. An unseen UCAS thesis lost every symbol as formula debris and merged three lists and their headings into
    one table."""
    xs, font = [LEFT + 10, LEFT + 80], math_italic()

    def symbol_list(page: Page, heading: str, rows: list[tuple[str, str]]) -> None:
        page.centered(heading, 15)
        page.row(xs, ["Symbol", "Description"], size=10.5)
        for symbol, description in rows:
            page.c.setFont(font, 10.5)
            page.c.drawString(xs[0], HEIGHT - page.y, symbol)
            page.text(xs[1], description, 10.5)
            page.y += 10.5 * 1.7
        page.y += 16

    def draw(page: Page) -> None:
        page.y = 140
        symbol_list(page, "Roman Characters", [("a", "stoichiometric coefficient"), ("c", "frozen sound speed"),
                                               ("p", "pressure")])
        symbol_list(page, "Subscripts", [("CJ", "Chapman-Jouguet state"), ("c", "convection"), ("s", "shock")])
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "symbols_math.pdf", draw))
    assert [t[3] for t in tables_of(rows)] == [
        [["Symbol", "Description"], ["a", "stoichiometric coefficient"], ["c", "frozen sound speed"], ["p", "pressure"]],
        [["Symbol", "Description"], ["CJ", "Chapman-Jouguet state"], ["c", "convection"], ["s", "shock"]]]


def test_a_continuation_captioned_label_then_xubiao_in_brackets_is_one_table(tmp_path):
    """`表 1（续表）` over the part on page 2 (the HIT thesis template's form; `表1（续）` was known): one table, the
    repeated header dropped. An unseen thesis gave two tables labelled 表4-2."""
    from tests.test_table_layouts import BODY_ROWS, kinds

    more = [["杭州", "1220.4", "8.1", "增长"], ["成都", "2119.2", "10.5", "增长"]]

    def first(page: Page) -> None:
        page.paragraph(BODY * 6)
        page.centered("表1 各地区主要指标", 9.5)
        three_line(page, XS, [["地区", "人口", "增长率", "变化"]], BODY_ROWS)

    def second(page: Page) -> None:
        page.centered("表1（续表）", 9.5)
        three_line(page, XS, [["地区", "人口", "增长率", "变化"]], more)
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "xubiao.pdf", first, second))
    assert tables_of(rows) == [("表1", "各地区主要指标", 1, [["地区", "人口", "增长率", "变化"], *BODY_ROWS, *more], [0])]
    # the continuation's caption and repeated header are recorded where they were dropped: nothing lost
    assert [(f["page"], f["original"]) for f in kinds(rows, "table_continued")] == [(2, "表1（续表） 地区 人口 增长率 变化")]
    assert rows["documents"][0]["coverage"] == 1.0


def test_contents_lines_with_roman_page_numbers_are_no_table(tmp_path):
    """The front matter's list of lists (`插图目录 … vii`) set without leaders, its page numbers at the right
    margin in lower-case Roman numerals: no `tables` row. An unseen thesis (its headings in glyphs without
    Unicode, so no contents page was recognised) gave a 3x2 table."""
    entries = [("插图目录", "vii"), ("表格目录", "viii"), ("符号列表", "ix")]

    def draw(page: Page) -> None:
        page.centered("目次", 16)
        for name, number in entries:
            page.text(LEFT, name, 12)
            page.text(RIGHT - 20, number, 12)
            page.y += 24

    def body(page: Page) -> None:
        page.centered("第1章 绪论", 14)
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "roman_contents.pdf", draw, body))
    assert rows["tables"] == [] and rows["table_cells"] == []


def test_code_listings_set_in_columns_are_no_tables(tmp_path):
    """A listing with its line numbers in a column of their own (`276 | \\ifhitsz@library…`) and shell commands
    with their comments set apart (`$ make doc | # 生成说明文档`): code, no `tables` rows, the lines kept as text.
    An unseen thesis template's manual gave 27 such "tables"."""
    numbered = [("276", "\\ifhitsz@library\\clearpage"), ("277", "\\else%"), ("278", "\\cleardoublepage"),
                ("279", "\\fi")]
    shell = [("$ make cls", "# 生成模板类文件"), ("$ make doc", "# 生成说明文档"), ("$ make thesis", "# 生成示例文档")]

    def draw(page: Page) -> None:
        page.paragraph(BODY)
        for rows, xs in ((numbered, [LEFT + 10, LEFT + 40]), (shell, [LEFT + 10, LEFT + 160])):
            for row in rows:
                page.row(xs, list(row), size=9)
            page.y += 12
            page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "listings.pdf", draw))
    assert rows["tables"] == [] and rows["table_cells"] == []
    text = " ".join(p["text"] for p in rows["paragraphs"])
    assert "# 生成说明文档" in text and "cleardoublepage" in text


def test_a_table_numbered_row_by_row_stays_a_table(tmp_path):
    """Rows numbered 1, 2, 3… in the first column with data beside them: a table (no code in its cells)."""
    body = [["1", "北京", "2189.3"], ["2", "上海", "2487.1"], ["3", "广州", "1873.4"], ["4", "深圳", "1756.0"]]

    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表5 城市人口", 9.5)
        page.row([LEFT + 20, LEFT + 120, LEFT + 260], ["序号", "城市", "人口"])
        for row in body:
            page.row([LEFT + 20, LEFT + 120, LEFT + 260], row)
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "numbered_table.pdf", draw))
    assert [(t[0], t[3]) for t in tables_of(rows)] == [("表5", [["序号", "城市", "人口"], *body])]


def test_a_short_note_set_close_under_a_table_with_wrapped_cells_is_the_note(tmp_path):
    """An unruled table whose cells wrap (lines closer than its rows) with a short `注：` line set as close under
    its last row: the note, not the last cell's next line."""
    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表2 样本说明", 9.5)
        page.row(XS, ["地区", "人口", "增长率", "变化"])
        page.row(XS, ["北京市区", "2189.3", "21.3", "增长"])
        page.y -= 4
        page.row(XS, ["（郊）", "", "", ""])
        page.row(XS, ["广州", "1873.4", "11.2", "持平"])
        page.row(XS, ["深圳", "1756.0", "9.6", "下降"])
        page.y -= 4
        page.text(XS[0], "注：万人。", 9)
        page.y += 24
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "close_note.pdf", draw))
    assert [(t[0], t[3]) for t in tables_of(rows)] == [("表2", [
        ["地区", "人口", "增长率", "变化"], ["北京市区（郊）", "2189.3", "21.3", "增长"],
        ["广州", "1873.4", "11.2", "持平"], ["深圳", "1756.0", "9.6", "下降"]])]
    assert rows["tables"][0]["note_source"] == "注：万人。"


def test_a_wrapped_cell_wider_than_its_column_so_far_and_a_close_note(tmp_path):
    """A cell's next line wider than the column's cells above it (`上海市区` / `（含郊区）`, reaching into the
    gap beside the column, starting under the cell) stays in the table, and a `注：` line set close under the last
    row is the note, not that row's next line. Before, the table ended at the wrap: its last rows were paragraphs
    and the note made a bodiless table of its own."""
    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表2 样本说明", 9.5)
        page.row(XS, ["地区", "人口", "增长率", "变化"])
        page.row(XS, ["北京", "2189.3", "21.3", "增长"])
        page.row(XS, ["上海市区", "2487.1", "19.8", "增长"])
        page.y -= 4
        page.row(XS, ["（含郊区）", "", "", ""])
        page.row(XS, ["广州", "1873.4", "11.2", "持平"])
        page.y -= 4
        page.text(XS[0], "注：单位万人。", 9)
        page.y += 24
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "wide_wrap.pdf", draw))
    assert [(t[0], t[3]) for t in tables_of(rows)] == [("表2", [
        ["地区", "人口", "增长率", "变化"], ["北京", "2189.3", "21.3", "增长"], ["上海市区（含郊区）", "2487.1", "19.8", "增长"],
        ["广州", "1873.4", "11.2", "持平"]])]
    assert rows["tables"][0]["note_source"] == "注：单位万人。"
    assert [p["text"] for p in rows["paragraphs"]] == [BODY, BODY]


def test_notes_numbered_with_circled_digits_under_a_ruled_table(tmp_path):
    """`注①：…` and `注(2) …` right under a ruled table are its notes (a numbered note's label without `注：`)."""
    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表3 分组统计", 9.5)
        c, top = page.c, page.y
        xs = [LEFT, LEFT + 110, LEFT + 220, LEFT + 330, RIGHT]
        data = [["组别", "样本", "均值", "标准差"], ["对照组", "120", "3.42", "0.81"], ["实验组", "118", "3.97", "0.77"]]
        for k in range(len(data) + 1):
            c.line(LEFT, HEIGHT - top - 20 * k, RIGHT, HEIGHT - top - 20 * k)
        for x in xs:
            c.line(x, HEIGHT - top, x, HEIGHT - top - 20 * len(data))
        for k, row in enumerate(data):
            for x, cell in zip(xs, row):
                page.text(x + 4, cell, 9.5, y=top + 20 * k + 14)
        page.y = top + 20 * len(data) + 14
        for note in ("注①：均值为五点量表得分。", "注(2) 标准差保留两位小数。"):
            page.text(LEFT, note, 9)
            page.y += 13
        page.y += 12
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "circled_notes.pdf", draw))
    (table,) = rows["tables"]
    assert table["note_source"] == "注①：均值为五点量表得分。\n注(2) 标准差保留两位小数。"
    assert [p["text"] for p in rows["paragraphs"]] == [BODY, BODY]


def test_t_values_under_right_aligned_coefficients_stay_rows(tmp_path):
    """A one-model regression table at an even pitch: each coefficient (right-aligned, reaching the column's edge)
    has its t value `(3.45)` on the next line with the first cell empty. Numbers do not wrap: each t value is a
    row of its own, not the coefficient cell's next line."""
    body = [["数字化", "0.213***"], ["", "(3.45)"], ["规模", "0.051**"], ["", "(2.10)"], ["样本量", "2310"]]
    right = LEFT + 260

    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表6 基准回归", 9.5)
        for label, value in [("变量", "模型1"), *body]:
            if label:
                page.text(LEFT + 20, label, 9.5)
            page.c.setFont("STSong-Light", 9.5)
            page.c.drawRightString(right, HEIGHT - page.y, value)
            page.y += 9.5 * 1.7
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "t_values.pdf", draw))
    (table,) = tables_of(rows)
    assert table[3] == [["变量", "模型1"], ["数字化", "0.213***"], ["数字化", "(3.45)"], ["规模", "0.051**"],
                        ["规模", "(2.10)"], ["样本量", "2310"]]
