"""Recursive globs over output/ read each current row once: the kept versions live beside it, out of reach.

`output` is a link to the current version; the versions, the staging and the lock are in
`.output.papers/` beside it. Read with real pandas, polars and DuckDB over a real run (two sample text
papers and a real PDF, published twice so a previous version is kept), and from the layout of
pipeline 0.2 (versions inside output/), which the next run moves.
"""

import os
import shutil
import subprocess
import sys

import duckdb
import pandas as pd
import polars as pl
import pytest

from conftest import ROOT, copy_output
from extract.run.sequence import RunRequest, run_papers
from extract.schema.datasets import DATASETS
from extract.storage import OutputError, output_lock, read_all, read_snapshot, validate_output
from extract.storage.layout import MANIFEST


@pytest.fixture(scope="module")
def published(tmp_path_factory, raw_dir, realworld):
    base = tmp_path_factory.mktemp("globs")
    shutil.copytree(raw_dir, base / "raw")
    shutil.copy(realworld / "pdf" / "journal_amas_zh.pdf", base / "raw" / "journal_amas_zh.pdf")
    run_papers(RunRequest(base / "raw", base / "output"))
    run_papers(RunRequest(base / "raw", base / "output", force=True))  # a second version: the first is kept
    return base


def glob_counts(out_name: str) -> dict:
    """Rows and files seen by a recursive glob of the whole output, and per dataset, in each reader."""
    everything = f"{out_name}/**/*.parquet"
    return {
        "duckdb_rows": duckdb.sql(f"SELECT count(*) FROM '{everything}'").fetchall()[0][0],
        "duckdb_files": duckdb.sql(f"SELECT count(*) FROM glob('{everything}')").fetchall()[0][0],
        "polars_rows": pl.scan_parquet(everything, missing_columns="insert", extra_columns="ignore")
        .select(pl.len()).collect().item(),
        "duckdb": {name: duckdb.sql(f"SELECT count(*) FROM '{out_name}/{name}/**/*.parquet'").fetchall()[0][0]
                   for name in DATASETS},
        "polars": {name: pl.scan_parquet(f"{out_name}/{name}/**/*.parquet").select(pl.len()).collect().item()
                   for name in DATASETS},
        "pandas": {name: len(pd.read_parquet(f"{out_name}/{name}")) for name in DATASETS},
    }


def expected_counts(out) -> dict:
    manifest = read_snapshot(out).manifest
    rows = {name: manifest["datasets"][name]["rows"] for name in DATASETS}
    return {"duckdb_rows": sum(rows.values()),
            "duckdb_files": sum(len(manifest["datasets"][name]["files"]) for name in DATASETS),
            "polars_rows": sum(rows.values()), "duckdb": rows, "polars": rows, "pandas": rows}


def test_recursive_globs_read_each_current_row_once(published, monkeypatch):
    out = published / "output"
    snapshot = read_snapshot(out)
    assert snapshot.manifest["previous_version"] in os.listdir(published / ".output.papers" / "versions")
    monkeypatch.chdir(published)
    counts = glob_counts("output")
    assert counts == expected_counts(out)
    papers = len(os.listdir(published / "raw"))
    assert papers == 3 and counts["duckdb"]["documents"] == papers  # one row per paper, not one per version
    assert counts["pandas"]["documents"] == counts["polars"]["documents"] == papers
    assert counts["duckdb"]["runs"] == 2 * papers  # the history: two runs of three papers
    frames = read_all(out)
    assert counts["pandas"]["paragraphs"] == len(frames["paragraphs"])
    assert set(frames["paragraphs"]["doc_id"]) == set(frames["documents"]["doc_id"])  # the PDF's included
    pandas_docs = pd.read_parquet("output/documents").sort_values("doc_id")
    assert pandas_docs["doc_id"].tolist() == sorted(frames["documents"]["doc_id"])


def to_legacy(out):
    """Turn an output into the layout of pipeline 0.2: output/current -> .versions/<v>, a link per dataset."""
    state = out.parent / f".{out.name}.papers"
    version = os.readlink(out).rsplit("/", 1)[1]
    os.unlink(out)
    out.mkdir()
    os.rename(state / "versions", out / ".versions")
    os.symlink(f".versions/{version}", out / "current")
    for name in list(DATASETS) + [MANIFEST]:
        os.symlink(f"current/{name}", out / name)
    (out / ".lock").write_text("run by pid 1 on old since 2026-01-01\n")
    shutil.rmtree(state)


def test_the_layout_of_0_2_is_read_as_it_is_then_moved_by_the_next_run(published, tmp_path, monkeypatch):
    out = copy_output(published / "output", tmp_path / "output")
    shutil.copytree(published / "raw", tmp_path / "raw")
    before = read_all(out)
    old = read_snapshot(out).version
    to_legacy(out)
    assert read_snapshot(out).version == old and validate_output(out).problems == []
    monkeypatch.chdir(tmp_path)
    doubled = duckdb.sql("SELECT count(*) FROM 'output/documents/**/*.parquet'").fetchall()[0][0]
    assert doubled == 3  # per dataset: fine in the old layout too; the whole tree was not
    assert duckdb.sql("SELECT count(*) FROM 'output/**/*.parquet'").fetchall()[0][0] > expected_counts(out)[
        "duckdb_rows"]  # the issue: the kept version counted again
    for name, frame in read_all(out).items():
        pd.testing.assert_frame_equal(frame, before[name])

    manifest, outcomes = run_papers(RunRequest(tmp_path / "raw", out))
    assert {o.status for o in outcomes} == {"cached"}
    assert os.readlink(out) == f".output.papers/versions/{manifest['version']}"
    assert sorted(os.listdir(tmp_path / ".output.papers" / "versions")) == sorted([old, manifest["version"]])
    assert sorted(os.listdir(tmp_path)) == [".output.papers", "output", "raw"]  # the old directory removed
    assert validate_output(out).problems == []
    assert glob_counts("output") == expected_counts(out)
    after = read_all(out)
    for name in DATASETS:
        if name != "runs":
            pd.testing.assert_frame_equal(after[name], before[name])
    assert len(after["runs"]) == len(before["runs"]) + 3


def test_without_renameat2_the_move_takes_two_renames_and_a_crash_between_is_mended(published, tmp_path, monkeypatch):
    import importlib

    publish_module = importlib.import_module("extract.storage.publish")

    out = copy_output(published / "output", tmp_path / "output")
    shutil.copytree(published / "raw", tmp_path / "raw")
    to_legacy(out)
    monkeypatch.setattr(publish_module, "exchange", lambda a, b: False)  # a file system without it
    manifest, _ = run_papers(RunRequest(tmp_path / "raw", out))
    assert os.readlink(out) == f".output.papers/versions/{manifest['version']}"
    assert not list(tmp_path.glob(".tmp-*")) and validate_output(out).problems == []
    # killed between the two renames: no output, the new link still under its temp name
    target = os.readlink(out)
    os.unlink(out)
    os.symlink(target, tmp_path / ".tmp-output.1a2b3c4d")
    with output_lock(out):  # what the next run does first
        pass
    assert os.readlink(out) == target and validate_output(out).problems == []


def test_an_output_directory_holding_other_files_is_not_replaced(sample_raw, tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(OutputError, match=r"output holds notes.txt, which the pipeline did not write"):
        run_papers(RunRequest(sample_raw, out))
    assert os.listdir(out) == ["notes.txt"]
    assert not (tmp_path / ".output.papers" / "versions").exists()
    os.unlink(out / "notes.txt")  # an empty directory is replaced by the link
    run_papers(RunRequest(sample_raw, out))
    assert out.is_symlink() and validate_output(out).problems == []


POINTS = ["publish.synced", "publish.before_switch", "publish.exchanged", "publish.switched"]


@pytest.mark.parametrize("point", POINTS)
def test_kill_9_while_moving_from_0_2_leaves_the_old_version_or_the_new_one(published, tmp_path, point):
    out = copy_output(published / "output", tmp_path / "output")
    shutil.copytree(published / "raw", tmp_path / "raw")
    before = {name: f for name, f in read_all(out).items() if name != "runs"}
    to_legacy(out)
    paper = sorted((tmp_path / "raw").glob("*.txt"))[0]
    paper.write_text(paper.read_text(encoding="utf-8") + "\n新加的一段正文。\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PAPERS_"))}
    env.update(PYTHONPATH=str(ROOT / "src"), PAPERS_CRASH_AT=point)
    code = subprocess.run([sys.executable, "-c", "import sys; from extract.run.sequence import RunRequest, run_papers; "
                           "run_papers(RunRequest(sys.argv[1], sys.argv[2]))", str(tmp_path / "raw"), str(out)],
                          env=env, capture_output=True, timeout=300).returncode
    assert code == -9
    assert validate_output(out).problems == []
    now = {name: f for name, f in read_all(out).items() if name != "runs"}
    unchanged = all(now[name].equals(before[name]) for name in now)
    assert unchanged == (point in ("publish.synced", "publish.before_switch"))
    assert any("新加的一段正文" in t for t in now["paragraphs"]["text"]) == (not unchanged)
    with output_lock(out):  # the next run removes what the killed one left (whole staged papers stay for it)
        pass
    assert validate_output(out).problems == [] and not list(tmp_path.glob(".tmp-*"))
    staging = tmp_path / ".output.papers" / "staging"
    assert not list(staging.glob("*/.tmp-*"))
    assert all((paper / "_paper.json").is_file() for run in staging.glob("*") for paper in run.iterdir())
    assert out.is_symlink() == (not unchanged)  # before the exchange still the old directory, after it the link
