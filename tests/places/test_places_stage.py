"""The places stage over the real parse: recognition, label fixes, uses, hints, coordinates."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from frontwire.errors import StageError
from frontwire.places import Gazetteer, event_location
from frontwire.places.stage import PlacesStage, resolve_names
from frontwire.records import Article, Place


def place(article: Article, text: str) -> Place:
    found = [p for p in article.places if p.span.text == text]
    assert found, [p.span.text for p in article.places]
    return found[0]


def test_literal_metonymic_modifier_and_demonym_uses(analyse: Callable[[str], Article]) -> None:
    art = analyse(
        "Moscow said on Tuesday that its forces had taken villages near Kharkiv. "
        "Ukrainian troops pushed back. Shelling continued in Izium overnight. "
        "Many Russians fled."
    )
    assert place(art, "Moscow").use == "metonymic"
    assert place(art, "Kharkiv").use == "literal"
    assert place(art, "Kharkiv").precision == 2  # near the town
    assert place(art, "Izium").use == "literal" and place(art, "Izium").precision == 1
    assert place(art, "Ukrainian").use in ("modifier", "demonym")
    assert place(art, "Ukrainian").country_code == "UA"
    russians = place(art, "Russians")
    assert russians.use == "demonym" and russians.country_code == "RU"


def test_resolved_places_carry_coordinates_admin1_and_confidence(
    analyse: Callable[[str], Article],
) -> None:
    art = analyse("Rockets hit Kharkiv, Ukraine's second-largest city, on Monday.")
    kharkiv = place(art, "Kharkiv")
    assert kharkiv.country_code == "UA" and kharkiv.feature == "PPL"
    assert kharkiv.admin1 == "Kharkivska oblast" and kharkiv.geonameid
    assert abs((kharkiv.latitude or 0) - 49.98) < 0.1 and kharkiv.confidence
    assert (kharkiv.population or 0) > 1_000_000


def test_admin_hints_choose_oblast_or_city(analyse: Callable[[str], Article]) -> None:
    art = analyse(
        "Officials in the Donetsk Oblast reported shelling. "
        "Later, drones struck the city of Donetsk."
    )
    kinds = {p.span.text: p.feature for p in art.places}
    assert "ADM1" in kinds.values() and "PPL" in kinds.values(), kinds


def test_entity_labels_the_gazetteer_contradicts_are_fixed(
    analyse: Callable[[str], Article],
) -> None:
    art = analyse(
        "Residents of Mariupol said the strikes continued. Troops moved to Sloviansk and "
        "Kramatorsk. The mayor of Zaporizhzhia asked for help."
    )
    places = {(p.span.start, p.span.end) for p in art.places if p.geonameid}
    for ent in art.entities:
        if (ent.span.start, ent.span.end) in places:
            assert ent.kind == "place", ent
    assert any(p.span.text == "Mariupol" for p in art.places)


def test_person_named_like_a_town_stays_a_person(analyse: Callable[[str], Article]) -> None:
    art = analyse("Mr. Lincoln said the vote would go ahead. Jack Lincoln spoke to reporters.")
    assert not any(p.span.text == "Lincoln" for p in art.places)
    assert any(e.label == "PERSON" and "Lincoln" in e.span.text for e in art.entities)


def test_coordinates_in_text_are_places(analyse: Callable[[str], Article]) -> None:
    art = analyse("The strike was reported at 48.9N, 38.5E by the monitors.")
    coord = [p for p in art.places if p.feature == "COORD"]
    assert len(coord) == 1
    assert coord[0].latitude == pytest.approx(48.9) and coord[0].longitude == pytest.approx(38.5)
    assert coord[0].precision == 1


def test_all_caps_text_and_huge_words_are_handled(analyse: Callable[[str], Article]) -> None:
    caps = " ".join(["KHARKIV PARIS LONDON BERLIN"] * 200)
    art = analyse(caps)
    assert len(art.places) <= len(caps.split())
    long_word = "Q" + "x" * 10_000
    art = analyse(f"They met in {long_word} and then in Kyiv.")
    assert any(p.country_code == "UA" for p in art.places)


def test_event_location_takes_the_most_specific_literal_place(
    analyse: Callable[[str], Article],
) -> None:
    text = (
        "Moscow said it would respond. "
        "Russian forces shelled Izyum in the Kharkiv region on Monday."
    )
    art = analyse(text)
    second = text.index("Russian")
    loc = event_location(art, second, len(text))
    assert loc is not None and loc.name == "Izyum" and loc.precision == 1
    assert loc.country_code == "UA" and loc.admin1 == "Kharkivska oblast"
    first = event_location(art, 0, second)
    assert first is None  # "Moscow said" is not where anything happened


def test_event_location_falls_back_to_an_earlier_place_at_lower_precision(
    analyse: Callable[[str], Article],
) -> None:
    text = "Fighting raged in Bakhmut. Two soldiers were killed on Sunday."
    art = analyse(text)
    loc = event_location(art, text.index("Two"), len(text))
    assert loc is not None and loc.precision == 2


def test_a_repeated_name_does_not_vote_for_its_own_reading(gaz: Gazetteer) -> None:
    # Said three times, "Paris" must not outvote the Texas towns around it for its own
    # most populous reading: each name is read in the context of the other names.
    text = (
        "Paris police said the road was shut. Paris officials met on Monday. Paris is quiet. "
        "Officers from Dallas and Tyler came."
    )
    spans = [(m.start(), m.end()) for m in re.finditer("Paris|Dallas|Tyler", text)]
    found = resolve_names(gaz, text, spans)
    assert all(r.best is not None for r in found)
    assert [gaz.admin1_codes[r.best] for r in found if r.best is not None] == ["US-TX"] * 5


def test_stage_without_parse_is_a_coded_error(places_stage: PlacesStage) -> None:
    with pytest.raises(StageError) as err:
        places_stage.process(Article.new("Kharkiv"))
    assert err.value.code == "FW404"


def test_stage_state_for_another_process_leaves_the_gazetteer_behind(
    places_stage: PlacesStage,
) -> None:
    state = places_stage.__getstate__()
    assert state["_gaz"] is None and places_stage._gaz is not None
