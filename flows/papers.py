"""The Prefect flow: plan, process each paper (a task per paper), write once.

Thin by design: every step is a call into the `extract` library.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, task

from extract.run import (
    STAGING_DIR,
    PaperJob,
    PaperOutcome,
    load_manifest,
    new_run_id,
    plan_run,
    progress_line,
    remove_staging,
    run_paper,
    write_run,
)
from extract.storage import output_lock


@task(name="process-paper", task_run_name="process-{job.doc_id}")
def process_paper_task(job: PaperJob, meta: dict, staging_dir: str) -> PaperOutcome:
    return run_paper(job, meta, Path(staging_dir))


@flow(name="papers", log_prints=False, validate_parameters=False)
def papers_flow(raw_dir: str = "raw", out_dir: str = "output", only: list[str] | None = None,
                force: bool = False, run_id: str | None = None, progress: bool = False,
                rebuild: bool = False) -> dict:
    """Run the pipeline over raw_dir into out_dir; returns the manifest and the per-paper outcomes.

    progress: print a line per paper as it finishes (the command line does).
    rebuild: process every paper again and rebuild out_dir (one that was changed by hand too).
    """
    with output_lock(Path(out_dir)):  # one run at a time per output directory, planning included
        return _run(raw_dir, out_dir, only, force, run_id or new_run_id(), progress, rebuild)


def _run(raw_dir, out_dir, only, force, run_id, progress, rebuild) -> dict:
    jobs = plan_run(Path(raw_dir), Path(out_dir), only, force, rebuild)
    meta = load_manifest(Path(raw_dir))
    staging = Path(out_dir) / STAGING_DIR / run_id
    futures = [process_paper_task.submit(job, meta.get(job.doc_id, {}), str(staging)) for job in jobs]
    outcomes = []
    for future in futures:
        outcome = future.result()
        outcomes.append(outcome)
        if progress:
            print(progress_line(outcome, len(outcomes), len(jobs)), flush=True)
    try:
        manifest = write_run(Path(out_dir), outcomes, run_id, not only, {j.doc_id for j in jobs}, rebuild)
    finally:
        remove_staging(staging)
    return {"manifest": manifest, "outcomes": outcomes}
