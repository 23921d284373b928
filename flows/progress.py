"""What `papers run` shows while papers are processed: a progress bar on a terminal, plain lines elsewhere.

`display(mode, plan)` makes the run's display from the flow's `progress` parameter:

    lines     a line per paper as its processing ends, `[3/40] doc: staged (0.21s)` (not a terminal: logs, CI)
    bar       a progress bar (rich) with the count, failures, elapsed time and ETA; failed papers' lines above it
    quiet     nothing while the run goes (the summary says what failed)
    verbose   the lines with timing detail (start, rows, flags, elapsed, ETA) and each step's time;
              `bar+verbose` prints them above the bar

Each display is a `Progress` (run_batch and FlowSteps.paper_done report to it from several threads;
it shows each paper once). The ETA counts the papers a worker processes: cached and refused papers
are settled first, in no time, and would make it look shorter.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime

from extract.run import sequence as lib

MODES = ("lines", "bar", "quiet", "verbose", "bar+verbose")
_SHOWN: dict[str, lib.Progress] = {}  # each run's display by run_id, for the batches run in this process


def display_of(run_id: str) -> lib.Progress | None:
    """The display of a run of this process (None on a Dask worker): a batch task finds it by run_id, as
    the display itself cannot travel (it holds a lock, and Dask pickles a task's arguments)."""
    return _SHOWN.get(run_id)


class Clock:
    """Elapsed time and the ETA of the papers left, from the pace of those a worker processed."""

    def __init__(self, total: int):
        self.total, self.started = total, time.monotonic()
        self.settled_at, self.settled, self.processed = self.started, 0, 0

    def tick(self, outcome: lib.PaperOutcome, work_done: bool) -> None:
        if work_done:
            self.processed += 1
        else:  # cached or refused: settled before the workers start
            self.settled += 1
            self.settled_at = time.monotonic()

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def eta(self) -> float | None:
        left = self.total - self.settled - self.processed
        if left == 0:
            return 0.0
        if not self.processed:
            return None
        return (time.monotonic() - self.settled_at) / self.processed * left


def clock_text(seconds: float | None) -> str:
    if seconds is None:
        return "-:--"
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def detail(outcome: lib.PaperOutcome, clock: Clock) -> str:
    """The verbose part of a paper's line: when it started, what it gave, the run's elapsed time and ETA."""
    parts = []
    if outcome.started_at:
        parts.append(f"started {datetime.fromisoformat(str(outcome.started_at)):%H:%M:%S}")
    if outcome.counts:
        parts.append(", ".join(f"{outcome.counts.get(name, 0)} {name}" for name in ("paragraphs", "tables",
                                                                                    "references")))
    if outcome.flags:
        parts.append(f"{outcome.flags.get('warning', 0)} warning(s)")
    parts.append(f"elapsed {clock_text(clock.elapsed())}, ETA {clock_text(clock.eta())}")
    return "; ".join(parts)


class LineDisplay(lib.Progress):
    """A line per paper (verbose: with detail), or none at all (quiet)."""

    def __init__(self, plan: lib.RunPlan, verbose: bool = False, quiet: bool = False):
        super().__init__(len(plan.jobs))
        self.verbose, self.quiet, self.clock = verbose, quiet, Clock(self.total)
        self.pending = {job.doc_id for job in plan.pending}  # those a worker processes

    def report(self, outcome: lib.PaperOutcome) -> None:
        with self._lock:
            if outcome.doc_id in self._seen:
                return
            self._seen.add(outcome.doc_id)
            self.done += 1
            self.clock.tick(outcome, work_done=outcome.doc_id in self.pending)
            line = lib.progress_line(outcome, self.done, self.total)
            if self.verbose:
                line += f"  [{detail(outcome, self.clock)}]"
            self.show(line, outcome)

    def show(self, line: str, outcome: lib.PaperOutcome) -> None:
        if not self.quiet:
            print(line, flush=True)

    def note(self, text: str) -> None:
        """A line of timing detail (verbose only)."""
        if self.verbose:
            print(text, flush=True)

    def close(self) -> None:
        """The display's end, before the summary (idempotent)."""


class BarDisplay(LineDisplay):
    """A rich progress bar on the terminal; failed papers' lines (verbose: every line) printed above it."""

    def __init__(self, plan: lib.RunPlan, verbose: bool = False):
        super().__init__(plan, verbose)
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(TextColumn("papers"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(),
                            TextColumn("ETA {task.fields[eta]}"),
                            console=Console(file=sys.stdout), transient=False, refresh_per_second=4)
        self.task = self.bar.add_task("papers", total=self.total, failed=0, eta=clock_text(None))
        self.failed, self.closed = 0, False
        self.bar.start()

    def show(self, line: str, outcome: lib.PaperOutcome) -> None:
        self.failed += outcome.status == "failed"
        self.bar.update(self.task, completed=self.done, failed=self.failed, eta=clock_text(self.clock.eta()))
        if self.verbose or outcome.status == "failed":
            self.bar.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def note(self, text: str) -> None:
        if self.verbose:
            self.bar.console.print(text, markup=False, highlight=False, soft_wrap=True)

    def close(self) -> None:
        with self._lock:
            if not self.closed:
                self.closed = True
                self.bar.stop()


def display(mode: bool | str | None, plan: lib.RunPlan) -> LineDisplay | None:
    """The display a flow's `progress` parameter asks for (True: lines; False or None: none)."""
    if not mode:
        return None
    if mode is True:
        mode = "lines"
    if mode not in MODES:
        raise ValueError(f"progress must be one of {', '.join(MODES)}, not {mode!r}")
    verbose = mode.endswith("verbose")
    if mode.startswith("bar"):
        return BarDisplay(plan, verbose)
    return LineDisplay(plan, verbose=verbose, quiet=mode == "quiet")


class ShownSteps(lib.RunSteps):
    """Run steps that keep the terminal told: the display made from the plan, each paper reported once, and
    (verbose) each step's time. It wraps the steps of the class after it in the method order (the flow's
    tasks, flows/papers.py; the library's own steps otherwise)."""

    pool_size: int | None = None  # the workers a paper runs on, when the steps say

    def __init__(self, progress: bool | str):
        self.progress, self.board, self.run_id = progress, None, None

    def note(self, text: str, started: float) -> None:
        if self.board:
            self.board.note(f"{text} ({time.perf_counter() - started:.2f}s)")

    def plan(self, request: lib.RunRequest) -> lib.RunPlan:
        started = time.perf_counter()
        plan = super().plan(request)
        self.board, self.run_id = display(self.progress, plan), request.run_id
        if self.board:
            _SHOWN[request.run_id] = self.board
        self.note(f"plan: {len(plan.jobs)} paper(s), {len(plan.pending)} to process, "
                  f"{sum(j.cached for j in plan.jobs)} cached", started)
        return plan

    def process(self, request, batches, meta, staging):
        started, work = time.perf_counter(), 0.0
        for outcomes in super().process(request, batches, meta, staging):
            work += sum(o.duration_s for o in outcomes)
            yield outcomes
        self.note(f"papers: {sum(map(len, batches))} processed in {len(batches)} batch(es), {work:.2f}s of paper "
                  f"work on {self.pool_size or request.workers} worker(s)", started)

    def check(self, outcomes: list[lib.PaperOutcome]) -> list[lib.PaperOutcome]:
        started, outcomes = time.perf_counter(), super().check(outcomes)
        self.note(f"check: {sum(o.status == 'ok' for o in outcomes)} paper(s) ok", started)
        return outcomes

    def publish(self, request: lib.RunRequest, outcomes: list[lib.PaperOutcome], present: set[str]) -> dict:
        started, manifest = time.perf_counter(), super().publish(request, outcomes, present)
        self.note(f"publish: {request.out_dir}", started)
        self.close()
        return manifest

    def paper_done(self, outcome: lib.PaperOutcome) -> None:
        if self.board:
            self.board.report(outcome)
        super().paper_done(outcome)

    def close(self) -> None:
        _SHOWN.pop(self.run_id, None)
        if self.board:
            self.board.close()
