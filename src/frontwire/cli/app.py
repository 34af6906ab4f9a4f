"""The ``frontwire`` command line: a thin Typer layer over :mod:`frontwire.api`.

Exit codes: 0 when at least one article was processed (rejects are reported, not fatal);
1 when nothing could be processed; 2 when the command cannot run at all (bad config, unusable
store, missing dependency, wrong arguments); 3 on an internal error (a bug: one line with FW800,
the traceback only with ``frontwire --debug``).

Every string that comes from the user or the input (paths, names, messages) is printed
literally, never read as Rich markup: a file named ``[red]x.txt`` shows as such.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from frontwire.config import Config, default_config_text, load_config
from frontwire.errors import FrontwireError, InternalError
from frontwire.output.safe_json import dumps_line, json_safe, safe_text
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


class ExportFormat(StrEnum):
    """Formats ``frontwire export`` writes."""

    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    acled = "acled"  # events in ACLED's 31 columns (CSV)
    plover = "plover"  # events as PLOVER JSON Lines


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
    from frontwire.dedup.batch import annotate
    from frontwire.dedup.index import DedupOptions
    from frontwire.pipeline import CollectingSink

    sink = _PrintingSink(as_json)
    # Copies and stories are found across all the inputs, so articles are printed once all
    # are analysed (analyze is for a handful of files; ingest streams into the store).
    collected = CollectingSink()
    try:
        cfg = _config(config)
        run(paths, collected, config=cfg, published=published)
        options = DedupOptions.from_config(cfg["dedup"])
    except FrontwireError as exc:
        raise _fail(exc) from exc
    done = annotate(collected.articles, options.copies, options.stories)
    sink.write(done, collected.rejects)
    sink.rejects.report()
    _report_hidden(paths)
    if sink.articles == 0:
        _err().print("[bold red]error[/] no article could be processed")
        raise typer.Exit(code=1)


@app.command()
def ingest(
    paths: PathsArgument,
    db: DbOption = None,
    published: PublishedOption = None,
    config: ConfigOption = None,
    executor: ExecutorOption = None,
    address: AddressOption = None,
    workers: WorkersOption = None,
    redo: RedoOption = False,
    skip_existing: SkipExistingOption = False,
) -> None:
    """Run the pipeline over articles into the DuckDB store, then print what was stored."""
    from frontwire.api import run
    from frontwire.pipeline import TeeSink
    from frontwire.store import Store

    rejects = _RejectSink()
    try:
        cfg = _with_executor(_config(config), executor, address, workers)
        store_path = db or Path(cfg["store"]["path"])
        from frontwire.dedup.index import DedupOptions

        with Store(store_path, memory_limit=cfg["store"]["memory_limit"] or None) as store:
            stats = run(paths, TeeSink(store, rejects), config=cfg, published=published,
                        store=store, redo=redo, skip_existing=skip_existing)  # fmt: skip
            store.dedup(DedupOptions.from_config(cfg["dedup"]))
    except FrontwireError as exc:
        raise _fail(exc) from exc
    rejects.report()
    console = Console(highlight=False)
    console.print(
        f"ingested [bold]{stats.articles}[/] articles, rejected [bold]{stats.rejected}[/] "
        f"into {escape(safe_text(str(store_path)))} (run {stats.run_id[:8]})"
    )
    _report_hidden(paths)
    _print_skipped(console, stats)
    _print_stage_table(console, stats)
    if stats.articles == 0 and not stats.skipped:
        raise typer.Exit(code=1)


def _report_hidden(paths: Sequence[str]) -> None:
    """Say how many hidden files and folders were skipped, so none goes unnoticed."""
    from frontwire.ingest.guards import count_hidden

    hidden = count_hidden(paths)
    if hidden:
        _err().print(
            f"skipped {hidden} hidden {'entry' if hidden == 1 else 'entries'} (names starting "
            "with '.'); pass a hidden file by its path to read it",
            markup=False,
        )


ExecutorOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--executor", help="Where stages run: local or ray ([pipeline] executor)."),
]
AddressOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--address", help="Ray cluster to join (default: start a local one)."),
]
WorkersOption = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option("--workers", min=1, help="Ray workers ([pipeline] workers)."),
]
RedoOption = Annotated[
    bool, typer.Option("--redo", help="Read every input again, even those a run finished.")
]
SkipExistingOption = Annotated[
    bool, typer.Option("--skip-existing", help="Skip articles the store already holds.")
]


def _with_executor(
    cfg: Config, executor: str | None, address: str | None, workers: int | None
) -> Config:
    overrides: dict[str, object] = {}
    if executor is not None:
        overrides["executor"] = executor
    if address is not None:
        overrides["ray_address"] = address
        overrides.setdefault("executor", "ray")
    if workers is not None:
        overrides["workers"] = workers
    return cfg.with_overrides({"pipeline": overrides}, "--executor") if overrides else cfg


def _print_skipped(console: Console, stats: RunStats) -> None:
    if stats.skipped:
        parts = ", ".join(f"{n} {kind}" for kind, n in sorted(stats.skipped.items()))
        console.print(f"skipped {parts}")


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
    """Export a table of the store as JSON Lines, CSV or Parquet, or the events as ACLED CSV
    (--format acled) or PLOVER JSON Lines (--format plover)."""
    from frontwire.store import Store

    try:
        cfg = _config(config)
        with Store(db or Path(cfg["store"]["path"]), read_only=True) as store:
            if fmt.value in ("acled", "plover"):
                table = "events"
                rows = store.export_events(fmt.value, output)
            else:
                rows = store.export(table, fmt.value, output)  # type: ignore[arg-type]
    except FrontwireError as exc:
        raise _fail(exc) from exc
    if output is not None:
        _err().print(f"wrote {rows} rows of {table} to {safe_text(str(output))}", markup=False)


@app.command()
def stats(db: DbOption = None, config: ConfigOption = None) -> None:
    """Show what the store holds: row counts, verdicts, rejects, recent runs."""
    from frontwire.store import Store

    try:
        cfg = _config(config)
        from frontwire.dedup.report import dedup_report

        with Store(db or Path(cfg["store"]["path"]), read_only=True) as store:
            summary = store.stats()
            report = dedup_report(store.connection)
    except FrontwireError as exc:
        raise _fail(exc) from exc
    from frontwire.output import render_store_stats

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
    from frontwire.dedup.index import DedupOptions
    from frontwire.dedup.report import dedup_report
    from frontwire.store import Store

    try:
        cfg = _config(config)
        with Store(db or Path(cfg["store"]["path"])) as store:
            store.dedup(DedupOptions.from_config(cfg["dedup"]))
            report = dedup_report(store.connection)
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
            text = json.dumps(json_safe(body), ensure_ascii=False, indent=2, allow_nan=False)
            sys.stdout.write(text + "\n")
        else:
            sys.stdout.write(safe_text(result.text))
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


def _print_scores(score: Callable[[], Any], table: Callable[[Any], str], as_json: bool) -> None:
    """What every ``eval`` command does with its scores: a table, or JSON with --json."""
    try:
        scores = score()
    except FrontwireError as exc:
        raise _fail(exc) from exc
    text = json.dumps(scores, ensure_ascii=False, indent=2) if as_json else table(scores)
    sys.stdout.write(text + "\n")


@eval_app.command("events")
def eval_events(
    shared: SharedOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score event coding: ACLED sub-types on CASE 2021 (held-out part), PLOVER types on the
    PLV held-out part and the PLOVER gold records, and list the seed article's events."""
    from frontwire.evaluation.events import evaluate_events, format_events_table

    _print_scores(lambda: evaluate_events(_shared_dir(shared)), format_events_table, as_json)


@eval_app.command("forensics")
def eval_forensics(
    shared: SharedOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score the forensics stage on ftfy's test cases (mojibake fixed, negatives untouched)."""
    from frontwire.evaluation.forensics import evaluate_forensics, format_table

    _print_scores(lambda: evaluate_forensics(_shared_dir(shared)), format_table, as_json)


@eval_app.command("geo")
def eval_geo(
    files: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(help="Gold XML files (LGL, TR-News, GeoVirus); default: all of them."),
    ] = None,
    shared: SharedOption = None,
    limit: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--limit", help="Score only the first N articles of each file."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score geoparsing: accuracy@161 km, errors, AUC and toponym P/R/F1, end to end and with
    the gold names handed in."""
    from frontwire.evaluation.geo import evaluate_all, evaluate_geo, format_table

    def scores() -> Any:
        if files:
            return [evaluate_geo(f, limit=limit) for f in files]
        return evaluate_all(_shared_dir(shared), limit=limit)

    _print_scores(scores, format_table, as_json)


@eval_app.command("quotes")
def eval_quotes(
    shared: SharedOption = None,
    file: Annotated[
        str, typer.Option("--file", help="PolNeAR file under eval/quotes/ to score.")
    ] = "polnear-dev.jsonl",
    limit: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--limit", help="Score only the first N articles."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score quotes and speakers on PolNeAR (content P/R/F1 at overlap 0.3 and exact)."""
    from frontwire.evaluation.quotes import evaluate_quotes, format_table

    _print_scores(
        lambda: evaluate_quotes(_shared_dir(shared), file=file, limit=limit), format_table, as_json
    )


@eval_app.command("dedup")
def eval_dedup(
    shared: SharedOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score copy detection (spun copies) and story clustering (wikiref220)."""
    from frontwire.evaluation.dedup import evaluate_all, format_table

    repo = Path(__file__).resolve().parents[3]
    _print_scores(lambda: evaluate_all(_shared_dir(shared), repo), format_table, as_json)


@app.command()
def gazetteer(
    name: Annotated[str, typer.Argument(help="A place name, e.g. 'Kharkov' or 'Donetsk region'.")],
    limit: Annotated[int, typer.Option("--limit", help="Candidates to show.")] = 10,
    config: ConfigOption = None,
) -> None:
    """Show what a name can resolve to, best first, with the reasons for each score."""
    from frontwire.places import load_gazetteer, resolve

    cfg = _config(config)
    gaz = load_gazetteer(cfg["places"]["cache_dir"] or None)
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
    """Entry point of the ``frontwire`` command.

    An exception frontwire did not expect is a bug: it exits 3 with one line (FW800) instead
    of a traceback, which ``--debug`` shows (before the command: ``frontwire --debug stats``).
    """
    _DEBUG["on"] = "--debug" in sys.argv[1:]
    try:
        app()
    except BrokenPipeError:  # the reader went away (e.g. `| head`): stop quietly
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), sys.stdout.fileno())
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the one place every unexpected error ends up
        if _DEBUG["on"]:
            traceback.print_exc()
        detail = " ".join(str(exc).split())[:300] or "no message"
        error = InternalError("FW800", kind=type(exc).__name__, detail=detail)
        _say(_err(), "error", "bold red", str(error))
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
