"""The Prefect API a run talks to: the one PREFECT_API_URL names (checked first), or an embedded one.

The embedded server is Prefect's own API app under uvicorn, the same as Prefect's
ephemeral mode, but started by us so that:
- it starts while the command line imports the library and plans the run (the
  client is not blocked on it until the flow starts);
- a loaded machine gets the time it needs (`ApiSettings.start_timeout_s`, not
  Prefect's 20 s), and a server that dies while starting is started once more;
- it dies with the command (PR_SET_PDEATHSIG), so a `kill -9` leaves no orphaned
  server, and its own shutdown chatter goes to a log file, not the terminal;
- worker processes and Dask workers inherit PREFECT_API_URL and share it instead
  of each starting a server of their own.
Every way this can fail ends in PrefectUnavailable, whose message is one line.
Nothing here imports prefect at import time: the server starts before the client library loads
(`task_runner_for` and `flush_prefect`, the flow's other helpers, import it when called).
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import httpx

PR_SET_PDEATHSIG = 1
EXIT_ADDRESS_IN_USE = 3  # uvicorn's exit code when the port was taken meanwhile


class PrefectUnavailable(RuntimeError):
    """Prefect cannot be used for this run; the message says why in one line."""


@dataclass(frozen=True)
class ApiSettings:
    """How long to wait for Prefect before giving up (seconds); PAPERS_PREFECT_* variables override.

    start_timeout_s: for the embedded server to answer its health check; it starts in
        3-6 s on an idle 2-core machine and was seen to need over 20 s under load.
    start_attempts: starts of the embedded server before giving up (a server that
        exits while starting is started again, on a new port).
    check_timeout_s: for the API that PREFECT_API_URL names to answer its health check.
    """

    start_timeout_s: float = 120.0
    start_attempts: int = 2
    check_timeout_s: float = 15.0

    @classmethod
    def from_env(cls) -> ApiSettings:
        def number(name: str, default: float) -> float:
            value = os.environ.get(name)
            try:
                return float(value) if value else default
            except ValueError:
                raise PrefectUnavailable(f"{name} must be a number of seconds, got {value!r}") from None

        return cls(start_timeout_s=number("PAPERS_PREFECT_START_TIMEOUT", cls.start_timeout_s),
                   check_timeout_s=number("PAPERS_PREFECT_CHECK_TIMEOUT", cls.check_timeout_s))


def prefect_home() -> Path:
    return Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()


def check_prefect_home(home: Path) -> None:
    """The embedded server keeps its database in PREFECT_HOME: it must be a writable directory."""
    try:
        home.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=home, prefix=".papers-write-check-"):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise PrefectUnavailable(f"PREFECT_HOME {home} is not writable ({reason}): Prefect keeps its database "
                                 "there; set PREFECT_HOME to a writable directory") from None


def check_api(url: str, timeout: float) -> None:
    """The API at url answers its health check within `timeout` seconds, else PrefectUnavailable."""
    health = url.rstrip("/") + "/health"
    try:
        response = httpx.get(health, timeout=timeout)
    except httpx.TimeoutException:
        raise PrefectUnavailable(f"the Prefect API at {url} (PREFECT_API_URL) did not answer within "
                                 f"{timeout:g} s") from None
    except httpx.HTTPError as exc:
        reason = str(exc) or type(exc).__name__
        raise PrefectUnavailable(f"the Prefect API at {url} (PREFECT_API_URL) is unreachable: {reason}") from None
    if response.status_code != 200:
        raise PrefectUnavailable(f"the Prefect API at {url} (PREFECT_API_URL) answered {response.status_code} "
                                 f"to {health}: is it a Prefect server?")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent() -> None:
    """In the server process, before exec: get SIGTERM when the command that started it dies."""
    with suppress(OSError, AttributeError):  # not Linux: the stop at the end still applies
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class EmbeddedServer:
    """Prefect's API app in a uvicorn subprocess on a free local port, with its database in PREFECT_HOME."""

    def __init__(self, settings: ApiSettings, home: Path):
        self.settings, self.home = settings, home
        self.process: subprocess.Popen | None = None
        self.port = 0
        self.log_path = home / "papers-embedded-server.log"
        self._started_at = 0.0

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self) -> EmbeddedServer:
        """Launch the server (it is not ready yet: see wait_ready)."""
        self.port = _free_port()
        env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1",
               "PREFECT__SERVER_FINAL": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
               "PREFECT_SERVER_LOGGING_LEVEL": "WARNING", "PREFECT_HOME": str(self.home)}
        env.pop("PREFECT_API_URL", None)
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app",
                 "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "error", "--lifespan", "on"],
                env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                start_new_session=True,  # Ctrl-C is the command's to handle; it stops the server itself
                preexec_fn=_die_with_parent)
        self._started_at = time.monotonic()
        return self

    def wait_ready(self) -> str:
        """Block until the server answers its health check; returns its API URL."""
        attempts = 1
        with httpx.Client(timeout=5.0) as client:
            while True:
                assert self.process is not None
                code = self.process.poll()
                if code is not None:
                    if attempts >= self.settings.start_attempts:
                        raise PrefectUnavailable(
                            f"the embedded Prefect server exited with code {code} while starting "
                            f"({attempts} attempts; its log: {self.log_path})")
                    attempts += 1
                    self.start()
                    continue
                waited = time.monotonic() - self._started_at
                if waited > self.settings.start_timeout_s:
                    self.stop()
                    raise PrefectUnavailable(
                        f"the embedded Prefect server did not start within {self.settings.start_timeout_s:g} s "
                        f"(machine too loaded? raise PAPERS_PREFECT_START_TIMEOUT, or set PREFECT_API_URL to a "
                        f"running server; its log: {self.log_path})")
                try:
                    if client.get(f"{self.api_url}/health").status_code == 200:
                        return self.api_url
                except httpx.HTTPError:
                    pass
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


@contextmanager
def prefect_api(settings: ApiSettings | None = None):
    """PREFECT_API_URL for the duration: the given server once it answers, else an embedded one.

    Yields a function that blocks until the API is ready and returns (url, embedded).
    Start-up runs in the background meanwhile, so the caller can do other work first.
    """
    settings = settings or ApiSettings.from_env()
    url = os.environ.get("PREFECT_API_URL")
    if url:
        def ready():
            check_api(url, settings.check_timeout_s)
            return url, False
        yield ready
        return
    home = prefect_home()
    check_prefect_home(home)
    server = EmbeddedServer(settings, home).start()
    os.environ["PREFECT_API_URL"] = server.api_url  # before prefect is imported: its settings read it once
    try:
        yield lambda: (server.wait_ready(), True)
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        server.stop()


def task_runner_for(workers: int, dask: bool = False, dask_address: str | None = None):
    """Threads feeding this process's paper workers, or a Dask cluster (local, or at a scheduler address).

    On Dask each batch runs in a Dask worker, which does its papers in a bounded
    worker process of its own; the workers must reach the staging directory
    (out_dir) and PREFECT_API_URL.
    """
    if not (dask or dask_address):
        from prefect.task_runners import ThreadPoolTaskRunner

        return ThreadPoolTaskRunner(max_workers=workers)
    import dask as dask_lib
    from prefect_dask import DaskTaskRunner

    # a Dask worker starts the paper worker processes, which daemonic processes may not
    dask_lib.config.set({"distributed.worker.daemon": False})
    if dask_address:
        return DaskTaskRunner(address=dask_address)
    return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True,
                                          "dashboard_address": None})


def flush_prefect(timeout: float = 10.0) -> None:
    """Send the logs and events still queued before the API goes away (the embedded one stops with us).

    Bounded: after an interrupt the API may already be unreachable.
    """
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=timeout)
    EventsWorker.drain_all(timeout=timeout)
