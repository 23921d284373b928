"""Reference lists and citation markers of real PDFs (../shared/realworld/pdf, LaTeX sources as truth).

Each test is named after what the paper shows: a thesis whose markers must reach its
entries, a journal numbering its entries `1 ` without brackets and printing no type codes,
with authors' biographies after the list, and a journal page whose footnotes and running
header fall between two entries.
"""


import pytest

from extract.paper import process_paper
from extract.run.sequence import paper_frames


@pytest.fixture(scope="module")
def frames(realworld):
    cache = {}

    def read(name: str) -> dict:
        if name not in cache:
            cache[name] = paper_frames(process_paper(realworld / "pdf" / name))
        return cache[name]
    return read


def test_bithesis_markers_resolve_to_the_three_entries_of_ref_bib(frames):
    paper = frames("bithesis_graduation.pdf")
    refs = paper["references"]
    assert refs["ref_no"].tolist() == [1, 2, 3]
    assert refs["title"].tolist()[0] == "飞机总体多学科设计优化的现状与发展方向"
    assert (refs["container"].tolist()[0], refs["year"].tolist()) == ("南京航空航天大学学报", [2008, 2015, 2010])
    cites = paper["citations"]
    assert cites[["ref_no", "resolved"]].values.tolist() == [[1, True], [2, True], [3, True]]


def test_bithesis_running_header_and_page_number_are_no_reference_text(frames):
    refs = frames("bithesis_graduation.pdf")["references"]
    assert not refs["raw"].str.contains("北京理工大学本科生毕业设计").any()
    assert refs["raw"].str.match(r"\[\d\] ").all()


def test_aas_list_numbered_without_brackets_under_references_not_the_section_about_them(frames):
    refs = frames("journal_aas_template.pdf")["references"]
    assert refs["ref_no"].tolist() == [1, 2, 3, 4, 5, 6, 7]
    assert refs["raw"].str.match(r"\d ").all()
    assert refs["type_code"].isna().all() and refs["type_inferred"].all()
    clean = refs[refs["ref_no"].isin([1, 2, 4, 5, 7])]
    assert clean[["doc_type", "year", "parse_status"]].values.tolist() == [
        ["J", 2020, "ok"], ["C", 2019, "ok"], ["C", 2014, "ok"], ["J", 2017, "ok"], ["J", 2018, "ok"]]
    assert clean["container"].tolist() == [
        "IEEE Transactions on Neural Networks and Learning Systems",
        "Proceedings of Advances in Neural Information Processing Systems (NIPS)",
        "Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition (CVPR)",
        "IEEE Transactions on Image Processing",
        "IEEE Transactions on Pattern Analysis and Machine Intelligence"]
    assert refs.set_index("ref_no").loc[6, ["container", "doi"]].tolist() == [
        "IEEE Transactions on Cybernetics", "10.1109/TCYB.2021.3051456"]


def test_aas_authors_biographies_after_the_list_are_not_in_the_last_entry(frames):
    paper = frames("journal_aas_template.pdf")
    last = paper["references"].iloc[-1]
    assert last["raw"].endswith("2018, 40(6): 1452−1464")
    flags = paper["quality_flags"]
    assert flags[flags["kind"] == "reference_list_ended"].empty
    # the biographies are the authors' (structure/document.py reads them after the list); the name is set apart by a gap
    assert paper["authors"]["bio_source"].str.startswith("尚书林 中国科学院自动化研究所博士").tolist()[:1] == [True]


def test_amas_footnotes_and_running_header_between_entries_are_set_apart(frames):
    paper = frames("journal_amas_zh.pdf")
    refs = paper["references"]
    assert refs[["ref_no", "doc_type", "year"]].astype(object).fillna("-").values.tolist() == [
        [1, "J", 2000], [2, "M", 1996], [3, "-", "-"]]
    assert refs["title"].tolist()[:2] == ["Singular Minimization Problems", "Minimax Theorems"]
    assert refs["raw"].tolist()[2] == "[3]"  # the source's third \bibitem is empty
    # the reader sets the footnote and the running header apart before the list is read
    assert not any("收到" in raw or "应用数学学报" in raw for raw in refs["raw"])
    assert paper["footnotes"]["text_source"].tolist()[0] == "本文 2006 年 1 月 9 日收到. 2007 年 9 月 24 日收到修改稿."
    flags = paper["quality_flags"]
    assert "应用数学学报" in flags[flags["kind"] == "running_header_removed"]["original"].tolist()


def test_aps_markers_with_locators_resolve_to_the_entry_they_cite(frames):
    paper = frames("journal_aps_cn.pdf")
    refs = paper["references"]
    assert refs["ref_no"].tolist() == list(range(1, 11))
    fifth = refs.set_index("ref_no").loc[5]
    # `[出版地不详]: [出版社不详]` is no place and no publisher
    assert (list(fifth["translators"]), fifth["year"], fifth[["place", "publisher"]].isna().tolist()) == (
        ["王磊"], 2000, [True, True])
    cites = paper["citations"]
    in_text = cites[cites["location"] == "paragraph"]
    assert in_text["ref_no"].tolist() == [10, 10, 10, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    assert in_text["marker"].tolist()[:4] == ["[10]", "^[10]", "[10; 第 186 页]", "[10; 第三章第 2 节定理 2]"]
    assert in_text["resolved"].all()
