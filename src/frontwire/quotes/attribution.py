"""Attributed speech from the dependency parse: cue, content, speaker and status.

An attribution is a reporting frame: a speech or claim verb (or "according to", "reportedly")
is the cue; its clausal complement, a quotation, or the clause it is attached to ("X happened,
officials said") is the content; its subject (or the agent of a passive, or the object of
"according to") is the source, and the source must be able to speak (:func:`can_speak`). The
word lists live in :mod:`frontwire.lexicon.speech`; the constructions were chosen on the first
150 articles of PolNeAR's training file, never on its development file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from frontwire.lexicon import speech
from frontwire.records import QuoteStatus, SpeakerKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

STATUS_BY_CUE: dict[str, QuoteStatus] = {
    **dict.fromkeys(speech.DENIAL_VERBS, "denied"),
    **dict.fromkeys(speech.ESTIMATE_VERBS, "estimated"),
    **dict.fromkeys(speech.HEDGE_VERBS, "hedged"),
}
_CONDITIONAL = frozenset({"if", "unless", "whether"})


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


def cue_kind(token: Token, learned: frozenset[str] = frozenset()) -> str | None:
    """What a verb can do in a reporting frame: ``"speech"`` (its subject said the content),
    ``"claim"`` (it asserts a content clause: "the report found that ...") or None.

    Belief, wish, finding and voting verbs report no speech ("believes", "wants", "voted"), so
    they are never speech cues; a finding verb is a claim only with a content clause, which the
    caller requires. ``learned`` lemmas (PolNeAR's long tail) count as claims the same way."""
    lemma = token.lemma_.lower()
    low = token.lower_
    # The small model's lemmatiser sometimes misses ("hopes" -> "hop"): the inflected form
    # stripped of its ending is checked against the non-speech verbs too.
    forms = {lemma, low, low.removesuffix("s"), low.removesuffix("es"), low.removesuffix("d"),
             low.removesuffix("ed"), low.removesuffix("ing")}  # fmt: skip
    if lemma in speech.SPEECH_VERBS:
        return "speech"
    if lemma in speech.CLAIM_VERBS:
        return "claim"
    if lemma in learned and not forms & speech.NON_SPEECH_VERBS:
        return "claim"
    return None


def find_attributions(
    doc: Doc,
    skip: Callable[[int], bool],
    learned: frozenset[str] = frozenset(),
    detector: Callable[[Token], bool] | None = None,
) -> list[Attribution]:
    """Every attribution the parse shows; ``skip(char_offset)`` marks boilerplate.

    An attribution needs the reporting frame: a cue verb (:func:`cue_kind`), a content (a
    clause, or for a few speech verbs an infinitive or a characterisation; never a plain
    object: "announced the victory" reports an act) and a source that can speak
    (:func:`can_speak`). ``learned`` holds further cue lemmas (learned from training data, see
    ``scripts/train_quote_cues.py``); ``detector``, when given, is a learned per-token test
    (``cuemodel.CueModel.is_cue``) that marks further verbs as learned cues."""
    out: list[Attribution] = []
    for token in doc:
        if token.text == ":" and not skip(token.idx):
            found = _colon(doc, token)
            if found is not None:
                out.append(found)
            continue
        if skip(token.idx):
            continue
        if token.lower_ == "according":
            found = _according(doc, token)
        elif token.lower_ in speech.HEARSAY_ADVERBS and token.dep_ == "advmod":
            found = _hearsay(doc, token)
        elif token.pos_ == "VERB":
            kind = cue_kind(token, learned)
            if kind is None and detector is not None and detector(token):
                kind = "claim" if token.lemma_.lower() not in speech.NON_SPEECH_VERBS else None
            if kind is None:
                continue
            found = _verb(doc, token, kind)
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
    if found is not None and found.ent_type_ in _NOT_SOURCES and found.head.i == verb.i:
        # A live blog's timestamp parsed as the subject ("9:30 p.m. Obama says ..."): the name
        # between it and the verb on the same line is the speaker.
        doc = verb.doc
        for i in range(verb.i - 1, found.i, -1):
            if "\n" in doc[i].text:
                break
            if doc[i].ent_type_ in ("PERSON", "ORG", "NORP"):
                return doc[i]
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
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        # "Shelling ... was said to have killed ten": a passive names no speaker unless its
        # agent does; the subject of the clause it joins is not the speaker.
        return None
    # "He smiled and said ...", "expected to say": the subject of the verb it hangs from.
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        for child in verb.head.children:
            if child.dep_ == "nsubj":
                return child
    if verb.dep_ in ("relcl", "acl"):  # "a report ..., which estimated that", "a report saying"
        return verb.head
    # The parse found no subject but a noun phrase before the verb hangs off it ("About 4 in 10
    # say ...", parsed as a number modifier): that phrase is the subject.
    for child in reversed(list(verb.lefts)):
        if child.pos_ in ("NOUN", "PROPN", "NUM") and child.dep_ not in ("npadvmod", "advmod"):
            return child
    return None


# Entity types that name no one who can speak. Not PRODUCT, WORK_OF_ART or LAW: the small
# model gives those labels to surnames ("Cole said" as a PRODUCT); not FAC: buildings speak for
# the institutions in them ("the Pentagon said").
_MUTE_ENTITIES = frozenset({"LOC", "DATE", "TIME", "EVENT", "MONEY", "QUANTITY", "ORDINAL"})


def _speaking(source: Token | None) -> Token | None:
    """The source itself when it can speak, else a name inside its phrase that can ("9:30
    p.m. Donald Trump says": the parse makes the time the subject), else None: the content is
    still a claim, with no speaker."""
    if source is None or can_speak(source):
        return source
    for token in source.subtree:
        if token.i != source.i and token.ent_type_ in ("PERSON", "ORG"):
            return token
    return None


def can_speak(token: Token) -> bool:
    """Whether a source phrase headed by ``token`` names someone who can say something: a
    person, an organisation, a group, a document, or a place standing for its government
    ("Moscow said"; the stage resolves it to that government). A place described as a place
    ("Kharkiv, Ukraine's second city"), a date or an event noun ("fighting") cannot."""
    ent = token.ent_type_
    if ent in ("PERSON", "ORG", "NORP"):
        return True
    if ent == "GPE":
        if token.text.isupper() and len(token.text) > 2:
            return False  # a dateline ("WASHINGTON (AP) — Trump said"), not a speaker
        return not any(
            c.dep_ in ("appos", "compound") and c.lemma_.lower() in speech.PLACE_NOUNS
            for c in token.children
        )
    if ent in _MUTE_ENTITIES:
        return False
    if token.pos_ in ("PRON", "NUM") or token.tag_ in ("PRP", "WP", "WDT", "DT", "CD"):
        return token.lower_ not in ("there", "this", "what")
    if token.pos_ == "PROPN" or ent == "CARDINAL" or ent == "PERCENT":
        return True
    lemma = token.lemma_.lower()
    if lemma.endswith("ing") or token.lower_.endswith("ing"):
        return lemma in speech.SOURCE_NOUNS  # "fighting", "shelling": events, not speakers
    # Any other noun may name someone ("the magnate", "caucus-goers") unless it names a place,
    # a time or an event: those are what the small parse wrongly makes subjects of speech.
    return (
        lemma not in speech.PLACE_NOUNS
        and lemma not in speech.TIME_NOUNS
        and lemma not in speech.EVENT_NOUNS
    )


def _status(doc: Doc, cue: Token, start: int, end: int) -> QuoteStatus:
    lemma = cue.lemma_.lower()
    if any(child.dep_ == "neg" for child in cue.children) and lemma in speech.SPEECH_VERBS:
        return "denied"
    if lemma in STATUS_BY_CUE:
        return STATUS_BY_CUE[lemma]
    words = {t.lower_ for t in doc[start:end]}
    if any(
        t.dep_ == "mark" and t.lower_ in _CONDITIONAL for t in doc[start : min(end, start + 3)]
    ) or any(t.lower_ == "would" for t in cue.children):
        return "hypothetical"
    if words & speech.HEDGE_WORDS:
        return "hedged"
    return "asserted"


_SUBORDINATORS = frozenset({"when", "if", "after", "before", "once", "while", "as", "unless"})


def _reduced(verb: Token) -> bool:
    """A participle without subject or auxiliary ("when asked about Mariupol", "a report
    published on Monday"): it reports no speech of its own."""
    # The small model often tags a subjectless "asked" after "when" VBD.
    participle = verb.tag_ == "VBN" or (
        verb.tag_ == "VBD"
        and verb.dep_ == "advcl"
        and any(c.lower_ in _SUBORDINATORS for c in verb.children if c.i < verb.i)
    )
    if not participle or verb.dep_ == "conj":
        return False
    return not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "ccomp") for c in verb.children
    )


def _is_attribution_clause(comp: Token) -> bool:
    """A complement that is itself a subject and a reporting verb with no content of its own:
    a parenthetical attribution ("..., the poll also finds"), not content."""
    return (
        cue_kind(comp) is not None
        and any(c.dep_ == "nsubj" for c in comp.children)
        and not any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in comp.children)
    )


def _is_clause(doc: Doc, start: int, end: int) -> bool:
    """Whether a content holds a verb or opens with a quotation mark: what was said is a
    clause or a quotation, never a bare name ("said Sunday Morning Futures")."""
    return any(t.pos_ in ("VERB", "AUX") for t in doc[start:end]) or doc[start].is_quote


def _verb(doc: Doc, verb: Token, kind: str) -> Attribution | None:
    lemma = verb.lemma_.lower()
    if _reduced(verb):
        return None
    source = _speaking(_subject(verb))
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    # The complement after the cue first: one before it may be a quotation the cue also
    # attributes ('"...," Lind said the talks had failed').
    comps = sorted(
        (c for c in verb.children if c.dep_ in ("ccomp", "csubj") and c.i != verb.i),
        key=lambda c: (c.i < verb.i, c.i),
    )
    for comp in comps:
        if passive and comp.dep_ == "csubj":
            continue
        if _is_attribution_clause(comp):
            continue  # "Clinton keeps a lead, the poll finds": the clause is another source's
        if lemma in speech.QUOTE_ONLY and not doc[comp.left_edge.i].is_quote:
            continue  # "she continued to campaign": not speech without a quotation
        start, end = comp.left_edge.i, comp.right_edge.i + 1
        if start <= verb.i < end:
            # The complement wraps around the cue ("X, he said, Y"): keep the side after it.
            start = verb.i + 1
        start, end = _trim(doc, start, end)
        if end - start >= 2 and _is_clause(doc, start, end):
            return _make(doc, verb, start, end, source)
    if kind != "speech":
        return _passive(doc, verb, source)
    if lemma in speech.INFINITIVE_SPEECH and source is not None:
        xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
        if xcomp is not None and xcomp.tag_ == "VB":
            obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < xcomp.i), None)
            start = obj.left_edge.i if obj is not None else xcomp.left_edge.i
            start, end = _trim(doc, start, xcomp.right_edge.i + 1)
            if end - start >= 2:
                return _make(doc, verb, start, end, source)
    # "X happened, officials said": the cue hangs off the clause it reports. Not a participle
    # ("Clinton celebrated, declaring victory"): its content follows it.
    if (
        verb.dep_ in ("parataxis", "advcl", "ccomp")
        and source is not None
        and not passive
        and verb.tag_ != "VBG"
        and lemma not in speech.QUOTE_ONLY
    ):
        head = verb.head
        if verb.i > head.i:
            start, end = head.left_edge.i, verb.left_edge.i
        else:
            start, end = verb.right_edge.i + 1, head.right_edge.i + 1
        start, end = _trim(doc, start, end)
        if end - start >= 3 and _is_clause(doc, start, end):
            return _make(doc, verb, start, end, source)
    if lemma in speech.CHARACTERISING and source is not None:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        extra = [c for c in verb.children if c.dep_ in ("oprd", "prep") and obj and c.i > obj.i]
        if obj is not None and any(c.dep_ == "oprd" or c.lower_ == "as" for c in extra):
            end = max(c.right_edge.i for c in extra) + 1
            start, end = _trim(doc, obj.left_edge.i, end)
            if end - start >= 2:
                return _make(doc, verb, start, end, source)
    passive_found = _passive(doc, verb, source)
    if passive_found is not None:
        return passive_found
    if source is not None and not passive:
        return Attribution(verb.i, verb.i + 1, verb.i, verb.i, source, "asserted")
    return None


def _hearsay(doc: Doc, adverb: Token) -> Attribution | None:
    """ "Troops reportedly withdrew": the clause the adverb modifies, a claim with no source."""
    head = adverb.head
    if head.pos_ not in ("VERB", "AUX"):
        return None
    start, end = head.left_edge.i, head.right_edge.i + 1
    sent = adverb.sent
    start, end = _trim(doc, max(start, sent.start), min(end, sent.end))
    if end - start < 3:
        return None
    start, end = _paragraph_clip(doc, adverb, start, end)
    return Attribution(adverb.i, adverb.i + 1, start, end, None, "hedged")


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
    if source is not None and start <= source.i < end:
        # What someone said never holds the phrase naming them ('"...," Trump, the front-runner,
        # asked ...' parsed into the content): keep the side before that phrase.
        lo, hi = source.left_edge.i, source.right_edge.i + 1
        start, end = _trim(doc, *((start, lo) if lo - start >= end - hi else (hi, end)))
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
    head = token.head
    sent = token.sent
    # The clause the phrase modifies, without the phrase.
    root = head
    while root.dep_ != "ROOT" and root.head.i != root.i and root.pos_ != "VERB":
        root = root.head
    lo, hi = root.left_edge.i, root.right_edge.i + 1
    lo, hi = max(lo, sent.start), min(hi, sent.end)
    before = phrase_start > lo and doc[phrase_start - 1].text == ","
    after = phrase_end < hi and doc[phrase_end].text == ","
    if before and after and phrase_end + 1 < hi and not doc[phrase_end + 1].is_punct:
        # Parenthetical ("The takeover, according to X, was a success"): the whole clause.
        start, end = lo, hi
    elif phrase_start - lo >= 3 and not any(
        t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in doc[lo:phrase_start]
    ):
        # "The failure of Russia, according to X and his titles, should be considered...":
        # the side before holds no verb, so the claim is the whole clause.
        start, end = lo, hi
    elif phrase_start - lo >= 3:
        # "X happened, according to Y ...": the claim comes first, whatever the source's
        # phrase drags along after it.
        start, end = lo, phrase_start
    else:
        start, end = phrase_end, hi
    start, end = _paragraph_clip(doc, token, start, end)
    if end - start < 3:
        # The parse ran the sentence over a line break (a caption line before it): take the
        # phrase's own line up to its sentence end, the phrase included.
        start, end = _line_sentence(doc, token.i, phrase_end)
    if end - start < 3:
        return None
    status = _status(doc, token, start, end)
    return Attribution(token.i, to.i + 1, start, end, source, status)


def _line_sentence(doc: Doc, i: int, after: int) -> tuple[int, int]:
    """From the start of token ``i``'s line to the first sentence end after ``after``."""
    start = i
    while start > 0 and "\n" not in doc[start - 1].text + doc[start - 1].whitespace_:
        start -= 1
    end = after
    while end < len(doc) and "\n" not in doc[end].text and doc[end].text not in ".!?":
        end += 1
    return _trim(doc, start, end)


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
    label = doc[line_start : colon.i]
    names = [t for t in label if t.ent_type_ in ("PERSON", "ORG", "NORP")]
    if not names and len(label) <= 3 and label[0].text[:1].isupper():
        # A surname the small model did not tag, or a source noun ("Lynch: No outside
        # influence", "Poll: ..."), unless it labels a page part ("Note:", "Photo:").
        head = label[-1]
        if head.lower_ not in speech.PAGE_LABELS and (
            head.pos_ == "PROPN" or head.lemma_.lower() in speech.SOURCE_NOUNS
        ):
            names = [head]
    if not names or any(t.pos_ == "VERB" for t in label):
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
    if head.lemma_.lower() in speech.ORG_SOURCE_NOUNS or head.ent_type_ == "ORG":
        return "organisation"
    if head.tag_ in ("NNS", "NNPS") or head.ent_type_ == "NORP" or head.lower_ == "one":
        return "group"
    return "person"
