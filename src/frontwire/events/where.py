"""Where an event happened: the one adapter between the events and geoparsing stages.

When the geoparsing stage is installed, :func:`event_location` asks
``frontwire.places.event_location(article, start, end)`` (imported lazily, so this module works
without it). Until then, and when it finds nothing, the fallback picks the first literal place
the article's ``places`` give inside the clause, else the first GPE/LOC/FAC entity of the
clause that is not a demonym or a country modifier ("Russian forces"), resolved to the most
populous GeoNames town of that name (geo_precision 1) or to its country (geo_precision 3).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import Any

from frontwire.events.gazetteer import Gazetteer
from frontwire.records import Article, Place

# "near X", "outside X", "10 km from X", "on the outskirts of X": ACLED's geo_precision 2.
_NEAR = re.compile(
    r"\b(?:near|nearby|outside|close\s+to|km\s+from|miles\s+from|kilometres\s+from|"
    r"outskirts\s+of|north\s+of|south\s+of|east\s+of|west\s+of|(?:north|south)-?"
    r"(?:east|west)\s+of)\s+(?:the\s+)?(?:\w+\s+)?(?:of\s+)?$"
)
PlacePicker = Callable[[Article, int, int], "Place | None"]


def _picker() -> PlacePicker | None:
    try:
        module = importlib.import_module("frontwire.places")
    except ImportError:
        return None
    picker: Any = getattr(module, "event_location", None)
    return picker if callable(picker) else None


class Locator:
    """Finds the place of a clause; built once per process in the stage's ``setup``."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.picker = _picker()

    def locate(self, article: Article, start: int, end: int) -> Place | None:
        """The place where what ``article.text[start:end]`` says happened, if any."""
        if self.picker is not None:
            place = self.picker(article, start, end)
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
            if entity.label in ("ORG", "PERSON") and self.gazetteer.city(entity.span.text) is None:
                continue
            if not (start <= entity.span.start and entity.span.end <= end):
                continue
            name = entity.span.text
            following = article.text[entity.span.end : entity.span.end + 12].lower()
            if following.startswith(("'s", "’s", " forces", " troops", " army", " military")):
                continue  # a modifier of an actor, not the place
            city = self.gazetteer.city(name)
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
            code = self.gazetteer.country_code(name)
            if code is not None and fallback is None:
                fallback = Place(span=entity.span, name=name, country_code=code, precision=3)
        return fallback
