"""``frontwire gazetteer``: what a place name can resolve to, and building the index."""

from __future__ import annotations

import time
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from frontwire.cli.common import ConfigOption, _config, app


@app.command()
def gazetteer(
    name: Annotated[
        Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Argument(help="A place name, e.g. 'Kharkov' or 'Donetsk region'."),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="Candidates to show.")] = 10,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show every reason behind each candidate's score.")
    ] = False,
    context: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--context",
            help="Text around the name (an article): its other places, qualifiers and "
            "dateline are the context the name is resolved in.",
        ),
    ] = None,
    build: Annotated[
        bool,
        typer.Option(
            "--build", help="Build and cache the gazetteer index now (the set-up runs this)."
        ),
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Show what a name can resolve to, best first, with the reasons for each score."""
    from frontwire.places import load_gazetteer
    from frontwire.places.gazetteer import cache_path
    from frontwire.places.stage import explain_name

    cfg = _config(config)
    cache_dir = cfg.places["cache_dir"] or None
    console = Console()
    if build:
        started = time.perf_counter()
        gaz = load_gazetteer(cache_dir, quiet=True)
        console.print(
            f"gazetteer index ready: {len(gaz):,} places in {cache_path(cache_dir)} "
            f"({time.perf_counter() - started:.1f} s)"
        )
        if name is None:
            return
    if name is None:
        console.print("give a place name, or --build to build the index")
        raise typer.Exit(code=2)
    gaz = load_gazetteer(cache_dir)
    res = explain_name(gaz, name, context)
    if not res.candidates:
        console.print(f"no place called {name!r} in the gazetteer")
        raise typer.Exit(code=1)
    # The reasons are long: in a table column they would be cut on a narrow terminal, so
    # --explain prints them under the table, one candidate a line.
    table = Table("#", "place", "feature", "country", "admin1", "admin2", "lat, lon",
                  "population", "score", box=None, header_style="bold")  # fmt: skip
    shown = res.candidates[:limit]
    for rank, cand in enumerate(shown, 1):
        e = gaz.entry(cand.place)
        table.add_row(
            str(rank), e.name, e.feature, e.country_code or "", e.admin1 or "", e.admin2 or "",
            f"{e.latitude:.3f}, {e.longitude:.3f}", f"{e.population:,}", f"{cand.score:.2f}",
        )  # fmt: skip
    console.print(table)
    for rank, cand in enumerate(shown, 1):
        why = cand.why if explain else cand.why[:1]
        console.print(f"{rank}. {gaz.names[cand.place]}: " + "; ".join(why), soft_wrap=True)
    more = len(res.candidates) - limit
    hint = f"; the name says {res.hint}" if res.hint else ""
    console.print(
        f"best: {gaz.names[res.best or 0]} (confidence {res.confidence:.2f}){hint}"
        + (f"; {more} more candidates" if more > 0 else ""),
        style="dim",
    )
