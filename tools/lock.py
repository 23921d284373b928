"""Split `pip freeze` of a full environment into the runtime lock and the test lock (`make lock`).

requirements.lock: papers-etl's dependencies and theirs, and setuptools to install it (what `make run` installs).
requirements-test.lock: what the `test` extra adds on top (pytest, ruff, mypy, polars, duckdb...).
Both are computed from the installed packages' own metadata: nothing is downloaded.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement

BUILD = {"setuptools", "wheel"}  # `pip install --no-build-isolation -e .` builds with the venv's own


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(roots: list[Requirement]) -> set[str]:
    """The installed distributions `roots` need, transitively (markers evaluated for this Python)."""
    seen: set[str] = set()
    todo = [(r, frozenset(r.extras)) for r in roots]
    while todo:
        req, extras = todo.pop()
        name = canonical(req.name)
        key = name + "[" + ",".join(sorted(extras)) + "]"
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            continue
        for text in dist.requires or []:
            child = Requirement(text)
            env = dict(default_environment())
            if child.marker is None:
                todo.append((child, frozenset(child.extras)))
                continue
            for extra in [""] + sorted(extras):
                env["extra"] = extra
                if child.marker.evaluate(env):
                    todo.append((child, frozenset(child.extras)))
                    break
    return {k.split("[")[0] for k in seen}


def main(frozen: Path, runtime_lock: Path, test_lock: Path) -> None:
    dist = metadata.distribution("papers-etl")
    requires = [Requirement(t) for t in dist.requires or []]
    runtime = closure([r for r in requires if r.marker is None]) | BUILD
    lines = [line for line in frozen.read_text().splitlines() if line.strip() and "==" in line]
    runtime_lines = [line for line in lines if canonical(line.split("==")[0]) in runtime]
    test_lines = [line for line in lines if canonical(line.split("==")[0]) not in runtime]
    runtime_lock.write_text("\n".join(runtime_lines) + "\n")
    test_lock.write_text("-r requirements.lock\n" + "\n".join(test_lines) + "\n")


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:4]))
