"""The ACLED export read back as ACLED's users read it: pandas with ACLED's dtypes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import frontwire
from frontwire.exports import ACLED_COLUMNS, ACLED_DTYPES
from frontwire.exports.acled import source_scale


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=ACLED_DTYPES, keep_default_na=False, na_values=[""])


def test_acled_reads_back_with_acleds_dtypes_one_row_per_event_that_happened(
    hand_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "acled.csv"
    assert frontwire.export("acled", db=hand_db, output=out) == 2
    frame = _read(out)
    assert tuple(frame.columns) == ACLED_COLUMNS and len(ACLED_COLUMNS) == 31
    # One row per real-world event (the copy's report is in the cluster), none planned.
    assert list(frame["event_id_cnty"]) == ["cl-harbour", "ev-drone"]
    harbour, drone = frame.iloc[0], frame.iloc[1]
    assert harbour["year"] == 2024 and harbour["iso"] == 804 and harbour["interaction"] == 78
    assert harbour["latitude"] == pytest.approx(46.6186)
    assert pd.to_datetime(frame["event_date"]).notna().all()
    assert frame["timestamp"].notna().all()
    # ACLED's fatalities: 0 when no figure is reported.
    assert harbour["fatalities"] == 3 and drone["fatalities"] == 0


def test_acled_source_is_the_outlets_and_the_speaker_is_in_the_notes(
    hand_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "acled.csv"
    frontwire.export("acled", db=hand_db, output=out)
    harbour, drone = _read(out).iloc[0], _read(out).iloc[1]
    # Every outlet of the cluster, first publisher first, joined as ACLED joins them.
    assert harbour["source"] == "Coast Gazette; Port Wire"
    assert harbour["notes"].endswith("killing three civilians. [according to Ilona Vasko]")
    assert "Ilona Vasko" not in harbour["source"]
    # No outlet named: the publication is known by its URL's host, a messaging platform.
    assert drone["source"] == "t.me" and drone["source_scale"] == "New media"
    assert pd.isna(harbour["source_scale"])


@pytest.mark.parametrize(
    ("hosts", "outlets", "scale"),
    [
        (("t.me",), ("t.me",), "New media"),
        (("m.facebook.com", "x.com"), ("A", "B"), "New media"),
        (("t.me", "kyivindependent.com"), ("t.me", "Kyiv Independent"), ""),
        (("t.me",), ("t.me", "An outlet without a URL"), ""),
        ((), (), ""),
    ],
)
def test_source_scale_is_only_what_the_sources_show(
    hosts: tuple[str, ...], outlets: tuple[str, ...], scale: str
) -> None:
    assert source_scale(hosts, outlets) == scale


def test_a_status_filter_exports_events_that_have_not_happened(
    hand_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "planned.csv"
    assert frontwire.export("acled", db=hand_db, output=out, filters={"status": "planned"}) == 1
    assert list(_read(out)["sub_event_type"]) == ["Peaceful protest"]
