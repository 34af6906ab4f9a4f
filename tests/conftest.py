"""Shared fixtures: the real spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from frontwire.config import Config, load_config

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRONTWIRE_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def config() -> Config:
    return load_config()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "eval").is_dir():
        pytest.skip(f"shared material not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def seed_article_path(shared_dir: Path) -> Path:
    path = shared_dir / "examples" / "seed-article.txt"
    if not path.is_file():
        pytest.skip("seed article not found")
    return path


@pytest.fixture(scope="session")
def nlp_stage(config: Config):  # type: ignore[no-untyped-def]
    from frontwire.nlp import NlpStage
    from frontwire.pipeline import Context

    stage = NlpStage(Context(config=config))
    stage.setup()
    return stage


@pytest.fixture(scope="session")
def ray_instance():  # type: ignore[no-untyped-def]
    """One real local Ray instance (2 CPUs, real worker processes) for every Ray test."""
    import logging

    ray = pytest.importorskip("ray")
    started = not ray.is_initialized()
    if started:
        ray.init(
            num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR
        )
    yield ray
    if started:
        ray.shutdown()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked slow run in CI (CI=true) or with FRONTWIRE_SLOW=1, or when picked with
    ``-m slow``; elsewhere they are skipped, so the default suite stays within minutes."""
    if os.environ.get("CI") == "true" or os.environ.get("FRONTWIRE_SLOW") == "1":
        return
    if "slow" in (config.getoption("markexpr", "") or ""):
        return
    skip = pytest.mark.skip(reason="slow: runs in CI, or set FRONTWIRE_SLOW=1")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
