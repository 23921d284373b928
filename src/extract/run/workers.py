"""Papers run in worker processes, each under a time and a memory bound.

A paper's work (decode or read the PDF, build its rows, stage them) runs in a
long-lived worker process started from a fork server that has imported the
library once, so handing a paper to a worker costs milliseconds. The worker
caps its own address space (`resource.setrlimit`); the parent enforces the
wall-clock bound, because a parser stuck in a loop (pdfminer on a PDF whose
objects reference each other) cannot be interrupted from inside. A worker that
runs out of time is killed, one that dies is reaped, and either is replaced:
only that paper fails, with a one-line reason.

The pool knows nothing of papers: it is handed a job, any picklable object with
`run()` (done in the worker) and `failed(reason, started_at, seconds)` (the result
when the worker could not finish it); the run layer's `PaperTask` is one. A job's
class is imported in the worker when the job is unpickled; `preload` names the
modules the fork server imports once for every worker.

No Prefect runs inside a worker: workers do plain library work, so they never
start an API server of their own.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import threading
import time
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol, TypeVar

from ..errors import OUT_OF_MEMORY, is_memory_error

GIB = 1 << 30
MIB = 1 << 20


@dataclass(frozen=True)
class PaperLimits:
    """What one paper may use. Defaults fit a 2-core, 24 GB machine running two workers.

    seconds: wall-clock time for one paper (read, rows, staging); a 1,000-page PDF
        takes about 150 s here, a 50 MB text file about 40 s.
    memory_mb: address space of the worker process while it works on a paper
        (the worker itself, with the library imported, takes about 450 MB of it).
    """

    seconds: float = 300.0
    memory_mb: int = 4096

    def __post_init__(self):
        if not self.seconds > 0:
            raise ValueError(f"PaperLimits.seconds must be positive, got {self.seconds}")
        if self.memory_mb < 512:
            raise ValueError(f"PaperLimits.memory_mb must be at least 512 (the worker needs ~450 MB), "
                             f"got {self.memory_mb}")

    @classmethod
    def given(cls, seconds: float | None = None, memory_mb: int | None = None) -> PaperLimits:
        """The defaults, with the bounds that were given (command-line options, flow parameters)."""
        defaults = cls()
        return cls(seconds=defaults.seconds if seconds is None else seconds,
                   memory_mb=defaults.memory_mb if memory_mb is None else memory_mb)

    def time_reason(self) -> str:
        return f"exceeded {self.seconds:g} s"

    def memory_reason(self) -> str:
        size = f"{self.memory_mb / 1024:g} GiB" if self.memory_mb % 1024 == 0 else f"{self.memory_mb} MiB"
        return f"exceeded {size} of memory"


class Result(Protocol):
    """What a job returns: `error` is None or a one-line reason (errors.OUT_OF_MEMORY: ran out of memory)."""

    error: str | None


R = TypeVar("R", bound=Result, covariant=True)


class Job(Protocol[R]):
    """One piece of work for a worker process; picklable (it is sent to the worker)."""

    def run(self) -> R:
        """Done in the worker; never raises for bad input (a failure is a result with an error)."""
        ...

    def failed(self, reason: str, started_at: str, seconds: float) -> R:
        """The result when the worker could not finish the job (over a bound, killed)."""
        ...


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _one_line(exc: BaseException) -> str:
    """An exception a job let escape, as one line naming where it was raised."""
    import traceback

    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    place = f" (at {os.path.basename(where.filename)}:{where.lineno})" if where else ""
    return f"worker error {type(exc).__name__}: {' '.join(str(exc).split())}{place}"[:500]


def death_reason(exitcode: int | None, limits: PaperLimits | None = None) -> str:
    """Why a worker process ended while working on a paper: the signal that killed it, or its exit status.

    Under a memory bound, native code (PDFium's allocator) aborts the process when an allocation fails,
    where Python would raise MemoryError: SIGABRT there is said as the bound, with the signal named."""
    if exitcode is None:
        return "worker process stopped answering"
    if exitcode < 0:
        number = -exitcode
        if number == signal.SIGABRT and limits is not None and limits.memory_mb:
            return f"{limits.memory_reason()} (the worker aborted, SIGABRT: an allocation in native code failed)"
        hint = " (out of memory? the kernel's OOM killer sends SIGKILL)" if number == signal.SIGKILL else ""
        return f"worker process killed by {_signal_name(number)}{hint}"
    return f"worker process exited with status {exitcode}"


def _limit_address_space(limits: PaperLimits) -> None:
    size = limits.memory_mb * MIB
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        size = min(size, hard)
    resource.setrlimit(resource.RLIMIT_AS, (size, hard))


def _exit_with(owner_pid: int) -> None:
    """End this worker when the process that owns the pool is gone (kill -9 included).

    The worker's parent is the fork server, not the owner, and a worker stuck in a
    parser loop never reads its pipe again: a thread watches the owner instead.
    """
    def watch() -> None:
        while True:
            time.sleep(0.5)
            try:
                os.kill(owner_pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # alive, under another user: cannot happen for our own parent
                pass

    threading.Thread(target=watch, name="owner-watch", daemon=True).start()


def _worker_main(conn, limits: PaperLimits, owner_pid: int) -> None:
    """Loop of a worker process: receive a job, run it, send back its result."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    os.environ["PAPERS_RUN_PID"] = str(owner_pid)  # the run a test's crash point kills (storage/crashpoints.py)
    _exit_with(owner_pid)
    _limit_address_space(limits)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        try:
            outcome = message.run()
        except BaseException as exc:  # noqa: BLE001 - a job that raises: one line back, no traceback on the terminal
            reason = OUT_OF_MEMORY if is_memory_error(exc) else _one_line(exc)
            del exc
            conn.send(("raised", limits.memory_reason() if reason == OUT_OF_MEMORY else reason))
            if reason == OUT_OF_MEMORY:
                return
            continue
        if outcome.error == OUT_OF_MEMORY:
            # the memory is free again once the exception has unwound; report, then start afresh
            outcome.error = limits.memory_reason()
            conn.send(("done", outcome))
            return
        conn.send(("done", outcome))


class _Worker:
    def __init__(self, context, limits: PaperLimits):
        self.conn, child = context.Pipe(duplex=True)
        self.process = context.Process(target=_worker_main, args=(child, limits, os.getpid()), daemon=True,
                                       name="papers-worker")
        self.process.start()
        child.close()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def close(self) -> None:
        with suppress(OSError, ValueError):
            self.conn.send(None)
        self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self.conn.close()


class PaperPool:
    """N worker processes; `run(job)` does one job (a paper) in one of them, under the limits.

    Thread-safe: up to `size` threads may call `run` at once, each gets a worker of
    its own. At most `size` papers are being worked on (and held in memory) at once.
    preload: modules the fork server imports once, so that a worker starts with them loaded
    (the run layer names itself: the modules its jobs need).
    """

    def __init__(self, size: int = 1, limits: PaperLimits | None = None, preload: tuple[str, ...] = ()):
        if size < 1:
            raise ValueError(f"a pool needs at least one worker, got {size}")
        self.size = size
        self.limits = limits or PaperLimits()
        self._context = multiprocessing.get_context("forkserver")
        # the fork server imports the library once; every worker is forked from it
        self._context.set_forkserver_preload([__name__, *preload])
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._started = 0
        self._lock = threading.Lock()
        self._slots = threading.Semaphore(size)
        self._closed = False

    def warm(self) -> PaperPool:
        """Start every worker now (the fork server imports the library) rather than at the first paper."""
        with self._lock:
            while self._started < self.size:
                self._idle.append(_Worker(self._context, self.limits))
                self._started += 1
        return self

    def _checkout(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise RuntimeError("the paper pool is closed")
            while self._idle:
                worker = self._idle.pop()
                if worker.process.is_alive():
                    self._busy.add(worker)
                    return worker
                worker.kill()  # died while idle (the OOM killer?): not this paper's fault
                self._started -= 1
            self._started += 1
        worker = _Worker(self._context, self.limits)
        with self._lock:
            self._busy.add(worker)
        return worker

    def _checkin(self, worker: _Worker, reusable: bool) -> None:
        with self._lock:
            self._busy.discard(worker)
            if not reusable:
                self._started -= 1
            elif self._closed:
                worker.close()
            else:
                self._idle.append(worker)

    def run(self, job: Job[R]) -> R:
        """Do one job in a worker; a job over a limit or a dead worker gives `job.failed(reason, ...)`."""
        with self._slots:
            worker = self._checkout()
            started = datetime.now(UTC).isoformat()
            clock = time.perf_counter()
            try:
                worker.conn.send(job)
                if worker.conn.poll(self.limits.seconds):
                    kind, outcome = worker.conn.recv()
                    if kind == "raised":  # the job raised: outcome is the one-line reason
                        reusable = outcome != self.limits.memory_reason()
                        if not reusable:
                            worker.kill()
                        self._checkin(worker, reusable=reusable)
                        return job.failed(outcome, started, time.perf_counter() - clock)
                    if outcome.error == self.limits.memory_reason():
                        worker.kill()  # it exits after a memory failure; a fresh one takes its place
                        self._checkin(worker, reusable=False)
                    else:
                        self._checkin(worker, reusable=True)
                    return outcome
                reason = self.limits.time_reason()
                worker.kill()
            except (EOFError, OSError, BrokenPipeError):
                worker.process.join(5)
                code = worker.process.exitcode
                reason = "stopped: the run was interrupted" if self._closed else death_reason(code, self.limits)
                worker.kill()
            except BaseException:
                worker.kill()  # interrupted (Ctrl-C): the paper's work stops with the run
                self._checkin(worker, reusable=False)
                raise
            self._checkin(worker, reusable=False)
            return job.failed(reason, started, time.perf_counter() - clock)

    def close(self) -> None:
        """Stop the idle workers now; a busy one stops when its paper is done."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.close()

    def terminate(self) -> None:
        """Kill every worker, busy ones too: their papers fail at once (the run is being interrupted)."""
        with self._lock:
            self._closed = True
            workers, self._idle = self._idle + list(self._busy), []
        for worker in workers:
            if worker.process.is_alive():
                worker.process.kill()

    def __enter__(self) -> PaperPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_POOLS: dict[tuple[int, PaperLimits, tuple[str, ...]], PaperPool] = {}
_POOLS_LOCK = threading.Lock()


def shared_pool(size: int, limits: PaperLimits, preload: tuple[str, ...] = ()) -> PaperPool:
    """The pool of this process for these settings, started once and reused by every batch.

    Batch tasks running in threads of one process share it; a Dask worker process
    gets its own.
    """
    key = (size, limits, preload)
    with _POOLS_LOCK:
        pool = _POOLS.get(key)
        if pool is None or pool._closed:
            pool = _POOLS[key] = PaperPool(size, limits, preload)
        return pool


def close_shared_pools() -> None:
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    for pool in pools:
        pool.close()


def terminate_shared_pools() -> None:
    """Kill the workers of every pool of this process (Ctrl-C): threads waiting on them return at once."""
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
    for pool in pools:
        pool.terminate()
