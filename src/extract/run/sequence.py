"""A run over raw/: which papers, each paper alone, then one checked write. The run sequence, written once.

`run_sequence(request, steps)` is every run: plan (one job per paper; unchanged papers cached,
refused files failed with their reason), process the rest in batches in worker processes (each paper
staged as files under `request.staging_dir`), check the staged papers, publish a new version of out/,
remove the staging; all under out/'s lock. `RunRequest` is what a run is asked to do, checked once
when it is made. `RunSteps` says how each step is carried out and hears of each paper's fate
(`planned`, `paper_done`, `paper_rejected`): its defaults do everything in this process
(`run_papers`, used by tests and the benchmark); the Prefect flow (flows/papers.py) overrides the
steps to make each a task. Papers are processed independently (one bad paper fails alone) and staged
as files, so that workers on other machines can do them; the publish merges the staged papers with
what out/ already holds.
"""

from __future__ import annotations

import contextlib
import heapq
import logging
import os
import secrets
import threading
import time
import traceback
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from .. import __version__
from ..errors import OUT_OF_MEMORY, RunError, WriteError, is_memory_error, write_error
from ..formats import read_paper_bytes
from ..paper import PaperError, process_paper
from ..schema.checks import CheckError
from ..schema.datasets import DATASETS, conform
from ..settings import DEFAULT_PIPELINE_SETTINGS, PipelineSettings, load_settings, pipeline_version
from ..storage import (
    StorageSettings,
    check_staged,
    output_lock,
    publish,
    read_dataset,
    read_snapshot,
    read_staged_record,
    remove_all_staging,
    stage_paper,
    staged_leftovers,
    staging_dir,
    take_staged,
    verify,
)
from ..text import sha256_bytes
from .sources import discover_papers, load_manifest, row_fingerprint, unmatched_rows
from .workers import PaperLimits, PaperPool, shared_pool

log = logging.getLogger(__name__)
WORKER_PRELOAD = (__name__,)  # what a paper's worker needs loaded: this module imports the whole paper pipeline


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


@dataclass(frozen=True)
class RunRequest:
    """What a run is asked to do; its arguments are checked here, once, when it is made (RunError).

    raw_dir, out_dir: the papers and the output directory.
    only: the doc_ids to process; every other paper's rows are kept. Empty: a full run, which
        also drops the rows of papers no longer in raw/.
    force: process papers whose bytes, manifest row and pipeline version are unchanged (else cached).
    rebuild: process every paper again and write a fresh out/ (also one changed by hand); not with only.
    run_id: the run's id (runs.run_id, staging directory); a new one when not given.
    workers: papers processed at once, each in a worker process of its own.
    limits: the bounds on one paper (workers.PaperLimits).
    settings_file: a TOML file of pipeline settings (extract.settings.load_settings), read here once;
        papers processed under settings other than the defaults carry their fingerprint in
        `pipeline_version`, so a run under other settings never takes their rows as cached.
    strict: raw/manifest.csv rows that match no paper stop the run (RunError) instead of a warning.
    verify_output: check every file of out/ against its manifest's sha256 before carrying it into the new
        version (reads every byte; by default only size and mtime, and the files of the buckets rewritten).
    """

    raw_dir: Path = Path("raw")
    out_dir: Path = Path("output")
    only: tuple[str, ...] = ()
    force: bool = False
    rebuild: bool = False
    run_id: str | None = None
    workers: int = 1
    limits: PaperLimits = field(default_factory=PaperLimits)
    settings_file: Path | None = None
    strict: bool = False
    verify_output: bool = False
    settings: PipelineSettings = field(init=False, default=DEFAULT_PIPELINE_SETTINGS)

    def __post_init__(self):
        set_ = object.__setattr__  # frozen: the given values normalized once, here
        set_(self, "raw_dir", Path(self.raw_dir))
        set_(self, "out_dir", Path(self.out_dir))
        set_(self, "only", tuple(self.only or ()))
        set_(self, "run_id", self.run_id or new_run_id())
        if self.rebuild and self.only:
            raise RunError("--rebuild processes every paper: it cannot be combined with --only")
        if isinstance(self.workers, bool) or not isinstance(self.workers, int) or self.workers < 1:
            raise RunError(f"--workers must be at least 1, got {self.workers}")
        if not isinstance(self.limits, PaperLimits):
            raise RunError(f"limits must be a PaperLimits, got {type(self.limits).__name__}")
        if self.settings_file is not None:
            set_(self, "settings_file", Path(self.settings_file))
            try:
                set_(self, "settings", load_settings(self.settings_file))
            except ValueError as exc:
                raise RunError(f"--settings: {exc}") from exc

    @property
    def pipeline_version(self) -> str:
        """The pipeline_version this run's papers are written with (the release, and the settings' fingerprint)."""
        return pipeline_version(self.settings)

    @property
    def full_run(self) -> bool:
        return not self.only

    @property
    def staging_dir(self) -> Path:
        """Where this run's papers are staged between processing and publishing (storage.staging_dir)."""
        return staging_dir(self.out_dir, str(self.run_id))

    def flow_parameters(self) -> dict:
        """The request as the Prefect flow's parameters (JSON values: what a deployment or the UI sets)."""
        return {"raw_dir": str(self.raw_dir), "out_dir": str(self.out_dir), "only": list(self.only) or None,
                "force": self.force, "rebuild": self.rebuild, "run_id": self.run_id, "workers": self.workers,
                "paper_seconds": self.limits.seconds, "paper_memory_mb": self.limits.memory_mb,
                "settings_file": str(self.settings_file) if self.settings_file else None, "strict": self.strict,
                "verify_output": self.verify_output}


@dataclass
class PaperJob:
    doc_id: str
    path: str
    source_sha256: str | None
    cached: bool = False
    refused: str | None = None  # why the file is not read (sources.refusal); the paper fails with it
    manifest_row: str | None = None  # fingerprint of its raw/manifest.csv row (sources.row_fingerprint)
    resumed: str | None = None  # its staged directory, taken over from a stopped run (same inputs)


@dataclass
class PaperOutcome:
    doc_id: str
    status: str  # ok | failed | cached
    started_at: str
    duration_s: float
    source_sha256: str | None = None
    error: str | None = None
    staged: str | None = None  # path of the staged rows (status ok)
    counts: dict[str, int] = field(default_factory=dict)
    flags: dict[str, int] = field(default_factory=dict)  # quality flags by severity
    manifest_row: str | None = None  # fingerprint of the manifest row it was processed with
    resumed: bool = False  # staged by a stopped run with the same inputs, not processed again

    def mark_failed(self, error: str) -> None:
        self.status, self.error, self.counts, self.flags = "failed", error, {}, {}


@dataclass
class RunPlan:
    jobs: list[PaperJob]  # one per paper, in doc_id order
    meta: dict[str, dict]  # raw/manifest.csv's fields by doc_id
    unmatched: list[str] = field(default_factory=list)  # manifest rows whose doc_id matches no paper in raw/

    @property
    def pending(self) -> list[PaperJob]:
        """The jobs a worker must do (not cached, not refused, not resumed)."""
        return [job for job in self.jobs if not (job.cached or job.refused or job.resumed)]


@dataclass
class RunResult:
    run_id: str
    manifest: dict
    outcomes: list[PaperOutcome]  # in the order of the plan's jobs

    @property
    def failed(self) -> list[str]:
        return [o.doc_id for o in self.outcomes if o.status == "failed"]


def progress_line(outcome: PaperOutcome, done: int, total: int) -> str:
    """The line for a paper whose processing ended: `staged` until the checks and the write decide."""
    status = ("staged (resumed)" if outcome.resumed else "staged") if outcome.status == "ok" else outcome.status
    note = f"  {outcome.error}" if outcome.error else ""
    return f"[{done}/{total}] {outcome.doc_id}: {status} ({outcome.duration_s:.2f}s){note}"


def plan_lines(request: RunRequest, plan: RunPlan) -> list[tuple[int, str]]:
    """What a plan tells the log, (logging level, line): manifest rows that match no paper (a warning), papers
    taken over from a stopped run, and the counts."""
    lines = [(logging.WARNING, unmatched_text(request.raw_dir, plan.unmatched))] if plan.unmatched else []
    resumed = sum(bool(j.resumed) for j in plan.jobs)
    if resumed:
        lines.append((logging.INFO, f"{resumed} paper(s) staged by a stopped run with the same inputs: taken over"))
    lines.append((logging.INFO, f"{len(plan.jobs)} paper(s): {len(plan.pending)} to process, "
                                f"{sum(j.cached for j in plan.jobs)} unchanged (cached)"))
    return lines


def check_lines(staged: int, outcomes: list[PaperOutcome]) -> list[tuple[int, str]]:
    """What the check tells the log: of `staged` papers, how many passed."""
    return [(logging.INFO, f"checked {staged} staged paper(s): {sum(o.status == 'ok' for o in outcomes)} ok")]


def publish_lines(out_dir: Path, manifest: dict) -> list[tuple[int, str]]:
    """What publishing tells the log: the output directory and the rows of each dataset."""
    return [(logging.INFO, f"published {out_dir}: "
             + ", ".join(f"{name} {d['rows']}" for name, d in manifest["datasets"].items()))]


def result_line(result: RunResult) -> str:
    """The run's last line: how many papers failed (named), or that all are ok or cached."""
    n = len(result.outcomes)
    if result.failed:
        return f"{len(result.failed)} of {n} paper(s) failed: {', '.join(result.failed)}"
    return f"{n} paper(s) ok or cached"


def batch_lines(outcomes: list[PaperOutcome]) -> list[tuple[int, str]]:
    """What a batch tells the log: each failed paper's line (a warning), then one line for the batch,
    `12 paper(s): 11 staged, 1 failed (doc); 3.2 s of paper work` (not a line per paper: 1,000 log
    records cost a flow run ~10%, the API server ingests them)."""
    failed = [o.doc_id for o in outcomes if o.status == "failed"]
    lines = [(logging.WARNING, progress_line(o, i, len(outcomes)))
             for i, o in enumerate(outcomes, 1) if o.status == "failed"]
    named = f" ({', '.join(failed)})" if failed else ""
    return lines + [(logging.INFO, f"{len(outcomes)} paper(s): {len(outcomes) - len(failed)} staged, "
                                   f"{len(failed)} failed{named}; {sum(o.duration_s for o in outcomes):.1f} s "
                                   "of paper work")]


class Progress:
    """Prints each paper's line once, as soon as its fate is known, with a running count."""

    def __init__(self, total: int):
        self.total, self.done, self._lock = total, 0, threading.Lock()
        self._seen: set[str] = set()

    def report(self, outcome: PaperOutcome) -> None:
        with self._lock:
            if outcome.doc_id in self._seen:
                return
            self._seen.add(outcome.doc_id)
            self.done += 1
            print(progress_line(outcome, self.done, self.total), flush=True)


def _inputs(request: RunRequest, hash_output: bool = True):
    """raw/'s papers, its manifest, the manifest's rows matching no paper, and out/'s snapshot (verified):
    what a run refuses to start without."""
    every = discover_papers(request.raw_dir)
    papers = discover_papers(request.raw_dir, list(request.only)) if request.only else every
    meta = load_manifest(request.raw_dir)
    unmatched = unmatched_rows(meta, every)
    if unmatched and request.strict:
        raise RunError(unmatched_text(request.raw_dir, unmatched) + " (--strict)")
    snapshot = None
    if not request.rebuild:
        snapshot = read_snapshot(request.out_dir)
        # refuse to merge with a tampered output/ before any paper is processed
        verify(snapshot, full=request.verify_output and hash_output)
    return papers, meta, unmatched, snapshot


def unmatched_text(raw_dir: Path, unmatched: list[str]) -> str:
    shown = ", ".join(unmatched[:20]) + (f" and {len(unmatched) - 20} more" if len(unmatched) > 20 else "")
    return f"{Path(raw_dir) / 'manifest.csv'}: {len(unmatched)} row(s) match no paper in {raw_dir}: {shown}"


def check_writable(out_dir: Path) -> None:
    """RunError when out_dir (or the directory that would hold it) cannot be written: found before any work."""
    from ..storage.durable import probe_writable

    try:
        probe_writable(Path(out_dir))
    except OSError as exc:
        raise RunError(f"output directory {out_dir} cannot be written: {write_error(exc)}") from None


def check_request(request: RunRequest) -> None:
    """Raise RunError when the run cannot start (raw/, its manifest, a tampered or unwritable out/), reading
    no paper.

    The command line calls it before Prefect starts; the plan finds the same errors.
    """
    _inputs(request, hash_output=False)  # --verify-output hashes the output once, when the run plans
    check_writable(request.out_dir)


def plan_run(request: RunRequest) -> RunPlan:
    """One job per paper. A paper's inputs are its bytes, its manifest row and the pipeline version:
    a paper whose inputs match the output is cached; one staged with the same inputs by a stopped run
    is taken over (resumed), not processed again.

    The bytes are hashed here to decide; the hash a paper's rows and runs row carry is that of the
    bytes its worker read and processed (run_paper). Raises RunError when out/ differs from its
    manifest (unless rebuild: every paper is processed again and out/ rebuilt from them).
    """
    papers, meta, unmatched, snapshot = _inputs(request)
    if unmatched:
        log.warning("%s", unmatched_text(request.raw_dir, unmatched))
    done: dict[str, tuple] = {}
    if not (request.force or request.rebuild):
        documents = read_dataset(request.out_dir, "documents", snapshot=snapshot)
        rows = (snapshot.manifest or {}).get("manifest_rows", {}) if snapshot else {}
        done = {doc_id: (sha, version, rows.get(doc_id)) for doc_id, sha, version in
                zip(documents["doc_id"], documents["source_sha256"], documents["pipeline_version"])}
    leftovers = staged_leftovers(request.out_dir, str(request.run_id)) if not request.force else {}
    jobs = []
    for source in papers:
        sha = None
        if not source.refused:
            with contextlib.suppress(OSError):  # unreadable: its run says why
                sha = sha256_bytes(source.path.read_bytes())
        row = row_fingerprint(meta.get(source.doc_id))
        key = (sha, request.pipeline_version, row)
        job = PaperJob(source.doc_id, str(source.path), sha, refused=source.refused, manifest_row=row,
                       cached=not source.refused and sha is not None and done.get(source.doc_id) == key)
        left = leftovers.get(source.doc_id)
        if not (job.cached or job.refused) and sha is not None and left and left.key == key:
            job.resumed = str(take_staged(left.path, request.staging_dir))
        jobs.append(job)
    return RunPlan(jobs, meta, unmatched)


def one_line(exc: BaseException) -> str:
    if isinstance(exc, CheckError):
        return "check failed: " + "; ".join(map(str, exc.failures))
    if isinstance(exc, PaperError):
        return str(exc)
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    place = f" (at {Path(where.filename).name}:{where.lineno})" if where else ""
    return f"internal error {type(exc).__name__}: {exc}{place}".replace("\n", " ")


def paper_frames(rows: dict[str, list[dict]]) -> dict[str, pd.DataFrame]:
    return {name: conform(name, rows.get(name, [])) for name in DATASETS}


def run_paper(job: PaperJob, meta: dict, staging_dir: Path,
              settings: PipelineSettings = DEFAULT_PIPELINE_SETTINGS) -> PaperOutcome:
    """Process one paper and stage its rows; never raises for a bad paper.

    The checks run once over the whole run before the publish (check_outcomes), not per
    paper: they cost far more per call than a paper takes to process.
    """
    started = datetime.now(UTC).isoformat()
    clock = time.perf_counter()
    if job.cached:
        return PaperOutcome(job.doc_id, "cached", started, time.perf_counter() - clock, job.source_sha256,
                            manifest_row=job.manifest_row)
    if job.refused:
        return PaperOutcome(job.doc_id, "failed", started, 0.0, None, error=job.refused)
    if job.resumed:
        record = read_staged_record(Path(job.resumed))
        return PaperOutcome(job.doc_id, "ok", started, float(record.get("duration_s", 0.0)), job.source_sha256,
                            staged=job.resumed, counts=record.get("counts", {}), flags=record.get("flags", {}),
                            manifest_row=job.manifest_row, resumed=True)
    sha = None
    try:
        data = read_paper_bytes(Path(job.path))
        sha = sha256_bytes(data)  # read once: the bytes hashed are the bytes processed
        frames = paper_frames(process_paper(Path(job.path), meta, settings, data))
        del data
    except Exception as exc:  # noqa: BLE001 - one bad paper must not sink the run
        error = OUT_OF_MEMORY if is_memory_error(exc) else one_line(exc)
        del exc  # drop the traceback's frames (and the memory they hold) now
        return PaperOutcome(job.doc_id, "failed", started, time.perf_counter() - clock, sha, error=error)
    flags = {str(k): int(v) for k, v in frames["quality_flags"]["severity"].value_counts().to_dict().items()}
    counts = {n: len(f) for n, f in frames.items() if n != "runs"}
    record = {"source_sha256": sha, "pipeline_version": pipeline_version(settings), "manifest_row": job.manifest_row,
              "counts": counts, "flags": flags, "duration_s": round(time.perf_counter() - clock, 4)}
    try:
        staged = stage_paper(Path(staging_dir), job.doc_id, frames, record)
    except OSError as exc:  # a full disk, a staging directory gone read-only: this paper fails, in one line
        return PaperOutcome(job.doc_id, "failed", started, time.perf_counter() - clock, sha, error=write_error(exc))
    return PaperOutcome(job.doc_id, "ok", started, time.perf_counter() - clock, sha, staged=str(staged),
                        counts=counts, flags=flags, manifest_row=job.manifest_row)


@dataclass(frozen=True)
class PaperTask:
    """One paper as a job for a worker process (workers.Job): sent to the worker, run there."""

    job: PaperJob
    meta: dict
    staging_dir: str
    settings: PipelineSettings = DEFAULT_PIPELINE_SETTINGS

    def run(self) -> PaperOutcome:
        return run_paper(self.job, self.meta, Path(self.staging_dir), self.settings)

    def failed(self, reason: str, started_at: str, seconds: float) -> PaperOutcome:
        return PaperOutcome(self.job.doc_id, "failed", started_at, seconds, self.job.source_sha256, error=reason)


def paper_pool(workers: int, limits: PaperLimits | None = None) -> PaperPool:
    """A pool of worker processes for papers (closed by its `with` block)."""
    return PaperPool(workers, limits, WORKER_PRELOAD)


def shared_paper_pool(workers: int, limits: PaperLimits) -> PaperPool:
    """This process's pool for papers, started once and reused by every batch (workers.shared_pool)."""
    return shared_pool(workers, limits, WORKER_PRELOAD)


def run_batch(jobs: list[PaperJob], meta: dict[str, dict], staging: Path, pool: PaperPool,
              progress: Progress | None = None,
              settings: PipelineSettings = DEFAULT_PIPELINE_SETTINGS) -> list[PaperOutcome]:
    """Papers one after another, each in a worker of the pool; their outcomes in the order of the jobs."""
    outcomes = []
    for job in jobs:
        outcomes.append(pool.run(PaperTask(job, meta.get(job.doc_id, {}), str(staging), settings)))
        if progress:
            progress.report(outcomes[-1])
    return outcomes


def runs_rows(outcomes: list[PaperOutcome], run_id: str, version: str = __version__) -> list[dict]:
    """This run's rows of `runs`, one per paper."""
    return [{
        "run_id": run_id, "doc_id": o.doc_id, "status": o.status, "error": o.error,
        "duration_s": round(o.duration_s, 4), "started_at": o.started_at,
        "source_sha256": o.source_sha256, "pipeline_version": version,
    } for o in outcomes]


def manifest_rows(outcomes: list[PaperOutcome]) -> dict[str, str | None]:
    """{doc_id: manifest row fingerprint} of the staged papers: published with them (the cache key)."""
    return {o.doc_id: o.manifest_row for o in outcomes if o.status == "ok" and o.staged}


def staged_papers(outcomes: list[PaperOutcome]) -> dict[str, Path]:
    """{doc_id: staged directory} of the papers processed and not (yet) failed."""
    return {o.doc_id: Path(o.staged) for o in outcomes if o.status == "ok" and o.staged}


def check_outcomes(outcomes: list[PaperOutcome]) -> list[PaperOutcome]:
    """Check the staged papers; returns the outcomes, a paper whose rows fail a check marked failed
    with the reason (its earlier rows are kept). Returned, not only changed in place, for a task
    that runs in another process."""
    failed = check_staged(staged_papers(outcomes))
    for outcome in outcomes:
        if outcome.doc_id in failed:
            outcome.mark_failed(failed[outcome.doc_id])
    return outcomes


def publish_outcomes(request: RunRequest, outcomes: list[PaperOutcome], present_doc_ids: set[str],
                     settings: StorageSettings | None = None) -> dict:
    """Publish the checked papers (status ok) and the run's `runs` rows as a new version; returns the manifest.

    Only this run's papers were checked: every key includes doc_id, and the rows carried over were
    checked when they were written (and their bytes match the manifest). A full run drops the rows
    of papers not in present_doc_ids. Raises WriteError (one line: `no space left on device writing …`)
    when the new version cannot be written; nothing of it is published.
    """
    try:
        return publish(request.out_dir, str(request.run_id), staged_papers(outcomes),
                       runs_rows(outcomes, str(request.run_id), request.pipeline_version),
                       present=present_doc_ids if request.full_run else None,
                       rebuild=request.rebuild, settings=settings, manifest_rows=manifest_rows(outcomes))
    except OSError as exc:
        raise WriteError(f"publishing failed, nothing published: {write_error(exc)}") from None


MAX_BATCH = 25  # papers per batch task: progress and failures reach Prefect at least this often
PAPER_OVERHEAD_BYTES = 4096  # a paper costs about as much as this many source bytes before its size counts


def plan_batches(jobs: list[PaperJob], workers: int, max_batch: int = MAX_BATCH) -> list[list[PaperJob]]:
    """Jobs grouped into batches of about equal work (bytes of source), a multiple of `workers` of them.

    A batch is one task run (~10 ms each in Prefect), so there are few: one per worker
    for a small corpus, else as many as keep batches under max_batch papers. With
    equal work per batch no worker idles while another finishes a long one: the
    biggest papers are dealt first, each to the lightest batch (bytes plus a fixed
    cost per paper).
    """
    if not jobs:
        return []
    count = max(workers, -(-len(jobs) // max_batch))
    count = min(len(jobs), -(-count // workers) * workers)
    sizes = {job.doc_id: _source_size(job) for job in jobs}
    batches: list[list[PaperJob]] = [[] for _ in range(count)]
    lightest = [(0, 0, i) for i in range(count)]  # (bytes, papers, batch)
    for job in sorted(jobs, key=lambda j: -sizes[j.doc_id]):
        weight, papers, i = heapq.heappop(lightest)
        batches[i].append(job)
        heapq.heappush(lightest, (weight + sizes[job.doc_id] + PAPER_OVERHEAD_BYTES, papers + 1, i))
    order = {job.doc_id: i for i, job in enumerate(jobs)}
    return [sorted(batch, key=lambda j: order[j.doc_id]) for batch in batches if batch]


def _source_size(job: PaperJob) -> int:
    try:
        return os.stat(job.path).st_size
    except OSError:
        return 0


class RunSteps:
    """How run_sequence carries out its steps, and what it tells of each paper.

    The defaults run everything in this process: the batches in threads, each feeding a
    worker process of one pool of `request.workers`. A flow overrides the steps to run
    each as a task (flows/papers.py); the hooks are called in this process, in order.
    """

    def plan(self, request: RunRequest) -> RunPlan:
        return plan_run(request)

    def process(self, request: RunRequest, batches: list[list[PaperJob]], meta: dict[str, dict],
                staging: Path) -> Iterator[list[PaperOutcome]]:
        """Each batch's outcomes as the batch ends (in any order)."""
        if not batches:
            return
        with paper_pool(request.workers, request.limits) as pool, \
                ThreadPoolExecutor(request.workers, thread_name_prefix="papers") as threads:
            futures = [threads.submit(run_batch, batch, meta, staging, pool, None, request.settings)
                       for batch in batches]
            for future in as_completed(futures):
                yield future.result()

    def check(self, outcomes: list[PaperOutcome]) -> list[PaperOutcome]:
        return check_outcomes(outcomes)

    def publish(self, request: RunRequest, outcomes: list[PaperOutcome], present: set[str]) -> dict:
        return publish_outcomes(request, outcomes, present)

    # hooks: what happened, as soon as the sequence knows it
    def planned(self, plan: RunPlan) -> None:
        """The plan is made (before any paper is processed)."""

    def paper_done(self, outcome: PaperOutcome) -> None:
        """A paper's processing ended: staged (status ok), failed (refused, over a bound, an error) or cached."""

    def paper_rejected(self, outcome: PaperOutcome) -> None:
        """A staged paper whose rows failed a check: failed, its earlier rows kept."""


def run_sequence(request: RunRequest, steps: RunSteps | None = None) -> RunResult:
    """The run, holding out/'s lock throughout (planning included: what is cached depends on out/).

    plan -> cached, refused and resumed papers settled without a worker -> the rest processed in
    batches and staged -> the staged papers checked -> a new version of out/ published -> staging
    removed. When a step fails or the run is stopped, the staged papers stay for the next run to take
    over (plan_run): it processes only the papers that were in flight. Raises RunError when the run
    cannot start.
    """
    steps = steps or RunSteps()
    check_writable(request.out_dir)  # a read-only output is a RunError (exit 2), not an OSError of the lock
    with output_lock(request.out_dir):
        plan = steps.plan(request)
        steps.planned(plan)
        staging = request.staging_dir
        outcomes: dict[str, PaperOutcome] = {}
        # a step that fails, or a stop, leaves the staging for the next run to take over (plan_run)
        for job in plan.jobs:
            if job.cached or job.refused or job.resumed:  # no worker needed
                outcomes[job.doc_id] = run_paper(job, {}, staging)
                steps.paper_done(outcomes[job.doc_id])
        for batch in steps.process(request, plan_batches(plan.pending, request.workers), plan.meta, staging):
            for outcome in batch:
                outcomes[outcome.doc_id] = outcome
                steps.paper_done(outcome)
        staged = set(staged_papers(list(outcomes.values())))
        ordered = steps.check([outcomes[job.doc_id] for job in plan.jobs])
        manifest = steps.publish(request, ordered, {job.doc_id for job in plan.jobs})
        # this run's staging, and what stopped runs left of its papers (all of it, on a full run)
        remove_all_staging(request.out_dir, None if request.full_run else {job.doc_id for job in plan.jobs})
    for outcome in ordered:
        if outcome.doc_id in staged and outcome.status == "failed":
            steps.paper_rejected(outcome)
    return RunResult(str(request.run_id), manifest, ordered)


def run_papers(request: RunRequest) -> tuple[dict, list[PaperOutcome]]:
    """The whole run without Prefect (tests of the library, the benchmark): (manifest, outcomes).

    Scripts that call it need the `if __name__ == "__main__":` guard (workers start from a fork server).
    """
    result = run_sequence(request)
    return result.manifest, result.outcomes


def summary_markdown(result: RunResult, max_papers: int = 200) -> str:
    """The run in Markdown: papers by status, rows per dataset, quality flags, each paper (up to max_papers)."""
    outcomes, manifest = result.outcomes, result.manifest
    by_status: dict[str, int] = {}
    flags: dict[str, int] = {}
    for o in outcomes:
        by_status[o.status] = by_status.get(o.status, 0) + 1
        for severity, count in o.flags.items():
            flags[severity] = flags.get(severity, 0) + count
    lines = [f"# papers run {result.run_id}", "",
             f"{len(outcomes)} paper(s): " + ", ".join(f"{n} {s}" for s, n in sorted(by_status.items())), "",
             "| dataset | rows |", "|---|---:|"]
    lines += [f"| {name} | {d['rows']} |" for name, d in manifest["datasets"].items()]
    lines += ["", "Quality flags raised by this run's papers: "
              + (", ".join(f"{n} {s}" for s, n in sorted(flags.items())) or "none"), "",
              "| doc_id | status | seconds | error |", "|---|---|---:|---|"]
    for o in outcomes[:max_papers]:
        error = (o.error or "").replace("|", "\\|")
        lines.append(f"| {o.doc_id} | {o.status} | {o.duration_s:.2f} | {error} |")
    if len(outcomes) > max_papers:
        lines.append(f"| … {len(outcomes) - max_papers} more | | | |")
    return "\n".join(lines) + "\n"
