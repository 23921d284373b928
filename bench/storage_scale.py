"""What the storage side of a run costs at 10, 1,000 and 100,000 papers, simulated with synthetic rows.

The rows are the two sample papers' real rows under new doc_ids, every Han character replaced by
one drawn at random from the samples' own characters (so row counts, text lengths and character
mix are those of real papers, and repeated text does not flatter compression); no paper is
processed. Per corpus size it times,
in a fresh process: the cold publish, one changed paper (stage, check, publish), a no-change rerun,
verifying by stat and by sha256, and `papers validate`; and reports bytes written against the
output's size and the process's peak memory.

Up to --real-cold papers the cold run goes the way a run goes (stage each paper, check, publish);
above, the cold version is written bucket by bucket directly (the staging and check costs of a cold
run are per paper: scale the 1,000-paper figures). Run with `make bench-storage`; nothing is asserted.

    python bench/storage_scale.py [--papers 10 1000 100000] [--buckets 64] [--dir DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import numpy as np  # noqa: E402
import pyarrow as pa  # noqa: E402

from extract.paper import process_paper  # noqa: E402
from extract.run.sequence import paper_frames  # noqa: E402
from extract.schema.datasets import DATASETS, to_arrow  # noqa: E402
from extract.storage import (  # noqa: E402
    StorageSettings,
    check_staged,
    output_lock,
    publish,
    read_dataset,
    read_snapshot,
    validate_output,
    verify,
)
from extract.storage.layout import (  # noqa: E402
    bucket_of,
    bucket_part,
    staging_dir,  # noqa: E402
)
from extract.storage.manifest import Snapshot  # noqa: E402
from extract.storage.publish import VersionWriter, buckets_for  # noqa: E402
from extract.storage.staging import stage_tables  # noqa: E402

SAMPLES = sorted((ROOT / "raw").glob("*.txt"))


def templates() -> list[dict[str, pa.Table]]:
    """Each sample paper's rows as Arrow tables (datasets without rows left out)."""
    out = []
    for path in SAMPLES:
        frames = paper_frames(process_paper(path))
        out.append({n: to_arrow(n, f) for n, f in frames.items() if n != "runs" and (len(f) or n == "documents")})
    return out


HAN = (0x4E00, 0x9FFF)
KEPT_STRINGS = {"doc_id", "source_sha256", "pipeline_version", "source_file"}  # ids, not text


def han_pool(template) -> np.ndarray:
    """Every Han character of the samples' text, as often as it occurs there."""
    text = "".join(v for t in template for table in t.values() for c in table.columns
                   if pa.types.is_string(c.type) for v in c.to_pylist() if v)
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    return points[(points >= HAN[0]) & (points <= HAN[1])]


def scramble_han(table: pa.Table, name: str, pool: np.ndarray, rng: np.random.Generator) -> pa.Table:
    """Each Han character of the table's free-text columns replaced by a random one from pool."""
    for f in DATASETS[name].fields:
        if f.type != "string" or f.enum or f.name in KEPT_STRINGS:
            continue
        values = table[f.name].to_pylist()
        lengths = [len(v) if v is not None else 0 for v in values]
        points = np.frombuffer("".join(v for v in values if v).encode("utf-32-le"), dtype=np.uint32).copy()
        han = (points >= HAN[0]) & (points <= HAN[1])
        points[han] = pool[rng.integers(0, len(pool), int(han.sum()))]
        text = points.tobytes().decode("utf-32-le")
        offsets = np.concatenate([[0], np.cumsum(lengths)])
        scrambled = [None if v is None else text[offsets[k]:offsets[k + 1]] for k, v in enumerate(values)]
        table = table.set_column(table.schema.get_field_index(f.name), table.schema.field(f.name),
                                 pa.array(scrambled, pa.string()))
    return table


def scrambled(tables: dict[str, pa.Table], pool, seed: int) -> dict[str, pa.Table]:
    rng = np.random.default_rng(seed)
    return {name: scramble_han(table, name, pool, rng) for name, table in tables.items()}


def doc_id_of(i: int) -> str:
    return f"sim{i:06d}"


def paper_tables(i: int, template: list[dict[str, pa.Table]], edition: int = 1) -> dict[str, pa.Table]:
    """Paper i: a sample's rows under doc_id sim<i>; edition > 1 changes its first paragraph."""
    doc_id = doc_id_of(i)
    tables = {}
    for name, table in template[i % len(template)].items():
        table = table.set_column(table.schema.get_field_index("doc_id"), table.schema.field("doc_id"),
                                 pa.array([doc_id] * table.num_rows, pa.string()))
        if name == "documents":
            sha = hashlib.sha256(f"{doc_id}/{edition}".encode()).hexdigest()
            table = table.set_column(table.schema.get_field_index("source_sha256"),
                                     table.schema.field("source_sha256"), pa.array([sha], pa.string()))
        if name == "paragraphs" and edition > 1:
            texts = table["text"].to_pylist()
            texts[0] = f"{texts[0]}（第{edition}版）"
            table = table.set_column(table.schema.get_field_index("text"), table.schema.field("text"),
                                     pa.array(texts, pa.string()))
        tables[name] = table
    return tables


def runs_rows(run_id: str, doc_ids) -> list[dict]:
    return [{"run_id": run_id, "doc_id": d, "status": "ok", "error": None, "duration_s": 0.05,
             "started_at": "2026-11-29T00:00:00+00:00", "source_sha256": None, "pipeline_version": "sim"}
            for d in doc_ids]


def cold_direct(out: Path, n: int, template, pool, buckets: int) -> dict:
    """The cold version written bucket by bucket (no staging): the publish side of a 100,000-paper run."""
    settings = StorageSettings(buckets=buckets)
    buckets = buckets_for(n, buckets, settings)  # what a run would size the output to
    members: dict[int, list[int]] = {}
    for i in range(n):
        members.setdefault(bucket_of(doc_id_of(i), buckets), []).append(i)
    with output_lock(out):
        writer = VersionWriter(out, "cold", buckets, Snapshot(out, None, None), settings)
        for bucket, papers in sorted(members.items()):
            tables = [paper_tables(i, template) for i in papers]
            for name in DATASETS:
                if name == "runs":
                    continue
                parts = [t[name] for t in tables if name in t]
                if parts:
                    table = scramble_han(pa.concat_tables(parts), name, pool, np.random.default_rng(bucket))
                    writer.write(name, bucket_part(bucket), table.sort_by([(k, "ascending")
                                                                           for k in DATASETS[name].key]))
        writer.write("runs", "run-cold.parquet", to_arrow_runs("cold", [doc_id_of(i) for i in range(n)]))
        return writer.commit(Snapshot(out, None, None))


def to_arrow_runs(run_id, doc_ids) -> pa.Table:
    from extract.schema.datasets import conform

    return to_arrow("runs", conform("runs", runs_rows(run_id, doc_ids)))


def cold_real(out: Path, n: int, template, pool, buckets: int, timings: dict) -> dict:
    """The cold run's storage side as a run does it: stage every paper, check them, publish."""
    with output_lock(out):
        staging = staging_dir(out, "cold")
        papers = {doc_id_of(i): scrambled(paper_tables(i, template), pool, i) for i in range(n)}
        started = time.perf_counter()
        staged = {doc_id: stage_tables(staging, doc_id, tables) for doc_id, tables in papers.items()}
        timings["cold stage"] = time.perf_counter() - started
        started = time.perf_counter()
        failed = check_staged(staged)
        timings["cold check"] = time.perf_counter() - started
        assert not failed, failed
        started = time.perf_counter()
        manifest = publish(out, "cold", staged, runs_rows("cold", staged), present=set(staged),
                           settings=StorageSettings(buckets=buckets))
        timings["cold publish"] = time.perf_counter() - started
        shutil.rmtree(staging)
        return manifest


def plan_side(out: Path, timings: dict, prefix: str) -> None:
    """What planning does with output/: verify by stat, read documents' cache columns."""
    started = time.perf_counter()
    snapshot = read_snapshot(out)
    verify(snapshot)
    timings[f"{prefix} verify (stat)"] = time.perf_counter() - started
    started = time.perf_counter()
    read_dataset(out, "documents", snapshot=snapshot)
    timings[f"{prefix} read documents"] = time.perf_counter() - started


def version_bytes(manifest: dict) -> int:
    return sum(f["bytes"] for d in manifest["datasets"].values() for f in d["files"].values())


def measure(n: int, buckets: int, work: Path, real_cold: int, validate_max: int) -> dict:
    template = templates()
    pool = han_pool(template)
    out = work / "output"
    timings: dict[str, float] = {}
    started = time.perf_counter()
    if n <= real_cold:
        cold = cold_real(out, n, template, pool, buckets, timings)
    else:
        cold = cold_direct(out, n, template, pool, buckets)
        timings["cold publish (direct, synthesis included)"] = time.perf_counter() - started
    result = {"papers": n, "buckets": cold["buckets"], "output_bytes": version_bytes(cold),
              "files": sum(len(d["files"]) for d in cold["datasets"].values()),
              "rows": {name: d["rows"] for name, d in cold["datasets"].items()}}

    # one changed paper, on a full run (every doc_id present)
    present = {doc_id_of(i) for i in range(n)}
    with output_lock(out):
        plan_side(out, timings, "change")
        changed = n // 2
        staging = staging_dir(out, "change")
        started = time.perf_counter()
        tables = scrambled(paper_tables(changed, template, edition=2), pool, changed)
        staged = {doc_id_of(changed): stage_tables(staging, doc_id_of(changed), tables)}
        timings["change stage"] = time.perf_counter() - started
        started = time.perf_counter()
        check_staged(staged)
        timings["change check"] = time.perf_counter() - started
        started = time.perf_counter()
        manifest = publish(out, "change", staged, runs_rows("change", staged), present=present)
        timings["change publish"] = time.perf_counter() - started
        shutil.rmtree(staging)
    result["change"] = {k: manifest["publish"][k] for k in ("files_written", "bytes_written", "files_linked")}
    paragraphs = read_dataset(out, "paragraphs", doc_ids={doc_id_of(changed)})
    assert paragraphs["text"].iloc[0] == tables["paragraphs"]["text"][0].as_py()  # the new edition is visible

    # no change: a full run that finds every paper cached
    with output_lock(out):
        plan_side(out, timings, "rerun")
        started = time.perf_counter()
        manifest = publish(out, "rerun", {}, runs_rows("rerun", sorted(present)), present=present)
        timings["rerun publish"] = time.perf_counter() - started
    result["rerun"] = {k: manifest["publish"][k] for k in ("files_written", "bytes_written", "files_linked")}

    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)  # the run's side
    import pandas as pd

    started = time.perf_counter()
    pd.read_parquet(out / "paragraphs")
    timings["reader: pd.read_parquet('output/paragraphs')"] = time.perf_counter() - started

    started = time.perf_counter()
    verify(read_snapshot(out), full=True)
    timings["verify (sha256, all files)"] = time.perf_counter() - started
    if n <= validate_max:
        started = time.perf_counter()
        problems = validate_output(out).problems
        timings["validate (all bytes, all checks)"] = time.perf_counter() - started
        assert problems == [], problems[:5]
    raw_bytes = sum(p.stat().st_size for p in SAMPLES) / len(SAMPLES) * n
    data = os.urandom(1 << 24)
    started = time.perf_counter()
    hashlib.sha256(data).hexdigest()
    per_byte = (time.perf_counter() - started) / len(data)
    timings["plan: sha256 of raw/ (estimated)"] = raw_bytes * per_byte
    result["timings"] = {k: round(v, 3) for k, v in timings.items()}
    return result


def report(result: dict) -> None:
    n, size = result["papers"], result["output_bytes"]
    print(f"\n== {n:,} papers, {result['buckets']} buckets: output {size / 1e6:,.1f} MB in {result['files']:,} files, "
          f"{result['rows']['paragraphs']:,} paragraphs; peak RSS up to the rerun {result['peak_rss_mb']:,} MB")
    for name, seconds in result["timings"].items():
        print(f"  {name:<48} {seconds:9.3f} s")
    for case in ("change", "rerun"):
        c = result[case]
        print(f"  {case:<8} wrote {c['files_written']} files, {c['bytes_written'] / 1e6:.2f} MB "
              f"({c['bytes_written'] / size:.2%} of the output), linked {c['files_linked']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, nargs="+", default=[10, 1000, 100000])
    parser.add_argument("--buckets", type=int, default=StorageSettings().buckets)
    parser.add_argument("--real-cold", type=int, default=1000, help="largest corpus cold-run through staging")
    parser.add_argument("--validate-max", type=int, default=1000, help="largest corpus to run validate on")
    parser.add_argument("--dir", help="work directory (default: a temp directory, removed after)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one corpus size
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(measure(args.one, args.buckets, Path(args.dir), args.real_cold, args.validate_max)))
        return
    for n in args.papers:  # a fresh process per size: peak memory is that size's own
        with tempfile.TemporaryDirectory(dir=args.dir) as work:
            child = subprocess.run([sys.executable, __file__, "--one", str(n), "--buckets", str(args.buckets),
                                    "--real-cold", str(args.real_cold), "--validate-max", str(args.validate_max),
                                    "--dir", work], capture_output=True, text=True)
            if child.returncode:
                print(child.stderr, file=sys.stderr)
                sys.exit(child.returncode)
            report(json.loads(child.stdout.splitlines()[-1]))


if __name__ == "__main__":
    main()
