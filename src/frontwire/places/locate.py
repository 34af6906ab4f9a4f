"""Where an event happened: the place a clause or sentence puts it, for the events stage.

:func:`event_location` reads the places the ``places`` stage resolved. :class:`Locator` is what
the events stage calls: it asks :func:`event_location` first and, when the article carries no
resolved place in or before the clause (the ``places`` stage did not run, or found nothing),
falls back to the clause's GPE/LOC/FAC entities looked up in the country table.
"""

from __future__ import annotations

import dataclasses
import re

from frontwire.places.countries import CountryTable
from frontwire.records import Article, Place

# Most specific first: a facility or town pins an event, a region or country only bounds it.
_SPECIFICITY = {1: 0, 2: 1, 3: 2}


def event_location(article: Article, start: int, end: int) -> Place | None:
    """The place where what ``text[start:end]`` says happened, or ``None``.

    Only literal uses count ("shelling in Kharkiv", not "Kharkiv said" or "Ukrainian troops").
    Within the span, the most specific place wins (a town or facility over a region or
    country), and among equals the first. With no literal place in the span, the last literal
    place named earlier in the same paragraph is taken, at geo_precision 2 at best (the event
    is near it or within its region, not known to be at it). ACLED's geo_precision: 1 the town
    itself, 2 near a town or in part of a region, 3 a region's centroid.
    """
    literal = [p for p in article.places if p.use == "literal" and p.latitude is not None]
    inside = [p for p in literal if start <= p.span.start and p.span.end <= end]
    if inside:
        return min(inside, key=lambda p: (_SPECIFICITY.get(p.precision or 3, 2), p.span.start))
    paragraph_start = article.text.rfind("\n\n", 0, start)
    before = [p for p in literal if paragraph_start < p.span.start and p.span.end <= start]
    if not before:
        return None
    place = before[-1]
    return dataclasses.replace(place, precision=max(place.precision or 3, 2))


# "near X", "outside X", "10 km from X", "on the outskirts of X": ACLED's geo_precision 2.
_NEAR = re.compile(
    r"\b(?:near|nearby|outside|close\s+to|km\s+from|miles\s+from|kilometres\s+from|"
    r"outskirts\s+of|north\s+of|south\s+of|east\s+of|west\s+of|(?:north|south)-?"
    r"(?:east|west)\s+of)\s+(?:the\s+)?(?:\w+\s+)?(?:of\s+)?$"
)


class Locator:
    """Finds the place of a clause; built once per process in the events stage's ``setup``."""

    def __init__(self, countries: CountryTable) -> None:
        self.countries = countries

    def locate(self, article: Article, start: int, end: int) -> Place | None:
        """The place where what ``article.text[start:end]`` says happened, if any."""
        place = event_location(article, start, end)
        if place is not None:
            return place
        for place in article.places:
            inside = start <= place.span.start and place.span.end <= end
            if inside and getattr(place, "use", "literal") == "literal":
                return place
        return self._from_entities(article, start, end)

    def _from_entities(self, article: Article, start: int, end: int) -> Place | None:
        fallback: Place | None = None
        for entity in article.entities:
            # The tagger often calls a small town a person or organisation; the geoparsing
            # stage fixes labels, and until then a name that is a known town counts too.
            if entity.label not in ("GPE", "LOC", "FAC", "ORG", "PERSON"):
                continue
            if entity.label in ("ORG", "PERSON") and self.countries.city(entity.span.text) is None:
                continue
            if not (start <= entity.span.start and entity.span.end <= end):
                continue
            name = entity.span.text
            following = article.text[entity.span.end : entity.span.end + 12].lower()
            if following.startswith(("'s", "’s", " forces", " troops", " army", " military")):
                continue  # a modifier of an actor, not the place
            city = self.countries.city(name)
            before = article.text[max(0, entity.span.start - 24) : entity.span.start].lower()
            near = _NEAR.search(before) is not None
            if city is not None:
                return Place(
                    span=entity.span,
                    name=str(city["name"]),
                    geonameid=int(city["geonameid"]),
                    latitude=float(city["latitude"]),
                    longitude=float(city["longitude"]),
                    country_code=str(city["countrycode"]),
                    admin1=None,
                    precision=2 if near else 1,  # ACLED: "near" a town is precision 2
                )
            code = self.countries.country_code(name)
            if code is not None and fallback is None:
                fallback = Place(span=entity.span, name=name, country_code=code, precision=3)
        return fallback
