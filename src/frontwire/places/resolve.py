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
from dataclasses import dataclass, field

from frontwire.places.gazetteer import REGION_FEATURES, Gazetteer
from frontwire.places.names import AdminHint

_REGIONISH = frozenset({"ADM1", "ADM2", "RGN"})
_POINTS = frozenset({"PPL", "PPLC"})


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


@dataclass(slots=True)
class Context:
    """What the article says around the mentions (filled in by the stage's first pass)."""

    country_share: dict[str, float] = field(default_factory=dict)
    admin1_share: dict[str, float] = field(default_factory=dict)
    container_cc: str | None = None
    container_admin1: str | None = None


@dataclass(frozen=True, slots=True)
class Scored:
    """One candidate and its score, with the reasons when asked for."""

    index: int
    score: float
    why: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Resolution:
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
) -> Resolution:
    """Resolve one name. ``explain`` keeps every candidate with the reasons for its score."""
    w = weights or _DEFAULT
    found, said = gaz.lookup(name, variants=variants)
    hint = hint or said
    if not found:
        return Resolution(None, 0.0, (), hint)
    prior, features, countries, codes = gaz.prior, gaz.features, gaz.countries, gaz.admin1_codes
    share = ctx.country_share if ctx else {}
    admin1s = ctx.admin1_share if ctx else {}
    c_cc = ctx.container_cc if ctx else None
    c_a1 = ctx.container_admin1 if ctx else None
    if len(found) > MAX_SCORED and not explain:
        # Candidates come best prior first; past the first few, only those the context can
        # lift (in a country the article is about, or in the named container) can still win.
        found = found[:MAX_SCORED] + [
            f for f in found[MAX_SCORED:] if countries[f[0]] in share or countries[f[0]] == c_cc
        ]
    scored: list[tuple[float, int, list[str] | None]] = []
    for i, tier in found:
        why: list[str] | None = [f"prior {prior[i]:.2f}"] if explain else None
        s = prior[i]
        feature = features[i]
        if tier == 1 and hint != "region":
            s -= w.stem_penalty
            if why is not None:
                why.append(f"region by its capital's name -{w.stem_penalty}")
        elif tier == 2:
            s -= w.variant_penalty
            if why is not None:
                why.append(f"spelling variant -{w.variant_penalty}")
        if tier == 3:
            s += w.primary_bonus
            if why is not None:
                why.append(f"main name +{w.primary_bonus}")
        if hint == "district":
            delta = w.hint if feature == "ADM2" else 0.0
        elif hint == "region":
            delta = w.hint if feature in _REGIONISH else -w.hint if feature in _POINTS else 0.0
        elif hint == "city":
            delta = w.hint if feature in _POINTS else -w.hint if feature in REGION_FEATURES else 0.0
        else:
            delta = 0.0
        if delta:
            s += delta
            if why is not None:
                why.append(f"'{hint}' said {delta:+.1f}")
        cc = countries[i]
        if cc is not None and share:
            f = share.get(cc, 0.0) * w.focus
            if f:
                s += f
                if why is not None:
                    why.append(f"article about {cc} +{f:.2f}")
        code = codes[i]
        if code is not None and admin1s:
            a = admin1s.get(code, 0.0) * w.same_admin1
            if a:
                s += a
                if why is not None:
                    why.append(f"near other places in {code} +{a:.2f}")
        if c_cc is not None and cc == c_cc and feature != "PCLI":
            bonus = w.container * (2 if c_a1 is not None and code == c_a1 else 1)
            s += bonus
            if why is not None:
                why.append(f"named with its container +{bonus}")
        scored.append((s, i, why))
    scored.sort(key=lambda t: -t[0])
    top = scored[0][0]
    total = sum(math.exp(s - top) for s, _, _ in scored)
    best = scored[0][1]
    cands = tuple(
        Scored(i, s, tuple(why or ())) for s, i, why in (scored if explain else scored[:4])
    )
    return Resolution(best, 1.0 / total, cands, hint)


_DEFAULT = Weights()
MAX_SCORED = 12
