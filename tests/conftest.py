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
# a busy machine (CI, two test workers) starts the embedded API server in more than Prefect's default 20 s
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

# CI replays the same examples on every run (a counterexample found by chance must not turn a
# landing red); developers' runs explore new ones and keep what they find in .hypothesis/.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def copy_output(source: Path, target: Path) -> Path:
    """Copy a published output: the link and its state directory beside it (versions, lock)."""
    from extract.storage.layout import link_target, state_dir

    shutil.copytree(state_dir(source), state_dir(target), symlinks=True, copy_function=shutil.copy2)
    if source.is_symlink():  # the state directory is named after the output: the copy's link names its own
        os.symlink(link_target(target, os.path.basename(os.readlink(source))), target)
    else:
        shutil.copytree(source, target, symlinks=True, copy_function=shutil.copy2)
    return target


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
SPEC = SHARED / "SPEC.md"
REALWORLD = SHARED / "realworld"
REALWORLD_PDF = REALWORLD / "pdf"
GBT7714 = REALWORLD / "gbt7714"
PDF2 = Path(os.environ.get("PAPERS_PDF2") or Path.home() / ".cache" / "papers-pdf2")

# Every skip for absent material gives a reason starting with this; the end of a run counts them
# (pytest_terminal_summary below), so that a machine without ../shared cannot pass unnoticed.
MISSING_MATERIAL = "missing material:"


def missing_material(what: str) -> str:
    """The reason of a skip for absent material (counted at the end of the run)."""
    return f"{MISSING_MATERIAL} {what}"


def needs_material(path: Path):
    """A mark skipping a test (or a module, as pytestmark) when path is absent: for tests whose
    parameters are read from the material when they are collected, before any fixture runs."""
    shown = f"../{path.relative_to(ROOT.parent)}" if path.is_relative_to(ROOT.parent) else str(path)
    return pytest.mark.skipif(not path.exists(), reason=missing_material(shown))


@pytest.fixture(scope="session")
def realworld() -> Path:
    """../shared/realworld (skips when absent)."""
    if not REALWORLD.is_dir():
        pytest.skip(missing_material("../shared/realworld"))
    return REALWORLD


@pytest.fixture(scope="session")
def pdf2_corpus() -> Path:
    """The set-2 corpus of real PDFs (skips when it was not built)."""
    if not any(PDF2.glob("*.pdf")):
        pytest.skip(missing_material(f"set-2 corpus in {PDF2} (build_corpus.sh, pdf2/README.md)"))
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


def _skip_reason(report) -> str:
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr or "")
    return reason.removeprefix("Skipped: ")


def missing_material_line(stats: dict) -> str:
    """How many tests were skipped for missing material, and for which."""
    missing: dict[str, int] = {}
    for report in stats.get("skipped", []):
        reason = _skip_reason(report)
        if reason.startswith(MISSING_MATERIAL):
            what = reason.removeprefix(MISSING_MATERIAL).strip()
            missing[what] = missing.get(what, 0) + 1
    detail = "; ".join(f"{n} for {what}" for what, n in sorted(missing.items()))
    return f"{sum(missing.values())} test(s) skipped for missing material" + (f" ({detail})" if detail else "")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_sessionfinish(session, exitstatus):
    """The run's last line, after pytest's own summary: how many tests were skipped for missing material
    (0 on a machine that has ../shared and the set-2 corpus), so that their absence cannot pass unnoticed."""
    result = yield
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(missing_material_line(reporter.stats))
    return result
