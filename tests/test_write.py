"""Writes are checked first and atomic; a failing check leaves out/ byte-for-byte intact."""

import hashlib
import json
import os

import pyarrow.parquet as pq
import pytest

from extract.schema.checks import CheckError
from extract.schema.datasets import DATASETS, SCHEMA_VERSION, conform
from extract.storage.layout import bucket_of, bucket_part
from extract.storage.write import MANIFEST, read_all, write_all


def document(doc_id="p1", **over):
    row = dict.fromkeys(DATASETS["documents"].columns)  # the columns not named here are null
    row.update(doc_id=doc_id, source_file=f"{doc_id}.txt", source_sha256="ab" * 32, source_format="txt",
               source_encoding="utf-8", n_pages=None, script="simplified", script_config="t2s", title_zh="标题", title_en=None,
               abstract_zh=None, abstract_en=None, doi=None, issn=None, year=2019, funding=None, grant_no=None,
               editor=None, journal=None, source_url=None, n_chars=4, n_chars_input=8, n_chars_output=8,
               n_chars_removed=0, coverage=1.0, pipeline_version="0.1.0")
    row.update(over)
    return row


def small_frames(**rows):
    base = {name: [] for name in DATASETS}
    base["documents"] = [document()]
    base["sections"] = [dict(doc_id="p1", section_no=1, parent_section_no=None, level=1, label="一",
                             title="引言", title_source="引言", part="body",
                             label_source="一、", page=None)]
    base["paragraphs"] = [dict(doc_id="p1", paragraph_no=1, section_no=1, text="正文。", text_source="正文。",
                               page_start=None, page_end=None, part="body")]
    base["references"] = [dict(doc_id="p1", ref_no=1, raw="[1] 某. 书[M]. 北京:出版社,2019.", authors=["某"],
                               title="书", type_code="M", doc_type="M", carrier=None, container=None,
                               place="北京", publisher="出版社", year=2019, pub_date="2019", volume=None,
                               issue=None, pages=None, accessed_date=None, url=None, doi=None, parse_status="ok",
                               doc_number=None, edition="2版", translators=["译者"], editors=[], cstr=None,
                               type_inferred=False, translation=None, translation_title=None)]
    base["citations"] = [dict(doc_id="p1", citation_no=1, ref_no=1, location="paragraph", paragraph_no=1,
                              table_no=None, row_no=None, col_no=None, char_offset=2, marker="^[1]",
                              resolved=True, style="numeric")]
    base.update(rows)
    return {name: conform(name, [{**row_defaults(name), **row} for row in value]) for name, value in base.items()}


def row_defaults(name: str) -> dict:
    """Columns a test row does not name: null, and a paragraph or heading stands in the body."""
    defaults = dict.fromkeys(DATASETS[name].columns)
    return {**defaults, "part": "body"} if "part" in defaults else defaults


def snapshot(directory):
    """Every file and link under directory (hidden ones included) with its content or target."""
    found = {}
    for root, dirs, files in os.walk(directory):
        for name in dirs + files:
            path = os.path.join(root, name)
            if os.path.islink(path):
                found[os.path.relpath(path, directory)] = "-> " + os.readlink(path)
            elif os.path.isfile(path):
                with open(path, "rb") as fh:
                    found[os.path.relpath(path, directory)] = hashlib.sha256(fh.read()).hexdigest()
    return found


def test_every_dataset_a_directory_of_bucket_files_with_declared_schema_and_manifest(tmp_path):
    manifest = write_all(tmp_path, small_frames(), "run-1", "0.1.0")
    # the (empty) directory given is replaced by the link to the version, kept beside it
    assert os.readlink(tmp_path) == f".{tmp_path.name}.papers/versions/run-1"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(list(DATASETS) + [MANIFEST])
    p1 = bucket_part(bucket_of("p1", 64))
    for name, ds in DATASETS.items():
        files = sorted(p.name for p in (tmp_path / name).iterdir())
        expected = {"runs": ["part-empty.parquet"], "authors": ["part-empty.parquet"],
                    "keywords": ["part-empty.parquet"], "tables": ["part-empty.parquet"],
                    "table_cells": ["part-empty.parquet"], "mentions": ["part-empty.parquet"],
                    "quality_flags": ["part-empty.parquet"], "footnotes": ["part-empty.parquet"],
                    "figures": ["part-empty.parquet"], "works": ["part-empty.parquet"]}.get(name, [p1])
        assert files == expected, name
        schema = pq.read_schema(tmp_path / name / files[0])
        assert schema.names == ds.columns
        # Parquet names a list item "element"; the type is the same
        assert [str(t).replace("element:", "item:") for t in schema.types] == [str(f.arrow_type) for f in ds.fields]
        assert schema.metadata[b"schema_version"].decode() == SCHEMA_VERSION
        assert schema.field(ds.columns[0]).metadata[b"description"]
    assert pq.read_metadata(tmp_path / "mentions" / "part-empty.parquet").num_rows == 0  # empty, but typed
    on_disk = json.loads((tmp_path / MANIFEST).read_text())
    assert on_disk == {k: v for k, v in manifest.items() if k != "publish"} | {"publish": on_disk["publish"]}
    assert on_disk["run_id"] == "run-1" and on_disk["schema_version"] == SCHEMA_VERSION
    assert on_disk["buckets"] == 64 and on_disk["previous_version"] is None
    assert on_disk["datasets"]["citations"]["rows"] == 1
    entry = on_disk["datasets"]["references"]["files"][p1]
    data = (tmp_path / "references" / p1).read_bytes()
    assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["bytes"] == len(data)
    assert entry["rows"] == 1
    back = read_all(tmp_path)
    assert back["references"].loc[0, "authors"] == ["某"]
    assert (back["references"].loc[0, "translators"], back["references"].loc[0, "editors"]) == (["译者"], [])
    assert back["citations"].loc[0, "resolved"] is True or bool(back["citations"].loc[0, "resolved"])


@pytest.mark.parametrize("broken,expected", [
    ({"citations": [dict(doc_id="p1", citation_no=1, ref_no=7, location="paragraph", paragraph_no=1,
                         table_no=None, row_no=None, col_no=None, char_offset=2, marker="^[7]", resolved=True,
                         style="numeric")]},
     "citations.ref_no: marked resolved but no references row at rows [0]"),
    ({"paragraphs": [dict(doc_id="p1", paragraph_no=1, section_no=1, text="發(fā)展。", text_source="x",
                          page_start=None, page_end=None)]},
     "paragraphs.text: no pinyin annotation failed at rows [0]"),
    ({"paragraphs": [dict(doc_id="p1", paragraph_no=1, section_no=1, text="坏\ufffd字", text_source="x",
                          page_start=None, page_end=None)]},
     "paragraphs.text: no U+FFFD failed at rows [0]"),
    ({"paragraphs": [dict(doc_id="p1", paragraph_no=1, section_no=1, text="增长。^[1]", text_source="x",
                          page_start=None, page_end=None)]},
     "paragraphs.text: no ^[n] citation marker failed at rows [0]"),
    ({"documents": [document(script="klingon")]}, "documents.script: isin"),
    ({"sections": [dict(doc_id="p1", section_no=1, parent_section_no=None, level=1, label="一", title="甲",
                        title_source="甲", label_source="一、", page=None)] * 2}, "sections.doc_id, section_no"),
    ({"paragraphs": [dict(doc_id="p1", paragraph_no=1, section_no=5, text="正文。", text_source="x",
                          page_start=None, page_end=None)]},
     "paragraphs.section_no: no sections row for (doc_id, section_no) at rows [0]"),
    ({"authors": [dict(doc_id="ghost", author_no=1, name_zh="甲", name_en=None, affiliation=None,
                       position=None)]}, "authors.doc_id: no documents row at rows [0]"),
])
def test_failing_check_names_dataset_column_rows_and_writes_nothing(tmp_path, broken, expected):
    write_all(tmp_path / "out", small_frames(), "run-1", "0.1.0")
    before = snapshot(tmp_path)  # the output link and its state beside it
    with pytest.raises(CheckError) as info:
        write_all(tmp_path / "out", small_frames(**broken), "run-2", "0.1.0")
    assert expected in str(info.value)
    assert snapshot(tmp_path) == before


def test_a_run_id_publishes_once(tmp_path):
    from extract.storage import OutputError, validate_output

    out = tmp_path / "out"
    write_all(out, small_frames(), "run-1", "0.1.0")
    before = snapshot(tmp_path)  # the output link and its state beside it
    with pytest.raises(OutputError, match="run run-1 is the version published now; a run id publishes once"):
        write_all(out, small_frames(), "run-1", "0.1.0")
    after = snapshot(tmp_path)
    after.pop(".out.papers/lock"), before.pop(".out.papers/lock")  # the lock's note of who held it may change
    assert after == before and validate_output(out).problems == []


def test_conform_rejects_missing_and_undeclared_columns():
    with pytest.raises(KeyError, match=r"keywords: missing columns \['lang'\], undeclared columns \['language'\]"):
        conform("keywords", [dict(doc_id="p1", keyword_no=1, keyword="a", keyword_source="a", language="zh")])


def test_a_paper_whose_rows_fail_a_check_fails_alone_and_keeps_its_earlier_rows(tmp_path):
    from extract.run.sequence import PaperOutcome, RunRequest, check_outcomes, publish_outcomes
    from extract.storage import stage_paper

    write_all(tmp_path, small_frames(), "run-1", "0.1.0")  # p1 written by an earlier run

    def staged(name, frames):
        path = stage_paper(tmp_path / "staging", name, frames)
        return PaperOutcome(name, "ok", "2026-11-23T00:00:00+00:00", 0.1, "cd" * 32, staged=str(path))

    good = {n: DATASETS[n].empty_frame() for n in DATASETS}
    good["documents"] = conform("documents", [document("p2")])
    bad = small_frames(paragraphs=[dict(doc_id="p1", paragraph_no=1, section_no=1, text="發(fā)展。",
                                         text_source="x", page_start=None, page_end=None)])
    outcomes = [staged("p1", bad), staged("p2", good)]
    request = RunRequest(tmp_path / "raw", tmp_path, only=("p1", "p2"), run_id="run-2")  # not a full run
    publish_outcomes(request, check_outcomes(outcomes), {"p1", "p2"})
    assert [(o.doc_id, o.status) for o in outcomes] == [("p1", "failed"), ("p2", "ok")]
    assert outcomes[0].error == "check failed: paragraphs.text: no pinyin annotation failed at paragraph_no 1"
    frames = read_all(tmp_path)
    assert frames["paragraphs"]["text"].tolist() == ["正文。"]  # p1's rows from run-1
    assert sorted(frames["documents"]["doc_id"]) == ["p1", "p2"]
    runs = frames["runs"].set_index("doc_id")
    assert runs.loc["p1", "status"] == "failed" and runs.loc["p1", "error"] == outcomes[0].error
