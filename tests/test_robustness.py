"""Papers nobody here has seen: random paper-like texts and table-driven edge cases.

The property: any text file, in any supported encoding, either comes out as rows
that pass every check, or fails with a `PaperError` (one line). Any other
exception, or a `CheckError` on the paper's own rows, is a bug. The edge cases
pin exact rows; the tests at the end reproduce what the property test found.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.citations import extract_citation_markers
from extract.paper import PaperError, process_paper
from extract.references import number_entries
from extract.run.sequence import paper_frames
from extract.schema.checks import CheckError, validate_all
from extract.schema.datasets import DATASETS, conform

# ---------------------------------------------------------------- helpers


def frames_of(path, check: bool = True):
    frames = paper_frames(process_paper(path))
    if check:
        validate_all(frames)
    return frames


def write_paper(directory, text: str | bytes, encoding: str = "utf-8", name: str = "paper"):
    path = directory / f"{name}.txt"
    path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
    return path


def column(frames, dataset: str, name: str) -> list:
    return [None if pd.isna(v) else v for v in frames[dataset][name].tolist()]


def records(frames, dataset: str, names: list[str]) -> list[list]:
    return [[None if pd.isna(v) else v for v in row] for row in frames[dataset][names].itertuples(index=False)]


def flag_kinds(frames) -> list[str]:
    return frames["quality_flags"]["kind"].tolist()


# ---------------------------------------------------------------- strategies: pieces of a paper

COMMON_HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
TRADITIONAL_HAN = "臺灣與經濟發展對區域這種關係進一步觀察國際問題兩岸歷史學術語言說話書寫體會現實"
RARE_CHARS = ["𠀀", "𪚥", "〇", "々", "丶", "\u00a0", "\u3000", "\u200b", "\ufffd", "é", "ß", "Ω", "Я",
              "①", "㈠", "Ⅳ", "😀", "\u2028", "?", "??", "？", "·", "—", "…", "¥", "%", "&", "<", ">",
              "/", "\\", "|", "*", "#", "@", "~", "^", "_", "{", "}", "\"", "'", "`"]
LATIN_WORDS = ["GDP", "China", "the", "Belt and Road", "Shanghai", "WTO", "et al", "ECP", "R&D", "iPhone",
               "inter-", "national", "COVID-19", "http://example.com/a[1]b", "www.example.org", "DOI:10.1000/xyz"]
PINYIN_ANNOTATED = ["發(fā)展", "語(yǔ)言", "經(jīng)濟", "說(shuō)", "為(wèi)", "長(zhǎng)", "地(de)", "行(háng)业", "重(zhòng)要"]
PUNCTUATION = "，。、；：？！“”‘’（）《》【】—…·,.;:?!()[]<>-–~"

han_text = st.text(alphabet=COMMON_HAN + TRADITIONAL_HAN, min_size=1, max_size=30)
citation_marker = st.one_of(
    st.integers(0, 120).map(lambda n: f"^[{n}]"),
    st.integers(0, 120).map(lambda n: f"[{n}]"),
    st.integers(0, 120).map(lambda n: f"［{n}］"),
    st.tuples(st.integers(0, 120), st.integers(0, 120)).map(lambda t: f"[{t[0]}-{t[1]}]"),
    st.tuples(st.integers(0, 60), st.integers(0, 60)).map(lambda t: f"^[{t[0]},{t[1]}]"),
    st.tuples(st.integers(0, 60), st.integers(0, 60)).map(lambda t: f"[{t[0]}—{t[1]}]"),
    st.sampled_from(["[EB/OL]", "[J]", "[2018-12-20]", "[2016]", "^[", "]", "^[]", "[1", "^^[1]^"]),
)
callout = st.tuples(st.sampled_from(["如图", "见表", "（图", "(表", "表", "圖"]), st.integers(0, 12)).map(
    lambda t: f"{t[0]}{t[1]}")
sentence_piece = st.one_of(
    han_text, han_text, han_text, citation_marker, callout,
    st.sampled_from(LATIN_WORDS), st.sampled_from(PINYIN_ANNOTATED), st.sampled_from(RARE_CHARS),
    st.text(alphabet=PUNCTUATION, min_size=1, max_size=3), st.integers(0, 99999).map(str),
)
sentence = st.builds(
    lambda pieces, end: "".join(pieces) + end,
    st.lists(sentence_piece, min_size=1, max_size=12),
    st.sampled_from(["。", "。", "！", "？", "；", "：", "，", "", "…", ".", "”", "。^[1]"]),
)
paragraph = st.lists(sentence, min_size=1, max_size=5).map("".join)

CN_NUMBERS = ["一", "二", "三", "四", "五", "十", "十一", "二十", "九十九", "零", "两"]
heading_title = st.one_of(han_text.map(lambda t: t[:12]), st.sampled_from(["引言", "研究方法", "结论与讨论", "Introduction"]),
                          sentence)
heading = st.one_of(
    st.tuples(st.sampled_from(CN_NUMBERS), heading_title).map(lambda t: f"{t[0]}、{t[1]}"),
    st.tuples(st.sampled_from(CN_NUMBERS), heading_title).map(lambda t: f"（{t[0]}）{t[1]}"),
    st.tuples(st.integers(0, 120), heading_title).map(lambda t: f"{t[0]}. {t[1]}"),
    st.tuples(st.integers(0, 30), st.integers(0, 30), heading_title).map(lambda t: f"{t[0]}.{t[1]} {t[2]}"),
    st.tuples(st.integers(1, 9), st.integers(1, 9), st.integers(1, 9), heading_title).map(
        lambda t: f"{t[0]}.{t[1]}.{t[2]}{t[3]}"),
    st.tuples(st.sampled_from(CN_NUMBERS), heading_title).map(lambda t: f"第{t[0]}章 {t[1]}"),
    st.tuples(st.sampled_from(CN_NUMBERS), heading_title).map(lambda t: f"第{t[0]}节{t[1]}"),
    st.tuples(st.integers(0, 20), heading_title).map(lambda t: f"({t[0]}){t[1]}"),
    st.sampled_from(["第一章", "一、", "（一）", "1.", "1.1"]),
)
cell = st.one_of(st.just(""), st.just(""), han_text.map(lambda t: t[:6]), st.integers(-999, 99999).map(str),
                 st.floats(allow_nan=False, allow_infinity=False, width=16).map(lambda f: f"{f:.2f}"),
                 citation_marker, st.sampled_from(PINYIN_ANNOTATED), st.sampled_from(RARE_CHARS))
table_row = st.lists(cell, min_size=1, max_size=6).map(lambda cells: "\t".join(cells))
table = st.lists(table_row, min_size=1, max_size=6).map("\n".join)
caption = st.tuples(st.sampled_from(["表", "图", "圖", "Table ", "Fig. ", "表 "]), st.integers(0, 20),
                    st.sampled_from(["", " ", "：", "."]), st.one_of(han_text, st.just(""), sentence)).map(
    lambda t: f"{t[0]}{t[1]}{t[2]}{t[3]}")
note = st.tuples(st.sampled_from(["资料来源：", "數據來源:", "注：", "註:", "Source: ", "注1："]),
                 st.one_of(sentence, han_text, st.just(""))).map("".join)

author = st.sampled_from(["张三", "李四", "王五", "欧阳修", "SMITH J", "Zhang S, Li S", "张三,李四,王五,等", ""])
reference_entry = st.one_of(
    st.builds(lambda a, t, c, y, v, i, p: f"{a}.{t}[J].{c},{y},{v}({i}):{p}.",
              author, han_text, han_text, st.integers(1500, 2099), st.integers(0, 99), st.integers(0, 99),
              st.sampled_from(["1-10", "23", "e12", ""])),
    st.builds(lambda a, t, pl, pub, y: f"{a}.{t}[M].{pl}:{pub},{y}.",
              author, han_text, han_text, han_text, st.integers(1500, 2099)),
    st.builds(lambda a, t, y, m, d: f"{a}.{t}[N].人民日报,{y}-{m:02d}-{d:02d}(5).",
              author, han_text, st.integers(1900, 2099), st.integers(0, 13), st.integers(0, 32)),
    st.builds(lambda a, t, y, u: f"{a}.{t}[EB/OL].({y}-01-02)[{y}-03-04].{u}.",
              author, han_text, st.integers(1990, 2099),
              st.sampled_from(["http://www.gov.cn/a.htm", "https://doi.org/10.1/x", "www.x.cn/[1]"])),
    st.builds(lambda a, t: f"{a}.{t}[A]//编.文集[C].北京:出版社,2001:1-2.", author, han_text),
    sentence,  # garbage
    st.sampled_from(["[J].", "[EB/OL].", ".[M].:,.", "2016.", "(19).", "— 12 —", "责任编辑：王明洲",
                     "http://", "DOI:10.", "[1]", "1.", "（1）"]),
)
reference_label = st.one_of(
    st.integers(0, 130).map(lambda n: f"[{n}]"), st.integers(0, 130).map(lambda n: f"［{n}］"),
    st.integers(0, 130).map(lambda n: f"{n}."), st.integers(0, 130).map(lambda n: f"({n})"), st.just(""),
)
reference_line = st.tuples(reference_label, st.sampled_from(["", " "]), reference_entry).map("".join)
reference_heading = st.sampled_from(["参考文献", "参考文献：", "[参考文献]", "參考文獻", "References", "注释与参考文献"])
reference_section = st.tuples(reference_heading, st.lists(reference_line, max_size=8)).map(
    lambda t: "\n".join([t[0], *t[1]]))

front_matter_line = st.one_of(
    st.tuples(st.sampled_from(["摘要：", "摘 要", "【摘要】", "Abstract: ", "关键词：", "關鍵詞:", "Key words: ",
                               "DOI:", "ISSN ", "中图分类号：", "作者简介：", "基金项目：", "收稿日期："]),
              st.one_of(sentence, han_text, st.sampled_from(["10.3969/j.issn.1674-7739.2019.01.010", "1674-7739",
                                                             "科技；创新；城市", "a; b; c", ""]))).map("".join),
    st.sampled_from(["张三 李四", "张三1，李四2", "(1.同济大学，上海 200092)", "Zhu Yunjie, Li Guangming",
                     "2019年第1期", "文/张三", "本文系国家社科基金项目(18692112800)的阶段性成果。",
                     "（责任编辑：王明洲）"]),
)
odd_line = st.one_of(
    st.just(""), st.just(""), st.sampled_from([" ", "\u3000", "\t", " \t ", "\u00a0", "\ufeff", "\x0c"]),
    st.text(alphabet=PUNCTUATION, min_size=1, max_size=8),
    st.tuples(han_text, st.integers(200, 3000)).map(lambda t: (t[0] * t[1])[:6000]),  # a very long line
    st.sampled_from(RARE_CHARS),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20),  # anything printable
)
body_line = st.one_of(paragraph, paragraph, paragraph, heading, heading, table, caption, note, odd_line,
                      front_matter_line)
paper_text = st.builds(
    # a leading U+FEFF would be a byte-order mark: which encoding the bytes are in is then the BOM's to say
    lambda front, body, refs, tail, newline: newline.join(
        "\n".join([*front, *body, refs, *tail]).split("\n")).lstrip("\ufeff"),
    st.lists(front_matter_line | paragraph.map(lambda p: p[:40]), max_size=5),
    st.lists(body_line, min_size=0, max_size=25),
    st.one_of(st.just(""), reference_section),
    st.lists(st.one_of(front_matter_line, odd_line, body_line), max_size=3),
    st.sampled_from(["\n", "\n", "\r\n", "\r", "\n\n"]),
)
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "utf-16")
# what documents.source_encoding may say for bytes written in each encoding
DETECTED_AS = {"utf-8": ("utf-8",), "utf-8-sig": ("utf-8-sig",), "utf-16": ("utf-16",),
               "gb18030": ("gb18030", "utf-8")}


@pytest.fixture(scope="module")
def property_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("robustness")


# Papers are checked together, as a run checks them: one validation costs far more than a paper.
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(papers=st.lists(st.tuples(paper_text, st.sampled_from(ENCODINGS)), min_size=1, max_size=3))
def test_any_paper_passes_the_checks_or_fails_with_one_line(property_dir, papers):
    processed = []
    for number, (text, encoding) in enumerate(papers, start=1):
        path = write_paper(property_dir, text, encoding, name=f"paper{number}")
        try:
            frames = paper_frames(process_paper(path))
        except PaperError as exc:
            assert str(exc) and "\n" not in str(exc)
            continue
        source_encoding = frames["documents"]["source_encoding"].iloc[0]
        assert source_encoding in DETECTED_AS[encoding]
        # the detected encoding reads the bytes back as written: nothing decoded by the wrong codec
        assert path.read_bytes().decode(source_encoding) == text
        processed.append(frames)
    if not processed:
        return
    together = {name: conform(name, pd.concat([f[name] for f in processed], ignore_index=True)) for name in DATASETS}
    try:
        validate_all(together)
    except CheckError as exc:  # the papers' own rows break the contract: a bug, not a bad paper
        pytest.fail(f"rows fail the checks:\n{exc}\n--- papers ---\n{papers!r}")


# ---------------------------------------------------------------- edge cases with exact expectations

BASE = """科技创新与城市合作研究
张三1，李四2
(1.同济大学，上海 200092；2.复旦大学，上海 200433)
摘要：本文讨论城市合作。
关键词：城市合作；科技创新
一、引言
城市合作是重要的议题^[1]，上海
是重要的节点。
表1 主要城市指标
城市\t2018年\t2019年
上海\t1.2\t1.5
\t2.0\t2.5
资料来源：统计年鉴。
二、结论
如表1所示，合作加深[2-3]。
参考文献
[1]张三.城市合作研究[J].城市问题,2018,12(3):1-10.
[2]李四.上海发展[M].上海:上海人民出版社,2019.
[3]王五.科技创新[N].人民日报,2016-09-28(5).
"""
BASE_TRADITIONAL = """科技創新與城市合作研究
張三1，李四2
(1.同濟大學，上海 200092；2.復旦大學，上海 200433)
摘要：本文討論城市合作。
關鍵詞：城市合作；科技創新
一、引言
城市合作是重要的議題^[1]，上海
是重要的節點。
表1 主要城市指標
城市\t2018年\t2019年
上海\t1.2\t1.5
\t2.0\t2.5
資料來源：統計年鑑。
二、結論
如表1所示，合作加深[2-3]。
參考文獻
[1]張三.城市合作研究[J].城市問題,2018,12(3):1-10.
[2]李四.上海發展[M].上海:上海人民出版社,2019.
[3]王五.科技創新[N].人民日報,2016-09-28(5).
"""
REFERENCE = "[{n}]张三.城市合作研究{n}[J].城市问题,2018,12(3):1-10."
# columns whose values depend on the bytes, not on what the paper says
BYTE_COLUMNS = {"documents": ["source_sha256", "source_encoding"]}
# normalized columns (the *_source column beside them keeps the script as written)
NORMALIZED = {"documents": ["title_zh", "abstract_zh"], "keywords": ["keyword"], "sections": ["title"],
              "paragraphs": ["text"], "tables": ["caption", "note"], "table_cells": ["value", "column_name"],
              "references": ["title", "container", "place", "publisher", "authors"], "citations": ["ref_no", "marker"]}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return frames_of(write_paper(tmp_path_factory.mktemp("base"), BASE))


def assert_same_rows(frames, expected, ignore=BYTE_COLUMNS):
    for name, frame in expected.items():
        drop = ignore.get(name, [])
        pd.testing.assert_frame_equal(frames[name].drop(columns=drop), frame.drop(columns=drop), obj=name)


def test_base_paper(base):
    """The reference point of the layout variants below, spelled out."""
    assert column(base, "documents", "title_zh") == ["科技创新与城市合作研究"]
    assert column(base, "authors", "affiliation") == ["同济大学", "复旦大学"]
    assert column(base, "keywords", "keyword") == ["城市合作", "科技创新"]
    assert column(base, "sections", "title") == ["引言", "结论"]
    assert column(base, "paragraphs", "text") == ["城市合作是重要的议题，上海是重要的节点。", "如表1所示，合作加深。"]
    assert base["tables"][["label", "caption", "note", "n_rows", "n_cols"]].values.tolist() == [
        ["表1", "主要城市指标", "资料来源：统计年鉴。", 2, 3]]
    assert column(base, "table_cells", "value") == ["城市", "2018年", "2019年", "上海", "1.2", "1.5", "上海", "2.0", "2.5"]
    assert column(base, "table_cells", "filled_down").count(True) == 1
    assert base["citations"][["ref_no", "paragraph_no", "char_offset", "marker"]].values.tolist() == [
        [1, 1, 10, "^[1]"], [2, 2, 10, "[2-3]"], [3, 2, 10, "[2-3]"]]
    assert column(base, "references", "parse_status") == ["ok"] * 3
    assert flag_kinds(base) == ["reference_list_heading", "paragraph_joined"] + ["front_matter_remainder"] * 4
    # the address (上海 200092) is the authors' address column now: only marks and separators are left
    assert [o for o in column(base, "quality_flags", "original") if o != "重要的议题^[1]，上海 | 是重要的节点。"] == [
        "参考文献", "1，2", "(1.，；2.，)", "摘要：", "关键词：；"]
    assert column(base, "documents", "coverage") == [1.0]


@pytest.mark.parametrize("variant,encoding,source_encoding", [
    pytest.param(BASE.replace("\n", "\r\n"), "utf-8", "utf-8", id="windows-crlf"),
    pytest.param(BASE.replace("\n", "\r"), "utf-8", "utf-8", id="old-mac-cr"),
    pytest.param(BASE, "utf-8-sig", "utf-8-sig", id="utf-8-bom"),
    pytest.param(BASE, "utf-16", "utf-16", id="utf-16-bom"),
    pytest.param(BASE, "gb18030", "gb18030", id="gb18030"),
    # pdftotext style: a form feed opens each new page, here inside a paragraph and before a heading
    pytest.param(BASE.replace("上海\n是", "上海\n\x0c是").replace("\n二、", "\n\x0c二、"), "utf-8", "utf-8",
                 id="form-feeds-between-pages"),
    pytest.param(BASE.replace("\n", "\n\n"), "utf-8", "utf-8", id="blank-line-between-all-lines"),
    pytest.param(BASE.replace("\n", "  \n"), "utf-8", "utf-8", id="trailing-spaces"),
])
def test_layout_and_encoding_variants_give_the_same_rows(tmp_path, base, variant, encoding, source_encoding):
    frames = frames_of(write_paper(tmp_path, variant, encoding), check=False)  # the rows of a checked paper
    assert column(frames, "documents", "source_encoding") == [source_encoding]
    assert_same_rows(frames, base)


def test_big5_traditional_paper(tmp_path, base):
    frames = frames_of(write_paper(tmp_path, BASE_TRADITIONAL, "big5"))
    assert column(frames, "documents", "source_encoding") == ["big5"]
    assert column(frames, "documents", "script") == ["traditional"]
    for name, columns in NORMALIZED.items():  # normalized text is Simplified: the same as the Simplified paper's
        assert frames[name][columns].astype(str).values.tolist() == base[name][columns].astype(str).values.tolist(), name
    assert column(frames, "paragraphs", "text_source") == ["城市合作是重要的議題^[1]，上海是重要的節點。", "如表1所示，合作加深[2-3]。"]
    assert column(frames, "sections", "title_source") == ["引言", "結論"]
    assert column(frames, "references", "raw")[0] == "[1]張三.城市合作研究[J].城市問題,2018,12(3):1-10."


def test_paper_that_is_only_a_table(tmp_path):
    frames = frames_of(write_paper(tmp_path, "指标\t2018年\t2019年\n上海\t1.2\t1.5\n\t2.0\t2.5\n北京\t3\t4\n"))
    assert records(frames, "tables", ["label", "caption", "n_rows", "n_cols", "has_body", "section_no"]) == [
        [None, None, 3, 3, True, None]]
    cells = frames["table_cells"]
    assert cells[["row_no", "col_no", "value", "filled_down"]].values.tolist() == [
        [0, 1, "指标", False], [0, 2, "2018年", False], [0, 3, "2019年", False],
        [1, 1, "上海", False], [1, 2, "1.2", False], [1, 3, "1.5", False],
        [2, 1, "上海", True], [2, 2, "2.0", False], [2, 3, "2.5", False],
        [3, 1, "北京", False], [3, 2, "3", False], [3, 3, "4", False]]
    assert column(frames, "table_cells", "column_name")[3:6] == ["指标", "2018年", "2019年"]
    for empty in ("paragraphs", "sections", "references", "citations"):
        assert frames[empty].empty, empty
    assert flag_kinds(frames) == ["front_matter_missing"] * 4  # title, authors, abstract, keywords


def test_paper_that_is_only_a_reference_list(tmp_path):
    text = "参考文献\n" + "\n".join(REFERENCE.format(n=n) for n in (1, 2)) + "\n"
    frames = frames_of(write_paper(tmp_path, text))
    assert frames["references"][["ref_no", "title", "container", "year", "parse_status"]].values.tolist() == [
        [1, "城市合作研究1", "城市问题", 2018, "ok"], [2, "城市合作研究2", "城市问题", 2018, "ok"]]
    assert frames["paragraphs"].empty and frames["sections"].empty and frames["citations"].empty
    assert flag_kinds(frames) == ["reference_list_heading"] + ["reference_never_cited"] * 2 + ["front_matter_missing"] * 4


def test_paper_that_is_only_headings(tmp_path):
    frames = frames_of(write_paper(tmp_path, "一、引言\n二、研究方法\n（一）数据来源\n（二）模型\n三、结论\n"))
    assert records(frames, "sections", ["section_no", "parent_section_no", "level", "label", "title"]) == [
        [1, None, 1, "一", "引言"], [2, None, 1, "二", "研究方法"], [3, 2, 2, "一", "数据来源"],
        [4, 2, 2, "二", "模型"], [5, None, 1, "三", "结论"]]
    assert frames["paragraphs"].empty and flag_kinds(frames) == ["front_matter_missing"] * 4


def test_heading_free_paper(tmp_path):
    frames = frames_of(write_paper(tmp_path, "城市合作是重要的议题。\n\n科技创新推动\n城市发展。\n"))
    assert column(frames, "paragraphs", "text") == ["城市合作是重要的议题。", "科技创新推动城市发展。"]
    assert column(frames, "paragraphs", "section_no") == [None, None]
    assert frames["sections"].empty


def test_duplicate_reference_numbers_keep_the_numbers_printed_once(tmp_path):
    """[1] [2] [2] [3]: the repeated [2] is numbered after the list, so [3] keeps its number and its citations."""
    entries = [REFERENCE.format(n=n).replace("研究", f"研究{i}号") for i, n in enumerate((1, 2, 2, 3), start=1)]
    frames = frames_of(write_paper(tmp_path, "一、引言\n合作很重要^[3]。\n参考文献\n" + "\n".join(entries) + "\n"))
    assert frames["references"][["ref_no", "title"]].values.tolist() == [
        [1, "城市合作研究1号1"], [2, "城市合作研究2号2"], [4, "城市合作研究3号2"], [3, "城市合作研究4号3"]]
    cited = frames["citations"].merge(frames["references"], on=["doc_id", "ref_no"])
    assert cited[["ref_no", "resolved", "title"]].values.tolist() == [[3, True, "城市合作研究4号3"]]
    flags = frames["quality_flags"]
    missing = flags[flags["kind"] == "reference_number_missing"]
    assert missing[["severity", "detail"]].values.tolist() == [
        ["warning", "entry 3 has no usable number (none, 0 or a repeat); numbered 4"]]


@pytest.mark.parametrize("labels,numbers", [
    ([1, 2, 3], [1, 2, 3]),
    ([None, None], [1, 2]),
    ([1, 2, 2, 3], [1, 2, 4, 3]),
    ([2, 2], [2, 3]),  # the repeat's position is the number it repeats: found by the property test
    ([3, 3, 3], [3, 2, 4]),
    ([None, 1], [2, 1]),
    ([0, 1], [2, 1]),
])
def test_number_entries(labels, numbers):
    assert number_entries(labels) == numbers


def test_reference_labelled_zero_is_renumbered(tmp_path):
    text = "参考文献\n" + REFERENCE.format(n=0) + "\n" + REFERENCE.format(n=1) + "\n"
    frames = frames_of(write_paper(tmp_path, text))
    assert column(frames, "references", "ref_no") == [2, 1]
    assert "reference_number_missing" in flag_kinds(frames)


def test_citation_of_a_reference_that_does_not_exist(tmp_path):
    frames = frames_of(write_paper(tmp_path, "一、引言\n合作很重要^[7]。\n参考文献\n" + REFERENCE.format(n=1) + "\n"))
    assert frames["citations"][["ref_no", "paragraph_no", "marker", "resolved"]].values.tolist() == [
        [7, 1, "^[7]", False]]
    flags = frames["quality_flags"]
    assert flags[flags["kind"] == "citation_unresolved"][["severity", "paragraph_no", "original"]].values.tolist() == [
        ["warning", 1, "^[7]"]]


def test_range_marker_expands_to_one_row_per_reference(tmp_path):
    refs = "\n".join(REFERENCE.format(n=n) for n in range(1, 7))
    frames = frames_of(write_paper(tmp_path, f"一、引言\n合作很重要[3-5]。\n参考文献\n{refs}\n"))
    assert column(frames, "paragraphs", "text") == ["合作很重要。"]
    assert frames["citations"][["citation_no", "ref_no", "char_offset", "marker", "resolved"]].values.tolist() == [
        [1, 3, 5, "[3-5]", True], [2, 4, 5, "[3-5]", True], [3, 5, 5, "[3-5]", True]]


# ---------------------------------------------------------------- what the property test found


def test_superscript_marker_holding_zero_is_removed_and_flagged(tmp_path):
    """`^[0]` was left in the text (0 is no reference number) and failed the no-marker check."""
    text = "摘要：本文研究城市合作^[0]。\n一、引言\n合作很重要^[0,1]。\n参考文献\n" + REFERENCE.format(n=1) + "\n"
    frames = frames_of(write_paper(tmp_path, text))
    assert column(frames, "documents", "abstract_zh") == ["本文研究城市合作。"]
    assert column(frames, "paragraphs", "text") == ["合作很重要。"]
    assert frames["citations"][["ref_no", "marker", "resolved"]].values.tolist() == [[1, "^[0,1]", True]]
    flags = frames["quality_flags"]
    assert flags[flags["kind"] == "citation_marker_suspect"]["original"].tolist() == ["^[0,1]"]


@pytest.mark.parametrize("text,dataset,name,value", [
    pytest.param("一、引言^[2]\n正文。\n", "sections", "title", "引言", id="heading"),
    pytest.param("关键词：城市^[1]；合作\n一、引言\n正文。\n", "keywords", "keyword", "城市", id="keyword"),
    pytest.param("一、引言\n正文。\n基金项目：国家社科基金项目^[1]\n", "documents", "funding", "国家社科基金项目", id="funding"),
    pytest.param("科技创新与城市合作^[1]\n摘要：本文讨论合作。\n一、引言\n正文。\n", "documents", "title_zh",
                 "科技创新与城市合作", id="title"),
])
def test_markers_outside_the_body_are_dropped_and_flagged(tmp_path, text, dataset, name, value):
    """A marker in a heading, keyword, title or funding note was kept in normalized text: the check failed."""
    frames = frames_of(write_paper(tmp_path, text))
    assert column(frames, dataset, name)[0] == value
    assert "citation_marker_dropped" in flag_kinds(frames)
    assert frames["citations"].empty


def test_keyword_that_is_only_markers_is_no_keyword(tmp_path):
    frames = frames_of(write_paper(tmp_path, "关键词：^[5]；城市合作\n一、引言\n正文。\n"))
    assert frames["keywords"][["keyword_no", "keyword"]].values.tolist() == [[1, "城市合作"]]


def test_marker_right_after_a_url_is_a_marker(tmp_path):
    """The URL ran on through `^[1]` (no space between), so the marker stayed in the text."""
    text = "一、引言\n见http://www.gov.cn/a.htm^[1]。\n参考文献\n" + REFERENCE.format(n=1) + "\n"
    frames = frames_of(write_paper(tmp_path, text))
    assert column(frames, "paragraphs", "text") == ["见http://www.gov.cn/a.htm。"]
    assert frames["citations"][["ref_no", "char_offset"]].values.tolist() == [[1, 24]]


def test_stray_caret_bracket_is_text_not_a_marker(tmp_path):
    """`^[` without a number is no citation marker: it stays, and the paper passes its checks."""
    frames = frames_of(write_paper(tmp_path, "一、引言\n公式x^[a]与y^[\n"))
    assert column(frames, "paragraphs", "text") == ["公式x^[a]与y^["]


def test_line_of_only_markers_belongs_to_the_sentence_before(tmp_path):
    text = "一、引言\n合作很重要。\n^[1]\n下一段。\n参考文献\n" + REFERENCE.format(n=1) + "\n"
    frames = frames_of(write_paper(tmp_path, text))
    assert column(frames, "paragraphs", "text") == ["合作很重要。", "下一段。"]
    assert frames["citations"][["ref_no", "paragraph_no", "char_offset"]].values.tolist() == [[1, 1, 6]]


def test_paragraph_broken_over_many_lines_comes_out_whole(tmp_path):
    """Each joined line re-scanned the whole paragraph so far: 5000 lines took half a minute."""
    frames = frames_of(write_paper(tmp_path, "一、引言\n" + "城市合作是重要的议题，\n" * 2000 + "完。\n"))
    assert column(frames, "paragraphs", "text") == ["城市合作是重要的议题，" * 2000 + "完。"]


def test_removing_markers_never_joins_text_into_a_new_marker():
    """`^[[43]160]` without its inner marker read `^[160]`, which then failed the no-marker check."""
    assert extract_citation_markers("書^[[43]160]^[81]語言") == (
        "書^[[43]160]語言", [{"marker": "^[81]", "ref_nos": [81], "char_offset": 11, "suspect": False}])


def test_title_from_the_manifest_is_normalized_like_one_from_the_paper(tmp_path):
    """A manifest title went to documents.title_zh as written: a pinyin annotation in it failed the checks."""
    frames = paper_frames(process_paper(write_paper(tmp_path, "一、引言\n正文。\n"), {"title": "城市發(fā)展研究"}))
    validate_all(frames)
    assert column(frames, "documents", "title_zh") == ["城市发展研究"]
