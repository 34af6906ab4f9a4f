"""A learned attribution-cue detector: logistic regression over a verb's parse features.

The second cue design (the first is the lemma table in ``data/cues.json``): instead of asking
"is this lemma often a cue?", it scores each verb token from its lemma, tag, dependency label,
which kinds of children it has (a clause, an infinitive, an object, a preposition, a
negation), what its subject is (a person, an organisation, a pronoun, none) and whether it
sits in a sentence with quotation marks. It is trained on PolNeAR's training file only by
``scripts/train_quote_cue_model.py`` and shipped as ``data/cue_model.json``. Written by hand
(a dot product over sparse binary features) because the model is a few thousand weights and
a scikit-learn dependency at run time would be far heavier than the model itself.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

_QUOTE_CHARS = frozenset('"\u201c\u201d')
_CHILD_DEPS = ("ccomp", "xcomp", "dobj", "prep", "nsubj", "nsubjpass", "agent", "neg", "prt")


def verb_features(token: Token) -> list[str]:
    """The binary features of one verb token (names, each present once)."""
    feats = [
        "lemma=" + token.lemma_.lower(),
        "tag=" + token.tag_,
        "dep=" + token.dep_,
        "headpos=" + token.head.pos_,
    ]
    kids = {c.dep_ for c in token.children}
    feats += ["child=" + d for d in _CHILD_DEPS if d in kids]
    preps = sorted({c.lower_ for c in token.children if c.dep_ == "prep" and c.i > token.i})
    feats += ["prep=" + p for p in preps[:3]]
    subj = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and token.dep_ in ("conj", "xcomp", "advcl"):
        subj = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
    if subj is None:
        feats.append("subj=none")
    else:
        feats.append("subj_ent=" + (subj.ent_type_ or "-"))
        feats.append("subj_tag=" + subj.tag_)
    sent = token.sent
    if any(t.text[:1] in _QUOTE_CHARS or t.text[-1:] in _QUOTE_CHARS for t in sent):
        feats.append("sent_has_quote")
    return feats


@dataclass(frozen=True, slots=True)
class CueModel:
    """Weights by feature name, a bias and the decision threshold on the probability."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, token: Token) -> float:
        """The probability that ``token`` (a verb) is an attribution cue."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in verb_features(token))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def is_cue(self, token: Token) -> bool:
        """Whether ``token`` scores at or above the threshold."""
        return self.probability(token) >= self.threshold


def load_cue_model() -> CueModel:
    """The shipped model (``data/cue_model.json``)."""
    raw = json.loads(
        resources.files(__package__).joinpath("data", "cue_model.json").read_text("utf-8")
    )
    return CueModel(
        weights={str(k): float(v) for k, v in raw["weights"].items()},
        bias=float(raw["bias"]),
        threshold=float(raw["threshold"]),
    )
