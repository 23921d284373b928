import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw"
SAMPLE_000 = "000_7e9e2be989c70a6d"
SAMPLE_002 = "002_42b103086d14dc84"

os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

# CI replays the same examples on every run (a counterexample found by chance must not turn a
# landing red); developers' runs explore new ones and keep what they find in .hypothesis/.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return RAW


@pytest.fixture
def sample_raw(tmp_path) -> Path:
    """A private copy of raw/ holding the two sample papers."""
    target = tmp_path / "raw"
    target.mkdir()
    for name in (SAMPLE_000, SAMPLE_002):
        shutil.copy(RAW / f"{name}.txt", target / f"{name}.txt")
    return target


@pytest.fixture(scope="session")
def prefect_harness():
    """One embedded Prefect API for the whole session (starting one costs seconds)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness():
        yield


# Real material: ../shared (SPEC.md, realworld/) beside the checkout, and the set-2 corpus of
# real PDFs built from the mirrors by ../shared/realworld/pdf2/build_corpus.sh into $PAPERS_PDF2
# (default ~/.cache/papers-pdf2). Tests take them from these fixtures only; each skips when its
# material is absent.
SHARED = ROOT.parent / "shared"
REALWORLD = SHARED / "realworld"
PDF2 = Path(os.environ.get("PAPERS_PDF2") or Path.home() / ".cache" / "papers-pdf2")


@pytest.fixture(scope="session")
def realworld() -> Path:
    """../shared/realworld (skips when absent)."""
    if not REALWORLD.is_dir():
        pytest.skip("missing material: ../shared/realworld")
    return REALWORLD


@pytest.fixture(scope="session")
def pdf2_corpus() -> Path:
    """The set-2 corpus of real PDFs (skips when it was not built)."""
    if not any(PDF2.glob("*.pdf")):
        pytest.skip(f"missing material: set-2 corpus in {PDF2} (build_corpus.sh, pdf2/README.md)")
    return PDF2


_ROWS: dict[Path, dict] = {}


@pytest.fixture(scope="session")
def paper_rows():
    """`paper_rows(path)`: process_paper's rows of one real file, computed once per session."""
    from extract.paper import process_paper

    def rows(path: Path) -> dict:
        path = Path(path).resolve()
        if path not in _ROWS:
            _ROWS[path] = process_paper(path)
        return _ROWS[path]

    return rows
