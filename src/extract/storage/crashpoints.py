"""Named points in a publish where a test can kill or slow the process (a debug hook, off by default).

Environment variables, read at each point (tests set them on a `papers run` subprocess):
    PAPERS_CRASH_AT=<point>[:<n>]   SIGKILL the run the n-th time (default 1) <point> is reached
                                    (from a paper worker: the command that owns it, PAPERS_RUN_PID)
    PAPERS_PAUSE_AT=<point>:<secs>  sleep there, widening the window for a kill from outside
    PAPERS_HOLD_AT=<point>:<file>   wait there until <file> exists (at most 5 minutes)
    PAPERS_CRASH_TRACE=<file>       append each point reached to <file>, one name a line
    PAPERS_FAIL_AT=<point>:<errno>[:<part>]  raise OSError(<errno>, e.g. ENOSPC) there, for a path holding
                                    <part> when given (a full disk cannot be made in a test; this stands in)
Points: write (every file written: durable.write_new_file; PAPERS_FAIL_AT only), stage.before_rename,
publish.part_written, publish.part_linked, publish.manifest_written,
publish.synced, publish.before_switch, publish.exchanged (only when the output was a directory: the
layout of pipeline 0.2), publish.switched, publish.gc.
"""

from __future__ import annotations

import errno
import os
import signal
import time
from collections import Counter

_reached: Counter = Counter()


def crash_point(name: str, path: object = None) -> None:
    trace = os.environ.get("PAPERS_CRASH_TRACE")
    crash = os.environ.get("PAPERS_CRASH_AT")
    pause = os.environ.get("PAPERS_PAUSE_AT")
    hold = os.environ.get("PAPERS_HOLD_AT")
    fail = os.environ.get("PAPERS_FAIL_AT")
    if not (trace or crash or pause or hold or fail):
        return
    if fail:
        point, _, rest = fail.partition(":")
        code, _, part = rest.partition(":")
        if point == name and (not part or part in str(path)):
            number = getattr(errno, code, errno.EIO)
            raise OSError(number, os.strerror(number), None if path is None else str(path))
    if name == "write":
        return  # not counted nor traced: too many
    _reached[name] += 1
    if trace:
        with open(trace, "a", encoding="utf-8") as fh:
            fh.write(name + "\n")
    if pause:
        point, _, seconds = pause.partition(":")
        if point in (name, "*"):
            time.sleep(float(seconds or 1))
    if hold:
        point, _, release = hold.partition(":")
        deadline = time.monotonic() + 300
        while point == name and not os.path.exists(release) and time.monotonic() < deadline:
            time.sleep(0.05)
    if crash:
        point, _, nth = crash.partition(":")
        if point == name and _reached[name] == int(nth or 1):
            os.kill(int(os.environ.get("PAPERS_RUN_PID") or os.getpid()), signal.SIGKILL)
