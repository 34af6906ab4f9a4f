"""HtmlExtractor: main text by blocks, metadata, and no guessed dates."""

from __future__ import annotations

import pytest

from frontwire.errors import InputError
from frontwire.ingest.html import HtmlExtractor

BODY = (
    "<p>Troops advanced along the river road on Tuesday, the defence ministry said in a "
    "statement, adding that fighting continued near two villages to the south.</p>"
    "<p>Local officials reported damage to a bridge<br>and to a power line.</p>"
    "<ul><li>Two villages were evacuated.</li><li>One road remains closed.</li></ul>"
)


def page(head: str = "", body: str = BODY, extra: str = "") -> str:
    return (
        f"<html><head><title>Front update</title>{head}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article>{body}</article>{extra}</body></html>"
    )


@pytest.fixture(scope="module")
def extractor() -> HtmlExtractor:
    return HtmlExtractor()


def test_blocks_become_paragraphs_and_line_breaks_stay_inside(extractor: HtmlExtractor) -> None:
    text = extractor.extract(page(), "p.html").text
    blocks = text.split("\n\n")
    assert blocks[0].startswith("Troops advanced")
    assert blocks[1] == "Local officials reported damage to a bridge\nand to a power line."
    assert "Two villages were evacuated." in blocks[2] and "One road" in blocks[2]
    assert "Home" not in text


def test_copyright_year_is_not_taken_for_a_date(extractor: HtmlExtractor) -> None:
    footer = "<footer><p>Copyright © 2019 Example Media. All rights reserved.</p></footer>"
    assert extractor.extract(page(extra=footer), "p.html").published is None


def test_metadata_date_is_taken(extractor: HtmlExtractor) -> None:
    head = '<meta name="date" content="2022-05-17">'
    assert extractor.extract(page(head=head), "p.html").published == "2022-05-17"


def test_page_without_main_text_names_the_input(extractor: HtmlExtractor) -> None:
    with pytest.raises(InputError) as caught:
        extractor.extract("<html><body><script>1</script></body></html>", "x.jsonl:4")
    assert caught.value.code == "FW308"
    assert caught.value.message.startswith("x.jsonl:4:")
