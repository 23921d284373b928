"""Field F1 of `parse_reference` on the GB/T 7714-2025 standard's own examples (see tests/refeval.py)."""

import pytest

from conftest import needs_material
from extract.references import parse_reference
from tests.refeval import PAIRS, evaluate, load_pairs

pytestmark = needs_material(PAIRS)

REQUIRED_F1 = 0.97


@pytest.fixture(scope="module")
def evaluation():
    return evaluate(load_pairs(), parse_reference)


def test_field_f1_on_the_2025_examples(evaluation):
    print("\n" + evaluation.table())  # shown with pytest -s
    assert evaluation.overall.f1 >= REQUIRED_F1


def test_every_scored_example_is_read(evaluation):
    assert evaluation.entries == 299
