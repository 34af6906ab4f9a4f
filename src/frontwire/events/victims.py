"""Victims counted from the dependency parse when no number phrase gives the count.

"Patrick Smith was killed", "he died", "a gunman shot and wounded the driver", "the mayor and
her aide were shot dead": a named or singular victim of a harm verb counts one, each conjunct
one more; a victim with a number the parse attaches to it ("four students from the faculty
were killed", too far from the verb for the patterns of :mod:`frontwire.events.numbers`)
counts that number. Who is the victim comes from the parse: the passive subject ("X was
killed"), the object ("killed X"), or the subject of "die"; a verb joined to another by "and"
("was shot and killed") shares its subject. A victim of "shoot" or "stab" who is not also a
victim of a killing verb is injured (the Gun Violence Database's reading: shot and not killed
is injured).

A plural victim with no number ("soldiers were killed") gives no count: the number is unknown,
and an invented one would be worse than none. Negated verbs ("nobody was killed", "was not
hurt") count nothing here; :mod:`frontwire.events.numbers` reads "no one" as zero.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from frontwire.events.numbers import QUANTITY, read_quantity

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_KILL = frozenset(
    {"kill", "murder", "assassinate", "execute", "behead", "slay", "lynch", "die", "massacre"}
)
_WOUND = frozenset({"injure", "wound", "hurt", "shoot", "stab", "hospitalize", "hospitalise"})
# Words beside "shot" that make it fatal: "shot dead", "fatally shot", "shot to death".
_FATAL = frozenset({"dead", "fatally", "death"})
_PRONOUNS_ONE = frozenset({"he", "she", "him", "her"})
# Nouns a parse may make the subject of "killed" that name the event, not a victim ("the train
# crash: twelve people are killed", "the West Bank shooting, 4 civilians were killed").
_EVENT_NOUNS = frozenset(
    {"attack", "shooting", "bombing", "blast", "explosion", "crash", "ambush", "raid",
     "massacre", "incident", "fire", "clash", "fighting", "violence", "strike", "assault",
     "siege", "shootout", "firefight", "gunfight", "battle", "operation", "riot", "unrest"}
)  # fmt: skip
# Entity types of numbers that count no one ("2018 Asdira bombing", "route 60").
_NOT_COUNTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
# Stems of harm words: a conjunct after one of them belongs to another verb ("kills three and
# wounds at least eleven").
_HARM_STEMS = ("kill", "wound", "injur", "hurt", "die", "dead", "death", "shot", "stabb")
_NOT_PEOPLE = frozenset({"it", "that", "which", "this", "what", "who"})
_QUANTITY = re.compile(QUANTITY, re.IGNORECASE)
#: A sentence naming more victims than this is a list, not one event's toll: no count.
MAX_LISTED = 20


def _role(verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    if verb.lower_ == "shooting" and verb.i > 0 and verb.nbor(-1).pos_ in ("NOUN", "PROPN"):
        return None  # "barbershop shooting | News": the event's name, not a verb with victims
    if lemma == "shoot" and any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children):
        return None  # "13 of the drones were shot down": aircraft, not people
    if lemma == "shoot" and any(
        c.lower_ in _FATAL or (c.dep_ == "prep" and any(g.lower_ == "death" for g in c.children))
        for c in verb.children
    ):
        return "killed"
    if lemma in _KILL:
        return "killed"
    if lemma in _WOUND:
        return "injured"
    return None


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _reduced_passive(verb: Token) -> bool:
    # "man shot and killed by his brother" (a headline), "a teen killed in a shooting": a past
    # participle with no auxiliary reads as passive, so its subject is the victim.
    if verb.tag_ != "VBN" or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    return verb.dep_ in ("ROOT", "conj", "acl", "advcl", "ccomp", "relcl")


def _victims_of(verb: Token) -> list[Token]:
    lemma = verb.lemma_.lower()
    passive = _reduced_passive(verb)
    if lemma == "die":
        wanted: tuple[str, ...] = ("nsubj",)
    elif passive:
        wanted = ("nsubjpass", "nsubj")
    else:
        wanted = ("nsubjpass", "dobj")
    found = [c for c in verb.children if c.dep_ in wanted]
    if not found and verb.dep_ == "acl" and passive:
        found = [verb.head]  # "a teen killed in a shooting"
    if not found and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        # "was shot and killed": the second verb shares the first one's subject.
        head_deps = ("nsubjpass", "nsubj") if lemma == "die" or passive else ("nsubjpass",)
        if _reduced_passive(verb.head):
            head_deps = ("nsubjpass", "nsubj")
        found = [c for c in verb.head.children if c.dep_ in head_deps]
    # "a man who was shot", "Jon Roe, 51, who was shot and killed": the relative pronoun (the
    # subject of the relative clause, or of the verb it shares) stands for the noun the clause
    # describes.
    found = [
        t.head.head if t.lower_ in ("who", "that") and t.head.dep_ == "relcl" else t for t in found
    ]
    out: list[Token] = []
    for token in found:
        if out and not _same_victims(verb, out[0], token):
            continue  # "kills six and injures 1000 people": the second object is another verb's
        out.append(token)
        out.extend(c for c in token.conjuncts if c.i > token.i and _same_victims(verb, token, c))
    if out:
        # "was killed along with X", "died together with two passengers": X shares the fate.
        out.extend(g for w in _along_with(verb) for g in w.children if g.dep_ == "pobj")
    return out


def _along_with(verb: Token) -> list[Token]:
    # "along with" / "together with": "with" under "along" or beside "together" on the verb.
    out: list[Token] = []
    for child in verb.children:
        if child.lower_ in ("along", "together"):
            out.extend(w for w in child.children if w.lower_ == "with" and w.dep_ == "prep")
            nxt = child.nbor(1) if child.i + 1 < len(child.doc) else None
            if nxt is not None and nxt.lower_ == "with" and nxt.head == verb:
                out.append(nxt)
    return out


def _same_victims(verb: Token, victim: Token, conjunct: Token) -> bool:
    """Whether ``conjunct``, joined to ``victim`` by the parse, is a victim of the same verb:
    not when a harm word stands between them ("kills three and wounds eleven"), nor when a
    verb follows an object's conjunct ("killed four soldiers and four others were wounded":
    the others are the subject of a clause of their own)."""
    doc = victim.doc
    if any(t.lower_.startswith(_HARM_STEMS) for t in doc[victim.i + 1 : conjunct.i + 1]):
        return False
    after = conjunct.right_edge.i + 1
    return not (victim.i > verb.i and after < len(doc) and doc[after].pos_ in ("AUX", "VERB"))


# Verbs that carry someone to hospital ("was taken to hospital", "sends 1 person to the
# hospital") and nouns of a wound ("a man with a gunshot wound", "found with stab wounds").
_CARRY = frozenset({"take", "bring", "transport", "rush", "airlift", "send", "carry", "drive"})
_WOUNDS = frozenset({"wound", "injury"})


def _cared_for(token: Token) -> list[Token]:
    """People the parse shows hurt without a harm verb: carried to a hospital by ``token``, or
    found or brought in with a wound (the Gun Violence Database counts the hospitalised as
    injured). A weak sign: it counts only when the sentence names no one killed."""
    if token.pos_ not in ("VERB", "AUX") or _negated(token):
        return []
    preps = [c for c in token.children if c.dep_ == "prep"]
    to_hospital = token.lemma_.lower() in _CARRY and any(
        p.lower_ == "to" and any("hospital" in g.lower_ for g in p.subtree) for p in preps
    )
    wounded = any(
        p.lower_ == "with" and any(g.lemma_.lower() in _WOUNDS for g in p.children) for p in preps
    )
    if not (to_hospital or wounded):
        return []
    wanted = ("nsubjpass", "dobj") if token.lemma_.lower() != "arrive" else ("nsubj",)
    return [c for c in token.children if c.dep_ in wanted]


def _with_wound(token: Token) -> bool:
    # "a man with a gunshot wound": a person noun carrying the wound itself.
    return token.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "prep"
        and c.lower_ == "with"
        and any(g.lemma_.lower() in _WOUNDS for g in c.children)
        for c in token.children
    )


def _dead_victims(token: Token) -> list[Token]:
    # "was found dead", "is dead after a shooting": "dead" said of the subject.
    if token.lower_ != "dead" or token.dep_ not in ("acomp", "oprd", "xcomp", "advcl"):
        return []
    head = token.head
    if _negated(head):
        return []
    found = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    # "Fourteen soldiers and ten rebels are dead": every conjunct of the subject.
    return [*found, *(c for t in found for c in t.conjuncts if c.i > t.i)]


_ANOTHER = frozenset({"another", "other", "second", "third", "fellow"})
_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
# How many words a count may stand before its noun ("at least 21 Iraqi army soldiers"); a number
# further off belongs to another phrase the parser ran together with this one (a headline).
_COUNT_REACH = 5


def _count_of(token: Token) -> int | None:
    """How many people ``token`` names: the number the parse attaches to it ("four students
    from the faculty"), one for a named or singular person, ``None`` when unknown.

    A conjunct noun with neither a number nor a determiner counts no one: "202 people, mostly
    tourists and hotel staff" describes the 202, "four soldiers and a police officer" adds one.
    """
    for child in token.children:
        # A count comes before its noun; a number after a name is an age ("Ann Roe, 67").
        if (
            child.dep_ == "nummod"
            and child.ent_type_ not in _NOT_COUNTS
            and 0 < token.i - child.i <= _COUNT_REACH
        ):
            phrase = token.doc[child.left_edge.i : child.i + 1].text
            match = _QUANTITY.fullmatch(phrase.strip())
            count = read_quantity(match) if match else None
            return count.value if count is not None else None
    if token.ent_type_ in _NOT_COUNTS or token.lemma_.lower() in _EVENT_NOUNS:
        return None
    if not (token.is_alpha or token.like_num):
        return None  # a stray "." the parser made a subject ("Smith Sr. ... died")
    if token.like_num or token.tag_ == "CD":
        # "7 of his family", "one of his relatives": the number is the head of its phrase.
        phrase = token.doc[token.left_edge.i : token.i + 1].text
        match = _QUANTITY.fullmatch(phrase.strip())
        count = read_quantity(match) if match else None
        return count.value if count is not None else None
    lower = token.lower_
    if lower in _PRONOUNS_ONE:
        return 1
    if lower in _NOT_PEOPLE or token.pos_ == "PRON":
        return None
    if token.ent_type_ == "PERSON":
        return 1
    if token.dep_ == "conj" and not any(c.dep_ in ("det", "poss") for c in token.children):
        return None
    # A name the model tags as an organisation and that is the passive subject of a harm verb
    # is mostly a person's the model does not know ("Jassely Lupoe ... was shot and killed");
    # as an active subject it is the attacker ("Taliban shot dead three ...").
    if token.tag_ == "NNP" and token.ent_type_ == "ORG" and token.dep_ == "nsubjpass":
        return 1
    if token.tag_ in ("NN", "NNP") and token.ent_type_ in ("", "PERSON", "NORP"):
        return 1
    return None


def victim_counts(sent: Span) -> dict[str, int]:
    """``{"killed": n, "injured": m}`` for the victims the parse names one by one in ``sent``.

    A slot is present only when at least one victim was counted for it.
    """
    return {role: n for role, (n, _) in victim_tally(sent).items()}


def victim_tally(sent: Span) -> dict[str, tuple[int, int]]:
    """:func:`victim_counts` with, for each slot, how many victim phrases were summed: "21
    militants and 9 soldiers were killed" is ``{"killed": (30, 2)}``, a sum a number phrase
    read alone ("21 militants") misses."""
    roles: dict[int, str] = {}
    sizes: dict[int, int] = {}
    tokens: dict[int, Token] = {}
    for verb in sent:
        for victim in _dead_victims(verb):
            n = _count_of(victim)
            if n is not None:
                roles[victim.i], sizes[victim.i], tokens[victim.i] = "killed", n, victim
        cared = _cared_for(verb) + ([verb] if _with_wound(verb) else [])
        for victim in cared:
            n = _count_of(victim)
            inside = sent.start <= victim.i < sent.end
            if n is not None and inside and victim.i not in roles:
                roles[victim.i], sizes[victim.i], tokens[victim.i] = "cared", n, victim
        if verb.pos_ not in ("VERB", "AUX") or _negated(verb):
            continue
        role = _role(verb)
        if role is None:
            continue
        for victim in _victims_of(verb):
            n = _count_of(victim)
            if n is not None and roles.get(victim.i) != "killed":
                roles[victim.i], sizes[victim.i], tokens[victim.i] = role, n, victim
        if len(roles) > MAX_LISTED:
            return {}
    # "shot him ... and killed him", "died after he was shot": a pronoun names a person the
    # sentence already counts, so pronouns of one gender count once, killed before injured.
    seen: set[str] = set()
    for i in sorted(roles, key=lambda i: roles[i] != "killed"):
        gender = _GENDER.get(tokens[i].lower_)
        if gender is None:
            continue
        if gender in seen or ("killed" in roles.values() and roles[i] == "injured"):
            del roles[i]
        else:
            seen.add(gender)
    # The same name twice is one person ("Ann Roe - Report\n\nAnn Roe, 67, died").
    names: set[str] = set()
    for i in sorted(roles):
        if tokens[i].pos_ == "PROPN":
            if tokens[i].text in names:
                del roles[i]
            names.add(tokens[i].text)
    # "Man injured in shooting | Outlet  A man was hospitalized", "a person shot ... found a person
    # shot": the same singular noun under two harm words of one slot is one person told twice
    # (a headline run into the first sentence, or a restatement).
    nouns: set[tuple[str, str]] = set()
    for i in sorted(roles):
        token = tokens[i]
        # A headline's title case makes "Man" a proper noun with no entity type.
        common = token.pos_ == "NOUN" or (token.pos_ == "PROPN" and not token.ent_type_)
        # A conjunct or "another soldier" is a second person by its wording.
        other = token.dep_ == "conj" or any(
            c.dep_ == "nummod" or c.lower_ in _ANOTHER for c in token.children
        )
        if not common or sizes[i] != 1 or other:
            continue
        key = (roles[i], token.lemma_.lower())
        if key in nouns:
            del roles[i]
        nouns.add(key)
    # "a man shot dead by police ... when he died": a pronoun beside a victim named in the
    # same slot is that victim again.
    named = {roles[i] for i in roles if tokens[i].lower_ not in _GENDER}
    for i in [i for i in roles if tokens[i].lower_ in _GENDER and roles[i] in named]:
        del roles[i]
    out: dict[str, tuple[int, int]] = {}
    for i, role in roles.items():
        n, groups = out.get(role, (0, 0))
        out[role] = (n + sizes[i], groups + 1)
    hospital = out.pop("cared", None)
    if hospital is not None and "killed" not in out and "injured" not in out:
        out["injured"] = hospital  # "taken to hospital, where he died" is no injured victim
    return out
