"""Notes printed under a table and keyed by marks in its cells (`¹ 甲：…` under a cell `甲¹`, `** p<0.05` under
`0.31**`) are the table's notes (tables.note), and those marks are the notes' keys, not citations; a bracketed
list of numbers in program code (`weight_variable([5, 5, 1, 24])`) is no citation, while Chinese prose keeps its
`[5, 6]` and `[1-3]`. PDFs typeset at test time (tests/pdfbuild.py), read by the whole pipeline."""

from __future__ import annotations

from pdfbuild import build_paper_pdf

from extract.citations.markers import extract_citation_markers
from extract.paper import process_paper

REFERENCES = """参考文献

[1] 张三. 区域经济统计方法[J]. 统计研究, 2019, 36(4): 1-10.
[2] 李四. 年度与季度汇总的比较[J]. 经济研究, 2020, 55(2): 20-30.
[3] 王五. 地区产值的估计[J]. 管理世界, 2018, 34(1): 5-15.
[4] 赵六. 卷积网络的图像去噪[J]. 计算机学报, 2021, 44(3): 30-40.
[5] 钱七. 深度学习与图像复原[J]. 软件学报, 2022, 33(5): 50-60.
[6] 孙八. 残差网络的训练方法[J]. 自动化学报, 2023, 49(6): 70-80.
"""


def paper(tmp_path, body: str) -> dict:
    path = tmp_path / "paper.pdf"
    build_paper_pdf(path, "区域经济指标的比较研究\n\n1 引言\n\n" + body + "\n" + REFERENCES, running_header=None)
    return process_paper(path)


def cells(rows: dict, col_no: int) -> list[tuple[str, str]]:
    return [(c["value"], c["value_source"]) for c in sorted(rows["table_cells"], key=lambda c: c["row_no"])
            if c["col_no"] == col_no]


def citations(rows: dict) -> list[tuple[str, str, int]]:
    return [(c["location"], c["marker"], c["ref_no"]) for c in rows["citations"]]


def test_notes_keyed_by_raised_numbers_are_the_tables_notes(tmp_path):
    rows = paper(tmp_path, """本文比较各地区的经济指标，所用资料来自统计年鉴，已有研究[1]讨论过汇总方法，下表给出两种方法的结果。

表1 各地区的经济指标
地区\t产值\t方法
北京\t12.5\t甲^[1]
上海\t8.3\t乙^[2]
^[1] 甲：按年度汇总的产值。
^[2] 乙：按季度汇总的产值。

由表1可见，两种方法的结果相近，文献[2]的结论与此一致，这里不再赘述。
""")
    [table] = rows["tables"]
    assert table["note"] == "¹ 甲：按年度汇总的产值。\n² 乙：按季度汇总的产值。"
    assert table["note_source"] == "^[1] 甲：按年度汇总的产值。\n^[2] 乙：按季度汇总的产值。"
    assert cells(rows, 3) == [("方法", "方法"), ("甲¹", "甲^[1]"), ("乙²", "乙^[2]")]
    # the marks in the cells and notes cite nothing; the body's two citations stay
    assert citations(rows) == [("paragraph", "[1]", 1), ("paragraph", "[2]", 2)]
    assert [p["text"] for p in rows["paragraphs"]] == [
        "本文比较各地区的经济指标，所用资料来自统计年鉴，已有研究讨论过汇总方法，下表给出两种方法的结果。",
        "由表1可见，两种方法的结果相近，文献的结论与此一致，这里不再赘述。"]


def test_a_raised_number_no_note_carries_stays_a_citation(tmp_path):
    """Only the numbers of the notes under the table are keys: a cell citing [3] with no note 3 cites it."""
    rows = paper(tmp_path, """本文比较各地区的经济指标，所用资料来自统计年鉴，已有研究[1]讨论过汇总方法，下表给出两种方法的结果。

表1 各地区的经济指标
地区\t产值\t方法
北京\t12.5\t甲^[1]
上海\t8.3\t王五的估计^[3]
^[1] 甲：按年度汇总的产值。

由表1可见，两种方法的结果相近，文献[2]的结论与此一致，这里不再赘述。
""")
    [table] = rows["tables"]
    assert table["note"] == "¹ 甲：按年度汇总的产值。"
    assert cells(rows, 3)[1:] == [("甲¹", "甲^[1]"), ("王五的估计", "王五的估计^[3]")]
    assert citations(rows) == [("paragraph", "[1]", 1), ("table_cell", "^[3]", 3), ("paragraph", "[2]", 2)]


def test_star_notes_keyed_by_significance_marks(tmp_path):
    """Significance stars under a regression table (read as its notes before this change too: a guard that the
    keyed-note reader keeps them, and that `0.31**` stays the value)."""
    rows = paper(tmp_path, """本文比较各地区的经济指标，所用资料来自统计年鉴，已有研究[1]讨论过回归方法，下表给出回归的结果。

表1 回归结果
变量\t系数\t标准误
产值\t0.31**\t0.12
人口\t0.08*\t0.04
** p<0.05，显著。
* p<0.1，弱显著。

由表1可见，产值的系数显著为正，文献[2]的结论与此一致，这里不再赘述。
""")
    [table] = rows["tables"]
    assert table["note"] == "** p<0.05，显著。\n* p<0.1，弱显著。"
    assert cells(rows, 2)[1:] == [("0.31**", "0.31**"), ("0.08*", "0.08*")]
    assert not any("p<0.05" in p["text"] for p in rows["paragraphs"])
    assert citations(rows) == [("paragraph", "[1]", 1), ("paragraph", "[2]", 2)]


def test_code_lines_cite_nothing_prose_keeps_its_citations(tmp_path):
    rows = paper(tmp_path, """已有研究[5, 6]表明，卷积网络能够去除图像噪声，方法[1-3]在统计数据上同样有效。

附代码1
W_conv1 = weight_variable([5, 5, 1, 24]) # 第一层卷积层
b_conv1 = bias_variable([24]) # 第一层卷积层的偏置量
x_image = tf.reshape(x, [-1, im.size[0], im.size[1], 1])
if (tmp[1] - tmp[0] > tmp[3] - tmp[2]):

文献[4]给出了网络的训练细节，这里不再赘述。
""")
    assert citations(rows) == [("paragraph", "[5, 6]", 5), ("paragraph", "[5, 6]", 6),
                               ("paragraph", "[1-3]", 1), ("paragraph", "[1-3]", 2), ("paragraph", "[1-3]", 3),
                               ("paragraph", "[4]", 4)]
    text = "\n".join(p["text"] for p in rows["paragraphs"])
    assert "W_conv1 = weight_variable([5, 5, 1, 24]) # 第一层卷积层" in text
    assert "b_conv1 = bias_variable([24])" in text


def test_code_guard_keeps_prose_citations():
    def markers(text: str) -> list[str]:
        return [m["marker"] for m in extract_citation_markers(text)[1]]

    assert markers("W_conv1 = weight_variable([5, 5, 1, 24]) # 第一层卷积层") == []
    assert markers("tmp.remove(tmp[3])") == []
    assert markers("strides = conv(x, W, [1, 2, 2, 1])") == []
    assert markers("img = apps.mat2img(img_cat).resize([180, 512])") == []
    assert markers("if (tmp[1] - tmp[0] > tmp[3] - tmp[2]):") == []
    assert markers("令 x = [5, 6]，则") == []
    assert markers("已有研究[5, 6]表明，方法[1-3]有效。") == ["[5, 6]", "[1-3]"]
    assert markers("N = 100 时，模型精度最高[5, 6]。") == ["[5, 6]"]
    assert markers("N = 100 gives the best results [5, 6].") == ["[5, 6]"]
    assert markers("as shown in [5, 6], the method works [3].") == ["[5, 6]", "[3]"]
    assert markers("模型 BERT([5]) 的结果") == ["[5]"]
    assert markers("for example the method [3] works:") == ["[3]"]
    assert markers("Zhang et al.([3]) showed it, IX[1] and ZygOS[15] too.") == ["[3]", "[1]", "[15]"]
    assert markers("其中 N = 100 [5, 6]，如文献[3]所述，当 x>0 时") == ["[5, 6]", "[3]"]


def test_note_keys_and_cell_marks():
    from extract.structure.captions import cell_marks, keyed_table_note, note_key

    assert [note_key(t) for t in ("^[3] *: 使用中断", "¹ D-FCFS: 分布式", "** p<0.05", "(b) 按季度", "ᵃ 估计值",
                                  "注：数据来自年鉴", "1 引言")] == ["3", "1", "**", "b", "a", None, None]
    assert cell_marks([["*^[3]", "D-FCFS¹", "0.12**", "×^[4,5]", "3.5ᵇ", "*"]]) == {"3", "1", "**", "4", "5", "b"}
    rows = [["方法", "结果"], ["甲^[1]", "0.5"]]
    assert keyed_table_note("^[1] 甲：按年度汇总。", rows, None) == "1"
    assert keyed_table_note("^[2] 乙：按季度汇总。", rows, None) is None  # no cell carries 2
    assert keyed_table_note("^[2] 乙：按季度汇总。", rows, "1") == "2"  # goes on with the run of notes
    assert keyed_table_note("* 按年度汇总。", [["方法"], ["*"]], None) is None  # a cell `*` is a value
