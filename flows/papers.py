"""The Prefect flow: plan, process the papers in batches, record each failure, write once.

Thin by design: every step is a call into the `extract` library. What Prefect
shows is what happened:
- `plan`, each `papers-i-of-n` batch, `check` and `publish` are task runs with their own state;
- a paper that failed is a failed task run `failed-<doc_id>` whose log holds the reason
  (a task run per paper would cost ~10 ms each, so papers run in batches and only a
  failure gets a task run of its own);
- a line per batch and one per failed paper go to the run's log; the flow run is named by `runs.run_id`,
  ends Failed when any paper failed (message: how many, which), and leaves a
  Markdown artifact `papers-run-summary`.
Papers run in worker processes under `PaperLimits` (extract/workers.py); no Prefect
runs in those processes.
"""

from __future__ import annotations

import threading
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.futures import as_completed
from prefect.states import Completed, Failed

from extract.run import (
    STAGING_DIR,
    PaperJob,
    PaperOutcome,
    RunError,
    check_outcomes,
    load_manifest,
    new_run_id,
    plan_batches,
    plan_run,
    progress_line,
    publish_outcomes,
    remove_staging,
    run_paper,
)
from extract.storage import output_lock
from extract.workers import PaperLimits, shared_pool

SUMMARY_ARTIFACT = "papers-run-summary"


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


# Batches running in this process print through the run's Progress; batches on other
# machines (Dask) do not find it, and the flow prints their lines when they return.
_PROGRESS: dict[str, Progress] = {}


# Functions, not the dict, in the flow's and the task's globals: Dask pickles both by value, and a
# Progress holds a lock.
def progress_of(run_id: str) -> Progress | None:
    return _PROGRESS.get(run_id)


def show_progress(run_id: str, board: Progress | None) -> None:
    if board is None:
        _PROGRESS.pop(run_id, None)
    else:
        _PROGRESS[run_id] = board


def flow_run_name() -> str:
    from prefect.runtime import flow_run

    return flow_run.parameters.get("run_id") or new_run_id()


@task(name="plan", task_run_name="plan", cache_policy=NO_CACHE)
def plan_task(raw_dir: str, out_dir: str, only: list[str] | None, force: bool,
              rebuild: bool) -> tuple[list[PaperJob], dict]:
    jobs = plan_run(Path(raw_dir), Path(out_dir), only, force, rebuild)
    get_run_logger().info("%d paper(s): %d to process, %d unchanged (cached)", len(jobs),
                          sum(not j.cached for j in jobs), sum(j.cached for j in jobs))
    return jobs, load_manifest(Path(raw_dir))


@task(name="process-papers", task_run_name="{label}", cache_policy=NO_CACHE)
def process_batch_task(jobs: list[PaperJob], meta: dict, staging_dir: str, pool_size: int,
                       limits: PaperLimits, run_id: str, label: str) -> list[PaperOutcome]:
    """Papers one after another in a worker of this process's pool (a thread per batch feeds it)."""
    logger = get_run_logger()
    pool = shared_pool(pool_size, limits)
    progress = progress_of(run_id)
    outcomes = []
    for job in jobs:
        outcome = pool.run(job, meta.get(job.doc_id, {}), Path(staging_dir))
        outcomes.append(outcome)
        if outcome.status == "failed":
            logger.warning(progress_line(outcome, len(outcomes), len(jobs)))
        if progress:
            progress.report(outcome)
    # one line per batch, not per paper: 1,000 log records cost the run ~10% (the API server ingests them)
    failed = [o.doc_id for o in outcomes if o.status == "failed"]
    logger.info("%d paper(s): %d staged, %d failed%s; %.1f s of paper work", len(outcomes),
                len(outcomes) - len(failed), len(failed), f" ({', '.join(failed)})" if failed else "",
                sum(o.duration_s for o in outcomes))
    return outcomes


@task(name="paper-failed", task_run_name="failed-{doc_id}", cache_policy=NO_CACHE)
def paper_failed_task(doc_id: str, reason: str):
    """A failed paper as a failed task run of its own, its reason in the log and the state message."""
    get_run_logger().error("%s: %s", doc_id, reason)
    return Failed(message=f"{doc_id}: {reason}")


@task(name="check", task_run_name="check", cache_policy=NO_CACHE)
def check_task(outcomes: list[PaperOutcome]) -> list[PaperOutcome]:
    """Check the staged papers; a paper whose rows fail a check is marked failed (its earlier rows kept)."""
    staged = sum(o.status == "ok" for o in outcomes)
    outcomes = check_outcomes(outcomes)
    get_run_logger().info("checked %d staged paper(s): %d ok", staged, sum(o.status == "ok" for o in outcomes))
    return outcomes


@task(name="publish", task_run_name="publish", cache_policy=NO_CACHE)
def publish_task(out_dir: str, outcomes: list[PaperOutcome], run_id: str, full_run: bool, present: set[str],
                 rebuild: bool) -> dict:
    """Publish the checked papers as a new version of out_dir, switched in one step."""
    manifest = publish_outcomes(Path(out_dir), outcomes, run_id, full_run, present, rebuild)
    rows = {name: d["rows"] for name, d in manifest["datasets"].items()}
    get_run_logger().info("published %s: %s", out_dir, ", ".join(f"{n} {r}" for n, r in rows.items()))
    return manifest


def _on_dask() -> bool:
    context = FlowRunContext.get()
    return context is not None and type(context.task_runner).__name__ == "DaskTaskRunner"


@flow(name="papers", flow_run_name=flow_run_name, log_prints=False, validate_parameters=False)
def papers_flow(raw_dir: str = "raw", out_dir: str = "output", only: list[str] | None = None,
                force: bool = False, run_id: str | None = None, progress: bool = False,
                workers: int = 1, paper_seconds: float | None = None, paper_memory_mb: int | None = None,
                rebuild: bool = False):
    """Run the pipeline over raw_dir into out_dir, holding out_dir's lock (one run at a time).

    Returns {"manifest", "outcomes"}, as the data of a Completed state, or of a Failed
    state when any paper failed (call with return_state=True to get both).
    progress: print a line per paper as soon as its fate is known (the command line does).
    workers: papers processed at once, each in its own process (with Dask: per Dask worker, one).
    paper_seconds, paper_memory_mb: the bounds on one paper (defaults: PaperLimits).
    rebuild: process every paper again and rebuild out_dir (one that was changed by hand too).
    """
    from prefect.runtime import flow_run

    with output_lock(Path(out_dir)):  # planning included: what is cached depends on out_dir
        return _run(raw_dir, out_dir, only, force, run_id or flow_run.name or new_run_id(), progress, workers,
                    PaperLimits.given(paper_seconds, paper_memory_mb), rebuild)


def _run(raw_dir: str, out_dir: str, only: list[str] | None, force: bool, run_id: str, progress: bool,
         workers: int, limits: PaperLimits, rebuild: bool):
    logger = get_run_logger()
    jobs, meta = plan_task(raw_dir, out_dir, only, force, rebuild)
    staging = str(Path(out_dir) / STAGING_DIR / run_id)
    board = Progress(len(jobs)) if progress else None
    outcomes: dict[str, PaperOutcome] = {}
    for job in jobs:  # cached and refused papers need no worker
        if job.cached or job.refused:
            outcomes[job.doc_id] = run_paper(job, {}, Path(staging))
            if board:
                board.report(outcomes[job.doc_id])
            if job.refused:
                paper_failed_task(job.doc_id, job.refused, return_state=True)
    pending = [job for job in jobs if not (job.cached or job.refused)]
    batches = plan_batches(pending, workers)
    pool_size = 1 if _on_dask() else workers
    show_progress(run_id, board)
    try:
        futures = [process_batch_task.submit(batch, {j.doc_id: meta[j.doc_id] for j in batch if j.doc_id in meta},
                                             staging, pool_size, limits, run_id,
                                             f"papers-{i}-of-{len(batches)}")
                   for i, batch in enumerate(batches, start=1)]
        for future in as_completed(futures):
            for outcome in future.result():
                outcomes[outcome.doc_id] = outcome
                if board:
                    board.report(outcome)
                if outcome.status == "failed":
                    paper_failed_task(outcome.doc_id, outcome.error, return_state=True)
    finally:
        show_progress(run_id, None)
    ordered = [outcomes[job.doc_id] for job in jobs]
    try:
        ordered = check_task(ordered)
        manifest = publish_task(out_dir, ordered, run_id, not only, {j.doc_id for j in jobs}, rebuild)
    finally:
        remove_staging(Path(staging))
    for outcome in ordered:  # papers the checks turned down
        if outcome.status == "failed" and (outcome.error or "").startswith("check failed"):
            paper_failed_task(outcome.doc_id, outcome.error, return_state=True)
    result = {"manifest": manifest, "outcomes": ordered}
    create_run_summary(result, run_id)
    failed = [o.doc_id for o in ordered if o.status == "failed"]
    if failed:
        message = f"{len(failed)} of {len(ordered)} paper(s) failed: {', '.join(failed)}"
        logger.error(message)
        return Failed(message=message, data=result)
    message = f"{len(ordered)} paper(s) ok or cached"
    logger.info(message)
    return Completed(message=message, data=result)


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


def create_run_summary(result: dict, run_id: str) -> None:
    from prefect.artifacts import create_markdown_artifact

    create_markdown_artifact(markdown=summary_markdown(result, run_id), key=SUMMARY_ARTIFACT,
                             description=f"papers run {run_id}")


def summary_markdown(result: dict, run_id: str, max_papers: int = 200) -> str:
    """The run in Markdown: papers by status, rows per dataset, quality flags, each paper (up to max_papers)."""
    outcomes, manifest = result["outcomes"], result["manifest"]
    by_status: dict[str, int] = {}
    flags: dict[str, int] = {}
    for o in outcomes:
        by_status[o.status] = by_status.get(o.status, 0) + 1
        for severity, count in o.flags.items():
            flags[severity] = flags.get(severity, 0) + count
    lines = [f"# papers run {run_id}", "",
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


__all__ = ["papers_flow", "RunError", "SUMMARY_ARTIFACT"]
