"""One paper through the library (no Prefect): the values the issues name, exactly."""

import pandas as pd
import pytest

from conftest import RAW, SAMPLE_000, SAMPLE_002
from extract.paper import process_paper
from extract.run.sequence import paper_frames
from extract.structure.paragraphs import ends_paragraph, join_pieces


@pytest.fixture(scope="module")
def p000():
    return paper_frames(process_paper(RAW / f"{SAMPLE_000}.txt"))


@pytest.fixture(scope="module")
def p002():
    return paper_frames(process_paper(RAW / f"{SAMPLE_002}.txt"))


@pytest.mark.parametrize("text,ends", [
    ("增长。", True), ("增长。^[1]", True), ("所追随。（图1）", True), ("所追随。(圖1)", True),
    ("他说：“好。”", True), ("具体而言：", True), ("产业发展受", False), ("中美能", False),
    ("业务资源，", False), ("项目（ECP）", False), ("通过高质量的内", False), ("Why?", True),
])
def test_ends_paragraph(text, ends):
    assert ends_paragraph(text) is ends


@pytest.mark.parametrize("left,right,joined", [
    ("产业发展受", "到劳动力供给", "产业发展受到劳动力供给"),
    ("the Chinese 2016", "Host Year", "the Chinese 2016 Host Year"),
    ("inter-", "national", "international"),
    ("资源，", "在与", "资源，在与"),
])
def test_join_pieces(left, right, joined):
    assert join_pieces(left, right) == joined


def para_containing(frames, needle):
    paras = frames["paragraphs"]
    hits = paras[paras["text"].str.contains(needle, regex=False)]
    assert len(hits) == 1, f"{needle!r} in {len(hits)} paragraphs"
    return hits.iloc[0]


@pytest.mark.parametrize("whole", [
    "产业发展受到劳动力供给",
    "并越来越作为处理全球环境问题的核心。",
    "到地方政府之间全面推进对话机制",
    "中美能源合作项目（ECP）主办",
    "推动和整合金融中心的业务资源，在与金融中心之间的业务合作中发挥领头者优势",
    "通过高质量的内容驱动策略，提升了国际地位与影响力。",
])
def test_broken_paragraphs_come_out_whole(p000, whole):
    para_containing(p000, whole)


def test_front_matter_000(p000):
    doc = p000["documents"].iloc[0]
    assert doc["title_zh"] == "科技创新纽带和中美城市合作对上海发展的启示"
    assert doc["title_en"].startswith("The Enlightenment of Science and Technology Innovation Link")
    assert (doc["doi"], doc["issn"], doc["year"]) == ("10.3969/j.issn.1674-7739.2019.01.010", "1674-7739", 2019)
    assert doc["grant_no"] == "18692112800" and "18692112800" in doc["funding"]
    assert doc["editor"] == "王明洲"
    assert doc["abstract_zh"].startswith("随着技术革命的迭代，科技创新纽带")
    authors = p000["authors"][["name_zh", "name_en", "affiliation", "position"]].values.tolist()
    assert authors == [["朱云杰", "Zhu Yunjie", "同济大学", "博士研究生"],
                       ["李光明", "Li Guangming", "同济大学", "教授"],
                       ["于宏源", "Yu Hongyuan", "上海国际问题研究院", "研究员"]]
    assert p000["keywords"]["keyword"].tolist() == ["科技创新", "“一带一路”", "城市合作", "上海金融中心", "上海自贸区"]
    assert set(p000["keywords"]["lang"]) == {"zh"}


def test_front_and_back_matter_are_not_body(p000):
    body = " ".join(p000["paragraphs"]["text"])
    for outside in ("摘要", "关键词", "DOI", "责任编辑", "本文系", "资料来源", "参考文献", "Lowy Institute"):
        assert outside not in body


def test_sections_000(p000):
    sections = p000["sections"]
    assert sections["level"].tolist() == [1, 2, 2, 2, 1, 2, 2, 1]
    assert sections["label"].tolist() == ["一", "一", "二", "三", "三", "一", "二", "四"]
    assert sections["parent_section_no"].fillna(0).tolist() == [0, 1, 1, 1, 0, 5, 5, 0]
    flags = p000["quality_flags"]
    assert (flags["kind"] == "section_numbering_gap").sum() == 1


def test_tables_000(p000):
    tables = p000["tables"]
    assert tables["label"].tolist() == ["表1", "表2", "表3"]
    assert tables["caption"].tolist()[0] == "中西部相关省份的政策规划及重点工程项目一览"
    assert tables[["n_rows", "n_cols"]].values.tolist() == [[5, 2], [13, 3], [5, 3]]
    assert tables["note"].tolist()[0] == "资料来源：根据相关资料整理"
    assert tables["has_body"].all()
    cells = p000["table_cells"]
    first_col = cells[(cells["table_no"] == 2) & (cells["col_no"] == 1) & (cells["row_no"] > 0)]
    assert first_col["value"].tolist() == ["科技"] * 2 + ["创新"] * 4 + ["能源"] * 2 + ["环境"] * 3 + ["可持续"] * 2
    assert first_col["filled_down"].sum() == 8
    t3 = cells[(cells["table_no"] == 3) & (cells["col_no"] == 1) & (cells["row_no"] > 0)]
    assert t3["value"].tolist() == ["上海国际科技交流网络"] * 3 + ["上海国际教育交流网络"] * 2
    header = cells[(cells["table_no"] == 1) & (cells["row_no"] == 0)]
    assert header["value"].tolist() == ["沿线省市区", "政策设计及标志性项目"] and header["is_header"].all()
    sichuan = cells[(cells["table_no"] == 1) & (cells["row_no"] == 2) & (cells["col_no"] == 2)].iloc[0]
    assert sichuan["value"].startswith("蓉欧快铁；国际航空枢纽；")
    assert "^[2]" in sichuan["value_source"] and sichuan["column_name"] == "政策设计及标志性项目"


def test_references_000(p000):
    refs = p000["references"].set_index("ref_no")
    assert len(refs) == 9 and (refs["parse_status"] == "ok").all()
    r2 = refs.loc[2]
    assert (r2["type_code"], r2["container"], r2["pub_date"], r2["pages"]) == ("N", "人民日报", "2016-09-28", "01")
    r5 = refs.loc[5]
    assert (r5["type_code"], r5["doc_type"], r5["carrier"]) == ("EB/OL", "EB", "OL")
    assert (r5["pub_date"], r5["accessed_date"]) == ("2015-09-23", "2018-12-20")
    assert r5["url"] == "http://www.xinhuanet.com/world/2015-09/23/c_1116653149.htm"
    assert list(refs.loc[9, "authors"]) == ["中国人民对外友好协会"]
    r1 = refs.loc[1]
    assert list(r1["authors"]) == ["Zhang Hai", "Wang Yuzhu"]
    assert (r1["type_code"], r1["year"], r1["issue"]) == ("R", 2016, "19")
    assert "Host Year" in r1["title"]


def test_citations_000(p000):
    cites = p000["citations"]
    assert cites["ref_no"].tolist() == list(range(1, 10))
    assert cites["resolved"].all()
    in_cells = cites[cites["location"] == "table_cell"]
    assert in_cells["ref_no"].tolist() == [2, 3, 4]
    assert in_cells[["table_no", "row_no", "col_no"]].values.tolist() == [[1, 2, 2], [1, 3, 2], [1, 5, 2]]
    first = cites.iloc[0]
    para = p000["paragraphs"].set_index("paragraph_no").loc[first["paragraph_no"], "text"]
    assert para[: first["char_offset"]].endswith("可持续增长。") and first["char_offset"] == len(para)
    flags = p000["quality_flags"]
    assert not ((flags["kind"] == "citation_unresolved") | (flags["kind"] == "reference_never_cited")).any()


def test_no_front_matter_002(p002):
    doc = p002["documents"].iloc[0]
    assert pd.isna(doc["title_zh"]) and pd.isna(doc["doi"]) and pd.isna(doc["abstract_zh"])
    assert len(p002["authors"]) == 0 and len(p002["keywords"]) == 0
    sections = p002["sections"]
    assert len(sections) == 12
    assert sections["level"].tolist() == [1, 2, 2, 2, 1, 2, 2, 2, 1, 2, 2, 2]
    assert sections["title"].tolist()[0] == "“创新型城市”时代的全面来临"


def test_mentions_and_bodiless_table_002(p002):
    mentions = p002["mentions"]
    assert mentions["label"].tolist() == ["图1", "表1", "图2", "图3", "图4", "图5"]
    assert not mentions["target_found"].any()
    table = p002["tables"].iloc[0]
    assert (table["label"], bool(table["has_body"]), table["n_rows"]) == ("表1", False, 0)
    assert table["note"] == "注：根据《我国创新型城市发展报告》整理。"
    assert "table_without_body" in p002["quality_flags"]["kind"].tolist()
    assert len(p002["table_cells"]) == 0


BUILT_PAPER = """城市更新中的社区参与机制研究

王小明 1，陈静 2
（1. 复旦大学 社会发展与公共政策学院，上海 200433；2. 南京大学 政府管理学院，南京 210023）

Key words: urban renewal; community participation; governance

第一章 绪论

城市更新是当前城市治理的重要议题^[1]。本文讨论社区参与的机制

与路径，并提出改进建议。

1.1 研究背景

一是政策推动。二是居民需求持续上升。

表 1 样本社区概况
社区	户数	类型
甲社区	1200	老旧小区
	800	商品房
资料来源：作者调研整理。

如表1所示，样本覆盖两类社区^[2,3]。

1.2 研究方法

本文采用案例研究方法（见图 2）。

第二章 结论

社区参与需要制度保障^[4]。

参考文献：
[1] 李强. 城市更新与社区治理[J]. 社会学研究, 2018, 33(2): 1-20.
[2] 张伟, 刘洋. 社区参与的理论与实践[M]. 北京: 社会科学文献出版社, 2017: 45-60.
[3] Smith J, Brown K. Community participation in urban regeneration[J]. Urban Studies, 2015, 52(4): 600-615.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("raw") / "built_paper.txt"
    path.write_bytes(BUILT_PAPER.encode("gb18030"))
    return paper_frames(process_paper(path))


def test_a_paper_the_test_builds(built):
    doc = built["documents"].iloc[0]
    assert doc["source_encoding"] == "gb18030"
    assert doc["title_zh"] == "城市更新中的社区参与机制研究"
    assert pd.isna(doc["abstract_zh"])
    assert built["keywords"][["keyword", "lang"]].values.tolist() == [
        ["urban renewal", "en"], ["community participation", "en"], ["governance", "en"]]
    # affiliations are normalized like paragraphs: the space between university and school is kept
    assert built["authors"][["name_zh", "affiliation", "affiliation_source"]].values.tolist() == [
        ["王小明", "复旦大学 社会发展与公共政策学院", "复旦大学 社会发展与公共政策学院"],
        ["陈静", "南京大学 政府管理学院", "南京大学 政府管理学院"]]
    sections = built["sections"]
    assert sections[["level", "label", "title"]].values.tolist() == [
        [1, "一", "绪论"], [2, "1.1", "研究背景"], [2, "1.2", "研究方法"], [1, "二", "结论"]]
    assert sections["parent_section_no"].fillna(0).tolist() == [0, 1, 1, 0]
    paras = built["paragraphs"]
    assert paras["text"].tolist()[0] == "城市更新是当前城市治理的重要议题。本文讨论社区参与的机制与路径，并提出改进建议。"
    assert paras["text"].tolist()[1] == "一是政策推动。二是居民需求持续上升。"
    assert paras["section_no"].tolist() == [1, 2, 2, 3, 4]
    cells = built["table_cells"]
    assert cells[cells["row_no"] == 2]["value"].tolist() == ["甲社区", "800", "商品房"]
    assert cells[cells["row_no"] == 2]["filled_down"].tolist() == [True, False, False]
    assert built["tables"].iloc[0][["label", "caption", "note"]].tolist() == [
        "表1", "样本社区概况", "资料来源：作者调研整理。"]
    cites = built["citations"]
    assert cites[["ref_no", "paragraph_no", "resolved"]].values.tolist() == [
        [1, 1, True], [2, 3, True], [3, 3, True], [4, 5, False]]
    assert built["mentions"][["kind", "label", "target_found"]].values.tolist() == [
        ["table", "表1", True], ["figure", "图2", False]]
    flags = built["quality_flags"]
    assert "citation_unresolved" in flags["kind"].tolist()
    refs = built["references"]
    assert refs["authors"].map(list).tolist()[2] == ["Smith J", "Brown K"]
    assert refs["container"].fillna("").tolist() == ["社会学研究", "", "Urban Studies"]
