"""PLOVER JSON Lines and GeoJSON, each checked against a JSON schema of its format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import frontwire
from frontwire.exports import PLOVER_FIELDS

SCHEMAS = Path(__file__).parent / "schemas"


def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _errors(validator: Draft202012Validator, document: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


@pytest.mark.parametrize("store", ["hand_db", "corpus_db"])
def test_every_plover_record_meets_the_plover_schema(
    store: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    db = request.getfixturevalue(store)
    out = tmp_path / "plover.jsonl"
    written = frontwire.export("plover", db=db, output=out)
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(records) == written > 0
    validator = _validator("plover-record.schema.json")
    for record in records:
        assert _errors(validator, record) == [], record["id"]
        assert tuple(record) == PLOVER_FIELDS


def test_plover_record_of_a_corroborated_event(hand_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "plover.jsonl"
    frontwire.export("plover", db=hand_db, output=out)
    harbour, drone = (json.loads(line) for line in out.read_text("utf-8").splitlines())
    assert harbour["id"] == harbour["link"] == "cl-harbour"
    assert harbour["actor"][0]["code"] == "RUS" and harbour["recipient"][0]["sector"] == "CVL"
    assert harbour["event_loc"]["geonameid"] == 698131 and harbour["dead"] == 3
    assert harbour["cite_info"]["publication"] == "Coast Gazette"
    # An event stored without its coded record falls back to its columns; nothing invented.
    assert drone["event"] == "ASSAULT" and drone["mode"] == "drone"
    assert drone["actor"] == [
        {"code": None, "sector": None, "entity_text": "Military Forces of Russia (2000-)"}
    ]
    assert drone["event_loc"]["name"] == "Nikopol"


@pytest.mark.parametrize("store", ["hand_db", "corpus_db"])
def test_geojson_export_meets_rfc_7946(
    store: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    db = request.getfixturevalue(store)
    out = tmp_path / "events.geojson"
    written = frontwire.export("geojson", db=db, output=out)
    collection = json.loads(out.read_text("utf-8"))
    assert _errors(_validator("geojson-featurecollection.schema.json"), collection) == []
    features = collection["features"]
    assert len(features) == written == frontwire.export("acled", db=db, output=tmp_path / "a")
    located = [f for f in features if f["geometry"] is not None]
    assert located, "no event with a place"
    if store == "hand_db":
        # GeoJSON's order: longitude first.
        assert located[0]["id"] == "cl-harbour"
        assert located[0]["geometry"]["coordinates"] == [31.5392, 46.6186]
