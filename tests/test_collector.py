"""The garbage collector paused while a paper is read (extract/collector.py), and restored after."""

from __future__ import annotations

import gc
import threading

import pytest

from extract.collector import collector_paused
from extract.model import PaperError
from extract.paper import process_paper


def test_paused_inside_restored_after_even_on_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("a paper's trouble")
    assert gc.isenabled()


def test_a_caller_that_paused_it_keeps_it_paused():
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_papers_restore_it_when_the_last_one_ends():
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def first():
        with collector_paused():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second():
        first_in.wait(5)
        with collector_paused():
            second_in.set()
            first_out.wait(5)
            seen["after the first ended"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == {"after the first ended": False}
    assert gc.isenabled()


def test_process_paper_leaves_the_collector_as_it_found_it(tmp_path):
    paper = tmp_path / "paper.txt"
    paper.write_text("数字治理的制度逻辑\n\n摘要：本文讨论数字治理。\n\n一、引言\n\n数字治理是国家治理的重要内容。\n",
                     encoding="utf-8")
    assert process_paper(paper)["documents"][0]["title_zh"] == "数字治理的制度逻辑"
    assert gc.isenabled()
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(PaperError):
        process_paper(empty)
    assert gc.isenabled()


def test_reading_a_pdf_with_pdfium_leaves_no_cycle_per_page(tmp_path):
    """With the collector paused, garbage in reference cycles waits for the pause's end: a page's reading must
    make none (a nested function calling itself, a ctypes cast of each page's handle both did: 1,000 pages
    kept 5 MiB more to the paper's end)."""
    from tests.hostile import many_pages_pdf

    pdf = tmp_path / "pages.pdf"
    many_pages_pdf(pdf, 30)
    process_paper(pdf)  # once, so that what a process makes once (ctypes types, caches) is made
    gc.collect()
    gc.disable()
    try:
        rows = process_paper(pdf)
        cyclic = gc.collect()
    finally:
        gc.enable()
    assert rows["documents"][0]["n_pages"] == 30
    assert cyclic < 30
