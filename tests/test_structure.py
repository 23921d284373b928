"""Structure rules: headings and their tree, front matter, back matter, captions and call-outs.

The two sample papers are read as the pipeline reads them (non-empty lines);
the other papers are built here to show the rules are general.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract.model import Change
from extract.paper import process_paper
from extract.structure import (
    FrontMatter,
    Heading,
    StructureSettings,
    build_section_rows,
    chinese_numeral,
    chinese_numeral_value,
    find_body_start,
    find_doi,
    find_mentions,
    is_back_matter_line,
    is_table_note,
    parse_back_matter,
    parse_caption,
    parse_front_matter,
    parse_heading,
    split_affiliation_position,
    split_keywords,
)
from extract.structure.numerals import roman_numeral_value

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_SIMPLIFIED = ROOT / "raw" / "000_7e9e2be989c70a6d.txt"
SAMPLE_TRADITIONAL = ROOT / "raw" / "002_42b103086d14dc84.txt"


def author(name_zh, name_en=None, affiliation=None, position=None, affiliation_en=None, address=None,
           email=None, bio=None) -> dict:
    """An author row as the front matter gives it."""
    return {"name_zh": name_zh, "name_en": name_en, "affiliation": affiliation, "position": position,
            "affiliation_en": affiliation_en, "address": address, "email": email, "bio": bio}


NO_NOTES = {"funding_en": None, "received": None, "revised": None, "accepted": None}


def paper_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def sections(lines: list[str]) -> tuple[list[dict], list[Change]]:
    return build_section_rows([h for h in map(parse_heading, lines) if h])


def tree(rows: list[dict]) -> list[tuple]:
    return [(r["section_no"], r["level"], r["parent_section_no"], r["label"]) for r in rows]


@pytest.fixture(scope="module")
def simplified() -> list[str]:
    return paper_lines(SAMPLE_SIMPLIFIED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def traditional() -> list[str]:
    return paper_lines(SAMPLE_TRADITIONAL.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def simplified_front(simplified) -> FrontMatter:
    return parse_front_matter(simplified[: find_body_start(simplified)])


# ---------------------------------------------------------------- sample 000 (Simplified, full front matter)

def test_sample_000_body_starts_at_first_heading(simplified):
    start = find_body_start(simplified)
    assert simplified[start] == "一、当前科技创新网络和纽带发展状况"
    assert start == 9


def test_sample_000_titles(simplified_front):
    assert simplified_front.title_zh == "科技创新纽带和中美城市合作对上海发展的启示"
    assert simplified_front.title_en == ("The Enlightenment of Science and Technology Innovation Link "
                                         "and Sino-US Urban Cooperation to Shanghai Development")


def test_sample_000_authors(simplified_front):
    assert simplified_front.authors == [
        author("朱云杰", "Zhu Yunjie", "同济大学", "博士研究生"),
        author("李光明", "Li Guangming", "同济大学", "教授"),
        author("于宏源", "Yu Hongyuan", "上海国际问题研究院", "研究员"),
    ]


def test_sample_000_abstract_keywords_and_identifiers(simplified_front):
    front = simplified_front
    assert front.abstract_zh.startswith("随着技术革命的迭代, 科技创新纽带为国家间社会经济发展带来新的动力")
    assert front.abstract_zh.endswith("为上海在“一带一路”中的科技创新纽带建设提出建议。")
    assert front.abstract_en is None
    # the bare `Key Words` line gives nothing; the Chinese list keeps its quotes
    assert front.keywords == [("科技创新", "zh"), ("“一带一路”", "zh"), ("城市合作", "zh"),
                              ("上海金融中心", "zh"), ("上海自贸区", "zh")]
    assert (front.doi, front.issn, front.year) == ("10.3969/j.issn.1674-7739.2019.01.010", "1674-7739", 2019)
    assert front.unplaced == [] and front.body_lines == []


def test_sample_000_back_matter(simplified):
    back = parse_back_matter(simplified)
    assert back == {
        "funding": "本文系上海市科研计划项目“美国中部及部分重点地区科技及国际合作情况研究”(18692112800)的部分研究成果。",
        "grant_no": "18692112800",
        "editor": "王明洲",
        **NO_NOTES,
    }
    assert [line[:5] for line in simplified if is_back_matter_line(line)] == ["说明:本文", "■ 责任编"]


def test_sample_000_sections_and_numbering_gap(simplified):
    rows, changes = sections(simplified[find_body_start(simplified):])
    assert tree(rows) == [
        (1, 1, None, "一"), (2, 2, 1, "一"), (3, 2, 1, "二"), (4, 2, 1, "三"),
        (5, 1, None, "三"), (6, 2, 5, "一"), (7, 2, 5, "二"), (8, 1, None, "四"),
    ]
    assert rows[1]["title"] == "“一带一路”下的地方发展趋势"
    assert rows[4]["title"] == "上海如何应用这些纽带和网络"
    assert changes == [Change(stage="structure", kind="section_numbering_gap", severity="warning",
                              detail="section 5 (三 上海如何应用这些纽带和网络): expected 二, found 三",
                              original="三")]


def test_sample_000_captions_notes_and_no_mentions(simplified):
    body = simplified[find_body_start(simplified):]
    assert [parse_caption(line) for line in body if parse_caption(line)] == [
        ("table", "表1", "中西部相关省份的政策规划及重点工程项目一览"),
        ("table", "表2", "世界城市联盟和议题"),
        ("table", "表3", "上海科技教育交流网络主要组织"),
    ]
    assert [line for line in body if is_table_note(line)] == ["资料来源：根据相关资料整理"]
    assert [m for line in body for m in find_mentions(line)] == []


def test_sample_000_enumerations_are_not_headings(simplified):
    enumerations = [line for line in simplified if re.match("[一二三四五六]是", line)]
    assert len(enumerations) == 6
    assert all(parse_heading(line) is None for line in enumerations)


# ---------------------------------------------------------------- sample 002 (Traditional, no front matter)

def test_sample_002_has_no_front_matter(traditional):
    assert find_body_start(traditional) == 0
    assert parse_front_matter(traditional[:0]) == FrontMatter()
    assert parse_back_matter(traditional) == {"funding": None, "grant_no": None, "editor": None,
                                              **NO_NOTES}


def test_sample_002_twelve_headings_in_two_levels(traditional):
    headings = [h for h in map(parse_heading, traditional) if h]
    assert [h.style for h in headings] == ["cn_dun"] + ["arabic_dot"] * 3 + ["cn_dun"] + ["arabic_dot"] * 3 \
        + ["cn_dun"] + ["arabic_dot"] * 3
    assert headings[1] == Heading("arabic_dot", "1", "全球層面:城市競爭由資本競爭轉向創(chuàng)新競爭", 1)
    rows, changes = build_section_rows(headings)
    assert tree(rows) == [
        (1, 1, None, "一"), (2, 2, 1, "1"), (3, 2, 1, "2"), (4, 2, 1, "3"),
        (5, 1, None, "二"), (6, 2, 5, "1"), (7, 2, 5, "2"), (8, 2, 5, "3"),
        (9, 1, None, "三"), (10, 2, 9, "1"), (11, 2, 9, "2"), (12, 2, 9, "3"),
    ]
    assert changes == []


def test_sample_002_mentions_five_figures_and_one_table(traditional):
    mentions = [m for line in traditional for m in find_mentions(line)]
    assert [(m["kind"], m["label"]) for m in mentions] == [
        ("figure", "图1"), ("table", "表1"), ("figure", "图2"), ("figure", "图3"), ("figure", "图4"), ("figure", "图5"),
    ]
    line = next(line for line in traditional if "(圖1)" in line)
    assert find_mentions(line)[0]["offset"] == line.index("圖1")


def test_sample_002_note_and_non_headings(traditional):
    assert [line for line in traditional if is_table_note(line)] == ["注:根據《我國創(chuàng)新型城市發(fā)展報告》整理。"]
    assert parse_heading("具體而言:") is None
    assert all(parse_heading(line) is None for line in traditional if line.startswith("一是"))


# ---------------------------------------------------------------- headings

@pytest.mark.parametrize("line, expected", [
    ("一、研究背景", Heading("cn_dun", "一", "研究背景", 1)),
    ("十一、结论与讨论", Heading("cn_dun", "十一", "结论与讨论", 11)),
    ("二十、附录", Heading("cn_dun", "二十", "附录", 20)),
    ("二、问题：城市治理的困境", Heading("cn_dun", "二", "问题：城市治理的困境", 2)),
    ("（三）实施路径", Heading("cn_paren", "三", "实施路径", 3)),
    ("(十二) 政策建议", Heading("cn_paren", "十二", "政策建议", 12)),
    ("1.全球层面:城市竞争转向创新竞争", Heading("arabic_dot", "1", "全球层面:城市竞争转向创新竞争", 1)),
    ("2．研究方法", Heading("arabic_dot", "2", "研究方法", 2)),
    ("１．研究背景", Heading("arabic_dot", "1", "研究背景", 1)),
    ("２．３ 数据", Heading("arabic_multi", "2.3", "数据", 3)),
    ("三．政策建议", Heading("cn_dun", "三", "政策建议", 3)),
    ("3、数据来源与处理", Heading("arabic_dot", "3", "数据来源与处理", 3)),
    ("1.1 研究背景", Heading("arabic_multi", "1.1", "研究背景", 1)),
    ("2.3.4数据清洗", Heading("arabic_multi", "2.3.4", "数据清洗", 4)),
    ("（2）样本选择", Heading("arabic_paren", "2", "样本选择", 2)),
    ("第一章 绪论", Heading("chapter", "一", "绪论", 1)),
    ("第十二章", Heading("chapter", "十二", "", 12)),
    ("第三節 文獻回顧", Heading("section_cn", "三", "文獻回顧", 3)),
    ("一、“創(chuàng)新型城市”時代的全面來臨", Heading("cn_dun", "一", "“創(chuàng)新型城市”時代的全面來臨", 1)),
    ("壹、緒論", Heading("cn_dun", "壹", "緒論", 1)),
    ("貳、文獻探討", Heading("cn_dun", "貳", "文獻探討", 2)),
    ("拾壹、結論", Heading("cn_dun", "拾壹", "結論", 11)),
    ("Ⅲ．研究设计", Heading("roman", "III", "研究设计", 3)),
    ("IV. 结论与建议", Heading("roman", "IV", "结论与建议", 4)),
    ("I、引言", Heading("roman", "I", "引言", 1)),
    ("XII. 附录", Heading("roman", "XII", "附录", 12)),
])
def test_parse_heading_styles(line, expected):
    assert parse_heading(line) == expected


@pytest.mark.parametrize("line", [
    "一是引进沿线金融机构,推动投融资信息互享和金融监管合作",
    "二是完善监管合作机制",
    "其一，加强顶层设计",
    "首先，明确发展目标",
    "1. 这一阶段的政策以试点为主，覆盖范围有限，主要集中在东部沿海地区的少数城市，其后逐步推广。",
    "1.这一阶段的政策以试点为主覆盖范围有限主要集中在东部沿海地区的少数城市其后逐步推广到中西部地区的重点城市",
    "（1）加强统筹协调；",
    "表1 中西部相关省份的政策规划",
    "图1 城市网络示意",
    "[1] 张三.城市治理研究[J].管理世界,2019(1):1-10.",
    "1. 张三.城市治理研究[J].管理世界,2019(1):1-10",
    "三、",
    "2015年，国家发改委发布规划",
    "3.5%的城市实现了增长",
    "1\t北京\t2345",
    "具体而言：",
    "IIII. 不是罗马数字",
    "I. e. 也就是说",
    "Ⅰ引言",
    "V. smith 的观点",
])
def test_not_headings(line):
    assert parse_heading(line) is None


def test_heading_length_is_a_setting():
    line = "一、" + "城市" * 25  # 50 Han characters
    assert parse_heading(line) is None
    assert parse_heading(line, StructureSettings(max_heading_han=60)).title == "城市" * 25


@pytest.mark.parametrize("text, value", [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十一", 21),
                                         ("九十九", 99), ("一百零五", 105), ("两", 2), ("第", None)])
def test_chinese_numeral_value(text, value):
    assert chinese_numeral_value(text) == value


@pytest.mark.parametrize("text, value", [("I", 1), ("III", 3), ("IV", 4), ("IX", 9), ("XIV", 14), ("XXXIX", 39),
                                         ("IIII", None), ("VX", None), ("IIV", None), ("", None), ("M", None)])
def test_roman_numeral_value(text, value):
    assert roman_numeral_value(text) == value


def test_roman_headings_make_a_section_tree(tmp_path):
    path = tmp_path / "roman.txt"
    path.write_text("城市治理研究\n摘要：本文研究城市治理。\nⅠ．引言\n正文一。\nⅡ．研究设计\n（一）数据\n正文二。\n"
                    "Ⅳ．结论\n正文三。\n", encoding="utf-8")
    rows = process_paper(path)
    assert [(s["label"], s["title"], s["level"], s["parent_section_no"]) for s in rows["sections"]] == [
        ("I", "引言", 1, None), ("II", "研究设计", 1, None), ("一", "数据", 2, 2), ("IV", "结论", 1, None)]
    gaps = [(f["kind"], f["original"]) for f in rows["quality_flags"] if f["kind"] == "section_numbering_gap"]
    assert gaps == [("section_numbering_gap", "IV")]
    assert "III" in [f for f in rows["quality_flags"] if f["kind"] == "section_numbering_gap"][0]["detail"]


LONG_TITLE = "公司实际控制人、股东、关联方、收购人以及公司等承诺相关方在报告期内超期未履行完毕的承诺事项"  # 44 Han


@pytest.mark.parametrize("previous, is_heading", [("二", True), ("一", False)])
def test_a_long_title_is_a_heading_when_it_carries_the_next_number(tmp_path, previous, is_heading):
    path = tmp_path / "long.txt"
    path.write_text(f"季度报告\n摘要：本文是季度报告。\n一、重要提示\n正文一。\n{previous}、主要数据\n正文二。\n"
                    f"三、{LONG_TITLE}\n正文三。\n", encoding="utf-8")
    rows = process_paper(path)
    titles = [s["title"] for s in rows["sections"]]
    assert (LONG_TITLE in titles) == is_heading
    assert any(LONG_TITLE in p["text"] for p in rows["paragraphs"]) != is_heading


@pytest.mark.parametrize("between, is_heading", [("（一）细目\n正文细目。\n", True), ("第二章 重要事项\n", False)])
def test_a_long_title_carries_the_next_number_only_of_a_sibling(tmp_path, between, is_heading):
    """`三、` after `二、` with only deeper headings between (`（一）`) continues its numbering; after a heading of a
    level above (`第二章`), a new branch whose numbering starts again, it is no sibling of `二、`: a paragraph."""
    path = tmp_path / "branch.txt"
    path.write_text(f"季度报告\n摘要：本文是季度报告。\n第一章 概况\n一、重要提示\n正文一。\n二、主要数据\n正文二。\n"
                    f"{between}三、{LONG_TITLE}\n正文三。\n", encoding="utf-8")
    rows = process_paper(path)
    assert (LONG_TITLE in [s["title"] for s in rows["sections"]]) == is_heading
    assert any(LONG_TITLE in p["text"] for p in rows["paragraphs"]) != is_heading


def test_chinese_numeral_round_trip():
    assert all(chinese_numeral_value(chinese_numeral(n)) == n for n in range(1, 100))
    assert [chinese_numeral(n) for n in (2, 10, 14, 30, 99)] == ["二", "十", "十四", "三十", "九十九"]


# ---------------------------------------------------------------- section tree

THREE_LEVELS = """
一、研究背景：问题的提出
（一）政策演进
1.早期阶段
一是引进沿线金融机构，推动投融资信息互享。
二是完善金融监管合作机制。
其一，加强顶层设计。
首先，明确发展目标。
1. 这一阶段的政策以试点为主，覆盖范围有限，主要集中在东部沿海地区的少数城市，其后逐步推广到中西部。
2.中期阶段
表1 各阶段政策一览
图1 政策演进示意
[1] 张三.城市治理研究[J].管理世界,2019(1):1-10.
（二）现实困境
二、分析框架
（一）理论基础
1.制度理论
"""


def test_three_levels_with_enumerations_and_captions_between():
    rows, changes = sections(paper_lines(THREE_LEVELS))
    assert tree(rows) == [
        (1, 1, None, "一"), (2, 2, 1, "一"), (3, 3, 2, "1"), (4, 3, 2, "2"),
        (5, 2, 1, "二"), (6, 1, None, "二"), (7, 2, 6, "一"), (8, 3, 7, "1"),
    ]
    assert rows[0]["title"] == "研究背景：问题的提出"
    assert changes == []  # numbering restarts under every new parent


CHAPTERS = """
第一章 绪论
第一节 研究背景
第二节 研究方法
第二章 理论框架
第一节 概念界定
第三节 分析模型
"""


def test_chapters_and_sections_with_a_gap_under_the_second_chapter():
    rows, changes = sections(paper_lines(CHAPTERS))
    assert tree(rows) == [(1, 1, None, "一"), (2, 2, 1, "一"), (3, 2, 1, "二"),
                          (4, 1, None, "二"), (5, 2, 4, "一"), (6, 2, 4, "三")]
    assert [c.detail for c in changes] == ["section 6 (三 分析模型): expected 二, found 三"]


DECIMAL = """
1. 引言
1.1 研究背景
1.2 研究问题
2. 文献综述
2.1 国外研究
2.1.1 早期研究
2.1.2 近期进展
2.3 国内研究
"""


def test_decimal_numbering_three_levels():
    rows, changes = sections(paper_lines(DECIMAL))
    assert tree(rows) == [(1, 1, None, "1"), (2, 2, 1, "1.1"), (3, 2, 1, "1.2"), (4, 1, None, "2"),
                          (5, 2, 4, "2.1"), (6, 3, 5, "2.1.1"), (7, 3, 5, "2.1.2"), (8, 2, 4, "2.3")]
    assert [c.detail for c in changes] == ["section 8 (2.3 国内研究): expected 2.2, found 2.3"]


def test_decimal_headings_without_top_level_restart_with_their_prefix():
    rows, changes = sections(["1.1 背景", "1.2 问题", "2.1 方法", "2.2 数据"])
    assert [r["level"] for r in rows] == [1, 1, 1, 1]
    assert changes == []


def test_wrong_restart_and_returning_style():
    rows, changes = sections(["一、甲部分", "（一）子项", "二、乙部分", "（一）子项", "（二）子项", "一、丙部分"])
    assert [r["level"] for r in rows] == [1, 2, 1, 2, 2, 1]
    assert [c.detail for c in changes] == ["section 6 (一 丙部分): expected 三, found 一"]
    assert all((c.stage, c.kind, c.severity) == ("structure", "section_numbering_gap", "warning") for c in changes)


def test_section_rows_carry_title_and_label():
    rows, _ = sections(["一、研究背景"])
    assert rows == [{"section_no": 1, "level": 1, "parent_section_no": None, "label": "一", "title": "研究背景",
                     "part": "body"}]
    assert build_section_rows([]) == ([], [])


# ---------------------------------------------------------------- front matter: other papers

INDEXED_AUTHORS = """
第40卷 第3期 2021年3月
“双碳”目标下长三角城市群绿色转型的
路径研究 ——基于面板数据的分析
王小明 1，陈静 2*
(1. 复旦大学 经济学院，上海 200433；2. 南京大学 商学院，南京 210093)
摘 要：文章以长三角城市群为对象，
考察绿色转型的路径与机制。
关键词：绿色转型；长三角；城市群
中图分类号：F299.2  文献标识码：A  文章编号：1000-0000(2021)03-0001-10
Research on the Green Transition Path of Urban Agglomerations
WANG Xiaoming1, CHEN Jing2
(1. School of Economics, Fudan University, Shanghai 200433, China)
Abstract: Taking the Yangtze River Delta as the object,
this paper examines the path of green transition.
Key words: green transition; Yangtze River Delta; urban agglomeration
DOI:10.16381/j.cnki.issn1003-207x.2021.03.001
本文首先回顾相关文献，然后给出研究设计。
一、引言
正文第一段。
"""


def test_indexed_authors_with_numbered_affiliations_and_english_block():
    lines = paper_lines(INDEXED_AUTHORS)
    start = find_body_start(lines)
    assert lines[start] == "一、引言"
    front = parse_front_matter(lines[:start])
    assert front.title_zh == "“双碳”目标下长三角城市群绿色转型的路径研究——基于面板数据的分析"
    assert front.title_en == "Research on the Green Transition Path of Urban Agglomerations"
    assert front.authors == [
        author("王小明", "WANG Xiaoming", "复旦大学 经济学院", affiliation_en="School of Economics, Fudan University",
               address="上海 200433"),
        author("陈静", "CHEN Jing", "南京大学 商学院", address="南京 210093"),
    ]
    assert front.abstract_zh == "文章以长三角城市群为对象，考察绿色转型的路径与机制。"
    assert front.abstract_en == ("Taking the Yangtze River Delta as the object, "
                                 "this paper examines the path of green transition.")
    assert front.keywords == [("绿色转型", "zh"), ("长三角", "zh"), ("城市群", "zh"), ("green transition", "en"),
                              ("Yangtze River Delta", "en"), ("urban agglomeration", "en")]
    assert (front.doi, front.issn, front.year) == ("10.16381/j.cnki.issn1003-207x.2021.03.001", "1003-207X", 2021)
    assert (front.clc, front.document_code, front.article_no) == ("F299.2", "A", "1000-0000(2021)03-0001-10")
    assert front.unplaced == ["第40卷 第3期 2021年3月", "本文首先回顾相关文献，然后给出研究设计。"]
    assert [b.text for b in front.kept] == ["第40卷 第3期 2021年3月"]  # a masthead: kept as a front paragraph
    assert front.body_lines == ["本文首先回顾相关文献，然后给出研究设计。"]


NAME_WITH_AFFILIATION_NO_ABSTRACT = """
数字政府建设的国际比较
刘洋（清华大学 公共管理学院，北京 100084）
Keywords: digital government; comparison; governance
第一章 绪论
"""


def test_name_with_affiliation_no_abstract_english_only_keywords():
    lines = paper_lines(NAME_WITH_AFFILIATION_NO_ABSTRACT)
    assert find_body_start(lines) == 3
    front = parse_front_matter(lines[:3])
    assert front.title_zh == "数字政府建设的国际比较"
    assert front.title_en is None
    assert front.authors == [author("刘洋", affiliation="清华大学 公共管理学院", address="北京 100084")]
    assert front.abstract_zh is None and front.abstract_en is None
    assert front.keywords == [("digital government", "en"), ("comparison", "en"), ("governance", "en")]
    assert (front.doi, front.issn, front.year) == (None, None, None)


LABELLED_AUTHORS = """
人工智能与城市治理
作者：张伟，李娜
【摘要】本文讨论人工智能在城市治理中的应用。
【关键词】人工智能 城市治理 智慧城市
ISSN 1674-7739
"""


def test_labelled_authors_bracketed_labels_and_space_separated_keywords():
    front = parse_front_matter(paper_lines(LABELLED_AUTHORS))
    assert front.title_zh == "人工智能与城市治理"
    assert [(a["name_zh"], a["affiliation"]) for a in front.authors] == [("张伟", None), ("李娜", None)]
    assert front.abstract_zh == "本文讨论人工智能在城市治理中的应用。"
    assert front.keywords == [("人工智能", "zh"), ("城市治理", "zh"), ("智慧城市", "zh")]
    assert front.issn == "1674-7739" and front.year is None


TRADITIONAL_FRONT = """
城市創新網絡的演化與治理
陳建華 1，林美玲 2
（1. 臺灣大學 城鄉所，臺北 10617；2. 政治大學 公共行政學系，臺北 11605）
內容提要：本文探討城市創(chuàng)新網絡的演化。
關鍵詞：創新網絡，城市治理，演化
一、前言
"""


def test_traditional_front_matter():
    lines = paper_lines(TRADITIONAL_FRONT)
    start = find_body_start(lines)
    front = parse_front_matter(lines[:start])
    assert start == 5
    assert front.title_zh == "城市創新網絡的演化與治理"
    assert [(a["name_zh"], a["affiliation"]) for a in front.authors] == [
        ("陳建華", "臺灣大學 城鄉所"), ("林美玲", "政治大學 公共行政學系")]
    assert front.abstract_zh == "本文探討城市創(chuàng)新網絡的演化。"
    assert front.keywords == [("創新網絡", "zh"), ("城市治理", "zh"), ("演化", "zh")]


def test_numbered_affiliation_lines_before_the_abstract_are_not_the_body():
    lines = ["城市更新的制度逻辑", "张三 1，李四 2", "1. 北京大学城市与环境学院，北京 100871",
             "2. 清华大学建筑学院，北京 100084", "摘要：本文分析城市更新的制度逻辑。", "关键词：城市更新；制度",
             "一、引言", "正文。"]
    assert find_body_start(lines) == 6
    front = parse_front_matter(lines[:6])
    assert [(a["name_zh"], a["affiliation"]) for a in front.authors] == [
        ("张三", "北京大学城市与环境学院"), ("李四", "清华大学建筑学院")]


def test_byline_variants_and_two_line_title():
    lines = ["文/赵刚/上海社会科学院研究员、博士生导师", "全球城市网络中的", "上海角色 与功能定位", "摘要：讨论上海。"]
    front = parse_front_matter(lines)
    assert front.authors == [author("赵刚", affiliation="上海社会科学院", position="研究员、博士生导师")]
    assert front.title_zh == "全球城市网络中的上海角色与功能定位"


def test_titles_never_come_from_authors_labels_or_headings():
    front = parse_front_matter(["作者：张伟", "摘要：本文讨论城市治理的若干问题。", "关键词：城市治理"])
    assert front.title_zh is None and front.title_en is None
    assert [a["name_zh"] for a in front.authors] == ["张伟"]
    assert find_body_start(["一、引言", "正文。"]) == 0


def test_paper_without_headings_starts_after_its_last_label():
    lines = ["城市治理的新思路", "摘要：本文讨论城市治理。", "关键词：城市；治理", "正文第一段。"]
    assert find_body_start(lines) == 3
    assert find_body_start(["正文第一段。", "正文第二段。"]) == 0


@pytest.mark.parametrize("text, affiliation, position", [
    ("同济大学博士研究生", "同济大学", "博士研究生"),
    ("上海国际问题研究院研究员", "上海国际问题研究院", "研究员"),
    ("同济大学教授", "同济大学", "教授"),
    ("复旦大学副教授", "复旦大学", "副教授"),
    ("中国社会科学院助理研究员", "中国社会科学院", "助理研究员"),
    ("华东师范大学教授、博士生导师", "华东师范大学", "教授、博士生导师"),
    ("上海社会科学院世界经济研究所所长", "上海社会科学院世界经济研究所", "所长"),
    ("北京大学 经济学院，北京 100871", "北京大学 经济学院", None),
    ("同济大学 教授", "同济大学", "教授"),
    ("清华大学", "清华大学", None),
])
def test_split_affiliation_position(text, affiliation, position):
    assert split_affiliation_position(text) == (affiliation, position)


@pytest.mark.parametrize("text, lang, expected", [
    ("科技创新; “一带一路”; 城市合作", "zh", ["科技创新", "“一带一路”", "城市合作"]),
    ("创新网络，城市治理，演化。", "zh", ["创新网络", "城市治理", "演化"]),
    ("人工智能  城市治理 智慧城市", "zh", ["人工智能", "城市治理", "智慧城市"]),
    ("green transition; Yangtze River Delta", "en", ["green transition", "Yangtze River Delta"]),
    ("smart city, urban governance.", "en", ["smart city", "urban governance"]),
    ("", "en", []),
])
def test_split_keywords(text, lang, expected):
    assert split_keywords(text, lang) == expected


def test_find_doi_skips_reference_entries():
    text = "[1] 张三.论文[J].期刊,2019. DOI:10.1000/ref.1\n正文\nDOI：10.3969/j.issn.1674-7739.2019.01.010."
    assert find_doi(text) == "10.3969/j.issn.1674-7739.2019.01.010"
    assert find_doi("没有标识符") is None


# ---------------------------------------------------------------- back matter

def test_funding_with_several_grants_and_label():
    back = parse_back_matter([
        "基金项目：国家社会科学基金重大项目“城市外交研究”(批准号：17ZDA001)；教育部人文社会科学研究项目(16YJC790001)",
        "（责任编辑 张三）",
    ])
    assert back["funding"] == "国家社会科学基金重大项目“城市外交研究”(批准号：17ZDA001)；教育部人文社会科学研究项目(16YJC790001)"
    assert back["grant_no"] == "17ZDA001; 16YJC790001"
    assert back["editor"] == "张三"


def test_funding_statement_and_editor_inside_a_paragraph():
    back = parse_back_matter(["＊本文系国家社科基金一般项目“城市外交研究”（16BGJ012）的阶段性成果。",
                              "城市外交的作用日益凸显。（责任编辑：李四）"])
    assert back["funding"] == "本文系国家社科基金一般项目“城市外交研究”（16BGJ012）的阶段性成果。"
    assert back["grant_no"] == "16BGJ012"
    assert back["editor"] == "李四"


def test_traditional_funding_without_grant_number_and_editor():
    back = parse_back_matter(["本研究受臺北市政府委託研究計畫資助，2016—2018年執行。", "責任編輯：陳明"])
    assert back["funding"] == "本研究受臺北市政府委託研究計畫資助，2016—2018年執行。"
    assert back["grant_no"] is None  # years and year ranges are not grant numbers
    assert back["editor"] == "陳明"


@pytest.mark.parametrize("line, expected", [
    ("说明:本文系上海市科研计划项目“某研究”(18692112800)的部分研究成果。", True),
    ("基金项目：国家自然科学基金(71773084)", True),
    ("■ 责任编辑:王明洲", True),
    ("(责任编辑 张三)", True),
    ("本文系统分析了城市更新项目的实施成果。", False),
    ("本文是对城市更新项目实施成果的评估，重点讨论三个问题。", False),
    ("本文受国家自然科学基金项目（2019YFC0810700）支持。", True),
    ("城市外交的作用日益凸显。（责任编辑：李四）", False),
    ("注：根据相关资料整理。", False),
])
def test_is_back_matter_line(line, expected):
    assert is_back_matter_line(line) is expected


# ---------------------------------------------------------------- captions, notes, call-outs

@pytest.mark.parametrize("line, expected", [
    ("表1 中西部相关省份的政策规划及重点工程项目一览", ("table", "表1", "中西部相关省份的政策规划及重点工程项目一览")),
    ("表 2 世界城市联盟和议题", ("table", "表2", "世界城市联盟和议题")),
    ("圖3 全球創新城市分布", ("figure", "图3", "全球創新城市分布")),
    ("图1-2：城市网络结构", ("figure", "图1-2", "城市网络结构")),
    ("Table 1 Main indicators", ("table", "表1", "Main indicators")),
    ("Fig. 4 Urban network", ("figure", "图4", "Urban network")),
    ("图5", ("figure", "图5", "")),
    ("表1显示，城市数量持续增长。", None),
    ("图2是城市网络的示意。", None),
    ("表明城市数量持续增长", None),
    ("表1\t城市\t数量", None),
])
def test_parse_caption(line, expected):
    assert parse_caption(line) == expected


@pytest.mark.parametrize("line, expected", [
    ("资料来源：根据相关资料整理", True),
    ("數據來源:國家統計局", True),
    ("注：2019年数据为估计值。", True),
    ("註:根據報告整理。", True),
    ("注1：单位为亿元", True),
    ("Source: World Bank", True),
    ("Note: estimates", True),
    ("注：本文系国家社科基金项目（16BGJ012）的阶段性成果。", False),
    ("注意到城市数量持续增长。", False),
    ("说明:本文系上海市科研计划项目的部分研究成果。", False),
])
def test_is_table_note(line, expected):
    assert is_table_note(line) is expected


def test_find_mentions_forms_and_offsets():
    text = "如图2所示，城市数量持续增长（图1），详见表3和圖1-2；另见表 4。参见Table 5。"
    mentions = find_mentions(text)
    assert [(m["kind"], m["label"]) for m in mentions] == [
        ("figure", "图2"), ("figure", "图1"), ("table", "表3"), ("figure", "图1-2"), ("table", "表4"), ("table", "表5")]
    assert [m["offset"] for m in mentions] == [
        text.index("图2"), text.index("图1"), text.index("表3"), text.index("圖1-2"), text.index("表 4"),
        text.index("Table")]


def test_find_mentions_ignores_words_quantities_and_captions():
    assert find_mentions("我们代表1个团队发表2篇论文，试图3次突破。") == []
    assert find_mentions("表1 中西部相关省份的政策规划及重点工程项目一览") == []
    assert find_mentions("(圖1)") == [{"kind": "figure", "label": "图1", "offset": 1}]


# ---------------------------------------------------------------- guards

def test_library_code_holds_no_text_from_the_samples():
    source = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "src" / "extract" / "structure").glob("*.py")))
    samples = SAMPLE_SIMPLIFIED.read_text(encoding="utf-8") + SAMPLE_TRADITIONAL.read_text(encoding="utf-8")
    runs = re.findall("[\u4e00-\u9fff]{6,}", source)
    assert [run for run in runs if any(run[i:i + 6] in samples for i in range(len(run) - 5))] == []
    identifiers = set(re.findall(r"\d[\d.\-/]{5,}\d", samples)) | set(re.findall(r"[A-Z][a-z]+ [A-Z][a-z]+", samples))
    assert sorted(token for token in identifiers if token in source) == []
