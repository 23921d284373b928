"""read_pdf on real PDFs nobody here wrote (../shared/realworld/pdf, README there), named after
the file and what it reproduces. Skipped when ../shared is absent."""

from __future__ import annotations

import pytest

from conftest import REALWORLD_PDF as REALWORLD
from conftest import needs_material
from extract.pdf import read_pdf

pytestmark = needs_material(REALWORLD)


@pytest.fixture(scope="module")
def read():
    cache: dict = {}

    def reader(name: str):
        if name not in cache:
            cache[name] = read_pdf(REALWORLD / name)
        return cache[name]
    return reader


def texts(result) -> list[str]:
    return [b.text for b in result.blocks if b.kind == "text"]


def changes(result, *kinds) -> list[tuple]:
    return [(c.kind, c.page, c.original) for c in result.changes if c.kind in kinds]


def test_issue_71_glyphs_drawn_twice_read_once(read):
    """pdfplumber's test_dedupe_chars: the résumé's last line, each glyph once, its two columns apart."""
    result = read("pdfplumber_issue-71-duplicate-chars.pdf")
    assert [(c.kind, c.page, c.detail.split(":")[1].split(" glyphs")[0].strip()) for c in result.changes] == [
        ("duplicate_glyphs_removed", 1, "148"), ("duplicate_glyphs_removed", 2, "109")]
    assert "微软 培训课程： 名模意义一些有意义一些" in texts(result)
    # the headings drawn twice are bold, the descriptions under them are not
    assert [(t.text, t.bold) for t in result.blocks[1:4]] == [
        ("2020.01 - 2020.05", False), ("项目名称一1", True), (texts(result)[3], False)]
    assert not any(t.kind == "table" for t in result.blocks)  # the page frame is not a table


def test_issue_842_glyphs_drawn_four_times_read_once(read):
    result = read("pdfplumber_issue-842-example.pdf")
    assert texts(result) == ["安徽安利合成革股份有限公司 ANHUI ANLI ARTIFICIAL LEATHER CO.,LTD.", "2011 年年度报告",
                             "股票代码：300218", "股票简称：安利股份", "披露日期：2012 年 3 月 27 日"]
    assert result.glyph_text[1].count("安徽") == 1


def test_journal_aps_cn_glyphs_of_several_chars_and_without_unicode_do_not_fail_the_file(read):
    """`ord() expected a character, but string of length 7 found`: a CMEX glyph reads as `(cid:12)`."""
    result = read("journal_aps_cn.pdf")
    assert result.n_pages == 5
    assert changes(result, "glyph_without_unicode") == [
        ("glyph_without_unicode", 4, "(cid:8)(cid:9)(cid:12)(cid:12)(cid:12)(cid:12)(cid:18)(cid:19)")]
    # the `fi` ligature of "figure" is one glyph of two characters
    assert "2. 图形 (figure) 与表格 (table), 编号居中, 使用单一的编号方式, 使用\\ref{}引用;" in texts(result)


def test_journal_aps_cn_displayed_formulas_are_removed_with_their_numbers(read):
    result = read("journal_aps_cn.pdf")
    removed = changes(result, "formula_debris_removed")
    assert ("formula_debris_removed", 2, "π = 3.1415926 ···") in removed
    assert ("formula_debris_removed", 2, "(2)") in removed
    assert not any("3.1415926" in t for t in texts(result))
    assert "都得到 1 + 2 + ··· + n; i = 1, 2, . . . , k." in texts(result)  # inline math stays


def test_journal_aps_cn_chart_labels_are_figure_text(read):
    result = read("journal_aps_cn.pdf")
    assert [o for k, p, o in changes(result, "figure_text_removed") if p == 2][:9] == [
        "1", "0.5", "1", "2", "3", "4", "5", "-0.5", "-1"]
    assert "图 1 一个浮动图" in texts(result)  # the caption under the chart stays whole


def test_bithesis_running_headers_and_roman_page_numbers(read):
    result = read("bithesis_graduation.pdf")
    assert changes(result, "running_header_removed") == [
        ("running_header_removed", n, "北京理工大学本科生毕业设计（论文）") for n in range(2, 12)]
    assert changes(result, "page_number_removed") == [
        ("page_number_removed", n, label)
        for n, label in zip(range(3, 12), ["I", "II", "III", "1", "2", "3", "4", "5", "6"])]
    assert not any(t == "北京理工大学本科生毕业设计（论文）" for t in texts(result))


def test_bithesis_table_of_contents_is_removed(read):
    result = read("bithesis_graduation.pdf")
    toc = changes(result, "toc_line_removed")
    assert [p for _, p, _ in toc] == [5] * 12
    assert [o.split(" .")[0] for _, _, o in toc] == [
        "目录", "摘要", "Abstract", "第 1 章 一级题目", "1. 1 二级题目", "1. 1. 1 三级题目", "结论", "参考文献", "附录",
        "附录 A LATEX 环境的安装", "附录 B BIThesis 使用说明", "致谢"]
    assert not any(b.page_start == 5 for b in result.blocks)


def test_bithesis_soft_hyphen_inside_a_line_is_a_hyphen(read):
    assert any("摘要建议 300-500 字。" in t for t in texts(read("bithesis_graduation.pdf")))


def test_journal_aas_title_block_above_two_columns(read):
    """Page 1: the full-width title, abstract and citation block, then the left column, then the right."""
    page_one = [t for t, b in zip(texts(read("journal_aas_template.pdf")), read("journal_aas_template.pdf").blocks)
                if b.page_start == 1]
    assert page_one[:3] == [  # the journal's two header rows, left to right
        "第 XX 卷第 X 期 自动化学报 Vol. XX, No. X 202X 年 X 月 ACTA AUTOMATICA SINICA Month, 202X",
        "《自动化学报》稿件加工样本", "尚书林 ^[1,2] 左年明 ^[2]"]
    body = page_one.index("1 准备稿件")
    assert page_one[body - 1].startswith("本文是《自动化学报》中文稿件 LATEX 模版的一个样例和使用说明.")
    assert page_one[body + 1].startswith("在正文开始之前, 需要用\\cntitle来定义中文标题")
    assert page_one[body + 2].startswith("稿件首页应包括下列内容")  # the right column after the left
    assert page_one[body + 3] == "1.1 关于 section 标题的写法"


def test_journal_aas_footnotes_are_footnotes(read):
    result = read("journal_aas_template.pdf")
    notes = [(b.page_start, b.text) for b in result.blocks if b.kind == "footnote"]
    starts = ["收稿日期 XXXX-XX-XX 录用日期", "Manuscript received", "国家重点基础研究发展计划 (973 计划)",
              "Supported by National", "本文责任编委 XXX", "Recommended by Associate", "1. 中国科学院自动化研究所",
              "1. Hi-Tech Innovation Center"]
    assert len(notes) == len(starts) and all(t.startswith(start) for (_, t), start in zip(notes, starts))
    assert {p for p, _ in notes} == {1}
    assert not any("收稿日期" in t for t in texts(result))


def test_journal_aas_three_line_tables_and_their_captions(read):
    result = read("journal_aas_template.pdf")
    tables = [b.rows for b in result.blocks if b.kind == "table"]
    assert [len(t) for t in tables] == [12, 11]
    assert tables[0][0] == ["对手 (OPP)", "比分 (CSU : OPP)", "团队决策所占比例", "个体决策所占比例", "团队决策与个体决策比值"]
    assert tables[1][-1] == ["10", "DSCC1", "RN7SL329"]
    assert "Table 1 An example table in two column" in texts(result)  # a second-language caption line of its own


def test_journal_aas_close_reference_lines_are_not_interleaved(read):
    lines = texts(read("journal_aas_template.pdf"))
    at = lines.index("10.16383/j.aas.c210583")
    assert lines[at + 1] == "(刘健, 顾扬, 程玉虎, 王雪松. 基于多智能体强化学习的乳腺癌致病"


def test_issue_461_rules_between_lines_are_no_table(read):
    result = read("pdfplumber_issue-461-example.pdf")
    tables = [b.rows for b in result.blocks if b.kind == "table"]
    assert len(tables) == 1 and tables[0][0] == ["项目", "检验方法", "提示", "结果", "单位", "参考范围"]
    assert len(tables[0]) == 23 and tables[0][-1] == ["血小板计数(PLT)", "仪器法", "", "149", "E+9/L", "[125-350]"]
    assert texts(result)[3:] == ["临床诊断: 样本类型:EDTA抗凝血 样本状态: 正常", "建议与解释: 无",
                                 "----------以下空白----------"]  # notes under the table are not rows


def test_journal_aps_cn_ruled_table_with_open_sides_and_a_missing_row_rule(read):
    """`\\begin{tabular}{r|l||c|rrr|c|c}`: no rule at the two sides, none between rows 1 and 2: the
    outer columns are the table's (not a second table beside it) and rows 1 and 2 are two rows.
    `rrr` draws no rule between W, T and L: the ruled column is cut where no row prints (three columns)."""
    result = read("journal_aps_cn.pdf")
    tables = [b.rows for b in result.blocks if b.kind == "table"]
    assert len(tables) == 1
    assert tables[0][:3] == [["Positiion", "俱乐部", "比赛", "W", "T", "L", "Goals", "Points"],
                             ["1", "Amesville Rockets", "33", "19", "13", "1", "66:31", "51:15"],
                             ["2", "Borden Comets", "33", "18", "9", "6", "65:37", "45:21"]]
    assert tables[0][-1] == ["18", "Arlson Regulars", "33", "3", "11", "19", "37:74", "17:49"]
