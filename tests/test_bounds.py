"""Every paper runs under a time and a memory bound; one that exceeds a bound fails alone.

Hostile files are built at test time (tests/hostile.py) and run beside the two
sample papers through the library's run (papers in bounded worker processes,
no Prefect); each test states what becomes of one kind of file.
"""

import pytest

from conftest import SAMPLE_000, SAMPLE_002
from extract.run.sequence import PaperJob, PaperTask, RunRequest, plan_batches, run_papers
from extract.run.workers import PaperLimits, PaperPool
from extract.storage.write import read_all
from tests import hostile

# Tight bounds so that the tests end soon; the defaults are far larger (PaperLimits).
LIMITS = PaperLimits(seconds=20, memory_mb=1536)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """One run over the samples and every hostile PDF, two workers, under LIMITS."""
    from conftest import RAW

    raw = tmp_path_factory.mktemp("hostile") / "raw"
    raw.mkdir()
    for name in (SAMPLE_000, SAMPLE_002):
        (raw / f"{name}.txt").write_bytes((RAW / f"{name}.txt").read_bytes())
    hostile.reference_loop_pdf(raw / "length_loop.pdf")
    hostile.page_tree_loop_pdf(raw / "page_tree_loop.pdf")
    hostile.decompression_bomb_pdf(raw / "bomb.pdf", expanded_mib=3072)
    hostile.deeply_nested_pdf(raw / "nested_rotate.pdf", depth=50_000)
    hostile.deeply_nested_pdf(raw / "nested_annots.pdf", depth=50_000, key=b"/Annots")
    out = raw.parent / "out"
    manifest, outcomes = run_papers(RunRequest(raw, out, workers=2, limits=LIMITS))
    return {o.doc_id: o for o in outcomes}, read_all(out), manifest


def test_good_papers_are_written_beside_hostile_ones(hostile_run):
    outcomes, frames, _ = hostile_run
    assert outcomes[SAMPLE_000].status == outcomes[SAMPLE_002].status == "ok"
    assert {SAMPLE_000, SAMPLE_002} <= set(frames["documents"]["doc_id"])
    assert frames["sections"].groupby("doc_id").size()[SAMPLE_000] == 8


def test_reference_loop_hangs_pdfminer_and_fails_at_the_time_bound(hostile_run):
    outcomes, frames, _ = hostile_run
    loop = outcomes["length_loop"]
    assert (loop.status, loop.error) == ("failed", "exceeded 20 s")
    assert 20 <= loop.duration_s < 40
    runs = frames["runs"].set_index("doc_id")
    assert runs.loc["length_loop", "error"] == "exceeded 20 s"
    assert "length_loop" not in set(frames["documents"]["doc_id"])


def test_page_tree_that_lists_itself_is_read_once(hostile_run):
    outcomes, frames, _ = hostile_run
    assert outcomes["page_tree_loop"].status == "ok"
    paragraphs = frames["paragraphs"][frames["paragraphs"]["doc_id"] == "page_tree_loop"]
    assert list(paragraphs["text"]) == ["Hello"]


def test_decompression_bomb_fails_at_the_memory_bound(hostile_run):
    """PDFium inflates the content stream: its allocator aborts the worker at the bound (pdfminer's reading
    would raise MemoryError); either way the paper fails naming the bound."""
    outcomes, _, _ = hostile_run
    assert outcomes["bomb"].status == "failed"
    assert outcomes["bomb"].error in (
        "exceeded 1536 MiB of memory",
        "exceeded 1536 MiB of memory (the worker aborted, SIGABRT: an allocation in native code failed)")


def test_an_abort_under_a_memory_bound_is_said_as_the_bound():
    from extract.run.workers import PaperLimits, death_reason

    limits = PaperLimits(memory_mb=2048)
    assert death_reason(-6, limits) == ("exceeded 2 GiB of memory (the worker aborted, SIGABRT: an allocation in "
                                        "native code failed)")
    assert death_reason(-6) == "worker process killed by SIGABRT"
    assert death_reason(-11, limits) == "worker process killed by SIGSEGV"


def test_deep_nesting_fails_with_a_reason_or_is_read(hostile_run):
    """A /Rotate array 50 000 deep: pdfminer's page tree fails on it ("maximum recursion depth exceeded",
    still the verdict under `pdf.pdfium = false`), but the reader takes the pages from PDFium, which reads the
    page (an unreadable /Rotate as none) and needs no pdfminer page for it: the page's text is read."""
    outcomes, frames, _ = hostile_run
    for name in ("nested_rotate", "nested_annots"):  # an entry nobody resolves costs nothing
        assert outcomes[name].status == "ok"
        paragraphs = frames["paragraphs"][frames["paragraphs"]["doc_id"] == name]
        assert list(paragraphs["text"]) == ["Hello"]


@pytest.mark.slow
def test_thousand_page_pdf_is_read_whole_under_the_default_bounds(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    hostile.many_pages_pdf(raw / "thousand.pdf", pages=1000)
    _, outcomes = run_papers(RunRequest(raw, tmp_path / "out"))
    assert [(o.status, o.error) for o in outcomes] == [("ok", None)]
    frames = read_all(tmp_path / "out")
    assert frames["documents"].loc[0, "n_pages"] == 1000
    text = "".join(frames["paragraphs"]["text"])
    assert text.count("城市合作与科技创新的研究。") == 1000 and "第1000页" in text


@pytest.mark.slow
def test_fifty_mb_text_file_is_processed_under_the_default_bounds(tmp_path):
    from conftest import RAW

    raw = tmp_path / "raw"
    raw.mkdir()
    hostile.large_text(raw / "huge.txt", RAW / f"{SAMPLE_000}.txt", mib=50)
    assert (raw / "huge.txt").stat().st_size >= 50 << 20
    _, outcomes = run_papers(RunRequest(raw, tmp_path / "out"))
    assert [(o.status, o.error) for o in outcomes] == [("ok", None)]
    assert outcomes[0].counts["paragraphs"] > 30_000


def test_a_paper_over_the_time_bound_fails_alone_and_its_worker_is_replaced(tmp_path):
    from conftest import RAW

    raw = tmp_path / "raw"
    raw.mkdir()
    hostile.reference_loop_pdf(raw / "a_loop.pdf")
    (raw / "b.txt").write_bytes((RAW / f"{SAMPLE_002}.txt").read_bytes())
    with PaperPool(1, PaperLimits(seconds=3)) as pool:
        jobs = [PaperJob("a_loop", str(raw / "a_loop.pdf"), None), PaperJob("b", str(raw / "b.txt"), None)]
        first = pool.run(PaperTask(jobs[0], {}, str(tmp_path / "staging")))
        second = pool.run(PaperTask(jobs[1], {}, str(tmp_path / "staging")))
    assert (first.status, first.error) == ("failed", "exceeded 3 s")
    assert second.status == "ok" and second.counts["sections"] == 12


def test_limits_are_checked():
    with pytest.raises(ValueError, match="seconds must be positive"):
        PaperLimits(seconds=0)
    with pytest.raises(ValueError, match="at least 512"):
        PaperLimits(memory_mb=100)
    assert PaperLimits().time_reason() == "exceeded 300 s"
    assert PaperLimits().memory_reason() == "exceeded 4 GiB of memory"


def test_batches_balance_bytes_and_stay_few(tmp_path):
    sizes = [9000, 100, 100, 100, 5000, 4000, 100, 100, 100, 100]
    jobs = []
    for i, size in enumerate(sizes):
        path = tmp_path / f"p{i}.txt"
        path.write_bytes(b"x" * size)
        jobs.append(PaperJob(f"p{i}", str(path), None))
    batches = plan_batches(jobs, workers=4)
    assert [[j.doc_id for j in b] for b in batches] == [["p0"], ["p4", "p7"], ["p3", "p5", "p8"],
                                                        ["p1", "p2", "p6", "p9"]]
    assert [len(b) for b in plan_batches(jobs, workers=1)] == [10]
    assert [[j.doc_id for j in b] for b in plan_batches(jobs, workers=2)] == [["p0", "p1", "p3", "p7", "p9"],
                                                                          ["p2", "p4", "p5", "p6", "p8"]]
    many = [PaperJob(f"d{i}", str(tmp_path / "p1.txt"), None) for i in range(1000)]
    assert [len(b) for b in plan_batches(many, workers=2)] == [25] * 40
    assert plan_batches([], workers=2) == []


def test_a_worker_that_dies_fails_only_its_paper(tmp_path):
    """A crash (here a SIGSEGV sent to the worker mid-paper) fails that paper; the next gets a new worker."""
    import os
    import signal
    import threading
    import time

    from conftest import RAW

    hostile.reference_loop_pdf(tmp_path / "loop.pdf")
    with PaperPool(1, PaperLimits(seconds=120)) as pool:
        pool.warm()
        [worker] = pool._idle
        result = {}
        thread = threading.Thread(target=lambda: result.update(
            outcome=pool.run(PaperTask(PaperJob("loop", str(tmp_path / "loop.pdf"), None), {}, str(tmp_path / "staging")))))
        thread.start()
        time.sleep(1)
        os.kill(worker.process.pid, signal.SIGSEGV)
        thread.join(60)
        after = pool.run(PaperTask(PaperJob("b", str(RAW / f"{SAMPLE_002}.txt"), None), {}, str(tmp_path / "staging")))
    assert (result["outcome"].status, result["outcome"].error) == ("failed", "worker process killed by SIGSEGV")
    assert after.status == "ok"
