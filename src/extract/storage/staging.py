"""A paper's rows between processing and publishing: `.output.papers/staging/<run_id>/<doc_id>/<dataset>.arrow`.

A worker (thread, process, or machine sharing the directory) writes a paper's Arrow IPC files into a
temp directory and renames it to `<doc_id>`: a staged paper is whole or absent, never half there.
Not fsynced: a crash abandons the run's staging anyway (the next run removes it).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

import pandas as pd
import pyarrow as pa

from ..schema import DATASETS, to_arrow
from .crashpoints import crash_point
from .durable import make_dir, remove_tree, write_new_file
from .layout import CORPUS_WIDE, STAGING, TEMP_PREFIX
from .read import declared_table, empty_table, to_frame

STAGED_SUFFIX = ".arrow"


def _ipc_bytes(table: pa.Table) -> bytes:
    # column descriptions are put back on reading (declared_table): a third of a small file's bytes
    table = table.cast(pa.schema([f.remove_metadata() for f in table.schema]))
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def stage_paper(staging_dir: Path, doc_id: str, frames: dict[str, pd.DataFrame]) -> Path:
    """Stage one paper's conformed frames (every dataset but runs); returns the paper's staged directory."""
    return stage_tables(staging_dir, doc_id, {name: to_arrow(name, frame) for name, frame in frames.items()
                                              if name not in ("runs", *CORPUS_WIDE)
                                              and (len(frame) or name == "documents")})


def stage_tables(staging_dir: Path, doc_id: str, tables: dict[str, pa.Table]) -> Path:
    """Stage one paper's rows as Arrow tables with the declared schemas (a dataset left out has none)."""
    staging_dir = Path(staging_dir)
    make_dir(staging_dir)
    tmp = staging_dir / f"{TEMP_PREFIX}{doc_id}.{secrets.token_hex(4)}"
    os.mkdir(tmp)
    try:
        for name, table in tables.items():
            write_new_file(tmp / f"{name}{STAGED_SUFFIX}", _ipc_bytes(table), sync=False)
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


def remove_staging(staging_dir: Path) -> None:
    """Remove a run's staging directory, and `staging/` once it is empty."""
    staging_dir = Path(staging_dir)
    remove_tree(staging_dir)
    parent = staging_dir.parent
    if parent.name == STAGING:
        with contextlib.suppress(OSError):  # another run's staging, or already gone
            parent.rmdir()
