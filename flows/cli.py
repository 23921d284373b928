"""The `papers` console command: the library's commands (extract.cli) plus the two that run the Prefect flow.

`papers run` and `papers serve` live here, beside the flow, because they start Prefect (an embedded
API server, or the one PREFECT_API_URL names); extract.cli parses every command and does the rest,
and this module hands it these two (`extract.cli.main(argv, COMMANDS)`), so the library never
imports the flows. Nothing here imports prefect at import time: the embedded server starts first.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
import time
from datetime import UTC, datetime, timedelta

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
    # the embedded API server may take longer than Prefect's default 20 s to start on a busy machine
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")


def cmd_run(args) -> int:
    from extract.errors import RunError
    from extract.run.sequence import check_request

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
            from extract.run.sequence import shared_paper_pool
            from extract.run.workers import close_shared_pools
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
    from extract.errors import RunError, WriteError
    from extract.schema.checks import CheckError

    result = state.result(raise_on_failure=False)
    if isinstance(result, WriteError):  # a full disk: the papers it hit failed, nothing half-published
        print(f"papers run: {result}", file=sys.stderr)
        return EXIT_PAPERS_FAILED
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
                return serve_deployment(args)
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


SERVED_RECENTLY = timedelta(seconds=90)  # a serve polls its deployment every 10 s (PREFECT_RUNNER_POLL_FREQUENCY)


def serve_deployment(args) -> int:
    """The deployment papers/NAME on the server's scheduler, its runs executed here until Ctrl-C or SIGTERM.

    Refused (exit 2) when another serve is serving the deployment (not paused, polled lately); otherwise
    one line says what it replaces. Stopped, it pauses the deployment (the server deletes the scheduled
    runs nobody would execute), says so in one line and exits 130 (Ctrl-C) or 143 (SIGTERM).
    """
    from prefect.runner import Runner

    from extract.cli import STOP_SIGNALS
    from flows.papers import papers_flow

    deployment = f"{papers_flow.name}/{args.name}"
    existing = read_deployment(deployment)
    if existing is not None:
        # a serve registers the deployment (updated), then its runner polls it every 10 s (last_polled)
        seen = max((t for t in (existing.last_polled, existing.updated) if t is not None), default=None)
        if not existing.paused and seen is not None and datetime.now(UTC) - seen < SERVED_RECENTLY:
            print(f"papers serve: deployment {deployment} is already served (cron {schedule_text(existing)}, seen "
                  f"{(datetime.now(UTC) - seen).total_seconds():.0f}s ago); stop that serve first or choose "
                  f"another --name", file=sys.stderr)
            return EXIT_USAGE
        print(f"papers serve: replaces deployment {deployment} (cron {schedule_text(existing)}, "
              f"{'paused' if existing.paused else 'not served'})", flush=True)
    stopper = Stopper()  # from here on a signal is recorded, not raised: the deployment registered, then paused
    previous = {signum: signal.signal(signum, stopper) for signum in STOP_SIGNALS}
    try:
        runner = Runner(name=args.name, pause_on_shutdown=False)
        runner.handle_sigterm = stopper  # the runner installs it for SIGTERM (Prefect's own exits 0)
        deployment_id = runner.add_flow(papers_flow, name=args.name, cron=args.cron,
                                        parameters={"raw_dir": args.raw, "out_dir": args.out, "force": False})
        if stopper.signum is None:
            fire = next_fire_times(args.cron, datetime.now(), 1)[0]
            print(f"serving deployment {deployment} on cron {args.cron!r} (next run at {fire:%Y-%m-%d %H:%M} local "
                  f"time); Ctrl-C stops and pauses it", flush=True)
            asyncio.run(serve_until_stopped(runner, stopper))
        word, code = STOP_SIGNALS[stopper.signum] if stopper.signum else ("stopped", EXIT_OK)
        removed = pause_deployment(deployment_id)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    print(f"papers serve: {word}; deployment {deployment} paused, {removed} scheduled run(s) removed",
          file=sys.stderr)
    return code


class Stopper:
    """Ctrl-C or SIGTERM while serving: recorded, and the serving loop told, wherever the signal lands."""

    def __init__(self):
        self.signum: int | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.event: asyncio.Event | None = None

    def __call__(self, signum, frame=None) -> None:
        self.signum = self.signum or signum
        if self.loop is not None and self.event is not None:
            self.loop.call_soon_threadsafe(self.event.set)


async def serve_until_stopped(runner, stopper: Stopper) -> None:
    """The runner polls and executes the deployment's runs until a signal; then it is cancelled."""
    stopper.event, stopper.loop = asyncio.Event(), asyncio.get_running_loop()
    if stopper.signum is not None:  # the signal came before the loop could hear it
        return
    serving = asyncio.create_task(runner.start())
    stopped = asyncio.create_task(stopper.event.wait())
    await asyncio.wait({serving, stopped}, return_when=asyncio.FIRST_COMPLETED)
    for task in (serving, stopped):
        task.cancel()
    await asyncio.gather(serving, stopped, return_exceptions=True)
    if stopper.signum is None and not serving.cancelled() and serving.exception() is not None:
        raise serving.exception()  # the runner failed on its own


def read_deployment(name: str):
    from prefect import get_client
    from prefect.exceptions import ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            return client.read_deployment_by_name(name)
        except ObjectNotFound:
            return None


def schedule_text(deployment) -> str:
    crons = [getattr(s.schedule, "cron", None) for s in deployment.schedules or []]
    return ", ".join(repr(c) for c in crons if c) or "none"


def pause_deployment(deployment_id) -> int:
    """Pause the deployment; the server deletes its auto-scheduled runs. The number of runs it had scheduled."""
    from prefect import get_client
    from prefect.client.schemas.filters import DeploymentFilter, FlowRunFilter

    with get_client(sync_client=True) as client:
        scheduled = FlowRunFilter(state={"type": {"any_": ["SCHEDULED"]}})
        only_this = DeploymentFilter(id={"any_": [deployment_id]})
        count = len(client.read_flow_runs(flow_run_filter=scheduled, deployment_filter=only_this))
        client.pause_deployment(deployment_id)
        # a scheduler pass that read the deployment before the pause may still add runs: delete them until two
        # looks a second apart find none (at most 10 s)
        quiet, deadline = 0, time.monotonic() + 10
        while quiet < 2 and time.monotonic() < deadline:
            left = client.read_flow_runs(flow_run_filter=scheduled, deployment_filter=only_this)
            for run in left:
                client.delete_flow_run(run.id)
            quiet = 0 if left else quiet + 1
            time.sleep(0.5 if quiet < 2 else 0)
        return count


def scheduled_run(args, embedded: bool) -> int:
    from extract.run.workers import PaperLimits, close_shared_pools
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


def cmd_prune(args) -> int:
    """Delete Prefect's history older than --keep-days (flows/history.py); one line either way."""
    configure_prefect()
    from flows.history import PruneError, prune_history

    try:
        pruned = prune_history(args.keep_days)
    except PruneError as exc:
        print(f"papers prune: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(pruned.line(args.keep_days))
    return EXIT_OK


COMMANDS = {"run": cmd_run, "serve": cmd_serve, "prune": cmd_prune}


def main(argv: list[str] | None = None) -> int:
    return library_main(argv, COMMANDS)


if __name__ == "__main__":
    sys.exit(main())
