"""The ``places`` stage: toponyms from the parse, how each is used, and where each is.

It reads the Doc the ``nlp`` stage made (never parses again). Toponyms are spaCy's GPE, LOC,
FAC and NORP entities, entities of other labels that the gazetteer and the context say are
places (the small model tags Izyum as WORK_OF_ART, Mariupol as ORG), and capitalised proper-noun
runs spaCy missed that name a sizeable place. Each mention is resolved twice: once alone, to
learn the article's country focus and regions, then again in that context.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, cast

from frontwire.nlp import doc_of
from frontwire.pipeline.stage import Context, Stage
from frontwire.places.gazetteer import (
    FACILITY_FEATURES,
    REGION_FEATURES,
    Gazetteer,
    load_gazetteer,
)
from frontwire.places.names import (
    CITY_WORDS,
    DISTRICT_WORDS,
    REGION_WORDS,
    AdminHint,
    name_key,
    split_hint,
)
from frontwire.places.resolve import AREA_FEATURES, Resolution, Scored, Weights, cell, resolve
from frontwire.places.resolve import Context as ResolveContext
from frontwire.places.words import common_words
from frontwire.records import Article, Entity, Place, PlaceAlternative, PlaceUse

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels the small model gives places by mistake; fixed when the gazetteer and context agree.
FIXABLE_LABELS = frozenset({"ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
LITERAL_PREPS = frozenset(
    {"in", "near", "at", "outside", "around", "from", "to", "into", "across", "towards",
     "toward", "through", "of", "on", "over", "inside", "throughout", "within", "between",
     "off", "along", "past", "via", "beyond", "for", "by", "north", "south", "east",
     "west"}
)  # fmt: skip
NEAR_PREPS = frozenset({"near", "outside", "around", "off", "beyond", "past", "towards", "toward"})
DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "km",
     "kilometres", "kilometers", "miles", "outskirts"}
)  # fmt: skip
# A place that is the subject of one of these stands for its government or people.
SPEECH_VERBS = frozenset(
    {"say", "refuse", "announce", "deny", "claim", "accuse", "warn", "demand", "reject",
     "insist", "agree", "sign", "condemn", "threaten", "urge", "respond", "confirm", "vow",
     "order", "call", "tell", "ask", "want", "decide", "plan", "propose", "offer", "report",
     "expel", "impose", "sanction", "recognise", "recognize", "support", "oppose", "blame",
     "send", "supply", "pledge", "promise", "believe", "hope", "protest", "veto", "vote"}
)  # fmt: skip
# Words a parse-free check reads before a name: a title makes it a person.
TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "president", "gen", "general", "minister", "sen",
     "senator", "rep", "gov", "governor", "mayor", "colonel", "col", "lt", "sgt", "captain",
     "capt", "prof", "professor", "judge", "sir", "lord", "lady", "king", "queen", "prince",
     "pope", "officer", "chief", "director", "secretary", "commander", "father", "saint"}
)  # fmt: skip
ORG_WORDS = frozenset(
    {"ministry", "council", "army", "university", "party", "company", "inc", "corp", "office",
     "department", "police", "forces", "committee", "news", "times", "post", "bank", "club",
     "church", "school", "college", "hospital", "agency", "association", "union", "group",
     "fc", "united", "court", "board", "institute", "county sheriff"}
)  # fmt: skip
# "48.9N, 38.5E", "48.9° N 38.5° E": bounded quantifiers keep the scan linear.
COORDS = re.compile(
    r"(?<![\w.])(\d{1,2}(?:\.\d{1,8})?)\s{0,2}°?\s{0,2}([NS])\b[,;]?\s{0,3}"
    r"(\d{1,3}(?:\.\d{1,8})?)\s{0,2}°?\s{0,2}([EW])\b"
)
MAX_NGRAM = 4
# Bounds on hostile input: a longer "name" is not looked up (no place name is near 200
# characters: the longest GeoNames names are about 90), and an article's names past
# MAX_PLACES are flagged, not resolved.
MAX_NAME_CHARS = 200
MAX_PLACES = 10_000
# A place of at least this many people may speak for its government ("Moscow said"); a
# smaller or unknown one that says something is a person the model took for a place.
SPEAKING_PLACE_POPULATION = 100_000
# Runners-up given in the JSON with their reasons.
MAX_ALTERNATIVES = 3
# Candidates of a name read for county evidence: "Paris" has some 40 namesakes, and the one in
# the county the article names may be far down the population order.
MAX_COUNTY_CANDIDATES = 60


@dataclass(slots=True)
class _Mention:
    start: int  # character offsets into article.text
    end: int
    lookup: str  # the name looked up (may include a following "Oblast"/"region")
    label: str  # the entity label it came from, or "" for gazetteer-only
    entity: int | None  # index into article.entities
    root: Token | None
    hint: str | None = None
    container: int | None = None  # index of the mention naming its container
    adjectival: bool = False  # "Ukrainian", "Americans": the place's adjective or people
    dateline: bool = False  # "TORRINGTON —", "KYIV, Ukraine (Reuters) -": where it was filed
    flag: str | None = None  # bounded bad input: not resolved, and why


class PlacesStage(Stage):
    """Find, classify and resolve the places an article names."""

    name: ClassVar[str] = "places"
    requires: ClassVar[frozenset[str]] = frozenset({"doc", "entities"})
    provides: ClassVar[frozenset[str]] = frozenset({"places"})
    extends: ClassVar[frozenset[str]] = frozenset({"entities"})

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        section = ctx.config.places
        self.cache_dir: str = section["cache_dir"]
        self.min_unlabelled_population: int = section["min_unlabelled_population"]
        self.min_unlabelled_population_one_word: int = section["min_unlabelled_population_one_word"]
        self.fix_min_population: int = section["fix_min_population"]
        self.weights = Weights(
            focus=section["focus_weight"],
            same_admin1=section["admin1_weight"],
            container=section["container_weight"],
        )
        self.model: str = ctx.config["nlp"]["model"]
        self._gaz: Gazetteer | None = None
        self._common: frozenset[str] | None = None

    def setup(self) -> None:
        """Load the gazetteer (once per process; builds and caches it the first time) and the
        ordinary English words that need more evidence to be places."""
        if self._gaz is None:
            self._gaz = load_gazetteer(self.cache_dir or None)
        if self._common is None:
            self._common = common_words(self.model)

    def __getstate__(self) -> dict[str, object]:
        # A stage shipped to another process (a Ray worker) loads its own gazetteer there
        # from the cache instead of carrying 200 MB over the wire.
        state = dict(self.__dict__)
        state["_gaz"] = None
        state["_common"] = None
        return state

    @property
    def gazetteer(self) -> Gazetteer:
        """The loaded gazetteer."""
        if self._gaz is None:
            self.setup()
        assert self._gaz is not None
        return self._gaz

    def process_batch(self, articles: Sequence[Article]) -> list[Article]:
        """Find the places of each article."""
        return [self.process(article) for article in articles]

    def process(self, article: Article) -> Article:
        """Attach ``places`` and fix the labels of entities that are places."""
        doc = doc_of(article, self.name)
        gaz = self.gazetteer
        mentions = self._mentions(article, doc, gaz)
        # Bounded: names past the cap are kept, flagged and not resolved (resolution in
        # context is linear in the names, so the cap only bounds one article's time).
        for m in mentions[MAX_PLACES:]:
            m.flag = m.flag or "too_many_places"
        live = [m for m in mentions if m.flag is None]
        _county_lists(article.text, live)
        _containers(article.text, live, gaz)
        first = [resolve(gaz, m.lookup, hint=_hint(m.hint)) for m in live]
        contexts = _contexts(gaz, live, first)
        places: list[Place] = []
        entities = list(article.entities)
        for m in mentions:
            use, relation = _use(m)
            if m.flag is not None:
                span = article.span(m.start, m.end)
                places.append(Place(span=span, name=span.text[:MAX_NAME_CHARS], use=use,
                                    adjectival=m.adjectival, flag=m.flag))  # fmt: skip
                continue
            local = _local(gaz, contexts[m.lookup], m, first)
            res = resolve(
                gaz, m.lookup, local, weights=self.weights, hint=_hint(m.hint),
                variants=m.label != "NORP", reasons=MAX_ALTERNATIVES + 1,
            )  # fmt: skip
            places.append(self._place(article, m, res, use, relation))
            if m.entity is not None and res.best is not None:
                ent = entities[m.entity]
                if ent.label not in PLACE_LABELS and ent.label != "NORP":
                    entities[m.entity] = Entity(
                        span=ent.span,
                        label=_label(gaz.features[res.best]),
                        kind="place",
                        role=ent.role,
                    )
        places += _coordinates(article)
        places.sort(key=lambda p: p.span.start)
        return article.replace(places=tuple(places), entities=tuple(entities))

    # --- recognition ------------------------------------------------------------------

    def _mentions(self, article: Article, doc: Doc, gaz: Gazetteer) -> list[_Mention]:
        mentions: list[_Mention] = []
        taken = bytearray(len(article.text) + 1)
        person_surnames = {
            e.span.text.split()[-1]
            for e in article.entities
            if e.label == "PERSON" and len(e.span.text.split()) > 1
        }
        # Persons, dates and amounts are judged whole ("March 7" is no town), never scanned
        # for parts; inside an organisation ("Texas Department of Public Safety") or a mistaken
        # work of art ("Izyum in the Kharkiv region") the scan looks for place names.
        named = bytearray(len(article.text) + 1)  # inside a name spaCy found
        for name in doc.ents:
            mark = b"\x01" * (name.end_char - name.start_char)
            named[name.start_char : name.end_char] = mark
            if name.label_ not in ("ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "FAC"):
                taken[name.start_char : name.end_char] = mark
        for idx, ent in enumerate(article.entities):
            span = doc.char_span(ent.span.start, ent.span.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            start, end = ent.span.start, ent.span.end
            text = ent.span.text
            if ent.label in PLACE_LABELS and end - start > MAX_NAME_CHARS:
                m = _Mention(start, end, text, ent.label, idx, None, flag="name_too_long")
                mentions.append(m)
                taken[start:end] = b"\x01" * (end - start)
                continue
            if end - start > MAX_NAME_CHARS:
                continue
            if ent.label in PLACE_LABELS or ent.label == "NORP":
                if ent.label == "NORP" and not _people_of_a_place(gaz, text):
                    continue
                if ent.label != "NORP" and _person(gaz, span, text, person_surnames):
                    continue
                if _abbreviation(gaz, text):
                    continue
                # Place names are capitalised: a model-tagged "meth" or "metro" is not one.
                head = text[4:] if text.lower().startswith("the ") else text
                if not head[:1].isupper() and not head[:1].isdigit():
                    continue
            elif ent.label in FIXABLE_LABELS:
                if not self._is_place(gaz, ent.label, text, span, person_surnames):
                    continue
            else:
                continue
            longer = _extend(doc, span, gaz)
            if longer.end > span.end:
                span, text, end = longer, longer.text, longer.end_char
            # A following kind word ("Donetsk Oblast", "Laurel County") is part of the name.
            lookup, end = _with_kind_word(doc, span, text, end)
            root = span.root if end <= span.end_char else doc[span.end]
            m = _Mention(start, end, lookup, ent.label, idx, root)
            m.hint = _city_of(span)
            m.adjectival = ent.label == "NORP" or (len(span) == 1 and span[0].pos_ == "ADJ")
            mentions.append(m)
            taken[start:end] = b"\x01" * (end - start)
        mentions += self._unlabelled(doc, gaz, taken, named)
        mentions.sort(key=lambda m: m.start)
        _mark_dateline(article.text, mentions, gaz, doc)
        return mentions

    def _is_place(
        self, gaz: Gazetteer, label: str, text: str, span: Span, surnames: set[str]
    ) -> bool:
        key = name_key(text)
        if not gaz.knows(split_hint(key)[0]):
            return False
        words = key.split()
        if any(w in ORG_WORDS for w in words):
            return False
        prev = span.doc[span.start - 1] if span.start > 0 else None
        if label == "PERSON":
            # Persons stay persons when the article says so: a title, a first-name-surname
            # mention elsewhere, or saying something.
            if prev is not None and prev.lower_.rstrip(".") in TITLES:
                return False
            if text in surnames:
                return False
            if span.root.dep_ in ("nsubj",) and span.root.head.lemma_ in SPEECH_VERBS:
                return False
        res = resolve(gaz, text)
        if res.best is None:
            return False
        in_prep = span.root.dep_ == "pobj" and span.root.head.lower_ in LITERAL_PREPS
        big = gaz.population[res.best] >= self.fix_min_population
        return in_prep or big or gaz.features[res.best] in REGION_FEATURES

    def _unlabelled(
        self, doc: Doc, gaz: Gazetteer, taken: bytearray, named: bytearray
    ) -> list[_Mention]:
        # Proper-noun runs no entity covers; linear: at most MAX_NGRAM lookups per token.
        common = self._common if self._common is not None else frozenset()
        out: list[_Mention] = []
        n = len(doc)
        i = 0
        while i < n:
            tok = doc[i]
            if tok.pos_ in ("ADJ", "NOUN") and tok.text[:1].isupper() and not taken[tok.idx]:
                # "Ukrainian troops" (a modifier), "Ukrainians" (a demonym) spaCy left untagged.
                res = resolve(gaz, tok.text, variants=False)
                if res.best is not None and gaz.features[res.best] == "PCLI":
                    label = "NORP" if tok.pos_ == "NOUN" else ""
                    out.append(_Mention(tok.idx, tok.idx + len(tok), tok.text, label, None, tok,
                                        adjectival=True))  # fmt: skip
                i += 1
                continue
            if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or taken[tok.idx]:
                i += 1
                continue
            hit = None
            for j in range(min(n, i + MAX_NGRAM), i, -1):
                last = doc[j - 1]
                if last.pos_ != "PROPN" or taken[last.idx]:
                    continue
                span = doc[i:j]
                if span.end_char - span.start_char > MAX_NAME_CHARS:
                    continue
                key = split_hint(name_key(span.text))[0]
                # Abbreviations ("St.", "Gen.") and two-letter keys are not place names here,
                # but a country's ("U.S.", "U.K.") is.
                dotted = span.text.endswith(".")
                if len(key) >= 3 and key in gaz.exact:
                    # One ordinary word ("Police" in a police force's name, "National" in
                    # "National Guard", "Center" opening a sentence) is the word, not the
                    # village: at a sentence start never a place, elsewhere only a large one.
                    word = j - i == 1 and (key in common or key in ORG_WORDS)
                    if word and tok.is_sent_start:
                        continue
                    res = resolve(gaz, span.text)
                    if res.best is None or (dotted and gaz.features[res.best] != "PCLI"):
                        continue
                    # With no entity label behind it, a run must be the place's own name:
                    # GeoNames' other names include nicknames and old names ("Federal" for
                    # Washington, "Star" for Roanoke) that are ordinary words in the text.
                    if gaz.features[res.best] not in REGION_FEATURES and not _main_name(
                        gaz, span.text, res.best
                    ):
                        continue
                    # One word outside any name spaCy found needs a larger place.
                    floor = (
                        self.min_unlabelled_population
                        if (j - i > 1 or named[tok.idx]) and not word
                        else self.min_unlabelled_population_one_word
                    )
                    # A region bypasses the floor, unless it is one ordinary word ("Central").
                    if res.best is not None and (
                        gaz.population[res.best] >= floor
                        or (gaz.features[res.best] in REGION_FEATURES and not word)
                    ):
                        hit = span
                        break
            if hit is None:
                i += 1
                continue
            hit = _extend(doc, hit, gaz)
            lookup, end = _with_kind_word(doc, hit, hit.text, hit.end_char)
            root = hit.root if end <= hit.end_char else doc[hit.end]
            m = _Mention(hit.start_char, end, lookup, "", None, root)
            m.hint = _city_of(hit)
            out.append(m)
            i = hit.end
        return out

    def _place(
        self, article: Article, m: _Mention, res: Resolution, use: PlaceUse, relation: str | None
    ) -> Place:
        span = article.span(m.start, m.end)
        gaz = self.gazetteer
        if res.best is None:
            return Place(span=span, name=span.text, use=use, adjectival=m.adjectival)
        i = res.best
        feature = gaz.features[i]
        if feature in REGION_FEATURES:
            precision = 3
        else:
            precision = 2 if relation in NEAR_PREPS or relation in DIRECTIONS else 1
        return Place(
            span=span,
            name=gaz.names[i],
            geonameid=gaz.geonameids[i] or None,
            latitude=round(gaz.lat[i], 5),
            longitude=round(gaz.lon[i], 5),
            country_code=gaz.countries[i],
            admin1=gaz.admin1_names[i],
            admin2=gaz.admin2_names[i],
            precision=precision,
            use=use,
            feature=feature,
            population=gaz.population[i] or None,
            confidence=round(res.confidence, 3),
            adjectival=m.adjectival,
            reason=_reason(res.candidates[0]) if res.candidates else None,
            alternatives=tuple(
                PlaceAlternative(
                    name=gaz.names[c.place],
                    geonameid=gaz.geonameids[c.place] or None,
                    latitude=round(gaz.lat[c.place], 5),
                    longitude=round(gaz.lon[c.place], 5),
                    country_code=gaz.countries[c.place],
                    admin1=gaz.admin1_names[c.place],
                    feature=gaz.features[c.place],
                    score=round(c.score, 2),
                    reason=_reason(c),
                )
                for c in res.candidates[1 : MAX_ALTERNATIVES + 1]
            ),
        )


# A dateline opens the body (after the headline's full stop or a line break): one to four
# capitalised words, an optional ", State" or ", Country", an optional "(Agency)", a dash.
DATELINE = re.compile(
    r"(?:^|(?<=[.!?] )|(?<=\n))([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,3})"
    r"(?:, ([A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?))?[ ]?(?:\([A-Za-z ]{1,30}\)[ ]?)?"
    "[\u2014\u2013-]{1,2}[ ]"
)
DATELINE_REACH = 600  # characters from the start where a dateline can be
# A dateline says where the story was filed: its place outvotes a place named in passing.
# With the gold names of LGL and TR-News, 1 and 2 scored alike and 3 or more cost TR-News
# (0.828 -> 0.826 at 3): its datelines name towns that the rest of the story leaves.
DATELINE_VOTE = 2.0


def _dateline(text: str) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    # The dateline's place and its qualifier ("Ky."), as character spans.
    match = DATELINE.search(text[:DATELINE_REACH])
    if match is None:
        return None
    qualifier = match.span(2) if match.group(2) else None
    return match.span(1), qualifier


def _mark_dateline(text: str, mentions: list[_Mention], gaz: Gazetteer, doc: Doc | None) -> None:
    # Mark the dateline's mention, adding it (and its qualifier) when the parse missed it.
    found = _dateline(text)
    if found is None:
        return
    place, qualifier = found
    for s, e in (place, qualifier) if qualifier else (place,):
        hit = next((m for m in mentions if m.start < e and s < m.end), None)
        if hit is None:
            name = text[s:e]
            if not gaz.knows(split_hint(name_key(name))[0]):
                continue
            span = doc.char_span(s, e, alignment_mode="expand") if doc is not None else None
            hit = _Mention(s, e, name, "", None, span.root if span is not None else None)
            mentions.append(hit)
            mentions.sort(key=lambda m: m.start)
        if (s, e) == place:
            hit.dateline = True


def _people_of_a_place(gaz: Gazetteer, text: str) -> bool:
    # A group's name is a place's people or adjective when it names a country or a region
    # ("Ukrainians", "Crimean"); "Western" or "Democrats" matching a province are not.
    if not gaz.knows(name_key(text)):
        return False
    res = resolve(gaz, text, variants=False)
    return res.best is not None and gaz.features[res.best] in ("PCLI", "RGN")


# "Becker, Clay and Wilkin counties", "the Grant/Wilkin county line": each name of the list
# is a county. Bounded: at most 200 characters after the name are read.
_COUNTY_LIST = re.compile(
    r"(?:\s*(?:,|/|&|\band\b|\bor\b)\s*(?:and\s+)?[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)?)*"
    r"\s*,?\s*(?:and\s+)?(counties|county|parishes|parish)\b"
)


def _county_lists(text: str, mentions: Sequence[_Mention]) -> None:
    # A name the text makes a county without saying "X County" is looked up as one.
    for m in mentions:
        if split_hint(name_key(m.lookup))[1] is not None:
            continue
        match = _COUNTY_LIST.match(text, m.end, m.end + 200)
        if match is not None:
            kind = "Parish" if match.group(1).startswith("parish") else "County"
            m.lookup = f"{m.lookup} {kind}"


def _main_name(gaz: Gazetteer, name: str, place: int) -> bool:
    # Whether ``name`` is the main name of ``place`` (the exact tier 3 of the lookup).
    found, _ = gaz.lookup(name)
    return any(i == place and tier == 3 for i, tier in found)


def _person(gaz: Gazetteer, span: Span, text: str, surnames: set[str]) -> bool:
    # A name the model tagged as a place that the article shows is a person: a title before
    # it ("Ms Raggi", "Gov. Pawlenty"), or the surname of a person it names in full ("Tim
    # Pawlenty" ... "Pawlenty said"). Countries and regions are kept: "Jordan" stays the
    # country in an article that also names Michael Jordan.
    prev = span.doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.lower_.rstrip(".") in TITLES:
        return True
    if len(span) > 1 and span[0].lower_.rstrip(".") in TITLES:
        return True
    found, _ = gaz.lookup(text, variants=False)
    large = any(
        gaz.features[i] in ("PCLI", "ADM1") or gaz.population[i] >= SPEAKING_PLACE_POPULATION
        for i, _ in found
    )
    if text in surnames:
        return not large
    # "Hartmann said": a small town or an unknown name that speaks is a person; a capital or
    # a country that speaks is its government (metonymy), and stays a place.
    root = span.root
    return root.dep_ == "nsubj" and root.head.lemma_ in SPEECH_VERBS and not large


_ABBREVIATION = re.compile(r"[A-Z][A-Z.]{0,4}")


def _abbreviation(gaz: Gazetteer, text: str) -> bool:
    # "BA", "MW", "M.D.": short capitals are a place only as a country's or region's code
    # ("US", "UK", "EU", "N.Y."); a town found under them is an accident of alternate names.
    if not _ABBREVIATION.fullmatch(text):
        return False
    res = resolve(gaz, text, variants=False)
    return res.best is None or gaz.features[res.best] not in ("PCLI", "ADM1", "RGN")


def _reason(cand: Scored) -> str:
    # The evidence beyond the prior first: it is what a reader wants to check.
    return "; ".join([*cand.why[1:], *cand.why[:1]])


def resolve_names(
    gaz: Gazetteer, text: str, spans: Sequence[tuple[int, int]], weights: Weights | None = None
) -> list[Resolution]:
    """Resolve names given as ``(start, end)`` spans of ``text`` (the "gold names handed in"
    setting of the evaluation), with the same context rules as the stage; in span order."""
    mentions = [_Mention(s, e, text[s:e], "", None, None) for s, e in sorted(spans)]
    _county_lists(text, mentions)
    found = _dateline(text)
    if found is not None:
        (s, e), _ = found
        for m in mentions:
            m.dateline = m.start < e and s < m.end
    _containers(text, mentions, gaz)
    first = [resolve(gaz, m.lookup, weights=weights) for m in mentions]
    contexts = _contexts(gaz, mentions, first)
    return [
        resolve(gaz, m.lookup, _local(gaz, contexts[m.lookup], m, first), weights=weights)
        for m in mentions
    ]


def explain_name(gaz: Gazetteer, name: str, context: str | None = None) -> Resolution:
    """Resolve ``name`` with every reason kept, alone or in the context of a text.

    The context is read without a parse: capitalised word runs of the text that the gazetteer
    knows stand in for its place names (the stage itself reads the parse's entities), so the
    answer shows how the article's other places, qualifiers and regions move each candidate.
    """
    if not context:
        return resolve(gaz, name, explain=True)
    at = context.find(name)
    if at < 0:
        context = f"{context}\n{name}"
        at = len(context) - len(name)
    spans = [s for s in _name_runs(context, gaz) if s[1] <= at or s[0] >= at + len(name)]
    mentions = [_Mention(s, e, context[s:e], "", None, None) for s, e in sorted(spans)]
    target = _Mention(at, at + len(name), name, "", None, None)
    mentions = sorted([*mentions, target], key=lambda m: m.start)
    _containers(context, mentions, gaz)
    first = [resolve(gaz, m.lookup) for m in mentions]
    ctx = _contexts(gaz, mentions, first)[name]
    return resolve(gaz, name, _local(gaz, ctx, target, first), explain=True)


_RUN = re.compile(r"[A-Z][\w'\u2019.-]*(?:[ ][A-Z][\w'\u2019.-]*){0,3}")


def _name_runs(text: str, gaz: Gazetteer) -> list[tuple[int, int]]:
    # The longest known prefix of each run of up to four capitalised words.
    out = []
    for match in _RUN.finditer(text[:100_000]):
        words = match.group().split(" ")
        for n in range(len(words), 0, -1):
            candidate = " ".join(words[:n]).rstrip(".")
            if len(candidate) >= 3 and gaz.knows(name_key(candidate)):
                out.append((match.start(), match.start() + len(candidate)))
                break
    return out


def _contexts(
    gaz: Gazetteer, mentions: Sequence[_Mention], first: Sequence[Resolution]
) -> dict[str, ResolveContext]:
    # Each name is read in the context of the article's *other* names: left in, a name said
    # five times votes for its own most populous reading (Paris, France in a story about
    # Paris, Texas) and then follows its own vote. Leaving it out lifted acc@161 with the
    # gold names handed in from 0.706 to 0.750 on LGL and 0.769 to 0.790 on TR-News.
    #
    # Votes are summed once for the article and each name's own are subtracted, so the cost
    # is linear in the names (an article listing 5,000 places costs 5,000 votes, not 25 M).
    #
    # Beside the country and region votes, each name spreads its first reading's candidates
    # (by their share of its score) over 1-degree cells and their neighbours: a town with
    # the article's other names around it beats its namesakes elsewhere in the same country
    # (local news names a town's neighbours, not its state).
    first_of: dict[str, Resolution] = {}
    own_cc: dict[str, dict[str, float]] = {}
    own_a1: dict[str, dict[str, float]] = {}
    all_cc: dict[str, float] = {}
    all_a1: dict[str, float] = {}
    for m, res in zip(mentions, first, strict=True):
        first_of.setdefault(m.lookup, res)
        if res.best is None:
            continue
        vote = res.confidence**2  # a sure mention says more about the article than a guess
        if m.dateline:
            vote *= DATELINE_VOTE
        cc = gaz.countries[res.best]
        if cc:
            _add(own_cc.setdefault(m.lookup, {}), cc, vote)
            _add(all_cc, cc, vote)
        code = gaz.admin1_codes[res.best]
        # A region's share counts places below country level only.
        if code and gaz.features[res.best] != "PCLI":
            _add(own_a1.setdefault(m.lookup, {}), code, vote)
            _add(all_a1, code, vote)
    own = {key: _spread(gaz, r) for key, r in first_of.items()}
    near: dict[tuple[int, int], float] = {}
    for mass in own.values():
        for c, v in mass.items():
            near[c] = near.get(c, 0.0) + v
    with_towns = sum(1 for mass in own.values() if mass)
    counties, pairs = _county_evidence(gaz, first_of)
    county_count: dict[str, int] = {}
    pair_count: dict[tuple[str, str], int] = {}
    for cs in counties.values():
        for county in cs:
            county_count[county] = county_count.get(county, 0) + 1
    for ps in pairs.values():
        for pair in ps:
            pair_count[pair] = pair_count.get(pair, 0) + 1
    out = {}
    for key in first_of:
        out[key] = ResolveContext(
            country_share=_shares(all_cc, own_cc.get(key)),
            admin1_share=_shares(all_a1, own_a1.get(key)),
            near=near,
            own=own[key],
            near_names=with_towns - (1 if own[key] else 0),
            counties=county_count,
            own_counties=frozenset(counties.get(key, ())),
            county_pairs=pair_count,
            own_pairs=frozenset(pairs.get(key, ())),
        )
    return out


def _add(votes: dict[str, float], key: str, vote: float) -> None:
    votes[key] = votes.get(key, 0.0) + vote


def _shares(votes: dict[str, float], own: dict[str, float] | None) -> dict[str, float]:
    # Each key's share of the votes, the name's own left out.
    if own:
        votes = {k: v - own.get(k, 0.0) for k, v in votes.items()}
        votes = {k: v for k, v in votes.items() if v > 1e-9}
    total = sum(votes.values())
    return {k: v / total for k, v in votes.items()} if total else {}


def _county_evidence(
    gaz: Gazetteer, first_of: dict[str, Resolution]
) -> tuple[dict[str, set[str]], dict[str, set[tuple[str, str]]]]:
    # For each name: the counties it may be, and the (state, county) of the towns it may be
    # (every candidate the lookup gives, not only the first reading's leaders).
    counties: dict[str, set[str]] = {}
    pairs: dict[str, set[tuple[str, str]]] = {}
    for key, res in first_of.items():
        if res.best is None:
            continue
        found, _ = gaz.lookup(key)
        for i, _tier in found[:MAX_COUNTY_CANDIDATES]:
            feature = gaz.features[i]
            if feature == "ADM2":
                counties.setdefault(key, set()).add(gaz.names[i])
            elif feature in ("PPL", "PPLC"):
                a1, a2 = gaz.admin1_codes[i], gaz.admin2_names[i]
                if a1 and a2:
                    pairs.setdefault(key, set()).add((a1, a2))
    return counties, pairs


def _spread(gaz: Gazetteer, res: Resolution) -> dict[tuple[int, int], float]:
    mass: dict[tuple[int, int], float] = {}
    if not res.candidates:
        return mass
    top = res.candidates[0].score
    weights = [math.exp(c.score - top) for c in res.candidates]
    total = sum(weights)
    for cand, wt in zip(res.candidates, weights, strict=True):
        if gaz.features[cand.place] in AREA_FEATURES:
            continue
        p = wt / total
        ci, cj = cell(gaz.lat[cand.place], gaz.lon[cand.place])
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                key = (ci + di, cj + dj)
                if p > mass.get(key, 0.0):
                    mass[key] = p
    return mass


def _local(
    gaz: Gazetteer, ctx: ResolveContext, m: _Mention, first: list[Resolution]
) -> ResolveContext:
    if m.container is None:
        return ctx
    c = first[m.container].best
    if c is None:
        return ctx
    return dataclasses.replace(
        ctx,
        container_cc=gaz.countries[c],
        container_admin1=gaz.admin1_codes[c] if gaz.features[c] == "ADM1" else None,
    )


def _hint(hint: str | None) -> AdminHint | None:
    return cast("AdminHint | None", hint)


def _extend(doc: Doc, span: Span, gaz: Gazetteer) -> Span:
    # "the Azovstal steelworks", "Zaporizhzhia nuclear power plant": a longer name the
    # gazetteer knows wins over its first word.
    for extra in range(3, 0, -1):
        if span.end + extra <= len(doc):
            longer = doc[span.start : span.end + extra]
            if all(t.is_alpha for t in longer[len(span) :]) and gaz.knows(name_key(longer.text)):
                return longer
    return span


def _with_kind_word(doc: Doc, span: Span, text: str, end: int) -> tuple[str, int]:
    if span.end < len(doc):
        nxt = doc[span.end]
        low = nxt.lower_.rstrip("'\u2019")
        kind = low in REGION_WORDS or low in DISTRICT_WORDS or low == "city"
        if kind and nxt.idx - end <= 1:
            return f"{text} {nxt.text}", nxt.idx + len(nxt.text)
    return text, end


def _city_of(span: Span) -> str | None:
    # "the city of Donetsk", "the town of Izyum"; "the Donetsk region" is read from the name.
    if span.start >= 2:
        of, kind = span.doc[span.start - 1], span.doc[span.start - 2]
        if of.lower_ == "of":
            if kind.lower_ in CITY_WORDS:
                return "city"
            if kind.lower_ in REGION_WORDS:
                return "region"
    return None


def _containers(text: str, mentions: list[_Mention], gaz: Gazetteer) -> None:
    # "Kharkiv, Ukraine" / "Alexandria, Louisiana": the second names the first's container.
    for k in range(len(mentions) - 1):
        a, b = mentions[k], mentions[k + 1]
        between = text[a.end : b.start]
        if between.strip() == "," and len(between) <= 3:
            found, _ = gaz.lookup(b.lookup)
            if any(gaz.features[i] in ("PCLI", "ADM1") for i, _ in found):
                a.container = k + 1


def _use(m: _Mention) -> tuple[PlaceUse, str | None]:
    if m.label == "NORP":
        return "demonym", None
    root = m.root
    if root is None:
        return "literal", None
    head = root.head
    dep = root.dep_
    if dep == "pobj":
        prep = head.lower_
        # "north of Kharkiv", "30 km from Izyum": near the place.
        if prep in ("of", "from") and head.head.lower_ in DIRECTIONS:
            return "literal", "near"
        return "literal", prep
    if dep == "nsubj" and head.lemma_ in SPEECH_VERBS:
        return "metonymic", None
    if dep in ("compound", "amod", "nmod") and root.i < head.i:
        return "modifier", None
    if dep == "poss":
        if head.lower_ in DIRECTIONS or head.lower_ in ("capital", "border", "coast", "city"):
            return "literal", None
        return "modifier", None
    return "literal", None


def _label(feature: str) -> str:
    if feature in FACILITY_FEATURES:
        return "FAC"
    if feature in ("SEA", "GULF", "STM", "RGN", "AREA"):
        return "LOC"
    return "GPE"


def _coordinates(article: Article) -> list[Place]:
    out = []
    for match in COORDS.finditer(article.text):
        lat, ns, lon, ew = match.groups()
        latitude = float(lat) * (1 if ns == "N" else -1)
        longitude = float(lon) * (1 if ew == "E" else -1)
        span = article.span(match.start(), match.end())
        if abs(latitude) > 90 or abs(longitude) > 180:
            # Written, but no point on Earth: kept and flagged, never placed on the map.
            out.append(Place(span=span, name=span.text, use="literal", feature="COORD",
                             flag="coordinates_out_of_range"))  # fmt: skip
            continue
        out.append(
            Place(
                span=span, name=span.text, latitude=latitude, longitude=longitude,
                precision=1, use="literal", feature="COORD", confidence=1.0,
            )
        )  # fmt: skip
    return out
