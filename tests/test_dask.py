"""The same flow on a local Dask cluster (prefect-dask) writes exactly what the library's run writes."""

import pandas as pd
import pytest

from conftest import SAMPLE_000, SAMPLE_002
from extract.run.sequence import RunRequest, run_papers
from extract.schema.datasets import DATASETS
from extract.storage.write import read_all
from tests.pdfbuild import build_paper_pdf
from tests.test_cli import papers

pytest.importorskip("prefect_dask")
pytestmark = pytest.mark.slow


def test_dask_local_cluster_output_is_identical(sample_raw, tmp_path):
    paper = (sample_raw / f"{SAMPLE_000}.txt").read_text(encoding="utf-8")
    build_paper_pdf(sample_raw / "as_pdf.pdf", paper, columns=2)
    (sample_raw / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<<")
    run_papers(RunRequest(sample_raw, tmp_path / "local"))
    dask = papers("run", "--raw", str(sample_raw), "--out", str(tmp_path / "dask"), "--dask", "--workers", "2",
                  cwd=tmp_path)
    assert dask.returncode == 1, dask.stdout + dask.stderr
    assert "Traceback" not in dask.stdout + dask.stderr
    assert sorted(line.split("] ")[1].split(" (")[0] for line in dask.stdout.splitlines() if line.startswith("[")) \
        == [f"{SAMPLE_000}: staged", f"{SAMPLE_002}: staged", "as_pdf: staged", "broken: failed"]
    a, b = read_all(tmp_path / "local"), read_all(tmp_path / "dask")
    for name in DATASETS:
        if name == "runs":
            continue
        pd.testing.assert_frame_equal(a[name], b[name], check_exact=True)
    assert len(a["paragraphs"]) > 0 and set(a["documents"]["doc_id"]) == {"as_pdf", SAMPLE_000, SAMPLE_002}
    columns = ["doc_id", "status", "error"]
    pd.testing.assert_frame_equal(a["runs"][columns], b["runs"][columns])
