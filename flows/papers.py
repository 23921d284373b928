"""The Prefect flow: the library's run sequence (extract.run.run_sequence) with each step a task.

Prefect shows what happened: task runs `plan`, `papers-i-of-n` (a batch each: ~10 ms a task run),
`failed-<doc_id>` per failed paper (reason in its log), `check`, `publish`; the flow run is named by
runs.run_id, ends Failed when a paper failed, and leaves the Markdown artifact `papers-run-summary`.
What each step logs is the library's (`lib.*_lines`); the terminal's display is flows.progress's.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.exceptions import TerminationSignal
from prefect.futures import as_completed
from prefect.states import Completed, Failed

from extract.run import sequence as lib
from extract.run.workers import PaperLimits, terminate_shared_pools
from flows.progress import ShownSteps, display_of

SUMMARY_ARTIFACT = "papers-run-summary"


def log(lines: list[tuple[int, str]]) -> None:
    for level, line in lines:
        get_run_logger().log(level, line)


@task(name="plan", task_run_name="plan", cache_policy=NO_CACHE)
def plan_task(request: lib.RunRequest) -> lib.RunPlan:
    plan = lib.plan_run(request)
    log(lib.plan_lines(request, plan))
    return plan


@task(name="process-papers", task_run_name="{label}", cache_policy=NO_CACHE)
def batch_task(jobs: list, meta: dict, staging: str, pool_size: int, request: lib.RunRequest, label: str):
    outcomes = lib.run_batch(jobs, meta, Path(staging), lib.shared_paper_pool(pool_size, request.limits),
                             display_of(request.run_id), request.settings)
    log(lib.batch_lines(outcomes))
    return outcomes


@task(name="paper-failed", task_run_name="failed-{doc_id}", cache_policy=NO_CACHE)
def paper_failed_task(doc_id: str, reason: str):
    get_run_logger().error("%s: %s", doc_id, reason)
    return Failed(message=f"{doc_id}: {reason}")


@task(name="check", task_run_name="check", cache_policy=NO_CACHE)
def check_task(outcomes: list) -> list:
    staged = sum(o.status == "ok" for o in outcomes)
    checked = lib.check_outcomes(outcomes)
    log(lib.check_lines(staged, checked))
    return checked


@task(name="publish", task_run_name="publish", cache_policy=NO_CACHE)
def publish_task(request: lib.RunRequest, outcomes: list, present: set[str]) -> dict:
    manifest = lib.publish_outcomes(request, outcomes, present)
    log(lib.publish_lines(request.out_dir, manifest))
    return manifest


class TaskSteps(lib.RunSteps):
    """Each step a task; a failed or rejected paper a failed task run."""

    plan = staticmethod(plan_task)

    def process(self, request, batches, meta, staging):
        runner = FlowRunContext.get().task_runner  # on Dask a batch runs in a Dask worker: one paper at a time
        self.pool_size = 1 if type(runner).__name__ == "DaskTaskRunner" else request.workers
        try:
            futures = [batch_task.submit(batch, {j.doc_id: meta[j.doc_id] for j in batch if j.doc_id in meta},
                                         str(staging), self.pool_size, request, f"papers-{i}-of-{len(batches)}")
                       for i, batch in enumerate(batches, 1)]
            for future in as_completed(futures):
                yield future.result()
        except TerminationSignal:  # SIGTERM, raised where the run waits: stop the workers as Ctrl-C does (exit 143)
            terminate_shared_pools()
            raise

    check = staticmethod(check_task)
    publish = staticmethod(publish_task)

    def paper_done(self, outcome):
        if outcome.status == "failed":
            self.paper_rejected(outcome)

    def paper_rejected(self, outcome):
        paper_failed_task(outcome.doc_id, outcome.error, return_state=True)


class FlowSteps(ShownSteps, TaskSteps):
    """The flow's steps (tasks) with the terminal told of them (flows.progress.ShownSteps)."""


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
    message = lib.result_line(result)
    log([(40 if result.failed else 20, message)])  # ERROR or INFO
    return (Failed if result.failed else Completed)(message=message,
                                                    data={"manifest": result.manifest, "outcomes": result.outcomes})
