"""Reading published datasets: whole, or only the buckets of some papers; always one version."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..schema.datasets import DATASETS, conform
from ..text import sha256_bytes
from .layout import bucket_of, bucket_part
from .manifest import MANIFEST, OutputError, Snapshot, read_snapshot

# pandas reads a nullable int64 column as float64 and a nullable bool as object unless the file says otherwise
PANDAS_DTYPES = {pa.int64(): ("int64", "Int64"), pa.bool_(): ("bool", "boolean")}


@cache
def written_schema(name: str) -> pa.Schema:
    """The declared Arrow schema plus pandas metadata naming Int64/boolean for the int and bool columns.

    With it `pd.read_parquet` gives nullable integers (`year` 2019, not 2019.0) and nullable booleans;
    the Arrow types polars and DuckDB read are the declared ones, and string columns read as pandas reads
    them by default (no entry for them).
    """
    schema = DATASETS[name].arrow_schema()
    columns = [{"name": f.name, "field_name": f.name, "pandas_type": PANDAS_DTYPES[f.type][0],
                "numpy_type": PANDAS_DTYPES[f.type][1], "metadata": None}
               for f in schema if f.type in PANDAS_DTYPES]
    pandas_meta = {"index_columns": [], "column_indexes": [], "columns": columns,
                   "creator": {"library": "pyarrow", "version": pa.__version__}, "pandas_version": pd.__version__}
    return schema.with_metadata({**(schema.metadata or {}), b"pandas": json.dumps(pandas_meta).encode()})


def declared_table(name: str, table: pa.Table) -> pa.Table:
    """The table with exactly the declared Arrow schema (column order, types, descriptions, pandas dtypes)."""
    schema = written_schema(name)
    return table.select(schema.names).cast(schema)


def empty_table(name: str) -> pa.Table:
    return written_schema(name).empty_table()


def to_frame(name: str, table: pa.Table) -> pd.DataFrame:
    """An Arrow table of a dataset -> a conformed frame with the declared pandas dtypes."""
    mapping = {f.arrow_type: f.pandas_dtype for f in DATASETS[name].fields if f.type != "string_list"}
    frame = table.to_pandas(types_mapper=mapping.get)
    for f in DATASETS[name].fields:
        if f.type == "string_list":
            frame[f.name] = frame[f.name].map(lambda v: None if v is None else list(v))
    return conform(name, frame)


def read_part(snapshot: Snapshot, name: str, file_name: str, columns: list[str] | None = None,
              verify: bool = False) -> pa.Table:
    """One file of a version; verify=True compares the bytes read with the manifest's sha256 first."""
    path = snapshot.path(name, file_name)
    if not verify:
        return pq.read_table(path, columns=columns)
    data = path.read_bytes()
    if sha256_bytes(data) != snapshot.files(name)[file_name]["sha256"]:
        raise OutputError(f"{snapshot.out_dir} was changed outside the pipeline: {name}/{file_name}: sha256 "
                          f"differs from {MANIFEST}; `papers run --rebuild` reprocesses every paper")
    return pq.read_table(pa.BufferReader(data), columns=columns)


def read_table(snapshot: Snapshot, name: str, columns: list[str] | None = None,
               doc_ids: set[str] | None = None) -> pa.Table:
    """A dataset of one version as Arrow; doc_ids restricts the read to their buckets and rows."""
    files = list(snapshot.files(name))
    per_paper = "doc_id" in DATASETS[name].columns
    if doc_ids is not None and snapshot.manifest and name != "runs" and per_paper:
        wanted = {bucket_part(bucket_of(d, snapshot.buckets)) for d in doc_ids}
        files = [f for f in files if f in wanted]
    tables = [read_part(snapshot, name, f, columns) for f in files]
    schema = DATASETS[name].arrow_schema()
    if columns:
        schema = pa.schema([schema.field(c) for c in columns], metadata=schema.metadata)
    table = pa.concat_tables([t.cast(schema) for t in tables]) if tables else schema.empty_table()
    if doc_ids is not None and per_paper:  # works: the whole corpus's
        table = table.filter(pc.is_in(table["doc_id"], pa.array(sorted(doc_ids), pa.string())))
    return table


def read_dataset(out_dir: Path, name: str, doc_ids: set[str] | None = None,
                 snapshot: Snapshot | None = None) -> pd.DataFrame:
    """A dataset from out_dir's current version, sorted by its key; the empty frame before any run."""
    snapshot = snapshot or read_snapshot(out_dir)
    frame = to_frame(name, read_table(snapshot, name, doc_ids=doc_ids))
    return frame.sort_values(list(DATASETS[name].key), kind="stable").reset_index(drop=True)


def read_all(out_dir: Path, doc_ids: set[str] | None = None) -> dict[str, pd.DataFrame]:
    """Every dataset of one version (the current one when called), sorted by key."""
    snapshot = read_snapshot(out_dir)
    return {name: read_dataset(out_dir, name, doc_ids, snapshot) for name in DATASETS}
