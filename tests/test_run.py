"""The run sequence, written once (extract.run.run_sequence): what a flow hooks into, and what a
RunRequest accepts. Runs go through the library (no Prefect) on the two sample papers."""

import ast
import logging
import os
import re
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE_000, SAMPLE_002
from extract.errors import RunError
from extract.run.sequence import RunRequest, RunSteps, run_sequence
from extract.run.workers import PaperLimits
from extract.storage import OutputError, read_all


class Recorder(RunSteps):
    """The default steps, with every hook recorded."""

    def __init__(self):
        self.events: list[tuple[str, str]] = []

    def planned(self, plan):
        self.events.append(("planned", ",".join(job.doc_id for job in plan.jobs)))

    def paper_done(self, outcome):
        self.events.append(("done", f"{outcome.doc_id}:{outcome.status}"))

    def paper_rejected(self, outcome):
        self.events.append(("rejected", f"{outcome.doc_id}:{outcome.error}"))


def test_each_paper_is_told_once_cached_and_refused_ones_first(sample_raw, tmp_path):
    (sample_raw / "away.txt").symlink_to(tmp_path)  # refused: a directory
    out = tmp_path / "out"
    first = Recorder()
    result = run_sequence(RunRequest(sample_raw, out, run_id="r1"), first)
    assert first.events[0] == ("planned", f"{SAMPLE_000},{SAMPLE_002},away")
    assert first.events[1] == ("done", "away:failed")  # settled without a worker, before the batches
    assert sorted(first.events[2:]) == [("done", f"{SAMPLE_000}:ok"), ("done", f"{SAMPLE_002}:ok")]
    assert (result.run_id, result.failed) == ("r1", ["away"])
    assert [o.doc_id for o in result.outcomes] == [SAMPLE_000, SAMPLE_002, "away"]  # in the plan's order
    second = Recorder()
    run_sequence(RunRequest(sample_raw, out, run_id="r2"), second)
    assert second.events[1:] == [("done", f"{SAMPLE_000}:cached"), ("done", f"{SAMPLE_002}:cached"),
                                 ("done", "away:failed")]
    staging = tmp_path / ".out.papers" / "staging"
    assert not staging.exists() or not any(staging.iterdir())


def test_a_paper_the_check_turns_down_is_told_as_rejected_and_keeps_its_earlier_rows(sample_raw, tmp_path):
    out = tmp_path / "out"
    run_sequence(RunRequest(sample_raw, out, run_id="r1"))

    class TurnDown(Recorder):
        def check(self, outcomes):
            outcomes = super().check(outcomes)
            outcomes[0].mark_failed("check failed: made up")
            return outcomes

    steps = TurnDown()
    result = run_sequence(RunRequest(sample_raw, out, force=True, run_id="r2"), steps)
    assert [e for e in steps.events if e[0] == "rejected"] == [("rejected", f"{SAMPLE_000}:check failed: made up")]
    assert result.failed == [SAMPLE_000]
    runs = read_all(out)["runs"]
    assert runs[runs["run_id"] == "r2"].set_index("doc_id")["status"].to_dict() == {SAMPLE_000: "failed",
                                                                                    SAMPLE_002: "ok"}
    assert set(read_all(out)["documents"]["doc_id"]) == {SAMPLE_000, SAMPLE_002}  # its rows of r1 kept


def test_a_step_that_fails_leaves_output_as_it_was_and_its_staged_papers_to_the_next_run(sample_raw, tmp_path):
    out = tmp_path / "out"
    before = run_sequence(RunRequest(sample_raw, out, run_id="r1")).manifest
    (sample_raw / f"{SAMPLE_002}.txt").write_bytes((sample_raw / f"{SAMPLE_002}.txt").read_bytes() + "\n补记。\n".encode())

    class BrokenPublish(RunSteps):
        def publish(self, request, outcomes, present):
            assert request.staging_dir.is_dir()  # the papers were staged there
            raise OSError("disk gone")

    with pytest.raises(OSError, match="disk gone"):
        run_sequence(RunRequest(sample_raw, out, run_id="r2"), BrokenPublish())
    assert sorted(p.name for p in (tmp_path / ".out.papers" / "staging" / "r2").iterdir()) == [SAMPLE_002]  # kept for the next run
    assert read_all(out)["runs"]["run_id"].unique().tolist() == ["r1"]
    assert before["run_id"] == "r1"
    again = Recorder()
    result = run_sequence(RunRequest(sample_raw, out, run_id="r3"), again)
    assert {o.doc_id: (o.status, o.resumed) for o in result.outcomes} == {SAMPLE_000: ("cached", False),
                                                                         SAMPLE_002: ("ok", True)}
    assert not (tmp_path / ".out.papers" / "staging").exists()


def test_a_run_request_is_checked_when_made():
    with pytest.raises(RunError, match="cannot be combined with --only"):
        RunRequest("raw", "out", only=["a"], rebuild=True)
    with pytest.raises(RunError, match="--workers must be at least 1, got 0"):
        RunRequest("raw", "out", workers=0)
    with pytest.raises(RunError, match="--workers must be at least 1, got True"):
        RunRequest("raw", "out", workers=True)
    with pytest.raises(ValueError, match="seconds must be positive"):
        RunRequest("raw", "out", limits=PaperLimits(seconds=0))
    request = RunRequest("raw", "out", only=["a", "b"], run_id="r9")
    assert (request.raw_dir, request.only, request.full_run) == (Path("raw"), ("a", "b"), False)
    assert request.staging_dir == Path.cwd() / ".out.papers" / "staging" / "r9"
    assert request.flow_parameters() == {"raw_dir": "raw", "out_dir": "out", "only": ["a", "b"], "force": False,
                                         "rebuild": False, "run_id": "r9", "workers": 1, "paper_seconds": 300.0,
                                         "paper_memory_mb": 4096, "settings_file": None,
                                         "strict": False, "verify_output": False}
    assert RunRequest().run_id != RunRequest().run_id  # a new id each, when none is given
    with pytest.raises(AttributeError):
        request.workers = 2  # type: ignore[misc]


def test_a_tampered_output_refuses_the_run_before_any_paper(sample_raw, tmp_path):
    out = tmp_path / "out"
    run_sequence(RunRequest(sample_raw, out, run_id="r1"))
    (out / "_manifest.json").resolve().write_text("{}", encoding="utf-8")
    steps = Recorder()
    with pytest.raises(OutputError):
        run_sequence(RunRequest(sample_raw, out, run_id="r2"), steps)
    assert steps.events == []


def imports_of(path: Path) -> set[str]:
    """Every module a file imports (relative imports made absolute), lazy ones inside functions too."""
    package = ".".join(path.relative_to(ROOT / "src").with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            names |= {module} | {f"{module}.{alias.name}" for alias in node.names}
    return names


def test_the_run_layer_imports_point_down():
    """The worker pool does not import the run layer, the schema no reader, the library not the flows."""
    library = sorted((ROOT / "src" / "extract").rglob("*.py"))
    assert [p.name for p in library if any(n.split(".")[0] == "flows" for n in imports_of(p))] == []
    workers = imports_of(ROOT / "src" / "extract" / "run" / "workers.py")
    assert not {n for n in workers if n.startswith(("extract.run.sequence", "extract.paper"))}
    for path in (ROOT / "src" / "extract" / "schema").glob("*.py"):
        assert not {n for n in imports_of(path) if n.startswith(("extract.formats", "extract.pdf", "extract.textfile",
                                                                 "extract.run", "extract.storage"))}
    reader = imports_of(ROOT / "src" / "extract" / "pdf" / "reader.py")
    assert "extract.errors.is_memory_error" in reader and not {n for n in reader if n.startswith("extract.run")}


def test_a_settings_file_reaches_the_workers_and_keys_the_cache(sample_raw, tmp_path):
    """`papers run --settings FILE`: the stages get the file's knobs, the rows carry the settings' fingerprint in
    pipeline_version, and a run under other settings reprocesses instead of taking the rows as cached."""
    settings = tmp_path / "papers.toml"
    settings.write_text("[references]\nlongest_entry = 20\n", encoding="utf-8")  # every entry longer: not read
    out = tmp_path / "out"
    run_sequence(RunRequest(sample_raw, out, run_id="r1", workers=2, settings_file=settings), RunSteps())
    refs = read_all(out)["references"]
    documents = read_all(out)["documents"].set_index("doc_id")
    assert set(refs.loc[refs["doc_id"] == SAMPLE_000, "parse_status"]) == {"failed"}
    version = documents.loc[SAMPLE_000, "pipeline_version"]
    assert version.startswith("0.3.0+settings.") and len(version) == len("0.3.0+settings.") + 12

    again = Recorder()
    run_sequence(RunRequest(sample_raw, out, run_id="r2", settings_file=settings), again)
    assert again.events[1:] == [("done", f"{SAMPLE_000}:cached"), ("done", f"{SAMPLE_002}:cached")]

    defaults = Recorder()
    run_sequence(RunRequest(sample_raw, out, run_id="r3"), defaults)
    assert sorted(defaults.events[1:]) == [("done", f"{SAMPLE_000}:ok"), ("done", f"{SAMPLE_002}:ok")]
    refs = read_all(out)["references"]
    assert set(refs.loc[refs["doc_id"] == SAMPLE_000, "parse_status"]) == {"ok"}
    assert read_all(out)["documents"].set_index("doc_id").loc[SAMPLE_000, "pipeline_version"] == "0.3.0"


@pytest.mark.parametrize("text, message", [
    ("[references]\nlongest_entry = -1\n", "--settings: ReferenceSettings.longest_entry must be at least 1, got -1"),
    ("[tables]\nx = 1\n", "--settings: unknown settings section(s) tables"),
    ("[pdf\n", "is not valid TOML"),
])
def test_a_bad_settings_file_stops_the_run_before_it_starts(tmp_path, text, message):
    settings = tmp_path / "papers.toml"
    settings.write_text(text, encoding="utf-8")
    with pytest.raises(RunError, match=re.escape(message)):
        RunRequest(tmp_path, tmp_path / "out", settings_file=settings)
    with pytest.raises(RunError, match="cannot read settings file"):
        RunRequest(tmp_path, tmp_path / "out", settings_file=tmp_path / "absent.toml")


def test_a_file_name_that_cannot_be_a_doc_id_fails_alone_shown_escaped(sample_raw, tmp_path):
    """Issue 25 item 1: a name not UTF-8 stopped every run (Parquet cannot hold a surrogate)."""
    (sample_raw / "new\nline.txt").write_text("x")
    (sample_raw / ("a" * 129 + ".txt")).write_text("x")
    Path(os.fsdecode(bytes(sample_raw) + b"/\xff.txt")).write_bytes(b"x")
    out = tmp_path / "out"
    steps = Recorder()
    result = run_sequence(RunRequest(sample_raw, out, run_id="r1"), steps)
    failed = {"a" * 129, "new\\nline", "\\xff"}
    assert set(result.failed) == failed
    assert {e for e in steps.events[1:4]} == {("done", f"{d}:failed") for d in failed}
    runs = read_all(out)["runs"].set_index("doc_id")
    assert runs.loc[SAMPLE_000, "status"] == runs.loc[SAMPLE_002, "status"] == "ok"  # the others published
    assert runs.loc["\\xff", "error"] == ("refused: file name '\\xff.txt' is not a valid doc_id: expected "
                                         "1-128 letters, digits, _ . - starting with a letter or digit "
                                         "(byte 0xff is not UTF-8)")
    assert runs.loc["new\\nline", "error"].startswith("refused: file name 'new\\nline.txt' is not a valid doc_id")
    assert runs.loc["a" * 129, "error"].endswith("(129 characters)")
    assert set(read_all(out)["documents"]["doc_id"]) == {SAMPLE_000, SAMPLE_002}
    again = run_sequence(RunRequest(sample_raw, out, run_id="r2"), Recorder())  # and again: not stuck
    assert set(again.failed) == failed


def test_step_log_lines_count_before_and_after_the_check():
    from extract.run.sequence import PaperOutcome, batch_lines, check_lines

    ok = PaperOutcome("a", "ok", "", 1.25)
    bad = PaperOutcome("b", "failed", "", 0.5, error="unreadable PDF: no pages")
    assert batch_lines([ok, bad]) == [
        (logging.WARNING, "[2/2] b: failed (0.50s)  unreadable PDF: no pages"),
        (logging.INFO, "2 paper(s): 1 staged, 1 failed (b); 1.8 s of paper work")]
    rejected = PaperOutcome("c", "ok", "", 0.1)
    staged = 2
    rejected.mark_failed("rows fail the check")
    assert check_lines(staged, [ok, rejected]) == [(logging.INFO, "checked 2 staged paper(s): 1 ok")]
