"""Front and back matter of the real PDFs (../shared/realworld/pdf) equal what their LaTeX sources say
(tests/front_eval.py, tests/latex_front_truth.py). Skipped when ../shared is absent."""

from __future__ import annotations

import functools

import pytest

from conftest import needs_material
from tests.front_eval import REALWORLD, evaluate

pytestmark = needs_material(REALWORLD)

FIELDS = ("title_zh", "title_en", "authors", "authors_en", "affiliations", "keywords_zh", "keywords_en", "funding",
          "back_matter", "biographies", "supervisor")
WITH_SOURCES = ("bithesis_graduation.pdf", "journal_aas_template.pdf", "journal_amas_zh.pdf", "journal_aps_cn.pdf")
# what the PDF reader loses before the front matter sees it (mark a field here, with the reason, to expect a
# failure): none since h/pdf (issue 10) reads the title block, the first-page footnotes and the cover whole
READER_GAPS: dict[tuple[str, str], str] = {}


@functools.cache
def report(name: str):
    return evaluate(REALWORLD / name)


def cases():
    for name in WITH_SOURCES:
        for field in FIELDS:
            gap = READER_GAPS.get((name, field))
            marks = [pytest.mark.xfail(strict=True, reason=f"PDF reader: {gap}")] if gap else []
            yield pytest.param(name, field, marks=marks, id=f"{name.removesuffix('.pdf')}-{field}")


@pytest.mark.parametrize("name, field", list(cases()))
def test_front_and_back_matter_equal_the_latex_source(name, field):
    scores = report(name).scores
    if field not in scores:
        pytest.skip(f"{name}: its source says nothing of {field}")
    score = scores[field]
    assert (score.found, score.missed, score.extra) == (score.total, [], [])


@pytest.mark.parametrize("name", ["pdfplumber_issue-336-example.pdf", "pdfplumber_issue-461-example.pdf",
                                  "pdfplumber_issue-67-example.pdf", "pdfplumber_issue-71-duplicate-chars.pdf",
                                  "pdfplumber_issue-842-example.pdf"])
def test_a_report_or_a_resume_has_no_author_rows(name):
    assert report(name).rows["authors"] == []


def test_issue_67_report_title_over_two_lines_in_two_sizes():
    assert report("pdfplumber_issue-67-example.pdf").rows["documents"][0]["title_zh"] == (
        "东北电气发展股份有限公司 2018 年第一季度报告")


def test_bithesis_cover_fields_and_appendices_in_order():
    rows = report("bithesis_graduation.pdf").rows
    doc = rows["documents"][0]
    assert (doc["degree"], doc["degree_source"], doc["supervisor"], doc["date"]) == (
        "学士", "本科生毕业设计（论文）", "张哈希", "2020-06-28")
    back = [(s["label"], s["title"], s["level"]) for s in rows["sections"] if s["part"] == "back"]
    assert back == [(None, "附录", 1), ("A", "LATEX 环境的安装", 2), ("B", "BIThesis 使用说明", 2), (None, "致谢", 1)]
