import pytest

from frontwire.events.numbers import arrested, crowd, injured, killed, parse_number


@pytest.mark.parametrize(
    ("text", "low", "best", "high"),
    [
        ("The drone strike killed ten civilians near the market.", 10, 10, 10),
        ("At least 3,000 people were killed in the siege.", 3000, 3000, 3000),
        ("Between 5 and 7 soldiers were killed overnight.", 5, 6, 7),
        ("Dozens of people died when the bridge was bombed.", 12, 24, 99),
        ("Gunmen shot dead two hundred and forty villagers.", 240, 240, 240),
        ("The death toll rose to 17 on Tuesday.", 17, 17, 17),
        ("Nobody was hurt, but no one was killed either.", 0, 0, 0),
    ],
)
def test_death_counts_in_words_digits_ranges_and_vague_terms(
    text: str, low: int, best: int, high: int
) -> None:
    count = killed(text)
    assert count is not None
    assert (count.low, count.best, count.high) == (low, best, high)
    assert count.value == low  # ACLED's conservative figure


def test_injured_arrested_and_crowd_size_are_separate_counts() -> None:
    text = "Police detained 14 students after a crowd of about 2,500 marched; nine were injured."
    assert arrested(text) is not None and arrested(text).value == 14  # type: ignore[union-attr]
    assert crowd(text) is not None and crowd(text).value == 2500  # type: ignore[union-attr]
    assert injured(text) is not None and injured(text).value == 9  # type: ignore[union-attr]
    assert killed(text) is None


@pytest.mark.parametrize("text", ["10^12 killed in the raid", "a million million people died"])
def test_absurd_numbers_are_flagged_not_invented(text: str) -> None:
    count = killed(text)
    assert count is not None and count.implausible
    assert count.value is None and count.best is None


def test_number_phrases_parse_to_bounds() -> None:
    assert parse_number("fifty-two") == (52, 52, 52)
    assert parse_number("1,200") == (1200, 1200, 1200)
    assert parse_number("hundreds") == (100, 200, 999)
    assert parse_number("villagers") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("A man was killed in the attack.", 1),
        ("One civilian died when the shell hit.", 1),
        ("The blast tore through the bus, killing one and wounding two.", 1),
        ("Nobody was killed.", 0),
        ("Gunmen killed a soldier at the checkpoint.", 1),
    ],
)
def test_counts_of_one_and_none_in_words(text: str, value: int) -> None:
    count = killed(text)
    assert count is not None and count.value == value


def test_people_shot_are_counted_apart_from_the_dead() -> None:
    from frontwire.events.numbers import shot

    text = "Three people were shot outside the bar; one man was killed."
    assert shot(text) is not None and shot(text).value == 3  # type: ignore[union-attr]
    assert killed(text) is not None and killed(text).value == 1  # type: ignore[union-attr]
    assert shot("He was shot dead on the porch.") is None


@pytest.mark.parametrize(
    ("text", "dead", "hurt"),
    [
        ("The bomb killed at least 4 guards and injured another 2.", 4, 2),
        ("A mine killed one driver and injured an additional 14 passengers.", 1, 14),
        ("Two policemen were killed and 2 more wounded.", 2, 2),
        ("One farmer was killed and another injured in the raid.", 1, 1),
        ("Three people were killed and 3 seriously wounded.", 3, 3),
        ("Two children were left injured by the blast.", None, 2),
        ("A car bomb kills three people and wounds 22.", 3, 22),
        ("Gunmen fired on a convoy, injuring 4 of them.", None, 4),
        ("The raid resulted in the deaths of 6 guards and the injury of 4 others.", 6, 4),
        ("Nine (5 soldiers and 4 civilians) were injured in the blast.", None, 9),
    ],
)
def test_more_people_beside_ones_counted_are_read(text: str, dead: int | None, hurt: int) -> None:
    got_dead, got_hurt = killed(text), injured(text)
    assert (got_dead.value if got_dead else None) == dead
    assert got_hurt is not None and got_hurt.value == hurt


def test_a_dozen_multiplies_and_another_before_a_number_adds_nothing() -> None:
    assert parse_number("a dozen") == (12, 12, 12)
    assert parse_number("two dozen") == (24, 24, 24)
    assert parse_number("another two") == (2, 2, 2)
    assert injured("He suffered two gunshot wounds to the chest.") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Gunmen killed at least 37 fleeing herders near the well.", 37),
        ("The militia massacred 34 bus passengers at a roadblock.", 34),
        ("Raiders attacked the village, slaughtering three people.", 3),
        ("Two guards were gunned down at the gate.", 2),
        ("The mortar fire resulted in two deaths among the garrison.", 2),
        ("The blast caused the death of one person.", 1),
        ("The plane was bombed, killing all 90 people on board.", 90),
        ("Nine Border Guard (BG) personnel, including a captain, were killed.", 9),
        ("No guards were killed but nine people died in the blast.", 9),
        ("The rebels executed 5 prisoners.", 5),
    ],
)
def test_killing_verbs_objects_and_deaths_are_counts(text: str, value: int) -> None:
    count = killed(text)
    assert count is not None and count.value == value


@pytest.mark.parametrize(
    "text",
    [
        "He was shot 3 times and killed two weeks ago.",
        "The court handed down 12 death sentences.",
        "The attack killed a number of elders.",
    ],
)
def test_numbers_that_count_no_dead_are_not_read(text: str) -> None:
    assert killed(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He is charged in the shooting death of 38-year-old Ann Roe.", None),
        ("Police found a man shot to death at 1117 Elm Drive.", None),
        ("Prosecutors will review the death of a 7-year-old boy.", 1),
    ],
)
def test_ages_and_house_numbers_are_not_death_counts(text: str, value: int | None) -> None:
    count = killed(text)
    assert (count.value if count is not None else None) == value
