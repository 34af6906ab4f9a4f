"""Ingest: plain text, HTML, JSON Lines, directories and stdin in; articles and rejects out.

Formats follow the extension (``.txt``/``.text``/none: text; ``.html``/``.htm``/``.xhtml``:
HTML; ``.jsonl``/``.ndjson``/``.json``: JSON Lines); stdin and other extensions follow
``[ingest] input_format``, which by default sniffs the content. Text is decoded as UTF-8, else by
detection, and then left exactly as it is. An article's id derives from its text alone, so
ingesting the same article again changes nothing.

Published dates become ISO 8601. A date that is missing, or present but not a clear date, takes
``--published`` if given; a JSON Lines ``published`` value that is not a clear date is kept as
``metadata["published_raw"]``.

Example:
    >>> from frontwire.ingest import IngestOptions, read_inputs
    >>> for item in read_inputs(["reports/"], IngestOptions(published="2022-05-16")):
    ...     print(item.id)  # doctest: +SKIP
"""

from __future__ import annotations

from frontwire.ingest.options import IngestOptions
from frontwire.ingest.reader import HtmlCompleter, count_inputs, is_pending, read_inputs

__all__ = ["HtmlCompleter", "IngestOptions", "count_inputs", "is_pending", "read_inputs"]
