"""The seed article (a 2022 report from north-east Ukraine): its six places of the fighting."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontwire.util import haversine_km


@pytest.mark.slow
def test_the_seed_articles_six_places_are_right(seed_article_path: Path) -> None:
    from frontwire.api import analyze_text

    article = analyze_text(seed_article_path.read_text("utf-8"))
    found = {p.span.text: p for p in article.places}
    expected = {
        # mention: (admin1 or feature, lat, lon)
        "Kharkiv": ("Kharkivska oblast", 49.98, 36.25),
        "Izyum": ("Kharkivska oblast", 49.21, 37.27),
        "Severodonetsk": ("Luhanska oblast", 48.95, 38.49),
        "Mariupol": ("Donetska oblast", 47.10, 37.54),
        "Donbas": ("RGN", 48.6, 38.3),
        "Azovstal steelworks": ("MFG", 47.10, 37.61),
    }
    for mention, (area, lat, lon) in expected.items():
        place = found.get(mention)
        assert place is not None, (mention, sorted(found))
        assert place.country_code == "UA", mention
        assert area in (place.admin1, place.feature), (mention, place.admin1, place.feature)
        assert place.latitude is not None and place.longitude is not None
        assert haversine_km(lat, lon, place.latitude, place.longitude) < 50, mention
