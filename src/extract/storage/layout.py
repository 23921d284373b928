"""Where things are in an output directory.

    output/
      current -> .versions/<version>        the one switch: replaced by a single rename
      _manifest.json -> current/_manifest.json
      <dataset> -> current/<dataset>         e.g. output/paragraphs/part-0017.parquet
      .versions/<version>/_manifest.json
      .versions/<version>/<dataset>/part-NNNN.parquet  rows of the papers whose doc_id hashes to NNNN
      .versions/<version>/runs/run-<run_id>.parquet   one file per run (append-only history)
      .staging/<run_id>/<doc_id>/<dataset>.arrow     a paper's rows between processing and publishing
      .lock                                  held by the run in progress
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

CURRENT = "current"
MANIFEST = "_manifest.json"
VERSIONS = ".versions"
STAGING = ".staging"
LOCK = ".lock"
TEMP_PREFIX = ".tmp-"  # anything starting with it is a half-written file or link a killed run left
LAYOUT_FORMAT = 2  # 1 was one output/<dataset>.parquet per dataset, rewritten in place
PARTITION_BY_RUN = ("runs",)  # append-only: one file per run instead of doc_id buckets
EMPTY_PART = "part-empty.parquet"  # schema only: readers need one file to know an empty dataset's columns


def bucket_of(doc_id: str, buckets: int) -> int:
    """The bucket a paper's rows live in, in every dataset: stable across runs, machines and Pythons."""
    digest = hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % buckets


def bucket_part(bucket: int) -> str:
    return f"part-{bucket:04d}.parquet"


def run_part(run_id: str) -> str:
    return f"run-{run_id}.parquet"


def part_bucket(file_name: str) -> int | None:
    """The bucket of a part file name; None for an empty or a per-run part."""
    stem = file_name.removesuffix(".parquet")
    if stem.startswith("part-") and stem[5:].isdigit():
        return int(stem[5:])
    return None


def version_dir(out_dir: Path, version: str) -> Path:
    return Path(out_dir) / VERSIONS / version


def current_version(out_dir: Path) -> str | None:
    """The version `current` points to, or None before the first publish."""
    try:
        target = os.readlink(Path(out_dir) / CURRENT)
    except (FileNotFoundError, OSError):
        return None
    head, name = os.path.split(target)
    return name if head == VERSIONS and name else None


def staging_dir(out_dir: Path, run_id: str) -> Path:
    return Path(out_dir) / STAGING / run_id
