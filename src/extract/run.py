"""A run over raw/: which papers, each paper alone, then one checked write.

The Prefect flow in flows/ wires these functions together; they are plain and
run without Prefect too. Papers are processed independently (one bad paper
fails alone) and staged as files, so that workers on other machines can do
them; the write merges the staged papers with what out/ already holds.
"""

from __future__ import annotations

import csv
import os
import pickle
import secrets
import time
import traceback
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from . import __version__
from .checks import CheckError, find_failures
from .formats import input_format
from .paper import PaperError, process_paper
from .schema import DATASETS, conform
from .text import sha256_bytes
from .write import read_all, read_dataset, write_checked

MANIFEST_FILE = "manifest.csv"
MANIFEST_COLUMNS = ("doc_id", "title", "journal", "year", "source_url", "licence")
STAGING_DIR = ".staging"


class RunError(ValueError):
    """The run cannot start (bad arguments, missing raw directory)."""


@dataclass
class PaperJob:
    doc_id: str
    path: str
    source_sha256: str | None
    cached: bool = False


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
    note = f"  {outcome.error}" if outcome.error else ""
    return f"[{done}/{total}] {outcome.doc_id}: {outcome.status} ({outcome.duration_s:.2f}s){note}"


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def discover_papers(raw_dir: Path, only: list[str] | None = None) -> list[Path]:
    """Paper files in raw_dir, sorted by doc_id; `only` restricts to those doc_ids."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise RunError(f"raw directory not found: {raw_dir}")
    papers = sorted(p for p in raw_dir.iterdir()
                    if p.is_file() and input_format(p) and not p.name.startswith("."))
    stems = [p.stem for p in papers]
    duplicated = sorted({s for s in stems if stems.count(s) > 1})
    if duplicated:
        raise RunError(f"two source files share a doc_id in {raw_dir}: {', '.join(duplicated)}")
    if only:
        unknown = sorted(set(only) - set(stems))
        if unknown:
            raise RunError(f"--only names no paper in {raw_dir}: {', '.join(unknown)}")
        papers = [p for p in papers if p.stem in set(only)]
    return papers


def load_manifest(raw_dir: Path) -> dict[str, dict]:
    """Optional raw/manifest.csv: what a file does not say (title, journal, year, source_url, licence)."""
    path = Path(raw_dir) / MANIFEST_FILE
    if not path.exists():
        return {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        unknown = set(reader.fieldnames or ()) - set(MANIFEST_COLUMNS)
        if "doc_id" not in (reader.fieldnames or ()) or unknown:
            raise RunError(f"{path}: columns must be among {', '.join(MANIFEST_COLUMNS)} with doc_id "
                           f"(found {', '.join(reader.fieldnames or ())})")
        entries = {}
        for line_no, row in enumerate(reader, start=2):
            meta: dict[str, Any] = {k: (v.strip() or None) for k, v in row.items() if v is not None}
            if meta.get("year"):
                if not meta["year"].isdigit():
                    raise RunError(f"{path}:{line_no}: year must be a number, got {meta['year']!r}")
                meta["year"] = int(meta["year"])
            entries[meta["doc_id"]] = meta
    return entries


def plan_run(raw_dir: Path, out_dir: Path, only: list[str] | None = None, force: bool = False) -> list[PaperJob]:
    """One job per paper; a paper whose bytes and pipeline version match the output is cached."""
    done = {}
    if not force:
        documents = read_dataset(Path(out_dir), "documents")
        done = dict(zip(documents["doc_id"], zip(documents["source_sha256"], documents["pipeline_version"])))
    jobs = []
    for path in discover_papers(raw_dir, only):
        try:
            sha = sha256_bytes(path.read_bytes())
        except OSError:
            sha = None
        jobs.append(PaperJob(path.stem, str(path), sha, cached=done.get(path.stem) == (sha, __version__)))
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
    try:
        frames = paper_frames(process_paper(Path(job.path), meta))
    except Exception as exc:  # noqa: BLE001 - one bad paper must not sink the run
        return PaperOutcome(job.doc_id, "failed", started, time.perf_counter() - clock, job.source_sha256,
                            error=one_line(exc))
    staging_dir = Path(staging_dir)
    staging_dir.mkdir(parents=True, exist_ok=True)
    staged = staging_dir / f"{job.doc_id}.pkl"
    with open(staged, "wb") as fh:
        pickle.dump(frames, fh)
    flags = frames["quality_flags"]["severity"].value_counts().to_dict()
    return PaperOutcome(job.doc_id, "ok", started, time.perf_counter() - clock, job.source_sha256,
                        staged=str(staged), counts={n: len(f) for n, f in frames.items() if n != "runs"},
                        flags={str(k): int(v) for k, v in flags.items()})


def merge_outputs(existing: dict[str, pd.DataFrame], outcomes: list[PaperOutcome], run_id: str,
                  keep_doc_ids: set[str] | None) -> dict[str, pd.DataFrame]:
    """Existing datasets with the papers of this run replaced; failed papers keep their old rows.

    keep_doc_ids: on a full run, the papers still in raw/ (rows of others are dropped);
    None on a partial (--only) run, which keeps every other paper's rows.
    """
    fresh = [o for o in outcomes if o.status == "ok"]
    replaced = {o.doc_id for o in fresh}
    staged = []
    for outcome in fresh:
        assert outcome.staged is not None  # an ok outcome always has its rows staged
        with open(outcome.staged, "rb") as fh:
            staged.append(pickle.load(fh))
    merged = {}
    for name in DATASETS:
        if name == "runs":
            continue
        old = existing[name]
        keep = ~old["doc_id"].isin(replaced)
        if keep_doc_ids is not None:
            keep &= old["doc_id"].isin(keep_doc_ids)
        parts = [old[keep]] + [frames[name] for frames in staged]
        parts = [p for p in parts if len(p)]
        merged[name] = conform(name, pd.concat(parts, ignore_index=True) if parts else DATASETS[name].empty_frame())
        merged[name] = merged[name].sort_values(list(DATASETS[name].key), kind="stable").reset_index(drop=True)
    runs = [{
        "run_id": run_id, "doc_id": o.doc_id, "status": o.status, "error": o.error,
        "duration_s": round(o.duration_s, 4), "started_at": o.started_at,
        "source_sha256": o.source_sha256, "pipeline_version": __version__,
    } for o in outcomes]
    old_runs = existing["runs"]
    merged["runs"] = conform("runs", pd.concat([old_runs, conform("runs", runs)], ignore_index=True)
                             if len(old_runs) else runs)
    return merged


def write_run(out_dir: Path, outcomes: list[PaperOutcome], run_id: str, full_run: bool,
              present_doc_ids: set[str]) -> dict:
    """Merge the staged papers into out_dir, check everything, write atomically; returns the manifest.

    A paper of this run whose rows fail a check is marked failed (its earlier rows
    are kept) and the rest is written; a failure in rows no paper of this run
    wrote (earlier output) stops the write.
    """
    out_dir = Path(out_dir)
    existing = read_all(out_dir)
    keep = present_doc_ids if full_run else None
    merged = merge_outputs(existing, outcomes, run_id, keep)
    fresh = {o.doc_id: o for o in outcomes if o.status == "ok"}
    while failures := find_failures(merged):
        culprits = {doc for f in failures for doc in f.doc_ids(merged)} & set(fresh)
        if not culprits:
            raise CheckError(failures)
        for doc_id in sorted(culprits):
            reasons = [f.for_paper(merged, doc_id) for f in failures if doc_id in f.doc_ids(merged)]
            fresh.pop(doc_id).mark_failed("check failed: " + "; ".join(reasons))
        merged = merge_outputs(existing, outcomes, run_id, keep)
    return write_checked(out_dir, merged, run_id, __version__)  # the loop above just checked everything


def remove_staging(staging_dir: Path) -> None:
    staging_dir = Path(staging_dir)
    if staging_dir.is_dir():
        for item in staging_dir.iterdir():
            item.unlink(missing_ok=True)
        os.rmdir(staging_dir)
        parent = staging_dir.parent
        if parent.name == STAGING_DIR and not any(parent.iterdir()):
            os.rmdir(parent)


def run_papers(raw_dir: Path, out_dir: Path, only: list[str] | None = None, force: bool = False,
               run_id: str | None = None) -> tuple[dict, list[PaperOutcome]]:
    """The whole run without Prefect (used by tests of the library and by the benchmark)."""
    run_id = run_id or new_run_id()
    jobs = plan_run(raw_dir, out_dir, only, force)
    manifest_meta = load_manifest(raw_dir)
    staging = Path(out_dir) / STAGING_DIR / run_id
    outcomes = [run_paper(job, manifest_meta.get(job.doc_id, {}), staging) for job in jobs]
    try:
        manifest = write_run(out_dir, outcomes, run_id, not only, {j.doc_id for j in jobs})
    finally:
        remove_staging(staging)
    return manifest, outcomes
