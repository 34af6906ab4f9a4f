"""``frontwire stories``: the store's stories, or one story with its events and timeline."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from frontwire.cli.common import ConfigOption, DbOption, _config, _err, _fail, app
from frontwire.errors import FrontwireError


@app.command()
def stories(
    story: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(help="A story id, or an article id: show that one story in full."),
    ] = None,
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", help="Stories to list.")] = 20,
    min_articles: Annotated[
        int, typer.Option("--min-articles", help="List only stories with this many articles.")
    ] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    config: ConfigOption = None,
) -> None:
    """List stories (articles about one story across outlets and days), largest first, or
    show one: its title, time span, places, articles, real-world events and timeline. What
    GET /stories and GET /stories/{id} return."""
    from frontwire.dedup.report import list_stories, story_detail
    from frontwire.store import Store

    try:
        cfg = _config(config)
        with Store(db or Path(cfg["store"]["path"]), read_only=True) as store:
            if story is None:
                total, page = list_stories(store.connection, max(limit, 1), 0, min_articles)
                found = None
            else:
                found = story_detail(store.connection, story)
    except FrontwireError as exc:
        raise _fail(exc) from exc
    console = Console(highlight=False)
    if story is None:
        if as_json:
            body = {"total": total, "items": [s.to_json() for s in page]}
            sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
            return
        table = Table("story", "articles", "sources", "from", "to", "title", box=None)
        for s in page:
            table.add_row(
                s.story_id,
                str(s.articles),
                str(s.independent_sources),
                (s.first_published or "")[:10],
                (s.last_published or "")[:10],
                s.title[:70],
            )
        console.print(f"{total} stories")
        console.print(table)
        return
    if found is None:
        _err().print(f"[bold red]error[/] no story or article {story!r} in the store")
        raise typer.Exit(code=1)
    if as_json:
        sys.stdout.write(json.dumps(found.to_json(), ensure_ascii=False, indent=2) + "\n")
        return
    s = found.summary
    console.print(f"[bold]{s.title}[/]  ({s.story_id})")
    console.print(
        f"{s.articles} articles from {s.independent_sources} independent sources, "
        f"{(s.first_published or '?')[:10]} to {(s.last_published or '?')[:10]}; "
        f"places: {', '.join(found.places) or '-'}"
    )
    timeline = Table("date", "articles", "events", box=None, header_style="bold")
    for day in found.timeline:
        timeline.add_row(day["date"], str(day["articles"]), str(len(day["events"])))
    console.print(timeline)
    events = Table("event", "date", "type", "place", "dead", "sources", box=None)
    for e in found.events:
        events.add_row(
            e["event_id"],
            e["event_date"] or "",
            e["sub_event_type"] or e["event_type"] or "",
            e["location"] or "",
            "" if e["fatalities"] is None else str(e["fatalities"]),
            str(e["independent_sources"]),
        )
    console.print(events)
    articles = Table("article", "published", "outlet", "title", box=None, header_style="bold")
    for a in found.articles:
        articles.add_row(a["id"], (a["published"] or "")[:10], a["outlet"] or "", a["title"][:60])
    console.print(articles)
