"""Checks over what a run changed: the staged papers, in batches, never the rows carried over.

Every key and every foreign key of the datasets includes doc_id (runs aside, which holds one file
per run), so the rows of a set of papers can be checked apart from all other papers' rows: a check
over the changed papers is a check over the whole output.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..checks import CheckError, find_failures
from ..schema import DATASETS
from .staging import staged_frames

CHECK_BATCH_PAPERS = 200  # papers checked per pandera call: its fixed cost per call outweighs a paper's


def _merge(papers: dict[str, dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    merged = {}
    for name in DATASETS:
        if name == "runs":
            merged[name] = DATASETS[name].empty_frame()
            continue
        parts = [frames[name] for frames in papers.values() if len(frames[name])]
        merged[name] = pd.concat(parts, ignore_index=True) if parts else DATASETS[name].empty_frame()
    return merged


def foreign_rows(doc_id: str, frames: dict[str, pd.DataFrame]) -> str | None:
    """A staged paper holding rows of another doc_id (a pipeline bug) cannot be checked apart."""
    for name, frame in frames.items():
        others = sorted(set(frame["doc_id"].dropna()) - {doc_id}) if len(frame) else []
        if others:
            return f"check failed: {name}.doc_id: rows of another paper ({', '.join(others[:3])})"
    return None


def check_frames(papers: dict[str, dict[str, pd.DataFrame]]) -> dict[str, str]:
    """Papers' conformed frames -> {doc_id: one-line reason} for the papers whose rows fail a check.

    A failure not tied to any paper's rows raises CheckError (the write must not go on).
    """
    failed = {}
    for doc_id, frames in papers.items():
        reason = foreign_rows(doc_id, frames)
        if reason:
            failed[doc_id] = reason
    papers = {d: f for d, f in papers.items() if d not in failed}
    while papers:
        merged = _merge(papers)
        failures = find_failures(merged)
        if not failures:
            break
        culprits = {doc for f in failures for doc in f.doc_ids(merged)} & set(papers)
        if not culprits:
            raise CheckError(failures)
        for doc_id in sorted(culprits):
            reasons = [f.for_paper(merged, doc_id) for f in failures if doc_id in f.doc_ids(merged)]
            failed[doc_id] = "check failed: " + "; ".join(reasons)
            del papers[doc_id]
    return failed


def check_staged(staged: dict[str, Path], batch: int = CHECK_BATCH_PAPERS) -> dict[str, str]:
    """Check staged papers ({doc_id: staged dir}) in batches; {doc_id: one-line reason} for each failure."""
    failed: dict[str, str] = {}
    doc_ids = sorted(staged)
    for start in range(0, len(doc_ids), batch):
        chunk = doc_ids[start:start + batch]
        failed.update(check_frames({d: staged_frames(staged[d]) for d in chunk}))
    return failed
