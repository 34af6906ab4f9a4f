"""Attributed speech from the dependency parse: cue, content, speaker and status.

A reporting verb (or "according to") is the cue; its clausal complement, or the clause it is
attached to ("X happened, officials said"), is the content; its subject (or the agent of a
passive, or the object of "according to") is the source. Cue words and constructions were
chosen from the cues of PolNeAR's training file (said 4k, says, according to, told, added,
wrote, ...); its development file was not read to choose them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from frontwire.records import QuoteStatus, SpeakerKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Verbs whose subject says or asserts their complement, with or without "that" and also when
# attached to the clause they report ("X, he said").
SPEECH = frozenset(
    ["say", "tell", "add", "write", "state", "claim", "insist", "warn", "announce", "confirm",
     "deny", "admit", "acknowledge", "assert", "contend", "maintain", "allege", "argue",
     "explain", "note", "report", "reply", "respond", "tweet", "declare", "testify", "concede",
     "stress", "emphasize", "emphasise", "observe", "remark", "recall", "complain", "caution",
     "predict", "estimate", "reveal", "disclose", "mention", "indicate", "repeat", "reiterate",
     "suggest", "continue", "quip", "joke", "boast", "vow", "pledge", "promise", "threaten",
     "agree", "conclude", "counter", "retort", "post", "point", "exclaim", "shout", "scream",
     "charge", "yell", "interject", "dub", "chant", "scoff", "whisper", "ask", "wonder"]
)  # fmt: skip
# Verbs of belief and finding: a claim only with a clausal complement ("believes that ...").
COGNITION = frozenset(
    ["believe", "think", "feel", "fear", "hope", "expect", "know", "find", "show", "suggest",
     "reckon", "suspect", "doubt", "guess", "speculate", "worry", "understand", "learn",
     "assume", "consider", "calculate", "forecast", "project", "imply", "demonstrate", "prove",
     "seem", "appear"]
)  # fmt: skip
# Verbs whose direct object is the claim ("denied the report", "announced a ceasefire").
OBJECT_CONTENT = frozenset(
    ["announce", "confirm", "deny", "reject", "dismiss", "reveal", "propose", "predict",
     "estimate", "acknowledge", "report", "describe", "call", "urge", "demand", "accuse",
     "blame", "criticize", "criticise", "praise", "defend", "endorse", "question", "dispute",
     "refute", "want", "support", "back", "oppose", "thank", "mock", "refuse", "decline",
     "express", "discuss", "cite", "condemn", "welcome", "applaud", "slam", "recommend", "favor",
     "favour", "prefer", "insist"]
)  # fmt: skip
# Verbs whose infinitive (with its object, if any) is the claim: "told residents not to drink
# the water", "urged Congress to act", "refused to comment".
INFINITIVE_CONTENT = frozenset(
    [
        "ask",
        "tell",
        "urge",
        "want",
        "seek",
        "refuse",
        "plan",
        "promise",
        "vow",
        "pledge",
        "threaten",
        "call",
        "decline",
        "offer",
        "agree",
        "hope",
        "expect",
        "demand",
        "encourage",
        "press",
        "push",
        "invite",
        "warn",
        "advise",
        "order",
        "beg",
        "challenge",
    ]
)
# Verbs whose prepositional object is what the source talks about or takes a stand on:
# "talked about the tax plan", "apologized for the incident", "voted for the resolution".
PREP_CONTENT: dict[str, frozenset[str]] = {
    verb: frozenset({"about", "on", "for", "to", "against", "of", "over"})
    for verb in [
        "talk",
        "speak",
        "focus",
        "apologize",
        "apologise",
        "point",
        "vote",
        "comment",
        "testify",
        "complain",
        "write",
        "ask",
        "argue",
        "campaign",
        "push",
        "call",
        "rail",
        "lash",
        "weigh",
    ]
}
CUES = SPEECH | COGNITION | OBJECT_CONTENT | INFINITIVE_CONTENT | frozenset(PREP_CONTENT)

STATUS_BY_CUE: dict[str, QuoteStatus] = {
    **dict.fromkeys(["deny", "reject", "dismiss", "refute", "dispute", "doubt"], "denied"),
    **dict.fromkeys(
        ["estimate", "predict", "forecast", "project", "expect", "calculate", "reckon"],
        "estimated",
    ),
    **dict.fromkeys(
        [
            "believe",
            "think",
            "feel",
            "suggest",
            "suspect",
            "speculate",
            "guess",
            "claim",
            "allege",
            "appear",
            "seem",
            "hope",
            "fear",
            "imply",
            "indicate",
            "assume",
            "wonder",
        ],
        "hedged",
    ),
}
_HEDGES = frozenset({"may", "might", "could", "possibly", "perhaps", "reportedly", "allegedly"})
_CONDITIONAL = frozenset({"if", "unless", "whether"})
# Heads of a source phrase that make it an organisation rather than a person or group.
ORG_NOUNS = frozenset(
    ["ministry", "government", "administration", "agency", "office", "department", "committee",
     "campaign", "report", "statement", "poll", "survey", "study", "court", "army", "police",
     "military", "company", "newspaper", "council", "parliament", "congress", "senate",
     "commission", "party", "institute", "organization", "organisation", "group", "network",
     "paper", "magazine", "website", "service", "command", "force", "forces", "centre", "center",
     "bureau", "university", "union", "kremlin", "pentagon", "white", "house"]
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Attribution:
    """One cue with what it attributes, in token offsets (end exclusive) of the Doc."""

    cue_start: int
    cue_end: int
    content_start: int
    content_end: int
    source: Token | None
    status: QuoteStatus

    @property
    def bare(self) -> bool:
        """A speech verb with a subject but no content of its own ('Kelly said, "..."'): it
        can only attribute a marked quote next to it."""
        return self.content_end <= self.content_start


_DEFAULT_PREPS = frozenset({"about", "on", "for", "to", "against", "of", "over"})


def find_attributions(
    doc: Doc,
    skip: Callable[[int], bool],
    learned: frozenset[str] = frozenset(),
    detector: Callable[[Token], bool] | None = None,
) -> list[Attribution]:
    """Every attribution the parse shows; ``skip(char_offset)`` marks boilerplate.

    ``learned`` holds further cue lemmas (learned from training data, see
    ``scripts/train_quote_cues.py``); their content is found like that of the verbs listed
    here: a clause, an infinitive, an object or a prepositional object. ``detector``, when
    given, is a learned per-token test (``cuemodel.CueModel.is_cue``) that marks further
    verbs as learned cues."""
    out: list[Attribution] = []
    for token in doc:
        if token.text == ":" and not skip(token.idx):
            found = _colon(doc, token)
            if found is not None:
                out.append(found)
            continue
        if token.pos_ not in ("VERB", "AUX") and token.lower_ != "according":
            continue
        if skip(token.idx):
            continue
        if token.lower_ == "according":
            found = _according(doc, token)
        elif token.pos_ == "VERB":
            lemma = token.lemma_.lower()
            is_learned = lemma in learned or (detector is not None and detector(token))
            if lemma not in CUES and not is_learned:
                continue
            found = _verb(doc, token, is_learned)
        else:
            continue
        if found is not None and (found.bare or found.content_end - found.content_start >= 2):
            out.append(found)
    return out


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation and conjunctions at either end of a content span."""
    while start < end and (doc[start].is_punct or doc[start].dep_ == "cc"):
        if doc[start].is_quote:
            break
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        if doc[end - 1].is_quote and end - 1 > start:
            break
        end -= 1
    return start, end


# Entity types that cannot say anything: the parse sometimes makes a live blog's timestamp
# ("9:30 p.m. Trump says ...") or a date the subject of the cue.
_NOT_SOURCES = frozenset({"TIME", "DATE"})  # not CARDINAL or PERCENT: "52 percent said"


def _subject(verb: Token) -> Token | None:
    found = _subject_token(verb)
    if found is not None and found.ent_type_ in _NOT_SOURCES and found.head is verb:
        return None
    return found


def _subject_token(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            if child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                return verb.head  # "a report ..., which estimated": the report
            return child
    for child in verb.children:
        if child.dep_ == "agent":  # "was said by X"
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    # "He smiled and said ...", "expected to say": the subject of the verb it hangs from.
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
        for child in verb.head.children:
            if child.dep_ == "nsubj":
                return child
    if verb.dep_ == "relcl":  # "a report ..., which estimated that"
        return verb.head
    return None


def _status(doc: Doc, cue: Token, start: int, end: int) -> QuoteStatus:
    lemma = cue.lemma_.lower()
    if any(child.dep_ == "neg" for child in cue.children) and lemma in SPEECH | COGNITION:
        return "denied"
    if lemma in STATUS_BY_CUE:
        return STATUS_BY_CUE[lemma]
    words = {t.lower_ for t in doc[start:end]}
    if any(
        t.dep_ == "mark" and t.lower_ in _CONDITIONAL for t in doc[start : min(end, start + 3)]
    ) or any(t.lower_ == "would" for t in cue.children):
        return "hypothetical"
    if words & _HEDGES:
        return "hedged"
    return "asserted"


def _verb(doc: Doc, verb: Token, learned: bool = False) -> Attribution | None:
    lemma = verb.lemma_.lower()
    comp = None
    for child in verb.children:
        if child.dep_ in ("ccomp", "csubj") and child.i != verb.i:
            comp = child
            break
    source = _subject(verb)
    if comp is None and (learned or lemma in COGNITION | INFINITIVE_CONTENT):
        xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
        if xcomp is not None and source is not None:
            obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < xcomp.i), None)
            start = obj.left_edge.i if obj is not None else xcomp.left_edge.i
            start, end = _trim(doc, start, xcomp.right_edge.i + 1)
            if end - start >= 2:
                return _make(doc, verb, start, end, source)
    if comp is not None:
        start, end = comp.left_edge.i, comp.right_edge.i + 1
        if start <= verb.i < end:
            # The complement wraps around the cue ("X, he said, Y"): keep the side after it.
            start = verb.i + 1
        start, end = _trim(doc, start, end)
        if end - start >= 2:
            return _make(doc, verb, start, end, source)
    # "X happened, officials said": the cue hangs off the clause it reports.
    if verb.dep_ in ("parataxis", "advcl", "ccomp") and lemma in SPEECH and source is not None:
        head = verb.head
        if verb.i > head.i:
            start, end = head.left_edge.i, verb.left_edge.i
        else:
            start, end = verb.right_edge.i + 1, head.right_edge.i + 1
        start, end = _trim(doc, start, end)
        if end - start >= 3:
            return _make(doc, verb, start, end, source)
    if learned or lemma in OBJECT_CONTENT:
        for child in verb.children:
            if child.dep_ == "dobj":
                start, end = child.left_edge.i, child.right_edge.i + 1
                if lemma in ("describe", "call"):
                    # "X described the attack as a provocation": the object and its "as".
                    for other in verb.children:
                        if other.dep_ in ("prep", "oprd") and other.i > child.i:
                            end = max(end, other.right_edge.i + 1)
                start, end = _trim(doc, start, end)
                if end - start >= 2 and source is not None:
                    return _make(doc, verb, start, end, source)
    preps = PREP_CONTENT.get(lemma, _DEFAULT_PREPS if learned else None)
    if preps is not None and source is not None:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in preps and child.i > verb.i:
                pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    start, end = _trim(doc, pobj.left_edge.i, pobj.right_edge.i + 1)
                    if end - start >= 1:
                        return _make(doc, verb, start, end, source)
    # Passive "X was said to ...", "is expected to ...": the subject and the infinitive.
    passive = _passive(doc, verb, source)
    if passive is not None:
        return passive
    if lemma in SPEECH and source is not None:
        return Attribution(verb.i, verb.i + 1, verb.i, verb.i, source, "asserted")
    return None


def _passive(doc: Doc, verb: Token, source: Token | None) -> Attribution | None:
    if any(c.dep_ == "auxpass" for c in verb.children):
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        if subj is not None and xcomp is not None:
            start, end = _trim(doc, subj.left_edge.i, xcomp.right_edge.i + 1)
            if end - start >= 3:
                return _make(doc, verb, start, end, source)
    return None


def _paragraph_clip(doc: Doc, verb: Token, start: int, end: int) -> tuple[int, int]:
    """Keep the content inside the cue's paragraph: a clause never runs over a paragraph
    break, though the small model's sentence split sometimes lets a subtree do so."""
    for i in range(verb.i - 1, start - 1, -1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            start = i + 1
            break
    for i in range(verb.i, end):
        if "\n" in doc[i].whitespace_ or ("\n" in doc[i].text and i > verb.i):
            end = i + 1 if "\n" in doc[i].whitespace_ else i
            break
    return _trim(doc, start, end)


def _make(doc: Doc, verb: Token, start: int, end: int, source: Token | None) -> Attribution:
    start, end = _paragraph_clip(doc, verb, start, end)
    cue_start, cue_end = verb.i, verb.i + 1
    # Keep particles and "for"/"on" of phrasal cues ("pointed out", "called for").
    for child in verb.children:
        if child.dep_ == "prt" and child.i == cue_end:
            cue_end += 1
    return Attribution(cue_start, cue_end, start, end, source, _status(doc, verb, start, end))


def _according(doc: Doc, token: Token) -> Attribution | None:
    """ "according to X", before or after the claim it attributes."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
        to = doc[token.i + 1]
    if to is None:
        return None
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    phrase_start, phrase_end = token.i, max(token.i, (source or to).right_edge.i) + 1
    head = token.head if token.head is not token else token
    sent = token.sent
    # The clause the phrase modifies, without the phrase.
    root = head
    while root.dep_ not in ("ROOT",) and root.head is not root and root.pos_ != "VERB":
        root = root.head
    lo, hi = root.left_edge.i, root.right_edge.i + 1
    lo, hi = max(lo, sent.start), min(hi, sent.end)
    if phrase_start - lo >= hi - phrase_end:
        start, end = lo, phrase_start
    else:
        start, end = phrase_end, hi
    start, end = _paragraph_clip(doc, token, start, end)
    if end - start < 3:
        return None
    status = _status(doc, token, start, end)
    return Attribution(token.i, to.i + 1, start, end, source, status)


def _colon(doc: Doc, colon: Token) -> Attribution | None:
    """Headline style "Trump: Clinton Is Unfit": a name opening its line, a colon, the claim."""
    line_start = colon.i
    while (
        line_start > 0
        and "\n" not in doc[line_start - 1].whitespace_
        and ("\n" not in doc[line_start - 1].text)
    ):
        line_start -= 1
    if colon.i - line_start > 5 or colon.i == line_start:
        return None
    names = [t for t in doc[line_start : colon.i] if t.ent_type_ in ("PERSON", "ORG", "NORP")]
    if not names or any(t.pos_ == "VERB" for t in doc[line_start : colon.i]):
        return None
    end = colon.i + 1
    while end < len(doc) and "\n" not in doc[end].text:
        if "\n" in doc[end].whitespace_:
            end += 1
            break
        end += 1
    start, end = _trim(doc, colon.i + 1, end)
    if end - start < 3:
        return None
    return Attribution(colon.i, colon.i + 1, start, end, names[-1], "asserted")


def speaker_kind(head: Token) -> SpeakerKind:
    """What a source phrase without a resolved name is: an organisation, a group or a person."""
    if head.lemma_.lower() in ORG_NOUNS or head.ent_type_ == "ORG":
        return "organisation"
    if head.tag_ in ("NNS", "NNPS") or head.ent_type_ == "NORP" or head.lower_ == "one":
        return "group"
    return "person"
