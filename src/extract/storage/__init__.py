"""Versioned, partitioned datasets in an output directory; see layout.py for the files.

The seams a run is wired from (plain functions; the Prefect flow makes tasks of them):
    output_lock(out)            hold out/ for one run; removes what killed runs left
    read_snapshot(out)          the current version and its manifest (OutputError when unusable)
    verify(snapshot)            OutputError when out/ differs from its manifest (run start)
    stage_paper(dir, id, frames)   a worker stages a paper's rows (any process or machine sharing dir)
    staged_leftovers(out, run)  papers staged by stopped runs, with their inputs; take_staged moves one
    check_staged({id: dir})     {doc_id: one-line reason} for the staged papers failing a check
    publish(out, run_id, ...)   merge into a new version, switch in one step; returns the manifest
    validate_output(out)        every problem, one line each (`papers validate`)
"""

from .check import check_staged
from .layout import MANIFEST, bucket_of, staging_dir
from .lock import output_lock
from .manifest import OutputError, Snapshot, read_snapshot, verify
from .publish import StorageSettings, publish
from .read import read_all, read_dataset, read_table
from .staging import (
    read_staged_record,
    remove_all_staging,
    remove_staging,
    stage_paper,
    staged_frames,
    staged_leftovers,
    take_staged,
)
from .validate import validate_output

__all__ = [
    "MANIFEST", "OutputError", "Snapshot", "StorageSettings", "bucket_of", "check_staged", "output_lock",
    "publish", "read_all", "read_dataset", "read_snapshot", "read_staged_record", "read_table",
    "remove_all_staging", "remove_staging", "stage_paper", "staged_frames", "staged_leftovers", "staging_dir",
    "take_staged", "validate_output", "verify",
]
