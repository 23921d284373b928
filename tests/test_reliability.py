"""Reliability, round two (issue 25): the bytes hashed are the bytes processed, a manifest row is part of a
paper's cache key, a full disk or an unwritable output is one line with the right exit code, a worker's
death says why, a stopped run resumes. Runs go through the library (no Prefect) on the two sample papers,
except where the command line's exit code is the point."""

import hashlib
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE_000, SAMPLE_002
from extract.errors import RunError, WriteError
from extract.run.sequence import PaperJob, RunRequest, RunSteps, check_request, run_paper, run_sequence
from extract.run.workers import PaperLimits, PaperPool
from extract.schema.datasets import DATASETS, SCHEMA_VERSION
from extract.storage import OutputError, read_all, read_snapshot, validate_output


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def statuses(result) -> dict[str, str]:
    return {o.doc_id: o.status for o in result.outcomes}


# 7. the bytes hashed are the bytes processed


def test_runs_carry_the_hash_of_the_bytes_processed_when_the_file_changes_after_planning(sample_raw, tmp_path):
    out, path = tmp_path / "out", sample_raw / f"{SAMPLE_002}.txt"
    planned = path.read_bytes()

    class ChangedAfterPlanning(RunSteps):
        def plan(self, request):
            plan = super().plan(request)
            path.write_bytes(planned + "\n补记一段。\n".encode())  # between the plan and the worker's read
            return plan

    run_sequence(RunRequest(sample_raw, out, run_id="r1"), ChangedAfterPlanning())
    frames = read_all(out)
    runs = frames["runs"].set_index("doc_id")["source_sha256"].to_dict()
    documents = frames["documents"].set_index("doc_id")["source_sha256"].to_dict()
    assert runs == documents
    assert documents[SAMPLE_002] == sha256(path.read_bytes()) != sha256(planned)
    # the rows are those of the bytes now in raw/: the next run takes them as cached
    assert set(statuses(run_sequence(RunRequest(sample_raw, out, run_id="r2"))).values()) == {"cached"}


# 2. the manifest row is part of a paper's cache key; rows matching no paper are named


def write_manifest(raw: Path, *rows: str) -> None:
    (raw / "manifest.csv").write_text("doc_id,title,journal\n" + "".join(row + "\n" for row in rows), "utf-8")


def test_editing_a_manifest_row_reprocesses_that_paper_alone(sample_raw, tmp_path):
    out = tmp_path / "out"
    write_manifest(sample_raw, f"{SAMPLE_000},,城市研究", f"{SAMPLE_002},,规划评论")
    first = run_sequence(RunRequest(sample_raw, out, run_id="r1"))
    assert set(statuses(first).values()) == {"ok"}
    write_manifest(sample_raw, f"{SAMPLE_000},,城市研究（修订）", f"{SAMPLE_002},,规划评论")
    second = run_sequence(RunRequest(sample_raw, out, run_id="r2"))
    assert statuses(second) == {SAMPLE_000: "ok", SAMPLE_002: "cached"}
    journals = read_all(out)["documents"].set_index("doc_id")["journal"].to_dict()
    assert journals == {SAMPLE_000: "城市研究（修订）", SAMPLE_002: "规划评论"}
    assert set(statuses(run_sequence(RunRequest(sample_raw, out, run_id="r3"))).values()) == {"cached"}
    write_manifest(sample_raw, f"{SAMPLE_000},,城市研究（修订）")  # a row removed is a change too
    fourth = run_sequence(RunRequest(sample_raw, out, run_id="r4"))
    assert statuses(fourth) == {SAMPLE_000: "cached", SAMPLE_002: "ok"}
    journals = read_all(out)["documents"].set_index("doc_id")["journal"].to_dict()
    assert journals[SAMPLE_002] is None
    assert list(read_snapshot(out).manifest["manifest_rows"]) == [SAMPLE_000]


def test_manifest_rows_matching_no_paper_are_a_warning_naming_them_and_an_error_with_strict(sample_raw, tmp_path,
                                                                                             caplog):
    out = tmp_path / "out"
    write_manifest(sample_raw, f"{SAMPLE_000},,城市研究", "A01,,期刊", "b02,,期刊")
    with caplog.at_level(logging.WARNING, logger="extract"):
        result = run_sequence(RunRequest(sample_raw, out, run_id="r1"))
    assert set(statuses(result).values()) == {"ok"}
    assert [r.getMessage() for r in caplog.records] == [
        f"{sample_raw / 'manifest.csv'}: 2 row(s) match no paper in {sample_raw}: A01, b02"]
    with pytest.raises(RunError, match=r"2 row\(s\) match no paper .*: A01, b02 \(--strict\)"):
        check_request(RunRequest(sample_raw, out, strict=True))
    write_manifest(sample_raw, f"{SAMPLE_000},,城市研究", f"{SAMPLE_002},,期刊")
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="extract"):  # --only: rows of the other papers match too
        run_sequence(RunRequest(sample_raw, out, only=[SAMPLE_000], run_id="r2", strict=True))
    assert caplog.records == []


# 3. a full disk, an unwritable output


def test_a_full_disk_while_staging_fails_that_paper_in_one_line(sample_raw, tmp_path, monkeypatch):
    # a real full disk cannot be made in a test (no small tmpfs here): the write raises ENOSPC as it would
    monkeypatch.setenv("PAPERS_FAIL_AT", "write:ENOSPC:papers/staging")
    staging = tmp_path / ".out.papers" / "staging" / "r1"
    outcome = run_paper(PaperJob(SAMPLE_002, str(sample_raw / f"{SAMPLE_002}.txt"), None), {}, staging)
    assert outcome.status == "failed"
    assert outcome.error.startswith(f"no space left on device writing {staging}/.tmp-{SAMPLE_002}."), outcome.error
    assert outcome.source_sha256 == sha256((sample_raw / f"{SAMPLE_002}.txt").read_bytes())
    assert list(staging.iterdir()) == []  # nothing half-staged


def test_a_full_disk_while_publishing_is_one_line_and_publishes_nothing(sample_raw, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run_sequence(RunRequest(sample_raw, out, run_id="r1"))
    monkeypatch.setenv("PAPERS_FAIL_AT", "write:ENOSPC:papers/versions")  # the papers stage; the new version cannot
    with pytest.raises(WriteError) as raised:
        run_sequence(RunRequest(sample_raw, out, force=True, run_id="r2"))
    assert str(raised.value).startswith(f"publishing failed, nothing published: no space left on device writing "
                                        f"{tmp_path}/.out.papers/versions/r2/"), raised.value
    assert "\n" not in str(raised.value)
    assert read_snapshot(out).version == "r1" and sorted(p.name for p in (tmp_path / ".out.papers" / "versions").iterdir()) == ["r1"]
    assert validate_output(out).problems == []
    monkeypatch.delenv("PAPERS_FAIL_AT")
    again = run_sequence(RunRequest(sample_raw, out, force=True, run_id="r3"))  # room again: the staged papers
    assert {o.doc_id: o.resumed for o in again.outcomes} == {SAMPLE_000: False, SAMPLE_002: False}  # --force


def test_an_unwritable_output_directory_is_found_before_the_run_starts(sample_raw, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(RunError, match=rf"output directory {blocker}/out cannot be written: cannot write "
                                       rf"{blocker}/\.tmp-probe\.\w+: Not a directory"):
        check_request(RunRequest(sample_raw, blocker / "out"))
    check_request(RunRequest(sample_raw, tmp_path / "new" / "out"))  # not there yet, its parent writable: fine
    assert not (tmp_path / "new").exists() and not list(tmp_path.glob(".tmp-*"))


# 4. a worker that dies says why


class Exits:
    """A job whose worker process ends without answering (as a native crash or os._exit in a library would)."""

    def __init__(self, status: int):
        self.status = status

    def run(self):
        os._exit(self.status)

    def failed(self, reason, started_at, seconds):
        return reason


class Raises:
    """A job that lets an exception escape: it fails in one line, the worker lives on."""

    def run(self):
        raise OSError(28, "No space left on device")

    def failed(self, reason, started_at, seconds):
        return reason


class RunsOutOfMemory:
    """A job whose memory runs out outside the paper's own try (e.g. staging a huge paper's rows)."""

    def run(self):
        raise MemoryError

    def failed(self, reason, started_at, seconds):
        return reason


def test_a_worker_that_dies_or_raises_says_why_in_one_line(tmp_path):
    sys.path.insert(0, str(Path(__file__).parent))  # the worker unpickles these jobs by module name
    with PaperPool(1, PaperLimits(seconds=60)) as pool:
        assert pool.run(Raises()).startswith("worker error OSError: [Errno 28] No space left on device (at "
                                             "test_reliability.py:")
        assert pool.run(Exits(7)) == "worker process exited with status 7"
        assert pool.run(Exits(0)) == "worker process exited with status 0"
        assert pool.run(RunsOutOfMemory()) == "exceeded 4 GiB of memory"  # the bound it crossed, not "died"
        assert pool.run(Raises()).startswith("worker error OSError")  # a fresh worker took its place


# the command line: exit codes and no traceback


def papers(*args, cwd, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PAPERS_"))}
    environment.update({"PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
                        "PREFECT_HOME": str(ROOT / ".prefect" / "cli-tests"), **env})
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=cwd, env=environment, capture_output=True,
                          text=True, timeout=600)


def test_command_line_full_disk_exits_1_with_one_line_per_paper_and_no_traceback(sample_raw, tmp_path):
    out = tmp_path / "out"
    staging = papers("run", "--raw", str(sample_raw), "--out", str(out), cwd=tmp_path,
                     PAPERS_FAIL_AT="write:ENOSPC:papers/staging")
    output = staging.stdout + staging.stderr
    assert staging.returncode == 1, output
    assert "Traceback" not in output and "worker process" not in output
    assert sum("error: no space left on device writing " in line for line in staging.stdout.splitlines()) == 2
    publishing = papers("run", "--raw", str(sample_raw), "--out", str(out), cwd=tmp_path,
                        PAPERS_FAIL_AT="write:ENOSPC:papers/versions")
    output = publishing.stdout + publishing.stderr
    assert publishing.returncode == 1, output
    assert "Traceback" not in output
    assert publishing.stderr.startswith("papers run: publishing failed, nothing published: no space left on device "
                                        "writing "), output
    assert len(publishing.stderr.splitlines()) == 1, output


def test_command_line_unwritable_output_exits_2_before_prefect_starts(sample_raw, tmp_path):
    (tmp_path / "a-file").write_text("x")
    result = papers("run", "--raw", str(sample_raw), "--out", str(tmp_path / "a-file" / "out"), cwd=tmp_path,
                    PREFECT_API_URL="http://127.0.0.1:9/api")  # a Prefect that is never reached
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"papers run: output directory {tmp_path}/a-file/out cannot be written: "), \
        result.stderr


def test_command_line_read_only_output_exits_2_before_prefect_starts(sample_raw, tmp_path):
    out = tmp_path / "out"
    run_sequence(RunRequest(sample_raw, out, run_id="r1"))
    immutable = subprocess.run(["chattr", "+i", str(out)], capture_output=True).returncode == 0  # root too
    if not immutable:
        out.chmod(0o500)
    try:
        if os.access(out, os.W_OK) and not immutable:
            pytest.skip("cannot make a directory read-only here (root without chattr)")
        result = papers("run", "--raw", str(sample_raw), "--out", str(out), "--force", cwd=tmp_path,
                        PREFECT_API_URL="http://127.0.0.1:9/api")
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(out)])
        out.chmod(0o700)
    assert result.returncode == 2, result.stderr
    assert re.fullmatch(rf"papers run: output directory {re.escape(str(out))} cannot be written: cannot write "
                        rf"{re.escape(str(out))}/\.tmp-probe\.\w+: (Operation not permitted|Permission denied)\n",
                        result.stderr), result.stderr
    assert read_snapshot(out).version == "r1"


# 6. a stopped or killed run resumes


RUN_SCRIPT = """
import json, sys
from extract.run.sequence import RunRequest, run_papers

if __name__ == "__main__":
    _, outcomes = run_papers(RunRequest(sys.argv[1], sys.argv[2], run_id=sys.argv[3]))
    print(json.dumps({o.doc_id: [o.status, o.resumed] for o in outcomes}))
"""


def library_run(tmp_path, raw, out, run_id, **env):
    script = tmp_path / "run_script.py"
    script.write_text(RUN_SCRIPT)
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PAPERS_")}
    environment.update(PYTHONPATH=str(ROOT / "src"), **env)
    return subprocess.run([sys.executable, str(script), str(raw), str(out), run_id], env=environment,
                          capture_output=True, text=True, timeout=600)


def staged_by_dead_runs(out: Path) -> set[str]:
    return {paper.parent.name for paper in out.parent.glob(f".{out.name}.papers/staging/*/*/_paper.json")}


@pytest.mark.parametrize("point", ["stage.before_rename:3", "publish.before_switch"])
def test_a_killed_run_resumes_and_the_next_processes_only_what_was_in_flight(sample_raw, tmp_path, point):
    raw, out = tmp_path / "papers", tmp_path / "out"
    raw.mkdir()
    for i in range(6):
        sample = (SAMPLE_000, SAMPLE_002)[i % 2]
        (raw / f"p{i}.txt").write_bytes((sample_raw / f"{sample}.txt").read_bytes() + f"\n第{i}篇\n".encode())
    killed = library_run(tmp_path, raw, out, "r1", PAPERS_CRASH_AT=point)
    assert killed.returncode == -9, killed.stderr
    staged = staged_by_dead_runs(out)
    if point.startswith("publish"):
        assert staged == {f"p{i}" for i in range(6)}  # killed while publishing: every paper was staged
    else:
        assert 2 <= len(staged) < 6, staged  # killed while staging its third paper (a paper may finish meanwhile)
    (raw / "p0.txt").write_bytes((raw / "p0.txt").read_bytes() + "\n改过。\n".encode())  # changed: done again
    resumed = library_run(tmp_path, raw, out, "r2")
    assert resumed.returncode == 0, resumed.stderr
    outcomes = {doc_id: tuple(v) for doc_id, v in json.loads(resumed.stdout).items()}
    assert {d for d, (status, again) in outcomes.items() if again} == staged - {"p0"}
    assert {status for status, _ in outcomes.values()} == {"ok"}
    assert not (tmp_path / ".out.papers" / "staging").exists() and validate_output(out).problems == []
    frames = read_all(out)
    assert sorted(frames["documents"]["doc_id"]) == [f"p{i}" for i in range(6)]
    runs = frames["runs"].set_index("doc_id")["source_sha256"].to_dict()
    assert runs == {f"p{i}": sha256((raw / f"p{i}.txt").read_bytes()) for i in range(6)}


# 5. `papers validate` exits 0, 1 or 2 only


@pytest.mark.slow
def test_validate_on_a_tampered_output_exits_1_every_time_of_50(sample_raw, tmp_path):
    out = tmp_path / "out"
    run_sequence(RunRequest(sample_raw, out, run_id="r1"))
    part = next((out / "paragraphs").glob("part-*.parquet"))
    stat, data = part.stat(), bytearray(part.read_bytes())
    for k in range(8, 400, 7):  # same size, same mtime: unreadable as Parquet
        data[k] ^= 0x5A
    part.write_bytes(bytes(data))
    os.utime(part, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    results = [papers("validate", "--out", str(out), cwd=tmp_path) for _ in range(50)]
    assert [r.returncode for r in results] == [1] * 50, [r.stderr for r in results if r.returncode != 1]
    [line] = {r.stderr for r in results}  # the same line every time, printable (Arrow's reason quotes bytes)
    assert line.startswith(f"invalid: paragraphs/{part.name}: not readable as Parquet (Couldn't deserialize thrift")
    assert line.endswith(")\n") and line[:-1].isprintable(), line


def test_validate_as_the_program_exits_0_1_or_2_with_its_line(sample_raw, tmp_path):
    assert papers("validate", "--out", str(tmp_path / "none"), cwd=tmp_path).returncode == 2
    out = tmp_path / "out"
    run_sequence(RunRequest(sample_raw, out, run_id="r1"))
    sound = papers("validate", "--out", str(out), cwd=tmp_path)
    assert (sound.returncode, sound.stdout) == (0, f"{out}: {len(DATASETS)} datasets valid (run r1, schema "
                                                   f"{SCHEMA_VERSION})\n")


# 9. a same-size, same-mtime tampered file: seen by --verify-output (and validate), not by a default run


def tamper_in_place(part: Path) -> None:
    stat, data = part.stat(), bytearray(part.read_bytes())
    data[len(data) // 2] ^= 0xFF
    part.write_bytes(bytes(data))
    os.utime(part, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_verify_output_finds_a_same_size_same_mtime_tampered_file_a_default_run_carries(sample_raw, tmp_path):
    out = tmp_path / "out"
    run_sequence(RunRequest(sample_raw, out, run_id="r1"))
    part = sorted((out / "paragraphs").glob("part-*.parquet"))[0]
    tamper_in_place(part)
    with pytest.raises(OutputError, match=rf"changed outside the pipeline: paragraphs/{part.name}: sha256 differs"):
        run_sequence(RunRequest(sample_raw, out, run_id="r2", verify_output=True))
    assert read_snapshot(out).version == "r1"
    # what the README says: a default run checks carried files by size and mtime, so it carries this one
    run_sequence(RunRequest(sample_raw, out, run_id="r3"))
    assert [p for p in validate_output(out).problems if "sha256 differs" in p] == [
        f"paragraphs/{part.name}: sha256 differs from _manifest.json"]


# 8. Prefect's history within a bound: `papers prune`


def test_prune_deletes_the_history_older_than_keep_days_and_keeps_the_rest(sample_raw, tmp_path):
    import sqlite3

    home = tmp_path / "prefect-home"
    for _ in range(2):
        assert papers("run", "--raw", str(sample_raw), "--out", str(tmp_path / "out"), "--force", cwd=tmp_path,
                      PREFECT_HOME=str(home)).returncode == 0
    database = home / "prefect.db"
    with sqlite3.connect(database) as db:
        old, new = [r[0] for r in db.execute("SELECT id FROM flow_run ORDER BY start_time")]
        db.execute("UPDATE flow_run SET end_time = datetime('now', '-3 days') WHERE id = ?", (old,))
        db.execute("UPDATE events SET occurred = datetime('now', '-3 days') WHERE occurred < "
                   "(SELECT start_time FROM flow_run WHERE id = ?)", (new,))
        old_logs = db.execute("SELECT count(*) FROM log WHERE flow_run_id = ?", (old,)).fetchone()[0]
        events = db.execute("SELECT count(*) FROM events").fetchone()[0]
        old_events = db.execute("SELECT count(*) FROM events WHERE occurred < datetime('now', '-1 days')").fetchone()[0]
    assert old_logs > 0 and 0 < old_events < events
    result = papers("prune", "--keep-days", "1", cwd=tmp_path, PREFECT_HOME=str(home))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"pruned Prefect history older than 1 day(s) from {database}: deleted 1 flow "
                                    f"runs, "), result.stdout
    with sqlite3.connect(database) as db:
        assert [r[0] for r in db.execute("SELECT id FROM flow_run")] == [new]
        assert db.execute("SELECT count(*) FROM log WHERE flow_run_id = ?", (old,)).fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM log WHERE flow_run_id = ?", (new,)).fetchone()[0] > 0
        assert db.execute("SELECT count(*) FROM events").fetchone()[0] == events - old_events
    served = papers("prune", cwd=tmp_path, PREFECT_HOME=str(home), PREFECT_API_URL="http://127.0.0.1:9/api")
    assert (served.returncode, served.stderr.split(":")[0]) == (2, "papers prune"), served.stderr
    assert "PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD" in served.stderr


def test_a_run_into_an_unwritable_output_stops_before_it_starts(sample_raw, tmp_path):
    (tmp_path / "a-file").write_text("x")  # what a scheduled run (no command-line check) meets
    with pytest.raises(RunError, match=r"output directory .*/a-file/out cannot be written: cannot write "):
        run_sequence(RunRequest(sample_raw, tmp_path / "a-file" / "out", run_id="r1"))
