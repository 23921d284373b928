"""In-text citation markers: every form Chinese papers print, what is not a marker, offsets."""

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from extract.citations import MAX_RANGE_SPAN, expand_marker, extract_citation_markers


def marker(written: str, ref_nos: list[int], offset: int, suspect: bool = False) -> dict:
    return {"marker": written, "ref_nos": ref_nos, "char_offset": offset, "suspect": suspect}


@pytest.mark.parametrize(("text", "clean", "markers"), [
    pytest.param("增长。^[1]", "增长。", [marker("^[1]", [1], 3)], id="caret-at-end"),
    pytest.param("研究[3]表明", "研究表明", [marker("[3]", [3], 2)], id="inline"),
    pytest.param("研究[3-5]表明", "研究表明", [marker("[3-5]", [3, 4, 5], 2)], id="range-hyphen"),
    pytest.param("研究[3–5]表明", "研究表明", [marker("[3–5]", [3, 4, 5], 2)], id="range-en-dash"),
    pytest.param("研究[3—5]表明", "研究表明", [marker("[3—5]", [3, 4, 5], 2)], id="range-em-dash"),
    pytest.param("研究[3~5]表明", "研究表明", [marker("[3~5]", [3, 4, 5], 2)], id="range-tilde"),
    pytest.param("研究[3,6]表明", "研究表明", [marker("[3,6]", [3, 6], 2)], id="list-comma"),
    pytest.param("研究[3，6]表明", "研究表明", [marker("[3，6]", [3, 6], 2)], id="list-fullwidth-comma"),
    pytest.param("研究[3、6]表明", "研究表明", [marker("[3、6]", [3, 6], 2)], id="list-enumeration-comma"),
    pytest.param("研究[3, 6]表明", "研究表明", [marker("[3, 6]", [3, 6], 2)], id="list-with-space"),
    pytest.param("研究［3］表明", "研究表明", [marker("［3］", [3], 2)], id="fullwidth-brackets"),
    pytest.param("研究^[3,5-7]表明", "研究表明", [marker("^[3,5-7]", [3, 5, 6, 7], 2)], id="caret-list-and-range"),
    pytest.param("研究^[12]^表明", "研究表明", [marker("^[12]^", [12], 2)], id="caret-both-sides"),
    pytest.param("研究[3,3-4]表明", "研究表明", [marker("[3,3-4]", [3, 4], 2)], id="repeat-dropped"),
    pytest.param("蓉欧快铁； ^[2] 国际航空枢纽", "蓉欧快铁；国际航空枢纽", [marker("^[2]", [2], 5)], id="table-cell-spaces"),
    pytest.param("四川省\t蓉欧快铁； ^[2] 国际航空枢纽", "四川省\t蓉欧快铁；国际航空枢纽", [marker("^[2]", [2], 9)],
                 id="tab-separated-row"),
    pytest.param("内陆国际邮件互换中心。 ^[3]\t下一格", "内陆国际邮件互换中心。\t下一格", [marker("^[3]", [3], 11)],
                 id="space-before-tab"),
    pytest.param("的便利。^[6]2016年4月成立", "的便利。2016年4月成立", [marker("^[6]", [6], 4)], id="before-digits"),
    pytest.param("国际友城合作, ^[9] 在各领域", "国际友城合作, 在各领域", [marker("^[9]", [9], 7)],
                 id="ascii-comma-keeps-its-space"),
    pytest.param("growth [3] and trade", "growth and trade", [marker("[3]", [3], 6)], id="between-latin-words"),
    pytest.param("growth [3].", "growth.", [marker("[3]", [3], 6)], id="before-period"),
    pytest.param("国际航空枢纽 ^[2]；", "国际航空枢纽；", [marker("^[2]", [2], 6)], id="before-cjk-punctuation"),
    pytest.param("见^[1]^[2] ^[4]。", "见。",
                 [marker("^[1]", [1], 1), marker("^[2]", [2], 1), marker("^[4]", [4], 1)], id="adjacent-markers"),
    pytest.param("甲^[1]乙^[2]丙", "甲乙丙", [marker("^[1]", [1], 1), marker("^[2]", [2], 2)], id="offsets-in-output"),
    pytest.param("^[1]开头", "开头", [marker("^[1]", [1], 0)], id="caret-at-start"),
    pytest.param("第一行\n第二行^[5]\n", "第一行\n第二行\n", [marker("^[5]", [5], 7)], id="multiline"),
    pytest.param("研究[1-200]表明", "研究表明", [marker("[1-200]", [1, 200], 2, suspect=True)], id="suspect-wide-range"),
    pytest.param("研究[5-3]表明", "研究表明", [marker("[5-3]", [5, 3], 2, suspect=True)], id="suspect-backward-range"),
    pytest.param("变形有[10; 第 186 页]。", "变形有。", [marker("[10; 第 186 页]", [10], 3)], id="locator-page"),
    pytest.param("见[10; 第三章第 2 节定理 2].", "见.", [marker("[10; 第三章第 2 节定理 2]", [10], 1)],
                 id="locator-chapter-aps-style"),
    pytest.param("as shown [3, p. 12] here", "as shown here", [marker("[3, p. 12]", [3], 8)], id="locator-english"),
    pytest.param("文献[1]～[3]指出", "文献指出", [marker("[1]～[3]", [1, 2, 3], 2)], id="range-across-brackets"),
    pytest.param("研究^[2]-^[4]表明", "研究表明", [marker("^[2]-^[4]", [2, 3, 4], 2)], id="caret-range-across-brackets"),
])
def test_markers_are_removed_and_reported(text, clean, markers):
    assert extract_citation_markers(text) == (clean, markers)


@pytest.mark.parametrize("text", [
    pytest.param("标题[EB/OL].(2015-09-23)", id="type-code-online"),
    pytest.param("标题[J].科学通报", id="type-code"),
    pytest.param("访问于[2018-12-20]。", id="access-date"),
    pytest.param("发表于[2016]年", id="year"),
    pytest.param("编号[1000]", id="four-digit-number"),
    pytest.param("编号[0]", id="zero"),
    pytest.param("[1] Zhang Hai, Wang Yuzhu. Interpreting[R].", id="list-label"),
    pytest.param("参考文献:\n[2] 四川成都借力[N].人民日报", id="list-label-after-line-break"),
    pytest.param("  [3] 缩进的条目", id="indented-list-label"),
    pytest.param("见http://example.com/a[1].htm 页面", id="inside-url"),
    pytest.param("公式(3)与条款（4）", id="parentheses"),
    pytest.param("数组[a]与[ ]", id="no-number"),
    pytest.param("区间[1-2000]", id="range-to-a-year"),
    pytest.param("惯性矩为 5 m^4 与 m⁴", id="exponent-without-brackets"),
    pytest.param("误差小于10^[-3]", id="negative-exponent-in-brackets"),
    pytest.param("见[3; 5 号文件]", id="semicolon-without-locator-word"),
])
def test_non_markers_are_left_alone(text):
    assert extract_citation_markers(text) == (text, [])


@pytest.mark.parametrize(("written", "ref_nos"), [
    ("[3]", [3]), ("^[3-5]", [3, 4, 5]), ("[3，6]", [3, 6]), ("［3—5］", [3, 4, 5]), ("^[3,5-7]", [3, 5, 6, 7]),
    ("[7,2]", [7, 2]), (f"[1-{MAX_RANGE_SPAN}]", list(range(1, MAX_RANGE_SPAN + 1))),
    (f"[1-{MAX_RANGE_SPAN + 1}]", [1, MAX_RANGE_SPAN + 1]),
])
def test_expand_marker(written, ref_nos):
    assert expand_marker(written) == ref_nos


@pytest.mark.parametrize("written", ["[EB/OL]", "[2016]", "3", "[3"])
def test_expand_marker_rejects_what_is_not_a_marker(written):
    with pytest.raises(ValueError, match="not a citation marker"):
        expand_marker(written)


POSSIBLE_MARKER = re.compile(r"[\[［]\s*\d")


@given(st.text(alphabet="中文研究表明。，；：“”()（）[]［］^-—,EBOLJab 0123456789\t\n/"))
def test_text_without_markers_is_returned_unchanged(text):
    assume(not POSSIBLE_MARKER.search(text))
    assert extract_citation_markers(text) == (text, [])


NON_MARKER_PIECES = [
    "城市", "合作", "growth", " ", "，", "。", "[EB/OL]", "[J]", "[2018-12-20]", "[2016]", "[1000]", "(3)", "（4）",
    " http://a.cn/p[1].htm ", "2016", "^", "[", "]", "\t",
]


@given(st.lists(st.sampled_from(NON_MARKER_PIECES)))
def test_reference_like_brackets_are_returned_unchanged(pieces):
    text = "".join(pieces)
    assert extract_citation_markers(text) == (text, [])


@given(
    st.lists(st.text(alphabet="中文研究表明。，；“”2016abc"), min_size=2, max_size=6),
    st.lists(st.integers(min_value=1, max_value=999), min_size=5, max_size=5),
)
def test_markers_between_chinese_text_are_removed_at_their_offsets(chunks, numbers):
    text, clean_length, offsets = chunks[0], len(chunks[0]), []
    for chunk, number in zip(chunks[1:], numbers):
        offsets.append(clean_length)
        text += f"^[{number}]" + chunk
        clean_length += len(chunk)
    clean, markers = extract_citation_markers(text)
    assert clean == "".join(chunks)
    assert [(m["ref_nos"], m["char_offset"]) for m in markers] == [([n], o) for n, o in zip(numbers, offsets)]


def test_sample_000_body_cites_each_reference_once_in_order(raw_dir):
    lines = (raw_dir / "000_7e9e2be989c70a6d.txt").read_text(encoding="utf-8").splitlines()
    body = lines[:lines.index("参考文献:")]
    results = [extract_citation_markers(line) for line in body]
    assert [n for _, markers in results for m in markers for n in m["ref_nos"]] == list(range(1, 10))
    assert not any("^[" in clean or "  " in clean for clean, _ in results)


def test_sample_000_table_row_keeps_its_cells():
    row = "四川省\t蓉欧快铁； ^[2] 国际航空枢纽；自贸试验区。"
    assert extract_citation_markers(row) == (
        "四川省\t蓉欧快铁；国际航空枢纽；自贸试验区。", [marker("^[2]", [2], 9)]
    )
