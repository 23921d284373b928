"""`papers`: run the pipeline, add a paper, inspect and validate the outputs."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any, cast

DEFAULT_RAW = "raw"
DEFAULT_OUT = "output"


def quiet_prefect() -> None:
    """Prefect's own INFO logs and its embedded database's exit chatter are not run output."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "CRITICAL")
    os.environ.setdefault("PREFECT_CLI_PROMPT", "false")


SUMMARY_COLUMNS = (("sections", "sect"), ("paragraphs", "para"), ("tables", "tabl"), ("table_cells", "cells"),
                   ("references", "refs"), ("citations", "cite"), ("mentions", "ment"), ("quality_flags", "flags"))


def format_summary(outcomes, manifest: dict, seconds: float) -> str:
    width = max([len(o.doc_id) for o in outcomes] + [6])
    head = f"{'doc_id':<{width}}  {'status':<7}" + "".join(f"{short:>6}" for _, short in SUMMARY_COLUMNS)
    lines = [head + "  warn  time"]
    for o in outcomes:
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


def cmd_run(args) -> int:
    from .checks import CheckError
    from .run import RunError, discover_papers, load_manifest
    from .storage import read_snapshot, verify

    rebuild = getattr(args, "rebuild", False)
    try:  # bad arguments and a tampered output/ are reported before Prefect starts
        if rebuild and args.only:
            raise RunError("--rebuild processes every paper: it cannot be combined with --only")
        discover_papers(Path(args.raw), args.only)
        load_manifest(Path(args.raw))
        if not rebuild:
            verify(read_snapshot(Path(args.out)))
    except RunError as exc:
        print(f"papers run: {exc}", file=sys.stderr)
        return 2
    quiet_prefect()
    from flows.papers import papers_flow

    flow = papers_flow
    if getattr(args, "workers", 1) > 1:
        from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner

        # with_options declares TaskRunner[PrefectFuture]; the pool's futures are a subtype it cannot express
        runner = cast("TaskRunner[Any]", ProcessPoolTaskRunner(max_workers=args.workers))
        flow = papers_flow.with_options(task_runner=runner)
    started = time.perf_counter()
    try:
        result = flow(raw_dir=args.raw, out_dir=args.out, only=args.only or None, force=args.force,
                      progress=True, rebuild=rebuild)
    except (RunError, CheckError) as exc:
        print(f"papers run: {exc}", file=sys.stderr)
        return 2
    outcomes = result["outcomes"]
    print(format_summary(outcomes, result["manifest"], time.perf_counter() - started))
    return 1 if any(o.status == "failed" for o in outcomes) else 0


def cmd_add(args) -> int:
    from .formats import input_format, unsupported_type
    from .sources import SourceError, check_doc_id

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
    doc = frames["documents"][frames["documents"]["doc_id"] == args.doc_id]
    if doc.empty:
        print(f"papers show: no paper {args.doc_id!r} in {args.out}", file=sys.stderr)
        return 2
    for column, value in doc.iloc[0].items():
        if value is not None and not (isinstance(value, float) and value != value) and str(value) != "<NA>":
            print(f"{column:>16}: {value}")
    for name, frame in frames.items():
        if name not in ("documents", "runs"):
            print(f"{name:>16}: {int((frame['doc_id'] == args.doc_id).sum())} rows")
    return 0


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
    from .schema import data_dictionary

    print(data_dictionary())
    return 0


def next_fire_times(cron: str, after: datetime, count: int) -> list[datetime]:
    """The next `count` times a cron expression fires after `after` (raises ValueError if invalid)."""
    from cronsim import CronSim, CronSimError

    try:
        schedule = CronSim(cron, after)
    except CronSimError as exc:
        raise ValueError(f"invalid cron expression {cron!r}: {exc}") from exc
    return [next(schedule) for _ in range(count)]


def cmd_serve(args) -> int:
    """With a Prefect server (PREFECT_API_URL): a deployment on its scheduler. Without one: a local loop."""
    try:
        next_fire_times(args.cron, datetime.now(), 1)
    except ValueError as exc:
        print(f"papers serve: {exc}", file=sys.stderr)
        return 2
    quiet_prefect()
    if os.environ.get("PREFECT_API_URL"):
        from flows.papers import papers_flow

        papers_flow.serve(name=args.name, cron=args.cron, pause_on_shutdown=False,
                          parameters={"raw_dir": args.raw, "out_dir": args.out, "force": False})
        return 0
    # The embedded API has no scheduler, so the schedule is kept here and each run uses the embedded API.
    runs = 0
    while args.max_runs is None or runs < args.max_runs:
        fire = next_fire_times(args.cron, datetime.now(), 1)[0]
        print(f"next run at {fire:%Y-%m-%d %H:%M} (local time); Ctrl-C stops", flush=True)
        time.sleep(max(0.0, (fire - datetime.now()).total_seconds()))
        cmd_run(argparse.Namespace(raw=args.raw, out=args.out, only=None, force=False, workers=1, rebuild=False))
        runs += 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="papers", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the pipeline over the raw directory")
    run.add_argument("--raw", default=DEFAULT_RAW, help="directory of source papers (default raw/)")
    run.add_argument("--out", default=DEFAULT_OUT, help="output directory (default output/)")
    run.add_argument("--only", nargs="+", metavar="DOC_ID", help="process only these papers; keep the others' rows")
    run.add_argument("--force", action="store_true", help="reprocess papers whose source is unchanged")
    run.add_argument("--rebuild", action="store_true",
                     help="process every paper again and rebuild the output, also one changed by hand")
    run.add_argument("--workers", type=int, default=1,
                     help="papers processed in parallel, each in its own process (default 1: threads)")
    run.set_defaults(func=cmd_run)

    add = sub.add_parser("add", help="copy a paper into the raw directory")
    add.add_argument("file")
    add.add_argument("--raw", default=DEFAULT_RAW)
    add.add_argument("--doc-id", help="doc_id to use instead of the file name")
    add.add_argument("--force", action="store_true", help="replace an existing file")
    add.set_defaults(func=cmd_add)

    show = sub.add_parser("show", help="summarise one paper's rows in the output")
    show.add_argument("doc_id")
    show.add_argument("--out", default=DEFAULT_OUT)
    show.set_defaults(func=cmd_show)

    validate = sub.add_parser("validate", help="re-check the written datasets and the manifest")
    validate.add_argument("--out", default=DEFAULT_OUT)
    validate.set_defaults(func=cmd_validate)

    schema = sub.add_parser("schema", help="print the data dictionary")
    schema.set_defaults(func=cmd_schema)

    serve = sub.add_parser("serve", help="run the flow on a cron schedule (a deployment when PREFECT_API_URL "
                                         "names a server, else a local schedule)")
    serve.add_argument("--cron", required=True, help='cron expression, e.g. "0 3 * * *"')
    serve.add_argument("--name", default="papers-scheduled")
    serve.add_argument("--raw", default=DEFAULT_RAW)
    serve.add_argument("--out", default=DEFAULT_OUT)
    serve.add_argument("--max-runs", type=int, help="stop after this many runs (local schedule only)")
    serve.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
