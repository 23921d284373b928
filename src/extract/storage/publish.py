"""Publishing a run: a new version holding the changed buckets, the rest carried over, switched in one step.

1. Buckets holding a changed paper (new rows, or a paper gone from raw/) are rewritten: the old
   file's rows (sha256-checked as they are read) minus those papers, plus their staged rows.
2. Every other file is carried over by a hard link: no byte is read or written.
3. Files, directories and the manifest are fsynced; then the output link is pointed at the new version
   by one rename (from the layout of pipeline 0.2, a directory, by one exchange: renameat2). Before
   it readers see the previous version whole, after it the new one.
4. Versions other than the new one and the one it replaced are removed (readers in flight keep
   the previous one).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..schema.datasets import DATASETS, SCHEMA_VERSION, conform, to_arrow
from ..text import sha256_bytes
from .crashpoints import crash_point
from .durable import exchange, fsync_dir, fsync_file, link_or_copy, make_dir, point_link, remove_tree, write_new_file
from .layout import (
    CORPUS_PART,
    CORPUS_WIDE,
    CURRENT,
    EMPTY_PART,
    LAYOUT_FORMAT,
    LEGACY_LOCK,
    LEGACY_STAGING,
    LEGACY_VERSIONS,
    MANIFEST,
    TEMP_PREFIX,
    VERSIONS,
    bucket_of,
    bucket_part,
    current_version,
    is_legacy,
    link_target,
    output_path,
    part_bucket,
    run_part,
    state_dir,
    versions_root,
)
from .manifest import OutputError, Snapshot, file_entry, is_per_run, read_snapshot, verify
from .read import declared_table, empty_table, read_part
from .staging import staged_table
from .works import WORK_COLUMNS, build_works, with_work_ids

SYNC_THREADS = 8
MAX_BUCKETS = 4096


@dataclass(frozen=True)
class StorageSettings:
    """How outputs are laid out and checked; an existing output keeps the bucket count it was built with."""

    buckets: int = 64  # doc_id hash buckets per dataset of a new (or rebuilt) output, at least
    max_papers_per_bucket: int = 512  # beyond it the bucket count doubles (one run rewrites everything)
    compression: str = "zstd"
    verify_carried: str = "stat"  # files carried over: "stat" (size, mtime vs manifest) or "sha256" (read all)

    def __post_init__(self):
        if not 1 <= self.buckets <= MAX_BUCKETS:
            raise ValueError(f"buckets must be within 1-{MAX_BUCKETS}, got {self.buckets}")
        if self.max_papers_per_bucket < 1:
            raise ValueError(f"max_papers_per_bucket must be at least 1, got {self.max_papers_per_bucket}")
        if self.verify_carried not in ("stat", "sha256"):
            raise ValueError(f"verify_carried must be stat or sha256, got {self.verify_carried!r}")


@dataclass
class PublishStats:
    files_written: int = 0
    bytes_written: int = 0
    files_linked: int = 0
    files_read: int = 0
    bytes_read: int = 0
    seconds: float = 0.0
    rewritten: dict[str, list[str]] = field(default_factory=dict)  # dataset -> files written


def _parquet_bytes(table: pa.Table, compression: str) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression=compression)
    return sink.getvalue().to_pybytes()


class VersionWriter:
    """Fills a new version directory file by file, then commits it: manifest, fsync, one switch."""

    def __init__(self, out_dir: Path, run_id: str, buckets: int, previous: Snapshot,
                 settings: StorageSettings | None = None, pipeline_version: str | None = None):
        settings = settings or StorageSettings()
        self.started = time.perf_counter()
        self.out_dir = Path(out_dir)
        self.dir = state_dir(out_dir) / VERSIONS / run_id
        self.settings = settings
        self.previous = previous
        self.files: dict[str, dict[str, dict]] = {name: {} for name in DATASETS}
        self.unsynced: list[Path] = []
        self.stats = PublishStats()
        self.manifest: dict[str, Any] = {
            "layout": LAYOUT_FORMAT, "run_id": run_id, "version": run_id, "previous_version": previous.version,
            "schema_version": SCHEMA_VERSION, "pipeline_version": pipeline_version or _pipeline_version(),
            "buckets": buckets, "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        if run_id == previous.version:
            raise OutputError(f"{out_dir}: run {run_id} is the version published now; a run id publishes once")
        if self.dir.exists():
            remove_tree(self.dir)  # a killed attempt of this very run id
        make_dir(self.dir.parent)
        os.mkdir(self.dir)
        for name in DATASETS:
            os.mkdir(self.dir / name)

    def write(self, name: str, file_name: str, table: pa.Table) -> None:
        data = _parquet_bytes(declared_table(name, table), self.settings.compression)
        path = self.dir / name / file_name
        write_new_file(path, data, sync=False)  # fsynced together before the manifest (commit)
        self.unsynced.append(path)
        self.files[name][file_name] = file_entry(path, table.num_rows, sha256_bytes(data))
        self.stats.files_written += 1
        self.stats.bytes_written += len(data)
        self.stats.rewritten.setdefault(name, []).append(file_name)
        crash_point("publish.part_written")

    def carry(self, snapshot: Snapshot, name: str, file_name: str) -> None:
        target = self.dir / name / file_name
        link_or_copy(snapshot.path(name, file_name), target)
        old = snapshot.files(name)[file_name]  # checked against the disk before the run carries it
        self.files[name][file_name] = file_entry(target, old["rows"], old["sha256"])
        self.stats.files_linked += 1
        crash_point("publish.part_linked")

    def commit(self, base: Snapshot) -> dict:
        """Write the manifest, fsync everything, switch `current` to this version; returns the manifest.

        base: the version whose empty-dataset files may be carried (the previous one, or none).
        """
        for name in DATASETS:
            if not self.files[name] and EMPTY_PART in base.files(name):
                self.carry(base, name, EMPTY_PART)
            elif not self.files[name]:
                self.write(name, EMPTY_PART, empty_table(name))
        with ThreadPoolExecutor(max_workers=SYNC_THREADS) as pool:  # the disk takes many flushes at once
            list(pool.map(fsync_file, self.unsynced))
            list(pool.map(fsync_dir, [self.dir / name for name in DATASETS]))
        self.stats.seconds = round(time.perf_counter() - self.started, 4)
        manifest = dict(self.manifest, datasets={
            name: {"rows": sum(f["rows"] for f in files.values()), "files": files}
            for name, files in self.files.items()})
        manifest["publish"] = {k: v for k, v in vars(self.stats).items() if k != "rewritten"}
        write_new_file(self.dir / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
        crash_point("publish.manifest_written")
        fsync_dir(self.dir)
        fsync_dir(self.dir.parent)
        crash_point("publish.synced")
        crash_point("publish.before_switch")
        switch(self.out_dir, manifest["version"], self.previous.version)
        crash_point("publish.switched")
        collect_garbage(self.out_dir, keep={manifest["version"], self.previous.version})
        manifest["publish"]["seconds"] = round(time.perf_counter() - self.started, 4)
        manifest["publish"]["rewritten"] = self.stats.rewritten
        return manifest


def _documents_doc_ids(snapshot: Snapshot, stats: PublishStats) -> set[str]:
    ids: set[str] = set()
    for file_name in snapshot.files("documents"):
        table = read_part(snapshot, "documents", file_name, columns=["doc_id"])
        stats.files_read += 1
        ids.update(table["doc_id"].to_pylist())
    return ids


def buckets_for(papers: int, buckets: int, settings: StorageSettings) -> int:
    """The bucket count for a corpus of `papers`: doubled from `buckets` until no bucket holds more than
    settings.max_papers_per_bucket on average (doubling keeps a paper's bucket or moves it to b + n)."""
    while papers > buckets * settings.max_papers_per_bucket and buckets * 2 <= MAX_BUCKETS:
        buckets *= 2
    return buckets


def _merged_bucket(snapshot: Snapshot, name: str, bucket: int, buckets: int, dropped: set[str],
                   papers: list[Path], stats: PublishStats) -> pa.Table:
    """A bucket's rows after the run: the old rows of papers not dropped, then the papers' staged rows.

    When the bucket count has grown, the old rows come from the bucket this one split from.
    """
    parts = []
    old_name = bucket_part(bucket % snapshot.buckets) if snapshot.manifest else None
    if old_name in snapshot.files(name):
        old = read_part(snapshot, name, old_name, verify=True)
        stats.files_read += 1
        stats.bytes_read += snapshot.files(name)[old_name]["bytes"]
        leaving = set(dropped)
        if buckets != snapshot.buckets:
            leaving |= {d for d in pc.unique(old["doc_id"]).to_pylist() if bucket_of(d, buckets) != bucket}
        if leaving:
            old = old.filter(pc.invert(pc.is_in(old["doc_id"], pa.array(sorted(leaving), pa.string()))))
        parts.append(declared_table(name, old))
    staged = [staged_table(paper, name) for paper in papers]
    if name == "references":  # the old rows keep theirs: a key depends only on its row's fields
        staged = [with_work_ids(table) for table in staged]
    parts += staged
    table = pa.concat_tables(parts) if parts else empty_table(name)
    return table.sort_by([(key, "ascending") for key in DATASETS[name].key])


def publish(out_dir: Path, run_id: str, staged: dict[str, Path], runs_rows: list[dict],
            present: set[str] | None = None, rebuild: bool = False,
            settings: StorageSettings | None = None, pipeline_version: str | None = None,
            manifest_rows: dict[str, str | None] | None = None) -> dict:
    """Merge a run into a new version of out_dir and make it current in one step; returns its manifest.

    staged: {doc_id: staged directory} of the papers that passed the checks (their rows replace the
    old ones). runs_rows: this run's rows of `runs`. present: on a full run, the doc_ids in raw/ (the
    rows of other papers are dropped); None on a partial run. rebuild: ignore what out_dir holds
    (only its verified run history is kept). manifest_rows: {doc_id: fingerprint of its raw/manifest.csv
    row, None without one} of the staged papers, kept in the manifest (`manifest_rows`, papers with a
    row only) for the next run's cache decision. The caller holds the output lock (see lock.py).
    Raises OutputError when out_dir differs from its manifest, unless rebuild; an OSError (a full disk)
    leaves nothing of the new version behind.
    """
    out_dir = Path(out_dir)
    settings = settings or StorageSettings()
    check_output_path(out_dir)
    make_dir(state_dir(out_dir))
    previous = _previous_snapshot(out_dir, rebuild, settings)
    base = Snapshot(out_dir, None, None) if rebuild else previous
    stats = PublishStats()
    removed = set()
    if present is not None and base.manifest:
        removed = _documents_doc_ids(base, stats) - set(present)
    dropped = set(staged) | removed
    papers_after = len(present) if present is not None else (
        (base.manifest["datasets"]["documents"]["rows"] if base.manifest else 0) + len(staged))
    buckets = buckets_for(papers_after, base.buckets or settings.buckets, settings)
    writer = VersionWriter(out_dir, run_id, buckets, previous, settings, pipeline_version)
    writer.stats = stats
    rows = {d: f for d, f in ((base.manifest or {}).get("manifest_rows") or {}).items() if d not in dropped}
    rows.update({d: f for d, f in (manifest_rows or {}).items() if f and d in staged})
    writer.manifest["manifest_rows"] = dict(sorted(rows.items()))
    try:
        return _write_version(writer, base, previous, out_dir, run_id, runs_rows, buckets, staged, dropped)
    except Exception:
        if current_version(out_dir) != run_id:
            remove_tree(writer.dir)  # never switched to: nothing half-published is left behind
        raise


def _write_version(writer: VersionWriter, base: Snapshot, previous: Snapshot, out_dir: Path, run_id: str,
                   runs_rows: list[dict], buckets: int, staged: dict[str, Path], dropped: set[str]) -> dict:
    """The new version's files: history carried, untouched buckets linked, affected ones merged; committed."""
    rebuild = base is not previous
    by_bucket: dict[int, list[Path]] = {}
    for doc_id in sorted(staged):
        by_bucket.setdefault(bucket_of(doc_id, buckets), []).append(Path(staged[doc_id]))
    affected = {bucket_of(d, buckets) for d in dropped}
    if base.manifest and buckets != base.buckets:
        affected = set(range(buckets))  # the corpus outgrew its buckets: every one is split once

    for name in DATASETS:
        if name in CORPUS_WIDE:
            continue  # built below, from the rows of every paper
        if is_per_run(name):
            _carry_history(previous, writer, name, verify=rebuild)
            if runs_rows:
                if run_part(run_id) in writer.files[name]:
                    raise OutputError(f"{out_dir}: run {run_id} is already published")
                writer.write(name, run_part(run_id), to_arrow(name, conform(name, runs_rows)))
            continue
        for file_name in base.files(name):
            bucket = part_bucket(file_name)
            if bucket is not None and bucket not in affected:
                writer.carry(base, name, file_name)
        for bucket in sorted(affected):
            table = _merged_bucket(base, name, bucket, buckets, dropped, by_bucket.get(bucket, []), writer.stats)
            if table.num_rows:
                writer.write(name, bucket_part(bucket), table)
    _write_works(writer, base)
    return writer.commit(base)


def _write_works(writer: VersionWriter, base: Snapshot) -> None:
    """`works` from the new version's references: carried when no references file changed."""
    if "references" not in writer.stats.rewritten and set(writer.files["references"]) == set(
            base.files("references")) and CORPUS_PART in base.files("works"):
        writer.carry(base, "works", CORPUS_PART)
        return
    parts = [pq.read_table(writer.dir / "references" / f, columns=WORK_COLUMNS) for f in writer.files["references"]]
    writer.stats.files_read += len(parts)
    works = build_works(pa.concat_tables(parts)) if parts else empty_table("works")
    if works.num_rows:
        writer.write("works", CORPUS_PART, works)


def _pipeline_version() -> str:
    from .. import __version__

    return __version__


def _previous_snapshot(out_dir: Path, rebuild: bool, settings: StorageSettings) -> Snapshot:
    """The current version, checked against its manifest (settings.verify_carried); with rebuild, as it is."""
    try:
        snapshot = read_snapshot(out_dir)
    except OutputError:
        if not rebuild:
            raise
        return Snapshot(out_dir, None, None)
    if not rebuild:
        verify(snapshot, full=settings.verify_carried == "sha256")
    return snapshot


def _carry_history(previous: Snapshot, writer: VersionWriter, name: str, verify: bool) -> None:
    """Earlier runs' files; on a rebuild only those whose bytes match the manifest."""
    for file_name in previous.files(name):
        if file_name == EMPTY_PART:
            continue
        if verify:
            try:
                read_part(previous, name, file_name, verify=True)
            except (OSError, OutputError, pa.ArrowException):
                continue  # a damaged history file is not carried into a rebuilt output
        writer.carry(previous, name, file_name)


# what a directory at the output's path may hold to be replaced by the link: the layouts of 0.1 and 0.2
LEGACY_ENTRIES = frozenset({CURRENT, LEGACY_VERSIONS, LEGACY_STAGING, LEGACY_LOCK, MANIFEST}
                           | set(DATASETS) | {f"{name}.parquet" for name in DATASETS})


def check_output_path(out_dir: Path) -> None:
    """Raise OutputError when the output's path holds what publishing must not replace: a file, a link
    the pipeline did not make, or a directory holding files no pipeline wrote."""
    out = Path(out_dir)
    if out.is_symlink():
        target = os.readlink(out)
        if not target.startswith(f"{link_target(out, '')}"):
            raise OutputError(f"{out} is a link to {target}, which the pipeline did not make; the output is a "
                              f"link to {link_target(out, '<version>')}: remove the link or choose another --out")
    elif out.is_dir():
        foreign = sorted(e.name for e in os.scandir(out)
                         if e.name not in LEGACY_ENTRIES and not e.name.startswith(TEMP_PREFIX))
        if foreign:
            raise OutputError(f"{out} holds {', '.join(foreign[:3])}{' ...' if len(foreign) > 3 else ''}, which "
                              f"the pipeline did not write; the output becomes a link to its current version: "
                              f"move them aside or choose another --out")
    elif out.exists():
        raise OutputError(f"{out} is not a directory; choose another --out")


def switch(out_dir: Path, version: str, previous: str | None) -> None:
    """Point the output at a version in one step: a temp link renamed over the output link, or exchanged
    with the directory of an older layout (renameat2; where the file system cannot, two renames, and a
    crash between them is mended by the next run, see recover_link). The older directory is removed,
    its current version kept as the previous one."""
    out = output_path(out_dir)
    target = link_target(out, version)
    if out.is_symlink() or not os.path.lexists(out):
        point_link(out, target)
        fsync_dir(out.parent)
        return
    tmp = out.with_name(f"{TEMP_PREFIX}{out.name}.{secrets.token_hex(4)}")
    os.symlink(target, tmp)
    old = tmp
    if not exchange(tmp, out):
        old = out.with_name(f"{TEMP_PREFIX}{out.name}.old.{secrets.token_hex(4)}")
        os.rename(out, old)
        os.replace(tmp, out)
    fsync_dir(out.parent)
    crash_point("publish.exchanged")
    kept = old / LEGACY_VERSIONS / (previous or "")
    if previous and kept.is_dir() and not (state_dir(out) / VERSIONS / previous).exists():
        os.rename(kept, state_dir(out) / VERSIONS / previous)  # readers in flight keep the previous version
    remove_tree(old)
    fsync_dir(out.parent)


def recover_link(out_dir: Path) -> None:
    """The output link a switch without renameat2 was killed before renaming in (only under the lock)."""
    out = output_path(out_dir)
    if os.path.lexists(out) or not out.parent.is_dir():
        return
    for entry in sorted(out.parent.glob(f"{TEMP_PREFIX}{out.name}.*")):
        if entry.is_symlink() and (entry / MANIFEST).is_file():
            os.replace(entry, out)
            fsync_dir(out.parent)
            return


def collect_garbage(out_dir: Path, keep: set[str | None]) -> None:
    """Remove versions not in keep, and temp files a killed run left beside the output and in its state."""
    out = output_path(out_dir)
    versions = versions_root(out)
    if versions.is_dir():
        for entry in sorted(versions.iterdir()):
            if entry.name not in keep:
                crash_point("publish.gc")
                remove_tree(entry)
    places = [(state_dir(out), TEMP_PREFIX), (out.parent, f"{TEMP_PREFIX}{out.name}.")]
    if is_legacy(out):
        places.append((out, TEMP_PREFIX))
    for place, prefix in places:
        if place.is_dir():
            for entry in place.glob(f"{prefix}*"):
                remove_tree(entry)


def clean_leftovers(out_dir: Path) -> None:
    """What killed runs left (half-staged papers, temp files, half-built versions); only under the output
    lock. Whole staged papers are kept: the run taking the lock takes over those with unchanged inputs."""
    from .staging import clean_staging

    out = output_path(out_dir)
    if not state_dir(out).is_dir() and not out.is_dir():
        return
    recover_link(out)
    clean_staging(out)
    if is_legacy(out):
        remove_tree(out / LEGACY_STAGING)
        remove_tree(state_dir(out) / VERSIONS)  # built by a run killed before its switch: none is current
    current = current_version(out)
    keep = {current}
    if current:
        with contextlib.suppress(OutputError):  # reported by validate and by the next publish
            keep.add((read_snapshot(out).manifest or {}).get("previous_version"))
    collect_garbage(out, keep)
