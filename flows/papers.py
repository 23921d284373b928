"""The Prefect flow: the library's run sequence (extract.run.run_sequence) with each step a task.

Prefect shows what happened: task runs `plan`, `papers-i-of-n` (a batch each: ~10 ms a task run),
`failed-<doc_id>` per failed paper (reason in its log), `check`, `publish`; the flow run is named by
runs.run_id, ends Failed when a paper failed, and leaves the Markdown artifact `papers-run-summary`.
"""

from __future__ import annotations

import time
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.exceptions import TerminationSignal
from prefect.futures import as_completed
from prefect.states import Completed, Failed

from extract import run as lib
from extract.workers import PaperLimits, terminate_shared_pools
from flows.progress import display

SUMMARY_ARTIFACT = "papers-run-summary"
_PROGRESS: dict[str, lib.Progress] = {}  # batches in this process print through the run's Progress (not on Dask)


def progress_of(run_id: str) -> lib.Progress | None:  # a function in the task's globals: Dask pickles the task
    return _PROGRESS.get(run_id)                       # by value, and a Progress holds a lock


@task(name="plan", task_run_name="plan", cache_policy=NO_CACHE)
def plan_task(request: lib.RunRequest) -> lib.RunPlan:
    plan = lib.plan_run(request)
    if plan.unmatched:
        get_run_logger().warning("%s", lib.unmatched_text(request.raw_dir, plan.unmatched))
    resumed = sum(bool(j.resumed) for j in plan.jobs)
    if resumed:
        get_run_logger().info("%d paper(s) staged by a stopped run with the same inputs: taken over", resumed)
    get_run_logger().info("%d paper(s): %d to process, %d unchanged (cached)", len(plan.jobs), len(plan.pending),
                          sum(j.cached for j in plan.jobs))
    return plan


@task(name="process-papers", task_run_name="{label}", cache_policy=NO_CACHE)
def batch_task(jobs: list, meta: dict, staging: str, pool_size: int, limits: PaperLimits, run_id: str, label: str,
               settings=None):
    pool = lib.shared_paper_pool(pool_size, limits)
    outcomes = lib.run_batch(jobs, meta, Path(staging), pool, progress_of(run_id),
                             settings or lib.DEFAULT_PIPELINE_SETTINGS)
    failed = [o for o in outcomes if o.status == "failed"]
    for outcome in failed:
        get_run_logger().warning(lib.progress_line(outcome, outcomes.index(outcome) + 1, len(outcomes)))
    # one line per batch, not per paper: 1,000 log records cost the run ~10% (the API server ingests them)
    get_run_logger().info("%d paper(s): %d staged, %d failed%s; %.1f s of paper work", len(outcomes),
                          len(outcomes) - len(failed), len(failed),
                          f" ({', '.join(o.doc_id for o in failed)})" if failed else "",
                          sum(o.duration_s for o in outcomes))
    return outcomes


@task(name="paper-failed", task_run_name="failed-{doc_id}", cache_policy=NO_CACHE)
def paper_failed_task(doc_id: str, reason: str):
    get_run_logger().error("%s: %s", doc_id, reason)
    return Failed(message=f"{doc_id}: {reason}")


@task(name="check", task_run_name="check", cache_policy=NO_CACHE)
def check_task(outcomes: list) -> list:
    staged = sum(o.status == "ok" for o in outcomes)
    outcomes = lib.check_outcomes(outcomes)
    get_run_logger().info("checked %d staged paper(s): %d ok", staged, sum(o.status == "ok" for o in outcomes))
    return outcomes


@task(name="publish", task_run_name="publish", cache_policy=NO_CACHE)
def publish_task(request: lib.RunRequest, outcomes: list, present: set[str]) -> dict:
    manifest = lib.publish_outcomes(request, outcomes, present)
    rows = ", ".join(f"{name} {d['rows']}" for name, d in manifest["datasets"].items())
    get_run_logger().info("published %s: %s", request.out_dir, rows)
    return manifest


class FlowSteps(lib.RunSteps):
    """Each step a task; a failed paper a failed task run; the run's display (flows/progress.py) told of each
    paper, and (verbose) of each step's time."""

    def __init__(self, progress: bool | str):
        self.progress, self.board = progress, None

    def note(self, text: str, started: float) -> None:
        if self.board:
            self.board.note(f"{text} ({time.perf_counter() - started:.2f}s)")

    def plan(self, request):
        started = time.perf_counter()
        plan = plan_task(request)
        self.board = display(self.progress, plan)
        self.note(f"plan: {len(plan.jobs)} paper(s), {len(plan.pending)} to process, "
                  f"{sum(j.cached for j in plan.jobs)} cached", started)
        return plan

    def process(self, request, batches, meta, staging):
        runner = FlowRunContext.get().task_runner  # on Dask a batch runs in a Dask worker: one paper at a time
        pool_size = 1 if type(runner).__name__ == "DaskTaskRunner" else request.workers
        _PROGRESS.update({request.run_id: self.board} if self.board else {})
        started, work = time.perf_counter(), 0.0
        try:
            futures = [batch_task.submit(batch, {j.doc_id: meta[j.doc_id] for j in batch if j.doc_id in meta},
                                         str(staging), pool_size, request.limits, request.run_id,
                                         f"papers-{i}-of-{len(batches)}", request.settings)
                       for i, batch in enumerate(batches, 1)]
            for future in as_completed(futures):
                outcomes = future.result()
                work += sum(o.duration_s for o in outcomes)
                yield outcomes
        except TerminationSignal:
            # SIGTERM: Prefect's handler raised this here, where the run waits on the batches; stop the workers
            # as Ctrl-C does, or the task runner would wait for them (up to --paper-seconds) before the command
            # hears of it (Prefect then passes SIGTERM on: extract.cli says `terminated`, exit 143)
            terminate_shared_pools()
            raise
        finally:
            _PROGRESS.pop(request.run_id, None)
        self.note(f"papers: {sum(map(len, batches))} processed in {len(batches)} batch(es), "
                  f"{work:.2f}s of paper work on {pool_size} worker(s)", started)

    def check(self, outcomes):
        started = time.perf_counter()
        outcomes = check_task(outcomes)
        self.note(f"check: {sum(o.status == 'ok' for o in outcomes)} paper(s) ok", started)
        return outcomes

    def publish(self, request, outcomes, present):
        started = time.perf_counter()
        manifest = publish_task(request, outcomes, present)
        self.note(f"publish: {request.out_dir}", started)
        self.close()
        return manifest

    def close(self) -> None:
        if self.board:
            self.board.close()

    def paper_done(self, outcome):
        if self.board:
            self.board.report(outcome)
        if outcome.status == "failed":
            paper_failed_task(outcome.doc_id, outcome.error, return_state=True)

    def paper_rejected(self, outcome):
        paper_failed_task(outcome.doc_id, outcome.error, return_state=True)


def flow_run_name() -> str:
    from prefect.runtime import flow_run

    return flow_run.parameters.get("run_id") or lib.new_run_id()


@flow(name="papers", flow_run_name=flow_run_name, log_prints=False, validate_parameters=False)
def papers_flow(raw_dir: str = "raw", out_dir: str = "output", only: list[str] | None = None, force: bool = False,
                run_id: str | None = None, progress: bool | str = False, workers: int = 1,
                paper_seconds: float | None = None, paper_memory_mb: int | None = None, rebuild: bool = False,
                settings_file: str | None = None, strict: bool = False, verify_output: bool = False):
    """A RunRequest's fields as JSON parameters (what a deployment or the UI sets); progress: what the
    terminal shows (True or a mode of flows.progress: lines, bar, quiet, verbose, bar+verbose). Returns
    {"manifest", "outcomes"}, the data of a Completed state, or a Failed one if a paper failed."""
    from prefect.runtime import flow_run

    request = lib.RunRequest(raw_dir, out_dir, tuple(only or ()), force, rebuild, run_id or flow_run.name, workers,
                             PaperLimits.given(paper_seconds, paper_memory_mb), settings_file, strict,
                             verify_output)
    steps = FlowSteps(progress)
    try:
        result = lib.run_sequence(request, steps)
    finally:
        steps.close()  # the bar ends before the summary, or the error, is printed
    create_markdown_artifact(markdown=lib.summary_markdown(result), key=SUMMARY_ARTIFACT,
                             description=f"papers run {result.run_id}")
    data, n = {"manifest": result.manifest, "outcomes": result.outcomes}, len(result.outcomes)
    if result.failed:
        message = f"{len(result.failed)} of {n} paper(s) failed: {', '.join(result.failed)}"
        get_run_logger().error(message)
        return Failed(message=message, data=data)
    get_run_logger().info(f"{n} paper(s) ok or cached")
    return Completed(message=f"{n} paper(s) ok or cached", data=data)
