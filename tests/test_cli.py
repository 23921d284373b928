"""`papers` from the command line: summary, exit codes, pipes and Ctrl-C, no traceback or ERROR noise."""

import os
import re
import signal
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLE_000, SAMPLE_002
from tests import hostile

CLI_HOME = ROOT / ".prefect" / "cli-tests"  # one Prefect database for these tests (creating one takes seconds)


def cli_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PAPERS_"))}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
    env["PREFECT_HOME"] = str(CLI_HOME)
    env.update(extra)
    return env


def papers(*args, cwd, **env):
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=cwd, env=cli_env(**env),
                          capture_output=True, text=True, timeout=600)


def start_papers(*args, cwd, **env):
    return subprocess.Popen([sys.executable, "-m", "flows.cli", *args], cwd=cwd, env=cli_env(**env),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def read_until(stream, text: str) -> list[str]:
    lines = []
    for line in stream:
        lines.append(line)
        if text in line:
            return lines
    raise AssertionError(f"{text!r} never printed; got {lines}")


def test_run_with_a_bad_paper_exits_1_and_prints_a_clean_summary(sample_raw, tmp_path):
    (sample_raw / "broken.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<")
    out = tmp_path / "out"
    result = papers("run", "--raw", str(sample_raw), "--out", str(out), "--workers", "2", cwd=tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output and "ERROR" not in output and "database is locked" not in output
    lines = result.stdout.splitlines()
    # each paper's line once its processing ended; the summary after the checks and the write
    assert sorted(line.split("] ")[1].split(" (")[0] for line in lines[:3]) == [
        f"{SAMPLE_000}: staged", f"{SAMPLE_002}: staged", "broken: failed"], output
    assert any(line.startswith(f"{SAMPLE_000}  ok") for line in lines), output
    assert any(line.startswith("broken") and "failed" in line for line in lines), output
    assert any("error: not a readable PDF" in line for line in lines), output
    assert "[3/3]" in result.stdout  # progress
    assert list((out / "paragraphs").glob("part-*.parquet"))

    again = papers("run", "--raw", str(sample_raw), "--out", str(out), "--only", SAMPLE_002, cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"{SAMPLE_002}  cached" in again.stdout

    valid = papers("validate", "--out", str(out), cwd=tmp_path)
    assert valid.returncode == 0, valid.stderr
    shown = papers("show", SAMPLE_000, "--out", str(out), cwd=tmp_path)
    assert "title_zh: 科技创新纽带和中美城市合作对上海发展的启示" in shown.stdout


def test_unknown_only_is_a_usage_error(sample_raw, tmp_path):
    result = papers("run", "--raw", str(sample_raw), "--out", str(tmp_path / "o"), "--only", "nope", cwd=tmp_path)
    assert result.returncode == 2
    assert "--only names no paper" in result.stderr and "Traceback" not in result.stderr


def test_schema_prints_the_data_dictionary(tmp_path):
    result = papers("schema", cwd=tmp_path)
    assert result.returncode == 0
    assert (ROOT / "docs" / "datasets.md").read_text(encoding="utf-8").strip() == result.stdout.strip()


def test_schedule_fire_times_and_bad_cron(tmp_path):
    from datetime import datetime

    from flows.cli import next_fire_times

    assert next_fire_times("30 3 * * *", datetime(2026, 11, 23, 4, 0), 2) == [
        datetime(2026, 11, 24, 3, 30), datetime(2026, 11, 25, 3, 30)]
    result = papers("serve", "--cron", "every night", cwd=tmp_path)
    assert result.returncode == 2 and "invalid cron expression" in result.stderr


def test_add_copies_a_paper_into_raw_and_refuses_to_overwrite(tmp_path):
    from extract.cli import main

    raw = tmp_path / "raw"
    source = tmp_path / "新论文.txt"
    source.write_text("一、引言\n正文。\n", encoding="gb18030")
    assert main(["add", str(source), "--raw", str(raw), "--doc-id", "010_new"]) == 0
    assert (raw / "010_new.txt").read_bytes() == source.read_bytes()
    assert main(["add", str(source), "--raw", str(raw), "--doc-id", "010_new"]) == 2
    (tmp_path / "notes.docx").write_bytes(b"x")
    assert main(["add", str(tmp_path / "notes.docx"), "--raw", str(raw)]) == 2
    assert sorted(p.name for p in raw.iterdir()) == ["010_new.txt"]


def test_version():
    result = papers("--version", cwd=ROOT)
    assert (result.returncode, result.stdout.strip()) == (0, "papers 0.3.0, prefect 3.8.8")


def test_output_into_a_closed_pipe_ends_quietly_with_141(tmp_path):
    """`papers schema | head -1`: the reader leaves early; no BrokenPipeError traceback."""
    process = subprocess.Popen([sys.executable, "-m", "flows.cli", "schema"], cwd=tmp_path, env=cli_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # the reader is gone before anything is written
    assert process.wait(timeout=120) == 141
    assert process.stderr.read() == b""


@pytest.mark.parametrize(("signum", "code", "word"), [(signal.SIGINT, 130, "interrupted"),
                                                     (signal.SIGTERM, 143, "terminated")], ids=["ctrl-c", "sigterm"])
def test_ctrl_c_or_sigterm_stops_the_run_quietly_and_leaves_no_process(sample_raw, tmp_path, signum, code, word):
    """SIGTERM (systemd, docker stop) as Ctrl-C: workers stopped, output/ as it was, one line, 128 + the signal."""
    psutil = pytest.importorskip("psutil")
    hostile.reference_loop_pdf(sample_raw / "zz_loop.pdf")  # hangs until the time bound: the run is busy
    process = start_papers("run", "--raw", str(sample_raw), "--out", str(tmp_path / "out"),
                           "--paper-seconds", "300", cwd=tmp_path)
    read_until(process.stdout, f"{SAMPLE_002}: staged")
    children = psutil.Process(process.pid).children(recursive=True)
    assert children, "the embedded server and the paper worker run as child processes"
    process.send_signal(signum)
    assert process.wait(timeout=60) == code
    stderr = process.stderr.read()
    assert stderr.strip().splitlines() == [f"papers run: {word}"], stderr
    gone, alive = psutil.wait_procs(children, timeout=30)
    assert not alive, f"left running: {[p.cmdline() for p in alive]}"
    assert not (tmp_path / "out" / "_manifest.json").exists()  # nothing published
    # the papers staged before the stop are kept, whole, for the next run to take over (not half-staged ones)
    assert {p.parent.name for p in tmp_path.glob(".out.papers/staging/*/*/_paper.json")} == {SAMPLE_000, SAMPLE_002}
    assert not list(tmp_path.glob(".out.papers/staging/*/.tmp-*"))


def test_kill_9_leaves_no_server_or_worker_behind(sample_raw, tmp_path):
    """Not the embedded server, nor the paper worker busy in a loop that never ends, nor its fork server."""
    psutil = pytest.importorskip("psutil")
    hostile.reference_loop_pdf(sample_raw / "zz_loop.pdf")
    process = start_papers("run", "--raw", str(sample_raw), "--out", str(tmp_path / "out"), cwd=tmp_path)
    read_until(process.stdout, f"{SAMPLE_002}: staged")
    children = psutil.Process(process.pid).children(recursive=True)
    assert sum("uvicorn" in p.cmdline() for p in children) == 1
    assert sum("multiprocessing.forkserver" in " ".join(p.cmdline()) for p in children) == 2  # server, worker
    process.kill()
    process.wait(timeout=30)
    gone, alive = psutil.wait_procs(children, timeout=30)
    assert not alive, f"outlived the command: {[p.cmdline()[:3] for p in alive]}"


def test_quiet_prints_only_the_failed_papers_and_the_totals_verbose_adds_timing(sample_raw, tmp_path):
    (sample_raw / "broken.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<")
    out = tmp_path / "out"
    quiet = papers("run", "--raw", str(sample_raw), "--out", str(out), "--quiet", cwd=tmp_path)
    assert quiet.returncode == 1 and quiet.stderr == "", quiet.stderr
    lines = quiet.stdout.splitlines()
    assert [line.split()[:2] for line in lines[:2]] == [["doc_id", "status"], ["broken", "failed"]], quiet.stdout
    assert lines[2].split() == ["error:", "not", "a", "readable", "PDF:", "truncated", "(unexpected", "end", "of",
                                "file)"]
    assert lines[3].startswith("3 paper(s): 2 ok/cached, 1 failed; ") and len(lines) == 4, quiet.stdout

    verbose = papers("run", "--raw", str(sample_raw), "--out", str(out), "--verbose", "--force", cwd=tmp_path)
    assert verbose.returncode == 1, verbose.stderr
    lines = verbose.stdout.splitlines()
    assert lines[0].startswith("plan: 3 paper(s), 3 to process, 0 cached ("), verbose.stdout
    papers_lines = {line.split("] ")[1].split(":")[0]: line for line in lines[1:4]}
    assert sorted(papers_lines) == [SAMPLE_000, SAMPLE_002, "broken"], verbose.stdout
    assert "; 25 paragraphs, 3 tables, 9 references; 3 warning(s); elapsed " in papers_lines[SAMPLE_000]
    assert all(" ETA " in line and "[started " in line for line in lines[1:4])
    assert lines[4].startswith("papers: 3 processed in 1 batch(es), "), verbose.stdout
    assert lines[5].startswith("check: 2 paper(s) ok (") and lines[6].startswith(f"publish: {out} (")
    assert lines[7].split()[:2] == ["doc_id", "status"] and len(lines) == 13  # the whole summary


def test_on_a_terminal_a_progress_bar_counts_the_papers(sample_raw, tmp_path):
    """Under a pseudo-terminal: rich's bar with `n/3`, the failures and an ETA; the failed paper's line above it."""
    import pty

    (sample_raw / "broken.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<")
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command on the terminal
        os.chdir(tmp_path)
        os.execve(sys.executable, [sys.executable, "-m", "flows.cli", "run", "--raw", str(sample_raw), "--out",
                                   str(tmp_path / "out")], cli_env(COLUMNS="120"))
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:  # the terminal closed: the command ended
            break
        if not data:
            break
        chunks.append(data)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 1
    screen = b"".join(chunks).decode()
    plain = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", screen)
    frames = [frame.strip() for frame in re.split(r"[\r\n]+", plain) if frame.strip().startswith("papers ")]
    counts = [re.search(r" (\d)/3 (\d) failed \S+ ETA (\S+)", frame).groups() for frame in frames]
    assert counts[0] == ("0", "0", "-:--") and counts[-1] == ("3", "1", "0:00"), frames
    assert ": staged" not in plain and "broken: failed" in plain  # no line per staged paper; the failure shown
    assert plain.index("broken: failed") < plain.index("doc_id  ")  # the summary after the bar
