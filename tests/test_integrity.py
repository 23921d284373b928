"""Corruption and tampering: `papers validate` names each problem on one line; a run refuses to merge.

Each damage is done here to a fresh copy of a published output of the two sample papers.
"""

import json
import os
import re
import shutil
import subprocess
import sys

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import ROOT, SAMPLE_000, SAMPLE_002, copy_output
from extract.cli import main
from extract.run.sequence import RunRequest, run_papers
from extract.schema.datasets import DATASETS
from extract.storage import OutputError, read_all, read_snapshot, validate_output
from extract.storage.layout import bucket_of, bucket_part
from extract.text import sha256_file


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    from conftest import RAW

    base = tmp_path_factory.mktemp("published")
    raw = base / "raw"
    raw.mkdir()
    for name in (SAMPLE_000, SAMPLE_002):
        shutil.copy(RAW / f"{name}.txt", raw / f"{name}.txt")
    run_papers(RunRequest(raw, base / "out"))
    return base


@pytest.fixture
def out(published, tmp_path):
    shutil.copytree(published / "raw", tmp_path / "raw")
    return copy_output(published / "out", tmp_path / "out")


def part(doc_id=SAMPLE_000):
    return bucket_part(bucket_of(doc_id, 64))


def manifest_path(out):
    return out / "_manifest.json"


def edit_manifest(out, change):
    path = manifest_path(out)
    manifest = json.loads(path.read_text())
    change(manifest)
    path.write_text(json.dumps(manifest))


def reseal(out, name, file_name):
    """Make the manifest agree with a file changed on purpose, so only the damage under test shows."""
    path = out / name / file_name

    def change(manifest):
        entry = manifest["datasets"][name]["files"][file_name]
        rows = pq.read_metadata(path).num_rows
        manifest["datasets"][name]["rows"] += rows - entry["rows"]
        entry.update(rows=rows, bytes=path.stat().st_size, sha256=sha256_file(path), mtime_ns=path.stat().st_mtime_ns)
    edit_manifest(out, change)


def rewrite(out, name, file_name, change_table):
    path = out / name / file_name
    table = pq.read_table(path)
    os.unlink(path)  # a new inode: the link in the previous version keeps the old bytes
    pq.write_table(change_table(table), path)


def edit_a_row(out):
    """What a user does by hand: read with pandas, change a cell, write back to the same file."""
    path = out / "paragraphs" / part()
    frame = pd.read_parquet(path)
    frame.loc[0, "text"] = "改过的段落。"
    frame.to_parquet(path)


def with_column_as_string(table):
    index = table.schema.get_field_index("n_pages")
    return table.set_column(index, pa.field("n_pages", pa.string()), table["n_pages"].cast(pa.string()))


def with_replacement_char(table):
    texts = table["text"].to_pylist()
    texts[0] = texts[0] + "\ufffd"
    return table.set_column(table.schema.get_field_index("text"), table.schema.field("text"), pa.array(texts))


def move_rows_to(out, name, doc_id, other):
    """Put doc_id's rows into the file of the bucket other's rows live in (manifest resealed)."""
    source = out / name / part(doc_id)
    moved = pq.read_table(source)
    rewrite(out, name, part(other), lambda t: pa.concat_tables([t, moved.cast(t.schema)]))
    reseal(out, name, part(other))
    rewrite(out, name, part(doc_id), lambda t: t.slice(0, 0))
    reseal(out, name, part(doc_id))


P = part()
DAMAGES = {
    "truncated": (lambda out: (out / "paragraphs" / P).write_bytes((out / "paragraphs" / P).read_bytes()[:500]),
                  [rf"paragraphs/{P}: not readable as Parquet \(.+\)"]),
    "garbage_same_size": (lambda out: (out / "sections" / P).write_bytes(b"\0" * (out / "sections" / P).stat().st_size),
                          [rf"sections/{P}: not readable as Parquet \(Parquet magic bytes not found in footer\..*\)"]),
    # pandas writes its strings as large_string: two problems, two lines
    "row_edited_by_hand": (edit_a_row, [rf"paragraphs/{P}: sha256 differs from _manifest.json \(\d+ bytes, "
                                        rf"_manifest.json says \d+\)",
                                        rf"paragraphs/{P}: column doc_id is large_string, declared string"]),
    "file_deleted": (lambda out: (out / "references" / P).unlink(),
                     [rf"references/{P}: listed in _manifest.json but missing"]),
    "file_added": (lambda out: shutil.copy(out / "paragraphs" / P, out / "paragraphs" / "extra.parquet"),
                   [r"paragraphs/extra.parquet: not listed in _manifest.json"]),
    "manifest_not_json": (lambda out: manifest_path(out).write_text("{\"run_id\": "),
                          [r"_manifest.json: unreadable \(Expecting value: line 1 column 12 \(char 11\)\)"]),
    "manifest_not_utf8": (lambda out: manifest_path(out).write_bytes(b"\xff\xfe{}"),
                          [r"_manifest.json: unreadable \('utf-8' codec can't decode byte 0xff in position 0: "
                           r"invalid start byte\)"]),
    "manifest_without_datasets": (lambda out: edit_manifest(out, lambda m: m.pop("datasets")),
                                  [r"_manifest.json: field datasets missing or not a dict"]),
    "manifest_schema_version": (lambda out: edit_manifest(out, lambda m: m.update(schema_version="0.9.0")),
                                [r"_manifest.json: schema version 0.9.0, this pipeline writes 1.3.0"]),
    "manifest_row_count": (
        lambda out: edit_manifest(out, lambda m: (m["datasets"]["sections"]["files"][P].update(
            rows=m["datasets"]["sections"]["files"][P]["rows"] + 1), m["datasets"]["sections"].update(
            rows=m["datasets"]["sections"]["rows"] + 1))),
        [rf"sections/{P}: 8 rows, _manifest.json says 9"]),
    "manifest_sum_of_rows": (lambda out: edit_manifest(out, lambda m: m["datasets"]["tables"].update(rows=99)),
                             [r"_manifest.json: tables: rows 99 is not the sum of its files' rows"]),
    "column_type_changed": (lambda out: (rewrite(out, "documents", P, with_column_as_string),
                                         reseal(out, "documents", P)),
                            [rf"documents/{P}: column n_pages is string, declared int64"]),
    "link_to_nowhere": (lambda out: (os.unlink(out), os.symlink(".out.papers/versions/gone", out)),
                        [r"_manifest.json: missing from version gone"]),
    "link_elsewhere": (lambda out: (os.unlink(out), os.symlink("elsewhere", out)),
                       [r".*/out: a link to elsewhere, not to a version \(\.out\.papers/versions/<version>\)"]),
    "works_row_dropped": (lambda out: (rewrite(out, "works", "corpus.parquet", lambda t: t.slice(1)),
                                       reseal(out, "works", "corpus.parquet")),
                          [rf"{SAMPLE_000}: references.work_id: no works row for \(work_id\) at ref_no \d+",
                           r"works: differs from the works of the references \(1 missing, 0 not cited, \d+ in both\); "
                           r"`papers run --rebuild` writes them again"]),
    "rows_in_another_bucket": (lambda out: move_rows_to(out, "sections", SAMPLE_000, SAMPLE_002),
                               [rf"sections/{part(SAMPLE_002)}: rows of {SAMPLE_000} belong to another bucket"]),
    "check_fails_on_resealed_file": (lambda out: (rewrite(out, "paragraphs", P, with_replacement_char),
                                                  reseal(out, "paragraphs", P)),
                                     [rf"{SAMPLE_000}: paragraphs.text: no U\+FFFD failed at paragraph_no 1"]),
    "old_single_file_layout": (lambda out: (os.unlink(out), out.mkdir(), (out / "documents.parquet").write_bytes(
        b"PAR1"), (out / "_manifest.json").write_text("{}")),
        [r"_manifest.json: the single-file layout of pipeline 0.1; run `papers run --rebuild` to move to "
         r"versioned datasets"]),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_validate_names_each_problem_on_one_line_and_exits_1(out, damage, capsys):
    assert main(["validate", "--out", str(out)]) == 0
    capsys.readouterr()
    do, expected = DAMAGES[damage]
    do(out)
    assert main(["validate", "--out", str(out)]) == 1
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == len(expected), lines
    for line, pattern in zip(lines, expected):
        assert re.fullmatch(f"invalid: {pattern}", line), line
    assert captured.out == ""


def test_validate_as_a_command_prints_no_traceback(out, tmp_path):
    (out / "paragraphs" / P).write_bytes(b"not parquet at all")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
    result = subprocess.run([sys.executable, "-m", "flows.cli", "validate", "--out", str(out)], env=env,
                            capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 1
    assert re.fullmatch(rf"invalid: paragraphs/{P}: not readable as Parquet \(.+\)\n", result.stderr), result.stderr


def test_a_run_refuses_to_merge_with_a_tampered_output_and_rebuild_repairs_it(out):
    raw = out.parent / "raw"
    edit_a_row(out)
    before = {p: p.read_bytes() for p in (out / "paragraphs").iterdir()}
    with pytest.raises(OutputError) as info:
        run_papers(RunRequest(raw, out))
    message = str(info.value)
    assert "\n" not in message
    assert re.fullmatch(
        rf"{re.escape(str(out))} was changed outside the pipeline: paragraphs/{P}: (\d+ bytes, _manifest.json says "
        rf"\d+|sha256 differs from _manifest.json); `papers validate` lists the problems; `papers run --rebuild` "
        rf"reprocesses every paper into a new version", message), message
    assert {p: p.read_bytes() for p in (out / "paragraphs").iterdir()} == before  # nothing merged
    old_runs = read_all(out)["runs"]

    manifest, outcomes = run_papers(RunRequest(raw, out, rebuild=True))
    assert [o.status for o in outcomes] == ["ok", "ok"]  # rebuilt, not cached
    assert validate_output(out).problems == []
    paragraphs = read_all(out)["paragraphs"]
    assert "改过的段落。" not in set(paragraphs["text"])
    assert len(read_all(out)["runs"]) == len(old_runs) + 2  # the history, checked by hash, is kept


def test_the_command_refuses_before_starting_prefect(out, tmp_path):
    edit_a_row(out)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
    result = subprocess.run([sys.executable, "-m", "flows.cli", "run", "--raw", str(out.parent / "raw"),
                             "--out", str(out)], env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"papers run: {out} was changed outside the pipeline: paragraphs/{P}: ")
    assert result.stderr.rstrip().endswith("`papers run --rebuild` reprocesses every paper into a new version")
    rebuild_only = subprocess.run([sys.executable, "-m", "flows.cli", "run", "--raw", str(out.parent / "raw"),
                                   "--out", str(out), "--rebuild", "--only", SAMPLE_000], env=env,
                                  capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert rebuild_only.returncode == 2
    assert rebuild_only.stderr == "papers run: --rebuild processes every paper: it cannot be combined with --only\n"


def test_old_single_file_layout_is_refused_then_moved_by_rebuild(out):
    raw = out.parent / "raw"
    frames = read_all(out)
    os.unlink(out)
    out.mkdir()
    for name, frame in frames.items():  # what pipeline 0.1 wrote: output/<dataset>.parquet
        frame.to_parquet(out / f"{name}.parquet")
    (out / "_manifest.json").write_text(json.dumps({"run_id": "old", "datasets": {}}))
    with pytest.raises(OutputError, match=r"holds the single-file layout of pipeline 0.1 .*papers run --rebuild"):
        run_papers(RunRequest(raw, out))
    run_papers(RunRequest(raw, out, rebuild=True))
    assert validate_output(out).problems == []
    assert os.readlink(out).startswith(".out.papers/versions/")  # the directory replaced by the link
    assert not list(out.glob("*.parquet")) and not list(out.parent.glob(".tmp-*"))
    assert sorted(read_all(out)["documents"]["doc_id"]) == [SAMPLE_000, SAMPLE_002]
    assert set(DATASETS) <= {p.name for p in out.iterdir()}
    assert read_snapshot(out).manifest["previous_version"] is None
