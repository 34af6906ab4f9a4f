"""The stage contract: what every step of the pipeline implements.

A stage declares the article fields it ``requires`` and ``provides``, which provided fields it
``rewrites`` (replaces with new content, such as the forensics stage rewriting ``text``) and
which it ``extends`` (keeps every record and its span but fills in more of it, such as entity
resolution adding cluster ids to ``entities``), so the pipeline can reject a wrong order when it
is built. The executor owns the loop, batching, timing and failure
isolation; a stage writes :meth:`Stage.process` (one article) or :meth:`Stage.process_batch`
(when batching pays, as with ``nlp.pipe``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from frontwire.config import Config
from frontwire.records import Article

#: Fields every article has from ingest on.
INGEST_PROVIDES: frozenset[str] = frozenset({"id", "source", "original_text", "text", "metadata"})


@dataclass(frozen=True, slots=True)
class Context:
    """What a stage is built with: the run's configuration (no globals)."""

    config: Config


class Stage:
    """One step of the pipeline.

    Subclasses set ``name``, ``requires``, ``provides`` (and ``rewrites`` where they change a
    field that already exists) and override :meth:`process` or :meth:`process_batch`.
    Heavy resources (models, data tables) are loaded in :meth:`setup`, which the executor calls
    once per process before the first batch, so building a pipeline to check it stays cheap.
    To reject one article, raise :class:`~frontwire.errors.StageError` or
    :class:`~frontwire.errors.InputError`; any other exception is also caught per article.
    """

    name: ClassVar[str]
    requires: ClassVar[frozenset[str]] = frozenset()
    provides: ClassVar[frozenset[str]] = frozenset()
    rewrites: ClassVar[frozenset[str]] = frozenset()
    # Unlike a rewrite, an extension may follow stages that read the field: they saw the same
    # records, with less filled in. It still needs a stage that provides the field before it.
    extends: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def setup(self) -> None:
        """Load what the stage needs; called once per process before the first batch."""

    def process(self, article: Article) -> Article:
        """Return ``article`` with this stage's fields filled in."""
        raise NotImplementedError(
            f"stage {self.name!r} implements neither process nor process_batch"
        )

    def process_batch(self, articles: Sequence[Article]) -> list[Article]:
        """Process a batch; by default one article at a time. Must keep the order."""
        return [self.process(article) for article in articles]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"
