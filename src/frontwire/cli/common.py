"""What every command shares: the Typer app, the common options, messages and the sinks that
print articles and rejects.

Every string that comes from the user or the input (paths, names, messages) is printed
literally, never read as Rich markup: a file named ``[red]x.txt`` shows as such.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.text import Text

from frontwire.config import Config, load_config
from frontwire.errors import FrontwireError
from frontwire.output.safe_json import dumps_line, safe_text
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
    typer.Option("--db", help="DuckDB store file (default: \\[store] path, ./frontwire.duckdb)."),
]
PathsArgument = Annotated[
    list[str],
    typer.Argument(help="Files, directories, or - for standard input.", metavar="PATH..."),
]


#: Exit code of an internal error (a bug), apart from 1 (nothing processed) and 2 (cannot run).
EXIT_INTERNAL = 3
_DEBUG = {"on": False}  # set by the global --debug option


@app.callback()
def _global(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an internal error (FW800).")
    ] = False,
) -> None:
    """Turn war and conflict reporting into trustworthy, source-linked event data."""
    _DEBUG["on"] = debug or _DEBUG["on"]


def _err() -> Console:
    return Console(stderr=True, highlight=False)


def _say(console: Console, label: str, style: str, message: str) -> None:
    """Print a styled label and a message taken literally (no markup, any characters)."""
    line = Text(label, style=style)
    line.append(" ")
    line.append(safe_text(message))
    console.print(line, soft_wrap=True)


def _config(path: Path | None) -> Config:
    return load_config(path)


def _fail(exc: FrontwireError) -> typer.Exit:
    _say(_err(), "error", "bold red", str(exc))
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
            _say(console, "rejected", "yellow", f"[{reject.code}] {reject.reason}")
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
                sys.stdout.write(dumps_line(article_to_json(article)) + "\n")
            else:
                self.out.print(render_summary(article))
        sys.stdout.flush()
        self.articles += len(articles)
        self.rejects.write(articles, rejects)

    def record_run(self, stats: RunStats) -> None:
        """Nothing to keep: analyze writes no store."""
