"""A PDF of a paper gives the same datasets as its text, plus page numbers (PDFs built at test time)."""

import re

import pandas as pd
import pytest

from conftest import RAW, SAMPLE_000, SAMPLE_002
from extract.paper import process_paper
from extract.run.sequence import paper_frames
from tests.pdfbuild import build_paper_pdf

COMPARED = {
    "sections": ["section_no", "parent_section_no", "level", "label", "title"],
    "tables": ["table_no", "label", "caption", "note", "n_rows", "n_cols", "has_body"],
    "table_cells": ["table_no", "row_no", "col_no", "value", "is_header", "filled_down"],
    "references": ["ref_no", "title", "type_code", "container", "year", "pub_date", "pages", "url"],
    "citations": ["citation_no", "ref_no", "location", "paragraph_no", "table_no", "row_no", "col_no",
                  "char_offset", "resolved"],
    "paragraphs": ["paragraph_no", "section_no", "text"],
    "mentions": ["kind", "label", "paragraph_no", "target_found"],
}
HEADER = "城市观察 2019年第1期"


def both(tmp_path, doc_id, **layout):
    text_path = RAW / f"{doc_id}.txt"
    pdf_path = tmp_path / f"{doc_id}.pdf"
    build_paper_pdf(pdf_path, text_path.read_text(encoding="utf-8"), **layout)
    return paper_frames(process_paper(text_path)), paper_frames(process_paper(pdf_path))


@pytest.mark.parametrize("doc_id,layout", [
    (SAMPLE_000, dict(columns=1, ruled_tables=True, superscript_markers=True, running_header=HEADER,
                      page_numbers=True)),
    (SAMPLE_002, dict(columns=2, running_header=HEADER, page_numbers=True)),
])
def test_pdf_and_text_give_the_same_datasets(tmp_path, doc_id, layout):
    text, pdf = both(tmp_path, doc_id, **layout)
    for name, columns in COMPARED.items():
        pd.testing.assert_frame_equal(text[name][columns], pdf[name][columns], obj=name)
    doc = pdf["documents"].iloc[0]
    assert doc["source_format"] == "pdf" and pd.isna(doc["source_encoding"]) and doc["n_pages"] >= 5
    paragraphs = pdf["paragraphs"]
    assert paragraphs["page_start"].notna().all() and (paragraphs["page_end"] >= paragraphs["page_start"]).all()
    assert (paragraphs["page_end"] > paragraphs["page_start"]).any(), "some paragraph crosses a page"
    body = " ".join(paragraphs["text"])
    assert HEADER not in body and not re.search(r"·\s*\d+\s*·", body)
    if len(pdf["tables"]):
        assert pdf["tables"]["page"].notna().all()
    flags = pdf["quality_flags"]
    assert "running_header_removed" in set(flags["kind"])
