"""Reference lists as real papers print them: every entry kept, whatever the numbering and layout (issue 12, item 1).

Also: a translation printed on its own line stays with its entry (item 2), Japanese and
Korean fields keep their script while Traditional Chinese is made Simplified (item 5),
and the heading that opens the list is told from a section about references.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.paper import process_paper
from extract.references import (
    REFERENCE_FIELDS,
    ReferenceSettings,
    find_reference_heading,
    parse_reference,
    read_reference_list,
    split_reference_entries,
    split_reference_list,
)
from extract.run.sequence import paper_frames

JOURNAL = "甲.题名[J].刊名,2010(1):1-2."
BOOK = "乙.题名[M].北京:出版社,2011."
THESIS = "丙.题名[D].上海:复旦大学,2012."


# ---------------------------------------------------------------- numbering

@pytest.mark.parametrize("labels", [
    pytest.param(("[1] ", "[2] ", "[3] "), id="bracketed"),
    pytest.param(("［1］", "［2］", "［3］"), id="fullwidth-brackets"),
    pytest.param(("1. ", "2. ", "3. "), id="dotted"),
    pytest.param(("1 ", "2 ", "3 "), id="number-and-space"),
    pytest.param(("(1) ", "(2) ", "(3) "), id="parenthesized"),
    pytest.param(("1) ", "2) ", "3) "), id="closing-parenthesis"),
    pytest.param(("", "", ""), id="no-labels"),
])
def test_every_numbering_keeps_every_entry_with_its_broken_lines(labels):
    first, second, third = labels
    lines = [f"{first}甲.题名[J].刊名,", "2010(1):1-2.", f"{second}{BOOK}", f"{third}丙.题名[D].上海:", "复旦大学,2012."]
    assert split_reference_entries(lines) == [f"{first}{JOURNAL}", f"{second}{BOOK}", f"{third}{THESIS}"]


def test_number_and_space_numbering_aas_style_broken_english_entries():
    lines = ["1 Wang X S, Gu Y. Approximate policy-based accelerated deep rein-",
             "forcement learning. IEEE Transactions on Neural Networks,", "2020, 31(6): 1820-1830",
             "2 Sun Y, Wang X G. Deep learning face representation from predicting",
             "10 000 classes. In: Proceedings of CVPR. Columbus: IEEE, 2014. 1891-1898"]
    listing = split_reference_list(lines)
    assert [(e.number, e.style) for e in listing.entries] == [(1, "spaced"), (2, "spaced")]
    assert [e.text for e in listing.entries] == [
        "1 Wang X S, Gu Y. Approximate policy-based accelerated deep reinforcement learning. "
        "IEEE Transactions on Neural Networks, 2020, 31(6): 1820-1830",
        "2 Sun Y, Wang X G. Deep learning face representation from predicting 10 000 classes. "
        "In: Proceedings of CVPR. Columbus: IEEE, 2014. 1891-1898"]
    first = parse_reference(listing.entries[0].text, label_style="spaced")
    assert (first["ref_no"], first["authors"], first["doc_type"]) == (1, ["Wang X S", "Gu Y"], "J")


def test_a_number_and_space_list_must_start_at_one():
    lines = ["100 years of urban planning[M]. London: Verso, 2010."]
    assert [(e.number, e.style) for e in split_reference_list(lines).entries] == [(None, None)]


def test_several_entries_packed_on_one_line_are_split():
    assert split_reference_entries([f"[1] {JOURNAL} [2] {BOOK} [3] {THESIS}"]) == [
        f"[1] {JOURNAL}", f"[2] {BOOK}", f"[3] {THESIS}"]


def test_a_bracketed_number_inside_a_url_does_not_split_an_entry():
    line = "[1] 标题[EB/OL].(2016-06-08)[2018-08-20].http://example.org/a.htm?x=[2] [2] " + BOOK
    assert split_reference_entries([line]) == [
        "[1] 标题[EB/OL].(2016-06-08)[2018-08-20].http://example.org/a.htm?x=[2]", f"[2] {BOOK}"]


def test_an_entry_broken_over_a_page_loses_the_running_header_and_page_number():
    lines = ["[1] 甲.题名[J].刊名,", "12", "城市规划学刊", "2010(1):1-2.", f"[2] {BOOK}"]
    listing = split_reference_list(lines, running_lines=frozenset({"城市规划学刊"}))
    assert [e.text for e in listing.entries] == [f"[1] {JOURNAL}", f"[2] {BOOK}"]
    assert listing.set_apart == [("12", "page number"), ("城市规划学刊", "running header or footer")]


# ---------------------------------------------------------------- translations on their own line

CHINESE = "张三. 题名[J]. 力学学报, 2018, 50(2): 245-256."
ENGLISH = "ZHANG San. Title in English[J]. Chinese Journal of Theoretical and Applied Mechanics, 2018, 50(2): 245-256."


def test_a_translation_on_the_next_line_of_a_numbered_list_stays_with_its_entry():
    entries = split_reference_entries([f"[1] {CHINESE}", ENGLISH, "[2] 李四. 题名[M]. 北京: 科学出版社, 2011."])
    assert entries == [f"[1] {CHINESE} {ENGLISH}", "[2] 李四. 题名[M]. 北京: 科学出版社, 2011."]
    ref = parse_reference(entries[0])
    assert (ref["authors"], ref["container"], ref["volume"], ref["issue"], ref["pages"]) == (
        ["张三"], "力学学报", "50", "2", "245-256")
    assert (ref["translation"], ref["translation_title"]) == (ENGLISH, "Title in English")


def test_a_translation_on_the_next_line_of_a_list_without_labels_stays_with_its_entry():
    lines = [CHINESE, ENGLISH, "李四. 题名[M]. 北京: 科学出版社, 2011.", "Smith J. A book[M]. London: Penguin, 2017."]
    assert split_reference_entries(lines) == [
        f"{CHINESE} {ENGLISH}", "李四. 题名[M]. 北京: 科学出版社, 2011.", "Smith J. A book[M]. London: Penguin, 2017."]


@pytest.mark.parametrize("english", [
    "Li J, Wu Y, Xiao J J. The impact of digital finance on household consumption[J]. Economic Modelling, 2020, "
    "86: 317-326.",
    "Li J. Digital finance[M]. London: Penguin, 2020.",
])
def test_an_english_entry_of_the_same_year_after_a_chinese_one_is_an_entry_not_its_translation(english):
    """Author-year lists are sorted by author, without labels: a Chinese entry and the next, English one may
    share their year; a translation repeats volume, issue and pages as well."""
    chinese = "张勋，万广华，吴海涛. 数字金融与中国包容性增长[J]. 经济研究，2020，55（8）：4-19."
    assert split_reference_entries([chinese, english]) == [chinese, english]


# ---------------------------------------------------------------- a paper's list, with its flags

def test_read_reference_list_numbers_parses_and_flags():
    lines = ["[1] " + JOURNAL, "[2] 参见本刊2019年第3期相关讨论",
             "[3] Li X, Zhang Y. Urban growth in China. Urban Studies, 2018, 55(3): 512-530."]
    references, changes, after = read_reference_list(lines)
    assert after == []
    assert [(r["ref_no"], r["parse_status"], r["doc_type"], r["type_inferred"]) for r in references] == [
        (1, "ok", "J", False), (2, "failed", None, False), (3, "ok", "J", True)]
    assert references[1]["raw"] == "[2] 参见本刊2019年第3期相关讨论"
    assert [(c.kind, c.original) for c in changes] == [
        ("reference_parse_failed", "[2] 参见本刊2019年第3期相关讨论"),
        ("reference_type_inferred", lines[2])]


def test_an_authors_biography_after_the_last_entry_is_not_part_of_it_aas_style():
    lines = ["1 Zhou B, Oliva A. Places: a 10 million image database for scene recognition.",
             "IEEE Transactions on Pattern Analysis and Machine Intelligence, 2018, 40(6): 1452-1464",
             "尚某某中国科学院自动化研究所博士", "研究生. 主要研究方向为图像压缩.", "E-mail: someone@example.org"]
    references, changes, after = read_reference_list(lines)
    assert [(r["ref_no"], r["parse_status"], r["container"]) for r in references] == [
        (1, "ok", "IEEE Transactions on Pattern Analysis and Machine Intelligence")]
    assert after == ["尚某某中国科学院自动化研究所博士", "研究生. 主要研究方向为图像压缩.", "E-mail: someone@example.org"]
    ended = [c for c in changes if c.kind == "reference_list_ended"]
    assert [c.original for c in ended] == ["尚某某中国科学院自动化研究所博士"]


def test_footnotes_between_entries_are_set_apart_and_the_list_goes_on_amas_style():
    lines = ["[1] Chen Z, Hart M. Positive solutions. J. Differential Equations, 2003, 190(1):", "120-145",
             "本文 2006 年 1 月 9 日收到. 2007 年 9 月 24 日收到修改稿.", "∗", "国家自然科学基金资助项目.",
             "[2] Brezis H. Functional Analysis. New York: Springer, 2011"]
    references, changes, after = read_reference_list(lines)
    assert after == []
    assert [(r["ref_no"], r["doc_type"], r["pages"], r["publisher"]) for r in references] == [
        (1, "J", "120-145", None), (2, "M", None, "Springer")]
    assert [c.original for c in changes if c.kind == "reference_line_set_apart"] == lines[2:5]


@pytest.mark.parametrize("other_heading", ["2.5 参考文献", "参考文献"])
def test_the_heading_opening_the_list_is_told_from_a_section_about_references(other_heading):
    lines = ["1 引言", "正文。", other_heading, "参考文献只列公开出版的文献.", "1) 引用须规范.", "2) 格式须统一.",
             "3 结论", "结论正文。", "References", "1 Wang X S, Gu Y. Approximate policy. IEEE Transactions on Cybernetics,",
             "2020, 31(6): 1820-1830", "2 Sun Y. Deep learning. In: Proceedings of CVPR. Columbus: IEEE, 2014. 1-9"]
    assert find_reference_heading(lines) == 8


# ---------------------------------------------------------------- script of the fields

MIXED_SCRIPT_PAPER = """城市图书馆的发展研究

一、引言
日本与韩国的统计^[1]^[2]，以及台湾的研究^[3]，都说明了这一点。

参考文献:
[1] 日本図書館協会. 日本の図書館: 統計と名簿[M]. 東京: 日本図書館協会, 2019.
[2] 국립중앙도서관. 한국의 도서관 통계[R]. 서울: 국립중앙도서관, 2018.
[3] 陳國華. 圖書館學導論[M]. 劉明遠, 譯. 臺北: 三民書局, 2005.
"""


def test_japanese_and_korean_fields_keep_their_script_traditional_chinese_is_simplified(tmp_path):
    path = tmp_path / "mixed_script.txt"
    path.write_text(MIXED_SCRIPT_PAPER, encoding="utf-8")
    refs = paper_frames(process_paper(path))["references"]
    assert refs[["title", "place", "publisher"]].values.tolist() == [
        ["日本の図書館: 統計と名簿", "東京", "日本図書館協会"],
        ["한국의 도서관 통계", "서울", "국립중앙도서관"],
        ["图书馆学导论", "台北", "三民书局"]]
    assert refs["authors"].map(list).tolist() == [["日本図書館協会"], ["국립중앙도서관"], ["陈国华"]]
    assert refs["translators"].map(list).tolist() == [[], [], ["刘明远"]]


# ---------------------------------------------------------------- whatever the text

ENTRY_ALPHABET = "张三题名刊名北京出版社日本の図書館,，.。:：;；()（）[]［］/-—～ 0123456789JMNDSPEBOLCAZ2016ahttp:/w"


@given(st.text(alphabet=ENTRY_ALPHABET, max_size=200))
def test_parse_reference_never_raises_and_keeps_the_entry_as_written(text):
    fields = parse_reference(text)
    assert tuple(fields) == REFERENCE_FIELDS
    assert fields["raw"] == (text.strip() or None)
    assert fields["parse_status"] in ("ok", "partial", "failed")


def test_text_longer_than_any_entry_is_kept_raw_and_failed():
    swallowed = "[1] " + "正文段落被误读为参考文献。" * 300
    fields = parse_reference(swallowed, ReferenceSettings(longest_entry=2000))
    assert (fields["ref_no"], fields["raw"], fields["parse_status"], fields["title"]) == (1, swallowed, "failed", None)


# ---------------------------------------------------------------- unnumbered author-year lists (issue 21)

APA_LIST = [  # five entries over two or three lines each, long URLs, a Chinese record in brackets
    "Chen, Y., & Lee, M. (2018). Online learning and achievement in",
    "higher education. Computers & Education, 120, 1-12.",
    "https://doi.org/10.1016/j.compedu.2018.01.012",
    "Kinchy, A. (2012). Seeds, sciences, and struggle: the global",
    "politics of transgenic crops (p. 50). MIT Press.",
    "[赵学功. (2001). 当代美国外交. 北京: 社会科学文献出版社.]",
    "Sadock, B. J., Sadock, V. A., Ruiz, P., & Kaplan, H. I.",
    "(Eds.). (2009). Kaplan & Sadock’s comprehensive textbook of",
    "psychiatry (9th ed., Vol. 1). Wolters Kluwer Health.",
    "World Health Organization. (n.d.). Coronavirus disease (COVID-19)",
    "pandemic. https://www.who.int/emergencies/diseases/novel-",
    "coronavirus-2019",
]


def test_an_unnumbered_apa_list_splits_where_names_and_a_year_open_a_line():
    entries = split_reference_list(APA_LIST).entries
    assert [len(e.lines) for e in entries] == [3, 2, 1, 3, 3]
    assert entries[-1].text.endswith("https://www.who.int/emergencies/diseases/novel-coronavirus-2019")


def test_every_entry_of_the_four_style_apa_and_author_year_lists_is_found(realworld):
    import json
    import textwrap
    for style in ("apa-acta-psychologica", "gbt7714-2015-author-year"):
        path = realworld / "references" / f"{style}.jsonl"
        printed = [json.loads(line)["formatted"] for line in path.open(encoding="utf-8")]
        entries = split_reference_list(printed).entries
        assert len(split_reference_list([w for p in printed for w in textwrap.wrap(p, 60)]).entries) == (
            141 if style.startswith("apa") else 138)  # lines broken at 60 characters (Chinese entries at spaces only)
        print(style, len(entries), "of", len(printed))
        found = {e.text for e in entries}
        missed = [p for p in printed if p not in found]
        # (GB/T author-year: four entries print no year after the names, `Anon. Title…[S].`; their type codes
        # tell them apart)
        assert missed == []


def test_a_continuation_note_is_set_apart_and_another_articles_list_ends_this_one():
    lines = [
        "[1] 张三. 城市治理研究[J]. 管理世界, 2018, 34(2): 10-18.",
        "[2] 李四. 数字经济导论[M]. 北京: 人民出版社, 2019.",
        "（下转第114页）",
        "[3] 王五. 区域发展[J]. 经济研究, 2020, 55(8): 4-19.（下转第114页）",
        "[1] 赵六. 另一篇文章的文献[J]. 中国软科学, 2017(3): 1-9.",
        "[2] 钱七. 另一篇文章的第二条[M]. 上海: 上海人民出版社, 2016.",
    ]
    listing = split_reference_list(lines)
    assert [e.number for e in listing.entries] == [1, 2, 3]
    assert listing.entries[2].text == "[3] 王五. 区域发展[J]. 经济研究, 2020, 55(8): 4-19."
    assert listing.set_apart == [("（下转第114页）", "continuation note"), ("（下转第114页）", "continuation note")]
    assert listing.after == lines[4:]


def test_a_cnki_last_page_keeps_this_papers_list_and_sets_the_next_articles_title_authors_and_list_apart():
    # shaped like a CNKI page: the last entry broken after its year, the continuation note, then another
    # article's title, authors, affiliations and its own list numbered from [1]
    lines = [
        "[17] 张三. 城市治理研究[J]. 管理世界, 2018, 34(2): 10-18.",
        "[18] 王五, 李华. 区域协调发展的测度与机制[J]. 经济研究, 2020,",
        "55(8): 4-19.",
        "（下转第114页）",
        "乡村数字治理的实践逻辑与优化路径",
        "刘明1，陈红2",
        "（1. 华中师范大学 政治与国际关系学院，湖北 武汉 430079；2. 武汉大学 政治与公共管理学院，湖北 武汉 430072）",
        "[1] 赵六. 另一篇文章的文献[J]. 中国软科学, 2017(3): 1-9.",
        "[2] 钱七. 另一篇文章的第二条[M]. 上海: 上海人民出版社, 2016.",
    ]
    references, changes, after = read_reference_list(lines)
    assert [(r["ref_no"], r["parse_status"]) for r in references] == [(17, "ok"), (18, "ok")]
    assert references[1]["raw"] == "[18] 王五, 李华. 区域协调发展的测度与机制[J]. 经济研究, 2020, 55(8): 4-19."
    assert (references[1]["container"], references[1]["volume"], references[1]["issue"], references[1]["pages"]) == (
        "经济研究", "55", "8", "4-19")
    assert after == lines[4:]  # read as back matter: nothing lost
    assert [(c.kind, c.original) for c in changes] == [
        ("reference_line_set_apart", "（下转第114页）"),
        ("reference_list_ended", "乡村数字治理的实践逻辑与优化路径"),
    ]
    assert "5 line(s)" in changes[1].detail


def test_a_forms_lines_after_a_last_entry_read_in_part_go_to_back_matter():
    # zy_proposal-like: the last entry prints its title before its names (read by `loose`), then the form
    lines = [
        "[1] 李刚. 疯狂 Android 讲义[M]. 北京: 电子工业出版社, 2015.",
        "[2] Face recognition in the wild. Li Y,Chen X,Wu Q,et al. 2015 IEEE Conference on Computer Vision . 2015",
        "5. 指导教师意见及建议：",
        "签字：",
        "年 月 日",
    ]
    references, changes, after = read_reference_list(lines)
    assert [(r["ref_no"], r["parse_status"]) for r in references] == [(1, "ok"), (2, "ok")]
    assert (references[1]["raw"], references[1]["authors"]) == (lines[1], ["Li Y", "Chen X", "Wu Q"])
    assert after == lines[2:]
    assert "reference_text_unplaced" not in [c.kind for c in changes]
