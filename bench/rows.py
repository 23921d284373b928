"""Every dataset's rows for a set of papers, saved and compared: what a change did to the output.

    python bench/rows.py snapshot DIR [PAPER ...]   # rows of each paper (library, no Prefect) into DIR
    python bench/rows.py compare OLD NEW            # per paper and dataset: rows identical, or what differs

Without PAPER arguments the snapshot takes the samples in raw/, the PDFs of
../shared/realworld/pdf and, when $PAPERS_PDF2 names it, the set-2 corpus (pdf2/README.md).
A snapshot is one JSON file per paper, rows sorted by their key, `documents` without the
fields that name the run or the version. `compare` prints one line per paper and dataset
that differs, with the first differing row, and ends with a count; exit 1 when anything differs.
$PAPERS_PDFIUM=1 (or 0) snapshots with the PDF reader's `pdf.pdfium` on (or off) instead of the default.
"""

from __future__ import annotations

import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

VOLATILE = {"pipeline_version"}  # documents fields that change with every release


def default_papers() -> list[Path]:
    papers = sorted((ROOT / "raw").glob("*.txt"))
    papers += sorted((ROOT.parent / "shared" / "realworld" / "pdf").glob("*.pdf"))
    pdf2 = os.environ.get("PAPERS_PDF2")
    if pdf2:
        papers += sorted(Path(pdf2).glob("*.pdf"))
    return papers


def engine_settings():
    """The pipeline's settings, `pdf.pdfium` as $PAPERS_PDFIUM says (unset: the default)."""
    from extract.pdf.settings import PdfSettings
    from extract.settings import PipelineSettings

    flag = os.environ.get("PAPERS_PDFIUM")
    return None if flag is None else PipelineSettings(pdf=PdfSettings(pdfium=flag not in ("0", "")))


def rows_of(path: Path) -> tuple[str, dict]:
    from extract.paper import process_paper

    try:
        rows = process_paper(path, settings=engine_settings())
    except Exception as exc:  # noqa: BLE001 - a failure is a result to compare too
        return path.stem, {"error": f"{type(exc).__name__}: {exc}"}
    for row in rows.get("documents", []):
        for key in VOLATILE:
            row.pop(key, None)
    return path.stem, {name: sorted(json.dumps(r, ensure_ascii=False, sort_keys=True, default=str)
                                     for r in table) for name, table in sorted(rows.items())}


def snapshot(out: Path, papers: list[Path]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(max_workers=2) as pool:
        for stem, rows in pool.map(rows_of, papers):
            (out / f"{stem}.json").write_text(json.dumps(rows, ensure_ascii=False, indent=0), encoding="utf-8")
            print(f"{stem}: " + ("failed " + rows["error"] if "error" in rows
                                 else ", ".join(f"{k} {len(v)}" for k, v in rows.items() if v)))


def compare(old: Path, new: Path) -> int:
    differ = 0
    for path in sorted(old.glob("*.json")):
        other = new / path.name
        if not other.exists():
            print(f"{path.stem}: missing in {new}")
            differ += 1
            continue
        a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (path, other))
        for name in sorted(set(a) | set(b)):
            ra, rb = a.get(name, []), b.get(name, [])
            if ra == rb:
                continue
            differ += 1
            gone = [r for r in ra if r not in set(rb)]
            new_rows = [r for r in rb if r not in set(ra)]
            print(f"{path.stem} {name}: {len(ra)} -> {len(rb)} rows, {len(gone)} gone, {len(new_rows)} new")
            for r in gone[:2]:
                print(f"   - {r[:300]}")
            for r in new_rows[:2]:
                print(f"   + {r[:300]}")
    print(f"{differ} paper datasets differ")
    return 1 if differ else 0


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "snapshot":
        snapshot(Path(argv[1]), [Path(p) for p in argv[2:]] or default_papers())
        return 0
    if len(argv) == 3 and argv[0] == "compare":
        return compare(Path(argv[1]), Path(argv[2]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
