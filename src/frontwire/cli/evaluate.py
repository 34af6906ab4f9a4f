"""``frontwire eval ...``: score frontwire against the public gold sets."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from frontwire.cli.common import _fail, app
from frontwire.errors import FrontwireError

eval_app = typer.Typer(help="Score frontwire against the public gold sets.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


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
    errors: Annotated[
        bool, typer.Option("--errors", help="List every miss on GVDB and the incident list.")
    ] = False,
    part: Annotated[
        str, typer.Option("--part", help="Part of GVDB and the incident list: test, tune, all.")
    ] = "test",
    limit: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--limit", help="Score at most this many rows of each of those two sets."),
    ] = None,
    incidents: Annotated[
        bool, typer.Option("--incidents/--no-incidents", help="Score GVDB and the incident list.")
    ] = True,
) -> None:
    """Score event coding: ACLED sub-types on CASE 2021 (held-out part), PLOVER types on the
    PLV held-out part and the PLOVER gold records, events end to end on GVDB news articles and
    Wikipedia incident reports (their test part), and list the seed article's events."""
    from frontwire.evaluation.events import evaluate_events, format_events_table

    if part not in ("train", "tune", "test", "all"):
        raise typer.BadParameter("--part must be train, tune, test or all")
    _print_scores(
        lambda: evaluate_events(
            _shared_dir(shared),
            incidents=incidents or errors,
            part=part,
            limit=limit,
            errors=errors,
        ),
        format_events_table,
        as_json,
    )


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
    errors: Annotated[
        bool,
        typer.Option(
            "--errors", help="List every miss with its error class instead of the scores."
        ),
    ] = False,
    end_to_end: Annotated[
        bool, typer.Option("--end-to-end", help="With --errors: add false and missed places.")
    ] = False,
    examples: Annotated[
        int, typer.Option("--examples", help="With --errors: show N misses of each class.")
    ] = 0,
) -> None:
    """Score geoparsing: accuracy@161 km, errors, AUC and toponym P/R/F1, end to end and with
    the gold names handed in."""
    from frontwire.evaluation.geo import (
        CORPORA,
        GEO_DIR,
        evaluate_all,
        evaluate_geo,
        format_errors,
        format_table,
        geo_errors,
    )

    if errors:
        folder = _shared_dir(shared) / GEO_DIR
        for path in files or [folder / f"{name}.xml" for name in CORPORA]:
            found = geo_errors(path, limit=limit, end_to_end=end_to_end)
            typer.echo(f"## {path.name}\n\n{format_errors(found, examples=examples)}\n")
        return

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
    errors: Annotated[
        bool, typer.Option("--errors", help="List every miss with its error class.")
    ] = False,
) -> None:
    """Score quotes and speakers on PolNeAR (content P/R/F1 at overlap 0.3 and exact, speakers,
    pronoun speakers and the stage's time beside the nlp stage's)."""
    from frontwire.evaluation.quotes import evaluate_quotes, format_table

    _print_scores(
        lambda: evaluate_quotes(_shared_dir(shared), file=file, limit=limit, errors=errors),
        format_table,
        as_json,
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


@eval_app.command("coref")
def eval_coref(
    shared: SharedOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score cross-document event coreference on ECB+ gold action mentions (MUC, B-cubed,
    CEAF-e and CoNLL F1 on the train, dev and test topics; fitted on train only), beside the
    singleton and same-lemma baselines."""
    from frontwire.evaluation.coref import evaluate_coref, format_table

    _print_scores(lambda: evaluate_coref(_shared_dir(shared)), format_table, as_json)
