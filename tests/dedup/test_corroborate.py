from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

from frontwire.dedup.corroborate import EventOptions, EventRow, same_event
from frontwire.dedup.index import update_store
from frontwire.evaluation.spin import SpinOptions, spin
from frontwire.testing import make_article

SHELLING = {
    "event_type": "Explosions/Remote violence",
    "sub_event_type": "Shelling/artillery/missile attack",
    "actor1": "Military Forces of Russia (2000-)",
    "actor2": "Civilians (Ukraine)",
    "event_date": dt.date(2024, 3, 14),
    "time_precision": 1,
    "location": "Balakliia",
    "latitude": 49.46,
    "longitude": 36.86,
    "geo_precision": 1,
}

TEXT = (
    "Four people were killed and twelve wounded on Thursday when rockets hit the centre of "
    "Balakliia, a town south-east of Kharkiv, regional governor Taras Hnatenko said. The "
    "rockets landed near a covered market and a bus stop on Shevchenko Street and damaged a "
    "five-storey residential building, he wrote on Telegram, adding that the strike came at "
    "the busiest hour of the day when pensioners queued at the post office."
)
OTHER = (
    "Ukrainian officials in Kharkiv region reported a deadly rocket attack on Balakliia "
    "on Thursday morning. Emergency crews worked through the day at the market, where "
    "residents described a series of loud blasts; the death toll later rose to five as "
    "one of the wounded died in hospital, according to the regional prosecutor's office."
)


def _articles(store):  # type: ignore[no-untyped-def]
    first = make_article(TEXT, url="http://a/1", published="2024-03-14")
    copy = make_article(
        spin(TEXT, 3, SpinOptions(lookalikes=0)), url="http://b/1", published="2024-03-14"
    )
    other = make_article(OTHER, url="http://c/1", published="2024-03-15")
    store.write([first, copy, other], [])
    return first, copy, other


def _events(store):  # type: ignore[no-untyped-def]
    return {
        r[0]: r[1:]
        for r in store.connection.execute(
            "SELECT event_id, cluster_id, is_primary, reports, independent_sources, fatalities,"
            " location FROM events ORDER BY event_id"
        ).fetchall()
    }


def test_reports_of_one_event_merge_and_copies_count_once(store, options, add_event) -> None:
    first, copy, other = _articles(store)
    con = store.connection
    add_event(con, "e1", first.id, fatalities=4, **SHELLING)
    add_event(con, "e2", copy.id, fatalities=4, **SHELLING)
    add_event(con, "e3", other.id, fatalities=5, **SHELLING)
    update_store(store, options)
    events = _events(store)
    assert {e[0] for e in events.values()} == {"e1"}
    assert [k for k, e in events.items() if e[1]] == ["e1"]
    assert events["e1"][2:4] == (3, 2)  # three reports, two independent sources
    # The later report's higher toll revises the event instead of adding one.
    assert events["e1"][4] == 5
    actions = [
        r[0]
        for r in con.execute(
            "SELECT action FROM event_revisions ORDER BY revised_at, action"
        ).fetchall()
    ]
    assert sorted(actions) == ["created", "merged", "merged", "revised"]
    detail = json.loads(
        con.execute("SELECT detail FROM event_revisions WHERE action = 'revised'").fetchone()[0]
    )
    assert detail == {"field": "fatalities", "old": 4, "new": 5, "event_id": "e3"}


def test_a_later_ingest_joins_the_stored_event_with_a_stable_id(store, options, add_event) -> None:
    first, _copy, _other = _articles(store)
    add_event(store.connection, "e1", first.id, fatalities=4, **SHELLING)
    update_store(store, options)
    late = make_article(
        OTHER + " Rescuers finished on Friday.", url="http://d/1", published="2024-03-16"
    )
    store.write([late], [])
    add_event(store.connection, "e9", late.id, fatalities=5, **SHELLING)
    update_store(store, options)
    assert _events(store)["e9"][0] == "e1"


def test_other_day_place_or_actors_stay_separate_under_acled_rule(
    store, options, add_event
) -> None:
    options = replace(options, events=EventOptions(event_rule="acled"))
    first, copy, other = _articles(store)
    con = store.connection
    add_event(con, "e1", first.id, fatalities=4, **SHELLING)
    add_event(con, "e2", copy.id, **{**SHELLING, "event_date": dt.date(2024, 3, 15)})
    add_event(
        con,
        "e3",
        other.id,
        **{**SHELLING, "location": "Izium", "latitude": 49.21, "longitude": 37.26},
    )
    update_store(store, options)
    assert {e[0] for e in _events(store).values()} == {"e1", "e2", "e3"}


def _row(**kw: object) -> EventRow:
    base = {
        "event_id": "x",
        "article_id": "a",
        "event_date": dt.date(2024, 3, 14),
        "time_precision": 1,
        "event_type": "Battles",
        "sub_event_type": None,
        "actor1": "A",
        "actor2": "B",
        "location": "Kupiansk",
        "latitude": 49.71,
        "longitude": 37.61,
        "geo_precision": 1,
        "fatalities": 0,
    }
    base.update(kw)
    return EventRow(**base)  # type: ignore[arg-type]


def test_compatible_rule_allows_missing_actor_nearby_place_and_date_precision() -> None:
    rule = EventOptions(event_rule="compatible", max_km=25)
    a = _row()
    assert same_event(
        a, _row(actor2=None, location="Synkivka", latitude=49.79, longitude=37.72), rule
    )
    assert same_event(a, _row(event_date=dt.date(2024, 3, 18), time_precision=2), rule)
    assert not same_event(a, _row(actor1="C"), rule)
    assert not same_event(a, _row(event_type="Riots"), rule)
    assert not same_event(a, _row(actor2=None), EventOptions(event_rule="acled"))


def test_a_copy_without_a_date_reports_the_same_event_as_its_original(
    store, options, add_event
) -> None:
    first = make_article(TEXT, url="http://a/1", published="2024-03-14")
    undated = make_article(TEXT, url="http://e/1")  # a syndicated copy that lost its date
    store.write([first, undated], [])
    con = store.connection
    add_event(con, "e1", first.id, fatalities=4, **SHELLING)
    add_event(con, "e2", undated.id, fatalities=4, **{**SHELLING, "event_date": None})
    update_store(store, options)
    events = _events(store)
    assert events["e2"][0] == "e1"
    assert events["e1"][2:4] == (2, 1)  # two reports, one independent source
