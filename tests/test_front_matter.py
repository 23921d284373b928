"""Front matter as Chinese journals and theses print it, in either script and through conversion damage.

Each test builds the lines (or layout blocks) of one form and asserts the exact fields read from it;
none of these papers is a sample or a real file.
"""

from __future__ import annotations

import pandas as pd
import pytest

from extract.model import Block
from extract.paper import build_rows, process_paper
from extract.run.sequence import paper_frames
from extract.structure import parse_front_matter
from extract.structure.cover import FILL_IN_BLANK, fill_in_pages
from extract.structure.document import read_document
from extract.structure.titles import is_title_en


def front_of(text: str):
    return parse_front_matter([line for line in text.splitlines() if line.strip()])


def rows_of(tmp_path, text: str, encoding: str = "utf-8") -> dict[str, pd.DataFrame]:
    path = tmp_path / "paper.txt"
    path.write_bytes(text.encode(encoding))
    return paper_frames(process_paper(path))


def authors(front) -> list[tuple]:
    return [(a["name_zh"], a["name_en"], a["affiliation"], a["address"]) for a in front.authors]


# ---------------------------------------------------------------- titles

def test_title_is_not_the_journal_issue_line_nor_a_keyword_line():
    front = front_of("""
第？？卷第？期计算机学报
深度学习模型的可解释性评估方法
赵一鸣 1，钱二宝 2
(1. 浙江大学 计算机学院，杭州 310027；2. 东南大学 软件学院，南京 211189)
摘要：本文提出一种评估方法。
关键词：可解释性；深度学习；评估
""")
    assert front.title_zh == "深度学习模型的可解释性评估方法"
    assert front.unplaced == ["第？？卷第？期计算机学报"]  # kept (as a front paragraph), never the title


def test_title_is_the_largest_type_on_the_first_page():
    """A running title and the journal line in small type above the title; a body sentence below in body type."""
    blocks = [Block("城市规划学刊 2021年第2期", font_size=8.0, page_start=1),
              Block("基于多源数据的城市活力测度", font_size=9.0, page_start=1),
              Block("历史街区更新中的", font_size=18.0, page_start=1),
              Block("多元主体协作机制", font_size=18.0, page_start=1),
              Block("孙立平  周晓红", font_size=12.0, page_start=1),
              Block("摘要：本文研究历史街区更新。", font_size=9.0, page_start=1),
              Block("关键词：历史街区；更新；协作", font_size=9.0, page_start=1)]
    front = parse_front_matter(blocks)
    assert front.title_zh == "历史街区更新中的多元主体协作机制"
    assert [a["name_zh"] for a in front.authors] == ["孙立平", "周晓红"]
    assert front.unplaced == ["城市规划学刊 2021年第2期", "基于多源数据的城市活力测度"]


def test_title_in_the_largest_type_is_the_one_on_its_abstracts_page_past_forms_in_the_same_type():
    """A competition paper opens with two form pages whose headings are set in the title's type (an unseen
    CUMCM template: 承诺书, 编号专用页); the title is the run on the abstract's page, not the first form heading."""
    blocks = [Block("2023 高教社杯全国大学生数学建模竞赛", font_size=15.0, page_start=1),
              Block("我们仔细阅读了竞赛章程和参赛规则，承诺严格遵守。", font_size=12.0, page_start=1),
              Block("编号专用页", font_size=16.0, page_start=2),
              Block("赛区评阅记录（可供赛区评阅时使用）：", font_size=14.0, page_start=2),
              Block("城市共享单车调度的优化模型", font_size=16.0, page_start=3),
              Block("摘要", font_size=14.0, page_start=3),
              Block("本文建立共享单车调度的优化模型。", font_size=12.0, page_start=3),
              Block("关键词：共享单车；调度；优化", font_size=12.0, page_start=3)]
    front = parse_front_matter(blocks)
    assert front.title_zh == "城市共享单车调度的优化模型"


def _thesis_with_forms(cover_title: Block | None) -> list[Block]:
    """A thesis's front pages as a Taiwanese template prints them: the cover (the school; the title, when it
    could be read), then forms left to fill in, each headed in type larger than the cover's title, then the
    abstract (its page holds no title)."""
    cover = [Block("國 立 中 央 大 學", font_size=20.0, page_start=1)] + ([cover_title] if cover_title else [])
    return cover + [
        Block("碩博士論文電子檔授權書", font_size=18.0, page_start=5),
        Block("( )同意 (立即開放)", font_size=12.0, page_start=5),
        Block("( )同意 (請於西元 年 月 日開放)", font_size=12.0, page_start=5),
        Block("論 文 口 試 委 員 審 定 書", font_size=22.0, page_start=11),
        Block("_____________學系/研究所__________研究生", font_size=12.0, page_start=11),
        Block("學位考試委員會召集人 ______________________________", font_size=12.0, page_start=11),
        Block("中 華 民 國 年 月 日", font_size=12.0, page_start=11),
        Block("摘要", font_size=16.0, page_start=13),
        Block("本論文研究分散式系統的排程。", font_size=12.0, page_start=13),
        Block("關鍵詞：分散式系統；排程", font_size=12.0, page_start=13)]


def test_title_never_from_a_form_left_to_fill_in():
    """An unseen NCU thesis: its cover's title was unreadable (private-use glyphs), and the title became
    `论文口试委员审定书`, the heading of a committee's form in the largest type before the abstract. A form
    with blanks (`____`, `( )`, a date without numbers) names itself; the school's name alone is no title."""
    front = parse_front_matter(_thesis_with_forms(None))
    assert front.title_zh is None
    front = parse_front_matter(_thesis_with_forms(Block("分散式系統排程之研究", font_size=16.0, page_start=1)))
    assert front.title_zh == "分散式系統排程之研究"


def test_fill_in_pages_are_pages_with_two_blank_lines_but_the_first():
    texts = ["封面 ______", "学号：________", "授权书", "签名：________", "日期：    年   月   日",
             "审定书", "(请勾选) □同意", "正文一行", "另一页 ____"]
    pages = [1, 1, 2, 2, 2, 3, 3, 4, 4]
    assert fill_in_pages(texts, pages) == {2}
    assert not FILL_IN_BLANK.search("2024 年 10 月 7 日") and not FILL_IN_BLANK.search("函数 f(x) 的值")


@pytest.mark.parametrize("line, title", [
    ("RESEARCH ON KEY TECHNOLOGIES OF PARTIAL POROUS EXTERNALLY PRESSURIZED GAS BEARING", True),
    ("Imbalanced Emotion Classification Based on Multi-channel LSTM", True),
    ("ZHANG San, LI Si", False),  # a by-line in capitals and initials
    ("Dissertation for the Master Degree", False),  # what the thesis is
    ("A Thesis Submitted to Harbin Institute of Technology for the Degree of Master", False),
    ("Master's Thesis", False),
    ("二〇二四年十月七日 BITHESIS 版本 v3 Summer Time", False),  # a date and a version, mostly Latin letters
    ("∗中文页面，About in English", False),
])
def test_english_title_lines(line, title):
    """Unseen theses and manuals: an English cover's document-type line and lines holding Han were English
    titles; a title in capitals read as a list of names was not."""
    assert is_title_en(line) is title


def test_english_title_in_capitals_over_the_document_type_line():
    """An unseen HITSZ thesis's English cover: the title in capitals, above it what the thesis is in smaller
    type; `title_en` was `Dissertation for the Master Degree`."""
    blocks = [Block("局部多孔质气体静压轴承关键技术的研究", font_size=22.0, page_start=1),
              Block("Dissertation for the Master Degree", font_size=18.0, page_start=3),
              Block("RESEARCH ON KEY TECHNOLOGIES OF PARTIAL POROUS EXTERNALLY PRESSURIZED GAS BEARING",
                    font_size=22.0, page_start=3),
              Block("Candidate: Jingxuan Yang", font_size=14.0, page_start=3),
              Block("摘 要", font_size=18.0, page_start=4),
              Block("本文研究气体静压轴承。", font_size=12.0, page_start=4)]
    front = parse_front_matter(blocks)
    assert (front.title_zh, front.title_en) == (
        "局部多孔质气体静压轴承关键技术的研究",
        "RESEARCH ON KEY TECHNOLOGIES OF PARTIAL POROUS EXTERNALLY PRESSURIZED GAS BEARING")


def test_title_footnote_mark_is_removed_and_flagged():
    blocks = [Block("数字治理的制度逻辑 ∗", font_size=16.0, page_start=1),
              Block("王大伟", font_size=12.0, page_start=1),
              Block("(复旦大学 国际关系与公共事务学院，上海 200433)", font_size=9.0, page_start=1)]
    front = parse_front_matter(blocks)
    assert front.title_zh == "数字治理的制度逻辑"
    assert [(c.kind, c.original, c.replacement) for c in front.changes] == [
        ("footnote_mark_removed", "数字治理的制度逻辑 ∗", "数字治理的制度逻辑")]


# ---------------------------------------------------------------- authors and affiliations

def test_authors_with_trailing_affiliation_numbers_and_numbered_affiliations_on_one_line():
    front = front_of("""
多智能体协同控制研究
钱学东 1,2 孙海燕 2
1. 中国科学院自动化研究所复杂系统研究中心北京 100190 2. 中国科学院大学人工智能学院北京 100049
摘要：本文研究协同控制。
""")
    assert authors(front) == [
        ("钱学东", None, "中国科学院自动化研究所复杂系统研究中心；中国科学院大学人工智能学院", "北京 100190；北京 100049"),
        ("孙海燕", None, "中国科学院大学人工智能学院", "北京 100049")]


def test_authors_with_raised_affiliation_numbers_and_english_names_with_marks():
    """The PDF reader writes raised numbers as `^[1,2]`; the English by-line keeps `²`."""
    front = front_of("""
多智能体协同控制研究
钱学东 ^[1,2] 孙海燕 ^[2]
摘要：本文研究协同控制。
Research on Cooperative Control of Multi-agent Systems
QIAN Xue-Dong^[1,2] SUN Hai-Yan²
""")
    assert [(a["name_zh"], a["name_en"]) for a in front.authors] == [
        ("钱学东", "QIAN Xue-Dong"), ("孙海燕", "SUN Hai-Yan")]


def test_authors_printed_with_spaces_between_names_and_inside_a_name():
    front = front_of("""
城市韧性评价指标体系研究
周 立  吴晓明  郑海
摘要：本文构建评价指标体系。
""")
    assert [a["name_zh"] for a in front.authors] == ["周立", "吴晓明", "郑海"]


def test_affiliations_in_parentheses_with_city_and_postcode_under_each_name():
    front = front_of("""
一类非线性方程的数值解法
陈志远
(武汉大学数学与统计学院, 武汉 430072)
林晓梅
(南开大学数学科学学院, 天津 300071)
(E-mail: lin@example.edu.cn)
摘要 本文给出一类非线性方程的数值解法.
""")
    assert [(a["name_zh"], a["affiliation"], a["address"], a["email"]) for a in front.authors] == [
        ("陈志远", "武汉大学数学与统计学院", "武汉 430072", None),
        ("林晓梅", "南开大学数学科学学院", "天津 300071", "lin@example.edu.cn")]


def test_a_byline_between_title_and_affiliations_holds_longer_names():
    """Names of up to six characters (transcribed minority names) where a by-line stands."""
    front = front_of("""
边疆地区公共服务均等化研究
阿不都热合曼 古丽娜尔
(新疆大学 政治与公共管理学院, 乌鲁木齐 830046) (新疆大学 经济与管理学院, 乌鲁木齐 830046)
摘要：本文研究公共服务均等化。
""")
    assert authors(front) == [
        ("阿不都热合曼", None, "新疆大学 政治与公共管理学院", "乌鲁木齐 830046"),
        ("古丽娜尔", None, "新疆大学 经济与管理学院", "乌鲁木齐 830046")]


# ---------------------------------------------------------------- abstracts, keywords, labels

@pytest.mark.parametrize("line, expected", [
    ("关键词：城市治理；社区；参与", ["城市治理", "社区", "参与"]),
    ("关键词: 城市治理; 社区; 参与", ["城市治理", "社区", "参与"]),
    ("关键词：城市治理，社区，参与", ["城市治理", "社区", "参与"]),
    ("关键词 城市治理 社区 参与 韧性 更新", ["城市治理", "社区", "参与", "韧性", "更新"]),
    ("关键词关键词 1, 关键词 2, 关键词 3", ["关键词 1", "关键词 2", "关键词 3"]),  # label glued to the list
    ("【关键词】城市治理；社区", ["城市治理", "社区"]),
])
def test_chinese_keywords_with_any_separator(line, expected):
    front = front_of(f"城市治理研究\n{line}\n")
    assert front.keywords == [(k, "zh") for k in expected]


def test_english_keywords_continued_on_the_next_line_and_a_placeholder_dropped():
    front = front_of("""
Key words semiparametric rates models; recurrent event; marginal regression;
estimating equation
Keywords: keyword 1; keyword 2; ......
""")
    assert front.keywords == [("semiparametric rates models", "en"), ("recurrent event", "en"),
                              ("marginal regression", "en"), ("estimating equation", "en"),
                              ("keyword 1", "en"), ("keyword 2", "en")]
    assert [(c.kind, c.original) for c in front.changes] == [("not_a_keyword", "......")]


def test_abstracts_in_both_languages_with_glued_and_spaced_labels():
    front = front_of("""
城市更新研究
摘要本文在复发事件数据下研究参数估计问题,
给出估计方法.
Abstract In this article, we propose a class of models.
""")
    assert front.abstract_zh == "本文在复发事件数据下研究参数估计问题, 给出估计方法."  # as printed: normalized later
    assert front.abstract_en == "In this article, we propose a class of models."


def test_a_label_word_inside_an_open_abstract_is_text():
    """`摘要是…` inside a thesis's abstract is a sentence, not a second label."""
    front = front_of("""
摘要
本文研究城市治理。
摘要是一篇具有独立性的短文。
关键词：城市治理
""")
    assert front.abstract_zh == "本文研究城市治理。摘要是一篇具有独立性的短文。"


@pytest.mark.parametrize("line", [
    "[摘?要]本文研究城市治理。",  # a byte lost by a web converter
    "摘(zhāi)要(yào)：本文研究城市治理。",  # pinyin annotations inside the label
    "摘 要：本文研究城市治理。",
    "內容提要：本文研究城市治理。",  # Traditional script
])
def test_labels_through_damage_and_in_traditional_script(line):
    front = front_of(f"城市治理研究\n{line}\n關鍵詞：城市；治理\n")
    assert front.abstract_zh == "本文研究城市治理。"
    assert front.keywords == [("城市", "zh"), ("治理", "zh")]


def test_identifiers_and_dates_several_to_a_line():
    front = front_of("""
城市治理研究
摘要：本文研究城市治理。
中图分类号：C912.81  文献标志码：A  文章编号：1000-0000(2021)03-0001-10
DOI:10.16381/j.cnki.issn1003-207x.2021.03.001
收稿日期：2020-11-02；修回日期：2021-01-15
""")
    assert (front.clc, front.document_code, front.article_no) == ("C912.81", "A", "1000-0000(2021)03-0001-10")
    assert (front.doi, front.issn, front.year) == ("10.16381/j.cnki.issn1003-207x.2021.03.001", "1003-207X", 2021)
    assert (front.received, front.revised, front.accepted) == ("2020-11-02", "2021-01-15", None)
    assert front.unplaced == []


def test_a_date_note_in_words_and_a_placeholder_date():
    front = front_of("""
城市治理研究
本文 2006 年 1 月 9 日收到. 2007 年 9 月 24 日收到修改稿.
收稿日期 XXXX-XX-XX 录用日期 XXXX-XX-XX
""")
    assert (front.received, front.revised, front.accepted) == ("2006-01-09", "2007-09-24", None)
    assert front.unplaced == []


# ---------------------------------------------------------------- theses

def test_thesis_cover_fields():
    blocks = [Block("硕士学位论文", font_size=36.0, page_start=1),
              Block("城市社区治理中的数字平台研究", font_size=22.0, page_start=1),
              Block("Digital Platforms in Urban Community Governance", font_size=16.0, page_start=1),
              Block("学院： 公共管理学院", font_size=16.0, page_start=1),
              Block("专业： 行政管理", font_size=16.0, page_start=1),
              Block("研究生姓名： 马骁骏", font_size=16.0, page_start=1),
              Block("学号： 2019000000", font_size=16.0, page_start=1),
              Block("指导教师： 冯立群 教授", font_size=16.0, page_start=1),
              Block("2022 年 5 月 20 日", font_size=16.0, page_start=1),
              Block("城市社区治理中的数字平台研究", font_size=18.0, page_start=3),
              Block("摘要", font_size=16.0, page_start=3),
              Block("本文研究数字平台。", font_size=12.0, page_start=3)]
    front = parse_front_matter(blocks)
    assert (front.title_zh, front.title_en) == ("城市社区治理中的数字平台研究",
                                                "Digital Platforms in Urban Community Governance")
    assert (front.degree, front.degree_printed, front.school, front.major, front.supervisor, front.date) == (
        "硕士", "硕士学位论文", "公共管理学院", "行政管理", "冯立群", "2022-05-20")
    assert authors(front) == [("马骁骏", None, "公共管理学院", None)]
    assert front.abstract_zh == "本文研究数字平台。"
    assert front.unplaced == ["学号： 2019000000"]  # no column for it: kept as a front paragraph


def test_thesis_cover_form_printed_as_a_table():
    table = Block("", kind="table", rows=[["作者姓名：", "马骁骏"], ["指导教师：", "冯立群"]], page_start=1)
    front = parse_front_matter([Block("博士学位论文", page_start=1), Block("城市社区治理中的数字平台研究", page_start=1),
                                table])
    assert (front.degree, front.supervisor, [a["name_zh"] for a in front.authors]) == ("博士", "冯立群", ["马骁骏"])


# ---------------------------------------------------------------- notes set apart

def test_funding_as_a_first_page_footnote_block_and_numbered_affiliations_in_a_footnote():
    blocks = [Block("协同控制的若干问题", font_size=18.0, page_start=1),
              Block("钱学东 ^[1] 孙海燕 ^[2]", font_size=12.0, page_start=1),
              Block("摘要 本文研究协同控制.", font_size=9.0, page_start=1),
              Block("1 引言", font_size=12.0, page_start=1),
              Block("正文第一段.", font_size=10.5, page_start=1),
              Block("国家自然科学基金 (61100000), 国家重点研发计划 (2018YFB0000000) 资助", kind="footnote",
                    font_size=7.5, page_start=1),
              Block("1. 清华大学自动化系北京 100084 2. 北京大学信息科学技术学院北京 100871", kind="footnote",
                    font_size=7.5, page_start=1)]
    document, rows = build_rows("p", blocks, {})
    assert document["funding"] == "国家自然科学基金（61100000），国家重点研发计划（2018YFB0000000）资助"
    assert document["funding_source"] == "国家自然科学基金 (61100000), 国家重点研发计划 (2018YFB0000000) 资助"
    assert document["grant_no"] == "61100000; 2018YFB0000000"
    assert [(a["name_zh"], a["affiliation"], a["address"]) for a in rows["authors"]] == [
        ("钱学东", "清华大学自动化系", "北京 100084"), ("孙海燕", "北京大学信息科学技术学院", "北京 100871")]


def test_funding_footnote_printed_among_the_body_lines_of_a_text_paper(tmp_path):
    frames = rows_of(tmp_path, """城市更新研究
摘要：本文研究城市更新。
一、引言
城市更新是重要议题。
教育部人文社会科学研究项目(20YJC000000)资助
二、结论
本文得出结论。
""")
    doc = frames["documents"].iloc[0]
    assert doc["funding"] == "教育部人文社会科学研究项目（20YJC000000）资助"
    assert frames["paragraphs"]["text"].tolist() == ["城市更新是重要议题。", "本文得出结论。"]


def test_traditional_funding_note_and_authors_are_normalized(tmp_path):
    frames = rows_of(tmp_path, """城市創新網絡的演化
文 \\ 陳建華 \\ Chen Jianhua \\ 臺灣大學教授
摘要：本文探討城市創新網絡。
一、前言
正文。
說明:本文繫臺北市科研計劃項目“城市創新研究”(10900000)的部分研究成果。
基金項目：科技部專題研究計畫（MOST 108-2410-H-002-001）
""")
    doc = frames["documents"].iloc[0]
    assert doc["funding"] == ("本文系台北市科研计划项目“城市创新研究”（10900000）的部分研究成果。\n"
                              "科技部专题研究计划（MOST 108-2410-H-002-001）")
    assert doc["funding_source"] == ("本文繫臺北市科研計劃項目“城市創新研究”(10900000)的部分研究成果。\n"
                                     "科技部專題研究計畫（MOST 108-2410-H-002-001）")
    assert doc["grant_no"] == "10900000; 108-2410-H-002-001"
    author = frames["authors"].iloc[0]
    assert author[["name_zh", "name_zh_source", "affiliation", "affiliation_source", "position", "position_source"]
                  ].tolist() == ["陈建华", "陳建華", "台湾大学", "臺灣大學", "教授", "教授"]


def test_doi_is_the_papers_own_never_one_from_its_references(tmp_path):
    text = """城市更新研究
摘要：本文研究城市更新。
一、引言
正文[1]。
参考文献：
[1] 张三. 城市更新[J]. 城市规划, 2019, 43(1): 1-10.
DOI: 10.11819/cpr20190101a
"""
    assert pd.isna(rows_of(tmp_path, text)["documents"].iloc[0]["doi"])
    own = text.replace("一、引言", "DOI: 10.16361/j.upf.202101001\n一、引言")
    assert rows_of(tmp_path, own)["documents"].iloc[0]["doi"] == "10.16361/j.upf.202101001"


def test_biography_note_labelled_and_in_byline_order():
    front = front_of("""
城市治理研究
张伟，李娜
作者简介：张伟（1980—），男，湖北武汉人，教授，主要研究方向为城市治理，E-mail：zw@example.edu.cn；李娜（1990—），女，博士研究生。
""")
    assert [(a["name_zh"], a["bio"], a["email"]) for a in front.authors] == [
        ("张伟", "张伟（1980—），男，湖北武汉人，教授，主要研究方向为城市治理，E-mail：zw@example.edu.cn",
         "zw@example.edu.cn"),
        ("李娜", "李娜（1990—），女，博士研究生", None)]


# ---------------------------------------------------------------- nothing lost

def test_unplaced_front_lines_are_front_paragraphs_and_missing_fields_are_flagged(tmp_path):
    frames = rows_of(tmp_path, """城市观察 2019年第1期
专题：城市更新
城市更新的社区参与机制研究
一、引言
正文。
""")
    paragraphs = frames["paragraphs"]
    assert paragraphs[["text", "part", "section_no"]].astype(object).fillna(0).values.tolist() == [
        ["城市观察 2019年第1期", "front", 0], ["专题：城市更新", "front", 0], ["正文。", "body", 1]]
    flags = frames["quality_flags"]
    assert flags[flags["kind"] == "front_matter_kept"]["paragraph_no"].tolist() == [1, 2]
    assert flags[flags["kind"] == "front_matter_missing"]["detail"].tolist() == [
        "authors: not found in the paper", "abstract_zh: not found in the paper", "keywords: not found in the paper"]
    assert frames["documents"].iloc[0]["title_zh"] == "城市更新的社区参与机制研究"


def test_parts_of_a_paper_in_order():
    blocks = [Block(text) for text in (
        "城市更新研究", "摘要：本文研究城市更新。", "一、引言", "正文[1]。", "参考文献", "[1] 张三. 城市更新[J]. 城市规划, 2019.",
        "附录", "附录A 调查问卷", "问卷内容。", "致谢", "感谢各位。")]
    parts = read_document(blocks)
    assert [b.text for b in parts.body] == ["一、引言", "正文[1]。"]
    assert [b.text for b in parts.references] == ["[1] 张三. 城市更新[J]. 城市规划, 2019."]
    assert [b.text for b in parts.back] == ["附录", "附录A 调查问卷", "问卷内容。", "致谢", "感谢各位。"]


def test_names_and_affiliations_read_through_pinyin_annotations(tmp_path):
    """A web converter annotated the names and the affiliation: read through, kept as printed in *_source."""
    frames = rows_of(tmp_path, """“一带一路”倡议下的城(chéng)市(shì)合(hé)作(zuò)
文/王(wáng)小明
（重(chóng)庆大学 建筑城规学院，重(chóng)庆 400045）
摘要：本文讨论城市合作。
一、引言
正文。
""")
    assert frames["documents"].iloc[0]["title_zh"] == "“一带一路”倡议下的城市合作"
    author = frames["authors"].iloc[0]
    assert author[["name_zh", "name_zh_source", "affiliation", "affiliation_source", "address"]].tolist() == [
        "王小明", "王(wáng)小明", "重庆大学 建筑城规学院", "重(chóng)庆大学 建筑城规学院", "重庆 400045"]


POLICY = """国务院关于印发“十三五”国家科技创新规划的通知
国发〔2016〕43号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
现将《“十三五”国家科技创新规划》印发给你们，请认真贯彻执行。
国务院
2016年7月28日
“十三五”国家科技创新规划
第一章 迈进创新型国家行列的新征程
一、发展基础
“十二五”以来，我国科技创新取得重大进展。
"""


def test_an_official_document_gives_its_number_and_date(tmp_path):
    frames = rows_of(tmp_path, POLICY)
    doc = frames["documents"].iloc[0]
    assert (doc["title_zh"], doc["doc_number"], doc["date"], doc["year"]) == (
        "国务院关于印发“十三五”国家科技创新规划的通知", "国发〔2016〕43号", "2016-07-28", 2016)
    paragraphs = frames["paragraphs"]
    # the attached plan's title, printed inside the notice's title, is a line of its own, not the title again
    assert paragraphs["text"].tolist() == [
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：", "现将《“十三五”国家科技创新规划》印发给你们，请认真贯彻执行。",
        "国务院", "“十三五”国家科技创新规划", "“十二五”以来，我国科技创新取得重大进展。"]
    assert doc["coverage"] == 1.0
