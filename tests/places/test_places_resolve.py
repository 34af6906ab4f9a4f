"""Resolution in context: standard points, admin areas, same-name places, reasons."""

from __future__ import annotations

import random

import pytest

from frontwire.places import Gazetteer
from frontwire.places.resolve import Context, Weights, _score, _scores, resolve
from frontwire.places.stage import _dateline, explain_name, resolve_names
from frontwire.util import haversine_km


def best(gaz: Gazetteer, name: str) -> int:
    res = resolve(gaz, name)
    assert res.best is not None, name
    return res.best


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [
        # The standard representative points (GeoNames' and the gazetteers' alike), not the
        # middle of the towns: Portugal's islands and Canada's empty north pulled those away.
        ("Portugal", 39.5, -8.0),
        ("Canada", 60.0, -95.0),
        ("Sweden", 62.0, 15.0),
        ("Ontario", 49.25, -84.5),
        ("Texas", 31.25, -99.25),
    ],
)
def test_countries_and_regions_sit_at_their_standard_points(
    gaz: Gazetteer, name: str, lat: float, lon: float
) -> None:
    i = best(gaz, name)
    assert gaz.features[i] in ("PCLI", "ADM1")
    assert haversine_km(lat, lon, gaz.lat[i], gaz.lon[i]) < 161


def test_towns_carry_their_admin2(gaz: Gazetteer) -> None:
    (i,) = [i for i, _ in gaz.lookup("Arlington")[0] if gaz.admin1_codes[i] == "US-TX"]
    assert gaz.admin1_names[i] == "Texas"
    assert gaz.admin2_names[i] == "Tarrant County"


def test_a_county_sits_among_its_towns(gaz: Gazetteer) -> None:
    res = resolve_names(gaz, "Tarrant County, Texas", [(0, 14), (16, 21)])
    county = res[0].best
    assert county is not None and gaz.features[county] == "ADM2"
    # Fort Worth is the county seat.
    assert haversine_km(32.75, -97.33, gaz.lat[county], gaz.lon[county]) < 60


def test_a_county_is_never_a_town_or_a_country(gaz: Gazetteer) -> None:
    assert gaz.features[best(gaz, "Butler County")] == "ADM2"
    assert gaz.features[best(gaz, "Guernsey County")] == "ADM2"


@pytest.mark.parametrize(("name", "code"), [("England", "GB-ENG"), ("Wales", "GB-WLS")])
def test_constituent_countries_are_regions_with_their_own_points(
    gaz: Gazetteer, name: str, code: str
) -> None:
    i = best(gaz, name)
    assert gaz.features[i] == "ADM1" and gaz.admin1_codes[i] == code
    assert gaz.names[i] == name  # "Wales", not ISO's "Wales [Cymru GB-CYM]"


def test_a_town_in_the_county_the_article_names_wins(gaz: Gazetteer) -> None:
    text = "The Paris school board met on Monday. Henry County officials were there too."
    res = resolve_names(gaz, text, [(4, 9), (38, 50)])
    paris, county = (r.best for r in res)
    assert paris is not None and county is not None
    assert gaz.admin1_codes[paris] == gaz.admin1_codes[county] == "US-TN"
    assert gaz.admin2_names[paris] == "Henry County"


def test_a_town_near_the_articles_other_places_beats_a_bigger_namesake(gaz: Gazetteer) -> None:
    # Local news names a town's neighbours: Alexandria among Minnesota's lake towns.
    text = "Alexandria police were called to Osakis and Garfield after the storm hit Brandon."
    spans = [(0, 10), (33, 39), (44, 52), (73, 80)]
    alexandria = resolve_names(gaz, text, spans)[0].best
    assert alexandria is not None and gaz.admin1_codes[alexandria] == "US-MN"


def test_explain_gives_a_reason_for_each_piece_of_evidence(gaz: Gazetteer) -> None:
    res = explain_name(gaz, "Paris", "Flooding closed roads in Paris, Texas, on Sunday.")
    assert res.best is not None and gaz.countries[res.best] == "US"
    why = " ".join(res.candidates[0].why)
    assert "qualified by its region or country" in why and "prior" in why


def test_a_dateline_is_found_with_its_qualifier() -> None:
    text = "Council meets. COLUMBIA, Ky. (WBKO) - The city council met."
    found = _dateline(text)
    assert found is not None
    (s, e), qualifier = found
    assert text[s:e] == "COLUMBIA"
    assert qualifier is not None and text[qualifier[0] : qualifier[1]] == "Ky."
    assert _dateline("No dateline here - only a dash.") is None


def test_inline_scores_equal_the_explained_scores(gaz: Gazetteer) -> None:
    # The fast loop and the explaining one must add up the same evidence.
    rng = random.Random(3)
    names = ["Paris", "Alexandria", "Springfield", "Kharkiv", "Henry County", "Georgia"]
    ctx = Context(
        country_share={"US": 0.7, "UA": 0.2, "FR": 0.1},
        admin1_share={"US-TN": 0.5, "UA-63": 0.5},
        container_cc="US",
        container_admin1="US-TN",
        near={(36, -89): 0.8, (49, 36): 0.5},
        own={(36, -89): 0.3},
        near_names=3,
        counties={"Henry County": 2},
        own_counties=frozenset({"Henry County"}),
        county_pairs={("US-TN", "Henry County"): 1},
    )
    w = Weights()
    for name in names:
        found = gaz.lookup(name)[0]
        for hint in (None, "region", "city", "district"):
            fast = _scores(gaz, found, hint, ctx, w)  # type: ignore[arg-type]
            for s, i, tier in fast:
                slow = _score(gaz, i, tier, hint, ctx, w, None)  # type: ignore[arg-type]
                assert s == pytest.approx(slow), (name, hint, gaz.names[i])
        assert rng.random() < 1.0


def test_names_listed_before_counties_are_counties(gaz: Gazetteer) -> None:
    text = "Flood warnings covered Becker, Clay and Wilkin counties on Friday."
    spans = [(23, 29), (31, 35), (40, 46)]
    for res in resolve_names(gaz, text, spans):
        assert res.best is not None and gaz.features[res.best] == "ADM2"
        assert gaz.admin1_codes[res.best] == "US-MN"


def _spans(text: str, *names: str) -> list[tuple[int, int]]:
    return [(text.index(n), text.index(n) + len(n)) for n in names]


def test_an_accented_name_keeps_its_accented_city_against_a_us_word(gaz: Gazetteer) -> None:
    # The key drops the accent, so "Bogotá" also matches the New Jersey town exactly; the
    # accent as written, not the "US" of "US embassy", decides.
    text = "Gunmen fired on the US embassy in Bogotá late on Sunday."
    city = resolve_names(gaz, text, _spans(text, "US", "Bogotá"))[1]
    assert city.best is not None and gaz.countries[city.best] == "CO"
    # Written without the accent, the name is the plain key again and the context decides.
    text = "Gunmen fired on the US embassy in Bogota late on Sunday."
    assert resolve_names(gaz, text, _spans(text, "US", "Bogota"))[1].best is not None


def test_a_town_with_no_namesake_in_the_state_named_is_that_state(gaz: Gazetteer) -> None:
    # The gazetteer knows Wallaces in other states, none in Arkansas: not one of those, but
    # the state it is in.
    text = "A deputy was shot in Wallace, Arkansas on Tuesday night."
    town, state = resolve_names(gaz, text, _spans(text, "Wallace", "Arkansas"))
    assert state.best is not None and gaz.admin1_codes[state.best] == "US-AR"
    assert town.best == state.best and gaz.features[town.best] == "ADM1"
    assert "lacks" in explain_name(gaz, "Wallace", text).candidates[0].why[0]
    # With a namesake in the state named, that one.
    text = "A deputy was shot in Wallace, North Carolina on Tuesday night."
    town = resolve_names(gaz, text, _spans(text, "Wallace", "North Carolina"))[0]
    assert town.best is not None and gaz.admin1_codes[town.best] == "US-NC"


def test_a_list_of_regions_or_a_misread_state_keeps_its_readings(gaz: Gazetteer) -> None:
    text = "Tornadoes hit Texas, Oklahoma and Kansas, and talks resumed in Tbilisi, Georgia."
    names = ("Texas", "Oklahoma", "Kansas", "Tbilisi", "Georgia")
    res = resolve_names(gaz, text, _spans(text, *names))
    assert [gaz.admin1_codes[r.best] for r in res[:3] if r.best is not None] == [
        "US-TX", "US-OK", "US-KS"
    ]  # fmt: skip
    assert res[3].best is not None and gaz.countries[res[3].best] == "GE"


def test_an_arabic_name_is_found_with_or_without_its_article(gaz: Gazetteer) -> None:
    # The gazetteer keeps one form; the other is a candidate too, and the article's Iraqi
    # towns pick the governorate over a Turkish village of a similar name.
    text = "Militants attacked a checkpoint near Ramadi and Fallujah in western Anbar."
    res = resolve_names(gaz, text, _spans(text, "Ramadi", "Fallujah", "Anbar"))
    anbar = res[2].best
    assert anbar is not None and gaz.countries[anbar] == "IQ"
    assert gaz.features[anbar] == "ADM1"
    town = resolve(gaz, "al-Qayyarah").best
    assert town is not None and gaz.countries[town] == "IQ"
