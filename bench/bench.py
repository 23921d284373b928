"""Benchmark: pages per CPU-second of the library against bare pdfplumber on real PDFs; normalization
throughput, per-paper library time, PDF pages/s (generated and real PDFs against bare pdfplumber), then
runs at scale (scale.py: whole commands).

Run with `make bench`. Numbers go to stdout; nothing is asserted (tests never time things).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

from extract.normalize import detect_script, normalize_text  # noqa: E402
from extract.paper import process_paper  # noqa: E402

RAW = ROOT / "raw"
SAMPLES = sorted(RAW.glob("*.txt"))


def best_of(fn, repeat=3):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_normalization():
    lines = [line for path in SAMPLES for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    chars = sum(map(len, lines))
    seconds = best_of(lambda: [normalize_text(line) for line in lines])
    print(f"normalize_text: {chars} chars in {seconds:.3f}s = {chars / seconds:,.0f} chars/s")


def _realworld_pdf_lines() -> list[str]:
    """The text of ../shared/realworld/pdf's PDFs (bare pdfplumber text), lines that hold something."""
    import pdfplumber

    folder = ROOT.parent / "shared" / "realworld" / "pdf"
    lines = []
    for pdf in sorted(folder.glob("*.pdf")) if folder.is_dir() else []:
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages:
                lines += [line for line in (page.extract_text() or "").splitlines() if line.strip()]
    return lines


def bench_normalize_stage(rounds: int = 5):
    """The normalize stage (normalize_text per line, script conversion included) over the sample texts
    and the realworld PDFs' text: the two sets in interleaved rounds, median chars/s of each."""
    sets = {
        "sample texts": [line for path in SAMPLES for line in path.read_text(encoding="utf-8").splitlines()
                         if line.strip()],
        "realworld PDFs' text": _realworld_pdf_lines(),
    }
    normalize_text("發展")  # tables and converters are built once, on first use
    times: dict[str, list[float]] = {name: [] for name in sets}
    for _ in range(rounds):
        for name, lines in sets.items():
            start = time.perf_counter()
            for line in lines:
                normalize_text(line)
            times[name].append(time.perf_counter() - start)
    for name, lines in sets.items():
        chars = sum(map(len, lines))
        seconds = statistics.median(times[name])
        print(f"normalize stage, {name}: {chars} chars, median of {rounds} interleaved rounds "
              f"{seconds:.3f}s = {chars / seconds:,.0f} chars/s")


def bench_no_quadratic_blowup():
    """Long inputs, where a quadratic rule would show (these were wall-clock asserts in the tests)."""
    text = "科技創新紐帶和中美城市合作對上海發展的啟示，" * 5000
    detect_script("發")  # tables are built once, on first use
    seconds = best_of(lambda: detect_script(text))
    print(f"detect_script: {len(text)} chars in one text in {seconds:.3f}s (was asserted < 0.5 s)")
    paragraph = ("科技創(chuàng)新紐帶和中美城市合作,對上海發(fā)展的啟示"
                 "與區(qū)域經濟轉(zhuǎn)型(Innovative City)的意義。") * 10
    normalize_text(paragraph)
    seconds = best_of(lambda: [normalize_text(paragraph) for _ in range(300)])
    print(f"normalize_text: 300 annotated paragraphs of {len(paragraph)} chars in {seconds:.2f}s "
          f"(was asserted < 3.0 s)")


def bench_papers():
    for path in SAMPLES:
        seconds = best_of(lambda path=path: process_paper(path))
        print(f"process_paper {path.stem}: {seconds * 1000:.0f} ms ({path.stat().st_size / 1024:.0f} KiB)")


def bench_pdf():
    try:
        import pdfplumber

        from tests.pdfbuild import build_paper_pdf
    except ImportError as exc:
        print(f"pdf: skipped ({exc})")
        return
    with tempfile.TemporaryDirectory() as tmp:
        for path, columns in zip(SAMPLES, (1, 2)):
            pdf = Path(tmp) / f"{path.stem}.pdf"
            build_paper_pdf(pdf, path.read_text(encoding="utf-8"), columns=columns)
            with pdfplumber.open(pdf) as doc:
                pages = len(doc.pages)

            ours, plain = read_pdf_against_bare(pdf)
            print(f"pdf {path.stem} ({columns} col, {pages} pages): read_pdf {pages / ours:.1f} pages/s "
                  f"({ours:.2f}s); bare pdfplumber extract_text {pages / plain:.1f} pages/s ({plain:.2f}s); "
                  f"overhead x{ours / plain:.1f}")


REALWORLD = ROOT.parent / "shared" / "realworld" / "pdf"


def read_pdf_against_bare(pdf: Path) -> tuple[float, float]:
    """Seconds for read_pdf and for bare pdfplumber extract_text on every page, best of three each."""
    import pdfplumber

    from extract.pdf import read_pdf

    def bare():
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages:
                page.extract_text()

    return best_of(lambda: read_pdf(pdf)), best_of(bare)


def bench_realworld_pdf():
    """read_pdf against bare pdfplumber extract_text on the real PDFs of ../shared (same run, same files)."""
    files = sorted(REALWORLD.glob("*.pdf")) if REALWORLD.is_dir() else []
    if not files:
        print(f"pdf realworld: skipped ({REALWORLD} is absent)")
        return
    total_ours = total_bare = 0.0
    for pdf in files:
        ours, plain = read_pdf_against_bare(pdf)
        total_ours, total_bare = total_ours + ours, total_bare + plain
        print(f"pdf {pdf.name}: read_pdf {ours:.2f}s, bare pdfplumber extract_text {plain:.2f}s, x{ours / plain:.2f}")
    print(f"pdf realworld, {len(files)} files: read_pdf {total_ours:.2f}s, bare extract_text {total_bare:.2f}s, "
          f"overhead x{total_ours / total_bare:.2f} (target: within x1.5)")


PDF2 = Path(os.environ.get("PAPERS_PDF2") or Path.home() / ".cache" / "papers-pdf2")
ENGINES = {
    "bare pdfplumber extract_text + extract_tables": "bare",
    "library, process_paper, default (PDFium glyphs, pdf.pdfium = true)": "pdfium",
    "library, process_paper, pdfminer glyphs (pdf.pdfium = false)": "pdfminer",
}


def engine_files() -> list[Path]:
    """The real PDFs of the engine comparison: ../shared/realworld/pdf and the set-2 corpus."""
    files = sorted(REALWORLD.glob("*.pdf")) if REALWORLD.is_dir() else []
    return files + (sorted(PDF2.glob("*.pdf")) if PDF2.is_dir() else [])


def run_engine(engine: str, files: list[str]) -> None:
    """One engine over the files in this process: prints `pages cpu_seconds peak_rss_mib` on stdout."""
    import resource

    import pdfplumber

    from extract.pdf.settings import PdfSettings
    from extract.settings import PipelineSettings

    pages = 0
    start = time.process_time()
    if engine == "bare":
        for f in files:
            with pdfplumber.open(f) as doc:
                for page in doc.pages:
                    page.extract_text()
                    page.extract_tables()
                    page.close()
                pages += len(doc.pages)
    else:
        from extract.paper import PaperError

        settings = PipelineSettings(pdf=PdfSettings(pdfium=engine == "pdfium"))
        for f in files:
            try:
                rows = process_paper(Path(f), settings=settings)
                pages += rows["documents"][0]["n_pages"]
            except PaperError:
                with pdfplumber.open(f) as doc:
                    pages += len(doc.pages)
    seconds = time.process_time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(pages, seconds, peak)


def bench_engines(rounds: int = 3):
    """Pages per CPU-second of bare pdfplumber (text and tables of every page) and of the library on the
    same real PDFs: each engine in a process of its own, `rounds` interleaved rounds, medians."""
    import subprocess

    files = engine_files()
    if not files:
        print(f"engines: skipped (neither {REALWORLD} nor {PDF2} holds PDFs)")
        return
    rates: dict[str, list[float]] = {name: [] for name in ENGINES}
    pages = {}
    for _ in range(rounds):
        for name, engine in ENGINES.items():
            out = subprocess.run([sys.executable, __file__, "--engine", engine, *map(str, files)],
                                 check=True, capture_output=True, text=True).stdout.split()
            n, seconds = int(out[-3]), float(out[-2])
            pages[name] = n
            rates[name].append(n / seconds)
    bare = statistics.median(rates[next(iter(ENGINES))])
    print(f"engines over {len(files)} real PDFs, median of {rounds} interleaved rounds, pages per CPU-second:")
    for name, values in rates.items():
        rate = statistics.median(values)
        print(f"  {name}: {pages[name]} pages, {rate:.1f} pages/CPU-s, x{rate / bare:.2f} bare pdfplumber")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--engine"]:
        run_engine(sys.argv[2], sys.argv[3:])
        sys.exit()
    bench_engines()
    bench_normalization()
    bench_normalize_stage()
    bench_no_quadratic_blowup()
    bench_papers()
    bench_pdf()
    bench_realworld_pdf()
    import scale  # runs at scale, whole commands (bench/scale.py)

    scale.main()
