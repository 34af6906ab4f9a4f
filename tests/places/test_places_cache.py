"""The cached index: a missing or corrupt cache is rebuilt with a message, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontwire.places.gazetteer import cache_path, load_gazetteer


@pytest.mark.slow
def test_corrupt_cache_is_rebuilt_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = cache_path(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"FWGAZ\x80\x05garbage, not a pickle")
    gaz = load_gazetteer(tmp_path)
    assert "unreadable" in capsys.readouterr().err
    assert len(gaz) > 200_000
    # The rebuilt cache is whole: the next load reads it quietly.
    again = load_gazetteer(tmp_path)
    assert capsys.readouterr().err == ""
    assert len(again) == len(gaz)


def test_cache_lives_under_xdg_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_path().parent == tmp_path / "frontwire"
