"""One run at a time per output directory: an exclusive flock on `.output.papers/lock` (beside output/).

The lock is held from planning to publishing, so a second run waits (it is told so, once) and then
plans against what the first published: no run's papers are lost. The kernel drops the lock when
its holder dies, even by kill -9; the next holder removes what the dead run left.
"""

from __future__ import annotations

import fcntl
import logging
import os
import socket
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from .durable import FILE_MODE, make_dir
from .layout import lock_path, state_dir
from .manifest import OutputError
from .publish import clean_leftovers

log = logging.getLogger(__name__)


def _holder(fd: int) -> str:
    try:
        text = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    return text or "another run"


@contextmanager
def output_lock(out_dir: Path, wait: bool = True):
    """Hold out_dir for one run; wait for a run in progress (wait=False: raise OutputError instead)."""
    out_dir = Path(out_dir)
    make_dir(state_dir(out_dir))
    fd = os.open(lock_path(out_dir), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            if not wait:
                raise OutputError(f"{out_dir} is in use by {holder}; try again when it has finished") from None
            log.warning("waiting for %s to finish with %s", holder, out_dir)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        os.pwrite(fd, f"run by pid {os.getpid()} on {socket.gethostname()} since {stamp}\n".encode(), 0)
        clean_leftovers(out_dir)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)  # also for worker processes forked while it was held
        os.close(fd)
