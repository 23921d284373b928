"""documents.doi is the paper's own DOI, from its front matter: never a DOI printed further in the text (a
reference entry of a list not read as one, a sentence), and a DOI cut at the end of a line is joined."""

from __future__ import annotations

from extract.paper import process_paper
from extract.structure import parse_front_matter

BODY = ("1 引言\n\n"
        "时域积分方程方法广泛用于瞬态电磁散射分析，本文讨论其时间步进算法的稳定性与计算效率。\n\n"
        "2 方法\n\n"
        "文献中的数据见 DOI: 10.3390/biology2010399 ，本文不再赘述其推导过程与实验细节。\n")


def paper(tmp_path, front: str):
    path = tmp_path / "paper.txt"
    path.write_text(front + BODY, encoding="utf-8")
    return process_paper(path)["documents"][0]


def test_a_doi_further_in_the_text_is_not_the_papers(tmp_path):
    document = paper(tmp_path, "时域积分方程时间步进算法研究\n\n王稳\n\n摘要：本文研究时域积分方程的时间步进算法。\n\n"
                               "关键词：时域积分方程；时间步进\n\n")
    assert document["doi"] is None


def test_the_front_matters_doi_is_the_papers(tmp_path):
    document = paper(tmp_path, "时域积分方程时间步进算法研究\n\n王稳\n\n摘要：本文研究时域积分方程的时间步进算法。\n\n"
                               "关键词：时域积分方程；时间步进\n\nDOI: 10.3969/j.issn.1674-7739.2019.01.010\n\n")
    assert document["doi"] == "10.3969/j.issn.1674-7739.2019.01.010"


def test_a_doi_cut_at_the_end_of_a_line_is_joined():
    lines = ["时域积分方程时间步进算法研究", "DOI: 10.3390/biology2", "010399.", "摘要：本文研究时域积分方程的时间步进算法。"]
    assert parse_front_matter(lines).doi == "10.3390/biology2010399"
    # a line after the DOI that is a page number, a year or words is no part of it
    for following in ("12", "2019", "2019.", "2019-05-01", "Abstract", "1 引言"):
        lines = ["时域积分方程时间步进算法研究", "DOI: 10.3390/biology2010399", following]
        assert parse_front_matter(lines).doi == "10.3390/biology2010399"
