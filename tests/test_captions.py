"""Caption lines as theses print them: a label's dash as the font draws it (a soft hyphen), a caption
ending in a full stop right beside its table, and the body sentences that must stay sentences."""

from __future__ import annotations

import pytest

from extract.structure.captions import find_mentions, parse_caption


@pytest.mark.parametrize("line, expected", [
    ("表4\u00ad1 计算理想导体平板的存储量", ("table", "表4-1", "计算理想导体平板的存储量")),  # XeLaTeX's soft hyphen
    ("表4\u00ad1计算理想导体平板的存储量", ("table", "表4-1", "计算理想导体平板的存储量")),  # glued to the text
    ("图2\u20103 网络结构", ("figure", "图2-3", "网络结构")),
    ("表 3−2 参数设置", ("table", "表3-2", "参数设置")),
])
def test_a_label_with_any_dash_reads_with_a_hyphen(line, expected):
    assert parse_caption(line) == expected


def test_a_call_out_with_a_soft_hyphen_names_the_label():
    assert [m["label"] for m in find_mentions("如表4\u00ad1所示给出了存储量，图4\u00ad1(a)给出了电流。")] == [
        "表4-1", "图4-1"]


@pytest.mark.parametrize("line, expected", [
    ("表4-1 计算2m×2m理想导体平板的存储量比较。", ("table", "表4-1", "计算2m×2m理想导体平板的存储量比较")),
    ("表4\u00ad1计算三种存储方式的存储量比较。", ("table", "表4-1", "计算三种存储方式的存储量比较")),
    ("表2 各地区主要指标", ("table", "表2", "各地区主要指标")),
    ("表3", ("table", "表3", "")),
    # sentences about the table: never captions, even beside it
    ("表4-1给出了三种存储方式的存储量。", None),
    ("表4-1所示为三种存储方式的存储量。", None),
    ("表4-1中列出了三种存储方式的存储量。", None),
    ("表4-1显示存储量随时间步长减小。", None),
    ("表4-1的结果表明，完全压缩最省。", None),
    ("表4-1比较了三种存储方式。", None),
    ("表4-1对三种存储方式进行比较。", None),
    ("表4-1将三种存储方式的存储量汇总。", None),
    ("表4-1。", None),
    ("表4-1 存储量比较。存储量随步长减小。", None),
])
def test_a_caption_beside_its_table_may_end_in_a_full_stop(line, expected):
    assert parse_caption(line, full_stop=True) == expected


def test_a_caption_ending_in_a_full_stop_is_a_sentence_away_from_a_table():
    assert parse_caption("表4-1 计算2m×2m理想导体平板的存储量比较。") is None
