"""A text spinner that makes synthetic copies, to measure copy detection against.

Content farms "spin" an article they copy so a plain duplicate check misses it: they swap words
for synonyms, reorder sentences, slip in look-alike letters from other scripts and often keep
only the first part. :func:`spin` does all of that, seeded, so an evaluation or a test is
repeatable. Names, numbers and quoted words are left alone, as spinners leave them (changing
them would change the story they are trying to pass off).

Synonyms come from a small table of words common in news reports; a chosen word the table does
not know is swapped for another word of the article's vocabulary (or of ``vocabulary``), which
for a detector that reads words, not meanings, is at least as hard as a true synonym. No
thesaurus package is a dependency: the table below is enough to make realistic copies and keeps
the generator offline and deterministic.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

# Common news words and stand-ins a spinner picks. Both directions are used.
_SYNONYM_PAIRS: tuple[tuple[str, str], ...] = (
    ("said", "stated"), ("killed", "slain"), ("attack", "assault"), ("people", "persons"),
    ("wounded", "injured"), ("town", "settlement"), ("city", "municipality"),
    ("officials", "authorities"), ("forces", "troops"), ("strike", "hit"),
    ("building", "structure"), ("near", "close to"), ("after", "following"),
    ("before", "prior to"), ("many", "numerous"), ("also", "additionally"),
    ("large", "big"), ("small", "little"), ("began", "started"), ("ended", "finished"),
    ("help", "assist"), ("show", "demonstrate"), ("told", "informed"), ("region", "area"),
    ("country", "nation"), ("government", "administration"), ("week", "seven days"),
    ("news", "reports"), ("police", "law enforcement"), ("died", "perished"),
    ("hospital", "medical centre"), ("children", "kids"), ("house", "home"),
    ("destroyed", "demolished"), ("damaged", "harmed"), ("fighting", "combat"),
    ("military", "armed forces"), ("according", "as per"), ("about", "roughly"),
    ("because", "since"), ("important", "significant"), ("start", "commence"),
    ("use", "utilise"), ("buy", "purchase"), ("big", "huge"), ("fast", "quick"),
    ("new", "fresh"), ("old", "former"), ("first", "initial"), ("last", "final"),
    ("team", "squad"), ("game", "match"), ("win", "victory"), ("phone", "handset"),
    ("plane", "aircraft"), ("search", "hunt"), ("missing", "lost"), ("said on", "stated on"),
)  # fmt: skip
SYNONYMS: dict[str, str] = {}
for _a, _b in _SYNONYM_PAIRS:
    SYNONYMS.setdefault(_a, _b)
    SYNONYMS.setdefault(_b, _a)

# Latin letters and a Cyrillic or Greek look-alike for each.
LOOKALIKES: dict[str, str] = {
    "a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441", "x": "\u0445",
    "y": "\u0443", "i": "\u0456", "A": "\u0410", "E": "\u0415", "O": "\u041e", "T": "\u0422",
    "H": "\u041d", "K": "\u039a", "M": "\u041c", "P": "\u0420", "C": "\u0421", "B": "\u0412",
}  # fmt: skip

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)]*|\n|$)")
_QUOTE = re.compile(r"[\"“][^\"”]*[\"”]")


@dataclass(frozen=True, slots=True)
class SpinOptions:
    """How hard to spin. The defaults are the copy-detection targets' attack."""

    replace: float = 0.30  # share of the words replaced
    reorder: bool = True  # shuffle the sentences
    lookalikes: float = 0.05  # share of words given one look-alike letter
    keep: float = 1.0  # share of the sentences kept, from the start (0.5 = the first half)


def sentences(text: str) -> list[str]:
    """The text cut into sentences (and lines), whitespace trimmed, empty ones dropped."""
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def spin(
    text: str,
    seed: int,
    options: SpinOptions | None = None,
    vocabulary: Sequence[str] = (),
) -> str:
    """A spun copy of ``text``; the same ``seed`` gives the same copy.

    Args:
        text: the article to copy.
        seed: the random seed.
        options: how hard to spin; :class:`SpinOptions` defaults when None.
        vocabulary: extra lowercase words to swap in when a word has no synonym in the table.
    """
    opts = options or SpinOptions()
    rng = random.Random(seed)
    parts = sentences(text)
    if opts.keep < 1.0:
        parts = parts[: max(1, round(len(parts) * opts.keep))]
    if opts.reorder and len(parts) > 1:
        head, rest = parts[0], parts[1:]
        rng.shuffle(rest)
        parts = [head, *rest]  # spinners keep the headline on top
    body = " ".join(parts)
    body = _replace_words(body, rng, opts.replace, vocabulary)
    if opts.lookalikes > 0:
        body = _WORD.sub(lambda m: _lookalike(m.group(0), rng, opts.lookalikes), body)
    return body


def _replace_words(text: str, rng: random.Random, share: float, extra: Sequence[str]) -> str:
    if share <= 0:
        return text
    protected: set[int] = set()
    for match in _QUOTE.finditer(text):
        protected.update(range(match.start(), match.end()))
    words = list(_WORD.finditer(text))
    total = len(words)
    # Names (capitalised words) and quoted words stay; numbers are not words here at all.
    open_ = [m for m in words if m.group(0)[0].islower() and m.start() not in protected]
    want = min(len(open_), round(total * share))
    chosen = {m.start() for m in rng.sample(open_, want)}
    pool = sorted({m.group(0) for m in open_ if len(m.group(0)) > 3} | set(extra))
    out: list[str] = []
    last = 0
    for match in words:
        if match.start() not in chosen:
            continue
        word = match.group(0)
        new = SYNONYMS.get(word)
        if new is None:
            candidates = [w for w in rng.sample(pool, min(len(pool), 8)) if w != word]
            new = candidates[0] if candidates else word[::-1]
        out.append(text[last : match.start()])
        out.append(new)
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def _lookalike(word: str, rng: random.Random, share: float) -> str:
    if rng.random() >= share:
        return word
    spots = [i for i, ch in enumerate(word) if ch in LOOKALIKES]
    if not spots:
        return word
    i = rng.choice(spots)
    return word[:i] + LOOKALIKES[word[i]] + word[i + 1 :]
