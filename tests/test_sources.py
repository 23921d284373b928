"""Inputs: only regular files inside raw/ are read, doc_ids are one safe path segment, the manifest is strict.

Every bad input is made here, at test time, beside the two sample papers.
"""

import os
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLE_000, SAMPLE_002
from extract.run.sequence import RunRequest, run_papers
from extract.run.sources import (
    SourceError,
    check_doc_id,
    discover_papers,
    doc_id_problem,
    load_manifest,
    parse_manifest,
)
from extract.storage.write import read_all

SECRET = "绝密：不得进入数据集的文字。"


def papers_cli(*args, cwd):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture
def hostile_raw(sample_raw, tmp_path):
    """The samples plus every kind of entry that must not be read as a paper."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"一、引言\n{SECRET}\n", encoding="utf-8")
    (sample_raw / "to_secret.txt").symlink_to(outside / "secret.txt")
    (sample_raw / "to_outside_dir.txt").symlink_to(outside)
    (sample_raw / "relative_escape.txt").symlink_to(os.path.join("..", "elsewhere", "secret.txt"))
    (sample_raw / "chain.txt").symlink_to("to_secret.txt")  # inside raw/, but it ends outside
    (sample_raw / "dangling.txt").symlink_to(sample_raw / "gone.txt")
    (sample_raw / "alias.txt").symlink_to(f"{SAMPLE_000}.txt")  # inside raw/: read
    os.mkfifo(sample_raw / "pipe.txt")  # reading it would block the run for good
    (sample_raw / "folder.pdf").mkdir()
    (sample_raw / "bad name.txt").write_text("一、引言\n正文。\n", encoding="utf-8")
    return sample_raw, outside


def test_only_regular_files_inside_raw_are_read(hostile_raw, tmp_path):
    raw, outside = hostile_raw
    _, outcomes = run_papers(RunRequest(raw, tmp_path / "out"))
    status = {o.doc_id: (o.status, o.error) for o in outcomes}
    secret = str(outside / "secret.txt")
    assert status == {
        SAMPLE_000: ("ok", None),
        SAMPLE_002: ("ok", None),
        "alias": ("ok", None),
        "bad name": ("failed", "refused: file name 'bad name.txt' is not a valid doc_id: expected 1-128 letters, digits, _ . - "
                               "starting with a letter or digit (SPACE)"),
        "chain": ("failed", f"refused: symlink to {secret} points outside raw/"),
        "dangling": ("failed", "refused: broken symlink"),
        "folder": ("failed", "refused: a directory, not a regular file"),
        "pipe": ("failed", "refused: a fifo, not a regular file"),
        "relative_escape": ("failed", f"refused: symlink to {secret} points outside raw/"),
        "to_outside_dir": ("failed", f"refused: symlink to {outside} points outside raw/"),
        "to_secret": ("failed", f"refused: symlink to {secret} points outside raw/"),
    }
    frames = read_all(tmp_path / "out")
    assert not frames["paragraphs"]["text"].str.contains(SECRET[:6]).any()
    assert sorted(frames["documents"]["doc_id"]) == sorted([SAMPLE_000, SAMPLE_002, "alias"])
    alias = frames["paragraphs"][frames["paragraphs"]["doc_id"] == "alias"]["text"].tolist()
    assert alias == frames["paragraphs"][frames["paragraphs"]["doc_id"] == SAMPLE_000]["text"].tolist()
    runs = frames["runs"].set_index("doc_id")
    assert runs.loc["to_secret", "status"] == "failed" and runs.loc["to_secret", "error"] == status["to_secret"][1]


VALID_DOC_IDS = ["000_7e9e2be989c70a6d", "新论文", "a.b-c_1", "Z", "x" * 128, "論文2019"]
INVALID_DOC_IDS = {
    "": "empty",
    ".": "expected 1-128 letters, digits, _ . - starting with a letter or digit",
    "..": "expected 1-128 letters, digits, _ . - starting with a letter or digit",
    "../escaped": "expected 1-128 letters, digits, _ . - starting with a letter or digit (SOLIDUS)",
    "sub/dir": "expected 1-128 letters, digits, _ . - starting with a letter or digit (SOLIDUS)",
    "a\\b": "expected 1-128 letters, digits, _ . - starting with a letter or digit (REVERSE SOLIDUS)",
    "-rf": "expected 1-128 letters, digits, _ . - starting with a letter or digit",
    ".hidden": "expected 1-128 letters, digits, _ . - starting with a letter or digit",
    "_private": "expected 1-128 letters, digits, _ . - starting with a letter or digit",
    "a\x00b": "expected 1-128 letters, digits, _ . - starting with a letter or digit ('\\x00')",
    "line\nbreak": "expected 1-128 letters, digits, _ . - starting with a letter or digit ('\\n')",
    "x" * 129: "expected 1-128 letters, digits, _ . - starting with a letter or digit (129 characters)",
    "\udcff.x": "expected 1-128 letters, digits, _ . - starting with a letter or digit (byte 0xff is not UTF-8)",
    "a*b": "expected 1-128 letters, digits, _ . - starting with a letter or digit (ASTERISK)",
    "key=value": "expected 1-128 letters, digits, _ . - starting with a letter or digit (EQUALS SIGN)",
}


@pytest.mark.parametrize("doc_id", VALID_DOC_IDS)
def test_valid_doc_ids(doc_id):
    assert doc_id_problem(doc_id) is None and check_doc_id(doc_id) == doc_id


@pytest.mark.parametrize("doc_id,reason", INVALID_DOC_IDS.items())
def test_invalid_doc_ids_one_clear_error(doc_id, reason):
    assert doc_id_problem(doc_id) == reason
    with pytest.raises(SourceError) as info:
        check_doc_id(doc_id, "--doc-id")
    assert str(info.value) == f"--doc-id {doc_id!r} is not a valid doc_id: {reason}"


@pytest.mark.parametrize("doc_id", ["../escaped", "sub/dir", "/tmp/abs", ".hidden"])
def test_add_refuses_a_doc_id_that_is_not_one_segment(tmp_path, doc_id):
    from extract.cli import main

    raw = tmp_path / "work" / "raw"
    source = tmp_path / "paper.txt"
    source.write_text("一、引言\n正文。\n", encoding="utf-8")
    assert main(["add", str(source), "--raw", str(raw), "--doc-id", doc_id]) == 2
    assert not raw.exists()
    assert [p.name for p in tmp_path.rglob("*")] == ["paper.txt"]  # nothing written anywhere


def test_add_refuses_a_file_whose_name_is_no_doc_id_and_says_how(tmp_path, capsys):
    from extract.cli import main

    source = tmp_path / "my paper (2019).txt"
    source.write_text("一、引言\n正文。\n", encoding="utf-8")
    assert main(["add", str(source), "--raw", str(tmp_path / "raw")]) == 2
    assert capsys.readouterr().err == (
        "papers add: my paper (2019).txt: its name as 'my paper (2019)' is not a valid doc_id: expected 1-128 "
        "letters, digits, _ . - starting with a letter or digit (SPACE); choose one with --doc-id\n")
    assert main(["add", str(source), "--raw", str(tmp_path / "raw"), "--doc-id", "paper_2019"]) == 0
    assert (tmp_path / "raw" / "paper_2019.txt").read_bytes() == source.read_bytes()


def test_only_must_name_a_doc_id(sample_raw, tmp_path):
    with pytest.raises(SourceError, match=r"^--only 'sub/dir' is not a valid doc_id"):
        discover_papers(sample_raw, ["sub/dir"])
    result = papers_cli("run", "--raw", str(sample_raw), "--out", str(tmp_path / "o"), "--only", "sub/dir",
                        cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("papers run: --only 'sub/dir' is not a valid doc_id")


HEADER = "doc_id,title,journal,year,source_url,licence\n"
M = "raw/manifest.csv"

# (manifest bytes, the error: one line per problem, naming line and field)
BAD_MANIFESTS = {
    "gbk": ((HEADER + "p1,城市合作,,2018,,\n").encode("gb18030"),
            f"{M} line 2: not UTF-8 (byte 0xb3); save the manifest as UTF-8"),
    "extra_field": ((HEADER + "p1,标题,,2018,,,surplus\n").encode(),
                    f"{M} line 2: 7 fields, the header has 6"),
    "missing_field": ((HEADER + "p1,标题,,2018\n").encode(), f"{M} line 2: 4 fields, the header has 6"),
    "unclosed_quote_at_end": ((HEADER + 'p1,标题,,2018,,\np2,"未闭合的标题,,2019,,\np3,另一篇,,2020,,\n').encode(),
                              f"{M} line 3: a quote opened here is never closed"),
    "unclosed_quote_swallowing_rows": (
        (HEADER + 'p1,"未闭合,,2018,,\np2,第二篇,,2019,,\np3,"第三篇",,2020,,\n').encode(),
        f"{M} line 2: not valid CSV (',' expected after '\"')"),
    "quoted_field_over_lines": ((HEADER + 'p1,"跨行\n的标题",,2018,,\n').encode(),
                                f"{M} line 2: a quoted field runs on to line 3; unbalanced quote?"),
    "huge_year": ((HEADER + "p1,标题,,1000000000000000000000000000000,,\n").encode(),
                  f"{M} line 2, field year: '1000000000000000000000000000000' is outside 1000-2100"),
    "power_year": ((HEADER + "p1,标题,,10^30,,\n").encode(), f"{M} line 2, field year: '10^30' is not a year"),
    "early_year": ((HEADER + "p1,标题,,999,,\n").encode(), f"{M} line 2, field year: '999' is outside 1000-2100"),
    "negative_year": ((HEADER + "p1,标题,,-2018,,\n").encode(), f"{M} line 2, field year: '-2018' is not a year"),
    "fullwidth_year": ((HEADER + "p1,标题,,２０１８,,\n").encode(),
                       f"{M} line 2, field year: '２０１８' is not a year"),
    "nul": ((HEADER + "p1,标\x00题,,2018,,\n").encode(), f"{M} line 2, field title: control character U+0000"),
    "bad_doc_id": ((HEADER + "../escaped,标题,,2018,,\n").encode(),
                   f"{M} line 2, field doc_id: '../escaped' is not a valid doc_id: expected 1-128 letters, "
                   f"digits, _ . - starting with a letter or digit (SOLIDUS)"),
    "duplicate_doc_id": ((HEADER + "p1,甲,,2018,,\np1,乙,,2019,,\n").encode(),
                         f"{M} line 3, field doc_id: p1 already on line 2"),
    "unknown_column": (b"doc_id,titel\np1,x\n", f"{M} line 1: header must name doc_id and only doc_id, title, "
                                                  f"journal, year, source_url, licence, each once (found doc_id, titel)"),
    "no_doc_id": (b"title,year\nx,2018\n", f"{M} line 1: header must name doc_id and only doc_id, title, "
                                           f"journal, year, source_url, licence, each once (found title, year)"),
    "several": ((HEADER + "p1,标题,,20l8,,\np2,标题\np3,标题,,2018,,\n").encode(),
                f"{M} line 2, field year: '20l8' is not a year\n{M} line 3: 2 fields, the header has 6"),
}


@pytest.mark.parametrize("case", BAD_MANIFESTS)
def test_bad_manifest_one_clear_error_per_problem(case):
    data, expected = BAD_MANIFESTS[case]
    with pytest.raises(SourceError) as info:
        parse_manifest(M, data)
    assert str(info.value) == expected


def test_bad_manifest_stops_the_run_before_it_starts(sample_raw, tmp_path):
    data, expected = BAD_MANIFESTS["several"]
    (sample_raw / "manifest.csv").write_bytes(data)
    out = tmp_path / "out"
    result = papers_cli("run", "--raw", str(sample_raw), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr == "papers run: " + expected.replace(M, str(sample_raw / "manifest.csv")) + "\n"
    assert not out.exists()


def test_good_manifest_with_bom_crlf_and_empty_values(tmp_path):
    (tmp_path / "manifest.csv").write_bytes(
        ("\ufeff" + HEADER.replace("\n", "\r\n") + f"{SAMPLE_002}, 以创新型城市为节点 ,,2018,,\r\n\r\n"
         + "p2,,某期刊,,https://example.org/p2,CC-BY\r\n").encode())
    assert load_manifest(tmp_path) == {
        SAMPLE_002: {"doc_id": SAMPLE_002, "title": "以创新型城市为节点", "journal": None, "year": 2018,
                     "source_url": None, "licence": None},
        "p2": {"doc_id": "p2", "title": None, "journal": "某期刊", "year": None,
               "source_url": "https://example.org/p2", "licence": "CC-BY"},
    }


def test_manifest_symlinked_from_outside_raw_is_refused(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (tmp_path / "other.csv").write_text(HEADER, encoding="utf-8")
    (raw / "manifest.csv").symlink_to(tmp_path / "other.csv")
    with pytest.raises(SourceError) as info:
        load_manifest(raw)
    assert str(info.value) == f"{raw / 'manifest.csv'}: refused: symlink to {tmp_path / 'other.csv'} points outside raw/"
