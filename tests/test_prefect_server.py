"""Against a real `prefect server start`: what the UI shows of a run is what happened.

The server is started here on a free port with its own PREFECT_HOME; `papers run`
talks to it through PREFECT_API_URL; states, logs and the summary artifact are
read back with Prefect's Python client, and Prefect's own CLI lists the runs.
Skipped, with the reason, when the server does not answer in time.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import time

import httpx
import pytest

from conftest import SAMPLE_000, SAMPLE_002
from extract.storage.write import read_all
from tests.test_cli import cli_env, papers

pytestmark = pytest.mark.slow  # starts a real Prefect server

SERVER_START_TIMEOUT = 180


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory):
    home = tmp_path_factory.mktemp("prefect-server-home")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = cli_env(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_UI_ENABLED="false")
    prefect = os.path.join(os.path.dirname(sys.executable), "prefect")
    with open(home / "server.log", "wb") as log:
        server = subprocess.Popen([prefect, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                                  env=env, stdout=log, stderr=log, start_new_session=True)
    url = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    try:
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.skip(f"prefect server did not answer within {SERVER_START_TIMEOUT} s "
                            f"(exit code {server.poll()}); see {home / 'server.log'}")
            time.sleep(0.5)
        yield {"url": url, "home": home, "env": env}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


READ_BACK = textwrap.dedent("""
    import json, sys, time
    from prefect import get_client
    from prefect.client.schemas.filters import (ArtifactFilter, ArtifactFilterKey, FlowRunFilter,
        FlowRunFilterName, LogFilter, LogFilterFlowRunId)

    name, expected_tasks = sys.argv[1], int(sys.argv[2])
    with get_client(sync_client=True) as client:
        [run] = client.read_flow_runs(flow_run_filter=FlowRunFilter(name=FlowRunFilterName(any_=[name])))
        deadline = time.monotonic() + 60  # task runs are recorded from events, a moment later
        while True:
            tasks = client.read_task_runs(flow_run_filter=FlowRunFilter(id={"any_": [run.id]}))
            if (len(tasks) >= expected_tasks and all(t.state and t.state.is_final() for t in tasks)) \\
                    or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        logs = client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[run.id])))
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["papers-run-summary"])))
    task_names = {t.id: t.name for t in tasks}
    print(json.dumps({
        "flow_run": {"name": run.name, "state": run.state.type.value, "message": run.state.message},
        "tasks": sorted([t.name, t.state.type.value, t.state.message or ""] for t in tasks),
        "logs": [[task_names.get(l.task_run_id, "flow"), l.level, l.message] for l in logs],
        "artifacts": [a.data for a in artifacts if a.flow_run_id == run.id],
    }))
""")


def read_back(server, run_name: str, expected_tasks: int) -> dict:
    env = {**server["env"], "PREFECT_API_URL": server["url"]}
    result = subprocess.run([sys.executable, "-c", READ_BACK, run_name, str(expected_tasks)], env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def served_run(prefect_server, tmp_path_factory):
    """One `papers run` through the server: two good papers and a broken PDF."""
    from conftest import RAW

    base = tmp_path_factory.mktemp("served")
    raw = base / "raw"
    raw.mkdir()
    for name in (SAMPLE_000, SAMPLE_002):
        (raw / f"{name}.txt").write_bytes((RAW / f"{name}.txt").read_bytes())
    (raw / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<<")
    result = papers("run", "--raw", str(raw), "--out", str(base / "out"), "--workers", "2", cwd=base,
                    PREFECT_API_URL=prefect_server["url"], PREFECT_HOME=str(prefect_server["home"]))
    run_id = read_all(base / "out")["runs"]["run_id"].iloc[0]
    return result, run_id, read_back(prefect_server, run_id, expected_tasks=6)


def test_flow_run_is_named_by_run_id_and_failed_like_the_exit_code(served_run):
    result, run_id, seen = served_run
    assert result.returncode == 1, result.stdout + result.stderr
    assert seen["flow_run"] == {"name": run_id, "state": "FAILED", "message": "1 of 3 paper(s) failed: broken"}


def test_each_step_is_a_task_run_and_the_failed_paper_is_one(served_run):
    _, _, seen = served_run
    assert seen["tasks"] == [
        ["check", "COMPLETED", ""],
        ["failed-broken", "FAILED", "broken: not a readable PDF: truncated (unexpected end of file)"],
        ["papers-1-of-2", "COMPLETED", ""],
        ["papers-2-of-2", "COMPLETED", ""],
        ["plan", "COMPLETED", ""],
        ["publish", "COMPLETED", ""],
    ]


def test_logs_reach_the_server_with_the_reason(served_run):
    _, _, seen = served_run
    logs = seen["logs"]
    assert ["failed-broken", 40, "broken: not a readable PDF: truncated (unexpected end of file)"] in logs
    assert ["flow", 40, "1 of 3 paper(s) failed: broken"] in logs
    batches = sorted(message for task, level, message in logs
                     if task.startswith("papers-") and level == 20 and " paper(s): " in message)
    assert [m.split(";")[0] for m in batches] == ["1 paper(s): 1 staged, 0 failed",
                                                 "2 paper(s): 1 staged, 1 failed (broken)"]


def test_summary_artifact_holds_papers_rows_and_flags(served_run):
    _, run_id, seen = served_run
    [markdown] = seen["artifacts"]
    assert markdown.startswith(f"# papers run {run_id}\n\n3 paper(s): 1 failed, 2 ok\n")
    assert "| sections | 20 |" in markdown and "| references | 9 |" in markdown
    assert "| broken | failed |" in markdown
    assert "Quality flags raised by this run's papers: " in markdown


def test_prefects_own_cli_lists_runs_and_deployments(prefect_server, served_run):
    _, run_id, _ = served_run
    prefect = os.path.join(os.path.dirname(sys.executable), "prefect")
    env = {**prefect_server["env"], "PREFECT_API_URL": prefect_server["url"], "COLUMNS": "250"}
    runs = subprocess.run([prefect, "flow-run", "ls"], env=env, capture_output=True, text=True, timeout=300)
    assert runs.returncode == 0, runs.stdout + runs.stderr
    assert run_id in runs.stdout and "FAILED" in runs.stdout
    deployments = subprocess.run([prefect, "deployment", "ls"], env=env, capture_output=True, text=True,
                                 timeout=300)
    assert deployments.returncode == 0, deployments.stdout + deployments.stderr
    assert "Deployments" in deployments.stdout


SCHEDULED_RUNS = textwrap.dedent("""
    import json, sys
    from prefect import get_client
    from prefect.client.schemas.filters import DeploymentFilter, FlowRunFilter

    with get_client(sync_client=True) as client:
        deployment = client.read_deployment_by_name(sys.argv[1])
        runs = client.read_flow_runs(flow_run_filter=FlowRunFilter(state={"type": {"any_": ["SCHEDULED"]}}),
                                     deployment_filter=DeploymentFilter(id={"any_": [deployment.id]}))
    print(json.dumps({"paused": deployment.paused, "scheduled": len(runs)}))
""")


def deployment_state(server, name: str) -> dict:
    env = {**server["env"], "PREFECT_API_URL": server["url"]}
    result = subprocess.run([sys.executable, "-c", SCHEDULED_RUNS, name], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_serve_stopped_pauses_its_deployment_and_a_second_serve_is_refused(prefect_server, sample_raw, tmp_path):
    """SIGTERM or Ctrl-C: the deployment paused, no scheduled run left that nothing would execute, one line,
    143 or 130; a second serve of a deployment being served is refused; one after a stop says what it replaces."""
    from tests.test_cli import read_until, start_papers

    server = {"PREFECT_API_URL": prefect_server["url"], "PREFECT_HOME": str(prefect_server["home"])}
    serve = ("serve", "--cron", "0 3 * * *", "--name", "stop-test", "--raw", str(sample_raw), "--out",
             str(tmp_path / "out"))
    first = start_papers(*serve, cwd=tmp_path, **server)
    read_until(first.stdout, "serving deployment papers/stop-test on cron '0 3 * * *'")
    deadline = time.monotonic() + 120  # the runner polls the deployment, the scheduler schedules its runs
    while deployment_state(prefect_server, "papers/stop-test")["scheduled"] == 0 and time.monotonic() < deadline:
        time.sleep(1)
    scheduled = deployment_state(prefect_server, "papers/stop-test")
    assert not scheduled["paused"] and scheduled["scheduled"] > 0, scheduled

    second = papers(*serve, cwd=tmp_path, **server)
    assert second.returncode == 2, second.stdout + second.stderr
    assert second.stderr.startswith("papers serve: deployment papers/stop-test is already served (cron '0 3 * * *', "
                                    "seen "), second.stderr
    assert len(second.stderr.splitlines()) == 1

    first.send_signal(signal.SIGTERM)
    assert first.wait(timeout=60) == 143
    stderr = first.stderr.read()
    assert stderr == f"papers serve: terminated; deployment papers/stop-test paused, {scheduled['scheduled']} " \
                     "scheduled run(s) removed\n", stderr
    assert deployment_state(prefect_server, "papers/stop-test") == {"paused": True, "scheduled": 0}

    again = start_papers(*serve, cwd=tmp_path, **server)
    assert again.stdout.readline() == "papers serve: replaces deployment papers/stop-test (cron '0 3 * * *', paused)\n"
    read_until(again.stdout, "serving deployment papers/stop-test")
    again.send_signal(signal.SIGINT)
    assert again.wait(timeout=60) == 130
    assert re.fullmatch(r"papers serve: interrupted; deployment papers/stop-test paused, \d+ scheduled run\(s\) "
                        r"removed\n", again.stderr.read())
    assert deployment_state(prefect_server, "papers/stop-test") == {"paused": True, "scheduled": 0}


def test_a_served_deployment_runs_the_flow_here(prefect_server, sample_raw, tmp_path):
    """`prefect deployment run papers/NAME`: the serve's runner executes it and output/ is published."""
    from tests.test_cli import read_until, start_papers

    server = {"PREFECT_API_URL": prefect_server["url"], "PREFECT_HOME": str(prefect_server["home"])}
    out = tmp_path / "out"
    serve = start_papers("serve", "--cron", "0 3 * * *", "--name", "run-test", "--raw", str(sample_raw), "--out",
                         str(out), cwd=tmp_path, **server)
    try:
        read_until(serve.stdout, "serving deployment papers/run-test")
        prefect = os.path.join(os.path.dirname(sys.executable), "prefect")
        env = {**prefect_server["env"], **server}
        started = subprocess.run([prefect, "deployment", "run", "papers/run-test"], env=env, capture_output=True,
                                 text=True, timeout=120)
        assert started.returncode == 0, started.stdout + started.stderr
        deadline = time.monotonic() + 180
        while not (out / "_manifest.json").exists() and time.monotonic() < deadline:
            time.sleep(1)
        assert sorted(read_all(out)["documents"]["doc_id"]) == [SAMPLE_000, SAMPLE_002]
    finally:
        serve.send_signal(signal.SIGINT)
        assert serve.wait(timeout=60) == 130
