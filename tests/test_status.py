"""`papers status` and `papers show`: each paper's latest status, error and flag counts, read from runs +
quality_flags; the README's DuckDB query for "which papers failed or warned in the last run"."""

import duckdb

from conftest import SAMPLE_000, SAMPLE_002
from extract.cli import main
from extract.run.sequence import RunRequest, run_papers
from extract.run.status import paper_status

BROKEN_PDF = b"%PDF-1.7\n1 0 obj\n<<"

# the README's query, as printed there (run from the output directory)
LAST_RUN_PROBLEMS = """
SELECT r.doc_id, r.status, r.error,
       count(f.flag_no) FILTER (WHERE f.severity = 'warning') AS warnings
FROM 'runs/*.parquet' r
LEFT JOIN 'quality_flags/*.parquet' f USING (doc_id)
WHERE r.run_id = (SELECT max(run_id) FROM 'runs/*.parquet')
GROUP BY ALL
HAVING r.status = 'failed' OR warnings > 0
ORDER BY r.doc_id
"""


def test_the_latest_run_of_each_paper_its_error_and_its_flag_counts(sample_raw, tmp_path, capsys):
    (sample_raw / "broken.pdf").write_bytes(BROKEN_PDF)
    out = tmp_path / "out"
    _, first = run_papers(RunRequest(sample_raw, out, run_id="20260101T000000Z-aaaaaa"))
    warnings = {o.doc_id: o.flags.get("warning", 0) for o in first}  # what the run itself counted
    assert warnings[SAMPLE_000] > 0 and warnings[SAMPLE_002] > 0
    statuses = {s.doc_id: s for s in paper_status(out)}
    assert [(s.status, s.warnings, s.errors) for s in statuses.values()] == [
        ("ok", warnings[SAMPLE_000], 0), ("ok", warnings[SAMPLE_002], 0), ("failed", 0, 0)]
    assert statuses["broken"].error == "not a readable PDF: truncated (unexpected end of file)"
    assert statuses["broken"].run_id == "20260101T000000Z-aaaaaa"

    # the paper mended: its latest status is its second run's; runs keeps both
    (sample_raw / "broken.pdf").unlink()
    (sample_raw / "broken.txt").write_text("一、引言\n正文。\n", encoding="utf-8")
    run_papers(RunRequest(sample_raw, out, run_id="20260102T000000Z-bbbbbb"))
    statuses = {s.doc_id: s for s in paper_status(out)}
    assert [(s.status, s.run_id[:8]) for s in statuses.values()] == [
        ("cached", "20260102"), ("cached", "20260102"), ("ok", "20260102")]
    assert statuses["broken"].error is None

    capsys.readouterr()
    assert main(["status", "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:6] == [SAMPLE_000, "cached", "warn", str(warnings[SAMPLE_000]), "err", "0"]
    warned = sum(s.warnings > 0 for s in statuses.values())
    assert lines[-1] == f"3 paper(s): 0 failed, {warned} with warnings, {3 - warned} clean"
    assert main(["status", "nope", "--out", str(out)]) == 2


def test_status_problems_and_show_agree_with_the_readme_query(sample_raw, tmp_path, capsys):
    (sample_raw / "broken.pdf").write_bytes(BROKEN_PDF)
    out = tmp_path / "out"
    run_papers(RunRequest(sample_raw, out))
    capsys.readouterr()
    assert main(["status", "--problems", "--out", str(out)]) == 0
    listed = [line.split()[:4] for line in capsys.readouterr().out.splitlines()[:-1]]
    with duckdb.connect() as db:
        db.execute(f"SET file_search_path = '{out}'")
        rows = db.execute(LAST_RUN_PROBLEMS).fetchall()
    assert [[doc, status, "warn", str(n)] for doc, status, _, n in rows] == listed
    assert [row[0] for row in rows] == [SAMPLE_000, SAMPLE_002, "broken"]
    assert rows[2][2] == "not a readable PDF: truncated (unexpected end of file)"

    assert main(["show", "broken", "--out", str(out)]) == 0  # no rows, but the runs say why
    run_id = paper_status(out, {"broken"})[0].run_id
    assert capsys.readouterr().out.split() == ["latest:", "broken", "failed", "warn", "0", "err", "0", "run", run_id,
                                               "error:", *rows[2][2].split()]
    assert main(["show", SAMPLE_000, "--out", str(out)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].split()[:5] == ["latest:", SAMPLE_000, "ok", "warn",
                                                                   str(rows[0][3])]
