"""How ingest reads its inputs: limits, the default published date and the input format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, cast, get_args

from frontwire.config import Config, check_choice
from frontwire.errors import InputError
from frontwire.ingest.dates import normalise_date

InputFormat = Literal["auto", "txt", "html", "jsonl"]
INPUT_FORMATS: tuple[str, ...] = get_args(InputFormat)


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """Options for :func:`frontwire.ingest.read_inputs`.

    Attributes:
        max_bytes: largest file (or JSON Lines line) taken as one article, in bytes.
        published: ISO 8601 date given to articles whose input carries no (valid) date.
        keep_payload_chars: rejects keep the rejected input up to this many characters.
        input_format: how to read stdin and files whose extension says nothing about their
            format; ``"auto"`` sniffs the content.
        min_letters: letters an article must hold (invisible characters do not count).
        defer_html: leave the main-text extraction of HTML files to whoever runs the stages
            (:func:`frontwire.ingest.complete_html`): with the Ray executor the workers
            extract, not the driver that reads the inputs (trafilatura costs milliseconds a
            page, reading bytes microseconds).
    """

    max_bytes: int = 20_000_000
    published: str | None = None
    keep_payload_chars: int = 1_000_000
    input_format: InputFormat = "auto"
    min_letters: int = 1
    defer_html: bool = False

    @classmethod
    def from_config(cls, config: Config, published: str | None = None) -> IngestOptions:
        """Options from the ``[ingest]`` section of ``config``.

        Args:
            config: the run's configuration.
            published: the ``--published`` value; overrides ``[ingest] published`` when given.

        Returns:
            The options, with the published date normalised to ISO 8601.

        Raises:
            InputError: FW312 when the published date is not a date.
            ConfigError: FW105 when ``input_format`` is not one of the known formats.
        """
        section = config.ingest
        raw = published if published is not None else section["published"]
        normalised = None
        if raw:
            normalised = normalise_date(raw)
            if normalised is None:
                raise InputError("FW312", value=raw)
        input_format = check_choice(
            "ingest.input_format", section.get("input_format", "auto"), INPUT_FORMATS
        )
        return cls(
            max_bytes=section["max_bytes"],
            published=normalised,
            keep_payload_chars=section["keep_payload_chars"],
            input_format=cast(InputFormat, input_format),
            min_letters=section.get("min_letters", 1),
            defer_html=config["pipeline"]["executor"] == "ray",
        )


#: Metadata key of an HTML page read with ``defer_html``: its text is still the page, its id a
#: placeholder, and the value says how to finish it (:class:`frontwire.ingest.HtmlCompleter`).
PENDING_HTML = "_pending_html"

__all__ = ["INPUT_FORMATS", "PENDING_HTML", "IngestOptions", "InputFormat"]
