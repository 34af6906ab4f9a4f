"""Where an event happened: the place a clause or sentence puts it, for the events stage.

:func:`event_location` reads the places the ``places`` stage resolved. :class:`Locator` is what
the events stage calls. In order, the event's place is:

1. the most specific place in the clause's own words (a town over its district, region or
   country). "Hoshab, Balochistan" and "Barrancabermeja (Santander)" are in the first name,
   the second only qualifies it; the dateline's place at the clause's head and a place someone
   came from or went to ("fighters who came from Raqqa") are not the clause's own. A region or
   country alone narrows to a town in it the report files from or names;
2. a town the tagger missed, written where a place goes ("in Samarra"), that the country table
   knows in a country the report names;
3. without a dateline, a town the clause names as a modifier of a site ("the Colombo World
   Trade Centre", "Baghdad's Green Zone"), never of people ("Lafayette man", "Ukrainian
   troops"); a part of a town named by its direction ("West Philadelphia");
4. the rest of the clause's sentence (the events stage may have cut the sentence in two);
5. the dateline ("MILWAUKEE —");
6. the most specific place of the last earlier sentence of the paragraph that names one;
7. a police force, sheriff or coroner named after a place ("Houston Police Department");
8. the article's first town, else its first region.

From step 4 on, the place is at geo_precision 2 at best (the event is near it or within its
region, not known to be at it). A place the gazetteer does not know (a village) hands over to
the district or region named with it, at geo_precision 2 (a district) or 3 (a province).
Names that only look like places are never used: a capitalised common word ("Plant" is not
Plant City), a name said as another kind of place ("Granite State" is not Granite City), a
person's surname ("Perez Walker", then "Walker") and a match by a spelling variant or another
name far from everything else the article names ("Kashmir" is not Cashmere, Washington). In US
local news the dateline's state decides between same-name towns.
Only when the article carries no resolved place at all (the ``places`` stage did not run) are
the clause's GPE/LOC/FAC entities looked up in the country table.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence

from frontwire.places.countries import CountryTable
from frontwire.places.names import name_key, split_hint
from frontwire.records import Article, Place
from frontwire.util import haversine_km

# Most specific first: a facility or town pins an event, a region or country only bounds it.
_SPECIFICITY = {1: 0, 2: 1, 3: 2}
# A title line's tail after these marks is the outlet's name and section ("... | Fox 59",
# "... « CBS Detroit"): page furniture, never where the event happened.
_FURNITURE = re.compile(r"\s(?:\||«|::)\s")
# A dateline: the paragraph opens with the place in capitals, then a dash, a parenthesis or a
# comma and a state ("MILWAUKEE —", "LAFAYETTE, Ind. (AP) –", "PUEBLO --").
# "KHARKIV —", "LAFAYETTE, Ind. (AP)", and with the day: "KHARKIV, Ukraine, 14 March 2024 (Wire
# Dispatch) –", "MOSUL, Iraq, Sept. 5, 2023 –".
_DATELINE_DAY = r"(?:,\s*(?:\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2},?)\s+\d{4})?"
_DATELINE = re.compile(
    r"[A-Z][A-Z.'\- ]{2,40}(?:,\s*[A-Z][A-Za-z.]{1,14})?" + _DATELINE_DAY + r"\s*(?:\(|—|–|--|-\s)"
)
#: A town found only by a loose or other name this far from every other place the article
#: names is a false match (tuned on the incident list's tune part: 2,500 km keeps
#: transliterated towns beside their neighbours, drops Japanese and American namesakes).
FOREIGN_KM = 2500.0
#: A dateline starts this close to its paragraph's start (room for a byline's leftovers).
DATELINE_CHARS = 3
# What lies between a place and the larger one that qualifies it: "Hoshab, Balochistan",
# "Puerto Rico (Caqueta)", "the Ladik district of Samsun", "Pilar, Province of Buenos Aires".
_CONTAINER_GAP = re.compile(
    r"\s*(?:,|\(|\b(?:district|province|region|county|governorate|oblast)\s+of)\s*(?:the\s+)?",
    re.IGNORECASE,
)
# Where someone came from or went to is a mention in passing, not the scene: "fighters who
# came from Raqqa", "a man from Verona", "fled to San Francisco", "en route to Cairo"; a
# distance or direction from a place ("20 km from X", "north of X") is the scene's neighbour.
_PASSING = re.compile(
    r"(?<!km )(?<!miles )(?<!kilometres )(?<!kilometers )(?<!away )\b(?:from|to|towards)\s+"
    r"(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?\Z"
)
_EDGES = frozenset({"entrance", "entrances", "exit", "exits", "road", "roads", "gate", "gates",
                    "approach", "approaches", "highway", "way", "border"})  # fmt: skip
# Feature codes of places smaller than a province: a village's district gives geo_precision 2.
_DISTRICTS = frozenset({"ADM2", "ADM3", "ADM4", "ADM5", "ADMD"})
# Nouns for people and forces: a place that modifies them says who, not where ("Lafayette
# man", "Kharkiv residents", "Donetsk militants").
_PEOPLE = frozenset(
    {
        "man", "men", "woman", "women", "boy", "boys", "girl", "girls", "teen", "teens", "teenager",
        "teenagers", "child", "children", "resident", "residents", "native", "natives", "people",
        "family", "families", "couple", "father", "mother", "son", "daughter", "student",
        "students", "fan", "fans", "player", "players", "team", "club", "company", "firm", "group",
        "army", "forces", "force", "troops", "soldiers", "military", "militants", "rebels",
        "fighters", "government", "officials", "official", "authorities", "leader", "leaders",
        "mayor", "governor", "president", "minister", "ministry", "spokesman", "spokeswoman",
        "spokesperson", "lawmaker", "lawmakers", "senator", "delegation", "native-born",
        "businessman", "suspect", "suspects", "gunman", "victim", "victims"
    }
)  # fmt: skip
# A force or office named after its place: the event is in its area ("Houston Police
# Department", "Richland County deputies", "Los Angeles County coroner").
_JURISDICTION = frozenset(
    {
        "police", "sheriff", "sheriff's", "sheriffs", "deputies", "deputy", "coroner", "coroner's",
        "pd", "prosecutor", "prosecutors", "troopers", "constabulary"
    }
)  # fmt: skip
_WORD = re.compile(r"[\w'’.-]+")


def _furniture_start(text: str) -> int:
    """Where the page furniture of the article's first line begins (its length if none)."""
    line_end = text.find("\n")
    line_end = len(text) if line_end < 0 else line_end
    match = _FURNITURE.search(text, 0, line_end)
    return match.start() if match else len(text) + 1


def _in_furniture(article: Article, start: int, cut: int) -> bool:
    return start >= cut and article.text.rfind("\n", 0, start) < 0


def _is_word(place: Place, text: str) -> bool:
    """A one-word name the article also writes in lower case ("Man shot in face", "a man was
    found") is a common word in a capitalised headline or sentence start, not a place."""
    name = place.span.text
    if " " in name or not name[:1].isupper() or (name.isupper() and len(name) > 3):
        return False
    return re.search(rf"\b{re.escape(name.lower())}\b", text) is not None


def _weak_name(place: Place) -> bool:
    """Whether the words say less than, or something else than, the place's own name: "Plant"
    for Plant City (the name's kind word left out) or "Granite State" for Granite City (the
    words say another kind of place than the name does). "Port Said Governorate" for the town
    of Port Said is not weak: a district is often found by its seat's name."""
    said, said_kind = split_hint(name_key(place.span.text))
    own, own_kind = split_hint(name_key(place.name))
    if own_kind == "city" and said_kind is None and said == own:
        return True  # "Plant" alone, for "Plant City"
    return own_kind is not None and said_kind is not None and own_kind != said_kind


def _main_name(place: Place) -> bool:
    """Whether the words are the place's main name (not one of its other names: "Nancy" is
    an old name of a Tennessee hamlet, "Philadelphia" the ancient name of Amman)."""
    return split_hint(name_key(place.span.text))[0] == split_hint(name_key(place.name))[0]


def _loose_foreign(place: Place, others: Sequence[Place]) -> bool:
    """A match through spelling variants or another of the place's names alone, in another
    country than, and far from, every other place the article names (itself found by more
    than a spelling variant): a loose match to a far-off town ("Sulega" -> Slough in a
    Nigerian report, "Taji" -> Taiji in Japan in an Iraqi one) is no match."""
    if "spelling variant" not in (place.reason or "") and _main_name(place):
        return False
    if place.latitude is None or place.longitude is None:
        return False
    points = [
        p
        for p in others
        if p.latitude is not None
        and p.longitude is not None
        and p.span != place.span
        and "spelling variant" not in (p.reason or "")
    ]
    return bool(points) and all(
        p.country_code != place.country_code
        and haversine_km(place.latitude, place.longitude, p.latitude or 0.0, p.longitude or 0.0)
        > FOREIGN_KM
        for p in points
    )


def _as_said(place: Place) -> Place:
    """A town found for "X District" or "X Governorate" stands for the district (ACLED
    geo_precision 2) or the province (3): the event is in it, not known to be at the town."""
    kind = split_hint(name_key(place.span.text))[1]
    if kind not in ("district", "region") or not (place.feature or "").startswith("PPL"):
        return place
    return dataclasses.replace(
        place, precision=max(place.precision or 3, 2 if kind == "district" else 3)
    )


def _surnames(article: Article) -> set[str]:
    """Last words of the people the article names: "Walker" after "Perez Walker"."""
    out: set[str] = set()
    for entity in article.entities:
        words = entity.span.text.split()
        if entity.label == "PERSON" and len(words) >= 2:
            out.add(words[-1].strip("'’s").lower())
    return out


def _kind_named(item: tuple[Place, str]) -> Place:
    """A town the text names as the modifier of a kind of place ("Butembo town", "the Haditha
    area", "Pulwama's district") is that place itself: literal, at geo_precision 2 for an
    area or district around it."""
    place, text = item
    # A name the tagger read as a people's ("Beni" as NORP) is still the place when the words
    # are the place's own name.
    if place.use != "modifier" or (place.adjectival and not _main_name(place)):
        return place
    words = _WORD.findall(text[place.span.end : place.span.end + 30])
    words = [w for w in words if w not in ("'s", "’s", "s")]
    kind = words[0].lower() if words else ""
    if kind in ("town", "city", "village"):
        return dataclasses.replace(place, use="literal")
    if kind in ("area", "district", "outskirts", "suburbs", "suburb", "neighbourhood"):
        return dataclasses.replace(place, use="literal", precision=max(place.precision or 3, 2))
    return place


def _usable(article: Article) -> list[Place]:
    """The article's literal, resolved places that are really places (see the module)."""
    text = article.text
    cut = _furniture_start(text)
    candidates = [
        p
        for p in map(_kind_named, [(p, text) for p in article.places])
        if p.use == "literal"
        and p.latitude is not None
        and not _in_furniture(article, p.span.start, cut)
        and not _is_word(p, text)
        and not _weak_name(p)
    ]
    surnames = _surnames(article)
    return [
        _as_said(p)
        for p in candidates
        if not _loose_foreign(p, article.places)
        and not (" " not in p.span.text and p.span.text.lower() in surnames)
    ]


def _containers(article: Article, places: list[Place]) -> set[int]:
    """Starts of places that only qualify the place named just before them ("Hoshab,
    Balochistan": Balochistan; "Ladik district of Samsun": Samsun)."""
    text = article.text
    ordered = sorted(article.places, key=lambda p: p.span.start)
    out: set[int] = set()
    for before, after in itertools.pairwise(ordered):
        gap = text[before.span.end : after.span.start]
        if len(gap) > 20 or not _CONTAINER_GAP.fullmatch(gap):
            continue
        # "the Kharkiv region, Kupiansk": a town after a region is named in its own right.
        if (after.precision or 3) < (before.precision or 3) and before.latitude is not None:
            continue
        out.add(after.span.start)
    return out & {p.span.start for p in places}


def _qualified_region(article: Article, start: int, end: int, literal: list[Place]) -> Place | None:
    """A village the gazetteer does not know, followed by the district or region it is in
    ("in Arantalawa, Ampara District"): that district at geo_precision 2, a province at 3."""
    text = article.text
    by_start = {p.span.start: p for p in literal}
    for place in article.places:
        if place.latitude is not None or not (start <= place.span.start < end):
            continue
        if place.use != "literal" or not place.span.text[:1].isupper():
            continue
        for after_start, after in sorted(by_start.items()):
            if after_start < place.span.end or after.span.end > end:
                continue
            gap = text[place.span.end : after_start]
            if len(gap) <= 20 and _CONTAINER_GAP.fullmatch(gap):
                kind = split_hint(name_key(after.span.text))[1]
                district = after.feature in _DISTRICTS or kind == "district"
                return dataclasses.replace(after, precision=2 if district else 3)
            break
    return None


def _passing(text: str, start: int) -> bool:
    """Whether the name at ``start`` is where someone came from or went to (not "the
    entrance to Rafah" or "the road to Kherson": there the scene is at the place's edge)."""
    match = _PASSING.search(text, max(0, start - 48), start)
    if match is None:
        return False
    before = text[max(0, match.start() - 24) : match.start()].split()
    return not (before and before[-1].lower().strip(",") in _EDGES)


def clause_location(
    article: Article, start: int, end: int, literal: list[Place] | None = None
) -> Place | None:
    """The most specific usable literal place inside ``text[start:end]``, the first among
    equals, leaving out a place that only qualifies the one before it ("X, Y region") unless
    nothing else is named (see :func:`event_location`)."""
    places = _usable(article) if literal is None else literal
    inside = [p for p in places if start <= p.span.start and p.span.end <= end]
    if not inside:
        return None
    # A place that only qualifies the one before it, or the dateline's place at the head of
    # the clause ("ODESA — Drones struck Izmail"), is not the clause's own place.
    aside = _containers(article, inside) | _dateline_starts(article, inside)
    passing = {p.span.start for p in inside if _passing(article.text, p.span.start)}
    own = [p for p in inside if p.span.start not in aside | passing]
    if not own:
        # Only where someone came from or went to: the clause does not say where it happened.
        own = [p for p in inside if p.span.start not in passing]
        if not own:
            return None
    best = min(own, key=lambda p: (_SPECIFICITY.get(p.precision or 3, 2), p.span.start))
    if (best.precision or 3) > 1:
        region = _qualified_region(article, start, end, places)
        if region is not None and region.span.start == best.span.start:
            return region
    return best


def _modifier_location(article: Article, start: int, end: int) -> Place | None:
    """A town the clause names as a modifier of a site or a force, not of people: "the
    Colombo World Trade Centre", "Kathmandu's airport" (at the town's precision), "Nangarhar
    police" (at geo_precision 2 at best: the force's area). Only a place's main name counts:
    a modifier is weaker evidence than "in X"."""
    text = article.text
    cut = _furniture_start(text)
    for place in sorted(article.places, key=lambda p: p.span.start):
        if not (start <= place.span.start and place.span.end <= end):
            continue
        if place.use != "modifier" or place.adjectival or place.latitude is None:
            continue
        if place.feature == "PCLI" or _weak_name(place) or not _main_name(place):
            continue
        if _in_furniture(article, place.span.start, cut):
            continue
        words = [w.lower() for w in _WORD.findall(text[place.span.end : place.span.end + 60])]
        words = [w for w in words if w not in ("'s", "’s", "s")][:3]
        if not words or words[0] in _PEOPLE or (len(words) > 1 and words[1] in _PEOPLE):
            continue
        if words[0] in _JURISDICTION:
            return dataclasses.replace(place, precision=max(place.precision or 3, 2))
        return place
    return None


def _jurisdiction(article: Article) -> Place | None:
    """The first place the article names a police force, sheriff or coroner after ("Houston
    Police Department", "Richland County deputies"), at geo_precision 2 at best."""
    text = article.text
    cut = _furniture_start(text)
    for place in sorted(article.places, key=lambda p: p.span.start):
        if place.latitude is None or place.use not in ("modifier", "literal"):
            continue
        if place.adjectival or place.feature == "PCLI" or not _main_name(place):
            continue
        if _in_furniture(article, place.span.start, cut):
            continue
        words = _WORD.findall(text[place.span.end : place.span.end + 30])
        if words and words[0].lower() in _JURISDICTION:
            return dataclasses.replace(place, precision=max(place.precision or 3, 2))
    return None


def _sentence(article: Article, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence holding ``text[start:end]`` (the span itself without a
    parse)."""
    doc = getattr(article, "doc", None)
    if doc is None or end <= start:
        return start, end
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return start, end
    sent = span.sent
    return min(start, sent.start_char), max(end, sent.end_char)


def _is_dateline(article: Article, place: Place) -> bool:
    return is_dateline(article.text, place.span.start)


def is_dateline(text: str, start: int) -> bool:
    """Whether a place named at ``start`` of ``text`` is a dateline's ("KHARKIV, Ukraine —")."""
    line_start = text.rfind("\n", 0, start) + 1
    return start - line_start <= DATELINE_CHARS and bool(_DATELINE.match(text, start))


def _dateline_starts(article: Article, places: list[Place]) -> set[int]:
    return {p.span.start for p in places if _is_dateline(article, p)}


def dateline_location(article: Article) -> Place | None:
    """The place of the article's dateline ("MILWAUKEE —"), at geo_precision 2 at best."""
    for place in _usable(article):
        if _is_dateline(article, place):
            return dataclasses.replace(place, precision=max(place.precision or 3, 2))
    return None


def _earlier_location(article: Article, start: int, literal: list[Place]) -> Place | None:
    """The most specific place of the last earlier sentence of ``start``'s paragraph that
    names one, at geo_precision 2 at best."""
    paragraph_start = article.text.rfind("\n\n", 0, start)
    before = [p for p in literal if paragraph_start < p.span.start and p.span.end <= start]
    if not before:
        return None
    last = before[-1]
    sent_start, _ = _sentence(article, last.span.start, last.span.end)
    place = clause_location(article, sent_start, last.span.end, literal) or last
    return dataclasses.replace(place, precision=max(place.precision or 3, 2))


def event_location(article: Article, start: int, end: int) -> Place | None:
    """The place where what ``text[start:end]`` says happened, or ``None``.

    Only literal uses count ("shelling in Kharkiv", not "Kharkiv said" or "Ukrainian troops"),
    and never a name in the title line's page furniture ("... | Colorado Springs Gazette") or a
    one-word name the article also writes in lower case ("Man", "Police": common words).
    Within the span, the most specific place wins (a town or facility over a region or
    country), and among equals the first. With no literal place in the span, the most specific
    place of the last earlier sentence of the same paragraph that names one is taken, at
    geo_precision 2 at best (the event is near it or within its region, not known to be at
    it). ACLED's geo_precision: 1 the town itself, 2 near a town or in part of a region, 3 a
    region's centroid.
    """
    literal = _usable(article)
    inside = clause_location(article, start, end, literal)
    if inside is not None:
        return inside
    return _earlier_location(article, start, literal)


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


def _within(town: Place, region: Place) -> bool:
    """Whether a town lies in a region (by the gazetteer's admin names) or country."""
    if town.country_code != region.country_code or town.country_code is None:
        return False
    if region.feature == "ADM1":
        return town.admin1 is not None and town.admin1 == region.admin1
    if region.feature == "ADM2":
        return town.admin2 is not None and town.admin2 == region.admin2
    return region.feature in ("PCLI", "PCLD", "PCLS", "PCLF", "PCLIX")


def _qualifies_unknown(article: Article, region: Place) -> bool:
    """Whether a region directly follows a name the gazetteer does not know ("in Arantalawa,
    Ampara District"): the event is in that region's unknown village, not in its towns."""
    text = article.text
    for place in article.places:
        if place.latitude is None and place.span.end <= region.span.start:
            gap = text[place.span.end : region.span.start]
            if len(gap) <= 20 and _CONTAINER_GAP.fullmatch(gap):
                return True
    return False


# "West Philadelphia", "Northeast Houston": a town's part named by its direction.
_DIRECTION = re.compile(
    r"(?:North|South|East|West|Central|Northeast|Northwest|Southeast|Southwest|"
    r"North-East|North-West|South-East|South-West|Downtown|Upper|Lower)\s+([A-Z][\w .'-]+)$"
)


def _other_state(town: Place, dateline: Place) -> bool:
    """Whether two places are in one country but different first-level regions."""
    return (
        town.country_code == dateline.country_code
        and town.admin1 is not None
        and dateline.admin1 is not None
        and town.admin1 != dateline.admin1
    )


def _in_dateline_state(article: Article, place: Place | None) -> Place | None:
    """US local news: a same-name town in another state than the dateline's is the
    dateline state's town of that name when the gazetteer offered one, else the dateline's
    place ("MILWAUKEE -- ... near 65th & Thurston" is not Thurston, Ohio). A town qualified
    by its state in the text ("Columbus, Ohio") keeps it."""
    if place is None or place.country_code != "US" or (place.precision or 3) > 2:
        return place
    dateline = dateline_location(article)
    if dateline is None or not _other_state(place, dateline):
        return place
    following = article.text[place.span.end : place.span.end + 3]
    if following.startswith(","):
        return place
    key = name_key(place.name)
    same = [a for a in place.alternatives if name_key(a.name) == key]
    for alt in same:
        if alt.admin1 == dateline.admin1 and alt.country_code == "US":
            return dataclasses.replace(
                place,
                name=alt.name,
                geonameid=alt.geonameid,
                latitude=alt.latitude,
                longitude=alt.longitude,
                admin1=alt.admin1,
                admin2=None,
                feature=alt.feature,
            )
    return dateline if same else place


# A capitalised name where a town goes: "in Samarra", "the city of Hit", "in central Hit".
_LOCATIVE_NAME = re.compile(
    r"\b(?:in|at|city\s+of|town\s+of|village\s+of)\s+(?:the\s+)?"
    r"(?:(?:central|northern|southern|eastern|western|downtown)\s+)?"
    r"([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)(?![\w'’-])"
)
# Capitalised words after "in" that are never the town of that name.
_NOT_TOWNS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
     "friday", "saturday", "sunday", "the", "a", "an"}
)  # fmt: skip


def _at_most(place: Place | None, precision: int) -> Place | None:
    if place is None or (place.precision or 3) >= precision:
        return place
    return dataclasses.replace(place, precision=precision)


class Locator:
    """Finds the place of a clause; built once per process in the events stage's ``setup``."""

    def __init__(self, countries: CountryTable) -> None:
        self.countries = countries

    def locate(self, article: Article, start: int, end: int) -> Place | None:
        """The place where what ``article.text[start:end]`` says happened, if any, in the order
        of the module's docstring. Only when the ``places`` stage left no place at all are the
        clause's entities looked up in the country table (a fallback for pipelines without
        that stage)."""
        if not article.places:
            return self._from_entities(article, start, end)
        literal = _usable(article)
        own = clause_location(article, start, end, literal)
        if own is None or (own.precision or 3) > 1:
            own = self._unrecognised_town(article, start, end, literal) or own
        if own is None and dateline_location(article) is None:
            # A modifier is weaker evidence than a dateline: "Cumberland Express Mart" is a
            # shop's name, and "Town of Geneva Police" may be another state's Geneva.
            own = _modifier_location(article, start, end)
        own = own or self._part_of_town(article, start, end)
        if own is not None:
            return _in_dateline_state(article, self._refined(article, own, literal))
        sent_start, sent_end = _sentence(article, start, end)
        if (sent_start, sent_end) != (start, end):
            # The events stage cut the sentence: its other part names the scene ("... were
            # killed and two injured in a road attack in Baghdad").
            whole = clause_location(article, sent_start, sent_end, literal)
            if whole is not None:
                whole = _in_dateline_state(article, self._refined(article, whole, literal))
                return _at_most(whole, 2)
        # A dateline outranks a place named earlier in the paragraph: in news, the earlier
        # name is more often a passing mention ("a man from Verona") than the scene.
        return (
            dateline_location(article)
            or _earlier_location(article, start, literal)
            or _jurisdiction(article)
            or self._from_entities(article, start, end, strict=True)
            or article_location(article)
            or self._part_of_town(article, 0, len(article.text))
        )

    def _unrecognised_town(
        self, article: Article, start: int, end: int, literal: list[Place]
    ) -> Place | None:
        """A town the tagger missed, written where a place goes ("in Samarra, 60 miles north
        of Baghdad", "the city of Samarra"), taken only when the country table knows a town
        of that name in a country the article names: an unknown capitalised word after "in"
        is more often something else."""
        countries = {p.country_code for p in literal if p.country_code}
        if not countries:
            return None
        text = article.text
        # The places stage judged its own names; a name the tagger called a people or a
        # person ("Samarra" as NORP) it never saw as a place.
        taken = [
            (e.span.start, e.span.end)
            for e in article.entities
            if e.label not in ("NORP", "PERSON", "ORG")
        ] + [(p.span.start, p.span.end) for p in article.places]
        for match in _LOCATIVE_NAME.finditer(text, start, end):
            name = match.group(1)
            if name.lower() in _NOT_TOWNS or any(
                s < match.end(1) and match.start(1) < e for s, e in taken
            ):
                continue
            city = self.countries.city(name)
            if city is None or city["countrycode"] not in countries:
                continue
            span = article.span(match.start(1), match.end(1))
            return Place(
                span=span,
                name=str(city["name"]),
                geonameid=int(city["geonameid"]),
                latitude=float(city["latitude"]),
                longitude=float(city["longitude"]),
                country_code=str(city["countrycode"]),
                precision=1,
                feature="PPL",
            )
        return None

    def _part_of_town(self, article: Article, start: int, end: int) -> Place | None:
        """A part of a town the gazetteer does not know, named by its direction ("West
        Philadelphia", "north Tulsa"), found as the town itself at geo_precision 2."""
        cut = _furniture_start(article.text)
        for place in sorted(article.places, key=lambda p: p.span.start):
            if place.latitude is not None or place.use != "literal":
                continue
            if not (start <= place.span.start and place.span.end <= end):
                continue
            if _in_furniture(article, place.span.start, cut):
                continue
            match = _DIRECTION.match(place.span.text)
            city = self.countries.city(match.group(1)) if match else None
            if city is None:
                continue
            return Place(
                span=place.span,
                name=str(city["name"]),
                geonameid=int(city["geonameid"]),
                latitude=float(city["latitude"]),
                longitude=float(city["longitude"]),
                country_code=str(city["countrycode"]),
                precision=2,
            )
        return None

    def _refined(self, article: Article, place: Place | None, literal: list[Place]) -> Place | None:
        """A region or country the clause names, narrowed to the town in it the report is
        filed from or names first in the clause's paragraph ("a Walmart in Pennsylvania" ...
        "the store in Stroudsburg"), at geo_precision 2; the region itself when no town of it
        is named there, or when it qualifies a village the gazetteer does not know."""
        if place is None or (place.precision or 3) < 3 or _qualifies_unknown(article, place):
            return place
        text = article.text
        first = text.rfind("\n\n", 0, place.span.start) + 1
        last = text.find("\n\n", place.span.end)
        if first == 0 and last >= 0:
            # A headline is told by the paragraph under it.
            last = text.find("\n\n", last + 2)
        last = len(text) if last < 0 else last
        near = [p for p in literal if first <= p.span.start and p.span.end <= last]
        inside = [
            p
            for p in filter(None, [dateline_location(article), *near])
            if (p.precision or 3) < 3 and _within(p, place)
        ]
        return _at_most(inside[0], 2) if inside else place

    def _from_entities(
        self, article: Article, start: int, end: int, *, strict: bool = False
    ) -> Place | None:
        """The clause's first GPE/LOC/FAC entity that names a town (else a country). Not
        ``strict``, a person or organisation name that is a town's name counts too (the
        tagger's label is often wrong without the places stage); ``strict`` (the places stage
        ran and found nothing usable) takes none of those weak matches, and no name the places
        stage already judged (a modifier, a people's name, a loose match) or set in the title
        line's page furniture."""
        fallback: Place | None = None
        cut = _furniture_start(article.text)
        for entity in article.entities:
            if strict and entity.label not in ("GPE", "LOC", "FAC"):
                continue
            judged = [
                p
                for p in article.places
                if p.span.start < entity.span.end and entity.span.start < p.span.end
            ]
            # The places stage's word on a name stands, but for a town it found under another
            # name ("Philadelphia police": the ancient name of Amman) a town by its own name
            # may still be taken.
            if strict and (
                _in_furniture(article, entity.span.start, cut)
                or any(p.use != "modifier" or p.adjectival or _main_name(p) for p in judged)
            ):
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
            if code is not None and fallback is None and not (strict and judged):
                fallback = Place(span=entity.span, name=name, country_code=code, precision=3)
        return fallback
