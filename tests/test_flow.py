"""The real Prefect flow on the sample papers, end to end, read back from Parquet."""

import json
import os

import pandas as pd
import pytest

from conftest import SAMPLE_000, SAMPLE_002
from extract.schema.datasets import DATASETS
from extract.storage.write import MANIFEST, read_all

pytestmark = pytest.mark.usefixtures("prefect_harness")


@pytest.fixture
def flow_run(sample_raw, tmp_path):
    from flows.papers import papers_flow

    out = tmp_path / "output"
    result = papers_flow(raw_dir=str(sample_raw), out_dir=str(out))
    return out, result


def test_flow_writes_every_dataset_for_both_samples(flow_run):
    out, result = flow_run
    assert [o.status for o in result["outcomes"]] == ["ok", "ok"]
    frames = {name: pd.read_parquet(out / name) for name in DATASETS}
    assert sorted(frames["documents"]["doc_id"]) == [SAMPLE_000, SAMPLE_002]
    for name, frame in frames.items():
        assert list(frame.columns) == DATASETS[name].columns
    docs = frames["documents"].set_index("doc_id")
    assert docs.loc[SAMPLE_000, "source_encoding"] == "utf-8"
    assert docs.loc[SAMPLE_000, "source_format"] == "txt"
    assert docs.loc[SAMPLE_000, "script"] == "simplified"
    assert docs.loc[SAMPLE_002, "script"] == "traditional"
    sections = frames["sections"].groupby("doc_id").size().to_dict()
    assert sections == {SAMPLE_000: 8, SAMPLE_002: 12}
    assert frames["references"].groupby("doc_id").size().to_dict() == {SAMPLE_000: 9}
    cites = frames["citations"][frames["citations"]["doc_id"] == SAMPLE_000]
    assert len(cites) == 9 and cites["resolved"].all()
    assert sorted(cites["ref_no"]) == list(range(1, 10))
    runs = frames["runs"]
    assert list(runs["status"]) == ["ok", "ok"] and runs["run_id"].nunique() == 1
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["datasets"]["sections"]["rows"] == 20
    state = out.parent / ".output.papers"
    assert os.readlink(out) == f".output.papers/versions/{manifest['run_id']}"
    assert sorted(p.name for p in state.iterdir()) == ["lock", "versions"], "no temp or staging files left"
    assert [p.name for p in (state / "versions").iterdir()] == [manifest["run_id"]]
    assert not [p for p in out.parent.rglob("*") if p.name.startswith(".tmp-")]


def test_second_run_uses_cache_and_force_reprocesses(flow_run, sample_raw):
    from flows.papers import papers_flow

    out, _ = flow_run
    before = read_all(out)
    second = papers_flow(raw_dir=str(sample_raw), out_dir=str(out))
    assert [o.status for o in second["outcomes"]] == ["cached", "cached"]
    after = read_all(out)
    for name in DATASETS:
        if name != "runs":
            pd.testing.assert_frame_equal(before[name], after[name])
    assert len(after["runs"]) == 4
    third = papers_flow(raw_dir=str(sample_raw), out_dir=str(out), only=[SAMPLE_002], force=True)
    assert [(o.doc_id, o.status) for o in third["outcomes"]] == [(SAMPLE_002, "ok")]
    assert set(read_all(out)["documents"]["doc_id"]) == {SAMPLE_000, SAMPLE_002}


def test_paper_removed_from_raw_leaves_the_datasets_on_a_full_run(flow_run, sample_raw):
    from flows.papers import papers_flow

    out, _ = flow_run
    (sample_raw / f"{SAMPLE_002}.txt").unlink()
    papers_flow(raw_dir=str(sample_raw), out_dir=str(out))
    frames = read_all(out)
    assert set(frames["documents"]["doc_id"]) == {SAMPLE_000}
    assert set(frames["sections"]["doc_id"]) == {SAMPLE_000}


def test_bad_papers_fail_alone(sample_raw, tmp_path):
    from flows.papers import papers_flow
    from tests.pdfbuild import build_paper_pdf, scanned_pdf

    paper = (sample_raw / f"{SAMPLE_000}.txt").read_text(encoding="utf-8")
    build_paper_pdf(sample_raw / "as_pdf.pdf", paper)
    build_paper_pdf(sample_raw / "locked.pdf", paper, encrypt="secret")
    scanned_pdf(sample_raw / "scan.pdf")
    whole = (sample_raw / "as_pdf.pdf").read_bytes()
    (sample_raw / "truncated.pdf").write_bytes(whole[: len(whole) // 2])
    (sample_raw / "empty.txt").write_bytes(b"")
    (sample_raw / "noise.pdf").write_bytes(bytes(range(256)) * 40)
    out = tmp_path / "output"
    state = papers_flow(raw_dir=str(sample_raw), out_dir=str(out), workers=2, return_state=True)
    assert state.is_failed()
    assert state.message == "5 of 8 paper(s) failed: empty, locked, noise, scan, truncated"
    result = state.result(raise_on_failure=False)
    status = {o.doc_id: (o.status, o.error) for o in result["outcomes"]}
    assert status[SAMPLE_000][0] == status[SAMPLE_002][0] == status["as_pdf"][0] == "ok"
    assert status["empty"] == ("failed", "empty file")
    assert status["locked"] == ("failed", "needs a password")
    assert status["scan"] == ("failed", "no text layer: scanned image? OCR is not supported")
    assert status["noise"][0] == "failed" and status["noise"][1].startswith("not a readable PDF")
    assert status["truncated"] == ("failed", "not a readable PDF: truncated (unexpected end of file)")
    documents = read_all(out)["documents"].set_index("doc_id")
    assert documents.loc["as_pdf", "n_pages"] >= 5 and documents.loc["as_pdf", "source_format"] == "pdf"
    runs = read_all(out)["runs"].set_index("doc_id")
    for doc in ("empty", "noise", "truncated", "locked", "scan"):
        assert runs.loc[doc, "status"] == "failed"
        assert "\n" not in runs.loc[doc, "error"] and runs.loc[doc, "error"] == status[doc][1]
    assert set(documents.index) == {SAMPLE_000, SAMPLE_002, "as_pdf"}
