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
_NOT_PEOPLE = frozenset({"it", "that", "which", "this", "what", "who"})
_QUANTITY = re.compile(QUANTITY, re.IGNORECASE)
#: A sentence naming more victims than this is a list, not one event's toll: no count.
MAX_LISTED = 20


def _role(verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
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
    out: list[Token] = []
    for token in found:
        out.append(token)
        out.extend(c for c in token.conjuncts if c.i > token.i)
    return out


def _dead_victims(token: Token) -> list[Token]:
    # "was found dead", "is dead after a shooting": "dead" said of the subject.
    if token.lower_ != "dead" or token.dep_ not in ("acomp", "oprd", "xcomp", "advcl"):
        return []
    head = token.head
    if _negated(head):
        return []
    return [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]


_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}


def _count_of(token: Token) -> int | None:
    """How many people ``token`` names: the number the parse attaches to it ("four students
    from the faculty"), one for a named or singular person, ``None`` when unknown."""
    for child in token.children:
        if child.dep_ == "nummod":
            phrase = token.doc[child.left_edge.i : child.i + 1].text
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
    if token.tag_ in ("NN", "NNP") and token.ent_type_ in ("", "PERSON", "NORP"):
        return 1
    return None


def victim_counts(sent: Span) -> dict[str, int]:
    """``{"killed": n, "injured": m}`` for the victims the parse names one by one in ``sent``.

    A slot is present only when at least one victim was counted for it.
    """
    roles: dict[int, str] = {}
    sizes: dict[int, int] = {}
    tokens: dict[int, Token] = {}
    for verb in sent:
        for victim in _dead_victims(verb):
            n = _count_of(victim)
            if n is not None:
                roles[victim.i], sizes[victim.i], tokens[victim.i] = "killed", n, victim
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
    out: dict[str, int] = {}
    for i, role in roles.items():
        out[role] = out.get(role, 0) + sizes[i]
    return out
