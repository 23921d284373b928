"""Prefect's history kept within a bound: `papers prune` deletes what is older than --keep-days.

Every `papers run` adds a flow run, its task runs and their states, log lines, an artifact and events to
the Prefect database (see the README for the measured figure). With the embedded server (no
PREFECT_API_URL) that database is PREFECT_HOME/prefect.db and nothing else ever deletes from it: `papers
prune --keep-days N` deletes the flow runs that ended more than N days ago with their task runs, states,
logs and artifacts, and the events older than that, using Prefect's own database vacuum (the server
service a `prefect server` runs when PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED includes `flow_runs`), then
compacts the file. A server that PREFECT_API_URL names keeps its own database: its operator sets that
service's retention instead (`papers prune` says so and changes nothing).
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

TABLES = ("flow_run", "task_run", "log", "artifact", "events")
MIN_KEEP = timedelta(hours=1)  # Prefect's vacuum refuses a shorter retention


class PruneError(RuntimeError):
    """The history cannot be pruned here; the message says why in one line."""


@dataclass
class Pruned:
    database: Path
    before: dict[str, int]
    after: dict[str, int]
    bytes_before: int
    bytes_after: int

    def line(self, keep_days: float) -> str:
        deleted = ", ".join(f"{self.before[t] - self.after[t]} {t.replace('_', ' ')}s".replace("eventss", "events")
                            for t in TABLES)
        return (f"pruned Prefect history older than {keep_days:g} day(s) from {self.database}: deleted {deleted}; "
                f"{self.bytes_before / 1e6:.2f} MB -> {self.bytes_after / 1e6:.2f} MB")


def database_file() -> Path:
    """The embedded server's SQLite database (PruneError for a server of one's own or another database)."""
    if os.environ.get("PREFECT_API_URL"):
        raise PruneError("PREFECT_API_URL names a Prefect server, which keeps its own database: set its retention "
                         "there (PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED=events,flow_runs and "
                         "PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD=<seconds>)")
    from prefect.settings import get_current_settings

    url = str(get_current_settings().server.database.connection_url.get_secret_value())
    if not url.startswith("sqlite"):
        raise PruneError(f"the Prefect database is not SQLite ({url.split(':', 1)[0]}): use its server's retention")
    return Path(url.split(":///", 1)[1])


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # noqa: S608


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def prune_history(keep_days: float) -> Pruned:
    """Delete flow runs ended, and events that occurred, more than keep_days ago; compact the database."""
    keep = timedelta(days=keep_days)
    if keep < MIN_KEEP:
        raise PruneError(f"--keep-days must be at least {MIN_KEEP.total_seconds() / 86400:.4f} (1 hour), "
                         f"got {keep_days:g}")
    path = database_file()
    if not path.is_file():
        raise PruneError(f"no Prefect database at {path}: nothing to prune")
    from prefect.server.database import provide_database_interface
    from prefect.server.services import db_vacuum
    from prefect.settings import (
        PREFECT_SERVER_EVENTS_RETENTION_PERIOD,
        PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD,
        temporary_settings,
    )

    before, bytes_before = _counts(path), _size(path)
    settings = {PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD: keep, PREFECT_SERVER_EVENTS_RETENTION_PERIOD: keep}
    try:
        with temporary_settings(updates=settings):
            database = provide_database_interface()

            async def vacuum() -> None:
                await db_vacuum.vacuum_old_flow_runs(db=database)
                await db_vacuum.vacuum_old_events(db=database)
                await (await database.engine()).dispose()

            asyncio.run(vacuum())
        db = sqlite3.connect(path, isolation_level=None)
        try:
            db.execute("VACUUM")  # the freed pages back to the file system
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.close()
    except sqlite3.OperationalError as exc:
        raise PruneError(f"{path}: {exc} (is a run using it? prune when none is)") from None
    return Pruned(path, before, _counts(path), bytes_before, _size(path))
