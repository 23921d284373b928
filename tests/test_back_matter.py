"""What comes after the reference list is kept: appendices, acknowledgements, author biographies, the
English block; the reference list is the list under its heading, wherever it stands."""

from __future__ import annotations

import pandas as pd

from extract.paper import process_paper
from extract.run.sequence import paper_frames
from extract.structure.back_matter import parse_named_heading
from extract.structure.headings import Heading


def frames_of(tmp_path, text: str) -> dict[str, pd.DataFrame]:
    path = tmp_path / "paper.txt"
    path.write_text(text, encoding="utf-8")
    return paper_frames(process_paper(path))


def section_rows(frames) -> list[list]:
    sections = frames["sections"]
    return sections[["section_no", "parent_section_no", "level", "label", "title", "part"]
                    ].astype(object).fillna("-").values.tolist()


THESIS_END = """城市社区治理研究
摘要：本文研究社区治理。
关键词：社区；治理
第1章 绪论
社区治理是重要议题[1]。
结论
本文得出结论[2]。
参考文献
[1] 张三. 社区治理研究[J]. 社会学研究, 2019, 34(2): 1-20.
[2] 李四. 城市治理[M]. 北京: 人民出版社, 2018.
附录
附录相关内容。
附录 A 调查问卷
问卷共二十题。
附录 B 访谈提纲
访谈对象为社区居民。
致谢
感谢导师的指导。
"""


def test_back_matter_after_the_reference_list_becomes_sections_and_paragraphs(tmp_path):
    frames = frames_of(tmp_path, THESIS_END)
    assert section_rows(frames) == [
        [1, "-", 1, "1", "绪论", "body"], [2, "-", 1, "-", "结论", "body"],
        [3, "-", 1, "-", "附录", "back"], [4, 3, 2, "A", "调查问卷", "back"], [5, 3, 2, "B", "访谈提纲", "back"],
        [6, "-", 1, "-", "致谢", "back"]]
    paragraphs = frames["paragraphs"]
    assert paragraphs[["text", "section_no", "part"]].values.tolist() == [
        ["社区治理是重要议题。", 1, "body"], ["本文得出结论。", 2, "body"], ["附录相关内容。", 3, "back"],
        ["问卷共二十题。", 4, "back"], ["访谈对象为社区居民。", 5, "back"], ["感谢导师的指导。", 6, "back"]]
    assert frames["references"]["ref_no"].tolist() == [1, 2]
    assert frames["citations"]["resolved"].tolist() == [True, True]
    flags = frames["quality_flags"]
    assert "section_numbering_gap" not in set(flags["kind"])


def test_a_subsection_about_references_is_not_the_list(tmp_path):
    frames = frames_of(tmp_path, """文献计量方法研究
摘要：本文研究引文。
1. 引言
引文分析是文献计量的基础[1]。
2. 方法
2.1 数据
数据来自数据库。
2.2 参考文献
参考文献的著录格式影响引文识别的准确率，本文统一处理。
3. 结论
本文得出结论。
参考文献
[1] 王五. 文献计量学[M]. 北京: 科学出版社, 2015.
""")
    assert frames["sections"]["title"].tolist() == ["引言", "方法", "数据", "参考文献", "结论"]
    assert frames["paragraphs"][["text", "section_no"]].values.tolist() == [
        ["引文分析是文献计量的基础。", 1], ["数据来自数据库。", 3],
        ["参考文献的著录格式影响引文识别的准确率，本文统一处理。", 4], ["本文得出结论。", 5]]
    assert frames["references"]["raw"].tolist() == ["[1] 王五. 文献计量学[M]. 北京: 科学出版社, 2015."]


def test_the_english_block_after_the_reference_list_fills_the_front_matter(tmp_path):
    frames = frames_of(tmp_path, """一类随机模型的参数估计
刘一鸣
(武汉大学数学与统计学院, 武汉 430072)
摘要 本文研究参数估计.
关键词 随机模型; 参数估计
1. 引言
正文[1].
参考文献
[1] Wang Z Q. Singular Minimization Problems. J. Differential Equations, 2000, 161(2): 307-320
Parameter Estimation for a Class of Stochastic Models
LIU Yiming
(School of Mathematics and Statistics, Wuhan University, Wuhan 430072)
Abstract In this article, we study parameter estimation.
Key words stochastic model;
parameter estimation
2010 Mathematics Subject Classification 62G05
""")
    doc = frames["documents"].iloc[0]
    assert (doc["title_en"], doc["abstract_en"]) == ("Parameter Estimation for a Class of Stochastic Models",
                                                   "In this article, we study parameter estimation.")
    author = frames["authors"].iloc[0]
    assert author[["name_zh", "name_en", "affiliation", "affiliation_en", "address"]].tolist() == [
        "刘一鸣", "LIU Yiming", "武汉大学数学与统计学院", "School of Mathematics and Statistics, Wuhan University",
        "武汉 430072"]
    assert frames["keywords"][["keyword", "lang"]].values.tolist() == [
        ["随机模型", "zh"], ["参数估计", "zh"], ["stochastic model", "en"], ["parameter estimation", "en"]]
    assert len(frames["references"]) == 1
    back = frames["paragraphs"][frames["paragraphs"]["part"] == "back"]
    assert back["text"].tolist() == ["2010 Mathematics Subject Classification 62G05"]


def test_author_biographies_after_the_reference_list(tmp_path):
    frames = frames_of(tmp_path, """协同控制的若干问题
钱学东 1 孙海燕 2
摘要 本文研究协同控制.
1 引言
1.1 背景
正文[1].
References
1 Wang X S, Gu Y. Approximate policy-based accelerated deep reinforcement learning. IEEE Transactions on
Neural Networks and Learning Systems, 2020, 31(6): 1820-1830
钱学东清华大学自动化系博士
研究生. 主要研究方向为协同控制.
E-mail: qxd@example.edu.cn
孙海燕北京大学教授. 主要研究方向为
机器学习.
""")
    authors = frames["authors"]
    assert authors[["name_zh", "bio_source", "email"]].astype(object).fillna("-").values.tolist() == [
        ["钱学东", "钱学东清华大学自动化系博士\n研究生. 主要研究方向为协同控制.\nE-mail: qxd@example.edu.cn",
         "qxd@example.edu.cn"],
        ["孙海燕", "孙海燕北京大学教授. 主要研究方向为\n机器学习.", "-"]]
    # the normalized biography is one running text: no break inside a word or between Chinese characters
    assert authors["bio"].tolist() == [
        "钱学东清华大学自动化系博士研究生. 主要研究方向为协同控制. E-mail: qxd@example.edu.cn",
        "孙海燕北京大学教授. 主要研究方向为机器学习."]
    assert frames["references"]["raw"].str.endswith("1820-1830").tolist() == [True]
    assert (frames["paragraphs"]["part"] == "back").sum() == 0


def test_acknowledgements_before_the_references_are_a_body_section(tmp_path):
    frames = frames_of(tmp_path, """城市治理研究
摘要：本文研究城市治理。
一、引言
正文。
致 谢
感谢匿名评审专家。
参考文献：
[1] 张三. 城市治理[J]. 城市规划, 2019, 43(1): 1-10.
""")
    assert section_rows(frames) == [[1, "-", 1, "一", "引言", "body"], [2, "-", 1, "-", "致谢", "body"]]


def test_notes_printed_between_reference_entries_are_read_and_set_apart(tmp_path):
    frames = frames_of(tmp_path, """城市治理研究
摘要：本文研究城市治理。
一、引言
正文[1][2]。
参考文献：
[1] 张三. 城市治理[J]. 城市规划, 2019, 43(1): 1-10.
∗
国家社会科学基金项目(19BZZ000)资助
[2] 李四. 城市更新[M]. 北京: 人民出版社, 2018.
""")
    doc = frames["documents"].iloc[0]
    assert (doc["funding"], doc["grant_no"]) == ("国家社会科学基金项目（19BZZ000）资助", "19BZZ000")
    assert frames["references"]["ref_no"].tolist() == [1, 2]
    assert frames["references"]["raw"].tolist()[0] == "[1] 张三. 城市治理[J]. 城市规划, 2019, 43(1): 1-10."
    flags = frames["quality_flags"]
    assert flags[flags["kind"] == "footnote_mark_removed"]["original"].tolist() == ["∗"]


def test_parse_named_heading_forms():
    assert parse_named_heading("致 谢") == Heading("acknowledgements", None, "致 谢", 0)
    assert parse_named_heading("附錄") == Heading("appendix", None, "附錄", 0)
    assert parse_named_heading("附录 A LaTeX 环境的安装") == Heading("appendix", "A", "LaTeX 环境的安装", 1)
    assert parse_named_heading("附录二 访谈记录") == Heading("appendix", "二", "访谈记录", 2)
    assert parse_named_heading("Appendix B") == Heading("appendix", "B", "", 2)
    assert parse_named_heading("【作者简介】") == Heading("author_bios", None, "作者简介", 0)
    assert parse_named_heading("附录是毕业设计的补充项目") is None
    assert parse_named_heading("致谢导师的悉心指导。") is None


def test_prose_after_the_last_entry_without_a_heading_is_kept_as_back_paragraphs(tmp_path):
    # a postscript printed right under the list, no heading: it was once cut off the list into a flag only
    text = ("城市治理\n摘要：本文研究城市。\n关键词：城市；治理\n一、引言\n城市治理是重要议题[1]。\n参考文献\n"
            "[1] 张三. 社区治理研究[J]. 社会学研究, 2019, 34(2): 1-20.\n"
            "后记：本文写作得到了多位同事的帮助，在此一并致谢。\n"
            "文中如有错漏之处，恳请读者批评指正。\n")
    frames = frames_of(tmp_path, text)
    refs = frames["references"]
    assert refs[["ref_no", "container", "pages"]].values.tolist() == [[1, "社会学研究", "1-20"]]
    back = frames["paragraphs"][frames["paragraphs"]["part"] == "back"]
    assert back["text"].tolist() == ["后记：本文写作得到了多位同事的帮助，在此一并致谢。", "文中如有错漏之处，恳请读者批评指正。"]
    assert back["section_no"].isna().all()
    flags = frames["quality_flags"]
    assert flags.loc[flags["kind"] == "reference_list_ended", "original"].tolist() == [
        "后记：本文写作得到了多位同事的帮助，在此一并致谢。"]
    assert frames["documents"]["coverage"].tolist() == [1.0]


LAW_PAPER = """论数据财产权的法律构造
摘要：本文讨论数据财产权的法律构造。
一、问题的提出
数据已成为新型生产要素。①学界对此争论不休，②但尚未形成共识。
二、结论
应当构建数据财产权体系。③
【注释】
①参见王利明：《论数据权益》，载《法学研究》2022年第2期，第3页。
②参见张新宝：《数据法原理》，法律出版社2021年版，第45页。
③同前注①，第5页。
"""


def test_notes_printed_together_under_their_heading_are_footnotes(tmp_path):
    frames = frames_of(tmp_path, LAW_PAPER)
    notes = frames["footnotes"]
    assert notes[["footnote_no", "marker", "text", "paragraph_no"]].values.tolist() == [
        [1, "①", "参见王利明：《论数据权益》，载《法学研究》2022年第2期，第3页。", 1],
        [2, "②", "参见张新宝：《数据法原理》，法律出版社2021年版，第45页。", 1],
        [3, "③", "同前注①，第5页。", 2]]
    assert frames["paragraphs"]["text"].tolist() == ["数据已成为新型生产要素。①学界对此争论不休，②但尚未形成共识。",
                                                     "应当构建数据财产权体系。③"]
    flags = frames["quality_flags"]
    assert flags[flags["kind"] == "notes_heading"]["original"].tolist() == ["【注释】"]
    assert frames["documents"]["coverage"].tolist() == [1.0]


def test_a_note_label_under_a_table_stays_the_tables(tmp_path):
    frames = frames_of(tmp_path, """城市数据
摘要：本文研究城市。
一、数据
表1 城市人口
城市\t人口
北京\t2189
注：
(1) 数据来源于统计年鉴。
""")
    assert frames["footnotes"].empty
    assert "notes_heading" not in set(frames["quality_flags"]["kind"])
