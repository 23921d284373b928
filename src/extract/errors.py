"""Errors of a run and how they are told apart, on the ground floor: every layer may import this.

- RunError: the run cannot start (each message a line a user can act on).
- is_memory_error / OUT_OF_MEMORY: a paper that ran out of memory (the PDF reader lets such a
  page fail the paper; the run layer reports it; a worker process replaces the reason with its bound).
"""

from __future__ import annotations


class RunError(ValueError):
    """The run cannot start (bad arguments, a bad raw/ directory or manifest, an output/ it must not touch)."""


OUT_OF_MEMORY = "out of memory"  # a paper's reason when it ran out of memory; a worker replaces it with its bound


def is_memory_error(exc: BaseException) -> bool:
    """True when a MemoryError is anywhere in the exception's chain (readers wrap what they catch)."""
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        if isinstance(link, MemoryError):
            return True
        seen.add(id(link))
        link = link.__cause__ or link.__context__
    return False


class WriteError(RuntimeError):
    """The output could not be written (a full disk, a directory gone read-only): the papers it hit failed,
    nothing half-published. Its message is one line (write_error)."""


def write_error(exc: OSError) -> str:
    """An OSError of writing as one line: `no space left on device writing <file>`, else what and where."""
    import errno
    import os

    where = f" {exc.filename}" if exc.filename else ""
    if exc.errno == errno.ENOSPC:
        return f"no space left on device writing{where}"
    if exc.errno == errno.EDQUOT:
        return f"disk quota exceeded writing{where}"
    reason = exc.strerror or (os.strerror(exc.errno) if exc.errno else str(exc))
    return f"cannot write{where}: {reason}"
