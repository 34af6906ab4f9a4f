"""``frontwire gazetteer``: what a place name can resolve to."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from frontwire.cli.common import ConfigOption, _config, app


@app.command()
def gazetteer(
    name: Annotated[str, typer.Argument(help="A place name, e.g. 'Kharkov' or 'Donetsk region'.")],
    limit: Annotated[int, typer.Option("--limit", help="Candidates to show.")] = 10,
    config: ConfigOption = None,
) -> None:
    """Show what a name can resolve to, best first, with the reasons for each score."""
    from frontwire.places import load_gazetteer, resolve

    cfg = _config(config)
    gaz = load_gazetteer(cfg.places.cache_dir or None)
    res = resolve(gaz, name, explain=True)
    console = Console()
    if not res.candidates:
        console.print(f"no place called {name!r} in the gazetteer")
        raise typer.Exit(code=1)
    table = Table("#", "place", "feature", "country", "admin1", "lat, lon", "population",
                  "score", "why", box=None, header_style="bold")  # fmt: skip
    for rank, cand in enumerate(res.candidates[:limit], 1):
        e = gaz.entry(cand.index)
        table.add_row(
            str(rank), e.name, e.feature, e.country_code or "", e.admin1 or "",
            f"{e.latitude:.3f}, {e.longitude:.3f}", f"{e.population:,}", f"{cand.score:.2f}",
            "; ".join(cand.why),
        )  # fmt: skip
    console.print(table)
    more = len(res.candidates) - limit
    hint = f"; the name says {res.hint}" if res.hint else ""
    console.print(
        f"best: {gaz.names[res.best or 0]} (confidence {res.confidence:.2f}){hint}"
        + (f"; {more} more candidates" if more > 0 else ""),
        style="dim",
    )
