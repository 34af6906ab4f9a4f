"""A small linear text classifier: TF-IDF word and bigram features, multinomial logistic regression.

Written in numpy rather than taken from scikit-learn because inference is a dot product over a
few thousand features and the trained model must ship as plain arrays (``.npz``, loaded with
``allow_pickle=False``), not a pickle. :mod:`frontwire.training.events` fits it deterministically
(fixed split, full-batch gradient descent from zeros, no randomness).

Tokens are lower-cased words with a light suffix strip (so "killed", "killing" and "kills" share
a feature) and digits collapsed to ``<num>``; features are unigrams and adjacent bigrams.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

_WORD = re.compile(r"[a-z]+|\d+(?:[.,]\d+)*")
_SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s")

FloatArray = npt.NDArray[np.float64]


def tokens(text: str) -> list[str]:
    """Lower-cased, lightly stemmed word tokens; numbers become ``<num>``."""
    out: list[str] = []
    for word in _WORD.findall(text.lower()):
        if word[0].isdigit():
            out.append("<num>")
            continue
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        out.append(word)
    return out


# Trigger lexicon: cue words grouped by the kind of event they signal, as extra features shared
# by every word of a group (a training set of ~700 snippets sees few of the synonyms).
LEXICON: dict[str, tuple[str, ...]] = {
    "air": (
        "airstrike",
        "air strike",
        "air raid",
        "warplane",
        "jet",
        "drone",
        "aircraft",
        "helicopter",
        "bombed from the air",
        "aerial",
        "sortie",
        "uav",
    ),
    "shell": (
        "shell",
        "artillery",
        "mortar",
        "rocket",
        "missile",
        "barrage",
        "howitzer",
        "grad",
        "cannon",
        "tank fire",
        "projectile",
    ),
    "ied": (
        "ied",
        "improvised explosive",
        "landmine",
        "land mine",
        "roadside bomb",
        "car bomb",
        "explosive device",
        "bomb exploded",
        "blast",
        "detonat",
        "mine",
    ),
    "suicide": (
        "suicide",
        "self-immolat",
        "blew himself",
        "blew herself",
        "explosive vest",
        "suicide bomber",
    ),
    "grenade": ("grenade", "hand bomb"),
    "chem": (
        "chemical",
        "chlorine",
        "sarin",
        "toxic gas",
        "gas attack",
        "mustard gas",
        "nerve agent",
        "poison gas",
    ),
    "sex": ("rape", "raped", "sexual", "sexually", "molest", "gang-rape"),
    "abduct": ("abduct", "kidnap", "hostage", "disappear", "taken captive", "went missing"),
    "clash": (
        "clash",
        "fighting",
        "fought",
        "gunfight",
        "firefight",
        "exchange of fire",
        "skirmish",
        "battle",
        "ambush",
        "offensive",
        "engaged",
    ),
    "capture": (
        "recapture",
        "regain",
        "retake",
        "retook",
        "liberat",
        "captured",
        "seized",
        "took control",
        "taken control",
        "overran",
        "overrun",
        "fell to",
        "pushed back",
        "push back",
        "pushing back",
        "driving out",
        "drove out",
        "driven out",
        "repel",
        "retreat",
        "counter-offensive",
        "counteroffensive",
        "counter-attack",
        "advance",
        "reached the border",
        "take over",
        "took over",
    ),
    "protest": (
        "protest",
        "demonstrat",
        "rally",
        "march",
        "sit-in",
        "strike",
        "picket",
        "slogan",
        "placard",
    ),
    "police": (
        "police",
        "tear gas",
        "teargas",
        "baton",
        "water cannon",
        "dispersed",
        "lathi",
        "rubber bullet",
        "detained protesters",
    ),
    "riot": (
        "riot",
        "stone",
        "pelted",
        "torched",
        "set fire",
        "vandal",
        "rampage",
        "clashed with police",
        "burnt",
        "burned",
    ),
    "mob": ("mob", "lynch", "vigilante", "angry crowd", "villagers beat"),
    "arrest": (
        "arrest",
        "detain",
        "custody",
        "apprehend",
        "nabbed",
        "held by police",
        "taken into custody",
        "remand",
    ),
    "agree": (
        "agreement",
        "agreed",
        "ceasefire",
        "truce",
        "deal",
        "accord",
        "signed",
        "peace talks",
        "treaty",
    ),
    "defuse": (
        "defus",
        "diffus",
        "disarm",
        "seized weapons",
        "weapons cache",
        "recovered",
        "bomb disposal",
        "intercepted",
        "shot down",
        "cache",
        "dismantl",
    ),
    "base": (
        "base",
        "headquarters",
        "camp established",
        "set up",
        "outpost",
        "stationed",
        "deployed",
    ),
    "loot": (
        "loot",
        "destroy",
        "demolish",
        "burnt down",
        "ransack",
        "plunder",
        "vandalis",
        "damaged",
    ),
    "transfer": (
        "withdrew",
        "withdrawal",
        "handed over",
        "handover",
        "pulled out",
        "took over",
        "transferred",
    ),
    "attack": (
        "attack",
        "gunmen",
        "shot dead",
        "killed",
        "murder",
        "stabbed",
        "beheaded",
        "massacre",
        "hacked",
        "opened fire",
        "assault",
    ),
    "crime": ("drug", "cartel", "gang", "smuggl", "robbery", "trafficking", "extortion"),
    "disaster": (
        "earthquake",
        "flood",
        "cyclone",
        "storm",
        "covid",
        "virus",
        "pandemic",
        "landslide",
        "drought",
        "wildfire",
        "outbreak",
    ),
    "accident": (
        "accident",
        "collapse",
        "derail",
        "crash",
        "fire broke",
        "leak",
        "explosion at",
        "factory",
    ),
    "diplo": (
        "minister",
        "summit",
        "talks",
        "visit",
        "ambassador",
        "diplomat",
        "met with",
        "bilateral",
    ),
    "claim": ("claimed responsibility", "responsibility", "blamed", "attributed", "accused"),
    "change": (
        "new leader",
        "merged",
        "split",
        "joined",
        "defected",
        "renamed",
        "appointed",
        "announced",
        "formed",
    ),
}
_LEXICON_PATTERNS = tuple(
    (group, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + ")"))
    for group, words in LEXICON.items()
)


_LEXICON_BY_GROUP = dict(_LEXICON_PATTERNS)


#: Which CASE label a trigger group points to when the classifier is unsure, most specific
#: group first (a "suicide" cue beats a generic "attack" one).
RULE_ORDER: tuple[tuple[str, str], ...] = (
    ("chem", "CHEM_WEAP"), ("suicide", "SUIC_BOMB"), ("grenade", "GRENADE"),
    ("sex", "SEX_VIOL"), ("abduct", "ABDUCT_DISSAP"), ("air", "AIR_STRIKE"),
    ("ied", "REM_EXPLOS"), ("shell", "ART_MISS_ATTACK"), ("mob", "MOB_VIOL"),
    ("riot", "VIOL_DEMONSTR"), ("protest", "PEACE_PROTEST"), ("arrest", "ARREST"),
    ("capture", "GOV_REGAINS_TERIT"), ("clash", "ARMED_CLASH"), ("defuse", "DISR_WEAP"),
    ("loot", "PROPERTY_DISTRUCT"), ("attack", "ATTACK"), ("agree", "AGREEMENT"),
)  # fmt: skip


# Words that contain a trigger but name no event: spent cartridges ("shell casings were found")
# are evidence of a shooting, not of shelling.
_FALSE_TRIGGERS = re.compile(r"\b(?:shell\s+casings?|shotgun\s+shells?|shells?\s+from)\b")


def _lexicon_text(text: str) -> str:
    return _FALSE_TRIGGERS.sub("casing", text.lower())


#: Labels whose event needs an explosive or a remote weapon (ACLED's Explosions/Remote
#: violence): chosen only when the sentence names one.
EXPLOSIVE_LABELS = frozenset(
    {"CHEM_WEAP", "AIR_STRIKE", "SUIC_BOMB", "ART_MISS_ATTACK", "REM_EXPLOS", "GRENADE"}
)
#: Labels of direct violence (a person with a gun or a blade, or forces fighting on the
#: ground): not chosen when the sentence names an explosive and no gun, blade or fighting.
DIRECT_LABELS = frozenset({"ATTACK", "ARMED_CLASH"})
# A gun, a blade or a fight on the ground: the weapons of an attack or an armed clash.
_DIRECT = re.compile(
    r"\b(?:shot|shoot|gun|fired\s+(?:at|on|upon|into|shots|rounds)|opened\s+fire|rounds|"
    r"bullet|rifle|pistol|firearm|sniper|stab|knife|knives|machete|blade|axe|hack|behead|"
    r"slit|hang|hanged|lynch|beat|clash|fight|fought|firefight|battle|skirmish|encounter|"
    r"exchange\w*\s+(?:of\s+)?fire|storm|raid|ambush|assault|massacre|execut|torture|"
    r"burn|set\s+fire|arson|torch|ram|run\s+over|hostage|kidnap|abduct|attacked\s+with)",
)


def weapons_named(text: str) -> tuple[bool, bool]:
    """Whether ``text`` names an explosive or remote weapon (:data:`_EXPLOSIVE_KINDS`, or an
    explosion or a blast; a helicopter or a jet alone is no weapon), and a gun, a blade or a
    fight."""
    lowered = _lexicon_text(text)
    explosive = _BLAST.search(lowered) is not None or any(
        pattern.search(lowered) for _, pattern in _EXPLOSIVE_KINDS
    )
    return explosive, _DIRECT.search(lowered) is not None


_BLAST = re.compile(r"\b(?:explo\w*|blasts?)\b")


def weapon_mask(text: str, labels: Sequence[str]) -> npt.NDArray[np.bool_]:
    """Which of ``labels`` the weapons ``text`` names allow: an explosion or remote-violence
    label only when some explosive or remote weapon is named (a model trained on incident
    lists links "Kashmir" or "terrorists" to grenades, whatever the weapon); an attack or an
    armed clash not when an explosive is named and no gun, blade or fight is ("a bomb attack
    struck a mosque")."""
    explosive, direct = weapons_named(text)
    return np.array(
        [
            not (label in EXPLOSIVE_LABELS and not explosive)
            and not (label in DIRECT_LABELS and explosive and not direct)
            for label in labels
        ]
    )


def lexicon_match(group: str, text: str) -> bool:
    """Whether ``text`` holds a trigger word of the lexicon ``group``."""
    return _LEXICON_BY_GROUP[group].search(_lexicon_text(text)) is not None


def rule_label(text: str) -> str | None:
    """The CASE label the most specific trigger group in ``text`` points to, if any."""
    lowered = _lexicon_text(text)
    found = {group for group, pattern in _LEXICON_PATTERNS if pattern.search(lowered)}
    for group, label in RULE_ORDER:
        if group in found:
            if label in DIRECT_LABELS and not weapon_mask(text, (label,))[0]:
                # "A twin bomb attack killed seven": the bomb, not the attack word, decides.
                return explosive_label(text) or label
            return label
    return None


# The explosive or remote weapon kinds, most specific first: a suicide bomber before a bomb,
# a rocket-propelled grenade before a grenade, an air strike before the bomb it drops. The air
# group's bare vehicle words ("aircraft", "helicopter") are left out: a bomb on a plane is a
# bomb, not an air strike.
_EXPLOSIVE_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern))
    for label, pattern in (
        ("CHEM_WEAP", "|".join(re.escape(w) for w in LEXICON["chem"])),
        ("SUIC_BOMB", "|".join(re.escape(w) for w in LEXICON["suicide"])),
        ("AIR_STRIKE", r"\b(?:air\s*strikes?|air\s*raids?|warplanes?|drones?|sorties?|uavs?|"
                       r"bombed\s+from\s+the\s+air|aerial\s+bomb\w*|helicopter\s+gunships?)\b"),
        ("ART_MISS_ATTACK", r"\b(?:rpgs?|rocket[-\s]propelled)\b"),
        ("GRENADE", "|".join(re.escape(w) for w in LEXICON["grenade"])),
        ("REM_EXPLOS", r"\b(?:\w*bomb\w*|ieds?|improvised\s+explosive|explosive\s+devices?|"
                       r"land\s*mines?|(?:hit|struck|stepped\s+on|triggered)\s+an?\s+mine|"
                       r"mines?\s+(?:blast|explosion|exploded|went\s+off)|detonat\w*|explosives|blew\s+up|blown\s+up)\b"),
        ("ART_MISS_ATTACK", r"\b(?:shell(?:s|ed|ing)?|artillery|mortars?|rockets?|missiles?|"
                            r"barrages?|howitzers?|projectiles?)\b"),
    )
)  # fmt: skip


def explosive_label(text: str) -> str | None:
    """The explosion or remote-violence label of the most specific weapon ``text`` names, if
    it names one (:data:`_EXPLOSIVE_KINDS`); a bare "explosion" or "blast" names none (a gas
    leak explodes too)."""
    lowered = _lexicon_text(text)
    for label, pattern in _EXPLOSIVE_KINDS:
        if pattern.search(lowered):
            return label
    return None


def terms(text: str) -> Counter[str]:
    """Unigram, bigram and trigger-lexicon counts of ``text``."""
    toks = tokens(text)
    counts = Counter(toks)
    counts.update(f"{a} {b}" for a, b in itertools.pairwise(toks))
    lowered = _lexicon_text(text)
    for group, pattern in _LEXICON_PATTERNS:
        n = len(pattern.findall(lowered))
        if n:
            counts[f"LEX:{group}"] = n
    return counts


@dataclass(frozen=True, slots=True)
class LinearModel:
    """A trained classifier: vocabulary, idf weights, one weight row per label, biases."""

    labels: tuple[str, ...]
    vocab: dict[str, int]
    idf: FloatArray
    weights: FloatArray  # (labels, vocab)
    bias: FloatArray  # (labels,)

    def vectors(self, texts: Iterable[str]) -> FloatArray:
        """Sublinear-tf x idf vectors, L2-normalised, one row per text."""
        return self.vectors_of([terms(t) for t in texts])

    def vectors_of(self, rows: Sequence[Counter[str]]) -> FloatArray:
        """:meth:`vectors` of texts already cut into :func:`terms`."""
        matrix = np.zeros((len(rows), len(self.vocab)))
        for i, counts in enumerate(rows):
            for term, n in counts.items():
                j = self.vocab.get(term)
                if j is not None:
                    matrix[i, j] = (1.0 + math.log(n)) * self.idf[j]
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        result: FloatArray = matrix / norms
        return result

    def sparse_vectors(self, texts: Iterable[str]) -> Any:
        """:meth:`vectors` as a SciPy CSR matrix: training on thousands of texts would not fit
        a dense matrix in memory."""
        return self.sparse_vectors_of([terms(t) for t in texts])

    def sparse_vectors_of(self, rows: Sequence[Counter[str]]) -> Any:
        """:meth:`sparse_vectors` of texts already cut into :func:`terms`."""
        from scipy import sparse

        data: list[float] = []
        cols: list[int] = []
        indptr = [0]
        for counts in rows:
            row = {
                self.vocab[t]: (1.0 + math.log(n)) * self.idf[self.vocab[t]]
                for t, n in counts.items()
                if t in self.vocab
            }
            norm = math.sqrt(sum(v * v for v in row.values())) or 1.0
            cols.extend(row)
            data.extend(v / norm for v in row.values())
            indptr.append(len(cols))
        shape = (len(indptr) - 1, len(self.vocab))
        return sparse.csr_matrix((data, cols, indptr), shape=shape)

    def probabilities(self, texts: Sequence[str]) -> FloatArray:
        """Label probabilities, one row per text, columns in :attr:`labels` order."""
        return softmax(self.vectors(texts) @ self.weights.T + self.bias)

    def predict(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        """The most probable label of each text and its probability."""
        if not texts:
            return []
        probs = self.probabilities(texts)
        best = probs.argmax(axis=1)
        return [(self.labels[int(k)], float(probs[i, k])) for i, k in enumerate(best)]

    def save(self, path: Path) -> None:
        """Write the model as a compressed ``.npz`` of plain arrays (no pickle)."""
        order = sorted(self.vocab, key=self.vocab.__getitem__)
        np.savez_compressed(
            path,
            labels=np.array(self.labels),
            vocab=np.array(order),
            idf=self.idf.astype(np.float32),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
        )

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        """Read a model written by :meth:`save`."""
        with np.load(path, allow_pickle=False) as data:
            vocab = [str(v) for v in data["vocab"]]
            return cls(
                labels=tuple(str(v) for v in data["labels"]),
                vocab={term: i for i, term in enumerate(vocab)},
                idf=data["idf"].astype(np.float64),
                weights=data["weights"].astype(np.float64),
                bias=data["bias"].astype(np.float64),
            )


def softmax(scores: FloatArray) -> FloatArray:
    """Row-wise softmax."""
    shifted = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    result: FloatArray = exp / exp.sum(axis=1, keepdims=True)
    return result


def fit(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    min_df: int = 2,
    l2: float = 1e-5,
    steps: int = 400,
    rate: float = 0.5,
    balanced: bool = False,
) -> LinearModel:
    """Fit a model deterministically: vocabulary of terms in at least ``min_df`` texts, then
    full-batch gradient descent (Adam) on the L2-regularised cross-entropy, from zeros.

    ``balanced`` weighs each text by ``n / (labels x texts of its label)``, so a rare label
    counts as much as a common one in the loss."""
    docs = [terms(t) for t in texts]
    df: Counter[str] = Counter()
    for counts in docs:
        df.update(counts.keys())
    vocab_terms = sorted(t for t, n in df.items() if n >= min_df)
    vocab = {t: i for i, t in enumerate(vocab_terms)}
    n_docs = len(docs)
    idf = np.array([math.log((1 + n_docs) / (1 + df[t])) + 1.0 for t in vocab_terms])
    label_set = tuple(sorted(set(labels)))
    model = LinearModel(
        label_set, vocab, idf, np.zeros((len(label_set), len(vocab))), np.zeros(len(label_set))
    )
    x = model.sparse_vectors(texts)
    y = np.zeros((n_docs, len(label_set)))
    index = {label: k for k, label in enumerate(label_set)}
    for i, label in enumerate(labels):
        y[i, index[label]] = 1.0
    support = Counter(labels)
    weight = np.array(
        [n_docs / (len(label_set) * support[label]) if balanced else 1.0 for label in labels]
    )
    weight = weight[:, None] / weight.sum()
    w, b = model.weights, model.bias
    mw, vw = np.zeros_like(w), np.zeros_like(w)
    mb, vb = np.zeros_like(b), np.zeros_like(b)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, steps + 1):
        p = softmax(x @ w.T + b)
        grad_w = np.asarray(x.T @ ((p - y) * weight)).T + l2 * w
        grad_b = ((p - y) * weight).sum(axis=0)
        mw = beta1 * mw + (1 - beta1) * grad_w
        vw = beta2 * vw + (1 - beta2) * grad_w**2
        mb = beta1 * mb + (1 - beta1) * grad_b
        vb = beta2 * vb + (1 - beta2) * grad_b**2
        corr1, corr2 = 1 - beta1**step, 1 - beta2**step
        w = w - rate * (mw / corr1) / (np.sqrt(vw / corr2) + eps)
        b = b - rate * (mb / corr1) / (np.sqrt(vb / corr2) + eps)
    return LinearModel(label_set, vocab, idf, w, b)


@dataclass(frozen=True, slots=True)
class Ensemble:
    """Models over the same labels whose probabilities are averaged.

    The coder averages the CASE 2021 model with one trained on CASE and short incident reports
    (docs/EVALUATION.md, "Designs tried"): the second alone carries over to incident reports
    and news (event type 0.74 -> 0.91 on the incident list's *tune* part) but loses 0.06
    weighted F1 on CASE's own held-out snippets; the equal average keeps most of both.
    """

    models: tuple[LinearModel, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        """The shared labels."""
        return self.models[0].labels

    def predict(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        """The most probable label of each text and its averaged probability."""
        if not texts:
            return []
        rows = [terms(t) for t in texts]  # once: the features are the models' main cost
        probs: FloatArray = np.mean(
            # Sparse rows: a sentence holds a few dozen of the models' thousands of features.
            [softmax(m.sparse_vectors_of(rows) @ m.weights.T + m.bias) for m in self.models],
            axis=0,
        )
        # The best label the sentence's weapons allow (:func:`weapon_mask`); its probability
        # stays the models' own, so a constrained choice the models doubt falls below
        # ``min_probability`` and the trigger words decide.
        allowed = np.array([weapon_mask(t, self.labels) for t in texts])
        best = np.argmax(np.where(allowed, probs, -1.0), axis=1)
        return [(self.labels[k], float(probs[i, k])) for i, k in enumerate(best)]

    @classmethod
    def load(cls, *paths: Path) -> Ensemble:
        """Load the models at ``paths``.

        Raises:
            InternalError: FW800 if their labels differ (a training run left the shipped files
                out of step: retrain them together with ``python -m frontwire.training.events``).
        """
        from frontwire.errors import InternalError

        models = tuple(LinearModel.load(p) for p in paths)
        if any(m.labels != models[0].labels for m in models):
            raise InternalError(
                "FW800", kind="ModelMismatch", detail="the shipped event models' labels differ"
            )
        return cls(models)
