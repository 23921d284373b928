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
