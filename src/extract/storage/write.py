"""Writing a whole set of datasets at once: check every one, then publish them as a new version.

A run publishes through `storage.publish` (only what changed); this writes frames that hold every
paper, e.g. in tests and tools. A failed check writes nothing.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..schema.checks import validate_all
from ..schema.datasets import DATASETS, conform
from . import MANIFEST, output_lock, publish, read_all, read_dataset, remove_staging, stage_paper, staging_dir

__all__ = ["MANIFEST", "read_all", "read_dataset", "write_all"]


def write_all(out_dir: Path, frames: dict[str, pd.DataFrame], run_id: str, pipeline_version: str | None = None) -> dict:
    """Check every dataset, then make them the whole content of out_dir. Returns the manifest.

    Raises checks.CheckError before anything is written when a check fails. The `runs` rows must
    all belong to run_id (a version adds one run's history).
    """
    frames = {name: conform(name, frames[name]) for name in DATASETS}
    validate_all(frames)
    if set(frames["runs"]["run_id"]) - {run_id}:
        raise ValueError(f"runs rows of another run than {run_id}")
    out_dir = Path(out_dir)
    doc_ids = set(frames["documents"]["doc_id"])
    with output_lock(out_dir):
        staging = staging_dir(out_dir, run_id)
        try:
            staged = {doc_id: stage_paper(staging, doc_id, {name: frame[frame["doc_id"] == doc_id]
                                                            for name, frame in frames.items()
                                                            if name not in ("runs", "works")})
                      for doc_id in sorted(doc_ids)}
            return publish(out_dir, run_id, staged, frames["runs"].to_dict("records"), present=doc_ids,
                           pipeline_version=pipeline_version)
        finally:
            remove_staging(staging)
