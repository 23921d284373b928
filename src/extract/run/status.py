"""Each paper's latest status, computed when asked from the published output (runs + quality_flags).

`runs` is the history (one row per paper per run); a paper's latest row is the one of its latest
run (`started_at`, then `run_id`, both rising with time). Its quality flags are those of the rows
out/ holds now: a failed paper keeps its earlier rows, so its counts are those of its last good run.
Nothing is stored: the status is read from what a run published, so it cannot disagree with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..storage import read_dataset, read_snapshot


@dataclass(frozen=True)
class PaperStatus:
    doc_id: str
    run_id: str
    status: str  # ok, failed or cached (the latest run's word for the paper)
    error: str | None
    warnings: int  # quality flags of severity warning in the current rows
    errors: int  # quality flags of severity error

    @property
    def needs_a_look(self) -> bool:
        return self.status == "failed" or self.warnings > 0 or self.errors > 0


def paper_status(out_dir: Path, doc_ids: set[str] | None = None) -> list[PaperStatus]:
    """One PaperStatus per paper the runs have seen (or those of doc_ids), sorted by doc_id."""
    snapshot = read_snapshot(out_dir)
    runs = read_dataset(out_dir, "runs", doc_ids, snapshot)
    if runs.empty:
        return []
    latest = runs.sort_values(["started_at", "run_id"], kind="stable").drop_duplicates("doc_id", keep="last")
    flags = read_dataset(out_dir, "quality_flags", doc_ids, snapshot)
    counts = flags.groupby(["doc_id", "severity"]).size().to_dict()
    return [PaperStatus(row.doc_id, row.run_id, row.status, None if _missing(row.error) else row.error,
                        int(counts.get((row.doc_id, "warning"), 0)), int(counts.get((row.doc_id, "error"), 0)))
            for row in latest.sort_values("doc_id").itertuples()]


def _missing(value) -> bool:
    return bool(pd.isna(value))


def status_line(status: PaperStatus, width: int = 0) -> str:
    """`doc_id  status  warn N  err N  run RUN_ID` and, when it failed, `  error: ...`."""
    line = (f"{status.doc_id:<{width}}  {status.status:<7}  warn {status.warnings:>3}  err {status.errors:>3}  "
            f"run {status.run_id}")
    return line + (f"  error: {status.error}" if status.error else "")
