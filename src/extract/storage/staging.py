"""A paper's rows between processing and publishing: `.output.papers/staging/<run_id>/<doc_id>/<dataset>.arrow`.

A worker (thread, process, or machine sharing the directory) writes a paper's Arrow IPC files and
`_paper.json` (the inputs it was processed from: source sha256, pipeline version, manifest row; its
row counts) into a temp directory and renames it to `<doc_id>`: a staged paper is whole or absent,
never half there. A run that is stopped or killed leaves its staged papers: the next run takes over
those whose inputs are unchanged (`staged_leftovers`, `take_staged`) and removes the rest once it has
published. Not fsynced: after a machine crash a staged file may be damaged, which the check of the
run taking it over finds (the paper then fails that run and is processed by the next).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa

from ..schema.datasets import DATASETS, to_arrow
from .crashpoints import crash_point
from .durable import make_dir, remove_tree, write_new_file
from .layout import CORPUS_WIDE, STAGING, TEMP_PREFIX, state_dir
from .read import declared_table, empty_table, to_frame

STAGED_SUFFIX = ".arrow"
RECORD = "_paper.json"  # the inputs a staged paper was processed from, and its counts


def _ipc_bytes(table: pa.Table) -> bytes:
    # column descriptions are put back on reading (declared_table): a third of a small file's bytes
    table = table.cast(pa.schema([f.remove_metadata() for f in table.schema]))
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def stage_paper(staging_dir: Path, doc_id: str, frames: dict[str, pd.DataFrame], record: dict | None = None) -> Path:
    """Stage one paper's conformed frames (every dataset but runs); returns the paper's staged directory.

    record: what the paper was processed from (source_sha256, pipeline_version, manifest_row) and its
    counts, kept in `_paper.json` so that a later run can take the paper over."""
    return stage_tables(staging_dir, doc_id, {name: to_arrow(name, frame) for name, frame in frames.items()
                                              if name not in ("runs", *CORPUS_WIDE)
                                              and (len(frame) or name == "documents")}, record)


def stage_tables(staging_dir: Path, doc_id: str, tables: dict[str, pa.Table], record: dict | None = None) -> Path:
    """Stage one paper's rows as Arrow tables with the declared schemas (a dataset left out has none)."""
    staging_dir = Path(staging_dir)
    make_dir(staging_dir)
    tmp = staging_dir / f"{TEMP_PREFIX}{doc_id}.{secrets.token_hex(4)}"
    os.mkdir(tmp)
    try:
        for name, table in tables.items():
            write_new_file(tmp / f"{name}{STAGED_SUFFIX}", _ipc_bytes(table), sync=False)
        if record is not None:
            write_new_file(tmp / RECORD, json.dumps(record, sort_keys=True).encode(), sync=False)
        target = staging_dir / doc_id
        remove_tree(target)  # a retried task stages the paper again
        crash_point("stage.before_rename")
        os.rename(tmp, target)
    except BaseException:
        remove_tree(tmp)
        raise
    return target


def staged_table(paper_dir: Path, name: str) -> pa.Table:
    """One dataset's staged rows of a paper (the empty table when the paper has none)."""
    path = Path(paper_dir) / f"{name}{STAGED_SUFFIX}"
    if not path.exists():
        return empty_table(name)
    return declared_table(name, pa.ipc.open_file(pa.BufferReader(path.read_bytes())).read_all())


def staged_frames(paper_dir: Path) -> dict[str, pd.DataFrame]:
    return {name: to_frame(name, staged_table(paper_dir, name)) for name in DATASETS
            if name not in ("runs", *CORPUS_WIDE)}


def read_staged_record(paper_dir: Path) -> dict:
    """A staged paper's `_paper.json` ({} when it has none or it is unreadable)."""
    try:
        record = json.loads((Path(paper_dir) / RECORD).read_bytes())
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


@dataclass(frozen=True)
class Leftover:
    """A paper staged by a run that never published: where, and the inputs it was processed from."""

    path: Path
    key: tuple  # (source_sha256, pipeline_version, manifest_row)


def staged_leftovers(out_dir: Path, run_id: str) -> dict[str, Leftover]:
    """{doc_id: its newest paper staged by other runs} (runs stopped or killed before they published)."""
    found: dict[str, tuple[int, Leftover]] = {}
    root = state_dir(out_dir) / STAGING
    try:
        runs = [e for e in os.scandir(root) if e.is_dir(follow_symlinks=False) and e.name != run_id]
    except OSError:
        return {}
    for run in runs:
        with contextlib.suppress(OSError):
            for entry in os.scandir(run.path):
                if entry.name.startswith(TEMP_PREFIX) or not entry.is_dir(follow_symlinks=False):
                    continue
                record = read_staged_record(Path(entry.path))
                if not record:
                    continue
                key = (record.get("source_sha256"), record.get("pipeline_version"), record.get("manifest_row"))
                mtime = entry.stat(follow_symlinks=False).st_mtime_ns
                if entry.name not in found or found[entry.name][0] < mtime:
                    found[entry.name] = (mtime, Leftover(Path(entry.path), key))
    return {doc_id: leftover for doc_id, (_, leftover) in found.items()}


def take_staged(paper_dir: Path, staging_dir: Path) -> Path:
    """Move a stopped run's staged paper into this run's staging (one rename); returns its new place."""
    staging_dir = Path(staging_dir)
    make_dir(staging_dir)
    target = staging_dir / Path(paper_dir).name
    remove_tree(target)
    os.rename(paper_dir, target)
    return target


def clean_staging(out_dir: Path) -> None:
    """What killed runs left half-staged (temp directories) and runs' staging left empty; whole staged
    papers are kept for the next run to take over."""
    root = state_dir(out_dir) / STAGING
    if not root.is_dir():
        return
    for run in list(root.iterdir()):
        if run.is_dir() and not run.is_symlink():
            for entry in list(run.iterdir()):
                if entry.name.startswith(TEMP_PREFIX):
                    remove_tree(entry)
            with contextlib.suppress(OSError):
                run.rmdir()  # only when empty
        else:
            remove_tree(run)
    with contextlib.suppress(OSError):
        root.rmdir()


def remove_all_staging(out_dir: Path, doc_ids: set[str] | None = None) -> None:
    """After a publish: remove `.staging/` whole (doc_ids None: a full run took over what it could), or
    only these papers' staged directories in every run's staging (a partial run: the others' stay)."""
    root = state_dir(out_dir) / STAGING
    if doc_ids is None:
        remove_tree(root)
        return
    with contextlib.suppress(OSError):
        for run in list(root.iterdir()):
            for doc_id in doc_ids:
                remove_tree(run / doc_id)
            with contextlib.suppress(OSError):
                run.rmdir()  # only when empty
        root.rmdir()


def remove_staging(staging_dir: Path) -> None:
    """Remove a run's staging directory, and `staging/` once it is empty."""
    staging_dir = Path(staging_dir)
    remove_tree(staging_dir)
    parent = staging_dir.parent
    if parent.name == STAGING:
        with contextlib.suppress(OSError):  # another run's staging, or already gone
            parent.rmdir()
