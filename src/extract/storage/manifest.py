"""A version's manifest: what is visible (run id, schema version, every file with rows, bytes, sha256).

`Snapshot` is one published version as its manifest describes it; `verify` compares it with the
files on disk, by stat (size and mtime: cheap at any scale) or by sha256 (reads every byte).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import RunError
from ..schema.datasets import DATASETS, SCHEMA_VERSION
from ..text import sha256_file
from .layout import CURRENT, LAYOUT_FORMAT, MANIFEST, PARTITION_BY_RUN, current_version, link_target, version_dir

FILE_FIELDS = ("rows", "bytes", "sha256", "mtime_ns")
REBUILD_HINT = "`papers validate` lists the problems; `papers run --rebuild` reprocesses every paper into a new version"


class OutputError(RunError):
    """output/ cannot be merged with: unreadable, tampered with, or in a layout this version does not write."""


def file_entry(path: Path, rows: int, sha256: str) -> dict:
    stat = os.stat(path)
    return {"rows": rows, "bytes": stat.st_size, "sha256": sha256, "mtime_ns": stat.st_mtime_ns}


def manifest_problems(manifest: object) -> list[str]:
    """What makes a parsed manifest unusable, one line each (empty when it is sound)."""
    if not isinstance(manifest, dict):
        return [f"{MANIFEST}: not a JSON object"]
    problems = []
    for key, kind in (("run_id", str), ("version", str), ("schema_version", str), ("buckets", int),
                      ("datasets", dict), ("layout", int)):
        if not isinstance(manifest.get(key), kind):
            problems.append(f"{MANIFEST}: field {key} missing or not a {kind.__name__}")
    if problems:
        return problems
    if manifest["layout"] != LAYOUT_FORMAT:
        problems.append(f"{MANIFEST}: layout {manifest['layout']}, this pipeline reads layout {LAYOUT_FORMAT}")
    if manifest["schema_version"] != SCHEMA_VERSION:
        problems.append(f"{MANIFEST}: schema version {manifest['schema_version']}, "
                        f"this pipeline writes {SCHEMA_VERSION}")
    if not 1 <= manifest["buckets"] <= 4096:
        problems.append(f"{MANIFEST}: buckets {manifest['buckets']} outside 1-4096")
    for name in DATASETS:
        entry = manifest["datasets"].get(name)
        if not isinstance(entry, dict) or not isinstance(entry.get("files"), dict) or not isinstance(
                entry.get("rows"), int):
            problems.append(f"{MANIFEST}: dataset {name} missing or without files and rows")
            continue
        for file_name, f in entry["files"].items():
            if not isinstance(f, dict) or any(not isinstance(f.get(k), (str if k == "sha256" else int))
                                              for k in FILE_FIELDS):
                problems.append(f"{MANIFEST}: {name}/{file_name}: entry needs {', '.join(FILE_FIELDS)}")
            elif os.path.basename(file_name) != file_name or not file_name.endswith(".parquet"):
                problems.append(f"{MANIFEST}: {name}/{file_name}: not a Parquet file name")
        if sum(f.get("rows", 0) for f in entry["files"].values() if isinstance(f, dict)) != entry["rows"]:
            problems.append(f"{MANIFEST}: {name}: rows {entry['rows']} is not the sum of its files' rows")
    for name in set(manifest["datasets"]) - set(DATASETS):
        problems.append(f"{MANIFEST}: dataset {name} is not declared in the schema")
    return problems


@dataclass
class Snapshot:
    """A published version: its directory and manifest (manifest None: nothing published yet)."""

    out_dir: Path
    version: str | None
    manifest: dict | None

    @property
    def dir(self) -> Path:
        return version_dir(self.out_dir, self.version or "")

    def files(self, name: str) -> dict[str, dict]:
        return self.manifest["datasets"][name]["files"] if self.manifest else {}

    def path(self, name: str, file_name: str) -> Path:
        return self.dir / name / file_name

    @property
    def buckets(self) -> int:
        """The manifest's bucket count; 0 before anything is published."""
        return self.manifest["buckets"] if self.manifest else 0


def read_snapshot(out_dir: Path) -> Snapshot:
    """The version the output points to, its manifest parsed and sound; raises OutputError otherwise."""
    out_dir = Path(out_dir)
    version = current_version(out_dir)
    if version is None:
        if out_dir.is_symlink():
            raise OutputError(f"{out_dir}: a link to {os.readlink(out_dir)}, not to a version "
                              f"({link_target(out_dir, '<version>')}); {REBUILD_HINT}")
        if (out_dir / CURRENT).exists() or (out_dir / CURRENT).is_symlink():
            raise OutputError(f"{out_dir / CURRENT}: not a link to a version under .versions/; {REBUILD_HINT}")
        if (out_dir / MANIFEST).is_file() and not (out_dir / MANIFEST).is_symlink():
            raise OutputError(f"{out_dir} holds the single-file layout of pipeline 0.1 "
                              f"(output/<dataset>.parquet); run `papers run --rebuild` once to move to "
                              f"versioned datasets")
        return Snapshot(out_dir, None, None)
    path = version_dir(out_dir, version) / MANIFEST
    try:
        manifest = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise OutputError(f"{out_dir}: version {version} has no {MANIFEST}; {REBUILD_HINT}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise OutputError(f"{out_dir}/{MANIFEST}: unreadable ({exc}); {REBUILD_HINT}") from None
    problems = manifest_problems(manifest)
    if not problems and manifest["version"] != version:
        problems = [f"{MANIFEST}: version {manifest['version']} but it lies in {version_dir(out_dir, version)}"]
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise OutputError(f"{out_dir}/{problems[0]}{more}; {REBUILD_HINT}")
    return Snapshot(out_dir, version, manifest)


def stat_problems(snapshot: Snapshot, sizes: bool = True) -> tuple[list[str], list[tuple[str, str]]]:
    """Files missing, of another size (sizes=True), or not listed; and the (dataset, file) whose mtime
    alone differs. An mtime that differs is only a suspect (a copy without -p changes it): sha256 decides.
    """
    problems: list[str] = []
    suspects: list[tuple[str, str]] = []
    if snapshot.manifest is None:
        return problems, suspects
    for name in DATASETS:
        listed = snapshot.files(name)
        try:
            present = {e.name: e for e in os.scandir(snapshot.dir / name)}
        except OSError as exc:
            problems.append(f"{name}/: {exc.strerror}")
            continue
        for file_name, entry in listed.items():
            found = present.get(file_name)
            if found is None:
                problems.append(f"{name}/{file_name}: listed in {MANIFEST} but missing")
            elif not found.is_file(follow_symlinks=False):
                problems.append(f"{name}/{file_name}: not a regular file")
            elif sizes and found.stat().st_size != entry["bytes"]:
                problems.append(f"{name}/{file_name}: {found.stat().st_size} bytes, {MANIFEST} says "
                                f"{entry['bytes']}")
            elif found.stat().st_mtime_ns != entry["mtime_ns"]:
                suspects.append((name, file_name))
        for file_name in sorted(set(present) - set(listed)):
            problems.append(f"{name}/{file_name}: not listed in {MANIFEST}")
    return problems, suspects


def hash_problems(snapshot: Snapshot, files: list[tuple[str, str]]) -> list[str]:
    """Files whose sha256 differs from the manifest (reads every byte of them)."""
    problems = []
    for name, file_name in files:
        try:
            digest = sha256_file(snapshot.path(name, file_name))
        except OSError as exc:
            problems.append(f"{name}/{file_name}: unreadable ({exc.strerror})")
            continue
        if digest != snapshot.files(name)[file_name]["sha256"]:
            problems.append(f"{name}/{file_name}: sha256 differs from {MANIFEST}")
    return problems


def all_files(snapshot: Snapshot) -> list[tuple[str, str]]:
    return [(name, file_name) for name in DATASETS for file_name in snapshot.files(name)]


def verify(snapshot: Snapshot, full: bool = False) -> None:
    """Raise OutputError when output/ differs from its manifest.

    By default by stat (size, mtime; a file whose mtime alone differs is hashed); full=True hashes all.
    """
    problems, suspects = stat_problems(snapshot)
    if not problems:
        problems = hash_problems(snapshot, all_files(snapshot) if full else suspects)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise OutputError(f"{snapshot.out_dir} was changed outside the pipeline: {problems[0]}{more}; "
                          f"{REBUILD_HINT}")


def is_per_run(name: str) -> bool:
    return name in PARTITION_BY_RUN
