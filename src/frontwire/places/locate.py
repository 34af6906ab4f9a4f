"""Where an event happened: the place a clause or sentence puts it, for the events stage."""

from __future__ import annotations

import dataclasses

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
