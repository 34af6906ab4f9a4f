"""The package layering holds: the import-linter contracts in pyproject.toml are kept, and no
module reaches another through ``importlib`` where a plain import would show the dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"

#: The one place that may import a module named at run time: stage plugins by entry point.
REGISTRY = Path("frontwire/pipeline/registry.py")

#: ``importlib`` detours that exist today and the change that removes them. Delete a line once
#: that change has landed; the test fails while a listed detour is gone, so the list stays true.
KNOWN_DETOURS: set[Path] = set()


def test_import_contracts_are_kept(capsys: pytest.CaptureFixture[str]) -> None:
    code = lint_imports(config_filename=str(REPO / "pyproject.toml"), no_cache=True, no_logo=True)
    assert code == 0, capsys.readouterr().out


def _detours(path: Path) -> list[int]:
    """Lines of ``path`` that import a frontwire module, or an unnamed one, through importlib."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in ("import_module", "__import__"):
            continue
        target = node.args[0] if node.args else None
        named = isinstance(target, ast.Constant) and isinstance(target.value, str)
        # An optional third-party package named literally (``icu``) is a checked extra, not a
        # hidden edge of our own graph.
        if not named or str(target.value).split(".")[0] == "frontwire":  # type: ignore[union-attr]
            lines.append(node.lineno)
    return lines


def test_no_importlib_detours_outside_the_plugin_registry() -> None:
    found = {
        path.relative_to(SRC): lines
        for path in sorted(SRC.rglob("*.py"))
        if path.relative_to(SRC) != REGISTRY and (lines := _detours(path))
    }
    assert set(found) == KNOWN_DETOURS, found
