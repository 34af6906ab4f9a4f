"""The compatible merge rule's parts, outlet families, evidence kept and split revisions."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontwire.cli.app import app
from frontwire.dedup.corroborate import (
    EventOptions,
    EventRow,
    independent_sources,
    outlet_family,
    same_event,
)
from frontwire.dedup.index import update_store
from frontwire.store import Store
from frontwire.testing import make_article

RULE = EventOptions(event_rule="compatible", max_km=25)
PLACE_FIELDS = (
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "location", "latitude", "longitude", "geo_precision", "admin1",
)  # fmt: skip


def _row(**kw: object) -> EventRow:
    base: dict[str, object] = {
        "event_id": "x",
        "article_id": "a",
        "event_date": dt.date(2022, 5, 16),
        "time_precision": 1,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "actor1": "Military Forces of Russia (2000-)",
        "actor2": "Civilians (Ukraine)",
        "location": "Izium",
        "latitude": 49.21,
        "longitude": 37.26,
        "geo_precision": 1,
        "fatalities": 0,
        "admin1": "Kharkivska oblast",
    }
    base.update(kw)
    return EventRow(**base)  # type: ignore[arg-type]


def test_two_towns_80_km_apart_stay_two_events() -> None:
    severodonetsk = _row(location="Sievierodonetsk", latitude=48.95, longitude=38.49)
    assert not same_event(_row(), severodonetsk, RULE)


def test_actors_of_one_sector_and_country_or_unidentified_are_compatible() -> None:
    assert same_event(_row(), _row(actor1="Military Forces of Russia"), RULE)
    assert same_event(_row(), _row(actor1="Unidentified Armed Group (Ukraine)"), RULE)
    assert same_event(
        _row(), _row(actor1="Civilians (Ukraine)", actor2="Military Forces of Russia (2000-)"), RULE
    )
    assert not same_event(_row(), _row(actor1="Military Forces of Ukraine (2019-)"), RULE)
    assert not same_event(_row(), _row(actor1="Police Forces of Russia (2000-)"), RULE)


def test_sub_type_must_match_and_region_level_reports_match_by_admin_area() -> None:
    assert not same_event(_row(), _row(sub_event_type="Air/drone strike"), RULE)
    region = _row(location="Kharkivska oblast", latitude=49.5, longitude=36.5, geo_precision=3)
    assert same_event(_row(), region, RULE)
    other = _row(
        location="Donetska oblast", latitude=48.0, longitude=37.8, geo_precision=3,
        admin1="Donetska oblast",
    )  # fmt: skip
    assert not same_event(_row(), other, RULE)


def test_outlet_families_and_copies_count_once() -> None:
    assert outlet_family("The Kyiv Independent", None) == outlet_family("Kyiv Independent", None)
    assert outlet_family(None, "https://www.example.org/a") == "h:example.org"
    assert outlet_family(None, None) == ""
    # Two reports of one outlet, a syndicated copy of the first under another outlet, and an
    # unrelated outlet: two independent sources.
    reports = [("c1", "o:wire"), ("c2", "o:wire"), ("c1", "o:ledger"), ("c3", "o:post")]
    assert independent_sources(reports) == 2
    assert independent_sources([("c1", ""), ("c2", "")]) == 2


def _events(store):  # type: ignore[no-untyped-def]
    return {
        r[0]: r[1:]
        for r in store.connection.execute(
            "SELECT event_id, cluster_id, is_primary, reports, independent_sources FROM events"
        ).fetchall()
    }


def test_one_outlets_two_articles_are_one_independent_source(store, options, add_event) -> None:
    a = make_article(
        "Shelling hit the centre of Izium on Monday, officials said.",
        url="http://wire.example/1",
        published="2022-05-16",
    )
    b = make_article(
        "Monday's artillery fire on Izium killed two, the mayor said later.",
        url="http://wire.example/2",
        published="2022-05-16",
    )
    c = make_article(
        "Residents of Izium described heavy shelling through Monday night.",
        url="http://ledger.example/9",
        published="2022-05-17",
    )
    store.write([a, b, c], [])
    values = {f: getattr(_row(), f) for f in PLACE_FIELDS}
    for event_id, article in (("e1", a), ("e2", b), ("e3", c)):
        add_event(
            store.connection,
            event_id,
            article.id,
            evidence=json.dumps([{"text": f"said by {event_id}"}]),
            **values,
        )
    update_store(store, options)
    events = _events(store)
    assert events["e1"][2:] == (3, 2)
    merged = [
        json.loads(r[0])
        for r in store.connection.execute(
            "SELECT detail FROM event_revisions WHERE action = 'merged' ORDER BY detail"
        ).fetchall()
    ]
    assert {m["basis"] for m in merged} == {"compatible"}
    assert {m["evidence"][0]["text"] for m in merged} == {"said by e2", "said by e3"}


def test_a_finer_place_splits_off_a_report_it_no_longer_fits(store, options, add_event) -> None:
    texts = [
        "Shelling was reported near a village east of the river on Monday.",
        "Artillery hit a settlement to the west of the district on Monday, officials said.",
        "A shell struck the school in the district centre on Monday, the mayor said.",
    ]
    arts = [
        make_article(t, url=f"http://o{i}.example/1", published=f"2022-05-1{6 + i}")
        for i, t in enumerate(texts)
    ]
    store.write(arts, [])
    base = {f: getattr(_row(), f) for f in PLACE_FIELDS[:6]}
    # Near a place (precision 2): 40 km apart is within 2 x 25 km; the third, exact (precision
    # 1), is 30 km from the first and 70 km from the second.
    add_event(
        store.connection,
        "e1",
        arts[0].id,
        **base,
        location="A",
        latitude=49.0,
        longitude=37.0,
        geo_precision=2,
    )
    add_event(
        store.connection,
        "e2",
        arts[1].id,
        **base,
        location="B",
        latitude=49.0,
        longitude=36.45,
        geo_precision=2,
    )
    update_store(store, options)
    assert _events(store)["e2"][0] == "e1"
    add_event(
        store.connection,
        "e3",
        arts[2].id,
        **base,
        location="C",
        latitude=49.0,
        longitude=37.41,
        geo_precision=1,
    )
    update_store(store, options)
    events = _events(store)
    assert events["e3"][0] == "e1" and events["e2"][0] == "e2" and events["e2"][1]
    actions = {
        (r[0], r[1])
        for r in store.connection.execute(
            "SELECT cluster_id, action FROM event_revisions"
        ).fetchall()
    }
    assert {("e1", "split"), ("e2", "split"), ("e1", "revised")} <= actions


@pytest.mark.slow
def test_the_seed_articles_events_stay_distinct_real_world_events(
    seed_article_path: Path, tmp_path: Path
) -> None:
    # Read in place. The events stage codes each reported event once; none of them may be
    # merged into another (Izyum and Severodonetsk are two places 80 km apart).
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_text(seed_article_path.read_text("utf-8"), "utf-8")
    db = tmp_path / "seed.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as store:
        row = store.connection.execute(
            "SELECT count(*), count(*) FILTER (WHERE is_primary), "
            "count(DISTINCT cluster_id) FROM events"
        ).fetchone()
    assert row is not None and row[0] >= 5 and row[0] == row[1] == row[2]
