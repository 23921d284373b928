"""Reference lists of the set-2 corpus of real PDFs against ../shared/realworld/pdf2/TRUTH.tsv (issue 21, item 6).

Prints every PDF's entry count against the truth, and how many entries were read in full; asserts the
counts that are right today stay right (the PDFs listed in KNOWN_WRONG are not yet right: a list found
where the paper has none, and so on).
"""

import csv

import pytest

KNOWN_WRONG = {
    "cumcm2024_b": "the paper has no list; one paragraph is read as a one-entry list (heading detection)",
}


@pytest.fixture(scope="module")
def truth(realworld):
    with open(realworld / "pdf2" / "TRUTH.tsv", encoding="utf-8") as handle:
        return {row["doc_id"]: int(row["n_references"]) for row in csv.DictReader(handle, delimiter="\t")}


def test_every_pdf2_list_has_its_entry_count(truth, pdf2_corpus, paper_rows):
    counts = {}
    for doc_id in truth:
        path = pdf2_corpus / f"{doc_id}.pdf"
        if not path.exists():
            continue
        references = paper_rows(path)["references"]
        counts[doc_id] = (len(references), sum(r["parse_status"] == "ok" for r in references))
    for doc_id, (found, ok) in counts.items():
        print(f"{doc_id:22} truth {truth[doc_id]:3}  found {found:3}  read in full {ok:3}")
    wrong = {d for d, (found, _) in counts.items() if found != truth[d]}
    assert wrong == set(KNOWN_WRONG) & set(counts)
