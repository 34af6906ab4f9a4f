"""What is a place: words inside names, persons, demonyms, datelines, bad input, the JSON."""

from __future__ import annotations

import time
from collections.abc import Callable

from frontwire.places.stage import MAX_NAME_CHARS, PlacesStage
from frontwire.records import Article, Entity


def texts(article: Article) -> list[str]:
    return [p.span.text for p in article.places]


def test_ordinary_words_inside_organisation_names_are_not_places(
    analyse: Callable[[str], Article],
) -> None:
    art = analyse(
        "Members of the National Guard were sent to the flooded valley. The Federal Reserve "
        "said nothing. Officers of the Springfield Police Department closed the bridge."
    )
    found = texts(art)
    assert "National" not in found and "Federal" not in found and "Police" not in found


def test_a_country_abbreviation_inside_an_organisation_is_a_place(
    analyse: Callable[[str], Article],
) -> None:
    art = analyse("The loans were guaranteed by the U.S. Department of Agriculture last year.")
    (us,) = [p for p in art.places if p.span.text == "U.S."]
    assert us.country_code == "US"


def test_demonyms_resolve_to_their_country_as_adjectival_mentions(
    analyse: Callable[[str], Article],
) -> None:
    art = analyse("Ukrainian forces advanced while American officials met in Brussels.")
    by_text = {p.span.text: p for p in art.places}
    assert by_text["Ukrainian"].country_code == "UA" and by_text["Ukrainian"].adjectival
    assert not by_text["Ukrainian"].literal
    assert by_text["Brussels"].literal and not by_text["Brussels"].adjectival


def test_a_dateline_is_a_place(analyse: Callable[[str], Article]) -> None:
    art = analyse("Council approves budget. TORRINGTON — The city council met on Monday night.")
    (dateline,) = [p for p in art.places if p.span.text == "TORRINGTON"]
    assert dateline.country_code == "US"


def test_json_has_reason_alternatives_and_literal(analyse: Callable[[str], Article]) -> None:
    art = analyse("Flooding closed roads in Paris, Texas, on Sunday.")
    (paris,) = [p for p in art.places if p.span.text == "Paris"]
    data = paris.to_json()
    assert data["country_code"] == "US" and data["literal"] is True
    assert "qualified by its region or country" in data["reason"]
    assert data["alternatives"] and all(a["reason"] for a in data["alternatives"])
    assert {"name", "latitude", "longitude", "score"} <= set(data["alternatives"][0])


def test_coordinates_off_the_globe_are_flagged_not_placed(
    analyse: Callable[[str], Article],
) -> None:
    art = analyse("The drone was tracked at 95.5N, 200.1E and then at 48.9N, 38.5E.")
    coords = [p for p in art.places if p.feature == "COORD"]
    bad = [p for p in coords if p.flag == "coordinates_out_of_range"]
    good = [p for p in coords if p.flag is None]
    assert len(bad) == 1 and bad[0].latitude is None and bad[0].longitude is None
    assert len(good) == 1 and good[0].latitude == 48.9


def test_a_place_name_of_ten_thousand_characters_is_flagged_not_looked_up(
    nlp_stage,
    places_stage: PlacesStage,  # type: ignore[no-untyped-def]
) -> None:
    text = "Shelling hit " + "Q" * 10_000 + " overnight."
    (parsed,) = nlp_stage.process_batch([Article.new(text)])
    # Whatever the model makes of it, hand the stage a place entity over the long name.
    fake = Entity(span=parsed.span(13, 10_013), label="GPE", kind="place")
    parsed = parsed.replace(entities=(fake,))
    (done,) = places_stage.process_batch([parsed])
    (long_name,) = [p for p in done.places if p.flag == "name_too_long"]
    assert long_name.latitude is None and len(long_name.name) <= MAX_NAME_CHARS


def test_five_thousand_place_names_are_resolved_in_bounded_time(
    nlp_stage,
    places_stage: PlacesStage,  # type: ignore[no-untyped-def]
) -> None:
    towns = ["Kharkiv", "Izium", "Kupiansk", "Balakliia", "Chuhuiv", "Lozova", "Vovchansk"]
    text = "Shelling was reported in " + ", ".join(towns[k % 7] for k in range(5_000)) + "."
    (parsed,) = nlp_stage.process_batch([Article.new(text)])
    started = time.perf_counter()
    (done,) = places_stage.process_batch([parsed])
    elapsed = time.perf_counter() - started
    assert len(done.places) >= 4_000
    assert elapsed < 10  # linear in the names: about a second on a shared 2-core machine
