"""The one schema declaration drives the files, the checks and the docs, and matches SPEC.md."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from extract.schema.checks import pandera_schema
from extract.schema.datasets import DATASETS, data_dictionary

ROOT = Path(__file__).resolve().parents[1]

# The contract analysts code against (SPEC.md): dataset -> key + required columns.
SPEC_COLUMNS = {
    "documents": "doc_id source_file source_sha256 source_format source_encoding n_pages script title_zh title_en "
                 "abstract_zh abstract_en doi issn year funding editor n_chars pipeline_version",
    "authors": "doc_id author_no name_zh name_en affiliation position",
    "keywords": "doc_id keyword_no keyword lang",
    "sections": "doc_id section_no parent_section_no level label title title_source",
    "paragraphs": "doc_id paragraph_no section_no text text_source page_start page_end",
    "tables": "doc_id table_no label caption note n_rows n_cols page has_body",
    "table_cells": "doc_id table_no row_no col_no column_name value value_source is_header filled_down",
    "references": "doc_id ref_no raw authors title type_code doc_type carrier container place publisher year "
                  "pub_date volume issue pages accessed_date url doi parse_status",
    "citations": "doc_id citation_no ref_no location paragraph_no table_no row_no col_no char_offset marker resolved",
    "mentions": "doc_id mention_no kind label paragraph_no target_found",
    "quality_flags": "doc_id flag_no stage kind severity paragraph_no detail original replacement",
    "runs": "run_id doc_id status error duration_s started_at source_sha256 pipeline_version",
}


# Datasets added beside the contract's (SPEC.md allows additions): footnotes, figure captions, cited works.
ADDED = {"footnotes", "figures", "works"}


def test_spec_datasets_with_every_spec_column():
    assert [n for n in DATASETS if n not in ADDED] == list(SPEC_COLUMNS)
    for name, columns in SPEC_COLUMNS.items():
        missing = [c for c in columns.split() if c not in DATASETS[name].columns]
        assert not missing, f"{name} lacks {missing}"


def test_spec_md_names_the_same_datasets():
    from conftest import SPEC as spec
    from conftest import missing_material

    if not spec.exists():
        pytest.skip(missing_material("../shared/SPEC.md"))
    named = re.findall(r"^\| (\w+) \| ", spec.read_text(encoding="utf-8"), flags=re.M)
    assert [n for n in named if n != "dataset"] == [n for n in DATASETS if n not in ADDED]


@pytest.mark.parametrize("name", list(DATASETS))
def test_arrow_and_pandera_come_from_the_declaration(name):
    ds = DATASETS[name]
    arrow = ds.arrow_schema()
    assert arrow.names == ds.columns
    assert all(arrow.field(f.name).metadata[b"description"].decode() == f.description for f in ds.fields)
    assert list(pandera_schema(name).columns) == ds.columns
    assert all(f.description.strip() for f in ds.fields)
    assert set(ds.key) <= set(ds.columns)


def test_committed_data_dictionary_is_current():
    committed = (ROOT / "docs" / "datasets.md").read_text(encoding="utf-8")
    assert committed.strip() == data_dictionary().strip(), "run `make schema-doc` and commit docs/datasets.md"


def test_reading_a_paper_imports_no_frame_library():
    """process_paper needs the datasets' columns, not their frames: pandas and pyarrow are imported where rows
    become frames (conform, to_arrow, the schema), not when the library is imported to read papers."""
    code = ("import sys, extract.paper, extract.pdf.reader; "
            "print(sorted(m for m in ('pandas', 'pyarrow') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    from extract.schema.datasets import DATASETS
    assert str(DATASETS["documents"].arrow_schema().field("doc_id").type) == "string"


def test_importing_the_reader_imports_no_pdf_parser():
    """pdfplumber and pdfminer (14 MiB, 50 ms) are imported when a PDF is read, not when the library is: a text
    paper, the command line and a worker that has not met a PDF yet do without them."""
    code = ("import sys, extract.paper, extract.pdf.reader, extract.pdf.ruled_tables, extract.pdf.pdfium; "
            "print(sorted(m for m in ('pdfplumber', 'pdfminer', 'pypdfium2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
