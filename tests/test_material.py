"""Real material is found in one place (tests/conftest.py), and its absence is counted at the end of a run."""

import re
from pathlib import Path

from conftest import MISSING_MATERIAL, SHARED, missing_material, missing_material_line, needs_material

TESTS = Path(__file__).resolve().parent


class Skipped:
    def __init__(self, reason: str):
        self.longrepr = ("tests/test_x.py", 3, f"Skipped: {reason}")


def test_the_last_line_counts_only_skips_for_missing_material():
    stats = {"skipped": [Skipped(missing_material("../shared/realworld/pdf")),
                         Skipped(missing_material("../shared/realworld/pdf")),
                         Skipped(missing_material("set-2 corpus")),
                         Skipped("bithesis_graduation.pdf: its source says nothing of funding")]}
    assert missing_material_line(stats) == ("3 test(s) skipped for missing material "
                                            "(2 for ../shared/realworld/pdf; 1 for set-2 corpus)")
    assert missing_material_line({"passed": [object()]}) == "0 test(s) skipped for missing material"


def test_a_mark_for_absent_material_skips_with_the_counted_reason(tmp_path):
    mark = needs_material(tmp_path / "absent")
    assert mark.args == (True,) and mark.kwargs["reason"] == f"{MISSING_MATERIAL} {tmp_path / 'absent'}"
    assert needs_material(tmp_path).args == (False,)
    beside = needs_material(SHARED / "nothing-here")
    assert beside.kwargs["reason"] == "missing material: ../shared/nothing-here"


def test_only_conftest_locates_the_shared_material():
    """Every test and helper takes ../shared from conftest's fixtures and constants, never builds the path."""
    builds_path = re.compile(r"""["']shared["']|parents\[2\]""")
    offenders = [p.name for p in sorted(TESTS.glob("*.py"))
                 if p.name != "conftest.py" and builds_path.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
