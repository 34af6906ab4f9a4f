"""Where an event happened: the place a clause or sentence puts it, for the events stage.

:func:`event_location` reads the places the ``places`` stage resolved. :class:`Locator` is what
the events stage calls: the clause's place first, then the dateline's, the paragraph's, and the
article's first place,
and only when the article carries no resolved place at all (the ``places`` stage did not run)
the clause's GPE/LOC/FAC entities looked up in the country table.
"""

from __future__ import annotations

import dataclasses
import re

from frontwire.places.countries import CountryTable
from frontwire.records import Article, Place

# Most specific first: a facility or town pins an event, a region or country only bounds it.
_SPECIFICITY = {1: 0, 2: 1, 3: 2}
# A title line's tail after these marks is the outlet's name and section ("... | Fox 59",
# "... « CBS Detroit"): page furniture, never where the event happened.
_FURNITURE = re.compile(r"\s(?:\||«|::)\s")
# A dateline: the paragraph opens with the place in capitals, then a dash, a parenthesis or a
# comma and a state ("MILWAUKEE —", "LAFAYETTE, Ind. (AP) –", "PUEBLO --").
_DATELINE = re.compile(r"[A-Z][A-Z.'\- ]{2,40}(?:,\s*[A-Z][A-Za-z.]{1,14})?\s*(?:\(|—|–|--|-\s)")
#: A dateline starts this close to its paragraph's start (room for a byline's leftovers).
DATELINE_CHARS = 3


def _furniture_start(text: str) -> int:
    """Where the page furniture of the article's first line begins (its length if none)."""
    line_end = text.find("\n")
    line_end = len(text) if line_end < 0 else line_end
    match = _FURNITURE.search(text, 0, line_end)
    return match.start() if match else len(text) + 1


def _is_word(place: Place, text: str) -> bool:
    """A one-word name the article also writes in lower case ("Man shot in face", "a man was
    found") is a common word in a capitalised headline or sentence start, not a place."""
    name = place.span.text
    if " " in name or not name[:1].isupper() or (name.isupper() and len(name) > 3):
        return False
    return re.search(rf"\b{re.escape(name.lower())}\b", text) is not None


def _usable(article: Article) -> list[Place]:
    text = article.text
    cut = _furniture_start(text)
    return [
        p
        for p in article.places
        if p.use == "literal"
        and p.latitude is not None
        and not (p.span.start >= cut and text.rfind("\n", 0, p.span.start) < 0)
        and not _is_word(p, text)
    ]


def clause_location(
    article: Article, start: int, end: int, literal: list[Place] | None = None
) -> Place | None:
    """The most specific usable literal place inside ``text[start:end]``, the first among
    equals (see :func:`event_location`)."""
    places = _usable(article) if literal is None else literal
    inside = [p for p in places if start <= p.span.start and p.span.end <= end]
    if not inside:
        return None
    return min(inside, key=lambda p: (_SPECIFICITY.get(p.precision or 3, 2), p.span.start))


def dateline_location(article: Article) -> Place | None:
    """The place of the article's dateline ("MILWAUKEE —"), at geo_precision 2 at best."""
    text = article.text
    for place in _usable(article):
        line_start = text.rfind("\n", 0, place.span.start) + 1
        if place.span.start - line_start <= DATELINE_CHARS and _DATELINE.match(
            text, place.span.start
        ):
            return dataclasses.replace(place, precision=max(place.precision or 3, 2))
    return None


def event_location(article: Article, start: int, end: int) -> Place | None:
    """The place where what ``text[start:end]`` says happened, or ``None``.

    Only literal uses count ("shelling in Kharkiv", not "Kharkiv said" or "Ukrainian troops"),
    and never a name in the title line's page furniture ("... | Colorado Springs Gazette") or a
    one-word name the article also writes in lower case ("Man", "Police": common words).
    Within the span, the most specific place wins (a town or facility over a region or
    country), and among equals the first. With no literal place in the span, the last literal
    place named earlier in the same paragraph is taken, at geo_precision 2 at best (the event
    is near it or within its region, not known to be at it). ACLED's geo_precision: 1 the town
    itself, 2 near a town or in part of a region, 3 a region's centroid.
    """
    literal = _usable(article)
    inside = clause_location(article, start, end, literal)
    if inside is not None:
        return inside
    paragraph_start = article.text.rfind("\n\n", 0, start)
    before = [p for p in literal if paragraph_start < p.span.start and p.span.end <= start]
    if not before:
        return None
    place = before[-1]
    return dataclasses.replace(place, precision=max(place.precision or 3, 2))


def article_location(article: Article) -> Place | None:
    """Where a report places its story when a clause names no place: its dateline's place, else
    its first literal town-level place, else its first region, at geo_precision 2 at best (the
    event is in or near it, not known to be at it)."""
    dateline = dateline_location(article)
    if dateline is not None:
        return dateline
    literal = _usable(article)
    if not literal:
        return None
    towns = [p for p in literal if (p.precision or 3) == 1]
    place = (towns or literal)[0]
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
        """The place where what ``article.text[start:end]`` says happened, if any: the clause's
        own place (:func:`event_location`), else the article's (:func:`article_location`).
        Only when the ``places`` stage left no place at all are the clause's entities looked up
        in the country table (a fallback for pipelines without that stage)."""
        if not article.places:
            return self._from_entities(article, start, end)
        # A dateline outranks a place named earlier in the paragraph: in news, the earlier
        # name is more often a passing mention ("a man from Verona") than the scene.
        return (
            clause_location(article, start, end)
            or dateline_location(article)
            or event_location(article, start, end)
            or self._from_entities(article, start, end, strict=True)
            or article_location(article)
        )

    def _from_entities(
        self, article: Article, start: int, end: int, *, strict: bool = False
    ) -> Place | None:
        """The clause's first GPE/LOC/FAC entity that names a town (else a country). Not
        ``strict``, a person or organisation name that is a town's name counts too (the
        tagger's label is often wrong without the places stage); ``strict`` (the places stage
        ran and found nothing usable) takes none of those weak matches."""
        fallback: Place | None = None
        for entity in article.entities:
            if strict and entity.label not in ("GPE", "LOC", "FAC"):
                continue
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
