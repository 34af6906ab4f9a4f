"""Where an event happened: the Locator over the real parse and the real gazetteer."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from frontwire.places.countries import CountryTable
from frontwire.places.locate import Locator
from frontwire.records import Article, Place

Analyse = Callable[[str], Article]


@pytest.fixture(scope="module")
def locator() -> Locator:
    return Locator(CountryTable())


def where(locator: Locator, art: Article, sentence: str) -> Place | None:
    start = art.text.index(sentence)
    return locator.locate(art, start, start + len(sentence))


def test_the_clauses_own_town_beats_the_dateline(analyse: Analyse, locator: Locator) -> None:
    text = (
        "ODESA — Drones struck the port of Izmail, a town south-west of Odesa, overnight, "
        "officials said."
    )
    loc = where(locator, analyse(text), text)
    assert loc is not None and loc.span.text == "Izmail" and loc.precision == 1


def test_a_village_in_a_named_district_is_in_the_village(
    analyse: Analyse, locator: Locator
) -> None:
    text = "Gunmen killed four farmers in Turhal, in Tokat Province, on Friday."
    loc = where(locator, analyse(text), text)
    assert loc is not None and loc.name == "Turhal" and loc.precision == 1


def test_a_town_qualified_in_brackets_is_in_the_town(analyse: Analyse, locator: Locator) -> None:
    # The bracketed name only says where the town is, even when it is also a town's name.
    text = "Rebels attacked a police post in Barrancabermeja (Santander) on Monday."
    loc = where(locator, analyse(text), text)
    assert loc is not None and loc.name == "Barrancabermeja"


def test_a_village_missing_from_the_gazetteer_falls_back_to_its_district(
    analyse: Analyse, locator: Locator
) -> None:
    text = "Militants killed six villagers in Qorvelakhan, Nowshera District, on Sunday."
    art = analyse(text)
    loc = where(locator, art, text)
    assert loc is not None and loc.country_code == "PK"
    assert loc.precision in (2, 3)  # ACLED: part of the named district, not the village


def test_a_province_alone_is_geo_precision_3(analyse: Analyse, locator: Locator) -> None:
    text = "A roadside bomb killed two soldiers in Balochistan province on Monday."
    loc = where(locator, analyse(text), text)
    assert loc is not None and loc.precision == 3 and loc.country_code == "PK"


def test_a_capitalised_common_word_is_not_a_town(analyse: Analyse, locator: Locator) -> None:
    text = "Plant workers were shot at in the parking lot after the night shift."
    loc = where(locator, analyse(text), text)
    assert loc is None or loc.name != "Plant City"


def test_a_nickname_of_a_state_is_not_a_same_named_town(analyse: Analyse, locator: Locator) -> None:
    text = "Voters in the Granite State were warned after a man fired shots at a rally."
    loc = where(locator, analyse(text), text)
    assert loc is None or loc.name != "Granite City"


def test_a_town_modifying_a_site_is_where_it_happened(analyse: Analyse, locator: Locator) -> None:
    text = "A car bomb exploded outside the Kabul Serena Hotel, killing three guards."
    loc = where(locator, analyse(text), text)
    assert loc is not None and loc.country_code == "AF"


def test_a_town_modifying_people_is_not_where_it_happened(
    analyse: Analyse, locator: Locator
) -> None:
    text = "A Tulsa man was shot twice during a robbery in Broken Arrow, Oklahoma."
    loc = where(locator, analyse(text), text)
    assert loc is not None and loc.name == "Broken Arrow"


def test_a_police_force_names_the_area_of_an_unplaced_report(
    analyse: Analyse, locator: Locator
) -> None:
    text = (
        "The Houston Police Department is investigating.\n\n"
        "A teenager was found dead with a gunshot wound in a parked car."
    )
    art = analyse(text)
    loc = where(locator, art, "A teenager was found dead with a gunshot wound in a parked car.")
    assert loc is not None and loc.name == "Houston" and loc.precision == 2


def test_a_part_of_a_town_the_gazetteer_lacks_is_the_town(
    analyse: Analyse, locator: Locator
) -> None:
    text = "A woman was shot in West Philadelphia on Wednesday night."
    loc = where(locator, analyse(text), text)
    assert loc is not None and loc.name == "Philadelphia" and loc.precision == 2


def test_a_cut_sentence_takes_the_place_its_other_part_names(
    analyse: Analyse, locator: Locator
) -> None:
    text = "Three guards of a security firm were killed and two wounded in an ambush in Mosul."
    art = analyse(text)
    clause = "Three guards of a security firm were killed"
    loc = where(locator, art, clause)
    assert loc is not None and loc.name == "Mosul" and loc.precision == 2


def test_a_state_narrows_to_the_town_the_report_names(analyse: Analyse, locator: Locator) -> None:
    text = (
        "A gunman was shot dead at a supermarket in Pennsylvania, police said. "
        "He had walked into the store in Stroudsburg late on Saturday."
    )
    art = analyse(text)
    loc = where(
        locator, art, "A gunman was shot dead at a supermarket in Pennsylvania, police said."
    )
    assert loc is not None and loc.name == "Stroudsburg" and loc.precision == 2


def test_a_surname_is_not_a_town(analyse: Analyse, locator: Locator) -> None:
    text = (
        "Deputies found Marcus Walker with a gunshot wound to the leg. "
        "Walker was taken to hospital."
    )
    art = analyse(text)
    loc = where(locator, art, "Walker was taken to hospital.")
    assert loc is None or loc.name != "Walker"


def test_a_place_someone_came_from_is_a_mention_in_passing(
    analyse: Analyse, locator: Locator
) -> None:
    text = "Fighters who came from Raqqa attacked a checkpoint in Deir ez-Zor on Friday."
    loc = where(locator, analyse(text), text)
    assert loc is not None and loc.span.text == "Deir ez-Zor"


def test_a_town_the_tagger_missed_is_found_after_in(analyse: Analyse, locator: Locator) -> None:
    # The tagger reads the name as a people's name; the country table knows the town, in the
    # country the report names.
    text = "Gunmen opened fire on a wedding party in central Samarra, Iraq, killing four."
    loc = where(locator, analyse(text), text)
    assert loc is not None and loc.country_code == "IQ" and loc.precision == 1


def test_a_far_off_namesake_found_by_another_name_is_no_match(
    analyse: Analyse, locator: Locator
) -> None:
    text = "Two soldiers were killed in an ambush in Kashmir, near Srinagar, on Monday."
    loc = where(locator, analyse(text), text)
    assert loc is not None and loc.country_code == "IN"


def test_a_town_named_before_its_kind_word_is_the_town(analyse: Analyse, locator: Locator) -> None:
    text = "Militiamen killed two rangers in an attack on Beni town in North Kivu province."
    loc = where(locator, analyse(text), text)
    assert loc is not None and loc.span.text == "Beni" and loc.precision == 1


def test_a_region_is_not_narrowed_to_a_town_of_another_paragraph(
    analyse: Analyse, locator: Locator
) -> None:
    text = (
        "Detainees held in camp\n\n"
        "Hundreds of detained men are held in a camp in the Donetsk region, officials said.\n\n"
        "Separately, shelling hit Kramatorsk on Monday."
    )
    art = analyse(text)
    loc = where(locator, art, "Hundreds of detained men are held in a camp in the Donetsk region")
    assert loc is not None and loc.precision == 3 and loc.feature == "ADM1"


def test_a_dateline_may_carry_its_day() -> None:
    from frontwire.places.locate import is_dateline

    assert is_dateline("KHARKIV, Ukraine, 14 March 2024 (Wire Dispatch) – Rockets hit", 0)
    assert is_dateline("MOSUL, Iraq, Sept. 5, 2023 – A bomb went off", 0)
    assert not is_dateline("Kharkiv, 14 March 2024 (a caption)", 0)
