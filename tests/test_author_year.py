"""Author-year citations (GB/T 7714 著者-出版年制): read in papers without numeric markers, resolved by first
author and year, kept in the text."""

from __future__ import annotations

import pytest

from extract.citations.author_year import AuthorYear, find_author_year, first_author_key, resolve
from extract.paper import process_paper
from extract.run.sequence import paper_frames
from extract.schema.checks import find_failures


@pytest.mark.parametrize("text, found", [
    ("数字金融促进了消费（易行健和周利，2018；张勋等，2020）。",
     [("易行健", 2018, "", True), ("张勋", 2020, "", True)]),
    ("郭峰等（2020）编制了指数。", [("郭峰", 2020, "", False)]),
    ("正如 Li et al.（2020）所说", [("Li", 2020, "", False)]),
    ("但 Smith and Jones (2015) 认为", [("Smith", 2015, "", False)]),
    ("效果有限（Smith, 2010a; Wang & Liu, 2012）", [("Smith", 2010, "a", True), ("Wang", 2012, "", True)]),
    ("（张三，2018，2019）", [("张三", 2018, "", True), ("张三", 2019, "", True)]),
    ("这一时期（2018—2020年）增长较快", []),
    ("GDP（2019）为", []),  # an acronym is no surname
    ("见表1（2019）", []),
])
def test_find_author_year(text, found):
    got = find_author_year(text)
    # a Chinese name before 等 or （ keeps what may be its first character: resolution trims it
    assert [(c.name if not c.han or c.parenthetical else c.name[-len(f[0]):], c.year, c.letter, c.parenthetical)
            for c, f in zip(got, found)] == found
    assert len(got) == len(found)


REFERENCES = [
    {"ref_no": 1, "authors": ["郭峰", "王靖一"], "year": 2020, "raw": "郭峰，王靖一. 测度[J]. 经济学，2020."},
    {"ref_no": 2, "authors": ["Smith A"], "year": 2010, "raw": "Smith A. One[J]. J, 2010a, 1: 1-2."},
    {"ref_no": 3, "authors": ["Smith A", "Jones B"], "year": 2010, "raw": "Smith A, Jones B. Two[J]. J, 2010b."},
    {"ref_no": 4, "authors": ["SMITH John"], "year": 2015, "raw": "SMITH John. Three[M]. 2015."},
    {"ref_no": 5, "authors": ["峰王"], "year": 2020, "raw": "峰王. 另一[J]. 刊, 2020."},
]


@pytest.mark.parametrize("cite, ref_no", [
    (AuthorYear("本文参考了郭峰", True, 2020, "", "", 0, False), 1),  # the name's first character found
    (AuthorYear("郭峰", True, 2020, "", "", 0, True), 1),
    (AuthorYear("郭峰", True, 2019, "", "", 0, True), None),  # wrong year
    (AuthorYear("Smith", False, 2010, "a", "", 0, True), 2),  # the letter printed in the entry
    (AuthorYear("Smith", False, 2010, "b", "", 0, True), 3),
    (AuthorYear("Smith", False, 2010, "", "", 0, True), None),  # two Smith 2010: ambiguous
    (AuthorYear("smith", False, 2015, "", "", 0, True), 4),  # any case
    (AuthorYear("Jones", False, 2010, "", "", 0, True), None),  # not a first author
])
def test_resolve(cite, ref_no):
    assert resolve(cite, REFERENCES) == ref_no


def test_first_author_key():
    assert [first_author_key(a) for a in (["易行健", "周利"], ["Li J", "Wu Y"], ["van Dijk, T."], [], None)] == [
        "易行健", "li", "van", None, None]


PAPER = """数字金融与家庭消费
摘要：本文研究数字金融对家庭消费的影响。
一、引言
已有研究发现数字金融促进了消费（易行健和周利，2018；张勋等，2020）。Li et al.（2020）也得到了类似结论，但 Smith and Jones (2015) 认为效果有限（Smith, 2010a）。
二、结论
本文参考了郭峰等（2020）编制的指数（王五，2021）。
参考文献
郭峰，王靖一，王芳，等. 测度中国数字普惠金融发展：指数编制与空间特征[J]. 经济学（季刊），2020，19（4）：1401-1418.
易行健，周利. 数字普惠金融发展是否显著影响了居民消费[J]. 金融研究，2018（11）：47-67.
张勋，万广华，吴海涛. 数字金融与中国包容性增长[J]. 经济研究，2020，55（8）：4-19.
Li J, Wu Y, Xiao J J. The impact of digital finance on household consumption[J]. Economic Modelling, 2020, 86: 317-326.
Smith A. Consumption and credit[J]. Journal of Finance, 2010, 65(2): 1-20.
Smith A, Jones B. Digital payments[J]. Review of Economics, 2015, 10(1): 5-9.
"""


def test_an_author_year_paper_cites_its_list(tmp_path):
    path = tmp_path / "author_year.txt"
    path.write_text(PAPER, encoding="utf-8")
    frames = paper_frames(process_paper(path))
    assert find_failures(frames) == []
    references = frames["references"]
    assert len(references) == 6  # the English entry after a Chinese one of its year is an entry of its own
    citations = frames["citations"]
    assert citations[["paragraph_no", "ref_no", "marker", "style", "resolved"]].values.tolist() == [
        [1, 2, "（易行健和周利，2018；张勋等，2020）", "author_year", True],
        [1, 3, "（易行健和周利，2018；张勋等，2020）", "author_year", True],
        [1, 4, "Li et al.（2020）", "author_year", True],
        [1, 6, "Smith and Jones （2015）", "author_year", True],
        [1, 5, "（Smith, 2010a）", "author_year", True],
        [2, 1, "郭峰等（2020）", "author_year", True]]
    paragraphs = frames["paragraphs"].set_index("paragraph_no")["text"]
    for _, row in citations.iterrows():  # the citation stays in the text, where its offset says
        text = paragraphs[row["paragraph_no"]]
        assert text[row["char_offset"]:row["char_offset"] + len(row["marker"])] == row["marker"]
    flags = frames["quality_flags"]
    assert flags[flags["kind"] == "citation_unresolved"]["original"].tolist() == ["（王五，2021）"]
    assert flags[flags["kind"] == "reference_list_unnumbered"].shape[0] == 1
    assert "reference_number_missing" not in set(flags["kind"])
    assert "reference_never_cited" not in set(flags["kind"])


def test_a_paper_with_numeric_markers_does_not_read_author_year_shapes(tmp_path):
    path = tmp_path / "numeric.txt"
    path.write_text("城市治理\n摘要：本文研究城市治理。\n一、引言\n张三（2019）指出城市治理很重要[1]。\n参考文献\n"
                    "[1] 张三. 城市治理[J]. 管理世界, 2019(1): 1-10.\n", encoding="utf-8")
    frames = paper_frames(process_paper(path))
    assert frames["citations"][["ref_no", "marker", "style"]].values.tolist() == [[1, "[1]", "numeric"]]


TAIWANESE = """數位學習對學生成就之影響
摘要：本研究探討數位學習對國中學生學習成就之影響。
關鍵詞：數位學習、學習成就
壹、緒論
過去研究指出，數位學習能提升學習動機（王小明，2019；Chen & Lee, 2018）。林美華（2020）則認為效果有限。
貳、文獻探討
一、數位學習的定義
「數位學習」一詞最早由美國教育部提出。
參、結論
數位學習有助於學習成就。
參考文獻
王小明（2019）。數位學習與學習動機之研究。教育研究集刊，65（2），1-30。
林美華（2020）。國中數位教學的困境。臺灣教育評論月刊，9（4），55-60。
Chen, Y., & Lee, M. (2018). Online learning and achievement. Computers & Education, 120, 1-12.
"""


def test_a_taiwanese_paper_with_formal_numerals_and_an_apa_list(tmp_path):
    path = tmp_path / "tw.txt"
    path.write_text(TAIWANESE, encoding="big5")
    frames = paper_frames(process_paper(path))
    assert find_failures(frames) == []
    assert frames["sections"][["label", "title", "level", "parent_section_no"]].astype(object).fillna(
        0).values.tolist() == [
        ["壹", "绪论", 1, 0], ["貳", "文献探讨", 1, 0], ["一", "数位学习的定义", 2, 2], ["參", "结论", 1, 0]]
    references = frames["references"]
    assert references[["authors", "year", "container", "parse_status"]].values.tolist() == [
        [["王小明"], 2019, "教育研究集刊", "ok"], [["林美华"], 2020, "台湾教育评论月刊", "ok"],
        [["Chen Y", "Lee M"], 2018, "Computers & Education", "ok"]]
    assert frames["citations"][["ref_no", "marker"]].values.tolist() == [
        [1, "（王小明，2019；Chen & Lee, 2018）"], [3, "（王小明，2019；Chen & Lee, 2018）"], [2, "林美华（2020）"]]
    assert "section_numbering_gap" not in set(frames["quality_flags"]["kind"])
