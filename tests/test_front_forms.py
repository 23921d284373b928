"""The same paper in Traditional script (OpenCC s2t at test time, `normalize.convert`), in GB18030 and as a PDF (typeset at
test time) gives the same normalized front matter as its text in raw/."""

from __future__ import annotations

import functools

import pandas as pd
import pytest

from conftest import RAW, SAMPLE_000, SAMPLE_002
from extract.normalize import convert
from extract.paper import process_paper
from extract.run.sequence import paper_frames
from tests.pdfbuild import build_paper_pdf

DOCUMENT_FIELDS = ["title_zh", "title_en", "abstract_zh", "abstract_en", "doi", "issn", "year", "funding",
                   "funding_en", "grant_no", "editor", "clc", "document_code", "article_no", "received", "revised",
                   "accepted", "supervisor", "school", "major", "degree", "date"]
AUTHOR_FIELDS = ["author_no", "name_zh", "name_en", "affiliation", "position", "affiliation_en", "address", "email",
                 "bio"]


def write_form(tmp_path, doc_id: str, form: str):
    text = (RAW / f"{doc_id}.txt").read_text(encoding="utf-8")
    if form == "pdf":
        path = tmp_path / f"{doc_id}.pdf"
        build_paper_pdf(path, text, running_header="城市观察 2019年第1期")
        return path
    path = tmp_path / f"{doc_id}.txt"
    if form == "traditional":
        path.write_text(convert(text, "s2t"), encoding="utf-8")
    else:
        path.write_bytes(text.encode("gb18030" if form == "gb18030" else "utf-8"))
    return path


def front_matter(path) -> tuple:
    frames = paper_frames(process_paper(path))
    document = frames["documents"][DOCUMENT_FIELDS].astype(object).fillna("-").iloc[0].to_dict()
    authors = frames["authors"][AUTHOR_FIELDS].astype(object).fillna("-").values.tolist()
    keywords = frames["keywords"][["keyword", "lang"]].values.tolist()
    return document, authors, keywords


@functools.cache
def text_front_matter(doc_id: str) -> tuple:
    return front_matter(RAW / f"{doc_id}.txt")


@pytest.mark.parametrize("form", ["traditional", "gb18030", "pdf"])
@pytest.mark.parametrize("doc_id", [SAMPLE_000, SAMPLE_002])
def test_every_form_of_a_sample_gives_the_same_normalized_front_matter(tmp_path, doc_id, form):
    assert front_matter(write_form(tmp_path, doc_id, form)) == text_front_matter(doc_id)


def test_sample_000_front_matter_as_normalized():
    document, authors, keywords = text_front_matter(SAMPLE_000)
    assert {k: v for k, v in document.items() if v != "-"} == {
        "title_zh": "科技创新纽带和中美城市合作对上海发展的启示",
        "title_en": "The Enlightenment of Science and Technology Innovation Link and Sino-US Urban Cooperation to "
                    "Shanghai Development",
        "abstract_zh": document["abstract_zh"],
        "doi": "10.3969/j.issn.1674-7739.2019.01.010", "issn": "1674-7739", "year": 2019,
        "funding": "本文系上海市科研计划项目“美国中部及部分重点地区科技及国际合作情况研究”（18692112800）的部分研究成果。",
        "grant_no": "18692112800", "editor": "王明洲"}
    assert document["abstract_zh"].startswith("随着技术革命的迭代，科技创新纽带为国家间社会经济发展带来新的动力")
    assert authors == [[1, "朱云杰", "Zhu Yunjie", "同济大学", "博士研究生", "-", "-", "-", "-"],
                       [2, "李光明", "Li Guangming", "同济大学", "教授", "-", "-", "-", "-"],
                       [3, "于宏源", "Yu Hongyuan", "上海国际问题研究院", "研究员", "-", "-", "-", "-"]]
    assert keywords == [["科技创新", "zh"], ["“一带一路”", "zh"], ["城市合作", "zh"], ["上海金融中心", "zh"],
                        ["上海自贸区", "zh"]]


def test_sample_002_has_no_front_matter_in_any_field():
    document, authors, keywords = text_front_matter(SAMPLE_002)
    assert set(document.values()) == {"-"} and authors == [] and keywords == []


def test_traditional_form_keeps_its_script_in_the_source_columns(tmp_path):
    frames = paper_frames(process_paper(write_form(tmp_path, SAMPLE_000, "traditional")))
    assert frames["authors"][["name_zh", "name_zh_source", "affiliation_source"]].values.tolist()[0] == [
        "朱云杰", "朱雲傑", "同濟大學"]
    assert pd.notna(frames["documents"].iloc[0]["funding_source"])
