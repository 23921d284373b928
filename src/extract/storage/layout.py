"""Where things are: `output` is a link to the current version, kept beside it in `.output.papers/`.

    output -> .output.papers/versions/<version>      the one switch: a temp link renamed over it
    .output.papers/versions/<version>/_manifest.json
    .output.papers/versions/<version>/<dataset>/part-NNNN.parquet  rows of the papers whose doc_id hashes to NNNN
    .output.papers/versions/<version>/runs/run-<run_id>.parquet   one file per run (append-only history)
    .output.papers/versions/<version>/works/corpus.parquet       built from all references at each publish
    .output.papers/staging/<run_id>/<doc_id>/<dataset>.arrow     a paper's rows between processing and publishing
    .output.papers/lock                               held by the run in progress

The state directory is named after the output (`--out data/out` keeps `data/.out.papers/`), beside it,
so a recursive glob of the output (`output/**/*.parquet` in DuckDB or polars, `pd.read_parquet`)
reaches the current version's files only, each once.

The layout of pipeline 0.2 (LEGACY_VERSIONED) is read as it is: output/ a directory holding
`current -> .versions/<version>` and a link per dataset. The first publish moves to this layout.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

MANIFEST = "_manifest.json"
VERSIONS = "versions"
STAGING = "staging"
LOCK = "lock"
TEMP_PREFIX = ".tmp-"  # anything starting with it is a half-written file or link a killed run left
LAYOUT_FORMAT = 2  # 1 was one output/<dataset>.parquet per dataset, rewritten in place
PARTITION_BY_RUN = ("runs",)  # append-only: one file per run instead of doc_id buckets
CORPUS_WIDE = ("works",)  # built from every paper's rows at each publish (works.py): one file, no buckets
CORPUS_PART = "corpus.parquet"
EMPTY_PART = "part-empty.parquet"  # schema only: readers need one file to know an empty dataset's columns
# the layout of pipeline 0.2, inside output/ itself
CURRENT = "current"
LEGACY_VERSIONS = ".versions"
LEGACY_STAGING = ".staging"
LEGACY_LOCK = ".lock"


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


def output_path(out_dir: Path) -> Path:
    """The output's own path, absolute, its last link not followed (`.` and `out/` name the same output)."""
    return Path(os.path.abspath(out_dir))


def state_name(out_dir: Path) -> str:
    return f".{output_path(out_dir).name}.papers"


def state_dir(out_dir: Path) -> Path:
    """Where the versions, the staging and the lock of out_dir live: beside it, out of its globs."""
    out = output_path(out_dir)
    return out.parent / state_name(out)


def link_target(out_dir: Path, version: str) -> str:
    """What the output link holds for a version: relative, so the pair can be moved together."""
    return f"{state_name(out_dir)}/{VERSIONS}/{version}"


def is_legacy(out_dir: Path) -> bool:
    """out_dir has the layout of pipeline 0.2 (a directory holding `current`)."""
    out = Path(out_dir)
    return not out.is_symlink() and (out / CURRENT).is_symlink()


def versions_root(out_dir: Path) -> Path:
    return Path(out_dir) / LEGACY_VERSIONS if is_legacy(out_dir) else state_dir(out_dir) / VERSIONS


def version_dir(out_dir: Path, version: str) -> Path:
    return versions_root(out_dir) / version


def current_version(out_dir: Path) -> str | None:
    """The version the output link points to (or 0.2's `current`), None before the first publish."""
    out = Path(out_dir)
    try:
        if out.is_symlink():
            head, name = os.path.split(os.readlink(out))
            return name if head == f"{state_name(out)}/{VERSIONS}" and name else None
        head, name = os.path.split(os.readlink(out / CURRENT))
    except OSError:
        return None
    return name if head == LEGACY_VERSIONS and name else None


def staging_dir(out_dir: Path, run_id: str) -> Path:
    return state_dir(out_dir) / STAGING / run_id


def lock_path(out_dir: Path) -> Path:
    return state_dir(out_dir) / LOCK
