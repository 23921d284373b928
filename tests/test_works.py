"""`works`: one row per distinct cited work across the corpus, `references.work_id` pointing at it."""

import re
import shutil

import duckdb
import pytest

from conftest import ROOT
from extract.run.sequence import RunRequest, run_papers
from extract.storage import read_all, read_snapshot, validate_output
from extract.storage.works import doi_key, family_name, fold, work_id_of, work_key

PAPER_A = """城市合作研究

一、引言

本文讨论城市合作[1]，并参考了基因组研究[2]与元数据质量[3]。

参考文献

[1] 张伯伟. 全唐五代诗格汇考[M]. 南京: 江苏古籍出版社, 2002: 288.
[2] Myburg A A, Grattapaglia D. The genome of Eucalyptus grandis[J]. Nature, 2014, 510(7505): 356-362. DOI: 10.1038/nature13308.
[3] Park J R. Metadata quality control in digital repositories and collections: criteria, semantics, and mechanisms[J]. Cataloging & Classification Quarterly, 2009, 47(3): 213-228.
"""
# the same works cited in Traditional script, another case and punctuation, a DOI in capitals; and one more
PAPER_B = """城市協作研究

一、引言

本文討論詩格[1]，並參考了基因組研究[2]、元數據質量[3]與另一本書[4]。

參考文獻

[1] 張伯偉. 全唐五代詩格彙考[M]. 南京: 江蘇古籍出版社, 2002.
[2] MYBURG A A, GRATTAPAGLIA D. The Genome of Eucalyptus grandis[J]. Nature, 2014, 510: 356-362. doi:10.1038/NATURE13308.
[3] PARK J R. Metadata Quality Control in Digital Repositories and Collections — Criteria, Semantics, and Mechanisms[J]. Cataloging & Classification Quarterly, 2009, 47(3): 213-228.
[4] 王五. 另一本書[M]. 北京: 中華書局, 2010.
"""


def test_keys_meet_across_scripts_widths_cases_and_name_forms():
    assert fold("《全唐五代詩格彙考》") == fold("全唐五代诗格汇考") == "全唐五代诗格汇考"
    assert fold("Ｍｅｔａｄａｔａ Ｑｕａｌｉｔｙ：Ｃｏｎｔｒｏｌ") == fold("metadata quality control") == "metadataqualitycontrol"
    assert doi_key("https://doi.org/10.1038/NATURE13308.") == doi_key("DOI: 10.1038/nature13308") == "10.1038/nature13308"
    assert doi_key("１０．１０３８／nature13308") == "10.1038/nature13308" and doi_key("n/a") is None
    assert {family_name(n) for n in ("Myburg A A", "A. A. Myburg", "MYBURG A A", "Myburg, A. A.",
                                      "Myburg Alexander A.")} == {"myburg"}
    assert family_name("張伯偉") == family_name("张伯伟") == "张伯伟"
    key = work_key(None, "Ｍｅｔａｄａｔａ quality control", 2009, ["ＰＡＲＫ Ｊ Ｒ"])
    assert key == work_key(None, "Metadata Quality Control", 2009, ["Park J R"]) == (
        "title_year_author", "t:metadataqualitycontrol|y:2009|a:park")
    assert work_key("10.1000/x", "Whatever", None, None) == ("doi", "doi:10.1000/x")  # the DOI when printed
    assert work_key(None, "Title", None, []) is None  # a title alone is too little
    assert work_key(None, "", 2009, ["Park J R"]) is None
    assert work_key(None, "A title", None, ["Park J R"]) == ("title_year_author", "t:atitle|y:|a:park")
    assert work_key(None, "A title", 2001, []) != work_key(None, "A title", 2002, [])
    assert re.fullmatch(r"w[0-9a-f]{16}", work_id_of("doi:10.1/x"))


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    base = tmp_path_factory.mktemp("works")
    (base / "raw").mkdir()
    (base / "raw" / "paper_a.txt").write_text(PAPER_A, encoding="utf-8")
    (base / "raw" / "paper_b.txt").write_text(PAPER_B, encoding="utf-8")
    run_papers(RunRequest(base / "raw", base / "output"))
    return base


def test_the_same_work_cited_by_two_papers_is_one_row(published):
    frames = read_all(published / "output")
    refs, works = frames["references"], frames["works"]
    ids = refs.set_index(["doc_id", "ref_no"])["work_id"]
    for ref_no in (1, 2, 3):
        assert ids[("paper_a", ref_no)] == ids[("paper_b", ref_no)], ref_no
    assert ids.nunique() == 4 and len(works) == 4
    rows = works.set_index("work_id")
    doi_work = rows.loc[ids[("paper_a", 2)]]
    assert (doi_work["matched_by"], doi_work["doi"], doi_work["cited_by_papers"]) == ("doi", "10.1038/nature13308", 2)
    poetics = rows.loc[ids[("paper_a", 1)]]
    assert (poetics["matched_by"], poetics["title"], poetics["first_author"], poetics["year"]) == (
        "title_year_author", "全唐五代诗格汇考", "张伯伟", 2002)
    assert poetics["cited_by_papers"] == 2 and poetics["cited_by_references"] == 2
    assert rows.loc[ids[("paper_b", 4)], "cited_by_papers"] == 1
    assert validate_output(published / "output").problems == []


def readme_blocks(language: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Cited works", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{language}\n(.*?)```", section, flags=re.S)


def test_readme_queries_most_cited_and_papers_citing_in_duckdb_and_pandas(published, monkeypatch):
    monkeypatch.chdir(published)
    most_cited, citing = (duckdb.sql(block).fetchall() for block in readme_blocks("sql"))
    assert [(t, n) for t, _, _, n in most_cited] == [
        ("Metadata quality control in digital repositories and collections: criteria, semantics, and mechanisms", 2),
        ("The genome of Eucalyptus grandis", 2), ("全唐五代诗格汇考", 2), ("另一本书", 1)]
    assert [doc for doc, _ in citing] == ["paper_a", "paper_b"]
    (python,) = readme_blocks("python")
    names: dict = {}
    exec(python, names)
    assert names["most_cited"]["title"].tolist() == [t for t, *_ in most_cited]
    assert names["citing"] == ["paper_a", "paper_b"]


def test_works_follow_the_corpus_and_are_carried_when_no_reference_changed(published, tmp_path):
    from conftest import copy_output

    out = copy_output(published / "output", tmp_path / "output")
    shutil.copytree(published / "raw", tmp_path / "raw")
    manifest, _ = run_papers(RunRequest(tmp_path / "raw", out))  # nothing changed
    assert "works" not in manifest["publish"]["rewritten"]
    (tmp_path / "raw" / "paper_b.txt").unlink()  # the works only paper_b cited go with it
    manifest, _ = run_papers(RunRequest(tmp_path / "raw", out))
    works = read_all(out)["works"]
    assert manifest["publish"]["rewritten"]["works"] == ["corpus.parquet"]
    assert sorted(works["title"]) == sorted(read_all(out)["references"]["title"])
    assert set(works["cited_by_papers"]) == {1} and validate_output(out).problems == []
    (tmp_path / "raw" / "paper_a.txt").unlink()  # no reference left: an empty works
    run_papers(RunRequest(tmp_path / "raw", out))
    assert read_all(out)["works"].empty and read_snapshot(out).files("works") and validate_output(out).problems == []


def test_merging_precision_on_four_styles_of_the_same_records(realworld):
    from works_eval import merge_figures

    figures = merge_figures()
    assert figures["entries"] == 564 and figures["records"] == 141
    assert figures["precision"] >= 0.97 and figures["recall"] >= 0.80, figures
    # every merge of two records is of two records of one work: same title, year and first author printed
    truth = {r["record"]: r["fields"] for r in figures["rows"]}
    for a, b, _ in figures["wrong"]:
        same = ("title", "year")
        assert all(truth[a].get(k) == truth[b].get(k) for k in same) and truth[a]["authors"][:1] == truth[b][
            "authors"][:1], (a, b)
