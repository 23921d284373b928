"""Checks over what a run changed: the staged papers, in batches, never the rows carried over.

Every key and every foreign key of the datasets includes doc_id (runs aside, which holds one file
per run), so the rows of a set of papers can be checked apart from all other papers' rows: a check
over the changed papers is a check over the whole output.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..schema.checks import CheckError, find_failures
from ..schema.datasets import DATASETS
from .layout import CORPUS_WIDE
from .read import to_frame
from .staging import staged_table

CHECK_BATCH_PAPERS = 200  # papers checked per pandera call: its fixed cost per call outweighs a paper's


def foreign_rows(doc_id: str, tables: dict[str, pa.Table]) -> str | None:
    """A staged paper holding rows of another doc_id (a pipeline bug) cannot be checked apart."""
    for name, table in tables.items():
        others = sorted(set(pc.unique(table["doc_id"]).to_pylist()) - {doc_id})
        if others:
            return f"check failed: {name}.doc_id: rows of another paper ({', '.join(map(str, others[:3]))})"
    return None


def check_frames(frames: dict[str, pd.DataFrame], doc_ids: set[str]) -> dict[str, str]:
    """Checked frames of the papers doc_ids -> {doc_id: one-line reason} for the papers whose rows fail.

    A failing paper's rows are set apart and the rest checked again, until what is left passes.
    A failure not tied to any of these papers' rows raises CheckError (the write must not go on).
    """
    failed: dict[str, str] = {}
    while failures := find_failures(frames):
        culprits = {doc for f in failures for doc in f.doc_ids(frames)} & (doc_ids - set(failed))
        if not culprits:
            raise CheckError(failures)
        for doc_id in sorted(culprits):
            reasons = [f.for_paper(frames, doc_id) for f in failures if doc_id in f.doc_ids(frames)]
            failed[doc_id] = "check failed: " + "; ".join(reasons)
        frames = {name: frame[~frame["doc_id"].isin(culprits)].reset_index(drop=True)
                  if "doc_id" in frame.columns else frame for name, frame in frames.items()}
    return failed


def check_staged(staged: dict[str, Path], batch: int = CHECK_BATCH_PAPERS) -> dict[str, str]:
    """Check staged papers ({doc_id: staged dir}) in batches; {doc_id: one-line reason} for each failure."""
    failed: dict[str, str] = {}
    doc_ids = sorted(staged)
    names = [name for name in DATASETS if name not in ("runs", *CORPUS_WIDE)]
    for start in range(0, len(doc_ids), batch):
        tables = {d: {name: staged_table(staged[d], name) for name in names} for d in doc_ids[start:start + batch]}
        for doc_id, paper in tables.items():
            reason = foreign_rows(doc_id, paper)
            if reason:
                failed[doc_id] = reason
        sound = [d for d in tables if d not in failed]
        frames = {name: to_frame(name, pa.concat_tables([tables[d][name] for d in sound]))
                  if sound else DATASETS[name].empty_frame() for name in names}
        frames.update({name: DATASETS[name].empty_frame() for name in ("runs", *CORPUS_WIDE)})
        failed.update(check_frames(frames, set(sound)))
    return failed
