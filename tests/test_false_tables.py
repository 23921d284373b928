"""Text that is no table, as real PDFs nobody tuned the reader on print it, drawn at test time (reportlab, CID
font STSong-Light) and read by the whole pipeline (process_paper): contents entries set without leaders
(`3 版本历史      16` after the leadered ones) and a shell listing framed line by line or between rules
(`$ compile.bat cls      # 生成 hitszthesis.cls`) are no tables; real tables with a `#` / `No.` column or
page-like numbers in their last column stay tables."""

from __future__ import annotations

from extract.paper import process_paper
from tests.test_table_layouts import BODY, HEIGHT, LEFT, RIGHT, Page, pdf, tables_of, three_line

SHELL = [("$ compile.bat cls", "# 生成模板类文件"), ("$ compile.bat doc", "# 生成说明文档"),
         ("$ compile.bat thesis", "# 生成示例文档"), ("$ compile.bat clean", "# 删除编译所产生的辅助文件")]
LEADER = " ." * 30


def contents_page(page: Page, before: list[tuple[str, str]], dotted: list[tuple[str, str]],
                  after: list[tuple[str, str]], title: str = "目录") -> None:
    """`目录`, entries without a leader (a title, a gap, the page number at the right margin), leadered entries,
    entries without a leader again; then a chapter's heading and text."""
    page.centered(title, 16)
    for k, (title, number) in enumerate([*before, *dotted, *after]):
        leadered = len(before) <= k < len(before) + len(dotted)
        x = LEFT + 20 if leadered else LEFT
        page.text(x, title + (LEADER if leadered else ""), 10.5)
        page.text(RIGHT - 6 * len(number), number, 10.5)
        page.y += 18
    page.y += 20
    page.centered("1 绪论", 14)
    page.paragraph(BODY)


def toc_removed(rows: dict) -> list[str]:
    return [f["original"] for f in rows["quality_flags"] if f["kind"] == "toc_line_removed"]


def test_contents_entries_without_leaders_after_the_leadered_ones_are_contents(tmp_path):
    """A contents page whose last chapters are set without leaders (`3 版本历史      16`, bold chapter lines):
    contents, removed as such (recorded), no `tables` row. An unseen LaTeX manual gave a 2x2 table of them."""
    dotted = [("2.1 研究方法", "3"), ("2.2 数据来源", "5"), ("2.3 变量定义", "8"), ("2.4 模型设定", "9")]
    after = [("3 实证结果", "12"), ("4 版本历史", "16"), ("5 开发人员", "19")]
    rows = process_paper(pdf(tmp_path / "contents_after.pdf", lambda page: contents_page(page, [], dotted, after)))
    assert rows["tables"] == [] and rows["table_cells"] == []
    removed = toc_removed(rows)
    assert removed[-3:] == ["3 实证结果 12", "4 版本历史 16", "5 开发人员 19"]
    assert not any("版本历史" in p["text"] for p in rows["paragraphs"])


def test_contents_entries_without_leaders_under_the_title_are_contents(tmp_path):
    """`目录`, then chapters without leaders (`1 简介      2`) above the leadered sections: all contents."""
    before = [("1 简介", "2"), ("2 使用帮助", "2")]
    dotted = [("2.1 使用方法", "3"), ("2.2 选项", "4"), ("2.3 基本命令", "7")]
    after = [("3 版本历史", "16"), ("4 开发人员", "19"), ("5 致谢", "21")]
    rows = process_paper(pdf(tmp_path / "contents_before.pdf", lambda page: contents_page(page, before, dotted, after)))
    assert rows["tables"] == [] and rows["table_cells"] == []
    removed = toc_removed(rows)
    assert removed[:3] == ["目录", "1 简介 2", "2 使用帮助 2"] and len(removed) == 9
    assert rows["documents"][0]["coverage"] == 1.0


def test_contents_entries_from_the_page_top_under_a_title_not_read_as_one_are_contents(tmp_path):
    """An unseen UCAS thesis's contents title is in a font without Unicode (read as garbage): its first entries,
    set without leaders (`Abstract      iv`), ran from the page's top into the leadered ones and were read as a
    2-column table. Entries from the top of the page, the title row with them, are contents."""
    before = [("摘要", "iii"), ("Abstract", "iv"), ("第一章 绪论", "1")]
    dotted = [("1.1 研究背景", "1"), ("1.2 研究内容", "2"), ("1.3 论文结构", "3")]
    after = [("第二章 方法", "5")]
    rows = process_paper(pdf(tmp_path / "contents_unread_title.pdf",
                             lambda page: contents_page(page, before, dotted, after, title="篇 目")))
    assert rows["tables"] == [] and rows["table_cells"] == []
    removed = toc_removed(rows)
    assert removed[:4] == ["篇 目", "摘要 iii", "Abstract iv", "第一章 绪论 1"] and len(removed) == 8
    assert rows["documents"][0]["coverage"] == 1.0


def test_contents_under_a_title_over_two_rows_not_read_as_one(tmp_path):
    """Unseen Taiwanese theses: the title `目次` in a font without Unicode lands on two rows; the entries below
    (`一、 緒論      1`) were a 3-column table."""
    before = [("摘要", "v"), ("一、 绪论", "1"), ("二、 实验", "3")]
    dotted = [("2.1 节名", "3"), ("2.2 小节名", "4"), ("2.3 装置", "4")]

    def draw(page: Page) -> None:
        page.centered("篇", 16)
        page.y += 4
        contents_page(page, before, dotted, [], title="目")

    rows = process_paper(pdf(tmp_path / "contents_two_row_title.pdf", draw))
    assert rows["tables"] == [] and rows["table_cells"] == []
    assert toc_removed(rows)[:3] == ["篇", "目", "摘要 v"] and len(toc_removed(rows)) == 8


def test_a_table_whose_last_column_is_page_like_numbers_stays_a_table(tmp_path):
    """Chapters and their page counts, rising like page numbers, in a captioned table after a contents page
    of its own: still a table (only rows running on from leadered entries are contents)."""
    body = [["1 绪论", "2"], ["2 方法", "7"], ["3 结果", "16"], ["4 讨论", "19"]]

    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表1 各章页数", 9.5)
        three_line(page, [LEFT + 40, RIGHT - 60], [["章节", "页数"]], body)
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "page_numbers.pdf", draw))
    assert [(t[0], t[3]) for t in tables_of(rows)] == [("表1", [["章节", "页数"], *body])]


def shaded_listing(page: Page, lines: list[tuple[str, str]]) -> None:
    """A listing set on shaded line boxes with a bar at the left (LaTeX's listings / tcolorbox frames)."""
    page.c.setFillGray(0.95)
    for _ in lines:
        page.c.rect(LEFT, HEIGHT - page.y - 14, RIGHT - LEFT, 14, stroke=0, fill=1)
        page.c.setLineWidth(0.6)
        page.c.line(LEFT - 3, HEIGHT - page.y - 14, LEFT - 3, HEIGHT - page.y)
        page.y += 14
    page.c.setFillGray(0)
    page.y -= 14 * len(lines)
    for command, comment in lines:
        page.text(LEFT + 4, command, 9, y=page.y + 10)
        page.text(LEFT + 170, comment, 9, y=page.y + 10)
        page.y += 14
    page.y += 16


def test_a_shell_listing_on_shaded_line_boxes_is_no_table(tmp_path):
    """`$ compile.bat cls      # 生成…` lines on shaded boxes: a listing, its lines kept as text, no `tables`
    row. An unseen thesis template's manual gave a 7x2 table from the boxes (ruled_tables)."""
    def draw(page: Page) -> None:
        page.paragraph(BODY)
        shaded_listing(page, SHELL)
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "shaded_listing.pdf", draw))
    assert rows["tables"] == [] and rows["table_cells"] == []
    text = " ".join(p["text"] for p in rows["paragraphs"])
    assert "$ compile.bat thesis # 生成示例文档" in text
    assert rows["documents"][0]["coverage"] == 1.0


def test_a_shell_listing_between_rules_is_no_table(tmp_path):
    """The same listing between a top rule, a rule under its first line and a bottom rule (a three-line table's
    rules): no `tables` row (rule_tables)."""
    def draw(page: Page) -> None:
        page.paragraph(BODY)
        three_line(page, [LEFT + 4, LEFT + 170], [list(SHELL[0])], [list(r) for r in SHELL[1:]])
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "ruled_listing.pdf", draw))
    assert rows["tables"] == [] and rows["table_cells"] == []
    assert "$ compile.bat clean # 删除编译所产生的辅助文件" in " ".join(p["text"] for p in rows["paragraphs"])


def test_tables_with_a_number_sign_or_no_column_stay_tables(tmp_path):
    """A `#` column numbering the rows of a three-line table, a `No.` column in a table on shaded row boxes:
    tables (their rows open with numbers, not one prompt sign; the numbered rows hold no code)."""
    body = [["1", "北京", "2189.3"], ["2", "上海", "2487.1"], ["3", "广州", "1873.4"], ["4", "深圳", "1756.0"]]

    def draw(page: Page) -> None:
        page.paragraph(BODY)
        page.centered("表1 城市人口", 9.5)
        three_line(page, [LEFT + 20, LEFT + 120, LEFT + 260], [["#", "城市", "人口"]], body)
        page.paragraph(BODY)
        page.centered("表2 命令说明", 9.5)
        shaded_listing(page, [("No.", "说明"), ("1", "生成模板类文件"), ("2", "生成说明文档"), ("3", "生成示例文档")])
        page.paragraph(BODY)

    rows = process_paper(pdf(tmp_path / "number_sign.pdf", draw))
    assert [(t[0], t[3]) for t in tables_of(rows)] == [
        ("表1", [["#", "城市", "人口"], *body]),
        ("表2", [["No.", "说明"], ["1", "生成模板类文件"], ["2", "生成说明文档"], ["3", "生成示例文档"]])]
