"""Image credits and captions are marked as boilerplate, whole lines, and kept in the text."""

from __future__ import annotations

import pytest

from frontwire.forensics.boilerplate import boilerplate_lines


@pytest.mark.parametrize(
    "line",
    [
        "Ukrainian soldiers reached the Russian border (Image: Getty)",
        "The takeover was a success for Ukraine.(Image: AFP / Getty)",
        "(Picture: PA)",
        "Troops in Kharkiv. Photo: Reuters",
        "Image credit: AFP",
        "A destroyed bridge near Izium (Getty Images)",
    ],
)
def test_credit_lines_are_boilerplate(line: str) -> None:
    text = f"First paragraph of the story.\n\n{line}\n\nThe story goes on."
    spans = boilerplate_lines(text)
    assert [text[s:e] for s, e in spans] == [line]


@pytest.mark.parametrize(
    "line",
    [
        "The governor said: troops will stay.",
        "He showed a photograph of the bridge (taken on Monday).",
        "The telephoto: a lens the reporters used",
        "Reuters reported that the convoy arrived.",
    ],
)
def test_running_text_is_not_boilerplate(line: str) -> None:
    assert boilerplate_lines(f"Intro.\n{line}\nOutro.") == []


def test_long_line_ending_in_a_credit_is_not_a_caption() -> None:
    text = "word " * 80 + "(Image: Getty)"
    assert boilerplate_lines(text) == []
