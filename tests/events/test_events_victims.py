"""Victims named one by one, counted from the parse (frontwire.events.victims)."""

from __future__ import annotations

import pytest

from frontwire.events.victims import victim_counts
from frontwire.nlp import NlpStage


@pytest.fixture(scope="module")
def counts(nlp_stage: NlpStage):  # type: ignore[no-untyped-def]
    nlp = nlp_stage.nlp

    def run(text: str) -> dict[str, int]:
        return victim_counts(nlp(text)[:])

    return run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jonas Pelt was killed outside his shop on Friday.", {"killed": 1}),
        ("Local man shot and killed by his neighbour at a diner", {"killed": 1}),
        ("A woman was shot in the leg near the station.", {"injured": 1}),
        ("The mayor and her driver were shot dead.", {"killed": 2}),
        ("Maria Lopez was found dead in the back seat of a car.", {"killed": 1}),
        ("He walked up to the clerk, shot him twice and killed him.", {"killed": 1}),
        ("Nobody was hurt.", {}),
        ("Soldiers were killed in the ambush.", {}),  # a plural with no number: unknown
        ("The driver was not injured.", {}),
    ],
)
def test_named_and_singular_victims_count_one_each(counts, text: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert counts(text) == expected
