"""Ordinary English words that are also place names ("Police", "National", "Union", "Star").

A capitalised word inside an organisation's name or at the start of a sentence is far more
often the ordinary word than the village of that name, so the places stage asks more of it
(see ``PlacesStage._unlabelled``). The words come from the lemmatizer tables the spaCy
pipeline already ships (WordNet's index of English adjectives, adverbs and verbs): no list of
our own to keep, and nothing the pipeline does not already load. Nouns are left out on
purpose: WordNet lists cities as nouns ("paris", "alexandria"), while a place name is rarely
an English adjective, adverb or verb ("national", "superior", "police" the verb).
"""

from __future__ import annotations

from pathlib import Path

_POS = ("adj", "adv", "verb")


def common_words(model: str) -> frozenset[str]:
    """Lower-case adjectives, adverbs and verbs of the installed spaCy pipeline ``model``.

    Empty (the stage then judges by population alone) when the pipeline or its tables are
    not installed.
    """
    try:
        from spacy.lookups import Lookups
        from spacy.util import get_package_path
    except ImportError:  # pragma: no cover - spaCy is a core dependency
        return frozenset()
    try:
        root = get_package_path(model)
    except Exception:  # noqa: BLE001 - any failure to find it means: no table
        return frozenset()
    for folder in sorted(Path(root).glob("**/lemmatizer/lookups")):
        lookups = Lookups().from_disk(folder)
        if not lookups.has_table("lemma_index"):
            continue
        table = lookups.get_table("lemma_index")
        words: set[str] = set()
        for pos in _POS:
            words.update(w for w in table.get(pos, ()) if "_" not in w)
        return frozenset(words)
    return frozenset()
