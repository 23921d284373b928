"""Checks that guard every write, generated from the declarations in `schema.py`.

Column checks (type, nullability, enum, unique key, text invariants) are pandera
schemas built from the declaration; referential checks are generated from the
foreign keys declared there. All failures are collected before raising, and every
failure names the dataset, the column and the offending rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from ..text import CONTROL_RE, PRIVATE_USE_RE, REPLACEMENT_CHARACTER, SUPERSCRIPT_MARKER, has_pinyin_annotation
from .datasets import DATASETS, Dataset, ForeignKey

MAX_ROWS_SHOWN = 8


@dataclass
class Failure:
    """One check that failed: where (dataset, column), what (check) and which rows (frame positions)."""

    dataset: str
    column: str
    check: str
    rows: list[int]
    examples: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        example = f" (e.g. {', '.join(self.examples)})" if self.examples else ""
        return f"{self.dataset}.{self.column}: {self.check} at {_rows(self.rows)}{example}"

    def doc_ids(self, frames: dict[str, pd.DataFrame]) -> set[str]:
        """The papers whose rows failed (empty when the failure is not tied to rows)."""
        frame = frames[self.dataset]
        if "doc_id" not in frame.columns:  # works: rows of the corpus, no paper's
            return set()
        rows = [r for r in self.rows if 0 <= r < len(frame)]
        return set(frame["doc_id"].iloc[rows].dropna().astype(str))

    def for_paper(self, frames: dict[str, pd.DataFrame], doc_id: str) -> str:
        """The failure as one paper sees it: rows named by their key (paragraph_no 3, 5)."""
        frame = frames[self.dataset]
        mine = frame.iloc[[r for r in self.rows if 0 <= r < len(frame)]]
        mine = mine[mine["doc_id"] == doc_id]
        key = [k for k in DATASETS[self.dataset].key if k != "doc_id"]
        where = ", ".join("/".join(str(v) for v in row) for row in mine[key].head(MAX_ROWS_SHOWN).values)
        return f"{self.dataset}.{self.column}: {self.check} at {'/'.join(key)} {where}"


class CheckError(ValueError):
    """One or more checks failed; the message lists each failure on its own line."""

    def __init__(self, failures: list[Failure]):
        self.failures = failures
        super().__init__(f"{len(failures)} check(s) failed:\n" + "\n".join(f"  - {f}" for f in failures))


def _text_checks() -> list[pa.Check]:
    return [
        pa.Check(lambda s: ~s.fillna("").str.contains(REPLACEMENT_CHARACTER, regex=False), name="no U+FFFD"),
        pa.Check(lambda s: ~s.fillna("").map(has_pinyin_annotation).astype(bool), name="no pinyin annotation"),
        pa.Check(lambda s: ~s.fillna("").str.contains(SUPERSCRIPT_MARKER), name="no ^[n] citation marker"),
        pa.Check(lambda s: ~s.fillna("").str.contains(CONTROL_RE), name="no control character"),
        pa.Check(lambda s: ~s.fillna("").str.contains(PRIVATE_USE_RE), name="no Private Use Area character"),
    ]


@cache
def pandera_schema(name: str) -> pa.DataFrameSchema:
    ds: Dataset = DATASETS[name]
    columns = {}
    for f in ds.fields:
        checks = []
        if f.enum:
            checks.append(pa.Check.isin(list(f.enum)))
        if f.normalized_text:
            checks.extend(_text_checks())
        if f.name.endswith("_no") and f.type == "int":
            checks.append(pa.Check.ge(0 if f.name == "row_no" else 1))
        columns[f.name] = pa.Column(f.pandas_dtype, checks=checks, nullable=f.nullable)
    return pa.DataFrameSchema(columns, unique=list(ds.key), strict=True, ordered=True, name=name,
                              report_duplicates="all")


def _rows(index) -> str:
    rows = sorted({int(i) for i in index if i is not None and not pd.isna(i)})
    shown = ", ".join(map(str, rows[:MAX_ROWS_SHOWN]))
    return f"rows [{shown}{', ...' if len(rows) > MAX_ROWS_SHOWN else ''}]" if rows else "the column"


def column_failures(name: str, frame: pd.DataFrame) -> list[Failure]:
    try:
        pandera_schema(name).validate(frame, lazy=True)
    except SchemaErrors as exc:
        out = []
        for (column, check), group in exc.failure_cases.groupby(["column", "check"], dropna=False, sort=False):
            if check == "multiple_fields_uniqueness":
                column, check = ", ".join(DATASETS[name].key), "duplicate key"
            column = column if isinstance(column, str) else ", ".join(DATASETS[name].key)
            rows = sorted({int(i) for i in group["index"] if i is not None and not pd.isna(i)})
            examples = [repr(v)[:60] for v in group["failure_case"].head(3)]
            out.append(Failure(name, column, f"{check} failed", rows, examples))
        return out
    return []


def _missing_parent(child: pd.DataFrame, child_cols: list[str], parent: pd.DataFrame,
                    parent_cols: list[str]) -> pd.Index:
    """Index of child rows whose (non-null) key has no row in parent."""
    keys = child[child_cols].dropna()
    if keys.empty:
        return keys.index
    wanted = parent[parent_cols].drop_duplicates().set_axis(child_cols, axis=1)
    merged = keys.merge(wanted, on=child_cols, how="left", indicator=True)
    merged.index = keys.index
    return merged.index[merged["_merge"] == "left_only"]


def referential_failures(frames: dict[str, pd.DataFrame]) -> list[Failure]:
    """One failure per foreign key (declared in schema.py) that some rows break; doc_id links first."""
    links = [(name, fk) for name, ds in DATASETS.items() for fk in ds.foreign_keys]
    out = []
    for name, fk in sorted(links, key=lambda link: link[1].columns != ("doc_id",)):
        frame = frames[name]
        if fk.only_where:
            frame = frame[frame[fk.only_where].fillna(False).astype(bool)]
        bad = _missing_parent(frame, list(fk.columns), frames[fk.parent], list(fk.parent_columns))
        if len(bad):
            out.append(Failure(name, fk.columns[-1], _broken_link(fk), _positions(frames[name], bad)))
    return out


def _broken_link(fk: ForeignKey) -> str:
    if fk.only_where:
        return f"marked {fk.only_where} but no {fk.parent} row"
    if fk.columns == ("doc_id",):
        return f"no {fk.parent} row"
    return f"no {fk.parent} row for ({', '.join(fk.parent_columns)})"


def _positions(frame: pd.DataFrame, labels: pd.Index) -> list[int]:
    return sorted(int(i) for i in frame.index.get_indexer(labels))


def find_failures(frames: dict[str, pd.DataFrame]) -> list[Failure]:
    """Every failing check over every dataset (relational checks once the columns are sound)."""
    failures: list[Failure] = []
    for name in DATASETS:
        failures += column_failures(name, frames[name])
    if not failures:
        failures += referential_failures(frames)
    return failures


def validate_all(frames: dict[str, pd.DataFrame]) -> None:
    """Run every check over every dataset; raise CheckError listing all failures."""
    failures = find_failures(frames)
    if failures:
        raise CheckError(failures)
