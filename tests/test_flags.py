"""Quality-flag kinds and foreign keys are declared once; checks and docs follow the declaration."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import RAW, SAMPLE_000, SAMPLE_002
from extract.model import Change
from extract.paper import process_paper
from extract.run.sequence import paper_frames
from extract.schema.checks import find_failures, referential_failures
from extract.schema.datasets import DATASETS, conform, data_dictionary
from extract.schema.flags import FLAG_KINDS, PINYIN_ANNOTATION, SEVERITIES, STAGES, FlagKind

SRC = Path(__file__).resolve().parents[1] / "src" / "extract"


def change_constructions(path: Path) -> list[int]:
    """Lines where `Change(...)` is called directly."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Change"]


def test_every_flag_is_made_from_a_declared_kind():
    """Emitting code calls `<KIND>.change(...)`; a bare Change(...) could carry an undeclared kind."""
    direct = {str(p.relative_to(SRC)): lines for p in sorted(SRC.rglob("*.py"))
              if p.name != "flags.py" and (lines := change_constructions(p))}
    assert direct == {}


def test_undeclared_kind_fails_the_write_check():
    frames = {name: conform(name, []) for name in DATASETS}
    frames["documents"] = conform("documents", [{**dict.fromkeys(DATASETS["documents"].columns), **dict(
        doc_id="p1", source_file="p1.txt", source_sha256="ab" * 32, source_format="txt", source_encoding="utf-8",
        script="simplified", script_config="t2s", n_chars=0, n_chars_input=0, n_chars_output=0, n_chars_removed=0, coverage=1.0, pipeline_version="0.1.0")}])
    flag = dict(doc_id="p1", flag_no=1, stage="normalize", kind="pinyin_annotation", severity="info",
                paragraph_no=None, detail=None, original="發(fā)", replacement="發", page=None)
    frames["quality_flags"] = conform("quality_flags", [flag])
    assert find_failures(frames) == []
    frames["quality_flags"] = conform("quality_flags", [{**flag, "kind": "pinyin_removed"}])
    assert [str(f) for f in find_failures(frames)] == [
        "quality_flags.kind: isin(" + repr(list(FLAG_KINDS)) + ") failed at rows [0] (e.g. 'pinyin_removed')"]


def test_a_kind_makes_changes_with_its_declared_stage_and_severity():
    change = PINYIN_ANNOTATION.change("removed", original="發(fā)", replacement="發", offset=3)
    assert change == Change("normalize", "pinyin_annotation", "info", "removed", "發(fā)", "發", 3)
    with pytest.raises(ValueError, match="never 'warning'"):
        PINYIN_ANNOTATION.change("removed", severity="warning")
    two = FlagKind("two_severities", "pdf", "info", "a kind with two severities", other_severities=("warning",))
    assert two.change(severity="warning").severity == "warning"


def test_a_kind_must_name_a_declared_stage_and_severity():
    with pytest.raises(ValueError):
        FlagKind("bad", "ocr", "info", "no such stage")
    with pytest.raises(ValueError):
        FlagKind("bad", "pdf", "fatal", "no such severity")


@pytest.mark.parametrize("doc_id", [SAMPLE_000, SAMPLE_002])
def test_flags_of_a_paper_carry_their_declared_stage_and_severity(doc_id):
    flags = paper_frames(process_paper(RAW / f"{doc_id}.txt"))["quality_flags"]
    assert len(flags) > 0
    for kind, stage, severity in flags[["kind", "stage", "severity"]].itertuples(index=False):
        assert (stage, severity in FLAG_KINDS[kind].severities) == (FLAG_KINDS[kind].stage, True)


def test_data_dictionary_shows_every_kind_and_foreign_key():
    doc = data_dictionary()
    for kind in FLAG_KINDS.values():  # a removal's text is counted by the character accounting
        removal = "yes" if kind.removal else ""
        assert f"| {kind.name} | {kind.stage} | {' or '.join(kind.severities)} | {removal} | {kind.meaning} |" in doc
    assert ("Foreign keys: `(doc_id) -> documents (doc_id)`; `(doc_id, ref_no) -> references (doc_id, ref_no), "
            "where resolved`; `(doc_id, paragraph_no) -> paragraphs (doc_id, paragraph_no)`; "
            "`(doc_id, table_no) -> tables (doc_id, table_no)`.") in doc
    assert set(STAGES) == set(DATASETS["quality_flags"].field("stage").enum)
    assert DATASETS["quality_flags"].field("severity").enum == SEVERITIES


def orphan_row(name: str, columns: tuple[str, ...]) -> dict:
    """A row of dataset `name` whose foreign-key columns name nothing; other columns null or 1."""
    row = {f.name: (None if f.nullable else {"string": "x", "int": 1, "bool": True, "float": 0.0}.get(f.type, "x"))
           for f in DATASETS[name].fields}
    row.update(doc_id="ghost" if columns == ("doc_id",) else "p1")
    row.update({c: 99 for c in columns if c != "doc_id"})
    return row


@pytest.mark.parametrize("name,fk", [(name, fk) for name, ds in DATASETS.items() for fk in ds.foreign_keys],
                         ids=lambda v: str(v))
def test_every_declared_foreign_key_is_checked(name, fk):
    frames = {n: conform(n, []) for n in DATASETS}
    frames["documents"] = conform("documents", [orphan_row("documents", ()) | {"doc_id": "p1"}])
    frames[name] = conform(name, [orphan_row(name, fk.columns)])
    failures = [(f.dataset, f.column, f.rows) for f in referential_failures(frames)]
    assert (name, fk.columns[-1], [0]) in failures
