"""`papers`: run the pipeline, add a paper, inspect and validate the outputs.

The library's side of the command: the parser, the commands that need no orchestration (add,
show, validate, schema), a run's arguments as a `RunRequest` and its summary. The commands that
run the Prefect flow (run, serve) are registered by the console entry point, flows/cli.py, which
passes them to `main`: the library never imports the flows.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path

DEFAULT_RAW = "raw"
DEFAULT_OUT = "output"


EXIT_OK, EXIT_PAPERS_FAILED, EXIT_USAGE, EXIT_PREFECT = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE, EXIT_TERMINATED = 130, 141, 143  # 128 + SIGINT, SIGPIPE, SIGTERM: as a shell


SUMMARY_COLUMNS = (("sections", "sect"), ("paragraphs", "para"), ("tables", "tabl"), ("table_cells", "cells"),
                   ("references", "refs"), ("citations", "cite"), ("mentions", "ment"), ("quality_flags", "flags"))


def format_summary(outcomes, manifest: dict, seconds: float, only_failed: bool = False) -> str:
    """A row per paper (only_failed: per failed paper, none if none failed) and the run's totals."""
    listed = [o for o in outcomes if o.status == "failed"] if only_failed else outcomes
    width = max([len(o.doc_id) for o in listed] + [6])
    head = f"{'doc_id':<{width}}  {'status':<7}" + "".join(f"{short:>6}" for _, short in SUMMARY_COLUMNS)
    lines = [head + "  warn  time"] if listed else []
    for o in listed:
        counts = "".join(f"{o.counts.get(name, '-'):>6}" for name, _ in SUMMARY_COLUMNS)
        warn = o.flags.get("warning", 0) + o.flags.get("error", 0) if o.status == "ok" else "-"
        lines.append(f"{o.doc_id:<{width}}  {o.status:<7}{counts}  {warn:>4}  {o.duration_s:5.2f}s")
        if o.error:
            lines.append(f"{'':<{width}}  error: {o.error}")
    failed = sum(o.status == "failed" for o in outcomes)
    rows = sum(d["rows"] for name, d in manifest["datasets"].items() if name != "runs")
    lines.append(f"{len(outcomes)} paper(s): {len(outcomes) - failed} ok/cached, {failed} failed; "
                 f"{rows} rows in {len(manifest['datasets'])} datasets; run {manifest['run_id']} in {seconds:.1f}s")
    return "\n".join(lines)


def run_request(args):
    """The run the command line asks for (RunError or ValueError when an argument is wrong)."""
    from .run.sequence import RunRequest
    from .run.workers import PaperLimits

    return RunRequest(Path(args.raw), Path(args.out), tuple(args.only or ()), args.force, args.rebuild,
                      workers=args.workers, limits=PaperLimits.given(args.paper_seconds, args.paper_memory_mb),
                      settings_file=args.settings, strict=args.strict, verify_output=args.verify_output)


def cmd_add(args) -> int:
    from .run.sources import SourceError, check_doc_id
    from .schema.datasets import input_format, unsupported_type

    source = Path(args.file)
    if not source.is_file():
        print(f"papers add: no such file: {source}", file=sys.stderr)
        return 2
    if input_format(source) is None:
        print(f"papers add: {source.name}: {unsupported_type(source)}", file=sys.stderr)
        return 2
    try:
        doc_id = check_doc_id(args.doc_id, "--doc-id") if args.doc_id else check_doc_id(
            source.stem, f"{source.name}: its name as")
    except SourceError as exc:
        hint = "" if args.doc_id else "; choose one with --doc-id"
        print(f"papers add: {exc}{hint}", file=sys.stderr)
        return 2
    target = Path(args.raw) / (doc_id + source.suffix.lower())
    if target.exists() and not args.force:
        print(f"papers add: {target} exists (use --force to replace it)", file=sys.stderr)
        return 2
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    print(f"added {target} as doc_id {target.stem}; run `papers run --only {target.stem}` to process it")
    return 0


def cmd_show(args) -> int:
    from .storage import OutputError, read_all

    try:
        frames = read_all(Path(args.out), doc_ids={args.doc_id})
    except OutputError as exc:
        print(f"papers show: {exc}", file=sys.stderr)
        return 2
    from .run.status import paper_status, status_line

    latest = paper_status(Path(args.out), {args.doc_id})
    doc = frames["documents"][frames["documents"]["doc_id"] == args.doc_id]
    if doc.empty:
        if latest:  # failed in every run: no rows, but the runs say why
            print(f"{'latest':>16}: {status_line(latest[0])}")
            return 0
        print(f"papers show: no paper {args.doc_id!r} in {args.out}", file=sys.stderr)
        return 2
    for column, value in doc.iloc[0].items():
        if value is not None and not (isinstance(value, float) and value != value) and str(value) != "<NA>":
            print(f"{column:>16}: {value}")
    for name, frame in frames.items():
        if name not in ("documents", "runs") and "doc_id" in frame.columns:
            print(f"{name:>16}: {int((frame['doc_id'] == args.doc_id).sum())} rows")
    refs, works = frames["references"], frames["works"]  # works: the corpus's, not the paper's
    cited = refs.loc[refs["doc_id"] == args.doc_id, "work_id"].dropna().unique()
    shared = works[works["work_id"].isin(cited) & (works["cited_by_papers"] > 1)]
    print(f"{'works':>16}: {len(cited)} cited, {len(shared)} of them also by other papers")
    for status in latest:
        print(f"{'latest':>16}: {status_line(status)}")
    return 0


def cmd_status(args) -> int:
    """One line per paper: its latest run's status and error, and its rows' warning and error flags."""
    from .run.status import paper_status, status_line
    from .storage import OutputError

    try:
        statuses = paper_status(Path(args.out), set(args.doc_ids) if args.doc_ids else None)
    except OutputError as exc:
        print(f"papers status: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.doc_ids and len(statuses) < len(set(args.doc_ids)):
        missing = sorted(set(args.doc_ids) - {s.doc_id for s in statuses})
        print(f"papers status: no run has seen {', '.join(missing)} in {args.out}", file=sys.stderr)
        return EXIT_USAGE
    shown = [s for s in statuses if s.needs_a_look] if args.problems else statuses
    width = max([len(s.doc_id) for s in shown] + [6])
    for status in shown:
        print(status_line(status, width))
    failed = sum(s.status == "failed" for s in statuses)
    warned = sum(s.warnings > 0 or s.errors > 0 for s in statuses if s.status != "failed")
    print(f"{len(statuses)} paper(s): {failed} failed, {warned} with warnings, "
          f"{len(statuses) - failed - warned} clean")
    return EXIT_OK


def cmd_validate(args) -> int:
    from .storage import validate_output

    out = Path(args.out)
    result = validate_output(out)
    if result.manifest is None:
        print(f"papers validate: nothing published in {out}: run the pipeline first", file=sys.stderr)
        return 2
    if result.problems:
        print("\n".join(f"invalid: {p}" for p in result.problems), file=sys.stderr)
        return 1
    manifest = result.manifest
    print(f"{out}: {len(manifest['datasets'])} datasets valid (run {manifest['run_id']}, "
          f"schema {manifest['schema_version']})")
    return 0


def cmd_schema(args) -> int:
    from .schema.datasets import data_dictionary

    print(data_dictionary())
    return 0


def cmd_inspect(args) -> int:
    from .inspect import InspectError, draw_page, paper_rows

    pdf = Path(args.doc_id)
    if not (pdf.suffix.lower() == ".pdf" and pdf.is_file()):
        pdf = Path(args.raw) / f"{args.doc_id}.pdf"
    if not pdf.is_file():
        print(f"papers inspect: no PDF {pdf} (inspect draws PDF pages; give a doc_id in --raw or a .pdf path)",
              file=sys.stderr)
        return EXIT_USAGE
    out = Path(args.out or f"inspect-{pdf.stem}-p{args.page}.png")
    try:
        picture = draw_page(pdf, args.page, out, paper_rows(pdf, Path(args.datasets)), scale=args.scale)
    except InspectError as exc:
        print(f"papers inspect: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"{picture.path}: page {picture.page} of {pdf.name}, {picture.size[0]}x{picture.size[1]} px, "
          f"{len(picture.drawn)} boxes")
    return EXIT_OK


EPILOG = """examples:
  papers run                                  process raw/ into output/
  papers run --only zhang2021 --force
  papers show zhang2021                       one paper's fields and row counts
  papers inspect zhang2021 --page 2           draw what the PDF reader read on page 2
  papers <command> --help                     a command's options

exit codes:
  0 ok; 1 some paper failed (the rest is written) or validate found problems; 2 bad arguments or an
  output/ that cannot be used; 3 Prefect cannot be used; 130 interrupted; 143 terminated;
  141 the output's reader went away"""


def build_parser() -> argparse.ArgumentParser:
    """Every command's arguments; run and serve have no function here (flows/cli.py registers them)."""
    parser = argparse.ArgumentParser(prog="papers", description=__doc__, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=version_line())
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the pipeline over the raw directory")
    run.add_argument("--raw", default=DEFAULT_RAW, metavar="DIR", help="directory of source papers (default raw/)")
    run.add_argument("--out", default=DEFAULT_OUT, metavar="DIR", help="output directory (default output/)")
    run.add_argument("--only", nargs="+", metavar="DOC_ID", help="process only these papers; keep the others' rows")
    run.add_argument("--force", action="store_true", help="reprocess papers whose source is unchanged")
    run.add_argument("--workers", type=int, default=1, metavar="N",
                     help="papers processed at once, each in a worker process of its own (default 1)")
    run.add_argument("--paper-seconds", type=float, metavar="S",
                     help="wall-clock bound on one paper (default 300); over it the paper fails alone")
    run.add_argument("--paper-memory-mb", type=int, metavar="MB",
                     help="memory (address space) bound on one paper's worker (default 4096)")
    run.add_argument("--strict", action="store_true",
                     help="stop (exit 2) when raw/manifest.csv has rows matching no paper (else a warning)")
    run.add_argument("--verify-output", action="store_true",
                     help="check every output file's sha256 before carrying it over (reads all; default: size, mtime)")
    run.add_argument("--rebuild", action="store_true",
                     help="process every paper again and rebuild the output, also one changed by hand")
    run.add_argument("--settings", metavar="FILE",
                     help="TOML file of pipeline settings, one table per stage ([pdf], [structure], [references]); "
                          "see extract/settings.py")
    display = run.add_mutually_exclusive_group()
    display.add_argument("-q", "--quiet", action="store_true",
                         help="no progress: print only the summary's totals and the failed papers")
    display.add_argument("-v", "--verbose", action="store_true",
                         help="a line per paper with timing detail (start, rows, flags, elapsed, ETA) "
                              "and each step's time")
    engine = run.add_mutually_exclusive_group()
    engine.add_argument("--dask", action="store_true",
                        help="run the paper batches on a local Dask cluster of --workers processes")
    engine.add_argument("--dask-address", metavar="ADDR",
                        help="run the paper batches on the Dask cluster at this scheduler address")
    run.set_defaults(func=None)

    add = sub.add_parser("add", help="copy a paper into the raw directory")
    add.add_argument("file", metavar="FILE", help="the paper: a .pdf, or a text file (.txt, .md, .html...)")
    add.add_argument("--raw", default=DEFAULT_RAW, metavar="DIR", help="directory of source papers (default raw/)")
    add.add_argument("--doc-id", help="doc_id to use instead of the file name")
    add.add_argument("--force", action="store_true", help="replace an existing file")
    add.set_defaults(func=cmd_add)

    show = sub.add_parser("show", help="summarise one paper's rows in the output")
    show.add_argument("doc_id", metavar="DOC_ID", help="the paper's id: its source file name without extension")
    show.add_argument("--out", default=DEFAULT_OUT, metavar="DIR", help="output directory (default output/)")
    show.set_defaults(func=cmd_show)

    status = sub.add_parser("status", help="each paper's latest status, error and warning count")
    status.add_argument("doc_ids", nargs="*", metavar="DOC_ID", help="only these papers (default: every one)")
    status.add_argument("--out", default=DEFAULT_OUT, metavar="DIR", help="output directory (default output/)")
    status.add_argument("--problems", action="store_true",
                        help="list only the papers that failed or have warning or error flags")
    status.set_defaults(func=cmd_status)

    validate = sub.add_parser("validate", help="re-check the written datasets and the manifest")
    validate.add_argument("--out", default=DEFAULT_OUT, metavar="DIR", help="output directory (default output/)")
    validate.set_defaults(func=cmd_validate)

    inspect = sub.add_parser(
        "inspect", help="draw what the PDF reader read on one page into a PNG",
        description="Draw one page of a PDF paper with what the reader read on it: paragraphs, headings, tables, "
                    "captions, footnotes, and what it removed (running headers, page numbers, figure text, "
                    "formula lines), each in its colour, with a legend.",
        epilog="example: papers inspect zhang2021 --page 2 --out p2.png")
    inspect.add_argument("doc_id", metavar="DOC_ID", help="the paper's id (raw/<doc_id>.pdf), or the path of a PDF")
    inspect.add_argument("--page", type=int, required=True, metavar="N", help="page number, from 1")
    inspect.add_argument("--out", metavar="FILE.png", help="the picture to write (default inspect-<doc_id>-p<N>.png)")
    inspect.add_argument("--raw", default=DEFAULT_RAW, metavar="DIR", help="directory of source papers (default raw/)")
    inspect.add_argument("--datasets", default=DEFAULT_OUT, metavar="DIR",
                         help="output directory whose rows name the headings and captions (default output/; "
                              "the paper is processed again when it holds no rows of it)")
    inspect.add_argument("--scale", type=float, default=1.5, metavar="S", help="pixels per PDF point (default 1.5)")
    inspect.set_defaults(func=cmd_inspect)

    schema = sub.add_parser("schema", help="print the data dictionary")
    schema.set_defaults(func=cmd_schema)

    serve = sub.add_parser("serve", help="run the flow on a cron schedule (a deployment when PREFECT_API_URL "
                                         "names a server, else a local schedule)")
    serve.add_argument("--cron", required=True, metavar="EXPR", help='cron expression, e.g. "0 3 * * *"')
    serve.add_argument("--name", default="papers-scheduled", help="deployment name (default papers-scheduled)")
    serve.add_argument("--raw", default=DEFAULT_RAW, metavar="DIR", help="directory of source papers (default raw/)")
    serve.add_argument("--out", default=DEFAULT_OUT, metavar="DIR", help="output directory (default output/)")
    serve.add_argument("--max-runs", type=int, metavar="N", help="stop after this many runs (local schedule only)")
    serve.set_defaults(func=None)

    prune = sub.add_parser("prune", help="delete Prefect's history (flow runs, their task runs, logs, artifacts and "
                                         "events) older than --keep-days from the embedded server's database")
    prune.add_argument("--keep-days", type=float, default=30.0, metavar="DAYS",
                       help="keep this many days of history (default 30; at least 1 hour)")
    prune.set_defaults(func=None)
    return parser


def synopsis() -> str:
    """The README's command-line synopsis, made from the parser: each command's usage and what it does."""
    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {choice.dest: choice.help for choice in subparsers._choices_actions}
    lines = []
    for name, sub in subparsers.choices.items():
        usage = " ".join(sub.format_usage().split()).removeprefix("usage: ").replace(" [-h]", "")
        lines += textwrap.wrap(usage, 100, subsequent_indent=" " * (len(name) + 7), break_on_hyphens=False)
        lines += textwrap.wrap(helps[name] or "", 100, initial_indent="    ", subsequent_indent="    ")
    return "\n".join([*lines, "papers --version", "    the version of papers and of Prefect"]) + "\n"


def version_line() -> str:
    from importlib.metadata import PackageNotFoundError, version

    from . import __version__

    try:
        prefect = f", prefect {version('prefect')}"
    except PackageNotFoundError:
        prefect = ""
    return f"papers {__version__}{prefect}"


STOP_SIGNALS: dict[int, tuple[str, int]] = {signal.SIGINT: ("interrupted", EXIT_INTERRUPTED),
                                            signal.SIGTERM: ("terminated", EXIT_TERMINATED)}
_stopped_by: list[int] = []  # the signal that stopped the command (Prefect may re-raise the interrupt as its own)


def interrupt(signum, frame) -> None:
    """Ctrl-C or SIGTERM (systemd, docker stop, kill): stop the paper workers first, so that threads waiting
    on them end, then unwind as Ctrl-C does: output/ left as it was, one line, 130 or 143."""
    from .run.workers import terminate_shared_pools

    _stopped_by.append(signum)
    terminate_shared_pools()
    raise KeyboardInterrupt


def stop_line(command: str) -> tuple[str, int]:
    """The one line and the exit code of a command stopped by a signal (SIGINT unless SIGTERM was seen)."""
    word, code = STOP_SIGNALS[_stopped_by[0] if _stopped_by else signal.SIGINT]
    return f"papers {command}: {word}", code


Command = Callable[[argparse.Namespace], int]
# Commands that only read Parquet: as the program (not called from Python), they end at once once their output
# is flushed. Arrow's thread pools are C++ statics: torn down at interpreter exit while one of their threads is
# still alive, they abort the process (`terminate called without an active exception`, exit 134), so that the
# exit code would no longer be 0, 1 or 2. Nothing of these commands is left to do at exit.
ENDS_AT_ONCE = ("validate", "status", "show")


def end_process(code: int) -> None:
    """Flush what was written and end the process with code, without the interpreter's teardown."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def main(argv: list[str] | None = None, commands: dict[str, Command] | None = None) -> int:
    """Run one command; `commands` supplies those of the orchestration layer (run, serve: flows/cli.py)."""
    args = build_parser().parse_args(argv)
    func = args.func or (commands or {}).get(args.command)
    if func is None:
        print(f"papers {args.command}: runs the Prefect flow: use the `papers` command (python -m flows.cli)",
              file=sys.stderr)
        return EXIT_USAGE
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = {signum: signal.signal(signum, interrupt) for signum in STOP_SIGNALS} if in_main_thread else {}
    _stopped_by.clear()
    try:
        code = func(args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit as a traceback
        if argv is None and args.command in ENDS_AT_ONCE:
            end_process(code)
        return code
    except BrokenPipeError:
        # the reader went away (`papers schema | head`): stop quietly, like a tool killed by SIGPIPE
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        line, code = stop_line(args.command)
        print(line, file=sys.stderr)
        return code
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


if __name__ == "__main__":
    sys.exit(main())
