"""kill -9 at any moment of a real `papers run`, and runs at the same time on one output/.

After each kill output/ is the previous complete run or the new one, whole, and validates; the next
run removes what the killed one left. Kill points are drawn (seeded) from the points a traced run
reached (storage/crashpoints.py), plus kills sent from outside at random moments. The runs talk to
one Prefect server started for this module, so each costs seconds, not an embedded server's start.
"""

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest

from conftest import ROOT, SAMPLE_000, copy_output
from extract.run.sequence import RunRequest, run_papers
from extract.storage import OutputError, output_lock, read_all, validate_output

SELF_KILLS = 16
OUTSIDE_KILLS = 6
SEED = 1414


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def prefect_api(tmp_path_factory):
    home = tmp_path_factory.mktemp("prefect_server")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_UI_ENABLED="false",
               PREFECT_SERVER_LOGGING_LEVEL="CRITICAL")
    server = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 180
    while True:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            server.kill()
            pytest.fail("the Prefect server did not start within 180 s")
        time.sleep(0.5)
    yield {"PREFECT_API_URL": url, "PREFECT_HOME": str(home / "client")}
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def papers_run(raw, out, api, *args, extra_env=None, wait=True, stderr=subprocess.PIPE):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PAPERS_"))}
    env.update(api, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]), **(extra_env or {}))
    command = [sys.executable, "-m", "flows.cli", "run", "--raw", str(raw), "--out", str(out), *args]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=stderr, text=True)
    if not wait:
        return process
    stdout, stderr = process.communicate(timeout=600)
    return process.returncode, stdout, stderr


def paper(i, edition=1):
    return f"一、引言\n第{i}篇论文，第{edition}版，城市合作的正文。\n二、结论\n结论{i}。\n"


def visible(out):
    """What a reader sees: every dataset but runs, and how many runs rows."""
    frames = read_all(out)
    return {name: frame for name, frame in frames.items() if name != "runs"}, len(frames["runs"])


def same(a, b):
    (frames_a, runs_a), (frames_b, runs_b) = a, b
    if runs_a != runs_b:
        return False
    try:
        for name in frames_a:
            pd.testing.assert_frame_equal(frames_a[name], frames_b[name])
    except AssertionError:
        return False
    return True


@pytest.fixture(scope="module")
def before_and_after(tmp_path_factory, prefect_api):
    """A complete run (the state a kill must fall back to), and the change the killed runs make."""
    from conftest import RAW

    base = tmp_path_factory.mktemp("crash")
    raw = base / "raw"
    raw.mkdir()
    shutil.copy(RAW / f"{SAMPLE_000}.txt", raw / f"{SAMPLE_000}.txt")  # every dataset has rows
    for i in range(8):
        (raw / f"p{i}.txt").write_text(paper(i), encoding="utf-8")
    run_papers(RunRequest(raw, base / "previous"))
    run_papers(RunRequest(raw, base / "previous"))  # two versions: the next publish removes the older one
    previous = visible(base / "previous")
    for i in (1, 4):  # changed papers, one added, one removed
        (raw / f"p{i}.txt").write_text(paper(i, edition=2), encoding="utf-8")
    (raw / "p8.txt").write_text(paper(8), encoding="utf-8")
    (raw / "p6.txt").unlink()
    out = base / "traced"
    copy_output(base / "previous", out)
    trace = base / "trace.txt"
    code, stdout, stderr = papers_run(raw, out, prefect_api, extra_env={"PAPERS_CRASH_TRACE": str(trace)})
    assert code == 0, stdout + stderr
    points = trace.read_text().split()
    return base, raw, previous, visible(out), points


def kill_points(points):
    """Every named point with its occurrence number, e.g. ('publish.part_written', 7)."""
    seen = {}
    numbered = []
    for name in points:
        seen[name] = seen.get(name, 0) + 1
        numbered.append((name, seen[name]))
    return numbered


@pytest.mark.slow
def test_the_traced_run_passes_every_kind_of_point(before_and_after):
    *_, points = before_and_after
    assert {"stage.before_rename", "publish.part_written", "publish.part_linked", "publish.manifest_written",
            "publish.synced", "publish.before_switch", "publish.switched", "publish.gc"} <= set(points)
    assert points.index("publish.before_switch") < points.index("publish.switched") < points.index("publish.gc")


def check_after_kill(out, previous, changed, must_be=None):
    problems = validate_output(out).problems
    assert problems == [], problems
    now = visible(out)
    is_previous, is_changed = same(now, previous), same(now, changed)
    assert is_previous or is_changed, "output/ is neither the previous run nor the new one"
    if must_be == "previous":
        assert is_previous
    elif must_be == "changed":
        assert is_changed
    with output_lock(out):  # what the next run does first: remove what the killed one left (whole staged
        pass                # papers stay, for it to take over)
    state = out.parent / f".{out.name}.papers"
    assert out.is_symlink()
    assert not [p for p in state.rglob(".tmp-*")] and not list(out.parent.glob(f".tmp-{out.name}.*"))
    assert all((paper / "_paper.json").is_file() for run in state.glob("staging/*") for paper in run.iterdir())
    assert len(list((state / "versions").iterdir())) <= 2
    assert validate_output(out).problems == [] and same(visible(out), now)


def self_kill(case, base, raw, api):
    index, (name, nth) = case
    out = base / f"self-{index}"
    copy_output(base / "previous", out)
    code, stdout, stderr = papers_run(raw, out, api, extra_env={"PAPERS_CRASH_AT": f"{name}:{nth}"})
    return out, code, stdout + stderr


@pytest.mark.slow
def test_kill_9_at_named_points_leaves_the_previous_run_or_the_new_one(before_and_after, prefect_api):
    base, raw, previous, changed, points = before_and_after
    numbered = kill_points(points)
    rng = random.Random(SEED)
    chosen = sorted(rng.sample(range(len(numbered)), min(SELF_KILLS, len(numbered))))
    # the moments around the switch are always among them
    for must in (("publish.before_switch", 1), ("publish.switched", 1), ("publish.synced", 1)):
        if numbered.index(must) not in chosen:
            chosen[rng.randrange(len(chosen))] = numbered.index(must)
    cases = [(i, numbered[i]) for i in sorted(set(chosen))]
    switch = numbered.index(("publish.switched", 1))
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda case: self_kill(case, base, raw, prefect_api), cases))
    for (index, point), (out, code, output) in zip(cases, results):
        assert code == -signal.SIGKILL, (point, code, output)
        check_after_kill(out, previous, changed, must_be="changed" if index >= switch else "previous")


def outside_kill(index, base, raw, api, delay):
    """Kill from outside once the run has reached a random point, at a random moment after it."""
    out = base / f"outside-{index}"
    copy_output(base / "previous", out)
    trace = base / f"outside-{index}.trace"
    process = papers_run(raw, out, api, extra_env={"PAPERS_CRASH_TRACE": str(trace),
                                                   "PAPERS_PAUSE_AT": "*:0.005"}, wait=False)
    reached, after = delay
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline:
        if trace.exists() and len(trace.read_text().split()) >= reached:
            time.sleep(after)
            break
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    return out


@pytest.mark.slow
def test_kill_9_from_outside_at_random_moments(before_and_after, prefect_api):
    base, raw, previous, changed, points = before_and_after
    rng = random.Random(SEED + 1)
    delays = [(rng.randrange(1, len(points)), rng.uniform(0, 0.01)) for _ in range(OUTSIDE_KILLS)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        outs = list(pool.map(lambda item: outside_kill(item[0], base, raw, prefect_api, item[1]),
                             enumerate(delays)))
    for out in outs:
        check_after_kill(out, previous, changed)


@pytest.mark.slow
def test_two_runs_at_once_on_one_output_both_land(tmp_path, prefect_api, sample_raw):
    out = tmp_path / "out"
    for i in range(2):
        (sample_raw / f"p{i}.txt").write_text(paper(i), encoding="utf-8")
    run_papers(RunRequest(sample_raw, out))
    for i in range(2):
        (sample_raw / f"p{i}.txt").write_text(paper(i, edition=2), encoding="utf-8")
    trace, release = tmp_path / "first.trace", tmp_path / "release"
    # the first run holds on just before its switch until the second is seen waiting for the lock
    first = papers_run(sample_raw, out, prefect_api, "--only", "p0", wait=False,
                       extra_env={"PAPERS_HOLD_AT": f"publish.before_switch:{release}",
                                  "PAPERS_CRASH_TRACE": str(trace)})
    deadline = time.monotonic() + 300
    while not (trace.exists() and "publish.synced" in trace.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    with open(tmp_path / "second.err", "w") as second_err:
        second = papers_run(sample_raw, out, prefect_api, "--only", "p1", wait=False, stderr=second_err)
        while "waiting for" not in (tmp_path / "second.err").read_text() and time.monotonic() < deadline:
            time.sleep(0.05)
        release.touch()
        first_out, second_out = first.communicate(timeout=600), second.communicate(timeout=600)
    second_stderr = (tmp_path / "second.err").read_text()
    assert first.returncode == 0 and second.returncode == 0, (first_out, second_out, second_stderr)
    lines = second_stderr.splitlines()  # one warning line (Prefect's log format once the flow runs)
    assert len(lines) == 1 and "waiting for run by pid " in lines[0] and f"to finish with {out}" in lines[0]
    paragraphs = read_all(out)["paragraphs"]
    texts = paragraphs[paragraphs["paragraph_no"] == 1].set_index("doc_id")["text"]
    assert texts["p0"] == texts["p1"].replace("第1篇", "第0篇") and "第2版" in texts["p0"]
    assert read_all(out)["runs"]["run_id"].nunique() == 3
    assert validate_output(out).problems == []


def test_a_second_holder_is_refused_with_one_line_when_it_must_not_wait(tmp_path):
    out = tmp_path / "out"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from extract.storage import output_lock\n"
        f"with output_lock({str(out)!r}):\n    print('held', flush=True); time.sleep(60)")],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(OutputError) as info, output_lock(out, wait=False):
            pass
        assert str(info.value).startswith(f"{out} is in use by run by pid {holder.pid} on ")
        assert str(info.value).endswith("; try again when it has finished") and "\n" not in str(info.value)
    finally:
        holder.kill()
        holder.wait()
    with output_lock(out, wait=False):  # the kernel let go of the dead holder's lock
        pass
