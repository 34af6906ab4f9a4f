"""Actors in ACLED's naming style, with inter codes, and the PLOVER actor/recipient entities.

Read from one clause's tokens and entities: a force noun ("forces", "troops", "police",
"gunmen", "protesters", "civilians") and the country that modifies it ("Russian forces",
"forces of Ukraine"), or a named organisation that is the subject of the clause. ACLED names
state forces "Military Forces of <Country>" (ACLED appends the ruling period, e.g. "(2000-)",
which depends on ACLED's own regime table; frontwire appends it only for the periods listed in
:data:`REGIME_PERIODS`), victims "Civilians (<Country>)", unnamed attackers "Unidentified Armed
Group (<Country>)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from frontwire.lexicon.speech import SPEECH_VERBS
from frontwire.places.countries import CountryTable

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

#: ACLED's ruling periods for the state forces most often coded (ACLED codebook actor list).
REGIME_PERIODS: dict[str, str] = {
    "RU": "2000-", "UA": "2019-", "SY": "2000-", "US": "2021-", "IL": "2022-", "AF": "2021-",
    "IQ": "2022-", "NG": "2023-", "ML": "2021-", "SD": "2019-", "MM": "2021-", "YE": "2017-",
    "SO": "2022-", "ET": "2018-", "TR": "2002-", "IN": "2014-", "PK": "2022-", "CD": "2019-",
}  # fmt: skip

# The subject of a reporting verb is the source of the report, not an actor in the event: the
# shared speech verbs, plus the verbs of estimating and accusing that only reports use.
_SPEECH = SPEECH_VERBS | {"estimate", "accuse", "believe"}

#: Maximum actors kept per side (ACLED's associated actors); more are counted and flagged.
MAX_ASSOCIATED = 5

_KINDS: tuple[tuple[str, int, str, re.Pattern[str]], ...] = tuple(
    (kind, inter, sector, re.compile(rf"\b(?:{words})\b", re.IGNORECASE))
    for kind, inter, sector, words in (
        ("police", 1, "POL", r"police(?:men|\s+officers)?|riot\s+police|gendarme\w*|"
                             r"security\s+officers"),
        ("military", 1, "MIL", r"forces|troops|army|military|soldiers|servicemen|"
                               r"artillery|warplanes?|jets|air\s+force|navy|marines|"
                               r"paratroopers|occupiers|invaders|battalion|brigade"),
        ("armed_group", 2, "REB", r"gunmen|militants|insurgents|rebels|jihadists?|"
                                  r"terrorists|attackers|fighters|militiam[ae]n|bandits|"
                                  r"separatists|armed\s+men|assailants"),
        ("protesters", 6, "OPP", r"protesters|demonstrators|activists|marchers|strikers"),
        ("rioters", 5, "OPP", r"rioters|mob|looters"),
        ("civilians", 7, "CVL", r"civilians|residents|villagers|children|women|people|"
                                r"passengers|farmers|worshippers|journalists|family|"
                                r"students|pupils|patients|refugees|a\s+man|a\s+woman|"
                                r"an?\s+elderly|a\s+boy|a\s+girl|homes?|houses?|hospitals?|"
                                r"schools?"),
    )
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Actor:
    """One side of an event."""

    name: str  # ACLED naming style
    inter: int
    kind: str
    country_code: str | None
    sector: str
    text: str
    start: int
    end: int
    cluster_id: str | None = None

    def plover(self, alpha3: str | None) -> dict[str, Any]:
        """The PLOVER entity: ``{code, sector, entity_text, cluster_id}``."""
        return {
            "code": alpha3,
            "sector": self.sector,
            "entity_text": self.text,
            "cluster_id": self.cluster_id,
        }


def acled_name(kind: str, country: str | None, code: str | None) -> str:
    """ACLED's name for an unnamed actor of ``kind`` from ``country``."""
    place = country or "International"
    if kind == "military":
        period = REGIME_PERIODS.get(code or "")
        return f"Military Forces of {place}" + (f" ({period})" if period else "")
    if kind == "police":
        period = REGIME_PERIODS.get(code or "")
        return f"Police Forces of {place}" + (f" ({period})" if period else "")
    label = {
        "armed_group": "Unidentified Armed Group",
        "protesters": "Protesters",
        "rioters": "Rioters",
        "civilians": "Civilians",
    }[kind]
    return f"{label} ({place})"


def find_actors(
    sent: SpacySpan,
    gazetteer: CountryTable,
    default_country: str | None,
    cluster_of: dict[tuple[int, int], str] | None = None,
    ents: list[SpacySpan] | None = None,
) -> tuple[list[Actor], int]:
    """The actors of a clause, in text order, one per distinct ACLED name, and how many more
    were dropped past :data:`MAX_ASSOCIATED` per kind.

    Args:
        sent: the clause (a spaCy span of the article's Doc).
        gazetteer: country look-ups.
        default_country: alpha-2 code of the event's country, for unnamed civilians etc.
        cluster_of: entity cluster ids by (start, end) character offsets, from the quotes stage.
        ents: the clause's named entities, if already at hand (else ``sent.ents``).
    """
    text = sent.text
    base = sent.start_char
    found: dict[str, Actor] = {}
    spans: list[tuple[int, int]] = []
    for kind, inter, sector, pattern in _KINDS:
        for match in pattern.finditer(text):
            start, end = base + match.start(), base + match.end()
            if any(s <= start < e for s, e in spans):
                continue
            token = sent.doc.char_span(start, end, alignment_mode="expand")
            if token is not None and _is_speaker(token.root):
                continue  # "..., police said": who says so, not a side of the event
            code = _country_near(sent, match.start(), match.end(), gazetteer)
            if kind in ("military", "police") and code is None:
                code = None if kind == "military" else default_country
            if kind in ("civilians", "protesters", "rioters", "armed_group") and code is None:
                code = default_country
            country = gazetteer.country(code)
            name = acled_name(kind, country.name if country else None, code)
            if kind in ("military", "police") and code is None:
                name = f"{'Military' if kind == 'military' else 'Police'} Forces (unidentified)"
            spans.append((start, end))
            found.setdefault(
                name,
                Actor(name, inter, kind, code, sector, match.group(0), start, end),
            )
    for ent in sent.ents if ents is None else ents:
        if ent.label_ != "ORG":
            continue
        head = ent.root
        if head.head.lemma_ in _SPEECH or head.head.text.lower() == "to":
            continue  # who says so ("the ministry estimated"), the source rather than an actor
        if head.dep_ not in ("nsubj", "nsubjpass", "pobj", "dobj", "agent", "compound"):
            continue
        name = ent.text.removeprefix("the ").strip()
        if gazetteer.city(name) or gazetteer.country_code(name):
            continue  # a place the tagger took for an organisation
        cluster = (cluster_of or {}).get((ent.start_char, ent.end_char))
        found.setdefault(
            name,
            Actor(name, 2, "named", default_country, "REB", ent.text, ent.start_char,
                  ent.end_char, cluster),
        )  # fmt: skip
    ordered = sorted(found.values(), key=lambda a: a.start)
    dropped = max(0, len(ordered) - 2 * (MAX_ASSOCIATED + 1))
    return ordered[: 2 * (MAX_ASSOCIATED + 1)], dropped


def _is_speaker(token: Any) -> bool:
    head = token.head
    if token.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in _SPEECH:
        return True
    # "according to police"
    return bool(token.dep_ == "pobj" and head.text.lower() == "to" and head.i > 0
                and head.nbor(-1).text.lower() == "according")  # fmt: skip


def _country_near(sent: SpacySpan, start: int, end: int, gazetteer: CountryTable) -> str | None:
    # "Russian forces", "Russia's army", "the Ukrainian armed forces": up to three words before;
    # "forces of Ukraine", "troops from Russia": two words after.
    before = sent.text[max(0, start - 40) : start].split()[-3:]
    for word in reversed(before):
        code = gazetteer.country_code(word.strip(",.;:()\"'"))
        if code:
            return code
    after = re.match(r"\s+(?:of|from)?\s*(?:the\s+)?([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)",
                     sent.text[end : end + 40])  # fmt: skip
    if after and re.match(r"\s+(?:of|from)\s", sent.text[end : end + 8]):
        return gazetteer.country_code(after.group(1))
    return None


def pair(
    actors: list[Actor], event_type: str | None = None
) -> tuple[Actor | None, Actor | None, list[Actor], list[Actor]]:
    """ACLED's actor1, actor2 and their associated actors.

    The perpetrator side (state forces, armed groups, named organisations) comes first, and in
    protests and riots the protesters or rioters; civilians are always on the other side, the
    target of one-sided violence. An actor of another country, or of another kind (police
    against protesters), is actor2; one of the same kind and country is associated.
    """
    sides = [a for a in actors if a.kind != "civilians"]
    if event_type in ("Protests", "Riots"):
        sides.sort(key=lambda a: a.kind not in ("protesters", "rioters"))
    victims = [a for a in actors if a.kind == "civilians"]
    actor1 = sides[0] if sides else None
    rest = sides[1:]
    opponents = [
        a
        for a in rest
        if actor1 is None or a.country_code != actor1.country_code or a.inter != actor1.inter
    ]
    allies = [a for a in rest if a not in opponents]
    if opponents:
        actor2: Actor | None = opponents[0]
        assoc2 = opponents[1:] + victims
    else:
        actor2 = victims[0] if victims else None
        assoc2 = victims[1:]
    return actor1, actor2, allies[:MAX_ASSOCIATED], assoc2[:MAX_ASSOCIATED]


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first; one actor alone is ``10*x``."""
    if inter1 is None and inter2 is None:
        return None
    if inter1 is None or inter2 is None:
        return 10 * (inter1 or inter2 or 0)
    low, high = sorted((inter1, inter2))
    return 10 * low + high
