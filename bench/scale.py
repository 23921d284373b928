"""Runs at scale, every figure of issue 15 in one go, each from whole commands (a process per run).

- Prefect's fixed start-up: an empty flow through Prefect's own ephemeral server
  (what a plain `@flow` pays) and through ours (what `papers run` pays), beside a bare
  interpreter;
- text corpora of 10, 100 and 1,000 papers (copies of raw/ under varied doc_ids): the
  library run (`run_papers`, no Prefect) and `papers run` on the same corpus, one after
  the other; orchestration overhead = (flow - library - empty flow) / library;
- peak memory of each command with all its processes (workers, embedded server);
- at 1,000 papers: a rerun with nothing changed, then one with one paper changed;
- a PDF corpus with 1 and 2 workers: the speed-up.

Nothing is asserted. Run alone: `python bench/scale.py [--sizes 10,100,1000] [--pdfs 96] [--repeat 3]`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SAMPLES = sorted((ROOT / "raw").glob("*.txt"))

LIBRARY_RUN = """
import sys
from pathlib import Path
from extract.run.sequence import RunRequest, run_papers
if __name__ == "__main__":
    _, outcomes = run_papers(RunRequest(Path(sys.argv[1]), Path(sys.argv[2]), workers=int(sys.argv[3])))
    print(sum(o.status == "failed" for o in outcomes), "failed")
"""

EMPTY_FLOW_PREFECT = """
from prefect import flow
@flow
def empty():
    return 1
empty()
"""

EMPTY_FLOW_OURS = """
from flows.prefect_api import prefect_api
from flows.cli import configure_prefect, run_flow
configure_prefect()
with prefect_api() as api_ready:
    from prefect import flow
    from flows.prefect_api import flush_prefect
    @flow
    def empty():
        return 1
    _, embedded = api_ready()
    run_flow(empty, embedded)
    flush_prefect()
"""


def say(text: str) -> None:
    print(f"bench: {text}", file=sys.stderr, flush=True)


def tree_rss(process) -> int:
    import psutil

    total = 0
    with suppress(psutil.Error):
        for p in [process, *process.children(recursive=True)]:
            with suppress(psutil.Error):
                total += p.memory_info().rss
    return total


def timed(args: list[str], env: dict, cwd: Path) -> tuple[float, float, str]:
    """(seconds, peak MB of the command with all its processes, stdout) of one whole command."""
    import psutil

    start = time.perf_counter()
    process = subprocess.Popen(args, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]
    watched = psutil.Process(process.pid)

    def sample():
        while process.poll() is None:
            peak[0] = max(peak[0], tree_rss(watched))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(args[:3])} exited {process.returncode}: {stderr[-2000:]}")
    return seconds, peak[0] / (1 << 20), stdout


def prefect_db_bytes(work: Path) -> int:
    return sum(p.stat().st_size for p in (work / "prefect").glob("prefect.db*"))


def median_of(args, env, cwd, repeat=3) -> float:
    return statistics.median(timed(args, env, cwd)[0] for _ in range(repeat))


def text_corpus(raw: Path, n: int) -> None:
    raw.mkdir(parents=True)
    for i in range(n):
        sample = SAMPLES[i % len(SAMPLES)]
        shutil.copy(sample, raw / f"{i:05d}_{sample.stem.split('_', 1)[1]}.txt")


def pdf_corpus(raw: Path, n: int) -> None:
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    from tests.pdfbuild import build_paper_pdf

    raw.mkdir(parents=True)
    built = []
    for sample, columns in zip(SAMPLES, (1, 2)):
        path = raw.parent / f"{sample.stem}.pdf"
        build_paper_pdf(path, sample.read_text(encoding="utf-8"), columns=columns)
        built.append(path)
    for i in range(n):
        shutil.copy(built[i % len(built)], raw / f"{i:05d}_pdf.pdf")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--pdfs", type=int, default=96)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each PDF command (alternating); medians")
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]

    work = Path(tempfile.mkdtemp(prefix="papers-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PAPERS_"))}
    env.update(PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]), PREFECT_HOME=str(work / "prefect"),
               PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_LOGGING_LEVEL="WARNING")
    python, papers = str(BIN / "python"), str(BIN / "papers")
    try:
        say("warming the Prefect database (created once, not counted)")
        timed([python, "-c", EMPTY_FLOW_OURS], env, work)

        say("Prefect's fixed start-up: bare interpreter, empty flow (Prefect's own server, then ours), 3 runs each")
        bare = median_of([python, "-c", "import extract.run"], env, work)
        prefect_empty = median_of([python, "-c", EMPTY_FLOW_PREFECT], env, work)
        ours_empty = median_of([python, "-c", EMPTY_FLOW_OURS], env, work)
        print(f"fixed start-up (median of 3 whole commands): python + library import {bare:.1f} s; empty flow "
              f"with Prefect's ephemeral server {prefect_empty:.1f} s; empty flow as papers run starts it "
              f"{ours_empty:.1f} s")

        print("\npapers  library run          papers run (flow)     overhead  ")
        print("        time    peak MB      time    peak MB      (flow-lib-empty)/lib")
        cold: dict[int, float] = {}
        db_growth: dict[int, float] = {}
        for n in sizes:
            raw = work / f"text{n}" / "raw"
            text_corpus(raw, n)
            say(f"{n} text papers: library run")
            lib_s, lib_mb, _ = timed([python, "-c", LIBRARY_RUN, str(raw), str(raw.parent / "lib"), "1"], env, work)
            say(f"{n} text papers: papers run")
            db_before = prefect_db_bytes(work)
            flow_s, flow_mb, _ = timed([papers, "run", "--raw", str(raw), "--out", str(raw.parent / "out")], env, work)
            db_growth[n] = (prefect_db_bytes(work) - db_before) / n
            cold[n] = flow_s
            overhead = (flow_s - lib_s - ours_empty) / lib_s
            print(f"{n:>6}  {lib_s:6.1f} s {lib_mb:7.0f}    {flow_s:6.1f} s {flow_mb:7.0f}      {overhead:+.1%}",
                  flush=True)

        print("Prefect database growth per paper per run: " + ", ".join(
            f"{size / 1024:.1f} KB at {n}" for n, size in db_growth.items()))

        n = max(sizes)
        raw = work / f"text{n}" / "raw"
        say(f"{n} text papers: rerun, nothing changed")
        rerun_s, rerun_mb, _ = timed([papers, "run", "--raw", str(raw), "--out", str(raw.parent / "out")], env, work)
        share = (rerun_s - ours_empty) / (cold[n] - ours_empty)
        print(f"\nno-change rerun of {n}: {rerun_s:.1f} s ({rerun_mb:.0f} MB) = empty flow {ours_empty:.1f} s "
              f"+ {share:.1%} of the cold run beyond it ({cold[n]:.1f} s)")
        changed = sorted(raw.iterdir())[n // 2]
        changed.write_text(changed.read_text(encoding="utf-8") + "\n补充说明。\n", encoding="utf-8")
        say(f"{n} text papers: rerun, one paper changed")
        one_s, _, stdout = timed([papers, "run", "--raw", str(raw), "--out", str(raw.parent / "out")], env, work)
        staged = [line for line in stdout.splitlines() if line.startswith("[") and ": staged" in line]
        print(f"one paper changed among {n}: {one_s:.1f} s, papers processed: {len(staged)} "
              f"({', '.join(line.split('] ')[1].split(':')[0] for line in staged)})")

        raw = work / "pdf" / "raw"
        say(f"building {options.pdfs} PDFs")
        pdf_corpus(raw, options.pdfs)
        runs: dict[tuple[str, int], list[float]] = {}
        mb2 = 0.0
        for k in range(options.repeat):  # 1 and 2 workers alternate: a load change on a shared machine hits both
            for workers in (1, 2):
                say(f"{options.pdfs} PDFs: library run and papers run, {workers} worker(s), round {k + 1}")
                out = raw.parent / f"r{k}w{workers}"
                lib_s, _, _ = timed([python, "-c", LIBRARY_RUN, str(raw), str(out / "lib"), str(workers)], env, work)
                flow_s, flow_mb, _ = timed([papers, "run", "--raw", str(raw), "--out", str(out / "flow"),
                                            "--workers", str(workers)], env, work)
                runs.setdefault(("lib", workers), []).append(lib_s)
                runs.setdefault(("flow", workers), []).append(flow_s)
                mb2 = max(mb2, flow_mb) if workers == 2 else mb2
        lib1, lib2, flow1, flow2 = (statistics.median(runs[key]) for key in
                                    (("lib", 1), ("lib", 2), ("flow", 1), ("flow", 2)))
        pairs = ", ".join(f"x{a / b:.2f}" for a, b in zip(runs[("flow", 1)], runs[("flow", 2)]))
        print(f"\n{options.pdfs} PDFs, 1 -> 2 workers on {os.cpu_count()} cores, medians of {options.repeat}: "
              f"library run {lib1:.1f} -> {lib2:.1f} s (x{lib1 / lib2:.2f}); papers run {flow1:.1f} -> {flow2:.1f} s "
              f"(x{flow1 / flow2:.2f}; round by round {pairs}; beyond the empty flow "
              f"x{(flow1 - ours_empty) / (flow2 - ours_empty):.2f}); peak {mb2:.0f} MB")
        load = os.getloadavg()
        print(f"load average during the bench: {load[0]:.1f} (1 min), {load[2]:.1f} (15 min)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
