"""Published dates: accepted forms become ISO 8601; incomplete or ambiguous ones are refused."""

from __future__ import annotations

import pytest

from frontwire.ingest.dates import normalise_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-05-16", "2022-05-16"),
        (" 2022-05-16 ", "2022-05-16"),
        ("20220516", "2022-05-16"),
        ("2022-05-06", "2022-05-06"),  # ISO is never read day first
        ("2022-05-16T08:30:00Z", "2022-05-16T08:30:00+00:00"),
        ("2022-05-16 08:30", "2022-05-16T08:30:00"),
        ("16 May 2022", "2022-05-16"),
        ("May 16, 2022", "2022-05-16"),
        ("Mon, 16 May 2022 08:30:00 +0000", "2022-05-16T08:30:00+00:00"),
        ("16.05.2022", "2022-05-16"),
        ("13/05/2022", "2022-05-13"),  # only one reading is a real date
        ("2022/05/06", "2022-05-06"),  # year first reads year-month-day
        ("16 May 2022 10:30", "2022-05-16T10:30:00"),
    ],
)
def test_common_forms_become_iso(value: str, expected: str) -> None:
    assert normalise_date(value) == expected


@pytest.mark.parametrize(
    "value",
    ["", "   ", "yesterday", "May 2022", "2022", "10:30", "Monday", "05/06/2022", "99/99/9999"],
)
def test_incomplete_ambiguous_or_non_dates_give_none(value: str) -> None:
    assert normalise_date(value) is None
