"""`papers validate`: everything wrong with an output directory, one line per problem.

Reads every byte: each file's sha256, Parquet footer, schema and row count against the manifest,
every row in the bucket its doc_id hashes to, then the checks, bucket by bucket (every key
includes doc_id, so a bucket's rows across the datasets can be checked apart from the others').
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..schema.checks import column_failures, find_failures
from ..schema.datasets import DATASETS, SCHEMA_VERSION
from ..text import sha256_bytes
from .check import CHECK_BATCH_PAPERS
from .layout import (
    CORPUS_PART,
    CORPUS_WIDE,
    CURRENT,
    EMPTY_PART,
    MANIFEST,
    bucket_of,
    bucket_part,
    current_version,
    link_target,
    part_bucket,
    version_dir,
)
from .manifest import Snapshot, all_files, manifest_problems, stat_problems
from .read import empty_table, to_frame
from .works import WORK_COLUMNS, build_works


@dataclass
class Validation:
    problems: list[str]
    manifest: dict | None  # None: nothing published in this directory


def _schema_difference(name: str, schema: pa.Schema) -> str | None:
    declared = DATASETS[name].arrow_schema()
    if schema.names != declared.names:
        return f"columns {schema.names} differ from the declared {declared.names}"
    for got, want in zip(schema, declared):
        if not got.type.equals(want.type) and str(got.type).replace("element", "item") != str(want.type):
            return f"column {got.name} is {got.type}, declared {want.type}"
    return None


def _reason(exc: Exception) -> str:
    """An Arrow or OS error in a few words: its first line without the input's name."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    text = re.sub(r"^Could not open Parquet input source '[^']*': ", "", text)[:200]
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _file_problems(snapshot: Snapshot, name: str, file_name: str) -> tuple[list[str], pa.Table | None]:
    """One file read back: one line for its bytes (unreadable, or not those of the manifest), then its
    schema, row count and buckets; the table when it is readable and has the declared schema."""
    where = f"{name}/{file_name}"
    entry = snapshot.files(name)[file_name]
    try:
        data = snapshot.path(name, file_name).read_bytes()
        table = pq.read_table(pa.BufferReader(data), use_threads=False)  # one file at a time: no thread pool work
    except (OSError, pa.ArrowException) as exc:
        return [f"{where}: not readable as Parquet ({_reason(exc)})"], None
    problems = []
    if sha256_bytes(data) != entry["sha256"]:
        size = f" ({len(data)} bytes, {MANIFEST} says {entry['bytes']})" if len(data) != entry["bytes"] else ""
        problems.append(f"{where}: sha256 differs from {MANIFEST}{size}")
    difference = _schema_difference(name, table.schema)
    if difference:
        return problems + [f"{where}: {difference}"], None
    if table.num_rows != entry["rows"]:
        problems.append(f"{where}: {table.num_rows} rows, {MANIFEST} says {entry['rows']}")
    written = (table.schema.metadata or {}).get(b"schema_version", b"none").decode()
    if written != SCHEMA_VERSION:
        problems.append(f"{where}: schema version {written}, this pipeline reads {SCHEMA_VERSION}")
    if name == "runs":
        if file_name != EMPTY_PART and set(table["run_id"].to_pylist()) - {file_name[4:-8]}:
            problems.append(f"{where}: holds rows of another run")
    elif file_name == EMPTY_PART:
        if table.num_rows:
            problems.append(f"{where}: {EMPTY_PART} must hold no rows")
    elif name in CORPUS_WIDE:
        if file_name != CORPUS_PART:
            problems.append(f"{where}: {name} is one file, {CORPUS_PART}")
    else:
        bucket = part_bucket(file_name)
        if bucket is None or bucket >= snapshot.buckets:
            problems.append(f"{where}: not a bucket of this output (buckets 0-{snapshot.buckets - 1})")
        else:
            misplaced = sorted({d for d in table["doc_id"].to_pylist() if bucket_of(d, snapshot.buckets) != bucket})
            if misplaced:
                problems.append(f"{where}: rows of {', '.join(misplaced[:3])} belong to another bucket")
    return problems, table


def _check_problems(frames: dict[str, pd.DataFrame]) -> list[str]:
    lines = []
    for failure in find_failures(frames):
        docs = sorted(failure.doc_ids(frames))
        lines += [f"{doc}: {failure.for_paper(frames, doc)}" for doc in docs] or [str(failure)]
    return lines


def validate_output(out_dir: Path) -> Validation:
    """Every problem of out_dir's current version, one line each (none: it is sound)."""
    out_dir = Path(out_dir)
    version = current_version(out_dir)
    if version is None:
        if out_dir.is_symlink():
            return Validation([f"{out_dir}: a link to {os.readlink(out_dir)}, not to a version "
                               f"({link_target(out_dir, '<version>')})"], {})
        if (out_dir / CURRENT).exists() or (out_dir / CURRENT).is_symlink():
            return Validation([f"{CURRENT}: not a link to a version under .versions/"], {})
        if (out_dir / MANIFEST).is_file():
            return Validation([f"{MANIFEST}: the single-file layout of pipeline 0.1; run "
                               f"`papers run --rebuild` to move to versioned datasets"], {})
        return Validation([], None)
    try:
        manifest = json.loads((version_dir(out_dir, version) / MANIFEST).read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return Validation([f"{MANIFEST}: missing from version {version}"], {})
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return Validation([f"{MANIFEST}: unreadable ({exc})"], {})
    problems = manifest_problems(manifest)
    if any("missing or" in p or "not a JSON" in p for p in problems):
        return Validation(problems, manifest if isinstance(manifest, dict) else {})
    if manifest["version"] != version:
        problems.append(f"{MANIFEST}: version {manifest['version']} but it lies in {version_dir(out_dir, version)}")
    snapshot = Snapshot(out_dir, version, manifest)
    problems += stat_problems(snapshot, sizes=False)[0]  # a file's size is reported with its sha256
    tables: dict[str, dict[str, pa.Table]] = {name: {} for name in DATASETS}
    for name, file_name in all_files(snapshot):
        if (snapshot.dir / name / file_name).is_file():
            found, table = _file_problems(snapshot, name, file_name)
            problems += found
            if table is not None:
                tables[name][file_name] = table
    if problems:
        return Validation(problems, manifest)  # checks over damaged files would only repeat the damage
    for file_name, table in tables["runs"].items():
        problems += [f"runs/{file_name}: {f}" for f in column_failures("runs", to_frame("runs", table))]
    group: list[str] = []  # bucket files checked together: any set of whole buckets is complete
    for bucket in range(snapshot.buckets):
        part = bucket_part(bucket)
        if any(part in tables[name] for name in DATASETS):
            group.append(part)
        papers = sum(tables["documents"][p].num_rows for p in group if p in tables["documents"])
        if group and (papers >= CHECK_BATCH_PAPERS or bucket == snapshot.buckets - 1):
            problems += _check_problems({name: _group_frame(name, tables[name], group) for name in DATASETS})
            group = []
    problems += _works_problems(tables)
    return Validation(list(dict.fromkeys(problems)), manifest)  # a works row failing is named by every group


def _works_problems(tables: dict[str, dict[str, pa.Table]]) -> list[str]:
    """`works` must be what the references give: rebuilt here from them and compared."""
    references = [t.select(WORK_COLUMNS) for t in tables["references"].values()]
    expected = build_works(pa.concat_tables(references)) if references else empty_table("works")
    stored = pa.concat_tables([t.cast(expected.schema) for t in tables["works"].values()]) if tables[
        "works"] else empty_table("works")
    key = [("work_id", "ascending")]
    if stored.sort_by(key).to_pylist() == expected.sort_by(key).to_pylist():
        return []
    have, want = set(stored["work_id"].to_pylist()), set(expected["work_id"].to_pylist())
    return [f"works: differs from the works of the references ({len(want - have)} missing, {len(have - want)} "
            f"not cited, {len(have & want)} in both); `papers run --rebuild` writes them again"]


def _group_frame(name: str, files: dict[str, pa.Table], group: list[str]) -> pd.DataFrame:
    if name in CORPUS_WIDE:  # every group's references may name any work
        parts = list(files.values())
        return to_frame(name, pa.concat_tables(parts)) if parts else DATASETS[name].empty_frame()
    parts = [files[p] for p in group if p in files and name != "runs"]
    return to_frame(name, pa.concat_tables(parts)) if parts else DATASETS[name].empty_frame()

