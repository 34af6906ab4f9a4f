"""The ``quotes`` stage: who said what, and the people behind every mention.

It reads the parse the ``nlp`` stage made (:func:`frontwire.nlp.doc_of`) and never parses
again. Per article it (1) resolves the entities into clusters (:mod:`.resolve`), (2) finds
quotations by their marks (:mod:`.direct`), (3) finds attributions in the parse
(:mod:`.attribution`) and (4) ties them together: a marked quote takes the cue next to it, a
claim whose content is mostly a marked quote becomes that direct quote, and a short quoted term
with no cue is a scare quote (a term, not a quote).
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any, ClassVar

from frontwire.lexicon.speech import DOCUMENT_NOUNS, SPEECH_VERBS
from frontwire.nlp import doc_of
from frontwire.pipeline.stage import Context, Stage
from frontwire.quotes.attribution import Attribution, find_attributions, speaker_kind
from frontwire.quotes.cuemodel import load_cue_model
from frontwire.quotes.direct import MarkedQuote, find_marked_quotes, paragraph_bounds
from frontwire.quotes.resolve import PRONOUNS, FirstNames, Mention, Resolution, resolve
from frontwire.records import Article, Quote, Span, Speaker, SpeakerKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(frozen=True, slots=True)
class QuotesOptions:
    """The ``[quotes]`` config section (default.toml says why each value is what it is)."""

    scare_max_words: int = 4
    merge_share: float = 0.6
    continuation_paragraphs: int = 2
    cue_min_share: float = 0.3
    cue_detector: str = "none"

    @classmethod
    def from_config(cls, section: Mapping[str, Any]) -> QuotesOptions:
        """Options from the ``[quotes]`` section."""
        return cls(
            scare_max_words=int(section["scare_max_words"]),
            merge_share=float(section["merge_share"]),
            continuation_paragraphs=int(section["continuation_paragraphs"]),
            cue_min_share=float(section["cue_min_share"]),
            cue_detector=str(section.get("cue_detector", "none")),
        )


def learned_cues(min_share: float) -> frozenset[str]:
    """Cue lemmas from the shipped table (``data/cues.json``, learned from PolNeAR's training
    file) that are a cue at least ``min_share`` of the times they occur as a verb."""
    table = json.loads(resources.files(__package__).joinpath("data", "cues.json").read_text())
    return frozenset(
        lemma for lemma, n in table.items() if n["verb"] and n["cue"] / n["verb"] >= min_share
    )


class QuotesStage(Stage):
    """Attach quotes and claims with their speakers, and resolve the entities."""

    name: ClassVar[str] = "quotes"
    requires: ClassVar[frozenset[str]] = frozenset({"doc", "entities"})
    provides: ClassVar[frozenset[str]] = frozenset({"quotes"})
    extends: ClassVar[frozenset[str]] = frozenset({"entities"})

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.options = QuotesOptions.from_config(ctx.config.quotes)
        self._names: FirstNames | None = None
        self._cues: frozenset[str] = frozenset()
        self._detector: Callable[[Token], bool] | None = None

    def setup(self) -> None:
        """Load the first-name table and the learned cues (once per process)."""
        if self._names is None:
            self._names = FirstNames()
            mode = self.options.cue_detector
            if mode in ("table", "both"):
                self._cues = learned_cues(self.options.cue_min_share)
            if mode in ("model", "both"):
                self._detector = load_cue_model().is_cue

    def process(self, article: Article) -> Article:
        """Resolve entities and find the article's quotes and claims."""
        doc = doc_of(article, self.name)
        if self._names is None:
            self.setup()
        closed = sorted((q.start, q.end) for q in find_marked_quotes(article.text) if q.closed)
        starts = [start for start, _ in closed]

        def quoted(offset: int) -> bool:
            k = bisect.bisect_right(starts, offset) - 1
            return k >= 0 and closed[k][0] <= offset < closed[k][1]

        resolution = resolve(doc, article.entities, self._names, quoted)
        quotes = extract_quotes(article, doc, resolution, self.options, self._cues, self._detector)
        return article.replace(entities=resolution.entities, quotes=quotes)


def extract_quotes(
    article: Article,
    doc: Doc,
    res: Resolution,
    options: QuotesOptions | None = None,
    learned: frozenset[str] = frozenset(),
    detector: Callable[[Token], bool] | None = None,
) -> tuple[Quote, ...]:
    """The quotes and claims of ``article`` (whose parse is ``doc``), in text order."""
    options = options or QuotesOptions()
    boiler = sorted((s.start, s.end) for s in article.boilerplate)
    starts = [s for s, _ in boiler]

    def skip(offset: int) -> bool:
        k = bisect.bisect_right(starts, offset) - 1
        return k >= 0 and boiler[k][0] <= offset < boiler[k][1]

    token_starts = [t.idx for t in doc]
    marked = [q for q in find_marked_quotes(article.text) if not skip(q.start)]
    # A cue inside a quotation is speech the speaker reports, not the article's attribution.
    closed = [(q.start, q.end) for q in marked if q.closed and len(q.text_words(article.text)) > 4]
    closed_starts = [s for s, _ in closed]

    def quoted(offset: int) -> bool:
        k = bisect.bisect_right(closed_starts, offset) - 1
        return k >= 0 and closed[k][0] <= offset < closed[k][1]

    attributions = [
        a
        for a in find_attributions(doc, skip, learned, detector)
        if not quoted(doc[a.cue_start].idx)
    ]
    paragraphs = paragraph_bounds(article.text)
    para_starts = [s for s, _ in paragraphs]

    def chars(a: Attribution) -> tuple[int, int]:
        return doc[a.content_start].idx, _end_char(doc, a.content_end - 1)

    used: set[int] = set()  # attributions turned into direct quotes
    dropped: set[int] = set()  # marked quotes that are part of a longer claim
    direct: list[tuple[MarkedQuote, Attribution | None]] = []
    for qi, q in enumerate(marked):
        text = article.text[q.start : q.end]
        best: Attribution | None = None
        best_ai = -1
        best_key: tuple[int, int] | None = None
        for ai, a in enumerate(attributions):
            if a.bare:
                continue
            cs, ce = chars(a)
            inter = min(ce, q.end) - max(cs, q.start)
            if inter > 0 and (ce - cs) > 0:
                partial = (q.end - q.start) < options.merge_share * (ce - cs) and cs <= q.start
                if partial and not _is_quote_only_claim(article.text, cs, ce, q):
                    dropped.add(qi)
                    break
                key = (0, -inter)
                if best_key is None or key < best_key:
                    best, best_key, best_ai = a, key, ai
        if qi in dropped:
            continue
        complement = best is not None
        if best is not None:
            used.add(best_ai)
        else:
            best = _adjacent_cue(doc, article.text, q, attributions, marked, token_starts)
            if best is not None:
                used.add(attributions.index(best))
        # A short term, or a Title Case name ("Make America Great Again", "Law and Order,"),
        # is quoted as a term unless a speech verb reports it: a title only as the very thing
        # said ('he said "Never Again"'), a short quote also with the cue beside it.
        title = _is_title(text)
        if title or _is_scare(text, options):
            spoken = best is not None and doc[best.cue_start].lemma_.lower() in SPEECH_VERBS
            if not spoken or (title and not complement):
                continue
        if best is None and direct:
            # The second half of a split quote: '"A," she said. "B."' has its cue between the
            # two halves, in the sentence before; it shares that cue.
            prev_q, prev_cue = direct[-1]
            prev_end = prev_q.close_at if prev_q.close_at is not None else prev_q.end
            if (
                prev_cue is not None
                and "\n" not in article.text[prev_end : q.open_at]
                and prev_end <= doc[prev_cue.cue_start].idx < q.open_at
            ):
                best = prev_cue
        direct.append((q, best))
    for k in range(len(direct) - 2, -1, -1):
        # '"A." "B," he said.': two quotations side by side in one paragraph share the cue
        # that follows the second.
        q, cue = direct[k]
        nxt, nxt_cue = direct[k + 1]
        gap = article.text[(q.close_at if q.close_at is not None else q.end) + 1 : nxt.open_at]
        if cue is None and nxt_cue is not None and not gap.strip(" \t\u201c\u201d\"'"):
            direct[k] = (q, nxt_cue)
    quotes: list[Quote] = []
    # Speakers of every attribution by cue position, for quotes with no cue of their own.
    earlier = sorted(
        (doc[a.cue_start].idx, a) for a in attributions if a.source is not None and not a.bare
    )
    earlier_at = [c for c, _ in earlier]
    last_speaker: tuple[int, Speaker] | None = None
    prev: tuple[Attribution | None, Speaker | None, int] | None = None
    cue_at = sorted(doc[a.cue_start].idx for a in attributions)
    for q, found in direct:
        para = bisect.bisect_right(para_starts, q.open_at) - 1
        speaker = _speaker(doc, article, res, found.source) if found is not None else None
        k = bisect.bisect_left(earlier_at, q.open_at) - 1
        if found is None and k >= 0:
            cue_para = bisect.bisect_right(para_starts, earlier_at[k]) - 1
            if last_speaker is None or cue_para > last_speaker[0]:
                prior = _speaker(doc, article, res, earlier[k][1].source)
                if prior is not None:
                    last_speaker = (cue_para, prior)
        # A quote with no cue of its own, in the paragraphs after an attributed one, goes on
        # with that speaker (the usual way long quotes run on in news copy).
        cue = found
        if (
            speaker is None
            and found is None
            and last_speaker is not None
            and para - last_speaker[0] <= options.continuation_paragraphs
        ):
            speaker = last_speaker[1]
            # It goes on with the quotation before it, too, when nothing else is attributed in
            # between: one attribution in several paragraphs ('"A," she said. / "B."'), as
            # PolNeAR annotates it.
            if (
                prev is not None
                and prev[1] is speaker
                and prev[0] is not None
                and para - prev[2] <= 1
                and q.open_at == paragraphs[para][0]
            ):
                between = bisect.bisect_left(cue_at, q.open_at) - bisect.bisect_right(
                    cue_at, doc[prev[0].cue_start].idx
                )
                if between == 0:
                    cue = prev[0]
        if speaker is not None:
            last_speaker = (para, speaker)
        prev = (cue, speaker, para)
        quotes.append(
            Quote(
                kind="direct",
                content=article.span(q.start, q.end),
                cue=_cue_span(doc, article, cue) if cue is not None else None,
                speaker=speaker,
                status=cue.status if cue is not None else "asserted",
            )
        )
    kept_direct = [(q.start, q.end) for q, _ in direct]
    for ai, a in enumerate(attributions):
        if ai in used or a.bare:
            continue
        cs, ce = chars(a)
        if any(min(ce, e) - max(cs, s) > 0.5 * (ce - cs) for s, e in kept_direct):
            continue
        quotes.append(
            Quote(
                kind="indirect",
                content=article.span(cs, ce),
                cue=_cue_span(doc, article, a),
                speaker=_speaker(doc, article, res, a.source),
                status=a.status,
            )
        )
    quotes.sort(key=lambda x: (x.content.start, x.content.end))
    return tuple(quotes)


def _end_char(doc: Doc, i: int) -> int:
    return int(doc[i].idx + len(doc[i].text))


def _is_quote_only_claim(text: str, cs: int, ce: int, q: MarkedQuote) -> bool:
    """Whether a claim's content is the marked quote plus only marks, "that" and punctuation."""
    rest = (text[cs : q.open_at] + text[(q.close_at or q.end) + 1 : ce]).strip(" ,.:;\"'“”‘’«»")
    return rest.lower() in ("", "that")


def _is_scare(text: str, options: QuotesOptions) -> bool:
    """A short quoted term without a cue ("filtration camp") is a term, not a quotation."""
    words = text.split()
    if len(words) > options.scare_max_words:
        return False
    # A comma or full stop inside the closing mark is American punctuation, not a sign of a
    # sentence ("a tremendous 'farce.'"); an exclamation or a question is.
    return not text.rstrip().endswith(("!", "?"))


def _is_title(text: str) -> bool:
    """Every word capitalised and no sentence punctuation: a title or slogan, not speech."""
    words = [w for w in text.split() if w[:1].isalpha()]
    return (
        bool(words)
        and all(w[:1].isupper() for w in words)
        and not text.rstrip().endswith(("!", "?"))
        and len(words) <= 8
    )


def _adjacent_cue(
    doc: Doc,
    text: str,
    q: MarkedQuote,
    attributions: Sequence[Attribution],
    marked: Sequence[MarkedQuote],
    token_starts: list[int],
) -> Attribution | None:
    """The cue in the sentences the quote touches (or the short one right after), nearest."""
    if not len(doc):
        return None
    first = max(bisect.bisect_right(token_starts, q.open_at) - 1, 0)
    last_char = q.close_at if q.close_at is not None else q.end - 1
    last = max(bisect.bisect_right(token_starts, last_char) - 1, 0)
    lo = doc[first].sent.start
    sent_after = doc[last].sent
    hi = sent_after.end
    if hi < len(doc) and doc[hi].idx - last_char <= 3 and "\n" not in text[last_char : doc[hi].idx]:
        nxt = doc[hi].sent
        if len(nxt) <= 12:  # '... win.” He said.' split into its own short sentence
            hi = nxt.end
    for a in attributions:
        # 'She declared "What a night!" and said ...': a cue right before the opening mark
        # (nothing but a comma or colon between) introduces this very quotation.
        end = _end_char(doc, a.cue_end - 1)
        if lo <= a.cue_start < hi and end <= q.open_at and not text[end : q.open_at].strip(" ,:"):
            return a
    best: Attribution | None = None
    best_dist = 0
    for a in attributions:
        if not (lo <= a.cue_start < hi):
            continue
        c = doc[a.cue_start].idx
        if q.open_at <= c <= last_char:
            continue
        if any(m.open_at <= c <= (m.close_at or m.end) for m in marked if m is not q):
            continue
        if "\n" in (text[c : q.open_at] if c < q.open_at else text[last_char:c]):
            continue  # the parse's sentence ran over a paragraph break: not this quote's cue
        dist = q.open_at - c if c < q.open_at else c - last_char
        if best is None or dist < best_dist:
            best, best_dist = a, dist
    if best is None and hi < len(doc) and "\n" not in text[last_char : doc[hi].idx]:
        # '"We are proud… He wrote on Telegram, "Who ..."': the attribution opens the next
        # sentence of the paragraph, however long, before any other quotation starts.
        nxt = doc[hi].sent
        next_open = min((m.open_at for m in marked if m.open_at > last_char), default=len(text))
        for a in attributions:
            c = doc[a.cue_start].idx
            if nxt.start <= a.cue_start < nxt.end and last_char < c < next_open:
                return a
    return best


def _cue_span(doc: Doc, article: Article, a: Attribution) -> Span:
    return article.span(doc[a.cue_start].idx, _end_char(doc, a.cue_end - 1))


def _speaker(doc: Doc, article: Article, res: Resolution, source: Token | None) -> Speaker | None:
    """The speaker a source token names: a resolved cluster, an organisation or a group."""
    if source is None:
        return None
    mention = res.mention_at(source)
    if mention is not None:
        return _cluster_speaker(doc, article, mention, mention.start, mention.end)
    low = source.lower_
    if low in PRONOUNS or source.tag_ in ("WDT", "WP"):
        found = res.antecedent(source) if low in PRONOUNS else None
        if found is not None:
            return _cluster_speaker(doc, article, found, source.i, source.i + 1)
        kind: SpeakerKind = "group" if low in ("they", "we", "them") else "person"
        return Speaker(
            name=source.text,
            kind=kind,
            span=article.span(source.idx, _end_char(doc, source.i)),
        )
    if source.ent_type_ == "GPE":
        return _government(doc, article, source)
    # A named person in apposition or inside the phrase ("the governor, Olena Marchuk").
    for child in source.children:
        if child.dep_ in ("appos", "compound"):
            inner = res.mention_at(child)
            if inner is not None and inner.cluster.kind == "person":
                return _cluster_speaker(doc, article, inner, inner.start, inner.end)
    if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in source.children):
        found = res.antecedent(source)  # "the governor": the cluster with that role
        if found is not None:
            return _cluster_speaker(doc, article, found, source.left_edge.i, source.i + 1)
    start = source.left_edge.i
    end = source.i + 1
    # The phrase after the head up to a relative clause or a comma: "one of the soldiers",
    # "a spokesman for the ministry".
    for child in source.rights:
        if child.dep_ in ("prep", "amod", "compound", "nummod"):
            end = child.right_edge.i + 1
        else:
            break
    end = min(end, start + 12)
    affiliation = None
    org_mention: Mention | None = None
    for t in doc[start:end]:
        m = res.mention_at(t)
        if m is not None and m.cluster.kind in ("organisation", "group"):
            org_mention = org_mention or m
        if affiliation is None and t.ent_type_ in ("GPE", "NORP", "ORG"):
            affiliation = _ent_text(doc, t)
    if org_mention is not None and source.lemma_.lower() in DOCUMENT_NOUNS:
        # "a report from the Ministry of Defence estimated": the body that issued it speaks.
        return _cluster_speaker(doc, article, org_mention, start, end)
    name_span = article.span(doc[start].idx, _end_char(doc, end - 1))
    return Speaker(
        name=name_span.text,
        kind=speaker_kind(source),
        cluster_id=org_mention.cluster.id if org_mention is not None else None,
        affiliation=affiliation,
        span=name_span,
    )


def _government(doc: Doc, article: Article, source: Token) -> Speaker:
    """A place that speaks stands for its government ("Moscow said", "Ukraine denied"): the
    speaker is that government, of the country the places stage resolved the name to."""
    ent = next((e for e in doc.ents if e.start <= source.i < e.end), None)
    start, end = (ent.start, ent.end) if ent is not None else (source.i, source.i + 1)
    span = article.span(doc[start].idx, _end_char(doc, end - 1))
    country = span.text
    for place in article.places:
        if place.span.start < span.end and span.start < place.span.end and place.country_code:
            country = _country_name(place.country_code) or country
            break
    return Speaker(
        name=f"Government of {country}", kind="organisation", affiliation=country, span=span
    )


def _country_name(code: str) -> str | None:
    import pycountry

    found = pycountry.countries.get(alpha_2=code)
    if found is None:
        return None
    return str(getattr(found, "common_name", None) or found.name)


def _ent_text(doc: Doc, token: Token) -> str:
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return str(ent.text)
    return str(token.text)


def _cluster_speaker(doc: Doc, article: Article, mention: Mention, start: int, end: int) -> Speaker:
    cluster = mention.cluster
    kind: SpeakerKind = "group"
    if cluster.kind == "person" or cluster.kind == "organisation":
        kind = cluster.kind
    return Speaker(
        name=cluster.canonical,
        kind=kind,
        cluster_id=cluster.id,
        role=cluster.role,
        affiliation=cluster.affiliation,
        span=article.span(doc[start].idx, _end_char(doc, end - 1)),
    )
