"""Tables built once per process (issue 23: a fresh process pays them on its first paper), built with less work:
each is compared with its plain construction, so the answers stay the same."""

from __future__ import annotations

from extract.normalize import plausibility
from extract.normalize.script import read_dictionary


def test_attested_pairs_are_the_pairs_of_each_key_and_first_candidate():
    expected: set[str] = set()
    for name in plausibility.PHRASE_DICTIONARIES:
        for key, value in read_dictionary(name).items():
            for phrase in (key, value):
                expected.update(phrase[i:i + 2] for i in range(len(phrase) - 1))
    plausibility.attested_pairs.cache_clear()
    assert plausibility.attested_pairs() == expected
    assert len(expected) > 90_000
