"""Toponym resolution in context: which gazetteer place a name means in this article.

Each candidate starts from its prior (log10 of population, plus a bonus for countries, regions
and capitals) and is moved by evidence: the article's country focus, admin1 regions of places
already resolved with confidence, a container named beside it ("Kharkiv, Ukraine"), and the
admin hint the mention carries ("Donetsk Region" wants a region, "the city of Donetsk" a
place). The weights were tuned on LGL and TR-News (docs/EVALUATION.md) and live in
:class:`Weights` so the config can change them.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, NamedTuple

from frontwire.places.gazetteer import REGION_FEATURES, Gazetteer
from frontwire.places.names import AdminHint

_REGIONISH = frozenset({"ADM1", "ADM2", "RGN"})
_POINTS = frozenset({"PPL", "PPLC"})
# Too large to stand for a point: a country or region contains places, it is not beside
# them, so it spreads no "near" mass. Regions below country size still *receive* it (the
# Donbas among Mariupol and Izium), countries and continents do not (they have the focus).
AREA_FEATURES = frozenset({"PCLI", "ADM1", "CONT", "RGN", "SEA", "GULF", "AREA"})
_NO_NEAR = frozenset({"PCLI", "CONT"})


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each kind of evidence moves a candidate's score (log10-population units)."""

    focus: float = 5.0  # times the article's share of mentions in the candidate's country
    same_admin1: float = 3.0  # times the share of confident places in the same admin1 region
    container: float = 5.0  # "X, Ukraine" / "X, Texas"
    hint: float = 3.0  # the mention says region / city and the candidate is one
    stem_penalty: float = 2.5  # a region found by its capital's name, with no "region" said
    variant_penalty: float = 1.5  # found only through the spelling-variant skeleton
    primary_bonus: float = 0.7  # the mention is the place's main name, not an alternate
    near: float = 6.0  # times the share of the article's other names with a place nearby


@dataclass(slots=True)
class Context:
    """What the article says around the mentions (filled in by the stage's first pass)."""

    country_share: dict[str, float] = field(default_factory=dict)
    admin1_share: dict[str, float] = field(default_factory=dict)
    container_cc: str | None = None
    container_admin1: str | None = None
    # Where the article's names could be: probability mass of the other names' candidates in
    # each 1-degree cell's neighbourhood (``near`` holds every name's, ``own`` this name's,
    # subtracted), over ``near_names`` other names with a town among their candidates.
    near: dict[tuple[int, int], float] = field(default_factory=dict)
    own: dict[tuple[int, int], float] = field(default_factory=dict)
    near_names: int = 0
    # Counties the article's other names may be ("Henry County"), and the (state, county)
    # pairs of the towns its other names may be: a town in a county named beside it, and a
    # county holding a town named beside it, are each other's evidence.
    # Each is counted over all names (how many names give it); ``own_*`` is this name's.
    counties: dict[str, int] = field(default_factory=dict)
    own_counties: frozenset[str] = frozenset()
    county_pairs: dict[tuple[str, str], int] = field(default_factory=dict)
    own_pairs: frozenset[tuple[str, str]] = frozenset()


def cell(lat: float, lon: float) -> tuple[int, int]:
    """The 1-degree cell of a point (about 111 km north-south)."""
    return int(lat // 1.0), int(lon // 1.0)


# Named tuples, not dataclasses: two are made for every name an article mentions, and a
# frozen dataclass's construction cost a fifth of a resolution.
class Scored(NamedTuple):
    """One candidate (a place number of the gazetteer) and its score, with the reasons when
    asked for."""

    place: int
    score: float
    why: tuple[str, ...] = ()


class Resolution(NamedTuple):
    """The best place for a name (``None`` if the gazetteer has none), its confidence (the
    softmax share of its score among the candidates) and the candidates, best first."""

    best: int | None
    confidence: float
    candidates: tuple[Scored, ...]
    hint: AdminHint | None


def resolve(
    gaz: Gazetteer,
    name: str,
    ctx: Context | None = None,
    *,
    weights: Weights | None = None,
    explain: bool = False,
    hint: AdminHint | None = None,
    variants: bool = True,
    reasons: int = 0,
) -> Resolution:
    """Resolve one name.

    Args:
        gaz: the gazetteer.
        name: the name as written.
        ctx: what the article says around it (None: the name alone).
        weights: evidence weights (the defaults when None).
        explain: keep every candidate, each with the reasons for its score.
        hint: the admin kind the text gives ("the city of X"), over the name's own.
        variants: allow the spelling-variant tier.
        reasons: give the first this many candidates their reasons (without ``explain``).

    Returns:
        The best place, its confidence and the leading candidates.
    """
    w = weights or _DEFAULT
    found, said = gaz.lookup(name, variants=variants)
    hint = hint or said
    if not found:
        return Resolution(None, 0.0, (), hint)
    if not name.isascii():
        found = _by_marks(gaz, name, found)
    if ctx is not None and ctx.container_admin1 is not None and _not_in_state(gaz, found, ctx):
        # A town of the state that the gazetteer lacks: the state is all we know of where
        # it is (a region, so the stage gives it precision 3).
        state = gaz.admin1_index.get(ctx.container_admin1)
        if state is None:
            return Resolution(None, 0.0, (), hint)
        note = (f"a town of {gaz.names[state]} the gazetteer lacks: its state",)
        return Resolution(state, 1.0, (Scored(state, gaz.prior[state], note),), hint)
    share = ctx.country_share if ctx else {}
    if len(found) > MAX_SCORED and not explain:
        # Candidates come best prior first; past the first few, only those the context can
        # lift (in a country the article is about, or in the named container) can still win.
        c_cc = ctx.container_cc if ctx else None
        countries = gaz.countries
        found = found[:MAX_SCORED] + [
            f for f in found[MAX_SCORED:] if countries[f[0]] in share or countries[f[0]] == c_cc
        ]
    if explain:
        scored = [(_score(gaz, i, tier, hint, ctx, w, None), i, tier) for i, tier in found]
    else:
        scored = _scores(gaz, found, hint, ctx, w)
    if len(scored) == 1:
        s, i, tier = scored[0]
        why: list[str] = []
        if explain or reasons:
            _score(gaz, i, tier, hint, ctx, w, why)
        return Resolution(i, 1.0, (Scored(i, s, tuple(why)),), hint)
    scored.sort(key=_FIRST, reverse=True)  # stable: equal scores keep the prior order
    top = scored[0][0]
    total = sum([math.exp(s - top) for s, _, _ in scored])
    keep = scored if explain else scored[:4]
    if not explain and not reasons:
        cands = tuple([Scored(i, s) for s, i, _ in keep])
        return Resolution(scored[0][1], 1.0 / total, cands, hint)
    out = []
    for rank, (s, i, tier) in enumerate(keep):
        why = []
        if explain or rank < reasons:
            _score(gaz, i, tier, hint, ctx, w, why)
        out.append(Scored(i, s, tuple(why)))
    return Resolution(scored[0][1], 1.0 / total, tuple(out), hint)


def _scores(
    gaz: Gazetteer,
    found: list[tuple[int, int]],
    hint: AdminHint | None,
    ctx: Context | None,
    w: Weights,
) -> list[tuple[float, int, int]]:
    # The same sums as :func:`_score`, in one loop with the columns and the context bound to
    # locals: a call per candidate and its argument passing were most of a resolution's cost
    # (second design for speed; ``tests/places/test_places_resolve.py`` checks both agree).
    prior, features, countries, codes = gaz.prior, gaz.features, gaz.countries, gaz.admin1_codes
    stem = w.stem_penalty if hint != "region" else 0.0
    share = ctx.country_share if ctx is not None else None
    a1share = ctx.admin1_share if ctx is not None else None
    c_cc = ctx.container_cc if ctx is not None else None
    c_a1 = ctx.container_admin1 if ctx is not None else None
    near = ctx.near if ctx is not None and ctx.near_names else None
    counties = ctx.counties if ctx is not None and ctx.counties else None
    pairs = ctx.county_pairs if ctx is not None and ctx.county_pairs else None
    out = []
    for i, tier in found:
        s = prior[i]
        feature = features[i]
        if tier == 3:
            s += w.primary_bonus
        elif tier == 1:
            s -= stem
        elif tier == 2:
            s -= w.variant_penalty
        if hint is not None:
            if hint == "district":
                s += w.hint if feature == "ADM2" else -w.hint
            elif hint == "region":
                s += w.hint if feature in _REGIONISH else -w.hint if feature in _POINTS else 0.0
            else:
                s += w.hint if feature in _POINTS else -w.hint if feature in REGION_FEATURES else 0
        if ctx is not None:
            cc = countries[i]
            if share and cc is not None:
                s += share.get(cc, 0.0) * w.focus
            code = codes[i]
            if a1share and code is not None:
                s += a1share.get(code, 0.0) * w.same_admin1
            if c_cc is not None and cc == c_cc and feature != "PCLI":
                s += w.container * (2 if c_a1 is not None and code == c_a1 else 1)
            if counties is not None and feature in _POINTS:
                if _other(counties, ctx.own_counties, gaz.admin2_names[i]):
                    s += w.container
            elif (
                pairs is not None
                and feature == "ADM2"
                and _other(pairs, ctx.own_pairs, (code, gaz.names[i]))
            ):
                s += w.container
            if near is not None and feature not in _NO_NEAR:
                c = cell(gaz.lat[i], gaz.lon[i])
                mass = near.get(c, 0.0) - ctx.own.get(c, 0.0)
                if mass > 1e-9:
                    s += w.near * min(1.0, mass / ctx.near_names)
        out.append((s, i, tier))
    return out


def _score(
    gaz: Gazetteer,
    i: int,
    tier: int,
    hint: AdminHint | None,
    ctx: Context | None,
    w: Weights,
    why: list[str] | None,
) -> float:
    # One candidate's score; with ``why``, each piece of evidence is written down as well.
    s = gaz.prior[i]
    if why is not None:
        why.append(f"prior {s:.2f} (population {gaz.population[i]:,})")
    feature = gaz.features[i]
    if tier == 1 and hint != "region":
        s -= w.stem_penalty
        if why is not None:
            why.append(f"region by its capital's name -{w.stem_penalty}")
    elif tier == 2:
        s -= w.variant_penalty
        if why is not None:
            why.append(f"spelling variant -{w.variant_penalty}")
    elif tier == 3:
        s += w.primary_bonus
        if why is not None:
            why.append(f"main name +{w.primary_bonus}")
    if hint is not None:
        if hint == "district":
            # "Butler County" is a county, never the town of Butler or a country.
            delta = w.hint if feature == "ADM2" else -w.hint
        elif hint == "region":
            delta = w.hint if feature in _REGIONISH else -w.hint if feature in _POINTS else 0.0
        else:
            delta = w.hint if feature in _POINTS else -w.hint if feature in REGION_FEATURES else 0.0
        if delta:
            s += delta
            if why is not None:
                why.append(f"'{hint}' said {delta:+.1f}")
    if ctx is None:
        return s
    cc = gaz.countries[i]
    if cc is not None and ctx.country_share:
        f = ctx.country_share.get(cc, 0.0) * w.focus
        if f:
            s += f
            if why is not None:
                why.append(f"article's other places in {cc} +{f:.2f}")
    code = gaz.admin1_codes[i]
    if code is not None and ctx.admin1_share:
        a = ctx.admin1_share.get(code, 0.0) * w.same_admin1
        if a:
            s += a
            if why is not None:
                why.append(f"other places in {code} +{a:.2f}")
    if ctx.container_cc is not None and cc == ctx.container_cc and feature != "PCLI":
        same = ctx.container_admin1 is not None and code == ctx.container_admin1
        bonus = w.container * (2 if same else 1)
        s += bonus
        if why is not None:
            named = ctx.container_admin1 if same else ctx.container_cc
            why.append(f"qualified by its region or country ({named}) +{bonus}")
    if ctx.counties and feature in _POINTS and _other(ctx.counties, ctx.own_counties,
                                                      gaz.admin2_names[i]):  # fmt: skip
        s += w.container
        if why is not None:
            why.append(f"in {gaz.admin2_names[i]}, named in the article +{w.container}")
    elif (
        ctx.county_pairs
        and feature == "ADM2"
        and _other(ctx.county_pairs, ctx.own_pairs, (code, gaz.names[i]))
    ):
        s += w.container
        if why is not None:
            why.append(f"holds a town named in the article +{w.container}")
    if ctx.near_names and feature not in _NO_NEAR:
        c = cell(gaz.lat[i], gaz.lon[i])
        mass = ctx.near.get(c, 0.0) - ctx.own.get(c, 0.0)
        if mass > 1e-9:
            n = w.near * min(1.0, mass / ctx.near_names)
            s += n
            if why is not None:
                why.append(f"near the article's other places +{n:.2f}")
    return s


def _marks(text: str) -> frozenset[str]:
    # The accented Latin letters of a text ("á" of "Bogotá"), casefolded.
    return frozenset(
        c for c in text.casefold() if c.isalpha() and unicodedata.normalize("NFKD", c) != c
    )


def _by_marks(gaz: Gazetteer, name: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    # The key drops diacritics, so "Bogotá" finds Bogota, New Jersey as an exact main-name
    # match. When the name is written with accented letters and some candidate's name has
    # them all, an exact match whose name lacks them is only a spelling variant: news writes
    # the accent of a foreign city that has one, and a US namesake that has none then beat it
    # on any US word in the story ("the US embassy in Bogotá"). Cyrillic names carry no
    # accented Latin letters, so transliterated matches are untouched.
    marks = _marks(name)
    if not marks:
        return found
    names = gaz.names
    has = [marks <= _marks(names[i]) for i, _ in found]
    if not any(has):
        return found
    return [
        (i, 2) if tier in (0, 3) and not ok else (i, tier)
        for (i, tier), ok in zip(found, has, strict=True)
    ]


def _not_in_state(gaz: Gazetteer, found: list[tuple[int, int]], ctx: Context) -> bool:
    # "Wallace, Arkansas" when the gazetteer knows Wallaces in five other states but none in
    # Arkansas: the town is one the gazetteer lacks, not a namesake 1,500 km away. Only for
    # towns (a region or country in a list, "Texas, Oklahoma", keeps its own reading) and
    # only when the name has namesakes in the state's country: "Tbilisi, Georgia" with
    # Georgia misread as the US state is Tbilisi.
    # US states only: their towns' admin1 codes come from the states table and are
    # reliable. Elsewhere the build matches GeoNames' admin1 groups to ISO subdivisions by
    # name, and many towns carry either an unmatched code ("RU.17" for Makhachkala under
    # "RU-DA" Dagestan) or a wrong one (Nevinnomyssk under Kursk, "RU-KRS", not Stavropol),
    # so there "none in the region" would only mean "coded differently".
    if ctx.container_cc != "US":
        return False
    features, countries, codes = gaz.features, gaz.countries, gaz.admin1_codes
    if not all(features[i] in _POINTS for i, _ in found):
        return False
    iso = "US-"
    same_country = False
    for i, _ in found:
        code = codes[i]
        if code == ctx.container_admin1:
            return False
        if countries[i] == ctx.container_cc:
            if code is None or not code.startswith(iso):
                return False
            same_country = True
    return same_country


def _other(counts: dict[Any, int], own: frozenset[Any], key: Any) -> bool:
    # Whether a name other than this one gives ``key``.
    return counts.get(key, 0) - (key in own) > 0


_FIRST = itemgetter(0)
_DEFAULT = Weights()
MAX_SCORED = 12
