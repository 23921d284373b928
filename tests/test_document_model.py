"""The structure stage's output is a typed document model, every part decided once, before any row;
records only maps it (issue 19, requirement 1)."""

import ast
from pathlib import Path

import pytest

from extract.model import Block
from extract.references import parse_listed
from extract.structure.document import read_structure
from extract.structure.model import Caption, Document, Footnote, Paragraph, Section

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "extract"

# a text paper: title, by-line, abstract, two numbered levels, a paragraph broken over two lines, a table with
# its caption, a figure caption, a note, the reference list and a biography printed after it
LINES = [
    "城市更新的治理逻辑",
    "张三",
    "摘要：本文讨论城市更新。",
    "关键词：城市更新；治理",
    "一、引言",
    "城市更新是近年来城市研究的重要议题①，已有研究[1]讨论了",
    "它的动力机制。",
    "（一）研究问题",
    "本文回答两个问题[2]。",
    "表1 样本城市",
    "城市\t人口",
    "北京\t2189",
    "图1 研究框架",
    "注释：",
    "① 本文所称城市更新，指存量空间的再开发。",
    "参考文献",
    "[1] 王五. 城市更新研究[J]. 城市规划, 2020, 44(3): 1-10.",
    "[2] 赵六. 治理的逻辑[M]. 北京: 商务印书馆, 2019.",
    "作者简介：张三，男，博士，研究方向为城市治理。",
]


def blocks_of(lines):
    blocks = []
    for line in lines:
        if "\t" in line:  # a run of tab-separated lines is one table block, as the text reader gives it
            row = line.split("\t")
            if blocks and blocks[-1].kind == "table":
                blocks[-1].rows.append(row)
                blocks[-1].text += "\n" + line
                continue
            blocks.append(Block(line, kind="table", rows=[row]))
        else:
            blocks.append(Block(line))
    return blocks


@pytest.fixture(scope="module")
def document() -> Document:
    return read_structure(blocks_of(LINES))


def test_the_section_tree_is_decided_in_structure(document):
    assert document.sections == [
        Section(1, None, 1, "一", "引言", "body", "一、", None),
        Section(2, 1, 2, "一", "研究问题", "body", "（一）", None),
    ]


def test_paragraph_pieces_are_merged_in_structure(document):
    body = [p for p in document.paragraphs if p.part == "body"]
    assert body[0] == Paragraph(body[0].paragraph_no, 1, "城市更新是近年来城市研究的重要议题①，已有研究[1]讨论了它的动力机制。",
                                None, None, "body", body[0].order)
    assert [p.text for p in body[1:]] == ["本文回答两个问题[2]。"]
    assert [(change.kind, no) for change, no in document.paragraph_joins] == [("paragraph_joined", body[0].paragraph_no)]


def test_captions_are_parsed_in_structure(document):
    [table] = document.tables
    assert (table.label, table.caption, table.rows, table.section_no) == (
        "表1", Caption("表1", "样本城市", "表1 样本城市"), (("城市", "人口"), ("北京", "2189")), 2)
    [figure] = document.figures
    assert (figure.label, figure.caption, figure.caption_sources) == ("图1", "研究框架", ("图1 研究框架",))


def test_footnotes_know_the_paragraph_calling_them(document):
    calling = next(p.paragraph_no for p in document.paragraphs if "①" in p.text)
    assert document.footnotes == [Footnote("①", "本文所称城市更新，指存量空间的再开发。",
                                           "① 本文所称城市更新，指存量空间的再开发。", None, calling)]


def test_the_reference_list_ends_once_and_what_follows_is_back_matter(document):
    assert [e.text for e in document.references.entries] == [
        "[1] 王五. 城市更新研究[J]. 城市规划, 2020, 44(3): 1-10.",
        "[2] 赵六. 治理的逻辑[M]. 北京: 商务印书馆, 2019."]
    assert [h.text for h in document.reference_headings] == ["参考文献"]
    # the line after the last entry is no entry text: structure cut it off and read it as back matter
    assert document.references.after == ["作者简介：张三，男，博士，研究方向为城市治理。"]
    assert [p.text for p in document.paragraphs if p.part == "back"] == ["作者简介：张三，男，博士，研究方向为城市治理。"]
    references, _ = parse_listed(document.references)
    assert [(r["ref_no"], r["authors"], r["title"], r["year"]) for r in references] == [
        (1, ["王五"], "城市更新研究", 2020), (2, ["赵六"], "治理的逻辑", 2019)]


def test_a_line_after_the_last_entry_that_no_entry_holds_is_back_matter_decided_by_structure():
    lines = LINES[:-1] + ["本文的写作得到了李老师的悉心指导，在此表示衷心感谢，也感谢匿名评审专家的宝贵意见。"]
    document = read_structure(blocks_of(lines))
    assert len(document.references.entries) == 2
    back = [p.text for p in document.paragraphs if p.part == "back"]
    assert back == ["本文的写作得到了李老师的悉心指导，在此表示衷心感谢，也感谢匿名评审专家的宝贵意见。"]


def test_records_only_maps_the_model():
    """records.py imports no structure reader (headings, paragraphs, body, document, reference list) and no
    reference-list reader: those decisions are made before it."""
    tree = ast.parse((PACKAGE / "rows" / "records.py").read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    structure = {m for m in imported if m.startswith("structure")}
    assert structure == {"structure.model", "structure.front_matter", "structure.captions", "structure.tables"}
    assert not {m for m in imported if m.startswith("references")}
    names = {a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for a in node.names}
    assert not names & {"build_section_rows", "merge_pieces", "parse_caption", "read_body", "read_reference_list",
                        "extract_citation_markers", "find_author_year"}
