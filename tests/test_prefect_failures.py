"""When Prefect cannot be used, `papers run` says why in one line and exits 3; a slow start is waited for.

Each case is made real: a directory nobody may write to, a port nothing listens
on, a socket that accepts connections and never answers, a server process made
slow to start (a sitecustomize that sleeps in the server process only).
"""

import os
import shutil
import socket
import subprocess

import pytest

from conftest import SAMPLE_000
from flows.prefect_api import ApiSettings, EmbeddedServer, PrefectUnavailable
from tests.test_cli import ROOT, cli_env, papers

EXIT_PREFECT = 3


def assert_one_line(result, expected_start: str):
    output = result.stdout + result.stderr
    assert result.returncode == EXIT_PREFECT, output
    assert result.stdout == "", output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(expected_start), output
    assert "Traceback" not in output
    return lines[0]


@pytest.fixture
def small_raw(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(ROOT / "raw" / f"{SAMPLE_000}.txt", raw)
    return raw


@pytest.fixture
def read_only_dir(tmp_path):
    """A directory that cannot be written, for root too (immutable attribute), else by mode."""
    path = tmp_path / "prefect-home"
    path.mkdir()
    immutable = subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0
    if not immutable:
        path.chmod(0o500)
    try:
        (path / "probe").touch()
    except OSError:
        yield path
    else:
        pytest.skip("cannot make a directory read-only here (root without chattr)")
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)])
        path.chmod(0o700)


def test_unwritable_prefect_home(small_raw, tmp_path, read_only_dir):
    result = papers("run", "--raw", str(small_raw), "--out", str(tmp_path / "out"), cwd=tmp_path,
                    PREFECT_HOME=str(read_only_dir))
    line = assert_one_line(result, f"papers run: PREFECT_HOME {read_only_dir} is not writable (")
    assert line.endswith("set PREFECT_HOME to a writable directory")
    assert not (tmp_path / "out").exists()


def test_unreachable_api_url(small_raw, tmp_path):
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens on it
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/api"
    result = papers("run", "--raw", str(small_raw), "--out", str(tmp_path / "out"), cwd=tmp_path,
                    PREFECT_API_URL=url)
    line = assert_one_line(result, f"papers run: the Prefect API at {url} (PREFECT_API_URL) is unreachable: ")
    assert "Connection refused" in line


def test_api_that_accepts_connections_but_never_answers(small_raw, tmp_path):
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)  # the kernel completes the handshakes; nobody ever reads or answers
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/api"
        result = papers("run", "--raw", str(small_raw), "--out", str(tmp_path / "out"), cwd=tmp_path,
                        PREFECT_API_URL=url, PAPERS_PREFECT_CHECK_TIMEOUT="2")
    assert_one_line(result, f"papers run: the Prefect API at {url} (PREFECT_API_URL) did not answer within 2 s")


@pytest.fixture
def slow_server_path(tmp_path):
    """PYTHONPATH entry whose sitecustomize delays the embedded server's start by PAPERS_TEST_SERVER_DELAY s."""
    site = tmp_path / "slow-site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        "import os, time\n"
        "if os.environ.get('PREFECT__SERVER_EPHEMERAL') and os.environ.get('PAPERS_TEST_SERVER_DELAY'):\n"
        "    time.sleep(float(os.environ['PAPERS_TEST_SERVER_DELAY']))\n")
    return os.pathsep.join([str(site), str(ROOT / "src"), str(ROOT)])


def test_slow_embedded_server_start_gives_up_after_the_start_timeout(small_raw, tmp_path, slow_server_path):
    result = papers("run", "--raw", str(small_raw), "--out", str(tmp_path / "out"), cwd=tmp_path,
                    PYTHONPATH=slow_server_path, PAPERS_TEST_SERVER_DELAY="30", PAPERS_PREFECT_START_TIMEOUT="2")
    line = assert_one_line(result, "papers run: the embedded Prefect server did not start within 2 s (")
    assert "PAPERS_PREFECT_START_TIMEOUT" in line


def test_slow_embedded_server_start_is_waited_for(small_raw, tmp_path, slow_server_path):
    """Prefect's own ephemeral server gives up after 20 s; ours waits start_timeout_s (120 s by default)."""
    result = papers("run", "--raw", str(small_raw), "--out", str(tmp_path / "out"), cwd=tmp_path,
                    PYTHONPATH=slow_server_path, PAPERS_TEST_SERVER_DELAY="22")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{SAMPLE_000}  ok" in result.stdout
    assert (tmp_path / "out").exists()


def test_embedded_server_that_dies_while_starting_is_started_again(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env_before = dict(os.environ)
    os.environ.update(cli_env(PREFECT_HOME=str(home)))
    try:
        server = EmbeddedServer(ApiSettings(start_timeout_s=120, start_attempts=2), home).start()
        first = server.process
        first.kill()
        first.wait()
        try:
            url = server.wait_ready()
            assert server.process is not first and server.process.poll() is None
            assert url == f"http://127.0.0.1:{server.port}/api"
        finally:
            server.stop()
        server = EmbeddedServer(ApiSettings(start_timeout_s=120, start_attempts=1), home).start()
        server.process.kill()
        server.process.wait()
        with pytest.raises(PrefectUnavailable, match=r"exited with code -9 while starting \(1 attempts"):
            server.wait_ready()
    finally:
        os.environ.clear()
        os.environ.update(env_before)


def test_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("PAPERS_PREFECT_START_TIMEOUT", "45")
    assert ApiSettings.from_env().start_timeout_s == 45
    monkeypatch.setenv("PAPERS_PREFECT_START_TIMEOUT", "soon")
    with pytest.raises(PrefectUnavailable, match="PAPERS_PREFECT_START_TIMEOUT must be a number of seconds"):
        ApiSettings.from_env()
