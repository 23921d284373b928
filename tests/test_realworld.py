"""The issue's thresholds on the real PDFs of ../shared/realworld/pdf (tests/realworld.py measures;
`make realworld` prints the same figures). Skipped when ../shared is absent."""

from __future__ import annotations

import pytest

from conftest import needs_material
from tests.realworld import REALWORLD, evaluate, pdf_files, table_rows

pytestmark = needs_material(REALWORLD)
WITH_LATEX = ["bithesis_graduation.pdf", "journal_aas_template.pdf", "journal_aps_cn.pdf", "journal_amas_zh.pdf"]


@pytest.fixture(scope="module")
def report():
    cache: dict = {}

    def get(name: str):
        if name not in cache:
            cache[name] = evaluate(REALWORLD / name)
        return cache[name]
    return get


@pytest.mark.parametrize("name", [p.name for p in pdf_files()])
def test_every_character_is_accounted_for(report, name):
    r = report(name)
    assert r.coverage >= 0.99, (r.pages_missing, [f["original"] for f in r.rows["quality_flags"]
                                                  if f["kind"] == "text_unaccounted"])
    assert r.n_output + r.n_removed >= 0.99 * r.n_input


@pytest.mark.parametrize("name", WITH_LATEX)
def test_headings_against_the_latex_source(report, name):
    r = report(name)
    assert r.heading_recall >= 0.95, r.headings_missed
    assert r.heading_precision >= 0.95, r.headings_extra


@pytest.mark.parametrize("name", WITH_LATEX)
def test_paragraphs_of_the_latex_source_are_found_exactly(report, name):
    r = report(name)
    assert r.paragraphs_exact >= 0.90, r.paragraphs_missed


@pytest.mark.parametrize("name", [p.name for p in pdf_files()])
def test_no_running_header_page_number_or_toc_line_in_paragraphs_or_sections(report, name):
    assert report(name).leaks == []


def test_issue_336_three_tables_of_8_11_and_2_rows(report):
    """pdfplumber's own test_order: the rows include the header row."""
    assert table_rows(report("pdfplumber_issue-336-example.pdf").rows) == [8, 11, 2]


def test_issue_67_report_headings_number_without_gaps(report):
    """The quarterly report's `三、` heading runs to 44 Han characters: it is read as the heading between `二、`
    and `四、`, so no level of the section tree has a numbering gap."""
    rows = report("pdfplumber_issue-67-example.pdf").rows
    assert [f["original"] for f in rows["quality_flags"] if f["kind"] == "section_numbering_gap"] == []
    titles = [s["title"] for s in rows["sections"]]
    assert "公司实际控制人、股东、关联方、收购人以及公司等承诺相关方在报告期内超期未履行完毕的承诺事项" in titles
    assert len(titles) == 28
