"""What a run reads from raw/: the paper files, their doc_ids, and the optional raw/manifest.csv.

- Only regular files inside raw/ are read. A symlink is followed only when its target is a regular
  file inside raw/ (an alias); one pointing outside raw/, a broken one, a fifo, a directory or a
  device named like a paper is refused with a reason in that paper's `runs.error`.
- A doc_id is one safe path segment (DOC_ID_RULE) wherever it enters: file names, `papers add
  --doc-id`, `--only`, the manifest.
- raw/manifest.csv is parsed strictly; any problem stops the run before it starts, every problem
  reported on its own line naming the line and the field (a bad row is never skipped: its paper
  would be processed without its title, then cached, and the fix never picked up).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import RunError
from ..schema.datasets import input_format

# letters or digits of any script, then also _ . -; at most 128 characters
DOC_ID_RULE = re.compile(r"[^\W_][\w.\-]{0,127}")
DOC_ID_RULE_TEXT = "1-128 letters, digits, _ . - starting with a letter or digit"
MANIFEST_FILE = "manifest.csv"
MANIFEST_COLUMNS = ("doc_id", "title", "journal", "year", "source_url", "licence")
YEARS = range(1000, 2101)  # a manifest year outside is a typo, not a paper


class SourceError(RunError):
    """raw/ or its manifest is unusable; the run does not start."""


def doc_id_problem(doc_id: str) -> str | None:
    """Why doc_id is not one safe path segment, or None when it is."""
    if not isinstance(doc_id, str) or not doc_id:
        return "empty"
    if not DOC_ID_RULE.fullmatch(doc_id):
        bad = next((c for c in doc_id if not (c.isalnum() or c in "_.-")), None)
        if bad is not None and "\udc80" <= bad <= "\udcff":  # a byte os.fsdecode could not decode
            shown = f" (byte 0x{ord(bad) - 0xDC00:02x} is not UTF-8)"
        elif bad is None and len(doc_id) > 128:
            shown = f" ({len(doc_id)} characters)"
        else:
            shown = f" ({unicodedata.name(bad, repr(bad))})" if bad else ""
        return f"expected {DOC_ID_RULE_TEXT}{shown}"
    return None


def check_doc_id(doc_id: str, where: str = "doc_id") -> str:
    """doc_id itself; raises SourceError naming where it came from when it is not a safe segment."""
    problem = doc_id_problem(doc_id)
    if problem:
        raise SourceError(f"{where} {doc_id!r} is not a valid doc_id: {problem}")
    return doc_id


def shown_name(name: str) -> str:
    """name as one printable line: bytes that are not UTF-8 as \\xff, control characters as \\n, \\t, \\x01.

    A file name that cannot be a doc_id is shown (terminal, the runs dataset, Prefect) this way: it
    must encode as UTF-8 (Parquet, Prefect's database) and must not break a progress line.
    """
    text = os.fsencode(name).decode("utf-8", "backslashreplace")
    return "".join(c.encode("unicode_escape").decode("ascii") if unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp")
                   else c for c in text)


@dataclass(frozen=True)
class SourceFile:
    """A paper file in raw/; refused holds why it is not read (one line), else None."""

    doc_id: str
    path: Path
    refused: str | None = None


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a fifo"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a regular file"


def refusal(path: Path, raw_real: str) -> str | None:
    """Why path must not be read as a paper (None: a regular file inside raw/)."""
    if path.is_symlink():
        target = os.path.realpath(path)
        if os.path.commonpath([raw_real, target]) != raw_real:
            return f"refused: symlink to {target} points outside raw/"
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "refused: broken symlink"
    except OSError as exc:
        return f"refused: cannot stat ({exc.strerror})"
    if not stat.S_ISREG(mode):
        return f"refused: {_kind(mode)}, not a regular file"
    return None


def discover_papers(raw_dir: Path, only: list[str] | None = None) -> list[SourceFile]:
    """Paper files in raw_dir sorted by doc_id, each with its refusal if any; `only` restricts to those.

    Raises SourceError when raw_dir is missing, two files share a doc_id, or `only` names no paper.
    """
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise SourceError(f"raw directory not found: {raw_dir}")
    for doc_id in only or ():
        check_doc_id(doc_id, "--only")
    raw_real = os.path.realpath(raw_dir)
    papers = []
    for path in sorted(raw_dir.iterdir()):
        if path.name.startswith(".") or input_format(path) is None:
            continue  # hidden files (editors' and our temp files) and other kinds are not papers
        problem = doc_id_problem(path.stem)
        if problem:  # fails alone, under its name escaped (it may not even be UTF-8)
            papers.append(SourceFile(shown_name(path.stem), path,
                                     f"refused: file name '{shown_name(path.name)}' is not a valid doc_id: {problem}"))
            continue
        papers.append(SourceFile(path.stem, path, refusal(path, raw_real)))
    stems = [p.doc_id for p in papers]
    duplicated = sorted({s for s in stems if stems.count(s) > 1})
    if duplicated:
        raise SourceError(f"two source files share a doc_id in {raw_dir}: {', '.join(duplicated)}")
    if only:
        unknown = sorted(set(only) - set(stems))
        if unknown:
            raise SourceError(f"--only names no paper in {raw_dir}: {', '.join(unknown)}")
        papers = [p for p in papers if p.doc_id in set(only)]
    return papers


def _decode_manifest(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise SourceError(f"{path} line {line}: not UTF-8 (byte 0x{data[exc.start]:02x}); save the manifest "
                          f"as UTF-8") from None


def _year(value: str) -> tuple[int | None, str | None]:
    if not value.isascii() or not value.isdigit():
        return None, f"{value[:40]!r} is not a year"
    year = int(value) if len(value) <= 6 else None
    if year not in YEARS:
        return None, f"{value[:40]!r} is outside {YEARS.start}-{YEARS.stop - 1}"
    return year, None


def parse_manifest(path: Path, data: bytes) -> dict[str, dict]:
    """raw/manifest.csv bytes -> {doc_id: {column: value}}; SourceError listing every problem."""
    text = _decode_manifest(path, data)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[str] = []
    entries: dict[str, dict] = {}
    header: list[str] | None = None
    first_line = 1
    try:
        for fields in reader:
            line, first_line = first_line, reader.line_num + 1
            where = f"{path} line {line}"
            if reader.line_num != line:
                problems.append(f"{where}: a quoted field runs on to line {reader.line_num}; "
                                f"unbalanced quote?")
                continue
            if header is None:
                header = [f.strip() for f in fields]
                unknown = [c for c in header if c not in MANIFEST_COLUMNS]
                repeated = sorted({c for c in header if header.count(c) > 1})
                if "doc_id" not in header or unknown or repeated:
                    raise SourceError(f"{where}: header must name doc_id and only {', '.join(MANIFEST_COLUMNS)}"
                                      f", each once (found {', '.join(header) or 'nothing'})")
                continue
            if not fields or fields == [""]:
                continue
            if len(fields) != len(header):
                problems.append(f"{where}: {len(fields)} fields, the header has {len(header)}")
                continue
            row = dict(zip(header, (f.strip() for f in fields)))
            for column, value in row.items():
                control = next((c for c in value if unicodedata.category(c) == "Cc"), None)
                if control is not None:
                    problems.append(f"{where}, field {column}: control character U+{ord(control):04X}")
            doc_id = row["doc_id"]
            problem = doc_id_problem(doc_id)
            if problem:
                problems.append(f"{where}, field doc_id: {doc_id[:40]!r} is not a valid doc_id: {problem}")
                continue
            if doc_id in entries:
                problems.append(f"{where}, field doc_id: {doc_id} already on line {entries[doc_id]['_line']}")
                continue
            meta: dict[str, Any] = {k: v or None for k, v in row.items()}
            if meta.get("year"):
                meta["year"], problem = _year(meta["year"])
                if problem:
                    problems.append(f"{where}, field year: {problem}")
            entries[doc_id] = {"_line": line, **meta}
    except csv.Error as exc:
        reason = ("a quote opened here is never closed" if "unexpected end of data" in str(exc)
                  else f"not valid CSV ({exc})")
        problems.append(f"{path} line {first_line}: {reason}")
    if problems:
        raise SourceError("\n".join(problems))
    return {doc_id: {k: v for k, v in meta.items() if k != "_line"} for doc_id, meta in entries.items()}


def load_manifest(raw_dir: Path) -> dict[str, dict]:
    """Optional raw/manifest.csv: what a file does not say (title, journal, year, source_url, licence)."""
    path = Path(raw_dir) / MANIFEST_FILE
    if not path.exists() and not path.is_symlink():
        return {}
    refused = refusal(path, os.path.realpath(raw_dir))
    if refused:
        raise SourceError(f"{path}: {refused}")
    return parse_manifest(path, path.read_bytes())


def row_fingerprint(row: dict | None) -> str | None:
    """A paper's raw/manifest.csv row as 16 hex digits (None: no row); part of the paper's cache key."""
    if not row:
        return None
    text = json.dumps(row, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def unmatched_rows(meta: dict[str, dict], papers: list[SourceFile]) -> list[str]:
    """The manifest's doc_ids that match no paper file in raw/ (a typo: `A01` for a01.txt), sorted."""
    return sorted(set(meta) - {p.doc_id for p in papers})
