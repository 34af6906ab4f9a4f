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
        # The relative pronoun of a clause whose verbs are joined stands for the named man.
        ("Jon Harl, 51, who was shot and killed in his home, ran a bakery.", {"killed": 1}),
        # "shooting" after a noun names the event; the words after a title bar are no victims.
        ("Coroner names man killed in barbershop shooting | Local News", {"killed": 1}),
        ("Rebels shot dead three army soldiers near the border.", {"killed": 3}),
        # The same noun told twice in one run of text is one person; "another" is a second.
        (
            "Man hurt in Tarvel shooting | Daily Post TARVEL - A man was taken to hospital and "
            "police said a man was shot in the leg.",
            {"injured": 1},
        ),
        ("A second soldier and another soldier were wounded.", {"injured": 2}),
        ("Soldiers were killed in the ambush.", {}),  # a plural with no number: unknown
        ("The driver was not injured.", {}),
    ],
)
def test_named_and_singular_victims_count_one_each(counts, text: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert counts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Twenty rebels and 9 soldiers were killed in the fighting.", {"killed": 29}),
        ("Four soldiers and a police officer were killed in the ambush.", {"killed": 5}),
        ("Gunmen killed an officer and two guards at the gate.", {"killed": 3}),
        ("Three soldiers were killed and one civilian was killed by the mine.", {"killed": 4}),
        ("Six guards and ten rebels are dead.", {"killed": 16}),
        ("Gunmen killed a local judge as well as 7 of his relatives.", {"killed": 8}),
        # a description of the victims counted, not more of them
        ("The bombing killed 40 people, mostly pilgrims and hotel staff.", {"killed": 40}),
        # another verb's object or subject is not a conjunct of the first verb's victims
        ("The blast kills six and injures 30 people.", {"killed": 6, "injured": 30}),
        # an event noun or a year is no victim
        ("The 2019 market bombing: Twelve people were killed.", {"killed": 12}),
    ],
)
def test_conjoined_victim_phrases_add_up(counts, text: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert counts(text) == expected


def test_aircraft_shot_down_are_not_injured_people(counts) -> None:  # type: ignore[no-untyped-def]
    assert counts("The air force said 13 of the drones had been shot down.") == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ann Roe, a 67-year-old retired nurse, died after being shot.", {"killed": 1}),
        ("Ann Roe, 67, died after being shot on Elm Street.", {"killed": 1}),
        ("John Hale Sr., a 42-year-old black male, died on Sunday.", {"killed": 1}),
    ],
)
def test_an_age_is_not_a_count_of_victims(counts, text: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert counts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police are asking how a man who was shot turned up at a diner.", {"injured": 1}),
        ("A man with a gunshot wound was brought to Mercy Hospital on Sunday.", {"injured": 1}),
        ("The late-night shooting sends 1 person to the hospital.", {"injured": 1}),
        ("Two men were rushed to the hospital after the shooting.", {"injured": 2}),
        # carried to hospital and then dead: killed, not also injured
        ("A woman was taken to the hospital, where she died.", {"killed": 1}),
        ("He was shot and killed.", {"killed": 1}),
    ],
)
def test_people_taken_to_hospital_or_found_wounded_are_injured(counts, text: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert counts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jonas Pelt, 29, was killed along with Ari Voss, 20, outside a bar.", {"killed": 2}),
        ("The driver was killed together with two passengers.", {"killed": 3}),
        ("A man was killed with a knife.", {"killed": 1}),
    ],
)
def test_victims_along_with_others_share_their_fate(counts, text: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert counts(text) == expected
