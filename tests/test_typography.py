"""Headings and paragraphs from how a PDF block was printed (structure/typography.py, paragraphs.py)."""

from __future__ import annotations

import pytest

from extract.model import Block
from extract.structure.back_matter import parse_named_heading
from extract.structure.body import read_body
from extract.structure.document import read_document
from extract.structure.headings import build_section_rows, parse_heading
from extract.structure.paragraphs import Piece, ends_paragraph, merge_pieces
from extract.structure.typography import heading_of
from extract.text import ends_with_full_stop

BODY = 10.5


def printed(text: str, size: float = BODY, bold: bool = False, lines: int = 1, centered: bool = False,
            indented: bool = False, gap: bool = False, page: int = 1) -> Block:
    return Block(text=text, font_size=size, bold=bold, n_lines=lines, centered=centered, indented=indented,
                 gap_before=gap, page_start=page, page_end=page)


@pytest.mark.parametrize("line,typeset,expected", [
    ("1 引言", True, ("arabic_space", "1", "引言", "1")),
    ("1 引言", False, None),  # text input: a number and a space is no heading style
    ("§1. 引 言", False, ("section_sign", "1", "引 言", "§1.")),
    ("2 个字符的缩进", True, ("arabic_space", "2", "个字符的缩进", "2")),  # a weak style: typography decides
])
def test_numbered_heading_styles(line, typeset, expected):
    heading = parse_heading(line, typeset=typeset)
    assert (heading and (heading.style, heading.label, heading.title, heading.label_source)) == expected


@pytest.mark.parametrize("line,expected", [
    ("附录 A LATEX 环境的安装", ("appendix", "A", "LATEX 环境的安装", "附录 A")),
    ("附录B", ("appendix", "B", "", "附录B")),
    ("致谢", ("acknowledgements", None, "致谢", "")),
])
def test_an_appendix_label_is_kept_as_printed(line, expected):
    heading = parse_named_heading(line)
    assert (heading and (heading.style, heading.label, heading.title, heading.label_source)) == expected


@pytest.mark.parametrize("block,expected", [
    (printed("1 引言", size=12), "引言"),  # larger than the body
    (printed("2 个字符的缩进"), None),  # body type: a sentence, not a heading
    (printed("1. 数学公式 (equation 等), 编号在右侧", lines=1), None),  # a list item in body type
    (printed("1. 研究方法", bold=True), "研究方法"),  # bold
    (printed("(1) 样本选择", bold=True), "样本选择"),
    (printed("2.1 符号、计量单位和缩略词"), "符号、计量单位和缩略词"),  # journals set 1.1 in body type
    (printed("一、引言", lines=4), None),  # four lines are a paragraph
    (printed("结 论", size=16, centered=True, bold=True), "结 论"),  # a part's name (title as printed)
    (printed("研 究 背 景", size=16, centered=True, bold=True), "研究背景"),  # no number, no name: larger
    (printed("致谢", size=12), "致谢"),
    (printed("致谢"), "致谢"),  # a part's name: a heading in any type
    (printed("研究背景"), None),  # body type, no number, no part's name: a short line of text
    (printed("English Title", size=14.35, centered=True, bold=True), None),  # no Han: back matter, not a section
    (printed("图 1 一个浮动图", size=14), None),  # a caption
    (Block(text="一、引言"), "引言"),  # text input: numbering alone
    (Block(text="结论"), "结论"),  # text input: a part's name on a line of its own
    (Block(text="研究背景"), None),
])
def test_heading_of_a_printed_block(block, expected):
    heading = heading_of(block, BODY)
    assert (heading and heading.title) == expected


def test_unnumbered_headings_are_level_one_and_not_checked_for_numbering():
    blocks = [printed("第 1 章一级题目", size=16, bold=True), printed("1. 1 二级题目", size=14, bold=True),
              printed("正文……", indented=True), printed("结 论", size=16, bold=True, centered=True),
              printed("本文结论……。", indented=True), printed("附 录", size=16, bold=True, centered=True),
              printed("附录 A LATEX 环境的安装", size=14, bold=True), printed("LATEX 环境的安装。", indented=True)]
    body = read_body(blocks)
    rows, changes = build_section_rows(body.headings)
    assert [(r["level"], r["label"], r["title"], r["parent_section_no"]) for r in rows] == [
        (1, "1", "一级题目", None), (2, "1.1", "二级题目", 1), (1, None, "结 论", None), (1, None, "附 录", None),
        (2, "A", "LATEX 环境的安装", 4)]
    assert [h.label_source for h in body.headings] == ["第 1 章", "1. 1", "", "", "附录 A"]
    assert changes == []


def test_a_doubled_reference_heading_is_one_and_the_list_ends_at_an_appendix():
    blocks = [printed("一、引言", size=12), printed("正文。", indented=True),
              printed("参考文献", bold=True, centered=True), printed("参考文献", size=15, bold=True, centered=True),
              printed("[1] 张三. 城市合作研究[J]. 城市问题, 2018, 12(3): 1-10.", size=9),
              printed("附 录", size=16, bold=True, centered=True), printed("附录相关内容。", indented=True)]
    parts = read_document(blocks)
    assert [b.text for b in [parts.reference_heading, *parts.repeated_headings]] == ["参考文献", "参考文献"]
    assert [b.text for b in parts.body] == ["一、引言", "正文。"]
    assert [b.text for b in parts.references] == ["[1] 张三. 城市合作研究[J]. 城市问题, 2018, 12(3): 1-10."]
    assert [b.text for b in parts.back] == ["附 录", "附录相关内容。"]


@pytest.mark.parametrize("text,ends", [
    ("这一章为引言, 无需写标题 ^[1].", True),  # 自动化学报 ends Chinese sentences with `. `
    ("结果见表 1（注）.", True),
    ("defaults substituted.", False),  # after a Latin word: an abbreviation or English, not decided here
    ("第 3.", False),
    ("et al.", False),
])
def test_a_full_stop_after_chinese_text_ends_a_sentence(text, ends):
    assert ends_paragraph(text) == ends
    assert ends_with_full_stop(text.replace(" ^[1]", "")) == ends


def test_a_printed_paragraph_start_is_a_new_paragraph_even_without_a_sentence_end():
    pieces = [Piece("LaTeX Font Warning: Some font shapes were not available, defaults substituted", 1, 2, 2, 0),
              Piece("请依次检查: 1) 您的 LATEX 系统是否已经安装了您使用的字体", 1, 2, 2, 1, opens=True),
              Piece("的情况下, 此模板支持 6 种中文字体。", 1, 2, 2, 2)]
    paragraphs, joins = merge_pieces(pieces)
    assert [p.text for p in paragraphs] == [
        "LaTeX Font Warning: Some font shapes were not available, defaults substituted",
        "请依次检查: 1) 您的 LATEX 系统是否已经安装了您使用的字体的情况下, 此模板支持 6 种中文字体。"]
    assert len(joins) == 1
