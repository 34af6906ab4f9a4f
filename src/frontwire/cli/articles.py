"""Commands that read articles: ``analyze``, ``ingest`` and ``sanitize``."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from frontwire.cli.common import (
    ConfigOption,
    DbOption,
    PathsArgument,
    PublishedOption,
    _config,
    _err,
    _fail,
    _PrintingSink,
    _RejectSink,
    app,
)
from frontwire.config import Config
from frontwire.errors import FrontwireError
from frontwire.output.safe_json import json_safe, safe_text
from frontwire.records import RunStats


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
    from frontwire import api

    sink = _PrintingSink(as_json)
    # Copies and stories are found across all the inputs, so articles are printed once all
    # are analysed (analyze is for a handful of files; ingest streams into the store).
    try:
        done = api.analyze(paths, config=_config(config), published=published, progress=None)
    except FrontwireError as exc:
        raise _fail(exc) from exc
    sink.write(done.articles, done.rejects)
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
    profile: ProfileOption = False,
) -> None:
    """Run the pipeline over articles into the DuckDB store, then print what was stored."""
    import time

    from frontwire import api

    started = time.perf_counter()

    rejects = _RejectSink()
    try:
        cfg = _with_executor(_config(config), executor, address, workers)
        store_path = db or Path(cfg.store.path)
        stats = api.ingest(paths, db=store_path, config=cfg, published=published,
                           redo=redo, skip_existing=skip_existing, sink=rejects)  # fmt: skip
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
    if profile:
        from frontwire.pipeline.profile import breakdown, render

        total = time.perf_counter() - started
        print(render(breakdown(stats, total, {"dedup": stats.timings.get("dedup", 0.0)}), total))
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
    typer.Option(
        "--executor",
        help="Where stages run: local or ray (\\[pipeline] executor); ray needs the extra: "
        "pip install 'frontwire\\[ray]'.",
    ),
]
AddressOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--address", help="Ray cluster to join (default: start a local one)."),
]
WorkersOption = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option("--workers", min=1, help="Ray workers (\\[pipeline] workers)."),
]
RedoOption = Annotated[
    bool, typer.Option("--redo", help="Read every input again, even those a run finished.")
]
ProfileOption = Annotated[
    bool, typer.Option("--profile", help="Print where the time went, step by step.")
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
def sanitize(
    path: Annotated[str, typer.Argument(help="A file, or - for standard input.")],
    report: Annotated[
        bool, typer.Option("--report", help="Print the tamper report as JSON.")
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Repair look-alike letters, invisible characters and mojibake; print the repaired text."""
    from frontwire import api

    try:
        done = api.sanitize([path], config=_config(config))
    except FrontwireError as exc:
        raise _fail(exc) from exc
    shown = _RejectSink()
    shown.write([], done.rejects)
    shown.report()
    for article, result in done.results:
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
    if not done.results:
        raise typer.Exit(code=1)
