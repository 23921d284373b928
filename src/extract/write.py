"""Reading and atomically replacing the datasets in an output directory.

Every dataset is written to a temporary file in the output directory, then
renamed into place, only after every check over every dataset has passed;
`_manifest.json` is written last. A failed check writes nothing.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from .checks import validate_all
from .schema import DATASETS, SCHEMA_VERSION, conform, to_arrow
from .text import sha256_file

MANIFEST = "_manifest.json"


def dataset_path(out_dir: Path, name: str) -> Path:
    return Path(out_dir) / f"{name}.parquet"


def read_dataset(out_dir: Path, name: str) -> pd.DataFrame:
    """A dataset from out_dir with the declared dtypes; the empty frame when absent."""
    path = dataset_path(out_dir, name)
    if not path.exists():
        return DATASETS[name].empty_frame()
    table = pq.read_table(path)
    frame = table.to_pandas(types_mapper={
        f.arrow_type: f.pandas_dtype for f in DATASETS[name].fields if f.type not in ("string_list",)
    }.get)
    for f in DATASETS[name].fields:  # Arrow lists come back as arrays: every list column as Python lists
        if f.type == "string_list" and f.name in frame:
            frame[f.name] = frame[f.name].map(lambda v: None if v is None else list(v))
    return conform(name, frame)


def read_all(out_dir: Path) -> dict[str, pd.DataFrame]:
    return {name: read_dataset(out_dir, name) for name in DATASETS}


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_all(out_dir: Path, frames: dict[str, pd.DataFrame], run_id: str, pipeline_version: str) -> dict:
    """Check every dataset, then write them all and the manifest. Returns the manifest.

    Raises checks.CheckError before anything is written when a check fails.
    """
    frames = {name: conform(name, frames[name]) for name in DATASETS}
    validate_all(frames)
    return write_checked(out_dir, frames, run_id, pipeline_version)


def write_checked(out_dir: Path, frames: dict[str, pd.DataFrame], run_id: str, pipeline_version: str) -> dict:
    """Write datasets that already passed every check (conformed frames), then the manifest."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    temps: dict[str, Path] = {}
    try:
        for name, frame in frames.items():
            fd, tmp_name = tempfile.mkstemp(dir=out_dir, prefix=f".{name}.", suffix=".parquet.tmp")
            os.close(fd)
            temps[name] = Path(tmp_name)
            pq.write_table(to_arrow(name, frame), tmp_name, compression="zstd")
        for name, tmp in temps.items():
            os.replace(tmp, dataset_path(out_dir, name))
    finally:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
    manifest = {
        "run_id": run_id,
        "schema_version": SCHEMA_VERSION,
        "pipeline_version": pipeline_version,
        "datasets": {
            name: {"file": dataset_path(out_dir, name).name, "rows": len(frames[name]),
                   "sha256": sha256_file(dataset_path(out_dir, name))}
            for name in DATASETS
        },
    }
    _atomic_write_bytes(out_dir / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2).encode())
    return manifest
