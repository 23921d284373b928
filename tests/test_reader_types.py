"""What analysts read: every dataset of a real run, with pandas, polars and DuckDB, typed as the schema declares."""

import duckdb
import pandas as pd
import polars as pl
import pytest

from extract.run.sequence import RunRequest, run_papers
from extract.schema.datasets import DATASETS

PANDAS = {"int": "Int64", "bool": "boolean", "float": "float64", "timestamp": "datetime64[us, UTC]",
          "string_list": "object"}
POLARS = {"string": pl.String, "int": pl.Int64, "float": pl.Float64, "bool": pl.Boolean,
          "timestamp": pl.Datetime("us", "UTC"), "string_list": pl.List(pl.String)}
DUCKDB = {"string": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN",
          "timestamp": "TIMESTAMP WITH TIME ZONE", "string_list": "VARCHAR[]"}


@pytest.fixture(scope="module")
def output(tmp_path_factory, raw_dir):
    import shutil

    base = tmp_path_factory.mktemp("types")
    shutil.copytree(raw_dir, base / "raw")
    run_papers(RunRequest(base / "raw", base / "output"))
    return base / "output"


@pytest.mark.parametrize("name", list(DATASETS))
def test_every_column_reads_with_its_declared_type_in_pandas_polars_and_duckdb(output, name):
    fields = DATASETS[name].fields
    frame = pd.read_parquet(output / name)
    assert list(frame.columns) == [f.name for f in fields]
    for f in fields:
        if f.type == "string":  # as pandas reads strings by default (pandas 3: str)
            assert pd.api.types.is_string_dtype(frame[f.name].dtype) and frame[f.name].dtype != object, f.name
        else:
            assert str(frame[f.name].dtype) == PANDAS[f.type], (f.name, frame[f.name].dtype)
    schema = pl.scan_parquet(f"{output}/{name}/*.parquet").collect_schema()
    assert list(schema.items()) == [(f.name, POLARS[f.type]) for f in fields]
    described = duckdb.sql(f"DESCRIBE SELECT * FROM '{output}/{name}/*.parquet'").fetchall()
    assert [(row[0], row[1]) for row in described] == [(f.name, DUCKDB[f.type]) for f in fields]


def test_nullable_integers_keep_their_values_in_pandas(output):
    documents = pd.read_parquet(output / "documents")
    paragraphs = pd.read_parquet(output / "paragraphs")
    assert documents["year"].dtype == "Int64" and paragraphs["section_no"].dtype == "Int64"
    assert paragraphs["paragraph_no"].min() == 1 and paragraphs["paragraph_no"].dtype == "Int64"
    expected = pl.read_parquet(f"{output}/documents/*.parquet").sort("doc_id")["year"].to_list()
    assert documents.sort_values("doc_id")["year"].astype(object).where(documents["year"].notna(), None).tolist() \
        == expected


def test_references_is_reserved_in_duckdb_and_reads_as_a_quoted_view(output):
    """The README's advice: `references` is an SQL keyword; a view of it is named in double quotes."""
    con = duckdb.connect()
    with pytest.raises(duckdb.ParserException):
        con.sql(f"CREATE VIEW references AS SELECT * FROM '{output}/references/*.parquet'")
    con.sql(f"CREATE VIEW \"references\" AS SELECT * FROM '{output}/references/*.parquet'")
    per_paper = dict(con.sql('SELECT doc_id, count(*) FROM "references" GROUP BY doc_id').fetchall())
    expected = pd.read_parquet(output / "references").groupby("doc_id").size().to_dict()
    assert per_paper == expected and sum(per_paper.values()) > 0
