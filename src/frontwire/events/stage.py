"""The ``events`` stage: ACLED- and PLOVER-coded events from the parse the ``nlp`` stage made."""

from __future__ import annotations

from typing import ClassVar

from frontwire.events.coder import EventCoder, EventsOptions
from frontwire.nlp import doc_of
from frontwire.pipeline.stage import Context, Stage
from frontwire.records import Article


class EventsStage(Stage):
    """Code every event an article reports (see :mod:`frontwire.events.coder`).

    Reads ``article.places`` and ``article.quotes`` when earlier stages filled them (the place
    place through :class:`frontwire.places.locate.Locator`); runs on ``doc`` and ``entities`` alone.
    """

    name: ClassVar[str] = "events"
    # Places say where, quotes say who says so; both read the same parse first.
    requires: ClassVar[frozenset[str]] = frozenset({"doc", "entities", "places", "quotes"})
    provides: ClassVar[frozenset[str]] = frozenset({"events"})

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        section = ctx.config.events
        self.options = EventsOptions(
            min_probability=float(section["min_probability"]),
            max_sentence_chars=int(section["max_sentence_chars"]),
        )
        self._coder: EventCoder | None = None

    def setup(self) -> None:
        """Load the classifiers, the crosswalk and the gazetteer (once per process)."""
        if self._coder is None:
            self._coder = EventCoder(self.options)

    @property
    def coder(self) -> EventCoder:
        """The loaded coder (loads it on first use outside an executor)."""
        if self._coder is None:
            self.setup()
        assert self._coder is not None
        return self._coder

    def process(self, article: Article) -> Article:
        """Attach the article's events."""
        doc = doc_of(article, self.name)
        return article.replace(events=self.coder.code(article, doc))
