"""Commands over a store's results: ``export``, ``stats``, ``dedup`` and ``events``."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from frontwire.cli.common import ConfigOption, DbOption, _config, _err, _fail, app
from frontwire.errors import FrontwireError
from frontwire.output.safe_json import safe_text


class ExportFormat(StrEnum):
    """Formats ``frontwire export`` writes."""

    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    acled = "acled"  # events in ACLED's 31 columns (CSV)
    plover = "plover"  # events as PLOVER JSON Lines
    geojson = "geojson"  # events as a GeoJSON FeatureCollection


_Text = Optional[str]  # noqa: UP045 (Typer reads the annotation at run time)


@app.command()
def export(
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExportFormat.jsonl,
    table: Annotated[
        _Text,
        typer.Option(
            "--table", "-t", help="Table to export (default: articles; events for event formats)."
        ),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output", "-o", help="File to write (default: stdout; parquet needs a file)."
        ),
    ] = None,
    db: DbOption = None,
    bbox: Annotated[_Text, typer.Option("--bbox", help="min_lon,min_lat,max_lon,max_lat")] = None,
    date_from: Annotated[
        _Text, typer.Option("--from", "--date-from", help="First event date, YYYY-MM-DD.")
    ] = None,
    date_to: Annotated[
        _Text, typer.Option("--to", "--date-to", help="Last event date, YYYY-MM-DD.")
    ] = None,
    event_type: Annotated[
        _Text, typer.Option("--type", "--event-type", help="ACLED event type.")
    ] = None,
    sub_event_type: Annotated[
        _Text, typer.Option("--sub-type", "--sub-event-type", help="ACLED sub-event type.")
    ] = None,
    plover: Annotated[_Text, typer.Option("--plover", help="PLOVER event type.")] = None,
    actor: Annotated[_Text, typer.Option("--actor", help="An actor (substring).")] = None,
    country: Annotated[
        _Text, typer.Option("--country", help="Country name or ISO 3166-1 alpha-2 code.")
    ] = None,
    status: Annotated[
        _Text, typer.Option("--status", help="Event status (default: those that happened).")
    ] = None,
    min_sources: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--min-sources", help="At least this many independent sources."),
    ] = None,
    text: Annotated[_Text, typer.Option("--q", help="Text in the evidence.")] = None,
    story: Annotated[
        _Text, typer.Option("--story", help="A story id (frontwire stories): its events only.")
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Export a table of the store as JSON Lines, CSV or Parquet, or the events as ACLED CSV
    (--format acled), PLOVER JSON Lines (--format plover) or GeoJSON (--format geojson).

    The event filters are those of GET /events and GET /export, which writes the same bytes
    for the same filters; they apply to the event formats and to --table events."""
    from frontwire.api import export as export_store

    given = {
        "bbox": bbox, "date_from": date_from, "date_to": date_to, "event_type": event_type,
        "sub_event_type": sub_event_type, "plover": plover, "actor": actor,
        "country": country, "status": status, "min_sources": min_sources, "q": text,
        "story": story,
    }  # fmt: skip
    try:
        cfg = _config(config)
        rows = export_store(
            fmt.value,
            table=table,
            filters={k: v for k, v in given.items() if v is not None},
            output=output,
            db=db,
            config=cfg,
        )
    except FrontwireError as exc:
        raise _fail(exc) from exc
    if output is not None:
        what = "events" if fmt.value in ("acled", "plover", "geojson") else table or "articles"
        _err().print(f"wrote {rows} rows of {what} to {safe_text(str(output))}", markup=False)


@app.command()
def stats(db: DbOption = None, config: ConfigOption = None) -> None:
    """Show what the store holds: row counts, verdicts, rejects, recent runs."""
    from frontwire import api

    try:
        summary, report = api.stats(db=db, config=_config(config))
    except FrontwireError as exc:
        raise _fail(exc) from exc
    from frontwire.cli.render import render_store_stats

    console = Console(highlight=False)
    console.print(render_store_stats(summary))
    if report is not None:
        events = (
            f", {report.events} events from articles, {report.real_events} real-world events "
            f"backed by {report.independent_sources} independent sources"
            if report.events is not None
            else ""
        )
        console.print(
            f"{report.articles} articles in {report.copy_clusters} copy clusters and "
            f"{report.stories} stories{events}"
        )


@app.command()
def dedup(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    config: ConfigOption = None,
) -> None:
    """Update and show copy clusters, stories and corroborated events of the store."""
    from frontwire import api

    try:
        report = api.deduplicate(db=db, config=_config(config))
    except FrontwireError as exc:
        raise _fail(exc) from exc
    if as_json:
        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
        return
    console = Console(highlight=False)
    console.print(
        f"{report.articles} articles, {report.copy_clusters} copy clusters, "
        f"{report.stories} stories"
    )
    clusters = Table("copy cluster", "original", "copies", box=None, header_style="bold")
    for c in report.clusters:
        clusters.add_row(c.cluster_id, c.original_id, str(len(c.members)))
    console.print(clusters)
    stories = Table("story", "articles", "headline", box=None, header_style="bold")
    for story_id, n, title in report.story_sizes:
        stories.add_row(story_id, str(n), title)
    console.print(stories)


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
    story: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--story", help="a story id (frontwire stories): its events only"),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="Events to list (1 or more).")] = 20,
    config: ConfigOption = None,
) -> None:
    """List events (one per real-world event) as JSON Lines, newest first: what GET /events
    returns, from the same query. Needs no extra; runs while `frontwire serve` is open."""
    from pydantic import ValidationError

    from frontwire.errors import ApiError

    if limit < 1:
        raise _fail(ApiError("FW717", option="--limit", value=limit))

    from frontwire.server import Limits, Queries
    from frontwire.store import Store
    from frontwire.store.views import EventFilters

    try:
        given = {"bbox": bbox, "date_from": date_from, "date_to": date_to}
        given |= {"event_type": event_type, "q": text, "story": story}
        filters = EventFilters.model_validate({k: v for k, v in given.items() if v is not None})
    except ValidationError as exc:
        _err().print(f"[bold red]error[/] {exc.errors()[0]['msg']}")
        raise typer.Exit(code=2) from exc
    try:
        cfg = _config(config)
        with Store(db or Path(cfg["store"]["path"]), read_only=True) as store:
            queries = Queries(store.connection, Limits(max_page_size=limit))
            page = queries.events(filters, limit=limit)
    except FrontwireError as exc:
        raise _fail(exc) from exc
    for event in page.items:
        sys.stdout.write(event.model_dump_json() + "\n")
