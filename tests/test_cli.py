"""`papers run` from the command line: summary, exit codes, no traceback or ERROR noise."""

import os
import subprocess
import sys

from conftest import ROOT, SAMPLE_000, SAMPLE_002


def papers(*args, cwd):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
    return subprocess.run([sys.executable, "-m", "extract.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def test_run_with_a_bad_paper_exits_1_and_prints_a_clean_summary(sample_raw, tmp_path):
    (sample_raw / "broken.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<")
    out = tmp_path / "out"
    result = papers("run", "--raw", str(sample_raw), "--out", str(out), "--workers", "2", cwd=tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output and "ERROR" not in output and "database is locked" not in output
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"{SAMPLE_000}  ok") for line in lines), output
    assert any(line.startswith("broken") and "failed" in line for line in lines), output
    assert any("error: not a readable PDF" in line for line in lines), output
    assert "[3/3]" in result.stdout  # progress
    assert list((out / "paragraphs").glob("part-*.parquet"))

    again = papers("run", "--raw", str(sample_raw), "--out", str(out), "--only", SAMPLE_002, cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"{SAMPLE_002}  cached" in again.stdout

    valid = papers("validate", "--out", str(out), cwd=tmp_path)
    assert valid.returncode == 0, valid.stderr
    shown = papers("show", SAMPLE_000, "--out", str(out), cwd=tmp_path)
    assert "title_zh: 科技创新纽带和中美城市合作对上海发展的启示" in shown.stdout


def test_unknown_only_is_a_usage_error(sample_raw, tmp_path):
    result = papers("run", "--raw", str(sample_raw), "--out", str(tmp_path / "o"), "--only", "nope", cwd=tmp_path)
    assert result.returncode == 2
    assert "--only names no paper" in result.stderr and "Traceback" not in result.stderr


def test_schema_prints_the_data_dictionary(tmp_path):
    result = papers("schema", cwd=tmp_path)
    assert result.returncode == 0
    assert (ROOT / "docs" / "datasets.md").read_text(encoding="utf-8").strip() == result.stdout.strip()


def test_schedule_fire_times_and_bad_cron(tmp_path):
    from datetime import datetime

    from extract.cli import next_fire_times

    assert next_fire_times("30 3 * * *", datetime(2026, 11, 23, 4, 0), 2) == [
        datetime(2026, 11, 24, 3, 30), datetime(2026, 11, 25, 3, 30)]
    result = papers("serve", "--cron", "every night", cwd=tmp_path)
    assert result.returncode == 2 and "invalid cron expression" in result.stderr


def test_add_copies_a_paper_into_raw_and_refuses_to_overwrite(tmp_path):
    from extract.cli import main

    raw = tmp_path / "raw"
    source = tmp_path / "新论文.txt"
    source.write_text("一、引言\n正文。\n", encoding="gb18030")
    assert main(["add", str(source), "--raw", str(raw), "--doc-id", "010_new"]) == 0
    assert (raw / "010_new.txt").read_bytes() == source.read_bytes()
    assert main(["add", str(source), "--raw", str(raw), "--doc-id", "010_new"]) == 2
    (tmp_path / "notes.docx").write_bytes(b"x")
    assert main(["add", str(tmp_path / "notes.docx"), "--raw", str(raw)]) == 2
    assert sorted(p.name for p in raw.iterdir()) == ["010_new.txt"]
