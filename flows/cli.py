"""The `papers` console command: the library's commands (extract.cli) plus the two that run the Prefect flow.

`papers run` and `papers serve` live here, beside the flow, because they start Prefect (an embedded
API server, or the one PREFECT_API_URL names); extract.cli parses every command and does the rest,
and this module hands it these two (`extract.cli.main(argv, COMMANDS)`), so the library never
imports the flows. Nothing here imports prefect at import time: the embedded server starts first.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from datetime import datetime

from extract.cli import EXIT_OK, EXIT_PAPERS_FAILED, EXIT_PREFECT, EXIT_USAGE, format_summary, run_request
from extract.cli import main as library_main


def configure_prefect() -> None:
    """Run logs go to the Prefect API (the UI shows them); the terminal gets our own lines only.

    The library's warnings (a run waiting for another's lock) reach the terminal as plain lines.
    """
    library = logging.getLogger("extract")
    if not library.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("papers: %(message)s"))
        library.addHandler(handler)
        library.setLevel(logging.WARNING)
        library.propagate = False  # Prefect's console handler would print it again, or hide it
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "CRITICAL")
    os.environ.setdefault("PREFECT_CLI_PROMPT", "false")


def cmd_run(args) -> int:
    from extract.errors import RunError
    from extract.run import check_request

    try:  # bad arguments and a tampered output/ are reported before Prefect starts
        request = run_request(args)
        check_request(request)
    except (RunError, ValueError) as exc:
        print(f"papers run: {exc}", file=sys.stderr)
        return EXIT_USAGE
    configure_prefect()
    from flows.prefect_api import PrefectUnavailable, flush_prefect, prefect_api, task_runner_for

    started = time.perf_counter()
    try:
        with prefect_api() as api_ready:
            # the embedded server starts meanwhile: import the client, start the paper workers
            from extract.run import shared_paper_pool
            from extract.workers import close_shared_pools
            from flows.papers import papers_flow

            try:
                if not (args.dask or args.dask_address):
                    shared_paper_pool(request.workers, request.limits).warm()
                _, embedded = api_ready()
                flow = papers_flow.with_options(task_runner=task_runner_for(request.workers, args.dask,
                                                                             args.dask_address))
                state = run_flow(flow, embedded, progress=progress_mode(args, sys.stdout.isatty()),
                                 **request.flow_parameters())
            finally:
                close_shared_pools()
                flush_prefect()  # also after Ctrl-C: the flow run's last logs, while the API is still up
    except PrefectUnavailable as exc:
        print(f"papers run: {exc}", file=sys.stderr)
        return EXIT_PREFECT
    return report_run(state, time.perf_counter() - started, quiet=args.quiet)


def progress_mode(args, terminal: bool) -> str:
    """What `papers run` shows (flows/progress.py): a bar on a terminal, lines elsewhere; --quiet, --verbose."""
    if args.quiet:
        return "quiet"
    if args.verbose:
        return "bar+verbose" if terminal else "verbose"
    return "bar" if terminal else "lines"


def run_flow(flow, embedded: bool, **parameters):
    """The flow's final state; with the embedded API, no heartbeats (they only matter to a server that outlives us)."""
    if not embedded:
        return flow(**parameters, return_state=True)
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        return flow(**parameters, return_state=True)


def report_run(state, seconds: float, quiet: bool = False) -> int:
    """The summary of a finished flow run, or one line saying why it stopped; the exit code."""
    from extract.checks import CheckError
    from extract.errors import RunError

    result = state.result(raise_on_failure=False)
    if isinstance(result, (RunError, CheckError)):
        print(f"papers run: {result}", file=sys.stderr)
        return EXIT_USAGE
    if isinstance(result, BaseException):
        print(f"papers run: the run stopped: {one_line_error(result)}", file=sys.stderr)
        return EXIT_PREFECT if is_prefect_error(result) else EXIT_PAPERS_FAILED
    outcomes = result["outcomes"]
    print(format_summary(outcomes, result["manifest"], seconds, only_failed=quiet))
    return EXIT_PAPERS_FAILED if any(o.status == "failed" for o in outcomes) else EXIT_OK


def one_line_error(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:300]}" if text else type(exc).__name__


def is_prefect_error(exc: BaseException) -> bool:
    """An error of the orchestration (the API went away, refused a call), not of the pipeline."""
    import httpx

    return isinstance(exc, (httpx.HTTPError, OSError)) or type(exc).__module__.startswith("prefect")


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
        return EXIT_USAGE
    configure_prefect()
    from flows.prefect_api import PrefectUnavailable, prefect_api

    served = bool(os.environ.get("PREFECT_API_URL"))
    try:
        with prefect_api() as api_ready:  # one embedded server for every local run, not one per run
            _, embedded = api_ready()
            if served:
                from flows.papers import papers_flow

                papers_flow.serve(name=args.name, cron=args.cron, pause_on_shutdown=False,
                                  parameters={"raw_dir": args.raw, "out_dir": args.out, "force": False})
                return EXIT_OK
            # The embedded API has no scheduler, so the schedule is kept here.
            runs = 0
            while args.max_runs is None or runs < args.max_runs:
                fire = next_fire_times(args.cron, datetime.now(), 1)[0]
                print(f"next run at {fire:%Y-%m-%d %H:%M} (local time); Ctrl-C stops", flush=True)
                time.sleep(max(0.0, (fire - datetime.now()).total_seconds()))
                scheduled_run(args, embedded)
                runs += 1
    except PrefectUnavailable as exc:
        print(f"papers serve: {exc}", file=sys.stderr)
        return EXIT_PREFECT
    return EXIT_OK


def scheduled_run(args, embedded: bool) -> int:
    from extract.workers import PaperLimits, close_shared_pools
    from flows.papers import papers_flow
    from flows.prefect_api import flush_prefect

    started = time.perf_counter()
    try:
        state = run_flow(papers_flow, embedded, raw_dir=args.raw, out_dir=args.out, force=False, progress=True,
                         paper_seconds=PaperLimits.seconds, paper_memory_mb=PaperLimits.memory_mb)
    finally:
        close_shared_pools()
        flush_prefect()
    return report_run(state, time.perf_counter() - started)


COMMANDS = {"run": cmd_run, "serve": cmd_serve}


def main(argv: list[str] | None = None) -> int:
    return library_main(argv, COMMANDS)


if __name__ == "__main__":
    sys.exit(main())
