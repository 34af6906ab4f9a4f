"""Code the events of one article from its parse: detect, classify, count, date, place, attribute.

Per sentence of the Doc (never parsed again): a sentence with no trigger word of a violent or
political event is skipped cheaply; the rest are classified (:mod:`frontwire.events.classifier`)
into ACLED sub-event types, given a status from dependency and lexical cues, and filled in with
counts, date, place, actors and source. Sentences that report one real-world event (same event
type, compatible place and date) become one event with several evidence spans.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frontwire.events import numbers
from frontwire.events.actors import Actor, find_actors, interaction, pair
from frontwire.events.classifier import (
    DIRECT_LABELS,
    EXPLOSIVE_LABELS,
    LEXICON,
    RULE_ORDER,
    Ensemble,
    LinearModel,
    explosive_label,
    lexicon_match,
    rule_label,
    weapon_mask,
    weapons_named,
)
from frontwire.events.dates import (
    EventDate,
    context_date,
    parse_published,
    resolve,
    story_dates,
)
from frontwire.events.plover import QUAD_CLASS, PloverCode, load_crosswalk
from frontwire.events.taxonomy import BY_LABEL, NOT_ACLED, VIOLENT_EVENT_TYPES, SubType
from frontwire.events.victims import victim_tally
from frontwire.lexicon.speech import CLAIM_PATTERN, SPEECH_VERBS
from frontwire.places.countries import CountryTable
from frontwire.places.locate import Locator, is_dateline
from frontwire.records import Article, Count, Event, EventActor, EventStatus, Place
from frontwire.util import haversine_km

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

# Trigger groups that signal an ACLED event; the others ("diplo", "crime", "disaster", ...)
# are classifier features only.
_EVENT_GROUPS = (
    "air", "shell", "ied", "suicide", "grenade", "chem", "sex", "abduct", "clash", "capture",
    "protest", "police", "riot", "mob", "arrest", "defuse", "loot", "transfer", "attack",
)  # fmt: skip
_TRIGGER_WORDS = (
    *(w for g in _EVENT_GROUPS for w in LEXICON[g]),
    *("bomb", "explo", "struck", "strike", "hit", "fire", "shot", "kill", "dead", "died"),
    *("wound", "injur", "destroy", "damag"),
    # Territory changing hands in words the lexicon lacks ("driving Russian forces out").
    *("driving", "drove", "pushed back", "repelled", "beaten back", "being held", "held in"),
    # A shooting named as a noun ("police are investigating a shooting").
    *("shooting", "gunfire", "gunshot"),
    # Killings, bombings and hijackings in the words incident lists use ("executed 31
    # civilians", "the mayor was assassinated", "militants blew up a shrine").
    *("execut", "assassinat", "gunned", "blew up", "blown up", "hijack", "firebomb", "molotov"),
    # Agreements and bases in whole words: the lexicon's stems ("accord", "base") also start
    # "according" and "based".
    *("agreement", "agreed", "ceasefire", "truce", "peace deal", "peace accord", "accords"),
    *("signed", "headquarters", "outpost", "military base", "new base", "a base", "bases in"),
    # A group changing its activity ("two factions merged", "the commander defected").
    *("merged", "defected", "disbanded", "dissolved", "pledged allegiance", "split from"),
)
_TRIGGER = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in _TRIGGER_WORDS) + ")", re.IGNORECASE
)
# A cheap first pass (str.startswith in C): every trigger match starts a word with the first
# alphanumeric run of some trigger, so a sentence none of whose words do cannot match.
_TRIGGER_PREFIXES = tuple(sorted({re.findall(r"[a-z0-9]+", w)[0] for w in _TRIGGER_WORDS}))
_WORDS = re.compile(r"[a-z0-9]+")


def _may_trigger(text: str) -> bool:
    return any(w.startswith(_TRIGGER_PREFIXES) for w in set(_WORDS.findall(text.lower())))


# A sentence is only coded when it also names a force, a victim, harm or a political action in
# whole words: trigger stems alone ("strike", "mob", "regain") also start "striker", "mobile"
# and "regain their place" in sports and technology news.
_CONTEXT = re.compile(
    r"(?i:\b(?:forces?|troops?|army|armies|military|militar(?:y|ies)|soldiers?|servicem[ae]n|"
    r"police(?:m[ae]n)?|officers|gunm[ae]n|militants?|rebels?|insurgents?|fighters?|"
    r"terrorists?|jihadists?|militias?|militiam[ae]n|bandits|attackers?|assailants?|"
    r"civilians?|residents|villagers|protest(?:s|ers?|ed|ing)?|demonstrat(?:ors?|ions?|ed)|"
    r"rall(?:y|ies|ied)|riot(?:s|ers|ed|ing)?|mob|killed|killing|dead|deaths?|died|"
    r"wounded|injured|injuries|casualties|bomb(?:s|ed|ing|ings|er|ers)?|explosions?|"
    r"explosives?|blasts?|shell(?:s|ed|ing)|artillery|missiles?|rockets?|drones?|"
    r"air\s?strikes?|grenades?|ied|landmines?|arrest(?:s|ed)?|detained|abduct(?:ed|ion)|"
    r"kidnapp(?:ed|ing)|hostages?|raped?|attack(?:s|ed)?|clash(?:es|ed)?|fighting|fought|"
    r"shot|shootings?|gunfire|gunshots?|ambush(?:ed)?|captured?|recaptured?|seized|occupied|liberated|"
    r"invaders?|occupiers|offensive|ceasefire|truce|looted|looting|torched|burn(?:ed|t)|"
    r"destroy(?:ed|ing)?|damaged|bombard(?:ed|ment)|struck|repelled|retreat(?:ed|ing)?|"
    r"driv(?:e|ing|en)|pushed)\b)"
    # Killings, bombings, agreements and the like in incident-list words, in lower case only:
    # a Title Case headline ("Officer Shoots, Kills Man | Outlet") restates the body's event,
    # and coded on its own it takes the place of the body's event with its counts.
    r"|\b(?:kills?|murdered|assassinated|massacred|"
    r"executed|beheaded|gunned|stabbed|hacked|hijack(?:ed|ers?|ing)|firebomb(?:ed|s)?|"
    r"blew\s+up|blown\s+up|explod(?:ed|es)|detonated|[Mm]olotov|guerrillas?|paramilitar(?:y|ies)|"
    r"extremists?|[Ii]slamists?|separatists?|marched|marchers|marching|sit-ins?|picket\w*|"
    r"strikers|agreements?|accords?|headquarters|outposts?|bases?|factions?|alliance|"
    r"armed\s+groups?|blew\s+(?:him|her|them)sel(?:f|ves)\s+up)\b",
)
_HYPOTHETICAL = re.compile(
    r"\b(?:if|unless|in\s+case|were\s+to|would\s+be|could\s+be|might|may\s+have\s+to|"
    r"in\s+the\s+event\s+of|risk\s+of|threat\s+of|fears?\s+of|feared)\b",
    re.IGNORECASE,
)
_PLANNED = re.compile(
    r"(?<!as\s)\b(?:will|shall|plans?\s+to|planned|planning|prepar\w*\s+(?:for|to)|intends?\s+to|"
    r"going\s+to|about\s+to|vow\w*\s+to|threaten\w*\s+to|expected\s+to|set\s+to|"
    r"upcoming|next\s+week|tomorrow|new\s+attempts?)\b",
    re.IGNORECASE,
)
_DENIED = re.compile(r"\b(?:den(?:y|ies|ied)|dismiss\w*\s+(?:claims|reports)|refuted|"
                     r"rejected\s+(?:claims|reports)|fake|false\s+(?:claims|reports))\b",
                     re.IGNORECASE)  # fmt: skip
_ESTIMATED = re.compile(r"\b(?:estimat\w*|believed\s+to|thought\s+to|feared\s+dead)\b", re.I)
# The claim cues are the quotes stage's, so a claim reads the same in both stages.
_CLAIMED = CLAIM_PATTERN
_HISTORICAL = re.compile(
    r"\b(?:after\s+failing|had\s+(?:been|failed|taken|captured|seized)|since\s+the\s+start|"
    r"earlier\s+(?:this|in\s+the)\s+(?:year|war)|last\s+year|years?\s+ago|in\s+(?:19|20)\d\d|"
    r"at\s+the\s+start\s+of\s+the\s+(?:war|invasion)|previously|back\s+in)\b",
    re.IGNORECASE,
)
_PLUPERFECT = re.compile(r"had\s", re.I)
# Days before publication from which a dated event is background, not news.
HISTORICAL_DAYS = 31


@dataclass(frozen=True, slots=True)
class EventsOptions:
    """What the ``[events]`` config section sets."""

    min_probability: float = 0.1
    max_sentence_chars: int = 2000


class EventCoder:
    """Holds the models and tables (built once per process) and codes articles."""

    def __init__(self, options: EventsOptions | None = None) -> None:
        self.options = options or EventsOptions()
        data = Path(str(resources.files("frontwire.events").joinpath("data")))
        self.acled_model = Ensemble.load(
            data / "acled_subtypes.npz", data / "incident_subtypes.npz"
        )
        self.plover_model = LinearModel.load(data / "plover_types.npz")
        self.crosswalk: dict[str, PloverCode] = load_crosswalk()
        self.gazetteer = CountryTable()
        self.locator = Locator(self.gazetteer)
        self._ents: list[SpacySpan] = []

    # -- classification of bare texts (also what the evaluation scores) -------------------

    def classify(self, texts: Sequence[str]) -> list[tuple[str | None, float]]:
        """The CASE 2021 label (ACLED sub-event type or a non-ACLED label) of each text, and the
        classifier's probability. Below ``min_probability`` the most specific trigger word
        decides (:func:`~frontwire.events.classifier.rule_label`), or nothing (``None``)."""
        out: list[tuple[str | None, float]] = []
        for text, (label, prob) in zip(texts, self.acled_model.predict(list(texts)), strict=True):
            if prob < self.options.min_probability:
                out.append((rule_label(text), prob))
            else:
                out.append((label, prob))
        return out

    def classify_plover(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        """The PLOVER root type of each text."""
        return self.plover_model.predict(list(texts))

    # -- articles ------------------------------------------------------------------------

    def code(self, article: Article, doc: Doc) -> tuple[Event, ...]:
        """Every event ``article`` reports, one per real-world event."""
        published = parse_published(article.source.published)
        skip = [(s.start, s.end) for s in article.boilerplate]
        pieces = list(_pieces(doc))
        sentences = [
            s
            for s, text in ((s, s.text) for s in pieces)
            if len(text) <= self.options.max_sentence_chars
            and _may_trigger(text)
            and _TRIGGER.search(text)
            and _CONTEXT.search(text)
            and not any(a <= s.start_char and s.end_char <= b for a, b in skip)
        ]
        if not sentences:
            return ()
        labels = self.classify([s.text for s in sentences])
        country = _article_country(article, self.gazetteer)
        # Doc.ents once: Span.ents scans every entity of the Doc on each call.
        self._ents = list(doc.ents)
        coded: list[Event] = []
        for sent, (label, prob) in zip(sentences, labels, strict=True):
            if prob < self.options.min_probability:
                label = _fallback_label(sent.text) or label
            label = _tie_break(sent.text, _harm_label(sent, label))
            if label is None or label in NOT_ACLED:
                continue
            event = self._code_sentence(article, sent, BY_LABEL[label], prob, published, country)
            if event is not None:
                coded.append(event)
        coded = _attach_counts(coded, pieces, article)
        return tuple(_dated(_merge(coded, article.text), published, article.text))

    def _code_sentence(
        self,
        article: Article,
        sent: SpacySpan,
        sub: SubType,
        prob: float,
        published: date | None,
        article_country: str | None,
    ) -> Event | None:
        text = sent.text
        source, kind = _source(article, sent)
        status = _status(sent, source if kind == "speaker" else None)
        if status is None:
            return None  # negated: not an event that happened
        when = resolve(text, published, future_ok=status in ("planned", "hypothetical"))
        flags: list[str] = []
        if when.flag:
            flags.append(f"date_{when.flag}")
        if (
            status == "reported"
            and when.value is not None
            and published is not None
            and (published - when.value).days > HISTORICAL_DAYS
        ):
            status = "historical"
        place = self.locator.locate(article, sent.start_char, sent.end_char)
        country = (place.country_code if place else None) or article_country
        clusters = {
            (e.span.start, e.span.end): str(getattr(e, "cluster_id"))  # noqa: B009
            for e in article.entities
            if getattr(e, "cluster_id", None)
        }
        ents = [e for e in self._ents if sent.start <= e.start and e.end <= sent.end]
        actors, dropped = find_actors(sent, self.gazetteer, country, clusters, ents)
        if dropped:
            flags.append(f"actors_dropped_{dropped}")
        actor1, actor2, assoc1, assoc2 = pair(actors, sub.event_type)
        actor1 = actor1 or self._default_actor(sub, country)
        fatalities, injured, from_parse = _harm_counts_from(sent)
        if "injured" in from_parse:
            flags.append(INJURED_NAMED)
        if "shot" in from_parse:
            flags.append(INJURED_SHOT)
        arrested = numbers.arrested(text)
        crowd = numbers.crowd(text) if sub.event_type in ("Protests", "Riots") else None
        for name, count in (("fatalities", fatalities), ("injured", injured)):
            if count is not None and count.implausible:
                flags.append(f"{name}_implausible")
        plover = self._plover(sub, text)
        evidence = article.span(sent.start_char, _trim_end(text, sent.start_char))
        key = f"{article.id}:{sub.label}:{sent.start_char}"
        return Event(
            id=hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
            disorder_type=sub.disorder_type,
            event_type=sub.event_type,
            sub_event_type=sub.sub_event_type,
            evidence=(evidence,),
            status=status,
            actor1=self._record(actor1),
            actor2=self._record(actor2),
            assoc_actor_1=tuple(a for a in map(self._record, assoc1) if a),
            assoc_actor_2=tuple(a for a in map(self._record, assoc2) if a),
            interaction=interaction(
                actor1.inter if actor1 else None, actor2.inter if actor2 else None
            ),
            civilian_targeting=bool(
                actor2 is not None
                and actor2.kind == "civilians"
                and sub.event_type in VIOLENT_EVENT_TYPES
            ),
            plover_event=plover.event if plover else None,
            plover_mode=plover.mode if plover else None,
            plover_context=_contexts(plover, actors),
            quad_class=plover.quad_class if plover else None,
            cameo=sub.cameo,
            fatalities=fatalities,
            injured=injured,
            arrested=arrested,
            crowd_size=crowd,
            date=when.value.isoformat() if when.value else None,
            time_precision=when.precision if when.value else None,
            date_text=when.text,
            location=place,
            source=source,
            source_kind=kind,
            confidence=prob,
            flags=tuple(flags),
        )

    def _plover(self, sub: SubType, text: str) -> PloverCode | None:
        if sub.cameo is not None and sub.cameo in self.crosswalk:
            return self.crosswalk[sub.cameo]
        label, _ = self.classify_plover([text])[0]
        event = {"YIELD": "CONCEDE"}.get(label, label)
        return PloverCode(event, None, ())

    def _default_actor(self, sub: SubType, country: str | None) -> Actor | None:
        kind = {
            "Protests": "protesters",
            "Riots": "rioters",
            "Violence against civilians": "armed_group",
            "Explosions/Remote violence": "armed_group",
        }.get(sub.event_type)
        if kind is None:
            return None
        from frontwire.events.actors import acled_name

        found = self.gazetteer.country(country)
        inter = {"protesters": 6, "rioters": 5, "armed_group": 2}[kind]
        sector = {"protesters": "OPP", "rioters": "OPP", "armed_group": "REB"}[kind]
        name = acled_name(kind, found.name if found else None, country)
        return Actor(name, inter, kind, country, sector, "", -1, -1)

    def _record(self, actor: Actor | None) -> EventActor | None:
        if actor is None:
            return None
        found = self.gazetteer.country(actor.country_code)
        return EventActor(
            name=actor.name,
            inter=actor.inter,
            country_code=actor.country_code,
            alpha3=found.alpha3 if found else None,
            sector=actor.sector,
            text=actor.text,
            cluster_id=actor.cluster_id,
        )


def _clauses(sent: SpacySpan) -> list[SpacySpan]:
    """``sent`` cut where two clauses that each report an event are joined ("Shelling killed two
    in A, while in B police detained five"; "fighting continued in A, and shelling in B killed
    ten"): at a "while"/"whereas" that opens a clause, or at an "and"/"but" joining a second
    finite verb to the sentence's root. Each part must hold a trigger word, a verb and a place
    of its own."""
    root = sent.root
    cuts: list[int] = []
    for token in sent:
        if token.i == sent.start:
            continue
        if token.lower_ in ("while", "whereas") and token.dep_ == "mark":
            cuts.append(token.i)
        elif token.dep_ == "cc" and token.head == root and token.lower_ in ("and", "but"):
            later = [c for c in root.children if c.dep_ == "conj" and c.i > token.i]
            if later and later[0].pos_ in ("VERB", "AUX"):
                cuts.append(token.i)
    if not cuts:
        return [sent]
    doc = sent.doc
    parts: list[SpacySpan] = []
    start = sent.start
    for cut in cuts:
        left, right = doc[start:cut], doc[cut + 1 : sent.end]
        if (
            _event_like(left)
            and _event_like(right)
            and _places_differ(left, right)
            # "Five soldiers of the army were killed and seven others wounded in an attack in
            # A": a clause that only tells a toll is the toll of the event beside it.
            and not _casualties_only(left.text)
            and not _casualties_only(right.text)
        ):
            parts.append(left)
            start = cut + 1
    parts.append(doc[start : sent.end])
    return parts


_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|of)\s+(?:the\s+)?([A-Z][\w'\u2019-]+)")


def _places_differ(left: SpacySpan, right: SpacySpan) -> bool:
    # Two clauses are two events when each names its own place ("in A ..., while in B ...");
    # "a bomb exploded in A, and killed five" is one event and its toll.
    # A capitalised name after a locative preposition ("in Marinka", "the city of Izyum"):
    # the tagger's entity labels are unreliable on small towns, and reading them is slow.
    def places(span: SpacySpan) -> set[str]:
        return {m.lower() for m in _LOCATIVE.findall(span.text)}

    a, b = places(left), places(right)
    return bool(a) and bool(b) and not a & b


def _event_like(span: SpacySpan) -> bool:
    return (
        len(span) >= 4
        and _TRIGGER.search(span.text) is not None
        and any(t.pos_ in ("VERB", "AUX") for t in span)
    )


def _pieces(doc: Doc) -> list[SpacySpan]:
    """The Doc's sentences, cut again at blank lines (a headline, a caption or a navigation
    line run into the next paragraph is not part of its first sentence) and between clauses
    that report events of their own (:func:`_clauses`)."""
    out: list[SpacySpan] = []
    for line in _lines(doc):
        # Only a sentence that may hold an event is worth the clause search.
        out.extend(_clauses(line) if _may_trigger(line.text) else [line])
    return out


def _lines(doc: Doc) -> list[SpacySpan]:
    out: list[SpacySpan] = []
    for sent in doc.sents:
        text = sent.text
        if "\n\n" not in text:
            if text.strip():
                out.append(sent)
            continue
        start = sent.start
        for token in sent:
            if (token.is_space and "\n\n" in token.text) or "\n\n" in token.whitespace_:
                end = token.i if token.is_space else token.i + 1
                if end > start:
                    out.append(doc[start:end])
                start = token.i + 1
        if start < sent.end:
            out.append(doc[start : sent.end])
    return [s for s in out if s.text.strip()]


def _harm_counts(sent: SpacySpan) -> tuple[Count | None, Count | None]:
    """Killed and injured in ``sent``: a number phrase first, else victims the parse names.

    "Three people were shot, one fatally": those shot and not killed are the injured.
    """
    fatalities, injured, _ = _harm_counts_from(sent)
    return fatalities, injured


def _harm_counts_from(sent: SpacySpan) -> tuple[Count | None, Count | None, frozenset[str]]:
    """:func:`_harm_counts` and which slots came from victims named one by one."""
    text = sent.text
    if not numbers.may_count(text):
        return None, None, frozenset()
    fatalities, injured = numbers.killed(text), numbers.injured(text)
    from_parse: set[str] = set()
    tally = victim_tally(sent)
    if fatalities is None and "killed" in tally:
        n = tally["killed"][0]
        fatalities = Count(n, n, n, text[:80])
        from_parse.add("killed")
    else:
        fatalities = _listed(fatalities, tally.get("killed"), text)
    if injured is None and "injured" in tally and ("killed" in tally or fatalities is None):
        # "the death of a boy who was shot": with a death toll the parse cannot tie to anyone,
        # a victim it names as shot may be the one who died, so no injured is counted.
        n = tally["injured"][0]
        injured = Count(n, n, n, text[:80])
        from_parse.add("injured")
    else:
        injured = _listed(injured, tally.get("injured"), text)
    if injured is None:
        hit = numbers.shot(text)
        if hit is not None and hit.value is not None:
            dead = fatalities.value if fatalities is not None and fatalities.value else 0
            n = max(0, hit.value - dead)
            injured = Count(n, n, n, hit.text)
            if fatalities is None:
                # "Both were shot": the people shot include any dead a toll elsewhere names.
                from_parse.add("shot")
    return fatalities, injured, frozenset(from_parse)


def _listed(count: Count | None, tally: tuple[int, int] | None, text: str) -> Count | None:
    """The number phrase's count, or the sum of several victim phrases the parse joins ("21
    militants and 9 soldiers were killed", "killing an officer and two soldiers") when that sum
    is larger: a number phrase reads only the first of them."""
    if count is None or count.value is None or tally is None:
        return count
    n, groups = tally
    if groups < 2 or n <= count.value:
        return count
    return Count(n, n, max(n, count.high or n), text[:80])


# Labels that say a sentence is no violent event: when the sentence reports people killed or
# wounded, it is an attack on them (ACLED: violence against civilians by an unidentified armed
# group), whatever the classifier's second thoughts ("a man was shot outside a bar" is not
# organised crime or a disaster to ACLED).
_NOT_VIOLENT_LABELS = frozenset(
    {*NOT_ACLED, "DISR_WEAP", "OTHER", "CHANGE_TO_GROUP_ACT", "AGREEMENT", "HQ_ESTABLISHED",
     "NON_VIOL_TERRIT_TRANSFER", "ARREST", "PROPERTY_DISTRUCT"}
)  # fmt: skip


# When the classifier is unsure and no lexicon trigger decides: territory changing hands in
# words the lexicon lacks, an attack beaten back, people held in camps or captivity.
_FALLBACK_RULES = (
    (re.compile(r"\b(?:driv\w+|drove|push\w*|forc\w+)\b[^.;]{0,60}?\b(?:out\s+of|back\s+from|"
                r"from\s+the\s+outskirts)\b", re.I), "GOV_REGAINS_TERIT"),
    (re.compile(r"\b(?:repelled|beaten\s+back|fought\s+off)\b", re.I), "ARMED_CLASH"),
    (re.compile(r"\b(?:held|detained|kept|confined)\b[^.;]{0,60}?\b(?:camps?|captivity|"
                r"hostage)\b", re.I), "ABDUCT_DISSAP"),
    (re.compile(r"\b(?:merged|defected|disbanded|dissolved|pledged\s+allegiance|split\s+from)\b",
                re.I), "CHANGE_TO_GROUP_ACT"),
)  # fmt: skip


# ACLED's tie-breaks between battles and remote violence (docs/EVENTS.md): an armed clash with
# artillery support is a battle; shelling, missiles or air strikes with no ground engagement
# are remote violence.
_GROUND = re.compile(
    r"\b(?:clash\w*|fighting|fought|firefights?|gun\s*battles?|battles?|exchang\w+\s+(?:of\s+)?"
    r"fire|ground\s+(?:assault|attack|offensive)|infantry|stormed|skirmish\w*)\b",
    re.IGNORECASE,
)
_REMOTE = re.compile(
    r"\b(?:shell\w*|artillery|mortars?|rockets?|missiles?|air\s*strikes?|drones?|bombard\w*|"
    r"barrage)\b",
    re.IGNORECASE,
)


# A ceasefire monitors' tally ("observers recorded 40 explosions"): ACLED codes the shelling
# the monitors heard, not the ceasefire they watch.
_MONITORED = re.compile(
    r"\b(?:recorded|registered|observed|counted|heard|logged|reported)\s+(?:[\w,-]+\s+){0,4}?"
    r"(?:explosions?|blasts|shelling|ceasefire\s+violations|violations\s+of\s+the\s+ceasefire|"
    r"undetermined\s+explosions|shells)\b",
    re.IGNORECASE,
)
# An explosive found and made safe, or a missile or drone brought down: disrupted weapons use,
# unless it went off or hurt someone.
_DEFUSED = re.compile(
    r"\b(?:defus\w*|diffus\w*|disarm(?:ed|ing)|dismantl\w*|bomb\s+(?:disposal|squad)|"
    r"controlled\s+explosion|intercept\w*|shot\s+down|downed|neutrali[sz]ed|"
    r"(?:found|discovered|seized|recovered)\s+(?:\w+\s+){0,3}?(?:bombs?|ieds?|explosives?|"
    r"devices?|mines?|grenades?|rockets?|weapons?|caches?))\b",
    re.IGNORECASE,
)
_WENT_OFF_OR_HARM = re.compile(
    r"\b(?:explod\w*|went\s+off|detonated|blew\s+up|killed|killing|dead|died|injur\w*|"
    r"wound\w*|hurt|damag\w*)\b",
    re.IGNORECASE,
)
# Who took a place: state forces regain territory, anyone else overtakes it (ACLED's two
# Battles sub-types differ only in the actor).
_TAKE = re.compile(
    r"\b(?:re)?(?:captur\w*|took\s+(?:over|control)|tak(?:en|ing)\s+(?:over|control)|"
    r"seiz\w*|overr[au]n\w*|liberat\w*|regain\w*|retook|retak\w*|gain\w*\s+control|"
    r"entered)\b",
    re.IGNORECASE,
)
_TAKEN_BY = re.compile(r"\b(?:fell|fallen|falling)\s+to\b|\b(?:captured|seized|taken|overrun|"
                       r"retaken|recaptured|liberated)\s+by\b", re.IGNORECASE)  # fmt: skip
_STATE_FORCES = re.compile(
    r"\b(?:government|army|troops|soldiers|military|armed\s+forces|security\s+forces|"
    r"police|marines|national\s+guard|forces)\b",
    re.IGNORECASE,
)
_NON_STATE = re.compile(
    r"\b(?:rebels?|militants?|insurgents?|jihadists?|militias?|militiam[ae]n|fighters|"
    r"guerrillas?|separatists?|taliban|al-shabaa?b|islamic\s+state|isis|isil|boko\s+haram|"
    r"gunmen|terrorists?|armed\s+groups?|bandits|paramilitar(?:y|ies))\b",
    re.IGNORECASE,
)
_TERRITORY = ("GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER")
_REGAIN = re.compile(
    r"\b(?:recaptur\w*|retook|retak\w*|regain\w*|liberat\w*|back\s+control|"
    r"(?:control|hold)\s+(?:\w+\s+){0,3}?back)\b",
    re.IGNORECASE,
)
_SEIZED_PEOPLE = re.compile(
    r"\b(?:hijack\w*|(?:took|taken|taking|held|holding)\s+(?:\w+\s+){0,4}?hostages?|"
    r"kidnapp\w*|abduct\w*)\b",
    re.IGNORECASE,
)
_SUICIDE = re.compile(
    r"\b(?:suicid\w*|self-detonat\w*|(?:explosives?|suicide)[-\s](?:belt|vest)s?|"
    r"blew\s+(?:him|her|them)sel(?:f|ves)\s+up)",
    re.IGNORECASE,
)
_EXPLOSIVE_WORD = re.compile(r"\b(?:\w*bomb\w*|explo\w*|blasts?|ieds?|devices?)\b", re.IGNORECASE)
_PROTEST_DEATHS = re.compile(r"\b(?:killed|killing|dead|died|shot)\b", re.IGNORECASE)


def _taker(text: str, label: str) -> str:
    """Which of :data:`_TERRITORY` the actor who took the place points to: the nearest actor
    word before the taking verb, or after "fell to" / "captured by". A non-state actor
    overtakes; state forces only *regain* ("recaptured", "liberated", "retook"): forces taking
    another country's ground are a foreign state actor, which ACLED codes as overtaking, and
    the words alone cannot tell whose ground it is, so the classifier's choice stands."""
    passive = _TAKEN_BY.search(text)
    took = passive or _TAKE.search(text)
    if took is None:
        return label
    if passive is not None:
        after = text[passive.end() : passive.end() + 60]
        found = [(m.start(), "state") for m in _STATE_FORCES.finditer(after)]
        found += [(m.start(), "other") for m in _NON_STATE.finditer(after)]
        kind = min(found)[1] if found else None
    else:
        before = text[: took.start()]
        found = [(m.end(), "state") for m in _STATE_FORCES.finditer(before)]
        found += [(m.end(), "other") for m in _NON_STATE.finditer(before)]
        kind = max(found)[1] if found else None
    if kind == "other":
        return _TERRITORY[1]
    if kind == "state" and _REGAIN.search(text):
        return _TERRITORY[0]
    return label


# Stricter than the classifier's protest lexicon (classifier.LEXICON), whose bare "strike"
# and "march" are what mislead it: words that name protesters or a protest act.
_PROTEST_WORD = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied|ying)|(?-i:march(?:ed|es|ers?|ing)?)|Marchers|sit-ins?|"
    r"picket\w*|strikers|(?:on|general|hunger|labou?r)\s+strike|boycott\w*|crowds?|chant\w*|"
    r"gather\w*|vigils?|petition\w*|blockad\w*|occupied\s+(?:the\s+)?(?:square|building|"
    r"campus|office|road|street)s?|activists?|unions?|walk(?:ed)?\s*outs?)\b",
    re.IGNORECASE,
)


def _tie_break(text: str, label: str | None) -> str | None:
    """ACLED's tie-breaks over the classifier's choice: battles against remote violence, a
    monitors' tally of explosions, a bomb made safe, and who took a place."""
    if label is not None and label not in EXPLOSIVE_LABELS and _MONITORED.search(text):
        return explosive_label(text) or "ART_MISS_ATTACK"
    if label in EXPLOSIVE_LABELS and _DEFUSED.search(text) and not _WENT_OFF_OR_HARM.search(text):
        return "DISR_WEAP"
    if label in _TERRITORY:
        return _taker(text, label)
    if label == "SUIC_BOMB" and not _SUICIDE.search(text):
        # A suicide bombing needs its bomber named; a bomb alone is a remote explosive.
        return "REM_EXPLOS" if _EXPLOSIVE_WORD.search(text) else label
    if label in ("REM_EXPLOS", "GRENADE") and _SUICIDE.search(text):
        return "SUIC_BOMB"
    if (
        label in ("ATTACK", "ARMED_CLASH")
        and _SEIZED_PEOPLE.search(text)
        and not _PROTEST_DEATHS.search(text)
    ):
        # People hijacked or taken hostage and no one killed: an abduction.
        return "ABDUCT_DISSAP"
    if label in ("PEACE_PROTEST", "PROTEST_WITH_INTER") and not _PROTEST_WORD.search(text):
        # A protest is told as one: "a town occupied by troops from March to September" or
        # "strikes on markets were banned" name no protesters, only words the classifier
        # shares with protests (the month is no march: lower case only).
        return None
    if label in ("PEACE_PROTEST", "PROTEST_WITH_INTER") and (
        _SHOOTING.search(text) or _PROTEST_DEATHS.search(text)
    ):
        # People shot or killed at a protest: excessive force when state forces did it, else
        # an attack on the crowd; never a peaceful protest.
        return "FORCE_AGAINST_PROTEST" if _STATE_FORCES.search(text) else "ATTACK"
    if label in ("ART_MISS_ATTACK", "AIR_STRIKE") and _GROUND.search(text):
        return "ARMED_CLASH"
    if label == "ARMED_CLASH" and _REMOTE.search(text) and not _GROUND.search(text):
        return (
            "AIR_STRIKE"
            if re.search(r"\b(?:air\s*strikes?|drones?|jets?)\b", text, re.I)
            else ("ART_MISS_ATTACK")
        )
    return label


def _fallback_label(text: str) -> str | None:
    for pattern, label in _FALLBACK_RULES:
        if pattern.search(text):
            return label
    return None


# Killing done by a person, in words that leave no doubt it was deliberate: an attack when the
# classifier is unsure (incident lists: "Islamic State executed 31 civilians", "the mayor was
# gunned down").
_KILLING = re.compile(
    r"\b(?:(?:was|were|been|being|are|is)\s+executed|executed\s+(?:by|for|after)\b|"
    r"executed\s+(?:\w+\s+){0,2}(?:people|persons?|civilians?|prisoners?|captives?|hostages?|"
    r"m[ae]n|wom[ae]n|children|members?|soldiers?|policem[ae]n|officers?|boys?|girls?|"
    r"brothers?|residents|villagers|workers?|leaders?|journalists?|activists?|fighters?|"
    r"militants?|comrades|suspects?|spies|informants?|collaborators?)\b|assassinat\w*|gunned\s+down|massacred?|murder(?:ed|s)?|"
    r"behead(?:ed|ing|s)?|hacked\s+to\s+death|stabb(?:ed|ing)|shot\s+dead|lynched|"
    r"kill(?:s|ed)?\s+(?:a|an|the|\d+|two|three|four|five|six|seven|eight|nine|ten)\b)",
    re.IGNORECASE,
)
# A bomb that went off (or was set off): with an explosive named (:func:`explosive_label`),
# the sentence reports remote violence even when no one was hurt ("two bombs exploded in
# Moscow, causing damage"), unless the classifier reads a bomb found and defused.
_WENT_OFF = re.compile(
    r"\b(?:explo(?:ded|des|de|sions?)|blasts?|went\s+off|detonat\w*|blew\s+up|blown\s+up|"
    r"bomb(?:ed|ing|ings)|struck|hit|targeted|attack\w*|claimed)\b",
    re.IGNORECASE,
)


def _unsure_label(text: str) -> str | None:
    """The label of a sentence the classifier doubts and no trigger group decides: a bomb that
    went off, or a deliberate killing."""
    if _WENT_OFF.search(text):
        found = explosive_label(text)
        if found is not None:
            return found
    return "ATTACK" if _KILLING.search(text) else None


# Harm said not to have happened ("nobody was detained", "no one was hurt"): no trigger of an
# event of its own, though another trigger in the sentence may still be one ("a bomb exploded
# and no one was hurt").
_NO_ONE_HARMED = re.compile(
    r"\b(?:nobody|no\s+one|none|no\s+(?:people|persons?|casualties|civilians|injuries|arrests))"
    r"\s+(?:\w+\s+){0,3}?(?:was|were|has\s+been|have\s+been|had\s+been|been|reported)?\s*"
    r"(?:detained|arrested|killed|injured|hurt|wounded|harmed|abducted|kidnapped|taken|held)?",
    re.IGNORECASE,
)
# With a cause of disaster named, "killed", "attack" and "explosion" are harm words, not
# weapons: a gas explosion that killed three workers stays a disaster. Without one, a killing
# the classifier reads as an accident stays an attack (GVDB: "a boy, 7, killed inside a
# parked car" is a shooting).
_HARM_ONLY = re.compile(r"\b(?:kill(?:ed|ing|er)|attack\w*|explosi\w*)\b", re.IGNORECASE)
_DISASTER_CAUSE = re.compile(
    r"\b(?:gas|leak\w*|boilers?|blaze|fire\s+broke|wildfires?|flood\w*|earthquakes?|storms?|"
    r"cyclones?|landslides?|crash\w*|collisions?|collaps\w*|derail\w*|factory|mine\s+shaft)\b",
    re.IGNORECASE,
)
# The trigger group of each label a negation can take away ("nobody was detained").
_LABEL_GROUP = {label: group for group, label in RULE_ORDER}
# Trigger words that name an event only in their killing sense ("executed a search warrant").
_LOOSE_TRIGGER = re.compile(r"execut", re.IGNORECASE)


def _negated(text: str, label: str | None) -> tuple[bool, bool]:
    """Whether every event trigger of ``text`` sits in harm said not to have happened, and
    whether every trigger of ``label``'s own group does ("no arrests were made in the
    shooting": the arrest label is void, the shooting is still an event)."""
    if not _NO_ONE_HARMED.search(text):
        return False, False
    rest = _NO_ONE_HARMED.sub(" ", text)
    if _TRIGGER.search(rest) is None:
        return True, True
    group = _LABEL_GROUP.get(label or "")
    void = group is not None and lexicon_match(group, text) and not lexicon_match(group, rest)
    return False, void


def _loose_only(text: str) -> bool:
    """Whether the only triggers of ``text`` are words that name an event only when they kill,
    and they do not here."""
    if "execut" not in text.casefold():
        # Every loose trigger starts so (_LOOSE_TRIGGER): without one, the trigger search
        # below (the costliest pattern of the coder) cannot answer yes.
        return False
    found = [m.group(0) for m in _TRIGGER.finditer(text)]
    return bool(found) and all(_LOOSE_TRIGGER.match(w) for w in found) and not _KILLING.search(text)


def _harm_label(sent: SpacySpan, label: str | None) -> str | None:
    text = sent.text
    everything, void = _negated(text, label)
    if everything or _loose_only(text):
        return None
    if void:
        label = None
    if label is None:
        label = _fallback_label(text) or _unsure_label(text)
    if label in DIRECT_LABELS and sent.sent != sent and not any(weapons_named(text)):
        # A clause cut from its sentence that names no weapon of its own ("five soldiers were
        # killed" of "..., and seven wounded in a suicide attack"): the sentence's weapon says
        # what kind of violence it was.
        whole = sent.sent.text
        if not weapon_mask(whole, (label,))[0]:
            return explosive_label(whole) or label
    if label is not None and label not in _NOT_VIOLENT_LABELS:
        return label
    if label not in ("DISR_WEAP", "ARREST"):
        # A bomb that went off is remote violence, whatever else the classifier reads (a
        # claim of responsibility, a disaster, damage to property); a deliberate killing is an
        # attack. A bomb defused, a bomber or a killer arrested are not.
        found = explosive_label(text) if _WENT_OFF.search(text) else None
        if found is not None:
            return found
        if label not in ("NATURAL_DISASTER", "MAN_MADE_DISASTER") and _KILLING.search(text):
            return "ATTACK"
    if label in ("NATURAL_DISASTER", "MAN_MADE_DISASTER") and (
        not _WEAPON.search(text)
        or (_DISASTER_CAUSE.search(text) and not _WEAPON.search(_HARM_ONLY.sub(" ", text)))
    ):
        return label  # a flood or a crash kills people too
    if label not in ("NATURAL_DISASTER", "MAN_MADE_DISASTER") and _SHOOTING.search(sent.text):
        # A shooting is an attack on whoever was shot at, unless the classifier reads an
        # accident (GVDB tune: letting accidents through cost 0.01 killed and 0.03 date).
        return "ATTACK"
    fatalities, injured = _harm_counts(sent)
    harmed = any(c is not None and (c.value or 0) > 0 for c in (fatalities, injured))
    return "ATTACK" if harmed and _WEAPON.search(sent.text) else label


# A shooting as a noun or a gunshot wound: an attack, even with no count ("police are
# investigating a shooting", "a man with a gunshot wound was brought to hospital").
_SHOOTING = re.compile(
    r"\b(?:shootings?|gunfire|gunshots?(?:\s+wounds?)?|shots?\s+(?:were\s+|was\s+)?fired|"
    r"opened\s+fire|(?:was|were|been|got)\s+shot|fired\s+(?:at|on|upon|into)|"
    r"fired\s+(?:\w+\s+){0,2}?(?:rounds|shots|bullets))\b",
    re.IGNORECASE,
)


# Harm by a weapon or a person: what separates an attack from an accident or a disaster.
_WEAPON = re.compile(
    r"\b(?:shot|shoot\w*|gun\w*|firearms?|rifles?|pistols?|stabb\w*|knife|bomb\w*|"
    r"explosi\w*|grenades?|kill(?:ed|ing|er)|murder\w*|assassinat\w*|execut\w*|"
    r"behead\w*|attack\w*|assault\w*|gunm[ae]n|militants?|insurgents?|rebels?|"
    r"terrorists?|suspects?|slain|massacre\w*)\b",
    re.IGNORECASE,
)
# A sentence with a count and no event of its own gives it to the event of the nearest earlier
# sentence in the same paragraph ("A bomb exploded at the market. Four people died.").
_ATTACH_CHARS = 600
# Up to this many injured, a later death is one of them (a small shooting); beyond it a death
# toll and an injured toll are separate figures.
_DIED_LATER = 3


def _attach_counts(events: list[Event], pieces: list[SpacySpan], article: Article) -> list[Event]:
    if not events:
        return events
    starts = {e.evidence[0].start: i for i, e in enumerate(events)}
    out = list(events)
    current: int | None = None
    last_end = -1
    for piece in pieces:
        start = article.span(piece.start_char, piece.end_char).start
        if start in starts:
            current, last_end = starts[start], piece.end_char
            continue
        if current is None or piece.start_char - last_end > _ATTACH_CHARS:
            continue
        if "\n\n" in article.text[last_end : piece.start_char]:
            current = None
            continue
        event = out[current]
        if event.status in _UNREAL or not numbers.may_count(piece.text):
            continue
        fatalities, injured, from_parse = _harm_counts_from(piece)
        if (
            from_parse & {"injured", "shot"}
            and injured is not None
            and event.fatalities is not None
        ):
            # "A man was shot and killed. He was shot in the chest.", "Both were shot": victims
            # named or counted as shot after a toll include the dead, not only other injured.
            injured = _less_dead(injured, _value(event.fatalities)) or None
        changes: dict[str, Any] = {}
        if event.fatalities is None and fatalities is not None:
            changes["fatalities"] = fatalities
            hurt = event.injured.value if event.injured is not None else None
            dead = fatalities.value or 0
            if hurt is not None and 0 < dead <= hurt and hurt <= _DIED_LATER:
                # "A woman was shot on Friday. She died in hospital.": the injured victim is
                # now a dead one, not a second victim.
                changes["injured"] = Count(hurt - dead, hurt - dead, hurt - dead, piece.text[:80])
        if event.injured is None and injured is not None:
            changes["injured"] = injured
            if "injured" in from_parse and INJURED_NAMED not in event.flags:
                # The event's injured are now victims named one by one: a later merge with a
                # death toll must know they may be the dead (:func:`_combined_injured`).
                changes["flags"] = (*event.flags, INJURED_NAMED)
        if changes:
            out[current] = replace(event, **changes)
        last_end = piece.end_char
    return out


#: ACLED's time_precision for a date known only as "about when it was published": the report
#: does not say the day, and an event is reported within days, so the week (2).
PUBLICATION_PRECISION = 2


def _dated(events: list[Event], published: date | None, text: str = "") -> list[Event]:
    """Each event's date from the article around it where its own sentences give none or only a
    vague one (:func:`~frontwire.events.dates.context_date`, flagged ``date_from_context``);
    failing that, the publication date at week precision (as ACLED codes them), flagged
    ``date_from_publication``; with no publication date, none."""
    story = story_dates(text, published, recent_days=HISTORICAL_DAYS) if text else []
    out: list[Event] = []
    for e in events:
        if any(f.startswith("date_") for f in e.flags):
            out.append(e)
            continue
        own = EventDate(
            date.fromisoformat(e.date) if e.date else None, e.time_precision, e.date_text
        )
        # A planned or denied event is not on the story's day.
        found = None
        if e.status not in _UNREAL:
            first = e.evidence[0]
            # A date only a later merged sentence gives ("examined evidence on Monday") yields
            # to the story's day, which the lead names first.
            if e.date is not None and len(e.evidence) > 1:
                own = resolve(first.text, published)
            found = context_date(first.start, first.end, own, published, story)
        if found is not None and found.date.value is not None:
            e = replace(
                e,
                date=found.date.value.isoformat(),
                time_precision=found.date.precision,
                date_text=found.date.text,
                flags=(*e.flags, "date_from_context"),
            )
        elif e.date is None and published is not None:
            e = replace(
                e,
                date=published.isoformat(),
                time_precision=PUBLICATION_PRECISION,
                flags=(*e.flags, "date_from_publication"),
            )
        out.append(e)
    return out


def _trim_end(text: str, start: int) -> int:
    return start + len(text.rstrip())


# Totals over a whole war or a long period ("has lost a third of its combat troops in the three
# months of conflict", "15,000 killed since February"): an aggregate claim, not an event.
_AGGREGATE = re.compile(
    r"\b(?:since\s+the\s+(?:start|beginning|outbreak)\s+of\s+the\s+(?:war|invasion|conflict)|"
    # "since the coup", "since the invasion": a running total since a turning point
    r"since\s+the\s+(?:coup|invasion|war|conflict|uprising|revolution|takeover|offensive)\b|"
    r"since\s+(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|(?:19|20)\d\d)\b|"
    r"in\s+the\s+(?:\w+\s+){0,2}(?:months?|years?|weeks?)\s+of\s+(?:the\s+)?"
    r"(?:war|conflict|fighting|invasion)|"
    r"(?:a|one|two)\s+(?:third|quarter|half|fifth|tenth)s?\s+of\s+(?:its|their|the)\s+|"
    r"(?:so\s+far\s+)?(?:in|during|throughout)\s+the\s+(?:whole\s+|entire\s+)?(?:war|conflict)\b|"
    r"total\s+(?:losses|death\s+toll|casualties))",
    re.IGNORECASE,
)
_QUOTE_OPEN = ('"', "\u201c", "\u2018", "'")


_QUOTE_CLOSE = ('"', "\u201d", "\u2019", "'")


def _opinion(sent: SpacySpan) -> bool:
    """A sentence of direct speech with no verb in a past tense or perfect inside the quote
    ("We thank everyone who liberates Ukraine," he added) says what someone thinks, not what
    happened."""
    if not sent.text.lstrip().startswith(_QUOTE_OPEN):
        return False
    quoted = []
    for token in list(sent)[1:]:
        if token.text in _QUOTE_CLOSE:
            break
        quoted.append(token)
    return not any(t.tag_ in ("VBD", "VBN") for t in quoted)


def _status(sent: SpacySpan, speaker: str | None = None) -> EventStatus | None:
    """The status of what ``sent`` says; None when it is negated (it did not happen), a total
    over a war rather than an event, or an opinion in direct speech."""
    text = sent.text
    if _AGGREGATE.search(text) or _opinion(sent):
        return None
    root = sent.root
    for token in sent:
        if token.dep_ == "neg" and (token.head == root or _TRIGGER.match(token.head.text)):
            if _DENIED.search(text):
                return "denied"
            return None
    if _DENIED.search(text):
        return "denied"
    if _HYPOTHETICAL.search(text) or _conditional(sent):
        return "hypothetical"
    if _PLANNED.search(text) and not _past_trigger(sent):
        return "planned"
    cues = [m.group(0) for m in _HISTORICAL.finditer(text)]
    attributed = _CLAIMED.search(text) is not None
    # "The ministry said 200 soldiers had been killed": a pluperfect under a reporting verb is
    # the tense of reported speech (the past of the report), not a sign of old history.
    if cues and not (attributed and all(_PLUPERFECT.match(c) for c in cues)):
        return "historical"
    if _ESTIMATED.search(text):
        return "estimated"
    if attributed and _partisan(text, speaker):
        return "claimed"
    return "reported"


_CONDITIONAL_AUX = frozenset({"would", "could", "might"})


def _conditional(sent: SpacySpan) -> bool:
    """Whether the sentence's main verb, or the clause a reporting verb introduces, is under
    "would", "could" or "might" ("Losing the village would expose the bridges to artillery,
    analysts said"): a consequence someone weighs, not an event that happened."""
    root = sent.root
    for token in sent:
        if token.dep_ != "aux" or token.lower_ not in _CONDITIONAL_AUX:
            continue
        head = token.head
        if head == root or (head.dep_ == "ccomp" and head.head == root):
            return True
    return False


# A claim is a party's word about its own fighting, not any attributed figure: "the governor
# said four were killed" is how news reports casualties, while "the ministry said its artillery
# killed 300 enemy fighters" is a belligerent's claim. Signs of the party: a claim verb, the
# speaker's own side or its adversary named as such, or a speaker that is an armed party.
_CLAIM_VERB = re.compile(r"\b(?:claim\w*|alleg\w*)\b", re.I)
_PARTISAN = re.compile(
    r"\b(?:enem(?:y|ies)|occupiers?|invaders?|(?:its|our|their\s+own)\s+(?:[\"\u201c\u201d'\w-]+\s+)"
    r"{0,3}(?:forces|troops|artillery|army|units?|groups?|fighters|soldiers|air\s+defen[cs]es?|"
    r"drones?)|liquidated|eliminated|neutrali[sz]ed)\b",
    re.I,
)
_PARTY_SPEAKER = re.compile(
    r"\b(?:army|armed\s+forces|military|troops|defen[cs]e|general\s+staff|command|militants?|"
    r"rebels?|insurgents?|militias?|fighters|brigades?|battalions?|taliban|hamas|hezbollah|"
    r"houthis?|islamic\s+state|isis|wagner|paramilitar\w*)\b",
    re.I,
)


def _partisan(text: str, speaker: str | None) -> bool:
    """Whether an attributed sentence is a party's claim (see the patterns above); ``speaker``
    is who the sentence is attributed to, if anyone."""
    if _CLAIM_VERB.search(text) or _PARTISAN.search(text):
        return True
    return speaker is not None and _PARTY_SPEAKER.search(speaker) is not None


def _past_trigger(sent: SpacySpan) -> bool:
    # "Troops shelled the town and will return": a past-tense event verb is still reported.
    return any(t.tag_ in ("VBD", "VBN") and _TRIGGER.match(t.text) for t in sent)


def _source(article: Article, sent: SpacySpan) -> tuple[str | None, Any]:
    for quote in article.quotes:
        content = quote.content
        if content.start < sent.end_char and sent.start_char < content.end and quote.speaker:
            speaker: Any = quote.speaker
            name = getattr(speaker, "name", None) or getattr(speaker, "text", None)
            if name:
                return str(name), "speaker"
    subject = _cue_subject(sent)
    if subject is not None:
        return subject, "speaker"
    if article.source.outlet:
        return article.source.outlet, "outlet"
    return None, None


def _cue_subject(sent: SpacySpan) -> str | None:
    # "..., the governor said" / "according to the ministry": the named subject of the cue.
    for token in sent:
        if token.lemma_ in SPEECH_VERBS or (
            token.text.lower() == "to" and token.nbor(-1).text.lower() == "according"
            if token.i > 0
            else False
        ):
            for child in token.children:
                if child.dep_ in ("nsubj", "pobj") and (
                    child.ent_type_ in ("PERSON", "ORG", "NORP") or child.pos_ in ("NOUN", "PROPN")
                ):
                    return sent.doc[child.left_edge.i : child.right_edge.i + 1].text
    return None


def _contexts(plover: PloverCode | None, actors: list[Actor]) -> tuple[str, ...]:
    contexts = list(plover.context) if plover else []
    if any(a.kind == "military" for a in actors) and "military" not in contexts:
        contexts.append("military")
    return tuple(contexts)


def _article_country(article: Article, gazetteer: CountryTable) -> str | None:
    """The country the article is mostly about: the commonest country among its places."""
    counts: dict[str, int] = {}
    for place in article.places:
        if place.country_code:
            counts[place.country_code] = counts.get(place.country_code, 0) + 1
    if not counts:
        for entity in article.entities:
            if entity.label not in ("GPE", "LOC"):
                continue
            city = gazetteer.city(entity.span.text)
            code = gazetteer.country_code(entity.span.text) or (
                str(city["countrycode"]) if city else None
            )
            if code:
                counts[code] = counts.get(code, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


def _same_place(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return True
    if (a.precision == 3 or b.precision == 3) and a.country_code == b.country_code:
        return True  # a country-wide mention does not contradict a town in it
    if a.geonameid is not None and b.geonameid is not None:
        return a.geonameid == b.geonameid
    return a.name.lower() == b.name.lower()


#: A sentence's town replaces a merged event's dateline place only this close to it: a
#: headline placed at the dateline holds the town its lead names ("KHARKIV — rockets hit the
#: centre of Balakliia, a town south-east of Kharkiv", 75 km apart).
FINER_PLACE_KM = 150.0


def _dateline_near(a: Place | None, b: Place | None, text: str) -> bool:
    """Whether one place is only the article's dateline and the other a town near it: a
    sentence that names no place falls back to the dateline, and is not thereby somewhere
    else than the town the lead names."""
    return _near_dateline(a, b, text) or _near_dateline(b, a, text)


def _near_dateline(dateline: Place | None, other: Place | None, text: str) -> bool:
    """Whether ``dateline`` is the article's dateline place and ``other`` a place in the same
    country within :data:`FINER_PLACE_KM` of it."""
    if dateline is None or other is None or not text or dateline.country_code != other.country_code:
        return False
    if not is_dateline(text, dateline.span.start):
        return False
    if None in (dateline.latitude, dateline.longitude, other.latitude, other.longitude):
        return False
    return haversine_km(
        dateline.latitude or 0.0, dateline.longitude or 0.0,
        other.latitude or 0.0, other.longitude or 0.0,
    ) <= FINER_PLACE_KM  # fmt: skip


def _finer_place(kept: Place | None, new: Place | None, text: str = "") -> Place | None:
    """The place of two merged reports of one event: the first, unless it is only the
    article's dateline and the second names a more precise place near it. A district or a town
    the first sentence names stays: a later "taken to a Knoxville hospital" is not where the
    shooting happened."""
    if kept is None or new is None:
        return kept or new
    finer = (new.precision or 3) < (kept.precision or 3)
    return new if finer and _near_dateline(kept, new, text) else kept


# Statuses of things that did not (or not yet) happen: never merged with ones that did.
_UNREAL = frozenset({"planned", "hypothetical", "denied"})
# When sentences of one event differ, the firmest status wins.
_STATUS_ORDER: tuple[EventStatus, ...] = (
    "reported", "claimed", "estimated", "historical", "denied", "planned", "hypothetical"
)  # fmt: skip


_HARM_WORDS = re.compile(
    r"\b(?:killed|killing|kills|dead|died|dies|death|deaths|toll|injur\w*|wound\w*|hurt|"
    r"casualties|attack|blast|explosion)\b",
    re.IGNORECASE,
)


def _casualties_only(text: str) -> bool:
    """Whether a sentence's only event words are harm words ("One person was killed and 20
    were injured in the attack."): it tells the toll of an event, not a new one."""
    return _TRIGGER.search(_HARM_WORDS.sub(" ", text)) is None


# A definite reference to an event already told ("the attack", "in the blast").
_BACK_REFERENCE = re.compile(
    r"\b(?:the|this)\s+(?:attack|attacked|blast|explosion|bombing|shooting|incident|ambush|"
    r"raid|assault|strike|shelling)\b",
    re.IGNORECASE,
)


def _aftermath(kept: Event, event: Event, text: str) -> bool:
    """Whether ``event`` is the toll or aftermath of ``kept``: a generic attack sentence right
    after a violent event in the same paragraph, with no place of its own ("A bomb went off
    outside the bank. One person was killed and 20 were injured in the attack.")."""
    if kept.disorder_type != event.disorder_type or kept.event_type not in VIOLENT_EVENT_TYPES:
        return False
    text_new = event.evidence[0].text
    generic = (
        event.sub_event_type == "Attack"
        or _casualties_only(text_new)
        # "The attack killed two policemen": a toll that names the event before it
        or (
            (event.fatalities is not None or event.injured is not None)
            and _BACK_REFERENCE.search(text_new) is not None
        )
    )
    if not generic or not _same_place(kept.location, event.location):
        return False
    if event.location is not None and kept.location is None:
        return False
    end, start = kept.evidence[-1].end, event.evidence[0].start
    return 0 <= start - end <= _ATTACH_CHARS and "\n\n" not in text[end:start]


def _merge(events: list[Event], text: str = "") -> list[Event]:
    """One event per real-world event: a later sentence of the same sub-event type at a place
    and on a date that do not contradict the first, or of the same event type at the same named
    town, or the aftermath of the event just before (:func:`_aftermath`), adds its evidence
    (and any fuller figures) to the first."""
    merged: list[Event] = []
    for event in events:
        if merged and text and _aftermath(merged[-1], event, text):
            last = merged[-1]
            if (last.status in _UNREAL) == (event.status in _UNREAL) and (
                last.date is None or event.date is None or last.date == event.date
            ):
                merged[-1] = _combine(last, event, text)
                continue
        for i, kept in enumerate(merged):
            if (kept.status in _UNREAL) != (event.status in _UNREAL):
                continue
            if kept.date is not None and event.date is not None and kept.date != event.date:
                continue
            same_town = (
                kept.location is not None
                and event.location is not None
                and kept.location.precision == 1
                and event.location.precision == 1
                and _same_place(kept.location, event.location)
            )
            related = kept.event_type == event.event_type or (
                # "The bombardment of X also destroyed a school": damage at the same town,
                # reported beside a violent event, is that event.
                kept.disorder_type == event.disorder_type
                or event.sub_event_type == "Looting/property destruction"
            )
            same_sub = kept.sub_event_type == event.sub_event_type
            # Far apart in a long article, the same kind of event in the same country is
            # another event unless the same town names both.
            near = event.evidence[0].start - kept.evidence[0].end <= MERGE_CHARS
            if (
                same_sub
                and (near or same_town)
                and (
                    _same_place(kept.location, event.location)
                    or _dateline_near(kept.location, event.location, text)
                )
            ) or (related and same_town):
                merged[i] = _combine(kept, event, text)
                break
        else:
            merged.append(event)
    return [_fatal_named(e) for e in merged]


# Words that say an event killed someone without counting the dead ("a fatal shooting", "the
# shooting death", "charged with homicide"); "attempted murder" is no death.
_FATAL_NOUN = re.compile(
    r"\b(?:fatal\s+shootings?|shooting\s+deaths?|homicides?|(?<!attempted\s)murder(?:ed)?|"
    r"slaying)\b",
    re.IGNORECASE,
)


def _fatal_named(event: Event) -> Event:
    """An event told as a death ("a fatal shooting") whose only victims are named as shot ("Roe
    was shot in the stomach"): the victims shot are the dead the event is about."""
    if event.fatalities is not None or not (0 < _value(event.injured) <= _DIED_LATER):
        return event
    if INJURED_NAMED not in event.flags and INJURED_SHOT not in event.flags:
        return event
    if not any(_FATAL_NOUN.search(span.text) for span in event.evidence):
        return event
    return replace(event, fatalities=event.injured, injured=None)


def _larger(a: Count | None, b: Count | None) -> Count | None:
    if a is None or a.value is None:
        return b if b is not None else a
    if b is None or b.value is None:
        return a
    return b if b.value > a.value else a


#: A sentence further than this (characters) from an event's first sentence is of that event
#: only when the same town names both (about three short news paragraphs): measured from the
#: first sentence, so a chain of restatements cannot creep through a long article.
MERGE_CHARS = 1200
#: Flag of an event whose injured were named one by one ("a woman was shot"), not counted.
INJURED_NAMED = "injured_named_victims"
#: Flag of an event whose injured are a count of all the people shot ("Both were shot"), which
#: includes any dead a toll in another sentence names.
INJURED_SHOT = "injured_counted_shot"


def _value(count: Count | None) -> int:
    return count.value or 0 if count is not None else 0


def _combined_injured(kept: Event, new: Event) -> Count | None:
    """The injured of two reports of one event: a victim named again after a death toll is
    the same victim, and one named as shot and then reported dead is no longer injured."""
    shot_later = INJURED_NAMED in new.flags or INJURED_SHOT in new.flags
    if shot_later and new.injured is not None and _value(kept.fatalities) > 0:
        # "Two men were killed ... Both were shot", "A man was shot dead ... He was shot in the
        # chest": those named or counted as shot include the dead already told.
        return _larger(kept.injured, _less_dead(new.injured, _value(kept.fatalities)))
    hurt, dead = _value(kept.injured), _value(new.fatalities)
    shot_first = INJURED_NAMED in kept.flags or INJURED_SHOT in kept.flags
    if shot_first and kept.fatalities is None and 0 < dead <= hurt:
        return Count(
            hurt - dead, hurt - dead, hurt - dead, kept.injured.text if kept.injured else ""
        )
    return _larger(kept.injured, new.injured)


def _less_dead(shot: Count, dead: int) -> Count | None:
    """Those shot and not killed, from a count of all the people shot (``None``: none left)."""
    n = _value(shot) - dead
    return Count(n, n, n, shot.text) if n > 0 else None


def _combine(kept: Event, new: Event, text: str = "") -> Event:
    return replace(
        kept,
        evidence=kept.evidence + new.evidence,
        status=min(kept.status, new.status, key=_STATUS_ORDER.index),
        fatalities=_larger(kept.fatalities, new.fatalities),
        injured=_combined_injured(kept, new),
        arrested=_larger(kept.arrested, new.arrested),
        crowd_size=_larger(kept.crowd_size, new.crowd_size),
        date=kept.date or new.date,
        time_precision=kept.time_precision if kept.date else new.time_precision,
        date_text=kept.date_text or new.date_text,
        location=_finer_place(kept.location, new.location, text),
        actor1=kept.actor1 or new.actor1,
        actor2=kept.actor2 or new.actor2,
        flags=tuple(dict.fromkeys(kept.flags + new.flags)),
    )


__all__ = ["QUAD_CLASS", "EventCoder", "EventDate", "EventsOptions"]
