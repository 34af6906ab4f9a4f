"""The ``frontwire`` command line: a thin Typer layer over :mod:`frontwire.api`.

Exit codes: 0 when at least one article was processed (rejects are reported, not fatal);
1 when nothing could be processed; 2 when the command cannot run at all (bad config, unusable
store, missing dependency, wrong arguments).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from frontwire.config import Config, default_config_text, load_config
from frontwire.errors import FrontwireError
from frontwire.records import Article, Reject, RunStats

app = typer.Typer(
    name="frontwire",
    help="Turn war and conflict reporting into trustworthy, source-linked event data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score frontwire against the public gold sets.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

# Show at most this many individual rejects on the terminal; the rest are counted by code (all
# of them are kept in the store's rejects table or the JSON output).
MAX_REJECTS_SHOWN = 20

ConfigOption = Annotated[
    Optional[Path],  # noqa: UP045 - Typer needs Optional to read the annotation on 3.11
    typer.Option("--config", "-c", help="TOML file overriding the default config.", dir_okay=False),
]
PublishedOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--published", help="Published date (ISO 8601) for inputs that carry none."),
]
DbOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--db", help="DuckDB store file (default: [store] path, ./frontwire.duckdb)."),
]
PathsArgument = Annotated[
    list[str],
    typer.Argument(help="Files, directories, or - for standard input.", metavar="PATH..."),
]


class ExportFormat(StrEnum):
    """Formats ``frontwire export`` writes."""

    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def _err() -> Console:
    return Console(stderr=True, highlight=False)


def _config(path: Path | None) -> Config:
    return load_config(path)


def _fail(exc: FrontwireError) -> typer.Exit:
    _err().print(f"[bold red]error[/] {exc}", markup=True, soft_wrap=True)
    return typer.Exit(code=2)


class _RejectSink:
    """Keeps the first rejects of a run to show them and counts all of them by code (every
    reject is kept in full by the store or the JSON output, not here)."""

    def __init__(self) -> None:
        self.shown: list[Reject] = []
        self.counts: Counter[str] = Counter()

    def write(self, articles: Sequence[Article], rejects: Sequence[Reject]) -> None:
        """Take the batch's rejects."""
        for reject in rejects:
            if len(self.shown) < MAX_REJECTS_SHOWN:
                self.shown.append(reject)
            self.counts[reject.code] += 1

    def record_run(self, stats: RunStats) -> None:
        """Nothing to keep."""

    def report(self) -> None:
        """Print the shown rejects, then a count by code of the rest."""
        console = _err()
        for reject in self.shown:
            console.print(f"[yellow]rejected[/] [{reject.code}] {reject.reason}", soft_wrap=True)
        rest = self.counts - Counter(r.code for r in self.shown)
        if rest:
            counts = ", ".join(f"{n} × {code}" for code, n in rest.most_common())
            console.print(f"[yellow]… and {rest.total()} more rejects[/] ({counts})")


class _PrintingSink:
    """Prints each article as it is finished (JSON Lines or a summary) and reports rejects."""

    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json
        self.articles = 0
        self.out = Console(highlight=False)
        self.rejects = _RejectSink()

    def write(self, articles: Sequence[Article], rejects: Sequence[Reject]) -> None:
        from frontwire.output import article_to_json, render_summary

        for article in articles:
            if self.as_json:
                sys.stdout.write(json.dumps(article_to_json(article), ensure_ascii=False) + "\n")
            else:
                self.out.print(render_summary(article))
        sys.stdout.flush()
        self.articles += len(articles)
        self.rejects.write(articles, rejects)

    def record_run(self, stats: RunStats) -> None:
        """Nothing to keep: analyze writes no store."""


@app.command()
def analyze(
    paths: PathsArgument,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per article (JSON Lines) on stdout.")
    ] = False,
    published: PublishedOption = None,
    config: ConfigOption = None,
) -> None:
    """Analyse articles and print a summary of each (or JSON Lines with --json)."""
    from frontwire.api import run

    sink = _PrintingSink(as_json)
    try:
        run(paths, sink, config=_config(config), published=published)
    except FrontwireError as exc:
        raise _fail(exc) from exc
    sink.rejects.report()
    if sink.articles == 0:
        _err().print("[bold red]error[/] no article could be processed")
        raise typer.Exit(code=1)


@app.command()
def ingest(
    paths: PathsArgument,
    db: DbOption = None,
    published: PublishedOption = None,
    config: ConfigOption = None,
) -> None:
    """Run the pipeline over articles into the DuckDB store, then print what was stored."""
    from frontwire.api import run
    from frontwire.pipeline import TeeSink
    from frontwire.store import Store

    rejects = _RejectSink()
    try:
        cfg = _config(config)
        store_path = db or Path(cfg["store"]["path"])
        with Store(store_path) as store:
            stats = run(paths, TeeSink(store, rejects), config=cfg, published=published)
    except FrontwireError as exc:
        raise _fail(exc) from exc
    rejects.report()
    console = Console(highlight=False)
    console.print(
        f"ingested [bold]{stats.articles}[/] articles, rejected [bold]{stats.rejected}[/] "
        f"into {store_path} (run {stats.run_id[:8]})"
    )
    _print_stage_table(console, stats)
    if stats.articles == 0:
        raise typer.Exit(code=1)


def _print_stage_table(console: Console, stats: RunStats) -> None:
    table = Table("stage", "in", "out", "rejected", "seconds", box=None, header_style="bold")
    for stage in stats.stages:
        table.add_row(
            stage.name,
            str(stage.articles_in),
            str(stage.articles_out),
            str(stage.rejected),
            f"{stage.seconds:.2f}",
        )
    console.print(table)


@app.command()
def export(
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExportFormat.jsonl,
    table: Annotated[str, typer.Option("--table", "-t", help="Table to export.")] = "articles",
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output", "-o", help="File to write (default: stdout; parquet needs a file)."
        ),
    ] = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Export a table of the store as JSON Lines, CSV or Parquet."""
    from frontwire.store import Store

    try:
        cfg = _config(config)
        with Store(db or Path(cfg["store"]["path"]), read_only=True) as store:
            rows = store.export(table, fmt.value, output)
    except FrontwireError as exc:
        raise _fail(exc) from exc
    if output is not None:
        _err().print(f"wrote {rows} rows of {table} to {output}")


@app.command()
def stats(db: DbOption = None, config: ConfigOption = None) -> None:
    """Show what the store holds: row counts, verdicts, rejects, recent runs."""
    from frontwire.store import Store

    try:
        cfg = _config(config)
        with Store(db or Path(cfg["store"]["path"]), read_only=True) as store:
            summary = store.stats()
    except FrontwireError as exc:
        raise _fail(exc) from exc
    from frontwire.output import render_store_stats

    Console(highlight=False).print(render_store_stats(summary))


@app.command()
def sanitize(
    path: Annotated[str, typer.Argument(help="A file, or - for standard input.")],
    report: Annotated[
        bool, typer.Option("--report", help="Print the tamper report as JSON.")
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Repair look-alike letters, invisible characters and mojibake; print the repaired text."""
    from frontwire.forensics import ForensicsOptions, Sanitizer
    from frontwire.ingest import IngestOptions, read_inputs

    try:
        cfg = _config(config)
        sanitizer = Sanitizer(ForensicsOptions.from_config(cfg))
        items = list(read_inputs([path], IngestOptions.from_config(cfg)))
    except FrontwireError as exc:
        raise _fail(exc) from exc
    shown = _RejectSink()
    shown.write([], [item for item in items if isinstance(item, Reject)])
    shown.report()
    articles = [item for item in items if isinstance(item, Article)]
    for article in articles:
        result = sanitizer.sanitize(article.text)
        if report:
            body = {
                "id": article.id,
                "path": article.source.path,
                "report": result.report.to_json(),
                "edits": [edit.to_json() for edit in result.edits],
            }
            sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write(result.text)
            if not result.text.endswith("\n"):
                sys.stdout.write("\n")
    if not articles:
        raise typer.Exit(code=1)


@app.command("config")
def show_config() -> None:
    """Print the commented default configuration (copy it to start your own)."""
    sys.stdout.write(default_config_text())


def _shared_dir(shared: Path | None) -> Path:
    from frontwire.util import default_shared_dir

    return shared or default_shared_dir()


SharedOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--shared", help="Folder holding eval/ (default: $FRONTWIRE_SHARED or ../shared)."
    ),
]


@eval_app.command("forensics")
def eval_forensics(
    shared: SharedOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score the forensics stage on ftfy's test cases (mojibake fixed, negatives untouched)."""
    from frontwire.evaluation.forensics import evaluate_forensics, format_table

    try:
        scores = evaluate_forensics(_shared_dir(shared))
    except FrontwireError as exc:
        raise _fail(exc) from exc
    if as_json:
        sys.stdout.write(json.dumps(scores, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_table(scores) + "\n")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--host", help="Address to listen on (default: [server] host, 127.0.0.1)."),
    ] = None,
    port: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--port", help="Port to listen on (default: [server] port, 8000)."),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Serve the HTTP API and the dashboard over the store (read-only unless a token is set)."""
    import uvicorn

    from frontwire.server import ServerSettings, create_app

    try:
        cfg = _config(config)
        application = create_app(ServerSettings.from_config(cfg, db))
    except FrontwireError as exc:
        raise _fail(exc) from exc
    server = cfg["server"]
    uvicorn.run(
        application,
        host=host or server["host"],
        port=port or server["port"],
        log_level="warning",
        server_header=False,
    )


@app.command()
def events(
    db: DbOption = None,
    bbox: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--bbox", help="min_lon,min_lat,max_lon,max_lat"),
    ] = None,
    date_from: Annotated[Optional[str], typer.Option("--from", help="YYYY-MM-DD")] = None,  # noqa: UP045
    date_to: Annotated[Optional[str], typer.Option("--to", help="YYYY-MM-DD")] = None,  # noqa: UP045
    event_type: Annotated[Optional[str], typer.Option("--type", help="ACLED event type")] = None,  # noqa: UP045
    text: Annotated[Optional[str], typer.Option("--q", help="text in the evidence")] = None,  # noqa: UP045
    limit: Annotated[int, typer.Option("--limit", help="Events to list.")] = 20,
    config: ConfigOption = None,
) -> None:
    """List events (one per real-world event) as JSON Lines, newest first: what GET /events
    returns, from the same query."""
    from pydantic import ValidationError

    from frontwire.server import Limits, Queries
    from frontwire.server.models import EventFilters
    from frontwire.store import Store

    try:
        given = {"bbox": bbox, "date_from": date_from, "date_to": date_to}
        given |= {"event_type": event_type, "q": text}
        filters = EventFilters.model_validate({k: v for k, v in given.items() if v is not None})
    except ValidationError as exc:
        _err().print(f"[bold red]error[/] {exc.errors()[0]['msg']}")
        raise typer.Exit(code=2) from exc
    try:
        cfg = _config(config)
        with Store(db or Path(cfg["store"]["path"]), read_only=True) as store:
            queries = Queries(store.connection, Limits(max_page_size=max(limit, 1)))
            page = queries.events(filters, limit=limit)
    except FrontwireError as exc:
        raise _fail(exc) from exc
    for event in page.items:
        sys.stdout.write(event.model_dump_json() + "\n")


def main() -> None:
    """Entry point of the ``frontwire`` command."""
    app()


if __name__ == "__main__":
    main()
