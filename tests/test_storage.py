"""The output layout: a run rewrites only the buckets it changed, carries the rest, and never re-reads them.

Corpora of small papers are generated here; runs go through `run_papers` (the library, no Prefect).
"""

import json
import os
import re

import pandas as pd
import pytest

from conftest import ROOT, SAMPLE_000, copy_output
from extract.run.sequence import RunRequest, run_papers
from extract.storage import OutputError, StorageSettings, read_all, read_snapshot, validate_output
from extract.storage.layout import bucket_of, bucket_part


def small_paper(i: int, edition: int = 1) -> str:
    return (f"一、引言\n这是第{i}篇论文的正文，第{edition}版，讨论城市之间的合作。\n"
            f"二、结论\n合作的结论{i}。\n")


def make_corpus(raw, n: int):
    raw.mkdir(exist_ok=True)
    for i in range(n):
        (raw / f"paper{i:03d}.txt").write_text(small_paper(i), encoding="utf-8")
    return raw


def buckets_of(doc_ids, buckets=64):
    return {bucket_part(bucket_of(d, buckets)) for d in doc_ids}


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    """30 papers run once; each test copies the output (hard links would share inodes across tests)."""
    base = tmp_path_factory.mktemp("corpus")
    raw = make_corpus(base / "raw", 30)
    manifest, _ = run_papers(RunRequest(raw, base / "out"))
    return base, manifest


@pytest.fixture
def corpus(corpus_run, tmp_path):
    import shutil

    base, _ = corpus_run
    shutil.copytree(base / "raw", tmp_path / "raw")
    return tmp_path / "raw", copy_output(base / "out", tmp_path / "out")


def test_one_changed_paper_rewrites_its_buckets_and_links_every_other_file(corpus):
    raw, out = corpus
    before = read_snapshot(out)
    changed = "paper007"
    (raw / f"{changed}.txt").write_text(small_paper(7, edition=2), encoding="utf-8")
    manifest, outcomes = run_papers(RunRequest(raw, out))
    assert [o.doc_id for o in outcomes if o.status == "ok"] == [changed]
    part = bucket_part(bucket_of(changed, 64))
    rewritten = manifest["publish"]["rewritten"]
    assert rewritten.pop("runs") == [f"run-{manifest['run_id']}.parquet"]
    # the others are empty (its quality flags say the paper has no title, authors, abstract or keywords)
    assert rewritten == {name: [part] for name in ("documents", "sections", "paragraphs", "quality_flags")}
    after = read_snapshot(out)
    assert after.manifest["previous_version"] == before.version
    for name in ("documents", "sections", "paragraphs"):
        assert set(after.files(name)) == set(before.files(name))
        for file_name in after.files(name):
            same_inode = os.stat(after.path(name, file_name)).st_ino == os.stat(before.path(name, file_name)).st_ino
            assert same_inode == (file_name != part), (name, file_name)
    paragraphs = read_all(out)["paragraphs"]
    texts = paragraphs[paragraphs["paragraph_no"] == 1].set_index("doc_id")["text"]
    assert texts[changed] == "这是第7篇论文的正文，第2版，讨论城市之间的合作。"
    assert texts["paper008"] == "这是第8篇论文的正文，第1版，讨论城市之间的合作。"
    assert validate_output(out).problems == []


def test_no_change_rerun_writes_only_its_runs_file(corpus):
    raw, out = corpus
    manifest, outcomes = run_papers(RunRequest(raw, out))
    assert {o.status for o in outcomes} == {"cached"}
    assert manifest["publish"]["rewritten"] == {"runs": [f"run-{manifest['run_id']}.parquet"]}
    assert manifest["publish"]["files_written"] == 1
    assert len(read_all(out)["runs"]) == 60


def test_an_unchanged_bucket_is_not_read_again(corpus):
    """Garbage in an unchanged bucket (same size, same mtime) goes unseen by the run: it never opens it."""
    raw, out = corpus
    changed = "paper003"
    spoiled = next(f"paper{i:03d}" for i in range(30) if bucket_of(f"paper{i:03d}", 64) != bucket_of(changed, 64))
    path = out / "paragraphs" / bucket_part(bucket_of(spoiled, 64))
    stat = os.stat(path)
    path.write_bytes(b"\0" * stat.st_size)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    (raw / f"{changed}.txt").write_text(small_paper(3, edition=2), encoding="utf-8")
    _, outcomes = run_papers(RunRequest(raw, out))  # would fail on reading the garbage if it read that bucket
    assert [o.doc_id for o in outcomes if o.status == "ok"] == [changed]
    assert os.stat(out / "paragraphs" / path.name).st_ino == stat.st_ino  # carried by a link, unread
    assert validate_output(out).problems == [  # validate reads every byte
        f"paragraphs/{path.name}: not readable as Parquet (Parquet magic bytes not found in footer. Either the "
        f"file is corrupted or this is not a parquet file.)"]
    (raw / f"{changed}.txt").write_text(small_paper(3, edition=3), encoding="utf-8")
    with pytest.raises(OutputError, match=re.escape(f"paragraphs/{path.name}: sha256 differs")):
        publish_with_sha256_check(raw, out)


def publish_with_sha256_check(raw, out):
    """A run whose settings hash every carried file (verify_carried="sha256") sees the garbage."""
    run_with_settings(raw, out, StorageSettings(verify_carried="sha256"))


def run_with_settings(raw, out, settings, run_id="r"):
    """run_papers with storage settings: the run sequence, its publish step given the settings."""
    from extract.run.sequence import RunSteps, publish_outcomes, run_sequence

    class PublishWithSettings(RunSteps):
        def publish(self, request, outcomes, present):
            return publish_outcomes(request, outcomes, present, settings=settings)

    return run_sequence(RunRequest(raw, out, run_id=run_id), PublishWithSettings()).manifest


def test_buckets_double_as_the_corpus_grows_and_every_row_moves_with_its_paper(tmp_path):
    raw = make_corpus(tmp_path / "raw", 30)
    out = tmp_path / "out"
    settings = StorageSettings(buckets=4, max_papers_per_bucket=4)
    first = run_with_settings(raw, out, settings, "r1")
    assert first["buckets"] == 8  # 30 papers: 4 -> 8 buckets of at most 4 on average
    for i in range(30, 40):
        (raw / f"paper{i:03d}.txt").write_text(small_paper(i), encoding="utf-8")
    second = run_with_settings(raw, out, settings, "r2")
    assert second["buckets"] == 16
    assert set(second["publish"]["rewritten"]["paragraphs"]) == buckets_of(
        [f"paper{i:03d}" for i in range(40)], 16)  # every bucket rewritten once, by its papers
    assert validate_output(out).problems == []  # validate checks each row is in its doc_id's bucket
    paragraphs = read_all(out)["paragraphs"]
    assert sorted(paragraphs["doc_id"].unique()) == [f"paper{i:03d}" for i in range(40)]
    assert len(paragraphs) == 80
    (raw / "paper005.txt").write_text(small_paper(5, edition=2), encoding="utf-8")
    third = run_with_settings(raw, out, settings, "r3")
    assert third["buckets"] == 16 and third["publish"]["rewritten"]["paragraphs"] == [
        bucket_part(bucket_of("paper005", 16))]


def test_a_paper_gone_from_raw_leaves_only_its_buckets(corpus):
    raw, out = corpus
    gone = "paper011"
    (raw / f"{gone}.txt").unlink()
    manifest, _ = run_papers(RunRequest(raw, out))
    rewritten = manifest["publish"]["rewritten"]
    rewritten.pop("runs")
    assert set(rewritten) <= set(manifest["datasets"]) and all(
        files == [bucket_part(bucket_of(gone, 64))] for files in rewritten.values() if files)
    assert gone not in set(read_all(out)["documents"]["doc_id"])
    assert validate_output(out).problems == []


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_files_and_directories_follow_the_umask(sample_raw, tmp_path, umask):
    old = os.umask(umask)
    try:
        run_papers(RunRequest(sample_raw, tmp_path / "out"))
    finally:
        os.umask(old)
    modes = {}
    for root, dirs, files in os.walk(tmp_path / ".out.papers"):  # the versions the output links to, the lock
        for name in dirs + files:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                modes.setdefault("dir" if os.path.isdir(path) else "file", set()).add(os.stat(path).st_mode & 0o777)
    assert modes == {"dir": {0o777 & ~umask}, "file": {0o666 & ~umask}}


def readme_blocks(language: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## What you get", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{language}\n(.*?)```", section, flags=re.S)


def test_readme_one_liners_load_every_dataset_with_pandas_polars_and_duckdb(sample_raw, tmp_path, monkeypatch):
    """The README's own code, run as printed, against a published output (an empty dataset included)."""
    run_papers(RunRequest(sample_raw, tmp_path / "output", only=[SAMPLE_000]))  # one paper: mentions is empty
    monkeypatch.chdir(tmp_path)
    python_blocks, sql_blocks = readme_blocks("python"), readme_blocks("sql")
    assert len(python_blocks) == 2 and len(sql_blocks) == 1
    expected = read_all(tmp_path / "output")
    pandas_ns, polars_ns = {}, {}
    exec(python_blocks[0], pandas_ns)
    exec(python_blocks[1], polars_ns)
    pd.testing.assert_frame_equal(
        pandas_ns["paragraphs"].sort_values("paragraph_no").reset_index(drop=True).convert_dtypes(),
        expected["paragraphs"].convert_dtypes(), check_dtype=False)
    assert pandas_ns["refs"]["ref_no"].sort_values().tolist() == list(range(1, 10))
    assert polars_ns["paragraphs"].sort("paragraph_no")["text"].to_list() == expected["paragraphs"]["text"].tolist()
    assert sorted(polars_ns["refs"]["ref_no"].to_list()) == list(range(1, 10))
    mentions = polars_ns["pl"].read_parquet("output/mentions/*.parquet")  # the README's pattern, empty dataset
    assert mentions.columns == list(expected["mentions"].columns) and mentions.height == 0
    assert len(pandas_ns["pd"].read_parquet("output/mentions").columns) == len(expected["mentions"].columns)
    import duckdb

    rows = duckdb.sql(sql_blocks[0]).fetchall()
    assert rows == [] or all(len(r) == 3 for r in rows)
    counts = {name: duckdb.sql(f"SELECT count(*) FROM 'output/{name}/*.parquet'").fetchall()[0][0]
              for name in expected}
    assert counts == {name: len(frame) for name, frame in expected.items()}
    columns = [c[0] for c in duckdb.sql("DESCRIBE SELECT * FROM 'output/mentions/*.parquet'").fetchall()]
    assert columns == list(expected["mentions"].columns)


def test_leftovers_of_killed_runs_are_removed_by_the_next_run(sample_raw, tmp_path):
    out = tmp_path / "out"
    run_papers(RunRequest(sample_raw, out))
    first = read_snapshot(out).version
    state = tmp_path / ".out.papers"
    (state / "staging" / "dead-run" / SAMPLE_000).mkdir(parents=True)
    (state / "staging" / "dead-run" / SAMPLE_000 / "paragraphs.arrow").write_bytes(b"x" * 1000)
    (state / "versions" / "half-built" / "paragraphs").mkdir(parents=True)
    os.symlink(".out.papers/versions/half-built", tmp_path / ".tmp-out.1234")  # a switch killed before its rename
    (state / ".tmp-lock.5678").write_bytes(b"")
    (tmp_path / ".tmp-outer.1234").write_bytes(b"another output's")
    run_papers(RunRequest(sample_raw, out))
    assert not (state / "staging").exists() and not list(state.glob(".tmp-*"))
    assert [p.name for p in tmp_path.glob(".tmp-*")] == [".tmp-outer.1234"]
    assert sorted(p.name for p in (state / "versions").iterdir()) == sorted([first, read_snapshot(out).version])
    assert validate_output(out).problems == []


def test_versions_kept_are_the_current_and_the_one_before(sample_raw, tmp_path):
    out = tmp_path / "out"
    versions = [run_papers(RunRequest(sample_raw, out))[0]["version"] for _ in range(4)]
    assert sorted(p.name for p in (tmp_path / ".out.papers" / "versions").iterdir()) == sorted(versions[-2:])
    manifest = json.loads((out / "_manifest.json").read_text())
    assert manifest["version"] == versions[-1] and manifest["previous_version"] == versions[-2]
