"""The ``sanitize`` pipeline stage: runs first and hands every later stage the repaired text."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, ClassVar

from frontwire.errors import StageError
from frontwire.forensics.options import ForensicsOptions
from frontwire.forensics.report import score_and_verdict
from frontwire.forensics.sanitizer import Sanitizer
from frontwire.pipeline.stage import Stage
from frontwire.records import Article, TamperReport


class SanitizeStage(Stage):
    """Repair mojibake, invisible characters, compatibility forms and look-alike letters.

    Writes the repaired ``text``, the ``edits`` (original-text coordinates), the ``offsets``
    map, the ``forensics`` tamper report and the ``boilerplate`` spans (credit and caption
    lines that later stages skip). An article with nothing left to read once invisible
    characters are gone is rejected (FW403).
    """

    name: ClassVar[str] = "sanitize"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    provides: ClassVar[frozenset[str]] = frozenset(
        {"text", "edits", "offsets", "forensics", "boilerplate"}
    )
    rewrites: ClassVar[frozenset[str]] = frozenset({"text"})

    _sanitizer: Sanitizer | None = None

    def setup(self) -> None:
        """Build the Unicode tables and the spoofing detector once per process."""
        if self._sanitizer is None:
            self._sanitizer = Sanitizer(ForensicsOptions.from_config(self.ctx.config))

    def process(self, article: Article) -> Article:
        """Return ``article`` with the repaired text and the forensics fields filled in.

        Raises:
            StageError: FW403 when the text holds nothing but invisible characters.
        """
        if self._sanitizer is None:
            self.setup()
        assert self._sanitizer is not None
        result = self._sanitizer.sanitize(article.text)
        if not result.text.strip() and article.text.strip():
            raise StageError("FW403", removed=len(article.text) - len(result.text))
        repaired = article.replace(text=result.text, edits=result.edits, offsets=result.offsets)
        return repaired.replace(
            forensics=with_encoding_doubt(result.report, article.metadata, self._sanitizer),
            boilerplate=tuple(repaired.span(s, e) for s, e in result.boilerplate),
        )


def with_encoding_doubt(
    report: TamperReport, metadata: Mapping[str, Any], sanitizer: Sanitizer
) -> TamperReport:
    """The report with ingest's doubt about the encoding, if it had one: a text whose bytes read
    almost as well in another encoding is never reported ``clean``, since it may be misread."""
    doubt = metadata.get("encoding_doubt")
    if not doubt:
        return report
    if report.verdict != "clean":
        return dataclasses.replace(report, encoding_doubt=doubt)
    score, verdict = score_and_verdict(0, 1, sanitizer.options.obfuscation_threshold)
    return dataclasses.replace(report, encoding_doubt=doubt, score=score, verdict=verdict)


__all__ = ["SanitizeStage", "with_encoding_doubt"]
