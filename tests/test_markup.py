"""HTML left in text papers by web conversions (`&nbsp;`, `&amp;`, `<sup>[2]</sup>`, `<br>`) is read as
what it stands for, flagged once per distinct piece; text that only looks like markup stays."""

from __future__ import annotations

import pytest

from extract.paper import process_paper
from extract.run.sequence import paper_frames
from extract.schema.checks import find_failures
from extract.textfile.markup import resolve_web_markup


@pytest.mark.parametrize("raw, resolved", [
    ("发展路径&amp;政策选择", "发展路径&政策选择"),
    ("王小明&nbsp;李华", "王小明 李华"),
    ("取得了显著成效&hellip;&hellip;但", "取得了显著成效……但"),
    ("&ldquo;一带一路&rdquo;倡议", "“一带一路”倡议"),
    ("&#8220;双循环&#8221;格局&#x3002;", "“双循环”格局。"),
    ("诸多问题<sup>[2]</sup>。", "诸多问题^[2]。"),
    ("研究较早<sup>3-4</sup>，", "研究较早^[3-4]，"),
    ("研究<SUP>[5, 6]</SUP>", "研究^[5,6]"),
    ("面积为10 m<sup>2</sup>", "面积为10 m²"),  # an exponent after a unit
    ("H<sub>2</sub>O", "H2O"),
    ('<span style="color:red">城市</span>治理', "城市治理"),
    ("第一段<br>第二段<br/>第三段<BR />", "第一段\n第二段\n第三段\n"),
    ("<p>引言</p>", "\n引言\n"),
    ("<td>年份</td><td>产量</td>", "\t年份\t\t产量\t"),
])
def test_markup_is_resolved(raw, resolved):
    text, changes = resolve_web_markup(raw)
    assert text == resolved
    assert changes and all(c.kind == "web_markup_resolved" for c in changes)


@pytest.mark.parametrize("raw", [
    "研发投入 R&D 与产出",  # a bare ampersand
    "http://example.com/a?lang=zh&id=3",  # `&id=` has no `;`
    "当 x<y 且 y>z 时",  # comparisons, not tags
    "&foo; 不是 HTML 字符引用",  # not an HTML5 name
    "<table1> 与 <图2>",  # not tags of the list
    "",
])
def test_text_that_only_looks_like_markup_stays(raw):
    assert resolve_web_markup(raw) == (raw, [])


def test_each_distinct_piece_is_one_flag_with_its_count():
    text, changes = resolve_web_markup("甲&nbsp;乙&nbsp;丙&amp;丁&nbsp;")
    assert text == "甲 乙 丙&丁 "
    assert [(c.original, c.replacement, c.detail) for c in changes] == [
        ("&nbsp; &nbsp; &nbsp;", None,
         "HTML markup `&nbsp;` left by a web conversion read as a space (3 times)"),
        ("&amp;", "&", "HTML markup `&amp;` left by a web conversion read as `&` (1 time)")]


WEB_PAPER = """乡村振兴背景下的农村金融研究
王小明1,2 &nbsp;李华2
(1.中国人民大学农业与农村发展学院,北京 100872; 2.中国农业大学经济管理学院,北京 100083)
摘&nbsp;要：本文研究农村金融的发展路径&amp;政策选择。
关键词：乡村振兴；农村金融
一、引言
农村金融是乡村振兴的重要支撑[1]。近年来改革成效显著&hellip;&hellip;但仍存在诸多问题<sup>[2]</sup>。
参考文献
[1]张三.农村金融改革研究[J].经济研究,2018,(5):12-20.
[2]李四,王五.普惠金融发展[M].北京:中国金融出版社,2019.
"""


def test_a_paper_copied_from_a_web_page_reads_like_its_clean_form(tmp_path):
    path = tmp_path / "web.txt"
    path.write_text(WEB_PAPER, encoding="utf-8")
    rows = process_paper(path)
    frames = paper_frames(rows)
    assert find_failures(frames) == []
    assert frames["authors"][["name_zh", "affiliation"]].values.tolist() == [
        ["王小明", "中国人民大学农业与农村发展学院；中国农业大学经济管理学院"], ["李华", "中国农业大学经济管理学院"]]
    doc = rows["documents"][0]
    assert doc["abstract_zh"] == "本文研究农村金融的发展路径&政策选择。"
    assert frames["paragraphs"]["text"].tolist() == ["农村金融是乡村振兴的重要支撑。近年来改革成效显著……但仍存在诸多问题。"]
    assert frames["citations"][["marker", "ref_no"]].values.tolist() == [["[1]", 1], ["^[2]", 2]]
    assert frames["references"][["container", "year", "issue", "pages"]].values.tolist()[0] == [
        "经济研究", 2018, "5", "12-20"]
    flags = frames["quality_flags"]
    markup = flags[flags["kind"] == "web_markup_resolved"]
    assert sorted(markup["original"]) == ["&amp;", "&hellip; &hellip;", "&nbsp; &nbsp;", "<sup>[2]</sup>"]
    assert doc["coverage"] == 1.0  # the markup is a recorded removal
