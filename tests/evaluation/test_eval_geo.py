"""Geoparsing scores on a fixed small sample of the gold corpora stay above their floors.

The floors sit a little under what the sample scored when they were pinned (docs/EVALUATION.md
has the full-corpus tables), so a change that makes resolution or recognition worse fails.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontwire.errors import DependencyError
from frontwire.evaluation.geo import evaluate_geo, haversine_km, read_corpus

SAMPLE = 15  # the first 15 articles of each file: about 20 s for both

FLOORS = {
    # file: (given acc@161, end-to-end acc@161, toponym F1)
    "lgl.xml": (0.63, 0.53, 0.73),  # pinned at 0.660, 0.560, 0.763
    "tr-news.xml": (0.92, 0.92, 0.85),  # pinned at 0.953, 0.951, 0.877
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_geo_scores_on_a_sample_stay_above_floors(shared_dir: Path, name: str) -> None:
    scores = evaluate_geo(shared_dir / "eval" / "geo" / name, limit=SAMPLE)
    given, e2e, f1 = FLOORS[name]
    assert scores["given"]["acc161"] >= given
    assert scores["end_to_end"]["acc161"] >= e2e
    assert scores["toponyms"]["f1"] >= f1


def test_geovirus_offsets_are_realigned_to_the_phrase(shared_dir: Path) -> None:
    articles = list(read_corpus(shared_dir / "eval" / "geo" / "geovirus.xml"))[:20]
    golds = [(a.text, g) for a in articles for g in a.toponyms]
    assert golds and all(text[g.start : g.end] == g.phrase for text, g in golds)


def test_missing_gold_file_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(DependencyError) as err:
        evaluate_geo(tmp_path / "nope.xml")
    assert err.value.code == "FW603"


def test_haversine_of_a_known_pair() -> None:
    # Kyiv to Kharkiv is about 410 km.
    assert 400 < haversine_km(50.45, 30.52, 49.99, 36.23) < 420


def test_eval_geo_command_prints_a_table_for_one_file(shared_dir: Path) -> None:
    from typer.testing import CliRunner

    from frontwire.cli.app import app

    gold = shared_dir / "eval" / "geo" / "tr-news.xml"
    result = CliRunner().invoke(app, ["eval", "geo", str(gold), "--limit", "2", "--json"])
    assert result.exit_code == 0, result.output
    (scores,) = json.loads(result.stdout)
    assert scores["articles"] == 2 and 0 <= scores["toponyms"]["f1"] <= 1
