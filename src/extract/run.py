"""A run over raw/: which papers, each paper alone, then one checked write.

The Prefect flow in flows/ wires these functions together; they are plain and
run without Prefect too. Papers are processed independently (one bad paper
fails alone) and staged as files, so that workers on other machines can do
them; the write merges the staged papers with what out/ already holds.
"""

from __future__ import annotations

import contextlib
import heapq
import os
import secrets
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from . import __version__
from .checks import CheckError
from .errors import RunError
from .paper import PaperError, process_paper
from .schema import DATASETS, conform
from .sources import discover_papers, load_manifest  # noqa: F401 - the flow imports them from here
from .storage import (
    StorageSettings,
    check_staged,
    output_lock,
    publish,
    read_dataset,
    read_snapshot,
    remove_staging,
    stage_paper,
    verify,
)
from .storage.layout import STAGING as STAGING_DIR
from .text import sha256_bytes
from .workers import OUT_OF_MEMORY, PaperLimits, PaperPool, is_memory_error


@dataclass
class PaperJob:
    doc_id: str
    path: str
    source_sha256: str | None
    cached: bool = False
    refused: str | None = None  # why the file is not read (sources.refusal); the paper fails with it


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

    def mark_failed(self, error: str) -> None:
        self.status, self.error, self.counts, self.flags = "failed", error, {}, {}


def progress_line(outcome: PaperOutcome, done: int, total: int) -> str:
    """The line for a paper whose processing ended: `staged` until the checks and the write decide."""
    status = "staged" if outcome.status == "ok" else outcome.status
    note = f"  {outcome.error}" if outcome.error else ""
    return f"[{done}/{total}] {outcome.doc_id}: {status} ({outcome.duration_s:.2f}s){note}"


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def plan_run(raw_dir: Path, out_dir: Path, only: list[str] | None = None, force: bool = False,
             rebuild: bool = False) -> list[PaperJob]:
    """One job per paper; a paper whose bytes and pipeline version match the output is cached.

    Raises RunError when out/ differs from its manifest (unless rebuild: every paper is processed
    again and out/ rebuilt from them).
    """
    done = {}
    if rebuild and only:
        raise RunError("--rebuild processes every paper: it cannot be combined with --only")
    papers = discover_papers(raw_dir, only)
    if not rebuild:
        snapshot = read_snapshot(Path(out_dir))
        verify(snapshot)  # refuse to merge with a tampered output/ before any paper is processed
    if not (force or rebuild):
        documents = read_dataset(Path(out_dir), "documents", snapshot=snapshot)
        done = dict(zip(documents["doc_id"], zip(documents["source_sha256"], documents["pipeline_version"])))
    jobs = []
    for source in papers:
        sha = None
        if not source.refused:
            with contextlib.suppress(OSError):  # unreadable: its run says why
                sha = sha256_bytes(source.path.read_bytes())
        jobs.append(PaperJob(source.doc_id, str(source.path), sha, refused=source.refused,
                             cached=not source.refused and done.get(source.doc_id) == (sha, __version__)))
    return jobs


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


def run_paper(job: PaperJob, meta: dict, staging_dir: Path) -> PaperOutcome:
    """Process one paper and stage its rows; never raises for a bad paper.

    The checks run once over the whole run at write time (see write_run), not per
    paper: they cost far more per call than a paper takes to process.
    """
    started = datetime.now(UTC).isoformat()
    clock = time.perf_counter()
    if job.cached:
        return PaperOutcome(job.doc_id, "cached", started, time.perf_counter() - clock, job.source_sha256)
    if job.refused:
        return PaperOutcome(job.doc_id, "failed", started, 0.0, None, error=job.refused)
    try:
        frames = paper_frames(process_paper(Path(job.path), meta))
    except Exception as exc:  # noqa: BLE001 - one bad paper must not sink the run
        error = OUT_OF_MEMORY if is_memory_error(exc) else one_line(exc)
        del exc  # drop the traceback's frames (and the memory they hold) now
        return PaperOutcome(job.doc_id, "failed", started, time.perf_counter() - clock, job.source_sha256,
                            error=error)
    staged = stage_paper(Path(staging_dir), job.doc_id, frames)
    flags = frames["quality_flags"]["severity"].value_counts().to_dict()
    return PaperOutcome(job.doc_id, "ok", started, time.perf_counter() - clock, job.source_sha256,
                        staged=str(staged), counts={n: len(f) for n, f in frames.items() if n != "runs"},
                        flags={str(k): int(v) for k, v in flags.items()})


def runs_rows(outcomes: list[PaperOutcome], run_id: str) -> list[dict]:
    """This run's rows of `runs`, one per paper."""
    return [{
        "run_id": run_id, "doc_id": o.doc_id, "status": o.status, "error": o.error,
        "duration_s": round(o.duration_s, 4), "started_at": o.started_at,
        "source_sha256": o.source_sha256, "pipeline_version": __version__,
    } for o in outcomes]


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


def publish_outcomes(out_dir: Path, outcomes: list[PaperOutcome], run_id: str, full_run: bool,
                     present_doc_ids: set[str], rebuild: bool = False,
                     settings: StorageSettings | None = None) -> dict:
    """Publish the checked papers (status ok) and the run's `runs` rows; returns the manifest."""
    return publish(Path(out_dir), run_id, staged_papers(outcomes), runs_rows(outcomes, run_id),
                   present=present_doc_ids if full_run else None, rebuild=rebuild, settings=settings)


def write_run(out_dir: Path, outcomes: list[PaperOutcome], run_id: str, full_run: bool,
              present_doc_ids: set[str], rebuild: bool = False) -> dict:
    """Check the staged papers, then publish a new version of out_dir; returns the manifest.

    A paper of this run whose rows fail a check is marked failed (its earlier rows are kept) and
    the rest is written. Only this run's papers are checked: every key includes doc_id, and the
    rows carried over were checked when they were written (and their bytes match the manifest).
    """
    check_outcomes(outcomes)
    return publish_outcomes(out_dir, outcomes, run_id, full_run, present_doc_ids, rebuild)


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


def process_papers(jobs: list[PaperJob], meta: dict[str, dict], staging_dir: Path, pool: PaperPool,
                   on_outcome: Callable[[PaperOutcome], None] | None = None) -> list[PaperOutcome]:
    """Each job in a worker of the pool (cached and refused ones without); outcomes in the order of the jobs.

    Runs as many papers at once as the pool has workers, so at most that many are in memory.
    """
    def one(job: PaperJob) -> PaperOutcome:
        if job.cached or job.refused:
            outcome = run_paper(job, {}, staging_dir)
        else:
            outcome = pool.run(job, meta.get(job.doc_id, {}), staging_dir)
        if on_outcome:
            on_outcome(outcome)
        return outcome

    if pool.size == 1:
        return [one(job) for job in jobs]
    with ThreadPoolExecutor(pool.size, thread_name_prefix="paper") as threads:
        return list(threads.map(one, jobs))


def run_papers(raw_dir: Path, out_dir: Path, only: list[str] | None = None, force: bool = False,
               run_id: str | None = None, rebuild: bool = False, workers: int = 1,
               limits: PaperLimits | None = None) -> tuple[dict, list[PaperOutcome]]:
    """The whole run without Prefect (used by tests of the library and by the benchmark).

    Papers run in `workers` processes, each paper under `limits` (see workers.PaperLimits).
    """
    run_id = run_id or new_run_id()
    with output_lock(Path(out_dir)):
        jobs = plan_run(raw_dir, out_dir, only, force, rebuild)
        manifest_meta = load_manifest(raw_dir)
        staging = Path(out_dir) / STAGING_DIR / run_id
        try:
            with PaperPool(workers, limits) as pool:
                outcomes = process_papers(jobs, manifest_meta, staging, pool)
            manifest = write_run(out_dir, outcomes, run_id, not only, {j.doc_id for j in jobs}, rebuild)
        finally:
            remove_staging(staging)
    return manifest, outcomes
